//! Fonts a newsroom adds: faces of a collection (`.ttc`, as Debian ships Noto CJK) chosen by
//! index or by PostScript name, embedded in the PDF from the right face.

mod common;
use common::*;
use std::path::Path;

/// A TrueType collection of `fonts` (each a single OpenType font): the `ttcf` header, each
/// font's table directory, then every table, 4-byte aligned, as the OpenType spec lays it out.
fn collection(fonts: &[Vec<u8>]) -> Vec<u8> {
    let be16 = |d: &[u8], at: usize| u16::from_be_bytes([d[at], d[at + 1]]) as usize;
    let be32 = |d: &[u8], at: usize| u32::from_be_bytes(d[at..at + 4].try_into().unwrap()) as usize;
    let dirs: usize = fonts.iter().map(|f| 12 + 16 * be16(f, 4)).sum();
    let mut out = b"ttcf".to_vec();
    out.extend(0x0001_0000u32.to_be_bytes());
    out.extend((fonts.len() as u32).to_be_bytes());
    let mut dir_at = 12 + 4 * fonts.len();
    let mut tables: Vec<u8> = Vec::new();
    let mut dir_bytes: Vec<u8> = Vec::new();
    for f in fonts {
        out.extend((dir_at as u32).to_be_bytes());
        let n = be16(f, 4);
        dir_bytes.extend(&f[..12]);
        for t in 0..n {
            let rec = 12 + 16 * t;
            let (offset, length) = (be32(f, rec + 8), be32(f, rec + 12));
            let at = 12 + 4 * fonts.len() + dirs + tables.len();
            dir_bytes.extend(&f[rec..rec + 8]);
            dir_bytes.extend((at as u32).to_be_bytes());
            dir_bytes.extend((length as u32).to_be_bytes());
            tables.extend(&f[offset..offset + length]);
            tables.resize(tables.len().next_multiple_of(4), 0);
        }
        dir_at += 12 + 16 * n;
    }
    out.extend(dir_bytes);
    out.extend(tables);
    out
}

/// A copy of the tabloid template in `dir` whose `[fonts]` take `serif` and `sans` as given.
fn template_with(dir: &Path, (serif, sans): (&str, &str)) -> String {
    tabloid_with(dir, |k| match k {
        "serif" => Some(serif.to_string()),
        "sans-bold" => Some(sans.to_string()),
        _ => None,
    })
}

#[test]
fn a_collection_face_loads_by_index_and_by_postscript_name_and_is_embedded() {
    let dir = scratch("ttc");
    let read = |f: &str| std::fs::read(root().join("fonts").join(f)).unwrap();
    let ttc = collection(&[
        read("NotoSansCJKsc-Bold.otf"),
        read("NotoSerifCJKsc-Bold.otf"),
    ]);
    let ttc_path = dir.join("pair.ttc");
    std::fs::write(&ttc_path, ttc).unwrap();
    let p = ttc_path.display();
    let template = template_with(
        &dir,
        (
            &format!("\"{p}#1\""),
            &format!("{{ path = \"{p}\", name = \"NotoSansCJKsc-Bold\" }}"),
        ),
    );
    let plan = format!(
        "template = {template:?}\npage = 1\ndate = \"2023-05-29\"\n\n[[article]]\nid = \"a\"\nfile = \"a.txt\"\nblock = {{ cols = [1, 3], top = 1 }}\n"
    );
    write_files(
        &dir,
        &[
            ("page.toml", &plan),
            ("a.txt", "主题: 标题\n\n正文第一段。\n"),
        ],
    );
    let c = baoban::compose(&dir.join("page.toml")).unwrap();
    let names: Vec<(&str, u32, &str)> = (c.fonts.faces())
        .map(|(_, f)| (f.name.as_str(), f.index, f.postscript_name.as_str()))
        .filter(|(n, _, _)| ["serif", "sans-bold"].contains(n))
        .collect();
    assert_eq!(
        names,
        [
            ("sans-bold", 0, "NotoSansCJKsc-Bold"),
            ("serif", 1, "NotoSerifCJKsc-Bold")
        ]
    );
    let pdf = String::from_utf8_lossy(&c.pdf().unwrap()).into_owned();
    assert!(pdf.contains("+NotoSerifCJKsc-Bold"), "the body from face 1");
    assert!(
        pdf.contains("+NotoSansCJKsc-Bold"),
        "the headline from the named face"
    );
}

#[test]
fn a_face_that_is_not_in_the_collection_is_refused_with_the_faces_it_has() {
    let dir = scratch("ttc-bad");
    let read = |f: &str| std::fs::read(root().join("fonts").join(f)).unwrap();
    std::fs::write(
        dir.join("one.ttc"),
        collection(&[read("NotoSansCJKsc-Bold.otf")]),
    )
    .unwrap();
    let p = dir.join("one.ttc").display().to_string();
    for (serif, why) in [
        (format!("\"{p}#3\""), "no face 3"),
        (
            format!("{{ path = \"{p}\", name = \"Nope\" }}"),
            "no face named 'Nope'",
        ),
    ] {
        let template = template_with(&dir, (&serif, &format!("\"{p}\"")));
        let plan = format!("template = {template:?}\npage = 1\ndate = \"2023-05-29\"\n");
        write_files(&dir, &[("page.toml", &plan)]);
        let e = baoban::compose(&dir.join("page.toml"))
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains(why) && e.contains("0: NotoSansCJKsc-Bold"),
            "{e}"
        );
    }
}

/// Rare characters of names — 䶮 (U+4DAE, Extension A: 刘䶮, the founder of Southern Han) and
/// 𠮷 (U+20BB7, Extension B) — come from the shipped 补字 fonts, in headline and body, and
/// read back as themselves (ToUnicode, a surrogate pair for 𠮷).
#[test]
fn extension_a_and_b_characters_are_set_from_the_shipped_fallback_fonts() {
    let dir = scratch("rare");
    let art = "[[article]]\nid = \"rare\"\nfile = \"a.txt\"\nblock = { cols = [1, 3], top = 1 }\n";
    write_files(
        &dir,
        &[
            ("page.toml", &plan_with(art)),
            (
                "a.txt",
                "主题: 刘䶮与𠮷野家\n\n据记载，刘䶮为南汉开国皇帝，𠮷是吉的异体字。\n",
            ),
        ],
    );
    let c = baoban::compose(&dir.join("page.toml")).unwrap();
    assert!(
        c.coverage().missing.is_empty(),
        "{:?}",
        c.coverage().missing
    );
    let dump = c.dump();
    assert!(
        dump.contains("刘䶮为南汉") && !dump.contains('〓'),
        "{dump}"
    );
    let pdf = c.pdf().unwrap();
    let text = String::from_utf8_lossy(&pdf).into_owned();
    assert!(text.contains("+BaobanHanA-Regular") && text.contains("+BaobanHanB-Regular"));
    let cmaps: String = (streams(&pdf).iter())
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .filter(|s| s.contains("beginbfchar"))
        .collect();
    assert!(cmaps.contains("<4DAE>"), "ToUnicode maps a glyph to 䶮");
    assert!(
        cmaps.contains("<D842DFB7>"),
        "ToUnicode maps a glyph to 𠮷 (UTF-16)"
    );
    // Print takes them: nothing is missing.
    assert!(c.pdf_for(baoban::pdf::Intent::PdfX1a).is_ok());
}

#[test]
fn a_font_without_the_tables_the_pipeline_reads_is_refused() {
    // The `maxp` entry of the table directory renamed: the font still opens, but a build with
    // it set every paragraph on one line at zero width and said nothing.
    let mut font = std::fs::read(root().join("fonts/NotoSerifCJKsc-Regular.otf")).unwrap();
    let tables = u16::from_be_bytes([font[4], font[5]]) as usize;
    let at = (0..tables)
        .map(|i| 12 + 16 * i)
        .find(|&o| &font[o..o + 4] == b"maxp")
        .unwrap();
    font[at..at + 4].copy_from_slice(b"maxq");
    let dir = scratch("font-no-maxp");
    let path = dir.join("broken.otf");
    std::fs::write(&path, font).unwrap();
    let mut fonts = std::collections::BTreeMap::new();
    let face = baoban::model::FaceSelector::Index(0);
    fonts.insert("serif".to_string(), baoban::model::FontFile { path, face });
    let Err(e) = baoban::font::FontBook::load(&fonts) else {
        panic!("a font without maxp was loaded");
    };
    let e = e.to_string();
    assert!(e.contains("broken.otf") && e.contains("'maxp'"), "{e}");
}

#[test]
fn a_font_truncated_under_a_session_never_crashes_and_no_pdf_is_made_from_it() {
    // `cp new.otf fonts/X.otf` truncates the font a running watch session has mapped: a read
    // of the map past the new end was a SIGBUS that killed the process (issue 16 item 1).
    let dir = scratch("font-truncated");
    let serif = dir.join("serif.otf");
    std::fs::copy(root().join("fonts/NotoSerifCJKsc-Regular.otf"), &serif).unwrap();
    let quoted = |p: &Path| format!("{:?}", p.display().to_string());
    let sans = root().join("fonts/NotoSansCJKsc-Bold.otf");
    let template = template_with(&dir, (&quoted(&serif), &quoted(&sans)));
    let plan = format!(
        "template = {template:?}\npage = 1\ndate = \"2023-05-29\"\n\n[[article]]\nid = \"a\"\nfile = \"a.txt\"\nblock = {{ cols = [1, 3], top = 1 }}\n"
    );
    write_files(
        &dir,
        &[
            ("page.toml", &plan),
            ("a.txt", "主题: 标题\n\n正文第一段，字体被截断。\n"),
        ],
    );
    let mut session = baoban::Session::default();
    let plan = dir.join("page.toml");
    let first = session.compose(&plan).unwrap();
    assert!(first.pdf().is_ok());
    // Composed from the mapped font, then the font is cut: writing the PDF reads the map past
    // its new end.
    let second = session.compose(&plan).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&serif)
        .unwrap()
        .set_len(4096)
        .unwrap();
    let e = second
        .pdf()
        .expect_err("a PDF was made from a truncated font")
        .to_string();
    assert!(
        e.contains("serif.otf") && e.contains("changed while this build read it"),
        "{e}"
    );
    // The session's next build sees the file changed and loads it again: cut short, named.
    let e = session
        .compose(&plan)
        .expect_err("composed from a cut font")
        .to_string();
    assert!(e.contains("serif.otf") && e.contains("cut short"), "{e}");
    // Saved whole again, the same session builds (a server's sessions are never reset).
    std::fs::copy(root().join("fonts/NotoSerifCJKsc-Regular.otf"), &serif).unwrap();
    assert!(session.compose(&plan).and_then(|c| c.pdf()).is_ok());
}
