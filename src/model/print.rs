//! Print settings of a template: bleed, crop marks, the ink limit, the output condition and
//! profile, and the named CMYK colours its styles use (newspaper.md, "What the print shop
//! checks"). Colours are CMYK only: a newspaper plate has no RGB, and converting RGB without
//! the printer's profile would only guess, so an RGB value is refused with what to write instead.

use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A CMYK colour, each channel a fraction 0–1.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Cmyk(pub [f32; 4]);

impl Cmyk {
    /// 100 % black, the colour of text and rules.
    pub const BLACK: Cmyk = Cmyk([0.0, 0.0, 0.0, 1.0]);

    /// True when only the black plate prints (C = M = Y = 0): such ink is overprinted.
    pub fn is_k_only(&self) -> bool {
        self.0[..3].iter().all(|&c| c == 0.0)
    }

    /// Total area coverage in percent (sum of the four channels).
    pub fn coverage(&self) -> f32 {
        self.0.iter().sum::<f32>() * 100.0
    }
}

/// How the print file is made (the template's `[print]` table).
#[derive(Debug, Clone, PartialEq)]
pub struct PrintSettings {
    /// Bleed around the trim, in points (newspapers: usually 0).
    pub bleed: f32,
    /// Draw crop marks and a page-information line in the slug outside the bleed.
    pub crop_marks: bool,
    /// Highest total ink coverage of any colour, in percent (ISOnewspaper26v4: 240).
    pub ink_limit: f32,
    /// Registered output condition (`IFRA26`: ISO 12647-3 coldset newsprint).
    pub output_condition: String,
    /// An ICC output profile to embed in the output intent (required for PDF/X-4).
    pub output_profile: Option<PathBuf>,
    /// Named colours.
    pub colors: BTreeMap<String, Cmyk>,
}

impl Default for PrintSettings {
    fn default() -> Self {
        PrintSettings {
            bleed: 0.0,
            crop_marks: false,
            ink_limit: 240.0,
            output_condition: "IFRA26".into(),
            output_profile: None,
            colors: BTreeMap::new(),
        }
    }
}

impl PrintSettings {
    /// The named colour, or an error naming the template and the known colours.
    pub fn color(&self, template: &Path, who: &str, name: &str) -> Result<Cmyk> {
        self.colors.get(name).copied().ok_or_else(|| {
            let known: Vec<&str> = self.colors.keys().map(String::as_str).collect();
            Error::invalid(
                template,
                format!(
                    "{who}: no colour '{name}'; add it to [colors] as [c, m, y, k] in percent (known: {})",
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                ),
            )
        })
    }
}

/// The `[print]` table as written.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPrint {
    bleed_mm: Option<f32>,
    #[serde(default)]
    crop_marks: bool,
    ink_limit: Option<f32>,
    output_condition: Option<String>,
    output_profile: Option<String>,
}

/// A colour as written: `[c, m, y, k]` in percent, or a string (refused unless it is CMYK).
#[derive(Deserialize, Clone)]
#[serde(untagged)]
pub(super) enum RawColor {
    Cmyk(Vec<f32>),
    Text(String),
}

/// Resolves `[print]` and `[colors]`; paths are relative to the template's folder.
pub(super) fn resolve(
    path: &Path,
    raw: Option<RawPrint>,
    colors: &BTreeMap<String, RawColor>,
) -> Result<PrintSettings> {
    let raw = raw.unwrap_or_default();
    let dir = path.parent().unwrap_or(Path::new("."));
    let bleed_mm = raw.bleed_mm.unwrap_or(0.0);
    if !(0.0..=20.0).contains(&bleed_mm) {
        return Err(Error::keyed(
            "print.bleed_mm",
            path,
            format!("[print] bleed_mm = {bleed_mm}: give 0 to 20 mm (newspapers: 0, magazines: 3)"),
        ));
    }
    let ink_limit = raw.ink_limit.unwrap_or(240.0);
    if !(100.0..=400.0).contains(&ink_limit) {
        return Err(Error::keyed(
            "print.ink_limit",
            path,
            format!(
                "[print] ink_limit = {ink_limit}: give a total coverage from 100 to 400 % (newsprint: 240 or 220)"
            ),
        ));
    }
    let mut out = PrintSettings {
        bleed: bleed_mm * super::PT_PER_MM,
        crop_marks: raw.crop_marks,
        ink_limit,
        output_condition: raw.output_condition.unwrap_or_else(|| "IFRA26".into()),
        output_profile: raw.output_profile.map(|p| dir.join(p)),
        colors: BTreeMap::new(),
    };
    for (name, c) in colors {
        let cmyk = resolve_color(path, name, c)?;
        if cmyk.coverage() > ink_limit + 0.01 {
            return Err(Error::keyed(
                format!("colors.{name}"),
                path,
                format!(
                    "[colors] {name}: total ink {:.0} % is over the ink limit of {ink_limit:.0} %; lower C, M or Y",
                    cmyk.coverage()
                ),
            ));
        }
        out.colors.insert(name.clone(), cmyk);
    }
    Ok(out)
}

fn resolve_color(path: &Path, name: &str, c: &RawColor) -> Result<Cmyk> {
    match c {
        RawColor::Cmyk(v) if v.len() == 4 && v.iter().all(|x| (0.0..=100.0).contains(x)) => {
            Ok(Cmyk([
                v[0] / 100.0,
                v[1] / 100.0,
                v[2] / 100.0,
                v[3] / 100.0,
            ]))
        }
        RawColor::Cmyk(v) => Err(Error::keyed(
            format!("colors.{name}"),
            path,
            format!("[colors] {name} = {v:?}: give four percentages [c, m, y, k], each 0 to 100"),
        )),
        RawColor::Text(t) => Err(Error::keyed(
            format!("colors.{name}"),
            path,
            format!(
                "[colors] {name} = \"{t}\": print output is CMYK only and RGB cannot be converted without the printer's profile; write it as [c, m, y, k] in percent (ask the print shop for the values)"
            ),
        )),
    }
}

/// Reads the print shop's output profile at `path` and checks that it can be one.
pub(crate) fn read_output_profile(path: &Path) -> Result<Vec<u8>> {
    let icc = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    if let Some(why) = profile_problem(&icc) {
        return Err(Error::invalid(
            path,
            format!("cannot be the output profile: {why}; ask the print shop for its CMYK profile"),
        ));
    }
    Ok(icc)
}

/// Why `icc` cannot be a PDF/X output profile, if it cannot: it must be an ICC profile of an
/// output device (`prtr`) in CMYK (ISO 15930: the intent describes the printing condition).
fn profile_problem(icc: &[u8]) -> Option<String> {
    if icc.len() < 132 || &icc[36..40] != b"acsp" {
        return Some("not an ICC profile (no 'acsp' signature)".into());
    }
    let class = String::from_utf8_lossy(&icc[12..16]).into_owned();
    let space = String::from_utf8_lossy(&icc[16..20]).into_owned();
    if class != "prtr" {
        return Some(format!(
            "profile class is '{class}', not 'prtr' (an output/printer profile)"
        ));
    }
    if space != "CMYK" {
        return Some(format!("profile colour space is '{space}', not CMYK"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn colors(v: &[(&str, RawColor)]) -> BTreeMap<String, RawColor> {
        v.iter().map(|(k, c)| (k.to_string(), c.clone())).collect()
    }

    #[test]
    fn cmyk_percentages_become_fractions() {
        let p = resolve(
            Path::new("t.toml"),
            None,
            &colors(&[("shade", RawColor::Cmyk(vec![0.0, 0.0, 0.0, 10.0]))]),
        )
        .unwrap();
        assert_eq!(p.colors["shade"], Cmyk([0.0, 0.0, 0.0, 0.1]));
        assert!(p.colors["shade"].is_k_only());
        assert_eq!(p.ink_limit, 240.0);
        assert_eq!(p.bleed, 0.0);
    }

    #[test]
    fn rgb_and_over_limit_colours_are_refused_by_name() {
        let e = resolve(
            Path::new("t.toml"),
            None,
            &colors(&[("red", RawColor::Text("#cc0000".into()))]),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("red") && e.contains("CMYK only"), "{e}");
        let e = resolve(
            Path::new("t.toml"),
            None,
            &colors(&[("rich", RawColor::Cmyk(vec![60.0, 60.0, 60.0, 100.0]))]),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("rich") && e.contains("280 %"), "{e}");
    }
}
