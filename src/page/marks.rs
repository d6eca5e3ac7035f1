//! Crop marks and the page-information line in the slug, outside the bleed: they tell the
//! print shop where to trim and which page and edition a plate is, and never touch the page.

use super::PageCtx;
use crate::display::{Item, Page};
use crate::error::Result;
use crate::model::{Cmyk, PT_PER_MM};

/// Length of a crop mark.
const MARK: f32 = 5.0 * PT_PER_MM;
/// Gap between the bleed edge and a crop mark, so the mark never prints on the page.
const GAP: f32 = 3.0 * PT_PER_MM;
/// Size of the page-information line.
const INFO_SIZE: f32 = 6.0;

/// Adds crop marks at the four trim corners and a page-information line under the page, and
/// sets the slug so the PDF's media box holds them.
pub(super) fn crop_marks(c: &PageCtx, page: &mut Page) -> Result<()> {
    let (w, h, bleed) = (page.width, page.height, page.bleed);
    let off = bleed + GAP;
    page.slug = GAP + MARK + 2.0 * PT_PER_MM;
    for (x, y) in [(0.0, 0.0), (w, 0.0), (0.0, h), (w, h)] {
        // Outward directions from the corner.
        let sx = if x == 0.0 { -1.0 } else { 1.0 };
        let sy = if y == 0.0 { -1.0 } else { 1.0 };
        for (from, to) in [
            ((x + sx * off, y), (x + sx * (off + MARK), y)),
            ((x, y + sy * off), (x, y + sy * (off + MARK))),
        ] {
            page.items.push(Item::Rule {
                from,
                to,
                width: 0.25,
                color: Cmyk::BLACK,
            });
        }
    }
    let plan = &c.pj.plan;
    let info = format!("{} 第{}版 {}", c.job.template.name, plan.page, plan.date);
    let runs = c.note(&info, INFO_SIZE, (off, h + off, w), "slug")?;
    page.items.extend(runs.into_iter().map(Item::Text));
    Ok(())
}
