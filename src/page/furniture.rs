//! Page furniture: the running head (报眉) of inner pages, the masthead (报头) of a front page,
//! and the rules between articles (栏线), all from the template and the edition file.

use super::PageCtx;
use super::block::Block;
use crate::display::{Item, LineKind, Page};
use crate::error::{Error, Result};
use crate::model::{Align, Cmyk, Style};

/// Gap between the running head's rule and the first body line's cell, in points.
const HEAD_GAP: f32 = 3.0;

impl PageCtx<'_> {
    /// A style the furniture needs, with what to add if the template lacks it.
    fn furniture_style(&self, name: &str, what: &str) -> Result<&Style> {
        let t = &self.job.template;
        t.styles.get(name).ok_or_else(|| {
            Error::invalid(
                &t.path,
                format!("{what} needs a style [styles.\"{name}\"]; add one (font, size)"),
            )
        })
    }
}

/// Places a furniture block set already (`row` numbers its lines in the dump).
fn place_line(
    page: &mut Page,
    block: &Block,
    (x, width, top): (f32, f32, f32),
    (owner, kind, row): (&str, LineKind, u32),
) {
    let mut set = block.place((x, width), top, (owner, kind));
    for (i, l) in set.iter_mut().enumerate() {
        l.tag.row = row + i as u32;
    }
    page.items.extend(set.into_iter().map(Item::Line));
}

/// The running head of an inner page: page number and page name on the outer side, paper and
/// date and the page editor on the inner side, over a rule across the type area.
pub(super) fn running_head(c: &PageCtx, page: &mut Page) -> Result<()> {
    let t = &c.job.template;
    let plan = &c.pj.plan;
    if !t.running_head || plan.masthead.is_some() {
        return Ok(());
    }
    let style = c.furniture_style("报眉", "running_head = true")?;
    let g = &t.grid;
    let rule_y = g.top - HEAD_GAP;
    let top = rule_y - HEAD_GAP / 2.0 - style.pitch;
    if top < 0.0 {
        return Err(Error::invalid(
            &t.path,
            format!(
                "the running head needs {:.1} pt above the type area but the top margin is {:.1} pt; enlarge margin_top_mm",
                style.pitch + 1.5 * HEAD_GAP,
                g.top
            ),
        ));
    }
    let (left, right) = running_head_texts(c);
    let (w, owner) = (g.width(), "running-head");
    let left = c.block((&left, style, Align::Left), w, owner)?;
    let right = c.block((&right, style, Align::Right), w, owner)?;
    check_running_head(c, (&left, &right), style, w)?;
    let kind = LineKind::RunningHead;
    place_line(page, &left, (g.left, w, top), (owner, kind, 1));
    place_line(page, &right, (g.left, w, top), (owner, kind, 2));
    page.items.push(Item::Rule {
        from: (g.left, rule_y),
        to: (g.left + w, rule_y),
        width: 0.75,
        color: Cmyk::BLACK,
    });
    Ok(())
}

/// The running head's left and right halves: page number and name on the outer side (left
/// on even pages, the left-hand ones), paper, date and editor on the inner.
fn running_head_texts(c: &PageCtx) -> (String, String) {
    let plan = &c.pj.plan;
    let outer = match &plan.name {
        Some(name) => format!("第{}版　{name}", plan.page),
        None => format!("第{}版", plan.page),
    };
    let mut inner = vec![];
    if let Some(p) = &c.job.edition.paper {
        inner.push(p.clone());
    }
    inner.push(plan.date.cn());
    if let Some(e) = &plan.editor {
        inner.push(format!("责任编辑：{e}"));
    }
    let inner = inner.join("　");
    if plan.page.is_multiple_of(2) {
        (outer, inner)
    } else {
        (inner, outer)
    }
}

/// The two halves of the running head fit on one line with a character between them, or the
/// build stops with the numbers (on a narrow page they would collide and wrap into the body).
fn check_running_head(
    c: &PageCtx,
    (left, right): (&Block, &Block),
    style: &Style,
    w: f32,
) -> Result<()> {
    let natural = |b: &Block| b.lines.iter().map(|l| l.width).fold(0.0, f32::max);
    let need = natural(left) + natural(right) + style.size;
    if left.lines.len() <= 1 && right.lines.len() <= 1 && need <= w + 0.01 {
        return Ok(());
    }
    Err(c.pj.plan.error_at(
        "name",
        format!(
            "the running head needs {need:.1} pt on one line (with a character between its halves) but the type area is {w:.1} pt wide; shorten the page name or the editor, or give the template a smaller 报眉 style",
        ),
    ))
}

/// The masthead's date, issue and CN lines each on one line in the right third, all of them
/// (and the paper's name in the left two thirds) within the box's height.
fn check_masthead(
    c: &PageCtx,
    (name, name_w): (&Block, f32),
    info: &[Block],
    area_height: f32,
) -> Result<()> {
    let plan = &c.pj.plan;
    let fail = |m: String| Err(plan.error_at("masthead", m));
    if name.lines.len() > 1 {
        return fail(format!(
            "the paper's name needs {} lines in the masthead's left two thirds ({name_w:.1} pt wide); widen the masthead or give 报头 a smaller size",
            name.lines.len()
        ));
    }
    if let Some(b) = info.iter().find(|b| b.lines.len() > 1) {
        return fail(format!(
            "a masthead line needs {} lines in the right third of the box; widen the masthead (more columns) or give 报眉 a smaller size",
            b.lines.len()
        ));
    }
    let need: f32 = (info.iter().map(|b| b.height()).sum::<f32>()).max(name.height());
    if need > area_height + 0.01 {
        let pitch = c.job.template.grid.pitch;
        return fail(format!(
            "the masthead's lines need {need:.1} pt but its box is {area_height:.1} pt high; give it {} lines or more",
            (need / pitch).ceil()
        ));
    }
    Ok(())
}

/// The masthead of a front page: the paper's name large on the left two thirds, date, issue,
/// CN number and page count on the right, a double rule under it. Every line is checked to
/// fit the box before any is placed (no line over another or over an article).
pub(super) fn masthead(c: &PageCtx, page: &mut Page) -> Result<()> {
    let Some(rect) = c.pj.plan.masthead else {
        return Ok(());
    };
    let e = &c.job.edition;
    let name_style = c.furniture_style("报头", "a masthead")?;
    let info_style = c.furniture_style("报眉", "a masthead")?;
    let area = c.area(&rect);
    let paper = e.paper.as_deref().ok_or_else(|| {
        c.pj.plan.error_at(
            "masthead",
            "the masthead needs the paper's name; give paper = \"…\" in the edition file (or the plan)",
        )
    })?;
    let (split, owner) = (area.width * 2.0 / 3.0, "masthead");
    let mut info = vec![e.date.cn()];
    info.extend(e.issue.clone());
    info.extend(e.cn.clone());
    info.push(format!("今日{}版", c.job.pages.len()));
    let info_w = area.width - split;
    let blocks = (info.iter())
        .map(|l| c.block((l, info_style, Align::Left), info_w, owner))
        .collect::<Result<Vec<_>>>()?;
    let name = c.block((paper, name_style, Align::Center), split, owner)?;
    check_masthead(c, (&name, split), &blocks, area.height)?;
    let kind = LineKind::Masthead;
    let name_top = area.top + (area.height - name_style.pitch) / 2.0;
    place_line(page, &name, (area.x, split, name_top), (owner, kind, 1));
    let mut top = area.top + (area.height - info.len() as f32 * info_style.pitch) / 2.0;
    for (i, b) in blocks.iter().enumerate() {
        let at = (area.x + split, info_w, top);
        place_line(page, b, at, (owner, kind, i as u32 + 2));
        top += info_style.pitch;
    }
    let y = area.top + area.height - 2.0;
    for (dy, width) in [(0.0, 2.0), (2.5, 0.5)] {
        page.items.push(Item::Rule {
            from: (area.x, y - dy),
            to: (area.x + area.width, y - dy),
            width,
            color: Cmyk::BLACK,
        });
    }
    Ok(())
}

/// The owner of every grid cell of the page: article id (headline, frames, continuations),
/// photo (or the article it belongs to), box or masthead.
fn cell_owners(c: &PageCtx) -> Vec<Vec<Option<String>>> {
    let g = &c.job.template.grid;
    let mut cells = vec![vec![None; g.lines as usize + 2]; g.columns as usize + 2];
    for placed in c.pj.plan.rects() {
        let (owner, r) = (placed.owner, placed.rect);
        for col in r.cols[0]..=r.cols[1] {
            for line in r.lines[0]..=r.lines[1] {
                cells[col as usize][line as usize] = Some(owner.clone());
            }
        }
    }
    cells
}

/// True when two cells belong to different owners (both placed).
fn differ(a: &Option<String>, b: &Option<String>) -> bool {
    matches!((a, b), (Some(x), Some(y)) if x != y)
}

/// 栏线: a rule in the gutter wherever two neighbouring columns hold different articles, and
/// between lines where one article's cells sit above another's.
pub(super) fn article_rules(c: &PageCtx, page: &mut Page) {
    let t = &c.job.template;
    let width = t.article_rules;
    if width <= 0.0 {
        return;
    }
    let g = &t.grid;
    let cells = cell_owners(c);
    // A boxed article has its own rule all round.
    let boxed: Vec<&str> =
        c.pj.plan
            .articles
            .iter()
            .filter(|a| a.boxed)
            .map(|a| a.id.as_str())
            .collect();
    let differ = |a: &Option<String>, b: &Option<String>| {
        differ(a, b)
            && ![a, b]
                .iter()
                .any(|o| o.as_deref().is_some_and(|o| boxed.contains(&o)))
    };
    let rule = |from, to| Item::Rule {
        from,
        to,
        width,
        color: Cmyk::BLACK,
    };
    let col_w = g.column_chars as f32 * g.char_size;
    let gutter = g.gutter_chars as f32 * g.char_size;
    if g.gutter_chars > 0 {
        for col in 1..g.columns {
            let x = g.column_x(col) + col_w + gutter / 2.0;
            let on = |l: u32| {
                differ(
                    &cells[col as usize][l as usize],
                    &cells[col as usize + 1][l as usize],
                )
            };
            for (a, b) in runs(1..=g.lines, on) {
                page.items
                    .push(rule((x, g.line_top(a)), (x, g.line_top(b + 1))));
            }
        }
    }
    for line in 1..g.lines {
        let y = g.line_top(line + 1);
        let on = |col: u32| {
            differ(
                &cells[col as usize][line as usize],
                &cells[col as usize][line as usize + 1],
            )
        };
        for (a, b) in runs(1..=g.columns, on) {
            page.items
                .push(rule((g.column_x(a), y), (g.column_x(b) + col_w, y)));
        }
    }
}

/// Maximal runs `(first, last)` of consecutive values in `range` where `on` holds.
fn runs(range: std::ops::RangeInclusive<u32>, on: impl Fn(u32) -> bool) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for v in range {
        if !on(v) {
            continue;
        }
        match out.last_mut() {
            Some((_, last)) if *last + 1 == v => *last = v,
            _ => out.push((v, v)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn runs_join_neighbours() {
        let on = |v: u32| [2, 3, 4, 7, 9, 10].contains(&v);
        assert_eq!(super::runs(1..=10, on), [(2, 4), (7, 7), (9, 10)]);
    }
}
