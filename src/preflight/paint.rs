//! A small content-stream interpreter for the preflight: it follows the graphics state (`q`/`Q`,
//! `cm`, colours, `gs` overprint) and checks each painting operator against newsprint rules:
//! no RGB, black text K-only and overprinted, colours within the ink limit, images at enough
//! resolution. Forms are followed with their own resources.

use super::{Ctx, Findings};
use lopdf::content::Content;
use lopdf::{Dictionary, Object, ObjectId};

/// The identity matrix.
pub(super) const IDENTITY: [f32; 6] = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// Forms nested deeper than this are not followed (a loop guard).
const MAX_DEPTH: u32 = 8;

/// The colour family of a colour space, as far as the checks care.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Family {
    Gray,
    Rgb,
    Cmyk,
    /// Separation, DeviceN, Pattern, Indexed, Lab…: not judged here.
    Other,
}

#[derive(Debug, Clone, PartialEq)]
struct Paint {
    family: Family,
    comps: Vec<f32>,
}

impl Paint {
    fn black_gray() -> Self {
        Paint {
            family: Family::Gray,
            comps: vec![0.0],
        }
    }
}

#[derive(Debug, Clone)]
struct State {
    ctm: [f32; 6],
    fill: Paint,
    stroke: Paint,
    op_fill: bool,
    op_stroke: bool,
}

/// Walks content streams of one page.
pub(super) struct Painter<'a, 'c> {
    ctx: &'a Ctx<'c>,
    page: u32,
    out: &'a mut Findings,
}

fn mul(a: [f32; 6], b: [f32; 6]) -> [f32; 6] {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn numbers(ops: &[Object]) -> Vec<f32> {
    ops.iter().filter_map(|o| o.as_float().ok()).collect()
}

fn fmt_comps(c: &[f32]) -> String {
    c.iter()
        .map(|v| format!("{}", (v * 1000.0).round() / 1000.0))
        .collect::<Vec<_>>()
        .join(" ")
}

impl<'a, 'c> Painter<'a, 'c> {
    /// A painter for page `page`.
    pub(super) fn new(ctx: &'a Ctx<'c>, page: u32, out: &'a mut Findings) -> Self {
        Painter { ctx, page, out }
    }

    /// Interprets `content` with `resources`, starting from matrix `ctm`.
    pub(super) fn run(
        &mut self,
        content: &[u8],
        resources: Option<&Dictionary>,
        ctm: [f32; 6],
        depth: u32,
    ) {
        let Ok(content) = Content::decode(content) else {
            self.out.error(
                Some(self.page),
                None,
                "a content stream cannot be parsed (a RIP may fail on it)",
            );
            return;
        };
        let mut st = State {
            ctm,
            fill: Paint::black_gray(),
            stroke: Paint::black_gray(),
            op_fill: false,
            op_stroke: false,
        };
        let mut stack: Vec<State> = Vec::new();
        for op in &content.operations {
            let args = &op.operands;
            match op.operator.as_str() {
                "q" => stack.push(st.clone()),
                "Q" => st = stack.pop().unwrap_or(st),
                "cm" => {
                    let m = numbers(args);
                    if m.len() == 6 {
                        st.ctm = mul([m[0], m[1], m[2], m[3], m[4], m[5]], st.ctm);
                    }
                }
                "g" | "G" | "rg" | "RG" | "k" | "K" => {
                    self.device_colour(&op.operator, args, &mut st)
                }
                "cs" | "CS" => {
                    let family = args
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .map_or(Family::Other, |n| self.space_family(n, resources));
                    self.check_family(family, &op.operator);
                    let p = Paint {
                        family,
                        comps: Vec::new(),
                    };
                    if op.operator == "cs" {
                        st.fill = p
                    } else {
                        st.stroke = p
                    }
                }
                "sc" | "scn" | "SC" | "SCN" => {
                    let comps = numbers(args);
                    let p = if op.operator.starts_with('s') {
                        &mut st.fill
                    } else {
                        &mut st.stroke
                    };
                    p.comps = comps;
                    let p = p.clone();
                    self.check_ink(&p);
                }
                "gs" => self.ext_gstate(args, resources, &mut st),
                "Tj" | "TJ" | "'" | "\"" => self.text(&st),
                "Do" => self.xobject(args, resources, &st, depth),
                _ => {}
            }
        }
    }

    fn device_colour(&mut self, op: &str, args: &[Object], st: &mut State) {
        let family = match op {
            "g" | "G" => Family::Gray,
            "rg" | "RG" => Family::Rgb,
            _ => Family::Cmyk,
        };
        self.check_family(family, op);
        let p = Paint {
            family,
            comps: numbers(args),
        };
        self.check_ink(&p);
        if op.chars().all(|c| c.is_ascii_lowercase()) {
            st.fill = p
        } else {
            st.stroke = p
        }
    }

    /// RGB is no newsprint colour: an error in PDF/X-1a, a warning in PDF/X-4 (where the RIP
    /// converts it through the output intent).
    fn check_family(&mut self, family: Family, op: &str) {
        if family != Family::Rgb {
            return;
        }
        let msg = format!("RGB colour ({op}); newsprint is CMYK: convert it, black as 0 0 0 1 k");
        if self.ctx.standard.tolerates_rgb() {
            self.out.warn(Some(self.page), None, msg);
        } else {
            self.out.error(Some(self.page), None, msg);
        }
    }

    fn check_ink(&mut self, p: &Paint) {
        if p.family != Family::Cmyk || p.comps.len() != 4 {
            return;
        }
        let total: f32 = p.comps.iter().sum::<f32>() * 100.0;
        let limit = self.ctx.limits.ink_limit;
        if total > limit + 0.5 {
            self.out.error(
                Some(self.page),
                None,
                format!(
                    "colour {} has {total:.0} % total ink, over the limit of {limit:.0} %",
                    fmt_comps(&p.comps)
                ),
            );
        }
    }

    /// The family of a named colour space: a device space or an entry of `/ColorSpace`.
    fn space_family(&self, name: &[u8], resources: Option<&Dictionary>) -> Family {
        match name {
            b"DeviceGray" | b"G" => return Family::Gray,
            b"DeviceRGB" | b"RGB" => return Family::Rgb,
            b"DeviceCMYK" | b"CMYK" => return Family::Cmyk,
            b"Pattern" => return Family::Other,
            _ => {}
        }
        let ctx = self.ctx;
        let obj = resources
            .and_then(|r| ctx.get(r, b"ColorSpace"))
            .and_then(|c| ctx.dict(c))
            .and_then(|c| ctx.get(c, name));
        obj.map_or(Family::Other, |o| family_of(ctx, o))
    }

    fn ext_gstate(&mut self, args: &[Object], resources: Option<&Dictionary>, st: &mut State) {
        let ctx = self.ctx;
        let Some(g) = args
            .first()
            .and_then(|n| n.as_name().ok())
            .and_then(|n| {
                resources
                    .and_then(|r| ctx.get(r, b"ExtGState"))
                    .and_then(|e| ctx.dict(e))
                    .and_then(|e| ctx.get(e, n))
            })
            .and_then(|g| ctx.dict(g))
        else {
            return;
        };
        let flag = |k: &[u8]| ctx.get(g, k).and_then(|v| v.as_bool().ok());
        if let Some(op) = flag(b"OP") {
            st.op_stroke = op;
            st.op_fill = flag(b"op").unwrap_or(op);
        } else if let Some(op) = flag(b"op") {
            st.op_fill = op;
        }
    }

    /// Black text must be K only (never RGB or rich black) and overprint.
    fn text(&mut self, st: &State) {
        let p = &st.fill;
        let page = Some(self.page);
        match (p.family, p.comps.as_slice()) {
            (Family::Rgb, c) => self.out.error(
                page,
                None,
                format!(
                    "RGB text ({}); text must be CMYK, black as 0 0 0 1 k",
                    fmt_comps(c)
                ),
            ),
            (Family::Cmyk, &[c, m, y, k]) if k >= 0.8 && c + m + y > 0.0 => self.out.error(
                page,
                None,
                format!(
                    "rich black text ({}); black text must be K only (0 0 0 1 k)",
                    fmt_comps(&p.comps)
                ),
            ),
            (Family::Cmyk, &[0.0, 0.0, 0.0, k]) if k >= 0.95 && !st.op_fill => self.out.error(
                page,
                None,
                "black text knocks out: it must overprint (ExtGState /op true /OPM 1)",
            ),
            (Family::Gray, &[g]) if g <= 0.05 && !st.op_fill => self.out.error(
                page,
                None,
                "black text knocks out: it must overprint (ExtGState /op true /OPM 1)",
            ),
            _ => {}
        }
    }

    fn xobject(&mut self, args: &[Object], resources: Option<&Dictionary>, st: &State, depth: u32) {
        let ctx = self.ctx;
        let Some(obj) = args.first().and_then(|n| n.as_name().ok()).and_then(|n| {
            resources
                .and_then(|r| ctx.get(r, b"XObject"))
                .and_then(|x| ctx.dict(x))
                .and_then(|x| x.get(n).ok())
        }) else {
            return;
        };
        let (id, resolved) = ctx.resolve(obj);
        let Ok(stream) = resolved.as_stream() else {
            return;
        };
        let d = &stream.dict;
        match ctx.get(d, b"Subtype").and_then(|s| s.as_name().ok()) {
            Some(b"Image") => {
                self.image(id, d, st);
                self.image_ink(id, stream);
            }
            Some(b"Form") if depth < MAX_DEPTH => {
                let m = ctx
                    .get(d, b"Matrix")
                    .and_then(|m| m.as_array().ok())
                    .map(|a| numbers(a))
                    .filter(|m| m.len() == 6)
                    .map_or(IDENTITY, |m| [m[0], m[1], m[2], m[3], m[4], m[5]]);
                let res = ctx
                    .get(d, b"Resources")
                    .and_then(|r| ctx.dict(r))
                    .or(resources);
                match super::inflate::decoded(ctx, stream) {
                    Ok(content) => self.run(&content, res, mul(m, st.ctm), depth + 1),
                    Err(why) => {
                        let msg = why.message("a form XObject's content");
                        self.out.error(Some(self.page), id, msg);
                    }
                }
            }
            _ => {}
        }
    }

    /// The highest total ink of a CMYK image's pixels against the limit (8-bit samples that
    /// decompress; DCT-encoded photos are not decoded and so not measured).
    fn image_ink(&mut self, id: Option<ObjectId>, stream: &lopdf::Stream) {
        let ctx = self.ctx;
        let d = &stream.dict;
        let cmyk = ctx
            .get(d, b"ColorSpace")
            .is_some_and(|cs| match cs.as_name() {
                Ok(n) => self.space_family(n, None) == Family::Cmyk,
                Err(_) => family_of(ctx, cs) == Family::Cmyk,
            });
        let bits = ctx
            .get(d, b"BitsPerComponent")
            .and_then(|b| b.as_i64().ok());
        let dct = stream
            .filters()
            .is_ok_and(|f| f.iter().any(|f| *f == b"DCTDecode"));
        if !cmyk || bits != Some(8) || dct {
            return;
        }
        let samples = match super::inflate::decoded(ctx, stream) {
            Ok(s) => s,
            Err(why) => {
                let msg = why.message("an image's samples");
                self.out.error(Some(self.page), id, msg);
                return;
            }
        };
        let max = samples
            .chunks_exact(4)
            .map(|p| p.iter().map(|&v| v as u32).sum::<u32>())
            .max()
            .unwrap_or(0);
        let total = max as f32 * 100.0 / 255.0;
        let limit = ctx.limits.ink_limit;
        if total > limit + 0.5 {
            self.out.warn(
                Some(self.page),
                id,
                format!("image reaches {total:.0} % total ink, over the limit of {limit:.0} %"),
            );
        }
    }

    fn image(&mut self, id: Option<ObjectId>, d: &Dictionary, st: &State) {
        let ctx = self.ctx;
        let page = Some(self.page);
        if ctx.get(d, b"ImageMask").and_then(|m| m.as_bool().ok()) == Some(true) {
            return;
        }
        if let Some(cs) = ctx.get(d, b"ColorSpace") {
            let family = match cs.as_name() {
                Ok(n) => self.space_family(n, None),
                Err(_) => family_of(ctx, cs),
            };
            if family == Family::Rgb {
                let msg = "RGB image; newsprint is CMYK: convert it with the print shop's profile";
                if ctx.standard.tolerates_rgb() {
                    self.out.warn(page, id, msg);
                } else {
                    self.out.error(page, id, msg);
                }
            }
        }
        let px = |k: &[u8]| ctx.get(d, k).and_then(|v| v.as_float().ok()).unwrap_or(0.0);
        let (w, h) = (px(b"Width"), px(b"Height"));
        let m = st.ctm;
        let (sx, sy) = (m[0].hypot(m[1]), m[2].hypot(m[3]));
        if w <= 0.0 || h <= 0.0 || sx <= 0.0 || sy <= 0.0 {
            return;
        }
        let ppi = (w * 72.0 / sx).min(h * 72.0 / sy);
        let min = ctx.limits.min_ppi;
        if ppi < min {
            self.out.warn(
                page,
                id,
                format!("image {w}×{h} px is placed at {ppi:.0} ppi, below {min:.0} ppi"),
            );
        }
    }
}

/// The family of a colour-space object (`/DeviceRGB`, `[/ICCBased 5 0 R]`, `[/CalRGB …]`, …).
fn family_of(ctx: &Ctx, obj: &Object) -> Family {
    let obj = ctx.resolve(obj).1;
    if let Ok(n) = obj.as_name() {
        return match n {
            b"DeviceGray" => Family::Gray,
            b"DeviceRGB" => Family::Rgb,
            b"DeviceCMYK" => Family::Cmyk,
            _ => Family::Other,
        };
    }
    let Ok(a) = obj.as_array() else {
        return Family::Other;
    };
    match a.first().and_then(|n| n.as_name().ok()) {
        Some(b"CalRGB") => Family::Rgb,
        Some(b"CalGray") => Family::Gray,
        Some(b"ICCBased") => {
            let n = a
                .get(1)
                .and_then(|s| ctx.dict(s))
                .and_then(|s| ctx.get(s, b"N"))
                .and_then(|n| n.as_i64().ok());
            match n {
                Some(1) => Family::Gray,
                Some(3) => Family::Rgb,
                Some(4) => Family::Cmyk,
                _ => Family::Other,
            }
        }
        _ => Family::Other,
    }
}
