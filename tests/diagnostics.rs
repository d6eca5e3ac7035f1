//! Diagnostics: every input problem names its file, line and column, says what to do, and a
//! build reports all of its problems at once; the command's exit status and JSON output.

mod common;
use baoban::{Diagnostic, Severity};
use common::*;
use std::path::Path;

const ARTICLE: &str = "主题: 测试标题\n\n本报讯(通讯员甲)正文第一段,共有若干汉字。\n\n第二段。\n";

/// The diagnostics of composing `dir/page.toml`, which must fail.
fn diagnostics_of(dir: &Path) -> Vec<Diagnostic> {
    match baoban::compose(&dir.join("page.toml")) {
        Ok(_) => panic!("{} composed, but should not", dir.display()),
        Err(e) => e.diagnostics(),
    }
}

/// The only diagnostic of a build, as (file name, line, column, message, hint).
fn only(dir: &Path) -> (String, usize, usize, String, String) {
    let all = diagnostics_of(dir);
    assert_eq!(all.len(), 1, "{all:#?}");
    let d = &all[0];
    assert_eq!(d.severity, Severity::Error);
    let at = d.at.as_ref().expect("a place");
    let file = d.file.as_ref().unwrap().file_name().unwrap();
    let hint = d.hint.clone().unwrap_or_default();
    (
        file.to_string_lossy().into(),
        at.line,
        at.column,
        d.message.clone(),
        hint,
    )
}

/// A page with one article `a` (a.txt) whose table is `article` after `id` and `file`.
fn page(name: &str, article: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    let plan = plan_with(&format!(
        "[[article]]\nid = \"a\"\nfile = \"a.txt\"\n{article}"
    ));
    write_files(&dir, &[("page.toml", &plan), ("a.txt", ARTICLE)]);
    dir
}

#[test]
fn a_third_number_in_a_pair_is_refused_where_it_stands() {
    let dir = page(
        "diag-pair",
        "frames = [{ cols = [1, 2], lines = [7, 13, 15] }]\n",
    );
    let (file, line, col, message, hint) = only(&dir);
    assert_eq!((file.as_str(), line, col), ("page.toml", 8, 36));
    assert_eq!(message, "3 numbers where [first, last] takes 2");
    assert!(hint.contains("[7, 15]"), "{hint}");
}

#[test]
fn grid_cells_and_millimetres_on_one_frame_are_refused() {
    let dir = page(
        "diag-mm",
        "frames = [{ cols = [1, 2], lines = [7, 20], mm = [10, 10, 50, 50] }]\n",
    );
    let (file, line, col, message, hint) = only(&dir);
    assert_eq!((file.as_str(), line, col), ("page.toml", 8, 50));
    assert_eq!(
        message,
        "article 'a' frame 1 gives both grid cells (cols, lines) and mm"
    );
    assert!(hint.starts_with("give one of them"), "{hint}");
}

#[test]
fn an_unknown_headline_label_is_named_with_the_label_meant() {
    let dir = page(
        "diag-label",
        "frames = [{ cols = [1, 2], lines = [7, 20] }]\n",
    );
    write_files(
        &dir,
        &[("a.txt", "引题: 聚焦\n标题：区政府常务会议召开\n\n正文。\n")],
    );
    let (file, line, col, message, hint) = only(&dir);
    assert_eq!((file.as_str(), line, col), ("a.txt", 2, 1));
    assert!(
        message.starts_with("'标题' is not a header label"),
        "{message}"
    );
    assert!(hint.starts_with("write 主题:"), "{hint}");
}

#[test]
fn a_reversed_line_range_is_called_backwards_not_off_the_page() {
    let dir = page(
        "diag-reversed",
        "frames = [{ cols = [1, 2], lines = [30, 20] }]\n",
    );
    let (file, line, col, message, hint) = only(&dir);
    assert_eq!((file.as_str(), line, col), ("page.toml", 8, 36));
    assert_eq!(
        message,
        "article 'a' frame 1: lines = [30, 20] runs backwards (the first after the last)"
    );
    assert_eq!(hint, "give [20, 30]");
}

#[test]
fn a_column_zero_names_the_frame() {
    let dir = page(
        "diag-col0",
        "frames = [{ cols = [1, 2], lines = [7, 20] }, { cols = [0, 2], lines = [21, 30] }]\n",
    );
    let (file, line, col, message, _) = only(&dir);
    assert_eq!((file.as_str(), line, col), ("page.toml", 8, 56));
    assert_eq!(
        message,
        "article 'a' frame 2: cols = [0, 2]: columns are counted from 1"
    );
}

#[test]
fn a_missing_article_file_is_reported_at_the_plan_line_naming_it() {
    let dir = page(
        "diag-file",
        "frames = [{ cols = [1, 2], lines = [7, 20] }]\n",
    );
    let plan = std::fs::read_to_string(dir.join("page.toml")).unwrap();
    write_files(&dir, &[("page.toml", &plan.replace("a.txt", "gone.txt"))]);
    let (file, line, col, message, hint) = only(&dir);
    assert_eq!((file.as_str(), line, col), ("page.toml", 7, 8));
    assert!(message.starts_with("cannot read "), "{message}");
    assert!(
        message.ends_with("gone.txt: No such file or directory"),
        "{message}"
    );
    assert_eq!(message.matches("No such file").count(), 1, "{message}");
    assert!(!message.contains(".tmp"), "{message}");
    assert!(hint.contains("relative to the plan"), "{hint}");
}

#[test]
fn an_unquoted_date_is_refused_with_the_way_to_write_it() {
    let dir = page(
        "diag-date",
        "frames = [{ cols = [1, 2], lines = [7, 20] }]\n",
    );
    let plan = std::fs::read_to_string(dir.join("page.toml")).unwrap();
    let plan = plan.replace("date = \"2023-05-29\"", "date = 2023-05-29");
    write_files(&dir, &[("page.toml", &plan)]);
    let (file, line, col, message, _) = only(&dir);
    assert_eq!((file.as_str(), line, col), ("page.toml", 3, 8));
    assert!(message.contains("date = \"YYYY-MM-DD\""), "{message}");
}

#[test]
fn three_independent_errors_are_all_reported_in_plan_order() {
    let dir = scratch("diag-three");
    let plan = plan_with(concat!(
        "[[article]]\nid = \"a\"\nfile = \"a.txt\"\n",
        "frames = [{ cols = [1, 2], lines = [30, 20] }]\n\n",
        "[[article]]\nid = \"b\"\nfile = \"missing.txt\"\n",
        "frames = [{ cols = [3, 4], lines = [1, 20] }]\n\n",
        "[[article]]\nid = \"c\"\nfile = \"a.txt\"\n",
        "frames = [{ cols = [3, 3], lines = [10, 30] }]\n",
    ));
    write_files(&dir, &[("page.toml", &plan), ("a.txt", ARTICLE)]);
    let all = diagnostics_of(&dir);
    let places: Vec<(usize, usize)> = all
        .iter()
        .map(|d| d.at.as_ref().map_or((0, 0), |a| (a.line, a.column)))
        .collect();
    assert_eq!(all.len(), 3, "{all:#?}");
    assert!(all[0].message.contains("runs backwards"), "{all:#?}");
    assert!(
        all[1].message.contains("overlaps article 'b' frame 1"),
        "{all:#?}"
    );
    assert!(all[2].message.contains("missing.txt"), "{all:#?}");
    assert_eq!(places, [(8, 36), (18, 11), (12, 8)]);
}

/// Runs the command with `args` in `dir`.
fn baoban(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_baoban"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_command_prints_place_line_caret_and_hint_and_exits_1() {
    let dir = page(
        "diag-cli",
        "frames = [{ cols = [1, 2], lines = [30, 20] }]\n",
    );
    let out = baoban(&dir, &["build", "page.toml"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[0],
        "page.toml:8:36: error: article 'a' frame 1: lines = [30, 20] runs backwards (the first after the last)"
    );
    assert!(
        err.contains("8 | frames = [{ cols = [1, 2], lines = [30, 20] }]"),
        "{err}"
    );
    assert!(err.contains("^^^^^^^^"), "{err}");
    assert!(err.contains("= hint: give [20, 30]"), "{err}");
    assert!(!dir.join("page.pdf").exists());
}

#[test]
fn json_diagnostics_are_one_object_per_line() {
    let dir = scratch("diag-json");
    let plan = plan_with(concat!(
        "[[article]]\nid = \"a\"\nfile = \"gone.txt\"\n",
        "frames = [{ cols = [1, 2], lines = [30, 20] }]\n",
    ));
    write_files(&dir, &[("page.toml", &plan)]);
    let out = baoban(&dir, &["--diagnostic-format", "json", "build", "page.toml"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let objects: Vec<serde_json::Value> = err
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(objects.len(), 2, "{err}");
    assert_eq!(objects[0]["severity"], "error");
    assert_eq!(objects[0]["file"], "page.toml");
    assert_eq!(
        (&objects[0]["line"], &objects[0]["column"]),
        (&8.into(), &36.into())
    );
    assert_eq!(objects[0]["hint"], "give [20, 30]");
    assert_eq!(
        (&objects[1]["line"], &objects[1]["column"]),
        (&7.into(), &8.into())
    );
}

#[test]
fn exit_status_is_0_with_warnings_and_2_for_usage_errors() {
    let dir = page(
        "diag-exit",
        "headline = { cols = [1, 1], lines = [1, 6] }\nframes = [{ cols = [1, 1], lines = [7, 8] }]\n",
    );
    let out = baoban(&dir, &["build", "page.toml"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "an overset proof is written: {err}"
    );
    assert!(err.contains("overset: article 'a'"), "{err}");
    let out = baoban(&dir, &["build", "page.toml", "--strict"]);
    assert_eq!(out.status.code(), Some(1), "overset under --strict");
    let out = baoban(&dir, &["build", "page.toml", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2), "an unknown flag");
    let out = baoban(
        &dir,
        &["render", "page.toml", "--png", "png", "--dpi", "5000"],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("--dpi 5000: give 1 to 1200"), "{err}");
    let out = baoban(&dir, &["--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("Exit status: 0"), "{help}");
}

#[test]
fn a_template_error_is_placed_on_its_key_even_in_memory() {
    let template = std::fs::read_to_string(root().join("layouts/tabloid-6col.toml")).unwrap();
    let bad = template.replacen("size = \"六号\"", "size = \"七七号\"", 1);
    let line = 1 + bad.lines().position(|l| l.contains("七七号")).unwrap();
    let plan = "template = \"mine.toml\"\ndate = \"2023-05-29\"\n\n[[article]]\nid = \"a\"\nfile = \"a.txt\"\nblock = { cols = [1, 2], top = 1 }\n";
    // The template is given in memory beside the repository's layouts, so its fonts
    // (../fonts/…) are read from disk.
    let layouts = root().join("layouts");
    let sources = baoban::Sources::disk()
        .file(layouts.join("mine.toml"), bad)
        .file(layouts.join("page.toml"), plan)
        .file(layouts.join("a.txt"), ARTICLE);
    let options = baoban::BuildOptions::default();
    let err = baoban::Session::default()
        .compose_from(&sources, &layouts.join("page.toml"), &options)
        .unwrap_err();
    let all = err.diagnostics();
    assert_eq!(all.len(), 1, "{all:#?}");
    let at = all[0].at.as_ref().expect("placed");
    assert_eq!(
        all[0].file.as_deref(),
        Some(layouts.join("mine.toml").as_path())
    );
    assert_eq!((at.line, at.column), (line, 8));
    assert_eq!(
        all[0].message,
        "style 'body': unknown size '七七号' (use points or a 号 such as 小五)"
    );
}

#[test]
fn a_missing_page_of_an_edition_is_reported_at_its_line() {
    let dir = page(
        "diag-edition",
        "frames = [{ cols = [1, 2], lines = [7, 20] }]\n",
    );
    let plan = std::fs::read_to_string(dir.join("page.toml")).unwrap();
    let plan = plan.replace("page = 1\ndate = \"2023-05-29\"\n", "");
    write_files(
        &dir,
        &[
            ("p1.toml", &plan),
            (
                "page.toml",
                "paper = \"荆州区报\"\ndate = \"2023-05-29\"\n\n[[page]]\nplan = \"p1.toml\"\n\n[[page]]\nplan = \"p2.toml\"\n",
            ),
        ],
    );
    let (file, line, col, message, _) = only(&dir);
    assert_eq!((file.as_str(), line, col), ("page.toml", 8, 8));
    assert!(
        message.contains("p2.toml: No such file or directory"),
        "{message}"
    );
}

#[test]
fn a_block_too_short_for_its_text_is_reported_at_its_article() {
    let dir = page(
        "diag-block",
        "block = { cols = [1, 2], top = 1, lines = 2 }\n",
    );
    let (file, line, _, message, hint) = only(&dir);
    assert_eq!(
        (file.as_str(), line),
        ("page.toml", 5),
        "the article's [[article]] table"
    );
    assert_eq!(
        message,
        "article 'a': its blocks leave no line for the text"
    );
    assert_eq!(hint, "make the last block taller");
}

/// The diagnostics of composing `page` on the tabloid template changed by `change`, both
/// given in memory beside the repository's layouts (so the fonts are the repository's).
fn with_template(change: impl Fn(&str) -> String, page: &str) -> Vec<Diagnostic> {
    let template = std::fs::read_to_string(root().join("layouts/tabloid-6col.toml")).unwrap();
    let layouts = root().join("layouts");
    let plan = format!("template = \"changed.toml\"\ndate = \"2023-05-29\"\n\n{page}");
    let sources = baoban::Sources::disk()
        .file(layouts.join("changed.toml"), change(&template))
        .file(layouts.join("changed-page.toml"), plan)
        .file(layouts.join("a.txt"), ARTICLE);
    let options = baoban::BuildOptions::default();
    match baoban::Session::default().compose_from(
        &sources,
        &layouts.join("changed-page.toml"),
        &options,
    ) {
        Ok(_) => panic!("composed, but should not"),
        Err(e) => e.diagnostics(),
    }
}

#[test]
fn a_jump_line_style_taller_than_the_grid_line_is_refused() {
    let all = with_template(
        |t| {
            t.replacen(
                "size = \"六号\"\nline_pitch = 10.5\n\n# 续题",
                "size = 14\nline_pitch = 16\n\n# 续题",
                1,
            )
        },
        "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nblock = { cols = [1, 2], top = 1 }\n",
    );
    assert_eq!(all.len(), 1, "{all:#?}");
    let at = all[0].at.as_ref().expect("placed");
    assert_eq!(&at.source[at.span.clone()], "14");
    assert!(
        all[0]
            .message
            .contains("size 14 pt is more than the grid's line pitch of 10.5 pt"),
        "{}",
        all[0]
    );
}

#[test]
fn a_boxed_article_in_a_one_character_column_is_refused() {
    let all = with_template(
        |t| t.replacen("column_chars = 14", "column_chars = 1", 1),
        "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nboxed = true\nheadline = { cols = [1, 6], lines = [1, 30] }\nframes = [{ cols = [1, 1], lines = [31, 60] }, { cols = [2, 3], lines = [31, 60] }]\n",
    );
    assert_eq!(all.len(), 1, "{all:#?}");
    let at = all[0].at.as_ref().expect("placed");
    assert_eq!(
        &at.source[at.span.clone()],
        "{ cols = [1, 1], lines = [31, 60] }"
    );
    assert!(
        all[0]
            .message
            .starts_with("article 'a' frame 1 is boxed (加框) and 1 character wide"),
        "{}",
        all[0]
    );
}

#[test]
fn a_running_head_too_wide_for_a_narrow_page_is_refused() {
    let all = with_template(
        |t| t.replacen("columns = 6", "columns = 2", 1),
        "paper = \"荆州区报\"\nname = \"荆州区新闻\"\neditor = \"吴申畅\"\n\n[[article]]\nid = \"a\"\nfile = \"a.txt\"\nblock = { cols = [1, 2], top = 1 }\n",
    );
    assert_eq!(all.len(), 1, "{all:#?}");
    let at = all[0].at.as_ref().expect("placed");
    assert_eq!(
        &at.source[at.span.clone()],
        "\"荆州区新闻\"",
        "at the page name"
    );
    assert!(
        all[0].message.contains(
            "on one line (with a character between its halves) but the type area is 228.4 pt wide"
        ),
        "{}",
        all[0]
    );
}

#[test]
fn a_masthead_box_too_low_for_its_lines_is_refused() {
    let all = with_template(
        |t| t.to_string(),
        "paper = \"荆州区报\"\nmasthead = { cols = [1, 6], lines = [1, 1] }\n\n[[article]]\nid = \"a\"\nfile = \"a.txt\"\nblock = { cols = [1, 2], top = 2 }\n",
    );
    assert_eq!(all.len(), 1, "{all:#?}");
    let at = all[0].at.as_ref().expect("placed");
    assert_eq!(
        &at.source[at.span.clone()],
        "{ cols = [1, 6], lines = [1, 1] }"
    );
    assert!(
        all[0].message.starts_with("the masthead's lines need"),
        "{}",
        all[0]
    );
}

#[test]
fn accepted_nonsense_is_refused_at_its_place() {
    // 第0版.
    let dir = page(
        "diag-page0",
        "frames = [{ cols = [1, 2], lines = [7, 20] }]\n",
    );
    let plan = std::fs::read_to_string(dir.join("page.toml")).unwrap();
    write_files(
        &dir,
        &[("page.toml", &plan.replace("page = 1", "page = 0"))],
    );
    let (_, line, col, message, _) = only(&dir);
    assert_eq!((line, col), (2, 8));
    assert!(
        message.starts_with("page = 0: pages are counted from 1"),
        "{message}"
    );
    // A photo that names no article.
    let dir = page(
        "diag-photo-article",
        "frames = [{ cols = [1, 2], lines = [7, 20] }]\n\n[[photo]]\nid = \"p\"\narticle = \"nobody\"\nframe = { cols = [3, 4], lines = [1, 10] }\n",
    );
    let (_, line, col, message, _) = only(&dir);
    assert_eq!((line, col), (12, 11));
    assert!(
        message.contains("article = \"nobody\" names no article"),
        "{message}"
    );
    // A millimetre frame past the page's edge (the tabloid is 270 mm wide).
    let dir = page("diag-mm-edge", "frames = [{ mm = [250, 20, 80, 100] }]\n");
    let (_, line, _, message, _) = only(&dir);
    assert_eq!(line, 8);
    assert!(
        message.contains("reaches past the page (270 × 390 mm)"),
        "{message}"
    );
}

#[test]
fn a_source_date_epoch_past_the_year_9999_is_refused() {
    let dir = page(
        "diag-epoch",
        "frames = [{ cols = [1, 2], lines = [7, 20] }]\n",
    );
    let plan = std::fs::read_to_string(dir.join("page.toml")).unwrap();
    write_files(
        &dir,
        &[("page.toml", &plan.replace("date = \"2023-05-29\"\n", ""))],
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_baoban"))
        .current_dir(&dir)
        .env("SOURCE_DATE_EPOCH", i64::MAX.to_string())
        .args(["build", "page.toml"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("is outside the years 1–9999"), "{err}");
}

#[test]
fn check_refuses_an_ink_limit_that_is_no_number() {
    let dir = scratch("diag-ink");
    std::fs::write(dir.join("x.pdf"), b"%PDF-1.4\n").unwrap();
    for bad in ["NaN", "inf", "50"] {
        let out = baoban(&dir, &["check", "x.pdf", "--ink-limit", bad]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad}: {err}");
        assert!(err.contains("--ink-limit"), "{err}");
    }
}
