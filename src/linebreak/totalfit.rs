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
/// The pruned searches tried before the full one: a pruned line costs more than the first
/// figure (its stretch alone; [`NO_GAPS`] is dearer still), and a plan found costing at most
/// the second is the full search's plan (below the first, with room for rounding). Most
/// paragraphs are planned by the first; a long or hard one by the second.
pub(super) const PRUNED: [(f32, f32); 2] = [(3_000.0, 2_700.0), (30_000.0, 27_000.0)];

impl LineBreaker<'_> {
    /// The line ends of the rest of the paragraph from `from`, all lines at `measure` points.
    ///
    /// A paragraph set normally is planned first without the lines whose stretch costs more
    /// than a bound of [`PRUNED`] (short lines that cannot be part of a good paragraph: most
    /// of each line's candidates); when the best plan found costs at most that bound's
    /// acceptance, it is the plan the full search finds — every cost is ≥ 0, so any plan with
    /// a pruned line costs more — and the same one, ties included (see `plan_within`).
    /// Otherwise the next bound is tried, and last the full search.
    pub(super) fn plan(&self, from: usize, measure: f32) -> Vec<usize> {
        if self.fit == Fit::Normal && self.sums.rising {
            for bound in PRUNED {
                if let Some(ends) = self.plan_within(from, measure, Some(bound)) {
                    return ends;
                }
            }
        }
        self.plan_within(from, measure, None)
            .expect("the full search always reaches the paragraph's end")
    }

    /// The DP over line ends: `best[e]` is the cheapest way to end a line before cluster `e`
    /// (ties to the first found, scanning starts in order). With `prune = (line, accept)`,
    /// lines whose stretch costs more than `line` are left out; a node on a winning path
    /// costing at most `accept` then has the same best cost and predecessor as in the full
    /// search (any path through a pruned line costs more), so the same breaks come out.
    /// `None` when the pruned search found no plan within `accept`.
    pub(super) fn plan_within(
        &self,
        from: usize,
        measure: f32,
        prune: Option<(f32, f32)>,
    ) -> Option<Vec<usize>> {
        // The stretch per gap, in em, past which a line costs more than the bound.
        let ratio = prune.map(|(line, _)| (line / STRETCH).sqrt());
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
            self.candidates((s, measure), ratio, |e, cost| {
                any = true;
                if let Some(cost) = cost {
                    relax(&mut best, e, base + cost, p);
                }
            });
            if !any {
                let indent = self.indent_at(s, measure);
                let (e, _) = self.choose_break(s, indent, measure);
                relax(&mut best, e, base + FORCED, p);
            }
        }
        let (total, _) = best[n]?;
        if prune.is_some_and(|(_, accept)| total > accept) {
            return None;
        }
        let mut ends = Vec::new();
        let mut at = n;
        while at > from {
            ends.push(at);
            at = best[at].map_or(from, |(_, prev)| prev);
        }
        ends.reverse();
        Some(ends)
    }

    /// First non-space cluster at or after `p` (where a line after a break starts).
    pub(super) fn skip_spaces(&self, p: usize) -> usize {
        if p == 0 || p >= self.para.clusters.len() {
            return p;
        }
        self.sums.next_ink[p] as usize
    }

    /// Feasible line ends for a line starting at `s`, each given to `take` with its cost (a
    /// callback, not a list: this runs for every cluster of every paragraph at every measure);
    /// a line left out by `prune` (stretched past that many em per gap) is given without one.
    fn candidates(
        &self,
        (s, measure): (usize, f32),
        prune: Option<f32>,
        mut take: impl FnMut(usize, Option<f32>),
    ) {
        let n = self.para.clusters.len();
        let indent = self.indent_at(s, measure);
        let avail = measure - indent;
        let em = self.para.clusters[s].size;
        let first = prune.map_or(s + 1, |k| self.first_unpruned(s, avail, k * em));
        for e in s + 1..first {
            // Pruned: set, the line would be stretched past the bound; a hyphen point
            // shortens the measure by its hyphen, so it is costed as it is.
            if self.allowed[e] {
                take(e, None);
            } else if self.hyphen[e] > 0.0 {
                self.candidate((s, e), (avail, em), &mut take);
            }
        }
        for e in first..=n {
            if self.natural(s..e) - self.shrinkable(s..e) - em > avail {
                break;
            }
            self.candidate((s, e), (avail, em), &mut take);
        }
    }

    /// The line `s..e`, if it may end at `e`, given to `take` with its cost.
    fn candidate(
        &self,
        (s, e): (usize, usize),
        (avail, em): (f32, f32),
        take: &mut impl FnMut(usize, Option<f32>),
    ) {
        if !self.allowed[e] && self.hyphen[e] == 0.0 {
            return;
        }
        let hyphen = if self.tail(e) > 0.0 { HYPHEN } else { 0.0 };
        if let Some(cost) = self.line_cost(s, e, avail - self.tail(e), em) {
            let cost = cost + hyphen + self.joint_cost(e);
            take(e, Some(cost + self.per_line()));
        }
    }

    /// The first line end after `s` (never past the paragraph's last cluster) whose line is
    /// not surely stretched by more than `per_gap` points per gap. Before it, even the
    /// widest the line can be — its clusters' advances and gaps, nothing trimmed, which is
    /// ≥ [`LineBreaker::natural`] — leaves more than `per_gap` for each of its `e - s` (≥ its
    /// gaps) in `avail`; that bound grows with `e`, so it is found by bisection.
    fn first_unpruned(&self, s: usize, avail: f32, per_gap: f32) -> usize {
        let sums = &self.sums;
        let widest = |e: usize| {
            let end = (sums.blank_from[e] as usize).max(s);
            (sums.width[end] - sums.width[s]) as f32 + per_gap * (e - s) as f32
        };
        let (mut lo, mut hi) = (s + 1, self.para.clusters.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if widest(mid) < avail {
                lo = mid + 1
            } else {
                hi = mid
            }
        }
        lo
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
