//! Input model: page templates, page plans and articles (stories), read from TOML and plain
//! text, validated once and resolved into the units the layout stages use (points).

mod normalize;
mod plan;
mod print;
mod story;
mod template;
mod tomlfile;

pub use normalize::normalize_punctuation;
pub use plan::{ArticlePlan, BoxPlan, GridRect, PagePlan, PhotoPlan};
pub use print::{Cmyk, PrintSettings};
pub use story::{Story, parse_caption, parse_story};
pub use template::PT_PER_MM;
pub use template::{
    Align, Grid, Kinsoku, KinsokuLevel, PunctStyle, PushStrategy, Style, Template, hao_to_pt,
};

use crate::error::{Error, Result};
use std::path::Path;

/// Everything one build needs: the plan, its template and its articles, all validated.
#[derive(Debug, Clone)]
pub struct Job {
    /// The page plan.
    pub plan: PagePlan,
    /// The template the plan names, resolved to points.
    pub template: Template,
    /// Articles in plan order (same order as `plan.articles`).
    pub stories: Vec<Story>,
    /// Photo captions in plan order (same order as `plan.photos`).
    pub captions: Vec<Option<Story>>,
}

/// Reads a page plan, its template and every article it names.
pub fn load_job(plan_path: &Path) -> Result<Job> {
    let mut plan = plan::load(plan_path)?;
    if plan.normalize {
        for b in &mut plan.boxes {
            b.text = normalize_punctuation(&b.text);
        }
    }
    let template = template::load(&plan.template_path)?;
    plan::validate(&plan, &template)?;
    let stories = plan
        .articles
        .iter()
        .map(|a| load_story(&a.id, &a.file, plan.normalize))
        .collect::<Result<Vec<_>>>()?;
    let captions = plan
        .photos
        .iter()
        .map(|p| {
            p.caption
                .as_ref()
                .map(|f| read_text(f).and_then(|t| parse_caption(&p.id, f, &t, plan.normalize)))
                .transpose()
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Job {
        plan,
        template,
        stories,
        captions,
    })
}

fn load_story(id: &str, path: &Path, normalize: bool) -> Result<Story> {
    let text = read_text(path)?;
    parse_story(id, path, &text, normalize)
}

/// Reads a UTF-8 file, naming it in the error.
pub(crate) fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::io(path, e))
}
