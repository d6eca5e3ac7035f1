//! Building: what the command line (or a calling program) decides, resolved once into
//! [`BuildOptions`] before composing; a [`Session`] that composes plans with fonts and shaping
//! kept between builds; and the [`Composition`] it returns, which writes the PDF, the dump and
//! the fit report. Nothing here changes the job after it was composed.

use crate::error::{Error, Result};
use crate::{display, flow, font, layout, model, page, pdf, report, shape};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod auto;
mod outputs;
pub use crate::layout::auto::{Cost, Part};
pub use auto::AutoLayout;
pub use outputs::check_outputs;

/// What a build is asked for, decided before composing. More options will come: build it
/// with [`BuildOptions::default`] and the `with_` methods.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct BuildOptions {
    /// Compose each page's proof layer (grid, numbered regions, overset and underset, stamp).
    pub proof_marks: bool,
    /// The print shop's CMYK output profile, instead of the template's `[print] output_profile`.
    pub output_profile: Option<PathBuf>,
}

impl BuildOptions {
    /// The same, with the proof layer composed or not.
    pub fn with_proof_marks(mut self, on: bool) -> Self {
        self.proof_marks = on;
        self
    }

    /// The same, with the print shop's output profile `icc` (or the template's, for `None`).
    pub fn with_output_profile(mut self, icc: Option<PathBuf>) -> Self {
        self.output_profile = icc;
        self
    }
}

/// A composed plan: pages of the display list and a report per article.
#[derive(Debug)]
pub struct Composition {
    /// The validated input.
    pub job: model::Job,
    /// The fonts of the template.
    pub fonts: Arc<font::FontBook>,
    /// Display-list pages.
    pub pages: Vec<display::Page>,
    /// One report per article.
    pub articles: Vec<page::ArticleReport>,
    /// The output profile print files embed: the option's, else the template's.
    output_profile: Option<PathBuf>,
    /// Photos whose image file is missing, one message each.
    missing: Vec<String>,
    /// Grid cells left empty, page by page.
    holes: Vec<page::Hole>,
    /// Characters no font has (set as 〓) and variation selectors dropped.
    coverage: font::Coverage,
    /// Font subsets made for earlier PDFs of this session.
    subsets: Arc<pdf::SubsetCache>,
}

impl Composition {
    /// Articles whose text did not fit, with their overset.
    pub fn overset(&self) -> impl Iterator<Item = (&page::ArticleReport, flow::Overset)> {
        self.articles.iter().filter_map(|a| match a.stop {
            flow::Stop::Overset(o) => Some((a, o)),
            flow::Stop::Done { .. } => None,
        })
    }

    /// The fit report: per article, lines used and available, overset, underset, 孤字/孤行.
    pub fn fit_report(&self) -> report::FitReport {
        report::FitReport {
            date: self.job.edition.date.to_string(),
            pages: self.pages.len(),
            articles: self.articles.iter().map(report::ArticleFit::of).collect(),
            holes: self.holes.clone(),
            missing_characters: self.coverage.missing.clone(),
        }
    }

    /// The layout dump of all pages, then one fit line per article.
    pub fn dump(&self) -> String {
        display::dump(&self.pages) + &report::fit_lines(&self.articles, &self.holes)
    }

    /// The proof PDF of all pages (with the proof layer if it was composed).
    pub fn pdf(&self) -> Result<Vec<u8>> {
        self.pdf_for(pdf::Intent::Proof)
    }

    /// The PDF of all pages for `intent` (proof, or PDF/X-1a or PDF/X-4 for print). A print
    /// file refuses missing photos and RGB photos: the plate gets neither a placeholder nor a
    /// guessed conversion.
    pub fn pdf_for(&self, intent: pdf::Intent) -> Result<Vec<u8>> {
        self.pdf_of(&self.pages, intent)
    }

    /// One PDF per page for `intent`, in page order, each a whole file (a PDF/X file of its
    /// own for print): what `--split-pages` writes for a plate-setter that takes pages one by
    /// one.
    pub fn page_pdfs(&self, intent: pdf::Intent) -> Result<Vec<(u32, Vec<u8>)>> {
        (self.pages.iter().enumerate())
            .map(|(i, p)| Ok((p.number, self.pdf_of(&self.pages[i..=i], intent)?)))
            .collect()
    }

    /// The PDF of `pages` (some or all of the composition's) for `intent`.
    fn pdf_of(&self, pages: &[display::Page], intent: pdf::Intent) -> Result<Vec<u8>> {
        if intent.is_print() {
            self.check_photos_for_print()?;
            self.check_characters("print output")?;
        }
        let d = self.job.edition.date;
        let opts = pdf::PdfOptions {
            title: self.title(pages),
            date: (d.year, d.month, d.day),
            intent,
            output_condition: self.job.template.print.output_condition.clone(),
            output_profile: self.output_profile(intent)?,
        };
        let pdf = crate::timing::stage("pdf", || {
            pdf::write_cached(pages, &self.fonts, &opts, &self.subsets)
        })?;
        self.fonts.check_unchanged()?;
        Ok(pdf)
    }

    /// Grid cells nothing fills (holes), page by page: cells no rectangle covers and the empty
    /// foot of regions left two or more lines short.
    pub fn holes(&self) -> &[page::Hole] {
        &self.holes
    }

    /// Layout taboos (撞题, 通缝) of every page, read off the laid-out plans.
    pub fn taboos(&self) -> Vec<page::Taboo> {
        let columns = self.job.template.grid.columns;
        (self.job.pages.iter())
            .flat_map(|p| page::taboos(&p.plan, columns))
            .collect()
    }

    /// Characters no font has (each set as 〓) and variation selectors no font applies
    /// (dropped), with where they are.
    pub fn coverage(&self) -> &font::Coverage {
        &self.coverage
    }

    /// The warnings of the build as diagnostics, in input order: characters set as 〓,
    /// variation selectors dropped, Traditional articles in mainland faces.
    pub fn diagnostics(&self) -> Vec<crate::Diagnostic> {
        use crate::{Diagnostic, Severity};
        let c = &self.coverage;
        let chars = c.missing.iter().chain(&c.selectors);
        let mut out: Vec<Diagnostic> = chars.map(|m| m.diagnostic(Severity::Warning)).collect();
        out.extend(c.mainland_faces.iter().map(|m| match m.split_once(": ") {
            Some((file, what)) => Diagnostic::warning(file, what).split_hint(),
            None => Diagnostic::general(Severity::Warning, m.as_str()),
        }));
        out
    }

    /// Refuses, naming every one, when a character is in no font: `what` (print output, a
    /// strict build) sets no 〓.
    pub fn check_characters(&self, what: &str) -> Result<()> {
        let missing = &self.coverage.missing;
        if missing.is_empty() {
            return Ok(());
        }
        let list: Vec<String> = missing.iter().map(|m| format!("  {m}")).collect();
        Err(Error::invalid(
            &self.job.edition.path,
            format!(
                "{} character(s) are in no font, and {what} sets no 〓:\n{}",
                missing.len(),
                list.join("\n")
            ),
        ))
    }

    /// Photos whose file is missing (drawn as placeholders).
    pub fn missing_photos(&self) -> &[String] {
        &self.missing
    }

    fn check_photos_for_print(&self) -> Result<()> {
        self.check_placeholders_for_print()?;
        if let Some(m) = self.missing.first() {
            return Err(Error::invalid(
                &self.job.edition.path,
                format!("{m}; print output needs every photo (or remove `image` for no photo)"),
            ));
        }
        let rgb = self
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .find_map(|i| match i {
                display::Item::Image { image, .. } if image.color == model::ImageColor::Rgb => {
                    Some(image)
                }
                _ => None,
            });
        match rgb {
            Some(img) => Err(Error::invalid(
                &img.path,
                "an RGB photo cannot go to a newsprint plate: convert it to greyscale or CMYK with the print shop's profile (RGB is kept for proofs only)",
            )),
            None => Ok(()),
        }
    }

    /// Every photo without an image is marked `empty = true`: a print file never carries the
    /// placeholder cross, and leaves a frame blank only when the plan says so.
    fn check_placeholders_for_print(&self) -> Result<()> {
        let mut errors = Vec::new();
        for pj in &self.job.pages {
            let plan = &pj.plan;
            let photos = plan.photos.iter().zip(&pj.images);
            for (p, _) in photos.filter(|(p, i)| matches!(i, model::PhotoImage::None) && !p.empty) {
                errors.push(plan.error_at(
                    &plan.key_of(&p.id),
                    format!(
                        "photo '{}' has no image, and a print file never carries the placeholder; give image = \"…\", or empty = true to leave the frame blank on the plate",
                        p.id
                    ),
                ));
            }
        }
        Error::all(errors)
    }

    /// The title of a document of `pages`: paper (or template) name, pages and date.
    fn title(&self, pages: &[display::Page]) -> String {
        let e = &self.job.edition;
        let name = e.paper.as_deref().unwrap_or(&self.job.template.name);
        match (pages.first(), pages.last()) {
            (Some(a), Some(b)) if a.number != b.number => {
                format!("{name} 第{}–{}版 {}", a.number, b.number, e.date)
            }
            (Some(a), _) => format!("{name} 第{}版 {}", a.number, e.date),
            _ => format!("{name} {}", e.date),
        }
    }

    /// The output profile for `intent`, read and checked; PDF/X-4 cannot be written without one.
    fn output_profile(&self, intent: pdf::Intent) -> Result<Option<Vec<u8>>> {
        let Some(path) = &self.output_profile else {
            if intent == pdf::Intent::PdfX4 {
                return Err(Error::invalid(
                    &self.job.template.path,
                    "PDF/X-4 needs an output profile: add output_profile = \"….icc\" (the print shop's CMYK profile) to [print]",
                ));
            }
            return Ok(None);
        };
        if !intent.is_print() {
            return Ok(None);
        }
        model::read_output_profile(path).map(Some)
    }
}

/// Reads a page plan (or edition) with its template, articles and fonts, and composes it
/// (no proof marks; see [`Session::compose_with`]).
pub fn compose(plan: &Path) -> Result<Composition> {
    Session::default().compose(plan)
}

/// Builds that share loaded fonts and shaped paragraphs, for rebuilding the same plan again
/// and again (watch mode): a rebuild reshapes only the paragraphs that changed.
#[derive(Debug, Default)]
pub struct Session {
    fonts: Option<(BTreeMap<String, model::FontFile>, Arc<font::FontBook>)>,
    shapes: shape::ShapeCache,
    subsets: Arc<pdf::SubsetCache>,
}

impl Session {
    /// Reads and composes `plan` with default options.
    pub fn compose(&mut self, plan: &Path) -> Result<Composition> {
        self.compose_with(plan, &BuildOptions::default())
    }

    /// Reads and composes `plan` as `options` say, reusing fonts (while the template names the
    /// same files) and shaping. Font files edited in place are not noticed: start a new
    /// session for those.
    pub fn compose_with(&mut self, plan: &Path, options: &BuildOptions) -> Result<Composition> {
        self.compose_from(&model::Sources::disk(), plan, options)
    }

    /// Composes the plan (or edition) at `plan` with the inputs `sources` gives in memory —
    /// the plan itself, its articles, captions and photos, the template — and the rest from
    /// disk (the fonts): how a program composes without writing files. An input error comes
    /// back as an [`Error`] whose [`Error::diagnostics`] point into the texts given.
    pub fn compose_from(
        &mut self,
        sources: &model::Sources,
        plan: &Path,
        options: &BuildOptions,
    ) -> Result<Composition> {
        let job = crate::timing::stage("load", || model::load_job_from(sources, plan))?;
        // Fonts are mapped, not read through `sources`, but confined sources refuse them too.
        for f in job.template.fonts.values() {
            sources.allow_disk(&f.path)?;
        }
        if let Some(icc) = &job.template.print.output_profile {
            sources.allow_disk(icc)?;
        }
        let fonts = self.fonts_for(&job.template)?;
        self.compose_job(job, (fonts, options), &layout::Bank::default())
    }

    /// The fonts of `template`: the session's while it names the same files, unchanged.
    fn fonts_for(&mut self, template: &model::Template) -> Result<Arc<font::FontBook>> {
        Ok(match &self.fonts {
            // A font file replaced since (fonts/build.sh run again under a server) is loaded
            // afresh, with the memos made from the old one forgotten.
            Some((paths, book)) if *paths == template.fonts && book.check_unchanged().is_ok() => {
                book.clone()
            }
            _ => {
                self.reset();
                let book =
                    font::FontBook::load(&template.fonts).map_err(|e| at_font(e, template))?;
                let book = Arc::new(book);
                self.fonts = Some((template.fonts.clone(), book.clone()));
                book
            }
        })
    }

    /// Composes a loaded job with `fonts`, the layout stage replaying the memos of `bank`.
    fn compose_job(
        &self,
        mut job: model::Job,
        (fonts, options): (Arc<font::FontBook>, &BuildOptions),
        bank: &layout::Bank,
    ) -> Result<Composition> {
        let coverage = crate::timing::stage("coverage", || font::coverage::check(&job, &fonts));
        // Blocks become rectangles (sized, pushed, copyfitted) before the pages are made up.
        let broken = crate::timing::stage("layout", || {
            layout::lay_out_with(&mut job, (&fonts, &self.shapes), bank)
        })?;
        let layout = crate::timing::stage("make-up", || {
            page::make_up(&job, (&fonts, &self.shapes, &broken), options.proof_marks)
        })?;
        let output_profile =
            (options.output_profile.clone()).or_else(|| job.template.print.output_profile.clone());
        Ok(Composition {
            job,
            fonts,
            pages: layout.pages,
            articles: layout.articles,
            output_profile,
            missing: layout.missing,
            holes: layout.holes,
            coverage,
            subsets: self.subsets.clone(),
        })
    }

    /// The same session keeping font subsets as files in `dir` too, for builds by later
    /// processes (see [`pdf::SubsetCache::on_disk`]): a proof made again after an edit that
    /// left a font's glyphs as they were skips subsetting that font. Output is unchanged.
    pub fn with_subset_cache(mut self, dir: impl Into<PathBuf>) -> Self {
        self.subsets = Arc::new(pdf::SubsetCache::on_disk(dir));
        self
    }

    /// Font subsets taken from the session's cache (memory or folder) so far.
    pub fn reused_subsets(&self) -> usize {
        self.subsets.hits()
    }

    /// Paragraphs whose shaping was reused so far.
    pub fn reused_paragraphs(&self) -> usize {
        self.shapes.hits()
    }

    /// Forgets the loaded fonts and shaping (a font file changed).
    pub fn reset(&mut self) {
        self.fonts = None;
        self.shapes.clear();
        self.subsets = Arc::new(self.subsets.emptied());
    }
}

/// A font file's error placed at the template's `[fonts]` entry that names the file (the
/// line to fix), the path as the entry resolves it.
fn at_font(e: Error, template: &model::Template) -> Error {
    let Error::Font { path, message } = &e else {
        return e;
    };
    let Some(name) = (template.fonts.iter()).find_map(|(n, f)| (f.path == *path).then_some(n))
    else {
        return e;
    };
    let file = crate::model::lexical(path);
    model::error_at_key(
        &template.path,
        &template.source,
        &format!("fonts.{name}"),
        format!("font '{name}' ({}): {message}", file.display()),
    )
}

/// Every file a job reads: plans, edition, template, articles, captions, photos and fonts —
/// what watch mode watches.
pub fn inputs(job: &model::Job) -> Vec<PathBuf> {
    let mut out = vec![job.edition.path.clone(), job.template.path.clone()];
    out.extend(job.template.fonts.values().map(|f| f.path.clone()));
    for pj in &job.pages {
        out.push(pj.plan.path.clone());
        out.extend(pj.plan.articles.iter().map(|a| a.file.clone()));
        for p in &pj.plan.photos {
            out.extend(p.caption.clone());
            out.extend(p.image.clone());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, then a rename, so
/// a reader never sees half a PDF.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_all_atomic(&[(path, bytes)])
}

/// Writes each `(path, bytes)` atomically, all or none: every file goes to a temporary file
/// beside it first, and only when all of them are written whole are they renamed into place.
/// A failure (a full disk, a missing folder, an unwritable report path) names the output,
/// says that nothing was written, and leaves no temporary file behind — so a PDF is never
/// left beside a report that failed.
pub fn write_all_atomic(files: &[(&Path, &[u8])]) -> Result<()> {
    static SEQ: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let mut temps: Vec<PathBuf> = Vec::new();
    let failed = |temps: &[PathBuf], path: &Path, e: std::io::Error| {
        temps.iter().for_each(|t| drop(std::fs::remove_file(t)));
        Error::Write {
            path: path.to_path_buf(),
            source: e,
        }
    };
    for (path, bytes) in files {
        let dir = (path.parent().filter(|p| !p.as_os_str().is_empty())).unwrap_or(Path::new("."));
        // A short name: the output's own may already be the longest a folder allows.
        let n = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = dir.join(format!(".baoban-{}-{n}.tmp", std::process::id()));
        temps.push(tmp.clone());
        std::fs::write(&tmp, bytes).map_err(|e| failed(&temps, path, e))?;
    }
    for (i, ((path, _), tmp)) in files.iter().zip(&temps).enumerate() {
        std::fs::rename(tmp, path).map_err(|e| failed(&temps[i..], path, e))?;
    }
    Ok(())
}
