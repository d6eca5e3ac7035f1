//! Reading order across pages: articles that jump between the same pages nest and never
//! interleave, the article nearest a page boundary reads on across it, jump lines read where
//! they stand, and a region that both receives and sends a jump keeps its 下转 line under the
//! text.

mod common;
use baoban::display::LineKind;
use common::*;
use std::path::PathBuf;

/// A three-page edition: `a` runs over pages 1 → 2 → 3 (its middle region both receives and
/// sends a jump), `b` over pages 1 → 2, `c` stays on page 2. Each article's text is numbered
/// sentences of its own character, so a line tells whose it is.
fn three_pages(name: &str) -> PathBuf {
    let dir = scratch(name);
    let t = root()
        .join("layouts/tabloid-6col.toml")
        .display()
        .to_string();
    let text = |c: &str, n: usize| (0..n).map(|i| format!("{c}{i}号文。")).collect::<String>();
    let p1 = format!(
        "template = {t:?}\nname = \"一\"\n\
         [[article]]\nid = \"a\"\nfile = \"a.txt\"\nheadline = {{ cols = [1, 3], lines = [1, 5] }}\n\
         frames = [{{ cols = [1, 1], lines = [6, 30] }}, {{ cols = [2, 2], lines = [6, 30] }}]\n\
         [[article]]\nid = \"b\"\nfile = \"b.txt\"\nheadline = {{ cols = [4, 6], lines = [1, 5] }}\n\
         frames = [{{ cols = [4, 4], lines = [6, 30] }}]\n"
    );
    let p2 = format!(
        "template = {t:?}\nname = \"二\"\n\
         [[continued]]\narticle = \"a\"\nframes = [{{ cols = [1, 1], lines = [1, 20] }}]\n\
         [[continued]]\narticle = \"b\"\nframes = [{{ cols = [2, 2], lines = [1, 99] }}]\n\
         [[article]]\nid = \"c\"\nfile = \"c.txt\"\nheadline = {{ cols = [3, 4], lines = [1, 5] }}\n\
         frames = [{{ cols = [3, 3], lines = [6, 30] }}]\n"
    );
    let p3 = format!(
        "template = {t:?}\nname = \"三\"\n\
         [[continued]]\narticle = \"a\"\nframes = [{{ cols = [1, 1], lines = [1, 99] }}]\n"
    );
    let edition = "paper = \"报\"\ndate = \"2023-05-29\"\n\
                   [[page]]\nplan = \"p1.toml\"\n[[page]]\nplan = \"p2.toml\"\n[[page]]\nplan = \"p3.toml\"\n";
    write_files(
        &dir,
        &[
            ("p1.toml", &p1),
            ("p2.toml", &p2),
            ("p3.toml", &p3),
            ("edition.toml", edition),
            ("a.txt", &format!("主题: 甲\n\n{}\n", text("甲", 260))),
            ("b.txt", &format!("主题: 乙\n\n{}\n", text("乙", 200))),
            ("c.txt", &format!("主题: 丙\n\n{}\n", "丙文。".repeat(40))),
        ],
    );
    dir.join("edition.toml")
}

/// The body lines of the whole edition in stream order: (page index, owner).
fn body_owners(c: &baoban::Composition) -> Vec<(usize, String)> {
    c.pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            p.lines()
                .filter(|l| l.kind == LineKind::Body)
                .map(move |l| (i, l.owner.clone()))
        })
        .collect()
}

#[test]
fn articles_jumping_between_the_same_pages_nest_and_never_interleave() {
    let c = baoban::compose(&three_pages("reading-nest")).unwrap();
    assert_eq!(
        c.articles
            .iter()
            .map(|a| a.pages.clone())
            .collect::<Vec<_>>(),
        [vec![1, 2, 3], vec![1, 2], vec![2]]
    );
    let owners = body_owners(&c);
    // Runs of one owner in the stream; for any two articles, their runs alternate at most
    // X Y X (nesting), never X Y X Y (interleaving).
    let mut runs: Vec<&str> = Vec::new();
    for (_, o) in &owners {
        if runs.last() != Some(&o.as_str()) {
            runs.push(o);
        }
    }
    for x in ["a", "b", "c"] {
        for y in ["a", "b", "c"] {
            let mut pair: Vec<&str> = runs
                .iter()
                .copied()
                .filter(|r| *r == x || *r == y)
                .collect();
            pair.dedup();
            assert!(
                x == y || pair.len() <= 3,
                "{x} and {y} interleave: {runs:?}"
            );
        }
    }
    // Every page boundary an article crosses is joined by one of them: the last body line
    // before it and the first after it are the same article's.
    for p in 0..2 {
        let last = owners.iter().rfind(|(i, _)| *i == p).unwrap();
        let first = owners.iter().find(|(i, _)| *i == p + 1).unwrap();
        assert_eq!(last.1, first.1, "page {} → {}: {runs:?}", p + 1, p + 2);
    }
}

#[test]
fn the_middle_pages_running_head_stays_out_of_the_passing_article() {
    let c = baoban::compose(&three_pages("reading-middle")).unwrap();
    // Page 2 in stream order: what arrives and ends (b), the page's own running head and
    // article, and last the article that goes on to page 3 (a), its jump lines after its text.
    let seq: Vec<(String, LineKind)> = c.pages[1]
        .lines()
        .map(|l| (l.owner.clone(), l.kind))
        .collect();
    let head = (seq.iter())
        .position(|(o, k)| o == "running-head" && *k == LineKind::RunningHead)
        .unwrap();
    let a_first = seq.iter().position(|(o, _)| o == "a").unwrap();
    let b_last = seq.iter().rposition(|(o, _)| o == "b").unwrap();
    assert!(b_last < head && head < a_first, "{seq:?}");
    assert!(
        seq[a_first..].iter().all(|(o, _)| o == "a"),
        "nothing after a's text starts on page 2: {seq:?}"
    );
    assert_eq!(seq[a_first].1, LineKind::Body);
    assert_eq!(seq.last().unwrap(), &("a".to_string(), LineKind::Jump));
}

#[test]
fn a_region_that_receives_and_sends_a_jump_keeps_the_out_line_under_its_text() {
    let c = baoban::compose(&three_pages("reading-both")).unwrap();
    let lines: Vec<_> = c.pages[1].lines().filter(|l| l.owner == "a").collect();
    let jumps: Vec<_> = lines.iter().filter(|l| l.kind == LineKind::Jump).collect();
    assert_eq!(
        jumps.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
        ["（上接第1版）", "（下转第3版）"]
    );
    let region = c.pages[1].regions_of("a").next().unwrap().rect;
    let body_last = lines
        .iter()
        .filter(|l| l.kind == LineKind::Body)
        .map(|l| l.baseline)
        .fold(f32::MIN, f32::max);
    let out = jumps[1];
    // 20 line cells: 上接 in the first, 18 body lines, 下转 in the last, on the next baseline.
    assert!(
        (out.baseline - body_last - 10.5).abs() < 0.01,
        "{} {body_last}",
        out.baseline
    );
    assert!(out.baseline < region[1] + region[3], "inside its region");
    assert_eq!((jumps[0].row, out.row), (1, 20));
    assert!(
        lines
            .iter()
            .all(|l| l.kind == LineKind::Jump || (2..=19).contains(&l.row))
    );
}

#[test]
fn a_region_left_without_body_lines_is_refused_naming_its_page() {
    let edition = three_pages("reading-no-line");
    // Page 2's region of `a` both receives and sends a jump: two line cells hold only those.
    let p2 = edition.with_file_name("p2.toml");
    let plan = std::fs::read_to_string(&p2).unwrap();
    std::fs::write(&p2, plan.replace("lines = [1, 20]", "lines = [1, 2]")).unwrap();
    let e = baoban::compose(&edition)
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("p2.toml") && e.contains("article 'a': frame 3 has no line left"),
        "{e}"
    );
}
