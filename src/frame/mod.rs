//! The display list: what a page shows, positioned in points (origin top-left, y down). It is
//! the single boundary between layout and export: the PDF writer draws exactly this and decides
//! nothing about layout. Each glyph run keeps its source text for ToUnicode and ActualText.

mod dump;

pub use dump::dump;

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
    /// Items in painting and reading order.
    pub items: Vec<Item>,
    /// What was placed, line by line, for the layout dump and reports.
    pub records: Vec<LineRecord>,
    /// Proof marks (grid, frames, overset and underset, stamp), drawn over the page in their
    /// own layer that a reader can hide; empty except in proofs, never in print files.
    pub overlay: Vec<Item>,
    /// Where in `items` the proof marks are drawn: before the text of an article that leaves
    /// the page, so an article read across pages is not interrupted by them.
    pub marks_at: usize,
    /// Article threads: each article's frames on this page, in reading order, so a reader can
    /// follow it across columns (PDF article threads).
    pub threads: Vec<ArticleThread>,
}

/// The frames of one article on a page, in chain order.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleThread {
    /// Article id (the thread's title).
    pub id: String,
    /// The frames on this page.
    pub frames: Vec<ThreadFrame>,
}

/// One frame of an article's chain.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ThreadFrame {
    /// Its place in the whole chain (1-based), which may run over several pages.
    pub number: usize,
    /// Left, top, width, height.
    pub rect: [f32; 4],
}

/// A thing drawn on the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Text (always 100 % K: newspaper text prints on the black plate alone).
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

/// What kind of line a record describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A body line of an article's frame chain.
    Body,
    /// A headline line (引题/主题/副题).
    Headline,
    /// A photo caption line.
    Caption,
    /// A line of a text box.
    Boxed,
    /// A jump line: （下转第X版） where a chain leaves the page, （上接第X版） where it resumes.
    Jump,
    /// The running head (报眉) of an inner page.
    RunningHead,
    /// A line of the masthead (报头).
    Masthead,
}

/// One placed line, as the dump shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct LineRecord {
    /// Owner id (article, photo or box).
    pub owner: String,
    /// Kind of line.
    pub kind: LineKind,
    /// Frame number in the chain (1-based; 0 for headlines and boxes).
    pub frame: usize,
    /// Line number in its frame or block (1-based).
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
