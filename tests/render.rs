//! PNG preview: pages render without external tools, match reference images within a
//! tolerance (a failing comparison writes a diff image), and a moved frame is caught.

mod common;
use baoban::render::{Raster, compare, decode_png, encode_png, render};
use common::*;

/// Pixels may differ by this much per channel (anti-aliasing across platforms)…
const THRESHOLD: u8 = 48;
/// …and this share of pixels may differ by more.
const TOLERANCE: f32 = 0.002;

fn page_raster(plan: &std::path::Path, dpi: f32) -> Raster {
    let c = baoban::compose(plan).unwrap();
    render(&c.pages[0], &c.fonts, dpi, false).unwrap()
}

/// Compares `got` with the reference `name`; on failure writes the diff image and panics.
fn assert_matches_reference(name: &str, got: &Raster) {
    let reference = root().join(format!("tests/golden/{name}.png"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&reference, encode_png(got).unwrap()).unwrap();
        return;
    }
    let want =
        decode_png(&std::fs::read(&reference).expect("reference PNG missing: UPDATE_GOLDEN=1"))
            .unwrap();
    let (share, diff) = compare(&want, got, THRESHOLD);
    if share > TOLERANCE {
        let out = scratch("render-diff").join(format!("{name}-diff.png"));
        std::fs::write(&out, encode_png(&diff).unwrap()).unwrap();
        panic!(
            "{name}: {:.2} % of pixels differ (tolerance {:.2} %); diff image: {}",
            share * 100.0,
            TOLERANCE * 100.0,
            out.display()
        );
    }
}

#[test]
fn the_typography_page_matches_its_reference_image() {
    let r = page_raster(&root().join("examples/typography/page.toml"), 36.0);
    // A4 at 36 dpi.
    assert_eq!((r.width, r.height), (298, 421));
    let ink = r.rgb.iter().filter(|&&v| v < 128).count();
    assert!(ink > 2_000, "text was drawn: {ink} dark samples");
    assert_matches_reference("typography-36dpi", &r);
}

#[test]
fn a_moved_frame_fails_the_comparison() {
    let dir = scratch("render-moved");
    let make = |col: u32| {
        let art = format!(
            "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nframes = [{{ cols = [{col}, {col}], lines = [10, 40] }}]\n"
        );
        write_files(
            &dir,
            &[
                ("page.toml", &plan_with(&art)),
                ("a.txt", &"报版排字测试。".repeat(40)),
            ],
        );
        page_raster(&dir.join("page.toml"), 24.0)
    };
    let (a, a2, b) = (make(2), make(2), make(3));
    let (same, _) = compare(&a, &a2, THRESHOLD);
    assert_eq!(same, 0.0, "rendering is deterministic");
    let (moved, diff) = compare(&a, &b, THRESHOLD);
    assert!(
        moved > TOLERANCE,
        "a frame moved by a column differs in {moved} of the pixels"
    );
    assert!(
        diff.rgb.chunks_exact(3).any(|p| p == [255, 0, 0]),
        "the diff marks it red"
    );
}

#[test]
fn the_cli_writes_one_png_per_page() {
    let dir = scratch("render-cli");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_baoban"))
        .args([
            "render",
            root()
                .join("examples/edition-2p/edition.toml")
                .to_str()
                .unwrap(),
            "--png",
            dir.to_str().unwrap(),
            "--dpi",
            "20",
            "--proof",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for n in [1, 2] {
        let png = decode_png(&std::fs::read(dir.join(format!("page-{n}.png"))).unwrap()).unwrap();
        assert_eq!(png.width, (270.0f32 / 25.4 * 20.0).ceil() as u32);
    }
}

#[test]
fn a_render_past_its_pixel_bound_is_refused_before_anything_is_allocated() {
    // A broadsheet at 1,200 dpi is 474 megapixels (issue 16 item 10: a 5,000 mm page at
    // 1,200 dpi asked for 223 GB).
    let plan = root().join("examples/broadsheet/page.toml");
    let c = baoban::compose(&plan).unwrap();
    let Err(e) = render(&c.pages[0], &c.fonts, 1200.0, false) else {
        panic!("rendered 474 megapixels");
    };
    let e = e.to_string();
    assert!(
        e.contains("more than the 150 megapixels") && e.contains("--dpi 674"),
        "{e}"
    );
}
