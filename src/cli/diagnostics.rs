//! How the command prints problems: diagnostics for people (with the source line and a
//! caret, in colour on a terminal) or as JSON lines for editorial systems; and the usage
//! errors that exit 2.

use baoban::Diagnostic;
use std::io::IsTerminal;
use std::sync::OnceLock;

/// The format of `--diagnostic-format`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiagnosticFormat {
    /// `file:line:col: error: message`, the line with a caret, `= hint: …`.
    Human,
    /// One JSON object per diagnostic, one per line.
    Json,
}

static FORMAT: OnceLock<DiagnosticFormat> = OnceLock::new();

/// Sets the format for the whole run (once, from the command line).
pub fn set_format(format: DiagnosticFormat) {
    let _ = FORMAT.set(format);
}

fn format() -> DiagnosticFormat {
    *FORMAT.get().unwrap_or(&DiagnosticFormat::Human)
}

/// A wrong use of the command (exit status 2), as opposed to a problem of the input (1).
#[derive(Debug)]
pub struct Usage(String);

impl Usage {
    /// A usage error saying `message`.
    pub fn error(message: impl Into<String>) -> anyhow::Error {
        anyhow::Error::new(Usage(message.into()))
    }
}

impl std::fmt::Display for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

/// Prints one diagnostic on stderr.
pub fn emit(d: &Diagnostic) {
    match format() {
        DiagnosticFormat::Json => eprintln!("{}", d.to_json()),
        DiagnosticFormat::Human => {
            let styled = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            eprintln!("{}", d.render(styled).trim_end());
        }
    }
}

/// Prints a line of the fit report (`overset: …`, `hole: …`): as it is, or as a warning
/// object in JSON.
pub fn note(line: String) {
    match format() {
        DiagnosticFormat::Json => {
            let d = Diagnostic::general(baoban::Severity::Warning, line);
            eprintln!("{}", d.to_json());
        }
        DiagnosticFormat::Human => eprintln!("{line}"),
    }
}

/// Prints the error a command ended with: each of a library error's diagnostics, or the
/// error and its causes on one line.
pub fn emit_error(e: &anyhow::Error) {
    let diagnostics = match e.downcast_ref::<baoban::Error>() {
        Some(inner) => inner.diagnostics(),
        None => vec![Diagnostic::general(
            baoban::Severity::Error,
            format!("{e:#}"),
        )],
    };
    for d in &diagnostics {
        emit(d);
    }
}
