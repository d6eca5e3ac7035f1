//! Article regions: balanced columns end on the same line; a boxed article sits in a rule with
//! its columns one character narrower and no 栏线 against it.

mod common;
use baoban::display::{Item, LineKind};
use common::*;

const TEXT: &str = "本报讯　平衡栏测试文字。一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十。";

fn compose(extra: &str) -> baoban::Composition {
    let dir = scratch(&format!("regions-{}", extra.len()));
    let art = format!(
        "[[article]]\nid = \"a\"\nfile = \"a.txt\"\n{extra}frames = [{{ cols = [1, 1], lines = [1, 20] }}, {{ cols = [2, 2], lines = [1, 20] }}]\n\n\
         [[article]]\nid = \"b\"\nfile = \"b.txt\"\nframes = [{{ cols = [3, 3], lines = [1, 20] }}]\n"
    );
    write_files(
        &dir,
        &[
            ("page.toml", &plan_with(&art)),
            ("a.txt", TEXT),
            ("b.txt", "邻栏文字。"),
        ],
    );
    baoban::compose(&dir.join("page.toml")).unwrap()
}

fn last_rows(c: &baoban::Composition) -> Vec<u32> {
    let mut rows = vec![0; 2];
    for r in c.pages[0]
        .lines()
        .filter(|r| r.owner == "a" && r.kind == LineKind::Body)
    {
        rows[r.region - 1] = rows[r.region - 1].max(r.row);
    }
    rows
}

#[test]
fn balanced_columns_end_together() {
    let plain = compose("");
    let lines = plain.articles[0].lines;
    assert!(
        lines > 2 && lines < 20,
        "the text fits one frame: {lines} lines"
    );
    assert_eq!(last_rows(&plain), [lines, 0], "unbalanced: all in frame 1");
    let balanced = compose("balance = true\n");
    let rows = last_rows(&balanced);
    assert_eq!(rows[0] + rows[1], lines);
    assert!(rows[0] - rows[1] <= 1, "{rows:?}");
    // The report still counts the white under the columns.
    assert_eq!(
        balanced.articles[0].stop,
        baoban::flow::Stop::Done { empty: 40 - lines }
    );
}

#[test]
fn a_boxed_article_is_ruled_round_and_set_one_character_narrower() {
    let plain = compose("");
    let boxed = compose("boxed = true\n");
    let width = |c: &baoban::Composition| c.pages[0].regions().next().unwrap().rect[2];
    assert!(
        (width(&plain) - width(&boxed) - 7.875).abs() < 0.01,
        "14 → 13 characters"
    );
    let g = |c: &baoban::Composition| {
        c.pages[0]
            .items
            .iter()
            .filter(|i| {
                matches!(
                    i,
                    Item::Rect {
                        stroke: Some(_),
                        ..
                    }
                )
            })
            .count()
    };
    assert_eq!((g(&plain), g(&boxed)), (0, 1));
    // 栏线 between a and b only when a is not boxed.
    let vertical_rules = |c: &baoban::Composition| {
        c.pages[0]
            .items
            .iter()
            .filter(|i| matches!(i, Item::Rule { from, to, .. } if from.0 == to.0))
            .count()
    };
    assert_eq!((vertical_rules(&plain), vertical_rules(&boxed)), (1, 0));
}

#[test]
fn a_frame_in_millimetres_keeps_the_baseline_grid_and_whole_characters() {
    let dir = scratch("regions-mm");
    // 20 mm from the left, 40 mm down, 50 × 60 mm: the top snaps to the next grid line, the
    // width to whole 六号 characters.
    let art = "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nframes = [{ mm = [20, 40, 50, 60] }]\n";
    write_files(&dir, &[("page.toml", &plan_with(art)), ("a.txt", TEXT)]);
    let c = baoban::compose(&dir.join("page.toml")).unwrap();
    let [x, y, w, h] = c.pages[0].regions().next().unwrap().rect;
    let mm = 72.0 / 25.4;
    assert!((x - 20.0 * mm).abs() < 0.01);
    let chars = w / 7.875;
    assert!(
        (chars - chars.round()).abs() < 0.001 && w <= 50.0 * mm,
        "{chars} characters"
    );
    assert!(
        y >= 40.0 * mm && y < 40.0 * mm + 10.5,
        "snapped to the next grid line: {y}"
    );
    let lines = h / 10.5;
    assert!((lines - lines.round()).abs() < 0.001 && y + h <= 100.0 * mm + 0.01);
    // Its cells are checked like any frame's: one on top of a grid frame is refused.
    let art = format!(
        "{art}\n[[article]]\nid = \"b\"\nfile = \"a.txt\"\nframes = [{{ cols = [1, 1], lines = [20, 30] }}]\n"
    );
    write_files(&dir, &[("page.toml", &plan_with(&art))]);
    let e = baoban::compose(&dir.join("page.toml"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("mm 20 40 50×60") && e.contains("overlaps"),
        "{e}"
    );
    // Off the page, or on it but off the type area (in the top margin): named with the numbers.
    for (mm, says) in [
        ("[20, 500, 50, 60]", "reaches past the page (270 × 390 mm)"),
        ("[20, 1, 50, 5]", "is not on the type area"),
    ] {
        let art =
            format!("[[article]]\nid = \"a\"\nfile = \"a.txt\"\nframes = [{{ mm = {mm} }}]\n");
        write_files(&dir, &[("page.toml", &plan_with(&art))]);
        let e = baoban::compose(&dir.join("page.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains(&format!("mm = {mm} {says}")), "{e}");
    }
}

#[test]
fn a_vertical_headline_stacks_its_characters_with_vertical_forms() {
    let dir = scratch("regions-vertical");
    // A headline box one column wide and 12 lines high beside two text columns.
    let art = "[[article]]\nid = \"v\"\nfile = \"v.txt\"\nheadline_vertical = true\n\
               headline = { cols = [3, 3], lines = [1, 16] }\n\
               frames = [{ cols = [2, 2], lines = [1, 16] }, { cols = [1, 1], lines = [1, 16] }]\n";
    write_files(
        &dir,
        &[
            ("page.toml", &plan_with(art)),
            (
                "v.txt",
                &format!("主题: 古城，新颜\n副题: 千年城垣\n\n{TEXT}\n"),
            ),
        ],
    );
    let c = baoban::compose(&dir.join("page.toml")).unwrap();
    let runs: Vec<&baoban::display::GlyphRun> = c.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Line(l) => Some(&l.runs),
            _ => None,
        })
        .flatten()
        .filter(|r| r.size == 15.0)
        .collect();
    // 主题 (小三, 15 pt): five characters in one column, one em apart, same x.
    assert_eq!(runs.len(), 5);
    let text: String = runs.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(text, "古城，新颜");
    for w in runs.windows(2) {
        assert!((w[1].baseline - w[0].baseline - 15.0).abs() < 0.01);
    }
    // The comma takes the font's vertical form (another glyph than in horizontal text).
    let book = &c.fonts;
    let chain = book.chain(&["sans-bold".to_string()]);
    let horizontal = baoban::shape::shape_paragraph(
        book,
        &[baoban::shape::Span {
            text: "，",
            fonts: &chain,
            size: 15.0,
            style: "t",
        }],
        "t",
    )
    .unwrap();
    assert_ne!(
        runs[2].glyphs[0].gid, horizontal.glyphs[0].gid,
        "vert applied"
    );
    // 副题 sits in a column to the left of the 主题.
    let records: Vec<_> = c.pages[0]
        .lines()
        .filter(|r| r.owner == "v" && r.kind == LineKind::Headline)
        .collect();
    assert_eq!(records.len(), 2);
    assert!(records[1].x.1 <= records[0].x.0 + 0.01, "{records:?}");
}

#[test]
fn a_vertical_headline_keeps_its_kicker_right_of_the_main_headline() {
    let dir = scratch("regions-vertical-kicker");
    let art = "[[article]]\nid = \"v\"\nfile = \"v.txt\"\nheadline_vertical = true\n\
               headline = { cols = [3, 3], lines = [1, 16] }\n\
               frames = [{ cols = [2, 2], lines = [1, 16] }, { cols = [1, 1], lines = [1, 16] }]\n";
    let text = format!("引题: 千年古城\n主题: 古城新颜\n\n{TEXT}\n");
    write_files(&dir, &[("page.toml", &plan_with(art)), ("v.txt", &text)]);
    let c = baoban::compose(&dir.join("page.toml")).unwrap();
    // Each headline column is one line of the display list; its first glyph's x.
    let columns: Vec<(String, f32)> = (c.pages[0].items.iter())
        .filter_map(|i| match i {
            Item::Line(l)
                if l.tag.owner == "v" && l.tag.kind == baoban::display::LineKind::Headline =>
            {
                let text: String = l.runs.iter().map(|r| r.text.as_str()).collect();
                Some((text, l.runs[0].glyphs[0].x))
            }
            _ => None,
        })
        .collect();
    let kicker = columns
        .iter()
        .find(|c| c.0 == "千年古城")
        .expect("the 引题 is set");
    let title = columns
        .iter()
        .find(|c| c.0 == "古城新颜")
        .expect("the 主题 is set");
    assert!(
        kicker.1 > title.1,
        "read first, the 引题 stands right: {columns:?}"
    );
}
