//! Typed errors of the library. Every variant names the file (and where possible the place in
//! it) and says what to do; [`Error::diagnostics`] turns any of them into the
//! [`Diagnostic`]s the command line prints (and `--diagnostic-format json` writes).

use crate::diagnostic::{Diagnostic, Location, Severity};
use std::path::PathBuf;

/// Result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong between the input files and the PDF bytes (more kinds may
/// come: match with a wildcard, or use [`Error::diagnostics`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
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
    #[error(
        "{path}: cannot write: {source}; no output of this build was written (check that the folder exists and is writable)"
    )]
    Write {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// An input problem with its place: a TOML file that is malformed or does not match the
    /// schema, a value that says something impossible, an article header that is not one.
    #[error("{0}")]
    Input(Box<Diagnostic>),
    /// Several independent problems of one build, each reported (every overlapping frame,
    /// every missing file), in input order.
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
    Many(Vec<Error>),
    /// The input is well-formed but says something impossible (a frame off the page, an
    /// unknown style, a grid that does not divide, …).
    #[error("{path}: {message}")]
    Invalid {
        /// The file that holds the bad value.
        path: PathBuf,
        /// What is wrong and what to do.
        message: String,
    },
    /// An input problem at a key of a TOML file (a dotted path, `styles.报眉.size`), placed on
    /// its line and column by [`Error::placed`] once the file's text is at hand.
    #[error("{path}: {message}")]
    Keyed {
        /// The file.
        path: PathBuf,
        /// Where in it.
        key: String,
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
    /// An [`Error::Input`] in `path` at bytes `range` of its `text`.
    pub(crate) fn at(
        path: impl Into<PathBuf>,
        (text, range): (&str, std::ops::Range<usize>),
        message: impl Into<String>,
    ) -> Self {
        let d = Diagnostic::error(path, message).at(Some(Location::in_text(text, range)));
        Error::Input(Box::new(d.split_hint()))
    }

    /// An [`Error::Keyed`]: the problem `message` at `key` of `path`.
    pub(crate) fn keyed(
        key: impl Into<String>,
        path: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Error::Keyed {
            path: path.into(),
            key: key.into(),
            message: message.into(),
        }
    }

    /// The error with its [`Error::Keyed`] problems placed in `text`, the content of their
    /// file.
    pub(crate) fn placed(self, text: &str) -> Self {
        match self {
            Error::Keyed { path, key, message } => {
                crate::model::error_at_key(&path, text, &key, message)
            }
            Error::Many(all) => Error::Many(all.into_iter().map(|e| e.placed(text)).collect()),
            other => other,
        }
    }

    /// `errors` as one error: none is `Ok`, one is itself, more are [`Error::Many`].
    pub fn all(errors: Vec<Error>) -> Result<()> {
        let mut flat: Vec<Error> = Vec::new();
        for e in errors {
            match e {
                Error::Many(inner) => flat.extend(inner),
                e => flat.push(e),
            }
        }
        match flat.len() {
            0 => Ok(()),
            1 => Err(flat.pop().expect("one error")),
            _ => Err(Error::Many(flat)),
        }
    }

    /// The error as diagnostics, one per problem, each with file, place (where known),
    /// message and hint.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let hinted =
            |path: &PathBuf, message: String| Diagnostic::error(path, message).split_hint();
        match self {
            Error::Input(d) => vec![(**d).clone()],
            Error::Many(all) => all.iter().flat_map(Error::diagnostics).collect(),
            Error::Io { path, source } => vec![
                Diagnostic::error(path, io_message(source))
                    .hint("check that the file exists and is readable"),
            ],
            Error::Write { path, source } => vec![
                Diagnostic::error(
                    path,
                    format!(
                        "cannot write: {}; no output of this build was written",
                        io_message(source)
                    ),
                )
                .hint("check that the folder exists and is writable"),
            ],
            Error::Invalid { path, message }
            | Error::Font { path, message }
            | Error::Keyed { path, message, .. } => {
                vec![hinted(path, message.clone())]
            }
            other => vec![Diagnostic::general(Severity::Error, other.to_string()).split_hint()],
        }
    }

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

/// An OS error as people read it: "No such file or directory", without "(os error 2)".
pub(crate) fn io_message(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}
