//! An article in blocks: its headline measured at the first block's width, its body threaded
//! through the blocks' columns, its last block sized (auto) or fitted (copyfit), and the
//! rectangles and decisions the page stage needs.

use crate::error::{Error, Result};
use crate::flow::{self, Columns, Region, Shaper, Stop};
use crate::linebreak::LineSettings;
use crate::model::{
    Align, ArticlePlan, BlockPlan, Copyfit, GridRect, PagePlan, PunctStyle, Side, Story, Style,
    Template,
};
use crate::shape::ShapedPara;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Arc, Mutex};

/// An article's block photo: where it stands and how tall it is by nature.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PhotoSpec {
    /// Index in the plan's photos.
    pub index: usize,
    /// Basic columns it spans.
    pub cols: u32,
    /// The side of the block.
    pub side: Side,
    /// Lines with its caption, from the image's aspect ratio or the plan.
    pub lines: u32,
}

/// One trial setting of the copyfit ladder.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Trial {
    /// Body punctuation, when not the template's.
    pub punct: Option<PunctStyle>,
    /// Whole lines of space in the headline box over its text.
    pub space: u32,
    /// 主题 size, when not the style's.
    pub size: Option<f32>,
    /// A quoted phrase in the headline may take a line more to stay whole.
    pub whole: bool,
    /// Lines the block photo is made taller (or, below 0, shorter) by.
    pub photo: i32,
}

/// An article being laid out in blocks.
pub(super) struct Piece<'a> {
    sh: Shaper<'a>,
    plan: &'a ArticlePlan,
    story: &'a Story,
    /// The page plan it is on, where its errors point.
    page: &'a PagePlan,
    paras: Vec<ShapedPara>,
    /// Headline parts (style, text): 引题, 主题, 副题 as the story has them.
    parts: Vec<(&'static str, &'a str)>,
    body: LineSettings,
    /// Headline space lines given (or taken, below 0) by the page's passes.
    pub extra: AtomicI32,
    /// Whether the page's passes leave its headline's quoted phrases whole.
    pub whole: AtomicBool,
    /// Its block photo, if it has one.
    pub photo: Option<PhotoSpec>,
    /// The 主题 size chosen from the template's ladder, if it chooses.
    pub title_size_chosen: Option<f32>,
    /// Flows and broken lines of its body, shared with other layouts of the same story.
    memos: Arc<Memos>,
    /// Grid lines of the headline's text by (主题 size, phrases whole): measured once.
    heads: Mutex<HashMap<(Option<u32>, bool), u32>>,
}

/// What laying out a story's body computed, kept for every layout of it: the page's passes
/// and the copyfit ladder ask for the same settings and region sizes again and again, and
/// the automatic layout tries the same story in many blocks.
#[derive(Debug, Default)]
pub(crate) struct Memos {
    /// Flows already computed.
    flows: Mutex<HashMap<FlowKey, Flow>>,
    /// The body's lines already broken, by punctuation style.
    lines: Mutex<HashMap<Option<PunctStyle>, Arc<flow::LineMemo>>>,
}

/// What a flow depends on: punctuation, each region's width and body lines, the caps.
type FlowKey = (Option<PunctStyle>, Vec<(u32, u32)>, Vec<u32>);

/// How an article's body flowed, in short: what sizing and copyfit decide on.
#[derive(Debug, Clone)]
pub(super) struct Flow {
    /// How filling ended (the empty lines counted against the uncapped regions).
    pub stop: Stop,
    /// Body lines placed in each region.
    pub placed: Vec<u32>,
    /// Body lines each region could hold (caps applied).
    pub lines: Vec<u32>,
    /// Paragraphs left ending alone at a region head (孤行).
    pub widows: u32,
}

/// An article's blocks laid out: the rectangles, the trial kept and how it flowed.
pub(super) struct Fitted {
    /// The settings copyfit chose.
    pub trial: Trial,
    /// How the body flowed with them (caps applied).
    pub threaded: Flow,
    /// Lines per region of the last block (empty: not limited).
    pub caps: Vec<u32>,
    /// Ladder steps taken, with their reasons.
    pub steps: Vec<String>,
    /// The editor's instruction, when copyfit could not close the gap.
    pub instruction: Option<String>,
}

impl<'a> Piece<'a> {
    /// An input error of this article, placed at its table in the plan.
    fn error(&self, message: String) -> Error {
        self.page
            .error_at(&self.page.key_of(&self.plan.id), message)
    }

    /// The article's shaped text and headline parts.
    pub fn new(
        sh: Shaper<'a>,
        plan: &'a ArticlePlan,
        story: &'a Story,
        page: &'a PagePlan,
        memos: Arc<Memos>,
    ) -> Result<Self> {
        let parts = story.headline_parts();
        Ok(Piece {
            sh,
            plan,
            story,
            page,
            paras: sh.body(story)?,
            parts,
            body: LineSettings::body(sh.template),
            extra: Default::default(),
            whole: AtomicBool::new(true),
            photo: None,
            title_size_chosen: None,
            memos,
            heads: Default::default(),
        })
        .and_then(|mut p: Self| {
            // A size the plan gives wins over the template's ladder.
            p.title_size_chosen = match plan.headline_size {
                Some(s) => Some(s.0),
                None => p.choose_title_size()?,
            };
            Ok(p)
        })
    }

    /// The block photo's lines with `trial` (0 without a photo).
    pub fn photo_lines(&self, trial: &Trial) -> u32 {
        self.photo
            .as_ref()
            .map_or(0, |p| (p.lines as i32 + trial.photo).max(1) as u32)
    }

    /// The template.
    pub fn template(&self) -> &Template {
        self.sh.template
    }

    /// The 主题's size as its style gives it, if the article has a 主题.
    pub fn title_size(&self) -> Option<f32> {
        let style = self.template().style("主题").ok()?;
        self.story.title.as_ref().map(|_| style.size)
    }

    /// The trial before any copyfit.
    pub fn normal(&self) -> Trial {
        Trial {
            punct: None,
            space: (self.template().fit.headline_space as i32 + self.extra.load(Ordering::Relaxed))
                .max(0) as u32,
            size: self.title_size_chosen,
            whole: self.whole.load(Ordering::Relaxed),
            photo: 0,
        }
    }

    /// Whether keeping a quoted phrase whole costs the headline a line.
    pub fn whole_costs_a_line(&self) -> Result<bool> {
        let whole = Trial {
            whole: true,
            ..self.normal()
        };
        let broken = Trial {
            whole: false,
            ..whole
        };
        Ok(self.head_lines(&broken)? < self.head_lines(&whole)?)
    }

    /// Whether it has a headline.
    pub fn has_headline(&self) -> bool {
        !self.parts.is_empty()
    }

    /// The article's blocks in reading order.
    pub fn blocks(&self) -> Vec<&'a BlockPlan> {
        self.plan.block.iter().chain(&self.plan.blocks).collect()
    }

    /// Lines of the headline box: its text's height in whole body lines plus the trial's
    /// space; 0 for an article without a headline.
    pub fn head_lines(&self, trial: &Trial) -> Result<u32> {
        if self.parts.is_empty() {
            return Ok(0);
        }
        let key = (trial.size.map(f32::to_bits), trial.whole);
        if let Some(&lines) = self.heads.lock().expect("headline memo").get(&key) {
            return Ok(lines + trial.space);
        }
        let lines = self.head_text_lines(trial)?;
        self.heads.lock().expect("headline memo").insert(key, lines);
        Ok(lines + trial.space)
    }

    /// Whole grid lines the headline's text takes (without its space).
    fn head_text_lines(&self, trial: &Trial) -> Result<u32> {
        let t = self.template();
        let mut height = 0.0;
        for (name, text) in &self.parts {
            let style = t.part_style(name, trial.size, self.story.lang)?;
            height += self.part_lines((text, &style), trial.whole)? as f32 * style.pitch;
        }
        Ok(grid_lines(t, height))
    }

    /// Lines of one headline part in `style` across the first block.
    fn part_lines(&self, (text, style): (&str, &Style), whole: bool) -> Result<u32> {
        let owner = format!("article {} ({})", self.story.id, self.story.path.display());
        headline_text_lines(self.sh, self.headline_cols(), (text, style, &owner), whole)
    }

    /// The basic columns its headline spans: the plan's `headline_cols`, else all of the
    /// first block's.
    fn headline_cols(&self) -> [u32; 2] {
        (self.plan.headline_cols).unwrap_or_else(|| self.blocks()[0].cols)
    }

    /// The 主题 size the template's ladder gives the block: the largest at which the 主题
    /// takes at most `[fit] headline_lines` lines (the smallest if none does); `None` when the
    /// template chooses no sizes or the article has no 主题.
    pub fn choose_title_size(&self) -> Result<Option<f32>> {
        let fit = &self.template().fit;
        let (Some(most), Some(title)) = (fit.headline_lines, self.story.title.as_deref()) else {
            return Ok(None);
        };
        let style = self.template().style("主题")?;
        for &size in &fit.headline_sizes {
            if self.part_lines((title, &style.resized(size)), true)? <= most {
                return Ok(Some(size));
            }
        }
        Ok(fit.headline_sizes.last().copied())
    }

    /// The headline box and frames of the blocks at `spans` (first and last line of each),
    /// the headline taking `head` lines at the top of the first; with the number of regions
    /// each block gives. Errors when the headline does not fit its block.
    pub fn rects(&self, spans: &[[u32; 2]], (head, photo): (u32, u32)) -> Result<Rects> {
        let blocks = self.blocks();
        let mut out = Rects {
            headline: None,
            frames: Vec::new(),
            per_block: Vec::new(),
            photo: None,
        };
        for (k, (b, span)) in blocks.iter().zip(spans).enumerate() {
            let mut first = span[0];
            if k == 0 && head > 0 {
                if span[0] + head > span[1] + 1 {
                    return Err(self.error(
                        format!(
                            "article '{}': the headline needs {head} lines but its first block ({}) has {}; make the block taller",
                            self.plan.id,
                            b.describe(),
                            span[1] + 1 - span[0]
                        ),
                    ));
                }
                let cols = self.headline_cols();
                out.headline = Some(GridRect::on(cols, [span[0], span[0] + head - 1], None));
                first += head;
            }
            let before = out.frames.len();
            if k == 0 && head > 0 && self.headline_cols() != b.cols {
                out.frames
                    .extend(beside_headline(b, self.headline_cols(), *span, first));
            } else if let (0, Some(spec)) = (k, &self.photo) {
                out.photo =
                    Some(self.around_photo(b, [first, span[1]], (spec, photo), &mut out.frames)?);
            } else if first <= span[1] {
                out.frames.extend(b.body_frames([first, span[1]]));
            }
            let regions: usize = (out.frames[before..].iter())
                .map(|f| f.split.unwrap_or(1) as usize)
                .sum();
            out.per_block.push(regions);
        }
        Ok(out)
    }

    /// The photo's rectangle at the top of `lines` of block `b`, `height` lines high, and the
    /// body's frames around it in reading order: the columns beside it, then those under it.
    fn around_photo(
        &self,
        b: &BlockPlan,
        lines: [u32; 2],
        (spec, height): (&PhotoSpec, u32),
        frames: &mut Vec<GridRect>,
    ) -> Result<GridRect> {
        let cols = match spec.side {
            Side::Right => [b.cols[1] + 1 - spec.cols, b.cols[1]],
            Side::Left => [b.cols[0], b.cols[0] + spec.cols - 1],
        };
        let bottom = lines[0] + height - 1;
        if height == 0 || bottom > lines[1] {
            return Err(self.error(
                format!(
                    "article '{}': its photo needs {height} lines under the headline but the block has {}; make the block taller or the photo shorter",
                    self.plan.id,
                    (lines[1] + 1).saturating_sub(lines[0])
                ),
            ));
        }
        let beside = (b.cols[0]..=b.cols[1]).filter(|c| !(cols[0]..=cols[1]).contains(c));
        frames.extend(beside.map(|c| GridRect::on([c, c], lines, None)));
        if bottom < lines[1] {
            frames.extend(
                (cols[0]..=cols[1]).map(|c| GridRect::on([c, c], [bottom + 1, lines[1]], None)),
            );
        }
        Ok(GridRect::on(cols, [lines[0], bottom], None))
    }

    /// Threads the body through `frames` with `trial`'s settings and `caps`.
    pub fn flow(&self, trial: &Trial, frames: &[GridRect], caps: &[u32]) -> Result<Flow> {
        let regions = self.regions(frames);
        if regions.is_empty() {
            return Err(self.error(format!(
                "article '{}': its blocks leave no line for the text; make the last block taller",
                self.plan.id
            )));
        }
        let key: FlowKey = (
            trial.punct,
            regions
                .iter()
                .map(|r| (r.width.to_bits(), r.lines))
                .collect(),
            caps.to_vec(),
        );
        if let Some(f) = self.memos.flows.lock().expect("flow memo").get(&key) {
            return Ok(f.clone());
        }
        // Blocks are sized and balanced, never spread to cure a 孤行 (see `flow::fill_with`):
        // capped, if only by no caps.
        let columns = Columns::Caps(caps.to_vec());
        let settings = self.body.with_punctuation(trial.punct);
        let memo = self.line_memo(trial.punct);
        let th = flow::thread_with(&self.paras, &settings, regions, (&columns, Some(&memo)))
            .map_err(|e| {
                self.error(format!(
                    "article '{}': region {} has no body line",
                    self.plan.id,
                    e.region + 1
                ))
            })?;
        let f = Flow::of(&th);
        self.memos
            .flows
            .lock()
            .expect("flow memo")
            .insert(key, f.clone());
        Ok(f)
    }

    /// The broken lines of the body with punctuation `p`, kept between flows.
    pub fn line_memo(&self, p: Option<PunctStyle>) -> Arc<flow::LineMemo> {
        let mut memos = self.memos.lines.lock().expect("line memos");
        memos.entry(p).or_default().clone()
    }

    /// The regions of `frames`, as the page stage builds them (a boxed article's inset).
    fn regions(&self, frames: &[GridRect]) -> Vec<Region> {
        let t = self.template();
        let pad = if self.plan.boxed {
            t.grid.char_size / 2.0
        } else {
            0.0
        };
        let baseline = self.sh.body_baseline();
        (frames.iter())
            .flat_map(|r| Region::of_frame(&t.grid, 0, r, (pad, baseline)))
            .collect()
    }

    /// The copyfit decisions to hand to the page stage.
    pub fn copyfit(&self, f: &Fitted) -> Copyfit {
        Copyfit {
            punctuation: f.trial.punct,
            title_size: f.trial.size,
            caps: f.caps.clone(),
            steps: f.steps.clone(),
            instruction: f.instruction.clone(),
        }
    }

    /// Body characters that fit a full line of the last region (for "about N characters").
    pub fn chars_per_line(&self, frames: &[GridRect]) -> u32 {
        let t = self.template();
        frames.last().map_or(0, |f| {
            let w = t.grid.frame_areas(f)[0].width;
            (w / t.body.size).floor() as u32
        })
    }
}

impl Flow {
    /// The short account of a threaded article.
    fn of(th: &flow::Threaded) -> Self {
        let mut placed = vec![0u32; th.regions.len()];
        for l in &th.flowed.lines {
            placed[l.region] += 1;
        }
        Flow {
            stop: th.flowed.stop,
            placed,
            lines: th.regions.iter().map(|r| r.lines).collect(),
            widows: th.faults.widows,
        }
    }
}

/// The body frames of first block `b` over `span` when its headline spans only columns
/// `head` (左上题 / 右上题): one per basic column in reading order, those under the headline
/// from line `under`, the others from the block's top.
fn beside_headline(b: &BlockPlan, head: [u32; 2], span: [u32; 2], under: u32) -> Vec<GridRect> {
    (b.cols[0]..=b.cols[1])
        .map(|c| {
            let top = if (head[0]..=head[1]).contains(&c) {
                under
            } else {
                span[0]
            };
            [c, top]
        })
        .filter(|&[_, top]| top <= span[1])
        .map(|[c, top]| GridRect::on([c, c], [top, span[1]], None))
        .collect()
}

/// What an article's blocks give: its headline box, its frames in reading order, and how many
/// regions each block has.
pub(super) struct Rects {
    pub headline: Option<GridRect>,
    pub photo: Option<GridRect>,
    pub frames: Vec<GridRect>,
    pub per_block: Vec<usize>,
}

/// Lines of a headline text in `style` across basic columns `cols` (½ character inside each
/// edge), each line forced with `|` set on its own; `whole`: a quoted phrase may take a line
/// more to stay whole.
pub(super) fn headline_text_lines(
    sh: Shaper,
    cols: [u32; 2],
    (text, style, owner): (&str, &Style, &str),
    whole: bool,
) -> Result<u32> {
    let t = sh.template;
    let measure = t.grid.span_chars(cols[0], cols[1]) as f32 * t.grid.char_size - t.grid.char_size;
    let settings = LineSettings::block(t, style.align == Align::Justify);
    let mut lines = 0;
    for line in crate::linebreak::phrase::forced_lines(text) {
        let para = sh.shape(line, style, owner)?;
        lines += crate::linebreak::phrase::headline(&para, &settings, measure, whole).len();
    }
    Ok(lines as u32)
}

/// Whole grid lines a headline `height` points high takes (at least one).
pub(super) fn grid_lines(t: &Template, height: f32) -> u32 {
    ((height - 0.01) / t.grid.pitch).ceil().max(1.0) as u32
}

/// Whether the text did not fit.
pub(super) fn overset(th: &Flow) -> bool {
    matches!(th.stop, Stop::Overset(_))
}
