//! baoban (报版) typesets Chinese newspaper pages.
//!
//! The modules are the pipeline, and data flows one way:
//! [`model`] (input files, resolved once) → [`font`] → [`shape`] → [`linebreak`] → [`flow`]
//! (an article's thread: regions, jumps, balance, 孤字/孤行) → [`page`] (composition) →
//! [`display`] (the display list, the only product of layout) → [`pdf`]; beside them
//! [`preflight`] (reads any PDF back), [`render`] (display list → PNG) and [`report`] (the
//! fit report). [`build`] resolves a build's options and runs the pipeline.
//!
//! ```
//! use baoban::{BuildOptions, Session};
//!
//! let mut session = Session::default();
//! let options = BuildOptions { proof_marks: true, ..BuildOptions::default() };
//! let composed = session.compose_with("examples/jingzhou/page.toml".as_ref(), &options)?;
//! assert_eq!(composed.overset().count(), 0, "every article fits its frames");
//! // The display list is the product: every page is one stream of items.
//! let lines = composed.pages[0].lines().count();
//! assert!(lines > 400);
//! let proof = std::env::temp_dir().join("baoban-doc-proof.pdf");
//! baoban::write_atomic(&proof, &composed.pdf()?)?;
//! # Ok::<(), baoban::Error>(())
//! ```
#![deny(missing_docs)]
#![deny(unsafe_code)]

pub mod build;
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

pub use build::{
    AutoLayout, BuildOptions, Composition, Cost, Part, Session, check_outputs, compose, inputs,
    write_atomic,
};
pub use error::{Error, Result};
