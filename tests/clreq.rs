//! Chinese line composition rules on the real body font, table-driven: each case gives the
//! text, the measure in characters, the 避头尾 level and push strategy, and the exact lines.
//! `|` separates lines. A paragraph never ends on one character when a break one step
//! earlier costs at most ½ em per gap (孤字), which is why many cases end `…|九十`.

mod common;
use baoban::font::FontBook;
use baoban::linebreak::{LineBreaker, LineSettings};
use baoban::model::{Kinsoku, KinsokuLevel as L, PushStrategy as P};
use baoban::shape::{Span, shape_paragraph};
use std::collections::BTreeMap;

const SIZE: f32 = 10.0;

fn book() -> FontBook {
    let mut fonts = BTreeMap::new();
    fonts.insert(
        "serif".to_string(),
        common::root().join("fonts/NotoSerifCJKsc-Regular.otf"),
    );
    FontBook::load(&fonts).unwrap()
}

fn set(book: &FontBook, text: &str, chars: u32, level: L, push: P, relax: bool) -> String {
    let chain = book.chain(&["serif".to_string()]);
    let para = shape_paragraph(
        book,
        &[Span {
            text,
            fonts: &chain,
            size: SIZE,
            style: "body",
        }],
        "t",
    )
    .unwrap();
    let kinsoku = Kinsoku {
        level,
        relax_question: relax,
        push,
    };
    let mut b = LineBreaker::new(&para, &LineSettings::body(0.0, 0.25).with_kinsoku(kinsoku));
    let mut out = Vec::new();
    while let Some(line) = b.next_line(chars as f32 * SIZE) {
        assert!(
            line.last || (line.width - chars as f32 * SIZE).abs() < 0.01,
            "{text}: line not justified"
        );
        out.push(
            line.clusters
                .map(|i| para.cluster_text(i))
                .collect::<String>(),
        );
    }
    out.join("|")
}

/// (text, measure, level, push, newspaper relaxation, expected lines)
const CASES: &[(&str, u32, L, P, bool, &str)] = &[
    // Plain Han fills the measure.
    (
        "一二三四五六七八九十",
        5,
        L::Basic,
        P::InFirst,
        false,
        "一二三四五|六七八九十",
    ),
    // ， as the 6th character: pulled in by compressing the 、 on the line (push-in)…
    (
        "一、三四五，七八九十",
        5,
        L::Basic,
        P::InFirst,
        false,
        "一、三四五，|七八九十",
    ),
    // …or the 五 pushed down (push-out first / only).
    (
        "一、三四五，七八九十",
        5,
        L::Basic,
        P::OutFirst,
        false,
        "一、三四|五，七八|九十",
    ),
    (
        "一、三四五，七八九十",
        5,
        L::Basic,
        P::OutOnly,
        false,
        "一、三四|五，七八|九十",
    ),
    // Nothing to compress: push-out even when push-in is preferred.
    (
        "一二三四五。七八九十",
        5,
        L::Basic,
        P::InFirst,
        false,
        "一二三四|五。七八|九十",
    ),
    // No rules at all: the mark may start a line.
    (
        "一二三四五。七八九十",
        5,
        L::None,
        P::InFirst,
        false,
        "一二三四五|。七八九十",
    ),
    // Closing quote and bracket never start a line.
    (
        "一二三四“五”七八九十",
        5,
        L::Basic,
        P::InFirst,
        false,
        "一二三四|“五”七八|九十",
    ),
    (
        "一二三四（五）七八九十",
        5,
        L::Basic,
        P::InFirst,
        false,
        "一二三四|（五）七八|九十",
    ),
    // Opening marks never end a line.
    (
        "一二三四《五六》八九十",
        5,
        L::Basic,
        P::InFirst,
        false,
        "一二三四|《五六》八|九十",
    ),
    // ？ at a line start: forbidden, allowed with the newspaper relaxation.
    (
        "一二三四五？七八九十",
        5,
        L::Basic,
        P::OutOnly,
        false,
        "一二三四|五？七八|九十",
    ),
    (
        "一二三四五？七八九十",
        5,
        L::Basic,
        P::OutOnly,
        true,
        "一二三四五|？七八九十",
    ),
    // The relaxation is for ？！ only, never for 。.
    (
        "一二三四五。七八九十",
        5,
        L::Basic,
        P::OutOnly,
        true,
        "一二三四|五。七八|九十",
    ),
    // —— never splits; under strict it may not start a line either.
    (
        "一二三四——七八九十",
        5,
        L::Basic,
        P::InFirst,
        false,
        "一二三四|——七八|九十",
    ),
    (
        "一二三四——七八九十",
        5,
        L::Strict,
        P::InFirst,
        false,
        "一二三|四——七八|九十",
    ),
    (
        "一二三四……七八九十",
        5,
        L::Basic,
        P::InFirst,
        false,
        "一二三四|……七八|九十",
    ),
    (
        "一二三四……七八九十",
        5,
        L::Strict,
        P::InFirst,
        false,
        "一二三|四……七八|九十",
    ),
    // Numbers keep their units: 2023年 and 5月 stay together.
    (
        "一二三四2023年七八九十",
        6,
        L::Basic,
        P::InFirst,
        false,
        "一二三四|2023年七八|九十",
    ),
    (
        "一二三四五5月七八九",
        6,
        L::Basic,
        P::InFirst,
        false,
        "一二三四五|5月七八九",
    ),
    // `/` may end a line under basic, not under GB.
    (
        "一二三四五/六七八九",
        6,
        L::Basic,
        P::OutOnly,
        false,
        "一二三四五/|六七八九",
    ),
    (
        "一二三四五/六七八九",
        6,
        L::Gb,
        P::OutOnly,
        false,
        "一二三四五|/六七八九",
    ),
];

#[test]
fn line_breaks_follow_the_rules() {
    let book = book();
    let mut failures = Vec::new();
    for (n, &(text, chars, level, push, relax, want)) in CASES.iter().enumerate() {
        let got = set(&book, text, chars, level, push, relax);
        if got != want {
            failures.push(format!(
                "case {n} {text:?} @{chars} {level:?} {push:?} relax={relax}: want {want} got {got}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
