//! Articles: each one's regions on the grid are handed to [`flow::thread`], which keeps the
//! jump lines, fills and balances them; what comes back is placed here — the body lines, the
//! jump lines （下转第X版）/（上接第X版） (X the other page's number, so reordering the edition
//! renumbers them), the regions, and the rule round a boxed article.

use super::order::{Sink, StreamOrder};
use super::runs;
use super::{ArticleReport, Ctx, PageCtx};
use crate::display::{self, Item, LineKind, LineTag, Page, TextLine};
use crate::error::Result;
use crate::flow::{self, JumpLine, Threaded};
use crate::linebreak::Fit;
use crate::model::{Align, ArticlePlan, Copyfit, Story};
use crate::shape::ShapedPara;
use rayon::prelude::*;

/// Flows every article of the job, in page and plan order, onto `pages`; returns the reports
/// and, per page, where in its stream the proof layer goes.
pub(super) fn flow_articles(
    ctx: &Ctx,
    pages: &mut [Page],
) -> Result<(Vec<ArticleReport>, Vec<usize>)> {
    let job = ctx.job;
    let mut order = StreamOrder::new(pages.len());
    // Every article shaped and flowed in parallel (threads are independent), then placed in
    // page and plan order, so the output does not depend on scheduling.
    let articles: Vec<(usize, &ArticlePlan, &Story)> = job
        .pages
        .iter()
        .enumerate()
        .flat_map(|(home, pj)| {
            pj.plan
                .articles
                .iter()
                .zip(&pj.stories)
                .map(move |(plan, story)| (home, plan, story))
        })
        .collect();
    let composer = |home: usize| ctx.page(&job.pages[home]);
    let set = crate::timing::stage("make-up set", || {
        (articles.par_iter())
            .map(|&(home, plan, story)| composer(home).set_article(home, plan, story))
            .collect::<Result<Vec<_>>>()
    })?;
    let mut reports = Vec::new();
    crate::timing::stage("make-up place", || -> Result<()> {
        for (&(home, plan, story), set) in articles.iter().zip(set) {
            let c = composer(home);
            reports.push(c.place_article((home, plan, story), set, (pages, &mut order))?);
        }
        Ok(())
    })?;
    Ok((
        reports,
        crate::timing::stage("make-up order", || order.assemble(pages)),
    ))
}

/// An article shaped and threaded, its body lines set, not yet on the pages.
struct SetArticle {
    threaded: Threaded,
    /// The body lines, in thread order (one per placed line of `threaded`), made with the
    /// article in parallel: putting them on the pages is the part that must go in order.
    lines: Vec<TextLine>,
    /// Its jump lines with the page each goes on, in jump order; an error is raised when the
    /// article is placed, so errors come in page and plan order as before.
    jumps: Result<Vec<(usize, Vec<TextLine>)>>,
    /// What happened to the article.
    report: ArticleReport,
}

impl PageCtx<'_> {
    /// The rule around a boxed article: the bounding box of its headline and own frames.
    fn article_box(&self, plan: &ArticlePlan) -> Item {
        let t = &self.job.template;
        let rects = plan
            .headline
            .iter()
            .chain(&plan.frames)
            .map(|r| t.grid.area(r));
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for a in rects {
            (x0, y0) = (x0.min(a.x), y0.min(a.top));
            (x1, y1) = (x1.max(a.x + a.width), y1.max(a.top + a.height));
        }
        Item::Rect {
            rect: [x0, y0, x1 - x0, y1 - y0],
            stroke: Some((0.75, crate::model::Cmyk::BLACK)),
            fill: None,
        }
    }

    /// The thread's regions of article `plan` starting on page `home`: its own frames, then
    /// its continuations on other pages in edition order.
    fn regions(&self, home: usize, plan: &ArticlePlan) -> Vec<flow::Region> {
        let t = &self.job.template;
        let g = &t.grid;
        // A boxed article's own frames keep ½ character from the rule on each side, so a
        // column stays a whole number of characters (14 → 13).
        let pad = if plan.boxed { g.char_size / 2.0 } else { 0.0 };
        let baseline = self.shaper().body_baseline();
        let own = plan.frames.iter().map(|r| (home, r));
        let continued = self.job.pages.iter().enumerate().flat_map(|(pi, p)| {
            p.plan
                .continued
                .iter()
                .filter(|c| c.article == plan.id)
                .flat_map(move |c| c.frames.iter().map(move |r| (pi, r)))
        });
        own.chain(continued)
            .flat_map(|(page, r)| {
                let pad = if page == home { pad } else { 0.0 };
                flow::Region::of_frame(g, page, r, (pad, baseline))
            })
            .collect()
    }

    /// Shapes an article and threads it through its regions: everything that does not touch
    /// the pages, so articles can be set in parallel.
    fn set_article(&self, home: usize, plan: &ArticlePlan, story: &Story) -> Result<SetArticle> {
        let paras = self.shaper().body(story)?;
        let regions = self.regions(home, plan);
        let settings = (self.settings.body).with_punctuation(plan.copyfit.punctuation);
        // An article in blocks flows as its layout sized it (capped, if only by no caps);
        // one in frames fills them, a 孤行 cured with a line more where the frames have one.
        let in_blocks = plan.block.is_some() || !plan.blocks.is_empty();
        let columns = match (plan.balance, &plan.copyfit.caps) {
            (true, _) => flow::Columns::Balance,
            (false, caps) if caps.is_empty() && !in_blocks => flow::Columns::Fill,
            (false, caps) => flow::Columns::Caps(caps.clone()),
        };
        let memo = self.broken.get(&(home, plan.id.clone())).map(|m| &**m);
        let threaded = flow::thread_with(&paras, &settings, regions, (&columns, memo))
            .map_err(|e| {
                let pp = &self.job.pages[e.page].plan;
                pp.error_at(
                    &pp.key_of(&plan.id),
                    format!(
                        "article '{}': frame {} has no line left besides its jump line(s); give it more lines",
                        plan.id,
                        e.region + 1
                    ),
                )
            })?;
        let lines = (threaded.flowed.lines.iter())
            .map(|pl| {
                let skip = threaded.regions[pl.region].skip;
                body_line(story, &paras[pl.para], (pl, skip))
            })
            .collect();
        let jumps = (threaded.jumps.iter())
            .map(|jump| {
                let lines = self.jump_line(story, jump, &threaded.regions)?;
                Ok((threaded.regions[jump.region].page, lines))
            })
            .collect();
        let report = self.report(plan, story, &threaded);
        Ok(SetArticle {
            threaded,
            lines,
            jumps,
            report,
        })
    }

    /// Puts a threaded article on the pages: its box, regions, lines and jump lines; its
    /// report.
    fn place_article(
        &self,
        (home, plan, story): (usize, &ArticlePlan, &Story),
        set: SetArticle,
        (pages, order): (&mut [Page], &mut StreamOrder),
    ) -> Result<ArticleReport> {
        let SetArticle {
            threaded,
            lines,
            jumps,
            report,
        } = set;
        let regions = &threaded.regions;
        if plan.boxed {
            pages[home].items.push(self.article_box(plan));
        }
        for (k, r) in regions.iter().enumerate() {
            order.region(
                r.page,
                display::Region {
                    owner: story.id.clone(),
                    number: k + 1,
                    of: regions.len(),
                    rect: [r.x, r.top, r.width, r.rows as f32 * r.pitch],
                },
            );
        }
        let sink = order.thread(regions.iter().map(|r| r.page));
        place_lines(&threaded, lines, (pages, order, sink));
        // On every page the article's jump lines follow its body lines there: a jump line
        // read before the text it stands over would read, to a checker that follows the
        // stream, as a short line of the column.
        for (page, lines) in jumps? {
            (order.sink(pages, page, sink)).extend(lines.into_iter().map(Item::Line));
        }
        Ok(report)
    }

    /// The number page `page` of the job is made up with (its [`Page::number`]), known
    /// before any page is: what lets an article's lines and report be made in parallel.
    fn number(&self, page: usize) -> u32 {
        self.job.pages[page].plan.page
    }

    /// The report of article `plan` threaded as `threaded`.
    fn report(&self, plan: &ArticlePlan, story: &Story, threaded: &Threaded) -> ArticleReport {
        let regions = &threaded.regions;
        let mut pages_of: Vec<u32> = regions.iter().map(|r| self.number(r.page)).collect();
        pages_of.dedup();
        ArticleReport {
            id: story.id.clone(),
            lines: threaded.flowed.lines.len() as u32,
            chars: story.body_chars(),
            capacity: threaded.capacity,
            stop: threaded.flowed.stop,
            frames: regions.len(),
            pages: pages_of,
            lone_chars: threaded.faults.lone_chars,
            widows: threaded.faults.widows,
            widow_repairs: (threaded.flowed.widow_repairs.iter())
                .map(|&(p, fit)| {
                    let how = if fit == Fit::Tight {
                        "tighter"
                    } else {
                        "looser"
                    };
                    format!("paragraph {} a line {how}", p + 1)
                })
                .collect(),
            copyfit: plan.copyfit.steps.clone(),
            instruction: self.instruction(plan, threaded, regions),
        }
    }

    /// What the editor has to do about the article: copyfit's word for an article in blocks,
    /// else the overset to cut or the empty lines of its frames to fill.
    fn instruction(
        &self,
        plan: &ArticlePlan,
        th: &Threaded,
        regions: &[flow::Region],
    ) -> Option<String> {
        if plan.block.is_some() || !plan.blocks.is_empty() {
            return plan.copyfit.instruction.clone();
        }
        let body = self.job.template.body.size;
        match th.flowed.stop {
            flow::Stop::Overset(o) => Some(Copyfit::cut(o.chars)),
            flow::Stop::Done { empty: 0 } => None,
            flow::Stop::Done { empty } => {
                let per = regions
                    .last()
                    .map_or(0, |r| (r.width / body).floor() as u32);
                Some(Copyfit::add(empty, per))
            }
        }
    }

    /// A jump line: （下转第X版） flush right under the text, （上接第X版） flush left at the
    /// head of the region.
    fn jump_line(
        &self,
        story: &Story,
        jump: &JumpLine,
        regions: &[flow::Region],
    ) -> Result<Vec<TextLine>> {
        let t = &self.job.template;
        let r = &regions[jump.region];
        let other = self.number(jump.other_page);
        let (text, align) = match jump.out {
            true => (t.jumps.out_to(other), Align::Right),
            false => (t.jumps.in_from(other), Align::Left),
        };
        let style = self.settings.jump;
        let mut block = self.block((&text, style, align), r.width, &story.id)?;
        // One line on the body's grid, whatever the style's pitch.
        block.pitch = t.grid.pitch;
        block.lines.truncate(1);
        let top = r.top + jump.row as f32 * r.pitch;
        let mut placed = block.place((r.x, r.width), top, (&story.id, LineKind::Jump));
        for l in &mut placed {
            (l.tag.region, l.tag.row) = (jump.region + 1, jump.row + 1);
        }
        Ok(placed)
    }
}

/// Puts the threaded body lines on their pages, each with its tag.
fn place_lines(
    threaded: &Threaded,
    lines: Vec<TextLine>,
    (pages, order, sink): (&mut [Page], &mut StreamOrder, Sink),
) {
    for (pl, line) in threaded.flowed.lines.iter().zip(lines) {
        let page = threaded.regions[pl.region].page;
        order.sink(pages, page, sink).push(Item::Line(line));
    }
}

/// A body line with its tag; `skip` line cells at the head of its region hold a jump line.
fn body_line(story: &Story, para: &ShapedPara, (pl, skip): (&flow::PlacedLine, u32)) -> TextLine {
    let (runs, text) = runs::line_runs(para, &pl.line, pl.x, pl.baseline);
    let tag = LineTag {
        owner: story.id.clone(),
        kind: LineKind::Body,
        region: pl.region + 1,
        row: skip + pl.row + 1,
        baseline: pl.baseline,
        x: (
            pl.x + pl.line.xs.first().copied().unwrap_or(0.0),
            pl.x + pl.line.width,
        ),
        text,
        adjust: pl.line.adjust.to_string(),
    };
    TextLine { tag, runs }
}
