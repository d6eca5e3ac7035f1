//! The 排版单 (layout docket, `order.toml`): what an editor hands the automatic layout — the
//! template and page, the running-head keys of a page plan, and the page's articles with
//! their priorities, photos and the block widths allowed, its framed texts and its photo news.
//! No rectangle is given: `layout::auto` finds them.

use super::Date;
use super::tomlfile;
use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// A layout docket, read and checked; file paths as written (relative to the docket).
#[derive(Debug, Clone, PartialEq)]
pub struct Docket {
    /// The docket file.
    pub path: PathBuf,
    /// The template, as written.
    pub template: PathBuf,
    /// Page number (版次).
    pub page: u32,
    /// Edition date.
    pub date: Date,
    /// Running head: the paper's name.
    pub paper: Option<String>,
    /// Running head: the page's name (版名).
    pub name: Option<String>,
    /// Running head: the page's editor (责任编辑).
    pub editor: Option<String>,
    /// Articles, most important first (by priority, then docket order).
    pub articles: Vec<DocketArticle>,
    /// Framed texts (slogans, notices).
    pub boxes: Vec<DocketBox>,
    /// Photos standing alone (图片新闻), with their captions.
    pub photos: Vec<DocketPhoto>,
    /// The seed of the search (the same docket and seed give the same page).
    pub seed: u64,
}

/// An article of a docket.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocketArticle {
    /// Id; the file's stem when not given.
    #[serde(default)]
    pub id: String,
    /// The article's text file.
    pub file: PathBuf,
    /// 1 = 头条 (lead), 2 = 二条 …; without it, after every article that has one, in docket
    /// order.
    pub priority: Option<u32>,
    /// A photo placed inside the article's block.
    pub photo: Option<DocketImage>,
    /// The block widths allowed, in basic columns (all that suit its length when not given).
    #[serde(default)]
    pub cols: Vec<u32>,
}

/// A photo of a docket: an image (without one, a placeholder the layout sizes) and a caption.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocketImage {
    /// The image (JPEG or PNG).
    pub image: Option<PathBuf>,
    /// The caption text file.
    pub caption: Option<PathBuf>,
    /// No image on purpose: the frame is left blank on the plate (a photo stripped in at the
    /// print shop, a late picture). A proof draws the placeholder in its proof layer; a print
    /// file refuses a photo without an image unless this is set.
    #[serde(default)]
    pub empty: bool,
}

/// A framed text of a docket.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocketBox {
    /// Id; `box1`, `box2` … when not given.
    #[serde(default)]
    pub id: String,
    /// The text, set centred.
    pub text: String,
    /// Style name from the template.
    pub style: String,
    /// The block widths allowed (1 or 2 columns when not given).
    #[serde(default)]
    pub cols: Vec<u32>,
}

/// A photo standing alone, with its caption.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocketPhoto {
    /// Id; `photo1`, `photo2` … when not given.
    #[serde(default)]
    pub id: String,
    /// The image (JPEG or PNG); without it a placeholder the layout sizes.
    pub image: Option<PathBuf>,
    /// The caption text file.
    pub caption: Option<PathBuf>,
    /// No image on purpose: the frame is left blank on the plate (a photo stripped in at the
    /// print shop, a late picture). A proof draws the placeholder in its proof layer; a print
    /// file refuses a photo without an image unless this is set.
    #[serde(default)]
    pub empty: bool,
    /// The block widths allowed (2 or 3 columns when not given).
    #[serde(default)]
    pub cols: Vec<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocket {
    template: PathBuf,
    page: Option<u32>,
    date: Date,
    paper: Option<String>,
    name: Option<String>,
    editor: Option<String>,
    #[serde(default)]
    seed: u64,
    #[serde(default, rename = "article")]
    articles: Vec<DocketArticle>,
    #[serde(default, rename = "box")]
    boxes: Vec<DocketBox>,
    #[serde(default, rename = "photo")]
    photos: Vec<DocketPhoto>,
}

/// Reads a docket: ids filled in and unique, articles sorted by priority.
pub fn load_docket(path: &Path) -> Result<Docket> {
    let raw: RawDocket = tomlfile::read(&super::Sources::disk(), path)?;
    if raw.articles.is_empty() {
        return Err(Error::invalid(
            path,
            "no articles: add [[article]] file = \"….txt\"",
        ));
    }
    let mut articles = raw.articles;
    for a in &mut articles {
        if a.id.is_empty() {
            a.id = (a.file.file_stem()).map_or_else(String::new, |s| s.to_string_lossy().into());
        }
    }
    // A stable sort: equal priorities keep docket order; no priority comes after all.
    articles.sort_by_key(|a| a.priority.unwrap_or(u32::MAX));
    let mut boxes = raw.boxes;
    for (i, b) in boxes.iter_mut().enumerate() {
        if b.id.is_empty() {
            b.id = format!("box{}", i + 1);
        }
    }
    let mut photos = raw.photos;
    for (i, p) in photos.iter_mut().enumerate() {
        if p.id.is_empty() {
            p.id = format!("photo{}", i + 1);
        }
    }
    let d = Docket {
        path: path.to_path_buf(),
        template: raw.template,
        page: raw.page.unwrap_or(1),
        date: raw.date,
        paper: raw.paper,
        name: raw.name,
        editor: raw.editor,
        articles,
        boxes,
        photos,
        seed: raw.seed,
    };
    check_ids(&d)?;
    Ok(d)
}

/// Ids are unique across articles, boxes and photos (the plan's blocks refer to them).
fn check_ids(d: &Docket) -> Result<()> {
    let ids = (d.articles.iter().map(|a| &a.id))
        .chain(d.boxes.iter().map(|b| &b.id))
        .chain(d.photos.iter().map(|p| &p.id));
    let mut seen = std::collections::BTreeSet::new();
    for id in ids {
        if id.is_empty() || id.contains(['"', '#', '\\']) {
            return Err(Error::invalid(
                &d.path,
                format!("id {id:?}: give each article, box and photo an id without quotes or #"),
            ));
        }
        if !seen.insert(id) {
            return Err(Error::invalid(
                &d.path,
                format!("two items have the id '{id}': give one of them another id"),
            ));
        }
    }
    Ok(())
}
