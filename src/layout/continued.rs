//! An article's continuation from another page, in blocks of fixed height: its short headline
//! (续题, else 副题: the article's 主题 unless the plan gives a title) across the top of its
//! first block, the text through the blocks' columns under it.

use super::article;
use crate::error::{Error, Result};
use crate::flow::Shaper;
use crate::model::{BlockPlan, ContinuedPlan, GridRect};
use std::path::Path;

/// The headline box and frames of continuation `cont` whose blocks stand at `spans`;
/// `title`: the article's 主题, if it has one.
pub(super) fn rects(
    sh: Shaper,
    (path, cont): (&Path, &ContinuedPlan),
    spans: &[[u32; 2]],
    title: Option<&str>,
) -> Result<(Option<GridRect>, Vec<GridRect>)> {
    let blocks = cont.all_blocks();
    let text = cont.title.as_deref().or(title);
    let head = match text {
        Some(text) => head_lines(sh, blocks[0], text)?,
        None => 0,
    };
    let mut headline = None;
    let mut frames = Vec::new();
    for (k, (b, span)) in blocks.iter().zip(spans).enumerate() {
        let mut first = span[0];
        if k == 0 && head > 0 {
            if span[0] + head > span[1] {
                return Err(Error::invalid(
                    path,
                    format!(
                        "continued article '{}': its headline needs {head} lines and the text at least one, but its first block ({}) has {}; make it taller",
                        cont.article,
                        b.describe(),
                        span[1] + 1 - span[0]
                    ),
                ));
            }
            headline = Some(GridRect::on(b.cols, [span[0], span[0] + head - 1], None));
            first += head;
        }
        frames.extend(b.body_frames([first, span[1]]));
    }
    Ok((headline, frames))
}

/// Lines of the continuation headline over block `b`, with the template's normal space.
fn head_lines(sh: Shaper, b: &BlockPlan, text: &str) -> Result<u32> {
    let t = sh.template;
    let name = t.continued_style();
    let style = t.style(name)?;
    let lines = article::headline_text_lines(sh, b.cols, (text, style, name), true)?;
    Ok(article::grid_lines(t, lines as f32 * style.pitch) + t.fit.headline_space)
}
