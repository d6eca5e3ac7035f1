//! The typographic rules a template chooses: 避头尾 level and push strategy, punctuation
//! style, alignment (CLREQ #prohibition_rules_for_line_start_end, #punctuation_adjustment_space).

use serde::Deserialize;

/// How strictly 避头尾 is applied (CLREQ #prohibition_rules_for_line_start_end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum KinsokuLevel {
    /// No line-start/-end rules (some Taiwan and Hong Kong papers); —— and …… still never split.
    None,
    /// Pause, stop and closing marks never start a line; opening marks never end one.
    #[default]
    Basic,
    /// Basic, and the 分隔号 `/` neither starts nor ends a line (GB/T 15834).
    Gb,
    /// GB, and —— / …… never start a line.
    Strict,
}

/// What to do when a forbidden break would happen (InDesign's KinsokuType).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum PushStrategy {
    /// Push in (compress punctuation) when compression allows, else push out.
    #[default]
    InFirst,
    /// Push out when an earlier break exists, else push in.
    OutFirst,
    /// Always push out.
    OutOnly,
}

/// The template's line-composition rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Kinsoku {
    /// Strictness level.
    pub level: KinsokuLevel,
    /// Newspaper relaxation (JLREQ): ？ and ！ may start a line on short measures.
    pub relax_question: bool,
    /// Push-in / push-out preference.
    pub push: PushStrategy,
    /// Punctuation width style.
    pub punctuation: PunctStyle,
    /// An opening bracket at a line start gives up its blank half.
    pub start_bracket_half: bool,
}

/// Punctuation width styles (CLREQ #punctuation_width_adjustment, GB/T 15834 §5.1.10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum PunctStyle {
    /// 全角: marks full width, adjacent marks compressed to 1.5 em; a line-end mark gives up its
    /// blank half only when the line needs it.
    #[default]
    Full,
    /// 开明: 。？！ full width, the other marks ½ em.
    Kaiming,
    /// 半角: all marks ½ em.
    Half,
    /// 行末半角: like 全角, but a mark at a line end is always ½ em.
    LineEndHalf,
}

/// Horizontal alignment of a non-justified block (headlines, slogans).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred (headlines).
    #[default]
    Center,
    /// Flush right.
    Right,
    /// Justified to the measure, last line flush left (body text, captions).
    Justify,
}
