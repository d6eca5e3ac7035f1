//! The README's samples run as written: its template sample composes a page, with the grid it
//! states.

mod common;
use common::*;

/// The first ```toml block after `heading` in the README.
fn sample_after(heading: &str) -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let from = readme.find(heading).expect("the heading is in the README");
    let rest = &readme[from..];
    let start = rest.find("```toml\n").expect("a toml block follows") + "```toml\n".len();
    let end = rest[start..].find("```").unwrap();
    rest[start..start + end].to_string()
}

#[test]
fn the_template_sample_composes_a_page_with_the_grid_it_states() {
    let template = sample_after("### Page template");
    // Given in memory beside the repository's templates, so its ../fonts paths are the
    // repository's fonts, as they are for layouts/*.toml.
    let layouts = root().join("layouts");
    let plan = "template = \"readme-sample.toml\"\ndate = \"2023-05-29\"\n\n\
                [[article]]\nid = \"a\"\nfile = \"a.txt\"\nblock = { cols = [1, 3], top = 1 }\n\n\
                [[box]]\nid = \"slogan\"\ntext = \"共同缔造\"\nstyle = \"主题\"\n\
                block = { cols = [4, 6], top = 1, lines = 6 }\n";
    let article = "主题: 区政府常务会议召开\n\n本报讯（通讯员吴申畅）5月27日，区政府召开常务会议，刘䶮到会。\n";
    let sources = baoban::Sources::disk()
        .file(layouts.join("readme-sample.toml"), template)
        .file(layouts.join("readme-page.toml"), plan)
        .file(layouts.join("a.txt"), article);
    let c = baoban::Session::default()
        .compose_from(
            &sources,
            &layouts.join("readme-page.toml"),
            &baoban::BuildOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let grid = &c.job.template.grid;
    assert_eq!((grid.columns, grid.column_chars, grid.lines), (6, 14, 99));
    assert_eq!(c.overset().count(), 0);
    assert!(c.coverage().missing.is_empty(), "刘䶮 is in Han A");
    assert!(c.pdf().unwrap().starts_with(b"%PDF-"));
}
