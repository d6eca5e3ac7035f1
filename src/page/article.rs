//! Articles: each one's paragraphs flow through its frame chain, which may leave the page and
//! resume on another. Where it leaves, the frame's last line is reserved for （下转第X版）, set
//! flush right; where it resumes, the first line for （上接第X版）; X is the other page's number,
//! so reordering the edition renumbers them.

use super::block::{block_lines, place_block};
use super::runs;
use super::{Area, ArticleReport, Composer, grid_area};
use crate::display::{Item, LineKind, LineTag, Page, Region, TextLine};
use crate::error::{Error, Result};
use crate::flow::{self, Flowed, FrameBox};
use crate::font::FontBook;
use crate::linebreak::LineSettings;
use crate::model::{Align, ArticlePlan, GridRect, Job, Story, Template};
use rayon::prelude::*;

/// Flows every article of the job, in page and plan order, onto `pages`; returns the reports
/// and, per page, where in its stream the proof layer goes.
///
/// An article that jumps is written last on the page it leaves and first on the page where it
/// resumes, so the content streams read it without a break: text extraction, copy and search
/// (and screen readers, which follow the stream) get the article whole. Every page's stream
/// opens with its thread regions, in article order.
pub(super) fn flow_articles(
    job: &Job,
    (book, shapes): (&FontBook, &crate::shape::ShapeCache),
    pages: &mut [Page],
) -> Result<(Vec<ArticleReport>, Vec<usize>)> {
    let mut reports = Vec::new();
    let mut order = StreamOrder {
        regions: vec![Vec::new(); pages.len()],
        arriving: vec![Vec::new(); pages.len()],
        leaving: vec![Vec::new(); pages.len()],
    };
    // Every article shaped and flowed in parallel (chains are independent), then placed in
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
    let composer = |home: usize| Composer {
        job,
        pj: &job.pages[home],
        book,
        shapes,
    };
    let set = articles
        .par_iter()
        .map(|&(home, plan, story)| composer(home).set_article(home, plan, story))
        .collect::<Result<Vec<_>>>()?;
    for (&(home, plan, story), set) in articles.iter().zip(set) {
        reports.push(composer(home).place_article(
            (home, plan, story),
            set,
            (pages, &mut order),
        )?);
    }
    let mut marks_at = Vec::new();
    let streams = order
        .regions
        .into_iter()
        .zip(order.arriving)
        .zip(order.leaving);
    for (page, ((regions, arriving), leaving)) in pages.iter_mut().zip(streams) {
        let own = std::mem::take(&mut page.items);
        page.items = regions;
        page.items.extend(arriving);
        page.items.extend(own);
        marks_at.push(page.items.len());
        page.items.extend(leaving);
    }
    Ok((reports, marks_at))
}

/// The page a chain starts on, if the chain leaves it (a jumping article); `None` otherwise.
fn jumping_home(chain: &[Link]) -> Option<usize> {
    let home = chain.first()?.page;
    chain.iter().any(|l| l.page != home).then_some(home)
}

/// Items held back from the page's own stream: the thread regions (written first), and the
/// items of jumping articles, written first (arriving) or last (leaving).
struct StreamOrder {
    regions: Vec<Vec<Item>>,
    arriving: Vec<Vec<Item>>,
    leaving: Vec<Vec<Item>>,
}

impl StreamOrder {
    /// Where an item on page `page` of an article whose chain starts on page `home` goes:
    /// the page itself if the article does not jump (`home` is `None`), else the leaving (home
    /// page) or arriving (other pages) list.
    fn sink<'a>(
        &'a mut self,
        pages: &'a mut [Page],
        page: usize,
        home: Option<usize>,
    ) -> &'a mut Vec<Item> {
        match home {
            None => &mut pages[page].items,
            Some(h) if h == page => &mut self.leaving[page],
            Some(_) => &mut self.arriving[page],
        }
    }
}

/// The areas a frame sets text in: the frame itself, or its 破栏 columns left to right.
fn frame_areas(t: &Template, r: &GridRect) -> Vec<Area> {
    let a = grid_area(t, r);
    let Some(k) = r.split else { return vec![a] };
    let Ok((chars, gutter)) = t.grid.split(r.cols[0], r.cols[1], k) else {
        return vec![a]; // validated when the plan was read
    };
    let w = chars as f32 * t.grid.char_size;
    let step = w + gutter * t.grid.char_size;
    (0..k)
        .map(|i| Area {
            x: a.x + i as f32 * step,
            width: w,
            ..a
        })
        .collect()
}

impl Composer<'_> {
    /// The rule around a boxed article: the bounding box of its headline and own frames.
    fn article_box(&self, plan: &ArticlePlan) -> Item {
        let t = &self.job.template;
        let rects = plan
            .headline
            .iter()
            .chain(&plan.frames)
            .map(|r| grid_area(t, r));
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
}

/// Paragraph ends that the rules could not avoid: a last line of one character (孤字) and a
/// last line alone at the head of a frame (孤行), CLREQ #handling_of_the_last_line.
fn last_line_faults(paras: &[crate::shape::ShapedPara], flowed: &Flowed) -> (u32, u32) {
    let (mut lone, mut widows) = (0, 0);
    for (i, l) in flowed.lines.iter().enumerate() {
        let next = flowed.lines.get(i + 1);
        if next.is_some_and(|n| n.para == l.para) {
            continue; // not a paragraph's last line
        }
        let p = &paras[l.para];
        let visible = l
            .line
            .clusters
            .clone()
            .filter(|&c| p.clusters[c].class != crate::shape::CharClass::Space)
            .count();
        let prev = i.checked_sub(1).map(|k| &flowed.lines[k]);
        if visible == 1 && prev.is_some_and(|pr| pr.para == l.para) {
            lone += 1;
        }
        if l.row == 0 && prev.is_some_and(|pr| pr.para == l.para && pr.frame != l.frame) {
            widows += 1;
        }
    }
    (lone, widows)
}

/// Balanced columns: the lowest common last baseline at which the text still fits, each frame
/// shortened to end there (never below its own foot, never under one line).
fn balance(
    paras: &[crate::shape::ShapedPara],
    settings: &LineSettings,
    boxes: Vec<FrameBox>,
    flowed: Flowed,
) -> (Vec<FrameBox>, Flowed) {
    if !matches!(flowed.stop, crate::flow::Stop::Done { empty } if empty > 0) || boxes.len() < 2 {
        return (boxes, flowed);
    }
    let pitch = boxes[0].pitch;
    let top = boxes
        .iter()
        .map(|b| b.first_baseline)
        .fold(f32::INFINITY, f32::min);
    let rows = boxes
        .iter()
        .map(|b| ((b.first_baseline - top) / pitch).round() as u32 + b.lines)
        .max()
        .unwrap_or(1);
    let cut = |end: u32| -> Vec<FrameBox> {
        boxes
            .iter()
            .map(|b| {
                let start = ((b.first_baseline - top) / pitch).round() as u32;
                FrameBox {
                    lines: end.saturating_sub(start).clamp(1, b.lines),
                    ..*b
                }
            })
            .collect()
    };
    // The smallest common end row that holds the text (binary search; more rows never hurt).
    let (mut lo, mut hi) = (1, rows);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let trial = flow::flow(paras, settings, &cut(mid));
        if matches!(trial.stop, crate::flow::Stop::Done { .. }) {
            hi = mid
        } else {
            lo = mid + 1
        }
    }
    // One line more if that saves a paragraph's last line from standing alone (孤行).
    let mut best = (cut(hi), flow::flow(paras, settings, &cut(hi)));
    if last_line_faults(paras, &best.1).1 > 0 && hi < rows {
        let more = flow::flow(paras, settings, &cut(hi + 1));
        if last_line_faults(paras, &more).1 < last_line_faults(paras, &best.1).1 {
            best = (cut(hi + 1), more);
        }
    }
    best
}

/// An article shaped and flowed, not yet on the pages.
struct SetArticle {
    paras: Vec<crate::shape::ShapedPara>,
    chain: Vec<Link>,
    boxes: Vec<FrameBox>,
    jumps: Vec<usize>,
    flowed: Flowed,
    capacity: u32,
}

/// One frame of a chain and the page (index) it is on.
struct Link {
    page: usize,
    area: Area,
}

impl Composer<'_> {
    /// The chain of article `plan` starting on page `home`: its own frames, then its
    /// continuations on other pages in edition order.
    fn frame_chain(&self, home: usize, plan: &ArticlePlan) -> Vec<Link> {
        let t = &self.job.template;
        // A boxed article's own frames keep ½ character from the rule on each side, so a
        // column stays a whole number of characters (14 → 13).
        let pad = if plan.boxed {
            t.grid.char_size / 2.0
        } else {
            0.0
        };
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
                frame_areas(t, r).into_iter().map(move |area| Link {
                    page,
                    area: Area {
                        x: area.x + pad,
                        width: area.width - 2.0 * pad,
                        ..area
                    },
                })
            })
            .collect()
    }

    /// Shapes and flows an article through its chain: everything that does not touch the
    /// pages, so articles can be set in parallel.
    fn set_article(&self, home: usize, plan: &ArticlePlan, story: &Story) -> Result<SetArticle> {
        let t = &self.job.template;
        let g = &t.grid;
        let paras = self.body_paras(story)?;
        let ascent = self.ascent(&t.body);
        let chain = self.frame_chain(home, plan);
        let mut boxes: Vec<FrameBox> = chain
            .iter()
            .map(|l| FrameBox {
                x: l.area.x,
                first_baseline: l.area.top + (g.pitch - t.body.size) / 2.0 + ascent * t.body.size,
                width: l.area.width,
                lines: (l.area.height / g.pitch).round() as u32,
                pitch: g.pitch,
            })
            .collect();
        // Reserve the jump lines: the last line before the chain leaves a page, the first
        // after it arrives.
        let jumps: Vec<usize> = (1..chain.len())
            .filter(|&k| chain[k].page != chain[k - 1].page)
            .collect();
        for &k in &jumps {
            boxes[k - 1].lines = boxes[k - 1].lines.saturating_sub(1);
            boxes[k].lines = boxes[k].lines.saturating_sub(1);
            boxes[k].first_baseline += g.pitch;
        }
        if let Some(k) = boxes.iter().position(|b| b.lines == 0) {
            return Err(Error::invalid(
                &self.job.pages[chain[k].page].plan.path,
                format!(
                    "article '{}': frame {} has no line left besides its jump line(s); give it more lines",
                    plan.id,
                    k + 1
                ),
            ));
        }
        let settings = LineSettings::body(t.indent_chars as f32 * t.body.size, t.han_latin_space)
            .with_kinsoku(t.kinsoku);
        let capacity: u32 = boxes.iter().map(|f| f.lines).sum();
        let mut flowed = flow::flow(&paras, &settings, &boxes);
        if plan.balance {
            (boxes, flowed) = balance(&paras, &settings, boxes, flowed);
            if let crate::flow::Stop::Done { empty } = &mut flowed.stop {
                // Report the white left under the balanced columns against the full frames.
                *empty = capacity - flowed.lines.len() as u32;
            }
        }
        Ok(SetArticle {
            paras,
            chain,
            boxes,
            jumps,
            flowed,
            capacity,
        })
    }

    /// Puts a set article on the pages: its box, threads, lines and jump lines; its report.
    fn place_article(
        &self,
        (home, plan, story): (usize, &ArticlePlan, &Story),
        set: SetArticle,
        (pages, order): (&mut [Page], &mut StreamOrder),
    ) -> Result<ArticleReport> {
        let SetArticle {
            paras,
            chain,
            boxes,
            jumps,
            flowed,
            capacity,
        } = set;
        if plan.boxed {
            pages[home].items.push(self.article_box(plan));
        }
        for (k, l) in chain.iter().enumerate() {
            order.regions[l.page].push(Item::Region(Region {
                owner: story.id.clone(),
                number: k + 1,
                of: chain.len(),
                rect: [l.area.x, l.area.top, l.area.width, l.area.height],
            }));
        }
        place_lines(story, &paras, &flowed, &chain, (pages, order));
        for &k in &jumps {
            // Only where the text really goes on: a jump to an empty frame would send the
            // reader nowhere.
            if flowed.lines.iter().any(|l| l.frame >= k) {
                self.jump_lines(story, (k, &chain, &boxes), (pages, order))?;
            }
        }
        let mut pages_of: Vec<u32> = Vec::new();
        for l in &chain {
            let n = pages[l.page].number;
            if !pages_of.contains(&n) {
                pages_of.push(n);
            }
        }
        let (lone_chars, widows) = last_line_faults(&paras, &flowed);
        Ok(ArticleReport {
            id: story.id.clone(),
            lines: flowed.lines.len() as u32,
            chars: story.body_chars(),
            capacity,
            stop: flowed.stop,
            frames: chain.len(),
            pages: pages_of,
            lone_chars,
            widows,
        })
    }

    /// The pair of jump lines where the chain passes from frame `k − 1` to frame `k`.
    fn jump_lines(
        &self,
        story: &Story,
        (k, chain, boxes): (usize, &[Link], &[FrameBox]),
        (pages, order): (&mut [Page], &mut StreamOrder),
    ) -> Result<()> {
        let t = &self.job.template;
        let (from, to) = (&chain[k - 1], &chain[k]);
        let (from_no, to_no) = (pages[from.page].number, pages[to.page].number);
        let out_top = from.area.top + boxes[k - 1].lines as f32 * t.grid.pitch;
        let lines = [
            (
                from,
                t.jumps.out_to(to_no),
                Align::Right,
                out_top,
                k,
                boxes[k - 1].lines + 1,
            ),
            (
                to,
                t.jumps.in_from(from_no),
                Align::Left,
                to.area.top,
                k + 1,
                1,
            ),
        ];
        let style = t.style("转版").unwrap_or(&t.body);
        for (link, text, align, top, frame, row) in lines {
            let para = self.shape(&text, style, &story.id)?;
            let mut bp = self.block_para(&para, style, align);
            bp.pitch = t.grid.pitch;
            let set = block_lines(&bp, link.area.width);
            let mut set = place_block(
                &bp,
                &set[..set.len().min(1)],
                (link.area.x, link.area.width),
                top,
                (&story.id, LineKind::Jump),
            );
            for l in &mut set {
                (l.tag.frame, l.tag.row) = (frame, row);
            }
            order
                .sink(pages, link.page, jumping_home(chain))
                .extend(set.into_iter().map(Item::Line));
        }
        Ok(())
    }
}

/// Puts the flowed lines on their pages, each with its tag.
fn place_lines(
    story: &Story,
    paras: &[crate::shape::ShapedPara],
    flowed: &Flowed,
    chain: &[Link],
    (pages, order): (&mut [Page], &mut StreamOrder),
) {
    let home = jumping_home(chain);
    for pl in &flowed.lines {
        let pi = chain[pl.frame].page;
        let para = &paras[pl.para];
        let (runs, text) = runs::line_runs(para, &pl.line, pl.x, pl.baseline);
        let tag = LineTag {
            owner: story.id.clone(),
            kind: LineKind::Body,
            frame: pl.frame + 1,
            row: pl.row + 1,
            baseline: pl.baseline,
            x: (
                pl.x + pl.line.xs.first().copied().unwrap_or(0.0),
                pl.x + pl.line.width,
            ),
            text,
            adjust: pl.line.adjust.to_string(),
        };
        order
            .sink(pages, pi, home)
            .push(Item::Line(TextLine { tag, runs }));
    }
}
