//! What the command writes: the PDF beside the plan by default or to stdout, one summary line
//! in plain English, and never over one of the build's inputs, another output or a device.

mod common;
use common::*;
use std::process::Command;

fn baoban(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_baoban"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn one_article(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    let art = "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nframes = [{ cols = [1, 1], lines = [1, 10] }]\n";
    write_files(
        &dir,
        &[("page.toml", &plan_with(art)), ("a.txt", "正文一段。\n")],
    );
    dir
}

#[test]
fn the_pdf_goes_beside_the_plan_or_to_stdout() {
    let dir = one_article("out-default");
    let out = baoban(&dir, &["build", "page.toml"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::read(dir.join("page.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
    let line = String::from_utf8(out.stdout).unwrap();
    assert!(
        line.starts_with(
            "page.pdf: 1 page, 1 article, 1 line, overset 0 lines (0 characters) in 0 articles"
        ),
        "{line}"
    );
    let out = baoban(&dir, &["build", "page.toml", "-o", "-"]);
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"%PDF-"), "the PDF on stdout");
    assert!(String::from_utf8_lossy(&out.stderr).contains("stdout: 1 page"));
}

#[test]
fn outputs_never_replace_inputs_each_other_or_devices() {
    let dir = one_article("out-refused");
    let plan = std::fs::read(dir.join("page.toml")).unwrap();
    let article = std::fs::read(dir.join("a.txt")).unwrap();
    for (args, says) in [
        (
            &["build", "page.toml", "-o", "page.toml"][..],
            "-o names an input",
        ),
        (
            &["build", "page.toml", "-o", "a.txt"][..],
            "-o names an input",
        ),
        (
            &["build", "page.toml", "-o", "x.pdf", "--report", "x.pdf"][..],
            "--report and -o name the same file",
        ),
        (
            &["build", "page.toml", "-o", "/dev/null"][..],
            "not a regular file",
        ),
        (
            &["proof", "page.toml", "--report", "page.toml"][..],
            "--report names an input",
        ),
    ] {
        let out = baoban(&dir, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success() && err.contains(says),
            "{args:?}: {err}"
        );
    }
    assert_eq!(std::fs::read(dir.join("page.toml")).unwrap(), plan);
    assert_eq!(std::fs::read(dir.join("a.txt")).unwrap(), article);
    assert!(!dir.join("x.pdf").exists());
    // layout's --plan replaces only a plan layout wrote.
    let docket = root().join("examples/jingzhou/order.toml");
    let docket = docket.to_str().unwrap();
    let out = baoban(&dir, &["layout", docket, "-o", "l.pdf", "--plan", "a.txt"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("baoban layout did not write"),
        "{err}"
    );
    assert_eq!(std::fs::read(dir.join("a.txt")).unwrap(), article);
}

#[test]
fn split_pages_writes_one_preflighted_pdfx_file_per_page() {
    let dir = scratch("out-split");
    let edition = root().join("examples/edition-2p/edition.toml");
    let (whole, pages) = (dir.join("edition.pdf"), dir.join("pages"));
    let args = [
        "build",
        edition.to_str().unwrap(),
        "--print",
        "-o",
        whole.to_str().unwrap(),
        "--split-pages",
        pages.to_str().unwrap(),
    ];
    let out = Command::new(env!("CARGO_BIN_EXE_baoban"))
        .env("SOURCE_DATE_EPOCH", "1685318400")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(&pages)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["page-1.pdf", "page-2.pdf"]);
    for name in &names {
        let file = pages.join(name);
        let out = baoban(&dir, &["check", file.to_str().unwrap(), "--format", "json"]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{name}: {stdout}");
        let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(report["passed"], true, "{stdout}");
        assert_eq!(report["pages"], 1, "{stdout}");
        assert_eq!(report["standard"], "PDF/X-1:2003", "{stdout}");
        assert!(report["findings"].is_array(), "{stdout}");
    }
    // Each page's file carries that page alone, not a copy of the edition.
    let sizes: Vec<u64> = names
        .iter()
        .map(|n| std::fs::metadata(pages.join(n)).unwrap().len())
        .collect();
    let total = std::fs::metadata(&whole).unwrap().len();
    assert!(sizes.iter().all(|&s| s < total), "{sizes:?} vs {total}");
}

#[test]
fn check_json_lists_the_findings_of_a_proof() {
    let dir = one_article("out-check-json");
    assert!(baoban(&dir, &["build", "page.toml"]).status.success());
    let out = baoban(&dir, &["check", "page.pdf", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "a proof is not PDF/X");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["passed"], false);
    assert_eq!(report["standard"], serde_json::Value::Null);
    let findings = report["findings"].as_array().unwrap();
    let intent = findings
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("no output intent"))
        .expect("the missing output intent is a finding");
    assert_eq!(intent["severity"], "error");
    assert_eq!(
        intent["page"],
        serde_json::Value::Null,
        "a document finding"
    );
    assert_eq!(report["errors"].as_u64().unwrap() as usize, {
        findings.iter().filter(|f| f["severity"] == "error").count()
    });
}
