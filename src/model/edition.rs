//! Editions (`edition.toml`): the paper, date, issue and CN number, and the page plans in page
//! order. A page's number is its place in the list, so reordering the list renumbers the pages
//! and every jump line (下转/上接) follows.

use super::Date;
use super::plan::{self, InEdition, PagePlan};
use super::tomlfile;
use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// What the edition says about itself (for the masthead and running heads).
#[derive(Debug, Clone, PartialEq)]
pub struct Edition {
    /// The edition file, or the page plan of a page built alone.
    pub path: PathBuf,
    /// Its text as read (the page plan's for a page built alone), where diagnostics point.
    pub source: std::sync::Arc<str>,
    /// The paper's name (报名).
    pub paper: Option<String>,
    /// Edition date.
    pub date: Date,
    /// Issue number as printed (第8123期).
    pub issue: Option<String>,
    /// Serial number (国内统一连续出版物号, e.g. CN 42-0001).
    pub cn: Option<String>,
}

impl Edition {
    /// The edition of a page plan at `path` built alone: its date and paper.
    pub(super) fn of_page(path: &Path, plan: &PagePlan) -> Self {
        Edition {
            path: path.to_path_buf(),
            source: plan.source.clone(),
            paper: plan.paper.clone(),
            date: plan.date,
            issue: None,
            cn: None,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEdition {
    #[serde(deserialize_with = "super::plain::de_line")]
    paper: String,
    date: Date,
    #[serde(default, deserialize_with = "super::plain::de_opt_line")]
    issue: Option<String>,
    #[serde(default, deserialize_with = "super::plain::de_opt_line")]
    cn: Option<String>,
    #[serde(rename = "page")]
    pages: Vec<RawPage>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPage {
    plan: PathBuf,
}

/// True when `text` is an edition file (it has `[[page]]` tables) rather than a page plan.
pub(super) fn is_edition(text: &str) -> bool {
    text.parse::<toml::Table>()
        .ok()
        .is_some_and(|t| matches!(t.get("page"), Some(toml::Value::Array(_))))
}

/// Refuses a `[[page]]` whose plan is the edition file itself, or another edition: read as a
/// page plan, an edition fails on its own keys ("unknown field `cn`"), which names no fix.
fn check_not_edition(
    (path, text): (&Path, &str),
    (file, plan_text): (&Path, &str),
    i: usize,
) -> Result<()> {
    let same = |a: &Path, b: &Path| match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => super::sources::lexical(a) == super::sources::lexical(b),
    };
    let what = if same(file, path) {
        "is this edition file itself"
    } else if is_edition(plan_text) {
        "is an edition file (it has [[page]] tables), not a page plan"
    } else {
        return Ok(());
    };
    Err(tomlfile::error_at(
        path,
        text,
        &format!("page.{i}.plan"),
        format!(
            "page {}'s plan {what}; give the page plan's file (page.toml: template, page, articles)",
            i + 1
        ),
    ))
}

/// Reads an edition file and its page plans, numbered in order.
pub(super) fn load(
    sources: &super::Sources,
    path: &Path,
    text: &str,
) -> Result<(Edition, Vec<PagePlan>)> {
    let raw: RawEdition = tomlfile::parse(path, text)?;
    if raw.pages.is_empty() {
        return Err(Error::invalid(path, "no pages; add [[page]] plan = \"…\""));
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    // The page plans are read and parsed in parallel; the first page in edition order with
    // an error reports it, as when they were read one by one.
    use rayon::prelude::*;
    let plans: Vec<Result<PagePlan>> = (raw.pages.par_iter().enumerate())
        .map(|(i, p)| {
            let ctx = InEdition {
                page: i as u32 + 1,
                date: raw.date,
                path,
            };
            let file = dir.join(&p.plan);
            let plan_text = sources.read_text(&file).map_err(|e| match e {
                Error::Io { path: f, source } => tomlfile::error_at(
                    path,
                    text,
                    &format!("page.{i}.plan"),
                    format!(
                        "cannot read {}: {}; check the name (it is relative to the edition's folder)",
                        f.display(),
                        crate::error::io_message(&source)
                    ),
                ),
                other => other,
            })?;
            check_not_edition((path, text), (&file, &plan_text), i)?;
            plan::load_text(&file, &plan_text, Some(ctx))
        })
        .collect();
    let plans = plans.into_iter().collect::<Result<Vec<_>>>()?;
    let edition = Edition {
        path: path.to_path_buf(),
        source: text.into(),
        paper: Some(raw.paper),
        date: raw.date,
        issue: raw.issue,
        cn: raw.cn,
    };
    check_pages(&plans)?;
    Ok((edition, plans))
}

/// One template for all pages; article ids unique across the edition; every continuation
/// names an article that starts on another page.
fn check_pages(plans: &[PagePlan]) -> Result<()> {
    let same = |a: &Path, b: &Path| {
        a == b || std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok()
    };
    if let Some(p) = plans
        .iter()
        .find(|p| !same(&p.template_path, &plans[0].template_path))
    {
        return Err(p.error_at(
            "template",
            format!(
                "page {} uses template {} but page 1 uses {}; the pages of an edition share one template",
                p.page,
                p.template_path.display(),
                plans[0].template_path.display()
            ),
        ));
    }
    let mut seen: Vec<(&str, u32)> = Vec::new();
    for p in plans {
        for (i, a) in p.articles.iter().enumerate() {
            if let Some((_, other)) = seen.iter().find(|(id, _)| *id == a.id) {
                return Err(p.error_at(
                    &format!("article.{i}.id"),
                    format!(
                        "article id '{}' is on page {other} and page {}; ids must be unique in an edition",
                        a.id, p.page
                    ),
                ));
            }
            seen.push((&a.id, p.page));
        }
    }
    for p in plans {
        for (i, c) in p.continued.iter().enumerate() {
            let key = format!("continued.{i}.article");
            match seen.iter().find(|(id, _)| *id == c.article) {
                Some((_, home)) if *home == p.page => {
                    return Err(p.error_at(
                        &key,
                        format!(
                            "continued article '{}' starts on this same page; add the frames to its own frames instead",
                            c.article
                        ),
                    ));
                }
                Some(_) => {}
                None => {
                    let known: Vec<&str> = seen.iter().map(|(id, _)| *id).collect();
                    return Err(p.error_at(
                        &key,
                        format!(
                            "continued article '{}' is not an article of the edition (known: {})",
                            c.article,
                            known.join(", ")
                        ),
                    ));
                }
            }
        }
    }
    Ok(())
}
