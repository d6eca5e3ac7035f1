//! Photos (placeholder with a caption at the foot) and framed text boxes.

use super::PageCtx;
use crate::display::{Item, LineKind, Page};
use crate::error::Result;
use crate::model::{Align, BoxPlan, Cmyk, Fit, Image, PhotoImage, PhotoPlan, Story};

impl PageCtx<'_> {
    /// A photo frame: the image (or a placeholder: outline and cross) above, caption lines at
    /// the foot.
    pub(super) fn photo(
        &self,
        photo: &PhotoPlan,
        (caption, image): (Option<&Story>, &PhotoImage),
        page: &mut Page,
    ) -> Result<()> {
        let t = &self.job.template;
        let area = self.area(&photo.frame);
        let mut cap_height = 0.0;
        if let Some(story) = caption {
            let style = t.style("图说")?;
            let blocks = (story.paragraphs.iter())
                .map(|p| self.block((&p.text, style, Align::Justify), area.width, &photo.id))
                .collect::<Result<Vec<_>>>()?;
            cap_height = blocks.iter().map(|b| b.height()).sum();
            if cap_height + t.grid.pitch > area.height {
                let pp = &self.pj.plan;
                return Err(pp.error_at(
                    &pp.key_of(&photo.id),
                    format!(
                        "photo '{}': the caption needs {:.1} pt, more than the frame ({}) holds; make the frame taller",
                        photo.id, cap_height, photo.frame
                    ),
                ));
            }
            let mut top = area.top + area.height - cap_height;
            for b in &blocks {
                let set = b.place((area.x, area.width), top, (&photo.id, LineKind::Caption));
                page.items.extend(set.into_iter().map(Item::Line));
                top += b.height();
            }
        }
        let gap = if cap_height > 0.0 {
            t.grid.pitch / 2.0
        } else {
            0.0
        };
        let [x, y, w, h] = [area.x, area.top, area.width, area.height - cap_height - gap];
        if let PhotoImage::Loaded(img) = image {
            page.items.push(Item::Image {
                rect: place(img, [x, y, w, h], photo.fit),
                clip: [x, y, w, h],
                image: img.clone(),
            });
            return Ok(());
        }
        let mut placeholder = vec![Item::Rect {
            rect: [x, y, w, h],
            stroke: Some((0.5, Cmyk::BLACK)),
            fill: None,
        }];
        for (from, to) in [((x, y), (x + w, y + h)), ((x + w, y), (x, y + h))] {
            placeholder.push(Item::Rule {
                from,
                to,
                width: 0.25,
                color: Cmyk::BLACK,
            });
        }
        // A frame left empty on purpose shows its placeholder in proofs only: the plate gets
        // a blank frame, never the cross (print refuses any other photo without an image).
        match photo.empty {
            true => page.items.push(Item::Proof(placeholder)),
            false => page.items.extend(placeholder),
        }
        Ok(())
    }

    /// A framed text box (slogan): outline inset by ¼ character, text centred and balanced.
    pub(super) fn text_box(&self, b: &BoxPlan, page: &mut Page) -> Result<()> {
        let t = &self.job.template;
        let area = self.area(&b.frame);
        let style = t.style(&b.style)?;
        let inset = t.grid.char_size / 4.0;
        let measure = area.width - 2.0 * inset - style.size;
        if measure < style.size {
            let pp = &self.pj.plan;
            return Err(pp.error_at(
                &pp.key_of(&b.id),
                format!(
                    "box '{}' ({}) is too narrow for one {} pt character of style '{}'; give it more columns",
                    b.id, b.frame, style.size, style.name
                ),
            ));
        }
        let block = self.block((&b.text, style, style.align), measure, &b.id)?;
        let height = block.height();
        if height > area.height - 2.0 * inset {
            let pp = &self.pj.plan;
            return Err(pp.error_at(
                &pp.key_of(&b.id),
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
        let set = block.place(
            (area.x + inset + style.size / 2.0, measure),
            top,
            (&b.id, LineKind::Boxed),
        );
        page.items.extend(set.into_iter().map(Item::Line));
        Ok(())
    }
}

/// Where an image lands to fill (cover, cropped) or fit (whole, centred) `frame`.
fn place(img: &Image, [x, y, w, h]: [f32; 4], fit: Fit) -> [f32; 4] {
    let (iw, ih) = (img.width as f32, img.height as f32);
    let (sx, sy) = (w / iw, h / ih);
    let s = match fit {
        Fit::Fill => sx.max(sy),
        Fit::Fit => sx.min(sy),
    };
    let (pw, ph) = (iw * s, ih * s);
    [x + (w - pw) / 2.0, y + (h - ph) / 2.0, pw, ph]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ImageColor, ImageData};

    #[test]
    fn fill_covers_and_fit_shows_all() {
        let img = Image {
            path: "p.png".into(),
            width: 200,
            height: 100,
            color: ImageColor::Gray,
            data: ImageData::Pixels(vec![]),
        };
        // A square frame: fill crops the sides, fit leaves white above and below.
        assert_eq!(
            place(&img, [0.0, 0.0, 50.0, 50.0], Fit::Fill),
            [-25.0, 0.0, 100.0, 50.0]
        );
        assert_eq!(
            place(&img, [0.0, 0.0, 50.0, 50.0], Fit::Fit),
            [0.0, 12.5, 50.0, 25.0]
        );
    }
}
