//! Typed errors of the library. Every variant names the file (and where possible the place in
//! it) and says what to do, so `main.rs` can print one line and exit.

use std::path::PathBuf;

/// Result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong between the input files and the PDF bytes.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source} (check that the file exists and is readable)")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// An output file could not be written.
    #[error("{path}: cannot write: {source} (check that the folder exists and is writable)")]
    Write {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A TOML file is malformed or does not match the expected schema.
    #[error("{path}:{line}:{column}: {message}")]
    Toml {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column (in characters) of the problem.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// The input is well-formed but says something impossible (a frame off the page, an
    /// unknown style, a grid that does not divide, …).
    #[error("{path}: {message}")]
    Invalid {
        /// The file that holds the bad value.
        path: PathBuf,
        /// What is wrong and what to do.
        message: String,
    },
    /// A font file could not be parsed or may not be embedded.
    #[error("{path}: {message}")]
    Font {
        /// The font file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A character that no font of the style's fallback chain covers (never set as tofu).
    #[error(
        "{article}: character {ch:?} (U+{code:04X}) is in no font of style '{style}'; \
         add a font that covers it to the template's [fonts] or replace the character"
    )]
    MissingGlyph {
        /// Article (or headline/caption) id.
        article: String,
        /// The character.
        ch: char,
        /// Its code point, for display.
        code: u32,
        /// Style whose fonts were tried.
        style: String,
    },
    /// Text did not fit and `--strict` was asked for.
    #[error("overset: {0}")]
    Overset(String),
    /// The PDF writer failed (font subsetting).
    #[error("PDF output: {0}")]
    Pdf(String),
}

impl Error {
    /// An [`Error::Invalid`] for `path`.
    pub(crate) fn invalid(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::Invalid {
            path: path.into(),
            message: message.into(),
        }
    }

    /// An [`Error::Io`] for `path`.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
