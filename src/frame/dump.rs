//! The layout dump: one line per placed line, positions rounded to 0.01 pt, with the text and
//! what was applied — stable and diffable, for golden tests (ours and users').

use super::{LineKind, Page};
use std::fmt::Write;

/// The dump of `pages`.
pub fn dump(pages: &[Page]) -> String {
    let mut out = String::from(
        "# baoban layout dump v2: page owner kind frame:line baseline x0-x1 | text [adjust]; page owner frame N x y w h\n",
    );
    for p in pages {
        let _ = writeln!(out, "page {} {:.2}x{:.2}pt", p.number, p.width, p.height);
        for t in &p.threads {
            for f in &t.frames {
                let [x, y, w, h] = f.rect;
                let _ = writeln!(
                    out,
                    "p{} {} frame {} x={x:.2} y={y:.2} w={w:.2} h={h:.2}",
                    p.number, t.id, f.number
                );
            }
        }
        for r in &p.records {
            let kind = match r.kind {
                LineKind::Body => "body",
                LineKind::Headline => "head",
                LineKind::Caption => "capt",
                LineKind::Boxed => "box",
                LineKind::Jump => "jump",
                LineKind::RunningHead => "rhead",
                LineKind::Masthead => "mast",
            };
            let _ = write!(
                out,
                "p{} {} {kind} {}:{} y={:.2} x={:.2}-{:.2} | {}",
                p.number, r.owner, r.frame, r.row, r.baseline, r.x.0, r.x.1, r.text
            );
            let adjust = r.adjust.trim();
            if !adjust.is_empty() {
                let _ = write!(out, " [{adjust}]");
            }
            out.push('\n');
        }
    }
    out
}
