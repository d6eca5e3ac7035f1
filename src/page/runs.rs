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
        let flush = flush_end(para, line, ci);
        for g in &para.glyphs[c.glyphs.clone()] {
            let g = &flush.map_or(*g, |dx| crate::shape::Glyph { dx, ..*g });
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
    if let (Some(x), Some(run)) = (line.hyphen, runs.last_mut()) {
        add_hyphen(para, line, x0 + x, run);
    }
    // The display list holds every line of an edition until the PDF is written: vectors grown
    // by doubling kept a third of it as spare capacity (massif, 96 pages: 34 of 68 MB).
    runs.shrink_to_fit();
    for run in &mut runs {
        run.glyphs.shrink_to_fit();
        run.text.shrink_to_fit();
    }
    (runs, text)
}

/// The glyph offset that sets a ½ em interpunct ending a justified line with its glyph box
/// flush at the measure (its box is narrower than its slot; centred, it would end short of
/// the column edge, which readers of the PDF see as a ragged line).
fn flush_end(para: &ShapedPara, line: &Line, ci: usize) -> Option<f32> {
    let c = &para.clusters[ci];
    let last = ci + 1 == line.clusters.end && !line.last && line.hyphen.is_none();
    let [g] = &para.glyphs[c.glyphs.clone()] else {
        return None;
    };
    (last && c.class == CharClass::MiddleDot && g.font_advance <= c.advance)
        .then_some(c.advance - g.font_advance)
}

/// The hyphen of a line that ends inside a word, after its last glyph. It belongs to no
/// source text (an empty cluster), so the PDF marks it as not part of the text and a reader
/// copying the word gets it whole.
fn add_hyphen(para: &ShapedPara, line: &Line, x: f32, run: &mut GlyphRun) {
    let Some(h) = para.hyphens.iter().find(|h| h.before == line.clusters.end) else {
        return;
    };
    let end = run.text.len();
    run.glyphs.push(PlacedGlyph {
        gid: h.glyph.gid,
        x,
        dy: 0.0,
        advance: h.glyph.font_advance,
        cluster: end..end,
    });
}
