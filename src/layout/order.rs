//! The order blocks are placed in: each after the blocks it stands under (`below`, or the
//! article's previous block), plan order among equals, so a change above pushes everything
//! under it. A cycle is an input error naming the blocks in it.

use crate::error::{Error, Result};
use crate::model::{BlockPlan, GridRect, PagePlan, Top};

/// What holds a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Owner {
    /// Article (index in the plan) and which of its blocks.
    Article(usize, usize),
    /// Photo (index in the plan).
    Photo(usize),
    /// Text box (index in the plan).
    Box(usize),
    /// Continuation of an article from another page (index in the plan) and which block.
    Continued(usize, usize),
}

/// One block to place.
#[derive(Debug, Clone)]
pub(super) struct Node {
    /// Its owner's id.
    pub id: String,
    /// What holds it.
    pub owner: Owner,
    /// The block as planned.
    pub block: BlockPlan,
    /// Blocks it starts under (indices of nodes).
    pub deps: Vec<usize>,
    /// The lowest line of hand-placed rectangles it starts under (0 for none).
    pub under_fixed: u32,
    /// Its article's previous block, placed first wherever it stands (the text runs through
    /// it first).
    pub after: Option<usize>,
}

impl Node {
    /// The nodes it is placed after: those it stands under and its article's previous block.
    pub fn waits_for(&self) -> impl Iterator<Item = usize> + '_ {
        self.deps.iter().copied().chain(self.after)
    }

    /// How messages name it: `article 'x' block 2`, `photo 'p'`.
    pub fn name(&self) -> String {
        match self.owner {
            Owner::Article(_, k) => format!("article '{}' block {}", self.id, k + 1),
            Owner::Photo(_) => format!("photo '{}'", self.id),
            Owner::Box(_) => format!("box '{}'", self.id),
            Owner::Continued(_, k) => format!("continued article '{}' block {}", self.id, k + 1),
        }
    }
}

/// The blocks of `plan` with what each starts under.
pub(super) fn nodes(plan: &PagePlan) -> Result<Vec<Node>> {
    let mut nodes: Vec<Node> = Vec::new();
    for (ai, a) in plan.articles.iter().enumerate() {
        for (k, b) in a.block.iter().chain(&a.blocks).enumerate() {
            nodes.push(node(&a.id, Owner::Article(ai, k), b));
        }
    }
    for (pi, p) in plan.photos.iter().enumerate() {
        nodes.extend(p.block.iter().map(|b| node(&p.id, Owner::Photo(pi), b)));
    }
    for (bi, x) in plan.boxes.iter().enumerate() {
        nodes.extend(x.block.iter().map(|b| node(&x.id, Owner::Box(bi), b)));
    }
    for (ci, c) in plan.continued.iter().enumerate() {
        let all = c.all_blocks().into_iter().enumerate();
        nodes.extend(all.map(|(k, b)| node(&c.article, Owner::Continued(ci, k), b)));
    }
    for i in 0..nodes.len() {
        if let Owner::Article(_, k) | Owner::Continued(_, k) = nodes[i].owner {
            nodes[i].after = (k > 0).then(|| i - 1);
        }
        let (deps, under) = starts_under(plan, &nodes, i)?;
        (nodes[i].deps, nodes[i].under_fixed) = (deps, under);
    }
    Ok(nodes)
}

fn node(id: &str, owner: Owner, b: &BlockPlan) -> Node {
    Node {
        id: id.to_string(),
        owner,
        block: b.clone(),
        deps: Vec::new(),
        under_fixed: 0,
        after: None,
    }
}

/// The blocks (and the lowest hand-placed line) node `i` starts under. `below = "id"` means
/// that owner's blocks over the node's columns; `"id#k"` only its k-th block.
fn starts_under(plan: &PagePlan, nodes: &[Node], i: usize) -> Result<(Vec<usize>, u32)> {
    let me = &nodes[i];
    let over_mine = |c: [u32; 2]| c[0] <= me.block.cols[1] && me.block.cols[0] <= c[1];
    let names = match me.block.start() {
        Top::Line(_) => return Ok((Vec::new(), 0)),
        Top::Previous => {
            let prev = nodes.iter().position(|n| match (n.owner, me.owner) {
                (Owner::Article(a, k), Owner::Article(b, l)) => a == b && k + 1 == l,
                (Owner::Continued(a, k), Owner::Continued(b, l)) => a == b && k + 1 == l,
                _ => false,
            });
            return Ok((prev.into_iter().collect(), 0));
        }
        Top::Below(names) => names,
    };
    let (mut deps, mut under) = (Vec::new(), 0);
    for name in names {
        let (id, k) = match name.split_once('#') {
            Some((id, k)) => (id, k.parse::<usize>().ok().filter(|&k| k >= 1)),
            None => (name.as_str(), None),
        };
        let of_block = |n: &Node| match (n.owner, k) {
            (_, None) => true,
            (Owner::Article(_, j) | Owner::Continued(_, j), Some(k)) => j + 1 == k,
            _ => false,
        };
        let hits: Vec<usize> = (0..nodes.len())
            .filter(|&j| j != i && nodes[j].id == id && of_block(&nodes[j]))
            .filter(|&j| over_mine(nodes[j].block.cols))
            .collect();
        let fixed: Vec<GridRect> = hand_placed(plan, id)
            .into_iter()
            .filter(|r| over_mine(r.cols))
            .collect();
        if hits.is_empty() && fixed.is_empty() {
            return Err(plan.error_at(
                &plan.key_of(&me.id),
                format!(
                    "{}: below = \"{name}\", but '{id}' has no block or frame over columns {}–{}; name what stands above it in its columns",
                    me.name(),
                    me.block.cols[0],
                    me.block.cols[1]
                ),
            ));
        }
        deps.extend(hits);
        under = under.max(fixed.iter().map(|r| r.lines[1]).max().unwrap_or(0));
    }
    Ok((deps, under))
}

/// The hand-placed rectangles of owner `id` (headline box, frames, photo or box frame).
fn hand_placed(plan: &PagePlan, id: &str) -> Vec<GridRect> {
    let mut out = Vec::new();
    for a in plan.articles.iter().filter(|a| a.id == id) {
        out.extend(a.headline);
        out.extend(&a.frames);
    }
    let photos = plan
        .photos
        .iter()
        .filter(|p| p.id == id && p.block.is_none());
    out.extend(photos.map(|p| p.frame));
    let boxes = plan
        .boxes
        .iter()
        .filter(|b| b.id == id && b.block.is_none());
    out.extend(boxes.map(|b| b.frame));
    out
}

/// The nodes in placing order: every node after those it starts under, plan order among the
/// ready ones. A cycle is refused, naming its blocks.
pub(super) fn placing_order(plan: &PagePlan, nodes: &[Node]) -> Result<Vec<usize>> {
    let mut done = vec![false; nodes.len()];
    let mut order = Vec::with_capacity(nodes.len());
    while order.len() < nodes.len() {
        let ready = (0..nodes.len()).find(|&i| !done[i] && nodes[i].waits_for().all(|d| done[d]));
        let Some(i) = ready else {
            return Err(cycle_error(plan, nodes, &done));
        };
        done[i] = true;
        order.push(i);
    }
    Ok(order)
}

/// The error for a cycle among the nodes not yet placed: follows `deps` from the first of
/// them until a node repeats.
fn cycle_error(plan: &PagePlan, nodes: &[Node], done: &[bool]) -> Error {
    let mut path: Vec<usize> = Vec::new();
    let mut at = (0..nodes.len()).find(|&i| !done[i]).unwrap_or(0);
    while !path.contains(&at) {
        path.push(at);
        at = nodes[at].waits_for().find(|&d| !done[d]).unwrap_or(at);
    }
    let from = path.iter().position(|&p| p == at).unwrap_or(0);
    let mut names: Vec<String> = path[from..].iter().map(|&p| nodes[p].name()).collect();
    names.push(nodes[at].name());
    plan.error_at(
        &plan.key_of(&nodes[at].id),
        format!(
            "the blocks stand under each other in a circle: {}; give one of them top = N, or name one block of an article in several blocks as below = \"id#1\"",
            names.join(" is below ")
        ),
    )
}
