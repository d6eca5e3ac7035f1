//! Line breaking on synthetic clusters: every character one cluster, Han and CJK marks 1 em,
//! Latin and digits ½ em, so expected breaks can be written by hand.

use super::*;
use crate::font::FontId;
use crate::shape::{Cluster, class_of};

/// Settings under the default 避头尾 rules (the tests set their own text, not a template's).
fn settings(indent: f32, justify: bool, han_latin: f32) -> LineSettings {
    LineSettings {
        indent,
        justify,
        han_latin,
        kinsoku: Kinsoku::default(),
    }
}

const EM: f32 = 10.0;

fn para(text: &str) -> ShapedPara {
    let mut p = ShapedPara {
        text: text.to_string(),
        ..Default::default()
    };
    for (i, c) in text.char_indices() {
        let class = class_of(c);
        let advance = if class.is_cjk() { EM } else { EM / 2.0 };
        p.clusters.push(Cluster {
            text: i..i + c.len_utf8(),
            glyphs: 0..0,
            font: FontId(0),
            size: EM,
            advance,
            class,
            span: 0,
            blank: class.blank(),
        });
    }
    p
}

/// The lines of `text` at a measure of `chars` em, no indent.
fn lines(text: &str, chars: usize) -> Vec<String> {
    let p = para(text);
    let mut b = LineBreaker::new(&p, &settings(0.0, true, 0.0));
    let mut out = Vec::new();
    while let Some(l) = b.next_line(chars as f32 * EM) {
        out.push(l.clusters.map(|i| p.cluster_text(i).to_string()).collect());
    }
    out
}

fn set(text: &str, chars: usize) -> Vec<Line> {
    let p = para(text);
    let mut b = LineBreaker::new(&p, &settings(0.0, true, 0.0));
    std::iter::from_fn(|| b.next_line(chars as f32 * EM)).collect()
}

#[test]
fn han_fills_lines_exactly() {
    assert_eq!(
        lines("一二三四五六七八九十", 5),
        vec!["一二三四五", "六七八九十"]
    );
}

#[test]
fn comma_never_starts_a_line_push_in() {
    // The 6th character is ，: pulled into the line, which compresses its other mark.
    let l = lines("一二、四五，七八九十", 5);
    assert_eq!(l[0], "一二、四五，");
    assert!(!l[1].starts_with('，'));
    let set = set("一二、四五，七八九十", 5);
    assert_eq!(set[0].adjust.kind, BreakKind::PushIn);
    assert!((set[0].width - 50.0).abs() < 0.01);
}

#[test]
fn push_out_when_nothing_can_be_compressed() {
    let l = lines("一二三四五。七八九十", 5);
    assert_eq!(l[0], "一二三四");
    assert!(l[1].starts_with("五。"), "{l:?}");
    let set = set("一二三四五。七八九十", 5);
    assert_eq!(set[0].adjust.kind, BreakKind::PushOut);
    // Four characters spread over the measure: three gaps of ⅓ em.
    assert!((set[0].xs[3] - 40.0).abs() < 0.01, "{:?}", set[0].xs);
}

#[test]
fn opening_bracket_never_ends_a_line() {
    let l = lines("一二三四（五）七八九十", 5);
    assert!(!l[0].ends_with('（'), "{l:?}");
    assert_eq!(l[0], "一二三四");
}

#[test]
fn closing_quote_never_starts_a_line() {
    let l = lines("一二三“四五”六七八九十", 5);
    for line in &l {
        assert!(!line.starts_with('”'), "{l:?}");
    }
}

#[test]
fn dash_and_ellipsis_pairs_stay_together() {
    for text in ["一二三四——五六七八九十", "一二三四……五六七八九十"] {
        let l = lines(text, 5);
        assert!(
            l.iter().all(|line| !line.starts_with(['—', '…'])
                || line.starts_with("——")
                || line.starts_with("……")),
            "{l:?}"
        );
        assert!(
            l.iter()
                .all(|line| !line.ends_with('—') || line.ends_with("——")),
            "{l:?}"
        );
    }
}

#[test]
fn digits_stay_together() {
    let l = lines("一二三四2023年五六七八", 6);
    assert!(l.iter().any(|line| line.contains("2023")), "{l:?}");
}

#[test]
fn line_end_mark_is_full_width_when_it_fits_and_half_when_it_must() {
    // 一二三四， is exactly 5 em: set solid, no stretch.
    let s = set("一二三四，六七八九", 5);
    assert_eq!(s[0].clusters, 0..5);
    assert_eq!(s[0].adjust.gaps, 0);
    // 一二三四五， needs the comma's blank half: 5.5 em → 5 em.
    // 一二三a四， is 5.5 em with a full comma, 5 em with its blank trimmed.
    let s = set("一二三a四，六七八九", 5);
    assert_eq!(s[0].clusters, 0..6, "{:?}", s[0]);
    assert_eq!(s[0].adjust.kind, BreakKind::Natural);
    assert!((s[0].xs[5] - 45.0).abs() < 0.01);
}

#[test]
fn lone_last_character_is_avoided() {
    // Greedy would leave 十 alone on the last line.
    // Greedy would give 6 + 6 + 1; total-fit spreads one line by ¼ em instead.
    let l = lines("一二三四五六七八九十一二三", 6);
    assert_eq!(l.len(), 3);
    assert_eq!(l[2], "二三");
    let l = lines("一二三四五六七八九十一二三。", 6);
    assert_eq!(l.last().unwrap(), "二三。");
    // Even on a very short measure an alternative is taken when one exists.
    let l = lines("一二三四五六七八九十", 3);
    assert_eq!(l.last().unwrap(), "九十");
}

#[test]
fn adjacent_marks_take_one_and_a_half_em() {
    let p = para("好。”他");
    let b = LineBreaker::new(&p, &settings(0.0, false, 0.0));
    assert!((b.natural(0..4) - 35.0).abs() < 0.01);
}

#[test]
fn resumable_at_different_widths() {
    let p = para("一二三四五六七八九十");
    let mut b = LineBreaker::new(&p, &settings(0.0, true, 0.0));
    assert_eq!(b.next_line(40.0).unwrap().clusters, 0..4);
    let cp = b.checkpoint();
    assert_eq!(b.next_line(30.0).unwrap().clusters, 4..7);
    b.revert(cp);
    assert_eq!(b.next_line(60.0).unwrap().clusters, 4..10);
    assert!(b.next_line(60.0).is_none());
}

#[test]
fn first_line_indent_is_two_em() {
    let s = set("一二三四五六七八", 5);
    let p = para("一二三四五六七八");
    let mut b = LineBreaker::new(&p, &settings(2.0 * EM, true, 0.0));
    let first = b.next_line(50.0).unwrap();
    assert_eq!(first.clusters, 0..3);
    assert!((first.xs[0] - 20.0).abs() < 0.01);
    assert_eq!(s[0].clusters, 0..5);
}

#[test]
fn latin_words_break_at_spaces_only() {
    let l = lines("用baoban engine排版", 6);
    assert!(
        l.iter()
            .all(|line| !line.starts_with("ban") && !line.starts_with("gine")),
        "{l:?}"
    );
}

#[test]
fn quarter_em_between_han_and_digits_but_not_at_line_edges() {
    let p = para("共5人");
    let mut b = LineBreaker::new(&p, &settings(0.0, false, 0.25));
    let l = b.next_line(100.0).unwrap();
    assert_eq!(l.xs, vec![0.0, 12.5, 20.0]);
    // At a line start no space is added: 5人 set alone starts at 0.
    let p = para("一二三四5人");
    let mut b = LineBreaker::new(&p, &settings(0.0, true, 0.25));
    let first = b.next_line(40.0).unwrap();
    assert_eq!(first.clusters, 0..4);
    assert_eq!(b.next_line(40.0).unwrap().xs[0], 0.0);
}

#[test]
fn a_pushed_in_last_line_is_compressed_to_the_measure() {
    // 一、三四五六七八九十 then 。: the 。 cannot start a line, so it is pulled onto the last
    // line, which must still fit its 10 em.
    // (Two lines would leave 五。 alone: 孤字.)
    let s = set("一、三四五。", 5);
    assert_eq!(s.len(), 1);
    assert!(s[0].last && s[0].adjust.kind == BreakKind::PushIn);
    assert!(s[0].width <= 50.0 + 0.01, "{:?}", s[0]);
    // The 。 starts half an em before the edge: its blank half is what was given up.
    assert!((s[0].xs[5] - 45.0).abs() < 0.01, "{:?}", s[0].xs);
}

#[test]
fn ascii_closing_marks_never_start_a_line_next_to_han() {
    let l = lines("一二三四五).六七", 5);
    assert!(
        l.iter().all(|x| !x.starts_with(')') && !x.starts_with('.')),
        "{l:?}"
    );
    let l = lines("一二三四(五六七", 5);
    assert!(l.iter().all(|x| !x.ends_with('(')), "{l:?}");
}

#[test]
fn full_width_digits_and_letters_stay_whole_and_percent_never_starts_a_line() {
    // Pasted ２０２３ and ＡＢＣ with the repair off: a number and a word, never split.
    for chars in 4..=9 {
        let l = lines("一二三四五２０２３年ＡＢＣ公司", chars);
        assert!(
            l.iter().any(|line| line.contains("２０２３")),
            "{chars}: {l:?}"
        );
        assert!(
            l.iter().any(|line| line.contains("ＡＢＣ")),
            "{chars}: {l:?}"
        );
    }
    // ％ stays with its number, full width or not.
    for text in ["一二三四五六增长２０％了", "一二三四五六七增长％了"] {
        for chars in 4..=8 {
            let l = lines(text, chars);
            assert!(
                !l.iter().skip(1).any(|line| line.starts_with('％')),
                "{chars}: {l:?}"
            );
        }
    }
}

#[test]
fn shrink_before_stretch_at_every_measure() {
    // CLREQ #line_adjustment: the first line's natural break would start the next line with
    // ，; pulling it in (its 、 and ， compressed) fits, so no line is pushed out and spread —
    // at every measure from 8 to 14 em, not only where pushing out would spread a lot.
    for chars in 8..=14 {
        let text = format!(
            "{}、二，{}",
            "一".repeat(chars - 2),
            "三".repeat(2 * chars + 5)
        );
        let s = set(&text, chars);
        assert_eq!(s[0].adjust.kind, BreakKind::PushIn, "{chars}: {:?}", s[0]);
        assert!(
            s.iter().all(|l| l.adjust.kind != BreakKind::PushOut),
            "{chars}"
        );
        assert_eq!(lines(&text, chars)[0].chars().count(), chars + 1, "{chars}");
    }
}

#[test]
fn a_long_run_of_spaces_breaks_in_linear_time() {
    // Pasted text with 100,000 spaces (or no-break spaces) in a paragraph: quadratic breaking
    // took minutes for this; linear, it is milliseconds even unoptimised.
    for space in [" ", "\u{a0}"] {
        let text = format!("一二三{}四五六七八九十。", space.repeat(100_000));
        let start = std::time::Instant::now();
        let l = lines(&text, 5);
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "{:?}",
            start.elapsed()
        );
        let all: String = l.concat();
        assert!(
            all.starts_with("一二三") && all.ends_with("九十。"),
            "{:?}",
            &l[l.len() - 1]
        );
    }
}

#[test]
fn an_indent_wider_than_the_measure_leaves_two_characters() {
    // A template's 20-character indent in a 5-character (破栏) column: the first line starts
    // inside the column with room for two characters, never right of it.
    let p = para("一二三四五六七八九十一二三");
    let mut b = LineBreaker::new(&p, &settings(20.0 * EM, true, 0.0));
    let first = b.next_line(5.0 * EM).unwrap();
    assert_eq!(first.xs[0], 3.0 * EM);
    assert_eq!(first.clusters.len(), 2);
    assert!(first.width <= 5.0 * EM + 0.01);
    // Where it fits, the indent is the settings' own.
    let mut b = LineBreaker::new(&p, &settings(2.0 * EM, true, 0.0));
    assert_eq!(b.next_line(5.0 * EM).unwrap().xs[0], 2.0 * EM);
}

/// Paragraphs of Han, marks, Latin words and digits from a fixed seed: every pruned plan that
/// is accepted must be the full search's plan, ties included, and pruning must be taken.
#[test]
fn pruned_total_fit_plans_the_same_breaks_as_the_full_search() {
    let pool: Vec<char> = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可\
        主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等…，。、；：？！“”（）《》—"
        .chars()
        .collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize % n
    };
    let (mut accepted, mut compared) = (0, 0);
    for _ in 0..60 {
        let mut text = String::new();
        for _ in 0..30 + next(300) {
            match next(40) {
                0 => text.push_str(" Beijing 2023 "),
                1 => text.push_str("——"),
                2 => text.push_str("……"),
                _ => text.push(pool[next(pool.len())]),
            }
        }
        let p = para(text.trim());
        let b = LineBreaker::new(&p, &settings(2.0 * EM, true, 0.25));
        for chars in [4, 7, 12, 17, 23, 31] {
            let measure = chars as f32 * EM;
            let full = b.plan_within(0, measure, None).expect("full plan");
            assert_eq!(b.plan(0, measure), full, "{text} at {chars} em");
            accepted += (b.plan_within(0, measure, Some(totalfit::PRUNED[0]))).is_some() as u32;
            compared += 1;
        }
    }
    assert!(
        accepted > compared / 2,
        "pruning taken {accepted} of {compared}"
    );
}
