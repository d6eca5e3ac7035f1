//! FontBook: the fonts a template names, loaded once, with coverage and metrics. Styles refer to
//! fonts by name; a style's font list is its fallback chain.

pub mod coverage;
mod mapped;

pub use coverage::{CharAt, Coverage};

use crate::error::{Error, Result};
use crate::model::{FaceSelector, FontFile};
use skrifa::raw::FileRef;
use skrifa::raw::TableProvider;
use skrifa::{FontRef, MetadataProvider, Tag, instance::Size, string::StringId};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Index of a face in its [`FontBook`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FontId(pub u16);

/// Outline format of a face, which decides how the PDF embeds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outlines {
    /// PostScript outlines (`CFF ` table): embedded as CIDFontType0.
    Cff,
    /// TrueType outlines (`glyf`): embedded as CIDFontType2.
    TrueType,
}

/// Font-wide metrics in font units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaceMetrics {
    /// Units per em.
    pub upem: f32,
    /// Typographic ascent (for CJK fonts, the top of the ideographic em box).
    pub ascent: f32,
    /// Typographic descent, negative.
    pub descent: f32,
    /// Capital height.
    pub cap_height: f32,
    /// Font bounding box `[x0, y0, x1, y1]`.
    pub bbox: [f32; 4],
}

/// One loaded font face.
pub struct Face {
    /// Name in the template's `[fonts]`.
    pub name: String,
    /// File it was read from.
    pub path: PathBuf,
    /// Index of the face in its file (0 unless the file is a collection).
    pub index: u32,
    /// PostScript name from the `name` table.
    pub postscript_name: String,
    /// Outline format.
    pub outlines: Outlines,
    /// Font-wide metrics.
    pub metrics: FaceMetrics,
    data: Arc<mapped::Mapped>,
    shaping: harfrust::Font,
    /// The shaping plans made for this face, horizontal and vertical: a plan depends on the
    /// face, direction, script, language and features only, so it is compiled once, not
    /// for every run of text (it was 9 % of shaping).
    plans: [std::sync::OnceLock<harfrust::ShapePlan>; 2],
    /// Which characters of the Basic Multilingual Plane the face maps, found on first ask.
    covered: Covered,
}

/// A two-bit memo per BMP character (asked, mapped): choosing a font along a fallback chain
/// asks the cmap two or three times per character of every paragraph, and a CJK font's
/// cmap lookup is a binary search over thousands of segments (measured on the seed page with
/// callgrind: 9.2 M instructions in `map_unicode`, 6 % of the build).
struct Covered(Box<[std::sync::atomic::AtomicU32]>);

impl Covered {
    fn new() -> Self {
        Covered((0..0x10000 / 16).map(|_| Default::default()).collect())
    }

    /// Whether `c` is mapped, `lookup` asked only the first time for a BMP character.
    fn get(&self, c: char, lookup: impl FnOnce() -> bool) -> bool {
        use std::sync::atomic::Ordering::Relaxed;
        let cp = c as usize;
        let Some(word) = self.0.get(cp / 16) else {
            return lookup();
        };
        let shift = (cp % 16) * 2;
        let bits = word.load(Relaxed) >> shift;
        if bits & 1 != 0 {
            return bits & 2 != 0;
        }
        let mapped = lookup();
        // Racing threads store the same answer: the face's cmap does not change.
        word.fetch_or((1 | (mapped as u32) << 1) << shift, Relaxed);
        mapped
    }
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face")
            .field("name", &self.name)
            .field("path", &self.path)
            .finish()
    }
}

impl Face {
    /// Reads and checks a face of a font file (a collection's by index or PostScript name).
    pub fn load(name: &str, file: &FontFile) -> Result<Face> {
        let path = &file.path;
        let data = mapped::Mapped::open(path).map_err(|e| Error::Font {
            path: path.to_path_buf(),
            message: format!("cannot read font: {e}; run fonts/build.sh or fix the path in the template's [fonts]"),
        })?;
        let bad = |m: String| Error::Font {
            path: path.to_path_buf(),
            message: m,
        };
        let index = face_index(data.as_ref(), &file.face).map_err(bad)?;
        let font = FontRef::from_index(data.as_ref(), index)
            .map_err(|e| bad(format!("not an OpenType font: {e}")))?;
        check_whole(&font, data.as_ref().len()).map_err(bad)?;
        let outlines = if font.table_data(Tag::new(b"CFF ")).is_some() {
            Outlines::Cff
        } else if font.table_data(Tag::new(b"glyf")).is_some() {
            Outlines::TrueType
        } else {
            return Err(bad(
                "no CFF or glyf outlines (CFF2 and bitmap fonts are not supported)".into(),
            ));
        };
        check_tables(&font).map_err(bad)?;
        check_embeddable(&font).map_err(bad)?;
        let postscript_name = postscript_name(&font).unwrap_or_else(|| name.to_string());
        let metrics = face_metrics(&font);
        let data = Arc::new(data);
        let blob: Arc<dyn AsRef<[u8]> + Send + Sync> = data.clone();
        let shaping = harfrust::Font::new(blob, index)
            .ok_or_else(|| bad("harfrust cannot read the font".into()))?;
        Ok(Face {
            name: name.to_string(),
            path: path.to_path_buf(),
            index,
            postscript_name,
            outlines,
            metrics,
            data,
            shaping,
            plans: Default::default(),
            covered: Covered::new(),
        })
    }

    /// The face as skrifa reads it.
    pub fn font_ref(&self) -> Option<FontRef<'_>> {
        FontRef::from_index(self.data.as_ref().as_ref(), self.index).ok()
    }

    /// The raw font file.
    pub fn data(&self) -> &[u8] {
        self.data.as_ref().as_ref()
    }

    /// Whether the font file changed (shrunk, rewritten) since the face was loaded: what was
    /// read from it since may be wrong, so no output is written from it.
    pub fn changed(&self) -> bool {
        self.data.changed(&self.path)
    }

    /// The font as the shaper sees it.
    pub fn shaping_font(&self) -> &harfrust::Font {
        &self.shaping
    }

    /// The face's shaping plan for horizontal or `vertical` text, made by `make` the first
    /// time it is asked for.
    pub fn shape_plan(
        &self,
        vertical: bool,
        make: impl FnOnce() -> harfrust::ShapePlan,
    ) -> &harfrust::ShapePlan {
        self.plans[vertical as usize].get_or_init(make)
    }

    /// Whether the face maps `c` to a glyph.
    pub fn covers(&self, c: char) -> bool {
        (self.covered).get(c, || self.shaping.charmap().map_unicode(c).is_some())
    }

    /// The glyph the face maps `c` to.
    pub fn glyph_of(&self, c: char) -> Option<u16> {
        let gid = self.shaping.charmap().map_unicode(c)?;
        u16::try_from(gid.to_u32()).ok()
    }

    /// Per-glyph metrics (advances, ink bounds). Make it once per run of glyphs: it parses
    /// the font's table directory.
    pub fn glyph_metrics(&self) -> GlyphMetrics<'_> {
        let m = self
            .font_ref()
            .map(|f| f.glyph_metrics(Size::unscaled(), skrifa::instance::LocationRef::default()));
        GlyphMetrics {
            metrics: m,
            upem: self.metrics.upem,
        }
    }
}

/// Glyph advances and bounds of one face, in font units.
pub struct GlyphMetrics<'a> {
    metrics: Option<skrifa::metrics::GlyphMetrics<'a>>,
    upem: f32,
}

impl GlyphMetrics<'_> {
    /// Advance of glyph `gid` from `hmtx` (1 em when the font has none).
    pub fn advance(&self, gid: u16) -> f32 {
        self.metrics
            .as_ref()
            .and_then(|m| m.advance_width(gid.into()))
            .unwrap_or(self.upem)
    }

    /// Horizontal ink extent of glyph `gid` and its advance: `(x_min, x_max, advance)`;
    /// `None` for a glyph without outline bounds.
    pub fn ink_extent(&self, gid: u16) -> Option<(f32, f32, f32)> {
        let m = self.metrics.as_ref()?;
        let b = m.bounds(gid.into())?;
        Some((b.x_min, b.x_max, m.advance_width(gid.into())?))
    }
}

/// The PostScript name (name ID 6) of `font`, printable ASCII only.
fn postscript_name(font: &FontRef) -> Option<String> {
    (font.localized_strings(StringId::POSTSCRIPT_NAME))
        .english_or_first()
        .map(|s| s.chars().filter(|c| c.is_ascii_graphic()).collect())
}

/// The index of the face `face` names in the font file `data`: a collection's faces are
/// counted from 0 or found by PostScript name; a single font is face 0.
fn face_index(data: &[u8], face: &FaceSelector) -> std::result::Result<u32, String> {
    let file =
        FileRef::new(data).map_err(|e| format!("not an OpenType font or collection: {e}"))?;
    let faces: Vec<FontRef> = file.fonts().filter_map(|f| f.ok()).collect();
    let names = || {
        let n: Vec<String> = (faces.iter().enumerate())
            .map(|(i, f)| format!("{i}: {}", postscript_name(f).unwrap_or_default()))
            .collect();
        n.join(", ")
    };
    match face {
        FaceSelector::Index(i) if (*i as usize) < faces.len() => Ok(*i),
        FaceSelector::Index(i) => Err(format!(
            "the file has {} face(s), no face {i}; its faces are {}",
            faces.len(),
            names()
        )),
        FaceSelector::Name(n) => (faces.iter())
            .position(|f| postscript_name(f).as_deref() == Some(n.as_str()))
            .map(|i| i as u32)
            .ok_or_else(|| format!("no face named '{n}'; its faces are {}", names())),
    }
}

/// OS/2 fsType bit 1 (restricted licence) forbids embedding; refuse such a font by name.
/// The tables the pipeline reads must be there and parse: a font without `maxp` or `hmtx`
/// set every paragraph on one line at zero width and said nothing.
/// Every table the directory lists lies inside the file: a font cut short (a download or
/// copy that stopped) is named so, not taken for an unsupported format.
fn check_whole(font: &FontRef, len: usize) -> std::result::Result<(), String> {
    let records = font.table_directory.table_records();
    let past = records
        .iter()
        .find(|r| r.offset() as usize + r.length() as usize > len);
    match past {
        Some(r) => Err(format!(
            "the font file is cut short: its '{}' table ends at byte {} but the file has {len} bytes (a copy or download that stopped); copy the font again, or run fonts/build.sh",
            r.tag(),
            r.offset() as usize + r.length() as usize
        )),
        None => Ok(()),
    }
}

fn check_tables(font: &FontRef) -> std::result::Result<(), String> {
    use skrifa::raw::TableProvider;
    let missing = [
        ("head", font.head().is_err()),
        ("hhea", font.hhea().is_err()),
        ("maxp", font.maxp().is_err()),
        ("hmtx", font.hmtx().is_err()),
        ("cmap", font.cmap().is_err()),
    ];
    match missing.iter().find(|(_, m)| *m) {
        Some((table, _)) => Err(format!(
            "the font has no readable '{table}' table (a damaged or partial file); run fonts/build.sh or replace the file"
        )),
        None => Ok(()),
    }
}

fn check_embeddable(font: &FontRef) -> std::result::Result<(), String> {
    let fs_type = font.os2().map(|t| t.fs_type()).unwrap_or(0);
    if fs_type & 0x000F == 0x0002 {
        return Err(
            "the font's licence forbids embedding (OS/2 fsType = restricted); use another font"
                .into(),
        );
    }
    Ok(())
}

fn face_metrics(font: &FontRef) -> FaceMetrics {
    let m = font.metrics(Size::unscaled(), skrifa::instance::LocationRef::default());
    let (ascent, descent) = match font.os2() {
        Ok(os2) => (os2.s_typo_ascender() as f32, os2.s_typo_descender() as f32),
        Err(_) => (m.ascent, m.descent),
    };
    let bbox = m
        .bounds
        .map_or([0.0, descent, m.units_per_em as f32, ascent], |b| {
            [b.x_min, b.y_min, b.x_max, b.y_max]
        });
    FaceMetrics {
        upem: m.units_per_em as f32,
        ascent,
        descent,
        cap_height: m.cap_height.unwrap_or(ascent * 0.8),
        bbox,
    }
}

/// All faces of a template, by name.
#[derive(Debug, Default)]
pub struct FontBook {
    faces: Vec<Face>,
    by_name: BTreeMap<String, FontId>,
}

impl FontBook {
    /// Loads every font of `fonts` (name → file and face).
    pub fn load(fonts: &BTreeMap<String, FontFile>) -> Result<FontBook> {
        let mut book = FontBook::default();
        for (name, file) in fonts {
            let face = Face::load(name, file)?;
            book.by_name
                .insert(name.clone(), FontId(book.faces.len() as u16));
            book.faces.push(face);
        }
        Ok(book)
    }

    /// Refuses the build's output if a font file changed while the build read it (a face
    /// read from a file rewritten underneath is wrong, not just old).
    pub fn check_unchanged(&self) -> Result<()> {
        match self.faces.iter().find(|f| f.changed()) {
            Some(f) => Err(Error::Font {
                path: f.path.clone(),
                message: "the font file changed while this build read it, so nothing was \
                          written; build again once it is saved whole"
                    .into(),
            }),
            None => Ok(()),
        }
    }

    /// The face with id `id`.
    pub fn face(&self, id: FontId) -> &Face {
        &self.faces[id.0 as usize]
    }

    /// All faces with their ids.
    pub fn faces(&self) -> impl Iterator<Item = (FontId, &Face)> {
        self.faces
            .iter()
            .enumerate()
            .map(|(i, f)| (FontId(i as u16), f))
    }

    /// The ids of the named fonts, in order (names were validated with the template).
    pub fn chain(&self, names: &[String]) -> Vec<FontId> {
        names
            .iter()
            .filter_map(|n| self.by_name.get(n).copied())
            .collect()
    }

    /// The first font of `chain` that covers `c`.
    pub fn face_for(&self, chain: &[FontId], c: char) -> Option<FontId> {
        chain.iter().copied().find(|&id| self.face(id).covers(c))
    }
}
