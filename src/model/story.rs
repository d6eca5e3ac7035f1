//! Articles as plain text an editor can paste.
//!
//! ```text
//! 引题: 聚焦共同缔造            ← optional header lines, `key: value` (full-width ： works too)
//! 主题: 区政府常务会议召开
//! 副题: 研究部署相关工作
//!
//! 本报讯（通讯员吴申畅）5月27日，…   ← paragraphs, separated by blank lines
//!
//! 会议强调，…
//! ```
//!
//! Lines inside a paragraph are joined without a space (a space is kept only between two
//! Latin letters or digits). A `电头:` header sets the dateline; without one, a leading
//! `本报讯（…）` of the first paragraph is recognised as the dateline. Cross-heads, the end
//! byline, an 编者按 and emphasis are marked as `markup` describes.

use super::markup::{self, ParaKind, Paragraph};
use super::repair::Repairs;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// One article: headline parts, dateline and body paragraphs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Story {
    /// Article id from the plan.
    pub id: String,
    /// The file it came from.
    pub path: PathBuf,
    /// 引题 (kicker above the main headline).
    pub kicker: Option<String>,
    /// 主题 (main headline).
    pub title: Option<String>,
    /// 副题 (subhead).
    pub subtitle: Option<String>,
    /// 电头 (dateline) opening the first paragraph, e.g. `本报讯（通讯员吴申畅）`.
    pub dateline: Option<String>,
    /// Body paragraphs; the dateline is not part of the first one.
    pub paragraphs: Vec<Paragraph>,
    /// Simplified or Traditional (from the plan, else told from the text).
    pub lang: super::lang::Lang,
    /// The text of its file as read (decoded), where its diagnostics point.
    pub source: std::sync::Arc<str>,
}

impl Story {
    /// The headline parts it has, in order, each with its style: 引题, 主题, 副题.
    pub fn headline_parts(&self) -> Vec<(&'static str, &str)> {
        [
            ("引题", &self.kicker),
            ("主题", &self.title),
            ("副题", &self.subtitle),
        ]
        .into_iter()
        .filter_map(|(style, text)| text.as_deref().map(|x| (style, x)))
        .collect()
    }

    /// The written form its headline and body are in, told from their characters.
    pub fn detect_lang(&self) -> super::lang::Lang {
        let parts = self.headline_parts().into_iter().map(|(_, t)| t);
        let body = self.paragraphs.iter().map(|p| p.text.as_str());
        super::lang::detect(&parts.chain(body).collect::<String>())
    }

    /// Number of characters of body text (dateline included), whitespace excluded.
    pub fn body_chars(&self) -> usize {
        let d = self.dateline.as_deref().unwrap_or("");
        std::iter::once(d)
            .chain(self.paragraphs.iter().map(|p| p.text.as_str()))
            .map(count_visible)
            .sum()
    }
}

/// Characters that are not whitespace.
pub fn count_visible(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// Parses article text, its headline parts and paragraphs put right by `repairs`.
pub fn parse_story(id: &str, path: &Path, text: &str, repairs: Repairs) -> Result<Story> {
    let fix = |s: &str| repairs.apply(s);
    let mut story = Story {
        id: id.to_string(),
        path: path.to_path_buf(),
        source: text.into(),
        ..Story::default()
    };
    let mut lines = text
        .lines()
        .map(|l| l.trim_start_matches('\u{feff}'))
        .enumerate()
        .peekable();
    while let Some((n, line)) = lines.peek().copied() {
        if !line.trim().is_empty() {
            let Some((key, value)) = header(line) else {
                if let Some((label, meant)) = mistaken_label(line) {
                    let start = line_start(text, n) + line.find(label).unwrap_or(0);
                    return Err(Error::at(
                        path,
                        (text, start..start + label.len()),
                        format!(
                            "'{label}' is not a header label, so this line would be set as body text and the headline left empty; write {meant}: (the labels are 引题 肩题 主题 副题 电头)"
                        ),
                    ));
                }
                break;
            };
            let value = Some(fix(value.trim()));
            match key {
                "引题" | "肩题" => story.kicker = value,
                "主题" => story.title = value,
                "副题" => story.subtitle = value,
                _ => story.dateline = value,
            }
        }
        lines.next();
    }
    let mut para = String::new();
    let mut texts = Vec::new();
    for (_, line) in lines {
        let line = line.trim();
        if line.is_empty() {
            flush(&mut para, &mut texts);
        } else if markup::is_cross_head(line) {
            // A cross-head is a paragraph of its own, blank lines around it or not.
            flush(&mut para, &mut texts);
            texts.push(line.to_string());
        } else {
            join_line(&mut para, line);
        }
    }
    flush(&mut para, &mut texts);
    let mut texts: Vec<String> = texts.iter().map(|p| fix(p)).collect();
    if story.dateline.is_none() {
        story.dateline = split_dateline(&mut texts);
    }
    let n = texts.len();
    story.paragraphs = (texts.iter().enumerate())
        .map(|(i, t)| markup::paragraph(t, i + 1 == n))
        .collect();
    if story.paragraphs.is_empty() && story.title.is_none() {
        return Err(Error::invalid(
            path,
            "the article has no text; write paragraphs separated by blank lines",
        ));
    }
    Ok(story)
}

/// `key: value` when the line starts with a short header key.
/// `key: value` when the line starts with one of the header keys; any other line (even
/// `编者按：…`) is body text.
fn header(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once([':', '：'])?;
    let key = key.trim();
    ["引题", "肩题", "主题", "副题", "电头"]
        .contains(&key)
        .then_some((key, value))
}

/// Byte offset of line `n` (0-based) of `text`.
fn line_start(text: &str, n: usize) -> usize {
    text.split_inclusive('\n').take(n).map(str::len).sum()
}

/// A header line written with a label editors use for a headline part but baoban does not
/// (`标题:`, `副标题:`): the label and the one meant.
fn mistaken_label(line: &str) -> Option<(&str, &'static str)> {
    let (key, _) = line.split_once([':', '：'])?;
    let meant = match key.trim() {
        "标题" | "大标题" | "主标题" | "正题" | "题目" | "题" => "主题",
        "副标题" | "子标题" | "下标题" => "副题",
        "引标题" | "眉题" | "肩标题" | "上标题" => "引题",
        _ => return None,
    };
    Some((key.trim(), meant))
}

/// Parses a photo caption: paragraphs only, no headers and no dateline.
pub fn parse_caption(id: &str, path: &Path, text: &str, repairs: Repairs) -> Result<Story> {
    let mut story = Story {
        id: id.to_string(),
        path: path.to_path_buf(),
        source: text.into(),
        ..Story::default()
    };
    let (mut para, mut texts) = (String::new(), Vec::new());
    for line in text
        .lines()
        .map(|l| l.trim_start_matches('\u{feff}').trim())
    {
        if line.is_empty() {
            flush(&mut para, &mut texts);
        } else {
            join_line(&mut para, line);
        }
    }
    flush(&mut para, &mut texts);
    story.paragraphs = (texts.iter())
        .map(|p| Paragraph::body(repairs.apply(p)))
        .collect();
    if story.paragraphs.is_empty() {
        return Err(Error::invalid(
            path,
            "the caption file is empty; write the caption or remove caption = … from the plan",
        ));
    }
    Ok(story)
}

fn flush(para: &mut String, out: &mut Vec<String>) {
    if !para.is_empty() {
        out.push(std::mem::take(para));
    }
}

/// Appends a wrapped line: no space between CJK characters, one between Latin words.
fn join_line(para: &mut String, line: &str) {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if latin(para.chars().last()) && latin(line.chars().next()) {
        para.push(' ');
    }
    para.push_str(line);
}

/// Takes a leading `本报讯（…）` (or `本报讯`) off the first paragraph of running text (after
/// an 编者按): the dateline.
fn split_dateline(texts: &mut [String]) -> Option<String> {
    let first = texts
        .iter_mut()
        .find(|t| markup::paragraph(t, false).kind != ParaKind::EditorNote)?;
    let rest = first.strip_prefix("本报讯")?;
    let len = match rest
        .strip_prefix('（')
        .and_then(|r| r.find('）').map(|i| i + '）'.len_utf8()))
    {
        Some(inner) if inner <= 3 * 30 => "本报讯".len() + '（'.len_utf8() + inner,
        _ => "本报讯".len(),
    };
    let dateline = first[..len].to_string();
    *first = first[len..].trim_start().to_string();
    Some(dateline)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &Story) -> Vec<&str> {
        s.paragraphs.iter().map(|p| p.text.as_str()).collect()
    }

    fn parse(t: &str) -> Story {
        parse_story("t", Path::new("t.txt"), t, Repairs::ALL).unwrap()
    }

    #[test]
    fn headers_then_paragraphs() {
        let s = parse(
            "主题: 区政府常务会议召开\n副题：研究部署\n\n本报讯(通讯员吴申畅)5月27日,会议\n召开。\n\n第二段。\n",
        );
        assert_eq!(s.title.as_deref(), Some("区政府常务会议召开"));
        assert_eq!(s.subtitle.as_deref(), Some("研究部署"));
        assert_eq!(s.dateline.as_deref(), Some("本报讯（通讯员吴申畅）"));
        assert_eq!(texts(&s), vec!["5月27日，会议召开。", "第二段。"]);
    }

    #[test]
    fn latin_words_keep_their_space_across_lines() {
        let s = parse("We use\nbaoban 排版。");
        assert_eq!(texts(&s), vec!["We use baoban 排版。"]);
        assert_eq!(s.dateline, None);
    }

    #[test]
    fn only_known_keys_are_headers() {
        let s = parse("\n主题: x\n\n副题: y\n编者按：这是正文。\n\n第二段。");
        assert_eq!(
            (s.title.as_deref(), s.subtitle.as_deref()),
            (Some("x"), Some("y"))
        );
        assert_eq!(texts(&s), vec!["编者按：这是正文。", "第二段。"]);
        assert_eq!(s.paragraphs[0].kind, markup::ParaKind::EditorNote);
    }

    #[test]
    fn captions_keep_every_paragraph_and_no_dateline() {
        let s = parse_caption(
            "c",
            Path::new("c.txt"),
            "本报讯(甲)图为,会场。\n\n主题: 不是标题",
            Repairs::ALL,
        )
        .unwrap();
        assert_eq!(
            texts(&s),
            vec!["本报讯（甲）图为，会场。", "主题： 不是标题"]
        );
        assert_eq!((s.dateline, s.title), (None, None));
    }

    #[test]
    fn explicit_dateline_header_wins() {
        let s = parse("电头: 新华社北京5月1日电\n\n正文。");
        assert_eq!(s.dateline.as_deref(), Some("新华社北京5月1日电"));
        assert_eq!(s.body_chars(), 10 + 3);
    }

    #[test]
    fn cross_heads_stand_alone_and_the_credit_ends_the_article() {
        let s = parse(
            "本报讯 会议召开。\n## 不忘初心\n第一段\n接着写。\n\n**重点**在此。\n\n（记者 张三）\n",
        );
        let kinds: Vec<markup::ParaKind> = s.paragraphs.iter().map(|p| p.kind).collect();
        use markup::ParaKind::*;
        assert_eq!(kinds, [Body, CrossHead, Body, Body, Byline]);
        assert_eq!(
            texts(&s),
            vec![
                "会议召开。",
                "不忘初心",
                "第一段接着写。",
                "重点在此。",
                "（记者 张三）"
            ]
        );
        assert_eq!(s.paragraphs[3].bold, vec![0..6]);
        assert_eq!(s.dateline.as_deref(), Some("本报讯"));
    }
}
