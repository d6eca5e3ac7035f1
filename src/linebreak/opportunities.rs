//! Where a line may break: UAX #14 (unicode-linebreak) inside Latin and number runs, our own
//! CJK rules wherever a full-width character is involved (CLREQ
//! #prohibition_rules_for_line_start_end and #prohibition_rules_for_unbreakable_marks).
//!
//! UAX #14 is not used next to CJK text because it treats “ and ” as ambiguous quotes (QU) and
//! forbids breaks Chinese allows (before “, after ”).

use super::address::{addresses, may_break};
use crate::model::{Kinsoku, KinsokuLevel};
use crate::shape::{CharClass, ShapedPara};

/// Han characters that act as units after a number: `2023年`, `5月`, `64万` stay together
/// (CLREQ #prohibition_rules_for_unbreakable_marks); others (`9000多元`) may break.
const UNITS: &str = "年月日时分秒号元角万亿个岁米吨度倍项届期次名";

/// `allowed[i]`: a line may break before cluster `i` (`allowed[0]` is false; `allowed[n]` true);
/// and `solid[i]`: the gap after cluster `i` is inside a URL or e-mail address, set without
/// added space — both from one scan for addresses.
pub(crate) fn break_opportunities(para: &ShapedPara, rules: &Kinsoku) -> (Vec<bool>, Vec<bool>) {
    let n = para.clusters.len();
    let mut uax = vec![false; para.text.len() + 1];
    for (at, _) in unicode_linebreak::linebreaks(&para.text) {
        uax[at] = true;
    }
    let mut allowed = vec![false; n + 1];
    allowed[n] = true;
    for (i, pair) in para.clusters.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        let (ta, tb) = (&para.text[a.text.clone()], &para.text[b.text.clone()]);
        allowed[i + 1] = if a.class == CharClass::Digit && tb.starts_with(|c| UNITS.contains(c)) {
            false
        } else if full_width_word(ta, tb) {
            // UAX #14 breaks between full-width digits and letters (class ID); they are a
            // number or a word all the same.
            false
        } else if a.class.is_cjk() || b.class.is_cjk() {
            cjk_break(a.class, b.class, tb, rules)
                && (rules.level == KinsokuLevel::None || !ascii_kinsoku(ta, tb, rules.level))
        } else {
            uax[b.text.start]
        };
    }
    // Inside a URL or e-mail address: breaks only at its joints, and no added space
    // (`solid[i]`: the gap after cluster `i` is inside one).
    let mut solid = vec![false; n];
    for url in addresses(&para.text) {
        for (i, pair) in para.clusters.windows(2).enumerate() {
            let (a, b) = (&pair[0], &pair[1]);
            if a.text.start >= url.start && b.text.end <= url.end {
                allowed[i + 1] = may_break(&para.text[url.clone()], b.text.start - url.start);
                solid[i] = true;
            }
        }
    }
    (allowed, solid)
}

/// Whether `a` ends and `b` starts with letters or digits, one of them full width.
fn full_width_word(a: &str, b: &str) -> bool {
    let alnum =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ');
    let wide = |c: char| !c.is_ascii();
    match (a.chars().last(), b.chars().next()) {
        (Some(x), Some(y)) => alnum(x) && alnum(y) && (wide(x) || wide(y)),
        _ => false,
    }
}

/// Half-width marks left in Chinese text (Latin context, or repair switched off) follow the
/// same rule as their full-width forms: `.,;:?!)]}%` never start a line, `([{` never end one;
/// from the GB level on, the 分隔号 `/` (half or full width) neither starts nor ends a line —
/// it stays between the words it separates (GB/T 15834 §4.17, CLREQ's GB prohibition rules). The units after a number — `％ ‰ ℃`, full width
/// or not — never start a line either: they stay with their number (CLREQ, 不可分离).
fn ascii_kinsoku(a: &str, b: &str, level: KinsokuLevel) -> bool {
    b.starts_with([
        '.', ',', ';', ':', '?', '!', ')', ']', '}', '%', '％', '‰', '℃',
    ]) || a.ends_with(['(', '[', '{'])
        || (level >= KinsokuLevel::Gb && (a.ends_with(['/', '／']) || b.starts_with(['/', '／'])))
}

/// The 避头尾 rule of `rules.level`, always with the unbreakable pairs —— and …….
fn cjk_break(a: CharClass, b: CharClass, tb: &str, rules: &Kinsoku) -> bool {
    if a == b && matches!(a, CharClass::Dash | CharClass::Ellipsis) {
        return false;
    }
    if rules.level == KinsokuLevel::None {
        return true;
    }
    // Newspaper relaxation (JLREQ): ？！ may start a line on a short measure.
    let relaxed = rules.relax_question && tb.starts_with(['？', '！']);
    if (b.no_start() && !relaxed) || a.no_end() {
        return false;
    }
    !(rules.level == KinsokuLevel::Strict && matches!(b, CharClass::Dash | CharClass::Ellipsis))
}

/// Whether extra space may be put between clusters `i` and `i + 1` when a line is stretched:
/// not inside ——/……, a Latin word, a number (CLREQ #line_adjustment) or a URL (`solid`).
pub(crate) fn stretchable(
    para: &ShapedPara,
    (allowed, solid): (&[bool], &[bool]),
    i: usize,
) -> bool {
    let (a, b) = (&para.clusters[i], &para.clusters[i + 1]);
    if solid[i] {
        return false;
    }
    if a.class == b.class && matches!(a.class, CharClass::Dash | CharClass::Ellipsis) {
        return false;
    }
    // A space widens once (after itself), not on both sides.
    if b.class == CharClass::Space {
        return false;
    }
    if a.class == CharClass::Space {
        return true;
    }
    a.class.is_cjk() || b.class.is_cjk() || allowed[i + 1]
}
