//! House rules of a paper that are not typography: the wording of jump lines, whether inner
//! pages carry a running head (报眉), rules between articles (栏线), and what to do with the
//! characters left over when a span is re-split into narrower columns (破栏).

use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::Path;

/// Wording of jump lines; `{page}` is replaced by the page number.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Jumps {
    /// Where a chain leaves a page (set right-aligned on the frame's last line).
    #[serde(default = "default_out", deserialize_with = "super::plain::de_line")]
    pub out: String,
    /// Where it resumes (set on the first line of the continuation).
    #[serde(
        default = "default_in",
        rename = "in",
        deserialize_with = "super::plain::de_line"
    )]
    pub into: String,
}

fn default_out() -> String {
    "（下转第{page}版）".into()
}

fn default_in() -> String {
    "（上接第{page}版）".into()
}

impl Default for Jumps {
    fn default() -> Self {
        Jumps {
            out: default_out(),
            into: default_in(),
        }
    }
}

impl Jumps {
    /// Checks that both wordings name the page.
    pub(super) fn check(&self, path: &Path) -> Result<()> {
        for (key, w) in [("out", &self.out), ("in", &self.into)] {
            if !w.contains("{page}") {
                return Err(Error::keyed(
                    format!("jumps.{key}"),
                    path,
                    format!(
                        "[jumps] {key} = \"{w}\" does not contain {{page}}, where the page number goes (e.g. \"（下转第{{page}}版）\")"
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The out line for a jump to page `n`.
    pub fn out_to(&self, n: u32) -> String {
        self.out.replace("{page}", &n.to_string())
    }

    /// The in line for a continuation from page `n`.
    pub fn in_from(&self, n: u32) -> String {
        self.into.replace("{page}", &n.to_string())
    }
}

/// What happens to characters left over when a span of basic columns is re-split into `k`
/// equal columns (破栏) and `(span − (k − 1) × gutter) / k` is not whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SplitRemainder {
    /// Refuse the split, with the numbers.
    #[default]
    Error,
    /// Columns stay whole characters; the leftover widens the gutters.
    Gutter,
}
