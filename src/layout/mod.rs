//! Layout (组版): a plan's blocks become the grid rectangles the page is made up of. Blocks are
//! placed in dependency order (each under those it names), so an article that grows pushes
//! everything under it down; an `auto` block takes the least lines its content needs, a block
//! of fixed height — or the one a push leaves with less than it needs — is copyfitted. The
//! product is the plan as if it had been placed by hand (headline boxes, frames, photo and box
//! frames) plus each article's copyfit decisions, checked like a hand-placed plan.

mod article;
mod fit;
mod order;
mod sizes;

use crate::error::{Error, Result};
use crate::flow::Shaper;
use crate::font::FontBook;
use crate::model::{self, Bottom, GridRect, Height, Job, PageJob, Top};
use crate::shape::ShapeCache;
use article::{Fitted, Piece, Rects};
use order::{Node, Owner};

/// Lays out the blocks of every page of `job` in place: fills in their rectangles and the
/// copyfit of each article in blocks. Pages without blocks are left as they are.
pub(crate) fn lay_out(job: &mut Job, book: &FontBook, shapes: &ShapeCache) -> Result<()> {
    let Job { template, pages, .. } = job;
    let sh = Shaper {
        book,
        shapes,
        template,
    };
    for pj in pages.iter_mut() {
        if pj.plan.blocks().is_empty() {
            continue;
        }
        let laid = lay_out_page(sh, pj)?;
        laid.apply(&mut pj.plan);
        // The resolved plan is checked as a hand-placed one is: on the grid, no overlaps.
        model::validate_plan(&pj.plan, template)?;
    }
    Ok(())
}

/// What placing a page's blocks decided.
struct Laid {
    nodes: Vec<Node>,
    spans: Vec<[u32; 2]>,
    articles: Vec<(usize, Rects, Fitted, model::Copyfit)>,
}

impl Laid {
    /// Writes the rectangles and copyfit into the plan.
    fn apply(self, plan: &mut model::PagePlan) {
        for (n, span) in self.nodes.iter().zip(&self.spans) {
            let r = GridRect {
                cols: n.block.cols,
                lines: *span,
                mm: None,
                split: None,
            };
            match n.owner {
                Owner::Photo(p) => plan.photos[p].frame = r,
                Owner::Box(b) => plan.boxes[b].frame = r,
                Owner::Article(..) => {}
            }
        }
        for (a, rects, _, copyfit) in self.articles {
            let plan = &mut plan.articles[a];
            plan.headline = rects.headline;
            plan.frames = rects.frames;
            plan.copyfit = copyfit;
        }
    }
}

/// Places the blocks of one page.
fn lay_out_page(sh: Shaper, pj: &PageJob) -> Result<Laid> {
    let plan = &pj.plan;
    let nodes = order::nodes(plan)?;
    let order = order::placing_order(plan, &nodes)?;
    let mut pieces = Vec::new();
    for (a, story) in plan.articles.iter().zip(&pj.stories) {
        let blocks = a.block.is_some() || !a.blocks.is_empty();
        pieces.push(blocks.then(|| Piece::new(sh, a, story, &plan.path)).transpose()?);
    }
    let natural = sizes::natural(sh, pj, &nodes, &pieces)?;
    let reserve = sizes::reserve(&nodes, &order, &natural);
    let foot = sh.template.grid.lines;
    let mut spans: Vec<Option<[u32; 2]>> = vec![None; nodes.len()];
    let mut articles = Vec::new();
    for &i in &order {
        let n = &nodes[i];
        let top = top_of(n, &nodes, &spans);
        let max = foot.saturating_sub(reserve[i]).max(top);
        let fixed = fixed_bottom(n, top, foot);
        check_span(plan, n, top, fixed.unwrap_or(top), foot)?;
        let bottom = match n.owner {
            Owner::Article(a, k) if k + 1 == pieces[a].as_ref().map_or(0, |p| p.blocks().len()) => {
                let piece = pieces[a].as_ref().expect("an article with blocks has a piece");
                let before: Vec<[u32; 2]> = (nodes.iter().zip(&spans))
                    .filter(|(m, _)| matches!(m.owner, Owner::Article(b, j) if b == a && j < k))
                    .map(|(_, s)| s.expect("earlier blocks of an article are placed first"))
                    .collect();
                let (bottom, rects, fitted) = last_block(piece, &before, (top, max), fixed)?;
                let copyfit = piece.copyfit(&fitted);
                articles.push((a, rects, fitted, copyfit));
                bottom
            }
            _ => fixed.unwrap_or_else(|| (top + natural[i].unwrap_or(1) - 1).min(max)),
        };
        spans[i] = Some([top, bottom]);
    }
    Ok(Laid {
        nodes,
        spans: spans.into_iter().map(|s| s.expect("every block placed")).collect(),
        articles,
    })
}

/// Sizes the last block of an article: fixed (copyfitted), or auto — the least lines that
/// hold it, copyfitted at `max` when even that is too few.
fn last_block(
    piece: &Piece,
    before: &[[u32; 2]],
    (top, max): (u32, u32),
    fixed: Option<u32>,
) -> Result<(u32, Rects, Fitted)> {
    let with = |bottom: u32| -> Vec<[u32; 2]> { before.iter().copied().chain([[top, bottom]]).collect() };
    if let Some(bottom) = fixed {
        let (rects, fitted) = piece.fitted(&with(bottom))?;
        return Ok((bottom, rects, fitted));
    }
    match piece.auto_bottom(before, top, max)? {
        Some(bottom) => {
            let (rects, fitted) = piece.sized(&with(bottom))?;
            Ok((bottom, rects, fitted))
        }
        None => {
            let (rects, fitted) = piece.fitted(&with(max))?;
            Ok((max, rects, fitted))
        }
    }
}

/// The line a block starts on.
fn top_of(n: &Node, nodes: &[Node], spans: &[Option<[u32; 2]>]) -> u32 {
    if let Top::Line(l) = n.block.start() {
        return l;
    }
    let _ = nodes;
    let lowest = n.deps.iter().filter_map(|&d| spans[d]).map(|s| s[1]).max().unwrap_or(0);
    lowest.max(n.under_fixed) + 1
}

/// The last line of a block of fixed height.
fn fixed_bottom(n: &Node, top: u32, foot: u32) -> Option<u32> {
    match (n.block.lines, n.block.bottom) {
        (Height::Lines(k), _) => Some(top + k - 1),
        (_, Some(Bottom::Line(l))) => Some(l),
        (_, Some(Bottom::Foot)) => Some(foot),
        (Height::Auto, None) => None,
    }
}

/// A block must start on the page and end at or under its top, above the foot.
fn check_span(plan: &model::PagePlan, n: &Node, top: u32, bottom: u32, foot: u32) -> Result<()> {
    if top <= foot && bottom >= top && bottom <= foot {
        return Ok(());
    }
    let why = if top > foot {
        format!("it would start on line {top}, under the foot of the type area (line {foot}): the blocks above it in columns {}–{} take the whole height; shorten one of them", n.block.cols[0], n.block.cols[1])
    } else if bottom < top {
        format!("it starts on line {top} but bottom = {bottom}; give a bottom under its top")
    } else {
        format!("it starts on line {top} and would end on line {bottom}, past the foot (line {foot}); give it fewer lines or bottom = \"foot\"")
    };
    Err(Error::invalid(&plan.path, format!("{}: {why}", n.name())))
}
