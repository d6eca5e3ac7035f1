//! Turning a set line into glyph runs of the display list.

use crate::display::{GlyphRun, PlacedGlyph};
use crate::linebreak::Line;
use crate::shape::{CharClass, ShapedPara};

/// The glyph runs of `line` with its left edge at `x0` on `baseline`, split where the font or
/// size changes; also returns the line's text.
pub(super) fn line_runs(
    para: &ShapedPara,
    line: &Line,
    x0: f32,
    baseline: f32,
) -> (Vec<GlyphRun>, String) {
    let mut runs: Vec<GlyphRun> = Vec::new();
    let mut text = String::new();
    for (k, ci) in line.clusters.clone().enumerate() {
        let c = &para.clusters[ci];
        let src = para.cluster_text(ci);
        text.push_str(src);
        if c.class == CharClass::Space && (k == 0 || ci + 1 == line.clusters.end) {
            continue;
        }
        let same = runs
            .last()
            .is_some_and(|r| r.font == c.font && r.size == c.size);
        if !same {
            runs.push(GlyphRun {
                font: c.font,
                size: c.size,
                baseline,
                text: String::new(),
                glyphs: Vec::new(),
                color: crate::model::Cmyk::BLACK,
            });
        }
        let run = runs.last_mut().expect("a run was just pushed");
        let start = run.text.len();
        run.text.push_str(src);
        let range = start..run.text.len();
        let mut pen = x0 + line.xs[k];
        for g in &para.glyphs[c.glyphs.clone()] {
            run.glyphs.push(PlacedGlyph {
                gid: g.gid,
                x: pen + g.dx,
                dy: g.dy,
                advance: g.font_advance,
                cluster: range.clone(),
            });
            pen += g.advance;
        }
    }
    (runs, text)
}
