//! Flow owns an article's thread: its regions in reading order on any page, the lines kept
//! for （下转第X版）/（上接第X版） where it leaves a page and resumes, filling them with the
//! story's lines on the baseline grid, balancing, and the 孤字/孤行 left. It reports what did
//! not fit (overset) and what stayed empty (underset). Flow knows regions as rectangles in
//! points on numbered pages; it knows nothing of headlines, the display list or PDF.

mod balance;
mod faults;
mod fill;
mod memo;
mod shaper;
mod thread;

pub use faults::Faults;
pub use fill::{Flowed, Overset, PlacedLine, Stop, fill, fill_with};
pub use memo::LineMemo;
pub use shaper::{Shaper, line_count};
pub use thread::{Columns, JumpLine, NoBodyLine, Region, Threaded, thread, thread_with};
