//! Editions: page numbers come from the edition's order, jump lines name the other page and
//! follow a reordering, the chain's text is conserved across pages, and bad editions and plans
//! are refused with the file and what to change.

mod common;
use baoban::display::LineKind;
use common::*;
use std::path::Path;

fn example_dir() -> std::path::PathBuf {
    root().join("examples/edition-2p")
}

/// An edition in `dir` listing `plans` (paths) in that order.
fn edition(dir: &Path, plans: &[&Path]) -> std::path::PathBuf {
    let mut text = "paper = \"荆州区报\"\ndate = \"2023-05-29\"\n".to_string();
    for p in plans {
        text.push_str(&format!(
            "\n[[page]]\nplan = {:?}\n",
            p.display().to_string()
        ));
    }
    let path = dir.join("edition.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// The jump lines of the composition: (page number, text).
fn jumps(c: &baoban::Composition) -> Vec<(u32, String)> {
    c.pages
        .iter()
        .flat_map(|p| {
            p.lines()
                .filter(|r| r.kind == LineKind::Jump)
                .map(move |r| (p.number, r.text.clone()))
        })
        .collect()
}

#[test]
fn jump_lines_name_the_other_page() {
    let c = baoban::compose(&example_dir().join("edition.toml")).unwrap();
    assert_eq!(c.pages.len(), 2);
    assert_eq!(
        jumps(&c),
        [
            (1, "（下转第2版）".to_string()),
            (2, "（上接第1版）".to_string())
        ]
    );
    // The out line is the last line of the last frame on page 1, flush right; the in line
    // opens the continuation on page 2, flush left.
    let out = c.pages[0]
        .lines()
        .find(|r| r.kind == LineKind::Jump)
        .unwrap();
    let last_body = c.pages[0]
        .lines()
        .filter(|r| r.owner == "gucheng" && r.kind == LineKind::Body && r.region == 3)
        .max_by(|a, b| a.baseline.total_cmp(&b.baseline))
        .unwrap();
    assert_eq!((out.region, out.row), (3, last_body.row + 1));
    assert!(
        (out.baseline - last_body.baseline - 10.5).abs() < 0.6,
        "the next grid line"
    );
    let frame = c.pages[0].regions_of("gucheng").nth(2).unwrap().rect;
    assert!(
        (out.x.1 - (frame[0] + frame[2])).abs() < 0.01,
        "flush right"
    );
}

#[test]
fn swapping_the_pages_renumbers_the_jumps() {
    let dir = scratch("edition-swap");
    let (p1, p2) = (example_dir().join("p1.toml"), example_dir().join("p2.toml"));
    let c = baoban::compose(&edition(&dir, &[&p2, &p1])).unwrap();
    // The article now starts on page 2 and continues on page 1.
    assert_eq!(
        jumps(&c),
        [
            (1, "（上接第2版）".to_string()),
            (2, "（下转第1版）".to_string())
        ]
    );
    let heads: Vec<&str> = c.pages[0]
        .lines()
        .filter(|r| r.kind == LineKind::RunningHead)
        .map(|r| r.text.as_str())
        .collect();
    assert!(
        heads.contains(&"荆州区报　2023年5月29日 星期一　责任编辑：李明远"),
        "{heads:?}"
    );
    assert!(heads.contains(&"第1版　综合"), "{heads:?}");
    // The PDF's article thread still follows the chain: page 2's beads before page 1's.
    let doc = lopdf::Document::load_mem(&c.pdf().unwrap()).unwrap();
    let page_no: std::collections::BTreeMap<_, _> =
        doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let thread = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .find(|d| {
            d.get(b"I")
                .and_then(|i| i.as_dict())
                .and_then(|i| i.get(b"Title"))
                .and_then(|t| t.as_str())
                .is_ok_and(|t| t == b"gucheng")
        })
        .expect("a thread for the article");
    let first = thread.get(b"F").unwrap().as_reference().unwrap();
    let (mut bead, mut pages) = (first, Vec::new());
    loop {
        let d = doc.get_dictionary(bead).unwrap();
        pages.push(page_no[&d.get(b"P").unwrap().as_reference().unwrap()]);
        bead = d.get(b"N").unwrap().as_reference().unwrap();
        if bead == first {
            break;
        }
    }
    assert_eq!(pages, [2, 2, 2, 1, 1]);
}

#[test]
fn the_chain_conserves_the_article_text_across_pages() {
    let c = baoban::compose(&example_dir().join("edition.toml")).unwrap();
    let story = std::fs::read_to_string(example_dir().join("gucheng.txt")).unwrap();
    let parsed =
        baoban::model::parse_story("g", Path::new("g"), &story, baoban::model::Repairs::ALL)
            .unwrap();
    let want: String = parsed
        .dateline
        .iter()
        .chain(parsed.paragraphs.iter().map(|p| &p.text))
        .flat_map(|p| p.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    let got: String = c
        .pages
        .iter()
        .flat_map(|p| p.lines())
        .filter(|r| r.owner == "gucheng" && r.kind == LineKind::Body)
        .flat_map(|r| r.text.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    assert_eq!(got, want);
    let report = c.articles.iter().find(|a| a.id == "gucheng").unwrap();
    assert_eq!(report.stop, baoban::flow::Stop::Done { empty: 0 });
}

/// A two-page edition in `dir` whose article `a` has `text` and continues on page 2.
fn small_edition(dir: &Path, text: &str, p2_extra: &str) -> std::path::PathBuf {
    let t = root().join("layouts/tabloid-6col.toml");
    write_files(
        dir,
        &[
            ("a.txt", text),
            (
                "p1.toml",
                &format!(
                    "template = {:?}\n[[article]]\nid = \"a\"\nfile = \"a.txt\"\nframes = [{{ cols = [1, 1], lines = [1, 5] }}]\n",
                    t.display().to_string()
                ),
            ),
            (
                "p2.toml",
                &format!(
                    "template = {:?}\n[[continued]]\narticle = \"a\"\nframes = [{{ cols = [1, 1], lines = [1, 5] }}]\n{p2_extra}",
                    t.display().to_string()
                ),
            ),
        ],
    );
    edition(dir, &[&dir.join("p1.toml"), &dir.join("p2.toml")])
}

#[test]
fn no_jump_lines_when_the_text_ends_before_the_jump() {
    let dir = scratch("edition-short");
    let c = baoban::compose(&small_edition(&dir, "短消息一则。", "")).unwrap();
    assert!(jumps(&c).is_empty());
    // 5 lines on page 1 less the reserved one, 5 on page 2 less one: 8 lines, 1 used.
    assert_eq!(c.articles[0].capacity, 8);
    assert_eq!(c.articles[0].stop, baoban::flow::Stop::Done { empty: 7 });
    let long = "长".repeat(14 * 6);
    let c = baoban::compose(&small_edition(&dir, &long, "")).unwrap();
    assert_eq!(jumps(&c).len(), 2);
}

fn error_of(path: &Path) -> String {
    baoban::compose(path).unwrap_err().to_string()
}

#[test]
fn bad_editions_are_refused_with_what_to_change() {
    let dir = scratch("edition-bad");
    // A continuation of an article that is nowhere.
    let e = error_of(&small_edition(
        &dir,
        "x",
        "[[continued]]\narticle = \"nope\"\nframes = [{ cols = [2, 2], lines = [1, 5] }]\n",
    ));
    assert!(
        e.contains("p2.toml") && e.contains("'nope' is not an article of the edition (known: a)"),
        "{e}"
    );
    // A page plan that numbers itself inside an edition.
    let ed = small_edition(&dir, "x", "");
    let p2 = std::fs::read_to_string(dir.join("p2.toml")).unwrap();
    std::fs::write(dir.join("p2.toml"), format!("page = 7\n{p2}")).unwrap();
    let e = error_of(&ed);
    assert!(
        e.contains("p2.toml") && e.contains("remove `page` and `date`"),
        "{e}"
    );
    // A continuation built alone.
    std::fs::write(dir.join("p2.toml"), format!("date = \"2023-05-29\"\n{p2}")).unwrap();
    let e = error_of(&dir.join("p2.toml"));
    assert!(e.contains("build the edition file"), "{e}");
    // Two templates in one edition.
    let ed = small_edition(&dir, "x", "");
    let other = root().join("layouts/broadsheet-8col.toml");
    let p2 = std::fs::read_to_string(dir.join("p2.toml"))
        .unwrap()
        .replace(
            &root()
                .join("layouts/tabloid-6col.toml")
                .display()
                .to_string(),
            &other.display().to_string(),
        );
    std::fs::write(dir.join("p2.toml"), p2).unwrap();
    let e = error_of(&ed);
    assert!(e.contains("share one template"), "{e}");
}

#[test]
fn bad_chains_and_splits_are_refused_with_the_numbers() {
    let dir = scratch("plan-bad-chain");
    let t = root().join("layouts/tabloid-6col.toml");
    let plan = |frames: &str| {
        write_files(
            &dir,
            &[
                ("a.txt", "正文。"),
                (
                    "page.toml",
                    &format!(
                        "template = {:?}\ndate = \"2023-05-29\"\n[[article]]\nid = \"a\"\nfile = \"a.txt\"\nframes = [{frames}]\n",
                        t.display().to_string()
                    ),
                ),
            ],
        );
        error_of(&dir.join("page.toml"))
    };
    let e = plan(
        "{ cols = [1, 1], lines = [1, 9] }, { cols = [2, 2], lines = [1, 9] }, { cols = [1, 1], lines = [5, 12] }",
    );
    assert!(
        e.contains("article 'a': its chain visits cols 1–1 lines 1–9 twice (frames 1 and 3"),
        "{e}"
    );
    // 2 tabloid columns are 29 characters: (29 − 2) / 3 = 9 is whole, (29 − 3) / 4 is not.
    let e = plan("{ cols = [1, 2], lines = [1, 9], split = 4 }");
    assert!(
        e.contains("split = 4") && e.contains("(29 − 3 × 1) / 4 = 6.50 characters per column"),
        "{e}"
    );
    let ok = dir.join("page.toml");
    write_files(
        &dir,
        &[(
            "page.toml",
            &format!(
                "template = {:?}\ndate = \"2023-05-29\"\n[[article]]\nid = \"a\"\nfile = \"a.txt\"\nframes = [{{ cols = [1, 2], lines = [1, 9], split = 3 }}]\n",
                t.display().to_string()
            ),
        )],
    );
    let c = baoban::compose(&ok).unwrap();
    let frames: Vec<_> = c.pages[0].regions_of("a").collect();
    assert_eq!(frames.len(), 3, "three 破栏 columns");
    let w = frames[0].rect[2];
    assert!((w - 9.0 * 7.875).abs() < 0.01, "9-character columns: {w}");
}

#[test]
fn a_frame_that_receives_and_sends_a_jump_keeps_both_lines_off_its_text() {
    // An article over three pages whose middle frame, 4 lines, takes 上接 at its head and
    // 下转 at its foot: two body lines between them, none under a jump line.
    let dir = scratch("edition-three");
    let t = root()
        .join("layouts/tabloid-6col.toml")
        .display()
        .to_string();
    let frame = |lines: u32| format!("frames = [{{ cols = [1, 1], lines = [1, {lines}] }}]\n");
    write_files(
        &dir,
        &[
            ("a.txt", &"长".repeat(14 * 20)),
            (
                "p1.toml",
                &format!(
                    "template = {t:?}\n[[article]]\nid = \"a\"\nfile = \"a.txt\"\n{}",
                    frame(5)
                ),
            ),
            (
                "p2.toml",
                &format!(
                    "template = {t:?}\n[[continued]]\narticle = \"a\"\n{}",
                    frame(4)
                ),
            ),
            (
                "p3.toml",
                &format!(
                    "template = {t:?}\n[[continued]]\narticle = \"a\"\n{}",
                    frame(20)
                ),
            ),
        ],
    );
    let plans = ["p1.toml", "p2.toml", "p3.toml"].map(|p| dir.join(p));
    let c = baoban::compose(&edition(
        &dir,
        &plans.iter().map(|p| p.as_path()).collect::<Vec<_>>(),
    ))
    .unwrap();
    let middle: Vec<(LineKind, u32, String)> = (c.pages[1].lines())
        .map(|l| (l.kind, l.row, l.text.clone()))
        .filter(|(k, ..)| matches!(k, LineKind::Body | LineKind::Jump))
        .collect();
    let rows = |kind: LineKind| -> Vec<u32> {
        middle.iter().filter(|l| l.0 == kind).map(|l| l.1).collect()
    };
    assert_eq!(rows(LineKind::Jump), [1, 4], "{middle:?}");
    assert_eq!(rows(LineKind::Body), [2, 3], "{middle:?}");
    assert!(
        middle.iter().any(|l| l.2.contains("上接第1版"))
            && middle.iter().any(|l| l.2.contains("下转第3版"))
    );
}
