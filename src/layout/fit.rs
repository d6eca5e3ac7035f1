//! Sizing and copyfit of an article's last block. An `auto` block takes the least whole lines
//! that hold its text. A block of fixed height (or one pushed to the foot) is fitted by a
//! ladder of steps in a fixed order, each only as far as needed and within the template's
//! `[fit]` bounds: overset — 开明 punctuation, less headline space, a smaller 主题; underset —
//! more headline space. What remains becomes the editor's instruction, counted by the composer
//! itself. Finally the last block's columns are balanced: the empty lines are spread one per
//! column from the right, so no column is left with a hole at its foot.

use super::article::{Fitted, Flow, Piece, Rects, Trial, overset};
use crate::error::Result;
use crate::flow::Stop;
use crate::model::{Copyfit, PunctStyle};

/// A trial laid out: the rectangles and how the text flowed.
type Attempt = (Rects, Flow);

impl Piece<'_> {
    /// The blocks at `spans` with `trial`, or `None` when they cannot hold the headline or
    /// leave no body line.
    fn attempt(&self, trial: &Trial, spans: &[[u32; 2]]) -> Result<Option<Attempt>> {
        let head = self.head_lines(trial)?;
        let Ok(rects) = self.rects(spans, (head, self.photo_lines(trial))) else {
            return Ok(None);
        };
        if rects.frames.is_empty() {
            return Ok(None);
        }
        let th = self.flow(trial, &rects.frames, &[])?;
        Ok(Some((rects, th)))
    }

    /// The lowest last line for the last block (from `top` down to `max`) at which the text
    /// fits with the normal settings; `None` if it does not fit even at `max`.
    pub fn auto_bottom(&self, before: &[[u32; 2]], top: u32, max: u32) -> Result<Option<u32>> {
        let trial = self.normal();
        let try_at = |bottom: u32| -> Result<Option<Attempt>> {
            let spans: Vec<[u32; 2]> = before.iter().copied().chain([[top, bottom]]).collect();
            self.attempt(&trial, &spans)
        };
        let at_max = match (max >= top).then(|| try_at(max)).transpose()?.flatten() {
            Some((rects, th)) if !overset(&th) => (rects, th),
            _ => return Ok(None),
        };
        // The text set down to the foot fills the last block's columns in turn; spread evenly
        // they need ⌈lines ÷ columns⌉ rows — the first guess, then a row more until it fits
        // (a 孤行 repair may want one). More lines never hurt, so bisection backs it up.
        let (rects, th) = at_max;
        let n = *rects.per_block.last().unwrap_or(&1) as u32;
        let first = th.lines.len() - n as usize;
        let used: u32 = th.placed[first..].iter().sum();
        let head_rows = (max + 1 - top) - th.lines[first];
        let guess = (top + head_rows + used.div_ceil(n.max(1)))
            .saturating_sub(1)
            .clamp(top, max);
        let fits = |b: u32| -> Result<bool> { Ok(try_at(b)?.is_some_and(|(_, th)| !overset(&th))) };
        for b in guess..(guess + 3).min(max) {
            if fits(b)? {
                return Ok(Some(if b > top && fits(b - 1)? {
                    self.bisect(&fits, top, b - 1)?
                } else {
                    b
                }));
            }
        }
        Ok(Some(self.bisect(&fits, guess.min(max), max)?))
    }

    /// The least line in `lo..=hi` at which `fits` holds (it holds at `hi`).
    fn bisect(&self, fits: &dyn Fn(u32) -> Result<bool>, mut lo: u32, mut hi: u32) -> Result<u32> {
        while lo < hi {
            let mid = (lo + hi) / 2;
            if fits(mid)? { hi = mid } else { lo = mid + 1 }
        }
        Ok(hi)
    }

    /// An auto block ending at its least line: laid out with the normal settings, balanced.
    pub fn sized(&self, spans: &[[u32; 2]]) -> Result<(Rects, Fitted)> {
        let trial = self.normal();
        let (rects, th) = self.must_attempt(&trial, spans)?;
        self.finish(trial, rects, th, (Vec::new(), false))
    }

    /// A block of fixed height: the copyfit ladder, then balanced.
    pub fn fitted(&self, spans: &[[u32; 2]]) -> Result<(Rects, Fitted)> {
        let mut trial = self.normal();
        let (rects, th) = match self.attempt(&trial, spans)? {
            Some(a) => a,
            None => {
                // Not even the headline fits with its normal space: try with the least.
                trial.space = self.t_fit().headline_space_min;
                self.must_attempt(&trial, spans)?
            }
        };
        let mut at = Ladder {
            trial,
            rects,
            th,
            steps: Vec::new(),
        };
        if overset(&at.th) {
            self.tighten(spans, &mut at)?;
        } else {
            self.loosen(spans, &mut at)?;
        }
        self.finish(at.trial, at.rects, at.th, (at.steps, true))
    }

    fn t_fit(&self) -> &crate::model::FitRules {
        &self.template().fit
    }

    /// The attempt, or the error that says why the blocks cannot hold the article.
    fn must_attempt(&self, trial: &Trial, spans: &[[u32; 2]]) -> Result<Attempt> {
        let head = self.head_lines(trial)?;
        let rects = self.rects(spans, (head, self.photo_lines(trial)))?;
        let th = self.flow(trial, &rects.frames, &[])?;
        Ok((rects, th))
    }

    /// Overset steps, gentlest first — 开明 once, the headline's space a line at a time, its
    /// quoted phrase broken, the photo a line at a time shorter, a smaller 主题 — each from
    /// where the last kept step left the trial, while the text is still over.
    fn tighten(&self, spans: &[[u32; 2]], at: &mut Ladder) -> Result<()> {
        let rules = self.t_fit();
        let from = self.template().kinsoku.punctuation;
        let tighter =
            matches!(from, PunctStyle::Full | PunctStyle::LineEndHalf) && rules.punctuation != from;
        let spaces = if self.head_shares_body(&at.rects) {
            at.trial.space.saturating_sub(rules.headline_space_min)
        } else {
            0
        };
        let phrase = at.trial.whole && self.whole_costs_a_line()?;
        let (least, _) = self.photo_bounds(spans);
        let shorter = self.photo_lines(&at.trial).saturating_sub(least);
        let tries = (tighter.then_some(Step::Punct).into_iter())
            .chain((0..spaces).map(|_| Step::Space(-1)))
            .chain(phrase.then_some(Step::Phrase))
            .chain((0..shorter).map(|_| Step::Photo(-1)));
        for kind in tries {
            let Stop::Overset(o) = at.th.stop else { break };
            let (step, why) = self.step(kind, &at.trial);
            let Some((r, flowed)) = self.attempt(&step, spans)? else {
                continue;
            };
            // A step is kept only when it gains something (开明 gains nothing in a text
            // without pause marks).
            let gained = match flowed.stop {
                Stop::Overset(p) => p.chars < o.chars,
                Stop::Done { .. } => true,
            };
            if gained {
                let why = format!("{why} ({} over before)", n_lines(o.lines));
                at.keep((step, r, flowed), why);
            }
        }
        self.smaller_title(spans, at)
    }

    /// The trial one ladder step makes of `trial`, with its name.
    fn step(&self, kind: Step, trial: &Trial) -> (Trial, String) {
        match kind {
            Step::Punct => {
                let from = self.template().kinsoku.punctuation;
                let to = self.t_fit().punctuation;
                let step = Trial {
                    punct: Some(to),
                    ..*trial
                };
                let why = format!("punctuation {} → {}", punct_name(from), punct_name(to));
                (step, why)
            }
            Step::Photo(d) => {
                let step = Trial {
                    photo: trial.photo + d,
                    ..*trial
                };
                let (from, to) = (self.photo_lines(trial), self.photo_lines(&step));
                (step, format!("photo {from} → {to} lines"))
            }
            Step::Phrase => {
                let step = Trial {
                    whole: false,
                    ..*trial
                };
                let why = "headline: its quoted phrase broken to save a line".to_string();
                (step, why)
            }
            Step::Space(d) => {
                let space = (trial.space as i32 + d).max(0) as u32;
                let step = Trial { space, ..*trial };
                (
                    step,
                    format!("headline space {} → {space} lines", trial.space),
                )
            }
        }
    }

    /// The 主题 down the template's ladder of sizes, a step at a time, while that saves a
    /// headline line and the text is still over.
    fn smaller_title(&self, spans: &[[u32; 2]], at: &mut Ladder) -> Result<()> {
        let Some(title) = at.trial.size.or(self.title_size()) else {
            return Ok(());
        };
        for &size in self.t_fit().headline_sizes.iter().filter(|&&s| s < title) {
            let Stop::Overset(o) = at.th.stop else { break };
            let step = Trial {
                size: Some(size),
                ..at.trial
            };
            if self.head_lines(&step)? >= self.head_lines(&at.trial)? {
                continue;
            }
            if let Some((r, flowed)) = self.attempt(&step, spans)? {
                let was = at.trial.size.unwrap_or(title);
                let why = format!("主题 {was} → {size} pt ({} over before)", n_lines(o.lines));
                at.keep((step, r, flowed), why);
            }
        }
        Ok(())
    }

    /// Underset steps: more headline space, then a taller photo, a line at a time, while a
    /// column of the last block would still keep two or more empty lines and the text still
    /// fits.
    fn loosen(&self, spans: &[[u32; 2]], at: &mut Ladder) -> Result<()> {
        let rules = self.t_fit();
        let spaces = if self.head_shares_body(&at.rects) {
            rules.headline_space_max.saturating_sub(at.trial.space)
        } else {
            0
        };
        let (_, most) = self.photo_bounds(spans);
        let taller = most.saturating_sub(self.photo_lines(&at.trial));
        let tries =
            ((0..spaces).map(|_| Step::Space(1))).chain((0..taller).map(|_| Step::Photo(1)));
        for kind in tries {
            let empty = empty_lines(&at.th);
            if empty <= *at.rects.per_block.last().unwrap_or(&1) as u32 {
                break;
            }
            let (step, why) = self.step(kind, &at.trial);
            match self.attempt(&step, spans)? {
                Some((r, flowed)) if !overset(&flowed) => {
                    let why = format!("{why} ({} empty before)", n_lines(empty));
                    at.keep((step, r, flowed), why);
                }
                _ => break,
            }
        }
        Ok(())
    }

    /// The least and most lines the block photo may take: the template's shares of its
    /// first block (none without a photo).
    fn photo_bounds(&self, spans: &[[u32; 2]]) -> (u32, u32) {
        if self.photo.is_none() {
            return (0, 0);
        }
        let rules = self.t_fit();
        let lines = spans.first().map_or(0, |s| s[1] + 1 - s[0]) as f32;
        let least = (lines * rules.photo_min_share).ceil().max(1.0) as u32;
        (least, (lines * rules.photo_max_share).floor() as u32)
    }

    /// Whether the headline shares its block with body text (so its space moves the text).
    fn head_shares_body(&self, rects: &Rects) -> bool {
        rects.headline.is_some() && rects.per_block.first().is_some_and(|&n| n > 0)
    }

    /// Balances the last block and writes the instruction for what copyfit left: a block of
    /// fixed height should be filled exactly, an auto block is as short as its text allows.
    fn finish(
        &self,
        trial: Trial,
        rects: Rects,
        th: Flow,
        (steps, fixed): (Vec<String>, bool),
    ) -> Result<(Rects, Fitted)> {
        let (caps, th) = self.balance(&trial, &rects, th)?;
        let instruction = match th.stop {
            Stop::Overset(o) => Some(Copyfit::cut(o.chars)),
            // A line short in a column is no hole; more is, and the editor is told.
            Stop::Done { empty } if fixed && empty > last_columns(&rects) => {
                Some(Copyfit::add(empty, self.chars_per_line(&rects.frames)))
            }
            Stop::Done { .. } => None,
        };
        let fitted = Fitted {
            trial,
            threaded: th,
            caps,
            steps,
            instruction,
        };
        Ok((rects, fitted))
    }

    /// The last block's lines spread evenly over its columns, the longer ones first, when the
    /// text still fits that way.
    fn balance(&self, trial: &Trial, rects: &Rects, th: Flow) -> Result<(Vec<u32>, Flow)> {
        let n = *rects.per_block.last().unwrap_or(&0);
        let first = th.lines.len().saturating_sub(n);
        if n < 2 || overset(&th) {
            return Ok((Vec::new(), th));
        }
        // The columns end on one line (the longer ones first a line lower), counted in rows
        // from the block's top: a column beside a 左上题/右上题 headline or a photo starts
        // `lost` rows higher than one under it.
        let used: u32 = th.placed[first..].iter().sum();
        let lines = &th.lines[first..];
        let rows = lines.iter().copied().max().unwrap_or(0);
        let lost: Vec<u32> = lines.iter().map(|&l| rows - l).collect();
        let reach = used + lost.iter().sum::<u32>();
        let (q, rem) = (reach / n as u32, reach % n as u32);
        if used >= lines.iter().sum::<u32>() || lost.iter().any(|&t| q <= t) {
            return Ok((Vec::new(), th));
        }
        let mut kept: Option<(Vec<u32>, Flow)> = None;
        for extra in [0, 1] {
            let mut caps = vec![u32::MAX; first];
            caps.extend(
                (0..n).map(|j| (q + u32::from((j as u32) < rem) + extra - lost[j]).min(lines[j])),
            );
            let spread = self.flow(trial, &rects.frames, &caps)?;
            if overset(&spread) {
                continue;
            }
            // A 孤行 the balanced columns make is cured by a row more where that ends it.
            match &kept {
                Some((_, k)) if spread.widows >= k.widows => {}
                _ => kept = Some((caps, spread)),
            }
            if kept.as_ref().is_some_and(|(_, k)| k.widows == 0) {
                break;
            }
        }
        Ok(kept.unwrap_or((Vec::new(), th)))
    }
}

/// Lines left empty.
fn empty_lines(th: &Flow) -> u32 {
    match th.stop {
        Stop::Done { empty } => empty,
        Stop::Overset(_) => 0,
    }
}

/// A step of the copyfit ladder.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// 开明 punctuation.
    Punct,
    /// Headline space, a line more or less.
    Space(i32),
    /// The headline's quoted phrase broken when keeping it whole took a line.
    Phrase,
    /// The block photo a line taller or shorter.
    Photo(i32),
}

/// Where the ladder stands: the trial kept so far, what it gives, and the steps taken.
struct Ladder {
    trial: Trial,
    rects: Rects,
    th: Flow,
    steps: Vec<String>,
}

impl Ladder {
    /// Keeps a step's trial and what it gave, with its reason.
    fn keep(&mut self, (trial, rects, th): (Trial, Rects, Flow), why: String) {
        (self.trial, self.rects, self.th) = (trial, rects, th);
        self.steps.push(why);
    }
}

/// "1 line", "3 lines".
fn n_lines(n: u32) -> String {
    if n == 1 {
        "1 line".into()
    } else {
        format!("{n} lines")
    }
}

/// Columns of the last block.
fn last_columns(rects: &Rects) -> u32 {
    *rects.per_block.last().unwrap_or(&1) as u32
}

/// The trade's name of a punctuation style.
fn punct_name(p: PunctStyle) -> &'static str {
    match p {
        PunctStyle::Full => "全角",
        PunctStyle::Kaiming => "开明",
        PunctStyle::Half => "半角",
        PunctStyle::LineEndHalf => "行末半角",
    }
}
