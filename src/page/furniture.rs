//! Page furniture: the running head (报眉) of inner pages, the masthead (报头) of a front page,
//! and the rules between articles (栏线), all from the template and the edition file.

use super::PageCtx;
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

    /// One line of `text` in `style`, aligned in `[x, x + width]`, its line box from `top`.
    fn furniture_line(
        &self,
        page: &mut Page,
        (text, style, align): (&str, &Style, Align),
        (x, width, top): (f32, f32, f32),
        (owner, kind, row): (&str, LineKind, u32),
    ) -> Result<()> {
        let block = self.block((text, style, align), width, owner)?;
        let mut set = block.place((x, width), top, (owner, kind));
        for (i, l) in set.iter_mut().enumerate() {
            l.tag.row = row + i as u32;
        }
        page.items.extend(set.into_iter().map(Item::Line));
        Ok(())
    }
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
    // Even pages are left-hand pages: their page number sits on the outer (left) side.
    let (left, right) = if plan.page.is_multiple_of(2) {
        (outer, inner)
    } else {
        (inner, outer)
    };
    let w = g.width();
    let owner = "running-head";
    c.furniture_line(
        page,
        (&left, style, Align::Left),
        (g.left, w, top),
        (owner, LineKind::RunningHead, 1),
    )?;
    c.furniture_line(
        page,
        (&right, style, Align::Right),
        (g.left, w, top),
        (owner, LineKind::RunningHead, 2),
    )?;
    page.items.push(Item::Rule {
        from: (g.left, rule_y),
        to: (g.left + w, rule_y),
        width: 0.75,
        color: Cmyk::BLACK,
    });
    Ok(())
}

/// The masthead of a front page: the paper's name large on the left two thirds, date, issue,
/// CN number and page count on the right, a double rule under it.
pub(super) fn masthead(c: &PageCtx, page: &mut Page) -> Result<()> {
    let Some(rect) = c.pj.plan.masthead else {
        return Ok(());
    };
    let e = &c.job.edition;
    let name_style = c.furniture_style("报头", "a masthead")?;
    let info_style = c.furniture_style("报眉", "a masthead")?;
    let area = c.area(&rect);
    let paper = e.paper.as_deref().ok_or_else(|| {
        Error::invalid(
            &c.pj.plan.path,
            "the masthead needs the paper's name: give paper = \"…\" in the edition file (or the plan)",
        )
    })?;
    let split = area.width * 2.0 / 3.0;
    let name_top = area.top + (area.height - name_style.pitch) / 2.0;
    let owner = "masthead";
    c.furniture_line(
        page,
        (paper, name_style, Align::Center),
        (area.x, split, name_top),
        (owner, LineKind::Masthead, 1),
    )?;
    let mut info = vec![e.date.cn()];
    info.extend(e.issue.clone());
    info.extend(e.cn.clone());
    info.push(format!("今日{}版", c.job.pages.len()));
    let height = info.len() as f32 * info_style.pitch;
    let mut top = area.top + (area.height - height) / 2.0;
    for (i, line) in info.iter().enumerate() {
        c.furniture_line(
            page,
            (line, info_style, Align::Left),
            (area.x + split, area.width - split, top),
            (owner, LineKind::Masthead, i as u32 + 2),
        )?;
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
