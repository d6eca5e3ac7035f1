//! Shaping a story for flowing and measuring: its body paragraphs (the dateline a span of its
//! own style), any text in a template style, and what a body line cell looks like — one way,
//! for the layout stage that sizes blocks and the page stage that sets them.

use crate::error::Result;
use crate::font::{FontBook, FontId};
use crate::linebreak::{LineBreaker, LineSettings};
use crate::model::{Story, Style, Template};
use crate::shape::{ShapeCache, ShapedPara, Span};

/// Fonts, the shaping cache and the template: what shaping needs.
#[derive(Clone, Copy)]
pub struct Shaper<'a> {
    /// The template's fonts.
    pub book: &'a FontBook,
    /// Shaped paragraphs kept between builds.
    pub shapes: &'a ShapeCache,
    /// The template.
    pub template: &'a Template,
}

impl Shaper<'_> {
    /// The font chain of a style.
    pub fn chain(&self, style: &Style) -> Vec<FontId> {
        self.book.chain(&style.fonts)
    }

    /// Ascent of the style's first font as a fraction of the em (0.88 for Noto CJK).
    pub fn ascent(&self, style: &Style) -> f32 {
        let chain = self.chain(style);
        chain.first().map_or(0.88, |&id| {
            let m = &self.book.face(id).metrics;
            m.ascent / m.upem
        })
    }

    /// Where a body baseline sits below the top of its line cell: the body's size centred in
    /// the pitch.
    pub fn body_baseline(&self) -> f32 {
        let t = self.template;
        (t.grid.pitch - t.body.size) / 2.0 + self.ascent(&t.body) * t.body.size
    }

    /// `text` shaped in `style`; `owner` names it in errors.
    pub fn shape(&self, text: &str, style: &Style, owner: &str) -> Result<ShapedPara> {
        let chain = self.chain(style);
        self.shapes.shape(
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

    /// The body paragraphs of a story, the dateline as a span of style 电头 (else the body's).
    pub fn body(&self, story: &Story) -> Result<Vec<ShapedPara>> {
        let t = self.template;
        let body = self.chain(&t.body);
        let dl_style = t.style("电头").unwrap_or(&t.body);
        let dl_chain = self.chain(dl_style);
        let texts: Vec<&str> = if story.paragraphs.is_empty() && story.dateline.is_some() {
            vec![""]
        } else {
            story.paragraphs.iter().map(String::as_str).collect()
        };
        let owner = format!("article {} ({})", story.id, story.path.display());
        let mut paras = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            let mut spans = Vec::new();
            if let (0, Some(dl)) = (i, story.dateline.as_deref()) {
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
            paras.push(self.shapes.shape(self.book, &spans, &owner)?);
        }
        Ok(paras)
    }
}

/// How many lines `para` takes at `measure`.
pub fn line_count(para: &ShapedPara, settings: &LineSettings, measure: f32) -> u32 {
    let mut b = LineBreaker::new(para, settings);
    std::iter::from_fn(|| b.next_line(measure)).count() as u32
}
