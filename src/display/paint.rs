//! The paint order of a page, defined once: the PDF writer and the PNG renderer both draw
//! what [`Page::paint`] yields, in that order.

use super::{GlyphRun, Item, Page};

/// One step of painting a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Paint<'a> {
    /// Glyphs: a run of a set line or a free text item.
    Glyphs(&'a GlyphRun),
    /// A [`Item::Rule`], [`Item::Rect`] or [`Item::Image`].
    Graphic(&'a Item),
    /// The proof layer begins; its steps follow until [`Paint::ProofEnd`].
    ProofBegin,
    /// The proof layer ends.
    ProofEnd,
}

impl Page {
    /// The page's paint steps in order; the proof layer only when `marks` is true (and the
    /// page has one). Regions and tags paint nothing.
    pub fn paint(&self, marks: bool) -> Vec<Paint<'_>> {
        let mut out = Vec::with_capacity(self.items.len() * 2);
        for item in &self.items {
            match item {
                Item::Proof(layer) => {
                    if marks && !layer.is_empty() {
                        out.push(Paint::ProofBegin);
                        steps(layer, &mut out);
                        out.push(Paint::ProofEnd);
                    }
                }
                _ => steps(std::slice::from_ref(item), &mut out),
            }
        }
        out
    }
}

/// The paint steps of `items` outside any layer (a nested proof layer paints nothing).
fn steps<'a>(items: &'a [Item], out: &mut Vec<Paint<'a>>) {
    for item in items {
        match item {
            Item::Line(l) => out.extend(l.runs.iter().map(Paint::Glyphs)),
            Item::Text(run) => out.push(Paint::Glyphs(run)),
            Item::Rule { .. } | Item::Rect { .. } | Item::Image { .. } => {
                out.push(Paint::Graphic(item))
            }
            Item::Region(_) | Item::Proof(_) => {}
        }
    }
}
