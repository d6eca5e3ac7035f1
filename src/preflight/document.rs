//! Document-level PDF/X requirements (ISO 15930-4 §6.1–6.7, -7 for PDF/X-4): version, Info
//! keys, trailer id, exactly one output intent, XMP for PDF/X-4, no encryption, JavaScript or
//! LZW.

use super::{Ctx, Findings, Standard};
use lopdf::{Document, Object};

/// The PDF/X version the file claims, from Info or from XMP.
pub(super) fn claimed_version(doc: &Document) -> Option<String> {
    let info = info(doc);
    if let Some(v) = info.and_then(|i| i.get(b"GTS_PDFXVersion").ok()) {
        return text(doc, v);
    }
    let xmp = xmp(doc)?;
    let start = xmp.find("GTS_PDFXVersion")?;
    // Element (`<pdfxid:GTS_PDFXVersion>PDF/X-4<`) or attribute (`GTS_PDFXVersion="PDF/X-4"`).
    let rest = &xmp[start + "GTS_PDFXVersion".len()..];
    let rest = rest.trim_start_matches(['>', '=', '"', '\'', ' ']);
    let end = rest.find(['<', '"', '\''])?;
    Some(rest[..end].trim().to_string())
}

fn info(doc: &Document) -> Option<&lopdf::Dictionary> {
    let obj = doc.trailer.get(b"Info").ok()?;
    doc.dereference(obj).ok()?.1.as_dict().ok()
}

/// The XMP packet of the catalog, as text.
fn xmp(doc: &Document) -> Option<String> {
    let obj = doc.catalog().ok()?.get(b"Metadata").ok()?;
    let stream = doc.dereference(obj).ok()?.1.as_stream().ok()?;
    // An XMP packet is a few kilobytes; 16 MB is more than any honest one.
    let bytes = super::inflate::decoded_within(stream, 16 << 20).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// A PDF text string (PDFDocEncoding or UTF-16BE with a BOM) as Rust text.
fn text(doc: &Document, obj: &Object) -> Option<String> {
    let bytes = doc.dereference(obj).ok()?.1.as_str().ok()?;
    if let Some(utf16) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = utf16
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return Some(String::from_utf16_lossy(&units));
    }
    Some(bytes.iter().map(|&b| b as char).collect())
}

/// Checks the document-level keys.
pub(super) fn check(ctx: &Ctx, claimed: Option<&str>, out: &mut Findings) {
    let doc = ctx.doc;
    if ctx.standard == Standard::None {
        out.error(
            None,
            None,
            "not PDF/X: no GTS_PDFXVersion in Info or XMP (a proof or an ordinary PDF); write the plate file with `baoban build --print`",
        );
    }
    version(ctx, out);
    if doc.is_encrypted() || doc.was_encrypted() {
        out.error(None, None, "encrypted: PDF/X forbids encryption");
    }
    info_keys(ctx, claimed, out);
    if doc.trailer.get(b"ID").is_err() {
        out.error(
            None,
            None,
            "no /ID in the trailer (PDF/X requires a file identifier)",
        );
    }
    output_intents(ctx, out);
    if ctx.standard == Standard::X4 && !xmp(doc).is_some_and(|x| x.contains("GTS_PDFXVersion")) {
        out.error(
            None,
            None,
            "PDF/X-4 without XMP metadata naming pdfxid:GTS_PDFXVersion",
        );
    }
    forbidden(ctx, out);
}

fn version(ctx: &Ctx, out: &mut Findings) {
    let v: f32 = ctx.doc.version.parse().unwrap_or(0.0);
    let max = ctx.standard.max_version();
    if v > max + 0.001 {
        out.error(
            None,
            None,
            format!(
                "PDF version {} is newer than {max:.1}, the highest the claimed standard allows",
                ctx.doc.version
            ),
        );
    }
}

fn info_keys(ctx: &Ctx, claimed: Option<&str>, out: &mut Findings) {
    let Some(info) = info(ctx.doc) else {
        out.error(
            None,
            None,
            "no Info dictionary (PDF/X needs Title, dates and Trapped)",
        );
        return;
    };
    for key in ["Title", "CreationDate", "ModDate"] {
        if info.get(key.as_bytes()).is_err() {
            out.error(None, None, format!("Info has no /{key}"));
        }
    }
    match ctx.get(info, b"Trapped").map(|t| t.as_name()) {
        Some(Ok(b"True" | b"False")) => {}
        Some(_) => out.error(None, None, "Info /Trapped must be /True or /False"),
        None => out.error(None, None, "Info has no /Trapped (/True or /False)"),
    }
    if ctx.standard == Standard::X1a {
        let conf = info
            .get(b"GTS_PDFXConformance")
            .ok()
            .and_then(|c| text(ctx.doc, c));
        if !conf.as_deref().is_some_and(|c| c.starts_with("PDF/X-1a")) {
            out.error(
                None,
                None,
                format!(
                    "{} without Info /GTS_PDFXConformance (PDF/X-1a:2003)",
                    claimed.unwrap_or("PDF/X-1")
                ),
            );
        }
    }
}

fn output_intents(ctx: &Ctx, out: &mut Findings) {
    let intents: Vec<&lopdf::Dictionary> = ctx
        .doc
        .catalog()
        .ok()
        .and_then(|c| ctx.get(c, b"OutputIntents"))
        .and_then(|o| o.as_array().ok())
        .map(|a| a.iter().filter_map(|i| ctx.dict(i)).collect())
        .unwrap_or_default();
    let pdfx: Vec<_> = intents
        .iter()
        .filter(|i| ctx.get(i, b"S").and_then(|s| s.as_name().ok()) == Some(b"GTS_PDFX"))
        .collect();
    let oi = match pdfx.as_slice() {
        [one] => one,
        [] => {
            out.error(
                None,
                None,
                "no output intent with /S /GTS_PDFX (which printing condition is this for?)",
            );
            return;
        }
        more => {
            out.error(
                None,
                None,
                format!(
                    "{} output intents with /S /GTS_PDFX; PDF/X allows one",
                    more.len()
                ),
            );
            return;
        }
    };
    let profile = ctx.get(oi, b"DestOutputProfile");
    let ident = oi
        .get(b"OutputConditionIdentifier")
        .ok()
        .and_then(|i| text(ctx.doc, i));
    match ident.as_deref() {
        None => out.error(None, None, "output intent has no OutputConditionIdentifier"),
        Some("Custom") | Some("") if profile.is_none() => out.error(
            None,
            None,
            "output intent names no registered condition and embeds no profile",
        ),
        _ => {}
    }
    if ctx.standard == Standard::X4 && profile.is_none() {
        out.error(
            None,
            None,
            "PDF/X-4 output intent without an embedded DestOutputProfile",
        );
    }
    if let Some(p) = profile {
        let n = ctx
            .dict(p)
            .and_then(|d| ctx.get(d, b"N"))
            .and_then(|n| n.as_i64().ok());
        if n != Some(4) {
            out.error(
                None,
                oi.get(b"DestOutputProfile")
                    .ok()
                    .and_then(|r| r.as_reference().ok()),
                "the output profile is not CMYK (/N 4); newsprint is printed in CMYK",
            );
        }
    }
}

/// JavaScript and LZW, which no PDF/X allows.
fn forbidden(ctx: &Ctx, out: &mut Findings) {
    let js = ctx
        .doc
        .catalog()
        .ok()
        .and_then(|c| ctx.get(c, b"Names"))
        .and_then(|n| ctx.dict(n))
        .is_some_and(|n| n.has(b"JavaScript"));
    if js {
        out.error(
            None,
            None,
            "JavaScript in the document (forbidden in PDF/X)",
        );
    }
    for (&id, obj) in &ctx.doc.objects {
        if let Object::Stream(s) = obj
            && s.filters()
                .is_ok_and(|f| f.iter().any(|f| *f == b"LZWDecode"))
        {
            out.error(None, Some(id), "LZW-compressed stream (forbidden in PDF/X)");
        }
    }
}
