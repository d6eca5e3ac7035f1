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
            c.job.pages[0].plan.articles.len()
        );
        let frames: usize = c.job.pages[0]
            .plan
            .articles
            .iter()
            .map(|a| a.frames.len())
            .sum();
        assert_eq!(text.matches("/Type /Bead").count(), frames);
        for a in &c.job.pages[0].plan.articles {
            assert!(
                text.contains(&format!("/Title ({})", a.id)),
                "no thread for {}",
                a.id
            );
        }
    }
}

/// A copy of the tabloid template in `dir` with `extra` appended (fonts still found), and a
/// plan using it for the jingzhou example's slogan box and one article.
fn plan_with_print(dir: &std::path::Path, extra: &str, style_fill: Option<&str>) {
    let fonts = root().join("fonts");
    let mut t = std::fs::read_to_string(root().join("layouts/tabloid-6col.toml"))
        .unwrap()
        .replace("../fonts/", &format!("{}/", fonts.display()));
    if let Some(fill) = style_fill {
        t = t.replace(
            "[styles.\"标语\"]\n",
            &format!("[styles.\"标语\"]\nfill = \"{fill}\"\n"),
        );
    }
    t.push_str(extra);
    std::fs::write(dir.join("t.toml"), t).unwrap();
    let ex = root().join("examples/jingzhou");
    std::fs::write(
        dir.join("page.toml"),
        format!(
            "template = \"t.toml\"\npage = 2\ndate = \"2023-05-29\"\n\n\
             [[article]]\nid = \"zhuma\"\nfile = {:?}\nheadline = {{ cols = [1, 2], lines = [1, 5] }}\n\
             frames = [{{ cols = [1, 1], lines = [6, 60] }}, {{ cols = [2, 2], lines = [6, 60] }}]\n\n\
             [[box]]\nid = \"slogan\"\ntext = \"培育和践行社会主义核心价值观\"\nstyle = \"标语\"\n\
             frame = {{ cols = [3, 3], lines = [28, 33] }}\n",
            ex.join("zhuma.txt").display().to_string()
        ),
    )
    .unwrap();
}

/// A header-only ICC profile of `class` and colour `space` (enough for the header check).
fn icc(class: &[u8; 4], space: &[u8; 4]) -> Vec<u8> {
    let mut v = vec![0u8; 132];
    v[0..4].copy_from_slice(&132u32.to_be_bytes());
    v[8] = 2;
    v[12..16].copy_from_slice(class);
    v[16..20].copy_from_slice(space);
    v[20..24].copy_from_slice(b"Lab ");
    v[36..40].copy_from_slice(b"acsp");
    v
}

fn cli(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_baoban"));
    c.args(args).env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

#[test]
fn pdfx4_has_xmp_and_the_embedded_profile_and_passes_the_preflight() {
    let dir = common::scratch("pdfx4");
    std::fs::write(dir.join("news.icc"), icc(b"prtr", b"CMYK")).unwrap();
    plan_with_print(&dir, "\n[print]\noutput_profile = \"news.icc\"\n", None);
    let (plan, out) = (dir.join("page.toml"), dir.join("x4.pdf"));
    let o = cli(
        &[
            "build",
            plan.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--pdfx",
            "4",
        ],
        &[],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = std::fs::read(&out).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(pdf.starts_with(b"%PDF-1.6"));
    for key in [
        "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>",
        "<xmp:CreateDate>2023-05-29T00:00:00Z</xmp:CreateDate>",
        "/Type /Metadata",
        "/DestOutputProfile",
        "/GTS_PDFXVersion (PDF/X-4)",
    ] {
        assert!(text.contains(key), "PDF/X-4 file lacks {key}");
    }
    let o = cli(&["check", out.to_str().unwrap()], &[]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success() && stdout.contains("PDF/X-4: 1 page(s), 0 error(s)"),
        "{stdout}"
    );
}

#[test]
fn pdfx4_needs_a_cmyk_output_profile() {
    let dir = common::scratch("pdfx4-noprofile");
    plan_with_print(&dir, "", None);
    let (plan, out) = (dir.join("page.toml"), dir.join("x4.pdf"));
    let args = [
        "build",
        plan.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--pdfx",
        "4",
    ];
    let o = cli(&args, &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !o.status.success() && err.contains("PDF/X-4 needs an output profile"),
        "{err}"
    );
    assert!(!out.exists());
    std::fs::write(dir.join("screen.icc"), icc(b"mntr", b"RGB ")).unwrap();
    plan_with_print(&dir, "\n[print]\noutput_profile = \"screen.icc\"\n", None);
    let o = cli(&args, &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("screen.icc") && err.contains("not 'prtr'"),
        "{err}"
    );
}

#[test]
fn bleed_and_crop_marks_set_nested_page_boxes() {
    let dir = common::scratch("bleed");
    plan_with_print(&dir, "\n[print]\nbleed_mm = 3\ncrop_marks = true\n", None);
    let c = baoban::compose(&dir.join("page.toml")).unwrap();
    let pdf = c.pdf_for(Intent::PdfX1a).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let page = doc
        .get_dictionary(*doc.get_pages().values().next().unwrap())
        .unwrap();
    let rect = |k: &[u8]| -> Vec<f32> {
        page.get(k)
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_float().unwrap())
            .collect()
    };
    let (media, bleed, trim) = (rect(b"MediaBox"), rect(b"BleedBox"), rect(b"TrimBox"));
    let mm = 72.0 / 25.4;
    let (w, h) = (270.0 * mm, 390.0 * mm);
    assert!((trim[2] - trim[0] - w).abs() < 0.01 && (trim[3] - trim[1] - h).abs() < 0.01);
    for i in 0..2 {
        assert!(
            (trim[i] - bleed[i] - 3.0 * mm).abs() < 0.01,
            "{bleed:?} {trim:?}"
        );
        assert!((bleed[i + 2] - trim[i + 2] - 3.0 * mm).abs() < 0.01);
        // The marks need room outside the bleed.
        assert!(bleed[i] - media[i] >= 8.0 * mm, "{media:?} {bleed:?}");
    }
    // Eight crop-mark rules, all outside the trim, plus the page-information line.
    let marks = c.pages[0]
        .items
        .iter()
        .filter(|i| {
            matches!(i, baoban::display::Item::Rule { from, .. }
            if from.0 < 0.0 || from.1 < 0.0 || from.0 > w || from.1 > h)
        })
        .count();
    assert_eq!(marks, 8);
    assert!(c.pages[0].items.iter().any(|i| matches!(i,
        baoban::display::Item::Text(r) if r.text.contains("第2版") && r.baseline > h)));
    let r = baoban::preflight::check(
        std::path::Path::new("t"),
        &pdf,
        baoban::preflight::CheckLimits::default(),
    )
    .unwrap();
    assert!(r.passed(), "{r}");
}

#[test]
fn template_colours_are_cmyk_and_colour_knocks_out_while_black_overprints() {
    let dir = common::scratch("colours");
    plan_with_print(&dir, "\n[colors]\nshade = [20, 0, 0, 0]\n", Some("shade"));
    let c = baoban::compose(&dir.join("page.toml")).unwrap();
    let fills: Vec<_> = c.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            baoban::display::Item::Rect { fill, .. } => *fill,
            _ => None,
        })
        .collect();
    assert_eq!(fills, [baoban::model::Cmyk([0.2, 0.0, 0.0, 0.0])]);
    let pdf = c.pdf_for(Intent::PdfX1a).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let page = *doc.get_pages().values().next().unwrap();
    let content = String::from_utf8(doc.get_page_content(page)).unwrap();
    let shade = content
        .find("0.2 0 0 0 k")
        .expect("the shade is set in CMYK");
    let knockout = content[..shade]
        .rfind("/GS1 gs")
        .expect("GS1 before the shade");
    assert!(content[knockout..shade].find("/GS0 gs").is_none());
    // Text after the shade goes back to overprinting K.
    let after = &content[shade..];
    assert!(after.find("/GS0 gs").unwrap() < after.find("TJ").unwrap());
    assert!(!content.contains(" rg") && !content.contains(" RG"));

    plan_with_print(&dir, "\n[colors]\nshade = \"#ff0000\"\n", Some("shade"));
    let e = baoban::compose(&dir.join("page.toml"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("t.toml") && e.contains("shade") && e.contains("CMYK only"),
        "{e}"
    );
    plan_with_print(&dir, "\n[colors]\nshade = [20, 0, 0, 0]\n", Some("shade2"));
    let e = baoban::compose(&dir.join("page.toml"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("no colour 'shade2'") && e.contains("known: shade"),
        "{e}"
    );
}

#[test]
fn source_date_epoch_dates_a_plan_without_date_and_builds_stay_identical() {
    let dir = common::scratch("epoch");
    plan_with_print(&dir, "", None);
    let plan = dir.join("page.toml");
    let text = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(&plan, text.replace("date = \"2023-05-29\"\n", "")).unwrap();
    let build = |out: &str, env: &[(&str, &str)]| {
        let out = dir.join(out);
        let o = cli(
            &[
                "build",
                plan.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
                "--print",
            ],
            env,
        );
        (o, std::fs::read(&out).ok())
    };
    let epoch = [("SOURCE_DATE_EPOCH", "1685318400")];
    let (_, a) = build("a.pdf", &epoch);
    let (_, b) = build("b.pdf", &epoch);
    let (a, b) = (a.expect("a.pdf written"), b.expect("b.pdf written"));
    assert_eq!(a, b, "same input and SOURCE_DATE_EPOCH: byte-identical");
    assert!(String::from_utf8_lossy(&a).contains("/CreationDate (D:20230529"));
    let (_, other) = build("c.pdf", &[("SOURCE_DATE_EPOCH", "1700000000")]);
    assert!(String::from_utf8_lossy(&other.unwrap()).contains("/CreationDate (D:20231114"));
    let (o, none) = build("d.pdf", &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        none.is_none() && err.contains("no date") && err.contains("SOURCE_DATE_EPOCH"),
        "{err}"
    );
}
