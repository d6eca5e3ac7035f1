//! Per-page checks: page boxes (ISO 15930: MediaBox ⊇ BleedBox ⊇ TrimBox), transparency groups,
//! fonts and graphics states of the page's resources; then the page's content is painted (see
//! `paint`) to check colours, text and images where they are used.

use super::inflate;
use super::paint::{self, Painter};
use super::{Ctx, Findings};
use lopdf::{Dictionary, Object, ObjectId};

/// Checks page `n` (object `id`).
pub(super) fn check_page(ctx: &Ctx, n: u32, id: ObjectId, out: &mut Findings) {
    let Ok(page) = ctx.doc.get_dictionary(id) else {
        out.error(Some(n), Some(id), "page object is not a dictionary");
        return;
    };
    boxes(ctx, n, id, page, out);
    let group_transparent = ctx
        .get(page, b"Group")
        .and_then(|g| ctx.dict(g))
        .and_then(|g| ctx.get(g, b"S"))
        .is_some_and(|s| s.as_name().ok() == Some(b"Transparency"));
    if group_transparent && !ctx.standard.allows_transparency() {
        out.error(
            Some(n),
            Some(id),
            "transparency group on the page (only PDF/X-4 allows transparency; flatten it)",
        );
    }
    let resources = inherited(ctx, page, b"Resources").and_then(|r| ctx.dict(r));
    if let Some(res) = resources {
        fonts(ctx, n, res, out);
        ext_gstates(ctx, n, res, out);
    }
    match inflate::page_content(ctx, id) {
        Ok(content) => {
            let mut painter = Painter::new(ctx, n, out);
            painter.run(&content, resources, paint::IDENTITY, 0);
        }
        Err(why) => out.error(Some(n), Some(id), why.message("the page's content")),
    }
}

/// A page attribute, looked up through the page tree (MediaBox and Resources are inheritable).
fn inherited<'a>(ctx: &'a Ctx, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Some(v) = ctx.get(node, key) {
            return Some(v);
        }
        node = ctx.get(node, b"Parent").and_then(|p| p.as_dict().ok())?;
    }
    None
}

fn rect(obj: Option<&Object>) -> Option<[f32; 4]> {
    let a = obj?.as_array().ok()?;
    if a.len() != 4 {
        return None;
    }
    let v: Vec<f32> = a.iter().filter_map(|x| x.as_float().ok()).collect();
    (v.len() == 4).then(|| {
        [
            v[0].min(v[2]),
            v[1].min(v[3]),
            v[0].max(v[2]),
            v[1].max(v[3]),
        ]
    })
}

fn contains(outer: [f32; 4], inner: [f32; 4]) -> bool {
    const EPS: f32 = 0.01;
    inner[0] >= outer[0] - EPS
        && inner[1] >= outer[1] - EPS
        && inner[2] <= outer[2] + EPS
        && inner[3] <= outer[3] + EPS
}

fn boxes(ctx: &Ctx, n: u32, id: ObjectId, page: &Dictionary, out: &mut Findings) {
    let Some(media) = rect(inherited(ctx, page, b"MediaBox")) else {
        out.error(Some(n), Some(id), "no valid MediaBox");
        return;
    };
    let trim = rect(ctx.get(page, b"TrimBox")).or_else(|| rect(ctx.get(page, b"ArtBox")));
    let bleed = rect(ctx.get(page, b"BleedBox"));
    let Some(trim) = trim else {
        out.error(
            Some(n),
            Some(id),
            "no TrimBox: the print shop cannot know where the page is cut",
        );
        return;
    };
    match bleed {
        None => out.warn(
            Some(n),
            Some(id),
            "no BleedBox (taken as the CropBox); set it, equal to the TrimBox for newsprint without bleed",
        ),
        Some(b) if !contains(b, trim) => out.error(
            Some(n),
            Some(id),
            format!("TrimBox {trim:?} is not inside the BleedBox {b:?}"),
        ),
        Some(b) if !contains(media, b) => out.error(
            Some(n),
            Some(id),
            format!("BleedBox {b:?} is not inside the MediaBox {media:?}"),
        ),
        Some(_) => {}
    }
    if !contains(media, trim) {
        out.error(
            Some(n),
            Some(id),
            format!("TrimBox {trim:?} is not inside the MediaBox {media:?}"),
        );
    }
}

/// Every font embedded, none Type 3; ToUnicode for search and copy.
fn fonts(ctx: &Ctx, n: u32, res: &Dictionary, out: &mut Findings) {
    let Some(fonts) = ctx.get(res, b"Font").and_then(|f| ctx.dict(f)) else {
        return;
    };
    for (_, f) in fonts.iter() {
        let (fid, _) = ctx.resolve(f);
        let Some(font) = ctx.dict(f) else { continue };
        font_embedded(ctx, n, fid, font, out);
    }
}

fn font_embedded(ctx: &Ctx, n: u32, fid: Option<ObjectId>, font: &Dictionary, out: &mut Findings) {
    let name = ctx
        .get(font, b"BaseFont")
        .and_then(|b| b.as_name().ok())
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_else(|| "(unnamed)".into());
    let subtype = ctx.get(font, b"Subtype").and_then(|s| s.as_name().ok());
    if subtype == Some(b"Type3") {
        out.error(
            Some(n),
            fid,
            format!(
                "font {name} is a Type 3 font (bitmap or procedure glyphs; use an OpenType font)"
            ),
        );
        return;
    }
    let holder = if subtype == Some(b"Type0") {
        ctx.get(font, b"DescendantFonts")
            .and_then(|d| d.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|d| ctx.dict(d))
    } else {
        Some(font)
    };
    let embedded = holder
        .and_then(|h| ctx.get(h, b"FontDescriptor"))
        .and_then(|d| ctx.dict(d))
        .is_some_and(|d| d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3"));
    if !embedded {
        out.error(
            Some(n),
            fid,
            format!("font {name} is not embedded (the RIP would substitute it)"),
        );
    }
    if !font.has(b"ToUnicode") && subtype == Some(b"Type0") {
        out.warn(
            Some(n),
            fid,
            format!("font {name} has no ToUnicode: its text cannot be searched or copied"),
        );
    }
}

/// Soft masks, constant alpha below 1 and blend modes are transparency, which PDF/X-1a forbids.
fn ext_gstates(ctx: &Ctx, n: u32, res: &Dictionary, out: &mut Findings) {
    if ctx.standard.allows_transparency() {
        return;
    }
    let Some(gstates) = ctx.get(res, b"ExtGState").and_then(|g| ctx.dict(g)) else {
        return;
    };
    for (key, g) in gstates.iter() {
        let (gid, _) = ctx.resolve(g);
        let Some(g) = ctx.dict(g) else { continue };
        let name = String::from_utf8_lossy(key);
        let smask = ctx
            .get(g, b"SMask")
            .is_some_and(|s| s.as_name().ok() != Some(b"None"));
        let alpha = [b"CA".as_slice(), b"ca"]
            .iter()
            .filter_map(|k| ctx.get(g, k).and_then(|a| a.as_float().ok()))
            .any(|a| a < 1.0);
        let blend = ctx
            .get(g, b"BM")
            .and_then(|b| b.as_name().ok())
            .is_some_and(|b| b != b"Normal" && b != b"Compatible");
        if smask || alpha || blend {
            out.error(
                Some(n),
                gid,
                format!("graphics state {name} uses transparency (soft mask, alpha or blend mode), which only PDF/X-4 allows"),
            );
        }
    }
}
