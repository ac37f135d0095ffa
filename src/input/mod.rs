//! Terminal events to actions: the key table and the translation of mouse
//! and resize events.

pub mod keymap;

pub use keymap::{InputMode, translate};
pub mod late_reply;
