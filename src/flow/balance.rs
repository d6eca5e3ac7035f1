//! Balanced columns (`balance = true`): the thread's regions end on one common line, the
//! lowest at which the text still fits.

use super::{Flowed, Region, Stop, faults, fill};
use crate::linebreak::LineSettings;
use crate::shape::ShapedPara;

/// The regions cut to the lowest common last line that holds the text, and the text flowed
/// into them. A region is never lengthened past its own foot nor cut under one line. The
/// common end row is found by binary search (more rows never hurt); one row more is taken
/// when that saves a paragraph's last line from standing alone (孤行).
pub(super) fn balance(
    paras: &[ShapedPara],
    settings: &LineSettings,
    regions: Vec<Region>,
    flowed: Flowed,
) -> (Vec<Region>, Flowed) {
    if !matches!(flowed.stop, Stop::Done { empty } if empty > 0) || regions.len() < 2 {
        return (regions, flowed);
    }
    let pitch = regions[0].pitch;
    let top = regions
        .iter()
        .map(Region::first_baseline)
        .fold(f32::INFINITY, f32::min);
    let start = |r: &Region| ((r.first_baseline() - top) / pitch).round() as u32;
    let rows = regions
        .iter()
        .map(|r| start(r) + r.lines)
        .max()
        .unwrap_or(1);
    let cut = |end: u32| -> Vec<Region> {
        regions
            .iter()
            .map(|r| Region {
                lines: end.saturating_sub(start(r)).clamp(1, r.lines),
                ..*r
            })
            .collect()
    };
    let (mut lo, mut hi) = (1, rows);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let trial = fill(paras, settings, &cut(mid));
        if matches!(trial.stop, Stop::Done { .. }) {
            hi = mid
        } else {
            lo = mid + 1
        }
    }
    let widows = |f: &Flowed| faults::count(paras, f).widows;
    let mut best = (cut(hi), fill(paras, settings, &cut(hi)));
    if widows(&best.1) > 0 && hi < rows {
        let more = fill(paras, settings, &cut(hi + 1));
        if widows(&more) < widows(&best.1) {
            best = (cut(hi + 1), more);
        }
    }
    best
}
