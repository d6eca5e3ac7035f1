//! Property tests (issue 16, "keep it fixed"): random valid templates, plans and editions,
//! built through the whole pipeline, checked by oracles read from the display list.
//!
//! A seeded generator (xorshift, no clock) makes each case: a template (tabloid or broadsheet,
//! narrow or wide columns, indents, running head or not), one to three pages cut into
//! rectangles (guillotine cuts), each an article in a block (破栏, 加框, balance, 竖题, a block
//! photo), an article in frames (a jump within the page), a photo, a slogan box, articles
//! continued on another page (上接/下转, in any page order), a masthead. The oracles:
//! - no two lines of a page overlap, and no line leaves the page;
//! - every body and jump line stands inside a region of its own article (its frame);
//! - every character of every article is set once or counted as overset;
//! - the same input gives the same bytes twice.
//!
//! A plan the engine refuses must be refused with a diagnostic (never a panic); at least
//! half the cases must compose, or the generator tests nothing. `BAOBAN_PROPERTY_CASES=N`
//! runs N cases (default 60, about 20 s in a release build); the failing case's seed and
//! files are printed.

mod common;
use baoban::display::{Item, LineKind, Page};
use common::*;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// xorshift64*: small, seeded, the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number in `lo..=hi`.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next() % u64::from(hi - lo + 1)) as u32
    }
    /// True with probability `p` percent.
    fn chance(&mut self, p: u32) -> bool {
        self.range(1, 100) <= p
    }
}

/// A rectangle of grid cells: columns and lines, first and last.
#[derive(Clone, Copy, Debug)]
struct Cell {
    cols: [u32; 2],
    lines: [u32; 2],
}

impl Cell {
    fn toml(&self) -> String {
        format!(
            "{{ cols = [{}, {}], lines = [{}, {}] }}",
            self.cols[0], self.cols[1], self.lines[0], self.lines[1]
        )
    }
    fn width(&self) -> u32 {
        self.cols[1] - self.cols[0] + 1
    }
    fn height(&self) -> u32 {
        self.lines[1] - self.lines[0] + 1
    }
}

/// Guillotine cuts of `area` into at most `n` cells, none under 2 columns × 12 lines unless
/// the area itself is.
fn cut(rng: &mut Rng, area: Cell, n: u32) -> Vec<Cell> {
    let mut cells = vec![area];
    for _ in 1..n {
        let i = rng.range(0, cells.len() as u32 - 1) as usize;
        let c = cells[i];
        let across = c.width() >= 2 && (c.height() < 24 || rng.chance(55));
        let (a, b) = if across {
            let at = rng.range(c.cols[0], c.cols[1] - 1);
            let a = Cell {
                cols: [c.cols[0], at],
                ..c
            };
            (
                a,
                Cell {
                    cols: [at + 1, c.cols[1]],
                    ..c
                },
            )
        } else if c.height() >= 24 {
            let at = rng.range(c.lines[0] + 11, c.lines[1] - 12);
            let a = Cell {
                lines: [c.lines[0], at],
                ..c
            };
            (
                a,
                Cell {
                    lines: [at + 1, c.lines[1]],
                    ..c
                },
            )
        } else {
            continue;
        };
        cells[i] = a;
        cells.push(b);
    }
    cells
}

/// Sentences of the seed page's articles, to make article texts from.
fn sentences() -> Vec<String> {
    let dir = root().join("examples/jingzhou");
    let mut out = Vec::new();
    for name in [
        "changwu",
        "dangjian",
        "jiaoyu",
        "minzheng",
        "zhaoshang",
        "zhuma",
    ] {
        let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
        let body = text
            .lines()
            .filter(|l| !l.contains(':') && !l.trim().is_empty());
        for line in body {
            out.extend(line.split_inclusive('。').map(|s| s.trim().to_string()));
        }
    }
    out.retain(|s| s.chars().count() > 4);
    out
}

/// An article's text: headline parts (or none), then paragraphs of about `chars` characters.
fn article_text(rng: &mut Rng, pool: &[String], headline: bool, chars: u32) -> String {
    let mut s = String::new();
    if headline {
        if rng.chance(30) {
            s.push_str("引题: 聚焦共同缔造\n");
        }
        s.push_str(
            [
                "主题: 区政府常务会议召开\n",
                "主题: 春耕\n",
                "主题: 守护一江碧水\n",
            ][rng.range(0, 2) as usize],
        );
        if rng.chance(30) {
            s.push_str("副题: 研究部署相关工作\n");
        }
        s.push('\n');
    }
    let mut n = 0;
    while n < chars {
        let para = rng.range(1, 4);
        for _ in 0..para {
            let t = &pool[rng.range(0, pool.len() as u32 - 1) as usize];
            s.push_str(t);
            n += t.chars().count() as u32;
        }
        s.push_str("\n\n");
    }
    s
}

/// One generated case: files to write and the plan or edition to build.
struct Case {
    files: Vec<(String, String)>,
    main: String,
}

/// The template: tabloid or broadsheet with its column measure, indent and running head
/// varied. Returns (file text, columns, lines, characters per column).
fn template(rng: &mut Rng) -> (String, u32, u32, u32) {
    let (name, cols, lines, max_chars) = match rng.chance(50) {
        true => ("tabloid-6col", 6, 99, 14),
        false => ("broadsheet-8col", 8, 0, 13),
    };
    let chars = rng.range(max_chars - 6, max_chars);
    let text = template_text(name, |k| match k {
        "column_chars" => Some(chars.to_string()),
        "width_chars" => Some((cols * chars + cols - 1).to_string()),
        "indent_chars" => Some(rng.range(0, 3).to_string()),
        "running_head" => Some(rng.chance(70).to_string()),
        _ => None,
    });
    (text, cols, lines, chars)
}

/// A page's `[[article]]`, `[[photo]]` and `[[box]]` tables for `cells` (columns of
/// `chars` characters).
fn page_tables(
    rng: &mut Rng,
    (p, chars): (u32, u32),
    cells: &[Cell],
    case: &mut Case,
    pool: &[String],
) -> String {
    let mut s = String::new();
    let mut i = 0;
    while i < cells.len() {
        let (c, id) = (cells[i], format!("p{p}a{i}"));
        // Page 1's first cell is an article in a block: the one continued on another page.
        let roll = if p == 1 && i == 0 {
            100
        } else {
            rng.range(1, 100)
        };
        if roll <= 12 && c.height() >= 12 {
            let cap = format!("{id}-caption.txt");
            case.files
                .push((cap.clone(), "图为会议现场。（记者 摄）\n".into()));
            let frame = c.toml();
            let _ = write!(
                s,
                "\n[[photo]]\nid = \"{id}\"\nframe = {frame}\ncaption = \"{cap}\"\nempty = true\n"
            );
        } else if roll <= 20 && c.height() <= 20 {
            let frame = c.toml();
            let _ = write!(
                s,
                "\n[[box]]\nid = \"{id}\"\ntext = \"共同缔造美好环境\"\nstyle = \"标语\"\nframe = {frame}\n"
            );
        } else if roll <= 35 && i + 1 < cells.len() {
            s.push_str(&in_frames(rng, &id, (c, cells[i + 1]), case, pool));
            i += 1;
        } else {
            s.push_str(&in_block(rng, (&id, chars), c, case, pool));
        }
        i += 1;
    }
    s
}

/// An article through two cells (a jump within the page), with a headline box over the
/// first, or a vertical one (竖题) in its first column, or none.
fn in_frames(
    rng: &mut Rng,
    id: &str,
    (c, d): (Cell, Cell),
    case: &mut Case,
    pool: &[String],
) -> String {
    let roll = rng.range(1, 100);
    let (head, first, vertical) = if roll <= 25 && c.height() >= 24 {
        let head = Cell {
            lines: [c.lines[0], c.lines[0] + 5],
            ..c
        };
        (
            Some(head),
            Cell {
                lines: [c.lines[0] + 6, c.lines[1]],
                ..c
            },
            false,
        )
    } else if roll <= 40 && c.width() >= 2 && c.height() >= 30 {
        let head = Cell {
            cols: [c.cols[0], c.cols[0]],
            ..c
        };
        (
            Some(head),
            Cell {
                cols: [c.cols[0] + 1, c.cols[1]],
                ..c
            },
            true,
        )
    } else {
        (None, c, false)
    };
    let chars = rng.range(50, 900);
    let text = article_text(rng, pool, head.is_some(), chars);
    case.files.push((format!("{id}.txt"), text));
    let mut s = format!("\n[[article]]\nid = \"{id}\"\nfile = \"{id}.txt\"\n");
    if let Some(h) = head {
        let _ = writeln!(s, "headline = {}\nheadline_vertical = {vertical}", h.toml());
    }
    let _ = writeln!(
        s,
        "frames = [{}, {}]\nbalance = {}",
        first.toml(),
        d.toml(),
        rng.chance(20)
    );
    s
}

/// An article in a block over `c` (columns of `chars` characters): perhaps 破栏 (into a
/// number of columns that comes out whole), 加框, with a block photo.
fn in_block(
    rng: &mut Rng,
    (id, chars): (&str, u32),
    c: Cell,
    case: &mut Case,
    pool: &[String],
) -> String {
    let n = rng.range(20, 1200);
    case.files
        .push((format!("{id}.txt"), article_text(rng, pool, true, n)));
    let mut block = format!(
        "cols = [{}, {}], top = {}",
        c.cols[0], c.cols[1], c.lines[0]
    );
    let _ = write!(block, ", lines = {}", c.height());
    // The block's measure in characters, gutters included: n columns with n - 1 gutters
    // of one character come out whole when n divides it plus one.
    let measure = c.width() * chars + c.width() - 1;
    let splits: Vec<u32> = (c.width() + 1..=2 * c.width())
        .filter(|n| (measure + 1).is_multiple_of(*n))
        .collect();
    let split = !splits.is_empty() && rng.chance(30);
    if split {
        let k = rng.range(0, splits.len() as u32 - 1) as usize;
        let _ = write!(block, ", split = {}", splits[k]);
    }
    let mut s =
        format!("\n[[article]]\nid = \"{id}\"\nfile = \"{id}.txt\"\nblock = {{ {block} }}\n");
    // A boxed article's columns are a character narrower: its splits are other numbers.
    if !split && rng.chance(15) {
        s.push_str("boxed = true\n");
    }
    if rng.chance(12) && c.width() >= 2 {
        s.push_str("photo = { cols = 1, lines = 8, empty = true }\n");
    }
    s
}

/// A random case: a page plan, or an edition of two or three pages with an article continued
/// from one page on another (either way round) and a masthead on the first.
fn case(seed: u64, pool: &[String], grid_lines: (u32, u32)) -> Case {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut case = Case {
        files: vec![],
        main: String::new(),
    };
    let (template, cols, lines, chars) = template(&mut rng);
    let lines = if lines == 0 {
        grid_lines.1
    } else {
        grid_lines.0.min(lines)
    };
    case.files.push(("template.toml".into(), template));
    let pages = if rng.chance(40) { rng.range(2, 3) } else { 1 };
    let mut plans = Vec::new();
    for p in 1..=pages {
        let masthead = pages > 1 && p == 1 && rng.chance(70);
        let top = if masthead { 9 } else { 1 };
        let area = Cell {
            cols: [1, cols],
            lines: [top, lines],
        };
        let n = rng.range(2, 7);
        let mut cells = cut(&mut rng, area, n);
        let continued = (pages > 1 && p > 1).then(|| cells.pop()).flatten();
        let mut plan = String::from("template = \"template.toml\"\n");
        if pages == 1 {
            plan.push_str("page = 2\ndate = \"2023-05-29\"\n");
        }
        let _ = writeln!(plan, "name = \"要闻\"\neditor = \"李明\"");
        if masthead {
            let _ = writeln!(plan, "masthead = {{ cols = [1, {cols}], lines = [1, 8] }}");
        }
        plan.push_str(&page_tables(&mut rng, (p, chars), &cells, &mut case, pool));
        if let Some(c) = continued {
            // Continue page 1's first article here (it overflows: make it long).
            let _ = write!(
                plan,
                "\n[[continued]]\narticle = \"p1a0\"\nframes = [{}]\n",
                c.toml()
            );
        }
        plans.push(plan);
    }
    if pages == 1 {
        case.files.push(("page.toml".into(), plans.remove(0)));
        case.main = "page.toml".into();
        return case;
    }
    let mut edition = String::from(
        "paper = \"荆州区报\"\ndate = \"2023-05-29\"\nissue = \"第1234期\"\ncn = \"CN 42-0000\"\n",
    );
    // Page order shuffled: the continuation may come before its article.
    let mut order: Vec<usize> = (0..plans.len()).collect();
    if rng.chance(50) {
        order.reverse();
    }
    for (k, &i) in order.iter().enumerate() {
        let name = format!("p{}.toml", i + 1);
        let _ = write!(edition, "\n[[page]]\nplan = \"{name}\"\n");
        let _ = k;
        case.files.push((name, plans[i].clone()));
    }
    case.files.push(("edition.toml".into(), edition));
    case.main = "edition.toml".into();
    case
}

/// A line's box: left, top, right, bottom (from its glyph runs' sizes).
fn line_box(l: &baoban::display::TextLine) -> [f32; 4] {
    let size = l.runs.iter().map(|r| r.size).fold(0.0, f32::max);
    let t = &l.tag;
    [
        t.x.0,
        t.baseline - 0.88 * size,
        t.x.1,
        t.baseline + 0.12 * size,
    ]
}

/// Lines of a page that overlap (more than a hair) or leave the page.
fn overlaps(page: &Page, vertical: &[String]) -> Vec<String> {
    let lines: Vec<&baoban::display::TextLine> = (page.items.iter())
        .filter_map(|i| match i {
            Item::Line(l) => Some(l),
            _ => None,
        })
        .filter(|l| !(l.tag.kind == LineKind::Headline && vertical.contains(&l.tag.owner)))
        .filter(|l| l.tag.x.1 > l.tag.x.0)
        .collect();
    let mut out = Vec::new();
    for (i, a) in lines.iter().enumerate() {
        let ba = line_box(a);
        if ba[0] < -0.5 || ba[2] > page.width + 0.5 || ba[1] < -0.5 || ba[3] > page.height + 0.5 {
            out.push(format!("off the page: {:?}", a.tag));
        }
        for b in &lines[i + 1..] {
            let bb = line_box(b);
            let e = 0.5;
            if ba[0] + e < bb[2] && bb[0] + e < ba[2] && ba[1] + e < bb[3] && bb[1] + e < ba[3] {
                out.push(format!("{} over {}", describe(a), describe(b)));
            }
        }
    }
    out
}

fn describe(l: &baoban::display::TextLine) -> String {
    let t = &l.tag;
    format!(
        "{} {:?} {}:{} y={:.1} '{}'",
        t.owner, t.kind, t.region, t.row, t.baseline, t.text
    )
}

/// Body and jump lines not inside a region of their own article with their region number.
fn outside_frames(page: &Page) -> Vec<String> {
    let mut out = Vec::new();
    for l in page.items.iter().filter_map(|i| match i {
        Item::Line(l) if matches!(l.tag.kind, LineKind::Body | LineKind::Jump) => Some(l),
        _ => None,
    }) {
        let t = &l.tag;
        // A mark's blank half may stand outside the measure, its ink flush with the frame: an
        // opening bracket at the line start, a closing one or a stop at its end (CLREQ 3.1.6).
        let size = l.runs.iter().map(|r| r.size).fold(0.0, f32::max);
        let half = |c: Option<char>, marks: &str| match c.is_some_and(|c| marks.contains(c)) {
            true => size / 2.0 + 0.6,
            false => 0.6,
        };
        let left = half(t.text.chars().next(), "（《“‘〈「『【〔");
        let right = half(t.text.chars().last(), "）》”’〉」』】〕，。、；：？！");
        let inside = page
            .regions_of(&t.owner)
            .filter(|r| r.number == t.region)
            .any(|r| {
                let [x, y, w, h] = r.rect;
                let across = t.x.0 >= x - left && t.x.1 <= x + w + right;
                across && t.baseline >= y && t.baseline <= y + h + 0.6
            });
        if !inside {
            out.push(format!("outside its frame: {}", describe(l)));
        }
    }
    out
}

/// Articles whose characters set (all pages) plus overset differ from their text's.
fn lost_characters(c: &baoban::Composition) -> Vec<String> {
    let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
    let mut out = Vec::new();
    let stories = c.job.pages.iter().flat_map(|p| &p.stories);
    for story in stories {
        let set: usize = (c.pages.iter())
            .flat_map(|p| p.lines())
            .filter(|t| t.owner == story.id && t.kind == LineKind::Body)
            .map(|t| visible(&t.text))
            .sum();
        let over = (c.overset())
            .find(|(a, _)| a.id == story.id)
            .map_or(0, |(_, o)| o.chars);
        let want = story.body_chars();
        if set + over != want {
            out.push(format!(
                "article '{}': {set} set + {over} overset, of {want} characters",
                story.id
            ));
        }
    }
    out
}

/// The oracles' findings for one composed case.
fn findings(c: &baoban::Composition) -> Vec<String> {
    let vertical: Vec<String> = (c.job.pages.iter())
        .flat_map(|p| &p.plan.articles)
        .filter(|a| a.headline_vertical)
        .map(|a| a.id.clone())
        .collect();
    let mut out = Vec::new();
    for page in &c.pages {
        out.extend(
            overlaps(page, &vertical)
                .into_iter()
                .map(|f| format!("page {}: {f}", page.number)),
        );
        out.extend(
            outside_frames(page)
                .into_iter()
                .map(|f| format!("page {}: {f}", page.number)),
        );
    }
    out.extend(lost_characters(c));
    out
}

/// The features a composed case exercised, told from its files and its composition.
fn features(case: &Case, c: &baoban::Composition) -> Vec<&'static str> {
    let has = |key: &str| case.files.iter().any(|(_, t)| t.contains(key));
    let keys = [
        ("edition", "[[page]]"),
        ("continued", "[[continued]]"),
        ("masthead", "masthead = "),
        ("running head", "running_head = true"),
        ("破栏", "split = "),
        ("加框", "boxed = true"),
        ("竖题", "headline_vertical = true"),
        ("balance", "balance = true"),
        ("block photo", "photo = {"),
        ("photo", "[[photo]]"),
        ("box", "[[box]]"),
        ("jump in page", "frames = [{"),
        ("indent 0", "indent_chars = 0"),
    ];
    let mut out: Vec<&'static str> = (keys.iter())
        .filter(|(_, k)| has(k))
        .map(|(f, _)| *f)
        .collect();
    if c.overset().next().is_some() {
        out.push("overset");
    }
    out
}

/// The grid's lines of the two templates (the broadsheet's from its page and pitch).
fn grid_lines() -> (u32, u32) {
    // Once per process: the two tests of this file would write the same folders at once.
    static LINES: std::sync::OnceLock<(u32, u32)> = std::sync::OnceLock::new();
    *LINES.get_or_init(read_grid_lines)
}

/// [`grid_lines`], read by composing an empty page on each template.
fn read_grid_lines() -> (u32, u32) {
    let lines = |name: &str| {
        let dir = scratch(&format!("property-grid-{name}"));
        let t = root().join(format!("layouts/{name}.toml"));
        let plan = format!(
            "template = {:?}\npage = 2\ndate = \"2023-05-29\"\n",
            t.display().to_string()
        );
        write_files(&dir, &[("page.toml", &plan)]);
        baoban::compose(&dir.join("page.toml"))
            .unwrap()
            .job
            .template
            .grid
            .lines
    };
    (lines("tabloid-6col"), lines("broadsheet-8col"))
}

/// Writes `case` into a fresh folder and composes it.
fn build(dir: &Path, case: &Case) -> (PathBuf, baoban::Result<baoban::Composition>) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    for (name, text) in &case.files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let main = dir.join(&case.main);
    let c = baoban::compose(&main);
    (main, c)
}

#[test]
fn random_valid_plans_keep_every_character_and_set_no_line_over_another() {
    let cases: u64 = std::env::var("BAOBAN_PROPERTY_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(150);
    let pool = sentences();
    let grid = grid_lines();
    let (mut composed, mut refused) = (0, 0);
    let mut seen = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    for seed in 1..=cases {
        let case = case(seed, &pool, grid);
        let dir = scratch(&format!("property-{seed}"));
        let (main, c) = build(&dir, &case);
        let c = match c {
            Ok(c) => c,
            Err(e) => {
                assert!(
                    e.diagnostics().iter().all(|d| !d.message.is_empty()),
                    "seed {seed}: a refusal without a message: {e:?}"
                );
                refused += 1;
                if std::env::var_os("BAOBAN_PROPERTY_VERBOSE").is_some() {
                    eprintln!("seed {seed} refused: {}", e.diagnostics()[0].message);
                }
                continue;
            }
        };
        composed += 1;
        seen.extend(features(&case, &c));
        let found = findings(&c);
        let pdf = c.pdf().expect("a composed case writes a PDF");
        let again = baoban::compose(&main).unwrap().pdf().unwrap();
        if pdf != again {
            failures.push(format!("seed {seed}: two builds gave different bytes"));
        }
        if !found.is_empty() {
            failures.push(format!(
                "seed {seed} ({}):\n  {}",
                dir.display(),
                found.join("\n  ")
            ));
        } else {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The composed cases reach every feature the oracles are meant to watch.
    let all = [
        "edition",
        "continued",
        "masthead",
        "running head",
        "破栏",
        "加框",
        "竖题",
        "balance",
        "block photo",
        "photo",
        "box",
        "jump in page",
        "overset",
        "indent 0",
    ];
    let missed: Vec<&str> = all.iter().copied().filter(|f| !seen.contains(f)).collect();
    assert!(missed.is_empty(), "no composed case had: {missed:?}");
    assert!(
        composed * 2 >= cases,
        "only {composed} of {cases} cases composed ({refused} refused): the generator makes too few valid plans"
    );
}

#[test]
fn the_oracles_see_a_line_doubled_moved_or_dropped() {
    // Each oracle, on a page broken by hand, reports it: they could fail.
    let pool = sentences();
    let dir = scratch("property-oracles");
    let (_, c) = build(&dir, &case(1, &pool, grid_lines()));
    let c = c.expect("seed 1 composes");
    assert!(findings(&c).is_empty());
    let body = |p: &Page| {
        (p.items.iter()).position(|i| matches!(i, Item::Line(l) if l.tag.kind == LineKind::Body))
    };
    let k = body(&c.pages[0]).expect("a body line");
    let mut doubled = c.pages[0].clone();
    doubled.items.push(doubled.items[k].clone());
    assert!(!overlaps(&doubled, &[]).is_empty(), "a line set twice");
    let mut moved = c.pages[0].clone();
    if let Item::Line(l) = &mut moved.items[k] {
        l.tag.x.0 += 200.0;
        l.tag.x.1 += 200.0;
    }
    assert!(
        !outside_frames(&moved).is_empty(),
        "a line out of its frame"
    );
    let mut dropped = c;
    dropped.pages[0].items.remove(k);
    assert!(!lost_characters(&dropped).is_empty(), "a line lost");
}
