//! The example page: every character of the seed reaches the display list exactly once, the
//! layout dump matches its golden file, and output is byte-stable.

mod common;
use baoban::frame::Item;
use common::*;
use std::collections::BTreeMap;

fn seed_path() -> std::path::PathBuf {
    root().join("../shared/seed/000_817c68cb1851d5b8.txt")
}

fn example() -> baoban::Composition {
    baoban::compose(&root().join("examples/jingzhou/page.toml")).unwrap()
}

fn histogram(text: impl Iterator<Item = char>) -> BTreeMap<char, usize> {
    let mut h = BTreeMap::new();
    for c in text.filter(|c| !c.is_whitespace()) {
        *h.entry(c).or_insert(0) += 1;
    }
    h
}

#[test]
fn every_seed_character_is_placed_exactly_once() {
    let Ok(seed) = std::fs::read_to_string(seed_path()) else {
        eprintln!("skipped: ../shared/seed is not present");
        return;
    };
    let expected = histogram(baoban::model::normalize_punctuation(&seed).chars());
    let c = example();
    let placed = histogram(
        c.pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(run) => Some(run.text.clone()),
                _ => None,
            })
            .collect::<String>()
            .chars(),
    );
    let diff: Vec<String> = expected
        .keys()
        .chain(placed.keys())
        .filter(|k| expected.get(k) != placed.get(k))
        .map(|k| format!("{k}: seed {:?} placed {:?}", expected.get(k), placed.get(k)))
        .collect();
    assert!(diff.is_empty(), "{diff:?}");
    assert!(
        !placed.contains_key(&','),
        "half-width comma left between Han characters"
    );
}

#[test]
fn example_fits_without_overset() {
    let c = example();
    let over: Vec<String> = c
        .overset()
        .map(|(a, o)| format!("{}: {} lines", a.id, o.lines))
        .collect();
    assert!(over.is_empty(), "{over:?}");
    assert_eq!(c.articles.len(), 10);
}

#[test]
fn layout_dump_matches_golden() {
    let dump = example().dump();
    let golden = root().join("tests/golden/jingzhou.dump");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &dump).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&golden)
        .expect("golden dump missing: run with UPDATE_GOLDEN=1 and review the diff");
    if want != dump {
        let first = want
            .lines()
            .zip(dump.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "layout dump differs from {} at line {}:\n- {}\n+ {}\n(run with UPDATE_GOLDEN=1 and review `git diff`)",
            golden.display(),
            first + 1,
            want.lines().nth(first).unwrap_or(""),
            dump.lines().nth(first).unwrap_or("")
        );
    }
}

#[test]
fn two_builds_give_identical_bytes() {
    let a = example();
    let b = example();
    assert_eq!(a.dump(), b.dump());
    let (pa, pb) = (a.pdf().unwrap(), b.pdf().unwrap());
    assert_eq!(pa, pb);
    assert!(pa.starts_with(b"%PDF-1.4"));
}

#[test]
fn body_lines_respect_basic_kinsoku() {
    let c = example();
    for r in &c.pages[0].records {
        let first = r.text.chars().next().unwrap();
        let last = r.text.chars().last().unwrap();
        assert!(
            !"，。、；：？！）》”’".contains(first),
            "line starts with {first}: {}",
            r.text
        );
        assert!(
            !"（《“‘".contains(last),
            "line ends with {last}: {}",
            r.text
        );
    }
}
