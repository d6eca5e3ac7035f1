//! Photos: JPEG passed through, PNG decoded (alpha flattened), placed to fill or fit their
//! frame, RGB and missing photos kept out of print files, bad files named.

mod common;
use baoban::display::Item;
use baoban::pdf::Intent;
use common::*;
use std::path::Path;

/// A plan with one photo frame (cols 1–2, lines 1–20) showing `image` with `extra` keys.
fn plan(dir: &Path, image: &str, extra: &str) -> std::path::PathBuf {
    let photo = format!(
        "[[photo]]\nid = \"p\"\nimage = {image:?}\nframe = {{ cols = [1, 2], lines = [1, 20] }}\n{extra}"
    );
    write_files(dir, &[("page.toml", &plan_with(&photo))]);
    dir.join("page.toml")
}

/// Writes a `w`×`h` PNG of `color` with the given samples.
fn png(path: &Path, (w, h): (u32, u32), color: png::ColorType, samples: &[u8]) {
    let f = std::fs::File::create(path).unwrap();
    let mut enc = png::Encoder::new(f, w, h);
    enc.set_color(color);
    enc.set_depth(png::BitDepth::Eight);
    enc.write_header()
        .unwrap()
        .write_image_data(samples)
        .unwrap();
}

fn images(c: &baoban::Composition) -> Vec<([f32; 4], [f32; 4])> {
    c.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Image { rect, clip, .. } => Some((*rect, *clip)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_grey_png_fills_its_frame_and_passes_the_preflight() {
    let dir = scratch("photo-png");
    // 400 × 100 px, twice as wide as the frame is: fill crops the sides.
    png(
        &dir.join("p.png"),
        (400, 100),
        png::ColorType::Grayscale,
        &[128; 40_000],
    );
    let c = baoban::compose(&plan(&dir, "p.png", "")).unwrap();
    let [(rect, clip)] = images(&c)[..] else {
        panic!("one image placed")
    };
    assert!((rect[3] - clip[3]).abs() < 0.01, "as high as the frame");
    assert!(
        rect[0] < clip[0] && rect[0] + rect[2] > clip[0] + clip[2],
        "wider, cropped"
    );
    let pdf = c.pdf_for(Intent::PdfX1a).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("/Subtype /Image") && text.contains("/ColorSpace /DeviceGray"));
    let r = baoban::preflight::check(Path::new("t"), &pdf, Default::default()).unwrap();
    assert!(r.passed(), "{r}");
    // fit shows the whole photo instead: as wide as the frame, centred vertically.
    let c = baoban::compose(&plan(&dir, "p.png", "fit = \"fit\"\n")).unwrap();
    let [(rect, clip)] = images(&c)[..] else {
        panic!("one image placed")
    };
    assert!((rect[2] - clip[2]).abs() < 0.01 && rect[3] < clip[3]);
}

#[test]
fn a_jpeg_is_embedded_byte_for_byte() {
    let jpeg = root().join("examples/edition-2p/gucheng.jpg");
    let dir = scratch("photo-jpeg");
    let c = baoban::compose(&plan(&dir, &jpeg.display().to_string(), "")).unwrap();
    let pdf = c.pdf().unwrap();
    let bytes = std::fs::read(&jpeg).unwrap();
    assert!(
        pdf.windows(bytes.len()).any(|w| w == bytes),
        "JPEG passed through"
    );
    assert!(String::from_utf8_lossy(&pdf).contains("/Filter /DCTDecode"));
}

#[test]
fn rgb_photos_are_for_proofs_only() {
    let dir = scratch("photo-rgb");
    // RGBA: half-transparent red, flattened onto white.
    png(
        &dir.join("p.png"),
        (2, 1),
        png::ColorType::Rgba,
        &[255, 0, 0, 128, 0, 0, 0, 0],
    );
    let c = baoban::compose(&plan(&dir, "p.png", "")).unwrap();
    let img = c.pages[0]
        .items
        .iter()
        .find_map(|i| match i {
            Item::Image { image, .. } => Some(image.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(
        img.data,
        baoban::model::ImageData::Pixels(vec![255, 127, 127, 255, 255, 255])
    );
    assert!(c.pdf().is_ok(), "a proof may show it");
    let e = c.pdf_for(Intent::PdfX1a).unwrap_err().to_string();
    assert!(e.contains("p.png") && e.contains("RGB photo"), "{e}");
}

#[test]
fn a_missing_photo_is_a_placeholder_in_proofs_and_an_error_for_print() {
    let dir = scratch("photo-missing");
    let path = plan(&dir, "gone.jpg", "");
    let c = baoban::compose(&path).unwrap();
    assert!(images(&c).is_empty());
    assert!(
        c.pages[0]
            .items
            .iter()
            .any(|i| matches!(i, Item::Rect { .. })),
        "placeholder"
    );
    assert_eq!(c.missing_photos().len(), 1);
    assert!(c.missing_photos()[0].contains("gone.jpg"));
    let e = c.pdf_for(Intent::PdfX1a).unwrap_err().to_string();
    assert!(
        e.contains("gone.jpg") && e.contains("print output needs every photo"),
        "{e}"
    );
    let out = build_cli(&dir, &["--strict"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("missing: page 1: photo 'p'"),
        "{err}"
    );
    assert!(!dir.join("x.pdf").exists());
    let out = build_cli(&dir, &[]);
    assert!(out.status.success(), "a proof is still written");
}

#[test]
fn a_file_that_is_no_photo_is_named() {
    let dir = scratch("photo-bad");
    write_files(&dir, &[("p.png", "not an image")]);
    let e = baoban::compose(&plan(&dir, "p.png", ""))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("p.png") && e.contains("neither a JPEG nor a PNG"),
        "{e}"
    );
}

#[test]
fn a_truncated_jpeg_is_refused_not_embedded() {
    let dir = scratch("photo-truncated");
    let whole = std::fs::read(root().join("examples/edition-2p/gucheng.jpg")).unwrap();
    std::fs::write(dir.join("cut.jpg"), &whole[..whole.len() * 2 / 3]).unwrap();
    let e = baoban::compose(&plan(&dir, "cut.jpg", ""))
        .unwrap_err()
        .to_string();
    assert!(e.contains("cut.jpg") && e.contains("cut short"), "{e}");
}

/// A plan with one photo frame without an image, `extra` keys on it.
fn imageless(name: &str, extra: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    let photo =
        format!("[[photo]]\nid = \"p\"\nframe = {{ cols = [1, 2], lines = [1, 20] }}\n{extra}");
    write_files(&dir, &[("page.toml", &plan_with(&photo))]);
    dir.join("page.toml")
}

/// The placeholder's cross: rules of 0.25 pt, outside or inside the proof layer.
fn crosses(items: &[Item]) -> (usize, usize) {
    let cross = |i: &Item| matches!(i, Item::Rule { width, .. } if (*width - 0.25).abs() < 1e-3);
    let outside = items.iter().filter(|i| cross(i)).count();
    let inside = (items.iter())
        .filter_map(|i| match i {
            Item::Proof(p) => Some(p.iter().filter(|i| cross(i)).count()),
            _ => None,
        })
        .sum();
    (outside, inside)
}

#[test]
fn a_photo_without_an_image_is_refused_for_print_unless_the_plan_leaves_it_empty() {
    // The plate must never carry the placeholder cross (issue 16 item 11).
    let c = baoban::compose(&imageless("photo-none", "")).unwrap();
    assert_eq!(
        crosses(&c.pages[0].items),
        (2, 0),
        "a proof shows the placeholder"
    );
    assert!(c.pdf().is_ok());
    let e = c
        .pdf_for(Intent::PdfX1a)
        .expect_err("a placeholder went to print");
    let d = &e.diagnostics()[0];
    assert_eq!(
        d.at.as_ref().map(|a| a.line),
        Some(5),
        "at the photo: {d:?}"
    );
    assert!(d.message.contains("photo 'p' has no image"), "{d:?}");
    assert!(
        d.hint.as_deref().unwrap_or("").contains("empty = true"),
        "{d:?}"
    );

    let c = baoban::compose(&imageless("photo-empty", "empty = true\n")).unwrap();
    assert_eq!(
        crosses(&c.pages[0].items),
        (0, 2),
        "the placeholder is a proof mark"
    );
    let print = c.pdf_for(Intent::PdfX1a).unwrap();
    let drawn: Vec<u8> = streams(&print).concat();
    assert!(find(&drawn, b"0.25 w").is_none(), "no cross on the plate");
}

#[test]
fn a_photo_with_an_image_and_empty_is_refused() {
    let dir = scratch("photo-image-empty");
    let e = baoban::compose(&plan(&dir, "a.jpg", "empty = true\n")).expect_err("both");
    assert!(
        e.to_string().contains("has an image and empty = true"),
        "{e}"
    );
}
