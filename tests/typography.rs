//! The typography stress example: one article with Latin words, numbers and units, a URL,
//! ——, ……, nested quotes, 《》, （）, ·, and traditional Chinese, set at 8, 13 and 20 characters.

mod common;
use baoban::display::LineKind;
use common::root;

#[test]
fn stress_article_sets_cleanly_at_three_measures() {
    let c = baoban::compose(&root().join("examples/typography/page.toml")).unwrap();
    assert!(c.overset().next().is_none());
    let body: Vec<_> = c.pages[0]
        .lines()
        .filter(|r| r.kind == LineKind::Body)
        .collect();
    for id in ["w8", "w13", "w20"] {
        let lines: Vec<&str> = body
            .iter()
            .filter(|r| r.owner == id)
            .map(|r| r.text.as_str())
            .collect();
        assert!(lines.len() > 10, "{id}");
        for (a, b) in lines.iter().zip(lines.iter().skip(1)) {
            assert!(
                !b.starts_with([
                    '，', '。', '、', '；', '：', '）', '》', '”', '’', '」', '·'
                ]),
                "{id}: line starts with a mark: {b}"
            );
            assert!(
                !a.ends_with(['（', '《', '“', '‘', '「']),
                "{id}: line ends with an opening mark: {a}"
            );
            assert!(
                !(a.ends_with('—') && b.starts_with('—')),
                "{id}: —— split: {a} | {b}"
            );
            assert!(
                !(a.ends_with('…') && b.starts_with('…')),
                "{id}: …… split: {a} | {b}"
            );
        }
        let text: String = lines.concat();
        for must in [
            "2023年5月27日",
            "5.2%",
            "¥100",
            "——",
            "……",
            "列夫·托尔斯泰",
            "「這是一段繁體中文",
        ] {
            assert!(
                text.replace(' ', "").contains(must),
                "{id}: {must} missing or split oddly"
            );
        }
    }
}
