//! Reading a TOML file into a serde type with errors that name file, line and column.

use crate::error::{Error, Result};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parses `path` as TOML into `T`; a syntax or schema error gives line and column.
pub(crate) fn read<T: DeserializeOwned>(sources: &super::Sources, path: &Path) -> Result<T> {
    let text = sources.read_text(path)?;
    parse(path, &text)
}

/// Parses `text` (the content of `path`) as TOML into `T`.
pub(crate) fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        Error::at(path, (text, span), e.message().trim())
    })
}

/// An input error at `key` of the TOML `text` of `path` — a dotted path such as
/// `article.2.frames.0.cols`, numbers indexing arrays — placed on that value, or on the
/// nearest table of the path that the text has (a value the layout stage filled in); with no
/// place when not even the path's first table and index are in the text.
pub(crate) fn error_at(path: &Path, text: &str, key: &str, message: impl Into<String>) -> Error {
    match locate(text, key) {
        Some(range) => Error::at(path, (text, range), message),
        None => {
            let d = crate::diagnostic::Diagnostic::error(path, message).split_hint();
            Error::Input(Box::new(d))
        }
    }
}

/// The bytes of `text` holding the value at dotted `key` (see [`locate`]).
pub(crate) fn span_of(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    locate(text, key)
}

/// The bytes of `text` holding the value at dotted `key`, as deep as the path resolves (at
/// least two steps, or the whole of a one-step path).
fn locate(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let root = toml::de::DeValue::Table(toml::de::DeTable::parse(text).ok()?.into_inner());
    let mut value = &root;
    let mut span = None;
    let steps: Vec<&str> = key.split('.').collect();
    for (depth, step) in steps.iter().enumerate() {
        let next = match step.parse::<usize>() {
            Ok(i) => value.get(i),
            Err(_) => value.get(*step),
        };
        let Some(next) = next else {
            return span.filter(|_| depth >= 2.min(steps.len()));
        };
        span = Some(next.span());
        value = next.get_ref();
    }
    span
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_path_finds_its_value_or_the_nearest_table() {
        let text =
            "page = 2\n[[article]]\nid = \"a\"\nframes = [{ cols = [1, 2], lines = [7, 13] }]\n";
        let at = |k: &str| locate(text, k).map(|r| &text[r]);
        assert_eq!(at("page"), Some("2"));
        assert_eq!(at("article.0.frames.0.lines"), Some("[7, 13]"));
        assert_eq!(
            at("article.0.frames.0.mm"),
            Some("{ cols = [1, 2], lines = [7, 13] }")
        );
        assert_eq!(at("article.1.frames"), None, "no second article");
        assert_eq!(at("photo.0.frame"), None);
    }
}
