//! The fit report: exact overset and underset numbers per article, as JSON and as a table.

mod common;
use common::*;

fn compose(name: &str, chars: usize) -> baoban::Composition {
    baoban::compose(&long_and_short(name, chars)).unwrap()
}

#[test]
fn an_article_two_lines_too_long_reports_exactly_two_lines_over() {
    // 5 lines of 14 characters, the first indented by 2: 12 + 4 × 14 = 68 fit; 28 more are
    // exactly two lines.
    let c = compose("report-over", 68 + 28);
    let fit = c.fit_report();
    let long = &fit.articles[0];
    assert_eq!(long.status, "overset");
    assert_eq!((long.overset_lines, long.overset_chars), (2, 28));
    assert_eq!((long.lines_used, long.lines_available), (5, 5));
    let short = &fit.articles[1];
    assert_eq!(short.status, "underset");
    assert_eq!((short.lines_used, short.underset_lines), (1, 4));
    let json: serde_json::Value = serde_json::from_str(&fit.to_json()).unwrap();
    assert_eq!(json["articles"][0]["overset_lines"], 2);
    assert_eq!(json["articles"][0]["pages"], serde_json::json!([1]));
    let table = fit.table();
    let row = table.lines().find(|l| l.contains("long")).unwrap();
    assert!(
        row.starts_with('!') && row.contains("2/28") && row.contains("overset"),
        "{table}"
    );
    // Exactly full: fits, nothing over or empty.
    let fit = compose("report-exact", 68).fit_report();
    assert_eq!(fit.articles[0].status, "fits");
    assert_eq!(fit.articles[0].underset_lines, 0);
}

#[test]
fn the_cli_writes_the_report_and_prints_the_table() {
    let dir = scratch("report-cli");
    let art =
        "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nframes = [{ cols = [1, 1], lines = [1, 5] }]\n";
    write_files(
        &dir,
        &[("page.toml", &plan_with(art)), ("a.txt", "一则短讯。")],
    );
    let report = dir.join("fit.json");
    let out = build_cli(&dir, &["--report", report.to_str().unwrap()]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("article") && err.contains("underset"), "{err}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(json["articles"][0]["lines_available"], 5);
}
