//! `baoban watch`: rebuild the proof on every change to any input, keeping fonts and shaped
//! paragraphs between builds, and print one summary line (and the problems) per build.

use super::count;
use super::diagnostics::note;
use anyhow::{Context, Result};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

/// Builds `plan` into `output`, then again after each change, `builds` times at most.
pub fn run(plan: &Path, output: &Path, builds: Option<u32>) -> Result<ExitCode> {
    let mut inputs = InputWatch::new()?;
    let mut session = super::session();
    let mut done = 0;
    loop {
        let start = Instant::now();
        let sources = baoban::Sources::disk();
        match build(&mut session, &sources, plan, output) {
            Ok(line) => println!("{line}, {:.0} ms", start.elapsed().as_secs_f64() * 1000.0),
            // A broken input is reported and watched on: fix it and save again.
            Err(e) => super::diagnostics::emit_error(&e),
        }
        done += 1;
        if builds.is_some_and(|b| done >= b) {
            return Ok(ExitCode::SUCCESS);
        }
        inputs.track(&sources, plan)?;
        if inputs.wait()? {
            session.reset();
        }
    }
}

/// The input files of the last build and a file watcher on their folders: what `watch` and
/// the `serve` desk wait on between builds.
pub struct InputWatch {
    watcher: notify::RecommendedWatcher,
    rx: mpsc::Receiver<notify::Result<notify::Event>>,
    /// Folders watched so far.
    watched: BTreeSet<PathBuf>,
    /// The files of the last build, absolute.
    inputs: BTreeSet<PathBuf>,
}

impl InputWatch {
    /// A watcher on nothing yet.
    pub fn new() -> Result<Self> {
        let (tx, rx) = mpsc::channel();
        let watcher = notify::recommended_watcher(tx).context("starting the file watcher")?;
        Ok(InputWatch {
            watcher,
            rx,
            watched: BTreeSet::new(),
            inputs: BTreeSet::new(),
        })
    }

    /// Watches every file a build through `sources` read or looked for, found or not, inside
    /// the plan's folder or not, and `plan` itself: a missing plan, or a broken article in
    /// ../other/, builds once it is saved.
    pub fn track(&mut self, sources: &baoban::Sources, plan: &Path) -> Result<()> {
        self.inputs = sources.tried().iter().map(|f| absolute(f)).collect();
        self.inputs.insert(absolute(plan));
        // Editors save by writing a new file and renaming it: watch the folders (the nearest
        // that exists, for a file in a folder yet to be made).
        for dir in self.inputs.iter().filter_map(|f| existing_folder(f)) {
            if self.watched.insert(dir.clone()) {
                self.watcher
                    .watch(&dir, RecursiveMode::NonRecursive)
                    .with_context(|| format!("watching {}", dir.display()))?;
            }
        }
        Ok(())
    }

    /// Blocks until a tracked input changes, then lets the burst of events settle (an
    /// editor's save is several); whether a font file was among them (the session's fonts
    /// must be loaded again).
    pub fn wait(&self) -> Result<bool> {
        wait_for_change(&self.rx, &self.inputs)
    }
}

/// One build; its summary line.
fn build(
    session: &mut baoban::Session,
    sources: &baoban::Sources,
    plan: &Path,
    output: &Path,
) -> Result<String> {
    let options = baoban::BuildOptions::default().with_proof_marks(true);
    let c = session.compose_from(sources, plan, &options)?;
    let files = baoban::inputs(&c.job);
    baoban::check_outputs(&files, &[("-o", output)])?;
    for (a, o) in c.overset() {
        note(format!(
            "overset: article '{}': {} lines, {} characters",
            a.id, o.lines, o.chars
        ));
    }
    for m in c.missing_photos() {
        note(format!("missing: {m}"));
    }
    for d in c.diagnostics() {
        super::diagnostics::emit(&d);
    }
    let pdf = c.pdf()?;
    baoban::write_atomic(output, &pdf)?;
    let over: u32 = c.overset().map(|(_, o)| o.lines).sum();
    Ok(format!(
        "{}: {}, {}, overset {}, {} reused",
        output.display(),
        count(c.pages.len(), "page"),
        count(c.articles.len(), "article"),
        count(over as usize, "line"),
        count(session.reused_paragraphs(), "paragraph"),
    ))
}

/// `p` made absolute, through links where it exists; a path that does not exist (yet) is its
/// nearest existing folder's real path joined with the rest, as the watcher will report it.
fn absolute(p: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(p) {
        return real;
    }
    let p = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut base = p.as_path();
    let mut rest = Vec::new();
    while let Some(parent) = base.parent() {
        rest.push(base.file_name().unwrap_or_default().to_owned());
        if let Ok(real) = std::fs::canonicalize(parent) {
            return rest.iter().rev().fold(real, |acc, part| acc.join(part));
        }
        base = parent;
    }
    p
}

/// The folder to watch for `file`: its own, or the nearest above it that exists.
fn existing_folder(file: &Path) -> Option<PathBuf> {
    file.ancestors()
        .skip(1)
        .find(|d| d.is_dir())
        .map(Path::to_path_buf)
}

/// Blocks until one of `inputs` changes, then lets the burst of events settle; whether a
/// font changed.
fn wait_for_change(
    rx: &mpsc::Receiver<notify::Result<notify::Event>>,
    inputs: &BTreeSet<PathBuf>,
) -> Result<bool> {
    // An input changed, or a folder on the way to one appeared.
    let touches = |e: &notify::Event| {
        e.paths.iter().any(|p| {
            let p = absolute(p);
            inputs.iter().any(|i| i.starts_with(&p))
        }) && !matches!(e.kind, notify::EventKind::Access(_))
    };
    loop {
        let event = rx.recv().context("the file watcher stopped")?;
        let Ok(event) = event else { continue };
        if !touches(&event) {
            continue;
        }
        let mut fonts_changed = is_font(&event);
        let settle = Instant::now() + Duration::from_millis(30);
        while let Ok(more) = rx.recv_timeout(settle.saturating_duration_since(Instant::now())) {
            if let Ok(e) = more {
                fonts_changed |= touches(&e) && is_font(&e);
            }
        }
        return Ok(fonts_changed);
    }
}

fn is_font(e: &notify::Event) -> bool {
    e.paths.iter().any(|p| {
        p.extension()
            .is_some_and(|x| ["otf", "ttf", "otc", "ttc"].contains(&x.to_string_lossy().as_ref()))
    })
}
