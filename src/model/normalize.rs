//! Repair of half-width punctuation pasted into Chinese text (typography.md §4, GB/T 15834).
//!
//! Converted text often carries ASCII `, ; : ? ! ( )` between Han characters. In Chinese
//! context — a Han character or CJK punctuation on either side — they become full-width;
//! inside Latin text, numbers (`1,234`, `12:30`) and URLs they stay. Brackets are repaired in
//! pairs so `(ICU)` inside Chinese does not end up half-converted.

/// Returns `text` with half-width punctuation in Chinese context made full-width.
pub fn normalize_punctuation(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut convert: Vec<bool> = (0..chars.len())
        .map(|i| in_chinese_context(&chars, i))
        .collect();
    pair_brackets(&chars, &mut convert);
    chars
        .iter()
        .zip(&convert)
        .map(|(&c, &conv)| if conv { full_width(c).unwrap_or(c) } else { c })
        .collect()
}

fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// Han ideographs (URO, Ext A, compatibility, supplementary planes).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// CJK punctuation: CJK Symbols and Punctuation, full-width forms, curly quotes, ——, ……, ·.
fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

fn chinese(c: Option<&char>) -> bool {
    c.is_some_and(|&c| is_han(c) || is_cjk_punct(c))
}

/// Whether `c` is Chinese text: a Han character or CJK punctuation.
pub(super) fn is_chinese(c: Option<char>) -> bool {
    chinese(c.as_ref())
}

fn in_chinese_context(chars: &[char], i: usize) -> bool {
    if full_width(chars[i]).is_none() {
        return false;
    }
    let prev = i.checked_sub(1).and_then(|p| chars.get(p));
    let next = chars.get(i + 1);
    // `5,000` and `12:30` are numbers, whatever surrounds them.
    let digit = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_digit());
    if digit(prev) && digit(next) {
        return false;
    }
    chinese(prev) || chinese(next)
}

/// A bracket pair converts together when either half is in Chinese context.
fn pair_brackets(chars: &[char], convert: &mut [bool]) {
    let mut open: Vec<usize> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '(' => open.push(i),
            ')' => {
                if let Some(o) = open.pop() {
                    let both = convert[o] || convert[i];
                    convert[o] = both;
                    convert[i] = both;
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_punctuation as n;

    #[test]
    fn seed_dateline_is_repaired() {
        assert_eq!(
            n("本报讯(通讯员吴申畅)5月27日,区委"),
            "本报讯（通讯员吴申畅）5月27日，区委"
        );
    }

    #[test]
    fn all_marks_between_han() {
        assert_eq!(n("甲,乙;丙:丁?戊!己"), "甲，乙；丙：丁？戊！己");
    }

    #[test]
    fn numbers_latin_and_urls_stay() {
        assert_eq!(n("共1,234元"), "共1,234元");
        assert_eq!(n("12:30开会"), "12:30开会");
        assert_eq!(n("see https://a.b/c?x=1, ok"), "see https://a.b/c?x=1, ok");
        assert_eq!(n("Hello, world (test)"), "Hello, world (test)");
    }

    #[test]
    fn bracket_pairs_convert_together() {
        assert_eq!(n("送进医院(ICU)抢救"), "送进医院（ICU）抢救");
        assert_eq!(n("村(社区)+部门"), "村（社区）+部门");
    }

    #[test]
    fn next_to_cjk_punctuation_counts_as_chinese() {
        assert_eq!(n("“四风”,持续"), "“四风”，持续");
    }
}
