//! Filling: a story's paragraphs set line by line into its regions in order, on the baseline
//! grid, with what did not fit (overset) and what was left empty (underset).

use super::Region;
use crate::linebreak::{Line, LineBreaker, LineSettings};
use crate::shape::{CharClass, ShapedPara};

/// A line placed in a region.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLine {
    /// Index of the region in the thread.
    pub frame: usize,
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
}

/// Fills `frames` in order with `paras`, set as `settings` say. A paragraph whose last line
/// would stand alone at the head of a region (孤行) is set again as tight as the rules allow,
/// kept if that cures it.
pub fn fill(paras: &[ShapedPara], settings: &LineSettings, frames: &[Region]) -> Flowed {
    let mut cursor = Cursor {
        placed: Vec::new(),
        frame: 0,
        row: 0,
    };
    for (pi, para) in paras.iter().enumerate() {
        let mark = (cursor.placed.len(), cursor.frame, cursor.row);
        let mut breaker = LineBreaker::new(para, settings);
        if cursor.place(pi, &mut breaker, frames).is_err() {
            let over = count_overset(&paras[pi..], breaker, settings, frames.last());
            return Flowed {
                lines: cursor.placed,
                stop: Stop::Overset(over),
            };
        }
        if cursor.widow(mark.0) {
            // 孤行: the paragraph's last line alone at the head of a frame. Set the paragraph
            // again as tight as the rules allow; keep that only if it cures the widow.
            let normal = std::mem::take(&mut cursor.placed);
            let saved = (cursor.frame, cursor.row);
            cursor.placed = normal[..mark.0].to_vec();
            (cursor.frame, cursor.row) = (mark.1, mark.2);
            let mut tight = LineBreaker::new(para, settings).tight();
            let cured = cursor.place(pi, &mut tight, frames).is_ok() && !cursor.widow(mark.0);
            if !cured {
                cursor.placed = normal;
                (cursor.frame, cursor.row) = saved;
            }
        }
    }
    let (f, row) = (cursor.frame, cursor.row);
    let empty = frames.get(f).map_or(0, |fr| fr.lines - row)
        + frames.iter().skip(f + 1).map(|fr| fr.lines).sum::<u32>();
    Flowed {
        lines: cursor.placed,
        stop: Stop::Done { empty },
    }
}

/// The frame chain ran out before the text did.
struct ChainFull;

/// Where the next line goes, and what has been placed.
struct Cursor {
    placed: Vec<PlacedLine>,
    frame: usize,
    row: u32,
}

impl Cursor {
    /// Places the lines of paragraph `pi` from `breaker`; `Err` when the chain is full before
    /// the paragraph ends (the breaker then holds the rest).
    fn place(
        &mut self,
        pi: usize,
        breaker: &mut LineBreaker,
        frames: &[Region],
    ) -> Result<(), ChainFull> {
        while !breaker.done() {
            let Some(frame) = frames.get(self.frame) else {
                return Err(ChainFull);
            };
            let Some(line) = breaker.next_line(frame.width) else {
                break;
            };
            let baseline = frame.first_baseline() + self.row as f32 * frame.pitch;
            self.placed.push(PlacedLine {
                frame: self.frame,
                row: self.row,
                para: pi,
                x: frame.x,
                baseline,
                line,
            });
            self.row += 1;
            if self.row == frame.lines {
                self.frame += 1;
                self.row = 0;
            }
        }
        Ok(())
    }

    /// Whether the paragraph placed from index `first` ends with a lone line at the head of a
    /// frame after the first (孤行, CLREQ #handling_of_the_last_line).
    fn widow(&self, first: usize) -> bool {
        let lines = &self.placed[first..];
        match lines {
            [.., prev, last] => last.row == 0 && last.frame > prev.frame,
            _ => false,
        }
    }
}

/// Lines and characters left when the chain is full: the rest of the current paragraph (from
/// the breaker's position) and all later paragraphs, broken at the last frame's measure.
fn count_overset(
    rest: &[ShapedPara],
    mut breaker: LineBreaker,
    settings: &LineSettings,
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
    for p in &rest[1..] {
        over.chars += visible(p, 0..p.clusters.len());
        let mut b = LineBreaker::new(p, settings);
        while b.next_line(width).is_some() {
            over.lines += 1;
        }
    }
    over
}
