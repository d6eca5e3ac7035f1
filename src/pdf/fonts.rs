//! Font subsetting and embedding as CID-keyed Type0 fonts.

use super::subsets::SubsetCache;
use super::{Fnv, Ids, deflate};
use crate::display::{Page, Paint};
use crate::error::{Error, Result};
use crate::font::{FontBook, FontId, Outlines};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Glyphs used from one font: original gid → the text it stands for (first use wins).
pub(super) type Used = BTreeMap<FontId, BTreeMap<u16, String>>;

/// A font as embedded: its resource name and the mapping from original to subset glyph ids.
pub(super) struct Embedded {
    pub font: FontId,
    pub resource: String,
    pub font_ref: Ref,
    /// Original gid → CID in the subset, as pairs sorted by gid: the page streams look up
    /// every glyph by [`Embedded::cid`], a binary search in one array.
    pub cids: Vec<(u16, u16)>,
    /// CIDs whose ToUnicode entry is their text; others need ActualText.
    pub to_unicode: BTreeMap<u16, String>,
}

impl Embedded {
    /// The CID of glyph `gid`, which the page's glyph collection put in the subset.
    pub fn cid(&self, gid: u16) -> u16 {
        match self.cids.binary_search_by_key(&gid, |&(g, _)| g) {
            Ok(i) => self.cids[i].1,
            Err(_) => unreachable!("glyph {gid} was collected for the subset"),
        }
    }
}

/// Every glyph of every page with the text of its cluster when the cluster is one glyph.
pub(super) fn collect(pages: &[Page], proof_layer: bool) -> Used {
    // Page by page in parallel, merged pairwise in page order (rayon keeps the order of an
    // indexed iterator in a reduction): the first text a glyph stands for, in document
    // order, is kept, as one pass over the pages would keep it.
    (pages.par_iter())
        .map(|page| collect_page(page, proof_layer))
        .reduce(Used::new, merge_used)
}

/// `later`'s glyphs added to `first`'s, a glyph keeping the text it has in `first`.
fn merge_used(mut first: Used, later: Used) -> Used {
    for (font, glyphs) in later {
        let map = first.entry(font).or_default();
        if map.is_empty() {
            *map = glyphs;
            continue;
        }
        for (gid, text) in glyphs {
            keep_first_text(map.entry(gid).or_default(), || text);
        }
    }
    first
}

/// The glyphs of one page with their text (see [`collect`]).
fn collect_page(page: &Page, proof_layer: bool) -> Used {
    let mut used: Used = BTreeMap::new();
    for step in page.paint(proof_layer) {
        let Paint::Glyphs(run) = step else { continue };
        let map = used.entry(run.font).or_default();
        for (i, g) in run.glyphs.iter().enumerate() {
            let alone = run.glyphs.get(i + 1).is_none_or(|n| n.cluster != g.cluster)
                && (i == 0 || run.glyphs[i - 1].cluster != g.cluster);
            // A glyph of a many-to-one cluster stands for no text of its own.
            let text = || {
                if alone {
                    run.text[g.cluster.clone()].to_string()
                } else {
                    String::new()
                }
            };
            keep_first_text(map.entry(g.gid).or_default(), text);
        }
    }
    used
}

/// Gives a glyph the text `text` makes unless it already has one: the first use with text
/// wins (made only when needed: most glyphs of a page are met again and again).
fn keep_first_text(entry: &mut String, text: impl FnOnce() -> String) {
    if entry.is_empty() {
        *entry = text();
    }
}

/// A font subset, compressed, ready to write: the deflated font program (bare CFF or
/// TrueType). The expensive part of embedding, done in parallel across fonts and remembered
/// by glyph set (see [`SubsetCache`]).
pub(crate) type Prepared = Vec<u8>;

/// Each used font as it will be embedded, in font order: object numbers allocated, CIDs and
/// ToUnicode text decided — all the page streams need, before any subset is made.
pub(super) fn plan(ids: &mut Ids, used: &Used) -> Vec<Embedded> {
    let mut out = Vec::new();
    for (n, (&font, glyphs)) in used.iter().enumerate() {
        // The subsetter numbers glyphs in the order they are remapped: .notdef, then by gid.
        let mut remapper = subsetter::GlyphRemapper::new();
        let cids: Vec<(u16, u16)> = (glyphs.keys())
            .map(|&gid| (gid, remapper.remap(gid)))
            .collect();
        let to_unicode = (glyphs.values().zip(&cids))
            .filter(|(text, _)| !text.is_empty())
            .map(|(text, &(_, cid))| (cid, text.clone()))
            .collect();
        let font_ref = ids.next();
        // The CID font, descriptor, program and CMap take the next four numbers.
        for _ in 0..4 {
            ids.next();
        }
        out.push(Embedded {
            font,
            resource: format!("F{n}"),
            font_ref,
            cids,
            to_unicode,
        });
    }
    out
}

/// Subsets and compresses every used font, in parallel across fonts: the expensive part of
/// embedding, which the page streams are made beside.
pub(super) fn prepare_all(
    book: &FontBook,
    used: &Used,
    cache: &SubsetCache,
) -> Result<Vec<Arc<Prepared>>> {
    let fonts: Vec<(&FontId, &BTreeMap<u16, String>)> = used.iter().collect();
    fonts
        .par_iter()
        .map(|(font, glyphs)| prepare(book, **font, glyphs, cache))
        .collect()
}

/// Writes each planned font with its prepared program, in font order.
pub(super) fn write_all(
    pdf: &mut Pdf,
    book: &FontBook,
    (used, planned, prepared): (&Used, &[Embedded], &[Arc<Prepared>]),
) {
    for ((e, glyphs), p) in planned.iter().zip(used.values()).zip(prepared) {
        write_one(pdf, book, (e, glyphs, p));
    }
}

/// Subsets one font to `glyphs` and compresses it (or takes it from the cache).
fn prepare(
    book: &FontBook,
    font: FontId,
    glyphs: &BTreeMap<u16, String>,
    cache: &SubsetCache,
) -> Result<Arc<Prepared>> {
    let face = book.face(font);
    let gids: Vec<u16> = glyphs.keys().copied().collect();
    let key = cache.key(face, &gids);
    if let Some(p) = cache.get(&key) {
        return Ok(p);
    }
    let mut remapper = subsetter::GlyphRemapper::new();
    for &gid in glyphs.keys() {
        remapper.remap(gid);
    }
    let subset = subsetter::subset(face.data(), face.index, &remapper)
        .map_err(|e| Error::Pdf(format!("cannot subset {}: {e}", face.path.display())))?;
    let data = match face.outlines {
        Outlines::Cff => cff_table(&subset).ok_or_else(|| {
            Error::Pdf(format!(
                "subset of {} has no CFF table",
                face.path.display()
            ))
        })?,
        Outlines::TrueType => subset.as_slice(),
    };
    let p = Arc::new(deflate(data));
    cache.put(&key, p.clone());
    Ok(p)
}

/// Writes one font: the Type0 font, its CID font with widths, the descriptor, the subset
/// program and the ToUnicode CMap, in that object order (the numbers [`plan`] gave).
fn write_one(
    pdf: &mut Pdf,
    book: &FontBook,
    (e, glyphs, prepared): (&Embedded, &BTreeMap<u16, String>, &Prepared),
) {
    let face = book.face(e.font);
    let n = e.font_ref.get();
    let (type0, cid_ref, desc_ref, file_ref, cmap_ref) = (
        e.font_ref,
        Ref::new(n + 1),
        Ref::new(n + 2),
        Ref::new(n + 3),
        Ref::new(n + 4),
    );
    let base = format!(
        "{}+{}",
        subset_tag(&face.postscript_name, glyphs),
        face.postscript_name
    );
    let base = Name(base.as_bytes());
    pdf.type0_font(type0)
        .base_font(base)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_ref)
        .to_unicode(cmap_ref);
    cid_font(pdf, face, (cid_ref, desc_ref), base, &e.cids);
    descriptor(pdf, face, (desc_ref, file_ref), base);
    let mut s = pdf.stream(file_ref, prepared);
    s.filter(Filter::FlateDecode);
    if face.outlines == Outlines::Cff {
        s.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    }
    s.finish();
    to_unicode(pdf, cmap_ref, glyphs, &e.cids);
}

/// The character collection of every font: Adobe-Identity-0.
const SYSTEM: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// The CID font: CFF → CIDFontType0, TrueType → CIDFontType2, with the subset's widths.
fn cid_font(
    pdf: &mut Pdf,
    face: &crate::font::Face,
    (cid_ref, desc_ref): (Ref, Ref),
    base: Name,
    cids: &[(u16, u16)],
) {
    let scale = 1000.0 / face.metrics.upem;
    let mut cid = pdf.cid_font(cid_ref);
    let subtype = if face.outlines == Outlines::Cff {
        CidFontType::Type0
    } else {
        CidFontType::Type2
    };
    cid.subtype(subtype)
        .base_font(base)
        .system_info(SYSTEM)
        .font_descriptor(desc_ref)
        .default_width(1000.0);
    if subtype == CidFontType::Type2 {
        cid.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    let hmtx = face.glyph_metrics();
    let mut w = cid.widths();
    for &(gid, c) in cids {
        w.consecutive(c, [hmtx.advance(gid) * scale]);
    }
}

/// The font descriptor, pointing at the embedded program.
fn descriptor(
    pdf: &mut Pdf,
    face: &crate::font::Face,
    (desc_ref, file_ref): (Ref, Ref),
    base: Name,
) {
    let m = &face.metrics;
    let scale = 1000.0 / m.upem;
    let mut d = pdf.font_descriptor(desc_ref);
    d.name(base)
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(
            m.bbox[0] * scale,
            m.bbox[1] * scale,
            m.bbox[2] * scale,
            m.bbox[3] * scale,
        ))
        .italic_angle(0.0)
        .ascent(m.ascent * scale)
        .descent(m.descent * scale)
        .cap_height(m.cap_height * scale)
        .stem_v(80.0);
    match face.outlines {
        Outlines::Cff => d.font_file3(file_ref),
        Outlines::TrueType => d.font_file2(file_ref),
    };
}

/// The ToUnicode CMap of the glyphs that map back one-to-one.
fn to_unicode(pdf: &mut Pdf, cmap_ref: Ref, glyphs: &BTreeMap<u16, String>, cids: &[(u16, u16)]) {
    let mut cmap = UnicodeCmap::new(Name(b"Custom"), SYSTEM);
    // `cids` holds the glyphs' keys in the same (gid) order.
    for (text, &(_, cid)) in glyphs.values().zip(cids) {
        if !text.is_empty() {
            cmap.pair_with_multiple(cid, text.chars());
        }
    }
    let cmap = cmap.finish();
    pdf.cmap(cmap_ref, &deflate(cmap.as_slice()))
        .filter(Filter::FlateDecode);
}

/// The bare CFF table of an OpenType font (what `FontFile3 /CIDFontType0C` holds).
fn cff_table(otf: &[u8]) -> Option<&[u8]> {
    use skrifa::raw::{FontRef, TableProvider};
    let font = FontRef::new(otf).ok()?;
    let _ = font.head();
    font.table_data(skrifa::Tag::new(b"CFF "))
        .map(|d| d.as_bytes())
}

/// Six capital letters derived from the font and its glyph set, as PDF subset names need.
fn subset_tag(name: &str, glyphs: &BTreeMap<u16, String>) -> String {
    let mut h = Fnv::new();
    h.write(name.as_bytes());
    for g in glyphs.keys() {
        h.write(&g.to_be_bytes());
    }
    let mut v = h.value();
    (0..6)
        .map(|_| {
            let c = (b'A' + (v % 26) as u8) as char;
            v /= 26;
            c
        })
        .collect()
}
