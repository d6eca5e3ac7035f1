//! Paragraph ends the rules could not avoid, counted once per thread: a last line of one
//! character (孤字) and a last line alone at the head of a region (孤行), CLREQ
//! #handling_of_the_last_line.

use super::Flowed;
use crate::shape::{CharClass, ShapedPara};

/// The 孤字 and 孤行 left in a flowed thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Faults {
    /// Paragraphs ending in a one-character line (孤字).
    pub lone_chars: u32,
    /// Paragraphs whose last line stands alone at the head of a region (孤行).
    pub widows: u32,
}

/// Counts the faults of `flowed`, whose lines were set from `paras`.
pub fn count(paras: &[ShapedPara], flowed: &Flowed) -> Faults {
    let mut out = Faults::default();
    for (i, l) in flowed.lines.iter().enumerate() {
        let next = flowed.lines.get(i + 1);
        if next.is_some_and(|n| n.para == l.para) {
            continue; // not a paragraph's last line
        }
        let p = &paras[l.para];
        let visible = l
            .line
            .clusters
            .clone()
            .filter(|&c| p.clusters[c].class != CharClass::Space)
            .count();
        let prev = i.checked_sub(1).map(|k| &flowed.lines[k]);
        if visible == 1 && prev.is_some_and(|pr| pr.para == l.para) {
            out.lone_chars += 1;
        }
        if l.row == 0 && prev.is_some_and(|pr| pr.para == l.para && pr.region != l.region) {
            out.widows += 1;
        }
    }
    out
}
