//! Where a line may break: UAX #14 (unicode-linebreak) inside Latin and number runs, our own
//! CJK rules wherever a full-width character is involved (CLREQ
//! #prohibition_rules_for_line_start_end and #prohibition_rules_for_unbreakable_marks).
//!
//! UAX #14 is not used next to CJK text because it treats “ and ” as ambiguous quotes (QU) and
//! forbids breaks Chinese allows (before “, after ”).

use crate::shape::{CharClass, ShapedPara};

/// `allowed[i]`: a line may break before cluster `i` (`allowed[0]` is false; `allowed[n]` true).
pub fn break_opportunities(para: &ShapedPara) -> Vec<bool> {
    let n = para.clusters.len();
    let mut uax = vec![false; para.text.len() + 1];
    for (at, _) in unicode_linebreak::linebreaks(&para.text) {
        uax[at] = true;
    }
    let mut allowed = vec![false; n + 1];
    allowed[n] = true;
    for (i, pair) in para.clusters.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        allowed[i + 1] = if a.class.is_cjk() || b.class.is_cjk() {
            cjk_break(a.class, b.class)
                && !ascii_kinsoku(&para.text[a.text.clone()], &para.text[b.text.clone()])
        } else {
            uax[b.text.start]
        };
    }
    allowed
}

/// Half-width marks left in Chinese text (Latin context, or repair switched off) follow the
/// same rule as their full-width forms: `.,;:?!)]}%` never start a line, `([{` never end one.
fn ascii_kinsoku(a: &str, b: &str) -> bool {
    b.starts_with(['.', ',', ';', ':', '?', '!', ')', ']', '}', '%'])
        || a.ends_with(['(', '[', '{'])
}

/// The basic 避头尾 rule plus the unbreakable pairs —— and …….
fn cjk_break(a: CharClass, b: CharClass) -> bool {
    if b.no_start() || a.no_end() {
        return false;
    }
    let pair = a == b && matches!(a, CharClass::Dash | CharClass::Ellipsis);
    // Never break between a space and what follows it inside Latin: handled by UAX; here a
    // space before CJK is a normal break point.
    !pair
}

/// Whether extra space may be put between clusters `i` and `i + 1` when a line is stretched:
/// not inside ——/…… and not inside a Latin word or a number (CLREQ #line_adjustment).
pub fn stretchable(para: &ShapedPara, allowed: &[bool], i: usize) -> bool {
    let (a, b) = (&para.clusters[i], &para.clusters[i + 1]);
    if a.class == b.class && matches!(a.class, CharClass::Dash | CharClass::Ellipsis) {
        return false;
    }
    a.class.is_cjk() || b.class.is_cjk() || allowed[i + 1]
}
