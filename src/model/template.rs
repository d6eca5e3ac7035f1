//! Page templates (`layouts/*.toml`): trim size, margins, the column grid counted in body
//! characters, the body style and named styles, and the fonts they use.

use super::house::{Jumps, SplitRemainder};
use super::print::{self, Cmyk, PrintSettings, RawColor, RawPrint};
use super::tomlfile;
use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

/// How strictly 避头尾 is applied (CLREQ #prohibition_rules_for_line_start_end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum KinsokuLevel {
    /// No line-start/-end rules (some Taiwan and Hong Kong papers); —— and …… still never split.
    None,
    /// Pause, stop and closing marks never start a line; opening marks never end one.
    #[default]
    Basic,
    /// Basic, and `/` never ends a line.
    Gb,
    /// GB, and —— / …… never start a line.
    Strict,
}

/// What to do when a forbidden break would happen (InDesign's KinsokuType).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum PushStrategy {
    /// Push in (compress punctuation) when compression allows, else push out.
    #[default]
    InFirst,
    /// Push out when an earlier break exists, else push in.
    OutFirst,
    /// Always push out.
    OutOnly,
}

/// The template's line-composition rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Kinsoku {
    /// Strictness level.
    pub level: KinsokuLevel,
    /// Newspaper relaxation (JLREQ): ？ and ！ may start a line on short measures.
    pub relax_question: bool,
    /// Push-in / push-out preference.
    pub push: PushStrategy,
    /// Punctuation width style.
    pub punctuation: PunctStyle,
    /// An opening bracket at a line start gives up its blank half.
    pub start_bracket_half: bool,
}

/// Punctuation width styles (CLREQ #punctuation_width_adjustment, GB/T 15834 §5.1.10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum PunctStyle {
    /// 全角: marks full width, adjacent marks compressed to 1.5 em; a line-end mark gives up its
    /// blank half only when the line needs it.
    #[default]
    Full,
    /// 开明: 。？！ full width, the other marks ½ em.
    Kaiming,
    /// 半角: all marks ½ em.
    Half,
    /// 行末半角: like 全角, but a mark at a line end is always ½ em.
    LineEndHalf,
}

/// Horizontal alignment of a non-justified block (headlines, slogans).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred (headlines).
    #[default]
    Center,
    /// Flush right.
    Right,
    /// Justified to the measure, last line flush left (body text, captions).
    Justify,
}

/// A resolved text style: font chain, size and line spacing.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    /// Style name as written in the template.
    pub name: String,
    /// Font names (keys of `[fonts]`) tried in order for each character.
    pub fonts: Vec<String>,
    /// Type size in points.
    pub size: f32,
    /// Line pitch in points (baseline to baseline).
    pub pitch: f32,
    /// Alignment of the style's lines.
    pub align: Align,
    /// Shading behind a box set in this style (a `[colors]` name in the template).
    pub fill: Option<Cmyk>,
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
    pub fn span_chars(&self, first: u32, last: u32) -> u32 {
        let n = last - first + 1;
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

/// A page template, resolved to points and validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// The file it came from.
    pub path: PathBuf,
    /// Template name.
    pub name: String,
    /// Trim width.
    pub page_width: f32,
    /// Trim height.
    pub page_height: f32,
    /// The column grid.
    pub grid: Grid,
    /// Body text style.
    pub body: Style,
    /// First-line indent of body paragraphs, in characters.
    pub indent_chars: u32,
    /// Space between Han and adjacent Latin letters or digits, in em.
    pub han_latin_space: f32,
    /// 避头尾 rules.
    pub kinsoku: Kinsoku,
    /// Font files by name.
    pub fonts: BTreeMap<String, PathBuf>,
    /// Named styles (主题, 副题, 引题, 电头, 图说, …).
    pub styles: BTreeMap<String, Style>,
    /// Bleed, marks, ink limit, output condition and colours.
    pub print: PrintSettings,
    /// Wording of jump lines (下转/上接).
    pub jumps: Jumps,
    /// Inner pages (those without a masthead) carry a running head (报眉).
    pub running_head: bool,
    /// Width in points of the rules between articles (栏线); 0 for none.
    pub article_rules: f32,
}

impl Template {
    /// The named style, or an error naming the template and the known styles.
    pub fn style(&self, name: &str) -> Result<&Style> {
        if name == "body" {
            return Ok(&self.body);
        }
        self.styles.get(name).ok_or_else(|| {
            let known: Vec<&str> = self.styles.keys().map(String::as_str).collect();
            Error::invalid(
                &self.path,
                format!(
                    "no style '{name}'; add [styles.\"{name}\"] (known: body, {})",
                    known.join(", ")
                ),
            )
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTemplate {
    name: String,
    #[serde(default)]
    description: String,
    page: RawPage,
    grid: RawGrid,
    body: RawStyle,
    #[serde(default = "default_indent")]
    indent_chars: u32,
    #[serde(default = "default_han_latin")]
    han_latin_space: f32,
    #[serde(default)]
    kinsoku: KinsokuLevel,
    #[serde(default)]
    kinsoku_relax_question: bool,
    #[serde(default)]
    push: PushStrategy,
    #[serde(default)]
    punctuation: PunctStyle,
    #[serde(default)]
    line_start_bracket_half: bool,
    fonts: BTreeMap<String, String>,
    #[serde(default)]
    styles: BTreeMap<String, RawStyle>,
    print: Option<RawPrint>,
    #[serde(default)]
    colors: BTreeMap<String, RawColor>,
    #[serde(default)]
    jumps: Jumps,
    #[serde(default)]
    running_head: bool,
    #[serde(default)]
    article_rules: f32,
}

fn default_indent() -> u32 {
    2
}

/// CLREQ: about ¼ em between Han and Latin letters or digits.
fn default_han_latin() -> f32 {
    0.25
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPage {
    width_mm: f32,
    height_mm: f32,
    margin_top_mm: f32,
    margin_bottom_mm: f32,
    /// Absent: the type area is centred.
    margin_left_mm: Option<f32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGrid {
    columns: u32,
    /// Characters per basic column; or give `width_chars`, the whole type area.
    column_chars: Option<u32>,
    width_chars: Option<u32>,
    gutter_chars: u32,
    #[serde(default)]
    split_remainder: SplitRemainder,
}

/// A size given as points or as a 号 name.
#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum RawSize {
    Pt(f32),
    Hao(String),
}

/// One font name or a fallback chain of names.
#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum RawFonts {
    One(String),
    Chain(Vec<String>),
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawStyle {
    font: RawFonts,
    size: RawSize,
    /// Baseline-to-baseline distance in points; default 1.25 × size.
    line_pitch: Option<f32>,
    #[serde(default)]
    align: Option<Align>,
    /// Box shading: a name from `[colors]`.
    fill: Option<String>,
}

/// Reads and resolves a template file.
pub(super) fn load(path: &Path) -> Result<Template> {
    let raw: RawTemplate = tomlfile::read(path)?;
    resolve(path, raw)
}

fn resolve(path: &Path, mut raw: RawTemplate) -> Result<Template> {
    let _ = raw.description;
    let dir = path.parent().unwrap_or(Path::new("."));
    let fonts: BTreeMap<String, PathBuf> = raw
        .fonts
        .iter()
        .map(|(k, v)| (k.clone(), dir.join(v)))
        .collect();
    let print = print::resolve(path, raw.print.take(), &raw.colors)?;
    raw.jumps.check(path)?;
    let ctx = StyleContext {
        path,
        fonts: &fonts,
        print: &print,
    };
    let body = resolve_style(&ctx, "body", &raw.body, Align::Justify)?;
    let mut styles = BTreeMap::new();
    for (name, s) in &raw.styles {
        styles.insert(name.clone(), resolve_style(&ctx, name, s, Align::Center)?);
    }
    let grid = resolve_grid(path, &raw, &body)?;
    Ok(Template {
        path: path.to_path_buf(),
        name: raw.name,
        page_width: raw.page.width_mm * PT_PER_MM,
        page_height: raw.page.height_mm * PT_PER_MM,
        grid,
        body,
        indent_chars: raw.indent_chars,
        han_latin_space: check_han_latin(path, raw.han_latin_space)?,
        kinsoku: Kinsoku {
            level: raw.kinsoku,
            relax_question: raw.kinsoku_relax_question,
            push: raw.push,
            punctuation: raw.punctuation,
            start_bracket_half: raw.line_start_bracket_half,
        },
        fonts,
        styles,
        print,
        jumps: raw.jumps,
        running_head: raw.running_head,
        article_rules: check_rule_width(path, raw.article_rules)?,
    })
}

fn check_rule_width(path: &Path, w: f32) -> Result<f32> {
    if (0.0..=5.0).contains(&w) {
        Ok(w)
    } else {
        Err(Error::invalid(
            path,
            format!("article_rules = {w}: give a rule width from 0 (none) to 5 pt"),
        ))
    }
}

/// What resolving a style looks things up in.
struct StyleContext<'a> {
    path: &'a Path,
    fonts: &'a BTreeMap<String, PathBuf>,
    print: &'a PrintSettings,
}

fn check_han_latin(path: &Path, em: f32) -> Result<f32> {
    if (0.0..=1.0).contains(&em) {
        Ok(em)
    } else {
        Err(Error::invalid(
            path,
            format!(
                "han_latin_space = {em}: give an em fraction from 0 to 1 (CLREQ suggests 0.25)"
            ),
        ))
    }
}

fn resolve_style(
    ctx: &StyleContext,
    name: &str,
    raw: &RawStyle,
    default_align: Align,
) -> Result<Style> {
    let (path, fonts) = (ctx.path, ctx.fonts);
    let size = match &raw.size {
        RawSize::Pt(pt) if pt.is_finite() && *pt > 0.0 && *pt <= 1000.0 => *pt,
        RawSize::Pt(pt) => {
            return Err(Error::invalid(
                path,
                format!("style '{name}': size {pt} must be > 0 pt"),
            ));
        }
        RawSize::Hao(h) => hao_to_pt(h).ok_or_else(|| {
            Error::invalid(
                path,
                format!("style '{name}': unknown size '{h}' (use points or a 号 such as 小五)"),
            )
        })?,
    };
    let chain = match &raw.font {
        RawFonts::One(f) => vec![f.clone()],
        RawFonts::Chain(v) => v.clone(),
    };
    if chain.is_empty() {
        return Err(Error::invalid(
            path,
            format!("style '{name}': font list is empty"),
        ));
    }
    if let Some(bad) = chain.iter().find(|f| !fonts.contains_key(*f)) {
        let known: Vec<&str> = fonts.keys().map(String::as_str).collect();
        return Err(Error::invalid(
            path,
            format!(
                "style '{name}': font '{bad}' is not in [fonts] (known: {})",
                known.join(", ")
            ),
        ));
    }
    let pitch = raw.line_pitch.unwrap_or(size * 1.25);
    if !(pitch >= size * 0.9 && pitch <= 2000.0) {
        return Err(Error::invalid(
            path,
            format!(
                "style '{name}': line_pitch {pitch} pt must be a number from 0.9 × the size ({size} pt) up"
            ),
        ));
    }
    Ok(Style {
        name: name.to_string(),
        fonts: chain,
        size,
        pitch,
        align: raw.align.unwrap_or(default_align),
        fill: raw
            .fill
            .as_deref()
            .map(|f| ctx.print.color(path, &format!("style '{name}'"), f))
            .transpose()?,
    })
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
                _ => Err(Error::invalid(
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
        _ => Err(Error::invalid(
            path,
            "[grid]: give either column_chars (per basic column) or width_chars (the whole type area), not both or neither",
        )),
    }
}

fn resolve_grid(path: &Path, raw: &RawTemplate, body: &Style) -> Result<Grid> {
    let g = &raw.grid;
    let column_chars = column_chars(path, g)?;
    if !(1..=64).contains(&g.columns) || !(1..=500).contains(&column_chars) || g.gutter_chars > 50 {
        return Err(Error::invalid(
            path,
            "[grid]: give columns 1–64, column_chars 1–500 and gutter_chars 0–50",
        ));
    }
    let all = g.columns * column_chars + (g.columns - 1) * g.gutter_chars;
    if raw.indent_chars >= all {
        return Err(Error::invalid(
            path,
            format!(
                "indent_chars = {} leaves no room on a {all}-character type area; use fewer",
                raw.indent_chars
            ),
        ));
    }
    let p = &raw.page;
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
        return Err(Error::invalid(
            path,
            "[page]: sizes and margins must be numbers of millimetres from 0 to 5000",
        ));
    }
    let (page_w, page_h) = (p.width_mm * PT_PER_MM, p.height_mm * PT_PER_MM);
    let chars = all;
    let width = chars as f32 * body.size;
    let left = match p.margin_left_mm {
        Some(mm) => mm * PT_PER_MM,
        None => (page_w - width) / 2.0,
    };
    if left < 0.0 || left + width > page_w + 0.01 {
        return Err(Error::invalid(
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
        return Err(Error::invalid(
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
