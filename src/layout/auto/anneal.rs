//! Simulated annealing over designs (Strecker & Hennig found it near-optimal for rich fitness
//! functions): from the best designs drawn, small changes — two items swapped, a split moved,
//! a region drawn anew, regions reordered — are kept when they cost less, and sometimes when
//! they cost a little more while the temperature is high. Every random choice comes from the
//! docket's seed.

use super::design::{self, Design, Dice};
use super::measure::Item;

/// A design's path from the root: the child index at each level.
type Path = Vec<usize>;

/// Every node of `d` (over `width` columns) with its path and width, root first.
fn nodes(d: &Design, width: u32) -> Vec<(Path, u32)> {
    let mut out = vec![(Vec::new(), width)];
    let mut i = 0;
    while i < out.len() {
        let (path, w) = out[i].clone();
        match at(d, &path) {
            Design::Leaf(_) => {}
            Design::Stack(v) => {
                out.extend((0..v.len()).map(|k| ([path.clone(), vec![k]].concat(), w)));
            }
            Design::Side(v) => {
                let kids = v.iter().enumerate();
                out.extend(kids.map(|(k, (cw, _))| ([path.clone(), vec![k]].concat(), *cw)));
            }
        }
        i += 1;
    }
    out
}

/// The node at `path`.
fn at<'a>(d: &'a Design, path: &[usize]) -> &'a Design {
    path.iter().fold(d, |n, &k| match n {
        Design::Stack(v) => &v[k],
        Design::Side(v) => &v[k].1,
        Design::Leaf(_) => n,
    })
}

/// The node at `path`, to change.
fn at_mut<'a>(d: &'a mut Design, path: &[usize]) -> &'a mut Design {
    let mut n = d;
    for &k in path {
        n = match n {
            Design::Stack(v) => &mut v[k],
            Design::Side(v) => &mut v[k].1,
            Design::Leaf(_) => return n,
        };
    }
    n
}

/// The items of a region, in priority order.
fn items_of(d: &Design) -> Vec<usize> {
    let mut out = Vec::new();
    let mut todo = vec![d];
    while let Some(n) = todo.pop() {
        match n {
            Design::Leaf(i) => out.push(*i),
            Design::Stack(v) => todo.extend(v.iter()),
            Design::Side(v) => todo.extend(v.iter().map(|(_, c)| c)),
        }
    }
    out.sort_unstable();
    out
}

/// Whether every leaf of `d` over `width` columns has a width its item may take, and every
/// side fills its region.
fn fits(d: &Design, items: &[Item], width: u32) -> bool {
    match d {
        Design::Leaf(i) => items[*i].sizes.contains_key(&width),
        Design::Stack(v) => v.iter().all(|c| fits(c, items, width)),
        Design::Side(v) => {
            v.iter().map(|(w, _)| w).sum::<u32>() == width
                && v.iter().all(|(w, c)| *w > 0 && fits(c, items, *w))
        }
    }
}

/// A small random change of `d` (over `width` columns), or `None` if the one drawn does not
/// give a valid design.
pub(super) fn mutate(dice: &mut Dice, d: &Design, items: &[Item], width: u32) -> Option<Design> {
    let mut out = d.clone();
    let all = nodes(d, width);
    let (path, w) = all[dice.below(all.len() as u32) as usize].clone();
    match dice.below(4) {
        0 => {
            // Two items trade places.
            let leaves: Vec<&Path> = (all.iter())
                .filter(|(p, _)| matches!(at(d, p), Design::Leaf(_)))
                .map(|(p, _)| p)
                .collect();
            let a = leaves[dice.below(leaves.len() as u32) as usize];
            let b = leaves[dice.below(leaves.len() as u32) as usize];
            let (Design::Leaf(x), Design::Leaf(y)) = (at(d, a).clone(), at(d, b).clone()) else {
                return None;
            };
            *at_mut(&mut out, a) = Design::Leaf(y);
            *at_mut(&mut out, b) = Design::Leaf(x);
        }
        1 => {
            // A split moved by a column.
            let Design::Side(v) = at_mut(&mut out, &path) else {
                return None;
            };
            if v.len() < 2 {
                return None;
            }
            let k = dice.below(v.len() as u32 - 1) as usize;
            let grow = dice.below(2) == 0;
            let (from, to) = if grow { (k + 1, k) } else { (k, k + 1) };
            if v[from].0 < 2 {
                return None;
            }
            v[from].0 -= 1;
            v[to].0 += 1;
        }
        2 => {
            // A region drawn anew.
            let region = items_of(at(d, &path));
            *at_mut(&mut out, &path) = design::draw(dice, items, &region, w)?;
        }
        _ => {
            // Two neighbouring regions of a stack or a side trade places.
            match at_mut(&mut out, &path) {
                Design::Stack(v) if v.len() >= 2 => {
                    let k = dice.below(v.len() as u32 - 1) as usize;
                    v.swap(k, k + 1);
                }
                Design::Side(v) if v.len() >= 2 => v.reverse(),
                _ => return None,
            }
        }
    }
    fits(&out, items, width).then_some(out)
}
