//! Proof marks for layout editors: the column and character grid, the baselines, every frame
//! outlined and numbered in chain order with its article, a red ⊕ with the lines over on the
//! last frame of an overset article, the empty lines of an underset one shaded, and a 校样
//! stamp with the edition date. They make the page's proof layer ([`Item::Proof`]), which
//! only proofs draw. Everything is read off the page's own items: its regions and the tags of
//! its lines.

use super::{ArticleReport, Ctx, PageCtx};
use crate::display::{Item, LineKind, Page, Region};
use crate::error::Result;
use crate::flow::Stop;
use crate::model::Cmyk;

const GRID: Cmyk = Cmyk([0.35, 0.0, 0.0, 0.0]);
const CELLS: Cmyk = Cmyk([0.12, 0.0, 0.0, 0.0]);
const FRAME: Cmyk = Cmyk([0.8, 0.4, 0.0, 0.0]);
const RED: Cmyk = Cmyk([0.0, 1.0, 1.0, 0.0]);
const UNDERSET: Cmyk = Cmyk([0.0, 0.0, 0.35, 0.0]);
const HOLE: Cmyk = Cmyk([0.0, 0.45, 0.25, 0.0]);

/// Inserts the proof layer of every page at `at` (its place in the page's stream).
pub(super) fn add_layers(
    ctx: &Ctx,
    pages: &mut [Page],
    (articles, holes): (&[ArticleReport], &[super::Hole]),
    at: &[usize],
) -> Result<()> {
    for ((pj, page), &at) in ctx.job.pages.iter().zip(pages.iter_mut()).zip(at) {
        // The labels are shaped apart from the session's memo of article text.
        let shapes = crate::shape::ShapeCache::default();
        let c = PageCtx {
            shapes: &shapes,
            ..ctx.page(pj)
        };
        let mut marks = Vec::new();
        grid(&c, &mut marks);
        for a in articles {
            frames(&c, page, a, &mut marks)?;
        }
        // Holes no region holds, shaded where the editor must act (an underset region's empty
        // lines are shaded with its frame).
        let mine = (holes.iter()).filter(|h| h.page == page.number && h.uncovered());
        marks.extend(mine.map(|h| super::holes::shade(&c, h, HOLE)));
        stamp(&c, &mut marks)?;
        page.items
            .insert(at.min(page.items.len()), Item::Proof(marks));
    }
    Ok(())
}

fn rule(from: (f32, f32), to: (f32, f32), width: f32, color: Cmyk) -> Item {
    Item::Rule {
        from,
        to,
        width,
        color,
    }
}

/// Basic columns outlined, every character cell and every baseline of the grid.
fn grid(c: &PageCtx, out: &mut Vec<Item>) {
    let g = &c.job.template.grid;
    let (top, bottom) = (g.top, g.line_top(g.lines + 1));
    let col_w = g.column_chars as f32 * g.char_size;
    for col in 1..=g.columns {
        let x = g.column_x(col);
        for k in 1..g.column_chars {
            let cx = x + k as f32 * g.char_size;
            out.push(rule((cx, top), (cx, bottom), 0.1, CELLS));
        }
        out.push(Item::Rect {
            rect: [x, top, col_w, bottom - top],
            stroke: Some((0.3, GRID)),
            fill: None,
        });
    }
    let body = &c.job.template.body;
    let ascent = c.ascent(body);
    for line in 1..=g.lines {
        let y = g.line_top(line) + (g.pitch - body.size) / 2.0 + ascent * body.size;
        out.push(rule((g.left, y), (g.left + g.width(), y), 0.1, CELLS));
    }
}

/// A small label in the body font, its line box from `top`, left-aligned at `x`.
fn label(
    c: &PageCtx,
    text: &str,
    (x, top): (f32, f32),
    size: f32,
    color: Cmyk,
) -> Result<Vec<Item>> {
    let runs = c.note(text, size, (x, top, 10_000.0), "proof marks")?;
    Ok(runs
        .into_iter()
        .map(|mut r| {
            r.color = color;
            Item::Text(r)
        })
        .collect())
}

/// The article's regions on this page outlined and numbered; overset and underset marked.
fn frames(c: &PageCtx, page: &Page, a: &ArticleReport, out: &mut Vec<Item>) -> Result<()> {
    for f in page.regions_of(&a.id) {
        let [x, y, w, h] = f.rect;
        out.push(Item::Rect {
            rect: [x, y, w, h],
            stroke: Some((0.6, FRAME)),
            fill: None,
        });
        out.extend(label(
            c,
            &format!("{} {}", f.number, a.id),
            (x + 1.0, y + 1.0),
            5.0,
            FRAME,
        )?);
        if f.number != f.of {
            continue;
        }
        match a.stop {
            Stop::Overset(o) => {
                out.push(Item::Rect {
                    rect: [x, y, w, h],
                    stroke: Some((1.5, RED)),
                    fill: None,
                });
                let mark = if c
                    .book
                    .face_for(&c.chain(&c.job.template.body), '⊕')
                    .is_some()
                {
                    format!("⊕{}", o.lines)
                } else {
                    format!("(+){}", o.lines)
                };
                out.extend(label(c, &mark, (x + w - 30.0, y + h - 12.0), 9.0, RED)?);
            }
            Stop::Done { empty } if empty > 0 => underset(page, f, c.job.template.grid.pitch, out),
            Stop::Done { .. } => {}
        }
    }
    Ok(())
}

/// Shades the empty part of the last region, below the article's last line in it.
fn underset(page: &Page, region: &Region, pitch: f32, out: &mut Vec<Item>) {
    let [x, y, w, h] = region.rect;
    let last = page
        .lines()
        .filter(|r| r.owner == region.owner && r.kind == LineKind::Body)
        .filter(|r| r.region == region.number)
        .map(|r| r.baseline)
        .fold(None, |m: Option<f32>, b| Some(m.map_or(b, |m| m.max(b))));
    // The foot of the grid cell that holds the last baseline.
    let from = last.map_or(y, |b| y + ((b - y) / pitch).ceil() * pitch);
    if from < y + h {
        out.push(Item::Rect {
            rect: [x, from, w, y + h - from],
            stroke: None,
            fill: Some(UNDERSET),
        });
    }
}

/// 校样 and the edition date in red in the top margin, right.
fn stamp(c: &PageCtx, out: &mut Vec<Item>) -> Result<()> {
    let t = &c.job.template;
    let text = format!("校样 {} 第{}版", c.job.edition.date, c.pj.plan.page);
    let x = t.grid.left + t.grid.width() - 150.0;
    out.extend(label(c, &text, (x, 4.0), 12.0, RED)?);
    Ok(())
}
