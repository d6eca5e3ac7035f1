//! Coverage: every character of a job's texts checked against its style's font chain before
//! anything is set, so a build names **all** the characters no font has (each set as 〓 in a
//! proof; print and `--strict` refuse) and every variation selector a font cannot apply
//! (dropped, the base character set as is) — with the file, line and column to fix.

use super::FontBook;
use crate::model::{Job, Story, Style, Template};
use crate::shape::is_selector;
use skrifa::MetadataProvider;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A character of the input and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct CharAt {
    /// The file it is in (article, caption or plan).
    pub path: PathBuf,
    /// Line and column in that file (1-based; 0 when it cannot be found there).
    pub line: u32,
    /// Column, in characters.
    pub column: u32,
    /// Whose text: `article 'zhuma'`, `caption of 'photo'`, `box 'slogan'`.
    pub owner: String,
    /// Which part: `主题`, `paragraph 3`, `caption`, `text`.
    pub place: String,
    /// The character.
    pub ch: char,
    /// For a variation selector, the character it follows.
    pub base: Option<char>,
    /// The style whose fonts were tried.
    pub style: String,
    /// The text of its line in the file (empty when not located), for the diagnostic.
    #[serde(skip)]
    pub line_text: String,
}

/// What the fonts of a job cannot set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coverage {
    /// Characters in no font of their style's chain (set as 〓).
    pub missing: Vec<CharAt>,
    /// Variation selectors the base character's font has no glyph for (dropped).
    pub selectors: Vec<CharAt>,
    /// Traditional Chinese articles set in a mainland face (the template has no `-hant`
    /// font for their body), one warning each.
    pub mainland_faces: Vec<String>,
}

impl CharAt {
    /// The character as a diagnostic of `severity`, at its line and column.
    pub fn diagnostic(&self, severity: crate::Severity) -> crate::Diagnostic {
        let text = self.to_string();
        let message = text.split_once(": ").map_or(text.as_str(), |(_, m)| m);
        let mut d = crate::Diagnostic::error(&self.path, message).split_hint();
        d.severity = severity;
        let at = (self.line > 0).then(|| {
            let mut at = crate::Location::line_column(self.line as usize, self.column as usize);
            let start = self.line_text.char_indices().nth(self.column as usize - 1);
            if let Some((i, c)) = start {
                (at.source, at.span) = (self.line_text.clone(), i..i + c.len_utf8());
            }
            at
        });
        d.at(at)
    }
}

impl std::fmt::Display for CharAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        let code = self.ch as u32;
        match self.base {
            None => write!(
                f,
                ": {} ({}): '{}' (U+{code:04X}) is in no font of style '{}'; a proof sets 〓 — add a 补字 font that has it to the template's [fonts] and fallback, or replace the character",
                self.owner, self.place, self.ch, self.style
            ),
            Some(b) => write!(
                f,
                ": {} ({}): variation selector U+{code:04X} after '{b}' is not in the font of style '{}'; dropped, '{b}' is set in its default form",
                self.owner, self.place, self.style
            ),
        }
    }
}

/// Checks every article, caption and box of `job` against `book`.
pub fn check(job: &Job, book: &FontBook) -> Coverage {
    use rayon::prelude::*;
    // Pages in parallel; the set orders what they find, so the order they finish in is moot.
    let t = &job.template;
    let per_page: Vec<Vec<CharAt>> = (job.pages.par_iter())
        .map(|page| page_texts(t, page, book))
        .collect();
    let mut found: BTreeSet<CharAt> = per_page.into_iter().flatten().collect();
    found.extend(furniture(job, book));
    let (selectors, missing) = found.into_iter().partition(|c| c.base.is_some());
    Coverage {
        missing,
        selectors,
        mainland_faces: mainland_faces(job),
    }
}

/// The characters of one page's articles, captions and boxes that no font has.
fn page_texts(
    t: &crate::model::Template,
    page: &crate::model::PageJob,
    book: &FontBook,
) -> Vec<CharAt> {
    let mut found = Vec::new();
    for story in &page.stories {
        let owner = format!("article '{}'", story.id);
        let file = (story.path.as_path(), &*story.source);
        found.extend(Texts::new(book, file, &owner).story(t, story));
    }
    for (photo, caption) in page.plan.photos.iter().zip(&page.captions) {
        if let Some(c) = caption {
            let owner = format!("caption of '{}'", photo.id);
            let file = (c.path.as_path(), &*c.source);
            found.extend(Texts::new(book, file, &owner).story(t, c));
        }
    }
    for b in &page.plan.boxes {
        let owner = format!("box '{}'", b.id);
        if let Ok(style) = t.style(&b.style) {
            let file = (page.plan.path.as_path(), &*page.plan.source);
            let mut texts = Texts::new(book, file, &owner);
            texts.part(("text", &b.text), style);
            found.extend(texts.out);
        }
    }
    found
}

/// The words of the plans, the edition and the template that are set on the pages — running
/// head, masthead, continuation titles, jump lines — each located at its key.
fn furniture(job: &Job, book: &FontBook) -> Vec<CharAt> {
    let (t, e) = (&job.template, &job.edition);
    let mut out = Vec::new();
    let mut check =
        |(path, source): (&Path, &str), (owner, key): (&str, &str), text: &str, style: &str| {
            if let Ok(style) = t.style(style) {
                let mut texts = Texts::new(book, (path, source), owner);
                texts.value(key, text, style);
                out.extend(texts.out);
            }
        };
    let edition = (e.path.as_path(), &*e.source);
    for pj in &job.pages {
        let plan = (pj.plan.path.as_path(), &*pj.plan.source);
        if pj.plan.masthead.is_some() {
            check(
                edition,
                ("the masthead", "paper"),
                e.paper.as_deref().unwrap_or(""),
                "报头",
            );
            check(
                edition,
                ("the masthead", "issue"),
                e.issue.as_deref().unwrap_or(""),
                "报眉",
            );
            check(
                edition,
                ("the masthead", "cn"),
                e.cn.as_deref().unwrap_or(""),
                "报眉",
            );
        } else if t.running_head {
            check(
                plan,
                ("the running head", "name"),
                pj.plan.name.as_deref().unwrap_or(""),
                "报眉",
            );
            check(
                plan,
                ("the running head", "editor"),
                pj.plan.editor.as_deref().unwrap_or(""),
                "报眉",
            );
            check(
                edition,
                ("the running head", "paper"),
                e.paper.as_deref().unwrap_or(""),
                "报眉",
            );
        }
        for (i, c) in pj.plan.continued.iter().enumerate() {
            let key = format!("continued.{i}.title");
            let owner = format!("the continuation of '{}'", c.article);
            check(
                plan,
                (&owner, &key),
                c.title.as_deref().unwrap_or(""),
                t.continued_style(),
            );
        }
    }
    let template = (t.path.as_path(), &*t.source);
    check(
        template,
        ("the jump line", "jumps.out"),
        &t.jumps.out,
        "转版",
    );
    check(
        template,
        ("the jump line", "jumps.in"),
        &t.jumps.into,
        "转版",
    );
    out
}

/// A warning for each Traditional article the template has no `-hant` body font for: its
/// punctuation is set where mainland fonts put it, not centred as Taiwan and Hong Kong set it.
fn mainland_faces(job: &Job) -> Vec<String> {
    let t = &job.template;
    let stories = job.pages.iter().flat_map(|p| &p.stories);
    (stories.filter(|s| s.lang == crate::model::Lang::Hant))
        .filter_map(|s| {
            let font = t.lacks_hant(&t.body)?;
            Some(format!(
                "{}: article '{}' is Traditional Chinese; the template has no '{font}-hant' font, so its punctuation sits where the mainland face '{font}' puts it: add {font}-hant = \"a TC face\" under [fonts] (e.g. \"NotoSerifCJK-Regular.ttc#3\", Noto Serif CJK TC), or lang = \"zh-Hans\" on the article",
                s.path.display(),
                s.id
            ))
        })
        .collect()
}

/// The uncovered characters of one file's texts, located in that file.
struct Texts<'a> {
    book: &'a FontBook,
    path: &'a Path,
    owner: &'a str,
    /// The file's text (as decoded when it was read), where characters are located.
    source: &'a str,
    /// How many of each character were located already.
    seen: BTreeMap<char, usize>,
    out: Vec<CharAt>,
}

impl<'a> Texts<'a> {
    fn new(book: &'a FontBook, (path, source): (&'a Path, &'a str), owner: &'a str) -> Self {
        Texts {
            book,
            path,
            owner,
            source,
            seen: BTreeMap::new(),
            out: Vec::new(),
        }
    }

    /// A story's headline parts, dateline and paragraphs, in file order.
    fn story(mut self, t: &Template, story: &Story) -> Vec<CharAt> {
        let lang = story.lang;
        for (name, text) in story.headline_parts() {
            let style = t.style(name).unwrap_or(&t.body).clone();
            self.part((name, text), &t.in_lang(style, lang));
        }
        if let Some(d) = &story.dateline {
            let style = t.style("电头").unwrap_or(&t.body).clone();
            self.part(("电头", d), &t.in_lang(style, lang));
        }
        for (i, p) in story.paragraphs.iter().enumerate() {
            let place = format!("paragraph {}", i + 1);
            // Emphasis is set in a font of the same character set as its paragraph's.
            self.part(
                (&place, &p.text),
                &t.in_lang(t.paragraph_style(p.kind), lang),
            );
        }
        self.out
    }

    /// One text in `style`: its characters in no font, its selectors no font applies.
    fn part(&mut self, (place, text): (&str, &str), style: &Style) {
        let chain = self.book.chain(&style.fonts);
        let mut before: Option<char> = None;
        for c in text.chars() {
            let k = self.seen.entry(c).or_insert(0);
            *k += 1;
            let k = *k;
            let problem = if is_selector(c) {
                let base = before.filter(|&b| !self.applies(&chain, b, c));
                base.map(Some)
            } else if !c.is_control() && self.book.face_for(&chain, c).is_none() {
                Some(None)
            } else {
                None
            };
            if let Some(base) = problem {
                let at = self.locate(c, k);
                self.out.push(CharAt {
                    path: self.path.to_path_buf(),
                    line: at.0,
                    column: at.1,
                    owner: self.owner.to_string(),
                    place: place.to_string(),
                    ch: c,
                    base,
                    style: style.name.clone(),
                    line_text: (self.source.lines().nth((at.0 as usize).wrapping_sub(1)))
                        .unwrap_or("")
                        .to_string(),
                });
            }
            before = Some(c);
        }
    }

    /// One TOML value, `text`, at dotted `key` of the file, in `style`: its characters in no
    /// font, located inside the value (or at the key's line when the value was put right).
    fn value(&mut self, key: &str, text: &str, style: &Style) {
        let span = crate::model::span_of(self.source, key);
        let before = self.out.len();
        self.part(("", text), style);
        for c in &mut self.out[before..] {
            c.place = key.to_string();
            let at = span.clone().map(|r| {
                let i = r.start + self.source[r.clone()].find(c.ch).unwrap_or(0);
                let line = self.source[..i].matches('\n').count();
                let start = self.source[..i].rfind('\n').map_or(0, |n| n + 1);
                (
                    line as u32 + 1,
                    self.source[start..i].chars().count() as u32 + 1,
                )
            });
            (c.line, c.column) = at.unwrap_or((0, 0));
            c.line_text = (self.source.lines().nth((c.line as usize).wrapping_sub(1)))
                .unwrap_or("")
                .to_string();
        }
    }

    /// Whether the font that sets `base` has the variation sequence `base` + `selector`.
    fn applies(&self, chain: &[super::FontId], base: char, selector: char) -> bool {
        let Some(id) = self.book.face_for(chain, base) else {
            return true; // the base itself is missing: reported as such
        };
        let face = self.book.face(id);
        (face.font_ref()).is_some_and(|f| f.charmap().map_variant(base, selector).is_some())
    }

    /// Line and column of the `k`-th occurrence of `c` in the file (1-based; the texts are
    /// visited in file order, so the k-th in the texts is the k-th in the file), or (0, 0).
    fn locate(&mut self, c: char, k: usize) -> (u32, u32) {
        let source = self.source;
        let mut n = 0;
        for (li, line) in source.lines().enumerate() {
            for (col, x) in line.chars().enumerate() {
                n += usize::from(x == c);
                if x == c && n == k {
                    return (li as u32 + 1, col as u32 + 1);
                }
            }
        }
        (0, 0)
    }
}
