//! Filling: a story's paragraphs set line by line into its regions in order, on the baseline
//! grid, with what did not fit (overset) and what was left empty (underset).

use super::Region;
use super::memo::{LineMemo, Lines};
use crate::linebreak::{Fit, Line, LineBreaker, LineSettings};
use crate::model::ParaKind;
use crate::shape::{CharClass, ShapedPara};

/// A line placed in a region.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLine {
    /// Index of the region in the thread.
    pub region: usize,
    /// Line number among the region's body lines, from 0.
    pub row: u32,
    /// Paragraph index.
    pub para: usize,
    /// Left edge of the line (the region's left edge).
    pub x: f32,
    /// Baseline.
    pub baseline: f32,
    /// The set line.
    pub line: Line,
}

/// Text that did not fit the chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overset {
    /// Lines over, counted at the last region's measure.
    pub lines: u32,
    /// Characters over (whitespace not counted).
    pub chars: usize,
}

/// Why flowing stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// All text was placed; `empty` lines were left at the end of the thread (underset).
    Done {
        /// Empty lines left in the thread.
        empty: u32,
    },
    /// The thread was full before the text ended.
    Overset(Overset),
}

/// The result of flowing one story.
#[derive(Debug, Clone, PartialEq)]
pub struct Flowed {
    /// Placed lines in reading order.
    pub lines: Vec<PlacedLine>,
    /// How it ended.
    pub stop: Stop,
    /// The 孤行 the flow cured, in paragraph order: each paragraph (from 0) set a line
    /// tighter or looser than its spacing would have chosen.
    pub widow_repairs: Vec<(usize, Fit)>,
}

/// Fills `regions` in order with `paras`, set as `settings` say. A paragraph whose last line
/// would stand alone at the head of a region (孤行) is set again as tight as the rules allow,
/// kept if that cures it (CLREQ #handling_of_the_last_line). Balancing, which calls this,
/// has its own cure: a row more per column.
pub fn fill(paras: &[ShapedPara], settings: &LineSettings, regions: &[Region]) -> Flowed {
    fill_with(paras, settings, regions, (None, false))
}

/// [`fill`], replaying lines from `memo` (lines broken before for the same story and
/// settings) where the measure is the same; with `loose`, a 孤行 a line fewer cannot cure
/// takes a line more when the chain has one to spare — the last resort, as it spreads a few
/// lines by about a character each.
pub fn fill_with(
    paras: &[ShapedPara],
    settings: &LineSettings,
    regions: &[Region],
    (memo, loose): (Option<&LineMemo>, bool),
) -> Flowed {
    let per_kind: Vec<LineSettings> = paras
        .iter()
        .map(|p| kind_settings(settings, p.kind))
        .collect();
    let flow = |spare: u32| fill_once((paras, &per_kind), regions, memo, spare);
    let first = flow(0);
    // A widow a line fewer could not cure may take a line more, if the chain has one.
    let widows = |f: &Flowed| super::faults::count(paras, f).widows;
    match first.stop {
        Stop::Done { empty } if loose && empty > 0 && widows(&first) > 0 => {
            let second = flow(empty);
            let done = matches!(second.stop, Stop::Done { .. });
            if done && widows(&second) < widows(&first) {
                second
            } else {
                first
            }
        }
        _ => first,
    }
}

/// One pass of [`fill_with`]: loose repairs may use up to `spare` lines in all.
fn fill_once(
    (paras, per_kind): (&[ShapedPara], &[LineSettings]),
    regions: &[Region],
    memo: Option<&LineMemo>,
    mut spare: u32,
) -> Flowed {
    let mut cursor = Cursor {
        placed: Vec::new(),
        region: 0,
        row: 0,
        aside: None,
    };
    let mut repairs = Vec::new();
    for (pi, para) in paras.iter().enumerate() {
        let settings = &per_kind[pi];
        if para.kind == ParaKind::CrossHead && pi + 1 < paras.len() {
            cursor.keep_with_next(para, settings, regions);
        }
        let mark = (cursor.placed.len(), cursor.region, cursor.row);
        // No memo once the chain is full: the rest is only counted.
        let here = regions.get(cursor.region);
        let memo = memo.filter(|_| here.is_some());
        let width = here.map_or(0.0, |r| r.width);
        let mut breaker = Lines::new((para, pi), settings, (memo, width), Fit::Normal);
        if cursor
            .place((pi, para.kind), &mut breaker, regions)
            .is_err()
        {
            let rest = breaker.into_breaker();
            let over = count_overset((&paras[pi..], &per_kind[pi..]), rest, regions.last());
            return Flowed {
                lines: cursor.placed,
                stop: Stop::Overset(over),
                widow_repairs: repairs,
            };
        }
        if cursor.widow(mark.0) {
            let set = |fit| Lines::new((para, pi), settings, (memo, width), fit);
            let cured = cursor.cure_widow(mark, (pi, para.kind), &set, (regions, &mut spare));
            repairs.extend(cured.map(|fit| (pi, fit)));
        }
    }
    let (f, row) = (cursor.region, cursor.row);
    let empty = regions.get(f).map_or(0, |fr| fr.lines - row)
        + regions.iter().skip(f + 1).map(|fr| fr.lines).sum::<u32>();
    Flowed {
        lines: cursor.placed,
        stop: Stop::Done { empty },
        widow_repairs: repairs,
    }
}

/// The thread ran out before the text did.
struct ChainFull;

/// Where the next line goes, and what has been placed.
struct Cursor {
    placed: Vec<PlacedLine>,
    region: usize,
    row: u32,
    /// A paragraph's first setting and where it left the cursor, while a cure is tried.
    aside: Option<(Vec<PlacedLine>, (usize, u32))>,
}

impl Cursor {
    /// Places the lines of paragraph `pi` from `breaker`; `Err` when the chain is full before
    /// the paragraph ends (the breaker then holds the rest).
    fn place(
        &mut self,
        (pi, kind): (usize, ParaKind),
        breaker: &mut Lines,
        regions: &[Region],
    ) -> Result<(), ChainFull> {
        while !breaker.done() {
            let Some(region) = regions.get(self.region) else {
                return Err(ChainFull);
            };
            let Some(line) = breaker.next_line(region.width) else {
                break;
            };
            let baseline = region.first_baseline() + self.row as f32 * region.pitch;
            // The byline ends flush with the measure.
            let x = match kind {
                ParaKind::Byline => region.x + (region.width - line.width).max(0.0),
                _ => region.x,
            };
            self.placed.push(PlacedLine {
                region: self.region,
                row: self.row,
                para: pi,
                x,
                baseline,
                line,
            });
            self.row += 1;
            if self.row == region.lines {
                self.region += 1;
                self.row = 0;
            }
        }
        Ok(())
    }

    /// Cures the 孤行 of the paragraph just placed from `mark`: set a line tighter, else a
    /// line looser if that takes no more than the `spare` lines left (which it uses up).
    /// Returns the cure kept; without one the paragraph stays as first set.
    fn cure_widow<'p>(
        &mut self,
        mark: (usize, usize, u32),
        para: (usize, ParaKind),
        set: &dyn Fn(Fit) -> Lines<'p>,
        (regions, spare): (&[Region], &mut u32),
    ) -> Option<Fit> {
        let normal = self.placed.len() - mark.0;
        for fit in [Fit::Tight, Fit::Loose] {
            let more = match self.cure(mark, para, set(fit), regions) {
                Some(n) => n.saturating_sub(normal) as u32,
                None => u32::MAX,
            };
            if more <= *spare {
                *spare -= more;
                self.aside = None;
                return Some(fit);
            }
            self.undo_cure(mark);
        }
        None
    }

    /// Sets paragraph `pi` again from `mark` (where it started) with `lines`: its line count
    /// when that cures its 孤行, else `None`. The paragraph's lines as first set are kept aside
    /// for [`Cursor::undo_cure`].
    fn cure(
        &mut self,
        mark: (usize, usize, u32),
        para: (usize, ParaKind),
        mut lines: Lines,
        regions: &[Region],
    ) -> Option<usize> {
        let first = self.placed.split_off(mark.0);
        self.aside = Some((first, (self.region, self.row)));
        (self.region, self.row) = (mark.1, mark.2);
        let fits = self.place(para, &mut lines, regions).is_ok();
        (fits && !self.widow(mark.0)).then(|| self.placed.len() - mark.0)
    }

    /// Puts back the lines [`Cursor::cure`] set aside (the cure did not hold).
    fn undo_cure(&mut self, mark: (usize, usize, u32)) {
        if let Some((first, at)) = self.aside.take() {
            self.placed.truncate(mark.0);
            self.placed.extend(first);
            (self.region, self.row) = at;
        }
    }

    /// Moves to the next region when cross-head `para` and the two lines after it would not
    /// all stand in this one: a 小标题 never ends a column or frame.
    fn keep_with_next(&mut self, para: &ShapedPara, settings: &LineSettings, regions: &[Region]) {
        let Some(region) = regions.get(self.region) else {
            return;
        };
        let need = super::line_count(para, settings, region.width) + 2;
        if self.row > 0 && region.lines - self.row < need && self.region + 1 < regions.len() {
            self.region += 1;
            self.row = 0;
        }
    }

    /// Whether the paragraph placed from index `first` ends with a lone line at the head of a
    /// region after the first (孤行, CLREQ #handling_of_the_last_line).
    fn widow(&self, first: usize) -> bool {
        let lines = &self.placed[first..];
        match lines {
            [.., prev, last] => last.row == 0 && last.region > prev.region,
            _ => false,
        }
    }
}

/// How a paragraph of `kind` is set: a cross-head ragged at the paragraph indent, the byline
/// ragged without indent (placed flush right), the rest as body text.
fn kind_settings(body: &LineSettings, kind: ParaKind) -> LineSettings {
    match kind {
        ParaKind::CrossHead => LineSettings {
            justify: false,
            ..*body
        },
        ParaKind::Byline => LineSettings {
            justify: false,
            indent: 0.0,
            ..*body
        },
        ParaKind::Body | ParaKind::EditorNote => *body,
    }
}

/// Lines and characters left when the chain is full: the rest of the current paragraph (from
/// the breaker's position) and all later paragraphs, broken at the last region's measure.
fn count_overset(
    (rest, settings): (&[ShapedPara], &[LineSettings]),
    mut breaker: LineBreaker,
    last: Option<&Region>,
) -> Overset {
    let width = last.map_or(f32::INFINITY, |f| f.width);
    let visible = |p: &ShapedPara, r: std::ops::Range<usize>| {
        r.filter(|&i| p.clusters[i].class != CharClass::Space)
            .map(|i| {
                p.cluster_text(i)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .count()
            })
            .sum::<usize>()
    };
    let mut over = Overset {
        lines: 0,
        chars: visible(&rest[0], breaker.remaining()),
    };
    while breaker.next_line(width).is_some() {
        over.lines += 1;
    }
    for (p, settings) in rest.iter().zip(settings).skip(1) {
        over.chars += visible(p, 0..p.clusters.len());
        let mut b = LineBreaker::new(p, settings);
        while b.next_line(width).is_some() {
            over.lines += 1;
        }
    }
    over
}
