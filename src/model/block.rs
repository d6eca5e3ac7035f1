//! Blocks (版块): the elastic alternative to hand-placed frames. A block is whole basic columns
//! with a top (a grid line, or under other blocks) and a height (fixed, to a line or the foot,
//! or `auto`: what its headline and text need). The `layout` stage turns blocks into the grid
//! rectangles the page is made up of; this module only reads and checks them.

use super::plan::{ArticlePlan, GridRect, PagePlan};
use super::template::Template;
use crate::error::{Error, Result};
use serde::Deserialize;
use serde::de::{self, Deserializer};

/// One block of a plan, as written: `{ cols = [5, 6], top = 1 }`,
/// `{ cols = [5, 6], below = "zhuma", lines = 30 }`, `{ cols = [1, 4], bottom = "foot" }`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockPlan {
    /// First and last basic column, 1-based.
    #[serde(deserialize_with = "super::plan::pair")]
    pub cols: [u32; 2],
    /// The grid line the block starts on (1-based).
    pub top: Option<u32>,
    /// The blocks it starts under: the line after the lowest of these ids' blocks over its
    /// columns ends.
    #[serde(default, deserialize_with = "one_or_many")]
    pub below: Vec<String>,
    /// Its height in lines, or `auto` (the default: what the content needs).
    #[serde(default)]
    pub lines: Height,
    /// The last line it reaches: a grid line, or `foot` (the foot of the type area).
    pub bottom: Option<Bottom>,
    /// 破栏: set the body as this many equal columns instead of its basic columns.
    pub split: Option<u32>,
}

/// A photo inside an article's block: `cols` columns at one side of the body's top, its height
/// from the image's aspect ratio (or `lines`), its caption under it; the body flows beside it
/// and under it (图文互斥 on the grid).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockPhoto {
    /// The photo (JPEG or PNG), relative to the plan; without it a placeholder is drawn.
    pub image: Option<std::path::PathBuf>,
    /// Caption text file, relative to the plan.
    pub caption: Option<std::path::PathBuf>,
    /// No image on purpose: the frame is left blank on the plate (a photo stripped in at the
    /// print shop, a late picture). A proof draws the placeholder in its proof layer; a print
    /// file refuses a photo without an image unless this is set.
    #[serde(default)]
    pub empty: bool,
    /// Basic columns it spans.
    pub cols: u32,
    /// The side of the block it stands at.
    #[serde(default)]
    pub side: Side,
    /// Its height in lines with its caption, or `auto` (from the image's aspect ratio).
    #[serde(default)]
    pub lines: Height,
}

/// A side of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The left side.
    Left,
    /// The right side.
    #[default]
    Right,
}

/// How tall a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Height {
    /// The least whole lines that hold its content.
    #[default]
    Auto,
    /// This many lines; the content is fitted to them (copyfit).
    Lines(u32),
}

/// The last line of a block that reaches down to a fixed line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bottom {
    /// This grid line (1-based).
    Line(u32),
    /// The foot of the type area.
    Foot,
}

/// Where a block starts, as the plan says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Top<'a> {
    /// On this grid line.
    Line(u32),
    /// Under these ids' blocks.
    Below(&'a [String]),
    /// Directly under the article's previous block (the next block of an L-shape).
    Previous,
}

impl BlockPlan {
    /// Where the block starts.
    pub fn start(&self) -> Top<'_> {
        match (self.top, self.below.is_empty()) {
            (Some(l), _) => Top::Line(l),
            (None, false) => Top::Below(&self.below),
            (None, true) => Top::Previous,
        }
    }

    /// Whether its height is fixed by the plan (lines or bottom), not by its content.
    pub fn fixed(&self) -> bool {
        self.lines != Height::Auto || self.bottom.is_some()
    }

    /// The frames its body takes over grid lines `lines`: one per basic column, or one frame
    /// of `split` columns (破栏).
    pub fn body_frames(&self, lines: [u32; 2]) -> Vec<GridRect> {
        match self.split {
            Some(k) => vec![GridRect::on(self.cols, lines, Some(k))],
            None => (self.cols[0]..=self.cols[1])
                .map(|c| GridRect::on([c, c], lines, None))
                .collect(),
        }
    }

    /// Number of basic columns.
    pub fn width_cols(&self) -> u32 {
        self.cols[1] + 1 - self.cols[0]
    }

    /// The plan's words for where it is, for messages.
    pub fn describe(&self) -> String {
        let mut s = format!("cols [{}, {}]", self.cols[0], self.cols[1]);
        match self.start() {
            Top::Line(l) => s += &format!(", top {l}"),
            Top::Below(ids) => s += &format!(", below {}", ids.join(", ")),
            Top::Previous => {}
        }
        s
    }
}

/// Checks a plan's blocks where the plan alone can tell: each owner has a block or frames, not
/// both; every block is on the grid with one top and at most one height; `below` names ids of
/// the page; every block of an article but the last has a fixed height. (Cycles in `below`
/// are found when the blocks are placed.)
pub(super) fn check(plan: &PagePlan, t: &Template) -> Result<()> {
    let mut errors = Vec::new();
    for (i, a) in plan.articles.iter().enumerate() {
        errors.extend(check_article(plan, t, (i, a)).err());
    }
    errors.extend(check_continued(plan, t).err());
    let photos = (plan.photos.iter().enumerate())
        .map(|(i, p)| ("photo", &p.id, &p.block, p.frame, format!("photo.{i}")));
    let boxes = (plan.boxes.iter().enumerate())
        .map(|(i, b)| ("box", &b.id, &b.block, b.frame, format!("box.{i}")));
    for (kind, id, block, frame, key) in photos.chain(boxes) {
        let Some(b) = block else { continue };
        let problem = if frame != Default::default() {
            format!("{kind} '{id}': give frame or block, not both")
        } else if b.start() == Top::Previous {
            format!("{kind} '{id}': its block needs top = N or below = \"id\"")
        } else if b.split.is_some() {
            format!("{kind} '{id}': split is for article blocks only; remove it")
        } else {
            let who = format!("{kind} '{id}' block");
            errors.extend(check_one(plan, t, (&who, &format!("{key}.block")), b).err());
            continue;
        };
        errors.push(plan.error_at(&format!("{key}.block"), problem));
    }
    Error::all(errors)
}

/// One article's blocks (see [`check`]); `i` is its place in the plan.
fn check_article(plan: &PagePlan, t: &Template, (i, a): (usize, &ArticlePlan)) -> Result<()> {
    let err = |m: String| Err(plan.error_at(&format!("article.{i}"), m));
    {
        let blocks: Vec<&BlockPlan> = a.block.iter().chain(&a.blocks).collect();
        if blocks.is_empty() {
            if a.photo.is_some() {
                return err(format!(
                    "article '{}': photo = {{..}} goes with a block; place the photo with [[photo]] beside frames",
                    a.id
                ));
            }
            if a.headline_cols.is_some() {
                return err(format!(
                    "article '{}': headline_cols goes with a block; a hand-placed headline box gives its own cols",
                    a.id
                ));
            }
            return Ok(());
        }
        let id = &a.id;
        if a.block.is_some() && !a.blocks.is_empty() {
            return err(format!(
                "article '{id}': give block = {{..}} or blocks = [..], not both"
            ));
        }
        if !a.frames.is_empty() || a.headline.is_some() {
            return err(format!(
                "article '{id}': a block sets the headline at its top and the text under it; remove headline and frames (or the block)"
            ));
        }
        if a.headline_vertical {
            return err(format!(
                "article '{id}': a vertical headline (headline_vertical) needs its headline box placed by hand for now; give headline and frames instead of a block"
            ));
        }
        if let Some(k) = blocks[..blocks.len() - 1].iter().position(|b| !b.fixed()) {
            return err(format!(
                "article '{id}': block {} ({}) is followed by another, so its height must be fixed: give lines = N or bottom = N | \"foot\"",
                k + 1,
                blocks[k].describe()
            ));
        }
        check_headline_cols(plan, (i, a), blocks[0])?;
        if let Some(ph) = &a.photo {
            let width = blocks[0].width_cols();
            if ph.cols == 0 || ph.cols > width {
                return err(format!(
                    "article '{id}': its photo spans cols = {} of a first block {width} columns wide; give 1–{width}",
                    ph.cols
                ));
            }
        }
        if blocks[0].start() == Top::Previous {
            return err(format!(
                "article '{id}': its first block needs top = N or below = \"id\""
            ));
        }
        let mut errors = Vec::new();
        for (k, b) in blocks.iter().enumerate() {
            let key = match a.block {
                Some(_) => format!("article.{i}.block"),
                None => format!("article.{i}.blocks.{k}"),
            };
            let who = format!("article '{id}' block {}", k + 1);
            errors.extend(check_one(plan, t, (&who, &key), b).err());
        }
        Error::all(errors)
    }
}

/// `headline_cols`: inside the first block, which holds neither a photo nor a 破栏.
fn check_headline_cols(
    plan: &PagePlan,
    (i, a): (usize, &ArticlePlan),
    first: &BlockPlan,
) -> Result<()> {
    let Some(hc) = a.headline_cols else {
        return Ok(());
    };
    let key = format!("article.{i}.headline_cols");
    let err = |m: String| Err(plan.error_at(&key, format!("article '{}': {m}", a.id)));
    let [c0, c1] = first.cols;
    if !(c0 <= hc[0] && hc[0] <= hc[1] && hc[1] <= c1) {
        return err(format!(
            "headline_cols = [{}, {}] is not inside its first block (cols [{c0}, {c1}]); give columns {c0}–{c1}",
            hc[0], hc[1]
        ));
    }
    if a.photo.is_some() || first.split.is_some() {
        return err(
            "headline_cols does not go with a block photo or split in the first block; remove one"
                .into(),
        );
    }
    Ok(())
}

/// Continuations in blocks: no hand-placed headline or frames beside them, and fixed heights
/// (how much text continues is known only once the article's first page is set).
fn check_continued(plan: &PagePlan, t: &Template) -> Result<()> {
    for (i, c) in plan.continued.iter().enumerate() {
        let err = |m: String| Err(plan.error_at(&format!("continued.{i}"), m));
        let blocks = c.all_blocks();
        let id = &c.article;
        if blocks.is_empty() {
            continue;
        }
        if c.block.is_some() && !c.blocks.is_empty() {
            return err(format!(
                "continued article '{id}': give block = {{..}} or blocks = [..], not both"
            ));
        }
        if !c.frames.is_empty() || c.headline.is_some() {
            return err(format!(
                "continued article '{id}': a block sets the continuation's headline at its top; remove headline and frames (or the block)"
            ));
        }
        if let Some(k) = blocks.iter().position(|b| !b.fixed()) {
            return err(format!(
                "continued article '{id}': block {} ({}) needs a fixed height (lines = N or bottom = …): how much text continues is known only once the first page is set",
                k + 1,
                blocks[k].describe()
            ));
        }
        if blocks[0].start() == Top::Previous {
            return err(format!(
                "continued article '{id}': its first block needs top = N or below = \"id\""
            ));
        }
        for (k, b) in blocks.iter().enumerate() {
            let key = match c.block {
                Some(_) => format!("continued.{i}.block"),
                None => format!("continued.{i}.blocks.{k}"),
            };
            let who = format!("continued article '{id}' block {}", k + 1);
            check_one(plan, t, (&who, &key), b)?;
        }
    }
    Ok(())
}

/// One block: columns and lines on the grid, one way to give its top and its height, `below`
/// naming ids of this page, a valid 破栏.
fn check_one(plan: &PagePlan, t: &Template, (who, key): (&str, &str), b: &BlockPlan) -> Result<()> {
    let g = &t.grid;
    let err = |m: String| Err(plan.error_at(key, format!("{who}: {m}")));
    if b.cols[0] > b.cols[1] {
        let [c0, c1] = b.cols;
        return err(format!(
            "cols = [{c0}, {c1}] runs backwards (the first after the last); give [{c1}, {c0}]"
        ));
    }
    if !(b.cols[0] >= 1 && b.cols[0] <= b.cols[1] && b.cols[1] <= g.columns) {
        return err(format!(
            "cols = [{}, {}] is off the grid: template '{}' has columns 1–{}",
            b.cols[0], b.cols[1], t.name, g.columns
        ));
    }
    if b.top.is_some() && !b.below.is_empty() {
        return err("give top = N or below = \"id\", not both".into());
    }
    let line_ok = |l: u32| (1..=g.lines).contains(&l);
    if let Some(l) = b.top.filter(|&l| !line_ok(l)) {
        return err(format!("top = {l} is off the grid (lines 1–{})", g.lines));
    }
    match (b.lines, b.bottom) {
        (Height::Lines(_), Some(_)) => {
            return err("give lines = N or bottom = …, not both".into());
        }
        (Height::Lines(n), None) if n > g.lines => {
            return err(format!(
                "lines = {n} is more than the grid's {} lines",
                g.lines
            ));
        }
        (_, Some(Bottom::Line(l))) if !line_ok(l) => {
            return err(format!(
                "bottom = {l} is off the grid (lines 1–{})",
                g.lines
            ));
        }
        _ => {}
    }
    let ids = (plan.articles.iter().map(|a| &a.id))
        .chain(plan.continued.iter().map(|c| &c.article))
        .chain(plan.photos.iter().map(|p| &p.id))
        .chain(plan.boxes.iter().map(|b| &b.id));
    let known: Vec<&String> = ids.collect();
    // "id#k" names the k-th block of an article in several blocks.
    let id_of = |name: &String| {
        name.split_once('#')
            .map_or(name.clone(), |(id, _)| id.to_string())
    };
    if let Some(bad) = b.below.iter().find(|name| !known.contains(&&id_of(name))) {
        return err(format!(
            "below = \"{bad}\": no article, photo or box of this page has that id"
        ));
    }
    if let Some(k) = b.split {
        g.split(b.cols[0], b.cols[1], k).map_err(|why| {
            plan.error_at(&format!("{key}.split"), format!("{who} split = {k}: {why}"))
        })?;
    }
    Ok(())
}

fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Raw::deserialize(d)? {
        Raw::One(s) => vec![s],
        Raw::Many(v) => v,
    })
}

impl<'de> Deserialize<'de> for Height {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        match NumberOrWord::deserialize(d)? {
            NumberOrWord::Number(n) if n >= 1 => Ok(Height::Lines(n)),
            NumberOrWord::Word(w) if w == "auto" => Ok(Height::Auto),
            other => Err(de::Error::custom(format!(
                "lines = {other}: give a number of lines (1 or more) or \"auto\""
            ))),
        }
    }
}

impl<'de> Deserialize<'de> for Bottom {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        match NumberOrWord::deserialize(d)? {
            NumberOrWord::Number(n) if n >= 1 => Ok(Bottom::Line(n)),
            NumberOrWord::Word(w) if w == "foot" => Ok(Bottom::Foot),
            other => Err(de::Error::custom(format!(
                "bottom = {other}: give a grid line (1 or more) or \"foot\""
            ))),
        }
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum NumberOrWord {
    Number(u32),
    Word(String),
}

impl std::fmt::Display for NumberOrWord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NumberOrWord::Number(n) => write!(f, "{n}"),
            NumberOrWord::Word(w) => write!(f, "{w:?}"),
        }
    }
}

/// The copyfit decisions the layout stage took for one article, read by the page stage.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Copyfit {
    /// The punctuation style its body is set in, when copyfit changed it.
    pub punctuation: Option<super::PunctStyle>,
    /// The 主题 size in points, when copyfit changed it.
    pub title_size: Option<f32>,
    /// Body lines each region may hold, in thread order (empty: as many as it has rows):
    /// how the layout spread a short last line count over the block's columns.
    pub caps: Vec<u32>,
    /// The ladder steps taken, in order, each with its reason.
    pub steps: Vec<String>,
    /// What the editor has to do when copyfit could not close the gap: "cut 37 characters",
    /// "add 2 lines (about 28 characters)".
    pub instruction: Option<String>,
}

impl Copyfit {
    /// The instruction for an overset of `chars` characters.
    pub fn cut(chars: usize) -> String {
        format!("cut {chars} characters")
    }

    /// The instruction for `lines` empty lines of `per_line` characters each.
    pub fn add(lines: u32, per_line: u32) -> String {
        let s = if lines == 1 { "" } else { "s" };
        format!(
            "add {lines} line{s} (about {} characters)",
            lines * per_line
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct T {
        block: BlockPlan,
    }

    fn read(s: &str) -> std::result::Result<BlockPlan, String> {
        toml::from_str::<T>(s)
            .map(|t| t.block)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn blocks_read_every_form() {
        let b = read("block = { cols = [5, 6], top = 1 }").unwrap();
        assert_eq!(
            (b.start(), b.lines, b.fixed()),
            (Top::Line(1), Height::Auto, false)
        );
        let b = read(r#"block = { cols = [1, 4], below = ["a", "b"], bottom = "foot" }"#).unwrap();
        assert_eq!(b.below, ["a", "b"]);
        assert_eq!((b.bottom, b.fixed()), (Some(Bottom::Foot), true));
        let b = read(r#"block = { cols = [2, 2], below = "a", lines = 30 }"#).unwrap();
        assert_eq!((b.below.len(), b.lines), (1, Height::Lines(30)));
        assert_eq!(
            read("block = { cols = [2, 2] }").unwrap().start(),
            Top::Previous
        );
    }

    #[test]
    fn bad_heights_are_named() {
        let e = read(r#"block = { cols = [1, 1], lines = "tall" }"#).unwrap_err();
        assert!(e.contains("lines = \"tall\""), "{e}");
        let e = read(r#"block = { cols = [1, 1], bottom = 0 }"#).unwrap_err();
        assert!(e.contains("bottom = 0"), "{e}");
    }
}
