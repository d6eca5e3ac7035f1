//! The page-plan parser and validator: the bytes as `fuzz/page.toml` (in memory), on the real
//! tabloid template when the plan names `../layouts/tabloid-6col.toml`, with a small article
//! as `news.txt` and two small pages as `p1.toml` and `p2.toml` for an edition to name;
//! composed, the result ignored.
#![no_main]

use baoban::Sources;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if baoban_fuzz::names_special_files(data) {
        return;
    }
    let plan = baoban_fuzz::plan_path();
    let sources = Sources::disk()
        .file(&plan, data)
        .file(baoban_fuzz::article_path(), baoban_fuzz::ARTICLE);
    let sources = baoban_fuzz::with_edition_pages(sources);
    baoban_fuzz::compose(&sources, &plan);
});
