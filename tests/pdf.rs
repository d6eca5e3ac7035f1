//! The PDF writer on hand-made display lists: fonts embedded as subset CID fonts with
//! ToUnicode, `/ActualText` for clusters that do not map one-to-one, K-only overprinted text.

mod common;
use baoban::display::{GlyphRun, Item, Page, PlacedGlyph};
use baoban::font::FontBook;
use baoban::shape::{Span, shape_paragraph};
use common::{root, streams};
use std::collections::BTreeMap;

fn book() -> FontBook {
    let mut fonts = BTreeMap::new();
    fonts.insert(
        "serif".to_string(),
        baoban::model::FontFile {
            path: root().join("fonts/NotoSerifCJKsc-Regular.otf"),
            face: baoban::model::FaceSelector::Index(0),
        },
    );
    fonts.insert(
        "kai".to_string(),
        baoban::model::FontFile {
            path: root().join("fonts/BaobanKai-Regular.ttf"),
            face: baoban::model::FaceSelector::Index(0),
        },
    );
    FontBook::load(&fonts).unwrap()
}

/// A run of `text` in `font`, one glyph per character, as shaped.
fn run(book: &FontBook, font: &str, text: &str, baseline: f32) -> GlyphRun {
    let chain = book.chain(&[font.to_string()]);
    let para = shape_paragraph(
        book,
        &[Span {
            text,
            fonts: &chain,
            size: 10.0,
            style: "body",
        }],
        "t",
    )
    .unwrap();
    let mut x = 20.0;
    let glyphs = para
        .clusters
        .iter()
        .map(|c| {
            let g = para.glyphs[c.glyphs.start];
            let pg = PlacedGlyph {
                gid: g.gid,
                x,
                dy: 0.0,
                advance: g.font_advance,
                cluster: c.text.clone(),
            };
            x += g.advance + 0.5;
            pg
        })
        .collect();
    GlyphRun {
        font: chain[0],
        size: 10.0,
        baseline,
        text: text.to_string(),
        glyphs,
        color: baoban::model::Cmyk::BLACK,
    }
}

fn write(items: Vec<Item>, book: &FontBook) -> Vec<u8> {
    let page = Page {
        number: 1,
        width: 200.0,
        height: 100.0,
        bleed: 0.0,
        slug: 0.0,
        items,
    };
    let opts = baoban::pdf::PdfOptions {
        title: "t".into(),
        date: (2023, 5, 29),
        intent: Default::default(),
        output_condition: "IFRA26".into(),
        output_profile: None,
    };
    baoban::pdf::write(&[page], book, &opts).unwrap()
}

#[test]
fn fonts_are_subset_cid_fonts_with_to_unicode() {
    let book = book();
    let pdf = write(
        vec![
            Item::Text(run(&book, "serif", "中文", 30.0)),
            Item::Text(run(&book, "kai", "楷体", 60.0)),
        ],
        &book,
    );
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        text.contains("/Subtype /CIDFontType0C"),
        "CFF embedded as a bare CFF program"
    );
    assert!(
        text.contains("/FontFile2"),
        "TrueType embedded as FontFile2"
    );
    assert!(text.contains("/Encoding /Identity-H"));
    assert_eq!(
        text.matches("/BaseFont /").count(),
        4,
        "a Type0 font and its CIDFont per face"
    );
    for name in text.split("/BaseFont /").skip(1) {
        let tag: String = name.chars().take(7).collect();
        assert!(
            tag.chars().take(6).all(|c| c.is_ascii_uppercase()) && tag.ends_with('+'),
            "{tag}"
        );
    }
    let all: Vec<String> = streams(&pdf)
        .iter()
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .collect();
    let cmaps: String = all
        .iter()
        .filter(|s| s.contains("beginbfchar"))
        .cloned()
        .collect();
    for c in ['中', '文', '楷', '体'] {
        assert!(
            cmaps.contains(&format!("<{:04X}>", c as u32)),
            "ToUnicode lacks {c}"
        );
    }
    let content = all.iter().find(|s| s.contains(" Tf")).unwrap();
    assert!(
        content.contains("0 0 0 1 k") && content.contains("/GS0 gs"),
        "{content}"
    );
    assert!(text.contains("/OP true") && text.contains("/op true"));
}

#[test]
fn a_cluster_of_two_glyphs_gets_actual_text() {
    let book = book();
    let mut r = run(&book, "serif", "中文", 30.0);
    // Pretend both glyphs shape one character 甲 (as a decomposed or multi-glyph cluster would).
    r.text = "甲".to_string();
    for g in &mut r.glyphs {
        g.cluster = 0..3;
    }
    let pdf = write(vec![Item::Text(r)], &book);
    let content: Vec<String> = streams(&pdf)
        .iter()
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .filter(|s| s.contains("TJ"))
        .collect();
    assert!(
        content[0].contains("/ActualText")
            && content[0].contains("BDC")
            && content[0].contains("EMC"),
        "{}",
        content[0]
    );
}

#[test]
fn glyph_positions_become_tj_adjustments() {
    let book = book();
    let pdf = write(vec![Item::Text(run(&book, "serif", "中文字", 30.0))], &book);
    let content: Vec<String> = streams(&pdf)
        .iter()
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .filter(|s| s.contains("TJ"))
        .collect();
    // Each glyph is set 0.5 pt after the previous one's advance: -50 thousandths at size 10.
    assert_eq!(content[0].matches("-50").count(), 2, "{}", content[0]);
}
