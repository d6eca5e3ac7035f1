//! Latin text in narrow Chinese columns, through to the PDF: hyphenated words show a hyphen
//! that is not part of the text, and print builds pass with it.

mod common;
use common::*;

#[test]
fn a_hyphenated_word_shows_a_hyphen_marked_as_no_text() {
    let dir = scratch("hyphen-pdf");
    let art = "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nframes = [{ cols = [1, 1], lines = [1, 20] }]\n";
    let text = "高通公司Qualcomm今天宣布与Technologies合作推进internationalization和semiconductor产业发展，NASDAQ上市。\n";
    write_files(&dir, &[("page.toml", &plan_with(art)), ("a.txt", text)]);
    let c = baoban::compose(&dir.join("page.toml")).unwrap();
    let dump = c.dump();
    let hyphenated = dump.lines().filter(|l| l.contains("[hyphen")).count();
    assert!(hyphenated >= 1, "{dump}");
    // The words are whole in the dump's text; each hyphen is drawn inside an empty
    // /ActualText span, so copying or searching the PDF finds the word unbroken.
    let pdf = c.pdf().unwrap();
    let content: Vec<u8> = streams(&pdf).concat();
    let marked = content
        .windows(b"/ActualText ()".len())
        .filter(|w| w == b"/ActualText ()")
        .count();
    assert_eq!(marked, hyphenated, "one empty ActualText span per hyphen");
    assert!(c.pdf_for(baoban::pdf::Intent::PdfX1a).is_ok());
}
