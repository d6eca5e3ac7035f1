//! Automatic page layout (自动组版): from a docket (排版单) to a page plan in blocks. Every
//! item is measured once at each width it may take (the real composer's lines); designs —
//! guillotine trees over the column grid — are drawn from a fixed seed, placed with those
//! sizes and priced (holes, overset, 撞题, 通缝, hierarchy, copyfit, shape); the cheapest are
//! written as plans, which the build stage composes for real to choose among them.

mod anneal;
mod design;
mod measure;
mod price;
mod stagger;
mod write;

pub use price::{Cost, Part};
pub(crate) use price::{HOLE, OVERSET_CHAR, TABOO};

use super::{Bank, article::Memos};
use crate::error::{Error, Result};
use crate::flow::Shaper;
use crate::model::{Docket, PageJob};
use design::{Design, Dice, Placed};
use measure::{Item, Kind};
use rayon::prelude::*;
use std::path::Path;
use std::sync::Arc;
use write::{Paths, Spot};

/// Independent runs of the search.
const RUNS: u64 = 2;
/// Designs drawn per run.
const DRAWS: u32 = 40_000;
/// The best designs drawn a run keeps while drawing.
const SHORTLIST: usize = 16;
/// Of those, how many are composed for real.
const KEEP_DRAWN: usize = 4;
/// The best designs of each annealing chain composed for real.
const KEEP_PER_CHAIN: usize = 4;
/// The best designs drawn that are annealed, per run.
const STARTS: usize = 6;
/// Changes tried per annealing.
const STEPS: u32 = 8_000;
/// The starting temperature, in cost units (about two 撞题).
const HEAT: f64 = 120.0;

/// A docket being laid out: where the plan goes, and each article's 主题 size.
pub(crate) struct Layout<'a> {
    docket: &'a Docket,
    paths: Paths,
    sizes: Vec<Option<&'static str>>,
}

/// A design on the shortlist: its plan text and what the model priced it at.
pub(crate) struct Candidate {
    /// The page plan.
    pub plan: String,
    /// The model's price.
    pub cost: Cost,
    /// The parts of it only the model can price (hierarchy, shape).
    pub soft: Cost,
    /// Its place among the designs drawn (ties go to the earlier).
    pub drawn: u32,
    /// Where the model placed its items.
    placed: Vec<Placed>,
}

/// The items of a docket, measured.
pub(crate) struct Measured {
    items: Vec<Item>,
}

impl<'a> Layout<'a> {
    /// A layout of `docket` for a plan written to `plan`, on a template whose 主题 is
    /// `title_pt` points.
    pub fn new(docket: &'a Docket, plan: &Path, title_pt: f32) -> Self {
        let sizes = (0..docket.articles.len())
            .map(|rank| write::headline_size(rank, title_pt))
            .collect();
        Layout {
            docket,
            paths: Paths::new(&docket.path, plan),
            sizes,
        }
    }

    /// The probe plan: every item one column wide at the top, to load and measure them.
    pub fn probe(&self) -> String {
        write::plan_text(self.docket, &self.paths, (&[], &self.sizes), "")
    }

    /// Measures every item of the probe page at the widths it may take.
    pub fn measure(&self, sh: Shaper, pj: &PageJob, bank: &Bank) -> Result<Measured> {
        let d = self.docket;
        let columns = sh.template.grid.columns;
        let all: Vec<u32> = (1..=columns).collect();
        let pick = |cols: &[u32], default: &[u32], id: &str| -> Result<Vec<u32>> {
            if let Some(w) = cols.iter().find(|&&w| !(1..=columns).contains(&w)) {
                return Err(Error::invalid(
                    &d.path,
                    format!(
                        "'{id}': cols = {cols:?} allows a block {w} columns wide, but the template has {columns}; give widths from 1 to {columns}"
                    ),
                ));
            }
            let from = if cols.is_empty() { default } else { cols };
            Ok(from.iter().copied().filter(|&w| w <= columns).collect())
        };
        let mut items = Vec::new();
        for (a, art) in d.articles.iter().enumerate() {
            let photo = art.photo.as_ref().map(|_| {
                let id = format!("{}.photo", art.id);
                let at = pj.plan.photos.iter().position(|p| p.id == id);
                at.expect("an article's photo is a photo of the probe page")
            });
            let memos: Arc<Memos> = bank.memos(&pj.plan.articles[a]);
            let widths = pick(&art.cols, &all, &art.id)?;
            let mut sizes = measure::article(sh, pj, (a, &widths, photo), &memos)?;
            let chars = pj.stories[a].body_chars();
            if art.cols.is_empty() {
                suitable(&mut sizes, chars);
            }
            items.push(item(&art.id, Kind::Article(a), a, sizes));
        }
        let n = d.articles.len();
        for (b, bx) in d.boxes.iter().enumerate() {
            let sizes = measure::text_box(sh, pj, b, &pick(&bx.cols, &[1, 2], &bx.id)?)?;
            items.push(item(&bx.id, Kind::Box(b), n + b, sizes));
        }
        for (p, ph) in d.photos.iter().enumerate() {
            let placeholder = ph.image.is_none();
            let kind = Kind::Photo {
                index: p,
                placeholder,
            };
            let sizes = measure::photo(sh, pj, p, &pick(&ph.cols, &[2, 3], &ph.id)?)?;
            items.push(item(&ph.id, kind, n + d.boxes.len() + p, sizes));
        }
        if let Some(i) = items.iter().find(|i| i.sizes.is_empty()) {
            return Err(Error::invalid(
                &d.path,
                format!(
                    "'{}' fits no block of the widths allowed on this page even at its full height: allow wider blocks (cols) or cut it",
                    i.id
                ),
            ));
        }
        Ok(Measured { items })
    }

    /// Draws designs from the docket's seed, anneals the best of them, and returns the
    /// cheapest as plans, cheapest first, with the number of designs priced.
    pub fn search(&self, m: &Measured, grid: (u32, u32)) -> (Vec<Candidate>, u32) {
        // Independent runs from seeds derived from the docket's, on every core; each hands on
        // its cheapest few, so one run stuck in a poor family of designs does not decide.
        let runs: Vec<(Shortlist, u32)> = (0..RUNS)
            .into_par_iter()
            .map(|r| self.run(m, grid, self.docket.seed.wrapping_mul(RUNS).wrapping_add(r)))
            .collect();
        let tried = runs.iter().map(|r| r.1).sum();
        let mut list = Shortlist::new(usize::MAX);
        for (run, _) in runs {
            for b in run.best {
                list.offer(b.design, (b.total, b.drawn), b.placed, b.cost);
            }
        }
        let out = (list.best.into_iter())
            .map(|b| Candidate {
                plan: self.plan(&m.items, &b.placed, &b.cost, b.drawn),
                soft: price::soft(&b.placed, &m.items),
                cost: b.cost,
                drawn: b.drawn,
                placed: b.placed,
            })
            .collect();
        (out, tried)
    }

    /// Candidate `c` with the headlines of `pairs` (article ids, left and right) moved apart,
    /// where the composed page found them side by side though the model did not (the real
    /// heights differ from the measured ones by a line or two); `None` when none can move.
    pub fn apart(
        &self,
        m: &Measured,
        c: &Candidate,
        pairs: &[(String, String)],
    ) -> Option<Candidate> {
        let at = |id: &str| (c.placed.iter()).position(|p| m.items[p.item].id == id);
        let pairs: Vec<(usize, usize)> = (pairs.iter())
            .filter_map(|(a, b)| Some((at(a)?, at(b)?)))
            .collect();
        let mut placed = c.placed.clone();
        if !stagger::apart(&mut placed, &m.items, &pairs) {
            return None;
        }
        let soft = price::soft(&placed, &m.items);
        Some(Candidate {
            plan: self.plan(&m.items, &placed, &c.cost, c.drawn),
            soft,
            cost: c.cost.clone(),
            drawn: c.drawn,
            placed,
        })
    }

    /// One run of the search from `seed`: the designs it kept and how many it priced.
    fn run(&self, m: &Measured, (columns, foot): (u32, u32), seed: u64) -> (Shortlist, u32) {
        let items = &m.items;
        let order: Vec<usize> = (0..items.len()).collect();
        let mut dice = Dice::new(seed);
        let price = |d: &Design| {
            let (placed, model) = design::place(d, items, (1, columns), (1, foot));
            let cost = price::price(&placed, items, columns, &model);
            (cost.total(), placed, cost)
        };
        let mut list = Shortlist::new(SHORTLIST);
        let mut tried = 0;
        for _ in 0..DRAWS {
            if let Some(d) = design::draw(&mut dice, items, &order, columns) {
                tried += 1;
                let (total, placed, cost) = price(&d);
                list.offer(d, (total, tried), placed, cost);
            }
        }
        let starts: Vec<(Design, f64)> = (list.best.iter().take(STARTS))
            .map(|b| (b.design.clone(), b.total))
            .collect();
        // Each chain keeps its own best: the cheapest designs overall are near copies of one
        // another, and what the model misjudges in one it misjudges in all.
        let mut kept = Shortlist::new(usize::MAX);
        for b in list.best.drain(..).take(KEEP_DRAWN) {
            kept.offer(b.design, (b.total, b.drawn), b.placed, b.cost);
        }
        for (start, total) in starts {
            let mut list = Shortlist::new(KEEP_PER_CHAIN);
            let (mut d, mut now) = (start, total);
            for step in 0..STEPS {
                let heat = HEAT * (1.0 - f64::from(step) / f64::from(STEPS)).powi(2) + 0.01;
                let Some(next) = anneal::mutate(&mut dice, &d, items, columns) else {
                    continue;
                };
                tried += 1;
                let (total, placed, cost) = price(&next);
                let keep = total <= now
                    || f64::from(dice.below(1_000_000)) / 1e6 < ((now - total) / heat).exp();
                if keep {
                    list.offer(next.clone(), (total, tried), placed, cost);
                    (d, now) = (next, total);
                }
            }
            for b in list.best {
                kept.offer(b.design, (b.total, b.drawn), b.placed, b.cost);
            }
        }
        (kept, tried)
    }

    /// The plan text of a placed design.
    fn plan(&self, items: &[Item], placed: &[Placed], cost: &Cost, drawn: u32) -> String {
        let spots: Vec<Option<Spot>> = write::spots(placed, items);
        let name = self
            .docket
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into());
        let comment = format!(
            "Laid out by `baoban layout {name}` (seed {}, design {drawn}, model cost {:.1}).\nEdit it and rebuild with `baoban build`: blocks name what they stand under, heights\nare auto, so a text that grows pushes the blocks under it down.",
            self.docket.seed,
            cost.total()
        );
        write::plan_text(self.docket, &self.paths, (&spots, &self.sizes), &comment)
    }
}

/// The cheapest designs priced so far, cheapest first, each once, at most `cap`.
struct Shortlist {
    best: Vec<Listed>,
    cap: usize,
}

/// A design on the shortlist.
struct Listed {
    design: Design,
    total: f64,
    drawn: u32,
    placed: Vec<Placed>,
    cost: Cost,
}

impl Shortlist {
    /// An empty list of at most `cap` designs.
    fn new(cap: usize) -> Self {
        Shortlist {
            best: Vec::new(),
            cap,
        }
    }

    /// Keeps `design` if it is among the cheapest and not kept already.
    fn offer(
        &mut self,
        design: Design,
        (total, drawn): (f64, u32),
        placed: Vec<Placed>,
        cost: Cost,
    ) {
        let full = self.best.len() >= self.cap;
        if full && total >= self.best[self.best.len() - 1].total {
            return;
        }
        if self.best.iter().any(|b| b.design == design) {
            return;
        }
        let at = self.best.partition_point(|b| b.total <= total);
        let listed = Listed {
            design,
            total,
            drawn,
            placed,
            cost,
        };
        self.best.insert(at, listed);
        self.best.truncate(self.cap);
    }
}

/// An item with its measured sizes.
fn item(
    id: &str,
    kind: Kind,
    rank: usize,
    sizes: std::collections::BTreeMap<u32, measure::Size>,
) -> Item {
    Item {
        id: id.to_string(),
        kind,
        rank,
        sizes,
    }
}

/// Keeps the widths that suit an article of `chars` characters when the docket allows any:
/// a single column only for a short one, and no block so wide its columns are a few rows.
fn suitable(sizes: &mut std::collections::BTreeMap<u32, measure::Size>, chars: usize) {
    let keep: Vec<u32> = (sizes.iter())
        .filter(|&(&w, s)| (w > 1 || chars < 400) && s.nat.saturating_sub(s.head) >= 6)
        .map(|(&w, _)| w)
        .collect();
    if !keep.is_empty() {
        sizes.retain(|w, _| keep.contains(w));
    }
}
