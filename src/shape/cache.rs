//! A memo of shaped paragraphs, so a rebuild (watch mode) shapes only what changed: a
//! one-character edit reshapes one paragraph. Lookups only — nothing iterates the map, so it
//! cannot change the output's order.

use super::{ShapedPara, Span, shape_paragraph};
use crate::error::Result;
use crate::font::{FontBook, FontId};
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a paragraph was shaped from: per span its text, font chain, size and style.
type Key = Vec<(String, Vec<FontId>, u32, String)>;

/// The most paragraphs the memo holds: a 96-page edition's several thousand, with room.
const MAX_PARAGRAPHS: usize = 20_000;

/// Shaped paragraphs by their spans; valid for one [`FontBook`] (clear it when fonts change).
#[derive(Debug, Default)]
pub struct ShapeCache {
    map: Mutex<HashMap<Key, ShapedPara>>,
    hits: AtomicUsize,
}

impl ShapeCache {
    /// `spans` shaped, from the memo when they were shaped before.
    pub fn shape(&self, book: &FontBook, spans: &[Span], owner: &str) -> Result<ShapedPara> {
        let key: Key = spans
            .iter()
            .map(|s| {
                (
                    s.text.to_string(),
                    s.fonts.to_vec(),
                    s.size.to_bits(),
                    s.style.to_string(),
                )
            })
            .collect();
        if let Some(p) = self.map.lock().ok().and_then(|m| m.get(&key).cloned()) {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return Ok(p);
        }
        let p = shape_paragraph(book, spans, owner)?;
        if let Ok(mut m) = self.map.lock() {
            // A long-lived session (a server's, fed new texts all day) must not grow without
            // end: past the bound the memo starts afresh, as after a font change.
            if m.len() >= MAX_PARAGRAPHS {
                m.clear();
            }
            m.insert(key, p.clone());
        }
        Ok(p)
    }

    /// Paragraphs served from the memo so far.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    /// Forgets everything (the fonts changed).
    pub fn clear(&self) {
        if let Ok(mut m) = self.map.lock() {
            m.clear();
        }
    }
}
