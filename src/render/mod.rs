//! PNG preview: the display list rasterised with tiny-skia, glyph outlines from the fonts
//! (skrifa), no external tools. For editors to look at a page in a browser or chat, and for
//! tests that compare pages as pictures. Colours are previewed with a naive CMYK → RGB; JPEG
//! photos, which baoban never decodes, show as grey boxes.

mod glyphs;

use crate::display::{Item, Page, Paint as Step};
use crate::error::{Error, Result};
use crate::font::FontBook;
use crate::model::{Cmyk, ImageData};
use glyphs::GlyphCache;
use tiny_skia::{FillRule, Paint, PathBuilder, Pixmap, Rect, Stroke, Transform};

/// A rendered page: RGB pixels, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raster {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// 3 bytes per pixel.
    pub rgb: Vec<u8>,
}

/// The most pixels a page is rendered with: 150 million (600 MB of RGBA), a broadsheet at
/// 674 dpi.
pub const MAX_PIXELS: u64 = 150_000_000;

/// Renders the trim area of `page` at `dpi`, proof marks included if `marks`.
pub fn render(page: &Page, book: &FontBook, dpi: f32, marks: bool) -> Result<Raster> {
    let s = dpi / 72.0;
    let (w, h) = (
        (page.width * s).ceil() as u32,
        (page.height * s).ceil() as u32,
    );
    // Bounded before anything is allocated: a 5,000 mm page at 1,200 dpi would ask for
    // hundreds of gigabytes.
    let pixels = u64::from(w) * u64::from(h);
    let too_large = || {
        let fit = dpi * (MAX_PIXELS as f32 / pixels as f32).sqrt();
        Error::invalid(
            "render",
            format!(
                "a {w}×{h} pixel page ({} megapixels) is more than the {} megapixels a render draws; give --dpi {} or less",
                pixels / 1_000_000,
                MAX_PIXELS / 1_000_000,
                fit.floor().max(1.0)
            ),
        )
    };
    if pixels > MAX_PIXELS {
        return Err(too_large());
    }
    let mut pm = Pixmap::new(w.max(1), h.max(1)).ok_or_else(too_large)?;
    pm.fill(tiny_skia::Color::WHITE);
    let mut cache = GlyphCache::default();
    let scale = Transform::from_scale(s, s);
    for step in page.paint(marks) {
        match step {
            Step::Glyphs(run) => glyphs(&mut pm, run, book, &mut cache, scale),
            Step::Graphic(item) => draw(&mut pm, item, scale),
            Step::ProofBegin | Step::ProofEnd => {}
        }
    }
    let rgb = pm
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    Ok(Raster {
        width: w,
        height: h,
        rgb,
    })
}

/// A naive CMYK → RGB for the screen (no profile: a preview, not a proof of colour).
fn paint(c: Cmyk) -> Paint<'static> {
    let [cc, m, y, k] = c.0;
    let ch = |v: f32| ((1.0 - v) * (1.0 - k) * 255.0).round() as u8;
    let mut p = Paint::default();
    p.set_color_rgba8(ch(cc), ch(m), ch(y), 255);
    p.anti_alias = true;
    p
}

fn stroke(width: f32) -> Stroke {
    Stroke {
        width,
        ..Stroke::default()
    }
}

/// A glyph run filled with the fonts' outlines.
fn glyphs<'a>(
    pm: &mut Pixmap,
    run: &crate::display::GlyphRun,
    book: &'a FontBook,
    cache: &mut GlyphCache<'a>,
    t: Transform,
) {
    let p = paint(run.color);
    for g in &run.glyphs {
        if let Some(path) = cache.path(book, run.font, g.gid, run.size) {
            let at = t.pre_translate(g.x, run.baseline - g.dy);
            pm.fill_path(path, &p, FillRule::Winding, at, None);
        }
    }
}

/// A rule, rectangle or image.
fn draw(pm: &mut Pixmap, item: &Item, t: Transform) {
    match item {
        Item::Rule {
            from,
            to,
            width,
            color,
        } => {
            let mut pb = PathBuilder::new();
            pb.move_to(from.0, from.1);
            pb.line_to(to.0, to.1);
            if let Some(path) = pb.finish() {
                pm.stroke_path(&path, &paint(*color), &stroke(*width), t, None);
            }
        }
        Item::Rect {
            rect: [x, y, w, h],
            stroke: st,
            fill,
        } => {
            let Some(r) = Rect::from_xywh(*x, *y, *w, *h) else {
                return;
            };
            if let Some(f) = fill {
                pm.fill_rect(r, &paint(*f), t, None);
            }
            if let Some((width, color)) = st {
                let path = PathBuilder::from_rect(r);
                pm.stroke_path(&path, &paint(*color), &stroke(*width), t, None);
            }
        }
        Item::Image { rect, clip, image } => image_item(pm, (rect, clip), image, t),
        Item::Line(_) | Item::Text(_) | Item::Region(_) | Item::Proof(_) => {}
    }
}

/// A decoded photo drawn scaled into `rect`, cropped to `clip`; a JPEG as a grey box.
fn image_item(
    pm: &mut Pixmap,
    (rect, clip): (&[f32; 4], &[f32; 4]),
    image: &crate::model::Image,
    t: Transform,
) {
    let Some(clip_r) = Rect::from_xywh(clip[0], clip[1], clip[2], clip[3]) else {
        return;
    };
    let ImageData::Pixels(px) = &image.data else {
        pm.fill_rect(clip_r, &paint(Cmyk([0.0, 0.0, 0.0, 0.3])), t, None);
        return;
    };
    let n = image.color.channels();
    let Some(mut src) = Pixmap::new(image.width, image.height) else {
        return;
    };
    for (dst, p) in src.data_mut().chunks_exact_mut(4).zip(px.chunks_exact(n)) {
        let (r, g, b) = match n {
            1 => (p[0], p[0], p[0]),
            3 => (p[0], p[1], p[2]),
            _ => (p[0], p[0], p[0]),
        };
        dst.copy_from_slice(&[r, g, b, 255]);
    }
    let sx = rect[2] / image.width as f32;
    let sy = rect[3] / image.height as f32;
    let pattern = tiny_skia::Pattern::new(
        src.as_ref(),
        tiny_skia::SpreadMode::Pad,
        tiny_skia::FilterQuality::Bilinear,
        1.0,
        Transform::from_row(sx, 0.0, 0.0, sy, rect[0], rect[1]),
    );
    let p = Paint {
        shader: pattern,
        ..Paint::default()
    };
    pm.fill_rect(clip_r, &p, t, None);
}

/// Encodes a raster as an 8-bit RGB PNG.
pub fn encode_png(r: &Raster) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, r.width, r.height);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc
            .write_header()
            .map_err(|e| Error::invalid("render", format!("PNG encoding failed: {e}")))?;
        w.write_image_data(&r.rgb)
            .map_err(|e| Error::invalid("render", format!("PNG encoding failed: {e}")))?;
    }
    Ok(out)
}

/// Decodes an 8-bit RGB PNG written by [`encode_png`] (for comparisons in tests).
pub fn decode_png(bytes: &[u8]) -> Result<Raster> {
    let bad = |e: String| Error::invalid("render", format!("not an RGB PNG: {e}"));
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .map_err(|e| bad(e.to_string()))?;
    let mut buf = vec![
        0;
        reader
            .output_buffer_size()
            .ok_or_else(|| bad("too large".into()))?
    ];
    let info = reader
        .next_frame(&mut buf)
        .map_err(|e| bad(e.to_string()))?;
    if info.color_type != png::ColorType::Rgb || info.bit_depth != png::BitDepth::Eight {
        return Err(bad(format!("{:?} {:?}", info.color_type, info.bit_depth)));
    }
    buf.truncate(info.buffer_size());
    Ok(Raster {
        width: info.width,
        height: info.height,
        rgb: buf,
    })
}

/// How two rasters differ: the share of pixels whose channels differ by more than
/// `threshold`, and a diff image (differing pixels red over a faded copy of `a`).
pub fn compare(a: &Raster, b: &Raster, threshold: u8) -> (f32, Raster) {
    let mut diff = a.clone();
    if (a.width, a.height) != (b.width, b.height) {
        return (1.0, diff);
    }
    let mut bad = 0usize;
    for (i, (pa, pb)) in a.rgb.chunks_exact(3).zip(b.rgb.chunks_exact(3)).enumerate() {
        let differs = pa.iter().zip(pb).any(|(x, y)| x.abs_diff(*y) > threshold);
        let d = &mut diff.rgb[i * 3..i * 3 + 3];
        if differs {
            bad += 1;
            d.copy_from_slice(&[255, 0, 0]);
        } else {
            for v in d.iter_mut() {
                *v = 255 - (255 - *v) / 4;
            }
        }
    }
    (bad as f32 / (a.width * a.height).max(1) as f32, diff)
}
