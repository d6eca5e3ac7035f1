//! Layout taboos (版面禁忌) a layout editor checks by eye, read off a laid-out plan's
//! rectangles: 撞题 — two headlines side by side, in blocks that share a gutter, with
//! overlapping lines (the reader cannot tell which text belongs to which headline); 通缝 — a
//! gutter no block crosses from the top of the type area to its foot (the page falls apart
//! into two newspapers).

use crate::model::{GridRect, PagePlan};
use serde::Serialize;

/// A taboo found on a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Taboo {
    /// 撞题: the headlines of articles `a` and `b` stand side by side over `lines`.
    Zhuangti {
        /// Page number (版次).
        page: u32,
        /// The article on the left.
        a: String,
        /// The article on the right.
        b: String,
        /// The grid lines both headlines take.
        lines: [u32; 2],
    },
    /// 通缝: no block crosses the gutter right of basic column `gutter`.
    Tongfeng {
        /// Page number (版次).
        page: u32,
        /// The column left of the gutter.
        gutter: u32,
    },
}

impl std::fmt::Display for Taboo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Taboo::Zhuangti { page, a, b, lines } => write!(
                f,
                "page {page}: 撞题: the headlines of '{a}' and '{b}' stand side by side on lines {}–{}; stagger them",
                lines[0], lines[1]
            ),
            Taboo::Tongfeng { page, gutter } => write!(
                f,
                "page {page}: 通缝: no block crosses the gutter between columns {gutter} and {} from top to foot; let one block span it",
                gutter + 1
            ),
        }
    }
}

/// The taboos of one laid-out page of `columns` basic columns.
pub fn taboos(plan: &PagePlan, columns: u32) -> Vec<Taboo> {
    let mut out = zhuangti(plan);
    out.extend(tongfeng(plan, columns));
    out
}

/// Headline boxes side by side (adjacent columns) with overlapping lines.
fn zhuangti(plan: &PagePlan) -> Vec<Taboo> {
    let heads: Vec<(&str, GridRect)> = (plan.articles.iter())
        .filter_map(|a| a.headline.map(|h| (a.id.as_str(), h)))
        .collect();
    let mut out = Vec::new();
    for (a, ra) in &heads {
        for (b, rb) in &heads {
            let overlap = [ra.lines[0].max(rb.lines[0]), ra.lines[1].min(rb.lines[1])];
            if ra.cols[1] + 1 == rb.cols[0] && overlap[0] <= overlap[1] {
                out.push(Taboo::Zhuangti {
                    page: plan.page,
                    a: a.to_string(),
                    b: b.to_string(),
                    lines: overlap,
                });
            }
        }
    }
    out
}

/// Gutters no block crosses: a gutter is crossed by a rectangle over both its columns (a
/// headline box, a photo, a box, the masthead) or by an article with text on both sides of
/// it on a common line (its block spans the gutter).
fn tongfeng(plan: &PagePlan, columns: u32) -> Vec<Taboo> {
    let mut wide: Vec<GridRect> = plan.masthead.into_iter().collect();
    wide.extend(plan.articles.iter().filter_map(|a| a.headline));
    wide.extend(plan.photos.iter().map(|p| p.frame));
    wide.extend(plan.boxes.iter().map(|b| b.frame));
    wide.extend(plan.articles.iter().flat_map(|a| a.frames.iter().copied()));
    let crossed = |g: u32| {
        let over = |r: &GridRect| r.cols[0] <= g && g < r.cols[1];
        let text_both = |a: &crate::model::ArticlePlan| {
            let side = |c: u32| {
                a.frames
                    .iter()
                    .filter(move |f| f.cols[0] <= c && c <= f.cols[1])
            };
            side(g)
                .any(|l| side(g + 1).any(|r| l.lines[0] <= r.lines[1] && r.lines[0] <= l.lines[1]))
        };
        wide.iter().any(over) || plan.articles.iter().any(text_both)
    };
    (1..columns)
        .filter(|&g| !crossed(g))
        .map(|gutter| Taboo::Tongfeng {
            page: plan.page,
            gutter,
        })
        .collect()
}
