//! Benchmarks (divan; `cargo bench`): each stage on the seed page — shaping, line breaking,
//! flow, composing, PDF with and without remembered font subsets — and end to end on the seed
//! page and on a generated 48-page edition (written to `target/bench-edition/`, so the
//! whole-process time can be taken too: `baoban build target/bench-edition/edition.toml`).

use baoban::flow::{Region, fill};
use baoban::linebreak::{LineBreaker, LineSettings};
use baoban::shape::{ShapedPara, Span, shape_paragraph};
use divan::Bencher;
use std::path::{Path, PathBuf};

fn main() {
    divan::main();
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn seed_plan() -> PathBuf {
    root().join("examples/jingzhou/page.toml")
}

/// The seed page's body paragraphs shaped in the body style, with the composition.
fn seed_paragraphs() -> (baoban::Composition, Vec<ShapedPara>) {
    let c = baoban::compose(&seed_plan()).expect("the seed page composes");
    let t = &c.job.template;
    let chain = c.fonts.chain(&t.body.fonts);
    let paras = texts(&c)
        .iter()
        .map(|p| shape_paragraph(&c.fonts, &[span(p, &chain, t.body.size)], "bench").unwrap())
        .collect();
    (c, paras)
}

fn texts(c: &baoban::Composition) -> Vec<String> {
    c.job
        .pages
        .iter()
        .flat_map(|p| &p.stories)
        .flat_map(|s| s.paragraphs.iter().map(|p| p.text.clone()))
        .collect()
}

fn span<'a>(text: &'a str, fonts: &'a [baoban::font::FontId], size: f32) -> Span<'a> {
    Span {
        text,
        fonts,
        size,
        style: "body",
    }
}

fn settings(c: &baoban::Composition) -> LineSettings {
    LineSettings::body(&c.job.template)
}

#[divan::bench(sample_count = 30)]
fn shape(bencher: Bencher) {
    let (c, _) = seed_paragraphs();
    let t = &c.job.template;
    let chain = c.fonts.chain(&t.body.fonts);
    let texts = texts(&c);
    bencher.bench(|| {
        for p in &texts {
            divan::black_box(
                shape_paragraph(&c.fonts, &[span(p, &chain, t.body.size)], "b").unwrap(),
            );
        }
    });
}

#[divan::bench(sample_count = 50)]
fn line_break(bencher: Bencher) {
    let (c, paras) = seed_paragraphs();
    let s = settings(&c);
    let measure = c.job.template.grid.column_chars as f32 * c.job.template.body.size;
    bencher.bench(|| {
        let mut lines = 0;
        for p in &paras {
            let mut b = LineBreaker::new(p, &s);
            while b.next_line(measure).is_some() {
                lines += 1;
            }
        }
        lines
    });
}

#[divan::bench(sample_count = 50)]
fn measure_article_at_widths(bencher: Bencher) {
    // What the automatic layout pays per article and width: the seed's longest article
    // (shaped once) broken at every block width of the tabloid, 1 to 6 columns.
    let (c, _) = seed_paragraphs();
    let t = &c.job.template;
    let chain = c.fonts.chain(&t.body.fonts);
    let story = (c.job.pages.iter().flat_map(|p| &p.stories))
        .max_by_key(|s| s.body_chars())
        .expect("the seed has articles");
    let paras: Vec<ShapedPara> = (story.paragraphs.iter())
        .map(|p| shape_paragraph(&c.fonts, &[span(&p.text, &chain, t.body.size)], "m").unwrap())
        .collect();
    let s = settings(&c);
    let g = &t.grid;
    let measures: Vec<f32> = (1..=g.columns)
        .map(|w| (w * g.column_chars + (w - 1) * g.gutter_chars) as f32 * g.char_size)
        .collect();
    bencher.bench(|| {
        let mut lines = 0;
        for &m in &measures {
            for p in &paras {
                let mut b = LineBreaker::new(p, &s);
                while b.next_line(m).is_some() {
                    lines += 1;
                }
            }
        }
        lines
    });
}

#[divan::bench(sample_count = 50)]
fn flow_chain(bencher: Bencher) {
    // All the seed's paragraphs through one long chain of six full columns.
    let (c, paras) = seed_paragraphs();
    let s = settings(&c);
    let g = &c.job.template.grid;
    let frames: Vec<Region> = (1..=g.columns)
        .map(|col| {
            let rect = [g.column_x(col), g.top, g.column_chars as f32 * g.char_size];
            Region::new(0, rect, (g.lines, g.pitch, g.pitch))
        })
        .collect();
    bencher.bench(|| fill(&paras, &s, &frames).lines.len());
}

#[divan::bench(sample_count = 20)]
fn compose_seed() {
    baoban::compose(&seed_plan()).unwrap();
}

/// The seed page placed by hand (frame chains): the baseline of the block plan's layout.
#[divan::bench(sample_count = 20)]
fn compose_seed_frames() {
    baoban::compose(&root().join("examples/jingzhou/frames.toml")).unwrap();
}

fn options() -> baoban::pdf::PdfOptions {
    baoban::pdf::PdfOptions {
        title: "bench".into(),
        date: (2023, 5, 29),
        intent: baoban::pdf::Intent::Proof,
        output_condition: "IFRA26".into(),
        output_profile: None,
    }
}

#[divan::bench(sample_count = 20)]
fn pdf_seed(bencher: Bencher) {
    // Fonts subset afresh each time, as in a one-off build.
    let c = baoban::compose(&seed_plan()).unwrap();
    let opts = options();
    bencher.bench(|| baoban::pdf::write(&c.pages, &c.fonts, &opts).unwrap().len());
}

#[divan::bench(sample_count = 20)]
fn pdf_seed_subsets_remembered(bencher: Bencher) {
    // As a watch rebuild with the same glyphs: what subsetting costs is `pdf_seed` less this.
    let c = baoban::compose(&seed_plan()).unwrap();
    let cache = baoban::pdf::SubsetCache::default();
    let opts = options();
    baoban::pdf::write_cached(&c.pages, &c.fonts, &opts, &cache).unwrap();
    bencher.bench(|| {
        baoban::pdf::write_cached(&c.pages, &c.fonts, &opts, &cache)
            .unwrap()
            .len()
    });
}

#[divan::bench(sample_count = 20)]
fn end_to_end_seed() {
    baoban::compose(&seed_plan()).unwrap().pdf().unwrap();
}

#[divan::bench(sample_count = 5)]
fn end_to_end_edition_48_pages() {
    let c = baoban::compose(&edition_48()).unwrap();
    assert_eq!(c.pages.len(), 48);
    c.pdf().unwrap();
}

/// A 48-page edition: the seed page 48 times, its article ids made unique per page, written
/// once to `target/bench-edition/`.
fn edition_48() -> PathBuf {
    let dir = root().join("target/bench-edition");
    let edition = dir.join("edition.toml");
    std::fs::create_dir_all(&dir).unwrap();
    let ex = root().join("examples/jingzhou");
    let plan = std::fs::read_to_string(ex.join("page.toml")).unwrap();
    let mut list = String::from("paper = \"荆州区报\"\ndate = \"2023-05-29\"\n");
    let ids: Vec<&str> = (plan.lines())
        .filter_map(|l| l.strip_prefix("id = \"")?.strip_suffix('"'))
        .collect();
    for n in 1..=48 {
        // Ids unique per page, wherever the plan names them (`id`, `below`, `article`).
        let mut page = plan.clone();
        for id in &ids {
            page = page.replace(&format!("\"{id}\""), &format!("\"p{n}-{id}\""));
            page = page.replace(&format!("\"{id}#"), &format!("\"p{n}-{id}#"));
        }
        let page: String = page
            .lines()
            .filter(|l| !l.starts_with("page =") && !l.starts_with("date ="))
            .map(|l| {
                if let Some(f) = l.strip_prefix("file = \"") {
                    format!("file = \"{}/{f}", ex.display())
                } else if let Some(f) = l.strip_prefix("caption = \"") {
                    format!("caption = \"{}/{f}", ex.display())
                } else if l.starts_with("template = ") {
                    format!(
                        "template = \"{}\"",
                        root().join("layouts/tabloid-6col.toml").display()
                    )
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(dir.join(format!("p{n}.toml")), page).unwrap();
        list.push_str(&format!("\n[[page]]\nplan = \"p{n}.toml\"\n"));
    }
    std::fs::write(&edition, list).unwrap();
    edition
}
