//! briefing: a terminal reader for long-form briefings.
//!
//! Data flows one way:
//!
//! ```text
//! path or stdin ─► source (file IO, size, encoding and binary checks)      [library: which files, state]
//!   ─► document::parse ─► Document { title, metadata, sections[heading, blocks, claim] }
//!   ─► layout::wrap(doc, &Highlights, width) ─► WrappedDoc { rows, section_start }
//!        (a function of its arguments; app::layout keeps it per width and asks
//!         for code to be highlighted and for whole layouts to be made elsewhere)
//! startup::plan(cli, facts) ─► Plan: read, shelf, write, annotate        [main carries it out]
//! shell loop, on one channel of events (terminal, signals, file changes, background work):
//!   event ─► input::keymap ─► Action ─┐
//!   background result ────────────────┴► Msg ─► app::update(&mut Model, Msg) ─► Effect
//!   Effect ─► shell carries it out through Host (terminal) and Library ─► Msg
//!   view::render(&Model, &mut Frame): only the visible rows, once per batch of events
//! ```
//!
//! Only `source`, `state`, `atomic`, `library`, `terminal` and `main` touch
//! the world (`main` also reads the configuration file that `config`
//! parses; `heap` tunes the allocator for `main` and `library`). `shell`
//! runs the loop on any ratatui backend and reaches the world only through
//! its `Host` and `Library` traits.

pub mod app;
pub mod atomic;
pub mod cli;
pub mod config;
pub mod document;
pub mod heap;
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
