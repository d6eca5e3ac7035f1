//! What every request must show before a handler sees it: a `Host` this server answers to
//! (on loopback, only loopback names: a web page that rebinds its own name to 127.0.0.1 is
//! refused), no foreign `Origin` on a build, and a JSON body for `POST /api/build` (a plain
//! HTML form of another site cannot send one without the browser asking first).

use super::reply::error;
use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

/// Refuses requests for another host, from another origin, or builds that are not JSON.
pub async fn check(loopback_only: bool, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if loopback_only && !is_loopback(host) {
        let message = format!(
            "this server answers to localhost only, not to Host '{host}'; start it with --bind to serve others"
        );
        return error(StatusCode::FORBIDDEN, "host", message);
    }
    if request.method() == Method::POST {
        let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok());
        if let Some(origin) = origin
            && origin.split_once("://").map(|(_, rest)| rest) != Some(host)
        {
            let message = format!("a build from the page of another site ({origin}) is refused");
            return error(StatusCode::FORBIDDEN, "origin", message);
        }
        let json = (headers
            .get(header::CONTENT_TYPE)
            .and_then(|c| c.to_str().ok()))
        .is_some_and(|c| c.starts_with("application/json"));
        if !json {
            let message = "send the build request as JSON, with Content-Type: application/json";
            return error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "content_type", message);
        }
    }
    next.run(request).await
}

/// Whether `host` (a Host header: name and port) names this machine's loopback.
fn is_loopback(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    matches!(name, "localhost" | "127.0.0.1" | "::1")
}

#[cfg(test)]
mod tests {
    use super::is_loopback;

    #[test]
    fn only_loopback_names_are_loopback() {
        for host in ["localhost:7777", "127.0.0.1:80", "[::1]:7777", "localhost"] {
            assert!(is_loopback(host), "{host}");
        }
        for host in ["evil.example:7777", "127.0.0.1.evil.example", "", "[::2]:1"] {
            assert!(!is_loopback(host), "{host}");
        }
    }
}
