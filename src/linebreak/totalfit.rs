//! Total-fit line breaking (in the spirit of Knuth–Plass): the breaks of the rest of a
//! paragraph are chosen together, minimising the sum of line costs, so spacing stays even and a
//! paragraph does not end on a lone character (孤字) when any alternative exists
//! (CLREQ #line_adjustment, #handling_of_the_last_line).
//!
//! Cost of a line: stretch as `STRETCH × (extra per gap / em)²`; compression (push-in) a fixed
//! price that depends on the push strategy plus a share of `(used / available)²`; a line with no
//! gap to stretch `NO_GAPS`; a last line of one character `LONE_CHAR`; every line `LINE`.
//!
//! CLREQ #line_adjustment: shrink before stretch. Spreading a line of Chinese text is visible
//! (the checker's "loose" line is 0.08 em per gap, which costs 96 here), compressing its
//! punctuation is not, so with push-in first compression costs at most 35 — any choice of breaks
//! that avoids a spread line is taken.

use super::{EPS, Fit, LineBreaker};
use crate::model::PushStrategy;
use crate::shape::CharClass;

const LINE: f32 = 10.0;
/// Price of stretching every gap of a line by one em.
const STRETCH: f32 = 15_000.0;
/// Per-line cost when the paragraph must take as few lines as possible (孤行 repair).
const TIGHT_LINE: f32 = 50_000.0;
const NO_GAPS: f32 = 40_000.0;
const LONE_CHAR: f32 = 60_000.0;
const FORCED: f32 = 100_000.0;
/// What a line is worth to a paragraph set loose (孤行 repair).
const LOOSE_BONUS: f32 = 1_000.0;
/// A line ending in a hyphen: dearer than a little spacing (about 0.14 em per gap), far
/// cheaper than a letter-spaced word or a line left with one character.
const HYPHEN: f32 = 300.0;
/// A URL's next line starting with `.` `?` `#` `&` rather than after a `/`.
const URL_MARK: f32 = 200.0;

impl LineBreaker<'_> {
    /// The line ends of the rest of the paragraph from `from`, all lines at `measure` points.
    pub(super) fn plan(&self, from: usize, measure: f32) -> Vec<usize> {
        let n = self.para.clusters.len();
        let mut best: Vec<Option<(f32, usize)>> = vec![None; n + 1];
        best[from] = Some((0.0, from));
        for p in from..n {
            let Some((base, _)) = best[p] else { continue };
            let s = self.skip_spaces(p);
            if s >= n {
                relax(&mut best, n, base, p);
                continue;
            }
            let mut any = false;
            self.candidates(s, measure, |e, cost| {
                any = true;
                relax(&mut best, e, base + cost, p);
            });
            if !any {
                let indent = self.indent_at(s, measure);
                let (e, _) = self.choose_break(s, indent, measure);
                relax(&mut best, e, base + FORCED, p);
            }
        }
        let mut ends = Vec::new();
        let mut at = n;
        while at > from {
            ends.push(at);
            at = best[at].map_or(from, |(_, prev)| prev);
        }
        ends.reverse();
        ends
    }

    /// First non-space cluster at or after `p` (where a line after a break starts).
    pub(super) fn skip_spaces(&self, p: usize) -> usize {
        if p == 0 || p >= self.para.clusters.len() {
            return p;
        }
        self.sums.next_ink[p] as usize
    }

    /// Feasible line ends for a line starting at `s`, each given to `take` with its cost (a
    /// callback, not a list: this runs for every cluster of every paragraph at every measure).
    fn candidates(&self, s: usize, measure: f32, mut take: impl FnMut(usize, f32)) {
        let n = self.para.clusters.len();
        let indent = self.indent_at(s, measure);
        let avail = measure - indent;
        let em = self.para.clusters[s].size;
        for e in s + 1..=n {
            if self.natural(s..e) - self.shrinkable(s..e) - em > avail {
                break;
            }
            if !self.allowed[e] && self.hyphen[e] == 0.0 {
                continue;
            }
            let hyphen = if self.tail(e) > 0.0 { HYPHEN } else { 0.0 };
            if let Some(cost) = self.line_cost(s, e, avail - self.tail(e), em) {
                let cost = cost + hyphen + self.joint_cost(e);
                take(e, cost + self.per_line());
            }
        }
    }

    /// A URL broken before `.` `?` `#` `&` starts its next line with what reads as
    /// punctuation; after a `/` it does not, so that break is preferred where both fit.
    fn joint_cost(&self, e: usize) -> f32 {
        let inside = e > 0 && e < self.para.clusters.len() && self.solid[e - 1];
        if inside
            && !self.para.cluster_text(e).starts_with('/')
            && !self.para.cluster_text(e - 1).ends_with('/')
        {
            URL_MARK
        } else {
            0.0
        }
    }

    /// What each line costs: little normally, very much when the paragraph must be short, a
    /// bonus when it should take a line more — worth spreading a few lines by a character
    /// each, not a paragraph: a 孤行 is cured only where that stays less visible than it.
    fn per_line(&self) -> f32 {
        match self.fit {
            Fit::Normal => LINE,
            Fit::Tight => TIGHT_LINE,
            Fit::Loose => LINE - LOOSE_BONUS,
        }
    }

    /// Cost of the line `s..e` in `avail` points, or `None` when it cannot be set.
    fn line_cost(&self, s: usize, e: usize, avail: f32, em: f32) -> Option<f32> {
        let n = self.para.clusters.len();
        let natural = self.natural(s..e);
        if natural > avail + EPS {
            let need = natural - avail;
            let cap = self.shrinkable(s..e);
            // Push-in first: cheaper than any visible stretch (0.08 em costs 96); push-out
            // first: dearer than stretching half an em.
            let (price, scale) = match self.push {
                PushStrategy::OutOnly => return None,
                PushStrategy::InFirst => (5.0, 30.0),
                PushStrategy::OutFirst => (0.4 * STRETCH, 0.1 * STRETCH),
            };
            return (need <= cap + EPS).then(|| price + scale * (need / cap.max(EPS)).powi(2));
        }
        if e == n {
            let letters = (s..n)
                .filter(|&i| {
                    let c = self.para.clusters[i].class;
                    !c.no_start() && c != CharClass::Space
                })
                .count();
            // A repaired paragraph must not buy its line with a 孤字.
            let lone = if self.fit == Fit::Normal {
                LONE_CHAR
            } else {
                FORCED
            };
            return Some(if s > 0 && letters <= 1 { lone } else { 0.0 });
        }
        let gaps = self.gap_count(s..e);
        if gaps == 0 {
            return Some(if avail - natural > EPS { NO_GAPS } else { 0.0 });
        }
        let per = (avail - natural) / gaps as f32 / em;
        Some(STRETCH * per * per)
    }
}

fn relax(best: &mut [Option<(f32, usize)>], e: usize, cost: f32, from: usize) {
    if best[e].is_none_or(|(c, _)| cost < c) {
        best[e] = Some((cost, from));
    }
}
