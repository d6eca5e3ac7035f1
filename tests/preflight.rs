//! `baoban check`: passes on our print files, and fails, naming the problem, on files made
//! wrong on purpose (a proof, RGB text, rich black, knocked-out black, no TrimBox, a font not
//! embedded, an RGB low-resolution image).

mod common;
use baoban::pdf::Intent;
use baoban::preflight::{CheckLimits, Report, Severity, check};
use common::root;
use lopdf::{Dictionary, Document, Object, Stream};
use std::path::Path;

fn print_pdf(example: &str) -> Vec<u8> {
    let plan = root().join("examples").join(example).join("page.toml");
    baoban::compose(&plan)
        .unwrap()
        .pdf_for(Intent::PdfX1a)
        .unwrap()
}

fn preflight(pdf: &[u8]) -> Report {
    check(Path::new("t.pdf"), pdf, CheckLimits::default()).unwrap()
}

fn messages(r: &Report, sev: Severity) -> Vec<String> {
    r.findings
        .iter()
        .filter(|f| f.severity == sev)
        .map(|f| f.message.clone())
        .collect()
}

fn assert_error(r: &Report, needle: &str) {
    let errors = messages(r, Severity::Error);
    assert!(!r.passed(), "the check passed:\n{r}");
    assert!(
        errors.iter().any(|e| e.contains(needle)),
        "no error containing {needle:?}:\n{r}"
    );
}

/// Loads `pdf`, lets `f` change it, and saves it again.
fn mutate(pdf: &[u8], f: impl FnOnce(&mut Document)) -> Vec<u8> {
    let mut doc = Document::load_mem(pdf).unwrap();
    f(&mut doc);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// Replaces `from` by `to` in every page's content stream (which must contain it).
fn edit_content(pdf: &[u8], from: &str, to: &str) -> Vec<u8> {
    mutate(pdf, |doc| {
        let pages: Vec<_> = doc.get_pages().values().copied().collect();
        for page in pages {
            for id in doc.get_page_contents(page) {
                let Ok(Object::Stream(s)) = doc.get_object_mut(id) else {
                    panic!("content is not a stream")
                };
                let text = String::from_utf8(s.decompressed_content().unwrap()).unwrap();
                assert!(text.contains(from), "content has no {from:?}");
                s.dict.remove(b"Filter");
                s.set_content(text.replace(from, to).into_bytes());
            }
        }
    })
}

#[test]
fn print_files_of_every_example_pass() {
    for ex in ["jingzhou", "typography"] {
        let r = preflight(&print_pdf(ex));
        assert!(r.passed(), "{ex}:\n{r}");
        assert_eq!(r.warnings(), 0, "{ex}:\n{r}");
        assert_eq!(r.standard.as_deref(), Some("PDF/X-1:2003"));
        assert_eq!(r.pages, 1);
    }
}

#[test]
fn a_proof_is_not_pdfx() {
    let plan = root().join("examples/jingzhou/page.toml");
    let proof = baoban::compose(&plan).unwrap().pdf().unwrap();
    let r = preflight(&proof);
    assert_error(&r, "not PDF/X");
    assert_error(&r, "no output intent");
    assert!(r.to_string().ends_with("FAIL\n"), "{r}");
}

#[test]
fn rgb_text_fails() {
    let pdf = edit_content(&print_pdf("typography"), "0 0 0 1 k", "0 0 0 rg");
    let r = preflight(&pdf);
    assert_error(&r, "RGB text");
    assert_error(&r, "RGB colour (rg)");
}

#[test]
fn rich_black_text_over_the_ink_limit_fails() {
    let pdf = edit_content(&print_pdf("typography"), "0 0 0 1 k", "0.6 0.6 0.6 1 k");
    let r = preflight(&pdf);
    assert_error(&r, "rich black text");
    assert_error(&r, "280 % total ink, over the limit of 240 %");
}

#[test]
fn knocked_out_black_text_fails() {
    let pdf = edit_content(&print_pdf("typography"), "/GS0 gs", "/GS1 gs");
    assert_error(&preflight(&pdf), "black text knocks out");
}

#[test]
fn a_page_without_trimbox_fails() {
    let pdf = mutate(&print_pdf("typography"), |doc| {
        let page = *doc.get_pages().values().next().unwrap();
        doc.get_dictionary_mut(page).unwrap().remove(b"TrimBox");
    });
    let r = preflight(&pdf);
    assert_error(&r, "no TrimBox");
    assert_eq!(r.findings[0].page, Some(1), "{r}");
}

#[test]
fn a_font_not_embedded_fails_with_its_name() {
    let pdf = mutate(&print_pdf("typography"), |doc| {
        for obj in doc.objects.values_mut() {
            if let Object::Dictionary(d) = obj
                && d.has(b"FontName")
            {
                d.remove(b"FontFile3");
                d.remove(b"FontFile2");
            }
        }
    });
    let r = preflight(&pdf);
    assert_error(&r, "is not embedded");
    let named = messages(&r, Severity::Error)
        .iter()
        .any(|m| m.contains("font ") && m.contains('+'));
    assert!(named, "the subset font's name is given:\n{r}");
}

/// The print PDF with an uncompressed image of `space` drawn 2 × 1 inches at the page's foot.
fn with_image(space: &[u8], (w, h): (i64, i64), samples: Vec<u8>) -> Vec<u8> {
    mutate(&print_pdf("typography"), |doc| {
        let mut d = Dictionary::new();
        d.set("Type", Object::Name(b"XObject".to_vec()));
        d.set("Subtype", Object::Name(b"Image".to_vec()));
        d.set("Width", w);
        d.set("Height", h);
        d.set("ColorSpace", Object::Name(space.to_vec()));
        d.set("BitsPerComponent", 8);
        let image = doc.add_object(Stream::new(d, samples));
        let page = *doc.get_pages().values().next().unwrap();
        let res = doc
            .get_dictionary(page)
            .unwrap()
            .get(b"Resources")
            .unwrap()
            .clone();
        let res = match res {
            Object::Reference(id) => doc.get_dictionary_mut(id).unwrap(),
            _ => doc
                .get_dictionary_mut(page)
                .unwrap()
                .get_mut(b"Resources")
                .unwrap()
                .as_dict_mut()
                .unwrap(),
        };
        let mut xo = Dictionary::new();
        xo.set("Im0", Object::Reference(image));
        res.set("XObject", xo);
        doc.add_page_contents(page, b"q 144 0 0 72 10 10 cm /Im0 Do Q".to_vec())
            .unwrap();
    })
}

#[test]
fn a_low_resolution_rgb_image_is_reported() {
    // 100 px over 2 inches: 50 ppi.
    let r = preflight(&with_image(
        b"DeviceRGB",
        (100, 50),
        vec![128; 100 * 50 * 3],
    ));
    assert_error(&r, "RGB image");
    let warnings = messages(&r, Severity::Warning);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("100×50 px is placed at 50 ppi")),
        "{r}"
    );
}

#[test]
fn a_cmyk_image_over_the_ink_limit_is_reported() {
    // 400 × 200 px at 200 ppi; one pixel of 100 % in all four inks.
    let mut px = vec![0u8; 400 * 200 * 4];
    px[..4].copy_from_slice(&[255, 255, 255, 255]);
    let r = preflight(&with_image(b"DeviceCMYK", (400, 200), px));
    let warnings = messages(&r, Severity::Warning);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("image reaches 400 % total ink, over the limit of 240 %")),
        "{r}"
    );
    assert!(!warnings.iter().any(|w| w.contains("ppi")), "{r}");
    assert!(r.passed(), "ink in a photo is reported, not a failure: {r}");
}

#[test]
fn the_cli_exits_non_zero_and_names_the_file_and_problem() {
    let dir = common::scratch("preflight-cli");
    let plan = root().join("examples/typography/page.toml");
    let proof = baoban::compose(&plan).unwrap().pdf().unwrap();
    let path = dir.join("proof.pdf");
    std::fs::write(&path, proof).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_baoban"))
        .args(["check", path.to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("proof.pdf: error: document: not PDF/X"),
        "{stdout}"
    );
    std::fs::write(&path, b"not a pdf").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_baoban"))
        .args(["check", path.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "an unreadable input is an input error"
    );
    assert!(stderr.contains("cannot be read as a PDF"), "{stderr}");
}

#[test]
fn a_decompression_bomb_is_a_finding_not_an_abort() {
    // The page content replaced by 8 MB of spaces deflated to a few kilobytes; the limits
    // scaled down so the test stays small (the defaults are 256 MB a stream, 1 GB a file).
    let bomb = miniz_oxide::deflate::compress_to_vec_zlib(&vec![b' '; 8 << 20], 6);
    assert!(bomb.len() < 64 << 10);
    let pdf = mutate(&print_pdf("jingzhou"), |doc| {
        let page = *doc.get_pages().values().next().unwrap();
        let id = doc.get_page_contents(page)[0];
        let mut dict = Dictionary::new();
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        *doc.get_object_mut(id).unwrap() = Object::Stream(Stream::new(dict, bomb));
    });
    let small = CheckLimits {
        stream_bytes: 1 << 20,
        total_bytes: 4 << 20,
        ..CheckLimits::default()
    };
    let r = check(Path::new("t.pdf"), &pdf, small).unwrap();
    assert_error(&r, "inflates past 1.0 MB (a decompression bomb?)");
    // Within the limits the same page is read (and is only spaces).
    let r = preflight(&pdf);
    assert!(
        !messages(&r, Severity::Error)
            .iter()
            .any(|m| m.contains("bomb")),
        "{r}"
    );
}
