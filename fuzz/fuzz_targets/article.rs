//! The article parser: an article text file's bytes (UTF-8, UTF-16 with a BOM, GB18030 …)
//! as the plan's article, read, repaired and parsed into a story the way a build reads it,
//! then composed on the tabloid template; and, when the bytes are UTF-8, `parse_story`
//! itself with every repair and with none.
#![no_main]

use baoban::Sources;
use baoban::model::{Repairs, parse_caption, parse_story};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static PLAN: LazyLock<String> =
    LazyLock::new(|| baoban_fuzz::plan_on("../layouts/tabloid-6col.toml"));

fuzz_target!(|data: &[u8]| {
    let path = baoban_fuzz::article_path();
    if let Ok(text) = std::str::from_utf8(data) {
        for repairs in [Repairs::ALL, Repairs::NONE] {
            let _ = parse_story("news", &path, text, repairs);
            let _ = parse_caption("photo", &path, text, repairs);
        }
    }
    let plan = baoban_fuzz::plan_path();
    let sources = Sources::disk()
        .file(&plan, PLAN.as_bytes())
        .file(&path, data);
    baoban_fuzz::compose(&sources, &plan);
});
