//! The order of a page's stream, which is its reading order: text extraction, copy and search
//! (and screen readers, which follow the stream) read a page's items as they come. Every page
//! opens with its thread regions, in article order. An article that jumps is written last on
//! the page it leaves and first on the page where it resumes, so it reads on without a break.

use crate::display::{self, Item, Page};
use std::collections::BTreeMap;

/// Items held back from the pages' own streams until every article is placed.
pub(super) struct StreamOrder {
    /// Per page: the thread regions, written first.
    regions: Vec<Vec<Item>>,
    /// Per page: items of articles that arrive from another page, written next.
    arriving: Vec<Vec<Item>>,
    /// Per page: items of articles that leave for another page, written last.
    leaving: Vec<Vec<Item>>,
    /// The home page of every article whose thread leaves it.
    jumping: BTreeMap<String, usize>,
}

impl StreamOrder {
    /// Nothing held yet, for `pages` pages.
    pub(super) fn new(pages: usize) -> Self {
        StreamOrder {
            regions: vec![Vec::new(); pages],
            arriving: vec![Vec::new(); pages],
            leaving: vec![Vec::new(); pages],
            jumping: BTreeMap::new(),
        }
    }

    /// A region of a thread on page `page`.
    pub(super) fn region(&mut self, page: usize, region: display::Region) {
        self.regions[page].push(Item::Region(region));
    }

    /// Article `owner`'s thread runs over `pages` (indices, in thread order).
    pub(super) fn thread(&mut self, owner: &str, mut pages: impl Iterator<Item = usize>) {
        let Some(home) = pages.next() else { return };
        if pages.any(|p| p != home) {
            self.jumping.insert(owner.to_string(), home);
        }
    }

    /// Where an item of article `owner` on page `page` goes: the page itself if the article
    /// does not jump, else the leaving (home page) or arriving (other pages) list.
    pub(super) fn sink<'a>(
        &'a mut self,
        pages: &'a mut [Page],
        page: usize,
        owner: &str,
    ) -> &'a mut Vec<Item> {
        match self.jumping.get(owner) {
            None => &mut pages[page].items,
            Some(&h) if h == page => &mut self.leaving[page],
            Some(_) => &mut self.arriving[page],
        }
    }

    /// Writes the held items into the pages' streams; returns, per page, where its proof
    /// layer goes: after its own items, before the articles that leave it.
    pub(super) fn assemble(self, pages: &mut [Page]) -> Vec<usize> {
        let mut marks_at = Vec::new();
        let held = self
            .regions
            .into_iter()
            .zip(self.arriving)
            .zip(self.leaving);
        for (page, ((regions, arriving), leaving)) in pages.iter_mut().zip(held) {
            let own = std::mem::take(&mut page.items);
            page.items = regions;
            page.items.extend(arriving);
            page.items.extend(own);
            marks_at.push(page.items.len());
            page.items.extend(leaving);
        }
        marks_at
    }
}
