//! 错开标题: two article blocks side by side whose headlines start on one line — both under
//! one block, or both at the top — would stand headline against headline (撞题). The trade
//! keeps the blocks and moves one headline off the shared gutter: over all but the column
//! next to its neighbour (左上题 or 右上题), so a column of its own text stands between the
//! two headlines. The article's body starts that column at the block's top.

use super::design::Placed;
use super::measure::{Item, Kind};

/// The headline lines of `p` (first and last), at its block's width; `None` for an item
/// without a headline.
pub(super) fn head_lines(p: &Placed, items: &[Item]) -> Option<[u32; 2]> {
    let item = &items[p.item];
    let size = item.sizes.get(&(p.cols[1] + 1 - p.cols[0]))?;
    (matches!(item.kind, Kind::Article(_)) && size.head > 0)
        .then_some([p.top, p.top + size.head - 1])
}

/// Whether `a`'s headline stands against `b`'s across a gutter, `a` on the left.
pub(super) fn against(a: &Placed, b: &Placed, items: &[Item]) -> bool {
    // The gutter first: it rules out nearly every pair without a look at the sizes.
    if a.head[1] + 1 != b.head[0] {
        return false;
    }
    let (Some(la), Some(lb)) = (head_lines(a, items), head_lines(b, items)) else {
        return false;
    };
    la[0] <= lb[1] && lb[0] <= la[1]
}

/// Moves headlines off the gutters where two stand against each other: the less important
/// article's (a wider block first, so no headline is squeezed into one column if it can be
/// helped), each headline at most once; pairs neither can leave stay (priced as 撞题).
pub(super) fn stagger(placed: &mut [Placed], items: &[Item]) {
    let mut order: Vec<usize> = (0..placed.len()).collect();
    order.sort_by_key(|&k| (placed[k].top, placed[k].cols[0]));
    for &a in &order {
        for &b in &order {
            if against(&placed[a], &placed[b], items) {
                move_one(placed, items, (a, b));
            }
        }
    }
}

/// Moves apart the headlines of `pairs` (placed indices, left and right) that a composed page
/// found side by side; whether any moved.
pub(super) fn apart(placed: &mut [Placed], items: &[Item], pairs: &[(usize, usize)]) -> bool {
    let mut moved = false;
    for &pair in pairs {
        moved |= move_one(placed, items, pair);
    }
    moved
}

/// Moves the headline of `b` off its left edge or that of `a` off its right edge, as
/// `stagger` chooses; whether one moved.
fn move_one(placed: &mut [Placed], items: &[Item], (a, b): (usize, usize)) -> bool {
    let choice = [(b, true), (a, false)]
        .into_iter()
        .filter(|&(k, _)| movable(&placed[k], items))
        .max_by_key(|&(k, _)| {
            let p = &placed[k];
            (p.cols[1] > p.cols[0] + 1, items[p.item].rank)
        });
    let Some((k, right)) = choice else {
        return false;
    };
    let h = &mut placed[k].head;
    if right {
        h[0] += 1
    } else {
        h[1] -= 1
    }
    true
}

/// Whether `p`'s headline can move off a gutter: it still spans its whole block, which is two
/// columns or more and holds no photo (the photo stands under the headline at a side).
fn movable(p: &Placed, items: &[Item]) -> bool {
    let w = p.cols[1] + 1 - p.cols[0];
    let photo = items[p.item]
        .sizes
        .get(&w)
        .is_some_and(|s| s.photo_cols > 0);
    p.head == p.cols && w >= 2 && !photo
}

/// Headlines moved off a gutter.
pub(super) fn staggered(placed: &[Placed]) -> u32 {
    placed.iter().filter(|p| p.head != p.cols).count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::auto::measure::Size;

    /// An article of rank `rank` `width` columns wide with a headline of 3 lines.
    fn article(rank: usize, width: u32) -> Item {
        let size = Size {
            lo: 10,
            nat: 12,
            hi: 14,
            head: 3,
            photo_cols: 0,
            photo_lines: 0,
            gap: 0,
        };
        Item {
            id: format!("a{rank}"),
            kind: Kind::Article(rank),
            rank,
            sizes: [(width, size)].into(),
        }
    }

    /// Item `item` placed over `cols` from line `top`.
    fn at(item: usize, cols: [u32; 2], top: u32) -> Placed {
        Placed {
            item,
            cols,
            head: cols,
            top,
            lines: 12,
            foot: false,
            below: Vec::new(),
        }
    }

    #[test]
    fn the_less_important_headline_moves_off_the_gutter_where_it_can() {
        let items = [article(0, 3), article(1, 3), article(2, 1), article(3, 1)];
        let mut placed = [
            at(0, [1, 3], 20),
            at(1, [4, 6], 20),
            at(2, [1, 1], 40),
            at(3, [2, 2], 40),
        ];
        assert!(against(&placed[0], &placed[1], &items));
        stagger(&mut placed, &items);
        // The second article's headline leaves column 4 to its text (右上题).
        assert_eq!(placed[1].head, [5, 6]);
        assert_eq!(placed[0].head, [1, 3]);
        assert!(!against(&placed[0], &placed[1], &items));
        // Two one-column blocks cannot: the 撞题 stays, to be priced.
        assert!(against(&placed[2], &placed[3], &items));
        assert_eq!(staggered(&placed), 1);
        // Lower, the pair no longer meets.
        placed[3].top = 44;
        assert!(!against(&placed[2], &placed[3], &items));
    }
}
