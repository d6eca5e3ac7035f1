//! A template's `[fonts]` entry: a font file, and which face of it when the file is a
//! collection (`.ttc`/`.otc`, as Debian ships Noto CJK) — by index or by PostScript name:
//!
//! ```toml
//! [fonts]
//! serif = "../fonts/NotoSerifCJKsc-Regular.otf"
//! tc = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc#3"      # face 3 (from 0)
//! bu = { path = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", name = "NotoSerifCJKtc-Regular" }
//! ```

use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Which face of a font file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaceSelector {
    /// The face at this index (0 for a single font).
    Index(u32),
    /// The face whose PostScript name (name ID 6) is this.
    Name(String),
}

/// A font file and the face of it a template uses.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FontFile {
    /// The file, resolved against the template's folder.
    pub path: PathBuf,
    /// The face in it.
    pub face: FaceSelector,
}

/// A `[fonts]` value as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(super) enum RawFontFile {
    /// `"file"` or `"file.ttc#N"`.
    Path(String),
    /// `{ path = "file.ttc", index = N }` or `{ path = "file.ttc", name = "PostScriptName" }`.
    Face {
        path: String,
        index: Option<u32>,
        name: Option<String>,
    },
}

impl RawFontFile {
    /// The file against `dir`, with its face; `key` and `template` name it in errors.
    pub(super) fn resolve(&self, dir: &Path, (key, template): (&str, &Path)) -> Result<FontFile> {
        let (path, face) = match self {
            RawFontFile::Path(p) => match p.rsplit_once('#') {
                Some((file, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => (
                    file,
                    FaceSelector::Index(n.parse().map_err(|_| too_big(template, key))?),
                ),
                _ => (p.as_str(), FaceSelector::Index(0)),
            },
            RawFontFile::Face { path, index, name } => match (index, name) {
                (Some(_), Some(_)) => {
                    return Err(Error::keyed(
                        format!("fonts.{key}"),
                        template,
                        format!("[fonts] {key}: give index = N or name = \"…\", not both"),
                    ));
                }
                (_, Some(n)) => (path.as_str(), FaceSelector::Name(n.clone())),
                (i, None) => (path.as_str(), FaceSelector::Index(i.unwrap_or(0))),
            },
        };
        Ok(FontFile {
            path: dir.join(path),
            face,
        })
    }
}

/// A face index that does not fit.
fn too_big(template: &Path, key: &str) -> Error {
    Error::keyed(
        format!("fonts.{key}"),
        template,
        format!("[fonts] {key}: the face index after # is too large"),
    )
}

impl std::fmt::Display for FontFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.face {
            FaceSelector::Index(0) => write!(f, "{}", self.path.display()),
            FaceSelector::Index(i) => write!(f, "{}#{i}", self.path.display()),
            FaceSelector::Name(n) => write!(f, "{} ({n})", self.path.display()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(raw: RawFontFile) -> Result<FontFile> {
        raw.resolve(Path::new("/t"), ("x", Path::new("t.toml")))
    }

    #[test]
    fn a_face_is_chosen_by_index_or_name() {
        let f = resolve(RawFontFile::Path("a/N.ttc#2".into())).unwrap();
        assert_eq!(
            (f.path, f.face),
            ("/t/a/N.ttc".into(), FaceSelector::Index(2))
        );
        let f = resolve(RawFontFile::Path("a/N#x.otf".into())).unwrap();
        assert_eq!(
            (f.path, f.face),
            ("/t/a/N#x.otf".into(), FaceSelector::Index(0))
        );
        let named = RawFontFile::Face {
            path: "N.ttc".into(),
            index: None,
            name: Some("NotoSerifCJKtc-Regular".into()),
        };
        let f = resolve(named).unwrap();
        assert_eq!(f.face, FaceSelector::Name("NotoSerifCJKtc-Regular".into()));
        let both = RawFontFile::Face {
            path: "N.ttc".into(),
            index: Some(1),
            name: Some("X".into()),
        };
        assert!(resolve(both).unwrap_err().to_string().contains("not both"));
    }
}
