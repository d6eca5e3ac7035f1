//! The template's copyfit bounds (`[fit]`): how far the layout stage may go, step by step, to
//! fill a block exactly before it asks the editor to cut or add text.

use super::grid::hao_to_pt;
use super::rules::PunctStyle;
use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::Path;

/// Copyfit bounds, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct FitRules {
    /// Whole lines of space a headline box gets over its text's height, normally.
    pub headline_space: u32,
    /// The least space copyfit may leave (overset).
    pub headline_space_min: u32,
    /// The most space copyfit may give (underset).
    pub headline_space_max: u32,
    /// The punctuation style of the first overset step (开明: pause marks ½ em).
    pub punctuation: PunctStyle,
    /// 主题 sizes in points, largest first: copyfit steps down this ladder from the style's
    /// size (empty: the size never changes).
    pub headline_sizes: Vec<f32>,
    /// With `headline_sizes`: each 主题 in a block gets the largest size of the ladder at
    /// which it takes at most this many lines.
    pub headline_lines: Option<u32>,
    /// The least share of its first block's lines a block photo keeps (overset).
    pub photo_min_share: f32,
    /// The most share of its first block's lines a block photo may take (underset).
    pub photo_max_share: f32,
}

impl Default for FitRules {
    fn default() -> Self {
        FitRules {
            headline_space: 1,
            headline_space_min: 0,
            headline_space_max: 3,
            punctuation: PunctStyle::Kaiming,
            headline_sizes: Vec::new(),
            headline_lines: None,
            photo_min_share: 0.25,
            photo_max_share: 0.6,
        }
    }
}

/// `[fit]` as written.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFit {
    headline_space: Option<u32>,
    headline_space_min: Option<u32>,
    headline_space_max: Option<u32>,
    punctuation: Option<PunctStyle>,
    #[serde(default)]
    headline_sizes: Vec<RawSize>,
    headline_lines: Option<u32>,
    photo_min_share: Option<f32>,
    photo_max_share: Option<f32>,
}

/// A type size in points, written as points or a 号 name (`"小二"`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PointSize(pub f32);

impl<'de> Deserialize<'de> for PointSize {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let size = match RawSize::deserialize(d)? {
            RawSize::Pt(p) if p.is_finite() && p > 0.0 => Some(p),
            RawSize::Pt(_) => None,
            RawSize::Hao(h) => hao_to_pt(&h),
        };
        size.map(PointSize)
            .ok_or_else(|| serde::de::Error::custom("not a size: give points or a 号 such as 小二"))
    }
}

/// A size in points or a 号 name.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawSize {
    Pt(f32),
    Hao(String),
}

/// Resolves `[fit]`: defaults filled in, min ≤ normal ≤ max, sizes known and largest first.
pub(super) fn resolve(path: &Path, raw: RawFit) -> Result<FitRules> {
    let d = FitRules::default();
    let space = raw.headline_space.unwrap_or(d.headline_space);
    let min = raw
        .headline_space_min
        .unwrap_or(d.headline_space_min.min(space));
    let max = raw
        .headline_space_max
        .unwrap_or(d.headline_space_max.max(space));
    if !(min <= space && space <= max && max <= 20) {
        return Err(Error::keyed(
            "fit.headline_space",
            path,
            format!(
                "[fit] headline_space_min = {min}, headline_space = {space}, headline_space_max = {max}: give min ≤ normal ≤ max (lines, at most 20)"
            ),
        ));
    }
    let mut sizes = Vec::new();
    for s in raw.headline_sizes {
        let pt = match &s {
            RawSize::Pt(p) if p.is_finite() && *p > 0.0 => Some(*p),
            RawSize::Pt(_) => None,
            RawSize::Hao(h) => hao_to_pt(h),
        };
        let Some(pt) = pt else {
            return Err(Error::keyed(
                "fit.headline_sizes",
                path,
                format!("[fit] headline_sizes: {s:?} is not a size (points or a 号 such as 小二)"),
            ));
        };
        if sizes.last().is_some_and(|&l| pt >= l) {
            return Err(Error::keyed(
                "fit.headline_sizes",
                path,
                "[fit] headline_sizes: list the sizes largest first, each smaller than the one before",
            ));
        }
        sizes.push(pt);
    }
    let least = raw.photo_min_share.unwrap_or(d.photo_min_share);
    let most = raw.photo_max_share.unwrap_or(d.photo_max_share);
    if !(0.0 < least && least <= most && most <= 1.0) {
        return Err(Error::keyed(
            "fit.photo_min_share",
            path,
            format!(
                "[fit] photo_min_share = {least}, photo_max_share = {most}: give shares of the block with 0 < min ≤ max ≤ 1"
            ),
        ));
    }
    if raw.headline_lines.is_some() && sizes.is_empty() || raw.headline_lines == Some(0) {
        return Err(Error::keyed(
            "fit.headline_lines",
            path,
            "[fit] headline_lines chooses a 主题 size from headline_sizes: give both, headline_lines 1 or more",
        ));
    }
    Ok(FitRules {
        headline_lines: raw.headline_lines,
        photo_min_share: least,
        photo_max_share: most,
        headline_space: space,
        headline_space_min: min,
        headline_space_max: max,
        punctuation: raw.punctuation.unwrap_or(d.punctuation),
        headline_sizes: sizes,
    })
}
