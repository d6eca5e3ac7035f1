//! The chosen design written as a page plan in the block syntax — what `baoban build` reads,
//! so an editor can adjust it and rebuild. Blocks name what they stand under (`below`) and
//! heights stay `auto` (a photo's are fixed): when a text grows, the page still pushes.

use super::design::Placed;
use super::measure::{Item, Kind};
use crate::model::{Docket, hao_to_pt};
use std::fmt::Write;
use std::path::{Component, Path, PathBuf};

/// 主题 sizes a layout editor gives by importance, as 号 names from the largest.
const HAO: [&str; 11] = [
    "初号", "小初", "一号", "小一", "二号", "小二", "三号", "小三", "四号", "小四", "五号",
];

/// How a plan names the files of a docket: relative to the plan's folder.
pub(super) struct Paths {
    docket_dir: PathBuf,
    plan_dir: PathBuf,
}

impl Paths {
    /// Paths for a plan written to `plan` from `docket`.
    pub fn new(docket: &Path, plan: &Path) -> Self {
        let dir = |p: &Path| {
            let d = p.parent().filter(|d| !d.as_os_str().is_empty());
            absolute(d.unwrap_or(Path::new(".")))
        };
        Paths {
            docket_dir: dir(docket),
            plan_dir: dir(plan),
        }
    }

    /// `file` (as the docket writes it) as the plan must write it, quoted for TOML.
    fn quoted(&self, file: &Path) -> String {
        let path = if self.docket_dir == self.plan_dir || file.is_absolute() {
            file.to_path_buf()
        } else {
            relative(&self.docket_dir.join(file), &self.plan_dir)
        };
        quote(&path.to_string_lossy())
    }
}

/// `p` made absolute against the working folder, `.` and `..` folded away.
fn absolute(p: &Path) -> PathBuf {
    let full = std::env::current_dir().map_or_else(|_| p.to_path_buf(), |d| d.join(p));
    let mut out = PathBuf::new();
    for c in full.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// `target` relative to folder `base` (both absolute).
fn relative(target: &Path, base: &Path) -> PathBuf {
    let target = absolute(target);
    let t: Vec<Component> = target.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = t.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &t[common..] {
        out.push(c);
    }
    out
}

/// A TOML basic string.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The 主题 size for an article of priority rank `rank` (0 = the lead) when the template's
/// is `base` points: the lead two 号 larger, the next two one larger, the rest as the style.
pub(super) fn headline_size(rank: usize, base: f32) -> Option<&'static str> {
    let at = HAO
        .iter()
        .position(|h| hao_to_pt(h).is_some_and(|p| p <= base + 0.01))?;
    let up = match rank {
        0 => 2,
        1 | 2 => 1,
        _ => return None,
    };
    at.checked_sub(up).map(|i| HAO[i])
}

/// Where an item's block goes, as the plan writes it.
pub(super) struct Spot {
    /// `{ cols = …, top = … | below = …, bottom = "foot" }` without the closing brace.
    pub block: String,
    /// Photo columns and lines inside an article's block (0: none).
    pub photo: (u32, u32),
    /// The headline's columns, when not all of the block's (moved off a gutter).
    pub head: Option<[u32; 2]>,
}

/// The spots of placed items (by item index), the plan's ids for `below`.
pub(super) fn spots(placed: &[Placed], items: &[Item]) -> Vec<Option<Spot>> {
    let mut out: Vec<Option<Spot>> = (0..items.len()).map(|_| None).collect();
    // A block more than one region stands under gets a fixed height: were it to grow, the
    // page's passes would move every region under it to fill one column stack's foot.
    let mut under = vec![0usize; placed.len()];
    for p in placed {
        for &j in &p.below {
            under[j] += 1;
        }
    }
    for (k, p) in placed.iter().enumerate() {
        let item = &items[p.item];
        let w = p.cols[1] + 1 - p.cols[0];
        let mut block = format!("{{ cols = [{}, {}]", p.cols[0], p.cols[1]);
        if p.below.is_empty() {
            write!(block, ", top = {}", p.top).expect("a String takes writes");
        } else {
            let ids: Vec<String> = p
                .below
                .iter()
                .map(|&j| quote(&items[placed[j].item].id))
                .collect();
            write!(block, ", below = [{}]", ids.join(", ")).expect("a String takes writes");
        }
        let photo = matches!(item.kind, Kind::Photo { .. });
        if p.foot {
            block.push_str(", bottom = \"foot\"");
        } else if photo || under[k] >= 2 {
            write!(block, ", lines = {}", p.lines).expect("a String takes writes");
        }
        out[p.item] = Some(Spot {
            block,
            photo: (item.sizes[&w].photo_cols, item.sizes[&w].photo_lines),
            head: (p.head != p.cols).then_some(p.head),
        });
    }
    out
}

/// The plan text: the docket's page, each item with its spot (`None`: the probe's stand-in,
/// one column at the top, for measuring).
pub(super) fn plan_text(
    d: &Docket,
    paths: &Paths,
    (spots, sizes): (&[Option<Spot>], &[Option<&str>]),
    comment: &str,
) -> String {
    let mut s = String::new();
    for line in comment.lines() {
        writeln!(s, "# {line}").expect("a String takes writes");
    }
    writeln!(s, "template = {}", paths.quoted(&d.template)).expect("a String takes writes");
    writeln!(s, "page = {}\ndate = \"{}\"", d.page, d.date).expect("a String takes writes");
    for (key, v) in [
        ("paper", &d.paper),
        ("name", &d.name),
        ("editor", &d.editor),
    ] {
        if let Some(v) = v {
            writeln!(s, "{key} = {}", quote(v)).expect("a String takes writes");
        }
    }
    let probe = "{ cols = [1, 1], top = 1".to_string();
    let spot = |i: usize| spots.get(i).and_then(Option::as_ref);
    for (i, a) in d.articles.iter().enumerate() {
        let block = spot(i).map_or(&probe, |p| &p.block);
        writeln!(
            s,
            "\n[[article]]\nid = {}\nfile = {}",
            quote(&a.id),
            paths.quoted(&a.file)
        )
        .expect("a String takes writes");
        if let Some(size) = sizes.get(i).copied().flatten() {
            writeln!(s, "headline_size = \"{size}\"").expect("a String takes writes");
        }
        if let Some([c0, c1]) = spot(i).and_then(|p| p.head) {
            writeln!(s, "headline_cols = [{c0}, {c1}]").expect("a String takes writes");
        }
        writeln!(s, "block = {block} }}").expect("a String takes writes");
        if let Some(ph) = &a.photo {
            let (cols, lines) = spot(i).map_or((1, 8), |p| p.photo);
            let mut keys = vec![format!("cols = {}", cols.max(1))];
            if ph.image.is_none() {
                keys.push(format!("lines = {}", lines.max(2)));
            }
            keys.extend(
                ph.image
                    .as_ref()
                    .map(|f| format!("image = {}", paths.quoted(f))),
            );
            keys.extend(
                ph.caption
                    .as_ref()
                    .map(|f| format!("caption = {}", paths.quoted(f))),
            );
            if ph.empty {
                keys.push("empty = true".into());
            }
            writeln!(s, "photo = {{ {} }}", keys.join(", ")).expect("a String takes writes");
        }
    }
    let n = d.articles.len();
    for (k, b) in d.boxes.iter().enumerate() {
        let block = spot(n + k).map_or(&probe, |p| &p.block);
        writeln!(
            s,
            "\n[[box]]\nid = {}\ntext = {}\nstyle = {}\nblock = {block} }}",
            quote(&b.id),
            quote(&b.text),
            quote(&b.style)
        )
        .expect("a String takes writes");
    }
    let n = n + d.boxes.len();
    for (k, p) in d.photos.iter().enumerate() {
        let probe = format!("{probe}, lines = 8");
        let block = spot(n + k).map_or(&probe, |p| &p.block);
        writeln!(s, "\n[[photo]]\nid = {}\nblock = {block} }}", quote(&p.id))
            .expect("a String takes writes");
        for (key, f) in [("image", &p.image), ("caption", &p.caption)] {
            if let Some(f) = f {
                writeln!(s, "{key} = {}", paths.quoted(f)).expect("a String takes writes");
            }
        }
        if p.empty {
            writeln!(s, "empty = true").expect("a String takes writes");
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_made_relative_to_the_plan_folder() {
        let p = relative(Path::new("/news/seed/a.txt"), Path::new("/news/out/p2"));
        assert_eq!(p, PathBuf::from("../../seed/a.txt"));
        assert_eq!(absolute(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
    }

    #[test]
    fn the_lead_gets_the_largest_headline_and_sizes_fall_with_priority() {
        // The template's 主题 is 小三 (15 pt).
        assert_eq!(headline_size(0, 15.0), Some("小二"));
        assert_eq!(headline_size(1, 15.0), Some("三号"));
        assert_eq!(headline_size(2, 15.0), Some("三号"));
        assert_eq!(headline_size(3, 15.0), None);
        // Nothing above 初号.
        assert_eq!(headline_size(0, 42.0), None);
    }
}
