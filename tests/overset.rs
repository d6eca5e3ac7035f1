//! Overset: text that does not fit its chain is counted, never dropped silently.

mod common;
use baoban::flow::Stop;
use common::*;

/// 40 Han characters: with a 2-character indent on a 14-character measure they make lines of
/// 12 + 14 + 14 characters.
const FORTY: &str =
    "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十";

fn compose(lines: u32) -> baoban::Composition {
    let dir = scratch(&format!("overset-{lines}"));
    let art = format!(
        "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nframes = [{{ cols = [1, 1], lines = [1, {lines}] }}]\n"
    );
    write_files(&dir, &[("page.toml", &plan_with(&art)), ("a.txt", FORTY)]);
    baoban::compose(&dir.join("page.toml")).unwrap()
}

#[test]
fn a_chain_one_line_too_short_reports_one_line_and_its_characters() {
    let c = compose(2);
    let (a, o) = c.overset().next().expect("overset reported");
    assert_eq!(a.id, "a");
    assert_eq!((o.lines, o.chars), (1, 14));
    assert_eq!(a.lines, 2);
    let placed: usize = c.pages[0]
        .lines()
        .filter(|r| r.owner == "a")
        .map(|r| r.text.chars().count())
        .sum();
    assert_eq!(
        placed + o.chars,
        40,
        "placed and overset characters add up to the article"
    );
}

#[test]
fn a_chain_that_fits_reports_no_overset_and_the_empty_lines() {
    let c = compose(5);
    assert!(c.overset().next().is_none());
    assert_eq!(c.articles[0].stop, Stop::Done { empty: 2 });
}

#[test]
fn strict_build_fails_on_overset_and_names_the_article() {
    let dir = scratch("overset-strict");
    let art = "[[article]]\nid = \"long\"\nfile = \"a.txt\"\nframes = [{ cols = [1, 1], lines = [1, 2] }]\n";
    write_files(&dir, &[("page.toml", &plan_with(art)), ("a.txt", FORTY)]);
    let out = build_cli(&dir, &["--strict"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0));
    assert!(
        err.contains("'long'") && err.contains("1 lines") && err.contains("14 characters"),
        "{err}"
    );
}

#[test]
fn a_lone_last_line_at_a_frame_head_is_pulled_back() {
    // Two paragraphs; the first would end with one line at the head of frame 2 (孤行) unless
    // it is set tighter by compressing its commas.
    let p1 = "一二三四五，六七八九十一二三，四五六七八九十一二，三四五六七八九十一二三，四五六七";
    let p2 = "第二段文字在这里继续排下去直到结束为止。";
    let dir = scratch("widow");
    let art = "[[article]]\nid = \"w\"\nfile = \"a.txt\"\nframes = [{ cols = [1, 1], lines = [1, 3] }, { cols = [2, 2], lines = [1, 10] }]\n";
    write_files(
        &dir,
        &[
            ("page.toml", &plan_with(art)),
            ("a.txt", &format!("{p1}\n\n{p2}\n")),
        ],
    );
    let c = baoban::compose(&dir.join("page.toml")).unwrap();
    let p1_lines: Vec<_> = c.pages[0]
        .lines()
        .filter(|r| r.owner == "w")
        .take_while(|r| !r.text.starts_with("第二段"))
        .collect();
    let last = p1_lines.last().unwrap();
    assert!(
        !(last.region == 2 && last.row == 1),
        "孤行 left: {:?}",
        p1_lines
            .iter()
            .map(|r| (&r.text, r.region, r.row))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        p1_lines
            .iter()
            .map(|r| r.text.chars().count())
            .sum::<usize>(),
        p1.chars().count()
    );
}
