//! The examples: every character of the seed reaches the jingzhou page exactly once, each
//! example's layout dump matches its golden file, and output is byte-stable.

mod common;
use baoban::display::LineKind;
use common::*;
use std::collections::BTreeMap;

/// The seed page's text: a copy of `../shared/seed/000_817c68cb1851d5b8.txt` kept in the
/// repository, so the test runs (and can fail) on any clone.
fn seed_path() -> std::path::PathBuf {
    root().join("tests/data/seed-000_817c68cb1851d5b8.txt")
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
    let seed = std::fs::read_to_string(seed_path()).expect("tests/data holds the seed text");
    // The copy is the shared seed. Outside CI the shared folder may be absent (the copy is
    // what the test sets); under CI (CI=true) it is there, and its absence fails the test.
    match std::fs::read_to_string(root().join("../shared/seed/000_817c68cb1851d5b8.txt")) {
        Ok(shared) => assert_eq!(
            shared, seed,
            "tests/data's seed differs from ../shared/seed: copy it again"
        ),
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => panic!(
            "../shared/seed/000_817c68cb1851d5b8.txt: {e}; CI must have the shared folder beside the repository"
        ),
        Err(_) => eprintln!(
            "note: ../shared/seed is absent, so tests/data's copy of the seed is not compared with it (check out the shared folder beside the repository to compare)"
        ),
    }
    let expected = histogram(baoban::model::normalize_punctuation(&seed).chars());
    let c = example();
    // Every line the articles, captions and boxes placed; the running head is the page's own.
    let placed = histogram(
        c.pages[0]
            .lines()
            .filter(|r| r.kind != LineKind::RunningHead)
            .map(|r| r.text.clone())
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

/// The examples with a golden dump: (golden name, plan or edition file).
const GOLDEN: [(&str, &str); 4] = [
    ("jingzhou", "examples/jingzhou/page.toml"),
    ("jingzhou-frames", "examples/jingzhou/frames.toml"),
    ("edition-2p", "examples/edition-2p/edition.toml"),
    ("broadsheet", "examples/broadsheet/page.toml"),
];

#[test]
fn layout_dumps_match_golden() {
    for (name, plan) in GOLDEN {
        let dump = baoban::compose(&root().join(plan)).unwrap().dump();
        let golden = root().join(format!("tests/golden/{name}.dump"));
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&golden, &dump).unwrap();
            continue;
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
}

#[test]
fn every_example_fits_and_names_its_furniture() {
    for (name, plan) in GOLDEN {
        let c = baoban::compose(&root().join(plan)).unwrap();
        assert_eq!(c.overset().count(), 0, "{name} is overset");
        let dump = c.dump();
        match name {
            "jingzhou" | "jingzhou-frames" => {
                assert!(dump.contains("rhead 0:1 ") && dump.contains("第2版　荆州区新闻"))
            }
            "broadsheet" => assert!(dump.contains("mast 0:1 ") && dump.contains("| 荆州区报")),
            _ => assert!(dump.contains("| （下转第2版）") && dump.contains("| （上接第1版）")),
        }
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
    for r in c.pages[0].lines() {
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

#[test]
fn split_columns_are_justified_to_their_own_measure() {
    let c = baoban::compose(&root().join("examples/broadsheet/page.toml")).unwrap();
    let page = &c.pages[0];
    let regions: Vec<_> = page.regions_of("dangjian").collect();
    assert_eq!(regions.len(), 2, "one frame split into two 破栏 columns");
    for f in &regions {
        assert!(
            (f.rect[2] - 20.0 * 9.0).abs() < 0.01,
            "(41 − 1) / 2 = 20 characters"
        );
    }
    let lines: Vec<_> = page
        .lines()
        .filter(|r| r.owner == "dangjian" && r.kind == LineKind::Body)
        .collect();
    for (i, l) in lines.iter().enumerate() {
        let [left, _, width, _] = regions[l.region - 1].rect;
        let full = (l.x.1 - (left + width)).abs() < 0.5;
        // A short line ends a paragraph: the next line starts with the 2-character indent.
        let next_indented = lines
            .get(i + 1)
            .is_none_or(|n| n.x.0 > regions[n.region - 1].rect[0] + 17.5);
        assert!(full || next_indented, "line {i} is short: {}", l.text);
    }
}
