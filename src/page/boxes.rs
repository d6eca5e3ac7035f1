//! Photos (placeholder with a caption at the foot) and framed text boxes.

use super::Composer;
use super::block::{block_height, block_lines, place_block};
use crate::error::{Error, Result};
use crate::frame::{Item, LineKind, Page};
use crate::model::{Align, BoxPlan, Cmyk, PhotoPlan, Story};

impl Composer<'_> {
    /// A photo frame: placeholder (outline and cross) above, caption lines at the foot.
    pub(super) fn photo(
        &self,
        photo: &PhotoPlan,
        caption: Option<&Story>,
        page: &mut Page,
    ) -> Result<()> {
        let t = &self.job.template;
        let area = self.area(&photo.frame);
        let mut cap_height = 0.0;
        if let Some(story) = caption {
            let style = t.style("图说")?;
            let paras = story
                .paragraphs
                .iter()
                .map(|p| self.shape(p, style, &photo.id))
                .collect::<Result<Vec<_>>>()?;
            let blocks: Vec<_> = paras
                .iter()
                .map(|para| {
                    let bp = self.block_para(para, style, Align::Justify);
                    let lines = block_lines(&bp, area.width);
                    (bp, lines)
                })
                .collect();
            cap_height = blocks.iter().map(|(bp, l)| block_height(bp, l.len())).sum();
            if cap_height + t.grid.pitch > area.height {
                return Err(Error::invalid(
                    &self.pj.plan.path,
                    format!(
                        "photo '{}': the caption needs {:.1} pt, more than the frame ({}) holds; make the frame taller",
                        photo.id, cap_height, photo.frame
                    ),
                ));
            }
            let mut top = area.top + area.height - cap_height;
            for (bp, lines) in &blocks {
                let (runs, records) = place_block(
                    bp,
                    lines,
                    (area.x, area.width),
                    top,
                    (&photo.id, LineKind::Caption),
                );
                page.items.extend(runs.into_iter().map(Item::Text));
                page.records.extend(records);
                top += block_height(bp, lines.len());
            }
        }
        let gap = t.grid.pitch / 2.0;
        let [x, y, w, h] = [area.x, area.top, area.width, area.height - cap_height - gap];
        page.items.push(Item::Rect {
            rect: [x, y, w, h],
            stroke: Some((0.5, Cmyk::BLACK)),
            fill: None,
        });
        for (from, to) in [((x, y), (x + w, y + h)), ((x + w, y), (x, y + h))] {
            page.items.push(Item::Rule {
                from,
                to,
                width: 0.25,
                color: Cmyk::BLACK,
            });
        }
        Ok(())
    }

    /// A framed text box (slogan): outline inset by ¼ character, text centred and balanced.
    pub(super) fn text_box(&self, b: &BoxPlan, page: &mut Page) -> Result<()> {
        let t = &self.job.template;
        let area = self.area(&b.frame);
        let style = t.style(&b.style)?;
        let inset = t.grid.char_size / 4.0;
        let para = self.shape(&b.text, style, &b.id)?;
        let bp = self.block_para(&para, style, style.align);
        let measure = area.width - 2.0 * inset - style.size;
        if measure < style.size {
            return Err(Error::invalid(
                &self.pj.plan.path,
                format!(
                    "box '{}' ({}) is too narrow for one {} pt character of style '{}'; give it more columns",
                    b.id, b.frame, style.size, style.name
                ),
            ));
        }
        let lines = block_lines(&bp, measure);
        let height = block_height(&bp, lines.len());
        if height > area.height - 2.0 * inset {
            return Err(Error::invalid(
                &self.pj.plan.path,
                format!(
                    "box '{}': the text needs {:.1} pt, more than the box ({}) holds; make it taller or the style smaller",
                    b.id, height, b.frame
                ),
            ));
        }
        page.items.push(Item::Rect {
            rect: [
                area.x + inset,
                area.top + inset,
                area.width - 2.0 * inset,
                area.height - 2.0 * inset,
            ],
            stroke: Some((1.0, Cmyk::BLACK)),
            fill: style.fill,
        });
        let top = area.top + (area.height - height) / 2.0;
        let (runs, records) = place_block(
            &bp,
            &lines,
            (area.x + inset + style.size / 2.0, measure),
            top,
            (&b.id, LineKind::Boxed),
        );
        page.items.extend(runs.into_iter().map(Item::Text));
        page.records.extend(records);
        Ok(())
    }
}
