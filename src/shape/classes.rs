//! Character classes for Chinese line composition (CLREQ §3.1.7 punctuation, JLREQ
//! Appendix A classes), as a data table. Mainland (GB) fonts set 。，、；： at the bottom-left of
//! the em box and closing marks at the left, so their blank half is on the right; opening marks
//! have it on the left (CLREQ #punctuation_width_adjustment).

/// The class of one character for breaking and spacing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharClass {
    /// Opening brackets and quotes: never end a line.
    Opening,
    /// Closing brackets and quotes: never start a line.
    Closing,
    /// Pause marks 、，: never start a line.
    Pause,
    /// Stop marks 。？！: never start a line.
    Stop,
    /// Colon and semicolon ：；: never start a line.
    Colon,
    /// Middle dots · ・: never start a line.
    MiddleDot,
    /// Dash — (two make one unbreakable ——).
    Dash,
    /// Ellipsis … (two make one unbreakable ……).
    Ellipsis,
    /// Han ideographs and other full-width letters: a break is allowed on either side.
    Han,
    /// Latin letters and other proportional text: breaks follow UAX #14.
    Latin,
    /// ASCII and full-width digits.
    Digit,
    /// Spaces.
    Space,
}

/// Which side of the em box a compressible mark leaves blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blank {
    /// Blank on the left (opening marks).
    Left,
    /// Blank on the right (closing, pause, stop marks in GB fonts).
    Right,
}

const OPENING: &str = "（〔【《〈「『“‘［｛〖〘｟";
const CLOSING: &str = "）〕】》〉」』”’］｝〗〙｠";
const PAUSE: &str = "，、";
const STOP: &str = "。？！．";
const COLON: &str = "：；";
const MIDDLE: &str = "·・‧";

/// The class of `c`.
pub fn class_of(c: char) -> CharClass {
    match c {
        // Ideographs — nearly every character of an article — are in none of the lists.
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{20000}'..='\u{3134F}' => {
            CharClass::Han
        }
        _ if OPENING.contains(c) => CharClass::Opening,
        _ if CLOSING.contains(c) => CharClass::Closing,
        _ if PAUSE.contains(c) => CharClass::Pause,
        _ if STOP.contains(c) => CharClass::Stop,
        _ if COLON.contains(c) => CharClass::Colon,
        _ if MIDDLE.contains(c) => CharClass::MiddleDot,
        '—' | '⸺' => CharClass::Dash,
        '…' => CharClass::Ellipsis,
        '0'..='9' | '０'..='９' => CharClass::Digit,
        // Full-width letters (ＡＢＣ, pasted from GBK-era systems) are Latin for spacing and
        // breaking, though the font sets them an em wide.
        'Ａ'..='Ｚ' | 'ａ'..='ｚ' => CharClass::Latin,
        ' ' | '\u{a0}' | '\t' => CharClass::Space,
        c if c.is_ascii() || is_latin(c) => CharClass::Latin,
        _ => CharClass::Han,
    }
}

fn is_latin(c: char) -> bool {
    matches!(c as u32, 0x00A1..=0x024F | 0x2000..=0x2012 | 0x2016..=0x2017 | 0x2030..=0x205E)
}

impl CharClass {
    /// May not begin a line under the basic 避头尾 rule (CLREQ #prohibition_rules_for_line_start_end).
    pub fn no_start(self) -> bool {
        matches!(
            self,
            Self::Closing | Self::Pause | Self::Stop | Self::Colon | Self::MiddleDot
        )
    }

    /// May not end a line under the basic 避头尾 rule.
    pub fn no_end(self) -> bool {
        self == Self::Opening
    }

    /// Full-width CJK text (ideographs and CJK punctuation), as opposed to proportional text.
    pub fn is_cjk(self) -> bool {
        !matches!(self, Self::Latin | Self::Digit | Self::Space)
    }

    /// The blank half of a full-width mark that compression may remove.
    pub fn blank(self) -> Option<Blank> {
        match self {
            Self::Opening => Some(Blank::Left),
            Self::Closing | Self::Pause | Self::Stop | Self::Colon => Some(Blank::Right),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases = [
            ('（', CharClass::Opening),
            ('“', CharClass::Opening),
            ('”', CharClass::Closing),
            ('》', CharClass::Closing),
            ('，', CharClass::Pause),
            ('、', CharClass::Pause),
            ('。', CharClass::Stop),
            ('！', CharClass::Stop),
            ('：', CharClass::Colon),
            ('·', CharClass::MiddleDot),
            ('—', CharClass::Dash),
            ('…', CharClass::Ellipsis),
            ('5', CharClass::Digit),
            ('I', CharClass::Latin),
            ('苧', CharClass::Han),
            (' ', CharClass::Space),
        ];
        for (c, class) in cases {
            assert_eq!(class_of(c), class, "{c}");
        }
    }

    #[test]
    fn kinsoku_basic() {
        assert!(class_of('，').no_start() && class_of('”').no_start() && class_of('·').no_start());
        assert!(!class_of('“').no_start() && class_of('“').no_end());
        assert!(!class_of('字').no_start() && !class_of('字').no_end());
    }

    #[test]
    fn blank_sides_of_gb_marks() {
        assert_eq!(class_of('（').blank(), Some(Blank::Left));
        assert_eq!(class_of('，').blank(), Some(Blank::Right));
        assert_eq!(class_of('字').blank(), None);
    }
}
