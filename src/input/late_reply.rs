//! A terminal's late answer to a query, told apart from keys.

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{Event as TermEvent, KeyCode, KeyModifiers};

/// A terminal's answer to a query that came after the wait for it was over
/// (the colour query, over a slow link) arrives as keys: `Alt-]` (ESC `]`)
/// and then its text up to a BEL (Ctrl-G) or ESC `\\` (`Alt-\\`). Those
/// keys are dropped, so the answer moves nothing and types nothing.
#[derive(Default)]
pub struct LateReply {
    /// Keys dropped in the answer so far, while in one.
    dropped: Option<usize>,
    /// When the answer began: it comes in one burst, so keys a moment
    /// later are the user's (an `Alt-]` typed by hand drops nothing more).
    began: Option<Instant>,
}

impl LateReply {
    /// The longest answer dropped: past it, keys count again.
    const MAX: usize = 128;

    pub fn swallows(&mut self, ev: &TermEvent) -> bool {
        let TermEvent::Key(k) = ev else { return false };
        let alt = k.modifiers.contains(KeyModifiers::ALT);
        if self.began.is_some_and(|t| t.elapsed() > Duration::from_millis(200)) {
            self.dropped = None;
        }
        match (self.dropped, k.code) {
            (None, KeyCode::Char(']')) if alt => {
                self.dropped = Some(0);
                self.began = Some(Instant::now());
                true
            }
            (None, _) => false,
            (Some(_), KeyCode::Char('\\')) if alt => {
                self.dropped = None;
                true
            }
            (Some(_), KeyCode::Char('g')) if k.modifiers.contains(KeyModifiers::CONTROL) => {
                self.dropped = None;
                true
            }
            (Some(n), _) => {
                self.dropped = (n + 1 < Self::MAX).then_some(n + 1);
                true
            }
        }
    }
}
