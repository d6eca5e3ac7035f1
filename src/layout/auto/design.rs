//! A page design: a guillotine tree over the column grid (Strecker & Hennig's grid-based page
//! layouting). A region is one item across all its columns, a stack of regions top to bottom
//! (each under the one before), or regions side by side that end on one line. Designs are
//! drawn at random from a fixed seed, placed with the measured sizes, and priced.

use super::measure::{Item, Size};

/// A region of the design.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Design {
    /// One item across the region's columns.
    Leaf(usize),
    /// Regions top to bottom.
    Stack(Vec<Design>),
    /// Regions side by side (each this many columns wide), ending on one line.
    Side(Vec<(u32, Design)>),
}

/// One item placed by the model.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Placed {
    /// The item (index in the items).
    pub item: usize,
    /// First and last basic column.
    pub cols: [u32; 2],
    /// First and last basic column of an article's headline: its own columns, or one fewer
    /// where it is moved off a gutter (see `stagger`).
    pub head: [u32; 2],
    /// First grid line.
    pub top: u32,
    /// Lines it takes.
    pub lines: u32,
    /// It reaches down to the foot of the type area.
    pub foot: bool,
    /// The placed items it starts under (indices in the placement), none at the top.
    pub below: Vec<usize>,
}

/// The seed's random numbers: SplitMix64, a fixed algorithm so that the same docket and seed
/// give the same page on every machine and with every dependency version (rand's `StdRng`
/// promises no such thing across releases).
pub(super) struct Dice(u64);

impl Dice {
    /// Dice from `seed`.
    pub fn new(seed: u64) -> Self {
        Dice(seed ^ 0x6261_6f62_616e_2121)
    }

    /// The next 64 random bits.
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u32) -> u32 {
        (self.next() % u64::from(n.max(1))) as u32
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// Draws a design for `items` (in priority order) over `width` columns, or `None` when the
/// draw leaves an item in a width it may not take.
pub(super) fn draw(dice: &mut Dice, items: &[Item], order: &[usize], width: u32) -> Option<Design> {
    if order.len() == 1 {
        let i = order[0];
        return items[i]
            .sizes
            .contains_key(&width)
            .then_some(Design::Leaf(i));
    }
    let top = items[order[0]].sizes.contains_key(&width);
    let close = width >= 2 && order.len() >= 3;
    let roll = dice.below(8);
    if top && (roll < 3 || width == 1) {
        // The first item across the region, the rest under it.
        let rest = draw(dice, items, &order[1..], width)?;
        return Some(stack(Design::Leaf(order[0]), rest));
    }
    if width < 2 {
        return None;
    }
    if close && roll >= 6 {
        // Items side by side over the region, the last ones across its foot under them.
        let under = 1 + dice.below(order.len() as u32 - 2) as usize;
        let (over, rest) = order.split_at(order.len() - under);
        let side = side(dice, items, over, width)?;
        return Some(stack(side, draw(dice, items, rest, width)?));
    }
    side(dice, items, order, width)
}

/// Two regions side by side over `width` columns, the items shared between them.
fn side(dice: &mut Dice, items: &[Item], order: &[usize], width: u32) -> Option<Design> {
    if order.len() < 2 {
        return None;
    }
    let k = 1 + dice.below(width - 1);
    let [a, b] = share(dice, items, order, [k, width - k]);
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let left = draw(dice, items, &a, k)?;
    let right = draw(dice, items, &b, width - k)?;
    Some(Design::Side(vec![(k, left), (width - k, right)]))
}

/// A stack of `a` over `b`, nested stacks flattened.
fn stack(a: Design, b: Design) -> Design {
    let mut out = match a {
        Design::Stack(v) => v,
        other => vec![other],
    };
    match b {
        Design::Stack(v) => out.extend(v),
        other => out.push(other),
    }
    Design::Stack(out)
}

/// Items shared between two regions `widths` wide: the first (the most important) usually to
/// the left, each next to the region fuller for its width the least, with some noise.
fn share(dice: &mut Dice, items: &[Item], order: &[usize], widths: [u32; 2]) -> [Vec<usize>; 2] {
    let mut out = [Vec::new(), Vec::new()];
    let mut load = [0.0f64; 2];
    for (n, &i) in order.iter().enumerate() {
        let side = if n == 0 {
            usize::from(!dice.chance(0.75))
        } else {
            let noise = 0.7 + 0.6 * dice.below(1000) as f64 / 1000.0;
            let fill = |s: usize| load[s] / f64::from(widths[s]);
            usize::from(fill(1) * noise < fill(0))
        };
        load[side] += area(&items[i]);
        out[side].push(i);
    }
    out
}

/// An item's area in line-columns at its narrowest width.
fn area(item: &Item) -> f64 {
    item.sizes
        .iter()
        .next()
        .map_or(0.0, |(&w, s)| f64::from(s.nat * w))
}

/// What the model's placement costs, in named parts.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Model {
    /// Cells left empty (heights over what copyfit can fill).
    pub holes: u32,
    /// Cells of text that cannot fit (heights under what copyfit can take).
    pub overset: u32,
    /// Lines moved from natural heights by copyfit.
    pub copyfit: u32,
}

/// Places `d` over columns from `c0`, `width` wide, from line `top` down to `foot` (the foot
/// of the type area), with the measured sizes.
pub(super) fn place(
    d: &Design,
    items: &[Item],
    (c0, width): (u32, u32),
    (top, foot): (u32, u32),
) -> (Vec<Placed>, Model) {
    let mut p = Placer {
        items,
        out: Vec::new(),
        model: Model::default(),
    };
    p.region(d, (c0, width), top, (Some(foot + 1 - top), true), &[]);
    super::stagger::stagger(&mut p.out, items);
    (p.out, p.model)
}

/// The model's placing state.
struct Placer<'a> {
    items: &'a [Item],
    out: Vec<Placed>,
    model: Model,
}

impl Placer<'_> {
    /// The (least, natural, most) lines of `d` at `width`.
    fn range(&self, d: &Design, width: u32) -> [u32; 3] {
        match d {
            Design::Leaf(i) => {
                let s = self.size(*i, width);
                [s.lo, s.nat, s.hi]
            }
            Design::Stack(v) => v.iter().fold([0; 3], |acc, c| {
                let r = self.range(c, width);
                [acc[0] + r[0], acc[1] + r[1], acc[2] + r[2]]
            }),
            Design::Side(v) => {
                let r: Vec<[u32; 3]> = v.iter().map(|(w, c)| self.range(c, *w)).collect();
                let nat = r.iter().map(|x| x[1]).max().unwrap_or(0);
                let lo = r.iter().map(|x| x[0]).max().unwrap_or(0).max(nat);
                let hi = r.iter().map(|x| x[2]).min().unwrap_or(0).max(lo);
                [lo, nat, hi]
            }
        }
    }

    fn size(&self, i: usize, width: u32) -> Size {
        self.items[i].sizes[&width]
    }

    /// Places region `d`; `target`: the lines it must take (else its natural height), `foot`:
    /// it reaches the foot. Returns its lines and the placed items along its bottom edge.
    fn region(
        &mut self,
        d: &Design,
        (c0, width): (u32, u32),
        top: u32,
        (target, foot): (Option<u32>, bool),
        above: &[usize],
    ) -> (u32, Vec<usize>) {
        let over: Vec<usize> = (above.iter().copied())
            .filter(|&j| {
                let c = self.out[j].cols;
                c[0] < c0 + width && c0 <= c[1]
            })
            .collect();
        match d {
            Design::Leaf(i) => {
                let s = self.size(*i, width);
                let lines = target.unwrap_or(s.nat);
                self.model.copyfit += lines.abs_diff(s.nat);
                self.model.holes += lines.saturating_sub(s.hi) * width + s.gap;
                self.model.overset += s.lo.saturating_sub(lines) * width;
                self.out.push(Placed {
                    item: *i,
                    cols: [c0, c0 + width - 1],
                    head: [c0, c0 + width - 1],
                    top,
                    lines,
                    foot,
                    below: over,
                });
                (lines, vec![self.out.len() - 1])
            }
            Design::Stack(v) => self.stack(v, (c0, width), top, (target, foot), &over),
            Design::Side(v) => {
                let lines = target.unwrap_or_else(|| self.range(d, width)[1]);
                let mut bottom = Vec::new();
                let mut c = c0;
                for (w, child) in v {
                    let (_, b) = self.region(child, (c, *w), top, (Some(lines), foot), &over);
                    bottom.extend(b);
                    c += w;
                }
                (lines, bottom)
            }
        }
    }

    /// Places a stack: each region at its natural height, the difference to `target` shared
    /// out among them within what copyfit can do, the last one reaching the foot.
    fn stack(
        &mut self,
        v: &[Design],
        (c0, width): (u32, u32),
        top: u32,
        (target, foot): (Option<u32>, bool),
        above: &[usize],
    ) -> (u32, Vec<usize>) {
        let ranges: Vec<[u32; 3]> = v.iter().map(|c| self.range(c, width)).collect();
        let mut lines: Vec<u32> = ranges.iter().map(|r| r[1]).collect();
        match target {
            // At the foot, copyfit shares the difference out among the stack's blocks; over a
            // gap (regions side by side ending on one line) only the block standing directly
            // over it grows.
            Some(t) if foot => share_lines(&mut lines, &ranges, t),
            Some(t) => {
                let n = lines.len() - 1;
                let others: u32 = lines[..n].iter().sum();
                lines[n] = t.saturating_sub(others).max(lines[n]);
            }
            None => {}
        }
        let mut y = top;
        let mut over = above.to_vec();
        for (k, child) in v.iter().enumerate() {
            let last = k + 1 == v.len();
            let (h, b) = self.region(child, (c0, width), y, (Some(lines[k]), foot && last), &over);
            y += h;
            over = b;
        }
        (y - top, over)
    }
}

/// Moves `lines` (natural heights) towards a total of `target`, a line at a time to the
/// region with the most room left that way; what no region can take goes to the last (and is
/// priced there as a hole or overset).
fn share_lines(lines: &mut [u32], ranges: &[[u32; 3]], target: u32) {
    let total: u32 = lines.iter().sum();
    let n = lines.len();
    if total < target {
        for _ in 0..target - total {
            let pick = (0..n)
                .rev()
                .max_by_key(|&k| ranges[k][2].saturating_sub(lines[k]));
            let k = pick.filter(|&k| lines[k] < ranges[k][2]).unwrap_or(n - 1);
            lines[k] += 1;
        }
    } else {
        for _ in 0..total - target {
            let pick = (0..n)
                .rev()
                .max_by_key(|&k| lines[k].saturating_sub(ranges[k][0]));
            let k = pick.filter(|&k| lines[k] > ranges[k][0]).unwrap_or(n - 1);
            lines[k] = lines[k].saturating_sub(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_shared_within_what_copyfit_can_do() {
        // Two regions: natural 10 and 20, each between lo and hi.
        let ranges = [[8, 10, 12], [18, 20, 21]];
        let mut lines = [10, 20];
        share_lines(&mut lines, &ranges, 33);
        assert_eq!(lines, [12, 21]);
        let mut lines = [10, 20];
        share_lines(&mut lines, &ranges, 26);
        assert_eq!(lines, [8, 18]);
        // More than they can take goes to the last, to be priced as a hole.
        let mut lines = [10, 20];
        share_lines(&mut lines, &ranges, 40);
        assert_eq!(lines, [12, 28]);
    }

    #[test]
    fn the_same_seed_gives_the_same_numbers() {
        let (mut a, mut b) = (Dice::new(7), Dice::new(7));
        let xs: Vec<u32> = (0..20).map(|_| a.below(100)).collect();
        let ys: Vec<u32> = (0..20).map(|_| b.below(100)).collect();
        assert_eq!(xs, ys);
        assert!(xs.iter().any(|&x| x != xs[0]), "not constant");
        let mut c = Dice::new(8);
        assert_ne!(xs, (0..20).map(|_| c.below(100)).collect::<Vec<_>>());
    }
}
