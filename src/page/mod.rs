//! Page make-up (排版): places what the plan asks for on the template's grid — headlines, photos
//! with captions, boxes, the running head, masthead and 栏线 — asks [`crate::flow`] to thread
//! each article through its regions and places what comes back, and orders each page's
//! stream. The product is the display list: one [`Page`] per plan page, plus a report per
//! article.

mod article;
mod block;
mod boxes;
mod furniture;
mod headline;
mod holes;
mod marks;
mod order;
mod proof;
mod runs;
mod taboos;
mod vertical;

pub use holes::Hole;
pub use taboos::{Taboo, taboos};

use crate::display::Page;
use crate::error::Result;
use crate::flow::Shaper;
use crate::flow::Stop;
use crate::font::{FontBook, FontId};
use crate::linebreak::LineSettings;
use crate::model::{Area, GridRect, Job, PageJob, PhotoImage, Style, Template};
use crate::shape::{ShapeCache, ShapedPara};
use rayon::prelude::*;

/// How one article came out.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleReport {
    /// Article id.
    pub id: String,
    /// Body lines placed.
    pub lines: u32,
    /// Body characters (dateline included, whitespace not).
    pub chars: usize,
    /// Lines available in the chain.
    pub capacity: u32,
    /// How flowing ended: done (with empty lines) or overset.
    pub stop: Stop,
    /// Frames in the chain (破栏 columns counted singly).
    pub frames: usize,
    /// Page numbers the chain runs over, in chain order.
    pub pages: Vec<u32>,
    /// Paragraphs ending in a one-character line (孤字) the breaker could not avoid.
    pub lone_chars: u32,
    /// Paragraphs whose last line stands alone at a frame head (孤行) after the repair.
    pub widows: u32,
    /// The 孤行 the flow cured: "paragraph 3 a line tighter".
    pub widow_repairs: Vec<String>,
    /// The copyfit steps the layout took for it, in order, each with its reason.
    pub copyfit: Vec<String>,
    /// What the editor has to do: "cut 37 characters", "add 2 lines (about 28 characters)".
    pub instruction: Option<String>,
}

/// The made-up pages and what happened to each article.
#[derive(Debug, Clone)]
pub(crate) struct MadeUp {
    /// The display list, one page per plan page, in edition order.
    pub pages: Vec<Page>,
    /// One report per article, in page and plan order.
    pub articles: Vec<ArticleReport>,
    /// Photos whose image file is missing (drawn as placeholders), one message each.
    pub missing: Vec<String>,
    /// Grid cells left empty, page by page.
    pub holes: Vec<Hole>,
}

/// Makes up every page of the job with fonts from `book`. Pages are laid out first
/// (headlines, photos, boxes, furniture), then each article is threaded through its regions,
/// which may cross pages; with `proof_marks`, each page gets its proof layer.
pub(crate) fn make_up(
    job: &Job,
    (book, shapes, broken): (&FontBook, &ShapeCache, &crate::layout::Broken),
    proof_marks: bool,
) -> Result<MadeUp> {
    let t = &job.template;
    let ctx = Ctx {
        job,
        book,
        shapes,
        broken,
        settings: Settings::of(t),
    };
    // Pages are made up in parallel (each its own furniture, headlines, photos and boxes),
    // taken in page order; the articles are threaded after, across pages.
    let made: Vec<Result<(Page, Vec<String>)>> = crate::timing::stage("make-up pages", || {
        job.pages.par_iter().map(|pj| ctx.page_items(pj)).collect()
    });
    let mut pages = Vec::new();
    let mut missing = Vec::new();
    for m in made {
        let (page, lost) = m?;
        pages.push(page);
        missing.extend(lost);
    }
    let (articles, proof_at) = article::flow_articles(&ctx, &mut pages)?;
    let holes: Vec<Hole> = crate::timing::stage("make-up holes", || {
        (job.pages.par_iter().zip(&pages))
            .map(|(pj, page)| holes::holes(&ctx.page(pj), page))
            .collect::<Vec<_>>()
            .concat()
    });
    if proof_marks {
        proof::add_layers(&ctx, &mut pages, (&articles, &holes), &proof_at)?;
    }
    for (pj, page) in job.pages.iter().zip(&mut pages) {
        if t.print.crop_marks {
            marks::crop_marks(&ctx.page(pj), page)?;
        }
    }
    Ok(MadeUp {
        pages,
        articles,
        missing,
        holes,
    })
}

impl Ctx<'_> {
    /// Page `pj` without its articles' text: running head, masthead, headlines, continued
    /// headlines, photos, boxes and article rules; with a message per photo whose image file
    /// is missing.
    fn page_items(&self, pj: &PageJob) -> Result<(Page, Vec<String>)> {
        let (t, job) = (&self.job.template, self.job);
        let c = self.page(pj);
        let mut page = Page {
            number: pj.plan.page,
            width: t.page_width,
            height: t.page_height,
            bleed: t.print.bleed,
            slug: 0.0,
            items: Vec::new(),
        };
        let mut missing = Vec::new();
        furniture::running_head(&c, &mut page)?;
        furniture::masthead(&c, &mut page)?;
        for (plan, story) in pj.plan.articles.iter().zip(&pj.stories) {
            c.headline(plan, story, &mut page)?;
        }
        for cont in &pj.plan.continued {
            c.continued_headline(cont, job.story(&cont.article), &mut page)?;
        }
        for ((photo, caption), image) in pj.plan.photos.iter().zip(&pj.captions).zip(&pj.images) {
            c.photo(photo, (caption.as_ref(), image), &mut page)?;
            if let PhotoImage::Missing(path) = image {
                missing.push(format!(
                    "page {}: photo '{}': {} not found; a placeholder was drawn",
                    pj.plan.page,
                    photo.id,
                    path.display()
                ));
            }
        }
        for b in &pj.plan.boxes {
            c.text_box(b, &mut page)?;
        }
        furniture::article_rules(&c, &mut page);
        Ok((page, missing))
    }
}

/// What the template decides for composing, resolved once per composition: no stage builds
/// its own defaults.
struct Settings<'t> {
    /// Body lines: justified, indented, the template's 避头尾 and Han–Latin space.
    body: LineSettings,
    /// Lines of blocks (headlines, boxes, furniture) set natural.
    ragged: LineSettings,
    /// Lines of blocks set justified (captions, justified styles).
    justified: LineSettings,
    /// Jump lines: style 转版, else the body's.
    jump: &'t Style,
    /// A continuation's headline: style 续题, else 副题.
    continued: &'t str,
}

impl<'t> Settings<'t> {
    fn of(t: &'t Template) -> Self {
        let continued = t.continued_style();
        Settings {
            body: LineSettings::body(t),
            ragged: LineSettings::block(t, false),
            justified: LineSettings::block(t, true),
            jump: t.style("转版").unwrap_or(&t.body),
            continued,
        }
    }
}

/// What every page of a composition looks things up in.
struct Ctx<'a> {
    job: &'a Job,
    book: &'a FontBook,
    shapes: &'a ShapeCache,
    /// Body lines the layout stage broke already, by (page, article).
    broken: &'a crate::layout::Broken,
    settings: Settings<'a>,
}

impl<'a> Ctx<'a> {
    /// The composer of page `pj`.
    fn page(&'a self, pj: &'a PageJob) -> PageCtx<'a> {
        PageCtx {
            job: self.job,
            pj,
            book: self.book,
            shapes: self.shapes,
            broken: self.broken,
            settings: &self.settings,
        }
    }
}

/// What composing one page looks things up in.
struct PageCtx<'a> {
    job: &'a Job,
    pj: &'a PageJob,
    book: &'a FontBook,
    shapes: &'a ShapeCache,
    broken: &'a crate::layout::Broken,
    settings: &'a Settings<'a>,
}

impl PageCtx<'_> {
    fn area(&self, r: &GridRect) -> Area {
        self.job.template.grid.area(r)
    }

    /// The shaper of this composition.
    fn shaper(&self) -> Shaper<'_> {
        Shaper {
            book: self.book,
            shapes: self.shapes,
            template: &self.job.template,
        }
    }

    fn chain(&self, style: &Style) -> Vec<FontId> {
        self.book.chain(&style.fonts)
    }

    /// Ascent of the style's first font as a fraction of the em (0.88 for Noto CJK).
    fn ascent(&self, style: &Style) -> f32 {
        self.shaper().ascent(style)
    }

    fn shape(&self, text: &str, style: &Style, owner: &str) -> Result<ShapedPara> {
        self.shaper().shape(text, style, owner)
    }
}
