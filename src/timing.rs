//! Stage timings for profiling: with `BAOBAN_TIMES=1` in the environment, each stage of a
//! build (load, coverage, layout, make-up, fonts, page streams) prints its wall time and the
//! process's resident memory after it to stderr. Off by default; it never touches an output,
//! so builds stay byte-identical with it on.

use std::sync::OnceLock;
use std::time::Instant;

/// Whether `BAOBAN_TIMES` asks for timings (read once per process).
fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("BAOBAN_TIMES").is_some_and(|v| v != "0"))
}

/// Runs `f` as the stage `name`, timing it when timings are on.
pub fn stage<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let start = Instant::now();
    let out = f();
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    match resident_mb() {
        Some(mb) => eprintln!("time: {name:<14} {ms:8.2} ms   resident {mb:6.1} MB"),
        None => eprintln!("time: {name:<14} {ms:8.2} ms"),
    }
    out
}

/// The resident set of this process in MB (Linux: `/proc/self/statm`, in pages of 4 KB).
fn resident_mb() -> Option<f64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: f64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096.0 / 1_048_576.0)
}
