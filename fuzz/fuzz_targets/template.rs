//! The template parser: the bytes as `layouts/fuzz-template.toml` (in memory, so its
//! `../fonts/…` are the repository's fonts), under a plan of two articles that names it;
//! composed, the result ignored.
#![no_main]

use baoban::Sources;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static PLAN: LazyLock<String> =
    LazyLock::new(|| baoban_fuzz::plan_on("../layouts/fuzz-template.toml"));

fuzz_target!(|data: &[u8]| {
    if baoban_fuzz::names_special_files(data) {
        return;
    }
    let plan = baoban_fuzz::plan_path();
    let sources = Sources::disk()
        .file(&plan, PLAN.as_bytes())
        .file(baoban_fuzz::template_path(), data)
        .file(baoban_fuzz::article_path(), baoban_fuzz::ARTICLE);
    baoban_fuzz::compose(&sources, &plan);
});
