//! PDF article threads (PDF 1.1+, ISO 32000-1 §12.4.3): one thread per article, one bead per
//! frame in chain order, across pages, so a reader can follow an article from column to column.

use super::Ids;
use crate::display::Page;
use pdf_writer::{Finish, Name, Pdf, Rect, Ref, TextStr};
use std::collections::BTreeMap;

/// Thread objects for the catalog, and the beads of each page (for its `/B`).
pub(super) struct Threads {
    pub threads: Vec<Ref>,
    pub beads_by_page: Vec<Vec<Ref>>,
}

/// A bead before it is written: chain number, page index, rectangle.
type Bead = (usize, usize, [f32; 4]);

/// Writes the threads of `pages`, whose page objects are `page_ids`.
pub(super) fn write(pdf: &mut Pdf, ids: &mut Ids, pages: &[Page], page_ids: &[Ref]) -> Threads {
    // Article id → its frames over all pages, in page order then chain order; ids in first
    // appearance order so the output does not depend on map order.
    let mut order: Vec<&str> = Vec::new();
    let mut frames: BTreeMap<&str, Vec<Bead>> = BTreeMap::new();
    for (pi, page) in pages.iter().enumerate() {
        for r in page.regions() {
            if !frames.contains_key(r.owner.as_str()) {
                order.push(&r.owner);
            }
            frames
                .entry(&r.owner)
                .or_default()
                .push((r.number, pi, r.rect));
        }
    }
    let mut out = Threads {
        threads: Vec::new(),
        beads_by_page: vec![Vec::new(); pages.len()],
    };
    for id in order {
        // Beads follow the chain, which may go back to an earlier page.
        let mut beads = frames[id].clone();
        beads.sort_by_key(|b| b.0);
        let thread = ids.next();
        let refs: Vec<Ref> = beads.iter().map(|_| ids.next()).collect();
        let mut t = pdf.indirect(thread).dict();
        t.pair(Name(b"Type"), Name(b"Thread"));
        t.pair(Name(b"F"), refs[0]);
        t.insert(Name(b"I"))
            .dict()
            .pair(Name(b"Title"), TextStr(id));
        t.finish();
        for (k, &(_, pi, [x, top, w, h])) in beads.iter().enumerate() {
            let (height, o) = (pages[pi].height, super::origin(&pages[pi]));
            let mut b = pdf.indirect(refs[k]).dict();
            b.pair(Name(b"Type"), Name(b"Bead"));
            if k == 0 {
                b.pair(Name(b"T"), thread);
            }
            b.pair(Name(b"N"), refs[(k + 1) % refs.len()]);
            b.pair(Name(b"V"), refs[(k + refs.len() - 1) % refs.len()]);
            b.pair(Name(b"P"), page_ids[pi]);
            b.pair(
                Name(b"R"),
                Rect::new(x + o, o + height - top - h, x + o + w, o + height - top),
            );
            b.finish();
            out.beads_by_page[pi].push(refs[k]);
        }
        out.threads.push(thread);
    }
    out
}
