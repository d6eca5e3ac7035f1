#!/usr/bin/env python3
"""Draws gucheng.jpg, the stand-in photo of the examples: a city wall with a gate tower over a
moat at dawn, in grey (newsprint prints photos on the black plate). Needs Pillow; the JPEG is
committed, so building the examples does not."""
import random
from PIL import Image, ImageDraw, ImageFilter

W, H = 1500, 1100
random.seed(7)
img = Image.new("L", (W, H))
d = ImageDraw.Draw(img)
for y in range(H):  # sky: light at the horizon
    d.line([(0, y), (W, y)], fill=int(235 - 90 * (1 - y / H) ** 2))
wall_top, wall_bottom = 520, 800
d.rectangle([0, wall_top, W, wall_bottom], fill=92)
for x in range(0, W, 60):  # crenellations
    d.rectangle([x, wall_top - 38, x + 34, wall_top], fill=92)
for row in range(wall_top + 20, wall_bottom, 28):  # brick courses
    d.line([(0, row), (W, row)], fill=80, width=2)
# Gate tower with two roofs.
tx = 620
d.rectangle([tx, 330, tx + 300, wall_top], fill=70)
d.polygon([(tx - 70, 340), (tx + 370, 340), (tx + 270, 260), (tx + 30, 260)], fill=40)
d.polygon([(tx - 40, 430), (tx + 340, 430), (tx + 260, 380), (tx + 40, 380)], fill=45)
d.rectangle([tx + 110, 640, tx + 190, wall_bottom], fill=25)  # gate
d.pieslice([tx + 110, 600, tx + 190, 680], 180, 360, fill=25)
for y in range(wall_bottom, H):  # moat, reflecting the wall
    shade = 120 + int(40 * ((y - wall_bottom) / (H - wall_bottom)))
    d.line([(0, y), (W, y)], fill=shade)
for _ in range(900):  # ripples
    x, y = random.randrange(W), random.randrange(wall_bottom + 5, H)
    d.line([(x, y), (x + random.randrange(20, 80), y)], fill=random.randrange(150, 200))
for x in range(80, W, 140):  # willows on the bank
    d.ellipse([x - 60, wall_bottom - 120, x + 60, wall_bottom + 30], fill=55)
img = img.filter(ImageFilter.GaussianBlur(1.2))
# 1800 px wide: over 200 ppi in the broadsheet's four-column frame (495 pt), as newsprint wants.
img = img.resize((1800, 1320), Image.LANCZOS)
img.save("gucheng.jpg", quality=78, optimize=True)
