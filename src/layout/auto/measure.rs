//! What the search knows of each item before it arranges them: for every block width it may
//! take, the lines the real composer gives it — an article's headline and balanced body (its
//! photo beside), a box's text, a photo's image and caption — and how far copyfit can move
//! that (headline space, 开明 punctuation, a broken quoted phrase; a placeholder photo's
//! aspect). Measured once per item and width, with the stages the page is built with.

use super::super::article::{Memos, PhotoSpec, Piece, Trial};
use super::super::sizes;
use crate::error::Result;
use crate::flow::Shaper;
use crate::model::{BlockPlan, GridRect, Height, PageJob, PhotoImage, PunctStyle, Side};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::Ordering::Relaxed;

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// An article (index in the probe plan).
    Article(usize),
    /// A photo standing alone (index in the probe plan); `placeholder`: no image, so the
    /// layout chooses its height.
    Photo { index: usize, placeholder: bool },
    /// A framed text (index in the probe plan).
    Box(usize),
}

/// One item to place, with its sizes by width.
#[derive(Debug, Clone)]
pub(super) struct Item {
    /// Its id.
    pub id: String,
    /// What it is.
    pub kind: Kind,
    /// Priority rank among articles (0 = the lead); boxes and photos after every article.
    pub rank: usize,
    /// Its sizes at each width it may take.
    pub sizes: BTreeMap<u32, Size>,
}

/// An item's height in lines at one width: natural, and the least and most copyfit reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Size {
    /// The least lines (overset copyfit: least headline space, 开明, a broken phrase).
    pub lo: u32,
    /// Natural lines.
    pub nat: u32,
    /// The most lines without a hole (more headline space, a line short per column).
    pub hi: u32,
    /// Lines of its headline box at the normal space (0 for photos and boxes).
    pub head: u32,
    /// Columns of an article's photo at this width (0 without one).
    pub photo_cols: u32,
    /// Lines of an article's photo at this width (0 without one).
    pub photo_lines: u32,
    /// Cells its natural block leaves empty (columns two or more lines short: beside a photo
    /// the text cannot always be balanced).
    pub gap: u32,
}

/// Lines a photo with an image or a box may grow by when a gap is left (the layout stage's
/// limit is larger; more would look stretched).
const GROW: u32 = 6;

/// Image aspects (height ÷ width) a placeholder photo may take: 3:2 landscape to square.
const PLACEHOLDER_ASPECT: [f32; 3] = [0.667, 0.75, 1.0];

/// Image aspects an article's placeholder photo may take, the likeliest first: 4:3, 3:2, 16:9.
const ARTICLE_PHOTO_ASPECT: [f32; 3] = [0.75, 0.667, 0.5625];

/// Measures article `a` of the probe page at every width in `widths`; widths at which it
/// does not fit the page's height are left out.
pub(super) fn article(
    sh: Shaper,
    pj: &PageJob,
    (a, widths, photo): (usize, &[u32], Option<usize>),
    memos: &Arc<Memos>,
) -> Result<BTreeMap<u32, Size>> {
    let t = sh.template;
    let foot = t.grid.lines;
    let fit = &t.fit;
    let mut out = BTreeMap::new();
    for &w in widths {
        let mut plan = pj.plan.articles[a].clone();
        plan.block = Some(block([1, w]));
        plan.blocks.clear();
        let mut piece = Piece::new(sh, &plan, &pj.stories[a], &pj.plan, memos.clone())?;
        let Some((nat, gap, (photo_cols, photo_lines))) = natural(sh, pj, &mut piece, (w, photo))?
        else {
            continue;
        };
        let head = piece.head_lines(&piece.normal())?;
        // The least: headline space at its least, the quoted phrase broken, 开明 punctuation.
        piece.extra.store(
            fit.headline_space_min as i32 - fit.headline_space as i32,
            Relaxed,
        );
        piece.whole.store(false, Relaxed);
        let least = piece.auto_bottom(&[], 1, foot)?.unwrap_or(nat);
        let (full, tight) = (
            body_lines(&piece, None)?,
            body_lines(&piece, Some(fit.punctuation))?,
        );
        let gain = full.div_ceil(w).saturating_sub(tight.div_ceil(w));
        // A line more leaves every column a line short (no hole) only if the body fills its
        // columns exactly.
        let rows = nat.saturating_sub(head);
        let exact = photo.is_none() && rows * w == full;
        let room = fit.headline_space_max - fit.headline_space;
        out.insert(
            w,
            Size {
                lo: least.saturating_sub(gain).min(nat),
                nat,
                hi: (nat + room + u32::from(exact)).min(foot),
                head,
                photo_cols,
                photo_lines,
                gap,
            },
        );
    }
    Ok(out)
}

/// Natural lines, empty cells, and the photo's (columns, lines).
type Natural = (u32, u32, (u32, u32));

/// An article's natural lines at width `w`, the cells they leave empty, and its photo's
/// columns and lines: of the photo widths that suit the block (half of it, rounded up, then
/// narrower ones, then all but a column), the first that leaves no column short, else the
/// least short.
fn natural(
    sh: Shaper,
    pj: &PageJob,
    piece: &mut Piece,
    (w, photo): (u32, Option<usize>),
) -> Result<Option<Natural>> {
    let foot = sh.template.grid.lines;
    let Some(index) = photo else {
        return Ok(piece.auto_bottom(&[], 1, foot)?.map(|nat| (nat, 0, (0, 0))));
    };
    // Half the block first; a narrower (so shorter) photo when the text ends beside it; all
    // but a column only when even that leaves columns short.
    let mut widths: Vec<u32> = (1..=w.div_ceil(2)).rev().collect();
    widths.push(w.saturating_sub(1));
    widths.retain(|&k| k >= 1);
    widths.dedup();
    let mut heights = Vec::new();
    for k in widths {
        for lines in photo_heights(sh, pj, index, k)? {
            heights.push((k, lines));
        }
    }
    let mut best: Option<Natural> = None;
    for (k, lines) in heights {
        piece.photo = Some(PhotoSpec {
            index,
            cols: k,
            side: Side::Right,
            lines,
        });
        let Some(nat) = piece.auto_bottom(&[], 1, foot)? else {
            continue;
        };
        let gap = empty_cells(piece, nat)?;
        if best.is_none_or(|b| gap < b.1) {
            best = Some((nat, gap, (k, lines)));
        }
        if gap == 0 {
            break;
        }
    }
    if let Some((_, _, (k, lines))) = best {
        piece.photo = Some(PhotoSpec {
            index,
            cols: k,
            side: Side::Right,
            lines,
        });
    }
    Ok(best)
}

/// Cells of the block `nat` lines high that stay empty: frames two or more lines short.
fn empty_cells(piece: &Piece, nat: u32) -> Result<u32> {
    let (rects, fitted) = piece.sized(&[[1, nat]])?;
    let short = (rects.frames.iter().zip(&fitted.threaded.placed))
        .map(|(f, &placed)| f.line_count().saturating_sub(placed))
        .filter(|&s| s >= 2)
        .sum();
    Ok(short)
}

/// A block `cols` wide at the top of the page, its height auto.
fn block(cols: [u32; 2]) -> BlockPlan {
    BlockPlan {
        cols,
        top: Some(1),
        below: Vec::new(),
        lines: Height::Auto,
        bottom: None,
        split: None,
    }
}

/// The body's lines in one basic column with punctuation `p` (all six columns' worth of room,
/// so a long article is counted whole).
fn body_lines(piece: &Piece, p: Option<PunctStyle>) -> Result<u32> {
    let t = piece.template();
    let frames: Vec<GridRect> = (1..=t.grid.columns)
        .map(|c| GridRect::on([c, c], [1, t.grid.lines], None))
        .collect();
    let trial = Trial {
        punct: p,
        ..piece.normal()
    };
    Ok(piece.flow(&trial, &frames, &[])?.placed.iter().sum())
}

/// The lines an article's photo may take at `cols` columns, tallest first: its image's, or
/// a placeholder's at 4:3, 3:2 and 16:9 (a wide photo over a short text leaves no column
/// short where a taller one would).
fn photo_heights(sh: Shaper, pj: &PageJob, index: usize, cols: u32) -> Result<Vec<u32>> {
    match pj.images[index] {
        PhotoImage::Loaded(_) => Ok(vec![sizes::photo_lines(sh, pj, index, cols)?]),
        _ => {
            let mut out = Vec::new();
            for aspect in ARTICLE_PHOTO_ASPECT {
                out.push(sizes::photo_lines_at(sh, pj, index, (cols, aspect))?);
            }
            out.dedup();
            Ok(out)
        }
    }
}

/// Measures photo `index` standing alone at every width in `widths`.
pub(super) fn photo(
    sh: Shaper,
    pj: &PageJob,
    index: usize,
    widths: &[u32],
) -> Result<BTreeMap<u32, Size>> {
    by_width(widths, |w| match pj.images[index] {
        PhotoImage::Loaded(_) => {
            let nat = sizes::photo_lines(sh, pj, index, w)?;
            Ok(sized(nat, nat, nat + GROW))
        }
        _ => {
            let [lo, nat, hi] =
                PLACEHOLDER_ASPECT.map(|a| sizes::photo_lines_at(sh, pj, index, (w, a)));
            Ok(sized(lo?, nat?, hi?))
        }
    })
}

/// Measures box `index` at every width in `widths`.
pub(super) fn text_box(
    sh: Shaper,
    pj: &PageJob,
    index: usize,
    widths: &[u32],
) -> Result<BTreeMap<u32, Size>> {
    by_width(widths, |w| {
        let nat = sizes::box_lines(sh, pj, index, [1, w])?;
        Ok(sized(nat, nat, nat + GROW))
    })
}

/// The size `measure` gives at each width of `widths`.
fn by_width(
    widths: &[u32],
    mut measure: impl FnMut(u32) -> Result<Size>,
) -> Result<BTreeMap<u32, Size>> {
    widths.iter().map(|&w| Ok((w, measure(w)?))).collect()
}

/// A size without a headline or photo.
fn sized(lo: u32, nat: u32, hi: u32) -> Size {
    Size {
        lo,
        nat,
        hi,
        head: 0,
        photo_cols: 0,
        photo_lines: 0,
        gap: 0,
    }
}
