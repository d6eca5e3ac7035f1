//! Where a build's input files come from: the disk, or texts a program gives in memory (an
//! editorial system composing from its database, `serve` composing a request). A file given
//! in memory is read from there; any other path — the fonts, photos, an output profile — from
//! disk, so a caller gives only what it has (a plan and its articles, perhaps a template).

use crate::error::{Error, Result};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The input files of a build: those given in memory, by path, and the disk for the rest.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: BTreeMap<PathBuf, Arc<[u8]>>,
    /// Every path a build read or tried to read, found or not (shared by clones): what watch
    /// mode watches after a failed build, so fixing any of them builds again.
    tried: Arc<Mutex<BTreeSet<PathBuf>>>,
    /// The folder every disk read must stay inside (its real path), for builds a server runs
    /// for requests: see [`Sources::confined_to`].
    root: Option<Arc<PathBuf>>,
}

impl Sources {
    /// Every input from disk.
    pub fn disk() -> Self {
        Sources::default()
    }

    /// Every input from disk, but only from inside the folder `root`: a path that leaves it —
    /// by `..`, as an absolute path elsewhere, or through a symbolic link out — is refused
    /// with an error naming it, as if the file were not there. What `baoban serve` builds a
    /// request's inputs with, so a plan cannot read the server's other files.
    pub fn confined_to(root: &Path) -> Result<Self> {
        let real = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
        Ok(Sources {
            root: Some(Arc::new(real)),
            ..Sources::default()
        })
    }

    /// The same, with the file at `path` (as the plan or template names it, relative to the
    /// current folder or absolute) given as `content`.
    pub fn file(mut self, path: impl AsRef<Path>, content: impl AsRef<[u8]>) -> Self {
        let bytes: Arc<[u8]> = content.as_ref().into();
        self.files.insert(lexical(path.as_ref()), bytes);
        self
    }

    /// Every path read, or looked for, through these sources so far, in order.
    pub fn tried(&self) -> Vec<PathBuf> {
        let tried = self.tried.lock().unwrap_or_else(|e| e.into_inner());
        tried.iter().cloned().collect()
    }

    /// Notes that the build reads `path` by other means (a font is mapped, not read here).
    pub(crate) fn note(&self, path: &Path) {
        let mut tried = self.tried.lock().unwrap_or_else(|e| e.into_inner());
        tried.insert(path.to_path_buf());
    }

    /// Notes `path` and, for confined sources, refuses it when it is outside the root: its
    /// spelling leaves the folder, or (on disk) its real path does, through a link.
    pub(crate) fn allow(&self, path: &Path) -> Result<()> {
        self.allow_from(path, self.files.contains_key(&lexical(path)))
    }

    /// [`Sources::allow`] for a file always read from disk, given in memory or not (fonts are
    /// mapped, output profiles read directly): its real path must be inside the root.
    pub(crate) fn allow_disk(&self, path: &Path) -> Result<()> {
        self.allow_from(path, false)
    }

    fn allow_from(&self, path: &Path, in_memory: bool) -> Result<()> {
        self.note(path);
        let Some(root) = &self.root else {
            return Ok(());
        };
        let spelled = lexical(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()));
        let inside = spelled.starts_with(root.as_path())
            && (in_memory
                || std::fs::canonicalize(path)
                    .map_or(true, |real| real.starts_with(root.as_path())));
        if inside {
            return Ok(());
        }
        Err(Error::invalid(
            path,
            "the file is outside the served folder; name files inside it, without `..` out of it or links that lead out",
        ))
    }

    /// The bytes of `path`: given in memory, else read from disk.
    pub(crate) fn read(&self, path: &Path) -> Result<Cow<'_, [u8]>> {
        self.allow(path)?;
        match self.files.get(&lexical(path)) {
            Some(bytes) => Ok(Cow::Borrowed(bytes)),
            None => std::fs::read(path)
                .map(Cow::Owned)
                .map_err(|e| Error::io(path, e)),
        }
    }

    /// The text of `path` (UTF-8), given in memory or read from disk.
    pub(crate) fn read_text(&self, path: &Path) -> Result<String> {
        let bytes = self.read(path)?;
        let text = String::from_utf8(bytes.into_owned()).map_err(|_| {
            Error::invalid(
                path,
                "the file is not UTF-8 text; save it as UTF-8 (TOML files are UTF-8)",
            )
        })?;
        // Tabs, invisible characters and decomposed accents put right (model::plain).
        Ok(match super::plain::toml(&text) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(clean) => clean,
        })
    }

    /// Whether `path` is given in memory or exists on disk.
    pub(crate) fn exists(&self, path: &Path) -> bool {
        if self.allow(path).is_err() {
            return false;
        }
        self.files.contains_key(&lexical(path)) || path.exists()
    }
}

/// `path` with `.` steps dropped and `dir/..` folded, so `./a/../b.txt` and `b.txt` name one
/// file in memory (as they do on disk, symbolic links aside).
pub(crate) fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_in_memory_is_found_by_any_spelling_of_its_path() {
        let s = Sources::disk().file("news/a.txt", "正文");
        assert_eq!(s.read_text(Path::new("./news/x/../a.txt")).unwrap(), "正文");
        assert!(s.exists(Path::new("news/./a.txt")));
        assert!(
            s.read(Path::new("news/b.txt")).is_err(),
            "not given, not on disk"
        );
        let tried = s.tried();
        assert!(tried.contains(&PathBuf::from("news/b.txt")), "{tried:?}");
    }

    #[cfg(unix)]
    #[test]
    fn confined_sources_read_nothing_outside_their_folder() {
        let base = std::env::temp_dir().join(format!("baoban-confine-{}", std::process::id()));
        let root = base.join("root");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(base.join("secret.txt"), "机密").unwrap();
        std::fs::write(root.join("a.txt"), "正文").unwrap();
        let _ = std::fs::remove_file(root.join("link.txt"));
        std::os::unix::fs::symlink(base.join("secret.txt"), root.join("link.txt")).unwrap();
        let s = Sources::confined_to(&root)
            .unwrap()
            .file(root.join("mem.txt"), "内存");
        let real = std::fs::canonicalize(&root).unwrap();
        assert_eq!(s.read_text(&real.join("a.txt")).unwrap(), "正文");
        assert_eq!(s.read_text(&real.join("mem.txt")).unwrap(), "内存");
        for outside in [
            real.join("link.txt"),
            real.join("../secret.txt"),
            std::fs::canonicalize(base.join("secret.txt")).unwrap(),
        ] {
            let e = s.read(&outside).unwrap_err().to_string();
            assert!(e.contains("outside the served folder"), "{e}");
            assert!(!s.exists(&outside), "{}", outside.display());
        }
        // A font or profile is read from disk even when a file of its name is given.
        let given = s.clone().file(real.join("link.txt"), "");
        assert!(given.allow(&real.join("link.txt")).is_ok());
        assert!(given.allow_disk(&real.join("link.txt")).is_err());
        assert!(given.allow_disk(&real.join("a.txt")).is_ok());
        assert!(
            Sources::disk().read(&real.join("link.txt")).is_ok(),
            "unconfined sources follow links"
        );
        let _ = std::fs::remove_dir_all(&base);
    }
}
