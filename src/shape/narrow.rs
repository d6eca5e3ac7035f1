//! Marks the mainland style sets in half an em (CLREQ #punctuation_width_adjustment): the
//! interpunct `·` between Han characters (列夫·托尔斯泰), and the exclamatory question marks
//! `？！` / `！？`, which take one em together. Fonts give `·` anything from a third of an em
//! (proportional, Noto Serif) to a full em (Noto Sans), and `？！` a full em each; the glyph is
//! kept and its ink centred in a ½ em box, so every font sets them alike.

use super::{CharClass, ShapedPara};
use crate::font::FontBook;

/// Sets the marks above in half an em each, in horizontal text.
pub(super) fn narrow_marks(book: &FontBook, para: &mut ShapedPara) {
    let chars: Vec<char> = (0..para.clusters.len())
        .map(|k| para.cluster_text(k).chars().next().unwrap_or(' '))
        .collect();
    let han = |k: Option<usize>| k.is_some_and(|k| para_class(para, k) == CharClass::Han);
    let mut narrow = vec![false; chars.len()];
    let mut k = 0;
    while k < chars.len() {
        let pair = is_exclamatory(chars[k]) && chars.get(k + 1).is_some_and(|&c| is_exclamatory(c));
        if pair && chars[k] != chars[k + 1] {
            (narrow[k], narrow[k + 1]) = (true, true);
            k += 2;
            continue;
        }
        if chars[k] == '·' && han(k.checked_sub(1)) && han(Some(k + 1)) {
            narrow[k] = true;
        }
        k += 1;
    }
    for (k, _) in narrow.iter().enumerate().filter(|(_, n)| **n) {
        half_em(book, para, k);
    }
}

fn para_class(para: &ShapedPara, k: usize) -> CharClass {
    para.clusters.get(k).map_or(CharClass::Space, |c| c.class)
}

/// `？` or `！`, full width.
fn is_exclamatory(c: char) -> bool {
    matches!(c, '？' | '！')
}

/// Cluster `k` (one glyph) set ½ em wide with its ink centred; no blank half is left to
/// compress.
fn half_em(book: &FontBook, para: &mut ShapedPara, k: usize) {
    let cluster = &para.clusters[k];
    let (em, glyphs) = (cluster.size, cluster.glyphs.clone());
    if glyphs.len() != 1 {
        return;
    }
    let face = book.face(cluster.font);
    let scale = em / face.metrics.upem;
    let g = &mut para.glyphs[glyphs.start];
    let Some((x_min, x_max, _)) = face.glyph_metrics().ink_extent(g.gid) else {
        return;
    };
    let centre = (x_min + x_max) / 2.0 * scale;
    g.dx = em / 4.0 - centre;
    g.advance = em / 2.0;
    let cluster = &mut para.clusters[k];
    cluster.advance = em / 2.0;
    cluster.blank = None;
}
