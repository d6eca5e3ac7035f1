//! Elastic blocks: sizes from the text, push, the copyfit ladder step by step, the editor's
//! exact cut/add numbers, holes and `below` cycles — on small plans, and on the seed page as a
//! block plan grown by 200 and by 2,000 characters.

mod common;
use baoban::display::LineKind;
use common::*;
use std::path::{Path, PathBuf};

/// A scratch plan on the tabloid template (or `template`) with `articles` and their files.
fn block_plan(name: &str, articles: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = scratch(name);
    write_files(&dir, &[("page.toml", &plan_with(articles))]);
    write_files(&dir, files);
    dir.join("page.toml")
}

/// The article's fit-report entry.
fn fit(c: &baoban::Composition, id: &str) -> baoban::report::ArticleFit {
    let r = c.fit_report();
    r.articles.into_iter().find(|a| a.id == id).unwrap()
}

/// One block of fixed height in column 1 holding `text`, from line 1.
fn one_block(name: &str, lines: u32, text: &str) -> baoban::Composition {
    let art = format!(
        "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nblock = {{ cols = [1, 1], top = 1, lines = {lines} }}\n"
    );
    baoban::compose(&block_plan(name, &art, &[("a.txt", text)])).unwrap()
}

/// Text of `n` full body lines of 国 (14 to a line; the first line is indented 2).
fn lines_of_guo(n: usize) -> String {
    "国".repeat(14 * n - 2)
}

#[test]
fn an_auto_block_takes_the_lines_its_text_needs() {
    let art = "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nblock = { cols = [1, 2], top = 3 }\n";
    // 主题 one line (20 pt: 2 grid lines) and the normal line of space: 3 lines; 21 body lines
    // over 2 columns: 11 rows, the second column a line short.
    let text = format!("主题: 短题\n\n{}", lines_of_guo(21));
    let c = baoban::compose(&block_plan("auto", art, &[("a.txt", &text)])).unwrap();
    let plan = &c.job.pages[0].plan.articles[0];
    assert_eq!(plan.headline.unwrap().lines, [3, 5]);
    let frames: Vec<[u32; 2]> = plan.frames.iter().map(|f| f.lines).collect();
    assert_eq!(frames, [[6, 16], [6, 16]]);
    assert_eq!(fit(&c, "a").underset_lines, 1);
    assert_eq!(fit(&c, "a").instruction, None, "a line short is no hole");
}

#[test]
fn kaiming_alone_cures_a_small_overset() {
    // 国国， ×: full width the text needs a line more than the block has; pause marks at
    // ½ em (开明) fit it. The block has no headline, so no other step could help.
    let text = "国国，".repeat(50);
    let full = one_block("kaiming-probe", 30, &text);
    assert_eq!(
        fit(&full, "a").status,
        "underset",
        "the probe fits a tall block"
    );
    let need = fit(&full, "a").lines_used;
    let c = one_block("kaiming", need - 1, &text);
    let f = fit(&c, "a");
    assert_eq!(f.status, "fits", "{f:?}");
    assert_eq!(f.copyfit.len(), 1, "{:?}", f.copyfit);
    assert!(
        f.copyfit[0].starts_with("punctuation 全角 → 开明"),
        "{:?}",
        f.copyfit
    );
}

#[test]
fn headline_space_is_the_second_step() {
    // No pause marks (开明 gains nothing and is not taken); one line over: the headline's
    // line of space is given up.
    let text = format!("主题: 短题\n\n{}", lines_of_guo(8));
    let c = one_block("space", 3 + 7, &text);
    let f = fit(&c, "a");
    assert_eq!(f.status, "fits", "{f:?}");
    assert_eq!(
        f.copyfit,
        ["headline space 1 → 0 lines (1 line over before)"]
    );
    assert_eq!(
        c.job.pages[0].plan.articles[0].headline.unwrap().lines,
        [1, 2]
    );
}

/// A plan with `articles` on a copy of the tabloid template (in `dir`) with `fit` as its
/// `[fit]` table.
fn plan_on(dir: &Path, fit: &str, articles: &str) -> String {
    let tabloid = std::fs::read_to_string(root().join("layouts/tabloid-6col.toml")).unwrap();
    let fonts = root().join("fonts").display().to_string();
    let t = tabloid.replace("\"../fonts", &format!("\"{fonts}")) + "\n[fit]\n" + fit + "\n";
    write_files(dir, &[("t.toml", &t)]);
    plan_with(articles).replace(
        &root()
            .join("layouts/tabloid-6col.toml")
            .display()
            .to_string(),
        &dir.join("t.toml").display().to_string(),
    )
}

#[test]
fn the_title_size_is_the_largest_that_keeps_its_lines() {
    // 22 characters across three columns (43 characters of 7.875 pt, less ½ each side): one
    // line only at 小三 (15 pt); 二号, 小二 and 三号 take two.
    let dir = scratch("title-choice");
    let art = "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nblock = { cols = [1, 3], top = 1 }\n\n\
               [[article]]\nid = \"b\"\nfile = \"b.txt\"\nblock = { cols = [4, 6], top = 1 }\n";
    let fit = "headline_sizes = [\"二号\", \"小二\", \"三号\", \"小三\"]\nheadline_lines = 1";
    let plan = plan_on(&dir, fit, art);
    let a = format!(
        "主题: 万玲玲主持召开区委党建工作领导小组第一次会议\n\n{}",
        lines_of_guo(6)
    );
    let b = format!("主题: 区政府常务会议召开\n\n{}", lines_of_guo(6));
    write_files(&dir, &[("page.toml", &plan), ("a.txt", &a), ("b.txt", &b)]);
    let c = baoban::compose(&dir.join("page.toml")).unwrap();
    let sizes: Vec<Option<f32>> = (c.job.pages[0].plan.articles.iter())
        .map(|a| a.copyfit.title_size)
        .collect();
    assert_eq!(sizes, [Some(15.0), Some(22.0)]);
    let heads = (c.pages[0].lines())
        .filter(|l| l.kind == LineKind::Headline)
        .count();
    assert_eq!(heads, 2, "each 主题 on one line");
}

#[test]
fn a_smaller_title_is_the_third_step() {
    // 小三 (15 pt) sets 6 characters to a line of 13 characters' measure, 四号 (14 pt) 7:
    // the 7-character 主题 takes two lines (4 grid lines), one line (2) a size down.
    let dir = scratch("title-size");
    let art = "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nblock = { cols = [1, 1], top = 1, lines = 20 }\n";
    let plan = plan_on(&dir, "headline_sizes = [\"小三\", \"四号\"]", art);
    // 4 + 1 headline lines leave 15 rows; the text needs 17.
    let text = format!("主题: 七个字的长标题\n\n{}", lines_of_guo(17));
    write_files(&dir, &[("page.toml", &plan), ("a.txt", &text)]);
    let c = baoban::compose(&dir.join("page.toml")).unwrap();
    let f = fit(&c, "a");
    // The size step saves two lines where one was over: a line short, no instruction.
    assert_eq!(
        (f.status, f.underset_lines, &f.instruction),
        ("underset", 1, &None),
        "{f:?}"
    );
    assert_eq!(
        f.copyfit,
        [
            "headline space 1 → 0 lines (2 lines over before)",
            "主题 15 → 14 pt (1 line over before)"
        ]
    );
    let head: Vec<_> = c.pages[0]
        .lines()
        .filter(|l| l.kind == LineKind::Headline)
        .collect();
    assert_eq!(head.len(), 1, "the 主题 on one line");
}

#[test]
fn underset_gets_headline_space_then_the_exact_lines_to_add() {
    // 5 body lines in a block of 20: the headline takes 2 + 1 lines, 17 rows stay. Space is
    // given up to the template's most (3), and the 10 lines still empty are asked for.
    let text = format!("主题: 短题\n\n{}", "国".repeat(68));
    let c = one_block("underset", 20, &text);
    let f = fit(&c, "a");
    assert_eq!(
        f.copyfit,
        [
            "headline space 1 → 2 lines (12 lines empty before)",
            "headline space 2 → 3 lines (11 lines empty before)"
        ]
    );
    assert_eq!(f.underset_lines, 10);
    assert_eq!(
        f.instruction.as_deref(),
        Some("add 10 lines (about 140 characters)")
    );
}

#[test]
fn the_cut_is_exact() {
    // 国 only: every character is one cell, so cutting exactly the overset fits the block
    // and cutting one fewer does not.
    let text = |n: usize| format!("主题: 短题\n\n{}", "国".repeat(n));
    let c = one_block("cut", 10, &text(300));
    let f = fit(&c, "a");
    let cut: usize = (f.instruction.as_deref().unwrap())
        .strip_prefix("cut ")
        .and_then(|s| s.strip_suffix(" characters"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(cut, f.overset_chars);
    assert_eq!(
        fit(&one_block("cut-ok", 10, &text(300 - cut)), "a").status,
        "fits"
    );
    assert_eq!(
        fit(&one_block("cut-short", 10, &text(300 - cut + 1)), "a").status,
        "overset"
    );
}

#[test]
fn a_block_pushes_the_blocks_under_it() {
    let art = "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nblock = { cols = [1, 2], top = 1 }\n\n\
               [[article]]\nid = \"b\"\nfile = \"b.txt\"\nblock = { cols = [1, 1], below = \"a\" }\n";
    let top_of_b = |body: usize| {
        let text = format!("主题: 短题\n\n{}", lines_of_guo(body));
        let plan = block_plan("push", art, &[("a.txt", &text), ("b.txt", "短讯。")]);
        let c = baoban::compose(&plan).unwrap();
        c.job.pages[0].plan.articles[1].frames[0].lines[0]
    };
    // 3 headline lines, then 10 rows for 20 lines; 10 more lines are 5 rows more.
    assert_eq!(top_of_b(20), 14);
    assert_eq!(top_of_b(30), 19);
}

#[test]
fn a_cycle_in_below_names_its_blocks() {
    let art = "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nblock = { cols = [1, 1], below = \"b\" }\n\n\
               [[article]]\nid = \"b\"\nfile = \"b.txt\"\nblock = { cols = [1, 1], below = \"a\" }\n";
    let plan = block_plan("cycle", art, &[("a.txt", "短讯。"), ("b.txt", "短讯。")]);
    let e = baoban::compose(&plan).unwrap_err().to_string();
    assert!(e.contains("circle"), "{e}");
    assert!(
        e.contains("article 'a' block 1") && e.contains("article 'b' block 1"),
        "{e}"
    );
}

#[test]
fn uncovered_cells_are_holes_and_strict_refuses_them() {
    let art = "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nblock = { cols = [1, 1], top = 1 }\n";
    let plan = block_plan("holes", art, &[("a.txt", &lines_of_guo(10))]);
    let c = baoban::compose(&plan).unwrap();
    // Column 1 under the text, and columns 2–6 whole.
    let holes: Vec<String> = c.holes().iter().map(|h| h.to_string()).collect();
    assert_eq!(
        holes,
        [
            "page 1: columns 2–6 × lines 1–99 (99 lines): uncovered",
            "page 1: columns 1–1 × lines 11–99 (89 lines): uncovered"
        ]
    );
    assert_eq!(c.fit_report().holes.len(), 2);
    let out = build_cli(plan.parent().unwrap(), &["--strict"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("hole"));
}

/// The seed page's block plan in a scratch folder, `chars` characters of another article's
/// text appended to 'zhuma' (at the head of the stack of columns 5–6).
fn seed_grown(name: &str, chars: usize) -> PathBuf {
    let dir = scratch(name);
    let ex = root().join("examples/jingzhou");
    for entry in std::fs::read_dir(&ex).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "txt" || e == "toml") {
            std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
    }
    let template = root()
        .join("layouts/tabloid-6col.toml")
        .display()
        .to_string();
    let plan = std::fs::read_to_string(dir.join("page.toml")).unwrap();
    let plan = plan.replace("../../layouts/tabloid-6col.toml", &template);
    std::fs::write(dir.join("page.toml"), plan).unwrap();
    let donor = std::fs::read_to_string(ex.join("dangjian.txt")).unwrap();
    let body: String = (donor.split_once("\n\n").unwrap().1.chars())
        .filter(|c| !c.is_whitespace())
        .cycle()
        .take(chars)
        .collect();
    let mut zhuma = std::fs::read_to_string(dir.join("zhuma.txt")).unwrap();
    zhuma += &format!("\n{body}\n");
    std::fs::write(dir.join("zhuma.txt"), zhuma).unwrap();
    dir.join("page.toml")
}

fn head_top(c: &baoban::Composition, id: &str) -> u32 {
    c.job.pages[0]
        .plan
        .articles
        .iter()
        .find(|a| a.id == id)
        .unwrap()
        .headline
        .unwrap()
        .lines[0]
}

#[test]
fn the_seed_page_absorbs_200_more_characters() {
    let before = baoban::compose(&root().join("examples/jingzhou/page.toml")).unwrap();
    assert!(before.holes().is_empty(), "{:?}", before.holes());
    let c = baoban::compose(&seed_grown("seed-200", 200)).unwrap();
    // Everything under zhuma in columns 5–6 moved down.
    for id in ["minzheng", "fangnishui", "tongzhan"] {
        assert!(
            head_top(&c, id) > head_top(&before, id),
            "{id} did not move"
        );
    }
    // The foot article was fitted: the blocks above it gave up headline space (and a line a
    // quoted phrase kept), each step named with the article it made room for.
    // It fills its block: no cut and nothing to add (a line short in its last column is no
    // hole, the balancing's rule).
    let foot = fit(&c, "tongzhan");
    assert_eq!(
        (foot.overset_lines, &foot.instruction),
        (0, &None),
        "{foot:?}"
    );
    assert!(foot.underset_lines <= 1, "{foot:?}");
    let steps: Vec<String> = (c.fit_report().articles.iter())
        .flat_map(|a| a.copyfit.iter().map(move |s| format!("{}: {s}", a.id)))
        .filter(|s| s.contains("makes room for the columns of 'tongzhan'"))
        .collect();
    assert!(
        steps
            .iter()
            .any(|s| s.starts_with("zhuma: headline space 1 → 0 lines")),
        "{steps:?}"
    );
    assert!(
        steps
            .iter()
            .any(|s| s.starts_with("fangnishui: headline: its quoted phrase broken")),
        "{steps:?}"
    );
    assert_eq!(c.overset().count(), 0);
    assert!(c.holes().is_empty(), "{:?}", c.holes());
}

#[test]
fn the_seed_page_with_2000_more_asks_for_an_exact_cut() {
    let plan = seed_grown("seed-2000", 2000);
    let c = baoban::compose(&plan).unwrap();
    let over: Vec<_> = c
        .fit_report()
        .articles
        .into_iter()
        .filter(|a| a.status == "overset")
        .collect();
    assert!(!over.is_empty());
    for a in &over {
        assert_eq!(
            a.instruction,
            Some(format!("cut {} characters", a.overset_chars))
        );
    }
    assert!(c.holes().is_empty(), "{:?}", c.holes());
    let out = build_cli(Path::new(plan.parent().unwrap()), &["--strict"]);
    assert!(!out.status.success(), "--strict passed an overset page");
}

/// The headline lines of a one-block article of `cols` columns with 主题 `title`.
fn headline_lines(name: &str, cols: u32, title: &str) -> Vec<String> {
    let art = format!(
        "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nblock = {{ cols = [1, {cols}], top = 1 }}\n"
    );
    let text = format!("主题: {title}\n\n{}", lines_of_guo(4));
    let c = baoban::compose(&block_plan(name, &art, &[("a.txt", &text)])).unwrap();
    (c.pages[0].lines())
        .filter(|l| l.kind == LineKind::Headline)
        .map(|l| l.text.clone())
        .collect()
}

#[test]
fn a_headline_keeps_a_quoted_phrase_whole() {
    // Two lines would split the quote; the phrase breaks take one line more.
    let lines = headline_lines("quote", 2, "弥市镇着力抓好“人防+物防+技防”防溺水 保安全");
    assert_eq!(
        lines,
        ["弥市镇着力抓好", "“人防+物防+技防”", "防溺水 保安全"]
    );
}

#[test]
fn a_headline_breaks_between_words_and_at_spaces_which_vanish() {
    // Balanced anywhere it would be 12 + 12 (…履行教 | 育职责…); between words it is 13 + 11.
    let lines = headline_lines(
        "words",
        2,
        "市政府对荆州区政府履行教育职责实地考评反馈会召开",
    );
    assert_eq!(
        lines,
        ["市政府对荆州区政府履行教育", "职责实地考评反馈会召开"]
    );
    // At the space, which is gone from both lines.
    let lines = headline_lines("spaces", 2, "压实责任 夯实基础 巩固良好政治生态");
    assert_eq!(lines, ["压实责任 夯实基础", "巩固良好政治生态"]);
}

#[test]
fn a_bar_forces_a_headline_break() {
    let lines = headline_lines("bar", 4, "区政府常务会议|召开");
    assert_eq!(lines, ["区政府常务会议", "召开"]);
}

/// An article in a block of columns 1–`cols` with a block photo of `photo` (TOML).
fn photo_block(name: &str, block: &str, photo: &str, text: &str) -> baoban::Composition {
    let art =
        format!("[[article]]\nid = \"a\"\nfile = \"a.txt\"\nblock = {block}\nphoto = {photo}\n");
    let dir = scratch(name);
    std::fs::copy(
        root().join("examples/edition-2p/gucheng.jpg"),
        dir.join("p.jpg"),
    )
    .unwrap();
    write_files(
        &dir,
        &[
            ("page.toml", &plan_with(&art)),
            ("a.txt", text),
            ("c.txt", "古城东门。"),
        ],
    );
    baoban::compose(&dir.join("page.toml")).unwrap()
}

#[test]
fn the_text_flows_beside_a_block_photo_and_under_it() {
    let text = format!("主题: 短题\n\n{}", lines_of_guo(40));
    let photo = "{ image = \"p.jpg\", caption = \"c.txt\", cols = 2, lines = 10 }";
    let c = photo_block("photo-flow", "{ cols = [1, 3], top = 1 }", photo, &text);
    let plan = &c.job.pages[0].plan;
    // The headline takes lines 1–3; the photo columns 2–3 × lines 4–13, its caption in it.
    assert_eq!(plan.photos[0].frame.cols, [2, 3]);
    assert_eq!(plan.photos[0].frame.lines, [4, 13]);
    let frames: Vec<([u32; 2], [u32; 2])> = (plan.articles[0].frames.iter())
        .map(|f| (f.cols, f.lines))
        .collect();
    // Column 1 beside it first, then columns 2 and 3 under it; 40 lines: 20 + 2 × 10.
    assert_eq!(
        frames,
        [([1, 1], [4, 23]), ([2, 2], [14, 23]), ([3, 3], [14, 23])]
    );
    let regions: std::collections::BTreeSet<usize> = (c.pages[0].lines())
        .filter(|l| l.kind == LineKind::Body)
        .map(|l| l.region)
        .collect();
    assert_eq!(regions.into_iter().collect::<Vec<_>>(), [1, 2, 3]);
    assert!(
        c.pages[0]
            .lines()
            .any(|l| l.kind == LineKind::Caption && l.text == "古城东门。")
    );
    assert_eq!(c.overset().count(), 0);
}

#[test]
fn a_block_photo_is_made_shorter_for_overset_and_taller_for_underset() {
    let photo = "{ image = \"p.jpg\", cols = 1, lines = 10 }";
    // No headline, no pause marks: only the photo can give. 20 + 10 rows, 31 lines.
    let c = photo_block(
        "photo-short",
        "{ cols = [1, 2], top = 1, lines = 20 }",
        photo,
        &lines_of_guo(31),
    );
    let f = fit(&c, "a");
    assert_eq!(
        (f.status, f.copyfit.clone()),
        (
            "fits",
            vec!["photo 10 → 9 lines (1 line over before)".to_string()]
        )
    );
    assert_eq!(c.job.pages[0].plan.photos[0].frame.lines, [1, 9]);
    // 28 lines in 20 + 14 rows: the photo grows until no column is 2 lines short.
    let photo = "{ image = \"p.jpg\", cols = 1, lines = 6 }";
    let c = photo_block(
        "photo-tall",
        "{ cols = [1, 2], top = 1, lines = 20 }",
        photo,
        &lines_of_guo(28),
    );
    let f = fit(&c, "a");
    assert_eq!(f.copyfit.len(), 4, "{:?}", f.copyfit);
    assert_eq!(f.copyfit[0], "photo 6 → 7 lines (6 lines empty before)");
    assert_eq!((f.underset_lines, f.instruction), (2, None));
}

#[test]
fn a_continuation_in_a_block_matches_the_one_placed_by_hand() {
    // Page 2 of the two-page edition continues the lead under a short headline: by hand, a
    // 3-line headline box over frames of lines 4–15; as a block of 15 lines, the same.
    let dir = scratch("continued-block");
    let ex = root().join("examples/edition-2p");
    for f in [
        "edition.toml",
        "p1.toml",
        "p2.toml",
        "gucheng.txt",
        "caption.txt",
        "gucheng.jpg",
    ] {
        std::fs::copy(ex.join(f), dir.join(f)).unwrap();
    }
    let fix = |name: &str, from: &str, to: &str| {
        let p = dir.join(name);
        let s = std::fs::read_to_string(&p).unwrap();
        let s = s.replace("../../layouts/", &format!("{}/layouts/", root().display()));
        let s = s.replace(
            "../jingzhou/",
            &format!("{}/examples/jingzhou/", root().display()),
        );
        assert!(s.contains(from), "{name} has changed: update this test");
        std::fs::write(&p, s.replace(from, to)).unwrap();
    };
    let hand = "headline = { cols = [1, 2], lines = [1, 3] }\nframes = [\n  { cols = [1, 1], lines = [4, 15] },\n  { cols = [2, 2], lines = [4, 15] },\n]";
    fix("p1.toml", "template", "template");
    fix("p2.toml", hand, hand);
    let by_hand = baoban::compose(&dir.join("edition.toml")).unwrap().dump();
    fix(
        "p2.toml",
        hand,
        "block = { cols = [1, 2], top = 1, lines = 15 }",
    );
    let c = baoban::compose(&dir.join("edition.toml")).unwrap();
    assert_eq!(c.dump(), by_hand);
    // A continuation's height must be given: how much text continues is known only later.
    fix("p2.toml", "lines = 15 }", "}");
    let e = baoban::compose(&dir.join("edition.toml"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("needs a fixed height"), "{e}");
}

#[test]
fn breaking_a_quoted_phrase_is_a_ladder_step() {
    // Whole, the quoted phrase takes the headline to three lines (6 grid lines + 1 of space);
    // with no space left the text is still 2 lines over, and two headline lines cure it.
    let title = "弥市镇着力抓好“人防+物防+技防”防溺水 保安全";
    let art = "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nblock = { cols = [1, 2], top = 1, lines = 20 }\n";
    let text = format!("主题: {title}\n\n{}", lines_of_guo(30));
    let c = baoban::compose(&block_plan("phrase-step", art, &[("a.txt", &text)])).unwrap();
    let f = fit(&c, "a");
    assert_eq!(
        f.copyfit,
        [
            "headline space 1 → 0 lines (4 lines over before)",
            "headline: its quoted phrase broken to save a line (2 lines over before)"
        ]
    );
    assert_eq!(f.status, "underset");
    let head = (c.pages[0].lines())
        .filter(|l| l.kind == LineKind::Headline)
        .count();
    assert_eq!(head, 2);
}

#[test]
fn a_block_may_be_split_or_boxed() {
    // 破栏: four basic columns (59 characters) as three of 19; 加框: ½ character inside the rule.
    let art = "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nblock = { cols = [1, 4], top = 1, split = 3 }\n\n\
               [[article]]\nid = \"b\"\nfile = \"b.txt\"\nboxed = true\nblock = { cols = [5, 6], top = 1 }\n";
    let text = format!("主题: 短题\n\n{}", lines_of_guo(12));
    let plan = block_plan("split-boxed", art, &[("a.txt", &text), ("b.txt", &text)]);
    let c = baoban::compose(&plan).unwrap();
    let widths = |id: &str| -> Vec<f32> {
        (c.pages[0].regions_of(id))
            .map(|r| (r.rect[2] / 7.875 * 100.0).round() / 100.0)
            .collect()
    };
    assert_eq!(widths("a"), [19.0, 19.0, 19.0]);
    assert_eq!(widths("b"), [13.0, 13.0]);
    assert_eq!(c.overset().count(), 0);
    assert!(c.job.pages[0].plan.articles[0].frames[0].split == Some(3));
}
