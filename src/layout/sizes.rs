//! What each block needs before it is placed: its natural height (an auto block's content, a
//! fixed block's lines, a photo's aspect ratio and caption, a box's text) and, from those, how
//! many lines must stay free under it for the blocks it pushes — so an article that grows
//! stops where the blocks under it keep their room, and is copyfitted (or told to cut) there.

use super::article::{Piece, Trial};
use super::order::{Node, Owner};
use crate::error::Result;
use crate::flow::{self, Shaper};
use crate::linebreak::LineSettings;
use crate::model::{Align, Bottom, Height, PageJob, PhotoImage};
use rayon::prelude::*;

/// Body lines a block pushed to the foot keeps at least (under its headline).
const MIN_BODY_ROWS: u32 = 2;

/// The natural height in lines of every node (`None`: known only once placed).
pub(super) fn natural(
    sh: Shaper,
    pj: &PageJob,
    nodes: &[Node],
    pieces: &[Option<Piece>],
) -> Result<Vec<Option<u32>>> {
    // Articles are measured in parallel: each one's flows are its own.
    nodes
        .par_iter()
        .map(|n| natural_one(sh, pj, n, pieces))
        .collect()
}

/// The natural height of one node.
fn natural_one(
    sh: Shaper,
    pj: &PageJob,
    n: &Node,
    pieces: &[Option<Piece>],
) -> Result<Option<u32>> {
    let foot = sh.template.grid.lines;
    {
        let h = match (n.block.lines, n.block.bottom, n.owner) {
            (Height::Lines(k), _, _) => Some(k),
            (_, Some(Bottom::Foot), Owner::Article(a, 0)) => {
                let piece = pieces[a].as_ref().expect("article in blocks");
                let least = Trial {
                    space: sh.template.fit.headline_space_min,
                    ..piece.normal()
                };
                Some(piece.head_lines(&least)? + MIN_BODY_ROWS)
            }
            (_, Some(_), _) => Some(MIN_BODY_ROWS),
            (Height::Auto, None, Owner::Photo(p)) => {
                let cols = pj.plan.photos[p]
                    .block
                    .as_ref()
                    .map_or(1, |b| b.width_cols());
                Some(photo_lines(sh, pj, p, cols)?)
            }
            (Height::Auto, None, Owner::Box(b)) => {
                let cols = pj.plan.boxes[b]
                    .block
                    .as_ref()
                    .expect("box in a block")
                    .cols;
                Some(box_lines(sh, pj, b, cols)?)
            }
            // Refused when the plan was read: a continuation's blocks have fixed heights.
            (Height::Auto, None, Owner::Continued(..)) => None,
            (Height::Auto, None, Owner::Article(a, k)) => {
                let piece = pieces[a].as_ref().expect("article in blocks");
                let before: Option<Vec<[u32; 2]>> = piece.blocks()[..k]
                    .iter()
                    .map(|b| match b.lines {
                        Height::Lines(l) => Some([1, l]),
                        Height::Auto => None,
                    })
                    .collect();
                match before {
                    Some(before) => piece.auto_bottom(&before, 1, foot)?,
                    None => None,
                }
            }
        };
        Ok(h)
    }
}

/// Lines each node must leave free under it: the most any chain of blocks under it (in its
/// columns) needs, each at its natural height less the lines copyfit could take from it
/// (`give`: headline space down to the least, a quoted phrase broken) — so a block that grows
/// pushes the others as far as copyfit can make room.
pub(super) fn reserve(
    nodes: &[Node],
    order: &[usize],
    (natural, give): (&[Option<u32>], &[u32]),
) -> Vec<u32> {
    let mut reserve = vec![0u32; nodes.len()];
    for &i in order.iter().rev() {
        let under = (0..nodes.len())
            .filter(|&j| nodes[j].deps.contains(&i))
            .map(|j| {
                natural[j].map_or(MIN_BODY_ROWS, |n| n.saturating_sub(give[j]).max(1)) + reserve[j]
            })
            .max()
            .unwrap_or(0);
        reserve[i] = under;
    }
    reserve
}

/// A photo's lines: the image `cols` basic columns wide (its aspect ratio kept) and its
/// caption, snapped to whole lines.
pub(super) fn photo_lines(sh: Shaper, pj: &PageJob, p: usize, cols: u32) -> Result<u32> {
    let photo = &pj.plan.photos[p];
    let PhotoImage::Loaded(img) = &pj.images[p] else {
        return Err(pj.plan.error_at(
            &pj.plan.key_of(&photo.id),
            format!(
                "photo '{}': it has no image to take its height from; give it lines = N",
                photo.id
            ),
        ));
    };
    photo_lines_at(
        sh,
        pj,
        p,
        (cols, img.height as f32 / img.width.max(1) as f32),
    )
}

/// A photo's lines at `cols` basic columns for an image `aspect` (height ÷ width) high, with
/// its caption.
pub(super) fn photo_lines_at(
    sh: Shaper,
    pj: &PageJob,
    p: usize,
    (cols, aspect): (u32, f32),
) -> Result<u32> {
    let t = sh.template;
    let width = t.grid.span_chars(1, cols) as f32 * t.grid.char_size;
    let image = width * aspect;
    let mut caption = 0.0;
    if let Some(story) = &pj.captions[p] {
        let style = t.style("图说")?;
        let settings = LineSettings::block(t, true);
        for para in &story.paragraphs {
            let shaped = sh.shape(&para.text, style, &pj.plan.photos[p].id)?;
            caption += flow::line_count(&shaped, &settings, width) as f32 * style.pitch;
        }
        caption += t.grid.pitch / 2.0;
    }
    Ok(((image + caption) / t.grid.pitch).round().max(2.0) as u32)
}

/// A box's lines across basic columns `cols`: its text in its style inside the box's inset.
pub(super) fn box_lines(sh: Shaper, pj: &PageJob, bi: usize, cols: [u32; 2]) -> Result<u32> {
    let t = sh.template;
    let bx = &pj.plan.boxes[bi];
    let style = t.style(&bx.style)?;
    let inset = t.grid.char_size / 4.0;
    let width = t.grid.span_chars(cols[0], cols[1]) as f32 * t.grid.char_size;
    let measure = width - 2.0 * inset - style.size;
    let shaped = sh.shape(&bx.text, style, &bx.id)?;
    let settings = LineSettings::block(t, style.align == Align::Justify);
    let text = flow::line_count(&shaped, &settings, measure) as f32 * style.pitch;
    Ok(((text + 2.0 * inset) / t.grid.pitch - 0.01).ceil() as u32)
}
