//! The order of a page's stream, which is its reading order: text extraction, copy and search
//! (and screen readers, which follow the stream) read a page's items as they come, page after
//! page. Every page opens with its thread regions, in article order; then come the articles
//! that arrive from an earlier page, the page's own items, and last the articles that go on to
//! a later page.
//!
//! A stream cannot keep two articles whole across one page boundary, nor an article over
//! three pages whole across both of its boundaries. So the articles that cross page boundaries
//! nest like brackets and never interleave: at the end of a page the articles that go on are
//! written so that the one that ends soonest comes last, and the next page opens with the
//! articles that end there, in the reverse order. The innermost article at every boundary
//! reads on without a break; an outer one is interrupted only by whole articles and page
//! furniture, never by part of another article (`…恒昌置业有限公|2008年，吴尊…` cannot happen).
//! An article that passes through a page is written last on it, joined to the next page.

use crate::display::{self, Item, Page};
use std::collections::BTreeMap;

/// Items held back from the pages' own streams until every article is placed.
pub(super) struct StreamOrder {
    /// Per page: the thread regions, written first.
    regions: Vec<Vec<Item>>,
    /// Jumping articles seen so far: the next one's number.
    jumping: usize,
    /// Per jumping article (by its number) and page: its items.
    held: BTreeMap<(usize, usize), Vec<Item>>,
}

/// Where an article's items go: its page's own stream, or held as jumping article `n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sink {
    /// The article stays on its page.
    Own,
    /// The article's thread leaves its home page: the `n`-th such article placed.
    Jumping(usize),
}

/// Where a jumping article's items go on one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    /// At the head: it ends on this page and began on an earlier one.
    Head,
    /// At the tail: it has text on this page only (its jump led to empty frames).
    Alone,
    /// At the tail, after the others: it goes on to a later page.
    On,
}

impl StreamOrder {
    /// Nothing held yet, for `pages` pages.
    pub(super) fn new(pages: usize) -> Self {
        StreamOrder {
            regions: vec![Vec::new(); pages],
            jumping: 0,
            held: BTreeMap::new(),
        }
    }

    /// A region of a thread on page `page`.
    pub(super) fn region(&mut self, page: usize, region: display::Region) {
        self.regions[page].push(Item::Region(region));
    }

    /// Where the items go of an article whose thread runs over `pages` (indices, in thread
    /// order); call once per article, in placing order.
    pub(super) fn thread(&mut self, mut pages: impl Iterator<Item = usize>) -> Sink {
        let Some(home) = pages.next() else {
            return Sink::Own;
        };
        if !pages.any(|p| p != home) {
            return Sink::Own;
        }
        self.jumping += 1;
        Sink::Jumping(self.jumping - 1)
    }

    /// The list an item of an article going to `sink` on page `page` is put in: the page
    /// itself, or held until the order of the crossing articles is known.
    pub(super) fn sink<'a>(
        &'a mut self,
        pages: &'a mut [Page],
        page: usize,
        sink: Sink,
    ) -> &'a mut Vec<Item> {
        match sink {
            Sink::Own => &mut pages[page].items,
            Sink::Jumping(a) => self.held.entry((a, page)).or_default(),
        }
    }

    /// Writes the held items into the pages' streams; returns, per page, where its proof
    /// layer goes: after its own items, before the articles that go on from it.
    pub(super) fn assemble(mut self, pages: &mut [Page]) -> Vec<usize> {
        // The first and last page (indices) each jumping article has items on.
        let mut span: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
        for &(a, p) in self.held.keys() {
            let s = span.entry(a).or_insert((p, p));
            *s = (s.0.min(p), s.1.max(p));
        }
        let mut proof_at = Vec::new();
        for (p, (page, regions)) in pages.iter_mut().zip(self.regions).enumerate() {
            let mut here: Vec<Segment> = Vec::new();
            for (&a, &(first, last)) in &span {
                if let Some(items) = self.held.remove(&(a, p)) {
                    let (place, key) = place(p, (first, last), a);
                    here.push(Segment { place, key, items });
                }
            }
            here.sort_by_key(|s| (s.place, s.key));
            let own = std::mem::take(&mut page.items);
            page.items = regions;
            let mut tail = Vec::new();
            for s in here {
                match s.place {
                    Place::Head => page.items.extend(s.items),
                    Place::Alone | Place::On => tail.extend(s.items),
                }
            }
            page.items.extend(own);
            proof_at.push(page.items.len());
            page.items.extend(tail);
        }
        proof_at
    }
}

/// A jumping article's items on one page, with where they go.
struct Segment {
    place: Place,
    key: [usize; 3],
    items: Vec<Item>,
}

/// Where on page `p` the items go of the article placed `a`-th among the jumping ones, which
/// has items from page `first` to `last`, and its sort key there. At the head: popped in the
/// reverse of the order they were pushed (first page, then placing order, both descending).
/// At the tail: the article that ends latest first, so the one that ends soonest is last.
fn place(p: usize, (first, last): (usize, usize), a: usize) -> (Place, [usize; 3]) {
    match (first < p, p < last) {
        (true, false) => (Place::Head, [usize::MAX - first, usize::MAX - a, 0]),
        (false, false) => (Place::Alone, [a, 0, 0]),
        (_, true) => (Place::On, [usize::MAX - last, first, a]),
    }
}
