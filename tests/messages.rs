//! Messages that named the wrong thing or the wrong fix (issue 16 item 12): each problem is
//! told where it is — file, key, line — with the fix that is real; what is not text in pasted
//! copy (tabs, zero-width spaces, line separators, decomposed accents, a lone CR) is put
//! right instead of reported as "in no font".

mod common;
use common::*;
use std::path::Path;

/// A page with one article (a.txt, `article` as bytes) in a 3-column frame, `extra` plan keys.
fn page_with(name: &str, extra: &str, article: &[u8]) -> std::path::PathBuf {
    let dir = scratch(name);
    let art = "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nframes = [{ cols = [1, 3], lines = [1, 40] }]\n";
    let plan = plan_with(art).replacen("page = 1\n", &format!("page = 2\n{extra}"), 1);
    write_files(&dir, &[("page.toml", &plan)]);
    std::fs::write(dir.join("a.txt"), article).unwrap();
    dir
}

/// The first diagnostic of a failing build: (file name, line, column, message and hint).
fn first_error(dir: &Path) -> (String, usize, usize, String) {
    let e = baoban::compose(&dir.join("page.toml")).expect_err("the build should fail");
    let d = e.diagnostics().remove(0);
    let at = d.at.clone().unwrap_or_else(|| panic!("no place: {d:?}"));
    let file = d.file.as_ref().unwrap().file_name().unwrap();
    let text = format!("{} {}", d.message, d.hint.unwrap_or_default());
    (file.to_string_lossy().into(), at.line, at.column, text)
}

#[test]
fn an_article_in_latin_1_is_named_not_utf8_at_its_byte_with_its_words() {
    let dir = page_with("msg-latin1", "", b"Title: Caf\xe9\n\nna\xefve\n");
    let (file, line, col, text) = first_error(&dir);
    assert_eq!((file.as_str(), line, col), ("a.txt", 1, 11));
    assert!(
        text.contains("not UTF-8") && text.contains("\"Title: Café\""),
        "{text}"
    );
    assert!(text.contains("save the file as UTF-8"), "{text}");
    assert!(
        !text.contains("gb18030 text"),
        "GB18030 was never the file's: {text}"
    );
}

#[test]
fn a_stray_byte_in_a_utf8_article_is_shown_on_its_own_line() {
    let mut bytes = "主题: 标题\n\n第一段。\n第二行 caf".as_bytes().to_vec();
    bytes.extend(b"\xe9 end\n");
    let dir = page_with("msg-stray", "", &bytes);
    let (file, line, col, text) = first_error(&dir);
    assert_eq!((file.as_str(), line, col), ("a.txt", 4, 8), "{text}");
    assert!(text.contains("第二行 café end"), "{text}");
}

#[test]
fn a_gbk_article_still_reads_as_chinese() {
    let (gbk, _, _) = encoding_rs::GB18030.encode("本报讯 正文第一段。\n");
    let dir = page_with("msg-gbk", "", &gbk);
    let c = baoban::compose(&dir.join("page.toml")).unwrap();
    assert!(c.dump().contains("正文第一段"));
}

#[test]
fn tabs_invisibles_separators_accents_and_a_lone_cr_are_text_not_missing_characters() {
    let text = "甲\t乙\u{200B}丙\u{2028}丁\r戊 Cafe\u{301}\u{FEFF}。\n";
    let dir = page_with("msg-pasted", "", text.as_bytes());
    let c = baoban::compose(&dir.join("page.toml")).unwrap();
    assert!(
        c.coverage().missing.is_empty(),
        "{:?}",
        c.coverage().missing
    );
    let body = &c.job.pages[0].stories[0].paragraphs;
    assert_eq!(
        body.len(),
        1,
        "U+2028 and a lone CR end a line, not the paragraph"
    );
    assert_eq!(body[0].text, "甲 乙丙丁戊 Café。");
}

#[test]
fn a_character_no_font_has_in_a_plan_key_is_reported_at_that_key_and_refused_for_print() {
    let dir = page_with("msg-editor", "editor = \"李😀明\"\n", "正文。\n".as_bytes());
    let c = baoban::compose(&dir.join("page.toml")).unwrap();
    let missing = &c.coverage().missing;
    assert_eq!(missing.len(), 1, "{missing:?}");
    let m = &missing[0];
    assert_eq!(
        m.path.file_name().unwrap(),
        "page.toml",
        "not blamed on an article"
    );
    assert_eq!((m.line, m.column, m.ch), (3, 12, '😀'));
    assert!(m.to_string().contains("the running head (editor)"), "{m}");
    let e = c
        .pdf_for(baoban::pdf::Intent::PdfX1a)
        .expect_err("print takes no 〓");
    assert!(e.to_string().contains("😀"), "{e}");
}

#[test]
fn a_tab_in_a_plan_string_is_a_space() {
    let dir = page_with(
        "msg-editor-tab",
        "editor = \"李\\t明\"\n",
        "正文。\n".as_bytes(),
    );
    let c = baoban::compose(&dir.join("page.toml")).unwrap();
    assert_eq!(c.job.pages[0].plan.editor.as_deref(), Some("李 明"));
    assert!(c.pdf().is_ok());
}

/// The tabloid template in `dir` with its serif font at `serif`.
fn template_with_serif(dir: &Path, serif: &Path) -> String {
    let serif = format!("{:?}", serif.display().to_string());
    tabloid_with(dir, |k| (k == "serif").then(|| serif.clone()))
}

/// The error of a page on the tabloid template whose serif is `serif`.
fn font_error(name: &str, serif: impl Fn(&Path) -> std::path::PathBuf) -> (usize, String) {
    let dir = scratch(name);
    let template = template_with_serif(&dir, &serif(&dir));
    let plan = format!("template = {template:?}\npage = 1\ndate = \"2023-05-29\"\n");
    write_files(&dir, &[("page.toml", &plan)]);
    let e = baoban::compose(&dir.join("page.toml")).expect_err("a bad font loaded");
    let d = e.diagnostics().remove(0);
    assert_eq!(
        d.file.as_ref().unwrap().file_name().unwrap(),
        "template.toml"
    );
    let text = format!("{} {}", d.message, d.hint.unwrap_or_default());
    (d.at.map_or(0, |a| a.line), text)
}

#[test]
fn a_truncated_font_is_called_cut_short_at_its_template_line() {
    let (line, text) = font_error("msg-font-cut", |dir| {
        let f = dir.join("cut.otf");
        let full = std::fs::read(root().join("fonts/NotoSerifCJKsc-Regular.otf")).unwrap();
        std::fs::write(&f, &full[..200_000]).unwrap();
        f
    });
    assert!(line > 0);
    assert!(
        text.contains("font 'serif'") && text.contains("cut short"),
        "{text}"
    );
    assert!(!text.contains("no CFF or glyf"), "{text}");
}

#[test]
fn a_folder_given_as_a_font_is_called_a_folder() {
    let (line, text) = font_error("msg-font-dir", |dir| {
        let f = dir.join("fonts.d");
        std::fs::create_dir_all(&f).unwrap();
        f
    });
    assert!(line > 0);
    assert!(text.contains("it is a folder"), "{text}");
    assert!(!text.contains("No such device"), "{text}");
}

#[test]
fn a_dump_that_cannot_be_written_leaves_no_pdf_and_says_so() {
    let dir = page_with("msg-dump", "", "正文。\n".as_bytes());
    let dump = dir.join("no-such-folder/x.dump");
    let out = build_cli(&dir, &["--dump", dump.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("no output of this build was written"),
        "{stderr}"
    );
    assert!(!dir.join("x.pdf").exists(), "exit 1 and a PDF beside it");
    let leftovers = std::fs::read_dir(&dir).unwrap().flatten();
    assert!(
        leftovers
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .all(|n| !n.ends_with(".tmp")),
        "a temporary file was left"
    );
}

#[test]
fn an_output_name_of_250_bytes_is_written() {
    let dir = page_with("msg-long-name", "", "正文。\n".as_bytes());
    let name = format!("{}.pdf", "长".repeat(82)); // 246 + 4 bytes
    assert_eq!(name.len(), 250);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_baoban"))
        .current_dir(&dir)
        .args(["build", "page.toml", "-o", &name])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.join(&name).exists());
}

#[test]
fn an_edition_listing_itself_as_a_page_is_told_so_at_that_line() {
    let dir = scratch("msg-edition-self");
    let p1 = (plan_with("").lines())
        .filter(|l| !l.starts_with("page =") && !l.starts_with("date ="))
        .collect::<Vec<_>>()
        .join("\n");
    let edition = "paper = \"荆州区报\"\ndate = \"2023-05-29\"\n\n[[page]]\nplan = \"p1.toml\"\n\n[[page]]\nplan = \"edition.toml\"\n";
    write_files(&dir, &[("p1.toml", &p1), ("edition.toml", edition)]);
    let e = baoban::compose(&dir.join("edition.toml")).expect_err("an edition in itself");
    let d = e.diagnostics().remove(0);
    assert_eq!(d.at.as_ref().map(|a| a.line), Some(8));
    assert!(
        d.message
            .contains("page 2's plan is this edition file itself"),
        "{d:?}"
    );
    assert!(!d.message.contains("unknown field"), "{d:?}");
}
