//! `baoban layout`: a docket (排版单) laid out automatically, its plan written in the block
//! syntax, then built like `baoban build` builds it.

use super::diagnostics::{emit, note};
use super::{Output, build};
use anyhow::{Context, Result};
use baoban::Diagnostic;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// Lays out `docket`, writes the plan to `plan` and builds it to `out`; with `explain`, prints
/// the chosen page's cost part by part. Fails (exit 1) when the articles cannot fit the page
/// or do not fill it (the plan and the proof are written all the same).
pub fn run(
    docket: &Path,
    plan: &Path,
    out: &Output,
    (strict, explain): (bool, bool),
) -> Result<ExitCode> {
    let start = Instant::now();
    check_plan_output(docket, plan, out)?;
    let mut session = baoban::Session::default();
    let laid = session.lay_out_docket(docket, plan)?;
    baoban::write_atomic(plan, laid.plan.as_bytes())
        .with_context(|| format!("writing {}", plan.display()))?;
    note(format!(
        "layout: {} designs priced, {} composed, cost {:.1}, {:.0} ms; plan written to {}",
        laid.priced,
        laid.composed,
        laid.cost.total(),
        start.elapsed().as_secs_f64() * 1000.0,
        plan.display()
    ));
    if explain {
        for l in &laid.shortlist {
            eprintln!("  {l}");
        }
        for p in &laid.cost.parts {
            eprintln!(
                "  {:>8.1}  {:<40} {:>5} × {}",
                f64::from(p.count) * p.weight,
                p.name,
                p.count,
                p.weight
            );
        }
    }
    let code = build(plan, out, strict)?;
    for (id, chars) in &laid.left_out {
        note(format!(
            "left out: article '{id}' ({chars} characters): the page cannot take it with the articles before it; it is not in the plan"
        ));
    }
    let holes = laid.composition.holes();
    if laid.overset_chars == 0 && !holes.is_empty() {
        let cells: u32 = (holes.iter())
            .map(|h| (h.cols[1] + 1 - h.cols[0]) * (h.lines[1] + 1 - h.lines[0]))
            .sum();
        let per_line = laid.composition.job.template.grid.span_chars(1, 1);
        emit(&Diagnostic::error(docket, format!(
            "the articles do not fill the page: {cells} column lines empty in the best layout found (see the hole lines above); add about {} characters, an article or a photo",
            cells * per_line
        )).split_hint());
        return Ok(ExitCode::FAILURE);
    }
    if laid.overset_chars > 0 {
        emit(&Diagnostic::error(docket, format!(
            "the articles do not fit the page: {} characters over in the best layout found; cut them (see the overset lines above) or move an article to another page",
            laid.overset_chars
        )).split_hint());
        return Ok(ExitCode::FAILURE);
    }
    Ok(code)
}

/// The plan `layout` writes replaces only a plan it wrote before: never the docket, an
/// article or a plan edited by hand (whose first line no longer says it was laid out), nor
/// the PDF or the report.
fn check_plan_output(docket: &Path, plan: &Path, out: &Output) -> Result<()> {
    let mut outs: Vec<(&str, &Path)> = vec![("--plan", plan)];
    if !super::is_stdout(&out.path) {
        outs.push(("-o", &out.path));
    }
    outs.extend(out.report.as_deref().map(|r| ("--report", r)));
    baoban::check_outputs(&[docket.to_path_buf()], &outs)?;
    if let Ok(text) = std::fs::read_to_string(plan)
        && !text.starts_with("# Laid out by `baoban layout")
    {
        anyhow::bail!(
            "{}: --plan names a file baoban layout did not write (an input or a plan edited by hand); give a new file name",
            plan.display()
        );
    }
    if plan.exists() && std::fs::read_to_string(plan).is_err() {
        anyhow::bail!(
            "{}: --plan names a file that is no text plan; give a new file name",
            plan.display()
        );
    }
    Ok(())
}
