//! baoban (报版) typesets Chinese newspaper pages.
//!
//! The modules are the pipeline, and data flows one way:
//! [`model`] (input files) → [`font`] → [`shape`] → [`linebreak`] → [`flow`] (frame chains) →
//! [`page`] (composition) → [`frame`] (the display list) → [`pdf`].
#![deny(missing_docs)]

pub mod error;
pub mod flow;
pub mod font;
pub mod frame;
pub mod linebreak;
pub mod model;
pub mod page;
pub mod pdf;
pub mod shape;

pub use error::{Error, Result};
