//! Helpers shared by the integration tests: scratch folders with small plans that use the
//! repository's template and fonts.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh scratch folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target").join("test-scratch").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `files` (name, content) into `dir`.
pub fn write_files(dir: &Path, files: &[(&str, &str)]) {
    for (name, content) in files {
        std::fs::write(dir.join(name), content).unwrap();
    }
}

/// A plan on the repository's tabloid template with the given article tables.
pub fn plan_with(articles: &str) -> String {
    let template = root().join("layouts/tabloid-6col.toml");
    format!(
        "template = {:?}\npage = 1\ndate = \"2023-05-29\"\n\n{articles}",
        template.display().to_string()
    )
}

/// Runs `baoban build dir/page.toml -o dir/x.pdf` with `extra` arguments.
pub fn build_cli(dir: &Path, extra: &[&str]) -> std::process::Output {
    let plan = dir.join("page.toml");
    let out = dir.join("x.pdf");
    let mut args = vec!["build", plan.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    std::process::Command::new(env!("CARGO_BIN_EXE_baoban"))
        .args(args)
        .output()
        .unwrap()
}

/// A plan with two one-column articles of 5 lines on the tabloid grid: `long` with `chars`
/// characters of 国 (68 fill its frame), `short` with one short sentence.
pub fn long_and_short(name: &str, chars: usize) -> PathBuf {
    let dir = scratch(name);
    let art = "[[article]]\nid = \"long\"\nfile = \"a.txt\"\nframes = [{ cols = [1, 1], lines = [1, 5] }]\n\n\
               [[article]]\nid = \"short\"\nfile = \"b.txt\"\nframes = [{ cols = [2, 2], lines = [1, 5] }]\n";
    write_files(
        &dir,
        &[
            ("page.toml", &plan_with(art)),
            ("a.txt", &"国".repeat(chars)),
            ("b.txt", "短讯。"),
        ],
    );
    dir.join("page.toml")
}

/// The streams of a PDF, inflated where they are compressed.
pub fn streams(pdf: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = find(&pdf[at..], b"stream\n") {
        let start = at + i + b"stream\n".len();
        let Some(len) = find(&pdf[start..], b"\nendstream") else {
            break;
        };
        let data = &pdf[start..start + len];
        out.push(
            miniz_oxide::inflate::decompress_to_vec_zlib(data).unwrap_or_else(|_| data.to_vec()),
        );
        at = start + len + b"\nendstream".len();
    }
    out
}

/// Where `needle` first occurs in `hay`.
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The text of `layouts/{name}.toml` with its fonts found from anywhere (absolute paths), and
/// each line whose key `edit` gives a value for set to `key = value`.
#[allow(dead_code)]
pub fn template_text(name: &str, mut edit: impl FnMut(&str) -> Option<String>) -> String {
    let fonts = root().join("fonts");
    let t = std::fs::read_to_string(root().join(format!("layouts/{name}.toml"))).unwrap();
    let t = t.replace("\"../fonts/", &format!("\"{}/", fonts.display()));
    (t.lines())
        .map(
            |l| match l.split_once(" = ").and_then(|(k, _)| Some((k, edit(k)?))) {
                Some((k, v)) => format!("{k} = {v}"),
                None => l.to_string(),
            },
        )
        .collect::<Vec<_>>()
        .join("\n")
}

/// [`template_text`] of the tabloid written to `dir/template.toml`; its path.
#[allow(dead_code)]
pub fn tabloid_with(dir: &Path, edit: impl FnMut(&str) -> Option<String>) -> String {
    let path = dir.join("template.toml");
    std::fs::write(&path, template_text("tabloid-6col", edit)).unwrap();
    path.display().to_string()
}
