//! Structure inside an article: cross-heads kept with the lines after them, the end byline
//! flush right, the 编者按 in 楷体, emphasis in 黑体 — and no Markdown mark set literally.

mod common;
use baoban::display::Item;
use common::*;

/// The font name and text of every glyph run of page 1.
fn runs(c: &baoban::Composition) -> Vec<(String, String, f32, f32)> {
    let mut out = Vec::new();
    for item in &c.pages[0].items {
        let Item::Line(line) = item else { continue };
        for r in &line.runs {
            let name = c.fonts.face(r.font).name.clone();
            let x0 = r.glyphs.first().map_or(0.0, |g| g.x);
            let x1 = r.glyphs.last().map_or(0.0, |g| g.x + g.advance);
            out.push((name, r.text.clone(), x0, x1));
        }
    }
    out
}

const TEXT: &str = "编者按：近日，本报记者走进田间地头。\n\n本报讯 5月27日，会议召开，**强调要抓好落实**。\n## 不忘初心\n第一段正文第一段正文第一段正文第一段正文第一段正文第一段正文。\n\n（记者 张三）\n";

#[test]
fn cross_heads_bylines_notes_and_emphasis_are_set_in_their_styles() {
    let dir = scratch("structure");
    let art = "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nframes = [{ cols = [1, 1], lines = [1, 30] }]\n";
    write_files(&dir, &[("page.toml", &plan_with(art)), ("a.txt", TEXT)]);
    let c = baoban::compose(&dir.join("page.toml")).unwrap();
    let runs = runs(&c);
    let font_of = |needle: &str| {
        (runs.iter().find(|r| r.1.contains(needle)))
            .unwrap_or_else(|| panic!("{needle} not set: {runs:?}"))
            .0
            .clone()
    };
    assert_eq!(font_of("不忘初心"), "sans-bold", "the cross-head in 黑体");
    assert_eq!(font_of("强调要抓好落实"), "sans-bold", "emphasis in 黑体");
    assert_eq!(font_of("近日"), "kai", "the editor's note in 楷体");
    assert_eq!(font_of("5月27日"), "serif");
    // The dateline opens the first paragraph after the note.
    assert_eq!(font_of("本报讯"), "kai");
    // The byline ends at the column's right edge, as the justified lines do.
    let dump = c.dump();
    let end = |l: &str| {
        l.split(" x=")
            .nth(1)
            .and_then(|x| x.split(' ').next())
            .map(|x| x.split('-').nth(1).unwrap().to_string())
    };
    let byline = dump.lines().find(|l| l.contains("（记者 张三）")).unwrap();
    let body = dump
        .lines()
        .find(|l| l.contains("第一段正文第一段正文第一"))
        .unwrap();
    assert_eq!(end(byline), end(body), "{byline}\n{body}");
    assert!(byline.contains("x=9"), "{byline}");
    // No mark of the markup is set.
    let all: String = runs.iter().map(|r| r.1.as_str()).collect();
    assert!(!all.contains('#') && !all.contains("**"), "{all}");
}

#[test]
fn a_cross_head_never_ends_a_frame() {
    // Two frames; the text before the cross-head ends on the first frame's last line but
    // two. Set there, the cross-head would leave one body line under it in that frame: it
    // goes to the head of the next frame with the lines after it.
    let dir = scratch("structure-keep");
    let art = "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nframes = [{ cols = [1, 1], lines = [1, 6] }, { cols = [2, 2], lines = [1, 10] }]\n";
    let before = "国".repeat(12 * 5 - 2 - 4);
    let text = format!("{before}\n\n## 小标题在此\n\n{}\n", "家".repeat(60));
    write_files(&dir, &[("page.toml", &plan_with(art)), ("a.txt", &text)]);
    let c = baoban::compose(&dir.join("page.toml")).unwrap();
    let dump = c.dump();
    let head = dump
        .lines()
        .find(|l| l.contains("小标题在此"))
        .expect("cross-head set");
    assert!(head.contains(" body 2:1 "), "{head}\n{dump}");
    // Without the mark the same text is set on, as running text would be.
    let plain = text.replace("## ", "");
    write_files(&dir, &[("a.txt", &plain)]);
    let c = baoban::compose(&dir.join("page.toml")).unwrap();
    let dump = c.dump();
    let line = dump.lines().find(|l| l.contains("小标题在此")).unwrap();
    assert!(line.contains(" body 1:"), "{line}");
}

/// A story of one long paragraph whose last line (12 characters, nothing to compress) falls
/// at the head of the second frame, and a short one after it; the second frame `lines` tall.
fn widow_page(name: &str, lines: u32, after: &str) -> baoban::Composition {
    let dir = scratch(name);
    let art = format!(
        "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nframes = [{{ cols = [1, 1], lines = [1, 5] }}, {{ cols = [2, 2], lines = [1, {lines}] }}]\n"
    );
    // 12 + 4 × 14 = 68 characters fill the first frame; 12 more make the sixth line.
    let text = format!("{}\n\n{after}\n", "国".repeat(68 + 12));
    write_files(&dir, &[("page.toml", &plan_with(&art)), ("a.txt", &text)]);
    baoban::compose(&dir.join("page.toml")).unwrap()
}

#[test]
fn a_widow_takes_a_line_more_when_the_chain_has_one() {
    let c = widow_page("widow-cured", 10, "结束。");
    let fit = c.fit_report().articles.remove(0);
    assert_eq!((fit.widows, fit.overset_lines), (0, 0), "{fit:?}");
    let dump = c.dump();
    // The paragraph's last two lines head the second frame; the dump says why.
    let second: Vec<&str> = dump.lines().filter(|l| l.contains(" body 2:")).collect();
    assert!(second.len() >= 3 && second[1].contains("国"), "{dump}");
    assert!(
        dump.contains("孤行 cured: paragraph 1 a line looser"),
        "{dump}"
    );
    // With no line to spare the widow stays, and the dump says so.
    let full = "家".repeat(12 + 14 * 8);
    let c = widow_page("widow-left", 10, &full);
    let fit = c.fit_report().articles.remove(0);
    assert_eq!(
        (fit.widows, fit.underset_lines, fit.overset_lines),
        (1, 0, 0),
        "{fit:?}"
    );
    assert!(c.dump().contains("left: 孤字 0 孤行 1"));
}
