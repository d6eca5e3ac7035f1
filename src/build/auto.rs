//! `baoban layout`: a docket (排版单) laid out automatically. The layout stage measures the
//! items and shortlists designs; each is then composed here for real — the same pipeline
//! `baoban build` runs — and the one whose printed page costs least (holes, overset, taboos,
//! copyfit, then the model's hierarchy and shape) is chosen. So the layout scored is the
//! layout printed, and its plan rebuilds byte for byte.

use super::{BuildOptions, Composition, Session};
use crate::error::{Error, Result};
use crate::flow::Shaper;
use crate::layout::Bank;
use crate::layout::auto::{Candidate, Cost, Layout, TABOO};
use crate::model::{self, Docket, Template};
use rayon::prelude::*;
use std::path::Path;

/// What the automatic layout chose.
#[derive(Debug)]
pub struct AutoLayout {
    /// The page plan, in the block syntax (write it where it was asked for).
    pub plan: String,
    /// The chosen page's cost, in named parts, as composed.
    pub cost: Cost,
    /// Designs the search priced (drawn, and changed by annealing).
    pub priced: u32,
    /// Designs composed for real.
    pub composed: usize,
    /// Characters that did not fit, over all articles (0: the page takes the docket).
    pub overset_chars: usize,
    /// Grid cells left empty.
    pub hole_cells: u32,
    /// The composed page.
    pub composition: Composition,
    /// One line per design composed: its place in the draw, the model's price, the real one.
    pub shortlist: Vec<String>,
    /// Articles left out because the page could not take them even at their least, lowest
    /// priority first, with their characters (counted in `overset_chars`).
    pub left_out: Vec<(String, usize)>,
}

impl Session {
    /// Lays out the docket at `docket` for a plan to be written to `plan` (its file paths
    /// are written relative to it): measures, searches, composes the shortlist and keeps
    /// the best. When every design is refused (more text than the page can take even with
    /// every block at its least), the lowest-priority article is left out and the rest laid
    /// out again, until a page composes; what was left out counts as overset.
    pub fn lay_out_docket(&mut self, docket: &Path, plan: &Path) -> Result<AutoLayout> {
        let mut d = model::load_docket(docket)?;
        let dir = docket.parent().unwrap_or(Path::new("."));
        let template = model::load_template(&dir.join(&d.template))?;
        let mut left_out = Vec::new();
        loop {
            match self.try_docket(&d, plan, &template)? {
                Tried::Laid(mut laid) => {
                    laid.overset_chars += left_out.iter().map(|(_, n)| n).sum::<usize>();
                    laid.left_out = left_out;
                    return Ok(*laid);
                }
                Tried::Refused(e) if d.articles.len() <= 1 => return Err(e),
                Tried::Refused(_) => {
                    let a = d.articles.pop().expect("an article to leave out");
                    left_out.push((a.id.clone(), body_chars(&d, &a)?));
                }
            }
        }
    }

    /// One layout of `d`: the best composed page, or the first refusal if none composes.
    fn try_docket(&mut self, d: &Docket, plan: &Path, template: &Template) -> Result<Tried> {
        let fonts = self.fonts_for(template)?;
        let title_pt = template.style("主题").map_or(15.0, |s| s.size);
        let layout = Layout::new(d, plan, title_pt);
        let probe = model::load_plan_text(plan, &layout.probe(), template)?;
        let bank = Bank::default();
        let sh = Shaper {
            book: &fonts,
            shapes: &self.shapes,
            template,
        };
        let measured = layout.measure(sh, &probe.pages[0], &bank)?;
        let grid = (template.grid.columns, template.grid.lines);
        let (mut shortlist, priced) = layout.search(&measured, grid);
        let compose_all = |list: &[Candidate]| -> Vec<Result<(Cost, Composition)>> {
            let options = BuildOptions::default();
            (list.par_iter())
                .map(|c| {
                    let job = model::load_plan_text(plan, &c.plan, template)?;
                    let comp = self.compose_job(job, (fonts.clone(), &options), &bank)?;
                    Ok((real_cost(c, &comp), comp))
                })
                .collect()
        };
        let mut composed = compose_all(&shortlist);
        // Where the real heights put two headlines side by side that the model kept apart,
        // the design is composed once more with one of them moved off the gutter — if it
        // would then beat the best page composed.
        let best = (composed.iter().flatten())
            .map(|(k, _)| k.total())
            .fold(f64::INFINITY, f64::min);
        let repaired: Vec<Candidate> = (shortlist.iter().zip(&composed))
            .filter_map(|(c, r)| {
                let (cost, comp) = r.as_ref().ok()?;
                let pairs = zhuangti_pairs(comp);
                let without = cost.total() - f64::from(cost.count("撞题")) * TABOO;
                (!pairs.is_empty() && without < best).then(|| layout.apart(&measured, c, &pairs))?
            })
            .collect();
        composed.extend(compose_all(&repaired));
        shortlist.extend(repaired);
        let n = composed.len();
        let lines = (shortlist.iter().zip(&composed))
            .map(|(c, r)| {
                let real = r.as_ref().map_or_else(
                    |e| format!("refused: {e}"),
                    |(k, _)| format!("{:.1}", k.total()),
                );
                format!(
                    "design {}: model {:.1}, composed {real}",
                    c.drawn,
                    c.cost.total()
                )
            })
            .collect();
        let mut best: Option<(usize, Cost, Composition)> = None;
        let mut first_error = None;
        for (i, r) in composed.into_iter().enumerate() {
            match r {
                Ok((cost, comp)) => {
                    if best.as_ref().is_none_or(|b| cost.total() < b.1.total()) {
                        best = Some((i, cost, comp));
                    }
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        let Some((i, cost, composition)) = best else {
            return Ok(Tried::Refused(first_error.unwrap_or_else(|| {
                Error::invalid(
                    &d.path,
                    "no layout could be drawn: allow more block widths (cols)",
                )
            })));
        };
        Ok(Tried::Laid(Box::new(AutoLayout {
            plan: shortlist[i].plan.clone(),
            overset_chars: composition.overset().map(|(_, o)| o.chars).sum(),
            hole_cells: cost.count("holes (cells)"),
            cost,
            priced,
            composed: n,
            composition,
            shortlist: lines,
            left_out: Vec::new(),
        })))
    }
}

/// What one layout of a docket came to.
enum Tried {
    /// A page composed.
    Laid(Box<AutoLayout>),
    /// Every design was refused; the first refusal.
    Refused(Error),
}

/// The body characters of article `a` of docket `d` (as the fit report counts them).
fn body_chars(d: &Docket, a: &model::DocketArticle) -> Result<usize> {
    let dir = d.path.parent().unwrap_or(Path::new("."));
    let file = dir.join(&a.file);
    let sources = model::Sources::disk();
    Ok(model::load_story(&sources, (&a.id, &file), (model::Repairs::ALL, None))?.body_chars())
}

/// The articles (left, right) whose headlines stand side by side on a composed page.
fn zhuangti_pairs(comp: &Composition) -> Vec<(String, String)> {
    (comp.taboos().into_iter())
        .filter_map(|t| match t {
            crate::page::Taboo::Zhuangti { a, b, .. } => Some((a, b)),
            crate::page::Taboo::Tongfeng { .. } => None,
        })
        .collect()
}

/// The cost of a composed candidate: its real holes, overset, taboos and copyfit steps, with
/// the model's prices of hierarchy and shape.
fn real_cost(c: &Candidate, comp: &Composition) -> Cost {
    use crate::layout::auto::{HOLE, OVERSET_CHAR};
    let mut cost = Cost::default();
    let cells: u32 = (comp.holes().iter())
        .map(|h| (h.cols[1] + 1 - h.cols[0]) * (h.lines[1] + 1 - h.lines[0]))
        .sum();
    cost.add("holes (cells)", cells, HOLE);
    let over: usize = comp.overset().map(|(_, o)| o.chars).sum();
    cost.add("overset (characters)", over as u32, OVERSET_CHAR);
    let taboos = comp.taboos();
    let zhuang = taboos
        .iter()
        .filter(|t| matches!(t, crate::page::Taboo::Zhuangti { .. }));
    cost.add("撞题", zhuang.count() as u32, TABOO);
    let tong = taboos
        .iter()
        .filter(|t| matches!(t, crate::page::Taboo::Tongfeng { .. }));
    cost.add("通缝", tong.count() as u32, TABOO);
    let steps: usize = comp.articles.iter().map(|a| a.copyfit.len()).sum();
    cost.add("copyfit steps", steps as u32, 1.0);
    cost.parts.extend(c.soft.parts.iter().cloned());
    cost
}
