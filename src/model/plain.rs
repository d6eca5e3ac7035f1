//! What is not text, put right before anything reads it: the line endings, controls and
//! invisible format characters that word processors, web pages and chat apps leave in pasted
//! copy, and decomposed accents. None of them is a character a font sets, so each would
//! otherwise be reported as "in no font" (or stop the build) with the wrong fix.

use std::borrow::Cow;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// An article's or caption's text as the pipeline takes it: CRLF, a lone CR and U+2028 (line
/// separator) end a line, U+2029 (paragraph separator) a paragraph; a tab or other control
/// is a space; format characters that draw nothing are dropped (zero-width space, joiners,
/// soft hyphen, BOM, bidirectional marks, word joiner, object replacement); and the text is
/// composed (NFC: `e` + U+0301 is `é`, which the fonts have). Variation selectors stay: the
/// coverage check applies or drops them with a warning.
pub fn article(text: &str) -> Cow<'_, str> {
    clean(text, Lines::Article)
}

/// A TOML file's text: as [`article`], but its lines kept as they are (TOML gives them
/// meaning; a lone CR is left for its parser to place) and a line or paragraph separator
/// inside a value a space.
pub fn toml(text: &str) -> Cow<'_, str> {
    clean(text, Lines::Toml)
}

/// A one-line value of a plan or template (a page name, an editor, a masthead line, a
/// continuation title, a jump line): as [`article`], each line break a space.
pub fn line(text: &str) -> String {
    article(text).replace('\n', " ")
}

/// Deserialises a one-line string value put right ([`line`]): a tab typed as `\t` in a TOML
/// string, or a zero-width space pasted into a name, is no character to set.
pub(crate) fn de_line<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s: String = serde::Deserialize::deserialize(d)?;
    Ok(line(&s))
}

/// [`de_line`] for an optional value.
pub(crate) fn de_opt_line<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    let s: Option<String> = serde::Deserialize::deserialize(d)?;
    Ok(s.map(|s| line(&s)))
}

/// Deserialises a box's text put right as an article's ([`article`]; its lines kept).
pub(crate) fn de_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s: String = serde::Deserialize::deserialize(d)?;
    Ok(article(&s).into_owned())
}

/// What line breaks mean in the text being cleaned.
#[derive(Clone, Copy, PartialEq)]
enum Lines {
    Article,
    Toml,
}

/// `text` put right as `lines` says; borrowed when nothing changes (the usual case).
fn clean(text: &str, lines: Lines) -> Cow<'_, str> {
    let odd = |c: char| (c.is_control() && c != '\n') || invisible(c) || is_separator(c);
    let composed = matches!(is_nfc_quick(text.chars()), IsNormalized::Yes);
    if composed && !text.chars().any(odd) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, lines) {
            ('\r', _) if chars.peek() == Some(&'\n') => {} // CRLF: the \n follows
            ('\r', Lines::Toml) => out.push('\r'),
            // A lone CR ends a line (old Mac files); so do the other line breaks.
            ('\r' | '\u{2028}' | '\u{0B}' | '\u{0C}' | '\u{85}', Lines::Article) => out.push('\n'),
            ('\u{2029}', Lines::Article) => out.push_str("\n\n"),
            ('\n', _) => out.push('\n'),
            _ if invisible(c) => {}
            _ if c.is_control() || is_separator(c) => out.push(' '),
            _ => out.push(c),
        }
    }
    match composed {
        true => Cow::Owned(out),
        false => Cow::Owned(out.nfc().collect()),
    }
}

fn is_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// Format characters that draw nothing and mean nothing to a newspaper page (Unicode's
/// Default_Ignorable_Code_Point, less the variation selectors, and U+FFFC, the placeholder a
/// word processor leaves for an embedded picture).
fn invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180E
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFEFF | 0xFFA0
        | 0xFFF0..=0xFFF8 | 0xFFFC | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0000..=0xE007F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_controls_and_invisibles_become_text() {
        assert_eq!(article("甲\t乙"), "甲 乙");
        assert_eq!(article("甲\r乙\r\n丙"), "甲\n乙\n丙");
        assert_eq!(article("甲\u{200B}乙\u{FEFF}丙\u{00AD}丁"), "甲乙丙丁");
        assert_eq!(article("甲\u{2028}乙\u{2029}丙"), "甲\n乙\n\n丙");
        assert_eq!(article("Cafe\u{301}"), "Café");
        assert_eq!(
            article("中\u{FE0F}"),
            "中\u{FE0F}",
            "selectors are the coverage check's"
        );
        assert!(matches!(
            article("本报讯（记者）\n正文。"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn toml_keeps_its_lines_and_gets_spaces_for_tabs_and_separators() {
        assert_eq!(
            toml("a = 1\r\nb = \"李\t明\u{2028}远\"\n"),
            "a = 1\nb = \"李 明 远\"\n"
        );
        assert_eq!(toml("x = \"\u{200B}e\u{301}\""), "x = \"é\"");
        assert!(matches!(toml("page = 1\n"), Cow::Borrowed(_)));
    }
}
