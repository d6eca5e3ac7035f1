//! Reading a TOML file into a serde type with errors that name file, line and column.

use crate::error::{Error, Result};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parses `path` as TOML into `T`; a syntax or schema error gives line and column.
pub(crate) fn read<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let text = super::read_text(path)?;
    parse(path, &text)
}

/// Parses `text` (the content of `path`) as TOML into `T`.
pub(crate) fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
        Error::Toml {
            path: path.to_path_buf(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })
}

/// 1-based line and column (in characters) of byte offset `at`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_col("a = 1\n主题 = x", 13), (2, 4));
        assert_eq!(line_col("abc", 0), (1, 1));
    }
}
