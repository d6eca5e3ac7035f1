//! Input model: page templates, page plans and articles (stories), read from TOML and plain
//! text, validated once and resolved into the units the layout stages use (points).

mod block;
mod date;
mod docket;
mod edition;
mod fit;
mod fontfile;
mod grid;
mod house;
mod image;
mod lang;
mod markup;
mod normalize;
mod plain;
mod plan;
mod print;
mod repair;
mod rules;
mod sources;
mod story;
mod template;
mod tomlfile;

pub use block::{BlockPhoto, BlockPlan, Bottom, Copyfit, Height, Side, Top};
pub use date::Date;
pub use docket::{Docket, DocketArticle, DocketBox, DocketImage, DocketPhoto, load_docket};
pub use edition::Edition;
pub use fit::{FitRules, PointSize};
pub use fontfile::{FaceSelector, FontFile};
pub use grid::{Area, Grid, PT_PER_MM, hao_to_pt};
pub use house::{Jumps, SplitRemainder};
pub(crate) use image::load_image;
pub use image::{Image, ImageColor, ImageData};
pub use lang::Lang;
pub use markup::{ParaKind, Paragraph};
pub use normalize::normalize_punctuation;
pub(crate) use plan::validate as validate_plan;
pub use plan::{
    ArticlePlan, BoxPlan, ContinuedPlan, Fit, GridRect, PagePlan, PhotoPlan, PlacedRect,
};
pub(crate) use print::read_output_profile;
pub use print::{Cmyk, PrintSettings};
pub use repair::Repairs;
pub use rules::{Align, Kinsoku, KinsokuLevel, PunctStyle, PushStrategy};
pub use sources::Sources;
pub(crate) use sources::lexical;
pub use story::{Story, parse_caption, parse_story};
pub use template::{Style, Template};
pub(crate) use tomlfile::error_at as error_at_key;
pub(crate) use tomlfile::span_of;

use crate::error::{self, Error, Result};
use std::path::Path;

/// Everything one build needs: the edition, its template and each page's plan and articles,
/// all validated.
#[derive(Debug, Clone)]
pub struct Job {
    /// The edition (for a page built alone: its plan's date and paper).
    pub edition: Edition,
    /// The template all pages use, resolved to points.
    pub template: Template,
    /// Pages in order.
    pub pages: Vec<PageJob>,
}

/// One page of a job.
#[derive(Debug, Clone)]
pub struct PageJob {
    /// The page plan.
    pub plan: PagePlan,
    /// Articles in plan order (same order as `plan.articles`).
    pub stories: Vec<Story>,
    /// Photo captions in plan order (same order as `plan.photos`).
    pub captions: Vec<Option<Story>>,
    /// Photo images in plan order (same order as `plan.photos`).
    pub images: Vec<PhotoImage>,
}

/// The image of a photo frame.
#[derive(Debug, Clone, PartialEq)]
pub enum PhotoImage {
    /// The plan names none: a placeholder is drawn.
    None,
    /// The plan names a file that is not there: a placeholder in proofs, an error for print.
    Missing(std::path::PathBuf),
    /// Loaded.
    Loaded(std::sync::Arc<Image>),
}

/// Reads an edition file or a single page plan, its template and every article it names.
pub fn load_job(path: &Path) -> Result<Job> {
    load_job_from(&Sources::disk(), path)
}

/// [`load_job`] with the inputs `sources` gives in memory (the rest from disk).
pub fn load_job_from(sources: &Sources, path: &Path) -> Result<Job> {
    let text = sources.read_text(path)?;
    let (edition, plans) = if edition::is_edition(&text) {
        edition::load(sources, path, &text)?
    } else {
        let plan = plan::load_text(path, &text, None)?;
        if let Some(c) = plan.continued.first() {
            return Err(Error::invalid(
                path,
                format!(
                    "continued article '{}' starts on another page; build the edition file that lists both pages",
                    c.article
                ),
            ));
        }
        (Edition::of_page(path, &plan), vec![plan])
    };
    let template = template::load(sources, &plans[0].template_path)?;
    // Pages (their articles, captions and photos) are read in parallel, taken in page order
    // with every page's errors.
    use rayon::prelude::*;
    let loaded: Vec<Result<PageJob>> = (plans.into_par_iter())
        .map(|p| load_page(sources, p, &template))
        .collect();
    let mut errors = Vec::new();
    let pages: Vec<PageJob> = (loaded.into_iter())
        .filter_map(|p| p.map_err(|e| errors.push(e)).ok())
        .collect();
    Error::all(errors)?;
    Ok(Job {
        edition,
        template,
        pages,
    })
}

/// A job of one page plan given as `text` (as if read from `path`) on an already loaded
/// template: what the automatic layout builds each candidate page with.
pub fn load_plan_text(path: &Path, text: &str, template: &Template) -> Result<Job> {
    let plan = plan::load_text(path, text, None)?;
    Ok(Job {
        edition: Edition::of_page(path, &plan),
        template: template.clone(),
        pages: vec![load_page(&Sources::disk(), plan, template)?],
    })
}

/// Reads a template file.
pub fn load_template(path: &Path) -> Result<Template> {
    template::load(&Sources::disk(), path)
}

impl Job {
    /// The story of article `id`, on whichever page it starts.
    pub fn story(&self, id: &str) -> Option<&Story> {
        self.pages.iter().find_map(|p| {
            p.plan
                .articles
                .iter()
                .position(|a| a.id == id)
                .map(|i| &p.stories[i])
        })
    }
}

fn load_page(sources: &Sources, mut plan: PagePlan, template: &Template) -> Result<PageJob> {
    for b in &mut plan.boxes {
        b.text = plan.repairs.apply(&b.text);
    }
    // An article placed by hand gets its 主题 size here; one in blocks from the layout stage.
    for a in &mut plan.articles {
        if a.block.is_none() && a.blocks.is_empty() {
            a.copyfit.title_size = a.headline_size.map(|s| s.0);
        }
    }
    // Every problem of the plan and its files is reported in one run: the plan's rectangles
    // (once their cells are known) and every file it names.
    let (mut errors, unplaced) = plan::resolve_mm(&mut plan, template);
    errors.extend(block::check(&plan, template).err());
    errors.extend(plan::validate_except(&plan, template, &unplaced).err());
    let stories = (plan.articles.iter().enumerate())
        .map(|(i, a)| {
            let story = load_story(sources, (&a.id, &a.file), (plan.repairs, plan.encoding));
            let mut story =
                story.map_err(|e| named_in_plan(&plan, &format!("article.{i}.file"), e))?;
            story.lang = a.lang.unwrap_or_else(|| story.detect_lang());
            Ok(story)
        })
        .filter_map(|r| r.map_err(|e| errors.push(e)).ok())
        .collect::<Vec<_>>();
    let captions = (plan.photos.iter())
        .map(|p| {
            p.caption
                .as_ref()
                .map(|f| {
                    read_article_text(sources, f, plan.encoding)
                        .and_then(|t| parse_caption(&p.id, f, &t, plan.repairs))
                        .map_err(|e| {
                            let key = format!("{}.caption", plan.key_of(&p.id));
                            named_in_plan(&plan, &key, e)
                        })
                })
                .transpose()
        })
        .filter_map(|r| r.map_err(|e| errors.push(e)).ok())
        .collect::<Vec<_>>();
    let images = (plan.photos.iter())
        .map(|p| match &p.image {
            None => Ok(PhotoImage::None),
            Some(f) if !sources.exists(f) => Ok(PhotoImage::Missing(f.clone())),
            Some(f) => (load_image(sources, f)).map(|i| PhotoImage::Loaded(std::sync::Arc::new(i))),
        })
        .filter_map(|r| r.map_err(|e| errors.push(e)).ok())
        .collect::<Vec<_>>();
    Error::all(errors)?;
    Ok(PageJob {
        plan,
        stories,
        captions,
        images,
    })
}

/// A file the plan names that cannot be read: reported at the plan line that names it (the
/// OS error once, the path as the plan resolves it).
fn named_in_plan(plan: &PagePlan, key: &str, e: Error) -> Error {
    match e {
        Error::Io { path, source } => plan.error_at(
            key,
            format!(
                "cannot read {}: {}; check the name (it is relative to the plan's folder)",
                path.display(),
                error::io_message(&source)
            ),
        ),
        other => other,
    }
}

/// Reads and parses article `id`'s text file, in `encoding` when the plan declares one.
pub(crate) fn load_story(
    sources: &Sources,
    (id, path): (&str, &Path),
    (repairs, encoding): (Repairs, Option<&'static encoding_rs::Encoding>),
) -> Result<Story> {
    let text = read_article_text(sources, path, encoding)?;
    parse_story(id, path, &text, repairs)
}

/// Reads an article or caption file: in the declared encoding, else UTF-8 (a BOM names
/// UTF-16 too), else — a file whose bytes read as Chinese in GB18030, as a newsroom's
/// GBK-era systems write them — GB18030 (which contains GBK and GB2312). Anything else is
/// refused at the first byte that is not UTF-8, with what it would read as in Windows-1252
/// (a Western word processor's encoding) and how to save it. The text is then put right
/// ([`plain::article`]: line ends, tabs, invisible characters, NFC).
pub(crate) fn read_article_text(
    sources: &Sources,
    path: &Path,
    declared: Option<&'static encoding_rs::Encoding>,
) -> Result<String> {
    let bytes = sources.read(path)?;
    let sniffed = encoding_rs::Encoding::for_bom(&bytes).map(|(e, _)| e);
    let encoding = declared
        .or(sniffed)
        .unwrap_or_else(|| guess_encoding(&bytes));
    let (text, _, bad) = encoding.decode(&bytes);
    if !bad {
        return Ok(plain::article(&text).into_owned());
    }
    if encoding == encoding_rs::UTF_8 {
        return Err(not_utf8(path, &bytes));
    }
    let at = text.find('\u{FFFD}').unwrap_or(0);
    Err(Error::at(
        path,
        (&text, at..at + 3),
        format!(
            "bytes that are not {} text; save the file as UTF-8 (or declare the encoding it has: encoding = \"…\" in the plan)",
            encoding.name()
        ),
    ))
}

/// UTF-8 unless the bytes are not, and read as GB18030 they are Chinese: four in five of
/// their two-byte characters in GB2312's rows (hanzi and CJK punctuation; GBK's extension
/// rows hold rare characters). Latin-1 text read as GB18030 gives 閟-like characters from
/// the extension rows, and a UTF-8 file with a stray byte has UTF-8 characters: both stay
/// UTF-8, so the error shows the byte where it is.
fn guess_encoding(bytes: &[u8]) -> &'static encoding_rs::Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return encoding_rs::UTF_8;
    }
    let utf8_chars = (bytes.utf8_chunks())
        .flat_map(|c| c.valid().chars())
        .filter(|c| !c.is_ascii())
        .count();
    let (mut pairs, mut gb2312) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        pairs += 1;
        gb2312 += usize::from((0xA1..=0xF7).contains(&b) && (0xA1..=0xFE).contains(&next));
        i += 2;
    }
    let chinese = gb2312 * 5 >= pairs * 4 && gb2312 > utf8_chars;
    match chinese {
        true => encoding_rs::GB18030,
        false => encoding_rs::UTF_8,
    }
}

/// The error for a file that is not UTF-8, at its first bad byte: that byte, and its line as
/// Windows-1252 would read it (what a Western editor saved: `Café`), so the editor sees the
/// words and knows what to save the file as.
fn not_utf8(path: &Path, bytes: &[u8]) -> Error {
    let valid = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |_| bytes.len());
    let byte = bytes.get(valid).copied().unwrap_or(0);
    let start = bytes[..valid]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |n| n + 1);
    let end = (bytes[valid..].iter().position(|&b| b == b'\n')).map_or(bytes.len(), |n| valid + n);
    // The line's UTF-8 as it is, each byte that is not UTF-8 read as Windows-1252.
    let western: String = (bytes[start..end].utf8_chunks())
        .map(|c| c.valid().to_string() + &encoding_rs::WINDOWS_1252.decode(c.invalid()).0)
        .collect();
    let text = String::from_utf8_lossy(&bytes[..end]);
    let at = text.len() - String::from_utf8_lossy(&bytes[valid..end]).len();
    Error::at(
        path,
        (&text, at..at + 3),
        format!(
            "the file is not UTF-8: byte 0x{byte:02X} here is not UTF-8 text (read as Windows-1252 the line is \"{}\"); save the file as UTF-8, or declare its encoding in the plan: encoding = \"windows-1252\" (or \"gb18030\")",
            western.trim_end_matches('\r')
        ),
    )
}
