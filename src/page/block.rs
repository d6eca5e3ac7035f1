//! Blocks of centred or justified lines that are not part of a frame chain: headline parts,
//! box text, photo captions. Multi-line headlines are balanced: the measure is narrowed as far
//! as it goes without adding a line, so no line is left with one or two characters.

use super::runs::line_runs;
use crate::display::{LineKind, LineTag, TextLine};
use crate::linebreak::{Line, LineBreaker, LineSettings};
use crate::model::Align;
use crate::shape::ShapedPara;

/// A shaped paragraph with how it is to be set.
pub(super) struct BlockPara<'a> {
    /// The shaped text.
    pub para: &'a ShapedPara,
    /// Alignment.
    pub align: Align,
    /// Baseline-to-baseline distance.
    pub pitch: f32,
    /// Type size (for placing the baseline in the pitch).
    pub size: f32,
    /// Ascent of the font as a fraction of the em.
    pub ascent: f32,
    /// How its lines are broken (justified exactly when `align` is [`Align::Justify`]).
    pub settings: LineSettings,
}

/// Lines of a block para at `measure`, balanced unless justified.
pub(super) fn block_lines(bp: &BlockPara, measure: f32) -> Vec<Line> {
    let justify = bp.settings.justify;
    let set = |m: f32| {
        let mut b = LineBreaker::new(bp.para, &bp.settings);
        std::iter::from_fn(|| b.next_line(m)).collect::<Vec<_>>()
    };
    let lines = set(measure);
    if justify || lines.len() < 2 {
        return lines;
    }
    // Balance: the narrowest measure that keeps the same number of lines and compresses no
    // more marks than the full measure did (a headline should not be squeezed to look even).
    let squeezed = |ls: &[Line]| ls.iter().map(|l| l.adjust.compressed).sum::<u32>();
    let allowed = squeezed(&lines);
    let (mut lo, mut hi) = (measure / lines.len() as f32, measure);
    for _ in 0..12 {
        let mid = (lo + hi) / 2.0;
        let trial = set(mid);
        if trial.len() <= lines.len() && squeezed(&trial) <= allowed {
            hi = mid
        } else {
            lo = mid
        }
    }
    set(hi)
}

/// Height of a block para set at `measure`.
pub(super) fn block_height(bp: &BlockPara, lines: usize) -> f32 {
    lines as f32 * bp.pitch
}

/// Places `lines` from `top` inside `[x, x + measure]`, each a tagged display-list line.
pub(super) fn place_block(
    bp: &BlockPara,
    lines: &[Line],
    (x, measure): (f32, f32),
    top: f32,
    (owner, kind): (&str, LineKind),
) -> Vec<TextLine> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let baseline = top + i as f32 * bp.pitch + (bp.pitch - bp.size) / 2.0 + bp.ascent * bp.size;
        let left = match bp.align {
            Align::Left | Align::Justify => x,
            Align::Center => x + (measure - line.width) / 2.0,
            Align::Right => x + measure - line.width,
        };
        let (runs, text) = line_runs(bp.para, line, left, baseline);
        let tag = LineTag {
            owner: owner.to_string(),
            kind,
            frame: 0,
            row: i as u32 + 1,
            baseline,
            x: (left, left + line.width),
            text,
            adjust: line.adjust.to_string(),
        };
        out.push(TextLine { tag, runs });
    }
    out
}
