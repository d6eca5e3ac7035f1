//! What the fuzz targets share: where the in-memory inputs live, a small article and plan,
//! and a session that keeps the fonts loaded between runs.
//!
//! The oracle of every target is the process: no panic, no abort, no sanitizer report. What
//! the library returns (a composition or an error) is ignored.

use baoban::{BuildOptions, Session, Sources};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The repository's root (the fuzz crate is its `fuzz/` folder).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("fuzz/ has a parent")
        .to_path_buf()
}

/// Where the plan is given in memory: `fuzz/page.toml` (absolute), so `../layouts/…` in a
/// plan names the repository's templates.
pub fn plan_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("page.toml")
}

/// Where the article is given in memory, beside the plan (the plan says `file = "news.txt"`).
pub fn article_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("news.txt")
}

/// Where a fuzzed template is given in memory: in `layouts/`, so its `../fonts/…` are the
/// repository's fonts.
pub fn template_path() -> PathBuf {
    root().join("layouts").join("fuzz-template.toml")
}

/// A small article: headline, dateline, two paragraphs.
pub const ARTICLE: &str = "引题: 深入学习贯彻党的二十大精神\n主题: 区政府常务会议召开\n副题: 研究部署相关工作\n\n本报讯（通讯员吴申畅）5月27日，区政府召开常务会议，研究部署防汛、安全生产等工作。\n\n会议强调，要坚持“人民至上、生命至上”，压紧压实责任，确保全区安全度汛。（记者 张三）\n";

/// A plan of one article in a block and one in frames on `template` (a path relative to
/// `fuzz/`), the article in memory as `news.txt`.
pub fn plan_on(template: &str) -> String {
    format!(
        r#"template = "{template}"
page = 2
date = "2023-05-29"
paper = "荆州区报"
name = "荆州区新闻"
editor = "吴申畅"

[[article]]
id = "news"
file = "news.txt"
block = {{ cols = [1, 2], top = 1 }}

[[article]]
id = "again"
file = "news.txt"
headline = {{ cols = [3, 4], lines = [1, 8] }}
frames = [{{ cols = [3, 3], lines = [9, 30] }}, {{ cols = [4, 4], lines = [9, 30] }}]
"#
    )
}

/// The two pages an edition may name, given in memory beside the plan as `p1.toml` and
/// `p2.toml`: the article starts on page 1 and continues on page 2, both on the tabloid
/// template (so an edition seed composes in milliseconds, not the examples' second).
pub const EDITION_PAGES: [(&str, &str); 2] = [
    (
        "p1.toml",
        r#"template = "../layouts/tabloid-6col.toml"
name = "要闻"
editor = "周文澜"
masthead = { cols = [1, 6], lines = [1, 8] }

[[article]]
id = "news"
file = "news.txt"
headline = { cols = [1, 2], lines = [9, 16] }
frames = [{ cols = [1, 1], lines = [17, 20] }]
"#,
    ),
    (
        "p2.toml",
        r#"template = "../layouts/tabloid-6col.toml"
name = "综合"

[[continued]]
article = "news"
headline = { cols = [1, 2], lines = [1, 3] }
frames = [{ cols = [1, 1], lines = [4, 40] }, { cols = [2, 2], lines = [4, 40] }]
"#,
    ),
];

/// `sources` with the edition's pages (see [`EDITION_PAGES`]) given beside the plan.
pub fn with_edition_pages(mut sources: Sources) -> Sources {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (name, text) in EDITION_PAGES {
        sources = sources.file(dir.join(name), text);
    }
    sources
}

/// Whether `data` names a special file of the system (`/dev/zero`, `/proc/…`): reading one
/// may never end, which is not a bug of the parser under test, so such inputs are skipped.
pub fn names_special_files(data: &[u8]) -> bool {
    [&b"/dev"[..], b"/proc", b"/sys"]
        .iter()
        .any(|p| data.windows(p.len()).any(|w| w == *p))
}

/// One session for the whole fuzzing run, so the fonts are loaded once, not per input;
/// started again every few hundred runs so its shaping memo does not grow without end.
static SESSION: Mutex<Option<(Session, u32)>> = Mutex::new(None);

/// Composes the plan at `plan` from `sources` (the rest from disk), ignoring the result.
pub fn compose(sources: &Sources, plan: &Path) {
    let mut guard = SESSION.lock().unwrap_or_else(|e| e.into_inner());
    let (session, runs) = guard.get_or_insert_with(|| (Session::default(), 0));
    *runs += 1;
    if *runs % 256 == 0 {
        session.reset();
    }
    let result = session.compose_from(sources, plan, &BuildOptions::default());
    // BAOBAN_FUZZ_DEBUG=1 prints what the input came to (to check a seed is a valid input).
    if std::env::var_os("BAOBAN_FUZZ_DEBUG").is_some() {
        match result {
            Ok(c) => eprintln!(
                "composed: {} pages, {} overset",
                c.pages.len(),
                c.overset().count()
            ),
            Err(e) => eprintln!("error: {e}"),
        }
    }
}
