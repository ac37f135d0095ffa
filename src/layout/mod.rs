//! From the document model to rows of cells: `wrap` lays the article out for
//! one width (once per width, then sliced), `panes` splits the screen,
//! `sidebar` lays out the claim list. No terminal IO here.

pub mod panes;
pub mod sidebar;
pub mod skim;
pub mod wrap;

pub use wrap::{Kind, Role, Row, Segment, WrappedDoc, wrap};
