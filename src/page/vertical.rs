//! 竖题: a headline set vertically, each part in columns of as many characters as the box is
//! high, right to left, with the fonts' vertical forms (vert, vrt2).

use super::{Area, PageCtx};
use crate::display::{GlyphRun, Item, LineKind, LineTag, Page, PlacedGlyph, TextLine};
use crate::error::Result;
use crate::model::{Cmyk, GridRect, Story, Style};
use crate::shape::ShapedPara;
use std::ops::Range;
use std::rc::Rc;

/// One column of a vertical headline: its style, the shaped part and its clusters.
type Column<'t> = (&'t Style, Rc<ShapedPara>, Range<usize>);

impl PageCtx<'_> {
    /// 竖题: each part in columns right to left, every column centred in its line pitch and
    /// the whole block centred in the box.
    pub(super) fn vertical_headline(
        &self,
        story: &Story,
        parts: &[(&str, &str)],
        rect: &GridRect,
        page: &mut Page,
    ) -> Result<()> {
        let area = self.area(rect);
        let columns = self.vertical_columns(story, parts, (rect, &area))?;
        let total: f32 = columns.iter().map(|(s, _, _)| s.pitch).sum();
        if total > area.width + 0.01 {
            let pp = &self.pj.plan;
            return Err(pp.error_at(
                &format!("{}.headline", pp.key_of(&story.id)),
                format!(
                    "article '{}': the vertical headline needs {total:.1} pt of width but its box ({rect}) is {:.1} pt; make it wider or taller",
                    story.id, area.width
                ),
            ));
        }
        let mut right = area.x + (area.width + total) / 2.0;
        for (row, column) in columns.iter().enumerate() {
            let centre = right - column.0.pitch / 2.0;
            right -= column.0.pitch;
            let line = self.vertical_column(column, (centre, &area), (&story.id, row as u32 + 1));
            page.items.push(Item::Line(line));
        }
        Ok(())
    }

    /// The parts shaped vertically and cut into columns of the box's height, read from the
    /// right: 引题, 主题, 副题 (a 引题 is never dropped).
    fn vertical_columns(
        &self,
        story: &Story,
        parts: &[(&str, &str)],
        (rect, area): (&GridRect, &Area),
    ) -> Result<Vec<Column<'_>>> {
        let t = &self.job.template;
        let owner = format!("article {} ({})", story.id, story.path.display());
        let mut columns = Vec::new();
        for (style_name, text) in parts {
            let style = t.style(style_name)?;
            let chain = self.chain(style);
            let span = crate::shape::Span {
                text,
                fonts: &chain,
                size: style.size,
                style: &style.name,
            };
            let para = crate::shape::shape_vertical(self.book, &[span], &owner)?;
            let per = ((area.height / style.size) + 1e-3).floor() as usize;
            if per == 0 {
                let pp = &self.pj.plan;
                return Err(pp.error_at(
                    &format!("{}.headline", pp.key_of(&story.id)),
                    format!(
                        "article '{}': the vertical headline box ({rect}) is lower than one character of '{style_name}'",
                        story.id
                    ),
                ));
            }
            let n = para.clusters.len();
            let para = Rc::new(para);
            for start in (0..n).step_by(per) {
                columns.push((style, para.clone(), start..(start + per).min(n)));
            }
        }
        Ok(columns)
    }

    /// One column centred on `centre` and vertically in `area`, a character per em: line
    /// `row` of `owner`'s headline.
    fn vertical_column(
        &self,
        (style, para, range): &Column,
        (centre, area): (f32, &Area),
        (owner, row): (&str, u32),
    ) -> TextLine {
        let ascent = self.ascent(style);
        let top = area.top + (area.height - range.len() as f32 * style.size) / 2.0;
        let mut text = String::new();
        let mut runs = Vec::new();
        for (i, ci) in range.clone().enumerate() {
            let c = &para.clusters[ci];
            let src = para.cluster_text(ci);
            text.push_str(src);
            let baseline = top + i as f32 * style.size + ascent * style.size;
            let x0 = centre - c.advance / 2.0;
            let glyphs = para.glyphs[c.glyphs.clone()]
                .iter()
                .map(|g| PlacedGlyph {
                    gid: g.gid,
                    x: x0 + g.dx,
                    dy: g.dy,
                    advance: g.font_advance,
                    cluster: 0..src.len(),
                })
                .collect();
            runs.push(GlyphRun {
                font: c.font,
                size: c.size,
                baseline,
                text: src.to_string(),
                glyphs,
                color: Cmyk::BLACK,
            });
        }
        let tag = LineTag {
            owner: owner.to_string(),
            kind: LineKind::Headline,
            region: 0,
            row,
            baseline: top + ascent * style.size,
            x: (centre - style.size / 2.0, centre + style.size / 2.0),
            text,
            adjust: "vertical".into(),
        };
        TextLine { tag, runs }
    }
}
