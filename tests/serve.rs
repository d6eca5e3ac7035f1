//! `baoban serve` on an ephemeral port: every route, the API's limits (body size, paths out of
//! the served folder, the build time limit, concurrent requests kept apart, malformed
//! requests), and the desk's live refresh after an article is saved.

mod common;
use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A running `baoban serve`, stopped when dropped.
struct Server {
    child: Child,
    address: String,
    /// The server's stdout lines after the first (one per desk build).
    log: std::sync::Mutex<mpsc::Receiver<String>>,
}

impl Server {
    /// Serves `plan` over the repository (the scratch folders are inside it) with `extra`
    /// arguments, on a port the system picks.
    fn start(plan: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_baoban"))
            .arg("serve")
            .arg(plan)
            .args(["--port", "0", "--root"])
            .arg(root())
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines.next().expect("serve printed nothing").unwrap();
        let address = first
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {first:?}"))
            .to_string();
        let (tx, log) = mpsc::channel();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        Server {
            child,
            address,
            log: std::sync::Mutex::new(log),
        }
    }

    /// Waits for the desk's build number `n` to be logged.
    fn desk_build(&self, n: u32) -> String {
        let want = format!("desk build {n}:");
        loop {
            let line = (self.log.lock().unwrap())
                .recv_timeout(Duration::from_secs(20))
                .unwrap_or_else(|_| panic!("no {want}"));
            if line.starts_with(&want) {
                return line;
            }
        }
    }

    fn get(&self, path: &str) -> Reply {
        self.send(&format!("GET {path} HTTP/1.1\r\n"), b"")
    }

    fn post(&self, path: &str, body: &[u8]) -> Reply {
        self.send(
            &format!("POST {path} HTTP/1.1\r\nContent-Type: application/json\r\n"),
            body,
        )
    }

    /// One request on a fresh connection: `head` (request line and headers), then the body.
    fn send(&self, head: &str, body: &[u8]) -> Reply {
        let mut bytes = format!(
            "{head}Host: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            self.address,
            body.len()
        )
        .into_bytes();
        bytes.extend_from_slice(body);
        self.raw(&bytes)
    }

    /// Writes `bytes` as they are and reads the whole reply.
    fn raw(&self, bytes: &[u8]) -> Reply {
        let mut s = TcpStream::connect(&self.address).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        // A server that refuses a body may stop reading it: what it answers is what counts.
        let _ = s.write_all(bytes);
        let mut got = Vec::new();
        let _ = s.read_to_end(&mut got);
        Reply::parse(&got)
    }

    /// `GET /api/health` answers: the server is still serving.
    fn assert_healthy(&self) {
        let r = self.get("/api/health");
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(r.json()["status"], "ok");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A parsed HTTP reply.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn parse(bytes: &[u8]) -> Reply {
        let split = find(bytes, b"\r\n\r\n")
            .unwrap_or_else(|| panic!("no reply: {:?}", String::from_utf8_lossy(bytes)));
        let head = String::from_utf8_lossy(&bytes[..split]).to_string();
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
            .collect();
        let mut body = bytes[split + 4..].to_vec();
        if headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v == "chunked")
        {
            body = dechunk(&body);
        }
        Reply {
            status,
            headers,
            body,
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        let found = self.headers.iter().find(|(k, _)| k == name);
        found.map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).to_string()
    }

    /// Asserts a JSON error reply: `status`, and `kind` as its `error`.
    fn assert_refused(&self, status: u16, kind: &str) {
        assert_eq!(self.status, status, "{}", self.text());
        assert_eq!(self.json()["error"], kind, "{}", self.text());
    }

    fn json(&self) -> serde_json::Value {
        assert_eq!(
            self.header("content-type"),
            Some("application/json"),
            "{}",
            self.text()
        );
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }
}

fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = find(body, b"\r\n") {
        let size = usize::from_str_radix(std::str::from_utf8(&body[..end]).unwrap().trim(), 16);
        let size = size.unwrap();
        if size == 0 {
            break;
        }
        out.extend_from_slice(&body[end + 2..end + 2 + size]);
        body = &body[end + 4 + size..];
    }
    out
}

/// A scratch page of two articles: "short" fits, "long" (80 lines of text in 5) is overset.
fn desk_page(name: &str) -> std::path::PathBuf {
    let plan = long_and_short(name, 400);
    plan.parent().unwrap().to_path_buf()
}

/// A build request for `plan` with `files`, the plan at `path` (relative to the repository).
fn request(plan: &str, path: &str, files: &[(&str, &str)]) -> Vec<u8> {
    let files: serde_json::Map<String, serde_json::Value> = (files.iter())
        .map(|(k, v)| (k.to_string(), (*v).into()))
        .collect();
    serde_json::json!({ "plan": plan, "path": path, "files": files })
        .to_string()
        .into_bytes()
}

/// The plan of one article `a` (file a.txt) in a frame of 30 lines.
fn one_article_plan() -> String {
    plan_with(
        "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nframes = [{ cols = [1, 2], lines = [1, 30] }]\n",
    )
}

#[test]
fn every_route_answers() {
    let dir = desk_page("serve-routes");
    let s = Server::start(&dir.join("page.toml"), &[]);
    s.desk_build(1);
    s.assert_healthy();
    let health = s.get("/api/health").json();
    assert!(health["limits"]["max_body_bytes"].as_u64().unwrap() > 0);

    let page = s.get("/");
    assert_eq!(page.status, 200);
    assert!(
        page.header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        page.text().contains("new EventSource(\"/desk/events\")"),
        "the desk listens for builds"
    );

    let state = s.get("/desk/state").json();
    assert_eq!(state["generation"], 1);
    assert_eq!(state["ok"], true);
    let articles: Vec<&str> = (state["report"]["articles"].as_array().unwrap().iter())
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(articles, ["long", "short"]);
    assert_eq!(state["report"]["articles"][0]["status"], "overset");
    let regions = state["pages"][0]["regions"].as_array().unwrap();
    assert!(regions.iter().any(|r| r["owner"] == "long"), "{regions:?}");

    let png = s.get("/desk/page/1?marks=false&dpi=30");
    assert_eq!(png.status, 200);
    assert!(png.body.starts_with(b"\x89PNG"));
    let marked = s.get("/desk/page/1?marks=true&dpi=30");
    assert_ne!(
        marked.body, png.body,
        "the proof marks are drawn when asked for"
    );
    assert_eq!(s.get("/desk/page/2").json()["error"], "page");

    let pdf = s.get("/desk/proof.pdf");
    assert_eq!(pdf.status, 200);
    assert!(pdf.body.starts_with(b"%PDF-"));

    let missing = s.get("/no/such/thing");
    missing.assert_refused(404, "not_found");
    let wrong = s.get("/api/build");
    wrong.assert_refused(405, "method");
}

#[test]
fn the_api_builds_a_plan_sent_inline_in_every_format() {
    let dir = desk_page("serve-api");
    let s = Server::start(&dir.join("page.toml"), &[]);
    let plan = one_article_plan();
    let body = request(
        &plan,
        "target/test-scratch/in-memory/page.toml",
        &[("a.txt", "请求里的文字。\n")],
    );
    let pdf = s.post("/api/build", &body);
    assert_eq!(pdf.status, 200, "{}", pdf.text());
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert!(pdf.body.starts_with(b"%PDF-"));
    assert_eq!(pdf.header("x-baoban-pages"), Some("1"));

    let png = s.post("/api/build?format=png&page=1&dpi=20", &body);
    assert_eq!(png.header("content-type"), Some("image/png"));
    assert!(png.body.starts_with(b"\x89PNG"));

    let marked = s.post("/api/build?format=png&page=1&dpi=20&marks=true", &body);
    assert!(marked.body.starts_with(b"\x89PNG"));
    assert_ne!(marked.body, png.body, "marks=true draws the proof layer");
    let both = s.post("/api/build?print=true&marks=true", &body);
    both.assert_refused(400, "query");

    let report = s.post("/api/build?format=report", &body).json();
    assert_eq!(report["articles"][0]["id"], "a");
    assert_eq!(report["articles"][0]["status"], "underset");

    let dump = s.post("/api/build?format=dump", &body);
    assert!(dump.text().contains("请求里的文字。"), "{}", dump.text());

    let print = s.post("/api/build?print=true", &body);
    assert_eq!(print.status, 200, "{}", print.text());
    assert!(
        find(&print.body, b"/GTS_PDFXVersion").is_some(),
        "a PDF/X file for the plate"
    );
    assert!(
        find(&pdf.body, b"/GTS_PDFXVersion").is_none(),
        "the proof is no PDF/X file"
    );
}

#[test]
fn a_photo_sent_in_base64_goes_on_the_plate() {
    let dir = desk_page("serve-photo");
    let s = Server::start(&dir.join("page.toml"), &[]);
    let plan = one_article_plan()
        + "\n[[photo]]\nid = \"p\"\nimage = \"p.jpg\"\nframe = { cols = [3, 4], lines = [1, 12] }\n";
    let jpeg = std::fs::read(root().join("examples/edition-2p/gucheng.jpg")).unwrap();
    let base64 = {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode(&jpeg)
    };
    let files = serde_json::json!({ "a.txt": "文字。\n", "p.jpg": { "base64": base64 } });
    let body = serde_json::json!({ "plan": plan, "path": "page.toml", "files": files });
    let r = s.post("/api/build?print=true", body.to_string().as_bytes());
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(find(&r.body, &jpeg[..64]).is_some(), "the JPEG is embedded");
    // Without it the plate file is refused (a print file never carries a placeholder).
    let r = s.post(
        "/api/build?print=true",
        &request(&plan, "page.toml", &[("a.txt", "文字。\n")]),
    );
    assert_eq!(r.status, 422, "{}", r.text());
    let files = serde_json::json!({ "a.txt": "文字。\n", "p.jpg": { "base64": "not base64!" } });
    let body = serde_json::json!({ "plan": plan, "path": "page.toml", "files": files });
    let r = s.post("/api/build", body.to_string().as_bytes());
    r.assert_refused(400, "request");
}

#[test]
fn input_errors_come_back_as_diagnostics_with_422() {
    let dir = desk_page("serve-422");
    let s = Server::start(&dir.join("page.toml"), &[]);
    let plan = one_article_plan().replace("[1, 2]", "[2, 1]");
    let r = s.post(
        "/api/build",
        &request(&plan, "page.toml", &[("a.txt", "文字。\n")]),
    );
    assert_eq!(r.status, 422);
    let j = r.json();
    assert_eq!(j["error"], "input");
    let d = &j["diagnostics"][0];
    assert_eq!(
        d["file"], "page.toml",
        "paths as the client named them: {j}"
    );
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(8), Some(20)),
        "{j}"
    );
    assert!(
        d["message"].as_str().unwrap().contains("runs backwards"),
        "{j}"
    );
    // A missing article names the file.
    let r = s.post(
        "/api/build",
        &request(&one_article_plan(), "page.toml", &[]),
    );
    assert_eq!(r.status, 422);
    assert!(r.text().contains("a.txt"), "{}", r.text());
    s.assert_healthy();
}

#[test]
fn malformed_requests_get_json_errors_and_the_server_goes_on() {
    let dir = desk_page("serve-malformed");
    let s = Server::start(&dir.join("page.toml"), &[]);
    let cases: [(&str, &[u8], &str); 6] = [
        ("/api/build", b"not json", "request"),
        ("/api/build", b"{\"files\": {}}", "request"),
        ("/api/build", b"{\"plan\": \"x\", \"extra\": 1}", "request"),
        ("/api/build", b"\xff\xfe\x00", "request"),
        ("/api/build?format=tiff", b"{\"plan\": \"\"}", "query"),
        ("/api/build?print=perhaps", b"{\"plan\": \"\"}", "query"),
    ];
    for (path, body, kind) in cases {
        let r = s.post(path, body);
        assert_eq!(r.status, 400, "{path} {body:?}: {}", r.text());
        assert_eq!(r.json()["error"], kind, "{path} {body:?}");
    }
    // A build asked by another site's page, for another host, or not as JSON.
    let body = request(&one_article_plan(), "page.toml", &[("a.txt", "文字。\n")]);
    let foreign = "POST /api/build HTTP/1.1\r\nOrigin: http://evil.example\r\nContent-Type: application/json\r\n";
    let r = s.send(foreign, &body);
    r.assert_refused(403, "origin");
    let form = "POST /api/build HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n";
    let r = s.send(form, &body);
    r.assert_refused(415, "content_type");
    let rebound =
        s.raw(b"GET /desk/state HTTP/1.1\r\nHost: evil.example:7777\r\nConnection: close\r\n\r\n");
    rebound.assert_refused(403, "host");
    let same = format!(
        "POST /api/build?format=report HTTP/1.1\r\nOrigin: http://{}\r\nContent-Type: application/json\r\n",
        s.address
    );
    assert_eq!(
        s.send(&same, &body).status,
        200,
        "the desk's own origin builds"
    );
    // A page that does not exist in a good build.
    let r = s.post("/api/build?format=png&page=9", &body);
    r.assert_refused(400, "query");
    // Not HTTP at all, and a request cut off in its headers: an answer or a close, and the
    // server still serves.
    let garbage = s.raw(b"HELLO\r\n\r\n");
    assert_eq!(garbage.status, 400);
    let mut cut = TcpStream::connect(&s.address).unwrap();
    cut.write_all(b"POST /api/build HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"pl")
        .unwrap();
    drop(cut);
    s.assert_healthy();
}

#[test]
fn bodies_over_the_limit_are_refused_with_413() {
    let dir = desk_page("serve-413");
    let s = Server::start(&dir.join("page.toml"), &["--max-body", "4096"]);
    let big = "字".repeat(4000);
    let r = s.post(
        "/api/build",
        &request(&one_article_plan(), "page.toml", &[("a.txt", &big)]),
    );
    r.assert_refused(413, "too_large");
    let small = request(&one_article_plan(), "page.toml", &[("a.txt", "文字。\n")]);
    assert_eq!(
        s.post("/api/build", &small).status,
        200,
        "a small body still builds"
    );
    s.assert_healthy();
}

#[test]
fn no_request_reads_outside_the_served_folder() {
    let dir = desk_page("serve-paths");
    // A file outside the repository, and a link to it inside.
    let outside = std::env::temp_dir().join(format!("baoban-secret-{}.txt", std::process::id()));
    std::fs::write(&outside, "SECRET机密\n").unwrap();
    let link = dir.join("link.txt");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(&outside, &link).unwrap();
    let s = Server::start(&dir.join("page.toml"), &[]);
    let plan_at = "target/test-scratch/serve-paths/page.toml";
    let refused = |r: Reply, kind: &str| {
        let text = r.text();
        assert!(!text.contains("SECRET"), "{text}");
        assert!(text.contains("outside the served folder"), "{text}");
        assert_eq!(r.json()["error"], kind, "{text}");
        r.status
    };
    let article = |file: &str| {
        let plan = one_article_plan().replace("a.txt", file);
        s.post("/api/build?format=dump", &request(&plan, plan_at, &[]))
    };
    // The plan names an article by a link out, an absolute path, `..` out of the folder.
    assert_eq!(refused(article("link.txt"), "input"), 422);
    assert_eq!(refused(article(outside.to_str().unwrap()), "input"), 422);
    let dots = format!("{}{}", "../".repeat(12), outside.display());
    assert_eq!(refused(article(&dots), "input"), 422);
    // The request places a file, or the plan, outside.
    let plan = one_article_plan();
    let r = s.post(
        "/api/build",
        &request(&plan, plan_at, &[("../../../../x.txt", "字")]),
    );
    assert_eq!(refused(r, "path"), 400);
    let r = s.post("/api/build", &request(&plan, "/tmp/page.toml", &[]));
    assert_eq!(refused(r, "path"), 400);
    let r = s.post("/api/build", &request(&plan, "../page.toml", &[]));
    assert_eq!(refused(r, "path"), 400);
    // A template outside (the plan's own `template =`).
    let plan = one_article_plan().replace(&root().display().to_string(), "/usr/share");
    let r = s.post("/api/build", &request(&plan, plan_at, &[("a.txt", "字")]));
    assert_eq!(refused(r, "input"), 422);
    // Inside, the same article builds.
    std::fs::write(dir.join("inside.txt"), "里面的文字。\n").unwrap();
    let r = article("inside.txt");
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.text().contains("里面的文字。"));
    let _ = std::fs::remove_file(&outside);
}

#[test]
fn a_build_over_the_time_limit_gets_504_and_the_server_goes_on() {
    let dir = desk_page("serve-timeout");
    let s = Server::start(&dir.join("page.toml"), &["--build-timeout", "0.001"]);
    let body = request(
        &one_article_plan(),
        "page.toml",
        &[("a.txt", &"文字。".repeat(300))],
    );
    let r = s.post("/api/build", &body);
    r.assert_refused(504, "timeout");
    assert!(r.json()["message"].as_str().unwrap().contains("0.001 s"));
    s.assert_healthy();
}

#[test]
fn concurrent_builds_see_only_their_own_inputs() {
    let dir = desk_page("serve-concurrent");
    let s = Server::start(&dir.join("page.toml"), &["--max-builds", "3"]);
    let plan = one_article_plan();
    std::thread::scope(|scope| {
        let s = &s;
        let plan = &plan;
        let clients: Vec<_> = (0..8)
            .map(|i| {
                scope.spawn(move || {
                    // Every request names the same plan and article paths, with its own text.
                    let text = format!("第{i}号客户的稿件。{}\n", "内容".repeat(50 * i));
                    let r = s.post(
                        "/api/build?format=dump",
                        &request(plan, "page.toml", &[("a.txt", &text)]),
                    );
                    (i, r.status, r.text())
                })
            })
            .collect();
        for c in clients {
            let (i, status, dump) = c.join().unwrap();
            assert_eq!(status, 200, "{dump}");
            for j in 0..8 {
                let mark = format!("第{j}号客户");
                assert_eq!(dump.contains(&mark), i == j, "client {i} sees {mark}");
            }
        }
    });
    s.assert_healthy();
}

#[test]
fn the_desk_refreshes_when_an_article_is_saved() {
    let dir = desk_page("serve-refresh");
    let s = Server::start(&dir.join("page.toml"), &[]);
    let mut events = TcpStream::connect(&s.address).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let head = format!("GET /desk/events HTTP/1.1\r\nHost: {}\r\n\r\n", s.address);
    events.write_all(head.as_bytes()).unwrap();
    let mut events = BufReader::new(events);
    let next_build = |events: &mut BufReader<TcpStream>| -> serde_json::Value {
        let mut line = String::new();
        loop {
            line.clear();
            assert!(
                events.read_line(&mut line).unwrap() > 0,
                "the event stream ended"
            );
            if let Some(data) = line.trim_end().strip_prefix("data: ") {
                return serde_json::from_str(data).unwrap();
            }
        }
    };
    // The event stream begins with the build in hand (the first, once it is done).
    let mut first = next_build(&mut events);
    if first["generation"] == 0 {
        first = next_build(&mut events);
    }
    assert_eq!(first, serde_json::json!({ "generation": 1, "ok": true }));
    let before = s.get("/desk/page/1?dpi=30").body;
    std::thread::sleep(Duration::from_millis(300));
    let saved = Instant::now();
    std::fs::write(dir.join("b.txt"), "改过的短稿，多了几个字。\n").unwrap();
    let second = next_build(&mut events);
    let latency = saved.elapsed();
    assert_eq!(second, serde_json::json!({ "generation": 2, "ok": true }));
    assert!(
        latency < Duration::from_secs(2),
        "the event came {latency:?} after the save"
    );
    let after = s.get("/desk/page/1?dpi=30").body;
    assert_ne!(after, before, "the new page differs");
    assert!(s.get("/desk/state").text().contains("\"generation\":2"));

    // A broken plan: the event says so, the state carries the diagnostics with their place
    // and keeps the last good pages.
    let plan = std::fs::read_to_string(dir.join("page.toml")).unwrap();
    std::fs::write(
        dir.join("page.toml"),
        plan.replace("cols = [2, 2]", "cols = [3, 2]"),
    )
    .unwrap();
    let third = next_build(&mut events);
    assert_eq!(third, serde_json::json!({ "generation": 3, "ok": false }));
    let state = s.get("/desk/state").json();
    assert_eq!(state["stale"], true);
    let d = &state["diagnostics"][0];
    assert_eq!(
        d["file"], "target/test-scratch/serve-refresh/page.toml",
        "{state}"
    );
    assert!(
        d["line"].as_u64().is_some() && d["column"].as_u64().is_some(),
        "{state}"
    );
    assert_eq!(
        s.get("/desk/page/1?dpi=30").body,
        after,
        "the last good page stays up"
    );
}
