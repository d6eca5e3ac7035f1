//! What a design costs, in named parts (`--explain` prints them): holes and overset first,
//! then the taboos (撞题, 通缝), the hierarchy (the lead at the top, widest; importance falling
//! down the page), copyfit used, and blocks too shallow or too deep for their text.

use super::design::{Model, Placed};
use super::measure::{Item, Kind};
use super::stagger::{against, staggered};

/// One part of a cost.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// What it prices.
    pub name: &'static str,
    /// How many (cells, lines, taboos …).
    pub count: u32,
    /// What each costs.
    pub weight: f64,
}

/// A design's cost: the sum of its parts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cost {
    /// The parts, in a fixed order.
    pub parts: Vec<Part>,
}

impl Cost {
    /// The total.
    pub fn total(&self) -> f64 {
        self.parts
            .iter()
            .map(|p| f64::from(p.count) * p.weight)
            .sum()
    }

    /// Adds a part (kept even at 0, so every explanation lists the same parts).
    pub fn add(&mut self, name: &'static str, count: u32, weight: f64) {
        self.parts.push(Part {
            name,
            count,
            weight,
        });
    }

    /// The count of part `name`.
    pub fn count(&self, name: &str) -> u32 {
        self.parts
            .iter()
            .filter(|p| p.name == name)
            .map(|p| p.count)
            .sum()
    }
}

/// Weight of an empty cell or a cell of overset text: worse than anything else.
pub(crate) const HOLE: f64 = 200.0;
/// Weight of a character of overset text (the real composer counts characters).
pub(crate) const OVERSET_CHAR: f64 = 20.0;
/// Weight of a line copyfit moves from natural: heights far from natural are where the
/// model and the page stage part ways, so fewer moved lines make a safer page.
const COPYFIT: f64 = 3.0;
/// Weight of a taboo.
pub(crate) const TABOO: f64 = 400.0;
/// Weight of a headline moved off a gutter: a page is cleaner when its blocks keep their
/// headlines apart by themselves, but far better than a 撞题.
const STAGGERED: f64 = 10.0;
/// Body rows an article's columns should have at least, and at most.
const ROWS: [u32; 2] = [7, 48];

/// The model's price of a placed design: its holes, overset and copyfit, the taboos, then
/// the soft parts.
pub(super) fn price(placed: &[Placed], items: &[Item], columns: u32, m: &Model) -> Cost {
    let mut c = Cost::default();
    c.add("holes (cells)", m.holes, HOLE);
    c.add("overset (cells)", m.overset, HOLE);
    c.add("copyfit (lines)", m.copyfit, COPYFIT);
    c.add("撞题", zhuangti(placed, items), TABOO);
    c.add("通缝", tongfeng(placed, columns), TABOO);
    c.parts.extend(soft(placed, items).parts);
    c
}

/// The parts only the model prices — the composed page is judged on its own holes, overset,
/// taboos and copyfit, and on these: the hierarchy and the blocks' depth.
pub(super) fn soft(placed: &[Placed], items: &[Item]) -> Cost {
    let mut c = Cost::default();
    let (top, narrow, order) = hierarchy(placed, items);
    c.add("lead not at the top", top, 500.0);
    c.add("lead narrower than another (columns)", narrow, 40.0);
    c.add("importance not falling (lines)", order, 0.5);
    c.add(
        "blocks too shallow or deep (rows)",
        shape(placed, items),
        2.0,
    );
    c.add("headlines moved off a gutter", staggered(placed), STAGGERED);
    c
}

/// Article headlines side by side: adjacent columns, overlapping headline lines.
fn zhuangti(placed: &[Placed], items: &[Item]) -> u32 {
    let mut n = 0;
    for a in placed {
        n += placed.iter().filter(|b| against(a, b, items)).count() as u32;
    }
    n
}

/// Gutters no placed block spans.
fn tongfeng(placed: &[Placed], columns: u32) -> u32 {
    (1..columns)
        .filter(|&g| !placed.iter().any(|p| p.cols[0] <= g && g < p.cols[1]))
        .count() as u32
}

/// The lead off the top line; columns it is narrower than the widest other article; and
/// lines by which a less important article stands above a more important one in columns
/// they share.
fn hierarchy(placed: &[Placed], items: &[Item]) -> (u32, u32, u32) {
    let articles: Vec<&Placed> = (placed.iter())
        .filter(|p| matches!(items[p.item].kind, Kind::Article(_)))
        .collect();
    let width = |p: &Placed| p.cols[1] + 1 - p.cols[0];
    let Some(lead) = articles.iter().find(|p| items[p.item].rank == 0) else {
        return (0, 0, 0);
    };
    let top = u32::from(lead.top != 1);
    let widest = articles.iter().map(|p| width(p)).max().unwrap_or(0);
    let mut order = 0;
    for a in &articles {
        for b in &articles {
            let shared = a.cols[0] <= b.cols[1] && b.cols[0] <= a.cols[1];
            if shared && items[a.item].rank < items[b.item].rank && b.top < a.top {
                order += a.top - b.top;
            }
        }
    }
    (top, widest - width(lead), order)
}

/// Body rows per column outside `ROWS`, over every article.
fn shape(placed: &[Placed], items: &[Item]) -> u32 {
    (placed.iter())
        .filter(|p| matches!(items[p.item].kind, Kind::Article(_)))
        .map(|p| {
            let w = p.cols[1] + 1 - p.cols[0];
            let rows = p.lines.saturating_sub(items[p.item].sizes[&w].head);
            ROWS[0].saturating_sub(rows) * w + rows.saturating_sub(ROWS[1])
        })
        .sum()
}
