//! Layout (组版): a plan's blocks become the grid rectangles the page is made up of. Blocks are
//! placed in dependency order (each under those it names), so an article that grows pushes
//! everything under it down; an `auto` block takes the least lines its content needs, a block
//! of fixed height — or the one a push leaves with less than it needs — is copyfitted. The
//! product is the plan as if it had been placed by hand (headline boxes, frames, photo and box
//! frames) plus each article's copyfit decisions, checked like a hand-placed plan.

mod article;
pub(crate) mod auto;
mod continued;
mod fit;
mod order;
mod sizes;

use crate::error::Result;
use crate::flow::Shaper;
use crate::font::FontBook;
use crate::model::{self, Bottom, GridRect, Height, Job, PageJob, Top};
use crate::shape::ShapeCache;
use article::{Fitted, Memos, PhotoSpec, Piece, Rects};
use order::{Node, Owner};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::Ordering::Relaxed;

/// The body lines layout broke for each article in blocks, with the settings copyfit chose,
/// by (page index, article id): the page stage replays them instead of breaking again.
pub(crate) type Broken = BTreeMap<(usize, String), Arc<crate::flow::LineMemo>>;

/// One page's articles with their broken lines.
type ArticleLines = Vec<(String, Arc<crate::flow::LineMemo>)>;

/// The memos of every story laid out, by (article id, file): layouts of the same stories in
/// other blocks replay them.
#[derive(Debug, Default)]
pub(crate) struct Bank(std::sync::Mutex<BTreeMap<(String, std::path::PathBuf), Arc<Memos>>>);

impl Bank {
    /// The memos of article `a`'s story.
    fn memos(&self, a: &model::ArticlePlan) -> Arc<Memos> {
        let mut bank = self.0.lock().expect("memo bank");
        bank.entry((a.id.clone(), a.file.clone()))
            .or_default()
            .clone()
    }
}

/// Lays out the blocks of every page of `job` in place: fills in their rectangles and the
/// copyfit of each article in blocks, replaying the memos of `bank`. Pages without blocks are
/// left as they are.
pub(crate) fn lay_out_with(
    job: &mut Job,
    (book, shapes): (&FontBook, &ShapeCache),
    bank: &Bank,
) -> Result<Broken> {
    let Job {
        template, pages, ..
    } = job;
    let sh = Shaper {
        book,
        shapes,
        template,
    };
    // The 主题 of every article, for continuations on other pages.
    let titles: BTreeMap<String, String> = (pages.iter())
        .flat_map(|p| p.plan.articles.iter().zip(&p.stories))
        .filter_map(|(a, s)| s.title.clone().map(|t| (a.id.clone(), t)))
        .collect();
    // Pages are independent here (a continuation's headline needs only the titles above), so
    // they are laid out in parallel; results and errors are taken in page order.
    let laid: Vec<Result<Option<(Laid, ArticleLines)>>> = (pages.par_iter())
        .map(|pj| {
            (!pj.plan.blocks().is_empty())
                .then(|| lay_out_page(sh, pj, &titles, bank))
                .transpose()
        })
        .collect();
    let mut broken = Broken::new();
    for (pi, (pj, laid)) in pages.iter_mut().zip(laid).enumerate() {
        let Some((laid, lines)) = laid? else { continue };
        broken.extend(lines.into_iter().map(|(id, m)| ((pi, id), m)));
        laid.apply(&mut pj.plan);
        // The resolved plan is checked as a hand-placed one is: on the grid, no overlaps.
        model::validate_plan(&pj.plan, template)?;
    }
    Ok(broken)
}

/// A continuation laid out: its index in the plan, headline box and frames.
type Continuation = (usize, Option<GridRect>, Vec<GridRect>);

/// What placing a page's blocks decided.
struct Laid {
    nodes: Vec<Node>,
    spans: Vec<[u32; 2]>,
    articles: Vec<(usize, Rects, Fitted, model::Copyfit)>,
    /// Continuations: index in the plan, headline box, frames.
    continued: Vec<Continuation>,
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
                Owner::Article(..) | Owner::Continued(..) => {}
            }
        }
        for (ci, headline, frames) in self.continued {
            plan.continued[ci].headline = headline;
            plan.continued[ci].frames = frames;
        }
        for (a, rects, _, copyfit) in self.articles {
            if let Some(r) = rects.photo {
                let id = &plan.articles[a].id;
                let photo =
                    (plan.photos.iter_mut()).find(|p| p.in_block && p.article.as_ref() == Some(id));
                if let Some(p) = photo {
                    p.frame = r;
                }
            }
            let plan = &mut plan.articles[a];
            plan.headline = rects.headline;
            plan.frames = rects.frames;
            plan.copyfit = copyfit;
        }
    }
}

/// Passes over a page at most: each may give blocks lines more to close gaps.
const MAX_PASSES: usize = 8;

/// Lays out one page: places its blocks, then — while a gap is left over a block or a column
/// foot stays short — gives an auto block above it one line more (an article more headline
/// space, a box or photo more height) and places them again. Each such line is a copyfit step
/// of the article it went to.
fn lay_out_page(
    sh: Shaper,
    pj: &PageJob,
    titles: &BTreeMap<String, String>,
    bank: &Bank,
) -> Result<(Laid, ArticleLines)> {
    let plan = &pj.plan;
    let nodes = order::nodes(plan)?;
    let order = order::placing_order(plan, &nodes)?;
    // Articles are shaped in parallel (each its own), in plan order.
    let pieces = (plan.articles.par_iter().zip(&pj.stories))
        .map(|(a, story)| {
            let blocks = a.block.is_some() || !a.blocks.is_empty();
            let mut piece =
                (blocks.then(|| Piece::new(sh, a, story, plan, bank.memos(a)))).transpose()?;
            if let (Some(piece), Some(ph)) = (&mut piece, &a.photo) {
                piece.photo = Some(photo_spec(sh, pj, &a.id, ph)?);
            }
            Ok(piece)
        })
        .collect::<Result<Vec<_>>>()?;
    let mut placer = Placer {
        sh,
        pj,
        nodes,
        order,
        pieces,
        titles,
        extra: Vec::new(),
    };
    placer.extra = vec![0; placer.nodes.len()];
    let mut notes: Vec<(usize, i32, String)> = Vec::new();
    for _ in 0..MAX_PASSES {
        let laid = placer.pass()?;
        let more = placer.next_lines(&laid);
        if more.is_empty() {
            return Ok(placer.finish(laid, &notes));
        }
        for (i, delta, why) in more {
            placer.extra[i] += delta;
            notes.push((i, delta, why));
        }
    }
    let laid = placer.pass()?;
    Ok(placer.finish(laid, &notes))
}

/// The lines one pass decides to give or take, and the totals they make.
struct Changes {
    out: Vec<(usize, i32, String)>,
    given: Vec<i32>,
}

impl Changes {
    /// Gives node `g` `delta` lines for `why`, if it may take them.
    fn change(&mut self, placer: &Placer, (g, delta): (usize, i32), why: &str) {
        if placer.may_change(g, self.given[g], delta) {
            self.given[g] += delta;
            self.out.push((g, delta, why.to_string()));
        }
    }
}

/// Lines a box or photo may grow by to close a gap.
const MAX_BOX_LINES: u32 = 12;

/// A page's blocks and what placing them needs, kept between passes.
struct Placer<'a> {
    sh: Shaper<'a>,
    pj: &'a PageJob,
    nodes: Vec<Node>,
    order: Vec<usize>,
    pieces: Vec<Option<Piece<'a>>>,
    /// The 主题 of every article of the job, by id.
    titles: &'a BTreeMap<String, String>,
    /// Lines given to (or, below 0, taken from) each node by earlier passes — an article's on
    /// its first block: headline space, then block height.
    extra: Vec<i32>,
}

impl Placer<'_> {
    /// Places every block once with the lines given so far.
    fn pass(&self) -> Result<Laid> {
        let plan = &self.pj.plan;
        let nodes = &self.nodes;
        let natural = self.naturals()?;
        let give = self.could_give();
        let reserve = sizes::reserve(nodes, &self.order, (&natural, &give));
        let foot = self.sh.template.grid.lines;
        let mut spans: Vec<Option<[u32; 2]>> = vec![None; nodes.len()];
        let mut articles = Vec::new();
        for &i in &self.order {
            let n = &nodes[i];
            let top = top_of(n, &spans);
            let max = foot.saturating_sub(reserve[i]).max(top);
            let fixed = fixed_bottom(n, top, foot);
            check_span(plan, n, top, fixed.unwrap_or(top), foot)?;
            let bottom = match n.owner {
                Owner::Article(a, k) if k + 1 == self.piece(a).blocks().len() => {
                    let piece = self.piece(a);
                    let before: Vec<[u32; 2]> = (nodes.iter().zip(&spans))
                        .filter(|(m, _)| matches!(m.owner, Owner::Article(b, j) if b == a && j < k))
                        .map(|(_, s)| s.expect("earlier blocks of an article are placed first"))
                        .collect();
                    let known = natural[i].map(|h| top + h - 1).filter(|&b| b <= max);
                    let fixed_or = fixed.ok_or(known);
                    let (bottom, rects, fitted) = last_block(piece, &before, (top, max), fixed_or)?;
                    let copyfit = piece.copyfit(&fitted);
                    articles.push((a, rects, fitted, copyfit));
                    bottom
                }
                _ => fixed.unwrap_or_else(|| (top + natural[i].unwrap_or(1) - 1).min(max)),
            };
            spans[i] = Some([top, bottom]);
        }
        let spans: Vec<[u32; 2]> = (spans.into_iter())
            .map(|s| s.expect("every block placed"))
            .collect();
        Ok(Laid {
            continued: self.continuations(&spans)?,
            nodes: nodes.clone(),
            spans,
            articles,
        })
    }

    /// The headline boxes and frames of the page's continuations in blocks.
    fn continuations(&self, spans: &[[u32; 2]]) -> Result<Vec<Continuation>> {
        let plan = &self.pj.plan;
        let mut out = Vec::new();
        for (ci, cont) in plan.continued.iter().enumerate() {
            let mine: Vec<[u32; 2]> = (self.nodes.iter().zip(spans))
                .filter(|(n, _)| matches!(n.owner, Owner::Continued(c, _) if c == ci))
                .map(|(_, s)| *s)
                .collect();
            if mine.is_empty() {
                continue;
            }
            let title = self.titles.get(&cont.article).map(String::as_str);
            let (headline, frames) = continued::rects(self.sh, (&plan.path, cont), &mine, title)?;
            out.push((ci, headline, frames));
        }
        Ok(out)
    }

    /// The natural heights with the lines given so far. An article's given lines go to its
    /// headline space up to the template's most, the rest lengthen its block (a line short
    /// per column is no hole).
    fn naturals(&self) -> Result<Vec<Option<u32>>> {
        let nodes = &self.nodes;
        let room = self.space_room() as i32;
        for (i, n) in nodes.iter().enumerate() {
            if let Owner::Article(a, 0) = n.owner {
                // Below the least space, the headline's quoted phrase is broken (a line).
                let space = self.extra[i].clamp(-self.space_spare(), room);
                let whole = self.extra[i] >= -self.space_spare();
                let piece = self.piece(a);
                piece.extra.store(space, Relaxed);
                piece.whole.store(whole, Relaxed);
            }
        }
        let natural = sizes::natural(self.sh, self.pj, nodes, &self.pieces)?;
        let natural: Vec<Option<u32>> = (natural.iter().zip(&self.extra))
            .zip(nodes)
            .map(|((n, &e), node)| match node.owner {
                Owner::Article(..) => n.map(|n| n + (e - room).max(0) as u32),
                _ => n.map(|n| n + e.max(0) as u32),
            })
            .collect();
        Ok(natural)
    }

    /// Lines the page passes could take from each node: an auto article's headline space down
    /// to the least, and a line if breaking its quoted phrase saves one.
    fn could_give(&self) -> Vec<u32> {
        (0..self.nodes.len())
            .map(|i| match self.grower(i) {
                Some(g) if matches!(self.nodes[g].owner, Owner::Article(..)) => {
                    (self.extra[g] - self.bounds(g).0).max(0) as u32
                }
                _ => 0,
            })
            .collect()
    }

    fn piece(&self, a: usize) -> &Piece<'_> {
        self.pieces[a]
            .as_ref()
            .expect("an article with blocks has a piece")
    }

    /// The lines to give (+1) or take (−1), node by node (a node may come more than once), and
    /// why: the auto blocks over gaps get as many lines as each gap is high; else, over a
    /// column foot copyfit left short, the auto blocks above get a line for each row short
    /// (the fewest given first), and over one it left overset they give back headline space
    /// (the most given first).
    fn next_lines(&self, laid: &Laid) -> Vec<(usize, i32, String)> {
        let mut changes = Changes {
            out: Vec::new(),
            given: self.extra.clone(),
        };
        self.gap_lines(laid, &mut changes);
        if changes.out.is_empty() {
            self.foot_lines(laid, &mut changes);
        }
        changes.out
    }

    /// Lines for the auto blocks over gaps, as many as each gap is high.
    fn gap_lines(&self, laid: &Laid, changes: &mut Changes) {
        for (i, n) in self.nodes.iter().enumerate() {
            let top = laid.spans[i][0];
            for &d in &n.deps {
                let gap = top.saturating_sub(laid.spans[d][1] + 1);
                if let Some(g) = (gap > 0).then(|| self.grower(d)).flatten() {
                    let why = format!("closes the gap over {}", n.name());
                    for _ in 0..gap {
                        changes.change(self, (g, 1), &why);
                    }
                }
            }
        }
    }

    /// Lines given to the auto blocks over a column foot copyfit left short, or taken from
    /// them over one it left overset.
    fn foot_lines(&self, laid: &Laid, changes: &mut Changes) {
        for (a, rects, fitted, _) in &laid.articles {
            let columns = *rects.per_block.last().unwrap_or(&1) as u32;
            let (rows, delta, verb) = match fitted.threaded.stop {
                crate::flow::Stop::Done { empty } => {
                    (empty.saturating_sub(columns).div_ceil(columns), 1, "fills")
                }
                crate::flow::Stop::Overset(o) => (o.lines.div_ceil(columns), -1, "makes room for"),
            };
            let Some(last) = (0..self.nodes.len())
                .rev()
                .find(|&i| matches!(self.nodes[i].owner, Owner::Article(b, _) if b == *a))
            else {
                continue;
            };
            let growers: Vec<usize> = (self.above(last).into_iter())
                .filter_map(|d| self.grower(d))
                .filter(|&g| delta > 0 || matches!(self.nodes[g].owner, Owner::Article(..)))
                .collect();
            let why = format!("{verb} the columns of '{}'", self.nodes[last].id);
            // Each line given above takes a row from every column of the foot block.
            for _ in 0..rows {
                let given = &changes.given;
                let pick = (growers.iter().copied())
                    .filter(|&g| self.may_change(g, given[g], delta))
                    .min_by_key(|&g| (given[g] * delta, std::cmp::Reverse(g)));
                let Some(g) = pick else { break };
                changes.change(self, (g, delta), &why);
            }
        }
    }

    /// Whether node `g` (a grower) may take `delta` more lines, having `given` already: an
    /// article from its least headline space up to its most, then its block one line taller
    /// (each column a line short, no hole; a second line would leave every column two short);
    /// a box or photo from its natural height up.
    fn may_change(&self, g: usize, given: i32, delta: i32) -> bool {
        let (least, most) = self.bounds(g);
        (least..=most).contains(&(given + delta))
    }

    /// The least and most lines grower `g` may be given (below 0: taken).
    fn bounds(&self, g: usize) -> (i32, i32) {
        match self.nodes[g].owner {
            Owner::Article(a, _) => {
                let most = self.space_room() as i32 + 1;
                let phrase = self.piece(a).whole_costs_a_line().unwrap_or(false);
                (-self.space_spare() - i32::from(phrase), most)
            }
            _ => (0, MAX_BOX_LINES as i32),
        }
    }

    /// Headline space lines an article may be given over the template's normal.
    fn space_room(&self) -> u32 {
        let fit = &self.sh.template.fit;
        fit.headline_space_max - fit.headline_space
    }

    /// Headline space lines an article may give up under the template's normal.
    fn space_spare(&self) -> i32 {
        let fit = &self.sh.template.fit;
        (fit.headline_space - fit.headline_space_min) as i32
    }

    /// Every node `i` stands under, directly or through others.
    fn above(&self, i: usize) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        let mut todo = self.nodes[i].deps.clone();
        while let Some(d) = todo.pop() {
            if !out.contains(&d) {
                out.push(d);
                todo.extend(self.nodes[d].deps.iter().copied());
            }
        }
        out
    }

    /// The node that grows when block `d` should: an auto article's first block (its headline
    /// space), or an auto box or photo itself; none when it is fixed or at its limit.
    fn grower(&self, d: usize) -> Option<usize> {
        let n = &self.nodes[d];
        if n.block.fixed() {
            return None;
        }
        match n.owner {
            Owner::Article(a, _) => {
                let first =
                    (0..self.nodes.len()).find(|&i| self.nodes[i].owner == Owner::Article(a, 0))?;
                // Only a block that is the whole article grows by its headline space: in an
                // article of several blocks the first has a fixed height.
                let piece = self.piece(a);
                (piece.blocks().len() == 1 && piece.has_headline()).then_some(first)
            }
            _ => Some(d),
        }
    }

    /// The laid page with its notes, and each article's broken lines at the settings chosen.
    fn finish(&self, laid: Laid, notes: &[(usize, i32, String)]) -> (Laid, ArticleLines) {
        let laid = self.with_notes(laid, notes);
        let lines = (laid.articles.iter())
            .map(|(a, _, fitted, _)| {
                let id = self.pj.plan.articles[*a].id.clone();
                (id, self.piece(*a).line_memo(fitted.trial.punct))
            })
            .collect();
        (laid, lines)
    }

    /// The laid page with the lines the passes gave or took written as copyfit steps of
    /// their articles, before the article's own ladder.
    fn with_notes(&self, mut laid: Laid, notes: &[(usize, i32, String)]) -> Laid {
        let space = self.sh.template.fit.headline_space as i32;
        let room = self.space_room() as i32;
        let mut given = vec![0i32; self.nodes.len()];
        let mut count = vec![0usize; self.nodes.len()];
        for (i, delta, why) in notes {
            let was = given[*i];
            given[*i] += delta;
            let Owner::Article(a, _) = self.nodes[*i].owner else {
                continue;
            };
            if let Some(entry) = laid.articles.iter_mut().find(|e| e.0 == a) {
                let step = if given[*i].min(was) < -self.space_spare() {
                    format!("headline: its quoted phrase broken to save a line ({why})")
                } else if given[*i].max(was) <= room {
                    format!(
                        "headline space {} → {} lines ({why})",
                        space + was,
                        space + given[*i]
                    )
                } else {
                    format!("block a line taller, the line short at its foot ({why})")
                };
                entry.3.steps.insert(count[*i], step);
                count[*i] += 1;
            }
        }
        laid
    }
}

/// Where an article's block photo stands and its natural height.
fn photo_spec(sh: Shaper, pj: &PageJob, id: &str, ph: &model::BlockPhoto) -> Result<PhotoSpec> {
    let index = (pj.plan.photos.iter())
        .position(|p| p.in_block && p.article.as_deref() == Some(id))
        .expect("every block photo was made a photo of the page");
    let lines = match ph.lines {
        Height::Lines(n) => n,
        Height::Auto => sizes::photo_lines(sh, pj, index, ph.cols)?,
    };
    Ok(PhotoSpec {
        index,
        cols: ph.cols,
        side: ph.side,
        lines,
    })
}

/// Sizes the last block of an article: fixed (`Ok`, copyfitted), or auto — the least lines
/// that hold it (`Err(Some(bottom))` when its natural height is known and fits), copyfitted at
/// `max` when even that is too few.
fn last_block(
    piece: &Piece,
    before: &[[u32; 2]],
    (top, max): (u32, u32),
    fixed: std::result::Result<u32, Option<u32>>,
) -> Result<(u32, Rects, Fitted)> {
    let with =
        |bottom: u32| -> Vec<[u32; 2]> { before.iter().copied().chain([[top, bottom]]).collect() };
    let auto = match fixed {
        Ok(bottom) => {
            let (rects, fitted) = piece.fitted(&with(bottom))?;
            return Ok((bottom, rects, fitted));
        }
        Err(Some(bottom)) => Some(bottom),
        Err(None) => piece.auto_bottom(before, top, max)?,
    };
    match auto {
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
fn top_of(n: &Node, spans: &[Option<[u32; 2]>]) -> u32 {
    if let Top::Line(l) = n.block.start() {
        return l;
    }
    let lowest = n
        .deps
        .iter()
        .filter_map(|&d| spans[d])
        .map(|s| s[1])
        .max()
        .unwrap_or(0);
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
        format!(
            "it would start on line {top}, under the foot of the type area (line {foot}): the blocks above it in columns {}–{} take the whole height; shorten one of them",
            n.block.cols[0], n.block.cols[1]
        )
    } else if bottom < top {
        format!("it starts on line {top} but bottom = {bottom}; give a bottom under its top")
    } else {
        format!(
            "it starts on line {top} and would end on line {bottom}, past the foot (line {foot}); give it fewer lines or bottom = \"foot\""
        )
    };
    Err(plan.error_at(&plan.key_of(&n.id), format!("{}: {why}", n.name())))
}
