//! Font subsets remembered between builds: in memory for a session (watch mode), and — when
//! a folder is given — on disk, so a proof made again by a new process (an editor's next
//! `baoban build`) takes the subsets of fonts whose glyphs did not change instead of making
//! them again. A subset is a pure function of the font and the glyph set, so the output bytes
//! are the same with or without the cache.

use crate::font::Face;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// A subset in memory: the font file and face, and the glyphs.
type MemoryKey = ((PathBuf, u32), Vec<u16>);

/// What a subset was made from, for the cache: the font's identity and the glyph set.
pub(super) struct SubsetKey {
    /// In memory: the font file, the face in it and the glyphs.
    memory: MemoryKey,
    /// On disk (only when the cache has a folder): the face's name, size, index and the
    /// checksum of every table its maker wrote (content-derived, so a rebuilt or replaced font
    /// is another key), then the glyphs.
    disk: Option<Vec<u8>>,
}

impl SubsetKey {
    /// The on-disk form of the key of `glyphs` subset from `face`.
    fn disk(face: &Face, glyphs: &[u16]) -> Vec<u8> {
        let mut disk = format!(
            "baoban subset 1\n{}\n{} bytes\nface {}\n",
            face.postscript_name,
            face.data().len(),
            face.index
        )
        .into_bytes();
        if let Ok(font) = skrifa::FontRef::from_index(face.data(), face.index) {
            for r in font.table_directory.table_records() {
                disk.extend(r.tag().to_be_bytes());
                disk.extend(r.checksum().to_be_bytes());
                disk.extend(r.length().to_be_bytes());
            }
        }
        disk.push(b'\n');
        disk.extend(glyphs.iter().flat_map(|g| g.to_be_bytes()));
        disk
    }

    /// The on-disk key and the file name it has in a cache folder (32 hex digits of its
    /// FNV-1a hash), if the cache has a folder.
    fn file(&self) -> Option<(&[u8], String)> {
        let disk = self.disk.as_deref()?;
        let mut h = super::Fnv::new();
        h.write(disk);
        Some((disk, format!("{:032x}.subset", h.value())))
    }
}

/// Subsets already made, by font and glyph set: the deflated font program of each.
#[derive(Debug, Default)]
pub struct SubsetCache {
    memory: Mutex<BTreeMap<MemoryKey, Arc<Vec<u8>>>>,
    dir: Option<PathBuf>,
    hits: AtomicUsize,
}

impl SubsetCache {
    /// A cache that also keeps its subsets as files in `dir` (made when first written to), for
    /// builds by later processes. A file that cannot be read back whole is made again.
    pub fn on_disk(dir: impl Into<PathBuf>) -> Self {
        SubsetCache {
            dir: Some(dir.into()),
            ..SubsetCache::default()
        }
    }

    /// The same cache emptied of what it holds in memory (a font changed); its folder, whose
    /// files are keyed by font content, is kept.
    pub fn emptied(&self) -> Self {
        SubsetCache {
            dir: self.dir.clone(),
            ..SubsetCache::default()
        }
    }

    /// The key of `glyphs` subset from `face` (its on-disk form only for a cache with a folder).
    pub(super) fn key(&self, face: &Face, glyphs: &[u16]) -> SubsetKey {
        SubsetKey {
            memory: ((face.path.clone(), face.index), glyphs.to_vec()),
            disk: self.dir.is_some().then(|| SubsetKey::disk(face, glyphs)),
        }
    }

    /// Subsets taken from the cache (memory or folder) so far.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    /// The subset of `key`, from memory or from the folder.
    pub(super) fn get(&self, key: &SubsetKey) -> Option<Arc<Vec<u8>>> {
        let found = self.memory.lock().ok()?.get(&key.memory).cloned();
        let found = found.or_else(|| {
            let p = Arc::new(self.read(key)?);
            self.remember(key, p.clone());
            Some(p)
        })?;
        self.hits.fetch_add(1, Ordering::Relaxed);
        Some(found)
    }

    /// The subset of `key` from its file. The file holds the whole key, the program's length
    /// and hash, then the program: a hash collision, a file cut short or a damaged byte is a
    /// miss, never a wrong subset.
    fn read(&self, key: &SubsetKey) -> Option<Vec<u8>> {
        let (disk, name) = key.file()?;
        let bytes = std::fs::read(self.dir.as_ref()?.join(name)).ok()?;
        let rest = bytes.strip_prefix(disk)?;
        let len = u64::from_be_bytes(rest.get(..8)?.try_into().ok()?);
        let hash = u128::from_be_bytes(rest.get(8..24)?.try_into().ok()?);
        let packed = rest.get(24..).filter(|p| p.len() as u64 == len)?;
        (program_hash(packed) == hash).then(|| packed.to_vec())
    }

    /// Keeps `packed` as the subset of `key`, in memory and (best effort) in the folder.
    pub(super) fn put(&self, key: &SubsetKey, packed: Arc<Vec<u8>>) {
        if let (Some(dir), Some((disk, name))) = (&self.dir, key.file()) {
            // A cache that cannot be written costs the next build time, not its output.
            let _ = write_file(dir, &name, disk, &packed);
        }
        self.remember(key, packed);
    }

    fn remember(&self, key: &SubsetKey, packed: Arc<Vec<u8>>) {
        if let Ok(mut m) = self.memory.lock() {
            // A long watch session makes many glyph sets; keep the memory bounded.
            if m.len() >= 64 {
                m.clear();
            }
            m.insert(key.memory.clone(), packed);
        }
    }
}

/// Writes `key`, the program's length and hash, and the program to `dir/name` through a
/// temporary file, so a build running beside never reads half a subset.
fn write_file(dir: &Path, name: &str, key: &[u8], packed: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut bytes = Vec::with_capacity(key.len() + 24 + packed.len());
    bytes.extend_from_slice(key);
    bytes.extend((packed.len() as u64).to_be_bytes());
    bytes.extend(program_hash(packed).to_be_bytes());
    bytes.extend_from_slice(packed);
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, dir.join(name)).inspect_err(|_| drop(std::fs::remove_file(&tmp)))
}

/// The FNV-1a hash of a stored program, checked when it is read back.
fn program_hash(packed: &[u8]) -> u128 {
    let mut h = super::Fnv::new();
    h.write(packed);
    h.value()
}
