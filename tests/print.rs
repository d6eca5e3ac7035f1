//! Print output (PDF/X-1a:2003 keys and output intent) and article threads.

mod common;
use baoban::pdf::Intent;
use common::root;

fn example() -> baoban::Composition {
    baoban::compose(&root().join("examples/jingzhou/page.toml")).unwrap()
}

#[test]
fn print_pdf_has_the_pdfx_keys_and_a_newsprint_output_intent() {
    let pdf = example().pdf_for(Intent::PdfX1a).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(pdf.starts_with(b"%PDF-1.4"));
    for key in [
        "/S /GTS_PDFX",
        "/OutputConditionIdentifier (IFRA26)",
        "/RegistryName (http://www.color.org)",
        "/GTS_PDFXVersion (PDF/X-1:2003)",
        "/GTS_PDFXConformance (PDF/X-1a:2003)",
        "/Trapped /False",
        "/TrimBox",
        "/BleedBox",
        "/ID [",
    ] {
        assert!(text.contains(key), "print PDF lacks {key}");
    }
    assert_eq!(
        text.matches("/Type /OutputIntent").count() + text.matches("/S /GTS_PDFX").count(),
        2,
        "exactly one output intent"
    );
}

#[test]
fn proof_pdf_has_no_output_intent() {
    let text = String::from_utf8_lossy(&example().pdf().unwrap()).into_owned();
    assert!(!text.contains("GTS_PDFX"));
    assert!(text.contains("/Trapped /False"));
}

#[test]
fn every_article_is_a_thread_with_a_bead_per_frame() {
    let c = example();
    for pdf in [c.pdf().unwrap(), c.pdf_for(Intent::PdfX1a).unwrap()] {
        let text = String::from_utf8_lossy(&pdf);
        assert_eq!(
            text.matches("/Type /Thread").count(),
            c.job.plan.articles.len()
        );
        let frames: usize = c.job.plan.articles.iter().map(|a| a.frames.len()).sum();
        assert_eq!(text.matches("/Type /Bead").count(), frames);
        for a in &c.job.plan.articles {
            assert!(
                text.contains(&format!("/Title ({})", a.id)),
                "no thread for {}",
                a.id
            );
        }
    }
}
