//! Stage benchmarks on the seed page (release: `cargo bench`): composing the whole page
//! (inputs, shaping, breaking, flow), line breaking alone, and writing the PDF. Plain
//! `std::time` with the median of repeated runs, so no benchmark framework is needed.

use baoban::linebreak::{LineBreaker, LineSettings};
use baoban::shape::{Span, shape_paragraph};
use std::path::Path;
use std::time::{Duration, Instant};

fn median(mut f: impl FnMut(), runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/jingzhou/page.toml");
    let c = baoban::compose(&plan).expect("example composes");
    let compose = median(|| drop(baoban::compose(&plan).unwrap()), 20);
    let pdf = median(|| drop(c.pdf().unwrap()), 10);

    // Line breaking alone: every body paragraph of the seed at the example's 14-character measure.
    let t = &c.job.template;
    let chain = c.fonts.chain(&t.body.fonts);
    let paras: Vec<_> = c
        .job
        .pages
        .iter()
        .flat_map(|p| &p.stories)
        .flat_map(|s| s.paragraphs.iter())
        .map(|p| {
            shape_paragraph(
                &c.fonts,
                &[Span {
                    text: p,
                    fonts: &chain,
                    size: t.body.size,
                    style: "body",
                }],
                "bench",
            )
            .unwrap()
        })
        .collect();
    let measure = t.grid.column_chars as f32 * t.body.size;
    let settings = LineSettings::body(2.0 * t.body.size, t.han_latin_space).with_kinsoku(t.kinsoku);
    let mut lines = 0;
    let breaking = median(
        || {
            lines = 0;
            for p in &paras {
                let mut b = LineBreaker::new(p, &settings);
                while b.next_line(measure).is_some() {
                    lines += 1;
                }
            }
        },
        50,
    );
    let shaping = median(
        || {
            for s in c
                .job
                .pages
                .iter()
                .flat_map(|p| &p.stories)
                .flat_map(|s| s.paragraphs.iter())
            {
                let span = Span {
                    text: s,
                    fonts: &chain,
                    size: t.body.size,
                    style: "body",
                };
                drop(shape_paragraph(&c.fonts, &[span], "bench").unwrap());
            }
        },
        20,
    );
    println!("seed page, medians:");
    println!(
        "  compose (read, shape, break, flow): {:>8.2} ms",
        compose.as_secs_f64() * 1e3
    );
    println!(
        "  shaping body paragraphs:            {:>8.2} ms",
        shaping.as_secs_f64() * 1e3
    );
    println!(
        "  line breaking ({lines} lines):        {:>8.2} ms",
        breaking.as_secs_f64() * 1e3
    );
    println!(
        "  PDF (subset, compress, write):      {:>8.2} ms",
        pdf.as_secs_f64() * 1e3
    );
}
