//! Line breaking and justification of shaped paragraphs.
//!
//! The [`LineBreaker`] is resumable: ask it for the next line at any width (frames of a chain
//! may differ), checkpoint and revert. Lines are chosen greedily with 避头尾 handled by push-in
//! (compress punctuation so the forbidden mark still fits) or push-out (move a character down
//! and spread the line), and with a look-ahead that avoids 孤字 (a paragraph's last line holding
//! one character).

mod justify;
mod opportunities;

pub use justify::{Adjust, BreakKind};
pub use opportunities::break_opportunities;

use crate::model::{Kinsoku, PushStrategy};
use crate::shape::{CharClass, ShapedPara};
use std::ops::Range;

/// Tolerance for width comparisons, in points.
const EPS: f32 = 0.01;

/// One line of a paragraph, positioned relative to its left edge.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Clusters on the line.
    pub clusters: Range<usize>,
    /// Glyph origin x of each cluster (same length as `clusters`).
    pub xs: Vec<f32>,
    /// Right edge of the set line (the measure when justified).
    pub width: f32,
    /// What was done to the line.
    pub adjust: Adjust,
    /// Last line of its paragraph (set flush left, not justified).
    pub last: bool,
}

/// How a paragraph's lines are set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineSettings {
    /// First-line indent in points.
    pub indent: f32,
    /// Set non-final lines to the full measure (body text) or leave them natural (headlines).
    pub justify: bool,
    /// Space between a Han character and an adjacent Latin letter or digit, in em (CLREQ
    /// #handling_western_text_in_chinese_text_using_proportional_fonts: about ¼ em).
    pub han_latin: f32,
    /// 避头尾 level and push strategy.
    pub kinsoku: Kinsoku,
}

impl LineSettings {
    /// Body text: justified, with a first-line indent.
    pub fn body(indent: f32, han_latin: f32) -> Self {
        LineSettings {
            indent,
            justify: true,
            han_latin,
            kinsoku: Kinsoku::default(),
        }
    }

    /// Headlines and boxes: natural lines, no indent.
    pub fn ragged(han_latin: f32) -> Self {
        LineSettings {
            indent: 0.0,
            justify: false,
            han_latin,
            kinsoku: Kinsoku::default(),
        }
    }

    /// The same settings under other 避头尾 rules.
    pub fn with_kinsoku(self, kinsoku: Kinsoku) -> Self {
        LineSettings { kinsoku, ..self }
    }
}

/// Hands out the lines of one paragraph, one at a time.
#[derive(Debug, Clone)]
pub struct LineBreaker<'a> {
    para: &'a ShapedPara,
    allowed: Vec<bool>,
    /// Fixed compression of adjacent punctuation (`。”` → 1.5 em), per cluster.
    squeeze: Vec<f32>,
    /// Han–Latin space before each cluster (none at a line start).
    gap: Vec<f32>,
    indent: f32,
    pos: usize,
    justify: bool,
    push: PushStrategy,
}

impl<'a> LineBreaker<'a> {
    /// A breaker for `para` set as `settings` say.
    pub fn new(para: &'a ShapedPara, settings: &LineSettings) -> Self {
        let allowed = break_opportunities(para, &settings.kinsoku);
        let squeeze = justify::pair_squeeze(para);
        let gap = han_latin_gaps(para, settings.han_latin);
        LineBreaker {
            para,
            allowed,
            squeeze,
            gap,
            indent: settings.indent,
            pos: 0,
            justify: settings.justify,
            push: settings.kinsoku.push,
        }
    }

    /// Whether every cluster has been handed out.
    pub fn done(&self) -> bool {
        self.para.clusters[self.pos.min(self.para.clusters.len())..]
            .iter()
            .all(|c| c.class == CharClass::Space)
    }

    /// Position to come back to with [`LineBreaker::revert`].
    pub fn checkpoint(&self) -> usize {
        self.pos
    }

    /// Goes back to a checkpoint.
    pub fn revert(&mut self, checkpoint: usize) {
        self.pos = checkpoint;
    }

    /// Clusters not yet handed out.
    pub fn remaining(&self) -> Range<usize> {
        self.pos..self.para.clusters.len()
    }

    /// The next line at `measure` points, or `None` when the paragraph is done.
    pub fn next_line(&mut self, measure: f32) -> Option<Line> {
        if self.done() {
            return None;
        }
        let cl = &self.para.clusters;
        // A line never starts with the spaces left over from the previous break.
        while self.pos > 0 && self.pos < cl.len() && cl[self.pos].class == CharClass::Space {
            self.pos += 1;
        }
        if self.done() {
            return None;
        }
        let start = self.pos;
        let indent = if start == 0 { self.indent } else { 0.0 };
        let (end, kind) = self.choose_break(start, indent, measure);
        let lone = self.avoid_lone_char(start, end, indent, measure);
        let kind = if lone != end {
            BreakKind::LoneChar
        } else {
            kind
        };
        let end = lone;
        self.pos = end;
        let last = end == self.para.clusters.len();
        let line = justify::set_line(self, start..end, indent, measure, kind, last);
        Some(line)
    }

    /// Natural width of `range` set as one line (line-end blank trimmed, trailing spaces free).
    fn natural(&self, range: Range<usize>) -> f32 {
        let mut w: f32 = range.clone().map(|i| self.nat(i)).sum();
        w += (range.start + 1..range.end)
            .map(|i| self.gap[i])
            .sum::<f32>();
        let mut end = range.end;
        while end > range.start && self.para.clusters[end - 1].class == CharClass::Space {
            w -= self.nat(end - 1);
            end -= 1;
        }
        if end > range.start {
            w -= self.end_trim(end - 1);
        }
        w
    }

    /// Advance of cluster `i` after fixed pair compression.
    fn nat(&self, i: usize) -> f32 {
        self.para.clusters[i].advance - self.squeeze[i]
    }

    /// How much of cluster `i` may hang blank past the line end (½ em of a mark with its blank
    /// on the right; CLREQ: line-end marks are set half-width so lines end flush).
    fn end_trim(&self, i: usize) -> f32 {
        justify::right_blank(self.para, &self.squeeze, i)
    }

    /// Extra compression available on `range` for push-in: ½ em of each mark with a blank
    /// side not already compressed (not 。？！, which stay full width in the 全角 style).
    fn shrinkable(&self, range: Range<usize>) -> f32 {
        let last = range.end.saturating_sub(1);
        range
            .filter(|&i| i != last && self.squeeze[i] == 0.0)
            .map(|i| justify::optional_squeeze(&self.para.clusters[i]))
            .sum()
    }

    /// Picks where the line starting at `start` ends, and how.
    fn choose_break(&self, start: usize, indent: f32, measure: f32) -> (usize, BreakKind) {
        let n = self.para.clusters.len();
        let avail = measure - indent;
        let mut end = start;
        while end < n && self.natural(start..end + 1) <= avail + EPS {
            end += 1;
        }
        if end == n {
            return (n, BreakKind::Natural);
        }
        if end > start && self.allowed[end] {
            return (end, BreakKind::Natural);
        }
        let push_in = || {
            // Push-in: take the next allowed break if compression can absorb the excess.
            let e = (end + 1..=(end + 2).min(n)).find(|&e| self.allowed[e])?;
            let excess = self.natural(start..e) - avail;
            (e > start && excess <= self.shrinkable(start..e) + EPS)
                .then_some((e, BreakKind::PushIn))
        };
        // Push-out: the last allowed break before the overflow.
        let push_out = || {
            (start + 1..end)
                .rev()
                .find(|&e| self.allowed[e])
                .map(|e| (e, BreakKind::PushOut))
        };
        let chosen = match self.push {
            PushStrategy::InFirst => push_in().or_else(push_out),
            PushStrategy::OutFirst => push_out().or_else(push_in),
            PushStrategy::OutOnly => push_out(),
        };
        chosen.unwrap_or((end.max(start + 1), BreakKind::Forced))
    }

    /// Extra space per stretchable gap if `range` is justified to `avail` points.
    fn stretch_per_gap(&self, range: Range<usize>, avail: f32) -> f32 {
        let gaps = (range.start..range.end - 1)
            .filter(|&i| opportunities::stretchable(self.para, &self.allowed, i))
            .count();
        (avail - self.natural(range)) / gaps.max(1) as f32
    }

    /// 孤字: if the rest of the paragraph would be one character (plus marks), end this line one
    /// break earlier so the last line holds at least two (CLREQ #handling_of_the_last_line).
    fn avoid_lone_char(&self, start: usize, end: usize, indent: f32, measure: f32) -> usize {
        let n = self.para.clusters.len();
        if !self.justify || end == n || self.natural(end..n) > measure + EPS {
            return end;
        }
        let letters = (end..n)
            .filter(|&i| {
                !self.para.clusters[i].class.no_start()
                    && self.para.clusters[i].class != CharClass::Space
            })
            .count();
        if letters > 1 {
            return end;
        }
        let earlier = (start + 1..end).rev().find(|&e| self.allowed[e]);
        match earlier {
            // Only if the shortened line does not have to stretch by more than ½ em per gap.
            Some(e)
                if self.stretch_per_gap(start..e, measure - indent)
                    <= self.para.clusters[start].size / 2.0 =>
            {
                e
            }
            _ => end,
        }
    }
}

/// The Han–Latin space before each cluster: `em` × size between a Han character and a Latin
/// letter or digit, none next to punctuation or where the text already has a space.
fn han_latin_gaps(para: &ShapedPara, em: f32) -> Vec<f32> {
    let mut gap = vec![0.0; para.clusters.len()];
    for (i, pair) in para.clusters.windows(2).enumerate() {
        // Letters and digits only: no space next to `/`, `%`, `.` and other marks.
        let western = |k: usize| {
            let c = &pair[k];
            matches!(c.class, CharClass::Latin | CharClass::Digit)
                && para.text[c.text.clone()].starts_with(char::is_alphanumeric)
        };
        let (a, b) = (pair[0].class, pair[1].class);
        if (a == CharClass::Han && western(1)) || (western(0) && b == CharClass::Han) {
            gap[i + 1] = em * pair[1].size.min(pair[0].size);
        }
    }
    gap
}

#[cfg(test)]
mod tests;
