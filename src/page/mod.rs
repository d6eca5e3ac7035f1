//! Page composition: the template's grid, each article's headline block and frame chain,
//! photos with captions and text boxes → one display-list [`Page`] plus a report per article.

mod block;
mod marks;
mod runs;

use crate::error::{Error, Result};
use crate::flow::{self, FrameBox, Stop};
use crate::font::{FontBook, FontId};
use crate::frame::{ArticleThread, Item, LineKind, LineRecord, Page};
use crate::linebreak::LineSettings;
use crate::model::{Align, ArticlePlan, BoxPlan, Cmyk, GridRect, Job, PhotoPlan, Story, Style};
use crate::shape::{ShapedPara, Span, shape_paragraph};
use block::{BlockPara, block_height, block_lines, place_block};

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
}

/// A composed page and what happened to each article.
#[derive(Debug, Clone)]
pub struct Composed {
    /// The display list.
    pub page: Page,
    /// One report per article, in plan order.
    pub articles: Vec<ArticleReport>,
}

/// Composes the job's page with fonts from `book`.
pub fn compose(job: &Job, book: &FontBook) -> Result<Composed> {
    let c = Composer { job, book };
    let t = &job.template;
    let mut page = Page {
        number: job.plan.page,
        width: t.page_width,
        height: t.page_height,
        bleed: t.print.bleed,
        slug: 0.0,
        items: Vec::new(),
        records: Vec::new(),
        threads: Vec::new(),
    };
    let mut articles = Vec::new();
    for (plan, story) in job.plan.articles.iter().zip(&job.stories) {
        c.headline(plan, story, &mut page)?;
        articles.push(c.article(plan, story, &mut page)?);
    }
    for (photo, caption) in job.plan.photos.iter().zip(&job.captions) {
        c.photo(photo, caption.as_ref(), &mut page)?;
    }
    for b in &job.plan.boxes {
        c.text_box(b, &mut page)?;
    }
    if t.print.crop_marks {
        marks::crop_marks(&c, &mut page)?;
    }
    Ok(Composed { page, articles })
}

/// Shared state of one composition.
struct Composer<'a> {
    job: &'a Job,
    book: &'a FontBook,
}

/// A rectangle in points: left, top, width, height.
#[derive(Debug, Clone, Copy)]
struct Area {
    x: f32,
    top: f32,
    width: f32,
    height: f32,
}

impl Composer<'_> {
    fn area(&self, r: &GridRect) -> Area {
        let g = &self.job.template.grid;
        Area {
            x: g.column_x(r.cols[0]),
            top: g.line_top(r.lines[0]),
            width: g.span_chars(r.cols[0], r.cols[1]) as f32 * g.char_size,
            height: r.line_count() as f32 * g.pitch,
        }
    }

    fn chain(&self, style: &Style) -> Vec<FontId> {
        self.book.chain(&style.fonts)
    }

    /// Ascent of the style's first font as a fraction of the em (0.88 for Noto CJK).
    fn ascent(&self, style: &Style) -> f32 {
        let chain = self.chain(style);
        chain.first().map_or(0.88, |&id| {
            let m = &self.book.face(id).metrics;
            m.ascent / m.upem
        })
    }

    fn shape(&self, text: &str, style: &Style, owner: &str) -> Result<ShapedPara> {
        let chain = self.chain(style);
        shape_paragraph(
            self.book,
            &[Span {
                text,
                fonts: &chain,
                size: style.size,
                style: &style.name,
            }],
            owner,
        )
    }

    fn block_para<'p>(&self, para: &'p ShapedPara, style: &Style, align: Align) -> BlockPara<'p> {
        BlockPara {
            para,
            align,
            pitch: style.pitch,
            size: style.size,
            ascent: self.ascent(style),
            han_latin: self.job.template.han_latin_space,
            kinsoku: self.job.template.kinsoku,
        }
    }

    /// The body paragraphs of a story, the dateline as a span of its own style.
    fn body_paras(&self, story: &Story) -> Result<Vec<ShapedPara>> {
        let t = &self.job.template;
        let body = self.chain(&t.body);
        let mut paras = Vec::new();
        let texts: Vec<&str> = if story.paragraphs.is_empty() && story.dateline.is_some() {
            vec![""]
        } else {
            story.paragraphs.iter().map(String::as_str).collect()
        };
        for (i, text) in texts.iter().enumerate() {
            let mut spans = Vec::new();
            let dl_style;
            let dl_chain;
            if let (0, Some(dl)) = (i, story.dateline.as_deref()) {
                dl_style = t.style("电头").unwrap_or(&t.body);
                dl_chain = self.chain(dl_style);
                spans.push(Span {
                    text: dl,
                    fonts: &dl_chain,
                    size: t.body.size,
                    style: &dl_style.name,
                });
            }
            spans.push(Span {
                text,
                fonts: &body,
                size: t.body.size,
                style: "body",
            });
            paras.push(shape_paragraph(
                self.book,
                &spans,
                &format!("article {} ({})", story.id, story.path.display()),
            )?);
        }
        Ok(paras)
    }

    fn article(&self, plan: &ArticlePlan, story: &Story, page: &mut Page) -> Result<ArticleReport> {
        let t = &self.job.template;
        let g = &t.grid;
        let paras = self.body_paras(story)?;
        let ascent = self.ascent(&t.body);
        page.threads.push(ArticleThread {
            id: story.id.clone(),
            frames: plan
                .frames
                .iter()
                .map(|r| {
                    let a = self.area(r);
                    [a.x, a.top, a.width, a.height]
                })
                .collect(),
        });
        let frames: Vec<FrameBox> = plan
            .frames
            .iter()
            .map(|r| {
                let a = self.area(r);
                let first_baseline = a.top + (g.pitch - t.body.size) / 2.0 + ascent * t.body.size;
                FrameBox {
                    x: a.x,
                    first_baseline,
                    width: a.width,
                    lines: r.line_count(),
                    pitch: g.pitch,
                }
            })
            .collect();
        let settings = LineSettings::body(t.indent_chars as f32 * t.body.size, t.han_latin_space)
            .with_kinsoku(t.kinsoku);
        let flowed = flow::flow(&paras, &settings, &frames);
        for pl in &flowed.lines {
            let para = &paras[pl.para];
            let (runs, text) = runs::line_runs(para, &pl.line, pl.x, pl.baseline);
            page.items.extend(runs.into_iter().map(Item::Text));
            page.records.push(LineRecord {
                owner: story.id.clone(),
                kind: LineKind::Body,
                frame: pl.frame + 1,
                row: pl.row + 1,
                baseline: pl.baseline,
                x: (
                    pl.x + pl.line.xs.first().copied().unwrap_or(0.0),
                    pl.x + pl.line.width,
                ),
                text,
                adjust: pl.line.adjust.to_string(),
            });
        }
        Ok(ArticleReport {
            id: story.id.clone(),
            lines: flowed.lines.len() as u32,
            chars: story.body_chars(),
            capacity: frames.iter().map(|f| f.lines).sum(),
            stop: flowed.stop,
        })
    }

    /// The headline block: 引题, 主题, 副题 stacked and centred in the headline box.
    fn headline(&self, plan: &ArticlePlan, story: &Story, page: &mut Page) -> Result<()> {
        let t = &self.job.template;
        let parts: Vec<(&str, &str)> = [
            ("引题", &story.kicker),
            ("主题", &story.title),
            ("副题", &story.subtitle),
        ]
        .into_iter()
        .filter_map(|(s, text)| text.as_deref().map(|x| (s, x)))
        .collect();
        let Some(rect) = plan.headline else {
            if parts.is_empty() {
                return Ok(());
            }
            return Err(Error::invalid(
                &self.job.plan.path,
                format!(
                    "article '{}' has a headline but no headline box; add headline = {{ cols = [..], lines = [..] }}",
                    plan.id
                ),
            ));
        };
        let area = self.area(&rect);
        let inset = t.grid.char_size / 2.0;
        let measure = area.width - 2.0 * inset;
        let mut shaped = Vec::new();
        for (style_name, text) in &parts {
            let style = t.style(style_name)?;
            shaped.push((
                style,
                self.shape(
                    text,
                    style,
                    &format!("article {} ({})", story.id, story.path.display()),
                )?,
            ));
        }
        let blocks: Vec<(BlockPara, Vec<_>)> = shaped
            .iter()
            .map(|(style, para)| {
                let bp = self.block_para(para, style, style.align);
                let lines = block_lines(&bp, measure);
                (bp, lines)
            })
            .collect();
        let height: f32 = blocks.iter().map(|(bp, l)| block_height(bp, l.len())).sum();
        if height > area.height + 0.01 {
            return Err(Error::invalid(
                &self.job.plan.path,
                format!(
                    "article '{}': the headline needs {:.1} pt but its box ({rect}) is {:.1} pt high; give it {} lines or more",
                    plan.id,
                    height,
                    area.height,
                    (height / t.grid.pitch).ceil()
                ),
            ));
        }
        let mut top = area.top + (area.height - height) / 2.0;
        let first_record = page.records.len();
        for (bp, lines) in &blocks {
            let (runs, records) = place_block(
                bp,
                lines,
                (area.x + inset, measure),
                top,
                (&story.id, LineKind::Headline),
            );
            page.items.extend(runs.into_iter().map(Item::Text));
            page.records.extend(records);
            top += block_height(bp, lines.len());
        }
        // Number the headline's lines through all its parts (引题, 主题, 副题).
        for (n, r) in page.records[first_record..].iter_mut().enumerate() {
            r.row = n as u32 + 1;
        }
        Ok(())
    }

    /// A photo frame: placeholder (outline and cross) above, caption lines at the foot.
    fn photo(&self, photo: &PhotoPlan, caption: Option<&Story>, page: &mut Page) -> Result<()> {
        let t = &self.job.template;
        let area = self.area(&photo.frame);
        let mut cap_height = 0.0;
        if let Some(story) = caption {
            let style = t.style("图说")?;
            let paras = story
                .paragraphs
                .iter()
                .map(|p| self.shape(p, style, &photo.id))
                .collect::<Result<Vec<_>>>()?;
            let blocks: Vec<_> = paras
                .iter()
                .map(|para| {
                    let bp = self.block_para(para, style, Align::Justify);
                    let lines = block_lines(&bp, area.width);
                    (bp, lines)
                })
                .collect();
            cap_height = blocks.iter().map(|(bp, l)| block_height(bp, l.len())).sum();
            if cap_height + t.grid.pitch > area.height {
                return Err(Error::invalid(
                    &self.job.plan.path,
                    format!(
                        "photo '{}': the caption needs {:.1} pt, more than the frame ({}) holds; make the frame taller",
                        photo.id, cap_height, photo.frame
                    ),
                ));
            }
            let mut top = area.top + area.height - cap_height;
            for (bp, lines) in &blocks {
                let (runs, records) = place_block(
                    bp,
                    lines,
                    (area.x, area.width),
                    top,
                    (&photo.id, LineKind::Caption),
                );
                page.items.extend(runs.into_iter().map(Item::Text));
                page.records.extend(records);
                top += block_height(bp, lines.len());
            }
        }
        let gap = t.grid.pitch / 2.0;
        let [x, y, w, h] = [area.x, area.top, area.width, area.height - cap_height - gap];
        page.items.push(Item::Rect {
            rect: [x, y, w, h],
            stroke: Some((0.5, Cmyk::BLACK)),
            fill: None,
        });
        for (from, to) in [((x, y), (x + w, y + h)), ((x + w, y), (x, y + h))] {
            page.items.push(Item::Rule {
                from,
                to,
                width: 0.25,
                color: Cmyk::BLACK,
            });
        }
        Ok(())
    }

    /// A framed text box (slogan): outline inset by ¼ character, text centred and balanced.
    fn text_box(&self, b: &BoxPlan, page: &mut Page) -> Result<()> {
        let t = &self.job.template;
        let area = self.area(&b.frame);
        let style = t.style(&b.style)?;
        let inset = t.grid.char_size / 4.0;
        let para = self.shape(&b.text, style, &b.id)?;
        let bp = self.block_para(&para, style, style.align);
        let measure = area.width - 2.0 * inset - style.size;
        if measure < style.size {
            return Err(Error::invalid(
                &self.job.plan.path,
                format!(
                    "box '{}' ({}) is too narrow for one {} pt character of style '{}'; give it more columns",
                    b.id, b.frame, style.size, style.name
                ),
            ));
        }
        let lines = block_lines(&bp, measure);
        let height = block_height(&bp, lines.len());
        if height > area.height - 2.0 * inset {
            return Err(Error::invalid(
                &self.job.plan.path,
                format!(
                    "box '{}': the text needs {:.1} pt, more than the box ({}) holds; make it taller or the style smaller",
                    b.id, height, b.frame
                ),
            ));
        }
        page.items.push(Item::Rect {
            rect: [
                area.x + inset,
                area.top + inset,
                area.width - 2.0 * inset,
                area.height - 2.0 * inset,
            ],
            stroke: Some((1.0, Cmyk::BLACK)),
            fill: style.fill,
        });
        let top = area.top + (area.height - height) / 2.0;
        let (runs, records) = place_block(
            &bp,
            &lines,
            (area.x + inset + style.size / 2.0, measure),
            top,
            (&b.id, LineKind::Boxed),
        );
        page.items.extend(runs.into_iter().map(Item::Text));
        page.records.extend(records);
        Ok(())
    }
}
