//! Carrying out what an update asked for (opening a document, writing a
//! claim, the editor, the clipboard, suspending, work for another thread),
//! and feeding the outcome back to the model as a message.

use std::path::Path;
use std::time::Instant;

use anyhow::Result;
use ratatui::Terminal;
use ratatui::backend::Backend;

use super::*;
use crate::app::shelf;
use crate::app::{Action, Effect, Msg, Reread, update};
use crate::layout::Highlights;

impl Shell<'_> {
    /// Carries out what an update asked for, feeding the outcome back.
    pub(super) fn carry_out<B: Backend>(&mut self, term: &mut Terminal<B>, effect: Effect) -> Result<Option<Exit>> {
        match effect {
            Effect::None => {}
            // Quitting a document opened from the shelf goes back to it.
            Effect::Quit if self.screens.shelf.is_some() && !self.screens.readers.is_empty() => {
                while let Some(m) = self.screens.readers.pop() {
                    self.library.close(&m);
                }
                self.follow_top();
                self.resize_to(term)?;
            }
            Effect::Quit | Effect::QuitAll => return Ok(Some(Exit::Quit)),
            Effect::WriteClaim { path, place, section, claim, previous } => {
                let Some(m) = self.screens.readers.last_mut() else { return Ok(None) };
                let expected = m.content_hash().map(str::to_string);
                let msg = match self.library.write_claim(&path, place, claim.as_deref(), expected.as_deref()) {
                    Ok((doc, fingerprint)) => Msg::ClaimWritten {
                        written: Reread { doc, wrapped: None, fingerprint },
                        section,
                        previous,
                        removed: claim.is_none(),
                    },
                    Err(e) => Msg::Notice(e),
                };
                let effect = update(m, msg);
                return self.carry_out(term, effect);
            }
            Effect::Fingerprint { path, fingerprint } => self.library.reloaded(&path, fingerprint),
            Effect::Edit { path, line } => {
                let outcome = self.host.edit(&path, line)?;
                self.repaint(term)?;
                match outcome {
                    // Whatever the editor did, the file is read again now.
                    Ok(()) => self.changed_at = Instant::now().checked_sub(self.config.settle),
                    Err(e) => self.notify(e),
                }
            }
            Effect::Copy(text) => {
                let outcome = self.host.copy(&text);
                if let Some(m) = self.screens.readers.last_mut() {
                    update(m, Action::Copied(outcome));
                }
            }
            Effect::Suspend => {
                self.host.suspend()?;
                self.repaint(term)?;
            }
            Effect::OpenUrl(url) => {
                let msg = match self.host.open_url(&url) {
                    Ok(()) => format!("Opened {url}"),
                    Err(e) => format!("Cannot open {url}: {e}"),
                };
                self.notify(msg);
            }
            Effect::OpenFile { path, anchor } => {
                let from = self.screens.readers.last().and_then(|m| m.path().map(Path::to_path_buf));
                match self.library.open(from.as_deref(), &path) {
                    Ok(mut next) => {
                        let size = screen_size(term)?;
                        update(&mut next, Action::Resize(size.width, size.height));
                        update(&mut next, Msg::Opened { anchor });
                        self.screens.readers.push(next);
                        self.follow_top();
                    }
                    Err(e) => self.notify(e),
                }
            }
            Effect::Leave => {
                if let Some(m) = self.screens.readers.pop() {
                    self.library.close(&m);
                }
                self.resize_to(term)?;
                self.follow_top();
                if self.screens.readers.is_empty() && self.screens.shelf.is_none() {
                    return Ok(Some(Exit::Quit));
                }
            }
            Effect::LayOut { doc, code, width } => self.host.spawn(Box::new(move || {
                // Asked for a large document only: its rows' text is laid
                // out again where it is shown.
                let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    crate::layout::wrap_stubbed(&doc, &code, width)
                }));
                Event::Laid { doc, code, wrapped: made.ok() }
            })),
            Effect::Parse { source, range, line } => self.host.spawn(Box::new(move || {
                let sections = std::panic::catch_unwind(|| source.sections_at(range, line));
                Event::Parsed { text: source.text, sections: sections.unwrap_or_default() }
            })),
            Effect::Highlight { doc, blocks, known } => self.host.spawn(Box::new(move || {
                let code = Highlights::of(&blocks, &known);
                Event::Highlighted { doc, code }
            })),
        }
        Ok(None)
    }

    /// A message for the screen on top.
    pub(super) fn notify(&mut self, text: String) {
        match (self.screens.readers.last_mut(), &mut self.screens.shelf) {
            (Some(m), _) => {
                update(m, Msg::Notice(text));
            }
            (None, Some(s)) => {
                shelf::update(s, shelf::Msg::Notice(text));
            }
            _ => {}
        }
    }

    /// The terminal was given away and taken back: every cell is drawn
    /// again at the size it has now.
    pub(super) fn repaint<B: Backend>(&mut self, term: &mut Terminal<B>) -> Result<()> {
        // The host cleared the screen; forgetting both frames makes the next
        // draw write every cell. (`Terminal::clear` asks the terminal for
        // its cursor, which an input thread would read as keys, or hang.)
        term.swap_buffers();
        term.swap_buffers();
        self.resize_to(term)
    }

    pub(super) fn resize_to<B: Backend>(&mut self, term: &mut Terminal<B>) -> Result<()> {
        let size = screen_size(term)?;
        self.resize_all(size.width, size.height);
        Ok(())
    }

    pub(super) fn resize_all(&mut self, w: u16, h: u16) {
        if let Some(m) = self.screens.readers.last_mut() {
            update(m, Action::Resize(w, h));
        }
        if let Some(s) = &mut self.screens.shelf {
            shelf::update(s, Action::Resize(w, h));
        }
    }
}
