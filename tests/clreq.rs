//! Chinese line composition rules on the real body font, table-driven: each case gives the
//! text, the measure in characters, the 避头尾 level and push strategy, and the exact lines.
//! `|` separates lines. A paragraph never ends on one character when a break one step
//! earlier costs at most ½ em per gap (孤字), which is why many cases end `…|九十`.

mod common;
use baoban::font::FontBook;
use baoban::linebreak::{LineBreaker, LineSettings};
use baoban::model::{Kinsoku, KinsokuLevel as L, PunctStyle as S, PushStrategy as P};
use baoban::shape::{Span, shape_paragraph};
use std::collections::BTreeMap;

const SIZE: f32 = 10.0;

fn book() -> FontBook {
    let mut fonts = BTreeMap::new();
    fonts.insert(
        "serif".to_string(),
        baoban::model::FontFile {
            path: common::root().join("fonts/NotoSerifCJKsc-Regular.otf"),
            face: baoban::model::FaceSelector::Index(0),
        },
    );
    FontBook::load(&fonts).unwrap()
}

/// Rules from a short spec such as `"basic in full"`, `"gb out-only kaiming relax"`,
/// `"strict in line-end-half start-half"`.
fn rules(spec: &str) -> Kinsoku {
    let mut k = Kinsoku::default();
    for w in spec.split_whitespace() {
        match w {
            "none" => k.level = L::None,
            "basic" => k.level = L::Basic,
            "gb" => k.level = L::Gb,
            "strict" => k.level = L::Strict,
            "in" => k.push = P::InFirst,
            "out-first" => k.push = P::OutFirst,
            "out-only" => k.push = P::OutOnly,
            "full" => k.punctuation = S::Full,
            "kaiming" => k.punctuation = S::Kaiming,
            "half" => k.punctuation = S::Half,
            "line-end-half" => k.punctuation = S::LineEndHalf,
            "relax" => k.relax_question = true,
            "start-half" => k.start_bracket_half = true,
            other => panic!("unknown rule word {other}"),
        }
    }
    k
}

/// The lines of `text` at `chars` characters of 10 pt under `spec`, each with its glyph x's.
fn set_lines(book: &FontBook, text: &str, chars: u32, spec: &str) -> Vec<(String, Vec<f32>)> {
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
    let mut b = LineBreaker::new(
        &para,
        &LineSettings {
            indent: 0.0,
            justify: true,
            han_latin: 0.25,
            kinsoku: rules(spec),
        },
    );
    let mut out = Vec::new();
    while let Some(line) = b.next_line(chars as f32 * SIZE) {
        assert!(
            line.last || (line.width - chars as f32 * SIZE).abs() < 0.01,
            "{text}: line not justified"
        );
        out.push((
            line.clusters
                .clone()
                .map(|i| para.cluster_text(i))
                .collect::<String>(),
            line.xs.clone(),
        ));
    }
    out
}

fn set(book: &FontBook, text: &str, chars: u32, spec: &str) -> String {
    set_lines(book, text, chars, spec)
        .into_iter()
        .map(|(t, _)| t)
        .collect::<Vec<_>>()
        .join("|")
}

/// (text, measure in characters, rules, expected lines)
#[rustfmt::skip]
const CASES: &[(&str, u32, &str, &str)] = &[
    // Plain Han fills the measure.
    ("一二三四五六七八九十", 5, "basic in", "一二三四五|六七八九十"),
    // ， as the 6th character: pulled in by compressing the 、 on the line (push-in)…
    ("一、三四五，七八九十", 5, "basic in", "一、三四五，|七八九十"),
    // …or the 五 pushed down (push-out first / only).
    ("一、三四五，七八九十", 5, "basic out-first", "一、三四|五，七八|九十"),
    ("一、三四五，七八九十", 5, "basic out-only", "一、三四|五，七八|九十"),
    // Nothing to compress: push-out even when push-in is preferred.
    ("一二三四五。七八九十", 5, "basic in", "一二三四|五。七八|九十"),
    // No rules at all: the mark may start a line.
    ("一二三四五。七八九十", 5, "none in", "一二三四五|。七八九十"),
    // Closing quote and bracket never start a line.
    ("一二三四“五”七八九十", 5, "basic in", "一二三四|“五”七八|九十"),
    ("一二三四（五）七八九十", 5, "basic in", "一二三四|（五）七八|九十"),
    // Opening marks never end a line.
    ("一二三四《五六》八九十", 5, "basic in", "一二三四|《五六》八|九十"),
    // ？ at a line start: forbidden, allowed with the newspaper relaxation.
    ("一二三四五？七八九十", 5, "basic out-only", "一二三四|五？七八|九十"),
    ("一二三四五？七八九十", 5, "basic out-only relax", "一二三四五|？七八九十"),
    // The relaxation is for ？！ only, never for 。.
    ("一二三四五。七八九十", 5, "basic out-only relax", "一二三四|五。七八|九十"),
    // —— never splits; under strict it may not start a line either.
    ("一二三四——七八九十", 5, "basic in", "一二三四|——七八|九十"),
    ("一二三四——七八九十", 5, "strict in", "一二三|四——七八|九十"),
    ("一二三四……七八九十", 5, "basic in", "一二三四|……七八|九十"),
    ("一二三四……七八九十", 5, "strict in", "一二三|四……七八|九十"),
    // Numbers keep their units: 2023年 and 5月 stay together.
    ("一二三四2023年七八九十", 6, "basic in", "一二三四|2023年七八|九十"),
    ("一二三四五5月七八九", 6, "basic in", "一二三四五|5月七八九"),
    // `/` may end a line under basic, not under GB.
    ("一二三四五/六七八九", 6, "basic out-only", "一二三四五/|六七八九"),
    ("一二三四五/六七八九", 6, "gb out-only", "一二三四五|/六七八九"),
    // Punctuation styles: 全角 / 开明 / 半角 / 行末半角 on the same text.
    ("一二，三四。五六七八九十", 6, "basic in full", "一二，三四。|五六七八九十"),
    ("一二，三四。五六七八九十", 6, "basic in kaiming", "一二，三四。|五六七八九十"),
    ("一二，三四。五六七八九十", 6, "basic in half", "一二，三四。五|六七八九十"),
    ("一二，三四。五六七八九十", 6, "basic in line-end-half", "一二，三四。|五六七八九十"),
    // The same forbidden ， under every level and style (push-out: nothing to compress).
    ("一二三四五六，八九十一二三", 6, "basic in full", "一二三四五|六，八九十一|二三"),
    ("一二三四五六，八九十一二三", 6, "none in full", "一二三四五|六，八九十一|二三"),
    ("一二三四五六，八九十一二三", 6, "gb in full", "一二三四五|六，八九十一|二三"),
    ("一二三四五六，八九十一二三", 6, "strict in full", "一二三四五|六，八九十一|二三"),
    ("一二三四五六，八九十一二三", 6, "basic in kaiming", "一二三四五|六，八九十一|二三"),
    ("一二三四五六，八九十一二三", 6, "basic in half", "一二三四五|六，八九十一|二三"),
    // With a 、 to compress, the push strategy decides.
    ("一二、四五六，八九十一二三", 6, "basic in full", "一二、四五六，|八九十一二三"),
    ("一二、四五六，八九十一二三", 6, "basic out-first full", "一二、四五|六，八九十一|二三"),
    ("一二、四五六，八九十一二三", 6, "basic out-only full", "一二、四五|六，八九十一|二三"),
    ("一二三四五六“七八”九十", 6, "basic in full", "一二三四五六|“七八”九十"),
    ("一二三四五六“七八”九十", 6, "none in full", "一二三四五六|“七八”九十"),
    ("一二三四五（六七）八九十", 6, "basic in full", "一二三四五|（六七）八九十"),
    ("一二三四五（六七）八九十", 6, "none in full", "一二三四五（|六七）八九十"),
    ("一二三四五六）八九十一二", 6, "basic in full", "一二三四五|六）八九十|一二"),
    ("一二三四五六）八九十一二", 6, "strict in full", "一二三四五|六）八九十|一二"),
    ("一二三四五六！八九十一二", 6, "basic out-only full", "一二三四五|六！八九十|一二"),
    ("一二三四五六！八九十一二", 6, "basic out-only full relax", "一二三四五六|！八九十一二"),
    ("一二三四五六·八九十一二", 6, "basic in full", "一二三四五|六·八九十|一二"),
    ("一二三四五——八九十一二", 6, "basic in full", "一二三四五|——八九十|一二"),
    ("一二三四五——八九十一二", 6, "gb in full", "一二三四五|——八九十|一二"),
    ("一二三四五——八九十一二", 6, "strict in full", "一二三四|五——八九十|一二"),
    ("一二三四五……八九十一二", 6, "none in full", "一二三四五|……八九十|一二"),
    ("一二三四五……八九十一二", 6, "strict in full", "一二三四|五……八九十|一二"),
    // Unbreakables: numbers with units and signs, Latin words.
    ("一二三四五六七2023年九十", 8, "basic in full", "一二三四五六七|2023年九十"),
    ("共有9000多元的预算和补贴资金", 8, "basic in full", "共有9000多元的|预算和补贴资金"),
    ("增长了5.2%的样本数量达到", 8, "basic in full", "增长了5.2%的样|本数量达到"),
    ("补贴¥100元的标准已经发放", 8, "basic in full", "补贴¥100元的标|准已经发放"),
    ("我们使用baoban engine排版", 8, "basic in full", "我们使用baoban|engine排版"),
    // A URL breaks only after / . - (never inside "//" or a word).
    ("见https://example.org/baoban-test/page", 8, "basic in full", "见|https://example.|org/baoban-|test/page"),
    ("我们使用 baoban engine 排版", 8, "basic in full", "我们使用 baoban|engine 排版"),
    // Stacked marks, book titles, foreign names, 孤字, traditional text, half-width marks.
    ("他说：“好。”然后离开了会场", 6, "basic in full", "他说：“好。”然|后离开了会场"),
    ("他说：“好。”然后离开了会场", 6, "basic in kaiming", "他说：“好。”然|后离开了会场"),
    ("这是《中国日报》的报道内容", 6, "basic in full", "这是《中国|日报》的报道|内容"),
    ("列夫·托尔斯泰的作品很多", 6, "basic in full", "列夫·托尔斯|泰的作品很多"),
    ("一二三四五六七八九十一", 10, "basic in full", "一二三四五六七八九|十一"),
    ("一二三四五六七八九十一。", 10, "basic in full", "一二三四五六七八九|十一。"),
    ("「這是繁體中文，測試標點。」", 6, "basic in full", "「這是繁體|中文，測試|標點。」"),
    ("一二三四五/六七八九", 6, "strict in full", "一二三四五|/六七八九"),
    ("一二三四五(六七)八九", 6, "basic in full", "一二三四五|(六七)八九"),
];

#[test]
fn line_breaks_follow_the_rules() {
    let book = book();
    let mut failures = Vec::new();
    for (n, &(text, chars, spec, want)) in CASES.iter().enumerate() {
        let got = set(&book, text, chars, spec);
        if got != want {
            failures.push(format!(
                "case {n} ({text:?}, {chars}, {spec:?}, {got:?}),  want {want}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// (text, measure, rules, line, mark, expected advance of the mark in em): the distance from
/// the mark's glyph origin to the next glyph's origin (or the line end for the last one).
#[rustfmt::skip]
const ADVANCES: &[(&str, u32, &str, usize, char, f32)] = &[
    ("一，二三四五", 10, "basic in full", 0, '，', 1.0),
    ("一，二三四五", 10, "basic in kaiming", 0, '，', 0.5),
    ("一，二三四五", 10, "basic in half", 0, '，', 0.5),
    ("一二。三四五", 10, "basic in full", 0, '。', 1.0),
    ("一二。三四五", 10, "basic in kaiming", 0, '。', 1.0),
    ("一二。三四五", 10, "basic in half", 0, '。', 0.5),
    ("好。”他说", 10, "basic in full", 0, '。', 0.5),
    ("好。”他说", 10, "basic in full", 0, '”', 1.0),
    ("（一）、二三", 10, "basic in full", 0, '）', 0.5),
    ("说“《书》”好", 10, "basic in full", 0, '“', 0.5),
    ("一二三四，五六七八九", 5, "basic in full", 0, '，', 1.0),
    (
        "一二三四，五六七八九",
        5,
        "basic in line-end-half",
        0,
        '，',
        0.5,
    ),
];

/// (text, measure, rules, line, cluster index, expected glyph x in em from the line start).
#[rustfmt::skip]
const POSITIONS: &[(&str, u32, &str, usize, usize, f32)] = &[
    // An opening bracket at the line start keeps its em, or gives up its blank half.
    ("（一二三四）五六七八", 12, "basic in full", 0, 1, 1.0),
    (
        "（一二三四）五六七八",
        12,
        "basic in full start-half",
        0,
        1,
        0.5,
    ),
    (
        "（一二三四）五六七八",
        12,
        "basic in full start-half",
        0,
        0,
        -0.5,
    ),
    // “《 take 1.5 em: the second mark's blank half goes.
    ("说“《书》”好", 10, "basic in full", 0, 3, 2.5),
    ("说“《书》”好", 10, "basic in full", 0, 6, 5.0),
    // ¼ em between Han and digits or Latin letters, none next to punctuation.
    ("共5人", 10, "basic in full", 0, 1, 1.25),
    ("（5）人", 10, "basic in full", 0, 1, 1.0),
    // Stretch goes to Han–Latin spaces (up to ½ em) before the gaps between characters:
    // 共5人多 on 5 em: each Han–Latin space ½ em, the rest (0.45 em) shared by 3 gaps, so 5
    // sits at 1 + ½ + 0.15 em (equal spacing would have put it at 1.57 em).
    ("共5人多次到场了吗", 5, "basic in full", 0, 1, 1.647),
    // · between the parts of a foreign name is a full-width mark.
    ("列夫·托尔斯泰", 10, "basic in full", 0, 3, 3.0),
];

#[test]
fn glyphs_sit_where_the_rules_put_them() {
    let book = book();
    let mut failures = Vec::new();
    for (n, &(text, chars, spec, line, index, want)) in POSITIONS.iter().enumerate() {
        let lines = set_lines(&book, text, chars, spec);
        let got = lines[line].1[index] / SIZE;
        if (got - want).abs() > 0.01 {
            failures.push(format!(
                "position case {n} {text:?} {spec:?} #{index}: want {want} got {got:.3}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn punctuation_advances_follow_the_style() {
    let book = book();
    let mut failures = Vec::new();
    for (n, &(text, chars, spec, line, mark, want)) in ADVANCES.iter().enumerate() {
        let lines = set_lines(&book, text, chars, spec);
        let (t, xs) = &lines[line];
        let k = t.chars().position(|c| c == mark).expect("mark on the line");
        let next = xs.get(k + 1).copied().unwrap_or(chars as f32 * SIZE);
        let got = (next - xs[k]) / SIZE;
        if (got - want).abs() > 0.01 {
            failures.push(format!(
                "advance case {n} {text:?} {spec:?} {mark}: want {want} got {got:.3}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
