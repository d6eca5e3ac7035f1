//! Page plans (`page.toml`): which template, which page, and for each article its headline box
//! and its frame chain on the grid; photos and text boxes.

use super::Date;
use super::block::{BlockPhoto, BlockPlan, Copyfit};
use super::repair::{RawRepairs, Repairs};
use super::template::Template;
use super::tomlfile;
use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// A rectangle on the grid: basic columns `cols[0]..=cols[1]` × body lines `lines[0]..=lines[1]`,
/// all 1-based as editors count them (第1栏, 第1行); or placed in millimetres (`mm`), which
/// then fills in the grid cells it covers.
#[derive(Debug, Clone, Copy, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GridRect {
    /// First and last basic column.
    #[serde(default, deserialize_with = "pair")]
    pub cols: [u32; 2],
    /// First and last body line.
    #[serde(default, deserialize_with = "pair")]
    pub lines: [u32; 2],
    /// Left, top, width, height in mm from the page's top-left corner, instead of `cols` and
    /// `lines`. The top snaps to the next grid line and the height to whole lines (text keeps
    /// the baseline grid); the width is cut to whole characters.
    #[serde(default)]
    pub mm: Option<[f32; 4]>,
    /// 破栏: set the span as this many equal columns instead of its basic columns (article
    /// frames only).
    #[serde(default)]
    pub split: Option<u32>,
}

impl GridRect {
    /// The rectangle of basic columns `cols` × grid lines `lines`, set as `split` columns if
    /// given.
    pub fn on(cols: [u32; 2], lines: [u32; 2], split: Option<u32>) -> Self {
        GridRect {
            cols,
            lines,
            mm: None,
            split,
        }
    }

    /// Number of body lines the rectangle holds.
    pub fn line_count(&self) -> u32 {
        self.lines[1] - self.lines[0] + 1
    }

    /// Whether two rectangles share any grid cell.
    pub fn overlaps(&self, o: &GridRect) -> bool {
        self.cols[0] <= o.cols[1]
            && o.cols[0] <= self.cols[1]
            && self.lines[0] <= o.lines[1]
            && o.lines[0] <= self.lines[1]
    }
}

impl std::fmt::Display for GridRect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some([x, y, w, h]) = self.mm {
            write!(f, "mm {x} {y} {w}×{h}")?;
        } else {
            write!(
                f,
                "cols {}–{} lines {}–{}",
                self.cols[0], self.cols[1], self.lines[0], self.lines[1]
            )?;
        }
        match self.split {
            Some(k) => write!(f, " split {k}"),
            None => Ok(()),
        }
    }
}

/// A `[first, last]` pair: exactly two numbers (a third would be dropped without a word by
/// serde's array, and the editor meant something by it).
pub(super) fn pair<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<[u32; 2], D::Error> {
    let v: Vec<u32> = Deserialize::deserialize(d)?;
    match v[..] {
        [a, b] => Ok([a, b]),
        _ => Err(serde::de::Error::custom(format!(
            "{} number{} where [first, last] takes 2; give the first and the last, e.g. [{}, {}]",
            v.len(),
            if v.len() == 1 { "" } else { "s" },
            v.first().copied().unwrap_or(1),
            v.last()
                .copied()
                .unwrap_or(1)
                .max(v.first().copied().unwrap_or(1)),
        ))),
    }
}

/// An optional `[first, last]` pair (see [`pair`]).
fn opt_pair<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<[u32; 2]>, D::Error> {
    pair(d).map(Some)
}

/// One article on the page.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticlePlan {
    /// Article id, used in reports.
    pub id: String,
    /// Article text file, relative to the plan.
    pub file: PathBuf,
    /// Where the headline block (引题/主题/副题) goes; none for an article without one.
    pub headline: Option<GridRect>,
    /// The frame chain: text runs through these in order (filled in by the layout stage for
    /// an article in blocks).
    #[serde(default)]
    pub frames: Vec<GridRect>,
    /// The article's block, instead of a headline box and frames: its headline across the top,
    /// its text under it over its columns.
    pub block: Option<BlockPlan>,
    /// An article in several blocks, in reading order (an L-shape, a continued column).
    #[serde(default)]
    pub blocks: Vec<BlockPlan>,
    /// A photo inside its first block, the body flowing beside and under it.
    pub photo: Option<BlockPhoto>,
    /// What copyfit decided for it (the layout stage's, for an article in blocks).
    #[serde(skip)]
    pub copyfit: Copyfit,
    /// Shorten the frames so the text ends on the same line in each (instead of filling the
    /// first frames and leaving the last one short).
    #[serde(default)]
    pub balance: bool,
    /// Set the article in a ruled box (加框): headline and frames inside, text inset by ½
    /// character; no 栏线 is drawn against it.
    #[serde(default)]
    pub boxed: bool,
    /// The 主题's size (points or a 号 such as 小二) instead of its style's: the lead's headline
    /// set larger than the others'.
    pub headline_size: Option<super::fit::PointSize>,
    /// 竖题: set the headline vertically in its box (a narrow box beside the text), read
    /// from the right — 引题, 主题, 副题 — with the fonts' vertical forms.
    #[serde(default)]
    pub headline_vertical: bool,
    /// 左上题 / 右上题: the basic columns of the first block its headline spans, when not all
    /// of them; the columns outside start their text at the block's top, so two blocks side
    /// by side keep their headlines apart (no 撞题).
    #[serde(default, deserialize_with = "opt_pair")]
    pub headline_cols: Option<[u32; 2]>,
    /// `"zh-Hans"` or `"zh-Hant"`: the written form, when not told from the text.
    pub lang: Option<super::lang::Lang>,
}

/// A photo frame with an optional caption set at its foot.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhotoPlan {
    /// Photo id.
    pub id: String,
    /// The frame the photo and its caption share (filled in by the layout stage for a photo
    /// in a block).
    #[serde(default)]
    pub frame: GridRect,
    /// The photo's block, instead of a frame: `lines` high, or (with an image) as high as its
    /// aspect ratio and caption need.
    pub block: Option<BlockPlan>,
    /// Caption text file, relative to the plan.
    pub caption: Option<PathBuf>,
    /// The article the photo belongs to: no rule (栏线) is drawn between them.
    pub article: Option<String>,
    /// The photo (JPEG or PNG), relative to the plan; without it a placeholder is drawn.
    pub image: Option<PathBuf>,
    /// How the photo fills its frame: cropped to fill it (the default) or fitted whole.
    #[serde(default)]
    pub fit: Fit,
    /// No image on purpose: the frame is left blank on the plate (a photo stripped in at the
    /// print shop, a late picture). A proof draws the placeholder in its proof layer; a print
    /// file refuses a photo without an image unless this is set.
    #[serde(default)]
    pub empty: bool,
    /// It is an article's block photo (`photo = {..}`): the layout stage places it.
    #[serde(skip)]
    pub in_block: bool,
}

/// How a photo is scaled into its frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Fit {
    /// Scaled to cover the frame, the overflow cropped (newspaper practice).
    #[default]
    Fill,
    /// Scaled to show the whole photo, centred, with white around it.
    Fit,
}

/// A framed text box (a slogan, a notice).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoxPlan {
    /// Box id.
    pub id: String,
    /// The text, set centred.
    #[serde(deserialize_with = "super::plain::de_text")]
    pub text: String,
    /// Style name from the template.
    pub style: String,
    /// Where the box goes (filled in by the layout stage for a box in a block).
    #[serde(default)]
    pub frame: GridRect,
    /// The box's block, instead of a frame: `lines` high, or as high as its text needs.
    pub block: Option<BlockPlan>,
}

/// A page plan, with paths resolved relative to the plan file.
#[derive(Debug, Clone, PartialEq)]
pub struct PagePlan {
    /// The plan file.
    pub path: PathBuf,
    /// The template file.
    pub template_path: PathBuf,
    /// Page number (版次).
    pub page: u32,
    /// Edition date, `YYYY-MM-DD`; also the PDF's creation date. From the plan, or when the
    /// plan has none from `SOURCE_DATE_EPOCH` (reproducible builds), never from the clock.
    pub date: Date,
    /// The pasted-text repairs run on its texts (`normalize`; all on by default).
    pub repairs: Repairs,
    /// The encoding of its article and caption files, when the plan declares one (else
    /// UTF-8, or GB18030 when the bytes are not UTF-8).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Articles in reading order.
    pub articles: Vec<ArticlePlan>,
    /// Photos.
    pub photos: Vec<PhotoPlan>,
    /// Text boxes.
    pub boxes: Vec<BoxPlan>,
    /// Continuations of articles that start on another page of the edition.
    pub continued: Vec<ContinuedPlan>,
    /// The page's name (版名), shown in the running head.
    pub name: Option<String>,
    /// The page editor (责任编辑), shown in the running head.
    pub editor: Option<String>,
    /// The paper's name, for a page built alone (an edition file gives it otherwise).
    pub paper: Option<String>,
    /// The masthead (报头) block of a front page.
    pub masthead: Option<GridRect>,
    /// The plan's text, where its diagnostics point.
    pub source: std::sync::Arc<str>,
}

/// A rectangle of a plan and what holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedRect {
    /// Whose cells these are: the article (its headline, frames and photos), box or photo id,
    /// or `masthead` — rules between articles are drawn where this changes.
    pub owner: String,
    /// How errors name it: `article 'x' frame 2`, `photo 'p'`, …
    pub what: String,
    /// A frame of an article's chain (the only place text flows, and `split` is allowed).
    pub frame: bool,
    /// The rectangle.
    pub rect: GridRect,
    /// Where the plan gives it: a dotted key path (`article.0.frames.1`).
    pub key: String,
}

impl PagePlan {
    /// An input error at dotted `key` of the plan (`article.2.frames.0.cols`), placed on that
    /// value in the plan's text.
    pub(crate) fn error_at(&self, key: &str, message: impl Into<String>) -> Error {
        tomlfile::error_at(&self.path, &self.source, key, message)
    }

    /// The key path of what has id `id` in the plan: an article (`article.3`), its
    /// continuation on this page (`continued.0`), its block photo (`article.3.photo`), a photo
    /// (`photo.1`) or a box (`box.0`); empty when none has it.
    pub(crate) fn key_of(&self, id: &str) -> String {
        let at = |i: Option<usize>, table: &str| i.map(|i| format!("{table}.{i}"));
        let article = |id: &str| at(self.articles.iter().position(|a| a.id == id), "article");
        let block_photo = (self.photos.iter().find(|p| p.id == id && p.in_block))
            .and_then(|p| p.article.as_deref())
            .and_then(|a| article(a).map(|k| format!("{k}.photo")));
        (article(id).or(block_photo))
            .or_else(|| {
                at(
                    self.continued.iter().position(|c| c.article == id),
                    "continued",
                )
            })
            .or_else(|| at(self.photos.iter().position(|p| p.id == id), "photo"))
            .or_else(|| at(self.boxes.iter().position(|b| b.id == id), "box"))
            .unwrap_or_default()
    }

    /// Every rectangle of the plan with its owner, in plan order.
    pub(crate) fn rects(&self) -> Vec<PlacedRect> {
        let mut out = Vec::new();
        let mut add = |owner: &str, what: String, frame: bool, rect: GridRect, key: String| {
            out.push(PlacedRect {
                owner: owner.to_string(),
                what,
                frame,
                rect,
                key,
            })
        };
        let chains = (self.articles.iter().enumerate())
            .map(|(i, a)| (&a.id, a.headline, &a.frames, ("", format!("article.{i}"))))
            .chain((self.continued.iter().enumerate()).map(|(i, c)| {
                let kind = ("continued ", format!("continued.{i}"));
                (&c.article, c.headline, &c.frames, kind)
            }));
        for (id, headline, frames, (kind, key)) in chains {
            if let Some(h) = headline {
                let what = format!("{kind}article '{id}' headline");
                add(id, what, false, h, format!("{key}.headline"));
            }
            for (i, f) in frames.iter().enumerate() {
                let what = format!("{kind}article '{id}' frame {}", i + 1);
                add(id, what, true, *f, format!("{key}.frames.{i}"));
            }
        }
        if let Some(m) = self.masthead {
            add(
                "masthead",
                "the masthead".into(),
                false,
                m,
                "masthead".into(),
            );
        }
        for (i, p) in self.photos.iter().enumerate() {
            if p.frame != GridRect::default() {
                let owner = p.article.as_deref().unwrap_or(&p.id);
                let what = format!("photo '{}'", p.id);
                add(owner, what, false, p.frame, format!("photo.{i}.frame"));
            }
        }
        for (i, b) in self.boxes.iter().enumerate() {
            if b.frame != GridRect::default() {
                let what = format!("box '{}'", b.id);
                add(&b.id, what, false, b.frame, format!("box.{i}.frame"));
            }
        }
        out
    }

    /// The blocks of the plan with their owners, in plan order: `(id, index in the owner's
    /// blocks, block)`.
    pub fn blocks(&self) -> Vec<(&str, usize, &BlockPlan)> {
        let mut out = Vec::new();
        for a in &self.articles {
            let all = a.block.iter().chain(&a.blocks);
            out.extend(all.enumerate().map(|(k, b)| (a.id.as_str(), k, b)));
        }
        for p in &self.photos {
            out.extend(p.block.iter().map(|b| (p.id.as_str(), 0, b)));
        }
        for b in &self.boxes {
            out.extend(b.block.iter().map(|bl| (b.id.as_str(), 0, bl)));
        }
        for c in &self.continued {
            let all = c.all_blocks().into_iter().enumerate();
            out.extend(all.map(|(k, b)| (c.article.as_str(), k, b)));
        }
        out
    }

    /// Every rectangle of the plan, to fill in (millimetre frames), with its key path and
    /// how errors name it.
    fn rects_mut(&mut self) -> Vec<(String, String, &mut GridRect)> {
        let mut rects = Vec::new();
        let chains = (self.articles.iter_mut().enumerate())
            .map(|(i, a)| (format!("article '{}'", a.id), format!("article.{i}"), a))
            .map(|(who, key, a)| (who, key, &mut a.headline, &mut a.frames));
        let continued = (self.continued.iter_mut().enumerate()).map(|(i, c)| {
            let who = format!("continued article '{}'", c.article);
            (
                who,
                format!("continued.{i}"),
                &mut c.headline,
                &mut c.frames,
            )
        });
        for (who, key, headline, frames) in chains.chain(continued) {
            if let Some(h) = headline.as_mut() {
                rects.push((format!("{key}.headline"), format!("{who} headline"), h));
            }
            for (j, f) in frames.iter_mut().enumerate() {
                let what = format!("{who} frame {}", j + 1);
                rects.push((format!("{key}.frames.{j}"), what, f));
            }
        }
        for (i, p) in self.photos.iter_mut().enumerate() {
            if p.block.is_none() && !p.in_block {
                let what = format!("photo '{}'", p.id);
                rects.push((format!("photo.{i}.frame"), what, &mut p.frame));
            }
        }
        for (i, b) in self.boxes.iter_mut().enumerate() {
            if b.block.is_none() {
                let what = format!("box '{}'", b.id);
                rects.push((format!("box.{i}.frame"), what, &mut b.frame));
            }
        }
        if let Some(m) = self.masthead.as_mut() {
            rects.push(("masthead".into(), "the masthead".into(), m));
        }
        rects
    }
}

/// Where an article from another page of the edition continues on this page.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContinuedPlan {
    /// The id of the article (defined on another page).
    pub article: String,
    /// A box for a short continuation headline (the article's 主题 unless `title` is given).
    pub headline: Option<GridRect>,
    /// The continuation headline's text, if not the article's 主题.
    #[serde(default, deserialize_with = "super::plain::de_opt_line")]
    pub title: Option<String>,
    /// The frames the text continues through, in order (filled in by the layout stage for a
    /// continuation in blocks).
    #[serde(default)]
    pub frames: Vec<GridRect>,
    /// The continuation's block, instead of a headline box and frames: the short headline at
    /// its top, the text under it. Its height is fixed (`lines` or `bottom`).
    pub block: Option<BlockPlan>,
    /// A continuation in several blocks, in reading order, each of fixed height.
    #[serde(default)]
    pub blocks: Vec<BlockPlan>,
}

impl ContinuedPlan {
    /// Its blocks in reading order (none when placed by hand).
    pub fn all_blocks(&self) -> Vec<&BlockPlan> {
        self.block.iter().chain(&self.blocks).collect()
    }
}

/// What an edition file fixes for each of its pages.
#[derive(Debug, Clone, Copy)]
pub(super) struct InEdition<'a> {
    /// Page number: the plan's place in the edition.
    pub page: u32,
    /// The edition date.
    pub date: Date,
    /// The edition file, named in errors.
    pub path: &'a Path,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    template: PathBuf,
    page: Option<u32>,
    date: Option<Date>,
    #[serde(default, deserialize_with = "super::plain::de_opt_line")]
    name: Option<String>,
    #[serde(default, deserialize_with = "super::plain::de_opt_line")]
    editor: Option<String>,
    #[serde(default, deserialize_with = "super::plain::de_opt_line")]
    paper: Option<String>,
    masthead: Option<GridRect>,
    #[serde(default)]
    continued: Vec<ContinuedPlan>,
    #[serde(default)]
    normalize: RawRepairs,
    encoding: Option<String>,
    #[serde(default, rename = "article")]
    articles: Vec<ArticlePlan>,
    #[serde(default, rename = "photo")]
    photos: Vec<PhotoPlan>,
    #[serde(default, rename = "box")]
    boxes: Vec<BoxPlan>,
}

/// Reads a plan from `text`, the content of `path`; paths in it become relative to the plan's
/// folder. In an edition, the page number and date come from the edition file and may not be
/// given in the plan.
pub(super) fn load_text(path: &Path, text: &str, edition: Option<InEdition>) -> Result<PagePlan> {
    let raw: RawPlan = tomlfile::parse(path, text)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let (page, date) = match edition {
        Some(e) => {
            if raw.page.is_some() || raw.date.is_some() {
                return Err(Error::invalid(
                    path,
                    format!(
                        "this page is part of the edition {}, which gives its page number (its place in the edition) and date; remove `page` and `date` from the plan",
                        e.path.display()
                    ),
                ));
            }
            (e.page, e.date)
        }
        None if raw.page == Some(0) => {
            return Err(tomlfile::error_at(
                path,
                text,
                "page",
                "page = 0: pages are counted from 1 (第1版 is the front page); give 1 or more",
            ));
        }
        None => (
            raw.page.unwrap_or(1),
            match raw.date {
                Some(d) => d,
                None => date_from_env(path)?,
            },
        ),
    };
    let mut plan = PagePlan {
        path: path.to_path_buf(),
        template_path: dir.join(&raw.template),
        page,
        date,
        repairs: raw.normalize.resolve(),
        encoding: text_encoding(path, raw.encoding.as_deref())?,
        articles: raw.articles,
        photos: raw.photos,
        boxes: raw.boxes,
        continued: raw.continued,
        name: raw.name,
        editor: raw.editor,
        paper: raw.paper,
        masthead: raw.masthead,
        source: text.into(),
    };
    for a in &mut plan.articles {
        a.file = dir.join(&a.file);
    }
    // An article's block photo is a photo of the page, placed by the layout stage.
    let block_photos: Vec<PhotoPlan> = (plan.articles.iter())
        .filter_map(|a| a.photo.as_ref().map(|ph| (a, ph)))
        .map(|(a, ph)| PhotoPlan {
            id: format!("{}.photo", a.id),
            frame: GridRect::default(),
            block: None,
            caption: ph.caption.clone(),
            article: Some(a.id.clone()),
            image: ph.image.clone(),
            fit: Fit::Fill,
            empty: ph.empty,
            in_block: true,
        })
        .collect();
    plan.photos.extend(block_photos);
    for p in &mut plan.photos {
        p.caption = p.caption.as_ref().map(|c| dir.join(c));
        p.image = p.image.as_ref().map(|c| dir.join(c));
    }
    Ok(plan)
}

/// The date of `SOURCE_DATE_EPOCH` (seconds since 1970, UTC), for a plan without `date`.
fn date_from_env(path: &Path) -> Result<Date> {
    let missing = || {
        Error::invalid(
            path,
            "no date: give date = \"YYYY-MM-DD\" (the edition date) or set SOURCE_DATE_EPOCH",
        )
    };
    let v = std::env::var("SOURCE_DATE_EPOCH").map_err(|_| missing())?;
    let secs: i64 = v.trim().parse().map_err(|_| {
        Error::invalid(
            path,
            format!("SOURCE_DATE_EPOCH = {v:?} is not a number of seconds since 1970"),
        )
    })?;
    let date = Date::from_unix_days(secs.div_euclid(86_400));
    // from_unix_days clamps to the years a PDF date can say; a clamped date is not the one asked.
    if date.unix_days() != secs.div_euclid(86_400) {
        return Err(Error::invalid(
            path,
            format!(
                "SOURCE_DATE_EPOCH = {v} is outside the years 1–9999; give seconds since 1970 of the edition's day"
            ),
        ));
    }
    Ok(date)
}

/// Fills in the grid cells of rectangles placed in millimetres, and refuses rectangles with
/// neither cells nor millimetres, or both; every such rectangle is reported, and its key
/// returned so the later checks pass over it.
pub(super) fn resolve_mm(plan: &mut PagePlan, t: &Template) -> (Vec<Error>, Vec<String>) {
    let (path, source) = (plan.path.clone(), plan.source.clone());
    let at = |key: &str, m: String| tomlfile::error_at(&path, &source, key, m);
    let (mut errors, mut bad) = (Vec::new(), Vec::new());
    for (key, what, r) in plan.rects_mut() {
        let (no_cols, no_lines) = (r.cols == [0, 0], r.lines == [0, 0]);
        let before = errors.len();
        match r.mm {
            Some(_) if !(no_cols && no_lines) => errors.push(at(
                &format!("{key}.mm"),
                format!("{what} gives both grid cells (cols, lines) and mm; give one of them: the grid cells, or mm = [left, top, width, height] alone"),
            )),
            Some(mm) => match mm_cells(t, mm) {
                Ok(cells) => (r.cols, r.lines) = cells,
                Err(m) => errors.push(at(&format!("{key}.mm"), format!("{what}: {m}"))),
            },
            None if no_cols || no_lines => {
                let missing = match (no_cols, no_lines) {
                    (true, true) => "cols and lines",
                    (true, false) => "cols",
                    _ => "lines",
                };
                errors.push(at(&key, format!("{what} has no {missing}; a frame needs cols = [first, last] and lines = [first, last], or mm = [left, top, width, height]")));
            }
            None => {}
        }
        if errors.len() > before {
            bad.push(key);
        }
    }
    (errors, bad)
}

/// The grid cells a millimetre rectangle covers: columns it touches, lines from the first
/// grid line at or below its top for as many whole lines as fit.
fn mm_cells(t: &Template, [x, y, w, h]: [f32; 4]) -> Result<([u32; 2], [u32; 2]), String> {
    let g = &t.grid;
    let pt = super::PT_PER_MM;
    let (x0, x1, y0, y1) = (x * pt, (x + w) * pt, y * pt, (y + h) * pt);
    let on_page = [x, y, w, h].iter().all(|v| v.is_finite() && *v >= 0.0)
        && x1 <= t.page_width + 0.01
        && y1 <= t.page_height + 0.01;
    if !on_page {
        return Err(format!(
            "mm = [{x}, {y}, {w}, {h}] reaches past the page ({:.0} × {:.0} mm); give a rectangle inside it, from its top-left corner",
            t.page_width / pt,
            t.page_height / pt
        ));
    }
    let col_w = g.column_chars as f32 * g.char_size;
    let cols: Vec<u32> = (1..=g.columns)
        .filter(|&c| g.column_x(c) < x1 - 0.01 && g.column_x(c) + col_w > x0 + 0.01)
        .collect();
    let first = (1..=g.lines).find(|&l| g.line_top(l) >= y0 - 0.01);
    let lines = first.map(|f| ((y1 - g.line_top(f)) / g.pitch + 1e-3).floor() as u32);
    match (cols.first(), cols.last(), first, lines) {
        (Some(&c0), Some(&c1), Some(l0), Some(n))
            if n >= 1 && l0 + n - 1 <= g.lines && w * pt >= g.char_size =>
        {
            Ok(([c0, c1], [l0, l0 + n - 1]))
        }
        _ => Err(format!(
            "mm = [{x}, {y}, {w}, {h}] is not on the type area of template '{}'; give a rectangle at least one character wide and one line high, inside the grid's {} lines",
            t.name, g.lines
        )),
    }
}

/// Checks every rectangle against the template's grid and against each other; every problem
/// is reported, each at its place in the plan.
pub(crate) fn validate(plan: &PagePlan, t: &Template) -> Result<()> {
    validate_except(plan, t, &[])
}

/// [`validate`], passing over the rectangles at keys `skip` (already reported).
pub(super) fn validate_except(plan: &PagePlan, t: &Template, skip: &[String]) -> Result<()> {
    let mut rects = plan.rects();
    rects.retain(|r| !skip.contains(&r.key));
    let mut errors: Vec<Error> = Vec::new();
    for r in &rects {
        match check_on_grid(plan, t, r) {
            Ok(()) => errors.extend(check_boxed_measure(plan, t, r).err()),
            Err(e) => errors.push(e),
        }
        errors.extend(check_split(plan, t, r).err());
    }
    let chains = (plan.articles.iter().enumerate())
        .map(|(i, a)| (&a.id, &a.frames, format!("article.{i}")))
        .chain(
            (plan.continued.iter().enumerate())
                .map(|(i, c)| (&c.article, &c.frames, format!("continued.{i}"))),
        );
    for (id, frames, key) in chains {
        for (i, f) in frames.iter().enumerate() {
            if let Some(j) = frames[i + 1..].iter().position(|g| f.overlaps(g)) {
                errors.push(plan.error_at(
                    &format!("{key}.frames.{}", i + j + 1),
                    format!(
                        "article '{id}': its chain visits {f} twice (frames {} and {} share grid cells); a chain passes through each frame once",
                        i + 1,
                        i + j + 2
                    ),
                ));
            }
        }
    }
    for (i, a) in rects.iter().enumerate() {
        for b in rects[i + 1..].iter().filter(|b| a.rect.overlaps(&b.rect)) {
            if a.owner == b.owner && a.frame && b.frame {
                continue; // a chain's own frames: reported above
            }
            let (wa, ra, wb, rb) = (&a.what, &a.rect, &b.what, &b.rect);
            errors.push(plan.error_at(
                &b.key,
                format!("{wb} ({rb}) overlaps {wa} ({ra}); move one of them so no grid cell is used twice"),
            ));
        }
    }
    errors.extend(check_ids(plan));
    errors.extend(check_owners(plan, t));
    Error::all(errors)
}

/// What each article, photo and box names: an article its frames or blocks, a photo an
/// article of the page, a box a style of the template.
fn check_owners(plan: &PagePlan, t: &Template) -> Vec<Error> {
    let mut errors = Vec::new();
    for (i, p) in plan.photos.iter().enumerate() {
        let known = |id: &str| plan.articles.iter().any(|a| a.id == id);
        if let Some(a) = p.article.as_deref().filter(|a| !p.in_block && !known(a)) {
            errors.push(plan.error_at(
                &format!("photo.{i}.article"),
                format!(
                    "photo '{}': article = \"{a}\" names no article of this page; give the id of the article it belongs to, or remove article",
                    p.id
                ),
            ));
        }
        if p.empty && p.image.is_some() {
            errors.push(plan.error_at(
                &plan.key_of(&p.id),
                format!(
                    "photo '{}' has an image and empty = true; remove one (empty = true leaves the frame blank on the plate)",
                    p.id
                ),
            ));
        }
    }
    for (i, a) in plan.articles.iter().enumerate() {
        if a.frames.is_empty() && a.block.is_none() && a.blocks.is_empty() {
            errors.push(plan.error_at(
                &format!("article.{i}.id"),
                format!(
                    "article '{}' has no frames; give it block = {{ cols = [..], top = .. }} or frames = [...]",
                    a.id
                ),
            ));
        }
    }
    for (i, b) in plan.boxes.iter().enumerate() {
        if t.style(&b.style).is_err() {
            errors.push(plan.error_at(
                &format!("box.{i}.style"),
                format!(
                    "box '{}': style '{}' is not in template {}; give one of its [styles]",
                    b.id,
                    b.style,
                    t.path.display()
                ),
            ));
        }
    }
    errors
}

/// Ids of articles, photos and boxes are unique: each id used again is an error at its use.
fn check_ids(plan: &PagePlan) -> Vec<Error> {
    let ids = (plan.articles.iter().enumerate())
        .map(|(i, a)| (a.id.as_str(), format!("article.{i}.id")))
        .chain(
            (plan.photos.iter().enumerate()).map(|(i, p)| (p.id.as_str(), format!("photo.{i}.id"))),
        )
        .chain(
            (plan.boxes.iter().enumerate()).map(|(i, b)| (b.id.as_str(), format!("box.{i}.id"))),
        );
    let mut seen: Vec<&str> = Vec::new();
    let mut errors = Vec::new();
    for (id, key) in ids {
        if seen.contains(&id) {
            errors
                .push(plan.error_at(&key, format!("id '{id}' is used twice; ids must be unique")));
        }
        seen.push(id);
    }
    errors
}

/// 破栏 only on article frames, into at least 2 columns whose width comes out whole (or with the
/// leftover given to the gutters, if the template says so).
fn check_split(plan: &PagePlan, t: &Template, placed: &PlacedRect) -> Result<()> {
    let (owner, r) = (&placed.what, &placed.rect);
    let Some(k) = r.split else { return Ok(()) };
    let at = |m: String| Err(plan.error_at(&format!("{}.split", placed.key), m));
    if r.mm.is_some() {
        return at(format!(
            "{owner} ({r}): split works on basic columns; give the frame as cols and lines"
        ));
    }
    if !placed.frame {
        return at(format!(
            "{owner} ({r}): split is for article frames only; remove it"
        ));
    }
    match t.grid.split(r.cols[0], r.cols[1], k) {
        Ok(_) => Ok(()),
        Err(why) => at(format!("{owner} ({r}) split = {k}: {why}")),
    }
}

/// A boxed (加框) article keeps ½ character from its rule on each side: each of its frames
/// (or each column of a 破栏 frame) must be 2 characters wide or more to leave a measure.
fn check_boxed_measure(plan: &PagePlan, t: &Template, placed: &PlacedRect) -> Result<()> {
    let boxed = plan
        .articles
        .iter()
        .any(|a| a.id == placed.owner && a.boxed);
    if !(boxed && placed.frame) {
        return Ok(());
    }
    let r = &placed.rect;
    let chars = match r.split {
        Some(k) => t.grid.split(r.cols[0], r.cols[1], k).map_or(0, |(w, _)| w),
        None => t.grid.span_chars(r.cols[0], r.cols[1]),
    };
    if chars == 0 || chars >= 2 {
        return Ok(()); // a split that does not come out is reported by check_split
    }
    Err(plan.error_at(
        &placed.key,
        format!(
            "{} is boxed (加框) and {chars} character wide, and the box keeps ½ character on each side, leaving no measure; give it 2 characters or more, or remove boxed",
            placed.what
        ),
    ))
}

/// A rectangle's columns and lines: counted from 1, first before last, on the grid.
fn check_on_grid(plan: &PagePlan, t: &Template, placed: &PlacedRect) -> Result<()> {
    let (g, r, what) = (&t.grid, &placed.rect, &placed.what);
    let key = |k: &str| match r.mm {
        Some(_) => format!("{}.mm", placed.key),
        None => format!("{}.{k}", placed.key),
    };
    for (k, [a, b], last, unit) in [
        ("cols", r.cols, g.columns, "columns"),
        ("lines", r.lines, g.lines, "lines"),
    ] {
        let problem = if a == 0 {
            format!("{what}: {k} = [{a}, {b}]: {unit} are counted from 1; give [1, {b}] or later")
        } else if a > b {
            format!(
                "{what}: {k} = [{a}, {b}] runs backwards (the first after the last); give [{b}, {a}]"
            )
        } else if b > last {
            format!(
                "{what}: {k} = [{a}, {b}] is off the page: template '{}' has {unit} 1–{last}; give {unit} within those",
                t.name
            )
        } else {
            continue;
        };
        return Err(plan.error_at(&key(k), problem));
    }
    Ok(())
}

/// The encoding a plan declares for its text files (`encoding = "gb18030"`, `"gbk"`,
/// `"utf-8"`, any WHATWG label), or an error naming the labels to use.
fn text_encoding(
    path: &Path,
    label: Option<&str>,
) -> Result<Option<&'static encoding_rs::Encoding>> {
    let Some(label) = label else {
        return Ok(None);
    };
    encoding_rs::Encoding::for_label(label.as_bytes())
        .map(Some)
        .ok_or_else(|| {
            Error::invalid(
                path,
                format!("encoding = \"{label}\" is not an encoding; give \"utf-8\", \"gb18030\" or \"gbk\""),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_is_symmetric_and_exclusive_of_neighbours() {
        let a = GridRect {
            cols: [1, 2],
            lines: [1, 10],
            split: None,
            mm: None,
        };
        let b = GridRect {
            cols: [3, 3],
            lines: [1, 10],
            split: None,
            mm: None,
        };
        let c = GridRect {
            cols: [2, 3],
            lines: [10, 12],
            split: Some(2),
            mm: None,
        };
        assert!(!a.overlaps(&b) && !b.overlaps(&a));
        assert!(a.overlaps(&c) && c.overlaps(&a));
        assert!(b.overlaps(&c));
    }
}
