//! The server's error replies: always a JSON object `{"error": kind, "message": …}` (and the
//! diagnostics, for input errors), never a bare status or a dropped connection.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::path::Path;

/// A reply that refuses a request, boxed: helpers return it as their error.
pub type Refused = Box<Response>;

/// A JSON error reply: `status`, a machine-readable `kind` and a sentence for people.
pub fn error(status: StatusCode, kind: &str, message: impl Into<String>) -> Response {
    json_reply(status, &json!({ "error": kind, "message": message.into() }))
}

/// Input errors (HTTP 422): the build's diagnostics, each with file, line and column, paths
/// relative to the served folder `root`.
pub fn diagnostics(e: &baoban::Error, root: &Path) -> Response {
    let list = diagnostic_values(&e.diagnostics(), root);
    let message = relative(&e.to_string(), root);
    let body = json!({ "error": "input", "message": message, "diagnostics": list });
    json_reply(StatusCode::UNPROCESSABLE_ENTITY, &body)
}

/// Diagnostics as JSON values (the objects `--diagnostic-format json` prints), paths
/// relative to the served folder `root`: a client sees the names it sent, not the server's.
pub fn diagnostic_values(list: &[baoban::Diagnostic], root: &Path) -> Vec<Value> {
    list.iter()
        .map(|d| serde_json::from_str(&relative(&d.to_json(), root)).unwrap_or(Value::Null))
        .collect()
}

/// `text` with the served folder's path and the slash after it taken out.
pub fn relative(text: &str, root: &Path) -> String {
    let prefix = format!("{}{}", root.display(), std::path::MAIN_SEPARATOR);
    text.replace(&prefix, "")
}

/// `value` as the body of a reply with `status`.
pub fn json_reply(status: StatusCode, value: &Value) -> Response {
    let body = serde_json::to_string(value).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Any path the server does not have.
pub async fn not_found(uri: axum::http::Uri) -> Response {
    let message = format!(
        "no such page or route: {}; the desk is at /, the API at POST /api/build and GET /api/health",
        uri.path()
    );
    error(StatusCode::NOT_FOUND, "not_found", message)
}

/// A route asked with the wrong method (GET /api/build, say).
pub async fn method_not_allowed(method: axum::http::Method, uri: axum::http::Uri) -> Response {
    let message = format!("{} does not take {method}", uri.path());
    error(StatusCode::METHOD_NOT_ALLOWED, "method", message)
}
