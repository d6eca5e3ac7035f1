//! Holes (开天窗): grid cells of the type area that nothing fills once the page is made up —
//! cells no block, frame, headline, photo, box or masthead covers, and the empty lines at the
//! foot of a region that its article left two or more lines short (one line short is the
//! ordinary end of a column). Read off the plan's rectangles and the page's own lines, so the
//! report says what the printed page shows.

use super::PageCtx;
use crate::display::{Item, LineKind, Page};
use serde::Serialize;

/// A hole: a rectangle of grid cells left empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hole {
    /// Page number (版次).
    pub page: u32,
    /// First and last basic column.
    pub cols: [u32; 2],
    /// First and last grid line.
    pub lines: [u32; 2],
    /// What left it: `uncovered`, or `empty under 'id'` (an article's region not filled).
    pub why: String,
}

impl Hole {
    /// Whether no rectangle of the plan covers it (rather than a region left short).
    pub fn uncovered(&self) -> bool {
        self.why == UNCOVERED
    }
}

/// The `why` of cells no rectangle covers.
const UNCOVERED: &str = "uncovered";

impl std::fmt::Display for Hole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.lines[1] + 1 - self.lines[0];
        let s = if n == 1 { "" } else { "s" };
        write!(
            f,
            "page {}: columns {}–{} × lines {}–{} ({n} line{s}): {}",
            self.page, self.cols[0], self.cols[1], self.lines[0], self.lines[1], self.why
        )
    }
}

/// The holes of one made-up page, top to bottom, left to right.
pub(super) fn holes(c: &PageCtx, page: &Page) -> Vec<Hole> {
    let g = &c.job.template.grid;
    let mut empty = vec![vec![None::<String>; g.lines as usize + 1]; g.columns as usize + 1];
    let mut covered = vec![vec![false; g.lines as usize + 1]; g.columns as usize + 1];
    for placed in c.pj.plan.rects() {
        let r = placed.rect;
        for col in r.cols[0]..=r.cols[1] {
            for line in r.lines[0]..=r.lines[1] {
                covered[col as usize][line as usize] = true;
            }
        }
    }
    for col in 1..=g.columns {
        for line in 1..=g.lines {
            if !covered[col as usize][line as usize] {
                empty[col as usize][line as usize] = Some(UNCOVERED.to_string());
            }
        }
    }
    for (col, lines, owner) in short_regions(c, page) {
        for line in lines[0]..=lines[1] {
            empty[col as usize][line as usize] = Some(format!("empty under '{owner}'"));
        }
    }
    rectangles(&empty, page.number)
}

/// The empty foot of every region two or more lines short: (column, lines, owner).
fn short_regions(c: &PageCtx, page: &Page) -> Vec<(u32, [u32; 2], String)> {
    let g = &c.job.template.grid;
    let mut out = Vec::new();
    for r in page.regions() {
        let [x, top, w, h] = r.rect;
        let rows = (h / g.pitch).round() as u32;
        let used = page
            .lines()
            .filter(|l| l.owner == r.owner && l.region == r.number)
            .filter(|l| matches!(l.kind, LineKind::Body | LineKind::Jump))
            .map(|l| l.row)
            .max()
            .unwrap_or(0);
        if rows < used + 2 {
            continue;
        }
        let first = ((top - g.top) / g.pitch).round() as u32 + 1 + used;
        let last = first + (rows - used) - 1;
        for col in (1..=g.columns).filter(|&col| {
            let cx = g.column_x(col) + g.char_size / 2.0;
            cx > x && cx < x + w
        }) {
            out.push((col, [first, last.min(g.lines)], r.owner.clone()));
        }
    }
    out
}

/// Empty cells grouped into rectangles: runs down each column, joined with the same run of
/// the column to the right.
fn rectangles(empty: &[Vec<Option<String>>], page: u32) -> Vec<Hole> {
    let mut runs: Vec<Hole> = Vec::new();
    for (col, cells) in empty.iter().enumerate().skip(1) {
        let mut line = 1;
        while line < cells.len() {
            let Some(why) = &cells[line] else {
                line += 1;
                continue;
            };
            let start = line;
            while line + 1 < cells.len() && cells[line + 1].as_ref() == Some(why) {
                line += 1;
            }
            let run = Hole {
                page,
                cols: [col as u32, col as u32],
                lines: [start as u32, line as u32],
                why: why.clone(),
            };
            match runs
                .iter_mut()
                .find(|h| h.cols[1] + 1 == run.cols[0] && h.lines == run.lines && h.why == run.why)
            {
                Some(h) => h.cols[1] = run.cols[1],
                None => runs.push(run),
            }
            line += 1;
        }
    }
    runs.sort_by_key(|h| (h.lines[0], h.cols[0]));
    runs
}

/// The shading of a hole on the proof layer.
pub(super) fn shade(c: &PageCtx, h: &Hole, color: crate::model::Cmyk) -> Item {
    let g = &c.job.template.grid;
    let x = g.column_x(h.cols[0]);
    let w = g.span_chars(h.cols[0], h.cols[1]) as f32 * g.char_size;
    let y = g.line_top(h.lines[0]);
    Item::Rect {
        rect: [x, y, w, (h.lines[1] + 1 - h.lines[0]) as f32 * g.pitch],
        stroke: None,
        fill: Some(color),
    }
}
