//! Input files: good ones compose, broken ones give one clear error naming the file and place.

mod common;
use common::*;

fn error_of(dir: &std::path::Path) -> String {
    baoban::compose(&dir.join("page.toml"))
        .map(|_| ())
        .unwrap_err()
        .to_string()
}

const ARTICLE: &str = "主题: 测试标题\n\n本报讯(通讯员甲)正文第一段,共有若干汉字。\n\n第二段。\n";

#[test]
fn good_plan_composes_with_headline_dateline_and_body() {
    let dir = scratch("good");
    let art = "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nheadline = { cols = [1, 2], lines = [1, 4] }\nframes = [{ cols = [1, 1], lines = [5, 20] }]\n";
    write_files(&dir, &[("page.toml", &plan_with(art)), ("a.txt", ARTICLE)]);
    let c = baoban::compose(&dir.join("page.toml")).unwrap();
    let texts: Vec<&str> = c.pages[0]
        .lines()
        .filter(|r| r.owner == "a")
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(texts[0], "测试标题");
    assert!(texts[1].starts_with("本报讯（通讯员甲）正文"), "{texts:?}");
    assert_eq!(
        c.articles[0].chars,
        "本报讯（通讯员甲）正文第一段，共有若干汉字。第二段。"
            .chars()
            .count()
    );
    assert!(c.overset().next().is_none());
}

#[test]
fn malformed_toml_names_file_line_and_column() {
    let dir = scratch("malformed");
    write_files(
        &dir,
        &[(
            "page.toml",
            "template = \"x.toml\"\npage = 1\ndate = \"2023-05-29\n",
        )],
    );
    let e = error_of(&dir);
    assert!(e.contains("page.toml:3:"), "{e}");
}

#[test]
fn unknown_key_is_rejected_with_its_line() {
    let dir = scratch("unknown-key");
    let plan = plan_with("colour = \"red\"\n");
    write_files(&dir, &[("page.toml", &plan)]);
    let e = error_of(&dir);
    assert!(e.contains("page.toml:5:") && e.contains("colour"), "{e}");
}

#[test]
fn missing_article_file_is_named() {
    let dir = scratch("missing-article");
    let art = "[[article]]\nid = \"a\"\nfile = \"nowhere.txt\"\nframes = [{ cols = [1, 1], lines = [1, 20] }]\n";
    write_files(&dir, &[("page.toml", &plan_with(art))]);
    let e = error_of(&dir);
    assert!(e.contains("nowhere.txt"), "{e}");
}

#[test]
fn frame_off_the_page_says_the_grid() {
    let dir = scratch("off-page");
    let art = "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nframes = [{ cols = [6, 7], lines = [1, 20] }]\n";
    write_files(&dir, &[("page.toml", &plan_with(art)), ("a.txt", ARTICLE)]);
    let e = error_of(&dir);
    assert!(
        e.contains("page.toml") && e.contains("off the page") && e.contains("columns 1–6"),
        "{e}"
    );
}

#[test]
fn overlapping_frames_are_rejected() {
    let dir = scratch("overlap");
    let arts = "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nframes = [{ cols = [1, 2], lines = [1, 20] }]\n\n\
                [[article]]\nid = \"b\"\nfile = \"a.txt\"\nframes = [{ cols = [2, 3], lines = [10, 30] }]\n";
    write_files(&dir, &[("page.toml", &plan_with(arts)), ("a.txt", ARTICLE)]);
    let e = error_of(&dir);
    assert!(
        e.contains("article 'b' frame 1") && e.contains("overlaps article 'a' frame 1"),
        "{e}"
    );
}

#[test]
fn missing_font_file_is_named_with_a_fix() {
    let dir = scratch("missing-font");
    let template = std::fs::read_to_string(root().join("layouts/tabloid-6col.toml")).unwrap();
    let template = template
        .replace("../fonts/NotoSerifCJKsc-Regular.otf", "nofont.otf")
        .replace("../fonts/", &format!("{}/fonts/", root().display()));
    let art = "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nframes = [{ cols = [1, 1], lines = [1, 20] }]\n";
    let plan = format!("template = \"t.toml\"\npage = 1\ndate = \"2023-05-29\"\n\n{art}");
    write_files(
        &dir,
        &[
            ("page.toml", &plan),
            ("t.toml", &template),
            ("a.txt", ARTICLE),
        ],
    );
    let e = error_of(&dir);
    assert!(
        e.contains("nofont.otf") && e.contains("fonts/build.sh"),
        "{e}"
    );
}

#[test]
fn unknown_style_of_a_box_is_named() {
    let dir = scratch("unknown-style");
    let b = "[[box]]\nid = \"s\"\ntext = \"口号\"\nstyle = \"花体\"\nframe = { cols = [1, 2], lines = [1, 4] }\n";
    write_files(&dir, &[("page.toml", &plan_with(b))]);
    let e = error_of(&dir);
    assert!(e.contains("花体") && e.contains("box 's'"), "{e}");
}

#[test]
fn grid_wider_than_the_page_gives_the_numbers() {
    let dir = scratch("wide-grid");
    let template = std::fs::read_to_string(root().join("layouts/tabloid-6col.toml")).unwrap();
    let template = template.replace("columns = 6", "columns = 7");
    let plan = "template = \"t.toml\"\npage = 1\ndate = \"2023-05-29\"\n";
    write_files(&dir, &[("page.toml", plan), ("t.toml", &template)]);
    let e = error_of(&dir);
    assert!(
        e.contains("t.toml") && e.contains("7 columns × 14") && e.contains("wider than the page"),
        "{e}"
    );
}

#[test]
fn template_columns_that_do_not_divide_into_whole_characters_give_the_numbers() {
    let dir = scratch("grid-not-whole");
    let template = std::fs::read_to_string(root().join("layouts/broadsheet-8col.toml"))
        .unwrap()
        .replace("width_chars = 111", "width_chars = 110");
    let plan = "template = \"t.toml\"\npage = 1\ndate = \"2023-05-29\"\n";
    write_files(&dir, &[("page.toml", plan), ("t.toml", &template)]);
    let e = error_of(&dir);
    assert!(
        e.contains("t.toml")
            && e.contains("(110 − 7) / 8 = 12.88 characters per column")
            && e.contains("make width_chars 103 or 111"),
        "{e}"
    );
}

/// A character no font has never stops a proof and is never tofu: the proof sets 〓, the
/// build names every such character with file, line and column, and print and `--strict`
/// refuse, naming them all.
#[test]
fn every_character_in_no_font_is_named_and_set_as_geta_in_a_proof_but_refused_for_print() {
    let dir = scratch("no-glyph");
    let art = "[[article]]\nid = \"emoji\"\nfile = \"a.txt\"\nframes = [{ cols = [1, 1], lines = [1, 20] }]\n";
    write_files(
        &dir,
        &[
            ("page.toml", &plan_with(art)),
            ("a.txt", "正文有𓀀字。\n\n第二段也有𓀁。\n"),
        ],
    );
    let c = baoban::compose(&dir.join("page.toml")).unwrap();
    let m = &c.coverage().missing;
    let found: Vec<(char, u32, u32, &str)> = (m.iter())
        .map(|m| (m.ch, m.line, m.column, m.place.as_str()))
        .collect();
    assert_eq!(
        found,
        [('𓀀', 1, 4, "paragraph 1"), ('𓀁', 3, 6, "paragraph 2")]
    );
    assert!(
        m[0].to_string().contains("a.txt:1:4: article 'emoji'"),
        "{}",
        m[0]
    );
    assert!(m[0].to_string().contains("U+13000"), "{}", m[0]);
    // The proof sets 〓 where each one stands.
    let dump = c.dump();
    assert!(
        dump.contains("正文有〓字") && dump.contains("第二段也有〓"),
        "{dump}"
    );
    assert!(c.pdf().is_ok());
    let print = c
        .pdf_for(baoban::pdf::Intent::PdfX1a)
        .map(|_| ())
        .unwrap_err();
    let e = print.to_string();
    assert!(
        e.contains("2 character(s) are in no font") && e.contains("U+13001"),
        "{e}"
    );
    let out = build_cli(&dir, &["--strict"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("a.txt:1:4") && err.contains("a.txt:3:6"),
        "{err}"
    );
}

/// An invisible variation selector the font cannot apply is dropped with a warning naming
/// it; the build goes on.
#[test]
fn a_variation_selector_the_font_cannot_apply_is_dropped_with_a_warning() {
    let dir = scratch("selector");
    let art = "[[article]]\nid = \"vs\"\nfile = \"a.txt\"\nframes = [{ cols = [1, 1], lines = [1, 20] }]\n";
    write_files(
        &dir,
        &[
            ("page.toml", &plan_with(art)),
            ("a.txt", "葛\u{FE00}城的葛。\n"),
        ],
    );
    let c = baoban::compose(&dir.join("page.toml")).unwrap();
    assert!(c.coverage().missing.is_empty());
    let s = &c.coverage().selectors;
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(
        (s[0].ch, s[0].base, s[0].line, s[0].column),
        ('\u{FE00}', Some('葛'), 1, 2)
    );
    assert!(s[0].to_string().contains("dropped"), "{}", s[0]);
    assert!(c.dump().contains("葛"), "the base is set");
    let out = build_cli(&dir, &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("warning: ") && err.contains("U+FE00"), "{err}");
}

#[test]
fn the_cli_names_the_place_and_exits_1_on_bad_input() {
    let dir = scratch("cli-bad");
    write_files(&dir, &[("page.toml", "page = \n")]);
    let out = build_cli(&dir, &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let first = err.lines().next().unwrap_or("");
    assert!(
        first.contains("page.toml:1:") && first.contains(": error: "),
        "{err}"
    );
    assert_eq!(err.matches(": error: ").count(), 1, "one problem: {err}");
    assert!(!dir.join("x.pdf").exists());
}

/// Dates are checked against the calendar and written one way, in plans and in editions.
#[test]
fn impossible_and_unquoted_dates_are_refused_with_file_and_line() {
    let cases = [
        ("\"2023-02-30\"", "February 2023 has 28 days"),
        ("\"2023-13-01\"", "no month 13"),
        ("\"2023-5-29\"", "is not YYYY-MM-DD"),
        ("2023-05-29", "write the date in quotes"),
    ];
    for (i, (date, why)) in cases.iter().enumerate() {
        let dir = scratch(&format!("bad-date-{i}"));
        let plan = plan_with("").replace("date = \"2023-05-29\"", &format!("date = {date}"));
        write_files(&dir, &[("page.toml", &plan)]);
        let e = error_of(&dir);
        assert!(
            e.contains("page.toml:3:8") && e.contains(why),
            "{date}: {e}"
        );
        // The same date in an edition file is refused the same way.
        let edition = format!("paper = \"报\"\ndate = {date}\n\n[[page]]\nplan = \"page.toml\"\n");
        write_files(&dir, &[("edition.toml", &edition)]);
        let e = baoban::compose(&dir.join("edition.toml"))
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("edition.toml:2:8") && e.contains(why),
            "{date}: {e}"
        );
    }
}

/// A one-frame article plan with `keys` at the top of the plan.
fn article_plan(keys: &str) -> String {
    let art = "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nblock = { cols = [1, 3], top = 1 }\n";
    plan_with(art).replacen("page = 1\n", &format!("page = 1\n{keys}\n"), 1)
}

/// Pasted text is put right before it is set: quotes paired and nested, ……, ——, full-width
/// digits and letters as ASCII; a rule switched off in the plan leaves its marks alone.
#[test]
fn pasted_text_is_repaired_rule_by_rule() {
    let dir = scratch("repair");
    let text = "主题: 他说\"好\"\n\n他说\"要'实干'\"...荆州--古城,ＡＢＣ公司增长２０％。\n";
    write_files(&dir, &[("page.toml", &article_plan("")), ("a.txt", text)]);
    let dump = baoban::compose(&dir.join("page.toml")).unwrap().dump();
    assert!(dump.contains("他说“好”"), "the headline: {dump}");
    let body = "他说“要‘实干’”……荆州——古城，ABC公司增长20%。";
    let set: String = (dump.lines())
        .filter(|l| l.contains(" body "))
        .filter_map(|l| l.split(" | ").nth(1))
        .map(|t| t.split(" [").next().unwrap_or(t).trim())
        .collect();
    assert_eq!(set, body, "{dump}");
    let off = "normalize = { quotes = false, fullwidth = false }";
    write_files(&dir, &[("page.toml", &article_plan(off))]);
    let dump = baoban::compose(&dir.join("page.toml")).unwrap().dump();
    assert!(
        dump.contains("\"要'实干'\"……") && dump.contains("２０％"),
        "{dump}"
    );
}

/// Article files in GB18030/GBK are read as such — found by themselves, or declared.
#[test]
fn gb18030_files_are_decoded_found_or_declared_and_bad_bytes_refused_with_the_line() {
    let dir = scratch("gb18030");
    let text = "主题: 国标编码\n\n本报讯 正文用GB18030编码，含䶮字。\n";
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    assert!(std::str::from_utf8(&bytes).is_err(), "not UTF-8");
    std::fs::write(dir.join("a.txt"), &bytes).unwrap();
    for keys in ["", "encoding = \"gbk\""] {
        write_files(&dir, &[("page.toml", &article_plan(keys))]);
        let c = baoban::compose(&dir.join("page.toml")).unwrap();
        assert!(
            c.dump().contains("国标编码") && c.dump().contains("含䶮字"),
            "{keys}"
        );
    }
    let mut broken = bytes.to_vec();
    broken.extend(b"\n\n\xff\xff\n");
    std::fs::write(dir.join("a.txt"), &broken).unwrap();
    write_files(&dir, &[("page.toml", &article_plan(""))]);
    let e = error_of(&dir);
    assert!(e.contains("a.txt:6:1") && e.contains("gb18030"), "{e}");
    write_files(
        &dir,
        &[("page.toml", &article_plan("encoding = \"klingon\""))],
    );
    assert!(error_of(&dir).contains("is not an encoding"));
}
