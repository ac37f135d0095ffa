//! briefing: a terminal reader for long-form briefings.
//!
//! Data flows one way:
//!
//! ```text
//! path or stdin ─► source (file IO, size, encoding and binary checks)
//!   ─► document::parse ─► Document { title, metadata, sections[heading, blocks, claim] }
//!   ─► layout::wrap(doc, width) ─► WrappedDoc { rows, section_start }   (once per width)
//! loop: terminal event ─► input::keymap ─► Action ─► app::update(&mut Model) ─► Effect
//!       view::render(&Model, &mut Frame): only the visible rows
//! ```
//!
//! Only `source`, `terminal`, `state`, `atomic` and `main` touch the world
//! (`main` also reads the configuration file that `config` parses).

pub mod app;
pub mod atomic;
pub mod cli;
pub mod config;
pub mod document;
pub mod input;
pub mod layout;
pub mod library;
pub mod print;
pub mod sample;
pub mod sanitize;
pub mod shell;
pub mod source;
pub mod startup;
pub mod state;
pub mod terminal;
pub mod view;
