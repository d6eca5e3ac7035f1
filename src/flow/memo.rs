//! Lines already broken: sizing a block tries many heights and copyfit many settings, but a
//! paragraph set at one measure gives the same lines every time — so each paragraph is broken
//! once per measure and replayed. The memo belongs to one story and one set of line settings.

use crate::linebreak::{Fit, Line, LineBreaker, LineSettings};
use crate::shape::ShapedPara;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};

/// Paragraph index, measure (its bits), how many lines it aims at.
type LineKey = (usize, u32, Fit);

/// The lines of a story's paragraphs by (paragraph, measure, fit), for one set of settings.
#[derive(Debug, Default)]
pub struct LineMemo {
    lines: Mutex<HashMap<LineKey, Arc<Vec<Line>>>>,
}

impl LineMemo {
    /// Paragraph `pi`'s lines at `width` (set tight or loose for a 孤行 repair), broken on
    /// first ask.
    fn get(
        &self,
        (para, pi): (&ShapedPara, usize),
        settings: &LineSettings,
        width: f32,
        fit: Fit,
    ) -> Arc<Vec<Line>> {
        let key = (pi, width.to_bits(), fit);
        if let Some(l) = self.lines.lock().expect("line memo").get(&key) {
            return l.clone();
        }
        let mut b = LineBreaker::new(para, settings).with_fit(fit);
        let lines = Arc::new(std::iter::from_fn(|| b.next_line(width)).collect::<Vec<_>>());
        self.lines
            .lock()
            .expect("line memo")
            .insert(key, lines.clone());
        lines
    }
}

/// Where a paragraph's lines come from while it is filled: replayed from the memo while the
/// regions keep the measure it was broken at, else broken live from where the replay stopped.
pub(super) enum Lines<'a> {
    /// A breaker (boxed: it is ten times the size of a replay).
    Live(Box<LineBreaker<'a>>),
    /// Lines broken before at `width`; `next` is the next to hand out.
    Memo {
        lines: Arc<Vec<Line>>,
        next: usize,
        width: f32,
        para: &'a ShapedPara,
        settings: &'a LineSettings,
        fit: Fit,
    },
}

impl<'a> Lines<'a> {
    /// The lines of paragraph `pi`, from `memo` at `width` if there is one.
    pub fn new(
        (para, pi): (&'a ShapedPara, usize),
        settings: &'a LineSettings,
        (memo, width): (Option<&LineMemo>, f32),
        fit: Fit,
    ) -> Self {
        match memo {
            Some(m) => Lines::Memo {
                lines: m.get((para, pi), settings, width, fit),
                next: 0,
                width,
                para,
                settings,
                fit,
            },
            None => Lines::Live(Box::new(LineBreaker::new(para, settings).with_fit(fit))),
        }
    }

    /// The next line at `width`, or `None` when the paragraph is done.
    pub fn next_line(&mut self, width: f32) -> Option<Line> {
        if let Lines::Memo {
            lines,
            next,
            width: w,
            ..
        } = self
        {
            if *w == width || *next >= lines.len() {
                *next += 1;
                return lines.get(*next - 1).cloned();
            }
            self.go_live();
        }
        match self {
            Lines::Live(b) => b.next_line(width),
            Lines::Memo { .. } => None,
        }
    }

    /// Whether every line has been handed out.
    pub fn done(&self) -> bool {
        match self {
            Lines::Live(b) => b.done(),
            Lines::Memo { lines, next, .. } => *next >= lines.len(),
        }
    }

    /// Clusters not yet handed out.
    pub fn remaining(&self) -> Range<usize> {
        match self {
            Lines::Live(b) => b.remaining(),
            Lines::Memo {
                lines, next, para, ..
            } => {
                let n = para.clusters.len();
                lines.get(*next).map_or(n..n, |l| l.clusters.start..n)
            }
        }
    }

    /// A live breaker from where the replay stands (the measure changed, or the rest is to
    /// be counted).
    pub fn into_breaker(mut self) -> LineBreaker<'a> {
        self.go_live();
        match self {
            Lines::Live(b) => *b,
            Lines::Memo { .. } => unreachable!("go_live makes a breaker"),
        }
    }

    fn go_live(&mut self) {
        let at = self.remaining().start;
        let Lines::Memo {
            para,
            settings,
            fit,
            ..
        } = self
        else {
            return;
        };
        let (para, settings, fit) = (*para, *settings, *fit);
        let mut b = LineBreaker::new(para, settings).with_fit(fit);
        b.revert(at);
        *self = Lines::Live(Box::new(b));
    }
}
