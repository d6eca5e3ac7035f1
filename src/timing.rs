//! Stage timings for profiling: with `BAOBAN_TIMES=1` in the environment, each stage of a
//! build (load, coverage, layout, make-up, fonts, page streams) prints its wall time, the CPU
//! time the process spent meanwhile (user and system, all threads; over the wall time, the
//! cores it used) and the process's resident memory after it to stderr. Off by default; it
//! never touches an output, so builds stay byte-identical with it on.

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
    let (start, cpu) = (Instant::now(), cpu_ms());
    let out = f();
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let cpu = cpu_ms().zip(cpu).map(|(b, a)| b - a);
    let cpu = cpu.map_or(String::new(), |c| {
        format!("   cpu {c:8.2} ms ({:.2}×)", c / ms.max(1e-3))
    });
    let mem = resident_mb().map_or(String::new(), |mb| format!("   resident {mb:6.1} MB"));
    eprintln!("time: {name:<14} {ms:8.2} ms{cpu}{mem}");
    out
}

/// User and system CPU time of the whole process so far, in ms (`getrusage`).
fn cpu_ms() -> Option<f64> {
    // SAFETY: `getrusage` fills the struct it is given and reads nothing else.
    #[allow(unsafe_code)]
    let usage = unsafe {
        let mut u: libc::rusage = std::mem::zeroed();
        (libc::getrusage(libc::RUSAGE_SELF, &mut u) == 0).then_some(u)
    }?;
    let ms = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
    Some(ms(usage.ru_utime) + ms(usage.ru_stime))
}

/// The resident set of this process in MB (Linux: `/proc/self/statm`, in pages of 4 KB).
fn resident_mb() -> Option<f64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: f64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096.0 / 1_048_576.0)
}
