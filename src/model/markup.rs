//! Structure inside an article's body, written the way newsroom systems and editors paste it:
//!
//! ```text
//! ## 不忘初心                 ← a cross-head (小标题); also `小标题: 不忘初心`
//! 编者按：……                  ← an editor's note (编者按), set in 楷体
//! 他说，**这是关键**。        ← emphasis, set bold (黑体); 【…】 labels stay as written
//! （记者 张三）               ← the last paragraph, a bracketed credit: the end byline
//! ```
//!
//! Markdown marks are never set literally: the `#`s of a cross-head and every `**` go (an
//! unpaired `**` too).

use std::ops::Range;

/// What a body paragraph is, which decides its style and how it is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, PartialOrd, Ord)]
pub enum ParaKind {
    /// Running text.
    #[default]
    Body,
    /// 小标题: a cross-head, kept with the two lines after it.
    CrossHead,
    /// The end byline `（记者 张三）`, set flush right.
    Byline,
    /// 编者按: the editor's note, in 楷体.
    EditorNote,
}

impl ParaKind {
    /// The template style the kind is set in (body text: none, the body's).
    pub fn style(self) -> Option<&'static str> {
        match self {
            ParaKind::Body => None,
            ParaKind::CrossHead => Some("小标题"),
            ParaKind::Byline => Some("署名"),
            ParaKind::EditorNote => Some("编者按"),
        }
    }
}

/// One body paragraph: its kind, its text without markup and its bold ranges.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paragraph {
    /// What the paragraph is.
    pub kind: ParaKind,
    /// The text as set (markup removed).
    pub text: String,
    /// Byte ranges of `text` set in the emphasis style (强调), in order.
    pub bold: Vec<Range<usize>>,
}

impl Paragraph {
    /// Running text without emphasis.
    pub fn body(text: impl Into<String>) -> Paragraph {
        Paragraph {
            text: text.into(),
            ..Paragraph::default()
        }
    }
}

/// Whether a source line is a cross-head on its own (`## …`, `小标题: …`).
pub(super) fn is_cross_head(line: &str) -> bool {
    cross_head_text(line).is_some()
}

fn cross_head_text(line: &str) -> Option<&str> {
    let t = line.trim();
    // `## 不忘初心` as Markdown writes it, the marks followed by a space (a Weibo topic
    // `#话题#` is text).
    let hashes = t.len() - t.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with(char::is_whitespace) {
        return Some(t[hashes..].trim());
    }
    let (key, value) = t.split_once([':', '：'])?;
    (key.trim() == "小标题").then(|| value.trim())
}

/// The paragraph a joined (and repaired) source paragraph makes; `last` for the article's
/// last one, which may be the byline.
pub(super) fn paragraph(text: &str, last: bool) -> Paragraph {
    if let Some(head) = cross_head_text(text) {
        return Paragraph {
            kind: ParaKind::CrossHead,
            ..emphasis(head)
        };
    }
    if let Some(credit) = byline_text(text, last) {
        return Paragraph {
            kind: ParaKind::Byline,
            ..emphasis(credit)
        };
    }
    let note = ["编者按", "【编者按】"].iter().any(|k| text.starts_with(k));
    Paragraph {
        kind: if note {
            ParaKind::EditorNote
        } else {
            ParaKind::Body
        },
        ..emphasis(text)
    }
}

/// `署名: …` anywhere, or a last paragraph that is one short bracketed credit.
fn byline_text(text: &str, last: bool) -> Option<&str> {
    if let Some((key, value)) = text.split_once([':', '：'])
        && key.trim() == "署名"
    {
        return Some(value.trim());
    }
    let inner = text
        .strip_prefix(['（', '('])
        .and_then(|t| t.strip_suffix(['）', ')']))?;
    let credit = [
        "记者",
        "通讯员",
        "实习生",
        "作者",
        "编辑",
        "供稿",
        "来源",
        "摄",
    ];
    let short = inner.chars().count() <= 30 && !inner.contains(['（', '(', '。']);
    (last && short && credit.iter().any(|c| inner.contains(c))).then_some(text)
}

/// Text with its `**…**` ranges as bold; an unpaired `**` is dropped.
fn emphasis(text: &str) -> Paragraph {
    let mut out = Paragraph::default();
    let pieces: Vec<&str> = text.split("**").collect();
    let paired = pieces.len() % 2 == 1;
    for (k, piece) in pieces.iter().enumerate() {
        let start = out.text.len();
        out.text.push_str(piece);
        let inside = k % 2 == 1 && (paired || k + 1 < pieces.len());
        if inside && !piece.is_empty() {
            out.bold.push(start..out.text.len());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_their_marks() {
        assert_eq!(paragraph("## 不忘初心", false).kind, ParaKind::CrossHead);
        assert_eq!(paragraph("## 不忘初心", false).text, "不忘初心");
        assert_eq!(paragraph("小标题：牢记使命", false).text, "牢记使命");
        assert_eq!(
            paragraph("编者按：近日……", false).kind,
            ParaKind::EditorNote
        );
        assert_eq!(paragraph("（记者 张三）", true).kind, ParaKind::Byline);
        // Only as the last paragraph, and only a credit.
        assert_eq!(paragraph("（记者 张三）", false).kind, ParaKind::Body);
        assert_eq!(paragraph("（下午三点）", true).kind, ParaKind::Body);
        assert_eq!(paragraph("署名：本报评论员", false).kind, ParaKind::Byline);
        assert_eq!(paragraph("#话题# 正文", false).kind, ParaKind::Body);
    }

    #[test]
    fn emphasis_is_bold_and_no_mark_is_left() {
        let p = paragraph("他说，**这是关键**，【链接】**二**。", false);
        assert_eq!(p.text, "他说，这是关键，【链接】二。");
        let bold: Vec<&str> = p.bold.iter().map(|r| &p.text[r.clone()]).collect();
        assert_eq!(bold, ["这是关键", "二"]);
        let p = paragraph("未配对**的星号", false);
        assert_eq!((p.text.as_str(), p.bold.len()), ("未配对的星号", 0));
    }
}
