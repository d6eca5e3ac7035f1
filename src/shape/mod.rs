//! Shaping: a paragraph (spans of text in styles) → clusters of positioned glyphs, each with
//! its source text range, font, size and CJK class.
//!
//! Each span is split into font runs by coverage along its style's fallback chain, and each run
//! is shaped with harfrust as script Han, language zh-Hans (so `locl` picks the mainland forms
//! of “ ” and the full-width punctuation).

pub mod classes;

pub use classes::{Blank, CharClass, class_of};

use crate::error::{Error, Result};
use crate::font::{FontBook, FontId};
mod cache;
mod hyphen;
mod narrow;
pub use hyphen::Hyphen;

pub use cache::ShapeCache;

use std::ops::Range;

/// A span of paragraph text in one style.
#[derive(Debug, Clone, Copy)]
pub struct Span<'a> {
    /// The text.
    pub text: &'a str,
    /// Font chain of the style.
    pub fonts: &'a [FontId],
    /// Type size in points.
    pub size: f32,
    /// Style name (for errors and the dump).
    pub style: &'a str,
}

/// One glyph, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// Glyph id in its font.
    pub gid: u16,
    /// Advance as shaped (kerning included).
    pub advance: f32,
    /// Advance from the font's `hmtx`, as a PDF viewer will assume it.
    pub font_advance: f32,
    /// Horizontal offset from the pen position.
    pub dx: f32,
    /// Vertical offset (up is positive).
    pub dy: f32,
}

/// The smallest unit of line breaking: one or more characters shaped together.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// Byte range in the paragraph text.
    pub text: Range<usize>,
    /// Glyph range in [`ShapedPara::glyphs`].
    pub glyphs: Range<usize>,
    /// Font of the glyphs.
    pub font: FontId,
    /// Type size in points.
    pub size: f32,
    /// Sum of the glyph advances.
    pub advance: f32,
    /// Class of the cluster's first character.
    pub class: CharClass,
    /// Index of the span the cluster came from.
    pub span: u16,
    /// The blank half of a compressible mark, as the glyph in the font actually sits (a
    /// mainland font puts ，。 at the left, a Taiwan font centres them: no blank side then).
    pub blank: Option<Blank>,
}

/// A shaped paragraph.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ShapedPara {
    /// The paragraph text (all spans concatenated).
    pub text: String,
    /// Clusters in text order.
    pub clusters: Vec<Cluster>,
    /// All glyphs.
    pub glyphs: Vec<Glyph>,
    /// Points inside long Latin words where a line may end with a hyphen, in cluster order.
    pub hyphens: Vec<Hyphen>,
    /// What the paragraph is in its article (set by whoever shapes a story's body), which
    /// decides how its lines are set.
    pub kind: crate::model::ParaKind,
}

impl ShapedPara {
    /// The source text of cluster `i`.
    pub fn cluster_text(&self, i: usize) -> &str {
        &self.text[self.clusters[i].text.clone()]
    }
}

/// Shapes `spans` into one paragraph; `owner` names the article in errors.
pub fn shape_paragraph(book: &FontBook, spans: &[Span], owner: &str) -> Result<ShapedPara> {
    shape_spans(book, spans, owner, false)
}

/// Shapes `spans` for vertical setting (竖排): the fonts' `vert`/`vrt2` forms, so marks and
/// brackets turn (，。 move to the upper right, 「」 and ︵︶ replace quotes and parentheses).
/// Glyphs are then stacked one em apart by the caller.
pub fn shape_vertical(book: &FontBook, spans: &[Span], owner: &str) -> Result<ShapedPara> {
    shape_spans(book, spans, owner, true)
}

fn shape_spans(book: &FontBook, spans: &[Span], owner: &str, vertical: bool) -> Result<ShapedPara> {
    let mut para = ShapedPara::default();
    for (si, span) in spans.iter().enumerate() {
        let text = set_missing_as_geta(book, span);
        let span = &Span {
            text: &text,
            ..*span
        };
        let base = para.text.len();
        para.text.push_str(span.text);
        for (font, range) in font_runs(book, span, owner)? {
            let run = &span.text[range.clone()];
            shape_run(
                book,
                font,
                run,
                base + range.start,
                (span.size, si as u16, vertical),
                &mut para,
            )
            .map_err(|e| Error::Font {
                path: book.face(font).path.clone(),
                message: format!(
                    "shaping '{run}' of {owner} failed: {e}; check the font or report a bug"
                ),
            })?;
        }
    }
    if !vertical {
        narrow::narrow_marks(book, &mut para);
        hyphen::hyphenate(book, &mut para);
    }
    Ok(para)
}

/// 〓 (U+3013, 下駄記号): the trade's mark for a character no font has — a proof shows the
/// hole plainly, never as tofu, and the build names each one (`font::coverage`).
pub const GETA: char = '\u{3013}';

/// Whether `c` is a variation selector (U+FE00–FE0F, U+E0100–E01EF): it picks a glyph of
/// the character before it where the font has the sequence and is invisible otherwise.
pub fn is_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// The span's text with each character no font of its chain has set as 〓 (a variation
/// selector is left to the shaper, which applies or hides it).
fn set_missing_as_geta<'t>(book: &FontBook, span: &Span<'t>) -> std::borrow::Cow<'t, str> {
    let missing =
        |c: char| !is_selector(c) && !c.is_control() && book.face_for(span.fonts, c).is_none();
    if !span.text.chars().any(missing) {
        return span.text.into();
    }
    (span.text.chars())
        .map(|c| if missing(c) { GETA } else { c })
        .collect::<String>()
        .into()
}

/// Splits a span into runs of one font each, choosing per character along the chain; a
/// variation selector stays with the character before it.
fn font_runs(book: &FontBook, span: &Span, owner: &str) -> Result<Vec<(FontId, Range<usize>)>> {
    let mut runs: Vec<(FontId, Range<usize>)> = Vec::new();
    for (i, c) in span.text.char_indices() {
        let end = i + c.len_utf8();
        let current = runs.last().map(|r| r.0);
        let font = match current {
            Some(f) if is_selector(c) => f,
            // A selector with nothing before it selects nothing: the shaper hides it.
            None if is_selector(c) && !span.fonts.is_empty() => span.fonts[0],
            // Spaces stay in the run they are in when its font has them.
            Some(f)
                if book.face(f).covers(c)
                    && (c.is_whitespace() || current == book.face_for(span.fonts, c)) =>
            {
                f
            }
            _ => book
                .face_for(span.fonts, c)
                .ok_or_else(|| Error::MissingGlyph {
                    article: owner.to_string(),
                    ch: c,
                    code: c as u32,
                    style: span.style.to_string(),
                })?,
        };
        match runs.last_mut() {
            Some((f, r)) if *f == font => r.end = end,
            _ => runs.push((font, i..end)),
        }
    }
    Ok(runs)
}

/// The blank side of a mark from where its ink sits: ink in the left 40 % leaves the right
/// half blank (mainland forms), ink in the right 40 % the left half; a centred mark (Taiwan and
/// Hong Kong forms) has none to give (CLREQ #punctuation_width_adjustment).
fn blank_of((x_min, x_max, advance): (f32, f32, f32)) -> Option<Blank> {
    let centre = (x_min + x_max) / 2.0 / advance;
    if x_max <= advance * 0.55 && centre < 0.4 {
        Some(Blank::Right)
    } else if x_min >= advance * 0.45 && centre > 0.6 {
        Some(Blank::Left)
    } else {
        None
    }
}

fn shape_run(
    book: &FontBook,
    id: FontId,
    run: &str,
    offset: usize,
    (size, span, vertical): (f32, u16, bool),
    para: &mut ShapedPara,
) -> std::result::Result<(), harfrust::ShapeError> {
    let face = book.face(id);
    let font = face.shaping_font();
    let shaper = harfrust::ShaperFont::new(font);
    let mut buffer = harfrust::Buffer::new();
    buffer.push_str(run);
    buffer.set_direction(harfrust::Direction::LeftToRight);
    buffer.set_script(Some(harfrust::Script::HAN));
    // A `-hant` face (a template's Traditional Chinese font) shapes with zh-Hant, so its
    // locl forms apply; every other face with zh-Hans.
    let lang = if face.name.ends_with("-hant") {
        "zh-Hant"
    } else {
        "zh-Hans"
    };
    let language = harfrust::Language::new(lang);
    buffer.set_language(language.clone());
    let mut features = Vec::new();
    if vertical {
        for tag in [b"vert", b"vrt2"] {
            features.push(harfrust::Feature::new(harfrust::Tag::new(tag), 1, ..));
        }
    }
    // The plan is the face's for this direction (language and features follow from the
    // face and the direction), compiled once.
    let plan = face.shape_plan(vertical, || {
        harfrust::ShapePlan::new(
            font,
            harfrust::Direction::LeftToRight,
            Some(harfrust::Script::HAN),
            language.as_ref(),
            &features,
        )
    });
    harfrust::shape(
        &shaper,
        &mut buffer,
        harfrust::ShapeOptions::new()
            .features(&features)
            .plan(Some(plan)),
    )?;
    let scale = size / face.metrics.upem;
    let hmtx = face.glyph_metrics();
    let infos = buffer.glyph_infos();
    let positions = buffer.glyph_positions();
    let mut i = 0;
    while i < infos.len() {
        let cluster = infos[i].cluster as usize;
        let mut j = i + 1;
        while j < infos.len() && infos[j].cluster as usize == cluster {
            j += 1;
        }
        let end = infos
            .get(j)
            .map_or(run.len(), |g| g.cluster as usize)
            .max(cluster);
        let first = para.glyphs.len();
        let mut advance = 0.0;
        for k in i..j {
            let p = positions[k];
            let g = Glyph {
                gid: infos[k].glyph_id as u16,
                advance: p.x_advance as f32 * scale,
                font_advance: hmtx.advance(infos[k].glyph_id as u16) * scale,
                dx: p.x_offset as f32 * scale,
                dy: p.y_offset as f32 * scale,
            };
            advance += g.advance;
            para.glyphs.push(g);
        }
        let c = run[cluster..].chars().next().unwrap_or(' ');
        let class = class_of(c);
        let blank = match (class.blank(), &para.glyphs[first..]) {
            (Some(side), [g]) => hmtx.ink_extent(g.gid).map_or(Some(side), blank_of),
            (side, _) => side,
        };
        para.clusters.push(Cluster {
            text: offset + cluster..offset + end,
            glyphs: first..para.glyphs.len(),
            font: id,
            size,
            advance,
            class,
            span,
            blank,
        });
        i = j;
    }
    Ok(())
}
