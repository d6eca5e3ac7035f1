//! Hyphenation points of long Latin words (English patterns, TeX's via the hypher crate): in a
//! column of 8–13 characters an English company or product name would otherwise be cut
//! without a hyphen or pushed whole to the next line, leaving the line before it spread
//! (CLREQ #handling_western_text_in_chinese_text: Western words follow their own rules).
//! Each point carries the hyphen glyph of its word's font, so line breaking knows its width.

use super::{CharClass, Glyph, ShapedPara};
use crate::font::FontBook;

/// Words shorter than this are never hyphenated (`about`, `China`).
const MIN_WORD: usize = 6;

/// A point where a line may end inside a word, with the hyphen set there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hyphen {
    /// The cluster the next line starts with.
    pub before: usize,
    /// The hyphen glyph (the font and size of the cluster before the point).
    pub glyph: Glyph,
}

/// Finds the hyphenation points of every Latin word of `para` of `MIN_WORD` letters or more
/// (not all capitals: `NASDAQ` is an acronym) whose font has a hyphen.
pub(super) fn hyphenate(book: &FontBook, para: &mut ShapedPara) {
    let n = para.clusters.len();
    let mut k = 0;
    while k < n {
        let word = (k..n).take_while(|&j| letter(para, j)).count();
        if word >= MIN_WORD {
            points(book, para, k..k + word);
        }
        k += word.max(1);
    }
}

/// Whether cluster `j` is one ASCII letter.
fn letter(para: &ShapedPara, j: usize) -> bool {
    let c = &para.clusters[j];
    let t = para.cluster_text(j);
    c.class == CharClass::Latin && t.len() == 1 && t.as_bytes()[0].is_ascii_alphabetic()
}

fn points(book: &FontBook, para: &mut ShapedPara, word: std::ops::Range<usize>) {
    let text =
        &para.text[para.clusters[word.start].text.start..para.clusters[word.end - 1].text.end];
    if text.bytes().all(|b| b.is_ascii_uppercase()) {
        return;
    }
    let mut at = word.start;
    let syllables: Vec<usize> = hypher::hyphenate(text, hypher::Lang::English)
        .map(str::len)
        .collect();
    for len in &syllables[..syllables.len().saturating_sub(1)] {
        // One cluster per letter, so bytes count clusters.
        at += len;
        let before = &para.clusters[at - 1];
        let face = book.face(before.font);
        let Some(gid) = face.glyph_of('-') else {
            return;
        };
        let scale = before.size / face.metrics.upem;
        let advance = face.glyph_metrics().advance(gid) * scale;
        let glyph = Glyph {
            gid,
            advance,
            font_advance: advance,
            dx: 0.0,
            dy: 0.0,
        };
        para.hyphens.push(Hyphen { before: at, glyph });
    }
}
