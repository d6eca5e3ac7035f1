//! Glyph outlines as tiny-skia paths, made once per glyph and size.

use crate::font::{FontBook, FontId};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use std::collections::BTreeMap;
use tiny_skia::{Path, PathBuilder};

/// Paths by (font, glyph, size in 1/100 pt), and each font's outline table, parsed once.
#[derive(Default)]
pub(super) struct GlyphCache<'a> {
    paths: BTreeMap<(FontId, u16, u32), Option<Path>>,
    outlines: BTreeMap<FontId, Option<skrifa::outline::OutlineGlyphCollection<'a>>>,
}

/// Builds a path in y-down page coordinates from y-up font outlines.
struct Pen(PathBuilder);

impl OutlinePen for Pen {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, -y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, -y);
    }
    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.0.quad_to(cx0, -cy0, x, -y);
    }
    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.0.cubic_to(cx0, -cy0, cx1, -cy1, x, -y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

impl<'a> GlyphCache<'a> {
    /// The outline of glyph `gid` at `size` points, origin on the baseline.
    pub(super) fn path(
        &mut self,
        book: &'a FontBook,
        font: FontId,
        gid: u16,
        size: f32,
    ) -> Option<&Path> {
        let key = (font, gid, (size * 100.0).round() as u32);
        if !self.paths.contains_key(&key) {
            let outlines = self
                .outlines
                .entry(font)
                .or_insert_with(|| (book.face(font).font_ref()).map(|f| f.outline_glyphs()));
            let path = outlines.as_ref().and_then(|o| outline(o, gid, size));
            self.paths.insert(key, path);
        }
        self.paths[&key].as_ref()
    }
}

fn outline(
    outlines: &skrifa::outline::OutlineGlyphCollection,
    gid: u16,
    size: f32,
) -> Option<Path> {
    let glyph = outlines.get(gid.into())?;
    let mut pen = Pen(PathBuilder::new());
    glyph
        .draw(
            DrawSettings::unhinted(Size::new(size), LocationRef::default()),
            &mut pen,
        )
        .ok()?;
    pen.0.finish()
}
