//! Pasted-text repair (GB/T 15834, typography.md §4): what a word processor, a web page or a
//! reporter's phone leaves in Chinese text, put right before anything is set. Each rule can
//! be switched off in the plan (`normalize = { quotes = false }`; `normalize = false`: none).
//!
//! - `punctuation`: half-width `, ; : ? ! ( )` between Han characters become full width
//!   (see `normalize`);
//! - `quotes`: straight `"…"` and `'…'` next to Han become “…” and ‘…’, paired, an
//!   apostrophe between letters (`don't`) left alone;
//! - `ellipsis`: `...`, `......`, `。。。` and a single `…` in Chinese text become …… (two
//!   U+2026, GB/T 15834 §4.11);
//! - `dashes`: `--` and `－－` in Chinese text become —— (two U+2014, §4.9); a single `—`
//!   stays — it is the 连接号 of ranges (`5月22日—26日`, §4.13);
//! - `fullwidth`: full-width digits and Latin letters (`２０２３`, `ＡＢＣ`) become what they
//!   are — ASCII, so they are spaced, kept whole and broken as digits and Latin — and a `％`
//!   after a digit becomes `%`.

use super::normalize::{is_chinese, normalize_punctuation};
use serde::Deserialize;

/// Which repairs run on article, caption and box text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repairs {
    /// Half-width punctuation between Han made full width.
    pub punctuation: bool,
    /// Straight quotes made curly and paired.
    pub quotes: bool,
    /// `...` and `。。。` made …….
    pub ellipsis: bool,
    /// `--` made ——.
    pub dashes: bool,
    /// Full-width digits and letters made ASCII.
    pub fullwidth: bool,
}

impl Repairs {
    /// Every repair (the default).
    pub const ALL: Repairs = Repairs {
        punctuation: true,
        quotes: true,
        ellipsis: true,
        dashes: true,
        fullwidth: true,
    };
    /// None: the text as written.
    pub const NONE: Repairs = Repairs {
        punctuation: false,
        quotes: false,
        ellipsis: false,
        dashes: false,
        fullwidth: false,
    };

    /// `text` repaired by the rules switched on, in an order where each sees the last's
    /// output: letters and digits first, so the marks next to them are judged rightly.
    pub fn apply(&self, text: &str) -> String {
        let mut s = text.to_string();
        if self.fullwidth {
            s = fullwidth_to_ascii(&s);
        }
        if self.punctuation {
            s = normalize_punctuation(&s);
        }
        if self.quotes {
            s = curly_quotes(&s);
        }
        if self.ellipsis {
            s = ellipses(&s);
        }
        if self.dashes {
            s = dashes(&s);
        }
        s
    }
}

impl Default for Repairs {
    fn default() -> Self {
        Repairs::ALL
    }
}

/// `normalize` as a plan writes it: `true`/`false`, or a table of rules (each defaulting on).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(super) enum RawRepairs {
    /// All rules on or off.
    All(bool),
    /// Rules one by one.
    Rules {
        #[serde(default)]
        punctuation: Option<bool>,
        #[serde(default)]
        quotes: Option<bool>,
        #[serde(default)]
        ellipsis: Option<bool>,
        #[serde(default)]
        dashes: Option<bool>,
        #[serde(default)]
        fullwidth: Option<bool>,
    },
}

impl Default for RawRepairs {
    fn default() -> Self {
        RawRepairs::All(true)
    }
}

impl RawRepairs {
    /// The rules it switches on.
    pub(super) fn resolve(&self) -> Repairs {
        match *self {
            RawRepairs::All(true) => Repairs::ALL,
            RawRepairs::All(false) => Repairs::NONE,
            RawRepairs::Rules {
                punctuation,
                quotes,
                ellipsis,
                dashes,
                fullwidth,
            } => Repairs {
                punctuation: punctuation.unwrap_or(true),
                quotes: quotes.unwrap_or(true),
                ellipsis: ellipsis.unwrap_or(true),
                dashes: dashes.unwrap_or(true),
                fullwidth: fullwidth.unwrap_or(true),
            },
        }
    }
}

/// Full-width digits and Latin letters as ASCII; `％` after a digit as `%`.
fn fullwidth_to_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let ascii = matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
            || (c == '％' && out.ends_with(|p: char| p.is_ascii_digit()));
        match ascii {
            true => out.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)),
            false => out.push(c),
        }
    }
    out
}

/// Straight quotes next to Chinese text made curly: the quotes of each kind are paired in
/// order (an apostrophe between two letters or digits is not a quote), and a pair is made
/// “ ” (‘ ’) when either half touches Chinese text; an unpaired last one opens (a quotation
/// running on into the next paragraph is opened at each paragraph, GB/T 15834 §4.1).
fn curly_quotes(text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for (straight, [open, close]) in [('"', ['“', '”']), ('\'', ['‘', '’'])] {
        let at: Vec<usize> = (0..chars.len())
            .filter(|&i| chars[i] == straight && !apostrophe(&chars, i))
            .collect();
        for pair in at.chunks(2) {
            if pair.iter().any(|&i| touches_chinese(&chars, i)) {
                chars[pair[0]] = open;
                if let Some(&j) = pair.get(1) {
                    chars[j] = close;
                }
            }
        }
    }
    chars.into_iter().collect()
}

/// `'` between two ASCII letters or digits (`don't`, `90's`).
fn apostrophe(chars: &[char], i: usize) -> bool {
    let alnum = |k: Option<usize>| {
        k.and_then(|k| chars.get(k))
            .is_some_and(|c| c.is_ascii_alphanumeric())
    };
    chars[i] == '\'' && alnum(i.checked_sub(1)) && alnum(Some(i + 1))
}

/// Whether the character before or after position `i` is Chinese (Han or CJK punctuation).
fn touches_chinese(chars: &[char], i: usize) -> bool {
    let at = |k: Option<usize>| k.and_then(|k| chars.get(k)).copied();
    is_chinese(at(i.checked_sub(1))) || is_chinese(at(Some(i + 1)))
}

/// Runs of `...` (three or more dots), `。。。` (three or more) and a lone `…` next to
/// Chinese text made …….
fn ellipses(text: &str) -> String {
    replace_runs(
        text,
        |c| matches!(c, '.' | '。' | '…'),
        |run| {
            let n = run.len();
            match run[0] {
                '…' => run.iter().all(|&c| c == '…') && n == 1,
                c => n >= 3 && run.iter().all(|&x| x == c),
            }
        },
        "……",
    )
}

/// Runs of two or more `-` or `－` next to Chinese text made ——.
fn dashes(text: &str) -> String {
    replace_runs(
        text,
        |c| matches!(c, '-' | '－'),
        |run| run.len() >= 2 && run.iter().all(|&x| x == run[0]),
        "——",
    )
}

/// `text` with each maximal run of characters `member` accepts replaced by `with` when
/// `fits` says the run is one to repair and a Chinese character stands next to it.
fn replace_runs(
    text: &str,
    member: impl Fn(char) -> bool,
    fits: impl Fn(&[char]) -> bool,
    with: &str,
) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !member(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let end = (i..chars.len())
            .find(|&k| !member(chars[k]))
            .unwrap_or(chars.len());
        let run = &chars[i..end];
        let beside =
            is_chinese(i.checked_sub(1).map(|k| chars[k])) || is_chinese(chars.get(end).copied());
        if fits(run) && beside {
            out.push_str(with);
        } else {
            out.extend(run);
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> String {
        Repairs::ALL.apply(s)
    }

    #[test]
    fn straight_quotes_next_to_han_are_paired_and_nested() {
        assert_eq!(r("他说\"你好\"。"), "他说“你好”。");
        assert_eq!(r("他说\"要'实干'\"。"), "他说“要‘实干’”。");
        assert_eq!(r("进入\"ICU\"病房"), "进入“ICU”病房");
        assert_eq!(r("\"两个\"和\"三个\""), "“两个”和“三个”");
        // A quotation running on: the paragraph opens it and does not close it.
        assert_eq!(r("\"第一段话，"), "“第一段话，");
    }

    #[test]
    fn quotes_and_apostrophes_in_latin_text_stay() {
        assert_eq!(
            r("He said \"no\" and didn't."),
            "He said \"no\" and didn't."
        );
        assert_eq!(r("Xi'an的“don't”"), "Xi'an的“don't”");
    }

    #[test]
    fn dots_and_dashes_become_the_two_em_marks() {
        assert_eq!(r("等等...还有"), "等等……还有");
        assert_eq!(r("等等......"), "等等……");
        assert_eq!(r("等等。。。"), "等等……");
        assert_eq!(r("等等…"), "等等……");
        assert_eq!(r("等等……"), "等等……");
        assert_eq!(r("荆州--一座古城"), "荆州——一座古城");
        // A single — is the 连接号 of a range.
        assert_eq!(r("5月22日—26日"), "5月22日—26日");
        assert_eq!(r("荆州－－古城"), "荆州——古城");
        // Latin text, numbers and options keep theirs.
        assert_eq!(r("wait... ok"), "wait... ok");
        assert_eq!(r("use --strict now"), "use --strict now");
        assert_eq!(r("3.14与1-2"), "3.14与1-2");
    }

    #[test]
    fn full_width_digits_and_letters_become_ascii() {
        assert_eq!(r("２０２３年ＡＢＣ公司增长２０％"), "2023年ABC公司增长20%");
        assert_eq!(r("百分号％单用"), "百分号％单用");
    }

    #[test]
    fn each_rule_can_be_switched_off() {
        let no_quotes = Repairs {
            quotes: false,
            ..Repairs::ALL
        };
        assert_eq!(no_quotes.apply("他说\"好\"等等..."), "他说\"好\"等等……");
        assert_eq!(Repairs::NONE.apply("他说\"好\"...２"), "他说\"好\"...２");
        let raw: RawRepairs = toml::from_str::<std::collections::BTreeMap<String, RawRepairs>>(
            "n = { dashes = false }",
        )
        .unwrap()
        .remove("n")
        .unwrap();
        assert_eq!(
            raw.resolve(),
            Repairs {
                dashes: false,
                ..Repairs::ALL
            }
        );
    }
}
