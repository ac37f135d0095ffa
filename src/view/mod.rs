//! Drawing: reads the model, never changes it.

pub mod theme;
