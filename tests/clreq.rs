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
    // `/` may end a line under basic; under GB it neither ends nor starts one.
    ("一二三四五/六七八九", 6, "basic out-only", "一二三四五/|六七八九"),
    ("一二三四五/六七八九", 6, "gb out-only", "一二三四|五/六七八九"),
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
    // A URL breaks only after / or before . ? # & (never after the scheme's //).
    ("见https://example.org/baoban-test/page", 8, "basic in full", "见|https://example|.org/|baoban-test/|page"),
    ("网址www.jzrb.cn/a?b=1&c=2", 6, "basic in full", "网址www|.jzrb.cn/|a?b=1&c=2"),
    ("我们使用 baoban engine 排版", 8, "basic in full", "我们使用 baoban|engine 排版"),
    // Stacked marks, book titles, foreign names, 孤字, traditional text, half-width marks.
    ("他说：“好。”然后离开了会场", 6, "basic in full", "他说：“好。”然|后离开了会场"),
    ("他说：“好。”然后离开了会场", 6, "basic in kaiming", "他说：“好。”然|后离开了会场"),
    ("这是《中国日报》的报道内容", 6, "basic in full", "这是《中国|日报》的报道|内容"),
    ("列夫·托尔斯泰的作品很多", 6, "basic in full", "列夫·托尔斯|泰的作品很多"),
    ("一二三四五六七八九十一", 10, "basic in full", "一二三四五六七八九|十一"),
    ("一二三四五六七八九十一。", 10, "basic in full", "一二三四五六七八九|十一。"),
    ("「這是繁體中文，測試標點。」", 6, "basic in full", "「這是繁體|中文，測試|標點。」"),
    // The 分隔号 / neither starts nor ends a line from the GB level on; basic lets it start one.
    ("一二三四五/六七八九", 6, "strict in full", "一二三四|五/六七八九"),
    ("一二三四五/六七八九", 6, "gb in full", "一二三四|五/六七八九"),
    ("一二三四五六/七八九", 6, "gb in full", "一二三四五|六/七八九"),
    ("一二三四五六/七八九", 6, "basic in full", "一二三四五六|/七八九"),
    ("一二三四五六／七八九", 6, "gb in full", "一二三四五|六／七八九"),
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
    // ？！ and ！？ take one em together (CLREQ exclamatory question marks); · between Han
    // ½ em.
    ("真的吗？！他问", 10, "basic in full", 0, '？', 0.5),
    ("真的吗？！他问", 10, "basic in full", 0, '！', 0.5),
    ("好啊！？他问", 10, "basic in full", 0, '！', 0.5),
    ("好啊！？他问", 10, "basic in full", 0, '？', 0.5),
    ("列夫·托尔斯泰", 10, "basic in full", 0, '·', 0.5),
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
    // · between the parts of a foreign name takes ½ em in the mainland style.
    ("列夫·托尔斯泰", 10, "basic in full", 0, 3, 2.5),
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

#[test]
fn half_em_marks_have_their_ink_centred_in_every_font() {
    // Noto Serif gives · a third of an em, Noto Sans a full em: both are set in ½ em with
    // the dot in its middle, and ？！ each in its half.
    for file in ["NotoSerifCJKsc-Regular.otf", "NotoSansCJKsc-Bold.otf"] {
        let mut fonts = BTreeMap::new();
        let path = common::root().join("fonts").join(file);
        let face = baoban::model::FaceSelector::Index(0);
        fonts.insert("f".to_string(), baoban::model::FontFile { path, face });
        let book = FontBook::load(&fonts).unwrap();
        let chain = book.chain(&["f".to_string()]);
        let text = "列夫·托尔斯泰？！";
        let span = Span {
            text,
            fonts: &chain,
            size: SIZE,
            style: "body",
        };
        let para = shape_paragraph(&book, &[span], "t").unwrap();
        for (k, mark) in [(2, '·'), (7, '？'), (8, '！')] {
            let c = &para.clusters[k];
            assert_eq!(para.cluster_text(k), mark.to_string());
            assert!(
                (c.advance - SIZE / 2.0).abs() < 0.01,
                "{file} {mark}: {}",
                c.advance
            );
            let g = &para.glyphs[c.glyphs.start];
            let face = book.face(c.font);
            let (x0, x1, _) = face.glyph_metrics().ink_extent(g.gid).unwrap();
            let centre = g.dx + (x0 + x1) / 2.0 * SIZE / face.metrics.upem;
            assert!(
                (centre - SIZE / 4.0).abs() < 0.01,
                "{file} {mark}: ink at {centre}"
            );
        }
    }
}

#[test]
fn urls_and_addresses_break_at_their_joints_and_are_set_solid() {
    let book = book();
    let url = "https://www.jingzhou.gov.cn/xwzx/tzgg/202305/t20230529_1234.shtml?id=7#top";
    let mail = "news.desk@jzrb.com.cn";
    let text = format!("详情请登录荆州区政府网站{url}查询，或发邮件至{mail}咨询。");
    let spec = "basic in full";
    // One unjustified line: every character at its natural advance.
    let natural = &set_lines(&book, &text, 1000, spec)[0].1;
    let (u0, m0) = (text.find(url).unwrap(), text.find(mail).unwrap());
    let in_address =
        |byte: usize| (u0..u0 + url.len()).contains(&byte) || (m0..m0 + mail.len()).contains(&byte);
    for chars in 8..=13 {
        let lines = set_lines(&book, &text, chars, spec);
        assert_eq!(lines.iter().map(|l| l.0.as_str()).collect::<String>(), text);
        let (mut byte, mut k0) = (0, 0);
        for (n, (line, xs)) in lines.iter().enumerate() {
            let end = byte + line.len();
            // A break inside an address: after a `/` or before `.` `?` `#` `&` `@`, never
            // after the scheme's `//`.
            if n + 1 < lines.len() && in_address(end - 1) && in_address(end) {
                let (before, after) = (&text[..end], &text[end..]);
                let joint = (before.ends_with('/') && !before.ends_with("://"))
                    || after.starts_with(['.', '?', '#', '&', '@']);
                assert!(joint, "{chars}: broken at {line:?} | {after:.10}");
            }
            // Solid: no space added between two characters of an address (a line holding
            // nothing but a piece of one is letter-spaced evenly, the last resort).
            let only = line.char_indices().all(|(i, _)| in_address(byte + i));
            let starts: Vec<usize> = line.char_indices().map(|(i, _)| byte + i).collect();
            for k in 0..xs.len().saturating_sub(1) {
                if !only && in_address(starts[k]) && in_address(starts[k + 1]) {
                    let (got, want) = (xs[k + 1] - xs[k], natural[k0 + k + 1] - natural[k0 + k]);
                    assert!((got - want).abs() < 0.01, "{chars}: {line:?} spaced at {k}");
                }
            }
            (byte, k0) = (end, k0 + xs.len());
        }
    }
}

#[test]
fn a_space_around_a_url_is_the_han_latin_space_not_twice_it() {
    // A typed space between Han and a URL (or a word) takes the place of the ¼ em Han–Latin
    // space; it is not added to it.
    let book = book();
    for word in ["https://a.cn", "baoban"] {
        let spaced = set_lines(&book, &format!("访问 {word} 了解"), 1000, "basic in full");
        let solid = set_lines(&book, &format!("访问{word}了解"), 1000, "basic in full");
        let (a, b) = (&spaced[0].1, &solid[0].1);
        // 问 → the word's first letter; the word's end → 了.
        assert!(
            (a[3] - a[1] - (b[2] - b[1])).abs() < 0.1,
            "{word}: {a:?} {b:?}"
        );
        // The word's last letter → 了.
        let (n, m) = (a.len(), b.len());
        assert!(
            (a[n - 2] - a[n - 4] - (b[m - 2] - b[m - 3])).abs() < 0.1,
            "{word}"
        );
    }
}

/// The shaped paragraph of `text` and its lines at `chars` characters (basic, push-in).
fn set_full(
    book: &FontBook,
    text: &str,
    chars: u32,
) -> (baoban::shape::ShapedPara, Vec<baoban::linebreak::Line>) {
    let chain = book.chain(&["serif".to_string()]);
    let span = Span {
        text,
        fonts: &chain,
        size: SIZE,
        style: "body",
    };
    let para = shape_paragraph(book, &[span], "t").unwrap();
    let settings = LineSettings {
        indent: 0.0,
        justify: true,
        han_latin: 0.25,
        kinsoku: rules("basic in full"),
    };
    let mut b = LineBreaker::new(&para, &settings);
    let lines = std::iter::from_fn(|| b.next_line(chars as f32 * SIZE)).collect();
    (para, lines)
}

#[test]
fn long_latin_words_are_hyphenated_in_narrow_columns() {
    let book = book();
    let text = "高通公司Qualcomm今天宣布与Technologies合作推进internationalization和semiconductor产业发展，NASDAQ上市。";
    let mut hyphens = 0;
    for chars in 8..=13 {
        let (para, lines) = set_full(&book, text, chars);
        let letter = |i: usize| {
            para.cluster_text(i)
                .starts_with(|c: char| c.is_ascii_alphabetic())
        };
        for (n, l) in lines.iter().enumerate() {
            let end = l.clusters.end;
            let inside = end < para.clusters.len() && letter(end - 1) && letter(end);
            let line: String = l.clusters.clone().map(|i| para.cluster_text(i)).collect();
            // A word is broken only at a hyphenation point, with a hyphen at the measure.
            assert_eq!(inside, l.hyphen.is_some(), "{chars}: {line}");
            if let Some(x) = l.hyphen {
                hyphens += 1;
                let word_end = (end..para.clusters.len()).find(|&i| !letter(i)).unwrap();
                let word: String = (l.clusters.start..word_end)
                    .map(|i| para.cluster_text(i))
                    .collect();
                assert!(
                    !word.starts_with("NASDAQ"),
                    "{chars}: an acronym hyphenated"
                );
                assert!(x < chars as f32 * SIZE && (l.width - chars as f32 * SIZE).abs() < 0.01);
            }
            // Never a line of one character before a long word.
            assert!(
                n + 1 == lines.len() || l.clusters.len() > 1,
                "{chars}: lone {line}"
            );
            // Letters of a word are never spaced apart — unless the line holds nothing but a
            // piece of one (internationaliza|tion at 8 em), the last resort.
            let only_letters = l.clusters.clone().all(letter);
            for k in 0..l.xs.len().saturating_sub(1) {
                if only_letters {
                    break;
                }
                let i = l.clusters.start + k;
                if letter(i) && letter(i + 1) {
                    let got = l.xs[k + 1] - l.xs[k];
                    assert!(
                        (got - para.clusters[i].advance).abs() < 0.01,
                        "{chars}: {line} spaced"
                    );
                }
            }
        }
    }
    assert!(hyphens >= 6, "only {hyphens} hyphens at 8–13 characters");
}
