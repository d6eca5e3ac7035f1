//! The layout dump: one line per item of the display list in paint order, positions rounded to
//! 0.01 pt, lines with their text and what was applied — stable and diffable, for golden tests
//! (ours and users'). Format v3: every item (lines, rules, boxes, photos, regions, free text),
//! so a golden file pins the whole page.

use super::{Item, LineKind, Page, TextLine};
use crate::model::Cmyk;
use std::fmt::Write;

/// The header line naming the format.
const HEADER: &str = "# baoban layout dump v3: one line per item in paint order, in pt (top-left origin)\n\
# p<page> <owner> <kind> <region>:<row> y=<baseline> x=<x0>-<x1> | text [adjust]\n\
# p<page> region <owner> <n>/<of> x y w h | rule x,y-x,y w ink | rect x y w h [stroke w ink] [fill ink]\n\
# p<page> image <file> x y w h clip x y w h | text y x | <text> | proof <n> items\n";

/// The dump of `pages`.
pub fn dump(pages: &[Page]) -> String {
    let mut out = String::from(HEADER);
    for p in pages {
        let _ = writeln!(out, "page {} {:.2}x{:.2}pt", p.number, p.width, p.height);
        for item in &p.items {
            let _ = write!(out, "p{} ", p.number);
            item_line(&mut out, item);
            out.push('\n');
        }
    }
    out
}

/// One item's line (without the page prefix and the newline).
fn item_line(out: &mut String, item: &Item) {
    let _ = match item {
        Item::Line(l) => line(out, l),
        Item::Text(run) => {
            let x = run.glyphs.first().map_or(0.0, |g| g.x);
            write!(out, "text y={:.2} x={x:.2} | {}", run.baseline, run.text)
        }
        Item::Rule {
            from,
            to,
            width,
            color,
        } => write!(
            out,
            "rule {:.2},{:.2}-{:.2},{:.2} w={width:.2} {}",
            from.0,
            from.1,
            to.0,
            to.1,
            ink(*color)
        ),
        Item::Rect { rect, stroke, fill } => {
            let _ = write!(out, "rect {}", xywh(rect));
            if let Some((w, c)) = stroke {
                let _ = write!(out, " stroke w={w:.2} {}", ink(*c));
            }
            match fill {
                Some(c) => write!(out, " fill {}", ink(*c)),
                None => Ok(()),
            }
        }
        Item::Image { rect, clip, image } => {
            let name = image.path.file_name().unwrap_or_default().to_string_lossy();
            write!(out, "image {name} {} clip {}", xywh(rect), xywh(clip))
        }
        Item::Region(r) => write!(
            out,
            "region {} {}/{} {}",
            r.owner,
            r.number,
            r.of,
            xywh(&r.rect)
        ),
        // Each mark on a line of its own (a frame left empty shows its placeholder here).
        Item::Proof(marks) => {
            let _ = write!(out, "proof {} items", marks.len());
            for m in marks {
                out.push_str("\n  proof ");
                item_line(out, m);
            }
            Ok(())
        }
    };
}

/// A set line: owner, kind, region:row, baseline, edges, text and adjustments.
fn line(out: &mut String, l: &TextLine) -> std::fmt::Result {
    let r = &l.tag;
    let kind = match r.kind {
        LineKind::Body => "body",
        LineKind::Headline => "head",
        LineKind::Caption => "capt",
        LineKind::Boxed => "box",
        LineKind::Jump => "jump",
        LineKind::RunningHead => "rhead",
        LineKind::Masthead => "mast",
    };
    write!(
        out,
        "{} {kind} {}:{} y={:.2} x={:.2}-{:.2} | {}",
        r.owner, r.region, r.row, r.baseline, r.x.0, r.x.1, r.text
    )?;
    let adjust = r.adjust.trim();
    if !adjust.is_empty() {
        write!(out, " [{adjust}]")?;
    }
    Ok(())
}

fn xywh(r: &[f32; 4]) -> String {
    format!("x={:.2} y={:.2} w={:.2} h={:.2}", r[0], r[1], r[2], r[3])
}

/// Ink as CMYK percentages.
fn ink(c: Cmyk) -> String {
    let [cc, m, y, k] = c.0.map(|v| (v * 100.0).round() as i32);
    format!("cmyk({cc},{m},{y},{k})")
}
