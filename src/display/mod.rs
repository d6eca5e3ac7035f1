//! The display list: what a page shows, positioned in points (origin top-left, y down). It is
//! the only product of composition and the single boundary between layout and export: the PDF
//! writer, the PNG renderer, the layout dump, the proof marks, the fit report and the PDF
//! article threads all read the same [`Page::items`], and [`Page::paint`] is the one paint
//! order the PDF and the PNG follow. Each glyph run keeps its source text for ToUnicode and
//! ActualText.

mod dump;
mod paint;

pub use dump::dump;
pub use paint::Paint;

use crate::font::FontId;
use crate::model::Cmyk;
use std::ops::Range;

/// One page of the display list.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Page number (版次).
    pub number: u32,
    /// Trim width.
    pub width: f32,
    /// Trim height.
    pub height: f32,
    /// Bleed around the trim (items may reach into it).
    pub bleed: f32,
    /// Space outside the bleed for crop marks and the page-information line (0: none); marks
    /// are items with coordinates outside the trim.
    pub slug: f32,
    /// Everything on the page, in painting and reading order: an article that jumps reads on
    /// without a break across the page boundary (see `page::order`).
    pub items: Vec<Item>,
}

/// A thing on the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A set line with what it is and where it belongs (body, headline, caption …).
    Line(TextLine),
    /// Text that is no line of the page's content: proof labels, the slug's information line.
    Text(GlyphRun),
    /// A straight rule.
    Rule {
        /// Start point.
        from: (f32, f32),
        /// End point.
        to: (f32, f32),
        /// Line width.
        width: f32,
        /// Ink.
        color: Cmyk,
    },
    /// A rectangle: outlined (box borders, photo placeholders), shaded, or both.
    Rect {
        /// Left, top, width, height.
        rect: [f32; 4],
        /// Outline width and ink, if outlined.
        stroke: Option<(f32, Cmyk)>,
        /// Shading, if filled (painted before the outline).
        fill: Option<Cmyk>,
    },
    /// A photo, scaled to `rect` and clipped to `clip`.
    Image {
        /// Where the whole image lands: left, top, width, height (may overflow the clip).
        rect: [f32; 4],
        /// The frame it is cropped to: left, top, width, height.
        clip: [f32; 4],
        /// The image.
        image: std::sync::Arc<crate::model::Image>,
    },
    /// A region of an article's thread on this page; not painted. The PDF's article threads
    /// and the proof marks read them.
    Region(Region),
    /// The proof layer (grid, numbered regions, overset and underset, 校样 stamp): drawn in
    /// proofs only, in an optional-content layer a reader can hide, never in print files.
    Proof(Vec<Item>),
}

/// A set line: its tag and its glyph runs (split where the font or size changes).
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// What the line is and where it sits.
    pub tag: LineTag,
    /// The glyphs, in order.
    pub runs: Vec<GlyphRun>,
}

/// What kind of line a [`TextLine`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A body line of an article's thread.
    Body,
    /// A headline line (引题/主题/副题).
    Headline,
    /// A photo caption line.
    Caption,
    /// A line of a text box.
    Boxed,
    /// A jump line: （下转第X版） where a thread leaves the page, （上接第X版） where it resumes.
    Jump,
    /// The running head (报眉) of an inner page.
    RunningHead,
    /// A line of the masthead (报头).
    Masthead,
}

/// Where a line belongs and what was applied to it, as the dump shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct LineTag {
    /// Owner id (article, photo or box).
    pub owner: String,
    /// Kind of line.
    pub kind: LineKind,
    /// Region number in the article's thread (1-based; 0 for headlines and boxes).
    pub region: usize,
    /// Its line cell in its region (body and jump lines) or its line in its block (1-based).
    pub row: u32,
    /// Baseline y.
    pub baseline: f32,
    /// Left and right edge of the set line.
    pub x: (f32, f32),
    /// The text.
    pub text: String,
    /// What was applied (break kind, compression, expansion).
    pub adjust: String,
}

/// One region of an article's thread: a frame of its chain (a 破栏 column counts singly).
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// The article.
    pub owner: String,
    /// Its place in the whole thread (1-based), which may run over several pages.
    pub number: usize,
    /// Regions in the whole thread.
    pub of: usize,
    /// Left, top, width, height.
    pub rect: [f32; 4],
}

/// Glyphs of one font and size on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    /// Font.
    pub font: FontId,
    /// Type size in points.
    pub size: f32,
    /// Baseline y.
    pub baseline: f32,
    /// The source text of the run.
    pub text: String,
    /// Glyphs in order.
    pub glyphs: Vec<PlacedGlyph>,
    /// Ink: 100 % K for all page text; proof marks may be coloured.
    pub color: Cmyk,
}

/// A glyph at its place.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    /// Glyph id in the run's font.
    pub gid: u16,
    /// Origin x on the page.
    pub x: f32,
    /// Vertical offset (up is positive).
    pub dy: f32,
    /// The font's advance of the glyph at the run's size.
    pub advance: f32,
    /// Byte range in the run's text of the cluster this glyph belongs to; the glyphs of one
    /// cluster share it.
    pub cluster: Range<usize>,
}

impl Page {
    /// The tags of the page's set lines, in stream order.
    pub fn lines(&self) -> impl Iterator<Item = &LineTag> {
        self.items.iter().filter_map(|i| match i {
            Item::Line(l) => Some(&l.tag),
            _ => None,
        })
    }

    /// The thread regions on the page, in stream order.
    pub fn regions(&self) -> impl Iterator<Item = &Region> {
        self.items.iter().filter_map(|i| match i {
            Item::Region(r) => Some(r),
            _ => None,
        })
    }

    /// The regions of article `owner` on this page, in thread order.
    pub fn regions_of<'a>(&'a self, owner: &'a str) -> impl Iterator<Item = &'a Region> {
        self.regions().filter(move |r| r.owner == owner)
    }

    /// The proof layer, if the page has one with anything in it.
    pub fn proof_layer(&self) -> Option<&[Item]> {
        self.items.iter().find_map(|i| match i {
            Item::Proof(marks) if !marks.is_empty() => Some(&marks[..]),
            _ => None,
        })
    }
}
