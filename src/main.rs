//! The `baoban` command: build a page plan into a PDF, or print its layout dump.

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "baoban",
    version,
    about = "Typesets Chinese newspaper pages into print-ready PDF"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compose a page plan and write the PDF.
    Build {
        /// The page plan (page.toml).
        plan: PathBuf,
        /// Output PDF.
        #[arg(short, long)]
        output: PathBuf,
        /// Treat overset (text that did not fit) as an error.
        #[arg(long)]
        strict: bool,
        /// Also write the layout dump to this file.
        #[arg(long)]
        dump: Option<PathBuf>,
        /// Write PDF/X-1a:2003 for the plate (newsprint output intent) instead of a proof.
        #[arg(long)]
        print: bool,
    },
    /// Print the layout dump of a page plan (one line per placed line).
    Dump {
        /// The page plan (page.toml).
        plan: PathBuf,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("baoban: error: {e:#}");
            ExitCode::from(2)
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
            print,
        } => {
            let intent = if print {
                baoban::pdf::Intent::PdfX1a
            } else {
                baoban::pdf::Intent::Proof
            };
            build(&plan, &output, strict, dump, intent)
        }
        Command::Dump { plan } => {
            let c = baoban::compose(&plan)?;
            print!("{}", c.dump());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn build(
    plan: &Path,
    output: &Path,
    strict: bool,
    dump: Option<PathBuf>,
    intent: baoban::pdf::Intent,
) -> Result<ExitCode> {
    let start = Instant::now();
    let c = baoban::compose(plan)?;
    let mut over_articles = 0;
    for (a, o) in c.overset() {
        eprintln!(
            "overset: article '{}': {} lines, {} characters did not fit its {} frame lines",
            a.id, o.lines, o.chars, a.capacity
        );
        over_articles += 1;
    }
    if strict && over_articles > 0 {
        bail!(
            "{over_articles} article(s) overset and --strict was given; cut text or enlarge frames (no PDF written)"
        );
    }
    let pdf = c.pdf_for(intent)?;
    baoban::write_atomic(output, &pdf).with_context(|| format!("writing {}", output.display()))?;
    if let Some(d) = dump {
        baoban::write_atomic(&d, c.dump().as_bytes())?;
    }
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let lines: u32 = c.articles.iter().map(|a| a.lines).sum();
    let over_lines: u32 = c.overset().map(|(_, o)| o.lines).sum();
    let over_chars: usize = c.overset().map(|(_, o)| o.chars).sum();
    println!(
        "{}: {} page, {} articles, {} lines, overset {} lines ({} characters) in {} articles, {:.0} ms",
        output.display(),
        c.pages.len(),
        c.articles.len(),
        lines,
        over_lines,
        over_chars,
        over_articles,
        ms
    );
    Ok(ExitCode::SUCCESS)
}
