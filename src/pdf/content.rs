//! Content streams: display-list items → PDF operators (y flipped: the display list has its
//! origin top-left, PDF bottom-left).

use super::fonts::Embedded;
use super::images::EmbeddedImage;
use crate::display::{GlyphRun, Item, Page, Paint};
use crate::model::Cmyk;
use pdf_writer::{Content, Name, Str, TextStr};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What drawing an item needs besides the item.
pub(super) struct Resources<'a> {
    /// Embedded fonts.
    pub fonts: &'a [Embedded],
    /// Embedded images by file.
    pub images: &'a BTreeMap<PathBuf, EmbeddedImage>,
    /// Draw the page's proof marks (in optional content `/MC0`): proofs only.
    pub proof_layer: bool,
}

/// The content stream of one page, in the display list's paint order. The display list is
/// trim-relative; `cm` moves it to the trim box inside the bleed and slug. The proof layer goes
/// in its own optional content `/MC0` (so it can be hidden), where the page's stream has it.
pub(super) fn page_content(page: &Page, res: &Resources) -> Vec<u8> {
    let mut c = Content::new();
    let o = super::origin(page);
    if o != 0.0 {
        c.transform([1.0, 0.0, 0.0, 1.0, o, o]);
    }
    let mut ink = Ink::default();
    let h = page.height;
    for step in page.paint(res.proof_layer) {
        match step {
            Paint::Glyphs(run) => {
                ink.fill(&mut c, run.color);
                text_run(&mut c, run, res.fonts, h);
            }
            Paint::Graphic(item) => draw(&mut c, &mut ink, item, res, h),
            Paint::ProofBegin => {
                c.begin_marked_content_with_properties(Name(b"OC"))
                    .properties_named(Name(b"MC0"));
            }
            Paint::ProofEnd => {
                c.end_marked_content();
            }
        }
    }
    c.finish().to_vec()
}

/// A rule, rectangle or image.
fn draw(c: &mut Content, ink: &mut Ink, item: &Item, res: &Resources, h: f32) {
    match item {
        Item::Rule {
            from,
            to,
            width,
            color,
        } => {
            ink.stroke(c, *color);
            c.set_line_width(*width);
            c.move_to(from.0, h - from.1)
                .line_to(to.0, h - to.1)
                .stroke();
        }
        Item::Rect {
            rect: [x, y, w, rh],
            stroke,
            fill,
        } => {
            if let Some(f) = fill {
                ink.fill(c, *f);
                c.rect(*x, h - y - rh, *w, *rh).fill_nonzero();
            }
            if let Some((width, color)) = stroke {
                ink.stroke(c, *color);
                c.set_line_width(*width);
                c.rect(*x, h - y - rh, *w, *rh).stroke();
            }
        }
        Item::Image {
            rect: [x, y, w, ih],
            clip: [cx, cy, cw, ch],
            image,
        } => {
            // A photo knocks out what is under it (outside q…Q, so the state is known).
            ink.knockout(c);
            c.save_state();
            c.rect(*cx, h - cy - ch, *cw, *ch).clip_nonzero().end_path();
            c.transform([*w, 0.0, 0.0, *ih, *x, h - y - ih]);
            c.x_object(super::images::name(res.images, image));
            c.restore_state();
        }
        Item::Line(_) | Item::Text(_) | Item::Region(_) | Item::Proof(_) => {}
    }
}

/// The current fill and stroke colours and overprint state, so each is set only on change.
/// K-only ink overprints (`GS0`: a black plate that never knocks out, so misregistration
/// leaves no white halo); any other colour knocks out (`GS1`).
#[derive(Default)]
struct Ink {
    fill: Option<Cmyk>,
    stroke: Option<Cmyk>,
    overprint: Option<bool>,
}

impl Ink {
    fn fill(&mut self, c: &mut Content, color: Cmyk) {
        self.overprint(c, color);
        if self.fill != Some(color) {
            let [cc, m, y, k] = color.0;
            c.set_fill_cmyk(cc, m, y, k);
            self.fill = Some(color);
        }
    }

    fn stroke(&mut self, c: &mut Content, color: Cmyk) {
        self.overprint(c, color);
        if self.stroke != Some(color) {
            let [cc, m, y, k] = color.0;
            c.set_stroke_cmyk(cc, m, y, k);
            self.stroke = Some(color);
        }
    }

    fn knockout(&mut self, c: &mut Content) {
        self.set_overprint(c, false);
    }

    fn overprint(&mut self, c: &mut Content, color: Cmyk) {
        self.set_overprint(c, color.is_k_only());
    }

    fn set_overprint(&mut self, c: &mut Content, op: bool) {
        if self.overprint != Some(op) {
            c.set_parameters(Name(if op { b"GS0" } else { b"GS1" }));
            self.overprint = Some(op);
        }
    }
}

/// One glyph run: `Tm` at its first glyph, then `TJ` with adjustments so every glyph lands on
/// its display-list x; clusters without a one-to-one ToUnicode entry get `/ActualText`.
fn text_run(c: &mut Content, run: &GlyphRun, fonts: &[Embedded], h: f32) {
    let Some(font) = fonts.iter().find(|e| e.font == run.font) else {
        return;
    };
    let Some(first) = run.glyphs.first() else {
        return;
    };
    c.begin_text();
    c.set_font(Name(font.resource.as_bytes()), run.size);
    c.set_text_matrix([1.0, 0.0, 0.0, 1.0, first.x, h - run.baseline]);
    let mut pen = first.x;
    let mut rise = 0.0;
    let mut i = 0;
    // One buffer for the pending `TJ` of every cluster of the run.
    let mut tj: Vec<(f32, u16)> = Vec::new();
    while i < run.glyphs.len() {
        // A cluster: glyphs sharing one source range.
        let cluster = &run.glyphs[i].cluster;
        let j = i + run.glyphs[i..]
            .iter()
            .take_while(|g| &g.cluster == cluster)
            .count();
        let text = &run.text[cluster.clone()];
        let glyphs = &run.glyphs[i..j];
        let mapped = glyphs.len() == 1
            && font
                .to_unicode
                .get(&font.cid(glyphs[0].gid))
                .is_some_and(|t| t == text);
        if !mapped {
            c.begin_marked_content_with_properties(Name(b"Span"))
                .properties()
                .actual_text(TextStr(text));
        }
        for g in glyphs {
            if g.dy != rise {
                flush(c, &mut tj);
                rise = g.dy;
                c.set_rise(rise);
            }
            let adjust = -(g.x - pen) * 1000.0 / run.size;
            tj.push((adjust, font.cid(g.gid)));
            pen = g.x + g.advance;
        }
        flush(c, &mut tj);
        if !mapped {
            c.end_marked_content();
        }
        i = j;
    }
    // Ts outlives ET: leave the rise at 0 for the next run.
    if rise != 0.0 {
        c.set_rise(0.0);
    }
    c.end_text();
}

/// Writes pending glyphs as one `TJ`, adjustments rounded to 1/1000 em (0 ones omitted).
fn flush(c: &mut Content, tj: &mut Vec<(f32, u16)>) {
    if tj.is_empty() {
        return;
    }
    let mut op = c.show_positioned();
    let mut items = op.items();
    let mut bytes = Vec::new();
    for (adjust, cid) in tj.drain(..) {
        let adjust = (adjust * 100.0).round() / 100.0;
        if adjust != 0.0 {
            if !bytes.is_empty() {
                items.show(Str(&bytes));
                bytes.clear();
            }
            items.adjust(adjust);
        }
        bytes.extend_from_slice(&cid.to_be_bytes());
    }
    if !bytes.is_empty() {
        items.show(Str(&bytes));
    }
}
