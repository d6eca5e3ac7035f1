//! `baoban serve`: a proof desk in the browser — the pages, the fit report, refreshed within
//! a moment of any input being saved — and an HTTP API that builds plans sent inline, for the
//! editorial systems (CMS) that send an edition and want the PDF back.
//!
//! axum on tokio (hyper underneath): the maintained stack, with bodies, limits and server-sent
//! events built in. Builds are CPU work and run on tokio's blocking threads, a bounded number
//! at once, each with a session of its own.

mod api;
mod desk;
mod guard;
mod reply;

use anyhow::{Context, Result};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use super::diagnostics::Usage;

/// What `baoban serve` was asked for on its command line.
pub struct Settings {
    /// The served folder: every file a build reads is inside it.
    pub root: PathBuf,
    /// Address to listen on (loopback by default).
    pub bind: IpAddr,
    /// Port (0: one the system picks, printed at start).
    pub port: u16,
    /// The limits every request is held to.
    pub limits: Limits,
}

/// Hard limits of the API, each refused with a JSON error when crossed.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest request body, in bytes (413 above it).
    pub max_body: usize,
    /// Longest a build may take, waiting for its turn included (504 after it).
    pub build_timeout: Duration,
    /// Builds at once; the rest wait their turn.
    pub max_builds: usize,
}

/// What every handler shares: the desk and the API's builders.
#[derive(Clone)]
struct Shared {
    desk: Arc<desk::Desk>,
    api: Arc<api::Api>,
}

/// Serves the desk for `plan` and the API over the folder `settings.root` until stopped.
pub fn run(plan: &Path, settings: Settings) -> Result<ExitCode> {
    let root = std::fs::canonicalize(&settings.root)
        .with_context(|| format!("the served folder {}", settings.root.display()))?;
    let plan_real = std::fs::canonicalize(plan)
        .with_context(|| format!("the plan to serve, {}", plan.display()))?;
    if !plan_real.starts_with(&root) {
        return Err(Usage::error(format!(
            "{} is outside the served folder {}; serve from a folder that holds it (--root)",
            plan.display(),
            root.display()
        )));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the server's runtime")?;
    runtime.block_on(serve(plan_real, root, settings))
}

/// Listens and serves until the process is stopped.
async fn serve(plan: PathBuf, root: PathBuf, settings: Settings) -> Result<ExitCode> {
    let limits = settings.limits;
    let loopback = settings.bind.is_loopback();
    let shared = Shared {
        desk: Arc::new(desk::Desk::start(plan.clone(), root.clone())?),
        api: Arc::new(api::Api::new(root.clone(), limits)),
    };
    let app = Router::new()
        .route("/", get(desk::page))
        .route("/desk/state", get(desk::state))
        .route("/desk/page/{index}", get(desk::png))
        .route("/desk/proof.pdf", get(desk::pdf))
        .route("/desk/events", get(desk::events))
        .route("/api/health", get(api::health))
        .route("/api/build", post(api::build))
        .fallback(reply::not_found)
        .method_not_allowed_fallback(reply::method_not_allowed)
        .layer(DefaultBodyLimit::max(limits.max_body))
        .layer(axum::middleware::from_fn(move |request, next| {
            guard::check(loopback, request, next)
        }))
        .with_state(shared);
    let listener = tokio::net::TcpListener::bind((settings.bind, settings.port))
        .await
        .with_context(|| format!("listening on {}:{}", settings.bind, settings.port))?;
    let address = listener.local_addr()?;
    // The first line a script waits for (tests read the port from it).
    println!(
        "baoban serve: http://{address}/ (desk for {}, served folder {})",
        plan.display(),
        root.display()
    );
    axum::serve(listener, app).await.context("serving")?;
    Ok(ExitCode::SUCCESS)
}
