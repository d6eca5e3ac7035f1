//! Where a headline breaks: at phrase boundaries — spaces (which vanish at the break), after
//! punctuation, never inside a quoted or bracketed phrase (“人防+物防+技防”) — else at word
//! boundaries, else wherever body text may break. An editor forces a break with `|`.
//!
//! Words come from ICU4X's dictionary segmenter (`icu_segmenter`, the one Typst uses): its
//! compiled data costs 3.1 MB of binary and 37 µs to open, where jieba-rs, better on some
//! names, took 210 ms to load its dictionary — longer than a whole page takes to compose.

use super::{Line, LineBreaker, LineSettings};
use crate::shape::{CharClass, ShapedPara};
use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;

/// The lines an editor forced with `|`, trimmed, empty ones dropped.
pub fn forced_lines(text: &str) -> Vec<&str> {
    text.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The lines of a headline part at `measure`, balanced. Tried in turn, the first that holds:
/// phrase boundaries, then word boundaries, each in as many lines as the free break and each
/// line ending within two characters of where the free break ends it; then, when the free
/// break would split a quoted or bracketed phrase and `one_more` allows, phrase and word
/// boundaries in one line more; else the free break.
pub fn headline(
    para: &ShapedPara,
    settings: &LineSettings,
    measure: f32,
    one_more: bool,
) -> Vec<Line> {
    let free = balanced(para, settings, measure, None);
    if free.len() < 2 {
        return free;
    }
    let masks = [phrase_breaks(para), word_breaks(para)];
    // Within the measure, and broken only where the mask allows (a breaker with no allowed
    // break on a line breaks it anyway).
    let fits = |lines: &[Line], keep: &[bool]| {
        (lines.iter()).all(|l| l.width <= measure + 0.01 && keep[l.clusters.end])
    };
    for keep in &masks {
        let lines = balanced(para, settings, measure, Some(keep));
        let close =
            (lines.iter().zip(&free)).all(|(a, b)| a.clusters.end.abs_diff(b.clusters.end) <= 2);
        if lines.len() == free.len() && fits(&lines, keep) && close {
            return lines;
        }
    }
    let inside = inside_phrase(para);
    if one_more && free.iter().any(|l| inside[l.clusters.end]) {
        for keep in &masks {
            let lines = balanced(para, settings, measure, Some(keep));
            if lines.len() == free.len() + 1 && fits(&lines, keep) {
                return lines;
            }
        }
    }
    free
}

/// Lines of `para` at `measure`, balanced unless justified: the narrowest measure that keeps
/// as many lines; breaking only where `keep` allows, if given.
pub fn balanced(
    para: &ShapedPara,
    settings: &LineSettings,
    measure: f32,
    keep: Option<&[bool]>,
) -> Vec<Line> {
    // The break opportunities and sums are the paragraph's, not the measure's: found once,
    // and each of the ~14 trial measures starts from a copy.
    let mut base = LineBreaker::new(para, settings);
    if let Some(keep) = keep {
        base = base.only_at(keep);
    }
    let set = |m: f32| {
        let mut b = base.clone();
        std::iter::from_fn(|| b.next_line(m)).collect::<Vec<_>>()
    };
    let lines = set(measure);
    if settings.justify || lines.len() < 2 {
        return lines;
    }
    // The narrowest measure that keeps the same number of lines and compresses no more marks
    // than the full measure did (a headline should not be squeezed to look even).
    let squeezed = |ls: &[Line]| ls.iter().map(|l| l.adjust.compressed).sum::<u32>();
    let allowed = squeezed(&lines);
    let (mut lo, mut hi) = (measure / lines.len() as f32, measure);
    for _ in 0..12 {
        let mid = (lo + hi) / 2.0;
        let trial = set(mid);
        if trial.len() <= lines.len() && squeezed(&trial) <= allowed {
            hi = mid
        } else {
            lo = mid
        }
    }
    set(hi)
}

/// `inside[i]`: cluster `i` is inside a quoted or bracketed phrase (a break before it would
/// split the phrase).
fn inside_phrase(para: &ShapedPara) -> Vec<bool> {
    let n = para.clusters.len();
    let mut inside = vec![false; n + 1];
    let mut depth = 0u32;
    for i in 0..n {
        match para.clusters[i].class {
            CharClass::Opening => depth += 1,
            CharClass::Closing => depth = depth.saturating_sub(1),
            _ => {}
        }
        inside[i + 1] = depth > 0 && i + 1 < n;
    }
    inside
}

/// Breaks between phrases: `mask[i]` allows a break before cluster `i` at a space, after a
/// pause, stop or closing mark, before an opening one — never inside a quoted or bracketed
/// phrase.
pub fn phrase_breaks(para: &ShapedPara) -> Vec<bool> {
    let n = para.clusters.len();
    let inside = inside_phrase(para);
    let class = |i: usize| para.clusters.get(i).map(|c| c.class);
    let mut mask = vec![false; n + 1];
    mask[n] = true;
    for i in 1..n {
        let after_mark = matches!(
            class(i - 1),
            Some(CharClass::Pause | CharClass::Stop | CharClass::Colon | CharClass::Closing)
        );
        let space = class(i - 1) == Some(CharClass::Space) || class(i) == Some(CharClass::Space);
        let opening = class(i) == Some(CharClass::Opening);
        mask[i] = !inside[i] && (after_mark || space || opening);
    }
    mask
}

/// Breaks between words (ICU4X dictionary segmentation) outside quoted and bracketed
/// phrases, and between phrases.
pub fn word_breaks(para: &ShapedPara) -> Vec<bool> {
    // Compiled data: opening the segmenter reads no file and allocates nothing.
    let seg = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    let mut at_byte = vec![false; para.text.len() + 1];
    for b in seg.segment_str(&para.text) {
        at_byte[b] = true;
    }
    let inside = inside_phrase(para);
    let mut mask = phrase_breaks(para);
    for (i, c) in para.clusters.iter().enumerate().skip(1) {
        mask[i] |= at_byte[c.text.start] && !inside[i];
    }
    mask
}
