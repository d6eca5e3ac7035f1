//! The fit report: per article, how its text fits its frames — what an editor needs to see
//! in one glance to know which articles to cut (or lengthen) and by how much. As JSON for tools
//! and as a table for people.

use crate::flow::Stop;
use crate::font::CharAt;
use crate::page::{ArticleReport, Hole};
use serde::Serialize;
use std::fmt::Write;

/// The fit of every article of a composition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FitReport {
    /// Edition date.
    pub date: String,
    /// Number of pages.
    pub pages: usize,
    /// One entry per article, in page and plan order.
    pub articles: Vec<ArticleFit>,
    /// Grid cells left empty, as rectangles (columns × lines), page by page.
    pub holes: Vec<Hole>,
    /// Characters in no font (set as 〓 in a proof), with file, line and column.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing_characters: Vec<CharAt>,
}

/// How one article fits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleFit {
    /// Article id.
    pub id: String,
    /// `fits`, `overset` (cut it) or `underset` (lines left empty).
    pub status: &'static str,
    /// Pages the chain runs over, in chain order (its jump targets).
    pub pages: Vec<u32>,
    /// Frames in the chain.
    pub frames: usize,
    /// Body lines set.
    pub lines_used: u32,
    /// Body lines the frames hold.
    pub lines_available: u32,
    /// Body characters.
    pub chars: usize,
    /// Lines that did not fit (0 unless overset).
    pub overset_lines: u32,
    /// Characters that did not fit.
    pub overset_chars: usize,
    /// Lines left empty at the end of the chain.
    pub underset_lines: u32,
    /// Paragraphs ending in a one-character line (孤字) that could not be avoided.
    pub lone_chars: u32,
    /// Paragraphs ending alone at a frame head (孤行) that could not be avoided.
    pub widows: u32,
    /// Copyfit steps taken, in order, each with its reason (articles in blocks).
    pub copyfit: Vec<String>,
    /// What the editor has to do, computed by the composer: "cut 37 characters", "add 2
    /// lines (about 28 characters)"; none when the article fills its space.
    pub instruction: Option<String>,
}

impl ArticleFit {
    /// The fit of one article report.
    pub fn of(a: &ArticleReport) -> Self {
        let (status, over, under) = match a.stop {
            Stop::Overset(o) => ("overset", (o.lines, o.chars), 0),
            Stop::Done { empty: 0 } => ("fits", (0, 0), 0),
            Stop::Done { empty } => ("underset", (0, 0), empty),
        };
        ArticleFit {
            id: a.id.clone(),
            status,
            pages: a.pages.clone(),
            frames: a.frames,
            lines_used: a.lines,
            lines_available: a.capacity,
            chars: a.chars,
            overset_lines: over.0,
            overset_chars: over.1,
            underset_lines: under,
            lone_chars: a.lone_chars,
            widows: a.widows,
            copyfit: a.copyfit.clone(),
            instruction: a.instruction.clone(),
        }
    }
}

impl FitReport {
    /// The report as pretty JSON (stable key order: the struct's).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a fit report always serialises") + "\n"
    }

    /// The report as an aligned table, overset articles marked with `!`; `lone` counts 孤字,
    /// `widow` 孤行.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "  {:<14} {:>6} {:>7} {:>6} {:>6} {:>6} {:>5} {:>5}  status",
            "article", "pages", "lines", "chars", "over", "empty", "lone", "widow"
        );
        for a in &self.articles {
            let mark = if a.status == "overset" { "!" } else { " " };
            let pages: Vec<String> = a.pages.iter().map(u32::to_string).collect();
            let over = if a.overset_lines > 0 {
                format!("{}/{}", a.overset_lines, a.overset_chars)
            } else {
                "-".into()
            };
            let _ = writeln!(
                out,
                "{mark} {:<14} {:>6} {:>7} {:>6} {:>6} {:>6} {:>5} {:>5}  {}",
                a.id,
                pages.join("→"),
                format!("{}/{}", a.lines_used, a.lines_available),
                a.chars,
                over,
                a.underset_lines,
                a.lone_chars,
                a.widows,
                a.status
            );
            for step in &a.copyfit {
                let _ = writeln!(out, "      copyfit: {step}");
            }
            if let Some(i) = &a.instruction {
                let _ = writeln!(out, "      → {i}");
            }
        }
        for h in &self.holes {
            let _ = writeln!(out, "! hole: {h}");
        }
        out
    }
}

/// The dump's closing lines, one per article: lines used and available, characters, and the
/// empty lines or the overset.
pub(crate) fn fit_lines(articles: &[ArticleReport], holes: &[Hole]) -> String {
    let mut out = String::new();
    for a in articles {
        let end = match a.stop {
            Stop::Done { empty } => format!("empty {empty}"),
            Stop::Overset(o) => format!("OVERSET {} lines {} chars", o.lines, o.chars),
        };
        let _ = write!(
            out,
            "fit {} lines {}/{} chars {} {end}",
            a.id, a.lines, a.capacity, a.chars
        );
        for step in &a.copyfit {
            let _ = write!(out, " | copyfit {step}");
        }
        for cure in &a.widow_repairs {
            let _ = write!(out, " | 孤行 cured: {cure}");
        }
        if a.lone_chars + a.widows > 0 {
            let _ = write!(out, " | left: 孤字 {} 孤行 {}", a.lone_chars, a.widows);
        }
        if let Some(i) = &a.instruction {
            let _ = write!(out, " | {i}");
        }
        out.push('\n');
    }
    for h in holes {
        let _ = writeln!(out, "hole {h}");
    }
    out
}
