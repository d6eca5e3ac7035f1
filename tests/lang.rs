//! Traditional Chinese articles: told from their text or declared, set in the template's
//! `-hant` faces where it has them, and never silently in a mainland face.

mod common;
use baoban::display::Item;
use common::*;

const HANT: &str = "這是一段繁體中文的報導，我們希望每一行都對齊，標點符號的位置與大陸不同。\n";
const HANS: &str = "这是一段简体中文的报道，我们希望每一行都对齐。\n";

/// A page of two one-column articles, `t` (Traditional text) with `keys` and `s`
/// (Simplified), on the tabloid template with `extra_fonts` added to its `[fonts]`.
fn page(name: &str, keys: &str, extra_fonts: &str) -> baoban::Composition {
    let dir = scratch(name);
    let fonts = root().join("fonts");
    let template = std::fs::read_to_string(root().join("layouts/tabloid-6col.toml"))
        .unwrap()
        .replace("\"../fonts/", &format!("\"{}/", fonts.display()))
        .replace("[fonts]\n", &format!("[fonts]\n{extra_fonts}\n"));
    let art = format!(
        "template = \"t.toml\"\npage = 1\ndate = \"2023-05-29\"\n\n[[article]]\nid = \"t\"\nfile = \"t.txt\"\nframes = [{{ cols = [1, 1], lines = [1, 20] }}]\n{keys}\n[[article]]\nid = \"s\"\nfile = \"s.txt\"\nframes = [{{ cols = [2, 2], lines = [1, 20] }}]\n"
    );
    write_files(
        &dir,
        &[
            ("t.toml", &template),
            ("page.toml", &art),
            ("t.txt", HANT),
            ("s.txt", HANS),
        ],
    );
    baoban::compose(&dir.join("page.toml")).unwrap()
}

/// The font names the body of article `id` is set in.
fn body_fonts(c: &baoban::Composition, id: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in &c.pages[0].items {
        let Item::Line(line) = item else { continue };
        if line.tag.owner != id {
            continue;
        }
        for r in &line.runs {
            let name = c.fonts.face(r.font).name.clone();
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

#[test]
fn a_traditional_article_is_set_in_the_templates_hant_face() {
    // Baoban Kai stands in for a TC face (none is shipped: see the README).
    let kai = root().join("fonts/BaobanKai-Regular.ttf");
    let c = page(
        "hant-face",
        "",
        &format!("serif-hant = {:?}", kai.display().to_string()),
    );
    assert_eq!(body_fonts(&c, "t"), ["serif-hant"]);
    assert_eq!(
        body_fonts(&c, "s"),
        ["serif"],
        "the Simplified article keeps its face"
    );
    assert!(c.coverage().mainland_faces.is_empty());
}

#[test]
fn without_a_hant_face_the_build_says_the_punctuation_is_mainland() {
    let c = page("hant-none", "", "");
    assert_eq!(body_fonts(&c, "t"), ["serif"]);
    let w = &c.coverage().mainland_faces;
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains("t.txt") && w[0].contains("article 't'") && w[0].contains("serif-hant"),
        "{}",
        w[0]
    );
    // Declared Simplified, it is set so without a word.
    let c = page("hant-declared", "lang = \"zh-Hans\"", "");
    assert!(c.coverage().mainland_faces.is_empty());
}
