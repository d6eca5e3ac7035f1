//! An article's continuation from another page, in blocks of fixed height: its short headline
//! (续题, else 副题: the article's 主题 unless the plan gives a title) across the top of its
//! first block, the text through the blocks' columns under it.

use crate::error::{Error, Result};
use crate::flow::Shaper;
use crate::linebreak::{LineSettings, phrase};
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
            headline = Some(rect(b.cols, [span[0], span[0] + head - 1], None));
            first += head;
        }
        match b.split {
            Some(k) => frames.push(rect(b.cols, [first, span[1]], Some(k))),
            None => {
                frames.extend((b.cols[0]..=b.cols[1]).map(|c| rect([c, c], [first, span[1]], None)))
            }
        }
    }
    Ok((headline, frames))
}

/// Lines of the continuation headline over block `b`, with the template's normal space.
fn head_lines(sh: Shaper, b: &BlockPlan, text: &str) -> Result<u32> {
    let t = sh.template;
    let name = if t.styles.contains_key("续题") {
        "续题"
    } else {
        "副题"
    };
    let style = t.style(name)?;
    let measure =
        t.grid.span_chars(b.cols[0], b.cols[1]) as f32 * t.grid.char_size - t.grid.char_size;
    let para = sh.shape(text, style, name)?;
    let settings = LineSettings::block(t, false);
    let lines = phrase::headline(&para, &settings, measure, true).len();
    let height = lines as f32 * style.pitch;
    Ok(((height - 0.01) / t.grid.pitch).ceil().max(1.0) as u32 + t.fit.headline_space)
}

fn rect(cols: [u32; 2], lines: [u32; 2], split: Option<u32>) -> GridRect {
    GridRect {
        cols,
        lines,
        mm: None,
        split,
    }
}
