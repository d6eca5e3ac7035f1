//! An article's thread: its regions in reading order on any pages, the lines reserved where it
//! leaves a page and where it resumes, filled (and balanced) with its text.

use super::{Faults, Flowed, LineMemo, Stop, balance, faults, fill_with};
use crate::linebreak::LineSettings;
use crate::model::{Grid, GridRect};
use crate::shape::ShapedPara;

/// One region of a thread: a rectangle of grid lines on a page, holding body lines of `width`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Region {
    /// Index of the page it is on, in edition order.
    pub page: usize,
    /// Left edge.
    pub x: f32,
    /// Top of its first line cell.
    pub top: f32,
    /// Width: the measure of its lines.
    pub width: f32,
    /// Baseline-to-baseline distance (the line cell's height).
    pub pitch: f32,
    /// Where a body baseline sits below the top of its line cell.
    pub baseline: f32,
    /// Line cells in the region.
    pub rows: u32,
    /// Line cells at its head kept for a jump line (（上接第X版）).
    pub skip: u32,
    /// Body lines it may hold (after the jump lines and balancing).
    pub lines: u32,
}

impl Region {
    /// A region of `rows` line cells, all for body text.
    pub fn new(
        page: usize,
        [x, top, width]: [f32; 3],
        (rows, pitch, baseline): (u32, f32, f32),
    ) -> Self {
        Region {
            page,
            x,
            top,
            width,
            pitch,
            baseline,
            rows,
            skip: 0,
            lines: rows,
        }
    }

    /// The regions of frame `r` on page `page` (one per 破栏 column), `pad` in from each side
    /// (a boxed article keeps ½ character from its rule), body baselines `baseline` below the
    /// top of each line cell.
    pub fn of_frame(
        grid: &Grid,
        page: usize,
        r: &GridRect,
        (pad, baseline): (f32, f32),
    ) -> Vec<Self> {
        grid.frame_areas(r)
            .into_iter()
            .map(|a| {
                let rows = (a.height / grid.pitch).round() as u32;
                let rect = [a.x + pad, a.top, a.width - 2.0 * pad];
                Region::new(page, rect, (rows, grid.pitch, baseline))
            })
            .collect()
    }

    /// Baseline of its first body line.
    pub fn first_baseline(&self) -> f32 {
        self.top + self.baseline + self.skip as f32 * self.pitch
    }
}

/// A jump line the thread needs: （下转第X版） where it leaves a page, （上接第X版） where it
/// resumes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JumpLine {
    /// Index of the region it is set in.
    pub region: usize,
    /// Its line cell in the region, from 0.
    pub row: u32,
    /// Out (下转, set flush right under the text) or in (上接, flush left at the head).
    pub out: bool,
    /// The page (index) it names: where the text goes to or comes from.
    pub other_page: usize,
}

/// A thread filled with its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Threaded {
    /// The regions as filled: jump lines kept, balanced if asked.
    pub regions: Vec<Region>,
    /// The placed lines and how filling ended.
    pub flowed: Flowed,
    /// The jump lines where the text really goes on (none to an empty region).
    pub jumps: Vec<JumpLine>,
    /// Body lines the regions hold (before balancing).
    pub capacity: u32,
    /// 孤字 and 孤行 the rules could not avoid.
    pub faults: Faults,
}

/// A region left with no body line once its jump lines are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoBodyLine {
    /// Index of the region.
    pub region: usize,
    /// Index of the page it is on.
    pub page: usize,
}

/// How the lines of a thread are shared among its regions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Columns {
    /// Each region filled before the next.
    Fill,
    /// Cut to the lowest common last line that holds the text (`balance = true`).
    Balance,
    /// At most this many body lines in each region, in thread order (the layout stage's
    /// balancing of a block); regions past the list are not limited.
    Caps(Vec<u32>),
}

/// Threads `paras` through `regions` in order: a line is kept for the jump lines wherever
/// consecutive regions lie on different pages, the text is filled in, and the lines are shared
/// among the regions as `columns` says (the underset then counts against the full regions).
pub fn thread(
    paras: &[ShapedPara],
    settings: &LineSettings,
    regions: Vec<Region>,
    columns: &Columns,
) -> Result<Threaded, NoBodyLine> {
    thread_with(paras, settings, regions, (columns, None))
}

/// [`thread`], replaying lines from `memo` (the same story broken before with the same
/// settings).
pub fn thread_with(
    paras: &[ShapedPara],
    settings: &LineSettings,
    mut regions: Vec<Region>,
    (columns, memo): (&Columns, Option<&LineMemo>),
) -> Result<Threaded, NoBodyLine> {
    let crossings: Vec<usize> = (1..regions.len())
        .filter(|&k| regions[k].page != regions[k - 1].page)
        .collect();
    for &k in &crossings {
        regions[k - 1].lines = regions[k - 1].lines.saturating_sub(1);
        regions[k].lines = regions[k].lines.saturating_sub(1);
        regions[k].skip += 1;
    }
    if let Some(region) = regions.iter().position(|r| r.lines == 0) {
        let page = regions[region].page;
        return Err(NoBodyLine { region, page });
    }
    let capacity: u32 = regions.iter().map(|r| r.lines).sum();
    if let Columns::Caps(caps) = columns {
        for (r, &cap) in regions.iter_mut().zip(caps) {
            r.lines = r.lines.min(cap.max(1));
        }
    }
    // Balanced columns cure a 孤行 with a row more; only free-running frames spread lines.
    let loose = *columns == Columns::Fill;
    let mut flowed = fill_with(paras, settings, &regions, (memo, loose));
    if *columns == Columns::Balance {
        (regions, flowed) = balance::balance(paras, settings, regions, flowed);
    }
    if let Stop::Done { empty } = &mut flowed.stop {
        *empty = capacity - flowed.lines.len() as u32;
    }
    let jumps = crossings
        .iter()
        .filter(|&&k| flowed.lines.iter().any(|l| l.region >= k))
        .flat_map(|&k| jump_pair(&regions, k))
        .collect();
    let faults = faults::count(paras, &flowed);
    Ok(Threaded {
        regions,
        flowed,
        jumps,
        capacity,
        faults,
    })
}

/// The out line under the text of region `k − 1` and the in line at the head of region `k`.
fn jump_pair(regions: &[Region], k: usize) -> [JumpLine; 2] {
    let (from, to) = (&regions[k - 1], &regions[k]);
    [
        JumpLine {
            region: k - 1,
            row: from.skip + from.lines,
            out: true,
            other_page: to.page,
        },
        JumpLine {
            region: k,
            row: 0,
            out: false,
            other_page: from.page,
        },
    ]
}
