//! Shaping a story for flowing and measuring: its body paragraphs (the dateline a span of its
//! own style), any text in a template style, and what a body line cell looks like — one way,
//! for the layout stage that sizes blocks and the page stage that sets them.

use crate::error::Result;
use crate::font::{FontBook, FontId};
use crate::linebreak::{LineBreaker, LineSettings};
use crate::model::{ParaKind, Paragraph, Story, Style, Template};
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

    /// The body paragraphs of a story, each in its kind's style (`Template::paragraph_style`)
    /// with its emphasis in 强调; the dateline a span of style 电头 (else the body's).
    pub fn body(&self, story: &Story) -> Result<Vec<ShapedPara>> {
        let t = self.template;
        let dl_style = t.in_lang(t.style("电头").unwrap_or(&t.body).clone(), story.lang);
        let dl_chain = self.chain(&dl_style);
        let emphasis = t.in_lang(t.emphasis_style(), story.lang);
        let bold_chain = self.chain(&emphasis);
        let empty = [Paragraph::default()];
        let paras: &[Paragraph] = if story.paragraphs.is_empty() && story.dateline.is_some() {
            &empty
        } else {
            &story.paragraphs
        };
        let owner = format!("article {} ({})", story.id, story.path.display());
        // The dateline opens the first paragraph of running text (an 编者按 comes before it).
        let opens = (paras.iter())
            .position(|p| p.kind != ParaKind::EditorNote)
            .unwrap_or(0);
        let mut out = Vec::new();
        for (i, p) in paras.iter().enumerate() {
            let style = t.in_lang(t.paragraph_style(p.kind), story.lang);
            let chain = self.chain(&style);
            let mut spans = Vec::new();
            if let (true, Some(dl)) = (i == opens, story.dateline.as_deref()) {
                spans.push(Span {
                    text: dl,
                    fonts: &dl_chain,
                    size: t.body.size,
                    style: &dl_style.name,
                });
            }
            let plain = Span {
                text: "",
                fonts: &chain,
                size: style.size,
                style: &style.name,
            };
            let bold = Span {
                fonts: &bold_chain,
                size: style.size,
                style: &emphasis.name,
                ..plain
            };
            spans.extend(emphasis_spans(p, plain, bold));
            let mut shaped = self.shapes.shape(self.book, &spans, &owner)?;
            shaped.kind = p.kind;
            out.push(shaped);
        }
        Ok(out)
    }
}

/// The spans of paragraph `p`: its text in `plain`, its bold ranges in `bold`.
fn emphasis_spans<'a>(p: &'a Paragraph, plain: Span<'a>, bold: Span<'a>) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut at = 0;
    for r in &p.bold {
        if r.start > at {
            spans.push(Span {
                text: &p.text[at..r.start],
                ..plain
            });
        }
        spans.push(Span {
            text: &p.text[r.clone()],
            ..bold
        });
        at = r.end;
    }
    if at < p.text.len() || spans.is_empty() {
        spans.push(Span {
            text: &p.text[at..],
            ..plain
        });
    }
    spans
}

/// How many lines `para` takes at `measure`.
pub fn line_count(para: &ShapedPara, settings: &LineSettings, measure: f32) -> u32 {
    let mut b = LineBreaker::new(para, settings);
    std::iter::from_fn(|| b.next_line(measure)).count() as u32
}
