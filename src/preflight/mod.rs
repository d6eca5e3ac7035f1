//! Preflight (`baoban check`): reads a PDF back and checks what a newspaper print shop checks
//! (newspaper.md, "What the print shop checks"): the PDF/X-1a or PDF/X-4 keys, page boxes,
//! embedded fonts, no RGB, no transparency in PDF/X-1a, black text K-only and overprinted, the
//! ink limit of colours and the resolution of images. It reads any PDF, not only ours, and says
//! per page and object what fails.

mod document;
mod inflate;
mod paint;
mod resources;

use crate::error::{Error, Result};
use lopdf::{Document, Object, ObjectId};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// How hard the checks are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CheckLimits {
    /// Highest total ink coverage of a colour, in percent (newsprint: 240).
    pub ink_limit: f32,
    /// Lowest effective image resolution before a warning, in pixels per inch.
    pub min_ppi: f32,
    /// The most one stream may inflate to, in bytes (a decompression bomb is not read).
    pub stream_bytes: usize,
    /// The most all streams of the file may inflate to together, in bytes.
    pub total_bytes: usize,
}

impl Default for CheckLimits {
    fn default() -> Self {
        CheckLimits {
            ink_limit: 240.0,
            min_ppi: 200.0,
            stream_bytes: 256 << 20,
            total_bytes: 1 << 30,
        }
    }
}

/// How bad a finding is (the same as a diagnostic's).
pub use crate::diagnostic::Severity;

/// One problem, where it is, and how many times it occurred there.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// Page number (1-based), or `None` for the document.
    pub page: Option<u32>,
    /// Error or warning.
    pub severity: Severity,
    /// The object (number, generation) the problem is in, if one.
    pub object: Option<ObjectId>,
    /// What is wrong and what to do.
    pub message: String,
    /// How often it occurred at this place.
    pub count: u32,
}

/// The result of a preflight.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The PDF/X version the file claims (`PDF/X-1:2003`, `PDF/X-4`), if any.
    pub standard: Option<String>,
    /// Number of pages.
    pub pages: u32,
    /// Problems in page order, identical ones counted once.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }

    /// True when nothing fails.
    pub fn passed(&self) -> bool {
        self.errors() == 0
    }

    /// The report as one JSON object (`check --format json`): `file`, `standard` (null when
    /// not PDF/X), `pages`, `passed`, `errors`, `warnings`, and `findings`, each with
    /// `severity`, `page` (null for the document), `object` (`"7 0 R"` or null), `message`
    /// and `count`.
    pub fn to_json(&self, file: &std::path::Path) -> String {
        let findings: Vec<serde_json::Value> = (self.findings.iter())
            .map(|x| {
                serde_json::json!({
                    "severity": x.severity.name(),
                    "page": x.page,
                    "object": x.object.map(|(n, g)| format!("{n} {g} R")),
                    "message": x.message,
                    "count": x.count,
                })
            })
            .collect();
        let report = serde_json::json!({
            "file": file.display().to_string(),
            "standard": self.standard,
            "pages": self.pages,
            "passed": self.passed(),
            "errors": self.errors(),
            "warnings": self.warnings(),
            "findings": findings,
        });
        serde_json::to_string_pretty(&report).expect("a JSON value") + "\n"
    }
}

impl fmt::Display for Report {
    /// One line per finding, then a summary line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for x in &self.findings {
            let kind = x.severity.name();
            let place = match x.page {
                Some(p) => format!("page {p}"),
                None => "document".into(),
            };
            let obj = x
                .object
                .map(|(n, g)| format!(", object {n} {g} R"))
                .unwrap_or_default();
            let times = if x.count > 1 {
                format!(" ({} times)", x.count)
            } else {
                String::new()
            };
            writeln!(f, "{kind}: {place}{obj}: {}{times}", x.message)?;
        }
        writeln!(
            f,
            "{}: {} page(s), {} error(s), {} warning(s): {}",
            self.standard.as_deref().unwrap_or("not PDF/X"),
            self.pages,
            self.errors(),
            self.warnings(),
            if self.passed() { "PASS" } else { "FAIL" }
        )
    }
}

/// Which rules apply: PDF/X-1a forbids what PDF/X-3 and -4 allow (colour-managed RGB), and
/// only PDF/X-4 allows transparency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standard {
    X1a,
    X3,
    X4,
    /// Not PDF/X (checked as PDF/X-1a, which it then fails).
    None,
}

impl Standard {
    /// RGB may appear (converted by the RIP through the output intent): a warning, not an
    /// error, since newsprint still wants CMYK.
    fn tolerates_rgb(self) -> bool {
        matches!(self, Standard::X3 | Standard::X4)
    }

    fn allows_transparency(self) -> bool {
        self == Standard::X4
    }

    /// The newest PDF version the standard is based on.
    fn max_version(self) -> f32 {
        if self == Standard::X4 { 1.6 } else { 1.4 }
    }
}

/// Collects findings, merging repeats at one place.
struct Findings(BTreeMap<(Option<u32>, Severity, Option<ObjectId>, String), u32>);

impl Findings {
    fn add(&mut self, page: Option<u32>, sev: Severity, obj: Option<ObjectId>, msg: String) {
        *self.0.entry((page, sev, obj, msg)).or_default() += 1;
    }

    fn error(&mut self, page: Option<u32>, obj: Option<ObjectId>, msg: impl Into<String>) {
        self.add(page, Severity::Error, obj, msg.into());
    }

    fn warn(&mut self, page: Option<u32>, obj: Option<ObjectId>, msg: impl Into<String>) {
        self.add(page, Severity::Warning, obj, msg.into());
    }
}

/// What the page and content checks share.
struct Ctx<'a> {
    doc: &'a Document,
    standard: Standard,
    limits: CheckLimits,
    /// Bytes the streams read so far inflated to (see `inflate`).
    inflated: std::cell::Cell<usize>,
}

impl Ctx<'_> {
    /// Follows a reference, giving the object and, if it was one, its id.
    fn resolve<'o>(&'o self, obj: &'o Object) -> (Option<ObjectId>, &'o Object) {
        match self.doc.dereference(obj) {
            Ok((id, o)) => (id, o),
            Err(_) => (None, &Object::Null),
        }
    }

    /// A dictionary entry, references followed.
    fn get<'o>(&'o self, dict: &'o lopdf::Dictionary, key: &[u8]) -> Option<&'o Object> {
        dict.get(key).ok().map(|o| self.resolve(o).1)
    }

    /// The dictionary of an object (a stream's dictionary for a stream), references followed.
    fn dict<'o>(&'o self, obj: &'o Object) -> Option<&'o lopdf::Dictionary> {
        match self.resolve(obj).1 {
            Object::Dictionary(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }
}

/// Preflights the PDF `bytes` read from `path` (named in errors).
pub fn check(path: &Path, bytes: &[u8], limits: CheckLimits) -> Result<Report> {
    let doc = Document::load_mem(bytes).map_err(|e| {
        Error::invalid(
            path,
            format!("cannot be read as a PDF ({e}); is it a PDF file, and complete?"),
        )
    })?;
    let mut out = Findings(BTreeMap::new());
    let claimed = document::claimed_version(&doc);
    let standard = match claimed.as_deref() {
        Some(v) if v.starts_with("PDF/X-1") => Standard::X1a,
        Some(v) if v.starts_with("PDF/X-3") => Standard::X3,
        Some(v) if v.starts_with("PDF/X-4") => Standard::X4,
        _ => Standard::None,
    };
    let ctx = Ctx {
        doc: &doc,
        standard,
        limits,
        inflated: std::cell::Cell::new(0),
    };
    document::check(&ctx, claimed.as_deref(), &mut out);
    let pages = doc.get_pages();
    for (&n, &id) in &pages {
        resources::check_page(&ctx, n, id, &mut out);
    }
    let findings = out
        .0
        .into_iter()
        .map(|((page, severity, object, message), count)| Finding {
            page,
            severity,
            object,
            message,
            count,
        })
        .collect();
    Ok(Report {
        standard: claimed,
        pages: pages.len() as u32,
        findings,
    })
}
