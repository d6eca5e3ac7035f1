//! Proofs: marks in an optional-content layer; an overset article gets a red ⊕ with its lines
//! over, an underset one its empty lines shaded; print files are untouched by the marks.

mod common;
use baoban::display::Item;
use baoban::pdf::Intent;
use common::*;

fn overset_plan(name: &str) -> std::path::PathBuf {
    // Two lines (28 characters) over.
    long_and_short(name, 68 + 28)
}

/// `plan` composed with its proof layers.
fn with_marks(plan: &std::path::Path) -> baoban::Composition {
    let options = baoban::BuildOptions::default().with_proof_marks(true);
    baoban::Session::default()
        .compose_with(plan, &options)
        .unwrap()
}

fn overlay_texts(c: &baoban::Composition) -> Vec<(String, baoban::model::Cmyk)> {
    c.pages[0]
        .proof_layer()
        .unwrap()
        .iter()
        .filter_map(|i| match i {
            Item::Text(r) => Some((r.text.clone(), r.color)),
            _ => None,
        })
        .collect()
}

#[test]
fn proof_marks_number_frames_and_flag_overset_and_underset() {
    let plan = overset_plan("proof-marks");
    let plain = baoban::compose(&plan).unwrap();
    assert!(
        plain.pages[0].proof_layer().is_none(),
        "no marks unless asked"
    );
    let c = with_marks(&plan);
    let texts = overlay_texts(&c);
    let red = baoban::model::Cmyk([0.0, 1.0, 1.0, 0.0]);
    assert!(texts.contains(&("⊕2".to_string(), red)), "{texts:?}");
    assert!(texts.iter().any(|(t, _)| t == "1 long") && texts.iter().any(|(t, _)| t == "1 short"));
    assert!(
        texts
            .iter()
            .any(|(t, c)| t.starts_with("校样 2023-05-29") && *c == red)
    );
    // The short article's 4 empty lines are shaded: one filled rectangle 4 lines high; the
    // cells the small plan leaves uncovered are its holes, shaded in their own colour.
    let shades = |color: baoban::model::Cmyk| -> Vec<[f32; 4]> {
        (c.pages[0].proof_layer().unwrap().iter())
            .filter_map(|i| match i {
                Item::Rect {
                    rect,
                    fill: Some(f),
                    ..
                } if *f == color => Some(*rect),
                _ => None,
            })
            .collect()
    };
    let underset = shades(baoban::model::Cmyk([0.0, 0.0, 0.35, 0.0]));
    assert_eq!(underset.len(), 1);
    assert!((underset[0][3] - 4.0 * 10.5).abs() < 0.01, "{underset:?}");
    let uncovered = c.holes().iter().filter(|h| h.uncovered()).count();
    assert!(uncovered > 0);
    assert_eq!(
        shades(baoban::model::Cmyk([0.0, 0.45, 0.25, 0.0])).len(),
        uncovered
    );
}

#[test]
fn marks_are_an_optional_layer_in_proofs_and_absent_from_print() {
    let plan = root().join("examples/edition-2p/edition.toml");
    let plain = baoban::compose(&plan).unwrap();
    let marked = with_marks(&plan);
    let proof = String::from_utf8_lossy(&marked.pdf().unwrap()).into_owned();
    assert!(proof.contains("/OCProperties") && proof.contains("/Type /OCG"));
    // Without marks a proof has no layer, unless a frame is left empty on purpose (its
    // placeholder is a proof mark: edition-2p has such frames, the broadsheet none).
    assert!(String::from_utf8_lossy(&plain.pdf().unwrap()).contains("/OCG"));
    let bare = baoban::compose(&root().join("examples/broadsheet/page.toml")).unwrap();
    assert!(!String::from_utf8_lossy(&bare.pdf().unwrap()).contains("/OCG"));
    assert_eq!(
        marked.pdf_for(Intent::PdfX1a).unwrap(),
        plain.pdf_for(Intent::PdfX1a).unwrap(),
        "print output is byte-identical with or without proof marks"
    );
}

#[test]
fn the_proof_command_writes_a_marked_pdf() {
    let plan = overset_plan("proof-cli");
    let out = plan.with_file_name("proof.pdf");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_baoban"))
        .args(["proof", plan.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = std::fs::read(&out).unwrap();
    assert!(String::from_utf8_lossy(&pdf).contains("/OCProperties"));
}
