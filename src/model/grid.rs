//! The grid and its arithmetic: units (mm, pt), 号 sizes, the type area's columns and baseline
//! grid, and the rectangle in points of any grid cells or millimetre frame.

use super::house::SplitRemainder;
use super::plan::GridRect;
use super::template::Style;
use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::Path;

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// Type sizes of the 号 system in points (newspaper.md, "Page sizes and grid").
const HAO: [(&str, f32); 16] = [
    ("初号", 42.0),
    ("小初", 36.0),
    ("一号", 26.0),
    ("小一", 24.0),
    ("二号", 22.0),
    ("小二", 18.0),
    ("三号", 16.0),
    ("小三", 15.0),
    ("四号", 14.0),
    ("小四", 12.0),
    ("五号", 10.5),
    ("小五", 9.0),
    ("六号", 7.875),
    ("小六", 6.875),
    ("七号", 5.25),
    ("八号", 4.5),
];

/// The size in points of a 号 name such as `小五`, if it is one.
pub fn hao_to_pt(name: &str) -> Option<f32> {
    HAO.iter().find(|(n, _)| *n == name).map(|(_, pt)| *pt)
}

/// The column grid of the type area (版心), all in points.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Number of basic columns (基本栏).
    pub columns: u32,
    /// Characters of body type per basic column.
    pub column_chars: u32,
    /// Characters of body type per gutter (栏空).
    pub gutter_chars: u32,
    /// Body size: the width of one grid character.
    pub char_size: f32,
    /// Baseline-to-baseline distance of body lines.
    pub pitch: f32,
    /// Number of body lines in a column.
    pub lines: u32,
    /// Left edge of the type area.
    pub left: f32,
    /// Top edge of the type area.
    pub top: f32,
    /// What a 破栏 split does with leftover characters.
    pub split_remainder: SplitRemainder,
}

impl Grid {
    /// Left edge of basic column `col` (1-based).
    pub fn column_x(&self, col: u32) -> f32 {
        self.left
            + (col - 1) as f32 * (self.column_chars + self.gutter_chars) as f32 * self.char_size
    }

    /// Width in characters of columns `first..=last` taken as one 长栏.
    /// A reversed range (refused by the plan's checks, which may still ask) counts as one.
    pub fn span_chars(&self, first: u32, last: u32) -> u32 {
        let n = (last + 1).saturating_sub(first).max(1);
        n * self.column_chars + (n - 1) * self.gutter_chars
    }

    /// Top of grid line `line` (1-based).
    pub fn line_top(&self, line: u32) -> f32 {
        self.top + (line - 1) as f32 * self.pitch
    }

    /// 破栏: columns `first..=last` re-split into `k` equal columns. Gives each new column's
    /// width in characters and the gutter between them in characters (widened by the
    /// leftover when the template allows), or why the split does not come out.
    pub fn split(&self, first: u32, last: u32, k: u32) -> Result<(u32, f32), String> {
        let span = self.span_chars(first, last);
        let gutters = k.saturating_sub(1) * self.gutter_chars;
        if k < 2 || span < gutters + k {
            return Err(format!(
                "a {span}-character span cannot be split into {k} columns; give 2 or more, and fewer than fit"
            ));
        }
        let text = span - gutters;
        let (w, rest) = (text / k, text % k);
        match (rest, self.split_remainder) {
            (0, _) => Ok((w, self.gutter_chars as f32)),
            (_, SplitRemainder::Gutter) => {
                Ok((w, self.gutter_chars as f32 + rest as f32 / (k - 1) as f32))
            }
            (_, SplitRemainder::Error) => Err(format!(
                "({span} − {} × {}) / {k} = {:.2} characters per column, not a whole number; \
                 split into another number of columns, or set [grid] split_remainder = \"gutter\" to widen the gutters",
                k - 1,
                self.gutter_chars,
                text as f32 / k as f32
            )),
        }
    }

    /// Width of the whole type area.
    pub fn width(&self) -> f32 {
        self.span_chars(1, self.columns) as f32 * self.char_size
    }
}

/// A rectangle in points: left, top, width, height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub top: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

impl Grid {
    /// The areas a frame sets text in: the frame itself, or its 破栏 columns left to right.
    pub fn frame_areas(&self, r: &GridRect) -> Vec<Area> {
        let a = self.area(r);
        let Some(k) = r.split else { return vec![a] };
        let Ok((chars, gutter)) = self.split(r.cols[0], r.cols[1], k) else {
            return vec![a]; // validated when the plan was read
        };
        let w = chars as f32 * self.char_size;
        let step = w + gutter * self.char_size;
        (0..k)
            .map(|i| Area {
                x: a.x + i as f32 * step,
                width: w,
                ..a
            })
            .collect()
    }

    /// The rectangle of grid cells `r` in points; a millimetre frame keeps its left edge and
    /// whole characters of its width (its lines were snapped to the grid when it was read).
    pub fn area(&self, r: &GridRect) -> Area {
        let (x, width) = match r.mm {
            // Whole characters, so justified lines keep an exact character grid.
            Some([x, _, w, _]) => (
                x * PT_PER_MM,
                (w * PT_PER_MM / self.char_size + 1e-3).floor() * self.char_size,
            ),
            None => (
                self.column_x(r.cols[0]),
                self.span_chars(r.cols[0], r.cols[1]) as f32 * self.char_size,
            ),
        };
        Area {
            x,
            top: self.line_top(r.lines[0]),
            width,
            height: r.line_count() as f32 * self.pitch,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPage {
    pub(super) width_mm: f32,
    pub(super) height_mm: f32,
    pub(super) margin_top_mm: f32,
    pub(super) margin_bottom_mm: f32,
    /// Absent: the type area is centred.
    pub(super) margin_left_mm: Option<f32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGrid {
    pub(super) columns: u32,
    /// Characters per basic column; or give `width_chars`, the whole type area.
    pub(super) column_chars: Option<u32>,
    pub(super) width_chars: Option<u32>,
    pub(super) gutter_chars: u32,
    #[serde(default)]
    pub(super) split_remainder: SplitRemainder,
}

/// Characters per basic column: given, or derived from the type-area width, which must then
/// divide into whole characters.
fn column_chars(path: &Path, g: &RawGrid) -> Result<u32> {
    match (g.column_chars, g.width_chars) {
        (Some(c), None) => Ok(c),
        (None, Some(w)) => {
            let gutters = g.columns.saturating_sub(1) * g.gutter_chars;
            let text = w.checked_sub(gutters).filter(|t| *t >= g.columns.max(1));
            match text {
                Some(t) if t % g.columns.max(1) == 0 => Ok(t / g.columns.max(1)),
                _ => Err(Error::keyed(
                    "grid.width_chars",
                    path,
                    format!(
                        "[grid]: width_chars = {w} with {} columns and {} gutters of {} characters gives ({w} − {gutters}) / {} = {:.2} characters per column, not a whole number; make width_chars {} or {}",
                        g.columns,
                        g.columns.saturating_sub(1),
                        g.gutter_chars,
                        g.columns,
                        (w as f32 - gutters as f32) / g.columns.max(1) as f32,
                        (w.saturating_sub(gutters) / g.columns.max(1)) * g.columns + gutters,
                        (w.saturating_sub(gutters) / g.columns.max(1) + 1) * g.columns + gutters,
                    ),
                )),
            }
        }
        _ => Err(Error::keyed(
            "grid",
            path,
            "[grid]: give either column_chars (per basic column) or width_chars (the whole type area), not both or neither",
        )),
    }
}

/// The grid of `[grid]` and `[page]` for a body of `body`'s size and pitch, checked: whole
/// columns, a type area on the page, room for the indent and at least one line.
pub(super) fn resolve(
    path: &Path,
    (g, p, indent_chars): (&RawGrid, &RawPage, u32),
    body: &Style,
) -> Result<Grid> {
    let column_chars = column_chars(path, g)?;
    if !(1..=64).contains(&g.columns) || !(1..=500).contains(&column_chars) || g.gutter_chars > 50 {
        return Err(Error::keyed(
            "grid",
            path,
            "[grid]: give columns 1–64, column_chars 1–500 and gutter_chars 0–50",
        ));
    }
    let all = g.columns * column_chars + (g.columns - 1) * g.gutter_chars;
    if indent_chars >= all {
        return Err(Error::keyed(
            "indent_chars",
            path,
            format!(
                "indent_chars = {} leaves no room on a {all}-character type area; use fewer",
                indent_chars
            ),
        ));
    }
    check_page(path, p)?;
    let (page_w, page_h) = (p.width_mm * PT_PER_MM, p.height_mm * PT_PER_MM);
    let chars = all;
    let width = chars as f32 * body.size;
    let left = match p.margin_left_mm {
        Some(mm) => mm * PT_PER_MM,
        None => (page_w - width) / 2.0,
    };
    if left < 0.0 || left + width > page_w + 0.01 {
        return Err(Error::keyed(
            "grid",
            path,
            format!(
                "[grid]: {} columns × {} + {} gutters × {} characters = {chars} characters × {} pt = {:.1} mm, \
                 wider than the page's {:.1} mm at a left margin of {:.1} mm; use fewer or narrower columns or a smaller body size",
                g.columns,
                column_chars,
                g.columns - 1,
                g.gutter_chars,
                body.size,
                width / PT_PER_MM,
                p.width_mm,
                left / PT_PER_MM
            ),
        ));
    }
    let top = p.margin_top_mm * PT_PER_MM;
    let height = page_h - top - p.margin_bottom_mm * PT_PER_MM;
    let lines = (height / body.pitch + 1e-3).floor();
    if lines < 1.0 {
        return Err(Error::keyed(
            "page",
            path,
            format!(
                "[page]: margins leave {:.1} mm, less than one body line",
                height / PT_PER_MM
            ),
        ));
    }
    Ok(Grid {
        columns: g.columns,
        column_chars,
        gutter_chars: g.gutter_chars,
        char_size: body.size,
        pitch: body.pitch,
        lines: lines as u32,
        left,
        top,
        split_remainder: g.split_remainder,
    })
}

/// `[page]`: sizes and margins are millimetres from 0 to 5000, the page not empty.
fn check_page(path: &Path, p: &RawPage) -> Result<()> {
    let mm = [
        Some(p.width_mm),
        Some(p.height_mm),
        Some(p.margin_top_mm),
        Some(p.margin_bottom_mm),
        p.margin_left_mm,
    ];
    if mm
        .iter()
        .flatten()
        .any(|v| !v.is_finite() || *v < 0.0 || *v > 5000.0)
        || p.width_mm == 0.0
        || p.height_mm == 0.0
    {
        return Err(Error::keyed(
            "page",
            path,
            "[page]: sizes and margins must be numbers of millimetres from 0 to 5000",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hao_sizes() {
        assert_eq!(hao_to_pt("小五"), Some(9.0));
        assert_eq!(hao_to_pt("五号"), Some(10.5));
        assert_eq!(hao_to_pt("大五"), None);
    }

    #[test]
    fn long_column_width_follows_grid_arithmetic() {
        let g = Grid {
            columns: 8,
            column_chars: 13,
            gutter_chars: 1,
            char_size: 9.0,
            pitch: 12.0,
            lines: 100,
            left: 0.0,
            top: 0.0,
            split_remainder: SplitRemainder::Error,
        };
        assert_eq!(g.span_chars(1, 2), 27);
        assert_eq!(g.span_chars(3, 5), 41);
        assert_eq!(g.column_x(2), 14.0 * 9.0);
        // 破栏: 3 columns over 2 basic columns: (27 − 2) / 3 is not whole…
        let e = g.split(1, 2, 3).unwrap_err();
        assert!(e.contains("(27 − 2 × 1) / 3 = 8.33"), "{e}");
        // …5 columns over 3 are: (41 − 4) / 5 is not either; 2 over 3 basic columns is 20.
        assert_eq!(g.split(1, 3, 2), Ok((20, 1.0)));
        let g = Grid {
            split_remainder: SplitRemainder::Gutter,
            ..g
        };
        // The leftover character goes to the gutters: (27 − 2) = 3 × 8 + 1.
        assert_eq!(g.split(1, 2, 3), Ok((8, 1.5)));
    }

    #[test]
    fn width_chars_must_divide_into_whole_columns() {
        let raw = |w| RawGrid {
            columns: 8,
            column_chars: None,
            width_chars: Some(w),
            gutter_chars: 1,
            split_remainder: SplitRemainder::Error,
        };
        assert_eq!(column_chars(Path::new("t.toml"), &raw(111)).unwrap(), 13);
        let e = column_chars(Path::new("t.toml"), &raw(110))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("(110 − 7) / 8 = 12.88") && e.contains("make width_chars 103 or 111"),
            "{e}"
        );
    }
}
