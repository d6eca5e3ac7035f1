//! Setting one line: punctuation compression and justification in CLREQ's order
//! (#line_adjustment): shrink first (marks with a blank half), stretch only when needed
//! (equal spacing between characters, never inside ——, ……, numbers or Latin words).

use super::opportunities::stretchable;
use super::{EPS, Line, LineBreaker};
use crate::model::PunctStyle;
use crate::shape::{Blank, CharClass, Cluster, ShapedPara};
use std::ops::Range;

/// How a line's end was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakKind {
    /// At the last break that fits.
    Natural,
    /// A mark that may not start a line was pulled in by compressing punctuation (推入).
    PushIn,
    /// A character was moved to the next line and the rest spread (推出).
    PushOut,
    /// No break opportunity fitted; broken where the measure ran out.
    Forced,
    /// Inside a Latin word, at a hyphenation point, with a hyphen.
    Hyphen,
}

/// What was applied to a line, for the layout dump.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Adjust {
    /// How the break was chosen.
    pub kind: BreakKind,
    /// Marks compressed by ½ em or less to make the line fit (push-in).
    pub compressed: u32,
    /// Total compression in points.
    pub shrink: f32,
    /// Extra space per gap in points.
    pub stretch: f32,
    /// Gaps that took extra space.
    pub gaps: u32,
    /// Extra space given first to Latin word spaces and Han–Latin spaces, in points.
    pub spaces: f32,
}

impl std::fmt::Display for Adjust {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.kind {
            BreakKind::Natural => "",
            BreakKind::PushIn => "push-in ",
            BreakKind::PushOut => "push-out ",
            BreakKind::Forced => "forced ",
            BreakKind::Hyphen => "hyphen ",
        };
        write!(f, "{kind}")?;
        if self.compressed > 0 {
            write!(f, "compress {:.2}pt/{} ", self.shrink, self.compressed)?;
        }
        if self.spaces > 0.005 {
            write!(f, "spaces {:+.2}pt ", self.spaces)?;
        }
        if self.gaps > 0 {
            write!(f, "expand {:+.2}pt×{}", self.stretch, self.gaps)?;
        }
        Ok(())
    }
}

fn half(c: &Cluster) -> f32 {
    c.size / 2.0
}

/// Fixed compression of adjacent marks: `。”`, `），`, `，“` take 1.5 em, not 2 em (CLREQ
/// #punctuation_width_adjustment). The blank removed is the first mark's right half, or else
/// the second mark's left half.
pub(super) fn pair_squeeze(para: &ShapedPara) -> Vec<f32> {
    let cl = &para.clusters;
    let mut squeeze = vec![0.0; cl.len()];
    for i in 1..cl.len() {
        let (a, b) = (&cl[i - 1], &cl[i]);
        match (a.blank, b.blank) {
            (Some(Blank::Right), Some(_)) if squeeze[i - 1] == 0.0 => squeeze[i - 1] = half(a),
            (Some(_), Some(Blank::Left)) => squeeze[i] = half(b),
            _ => {}
        }
    }
    squeeze
}

/// Fixed compression for the punctuation style: adjacent pairs always, and in 开明 every mark
/// but 。？！, in 半角 every mark, set to ½ em.
pub(super) fn style_squeeze(para: &ShapedPara, style: PunctStyle) -> Vec<f32> {
    let mut squeeze = pair_squeeze(para);
    for (c, s) in para.clusters.iter().zip(squeeze.iter_mut()) {
        let all = match style {
            PunctStyle::Half => true,
            PunctStyle::Kaiming => c.class != CharClass::Stop,
            PunctStyle::Full | PunctStyle::LineEndHalf => false,
        };
        if all && c.blank.is_some() {
            *s = half(c);
        }
    }
    squeeze
}

/// The blank right half of cluster `i` that may hang past the line end.
pub(super) fn right_blank(para: &ShapedPara, squeeze: &[f32], i: usize) -> f32 {
    let c = &para.clusters[i];
    if c.blank == Some(Blank::Right) && squeeze[i] == 0.0 {
        half(c)
    } else {
        0.0
    }
}

/// Compression a mark may take when a line must shrink; 。？！ stay full width (全角 style).
pub(super) fn optional_squeeze(c: &Cluster) -> f32 {
    match c.blank {
        Some(_) if c.class != CharClass::Stop => half(c),
        _ => 0.0,
    }
}

/// Sets `range` as a line of `measure` points: compresses or stretches, and places clusters.
/// Three steps: shrink what does not fit (CLREQ's order), stretch a justified line to the
/// measure, then place every cluster at its x.
pub(super) fn set_line(
    b: &LineBreaker,
    range: Range<usize>,
    indent: f32,
    measure: f32,
    kind: BreakKind,
    last: bool,
) -> Line {
    let para = b.para;
    let range = trim_spaces(para, range);
    let mut squeeze: Vec<f32> = range.clone().map(|i| b.squeeze[i]).collect();
    if let Some(first) = squeeze.first_mut() {
        *first += b.start_squeeze(range.start);
    }
    let trimmed = b.natural(range.clone());
    let end_blank = range.end.checked_sub(1).map_or(0.0, |l| b.end_trim(l));
    let avail = measure - indent;
    let mut adjust = Adjust {
        kind,
        compressed: 0,
        shrink: 0.0,
        stretch: 0.0,
        gaps: 0,
        spaces: 0.0,
    };
    let justify = b.justify && !last;
    let fit = (trimmed + end_blank, end_blank, avail, last);
    let natural = shrink_to_fit(b, &range, &mut squeeze, fit, &mut adjust);
    let extra = match justify {
        true => stretch_to_measure(b, &range, (natural, avail), &mut adjust),
        false => Vec::new(),
    };
    let xs = place_clusters(b, &range, (&squeeze, &extra), indent);
    let width = if justify {
        measure
    } else {
        indent + trimmed.min(natural - adjust.shrink)
    };
    Line {
        clusters: range,
        xs,
        width,
        adjust,
        last,
        hyphen: None,
    }
}

/// Shrinks a line of natural width `full` that does not fit `avail`, in CLREQ's order: the
/// line-end mark's blank half first, then the other marks. Any line that does not fit is
/// shrunk (a pushed-in last line or a headline too). Returns the width after the line-end
/// trim.
fn shrink_to_fit(
    b: &LineBreaker,
    range: &Range<usize>,
    squeeze: &mut [f32],
    (full, end_blank, avail, last): (f32, f32, f32, bool),
    adjust: &mut Adjust,
) -> f32 {
    let mut natural = full;
    let end_half = b.style == PunctStyle::LineEndHalf && !last;
    if full > avail + EPS || end_half {
        let end_shrink = if end_half {
            end_blank
        } else {
            (full - avail).min(end_blank)
        };
        if let Some(k) = squeeze.len().checked_sub(1) {
            squeeze[k] += end_shrink;
        }
        natural = full - end_shrink;
        if natural > avail + EPS {
            shrink(b.para, range, squeeze, natural - avail, adjust);
        }
    }
    natural
}

/// The space added after each cluster of a justified line of width `natural` to fill
/// `avail`; only stretching is for justified lines.
fn stretch_to_measure(
    b: &LineBreaker,
    range: &Range<usize>,
    (natural, avail): (f32, f32),
    adjust: &mut Adjust,
) -> Vec<f32> {
    let mut gaps: Vec<bool> = (range.start..range.end.saturating_sub(1))
        .map(|i| stretchable(b.para, (&b.allowed, &b.solid), i))
        .collect();
    // A line of one unbreakable word (a URL piece on a narrow measure) has no gap CLREQ allows
    // to stretch; letter-spacing it evenly is the last resort before leaving it short.
    if gaps.iter().all(|g| !g) {
        gaps.iter_mut().for_each(|g| *g = true);
    }
    let n_gaps = gaps.iter().filter(|g| **g).count();
    let mut extra = vec![0.0; gaps.len()];
    if natural < avail - EPS && n_gaps > 0 {
        let rest = stretch_in_order(b, range, &gaps, avail - natural, &mut extra);
        adjust.spaces = avail - natural - rest;
        if rest > EPS {
            adjust.stretch = rest / n_gaps as f32;
            adjust.gaps = n_gaps as u32;
        }
        for (e, g) in extra.iter_mut().zip(&gaps) {
            if *g {
                *e += adjust.stretch;
            }
        }
    }
    extra
}

/// The x of every cluster from `indent`: advances, squeezes, gaps and stretch.
fn place_clusters(
    b: &LineBreaker,
    range: &Range<usize>,
    (squeeze, extra): (&[f32], &[f32]),
    indent: f32,
) -> Vec<f32> {
    let mut xs = Vec::with_capacity(range.len());
    let mut pen = indent;
    for (k, i) in range.clone().enumerate() {
        let c = &b.para.clusters[i];
        let s = squeeze[k];
        if k > 0 {
            pen += b.gap[i];
        }
        xs.push(if c.blank == Some(Blank::Left) {
            pen - s
        } else {
            pen
        });
        pen += c.advance - s;
        pen += extra.get(k).copied().unwrap_or(0.0);
    }
    xs
}

/// Stretch in CLREQ's order (#line_adjustment): Latin word spaces up to ½ em, then Han–Latin
/// spaces up to ½ em; returns what is left for equal spacing between all characters.
fn stretch_in_order(
    b: &LineBreaker,
    range: &Range<usize>,
    gaps: &[bool],
    mut need: f32,
    extra: &mut [f32],
) -> f32 {
    let para = b.para;
    // Room of gap k (after cluster range.start + k) in each tier.
    let word_space = |k: usize| {
        let c = &para.clusters[range.start + k];
        (c.class == CharClass::Space && gaps[k]).then(|| (c.size / 2.0 - c.advance).max(0.0))
    };
    let han_latin = |k: usize| {
        let next = range.start + k + 1;
        (b.gap[next] > 0.0).then(|| (para.clusters[next].size / 2.0 - b.gap[next]).max(0.0))
    };
    for tier in [&word_space as &dyn Fn(usize) -> Option<f32>, &han_latin] {
        let rooms: Vec<(usize, f32)> = (0..gaps.len())
            .filter_map(|k| tier(k).map(|r| (k, r)))
            .collect();
        let room: f32 = rooms.iter().map(|r| r.1).sum();
        if room <= 0.0 || need <= 0.0 {
            continue;
        }
        let share = (need / room).min(1.0);
        for (k, r) in rooms {
            extra[k] += r * share;
        }
        need -= room.min(need);
    }
    need
}

/// Drops trailing spaces from a line.
fn trim_spaces(para: &ShapedPara, mut range: Range<usize>) -> Range<usize> {
    while range.end > range.start && para.clusters[range.end - 1].class == CharClass::Space {
        range.end -= 1;
    }
    range
}

/// Push-in: compress the line's marks equally (each at most ½ em) by `excess` points.
fn shrink(
    para: &ShapedPara,
    range: &Range<usize>,
    squeeze: &mut [f32],
    excess: f32,
    adjust: &mut Adjust,
) {
    let last = range.end - 1;
    let candidates: Vec<usize> = range
        .clone()
        .filter(|&i| {
            i != last
                && squeeze[i - range.start] == 0.0
                && optional_squeeze(&para.clusters[i]) > 0.0
        })
        .collect();
    if candidates.is_empty() {
        return;
    }
    let each = excess / candidates.len() as f32;
    for &i in &candidates {
        let s = each.min(optional_squeeze(&para.clusters[i]));
        squeeze[i - range.start] = s;
        adjust.shrink += s;
    }
    adjust.compressed = candidates.len() as u32;
}
