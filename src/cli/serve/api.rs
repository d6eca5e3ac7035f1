//! The JSON API: `POST /api/build` composes a plan sent inline (the library's in-memory
//! entry point) and answers with the PDF, a page as PNG, the fit report or the layout dump;
//! `GET /api/health` says the server is up.

use super::reply::{self, Refused, error, json_reply};
use super::{Limits, Shared};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{HeaderName, StatusCode, header};
use axum::response::{IntoResponse, Response};
use baoban::pdf::Intent;
use serde::Deserialize;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::sync::Semaphore;

/// The builders behind the API: the served folder, the limits, and sessions (fonts loaded,
/// shaping remembered) that concurrent builds take one each.
pub struct Api {
    root: PathBuf,
    limits: Limits,
    turns: Arc<Semaphore>,
    sessions: Mutex<Vec<baoban::Session>>,
    started: Instant,
}

/// A build request's body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BuildRequest {
    /// The page plan (or edition), as TOML text.
    plan: String,
    /// Where the plan sits in the served folder (default `page.toml`): the paths it names are
    /// read from beside it.
    #[serde(default)]
    path: Option<String>,
    /// Other inputs by path, relative to the plan's folder as the plan names them: articles,
    /// captions, the template as text, photos as `{"base64": …}`. Anything not given is read
    /// from the served folder.
    #[serde(default)]
    files: BTreeMap<String, FileBody>,
}

/// A file of a build request: text, or bytes in base64 (a photo).
#[derive(Deserialize)]
#[serde(untagged)]
enum FileBody {
    /// UTF-8 text.
    Text(String),
    /// Bytes, base64-encoded (RFC 4648, with padding).
    Bytes {
        /// The encoded bytes.
        base64: String,
    },
}

/// A build request's query: `?format=pdf|png|report|dump&print=true&marks=true&page=N&dpi=D`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuildQuery {
    format: Option<String>,
    print: Option<bool>,
    marks: Option<bool>,
    page: Option<usize>,
    dpi: Option<f32>,
}

/// What a request asks the build for, from its query.
#[derive(Clone, Copy)]
struct Asked {
    format: Format,
    intent: Intent,
    /// The proof layer (grid, numbered frames, overset marks), in the PDF and the PNG.
    marks: bool,
}

/// What the build answers with.
#[derive(Clone, Copy)]
enum Format {
    Pdf,
    Png { page: usize, dpi: f32 },
    Report,
    Dump,
}

impl Api {
    /// Builders over `root` (its real path) held to `limits`.
    pub fn new(root: PathBuf, limits: Limits) -> Self {
        Api {
            root,
            limits,
            turns: Arc::new(Semaphore::new(limits.max_builds.max(1))),
            sessions: Mutex::new(Vec::new()),
            started: Instant::now(),
        }
    }

    /// A session of the pool, or a new one.
    fn take_session(&self) -> baoban::Session {
        let mut pool = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        pool.pop().unwrap_or_else(crate::session)
    }

    /// Puts a session back in the pool for the next build.
    fn give_back(&self, session: baoban::Session) {
        let mut pool = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        pool.push(session);
    }
}

/// `GET /api/health`: the server is up; its version, uptime and limits.
pub async fn health(State(s): State<Shared>) -> Response {
    let limits = s.api.limits;
    json_reply(
        StatusCode::OK,
        &json!({
            "status": "ok",
            "version": env!("CARGO_PKG_VERSION"),
            "uptime_s": s.api.started.elapsed().as_secs(),
            "limits": {
                "max_body_bytes": limits.max_body,
                "build_timeout_s": limits.build_timeout.as_secs_f64(),
                "max_builds": limits.max_builds,
            }
        }),
    )
}

/// `POST /api/build`: compose the plan in the body; the answer as `?format=` asks.
pub async fn build(
    State(s): State<Shared>,
    query: Result<Query<BuildQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    match build_reply(s.api, query, body).await {
        Ok(reply) | Err(reply) => reply,
    }
}

/// The reply to a build request: every check, a turn, the build on a blocking thread, all
/// within the time limit.
async fn build_reply(
    api: Arc<Api>,
    query: Result<Query<BuildQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Response> {
    let deadline = tokio::time::Instant::now() + api.limits.build_timeout;
    let Query(query) = query.map_err(|e| error(StatusCode::BAD_REQUEST, "query", e.body_text()))?;
    let asked = parse_query(&query).map_err(|e| *e)?;
    let body = body.map_err(body_error)?;
    let request: BuildRequest = serde_json::from_slice(&body).map_err(|e| {
        let message = format!(
            "the body is not a build request ({e}); send JSON: {{\"plan\": \"…TOML…\", \"path\": \"page.toml\", \"files\": {{\"news.txt\": \"…\"}}}}"
        );
        error(StatusCode::BAD_REQUEST, "request", message)
    })?;
    let (sources, plan) = request_sources(&api.root, request).map_err(|e| *e)?;
    let turn = tokio::time::timeout_at(deadline, api.turns.clone().acquire_owned())
        .await
        .map_err(|_| timed_out(api.limits))?
        .map_err(|_| {
            error(
                StatusCode::SERVICE_UNAVAILABLE,
                "closed",
                "the server is stopping",
            )
        })?;
    let builder = api.clone();
    let job = tokio::task::spawn_blocking(move || {
        // The turn is held until the build ends, even one whose caller timed out: the
        // number of builds running stays bounded.
        let _turn = turn;
        let mut session = builder.take_session();
        let reply = compose_reply(&builder.root, &mut session, (&sources, &plan), asked);
        builder.give_back(session);
        reply
    });
    match tokio::time::timeout_at(deadline, job).await {
        Err(_) => Err(timed_out(api.limits)),
        Ok(Err(_panic)) => Err(error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the build failed inside baoban (a bug: please report it with the request)",
        )),
        Ok(Ok(reply)) => Ok(reply),
    }
}

/// The reply for a build over the time limit (504).
fn timed_out(limits: Limits) -> Response {
    let limit = limits.build_timeout.as_secs_f64();
    let message = format!(
        "the build took longer than the server's limit of {limit} s; send a smaller edition or raise --build-timeout"
    );
    error(StatusCode::GATEWAY_TIMEOUT, "timeout", message)
}

/// The reply for a body that could not be read: too large (413), or cut off.
fn body_error(e: BytesRejection) -> Response {
    let status = e.status();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        let message = "the request body is larger than the server takes (see GET /api/health for max_body_bytes); send fewer or smaller files, or raise --max-body";
        return error(status, "too_large", message);
    }
    error(status, "body", e.body_text())
}

/// The format and intent the query asks for, or a 400 naming what it takes.
fn parse_query(q: &BuildQuery) -> Result<Asked, Refused> {
    let format = match q.format.as_deref().unwrap_or("pdf") {
        "pdf" => Format::Pdf,
        "png" => Format::Png {
            page: q.page.unwrap_or(1),
            dpi: q.dpi.unwrap_or(72.0),
        },
        "report" => Format::Report,
        "dump" => Format::Dump,
        other => {
            let message = format!("format={other} is not one of pdf, png, report, dump");
            return Err(Box::new(error(StatusCode::BAD_REQUEST, "query", message)));
        }
    };
    if let Format::Png { dpi, .. } = format
        && !(1.0..=300.0).contains(&dpi)
    {
        // 300 dpi keeps a broadsheet page under 120 MB of pixels per build.
        let message = format!("dpi={dpi} is outside 1 to 300");
        return Err(Box::new(error(StatusCode::BAD_REQUEST, "query", message)));
    }
    let (intent, marks) = match (q.print, q.marks) {
        (Some(true), Some(true)) => {
            let message = "proof marks never go to the plate: ask for print=true or marks=true";
            return Err(Box::new(error(StatusCode::BAD_REQUEST, "query", message)));
        }
        (Some(true), _) => (Intent::PdfX1a, false),
        (_, marks) => (Intent::Proof, marks.unwrap_or(false)),
    };
    Ok(Asked {
        format,
        intent,
        marks,
    })
}

/// The request's files as sources confined to the served folder, and the plan's path; a
/// file named outside the folder (absolute, or `..` out of it) is refused (400).
fn request_sources(
    root: &Path,
    request: BuildRequest,
) -> Result<(baoban::Sources, PathBuf), Refused> {
    let refuse = |what: &str, name: &str| {
        let message = format!(
            "{what} '{name}' is outside the served folder; name files by relative paths that stay inside it"
        );
        Box::new(error(StatusCode::BAD_REQUEST, "path", message))
    };
    let plan_name = request.path.as_deref().unwrap_or("page.toml");
    let plan = inside(root, root, plan_name).ok_or_else(|| refuse("the plan's path", plan_name))?;
    let folder = plan.parent().unwrap_or(root).to_path_buf();
    let mut sources =
        baoban::Sources::confined_to(root).map_err(|e| Box::new(reply::diagnostics(&e, root)))?;
    sources = sources.file(&plan, request.plan);
    for (name, body) in request.files {
        let path = inside(root, &folder, &name).ok_or_else(|| refuse("the file", &name))?;
        sources = match body {
            FileBody::Text(text) => sources.file(path, text),
            FileBody::Bytes { base64 } => sources.file(path, decode(&name, &base64)?),
        };
    }
    Ok((sources, plan))
}

/// The bytes of the file `name` sent in base64, or a 400 naming it.
fn decode(name: &str, text: &str) -> Result<Vec<u8>, Refused> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .map_err(|e| {
            let message = format!(
                "the file '{name}' is not base64 ({e}); send its bytes as {{\"base64\": \"…\"}}"
            );
            Box::new(error(StatusCode::BAD_REQUEST, "request", message))
        })
}

/// `name` (relative) joined to `base` with `..` folded, if the result is inside `root`.
fn inside(root: &Path, base: &Path, name: &str) -> Option<PathBuf> {
    let name = Path::new(name);
    if name.as_os_str().is_empty() || name.has_root() {
        return None;
    }
    let mut out = base.to_path_buf();
    for part in name.components() {
        match part {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (out.starts_with(root) && out != root).then_some(out)
}

/// Composes `plan` and renders the reply: the bytes asked for, or the diagnostics (422).
fn compose_reply(
    root: &Path,
    session: &mut baoban::Session,
    (sources, plan): (&baoban::Sources, &Path),
    asked: Asked,
) -> Response {
    let options = baoban::BuildOptions::default().with_proof_marks(asked.marks);
    let c = match session.compose_from(sources, plan, &options) {
        Ok(c) => c,
        Err(e) => return reply::diagnostics(&e, root),
    };
    let made = match asked.format {
        Format::Pdf => print_file(root, &c, asked.intent).map(|pdf| ("application/pdf", pdf)),
        Format::Png { page, dpi } => {
            page_png(root, &c, (page, dpi), asked.marks).map(|png| ("image/png", png))
        }
        Format::Report => Ok(("application/json", c.fit_report().to_json().into_bytes())),
        Format::Dump => Ok(("text/plain; charset=utf-8", c.dump().into_bytes())),
    };
    match made {
        Ok((kind, bytes)) => {
            let over: u32 = c.overset().map(|(_, o)| o.lines).sum();
            let headers = [
                (header::CONTENT_TYPE, kind.to_string()),
                (
                    HeaderName::from_static("x-baoban-pages"),
                    c.pages.len().to_string(),
                ),
                (
                    HeaderName::from_static("x-baoban-overset-lines"),
                    over.to_string(),
                ),
            ];
            (StatusCode::OK, headers, bytes).into_response()
        }
        Err(reply) => *reply,
    }
}

/// The PDF for `intent`; a print file refuses characters in no font and must pass its
/// preflight (422 with the findings otherwise).
fn print_file(root: &Path, c: &baoban::Composition, intent: Intent) -> Result<Vec<u8>, Refused> {
    if intent.is_print() {
        c.check_characters("print output")
            .map_err(|e| Box::new(reply::diagnostics(&e, root)))?;
    }
    let pdf = c
        .pdf_for(intent)
        .map_err(|e| Box::new(reply::diagnostics(&e, root)))?;
    if intent.is_print() {
        let limits = baoban::preflight::CheckLimits {
            ink_limit: c.job.template.print.ink_limit,
            ..Default::default()
        };
        let name = Path::new("request.pdf");
        let report = baoban::preflight::check(name, &pdf, limits)
            .map_err(|e| Box::new(reply::diagnostics(&e, root)))?;
        if !report.passed() {
            let findings: serde_json::Value =
                serde_json::from_str(&report.to_json(name)).unwrap_or_default();
            let body = json!({
                "error": "preflight",
                "message": "the print file fails its preflight; see the findings",
                "preflight": findings,
            });
            return Err(Box::new(json_reply(
                StatusCode::UNPROCESSABLE_ENTITY,
                &body,
            )));
        }
    }
    Ok(pdf)
}

/// Page `page` (1-based, in edition order) as PNG at `dpi`, with the proof marks if `marks`.
fn page_png(
    root: &Path,
    c: &baoban::Composition,
    (page, dpi): (usize, f32),
    marks: bool,
) -> Result<Vec<u8>, Refused> {
    let Some(p) = page.checked_sub(1).and_then(|i| c.pages.get(i)) else {
        let message = format!("page={page}: the build has pages 1 to {}", c.pages.len());
        return Err(Box::new(error(StatusCode::BAD_REQUEST, "query", message)));
    };
    let png = baoban::render::render(p, &c.fonts, dpi, marks)
        .and_then(|raster| baoban::render::encode_png(&raster));
    png.map_err(|e| Box::new(reply::diagnostics(&e, root)))
}
