//! Font subsets kept on disk between processes (`Session::with_subset_cache`,
//! `BAOBAN_SUBSET_CACHE`): the same bytes with or without the cache, subsets taken from it by
//! a new session, and a damaged or cut cache file made again rather than trusted.

mod common;
use common::{root, scratch};
use std::path::Path;

fn seed() -> std::path::PathBuf {
    root().join("examples/jingzhou/page.toml")
}

/// The seed page's proof PDF from `session`.
fn pdf(session: &mut baoban::Session) -> Vec<u8> {
    session.compose(&seed()).unwrap().pdf().unwrap()
}

fn cache_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "subset"))
        .collect();
    files.sort();
    files
}

#[test]
fn subsets_kept_on_disk_are_taken_by_a_new_session_and_change_no_byte() {
    let dir = scratch("subsets-kept");
    let plain = pdf(&mut baoban::Session::default());
    let mut first = baoban::Session::default().with_subset_cache(&dir);
    assert_eq!(pdf(&mut first), plain, "a cold cache changed the PDF");
    assert_eq!(first.reused_subsets(), 0);
    let files = cache_files(&dir);
    // The seed page sets four fonts (宋体, 黑体, 楷体 and the bold 宋体 of its headlines).
    assert!(files.len() >= 3, "one file per font subset: {files:?}");
    let mut second = baoban::Session::default().with_subset_cache(&dir);
    assert_eq!(pdf(&mut second), plain, "subsets read back changed the PDF");
    assert_eq!(
        second.reused_subsets(),
        files.len(),
        "every subset from the folder"
    );
    assert_eq!(
        cache_files(&dir),
        files,
        "a warm build writes no new subset"
    );
}

#[test]
fn a_damaged_or_cut_cache_file_is_made_again_not_trusted() {
    let dir = scratch("subsets-damaged");
    let plain = pdf(&mut baoban::Session::default().with_subset_cache(&dir));
    let files = cache_files(&dir);
    let whole: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    for (k, f) in files.iter().enumerate() {
        let mut bytes = whole[k].clone();
        if k % 2 == 0 {
            // One byte of the program changed, the length kept.
            let last = bytes.len() - 1;
            bytes[last] ^= 0x5a;
        } else {
            bytes.truncate(bytes.len() - 10);
        }
        std::fs::write(f, bytes).unwrap();
    }
    let mut again = baoban::Session::default().with_subset_cache(&dir);
    assert_eq!(
        pdf(&mut again),
        plain,
        "a damaged cache file reached the PDF"
    );
    assert_eq!(again.reused_subsets(), 0, "no damaged file was taken");
    for (k, f) in files.iter().enumerate() {
        assert_eq!(
            std::fs::read(f).unwrap(),
            whole[k],
            "{} made again whole",
            f.display()
        );
    }
}
