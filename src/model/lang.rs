//! Simplified or Traditional Chinese: declared on an article (`lang = "zh-Hant"`) or told from
//! its characters. A Traditional article is set in the template's `-hant` fonts where it has
//! them (`serif-hant` for `serif` …: a TC face, with centred punctuation as Taiwan and Hong
//! Kong set it and its zh-Hant glyph forms); without them it keeps the mainland faces, and the
//! build says so.

use serde::Deserialize;

/// The written form of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
pub enum Lang {
    /// Simplified Chinese (mainland): GB punctuation positions.
    #[default]
    #[serde(rename = "zh-Hans")]
    Hans,
    /// Traditional Chinese (Taiwan, Hong Kong): centred punctuation.
    #[serde(rename = "zh-Hant")]
    Hant,
}

/// Common characters written only in Traditional Chinese…
const HANT_ONLY: &str = "這們個說國來時會對學還為與後過麼種點開關問題實現發經進電業區視機長動體當無將從應處產場從頭樂書車邊員讓認義議號環員錢雲門費標準務員聽愛結見覺親記論該請讀變選達運還銷際難須顯風飛";
/// …and their Simplified forms.
const HANS_ONLY: &str = "这们个说国来时会对学还为与后过么种点开关问题实现发经进电业区视机长动体当无将从应处产场从头乐书车边员让认义议号环员钱云门费标准务员听爱结见觉亲记论该请读变选达运还销际难须显风飞";

/// The form `text` is written in: Traditional when clearly more of its characters are
/// Traditional-only than Simplified-only.
pub fn detect(text: &str) -> Lang {
    let (only_hant, only_hans) = forms();
    let (mut hant, mut hans) = (0usize, 0usize);
    for c in text.chars() {
        hant += usize::from(only_hant.binary_search(&c).is_ok());
        hans += usize::from(only_hans.binary_search(&c).is_ok());
    }
    if hant >= 3 && hant > 2 * hans {
        Lang::Hant
    } else {
        Lang::Hans
    }
}

/// The characters only in [`HANT_ONLY`] and only in [`HANS_ONLY`], sorted, made once: a
/// search of the lists per character was 40 % of reading an article.
fn forms() -> &'static (Vec<char>, Vec<char>) {
    static FORMS: std::sync::OnceLock<(Vec<char>, Vec<char>)> = std::sync::OnceLock::new();
    FORMS.get_or_init(|| {
        let only = |a: &str, b: &str| {
            let mut v: Vec<char> = a.chars().filter(|&c| !b.contains(c)).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        (only(HANT_ONLY, HANS_ONLY), only(HANS_ONLY, HANT_ONLY))
    })
}

/// The `-hant` name of font `name` (`serif` → `serif-hant`).
pub fn hant_font(name: &str) -> String {
    format!("{name}-hant")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_text_is_told_from_simplified() {
        assert_eq!(
            detect("這是一段繁體中文，測試標點與避頭尾規則。我們希望每一行都對齊"),
            Lang::Hant
        );
        assert_eq!(
            detect("这是一段简体中文，我们希望每一行都对齐。"),
            Lang::Hans
        );
        // Shared characters decide nothing; a quoted Traditional name does not turn a page.
        assert_eq!(detect("中文排版"), Lang::Hans);
        assert_eq!(detect("他们引用了「這個」一词，说明了问题所在"), Lang::Hans);
    }
}
