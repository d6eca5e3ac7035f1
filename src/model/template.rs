//! Page templates (`layouts/*.toml`): trim size, margins, the column grid counted in body
//! characters, the body style and named styles, and the fonts they use.

use super::fit::{self, FitRules, RawFit};
use super::fontfile::{FontFile, RawFontFile};
use super::grid::{self, Grid, PT_PER_MM, RawGrid, RawPage, hao_to_pt};
use super::house::Jumps;
use super::lang::{self, Lang};
use super::markup::ParaKind;
use super::print::{self, Cmyk, PrintSettings, RawColor, RawPrint};
use super::rules::{Align, Kinsoku, KinsokuLevel, PunctStyle, PushStrategy};
use super::tomlfile;
use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

/// A page template, resolved to points and validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// The file it came from.
    pub path: PathBuf,
    /// Its text as read, where diagnostics about its values point.
    pub source: std::sync::Arc<str>,
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
    /// Font files (and faces) by name.
    pub fonts: BTreeMap<String, FontFile>,
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
    /// How far copyfit may go (`[fit]`).
    pub fit: FitRules,
}

impl Style {
    /// The style at another size, its line pitch scaled alike (copyfit's smaller 主题).
    pub fn resized(&self, size: f32) -> Style {
        Style {
            size,
            pitch: self.pitch * size / self.size,
            ..self.clone()
        }
    }
}

impl Template {
    /// The style of a continuation's short headline: 续题 if the template has it, else 副题.
    pub fn continued_style(&self) -> &'static str {
        if self.styles.contains_key("续题") {
            "续题"
        } else {
            "副题"
        }
    }

    /// The style of headline part `name` for an article in `lang`, its 主题 at `title_size`
    /// if copyfit chose one.
    pub fn part_style(&self, name: &str, title_size: Option<f32>, lang: Lang) -> Result<Style> {
        let style = self.style(name)?;
        let style = match (name, title_size) {
            ("主题", Some(s)) => style.resized(s),
            _ => style.clone(),
        };
        Ok(self.in_lang(style, lang))
    }

    /// `style` for text in `lang`: a Traditional article's fonts replaced by their `-hant`
    /// forms where the template has them (`serif` → `serif-hant`).
    pub fn in_lang(&self, mut style: Style, lang: Lang) -> Style {
        if lang == Lang::Hant {
            for name in &mut style.fonts {
                let hant = lang::hant_font(name);
                if self.fonts.contains_key(&hant) {
                    *name = hant;
                }
            }
        }
        style
    }

    /// Whether a Traditional article in `style` keeps a mainland face: a font of the style
    /// has no `-hant` form in the template.
    pub fn lacks_hant<'s>(&self, style: &'s Style) -> Option<&'s str> {
        let first = style.fonts.first()?;
        let hant = lang::hant_font(first);
        (!self.fonts.contains_key(&hant) && !first.ends_with("-hant")).then_some(first.as_str())
    }

    /// The style a body paragraph of `kind` is set in: the template's 小标题, 署名 or 编者按
    /// when it has one, else the body's size with the fonts of 主题 (黑体: a cross-head) or
    /// 电头 (楷体: the byline and the editor's note).
    pub fn paragraph_style(&self, kind: ParaKind) -> Style {
        let Some(name) = kind.style() else {
            return self.body.clone();
        };
        if let Some(s) = self.styles.get(name) {
            return s.clone();
        }
        let (like, align) = match kind {
            ParaKind::CrossHead => ("主题", Align::Left),
            ParaKind::Byline => ("电头", Align::Right),
            _ => ("电头", Align::Justify),
        };
        self.body_sized(name, like, align)
    }

    /// The style of emphasis (`**…**`) in body text: the template's 强调, else the 主题's
    /// fonts (黑体) at body size.
    pub fn emphasis_style(&self) -> Style {
        match self.styles.get("强调") {
            Some(s) => s.clone(),
            None => self.body_sized("强调", "主题", Align::Justify),
        }
    }

    /// A style `name` at the body's size and pitch in the fonts of style `like` (the body's
    /// when the template has no `like`).
    fn body_sized(&self, name: &str, like: &str, align: Align) -> Style {
        let fonts = self.styles.get(like).map_or(&self.body.fonts, |s| &s.fonts);
        Style {
            name: name.to_string(),
            fonts: fonts.clone(),
            align,
            fill: None,
            ..self.body.clone()
        }
    }

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
    fonts: BTreeMap<String, RawFontFile>,
    /// Fonts tried after every style's own chain (补字 fonts for rare characters).
    #[serde(default)]
    fallback: Vec<String>,
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
    #[serde(default)]
    fit: RawFit,
}

fn default_indent() -> u32 {
    2
}

/// CLREQ: about ¼ em between Han and Latin letters or digits.
fn default_han_latin() -> f32 {
    0.25
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
pub(super) fn load(sources: &super::Sources, path: &Path) -> Result<Template> {
    let text = sources.read_text(path)?;
    let raw: RawTemplate = tomlfile::parse(path, &text)?;
    let mut t = resolve(path, raw).map_err(|e| e.placed(&text))?;
    t.source = text.into();
    Ok(t)
}

/// The key path of style `name`: `body`, or `styles.name`.
fn style_key(name: &str) -> String {
    match name {
        "body" => "body".to_string(),
        _ => format!("styles.{name}"),
    }
}

fn resolve(path: &Path, mut raw: RawTemplate) -> Result<Template> {
    let _ = raw.description;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut fonts = BTreeMap::new();
    for (k, v) in &raw.fonts {
        fonts.insert(k.clone(), v.resolve(dir, (k, path))?);
    }
    if let Some(bad) = raw.fallback.iter().find(|f| !fonts.contains_key(*f)) {
        return Err(Error::keyed(
            "fallback",
            path,
            format!("fallback: font '{bad}' is not in [fonts]"),
        ));
    }
    let print = print::resolve(path, raw.print.take(), &raw.colors)?;
    raw.jumps.check(path)?;
    let ctx = StyleContext {
        path,
        fonts: &fonts,
        fallback: &raw.fallback,
        print: &print,
    };
    let body = resolve_style(&ctx, "body", &raw.body, Align::Justify)?;
    let mut styles = BTreeMap::new();
    for (name, s) in &raw.styles {
        styles.insert(name.clone(), resolve_style(&ctx, name, s, Align::Center)?);
    }
    let grid = grid::resolve(path, (&raw.grid, &raw.page, raw.indent_chars), &body)?;
    check_jump_style(path, styles.get("转版"), grid.pitch)?;
    Ok(Template {
        path: path.to_path_buf(),
        source: "".into(),
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
        fit: fit::resolve(path, raw.fit)?,
    })
}

/// A jump line (转版) takes one body line of its frame: its size may not exceed the grid's
/// line pitch, or it would stand under the frame.
fn check_jump_style(path: &Path, style: Option<&Style>, pitch: f32) -> Result<()> {
    match style {
        Some(s) if s.size > pitch + 0.01 => Err(Error::keyed(
            "styles.转版.size",
            path,
            format!(
                "style '转版': size {} pt is more than the grid's line pitch of {pitch} pt, and a jump line takes one body line; give a size up to {pitch} pt",
                s.size
            ),
        )),
        _ => Ok(()),
    }
}

fn check_rule_width(path: &Path, w: f32) -> Result<f32> {
    if (0.0..=5.0).contains(&w) {
        Ok(w)
    } else {
        Err(Error::keyed(
            "article_rules",
            path,
            format!("article_rules = {w}: give a rule width from 0 (none) to 5 pt"),
        ))
    }
}

/// What resolving a style looks things up in.
struct StyleContext<'a> {
    path: &'a Path,
    fonts: &'a BTreeMap<String, FontFile>,
    fallback: &'a [String],
    print: &'a PrintSettings,
}

fn check_han_latin(path: &Path, em: f32) -> Result<f32> {
    if (0.0..=1.0).contains(&em) {
        Ok(em)
    } else {
        Err(Error::keyed(
            "han_latin_space",
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
            return Err(Error::keyed(
                format!("{}.size", style_key(name)),
                path,
                format!("style '{name}': size {pt} must be > 0 pt"),
            ));
        }
        RawSize::Hao(h) => hao_to_pt(h).ok_or_else(|| {
            Error::keyed(
                format!("{}.size", style_key(name)),
                path,
                format!("style '{name}': unknown size '{h}' (use points or a 号 such as 小五)"),
            )
        })?,
    };
    let mut chain = match &raw.font {
        RawFonts::One(f) => vec![f.clone()],
        RawFonts::Chain(v) => v.clone(),
    };
    if chain.is_empty() {
        return Err(Error::keyed(
            format!("{}.font", style_key(name)),
            path,
            format!("style '{name}': font list is empty"),
        ));
    }
    if let Some(bad) = chain.iter().find(|f| !fonts.contains_key(*f)) {
        let known: Vec<&str> = fonts.keys().map(String::as_str).collect();
        return Err(Error::keyed(
            format!("{}.font", style_key(name)),
            path,
            format!(
                "style '{name}': font '{bad}' is not in [fonts] (known: {})",
                known.join(", ")
            ),
        ));
    }
    for f in ctx.fallback {
        if !chain.contains(f) {
            chain.push(f.clone());
        }
    }
    let pitch = raw.line_pitch.unwrap_or(size * 1.25);
    if !(pitch >= size * 0.9 && pitch <= 2000.0) {
        return Err(Error::keyed(
            format!("{}.line_pitch", style_key(name)),
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
