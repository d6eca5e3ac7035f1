//! Blocks: every text outside an article's thread — headline parts, box text, photo captions,
//! jump lines, the running head and masthead, proof labels, the slug — goes one way: shaped in
//! its style, broken at its measure, placed. Multi-line blocks that are not justified are
//! balanced: the measure is narrowed as far as it goes without adding a line, so no line is
//! left with one or two characters.

use super::PageCtx;
use super::runs::line_runs;
use crate::display::{GlyphRun, LineKind, LineTag, TextLine};
use crate::error::Result;
use crate::linebreak::{Line, phrase};
use crate::model::{Align, Style};
use crate::shape::ShapedPara;

/// A text set in one style as lines, not yet placed.
pub(super) struct Block {
    /// The shaped text.
    para: ShapedPara,
    /// Alignment.
    align: Align,
    /// Baseline-to-baseline distance.
    pub pitch: f32,
    /// Type size (for placing the baseline in the pitch).
    size: f32,
    /// Ascent of the font as a fraction of the em.
    ascent: f32,
    /// The lines.
    pub lines: Vec<Line>,
}

impl PageCtx<'_> {
    /// Sets `text` in `style`, aligned `align`, as lines of `measure` (balanced unless
    /// justified); `who` names the text in errors.
    pub(super) fn block(
        &self,
        (text, style, align): (&str, &Style, Align),
        measure: f32,
        who: &str,
    ) -> Result<Block> {
        let para = self.shape(text, style, who)?;
        let settings = match align {
            Align::Justify => self.settings.justified,
            _ => self.settings.ragged,
        };
        let lines = phrase::balanced(&para, &settings, measure, None);
        Ok(Block {
            para,
            align,
            pitch: style.pitch,
            size: style.size,
            ascent: self.ascent(style),
            lines,
        })
    }
}

impl PageCtx<'_> {
    /// A headline part (引题, 主题, 副题, 续题; one line an editor forced with `|`): set as a
    /// block, broken at phrase boundaries when that keeps every line within two characters of
    /// the balanced break, else at word boundaries, else as any block.
    pub(super) fn headline_part(
        &self,
        (text, style): (&str, &Style),
        measure: f32,
        (who, one_more): (&str, bool),
    ) -> Result<Block> {
        let mut block = self.block((text, style, style.align), measure, who)?;
        if style.align != Align::Justify {
            let settings = &self.settings.ragged;
            block.lines = phrase::headline(&block.para, settings, measure, one_more);
        }
        Ok(block)
    }

    /// A note that is no line of the page (the slug's information line, proof labels): `text`
    /// in the body font at `size`, flush left at `x` with its line box from `top`, as plain
    /// glyph runs.
    pub(super) fn note(
        &self,
        text: &str,
        size: f32,
        (x, top, measure): (f32, f32, f32),
        who: &str,
    ) -> Result<Vec<GlyphRun>> {
        let style = Style {
            size,
            pitch: size * 1.2,
            ..self.job.template.body.clone()
        };
        let block = self.block((text, &style, Align::Left), measure, who)?;
        let lines = block.place((x, measure), top, (who, LineKind::Boxed));
        Ok(lines.into_iter().flat_map(|l| l.runs).collect())
    }
}

impl Block {
    /// Height of its lines.
    pub(super) fn height(&self) -> f32 {
        self.lines.len() as f32 * self.pitch
    }

    /// Places the lines from `top` inside `[x, x + measure]`, each a tagged display-list line
    /// numbered from 1.
    pub(super) fn place(
        &self,
        (x, measure): (f32, f32),
        top: f32,
        (owner, kind): (&str, LineKind),
    ) -> Vec<TextLine> {
        let mut out = Vec::new();
        for (i, line) in self.lines.iter().enumerate() {
            let baseline = top
                + i as f32 * self.pitch
                + (self.pitch - self.size) / 2.0
                + self.ascent * self.size;
            let left = match self.align {
                Align::Left | Align::Justify => x,
                Align::Center => x + (measure - line.width) / 2.0,
                Align::Right => x + measure - line.width,
            };
            let (runs, text) = line_runs(&self.para, line, left, baseline);
            let tag = LineTag {
                owner: owner.to_string(),
                kind,
                region: 0,
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
}
