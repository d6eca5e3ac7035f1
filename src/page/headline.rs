//! Headline blocks: 引题, 主题 and 副题 stacked, centred and balanced in the headline box, and
//! the short headline over an article's continuation on another page.

use super::PageCtx;
use crate::display::{Item, LineKind, Page};
use crate::error::Result;
use crate::linebreak::phrase;
use crate::model::{ArticlePlan, ContinuedPlan, GridRect, Story};

impl PageCtx<'_> {
    /// The headline block: 引题, 主题, 副题 stacked and centred in the headline box.
    pub(super) fn headline(
        &self,
        plan: &ArticlePlan,
        story: &Story,
        page: &mut Page,
    ) -> Result<()> {
        let parts = story.headline_parts();
        let Some(rect) = plan.headline else {
            if parts.is_empty() {
                return Ok(());
            }
            let pp = &self.pj.plan;
            return Err(pp.error_at(
                &pp.key_of(&plan.id),
                format!(
                    "article '{}' has a headline but no headline box; add headline = {{ cols = [..], lines = [..] }}",
                    plan.id
                ),
            ));
        };
        if plan.headline_vertical {
            return self.vertical_headline(story, &parts, &rect, page);
        }
        self.headline_block(story, (&parts, plan.copyfit.title_size), &rect, page)
    }

    /// The short headline over a continuation (the article's 主题 unless the plan gives a
    /// title), in style 续题 if the template has it, else 副题.
    pub(super) fn continued_headline(
        &self,
        cont: &ContinuedPlan,
        story: Option<&Story>,
        page: &mut Page,
    ) -> Result<()> {
        let (Some(rect), Some(story)) = (cont.headline, story) else {
            return Ok(());
        };
        let Some(title) = cont.title.as_deref().or(story.title.as_deref()) else {
            let pp = &self.pj.plan;
            return Err(pp.error_at(
                &format!("{}.headline", pp.key_of(&cont.article)),
                format!(
                    "continued article '{}' has a headline box but the article has no 主题; give title = \"…\"",
                    cont.article
                ),
            ));
        };
        let style = self.settings.continued;
        self.headline_block(story, (&[(style, title)], None), &rect, page)
    }

    /// The blocks of `parts` (style name, text) at `measure`, one per line forced with `|`;
    /// `one_more`: a phrase may take a line more to stay whole.
    fn headline_parts(
        &self,
        (parts, title_size, lang): (&[(&str, &str)], Option<f32>, crate::model::Lang),
        measure: f32,
        (owner, one_more): (&str, bool),
    ) -> Result<Vec<super::block::Block>> {
        let t = &self.job.template;
        let mut blocks = Vec::new();
        for (style_name, text) in parts {
            let style = t.part_style(style_name, title_size, lang)?;
            for line in phrase::forced_lines(text) {
                blocks.push(self.headline_part((line, &style), measure, (owner, one_more))?);
            }
        }
        Ok(blocks)
    }

    /// Sets `parts` (style name, text) stacked and vertically centred in `rect`.
    fn headline_block(
        &self,
        story: &Story,
        (parts, title_size): (&[(&str, &str)], Option<f32>),
        rect: &GridRect,
        page: &mut Page,
    ) -> Result<()> {
        let t = &self.job.template;
        let area = self.area(rect);
        let inset = t.grid.char_size / 2.0;
        let measure = area.width - 2.0 * inset;
        let owner = format!("article {} ({})", story.id, story.path.display());
        // A quoted phrase may take a line more to stay whole, if the box has room for it.
        let head = (parts, title_size, story.lang);
        let mut blocks = self.headline_parts(head, measure, (&owner, true))?;
        if blocks.iter().map(|b| b.height()).sum::<f32>() > area.height + 0.01 {
            blocks = self.headline_parts(head, measure, (&owner, false))?;
        }
        let height: f32 = blocks.iter().map(|b| b.height()).sum();
        if height > area.height + 0.01 {
            let pp = &self.pj.plan;
            return Err(pp.error_at(
                &format!("{}.headline", pp.key_of(&story.id)),
                format!(
                    "article '{}': the headline needs {:.1} pt but its box ({rect}) is {:.1} pt high; give it {} lines or more",
                    story.id,
                    height,
                    area.height,
                    (height / t.grid.pitch).ceil()
                ),
            ));
        }
        let mut top = area.top + (area.height - height) / 2.0;
        let mut row = 0;
        for b in &blocks {
            let set = b.place(
                (area.x + inset, measure),
                top,
                (&story.id, LineKind::Headline),
            );
            for mut l in set {
                // Numbered through all its parts (引题, 主题, 副题).
                row += 1;
                l.tag.row = row;
                page.items.push(Item::Line(l));
            }
            top += b.height();
        }
        Ok(())
    }
}
