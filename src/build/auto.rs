//! `baoban layout`: a docket (排版单) laid out automatically. The layout stage measures the
//! items and shortlists designs; each is then composed here for real — the same pipeline
//! `baoban build` runs — and the one whose printed page costs least (holes, overset, taboos,
//! copyfit, then the model's hierarchy and shape) is chosen. So the layout scored is the
//! layout printed, and its plan rebuilds byte for byte.

use super::{BuildOptions, Composition, Session};
use crate::error::{Error, Result};
use crate::flow::Shaper;
use crate::layout::Bank;
use crate::layout::auto::{Candidate, Cost, Layout};
use crate::model;
use rayon::prelude::*;
use std::path::Path;

/// What the automatic layout chose.
#[derive(Debug)]
pub struct AutoLayout {
    /// The page plan, in the block syntax (write it where it was asked for).
    pub plan: String,
    /// The chosen page's cost, in named parts, as composed.
    pub cost: Cost,
    /// Designs drawn by the search.
    pub drawn: u32,
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
}

impl Session {
    /// Lays out the docket at `docket` for a plan to be written to `plan` (its file paths
    /// are written relative to it): measures, searches, composes the shortlist and keeps
    /// the best.
    pub fn lay_out_docket(&mut self, docket: &Path, plan: &Path) -> Result<AutoLayout> {
        let d = model::load_docket(docket)?;
        let dir = docket.parent().unwrap_or(Path::new("."));
        let template = model::load_template(&dir.join(&d.template))?;
        let fonts = self.fonts_for(&template)?;
        let title_pt = template.style("主题").map_or(15.0, |s| s.size);
        let layout = Layout::new(&d, plan, title_pt);
        let probe = model::load_plan_text(plan, &layout.probe(), &template)?;
        let bank = Bank::default();
        let sh = Shaper {
            book: &fonts,
            shapes: &self.shapes,
            template: &template,
        };
        let measured = layout.measure(sh, &probe.pages[0], &bank)?;
        let grid = (template.grid.columns, template.grid.lines);
        let (shortlist, drawn) = layout.search(&measured, grid);
        let options = BuildOptions::default();
        let composed: Vec<Result<(Cost, Composition)>> = (shortlist.par_iter())
            .map(|c| {
                let job = model::load_plan_text(plan, &c.plan, &template)?;
                let comp = self.compose_job(job, (fonts.clone(), &options), &bank)?;
                let real = real_cost(c, &comp);
                Ok((real, comp))
            })
            .collect();
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
            // Every design was refused: so much text that a block is pushed off the page.
            let over = shortlist
                .first()
                .map_or(0, |c| c.cost.count("overset (cells)"));
            if over > 0 {
                let chars = over * template.grid.span_chars(1, 1);
                return Err(Error::invalid(
                    docket,
                    format!(
                        "the articles do not fit the page: about {chars} characters over ({over} column lines in the best layout found); cut them or move an article to another page"
                    ),
                ));
            }
            return Err(first_error.unwrap_or_else(|| {
                Error::invalid(
                    docket,
                    "no layout could be drawn: allow more block widths (cols)",
                )
            }));
        };
        Ok(AutoLayout {
            plan: shortlist[i].plan.clone(),
            overset_chars: composition.overset().map(|(_, o)| o.chars).sum(),
            hole_cells: cost.count("holes (cells)"),
            cost,
            drawn,
            composed: n,
            composition,
            shortlist: lines,
        })
    }
}

/// The cost of a composed candidate: its real holes, overset, taboos and copyfit steps, with
/// the model's prices of hierarchy and shape.
fn real_cost(c: &Candidate, comp: &Composition) -> Cost {
    use crate::layout::auto::{HOLE, OVERSET_CHAR, TABOO};
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
    for p in &c.cost.parts {
        let real = [
            "holes (cells)",
            "overset (cells)",
            "copyfit (lines)",
            "撞题",
            "通缝",
        ];
        if !real.contains(&p.name) {
            cost.add(p.name, p.count, p.weight);
        }
    }
    cost
}
