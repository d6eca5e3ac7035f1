//! `baoban check`, the PDF preflight: any bytes as a PDF file, with the default limits (what
//! the command line uses without `--ink-limit` or `--min-ppi`).
#![no_main]

use baoban::preflight::{CheckLimits, check};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(report) = check(Path::new("fuzz.pdf"), data, CheckLimits::default()) {
        // What `check` prints, both ways.
        let _ = report.to_string();
        let _ = report.to_json(Path::new("fuzz.pdf"));
        let _ = report.passed();
    }
});
