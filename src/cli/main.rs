//! The `baoban` command: build a page plan into a PDF, or print its layout dump.

/// mimalloc, measured against the system's malloc in whole processes (see Cargo.toml): a
/// build allocates and frees much (shaping, subsetting) and gets its memory from the kernel
/// in fewer, larger steps.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

mod diagnostics;
mod layout;
#[cfg(feature = "serve")]
mod serve;
mod watch;

use diagnostics::{DiagnosticFormat, Usage, emit_error, note};

use baoban::BuildOptions;
use baoban::pdf::Intent;
use baoban::preflight::CheckLimits;

#[derive(Parser)]
#[command(
    name = "baoban",
    version,
    about = "Typesets Chinese newspaper pages into print-ready PDF",
    after_help = "Exit status: 0 done (warnings allowed); 1 input errors, overset or holes under \
                  --strict, or a failed preflight (no output written); 2 usage errors (bad \
                  arguments)."
)]
struct Cli {
    /// How problems are printed on stderr: `human` (file:line:col: error: message, the line
    /// with a caret, `= hint: …`) or `json` (one JSON object per line, for editorial systems).
    #[arg(long, global = true, value_enum, default_value_t = DiagnosticFormat::Human)]
    diagnostic_format: DiagnosticFormat,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compose a page plan and write the PDF.
    Build {
        /// The page plan (page.toml).
        plan: PathBuf,
        /// Output PDF (default: the plan's name with .pdf; `-` for stdout).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Treat overset (text that did not fit) and holes (grid cells left empty) as errors.
        #[arg(long)]
        strict: bool,
        /// Also write the layout dump to this file.
        #[arg(long)]
        dump: Option<PathBuf>,
        /// Write the fit report (JSON) to this file and print it as a table on stderr.
        #[arg(long)]
        report: Option<PathBuf>,
        /// Write PDF/X for the plate (newsprint output intent) instead of a proof, then
        /// preflight it; the build fails if the preflight does.
        #[arg(long)]
        print: bool,
        /// Which PDF/X: 1a (PDF/X-1a:2003, the default) or 4 (PDF/X-4, needs the template's
        /// [print] output_profile). Implies --print.
        #[arg(long, value_name = "VERSION")]
        pdfx: Option<PdfX>,
        /// The print shop's CMYK output profile (ICC) to embed, instead of the template's
        /// [print] output_profile.
        #[arg(long, value_name = "ICC")]
        profile: Option<PathBuf>,
        /// Add proof marks (grid, numbered frames, overset and underset, 校样 stamp) in a
        /// layer of their own.
        #[arg(long, conflicts_with_all = ["print", "pdfx"])]
        proof: bool,
        /// Also write each page as a PDF of its own, `DIR/page-N.pdf` (N the page number;
        /// each a PDF/X file, preflighted, with --print).
        #[arg(long, value_name = "DIR")]
        split_pages: Option<PathBuf>,
    },
    /// Build a proof: the page with proof marks in a layer that can be hidden (build --proof).
    Proof {
        /// The page plan or edition.
        plan: PathBuf,
        /// Output PDF (default: the plan's name with .pdf; `-` for stdout).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Also write the fit report (JSON) to this file.
        #[arg(long)]
        report: Option<PathBuf>,
    },
    /// Preflight a PDF for newsprint: PDF/X keys, boxes, fonts, colours, text, images.
    Check {
        /// The PDF to check (any PDF, not only baoban's).
        pdf: PathBuf,
        /// Highest total ink coverage of a colour, in percent.
        #[arg(long, default_value_t = 240.0)]
        ink_limit: f32,
        /// Lowest effective image resolution before a warning, in ppi.
        #[arg(long, default_value_t = 200.0)]
        min_ppi: f32,
        /// `text` (one line per finding and a summary) or `json` (one object, on stdout).
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Render the pages to PNG (no external tools): `DIR/page-N.png`.
    Render {
        /// The page plan or edition.
        plan: PathBuf,
        /// Folder for the PNG files (created if missing).
        #[arg(long = "png", value_name = "DIR")]
        dir: PathBuf,
        /// Resolution.
        #[arg(long, default_value_t = 72.0)]
        dpi: f32,
        /// Include the proof marks.
        #[arg(long)]
        proof: bool,
    },
    /// Rebuild a proof whenever the plan, an article, the template, a photo or a font changes.
    Watch {
        /// The page plan or edition.
        plan: PathBuf,
        /// Output PDF (default: the plan's name with .pdf).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Stop after this many builds (for scripts and tests; default: run until interrupted).
        #[arg(long, hide = true)]
        builds: Option<u32>,
    },
    /// Lay out a docket (排版单: articles, priorities, photos) automatically: write the page
    /// plan it chose (block syntax, for `build`) and build it.
    Layout {
        /// The docket (order.toml).
        docket: PathBuf,
        /// Output PDF (default: the docket's name with .pdf; `-` for stdout).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Where to write the chosen page plan.
        #[arg(long)]
        plan: PathBuf,
        /// Print the chosen page's cost, part by part.
        #[arg(long)]
        explain: bool,
        /// Treat overset and holes as errors (as `build --strict`).
        #[arg(long)]
        strict: bool,
        /// Write the fit report (JSON) to this file and print it as a table on stderr.
        #[arg(long)]
        report: Option<PathBuf>,
        /// Add proof marks in a layer of their own.
        #[arg(long)]
        proof: bool,
    },
    /// Print the layout dump of a page plan (one line per placed line).
    Dump {
        /// The page plan (page.toml).
        plan: PathBuf,
    },
    /// Serve a proof desk for the plan in the browser (pages, fit report, refreshed on every
    /// save) and an HTTP API (POST /api/build, GET /api/health) for editorial systems.
    #[cfg(feature = "serve")]
    Serve {
        /// The page plan or edition the desk shows.
        plan: PathBuf,
        /// Port to listen on (0: any free port, printed at start).
        #[arg(long, default_value_t = 7777)]
        port: u16,
        /// Address to listen on; the default serves this machine only.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The served folder: no build reads a file outside it (default: the current folder).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Largest request body the API takes, in bytes.
        #[arg(long, default_value_t = 8 << 20)]
        max_body: usize,
        /// Longest an API build may take, in seconds, waiting for its turn included.
        #[arg(long, default_value_t = 30.0)]
        build_timeout: f64,
        /// API builds at once (the rest wait their turn).
        #[arg(long, default_value_t = 4)]
        max_builds: usize,
    },
}

/// How `check` prints its report.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ReportFormat {
    /// One line per finding, `file: error: page 1: …`, then a summary.
    Text,
    /// One JSON object: the findings and the verdict.
    Json,
}

/// The PDF/X versions `--pdfx` takes.
#[derive(Clone, Copy, clap::ValueEnum)]
enum PdfX {
    /// PDF/X-1a:2003 (PDF 1.4, CMYK only, no transparency).
    #[value(name = "1a")]
    X1a,
    /// PDF/X-4 (PDF 1.6, XMP, embedded output profile).
    #[value(name = "4")]
    X4,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    diagnostics::set_format(cli.diagnostic_format);
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            emit_error(&e);
            match e.downcast_ref::<Usage>() {
                Some(_) => ExitCode::from(2),
                None => ExitCode::FAILURE,
            }
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Build {
            plan,
            output,
            strict,
            dump,
            report,
            print,
            pdfx,
            profile,
            proof,
            split_pages,
        } => {
            let intent = match (print, pdfx) {
                (_, Some(PdfX::X4)) => Intent::PdfX4,
                (true, _) | (_, Some(PdfX::X1a)) => Intent::PdfX1a,
                (false, None) => Intent::Proof,
            };
            let out = Output {
                path: output.unwrap_or_else(|| beside(&plan)),
                dump,
                report,
                intent,
                profile,
                proof,
                split: split_pages,
            };
            build(&plan, &out, strict)
        }
        Command::Proof {
            plan,
            output,
            report,
        } => {
            let output = output.unwrap_or_else(|| beside(&plan));
            build(&plan, &Output::proof(output, report, true), false)
        }
        Command::Check {
            pdf,
            ink_limit,
            min_ppi,
            format,
        } => check(
            &pdf,
            CheckLimits {
                ink_limit,
                min_ppi,
                ..CheckLimits::default()
            },
            format,
        ),
        Command::Render {
            plan,
            dir,
            dpi,
            proof,
        } => render(&plan, &dir, dpi, proof),
        Command::Watch {
            plan,
            output,
            builds,
        } => {
            let output = output.unwrap_or_else(|| beside(&plan));
            if output == Path::new("-") {
                return Err(Usage::error(
                    "watch writes a file again and again; give -o a file name, not -",
                ));
            }
            watch::run(&plan, &output, builds)
        }
        Command::Layout {
            docket,
            output,
            plan,
            explain,
            strict,
            report,
            proof,
        } => {
            let output = output.unwrap_or_else(|| beside(&docket));
            layout::run(
                &docket,
                &plan,
                &Output::proof(output, report, proof),
                (strict, explain),
            )
        }
        #[cfg(feature = "serve")]
        Command::Serve {
            plan,
            port,
            bind,
            root,
            max_body,
            build_timeout,
            max_builds,
        } => {
            if !(build_timeout > 0.0 && build_timeout <= 86_400.0) {
                return Err(Usage::error(
                    "--build-timeout takes a number of seconds above 0, at most a day (86400)",
                ));
            }
            let limits = serve::Limits {
                max_body,
                build_timeout: std::time::Duration::from_secs_f64(build_timeout),
                max_builds: max_builds.max(1),
            };
            let settings = serve::Settings {
                root,
                bind,
                port,
                limits,
            };
            serve::run(&plan, settings)
        }
        Command::Dump { plan } => {
            let c = baoban::compose(&plan)?;
            print!("{}", c.dump());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The default output of `input`: its name with `.pdf`, beside it.
fn beside(input: &Path) -> PathBuf {
    input.with_extension("pdf")
}

/// Whether `path` is `-`: the PDF goes to stdout.
fn is_stdout(path: &Path) -> bool {
    path == Path::new("-")
}

/// What `build` writes.
struct Output {
    path: PathBuf,
    dump: Option<PathBuf>,
    report: Option<PathBuf>,
    intent: Intent,
    profile: Option<PathBuf>,
    proof: bool,
    /// The folder for one PDF per page (`--split-pages`).
    split: Option<PathBuf>,
}

impl Output {
    /// Refuses outputs that are inputs of the build, the same file twice, or no regular file.
    fn check(&self, inputs: &[PathBuf], pages: &[u32]) -> Result<()> {
        let mut outs: Vec<(&str, &Path)> = Vec::new();
        if !is_stdout(&self.path) {
            outs.push(("-o", &self.path));
        }
        let split: Vec<PathBuf> = (self.split.iter())
            .flat_map(|dir| pages.iter().map(|n| page_file(dir, *n)))
            .collect();
        outs.extend(split.iter().map(|f| ("--split-pages", f.as_path())));
        outs.extend(self.report.as_deref().map(|r| ("--report", r)));
        outs.extend(self.dump.as_deref().map(|d| ("--dump", d)));
        Ok(baoban::check_outputs(inputs, &outs)?)
    }

    /// A proof to `path` (with the marks layer if `marks`), the fit report to `report`.
    fn proof(path: PathBuf, report: Option<PathBuf>, marks: bool) -> Self {
        Output {
            path,
            dump: None,
            report,
            intent: Intent::Proof,
            profile: None,
            proof: marks,
            split: None,
        }
    }
}

/// A build session; with `BAOBAN_SUBSET_CACHE=DIR` in the environment, font subsets are kept
/// in DIR between runs (a proof made again skips subsetting fonts whose glyphs are the same).
pub(crate) fn session() -> baoban::Session {
    match std::env::var_os("BAOBAN_SUBSET_CACHE").filter(|d| !d.is_empty()) {
        Some(dir) => baoban::Session::default().with_subset_cache(PathBuf::from(dir)),
        None => baoban::Session::default(),
    }
}

/// `baoban build` / `proof`: compose, report what did not fit, write the PDF (preflighted
/// first for print), the fit report and the dump, and print one summary line.
fn build(plan: &Path, out: &Output, strict: bool) -> Result<ExitCode> {
    let start = Instant::now();
    let (output, intent) = (out.path.as_path(), out.intent);
    let options = BuildOptions::default()
        .with_proof_marks(out.proof)
        .with_output_profile(out.profile.clone());
    let c = session().compose_with(plan, &options)?;
    let numbers: Vec<u32> = c.pages.iter().map(|p| p.number).collect();
    out.check(&baoban::inputs(&c.job), &numbers)?;
    let over_articles = baoban::timing::stage("report", || report_fit(&c));
    if strict {
        refuse_unfit(&c, over_articles)?;
    }
    if c.pages.len() > 8 {
        // A progress line for long editions: composing is done, the PDF comes next.
        eprintln!(
            "composed {} pages in {:.0} ms; writing the PDF…",
            c.pages.len(),
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
    let pdf = c.pdf_for(intent)?;
    if intent.is_print() {
        preflight(&c, output, &pdf)?;
    }
    let split = match &out.split {
        Some(dir) => page_files(&c, dir, intent)?,
        None => Vec::new(),
    };
    baoban::timing::stage("write", || write_outputs(&c, out, &pdf, &split))?;
    summary(&c, output, start);
    // The process ends here: the system takes the composition back at once, where freeing
    // a 96-page display list item by item took 40 ms.
    std::mem::forget(c);
    Ok(ExitCode::SUCCESS)
}

/// `--strict`: missing photos, characters in no font, overset and holes stop the build
/// before anything is written.
fn refuse_unfit(c: &baoban::Composition, over_articles: usize) -> Result<()> {
    if !c.missing_photos().is_empty() {
        bail!("photos are missing and --strict was given (no PDF written)");
    }
    c.check_characters("--strict")?;
    if over_articles > 0 {
        bail!(
            "{over_articles} article(s) overset and --strict was given; cut text or enlarge frames (no PDF written)"
        );
    }
    if !c.holes().is_empty() {
        bail!(
            "{} hole(s) on the page and --strict was given; fill them (longer text, a taller block, bottom = \"foot\") (no PDF written)",
            c.holes().len()
        );
    }
    Ok(())
}

/// Writes the PDF (to its file or stdout), the page files, the fit report and the dump,
/// each atomically.
fn write_outputs(
    c: &baoban::Composition,
    out: &Output,
    pdf: &[u8],
    split: &[(PathBuf, Vec<u8>)],
) -> Result<()> {
    // Every file, or none: a report path that cannot be written leaves no PDF behind.
    let mut files: Vec<(&Path, &[u8])> = Vec::new();
    if !is_stdout(&out.path) {
        files.push((&out.path, pdf));
    }
    if let Some(dir) = &out.split {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        files.extend(split.iter().map(|(f, b)| (f.as_path(), b.as_slice())));
    }
    let fit = out.report.as_ref().map(|_| c.fit_report());
    let report = fit.as_ref().map(|f| f.to_json());
    if let (Some(r), Some(json)) = (&out.report, &report) {
        files.push((r, json.as_bytes()));
    }
    let dump = out.dump.as_ref().map(|_| c.dump());
    if let (Some(d), Some(text)) = (&out.dump, &dump) {
        files.push((d, text.as_bytes()));
    }
    baoban::write_all_atomic(&files)?;
    if let Some(fit) = fit {
        eprint!("{}", fit.table());
    }
    if is_stdout(&out.path) {
        use std::io::Write;
        std::io::stdout()
            .write_all(pdf)
            .context("writing the PDF to stdout")?;
    }
    Ok(())
}

/// `DIR/page-N.pdf`, the file of page `n` under `--split-pages`.
fn page_file(dir: &Path, n: u32) -> PathBuf {
    dir.join(format!("page-{n}.pdf"))
}

/// `--split-pages`: each page as a PDF of its own, preflighted for print before any file is
/// written.
fn page_files(
    c: &baoban::Composition,
    dir: &Path,
    intent: Intent,
) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut files = Vec::new();
    for (n, pdf) in c.page_pdfs(intent)? {
        let file = page_file(dir, n);
        if intent.is_print() {
            preflight(c, &file, &pdf)?;
        }
        files.push((file, pdf));
    }
    Ok(files)
}

/// Prints every overset and underset article and every missing photo on stderr; returns the
/// number of overset articles.
fn report_fit(c: &baoban::Composition) -> usize {
    let mut over_articles = 0;
    for (a, o) in c.overset() {
        note(format!(
            "overset: article '{}': {} lines, {} characters did not fit its {} frame lines",
            a.id, o.lines, o.chars, a.capacity
        ));
        over_articles += 1;
    }
    for a in &c.articles {
        if let baoban::flow::Stop::Done { empty } = a.stop
            && empty > 0
        {
            note(format!(
                "underset: article '{}': {empty} of its {} frame lines left empty",
                a.id, a.capacity
            ));
        }
    }
    for a in &c.articles {
        if let Some(i) = &a.instruction {
            note(format!("copyfit: article '{}': {i}", a.id));
        }
    }
    for h in c.holes() {
        note(format!("hole: {h}"));
    }
    for t in c.taboos() {
        note(format!("taboo: {t}"));
    }
    for m in c.missing_photos() {
        note(format!("missing: {m}"));
    }
    for d in c.diagnostics() {
        diagnostics::emit(&d);
    }
    over_articles
}

/// Preflights a print file before it is written: a plate file that fails is not left where
/// the shop looks.
fn preflight(c: &baoban::Composition, output: &Path, pdf: &[u8]) -> Result<()> {
    let limits = CheckLimits {
        ink_limit: c.job.template.print.ink_limit,
        ..CheckLimits::default()
    };
    let report = baoban::preflight::check(output, pdf, limits)?;
    if !report.passed() {
        eprint!("{report}");
        bail!(
            "the print file fails its preflight (see above); {} not written",
            output.display()
        );
    }
    if report.warnings() > 0 {
        eprint!("{report}");
    }
    Ok(())
}

/// The one summary line — on stdout, or on stderr when the PDF went to stdout: pages,
/// articles, lines, overset, milliseconds.
fn summary(c: &baoban::Composition, output: &Path, start: Instant) {
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let lines: usize = c.articles.iter().map(|a| a.lines as usize).sum();
    let over_lines: usize = c.overset().map(|(_, o)| o.lines as usize).sum();
    let over_chars: usize = c.overset().map(|(_, o)| o.chars).sum();
    let line = format!(
        "{}: {}, {}, {}, overset {} ({}) in {}, {ms:.0} ms",
        if is_stdout(output) {
            "stdout".into()
        } else {
            output.display().to_string()
        },
        count(c.pages.len(), "page"),
        count(c.articles.len(), "article"),
        count(lines, "line"),
        count(over_lines, "line"),
        count(over_chars, "character"),
        count(c.overset().count(), "article"),
    );
    if is_stdout(output) {
        eprintln!("{line}");
    } else {
        println!("{line}");
    }
}

/// "1 page", "3 pages".
fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// `baoban check`: one line per problem and a summary (or the JSON report); exit 1 on failure.
fn check(pdf: &Path, limits: CheckLimits, format: ReportFormat) -> Result<ExitCode> {
    // NaN or infinity would silently turn a check off (every comparison false).
    if !(limits.ink_limit.is_finite() && (100.0..=400.0).contains(&limits.ink_limit)) {
        return Err(Usage::error(format!(
            "--ink-limit {}: give a total ink coverage from 100 to 400 (%)",
            limits.ink_limit
        )));
    }
    if !(limits.min_ppi.is_finite() && limits.min_ppi >= 0.0) {
        return Err(Usage::error(format!(
            "--min-ppi {}: give a resolution of 0 or more",
            limits.min_ppi
        )));
    }
    let bytes = std::fs::read(pdf).with_context(|| format!("reading {}", pdf.display()))?;
    let report = baoban::preflight::check(pdf, &bytes, limits)?;
    match format {
        ReportFormat::Json => print!("{}", report.to_json(pdf)),
        ReportFormat::Text => {
            for line in report.to_string().lines() {
                println!("{}: {line}", pdf.display());
            }
        }
    }
    Ok(if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// `baoban render`: one PNG per page.
fn render(plan: &Path, dir: &Path, dpi: f32, proof: bool) -> Result<ExitCode> {
    if !(1.0..=1200.0).contains(&dpi) {
        return Err(Usage::error(format!("--dpi {dpi}: give 1 to 1200")));
    }
    let options = BuildOptions::default().with_proof_marks(proof);
    let c = baoban::Session::default().compose_with(plan, &options)?;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for page in &c.pages {
        let raster = baoban::render::render(page, &c.fonts, dpi, proof)?;
        c.fonts.check_unchanged()?;
        let png = baoban::render::encode_png(&raster)?;
        let path = dir.join(format!("page-{}.png", page.number));
        baoban::write_atomic(&path, &png)?;
        println!("{}: {}×{} px", path.display(), raster.width, raster.height);
    }
    Ok(ExitCode::SUCCESS)
}
