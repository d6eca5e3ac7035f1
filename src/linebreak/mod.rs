//! Line breaking and justification of shaped paragraphs.
//!
//! The [`LineBreaker`] is resumable: ask it for the next line at any width (frames of a chain
//! may differ), checkpoint and revert. 避头尾 is handled by push-in
//! (compress punctuation so the forbidden mark still fits) or push-out (move a character down
//! and spread the line); justified text is broken total-fit (see `totalfit`), which also keeps
//! 孤字 (a paragraph's last line holding one character) away.

mod address;
mod justify;
mod opportunities;
pub mod phrase;
mod totalfit;

pub use justify::{Adjust, BreakKind};
pub(crate) use opportunities::break_opportunities;

use crate::model::{Kinsoku, PunctStyle, PushStrategy, Template};
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
    /// Where the line ends inside a word: the x of the hyphen set after its last cluster.
    pub hyphen: Option<f32>,
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
    /// Body text as the template sets it: justified, its first-line indent, its Han–Latin
    /// space and its 避头尾 rules. The only way the stages get body settings, so no caller can
    /// forget the template's rules.
    pub fn body(t: &Template) -> Self {
        LineSettings {
            indent: t.indent_chars as f32 * t.body.size,
            justify: true,
            han_latin: t.han_latin_space,
            kinsoku: t.kinsoku,
        }
    }

    /// The same settings with punctuation style `p`, if given (copyfit's 开明 step).
    pub fn with_punctuation(mut self, p: Option<PunctStyle>) -> Self {
        if let Some(p) = p {
            self.kinsoku.punctuation = p;
        }
        self
    }

    /// Lines of headlines, boxes, captions and furniture under the template's rules: no
    /// indent, justified or natural.
    pub fn block(t: &Template, justify: bool) -> Self {
        LineSettings {
            indent: 0.0,
            justify,
            ..LineSettings::body(t)
        }
    }
}

/// Hands out the lines of one paragraph, one at a time.
#[derive(Debug, Clone)]
pub struct LineBreaker<'a> {
    para: &'a ShapedPara,
    allowed: Vec<bool>,
    /// Gaps inside a URL or e-mail address, set solid (see `address`).
    solid: Vec<bool>,
    /// `hyphen[i]`: the width of the hyphen a line ending before cluster `i` inside a word
    /// takes (0: no hyphenation point there). Justified text only.
    hyphen: Vec<f32>,
    /// Fixed compression of adjacent punctuation (`。”` → 1.5 em), per cluster.
    squeeze: Vec<f32>,
    /// Han–Latin space before each cluster (none at a line start).
    gap: Vec<f32>,
    indent: f32,
    pos: usize,
    justify: bool,
    push: PushStrategy,
    style: PunctStyle,
    start_bracket_half: bool,
    plan: Option<Plan>,
    sums: Sums,
    fit: Fit,
}

/// How many lines a paragraph takes: as its spacing chooses, or — repairing a 孤行 — as few
/// or one more than that, where the rules and the spacing allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Fit {
    /// The best spacing.
    #[default]
    Normal,
    /// As few lines as the rules allow (compression before stretch).
    Tight,
    /// A line more where a little spacing buys it.
    Loose,
}

/// Prefix sums over the clusters, so a line's width and compression are O(1) to ask for
/// (total-fit asks for every candidate line). f64 keeps long paragraphs exact to 0.01 pt.
#[derive(Debug, Clone, Default)]
struct Sums {
    /// `width[i]`: advances (after pair compression) and Han–Latin gaps of clusters `..i`.
    width: Vec<f64>,
    /// `shrink[i]`: optional push-in compression of clusters `..i`.
    shrink: Vec<f64>,
    /// `gaps[i]`: stretchable gaps after clusters `..i`.
    gaps: Vec<u32>,
    /// `blank_from[i]`: where the run of spaces that ends clusters `..i` starts (`i` when
    /// cluster `i - 1` is no space), so a line's trailing spaces are dropped in O(1) — a
    /// pasted run of 300,000 spaces must not make breaking quadratic.
    blank_from: Vec<u32>,
    /// `next_ink[i]`: the first cluster at or after `i` that is no space.
    next_ink: Vec<u32>,
    /// Whether `width` never falls (no cluster narrower than nothing): what total-fit's
    /// pruning bisects on.
    rising: bool,
}

/// A total-fit plan: line starts and ends at one measure.
#[derive(Debug, Clone)]
struct Plan {
    measure: f32,
    starts: Vec<usize>,
    ends: Vec<usize>,
}

impl<'a> LineBreaker<'a> {
    /// A breaker for `para` set as `settings` say.
    pub fn new(para: &'a ShapedPara, settings: &LineSettings) -> Self {
        let (allowed, solid) = break_opportunities(para, &settings.kinsoku);
        let squeeze = justify::style_squeeze(para, settings.kinsoku.punctuation);
        let gap = han_latin_gaps(para, settings.han_latin);
        let hyphen = hyphen_widths(para, (&allowed, &solid), settings.justify);
        LineBreaker {
            para,
            allowed,
            solid,
            hyphen,
            squeeze,
            gap,
            indent: settings.indent,
            pos: 0,
            justify: settings.justify,
            push: settings.kinsoku.push,
            style: settings.kinsoku.punctuation,
            start_bracket_half: settings.kinsoku.start_bracket_half,
            plan: None,
            sums: Sums::default(),
            fit: Fit::Normal,
        }
        .with_sums()
    }

    fn with_sums(mut self) -> Self {
        let n = self.para.clusters.len();
        let mut sums = Sums {
            width: vec![0.0; n + 1],
            shrink: vec![0.0; n + 1],
            gaps: vec![0; n + 1],
            blank_from: vec![0; n + 1],
            next_ink: vec![n as u32; n + 1],
            rising: true,
        };
        for i in 0..n {
            let c = &self.para.clusters[i];
            let step = self.nat(i) + self.gap[i];
            sums.rising &= step >= 0.0;
            sums.width[i + 1] = sums.width[i] + step as f64;
            let opt = if self.squeeze[i] == 0.0 {
                justify::optional_squeeze(c)
            } else {
                0.0
            };
            sums.shrink[i + 1] = sums.shrink[i] + opt as f64;
            let gap =
                i + 1 < n && opportunities::stretchable(self.para, (&self.allowed, &self.solid), i);
            sums.gaps[i + 1] = sums.gaps[i] + gap as u32;
            let space = c.class == CharClass::Space;
            sums.blank_from[i + 1] = if space {
                sums.blank_from[i]
            } else {
                i as u32 + 1
            };
        }
        for i in (0..n).rev() {
            let space = self.para.clusters[i].class == CharClass::Space;
            sums.next_ink[i] = if space {
                sums.next_ink[i + 1]
            } else {
                i as u32
            };
        }
        self.sums = sums;
        self
    }

    /// Stretchable gaps inside `range`.
    fn gap_count(&self, range: Range<usize>) -> u32 {
        if range.len() < 2 {
            0
        } else {
            self.sums.gaps[range.end - 1] - self.sums.gaps[range.start]
        }
    }

    /// The same breaker with breaks only where `keep` also allows them (a headline's phrase
    /// or word boundaries); the 避头尾 rules still hold.
    pub fn only_at(mut self, keep: &[bool]) -> Self {
        for (a, &k) in self.allowed.iter_mut().zip(keep) {
            *a &= k;
        }
        if let Some(last) = self.allowed.last_mut() {
            *last = true;
        }
        self.plan = None;
        self.with_sums()
    }

    /// Sets the paragraph in as few lines as the rules allow (compression before stretch); used
    /// to pull a lone last line (孤行) back into the frame before.
    pub fn tight(self) -> Self {
        self.with_fit(Fit::Tight)
    }

    /// The breaker aiming at `fit`: a tight one pulls a lone last line (孤行) back into the
    /// frame before, a loose one sends a second line after it.
    pub fn with_fit(mut self, fit: Fit) -> Self {
        self.fit = fit;
        self.plan = None;
        self
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
        // A line never starts with the spaces left over from the previous break.
        self.pos = self.skip_spaces(self.pos);
        if self.done() {
            return None;
        }
        let start = self.pos;
        let indent = self.indent_at(start, measure);
        let end = if self.justify {
            self.planned_end(start, measure)
        } else {
            let (end, _) = self.choose_break(start, indent, measure);
            end
        };
        let tail = self.tail(end);
        let mut kind = self.kind_of(start, end, measure - indent - tail);
        if tail > 0.0 {
            kind = BreakKind::Hyphen;
        }
        self.pos = end;
        let last = end == self.para.clusters.len();
        let mut line = justify::set_line(self, start..end, indent, measure - tail, kind, last);
        if tail > 0.0 {
            line.hyphen = Some(line.width);
            line.width += tail;
        }
        Some(line)
    }

    /// The end of the line starting at `start` in the total-fit plan for `measure`, planning
    /// anew when the measure changed (the next frame is narrower or wider) or the plan has no
    /// line starting here (after a revert).
    fn planned_end(&mut self, start: usize, measure: f32) -> usize {
        let fits = |p: &Plan| p.measure == measure && (p.starts.binary_search(&start).is_ok());
        if !self.plan.as_ref().is_some_and(fits) {
            let ends = self.plan(start, measure);
            let mut starts = vec![start];
            starts.extend(
                ends[..ends.len().saturating_sub(1)]
                    .iter()
                    .map(|&e| self.skip_spaces(e)),
            );
            self.plan = Some(Plan {
                measure,
                starts,
                ends,
            });
        }
        let p = self.plan.as_ref().expect("plan was just made");
        let i = p.starts.binary_search(&start).unwrap_or(0);
        p.ends[i]
    }

    /// The first-line indent of a line starting at `start` on `measure` points: the settings'
    /// indent, but never so much that fewer than two characters fit after it — an indent
    /// wider than a narrow or 破栏 column would start the paragraph right of its frame, over
    /// the next article.
    fn indent_at(&self, start: usize, measure: f32) -> f32 {
        if start != 0 {
            return 0.0;
        }
        let em = self.para.clusters.first().map_or(0.0, |c| c.size);
        self.indent.min((measure - 2.0 * em).max(0.0))
    }

    /// The hyphen a line ending before cluster `end` needs: its width when `end` is a
    /// hyphenation point and no plain break, else 0.
    fn tail(&self, end: usize) -> f32 {
        if self.allowed[end] {
            0.0
        } else {
            self.hyphen[end]
        }
    }

    /// How the break at `end` came about, for the dump.
    fn kind_of(&self, start: usize, end: usize, avail: f32) -> BreakKind {
        let n = self.para.clusters.len();
        if self.natural(start..end) > avail + EPS {
            BreakKind::PushIn
        } else if end < n && self.natural(start..end + 1) <= avail + EPS && !self.allowed[end + 1] {
            BreakKind::PushOut
        } else {
            BreakKind::Natural
        }
    }

    /// Natural width of `range` set as one line (line-end blank trimmed, trailing spaces free).
    fn natural(&self, range: Range<usize>) -> f32 {
        if range.is_empty() {
            return 0.0;
        }
        let p = &self.sums;
        // Trailing spaces are free: the line's width ends at its last ink (spaces take no
        // Han–Latin gap, so their prefix widths are their advances).
        let end = (p.blank_from[range.end] as usize).max(range.start);
        let mut w = (p.width[end] - p.width[range.start]) as f32 - self.gap[range.start];
        w -= self.start_squeeze(range.start);
        if end > range.start {
            w -= self.end_trim(end - 1);
        }
        w
    }

    /// The blank half an opening bracket gives up at a line start, when the template says so.
    fn start_squeeze(&self, i: usize) -> f32 {
        let c = &self.para.clusters[i];
        if self.start_bracket_half
            && c.blank == Some(crate::shape::Blank::Left)
            && self.squeeze[i] == 0.0
        {
            c.size / 2.0
        } else {
            0.0
        }
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
        if range.is_empty() {
            return 0.0;
        }
        let last = range.end - 1;
        let taken = if self.start_squeeze(range.start) > 0.0 {
            self.start_squeeze(range.start)
        } else {
            0.0
        };
        ((self.sums.shrink[last] - self.sums.shrink[range.start]) as f32 - taken).max(0.0)
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
}

/// The hyphen width at each hyphenation point a justified line may end at (not inside a URL,
/// where it would change the address).
fn hyphen_widths(
    para: &ShapedPara,
    (allowed, solid): (&[bool], &[bool]),
    justify: bool,
) -> Vec<f32> {
    let mut w = vec![0.0; para.clusters.len() + 1];
    if justify {
        for h in &para.hyphens {
            if !allowed[h.before] && !solid[h.before - 1] {
                w[h.before] = h.glyph.advance;
            }
        }
    }
    w
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
