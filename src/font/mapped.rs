//! Font files mapped into memory, guarded against the file changing underneath.
//!
//! A page touches well under 1 % of a CJK font, so fonts are mapped, not read (reading the
//! seed page's four faces whole costs ~15 ms, more than composing the page). But a mapped file
//! truncated while in use — `cp new.otf fonts/X.otf` truncates before it writes — makes the
//! kernel raise SIGBUS on the next read of a page past the new end, and the process dies.
//! The guard catches that signal for font mappings only: it maps zero pages over the rest of
//! the mapping and marks the font changed, so the read goes on (zeros, which the bounds-checked
//! parsers take as damage) and the build ends with "font changed while read" instead of a
//! crash or a page set from half a font. A file rewritten without shrinking raises no signal;
//! [`Mapped::changed`] also compares the file's length and modification time with those at
//! load. Faults anywhere else go to the handler installed before ours (Rust's stack-overflow
//! check, then the default action), so they still end the process as they should.
#![allow(unsafe_code)]

use std::fs::File;
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::SystemTime;

/// A font file's bytes: mapped and guarded, or read whole when no guard slot is free.
pub struct Mapped {
    bytes: Bytes,
    stamp: Option<(u64, SystemTime)>,
}

enum Bytes {
    Guarded { map: memmap2::Mmap, slot: usize },
    Read(Vec<u8>),
}

impl Mapped {
    /// Maps `path` (or reads it, if every guard slot is taken).
    pub fn open(path: &Path) -> std::io::Result<Mapped> {
        let file = File::open(path)?;
        let meta = file.metadata()?;
        if meta.is_dir() {
            return Err(std::io::Error::other("it is a folder, not a font file"));
        }
        let stamp = meta.modified().ok().map(|m| (meta.len(), m));
        let bytes = match guard::claim() {
            Some(slot) => {
                // SAFETY: read-only map of a file we do not write. A shrinking file raises
                // SIGBUS, which the guard turns into zero pages and a mark (module docs);
                // changed contents are caught by the stamp. Parsing is bounds-checked.
                let map = match unsafe { memmap2::Mmap::map(&file) } {
                    Ok(map) => map,
                    Err(e) => {
                        guard::release(slot);
                        return Err(e);
                    }
                };
                guard::arm(slot, map.as_ptr() as usize, map.len());
                Bytes::Guarded { map, slot }
            }
            None => Bytes::Read(std::fs::read(path)?),
        };
        Ok(Mapped { bytes, stamp })
    }

    /// Whether the file changed since it was opened: shrunk under the map (a page read past its
    /// end), or a length or modification time different from then.
    pub fn changed(&self, path: &Path) -> bool {
        if let Bytes::Guarded { slot, .. } = self.bytes
            && guard::hit(slot)
        {
            return true;
        }
        let now = std::fs::metadata(path)
            .ok()
            .and_then(|m| Some((m.len(), m.modified().ok()?)));
        now != self.stamp
    }
}

impl AsRef<[u8]> for Mapped {
    fn as_ref(&self) -> &[u8] {
        match &self.bytes {
            Bytes::Guarded { map, .. } => map,
            Bytes::Read(v) => v,
        }
    }
}

impl Drop for Mapped {
    fn drop(&mut self) {
        if let Bytes::Guarded { slot, .. } = self.bytes {
            // Disarm before the map goes (the field is dropped after this).
            guard::release(slot);
        }
    }
}

#[cfg(unix)]
mod guard {
    //! The SIGBUS handler and its table of armed mappings (fixed, lock-free: a signal
    //! handler may neither lock nor allocate).
    use super::*;

    const SLOTS: usize = 256;

    struct Slot {
        taken: AtomicBool,
        start: AtomicUsize,
        len: AtomicUsize,
        hit: AtomicBool,
    }

    #[allow(clippy::declare_interior_mutable_const)]
    const FREE: Slot = Slot {
        taken: AtomicBool::new(false),
        start: AtomicUsize::new(0),
        len: AtomicUsize::new(0),
        hit: AtomicBool::new(false),
    };
    static TABLE: [Slot; SLOTS] = [FREE; SLOTS];
    static PAGE: AtomicUsize = AtomicUsize::new(4096);
    /// The handler before ours, set once when ours is installed.
    static PREVIOUS: OnceLock<Option<libc::sigaction>> = OnceLock::new();

    /// A free slot, installing the handler on first use; `None` if all are taken.
    pub fn claim() -> Option<usize> {
        PREVIOUS.get_or_init(install);
        (0..SLOTS).find(|&i| {
            (TABLE[i]
                .taken
                .compare_exchange(false, true, Ordering::AcqRel, Ordering::Relaxed))
            .is_ok()
        })
    }

    /// Arms `slot` for the mapping at `start`, `len` bytes long.
    pub fn arm(slot: usize, start: usize, len: usize) {
        let s = &TABLE[slot];
        s.hit.store(false, Ordering::Release);
        s.start.store(start, Ordering::Release);
        s.len.store(len, Ordering::Release);
    }

    /// Whether a read past the end of the file hit `slot`'s mapping.
    pub fn hit(slot: usize) -> bool {
        TABLE[slot].hit.load(Ordering::Acquire)
    }

    /// Disarms and frees `slot`.
    pub fn release(slot: usize) {
        let s = &TABLE[slot];
        s.len.store(0, Ordering::Release);
        s.start.store(0, Ordering::Release);
        s.taken.store(false, Ordering::Release);
    }

    /// Installs the handler; the one it replaces.
    fn install() -> Option<libc::sigaction> {
        // SAFETY: sysconf and sigaction with valid arguments. The handler reads PREVIOUS,
        // which holds nothing until this returns: a fault in between goes to the default.
        unsafe {
            let page = libc::sysconf(libc::_SC_PAGESIZE);
            if page > 0 {
                PAGE.store(page as usize, Ordering::Release);
            }
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_sigbus as *const () as usize;
            action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK | libc::SA_NODEFER;
            libc::sigemptyset(&mut action.sa_mask);
            let mut old: libc::sigaction = std::mem::zeroed();
            (libc::sigaction(libc::SIGBUS, &action, &mut old) == 0).then_some(old)
        }
    }

    /// Zero pages over the faulting font mapping from the faulting page to its end, or the
    /// previous handler for any other fault.
    extern "C" fn on_sigbus(sig: libc::c_int, info: *mut libc::siginfo_t, ctx: *mut libc::c_void) {
        // SAFETY: the kernel passes a valid siginfo for SA_SIGINFO handlers.
        let addr = unsafe { (*info).si_addr() } as usize;
        let page = PAGE.load(Ordering::Acquire);
        for s in &TABLE {
            let (start, len) = (
                s.start.load(Ordering::Acquire),
                s.len.load(Ordering::Acquire),
            );
            if len == 0 || addr < start || addr >= start + len {
                continue;
            }
            let from = addr & !(page - 1);
            let end = (start + len).div_ceil(page) * page;
            // SAFETY: replaces pages inside a read-only mapping we own with zero pages;
            // mmap is a plain system call, safe in a signal handler on Linux.
            let p = unsafe {
                libc::mmap(
                    from as *mut libc::c_void,
                    end - from,
                    libc::PROT_READ,
                    libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED,
                    -1,
                    0,
                )
            };
            if p != libc::MAP_FAILED {
                s.hit.store(true, Ordering::Release);
                return;
            }
        }
        previous(sig, info, ctx);
    }

    /// Hands a fault that is not ours to the handler before ours; with none, restores the
    /// default action, so the fault, raised again on return, ends the process.
    fn previous(sig: libc::c_int, info: *mut libc::siginfo_t, ctx: *mut libc::c_void) {
        // SAFETY: the previous handler is called as its flags say it expects.
        unsafe {
            match PREVIOUS.get().and_then(Option::as_ref) {
                Some(old)
                    if old.sa_sigaction != libc::SIG_DFL && old.sa_sigaction != libc::SIG_IGN =>
                {
                    if old.sa_flags & libc::SA_SIGINFO != 0 {
                        let f: extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) =
                            std::mem::transmute(old.sa_sigaction);
                        f(sig, info, ctx);
                    } else {
                        let f: extern "C" fn(libc::c_int) = std::mem::transmute(old.sa_sigaction);
                        f(sig);
                    }
                }
                _ => {
                    let mut dfl: libc::sigaction = std::mem::zeroed();
                    dfl.sa_sigaction = libc::SIG_DFL;
                    libc::sigaction(libc::SIGBUS, &dfl, std::ptr::null_mut());
                }
            }
        }
    }
}

#[cfg(not(unix))]
mod guard {
    //! Elsewhere (Windows) a mapped file cannot be truncated; the stamp alone tells a change.
    pub fn claim() -> Option<usize> {
        Some(0)
    }
    pub fn arm(_: usize, _: usize, _: usize) {}
    pub fn hit(_: usize) -> bool {
        false
    }
    pub fn release(_: usize) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_font_file_truncated_under_its_map_reads_as_zeros_and_is_marked_changed() {
        let dir = std::env::temp_dir().join(format!("baoban-mapped-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("f.otf");
        std::fs::write(&path, vec![7u8; 3 * 65536]).unwrap();
        let m = Mapped::open(&path).unwrap();
        assert!(!m.changed(&path));
        assert_eq!(m.as_ref()[100_000], 7);
        File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(10)
            .unwrap();
        // Without the guard this read is a SIGBUS and the test process dies.
        let sum: u64 = m.as_ref().iter().map(|&b| b as u64).sum();
        assert_eq!(sum, 7 * 10, "the bytes past the new end read as zeros");
        assert!(m.changed(&path));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
