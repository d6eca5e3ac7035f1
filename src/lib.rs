//! baoban (报版) typesets Chinese newspaper pages.
//!
//! The modules are the pipeline, and data flows one way:
//! [`model`] (input files, resolved once) → [`font`] → [`shape`] → [`linebreak`] → [`flow`]
//! (an article's thread: regions, jumps, balance, 孤字/孤行) → [`page`] (composition) →
//! [`display`] (the display list, the only product of layout) → [`pdf`]; beside them
//! [`preflight`] (reads any PDF back), [`render`] (display list → PNG) and [`report`] (the
//! fit report). [`build`] resolves a build's options and runs the pipeline.
//!
//! A program composes a page from texts it holds — a plan, its articles (and, if it likes,
//! the template) — without writing a file; the fonts are read from disk:
//!
//! ```
//! use baoban::{BuildOptions, Session, Sources};
//!
//! let plan = r#"
//! template = "layouts/tabloid-6col.toml"
//! date = "2023-05-29"
//!
//! [[article]]
//! id = "news"
//! file = "news.txt"
//! block = { cols = [1, 3], top = 1 }
//! "#;
//! let article = "主题: 区政府常务会议召开\n\n本报讯（通讯员吴申畅）5月27日，区政府召开常务会议。\n";
//! let sources = Sources::disk().file("page.toml", plan).file("news.txt", article);
//! let options = BuildOptions::default();
//! let composed = Session::default().compose_from(&sources, "page.toml".as_ref(), &options)?;
//! assert_eq!(composed.overset().count(), 0, "the article fits its block");
//! assert_eq!(composed.fit_report().articles[0].id, "news");
//! let pdf: Vec<u8> = composed.pdf()?;
//! assert!(pdf.starts_with(b"%PDF-"));
//!
//! // An input error comes back as diagnostics that point into the texts given.
//! let bad = sources.file("page.toml", plan.replace("[1, 3]", "[3, 1]"));
//! let error = Session::default().compose_from(&bad, "page.toml".as_ref(), &options).unwrap_err();
//! let problem = &error.diagnostics()[0];
//! assert_eq!(problem.at.as_ref().map(|at| (at.line, at.column)), Some((8, 9)));
//! assert!(problem.message.contains("cols = [3, 1] runs backwards"), "{problem}");
//! # Ok::<(), baoban::Error>(())
//! ```
#![deny(missing_docs)]
#![deny(unsafe_code)]

pub mod build;
pub mod diagnostic;
pub mod display;
pub mod error;
pub mod flow;
pub mod font;
mod layout;
pub mod linebreak;
pub mod model;
pub mod page;
pub mod pdf;
pub mod preflight;
pub mod render;
pub mod report;
pub mod shape;
pub mod timing;

pub use build::{
    AutoLayout, BuildOptions, Composition, Cost, Part, Session, check_outputs, compose, inputs,
    write_all_atomic, write_atomic,
};
pub use diagnostic::{Diagnostic, Location, Severity};
pub use error::{Error, Result};
pub use model::Sources;
