//! The proof desk: one page in the browser with the pages as images, the fit report and the
//! problems of the last build of the served plan. A thread rebuilds the plan whenever one of
//! its inputs is saved (the watch session's caches behind it) and the page hears of it by
//! server-sent events.

use super::Shared;
use super::reply::{self, error};
use crate::watch::InputWatch;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::sync::watch;

/// The desk's page: HTML and plain JS, shipped in the binary.
const PAGE: &str = include_str!("desk.html");

/// The served plan's latest build, as the desk shows it.
pub struct Desk {
    latest: watch::Receiver<Arc<Snapshot>>,
    /// The served folder (paths in problems are shown relative to it).
    root: PathBuf,
}

/// One build of the served plan.
struct Snapshot {
    /// Counts builds from 1 (0: the first is still running).
    generation: u64,
    /// Whether this build succeeded.
    ok: bool,
    /// The last build that succeeded (this one, or the one before an input broke).
    proof: Option<Arc<Proof>>,
    /// This build's problems: an input error's diagnostics, or the warnings.
    diagnostics: Vec<Value>,
    /// How long the build took.
    ms: f64,
}

/// A page image: page index, proof marks, dpi.
type ImageKey = (usize, bool, u32);

/// A composed proof and the page images made of it so far.
struct Proof {
    composition: baoban::Composition,
    /// The proof PDF, written the first time it is asked for.
    pdf: std::sync::OnceLock<Arc<Vec<u8>>>,
    /// PNGs by page index, marks and dpi.
    images: Mutex<BTreeMap<ImageKey, Arc<Vec<u8>>>>,
}

impl Desk {
    /// Builds `plan` once and again after every change, on a thread of its own.
    pub fn start(plan: PathBuf, root: PathBuf) -> anyhow::Result<Desk> {
        let first = Snapshot {
            generation: 0,
            ok: false,
            proof: None,
            diagnostics: Vec::new(),
            ms: 0.0,
        };
        let (tx, latest) = watch::channel(Arc::new(first));
        let inputs = InputWatch::new()?;
        let folder = root.clone();
        std::thread::Builder::new()
            .name("desk".into())
            .spawn(move || keep_building(&plan, &folder, inputs, &tx))?;
        Ok(Desk { latest, root })
    }

    /// The latest build.
    fn now(&self) -> Arc<Snapshot> {
        self.latest.borrow().clone()
    }
}

/// The desk thread: build, publish, wait for a saved input, again.
fn keep_building(
    plan: &std::path::Path,
    root: &std::path::Path,
    mut inputs: InputWatch,
    tx: &watch::Sender<Arc<Snapshot>>,
) {
    let mut session = crate::session();
    let options = baoban::BuildOptions::default().with_proof_marks(true);
    for generation in 1.. {
        let start = Instant::now();
        // Confined as the API's builds are; a served folder that went away is this build's
        // error, never a fall back to the whole disk.
        let (built, sources) = match baoban::Sources::confined_to(root) {
            Ok(s) => (compose_caught(&mut session, &s, plan, &options), s),
            Err(e) => (Err(e.diagnostics()), baoban::Sources::disk()),
        };
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let previous = tx.borrow().proof.clone();
        tx.send_replace(Arc::new(Snapshot::of(
            built,
            (generation, ms),
            previous,
            root,
        )));
        match inputs.track(&sources, plan).and_then(|()| inputs.wait()) {
            Ok(true) => session.reset(),
            Ok(false) => {}
            Err(e) => {
                eprintln!("the desk stops refreshing: {e:#}");
                return;
            }
        }
    }
}

/// Composes `plan`, its error as diagnostics; a panic inside baoban (a bug) is that build's
/// error, and the desk goes on with a fresh session.
fn compose_caught(
    session: &mut baoban::Session,
    sources: &baoban::Sources,
    plan: &std::path::Path,
    options: &baoban::BuildOptions,
) -> Result<baoban::Composition, Vec<baoban::Diagnostic>> {
    let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        session.compose_from(sources, plan, options)
    }));
    match built {
        Ok(result) => result.map_err(|e| e.diagnostics()),
        Err(_) => {
            *session = crate::session();
            let message = "baoban failed inside on this build (a bug: please report it with the plan); save again to retry";
            Err(vec![baoban::Diagnostic::general(
                baoban::Severity::Error,
                message,
            )])
        }
    }
}

impl Snapshot {
    /// Build number `generation` (which took `ms`) as the desk shows it, logged: its proof, or
    /// its error over the `previous` proof.
    fn of(
        built: Result<baoban::Composition, Vec<baoban::Diagnostic>>,
        (generation, ms): (u64, f64),
        previous: Option<Arc<Proof>>,
        root: &std::path::Path,
    ) -> Snapshot {
        let (ok, diagnostics, proof) = match built {
            Ok(c) => {
                println!("desk build {generation}: {}, {ms:.0} ms", summary(&c));
                let diagnostics = reply::diagnostic_values(&c.diagnostics(), root);
                let images = Mutex::default();
                let proof = Arc::new(Proof {
                    composition: c,
                    pdf: std::sync::OnceLock::new(),
                    images,
                });
                (true, diagnostics, Some(proof))
            }
            Err(problems) => {
                println!(
                    "desk build {generation}: failed, {} problem(s)",
                    problems.len()
                );
                (false, reply::diagnostic_values(&problems, root), previous)
            }
        };
        Snapshot {
            generation,
            ok,
            proof,
            diagnostics,
            ms,
        }
    }
}

/// Pages, articles and overset of a build, for the server's log.
fn summary(c: &baoban::Composition) -> String {
    let over: u32 = c.overset().map(|(_, o)| o.lines).sum();
    format!(
        "{} page(s), {} article(s), overset {over} line(s)",
        c.pages.len(),
        c.articles.len()
    )
}

/// `GET /`: the desk.
pub async fn page() -> Html<&'static str> {
    Html(PAGE)
}

/// `GET /desk/state`: the latest build as JSON — pages with their regions (for the
/// highlight), the fit report, the problems.
pub async fn state(State(s): State<Shared>) -> Response {
    let snap = s.desk.now();
    let (pages, report) = match &snap.proof {
        Some(p) => {
            let c = &p.composition;
            let report = serde_json::to_value(c.fit_report()).unwrap_or_default();
            (c.pages.iter().map(page_value).collect(), report)
        }
        None => (Vec::new(), Value::Null),
    };
    let body = json!({
        "generation": snap.generation,
        "ok": snap.ok,
        "stale": !snap.ok && snap.proof.is_some(),
        "ms": (snap.ms * 10.0).round() / 10.0,
        "pages": pages,
        "report": report,
        "diagnostics": snap.diagnostics,
    });
    reply::json_reply(StatusCode::OK, &body)
}

/// A page's size and its articles' regions (left, top, width, height in points of the trim).
fn page_value(p: &baoban::display::Page) -> Value {
    let regions: Vec<Value> = p
        .regions()
        .map(|r| json!({ "owner": r.owner, "number": r.number, "of": r.of, "rect": r.rect }))
        .collect();
    json!({ "number": p.number, "width": p.width, "height": p.height, "regions": regions })
}

/// The query of a page image.
#[derive(Deserialize)]
pub struct ImageQuery {
    marks: Option<bool>,
    dpi: Option<u32>,
}

/// `GET /desk/page/{index}?marks=true&dpi=96`: page `index` (1-based) of the latest proof,
/// at the nearest of four resolutions.
pub async fn png(
    State(s): State<Shared>,
    UrlPath(index): UrlPath<String>,
    query: Result<Query<ImageQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Ok(Query(q)) = query else {
        return error(
            StatusCode::BAD_REQUEST,
            "query",
            "marks=true|false, dpi=N (set at the nearest of 48, 72, 96, 144)",
        );
    };
    let index: Option<usize> = index.trim_end_matches(".png").parse().ok();
    let snap = s.desk.now();
    let Some(proof) = snap.proof.clone() else {
        return error(
            StatusCode::NOT_FOUND,
            "not_built",
            "the plan has not built yet",
        );
    };
    let pages = proof.composition.pages.len();
    let Some(i) = index.and_then(|n| n.checked_sub(1)).filter(|i| *i < pages) else {
        return error(
            StatusCode::NOT_FOUND,
            "page",
            format!("the proof has pages 1 to {pages}"),
        );
    };
    // A few resolutions only, so a build's images are bounded (pages × 2 × 4).
    let asked = q.dpi.unwrap_or(96);
    let dpi = [48, 72, 96, 144]
        .into_iter()
        .min_by_key(|d: &u32| d.abs_diff(asked));
    let key = (i, q.marks.unwrap_or(true), dpi.unwrap_or(96));
    let made = tokio::task::spawn_blocking(move || proof.image(key)).await;
    match made {
        Ok(Ok(png)) => {
            let headers = [
                (header::CONTENT_TYPE, "image/png"),
                (header::CACHE_CONTROL, "no-cache"),
            ];
            (StatusCode::OK, headers, png.as_ref().clone()).into_response()
        }
        Ok(Err(e)) => reply::diagnostics(&e, &s.desk.root),
        Err(_) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "rendering the page failed",
        ),
    }
}

impl Proof {
    /// The proof PDF, written once per build.
    fn pdf(&self) -> baoban::Result<Arc<Vec<u8>>> {
        if let Some(pdf) = self.pdf.get() {
            return Ok(pdf.clone());
        }
        let pdf = Arc::new(self.composition.pdf()?);
        Ok(self.pdf.get_or_init(|| pdf).clone())
    }

    /// The PNG of `(page index, marks, dpi)`, rendered once.
    fn image(&self, key: ImageKey) -> baoban::Result<Arc<Vec<u8>>> {
        if let Some(png) = self.images.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return Ok(png);
        }
        let c = &self.composition;
        let raster = baoban::render::render(&c.pages[key.0], &c.fonts, key.2 as f32, key.1)?;
        let png = Arc::new(baoban::render::encode_png(&raster)?);
        if let Ok(mut m) = self.images.lock() {
            m.insert(key, png.clone());
        }
        Ok(png)
    }
}

/// `GET /desk/proof.pdf`: the latest proof as PDF, with its marks layer.
pub async fn pdf(State(s): State<Shared>) -> Response {
    let Some(proof) = s.desk.now().proof.clone() else {
        return error(
            StatusCode::NOT_FOUND,
            "not_built",
            "the plan has not built yet",
        );
    };
    match tokio::task::spawn_blocking(move || proof.pdf()).await {
        Ok(Ok(pdf)) => {
            let pdf = pdf.as_ref().clone();
            ([(header::CONTENT_TYPE, "application/pdf")], pdf).into_response()
        }
        Ok(Err(e)) => reply::diagnostics(&e, &s.desk.root),
        Err(_) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "writing the PDF failed",
        ),
    }
}

/// `GET /desk/events`: an event `build` (data: generation and whether it succeeded) now and
/// after every build.
pub async fn events(
    State(s): State<Shared>,
) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
    let rx = s.desk.latest.clone();
    let stream = futures_util::stream::unfold((rx, true), |(mut rx, first)| async move {
        if !first {
            rx.changed().await.ok()?;
        }
        let event = {
            let snap = rx.borrow_and_update();
            let data = json!({ "generation": snap.generation, "ok": snap.ok });
            Event::default()
                .event("build")
                .id(snap.generation.to_string())
                .data(data.to_string())
        };
        Some((Ok(event), (rx, false)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}
