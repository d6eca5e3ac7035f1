//! Diagnostics: what is wrong with an input, where (file, line, column) and what to do —
//! printed for people and editors' problem matchers as
//! `file:line:col: error: message`, the source line with a caret and `= hint: …`, or as one
//! JSON object per diagnostic for editorial systems.
//!
//! A diagnostic carries the text of the line it points at, so it can be shown after the file
//! has changed, or when it never was a file (the in-memory entry point, `serve`).

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::ops::Range;
use std::path::PathBuf;

/// How bad a diagnostic (or a preflight finding) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Stops the build (or fails the check): the page would come out wrong.
    Error,
    /// Worth a look; the build goes on (a low-resolution image, a font fallback).
    Warning,
}

impl Severity {
    /// `error` or `warning`, as printed.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A place in an input file: the line and column (1-based, in characters) of the offending
/// key or value, and that line's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The text of the line.
    pub source: String,
    /// The bytes of `source` the diagnostic points at.
    pub span: Range<usize>,
}

impl Location {
    /// The place of bytes `range` of `text`: its first line, clipped to that line.
    pub fn in_text(text: &str, range: Range<usize>) -> Location {
        let start = floor_char(text, range.start.min(text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let source = text[line_start..line_end].trim_end_matches('\r');
        let end = floor_char(text, range.end.clamp(start, line_start + source.len()));
        Location {
            line: text[..start].matches('\n').count() + 1,
            column: text[line_start..start].chars().count() + 1,
            source: source.to_string(),
            span: start - line_start..end - line_start,
        }
    }

    /// Line and column alone, without the line's text (shown without a snippet).
    pub fn line_column(line: usize, column: usize) -> Location {
        Location {
            line,
            column,
            source: String::new(),
            span: 0..0,
        }
    }

    /// The column just after the span (1-based, in characters), for `end_column` in JSON.
    pub fn end_column(&self) -> usize {
        let end = self.span.end.max(self.span.start);
        self.column + self.source[self.span.start..end].chars().count()
    }
}

/// The char boundary at or before `at`.
fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// One problem of an input: severity, file, place, message and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file it is in (none for a problem of the whole build).
    pub file: Option<PathBuf>,
    /// The line and column in it, when the problem has a place.
    pub at: Option<Location>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error in `file`, at no particular place.
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: Some(file.into()),
            at: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A problem of the whole build, in no one file.
    pub fn general(severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            file: None,
            at: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning in `file`, at no particular place.
    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// The same, at `at`.
    pub fn at(mut self, at: Option<Location>) -> Self {
        self.at = at;
        self
    }

    /// The same, with `hint`.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same, its message split at the first `; ` into message and hint — the house
    /// style of messages written as "what is wrong; what to do".
    pub fn split_hint(mut self) -> Self {
        if self.hint.is_none()
            && let Some((what, todo)) = self.message.split_once("; ")
        {
            (self.message, self.hint) = (what.to_string(), Some(todo.to_string()));
        }
        self
    }

    /// `file:line:col` (as much of it as is known).
    pub fn place(&self) -> String {
        let file = self.file.as_ref().map(|f| f.display().to_string());
        match (file, &self.at) {
            (Some(f), Some(at)) => format!("{f}:{}:{}", at.line, at.column),
            (Some(f), None) => f,
            (None, _) => "baoban".to_string(),
        }
    }

    /// The diagnostic for people: `file:line:col: error: message`, then the line with a
    /// caret under the place and `= hint: …`; in colour when `styled`.
    pub fn render(&self, styled: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let name = format!("{}: {}", self.place(), self.severity.name());
        let mut group = Group::with_title(
            level
                .with_name(Some(name.as_str()))
                .primary_title(self.message.as_str()),
        );
        if let Some(at) = self.at.as_ref().filter(|a| !a.source.is_empty()) {
            let span = at.span.start..at.span.end.max(at.span.start + 1).min(at.source.len());
            let snippet = Snippet::source(at.source.as_str())
                .line_start(at.line)
                .annotation(AnnotationKind::Primary.span(span));
            group = group.element(snippet);
        }
        if let Some(h) = &self.hint {
            group = group.element(Level::HELP.with_name(Some("hint")).message(h.as_str()));
        }
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&[group])
    }

    /// The diagnostic as one JSON object (one line), for editorial systems: `severity`,
    /// `file`, `line`, `column`, `end_column`, `message`, `hint` (absent fields are null).
    pub fn to_json(&self) -> String {
        let at = self.at.as_ref();
        serde_json::json!({
            "severity": self.severity.name(),
            "file": self.file.as_ref().map(|f| f.display().to_string()),
            "line": at.map(|a| a.line),
            "column": at.map(|a| a.column),
            "end_column": at.map(Location::end_column),
            "message": self.message,
            "hint": self.hint,
        })
        .to_string()
    }
}

impl std::fmt::Display for Diagnostic {
    /// The first line of [`Diagnostic::render`], with the hint after a `;`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place(), self.message)?;
        match &self.hint {
            Some(h) => write!(f, "; {h}"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_location_counts_characters_and_keeps_its_line() {
        let text = "a = 1\n主题 = [7, 13, 15]\n";
        let at = text.find("[7").unwrap();
        let l = Location::in_text(text, at..at + 11);
        assert_eq!((l.line, l.column), (2, 6));
        assert_eq!(&l.source[l.span.clone()], "[7, 13, 15]");
        assert_eq!(l.end_column(), 17);
    }

    #[test]
    fn renders_the_place_the_line_a_caret_and_the_hint() {
        let text = "page = 2\nlines = [7, 13, 15]\n";
        let at = text.find("[7").unwrap();
        let d = Diagnostic::error("p.toml", "3 numbers where 2 belong")
            .at(Some(Location::in_text(text, at..at + 11)))
            .hint("give [first, last]");
        let out = d.render(false);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0], "p.toml:2:9: error: 3 numbers where 2 belong",
            "{out}"
        );
        assert!(out.contains("2 | lines = [7, 13, 15]"), "{out}");
        assert!(out.contains("^^^^^^^^^^^"), "{out}");
        assert!(out.contains("= hint: give [first, last]"), "{out}");
        let json: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
        assert_eq!(json["line"], 2);
        assert_eq!(json["column"], 9);
        assert_eq!(json["hint"], "give [first, last]");
    }
}
