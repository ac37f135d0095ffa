//! The event loop: one channel of events in, one frame out.
//!
//! Everything the reader reacts to (keys, resizes, pastes, signals, file
//! changes, parts of a document read in the background, layouts made on
//! another thread) arrives as an [`Event`] on one receiver. The loop blocks
//! on it, applies what is queued through `app::update`, carries out the
//! effects, and draws once. It is generic over ratatui's `Backend` and
//! reaches the world only through [`Host`] (the terminal, threads, the file
//! watcher) and [`Library`] (documents and their saved state), so a test
//! drives this very loop on `TestBackend` with a scripted list of events.
//! Timers (a still screen, saving the position, a changed file settling)
//! wake it only while one is pending.
//!
//! May use `app`, `input`, `layout` and `view`; touches nothing itself.
//! `effects` carries out what updates ask for.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event as TermEvent};

use crate::app::shelf::{self, Shelf};
use crate::app::{Action, CopyOutcome, Effect, Loaded, Model, Msg, Reread, update};
use crate::document::Document;
use crate::input::keymap::Keymap;
use crate::input::late_reply::LateReply;
use crate::input::translate;
use crate::layout::Highlights;
use crate::layout::wrap::{WrappedDoc, wrap};
use crate::view::{self, theme::Theme};

/// How the reader ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// Ended by this signal; the process should exit with 128 + signal.
    Signal(i32),
}

/// A signal the shell acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    /// TERM, HUP or INT, by number: the reader ends.
    End(i32),
    /// A stop asked from outside (`kill -TSTP`): as Ctrl-Z.
    Stop,
    /// Continued after any stop: take the terminal again.
    Cont,
}

/// Everything the loop reacts to.
#[derive(Debug)]
pub enum Event {
    Term(TermEvent),
    /// The watched file changed on disk.
    FileChanged,
    /// More of the first document, read in the background.
    Part(Loaded),
    /// The background read is over.
    PartsDone,
    /// A whole layout made on another thread with `code` (`None`: the
    /// thread died).
    Laid {
        doc: Arc<Document>,
        code: Arc<Highlights>,
        wrapped: Option<WrappedDoc>,
    },
    /// Sections of `text` parsed on another thread.
    Parsed {
        text: Arc<str>,
        sections: Vec<crate::document::Section>,
    },
    /// Code blocks of `doc` highlighted on another thread.
    Highlighted {
        doc: Arc<Document>,
        code: Highlights,
    },
    /// The file at `path` read again.
    Reloaded {
        path: PathBuf,
        read: std::result::Result<Reread, String>,
    },
    /// A shelf entry's summary.
    Shelf(usize, shelf::Entry),
    Signal(Signal),
    /// The terminal cannot be read any more.
    InputFailed(String),
}

/// Work to do elsewhere; what it gives comes back as an event.
pub type Job = Box<dyn FnOnce() -> Event + Send>;

/// The world the loop needs besides documents: the terminal (given back
/// and taken again), the clipboard, the system opener, threads and the
/// file watcher. Implemented by `terminal` for a real terminal and by
/// tests for `TestBackend`.
pub trait Host {
    /// Gives the terminal back and stops (Ctrl-Z); returns once continued,
    /// with the terminal taken again and its screen cleared.
    fn suspend(&mut self) -> Result<()>;
    /// Takes the terminal again after a stop the shell did not ask for, and
    /// clears its screen.
    fn retake(&mut self) -> Result<()>;
    /// Runs the user's editor on `path` at `line`, then takes the terminal
    /// again and clears its screen. The outer error is the terminal's; the
    /// inner one says why the editor did not run.
    fn edit(&mut self, path: &Path, line: usize) -> Result<std::result::Result<(), String>>;
    fn copy(&mut self, text: &str) -> CopyOutcome;
    /// Opens a web address with the system's opener.
    fn open_url(&mut self, url: &str) -> std::result::Result<(), String>;
    /// Runs `job` off the loop; its event arrives on the loop's channel.
    fn spawn(&mut self, job: Job);
    /// Watches `path` for changes (`None`: nothing) instead of the last one.
    fn watch(&mut self, path: Option<&Path>);
    /// A frame was drawn: this is what the screen shows now.
    fn drawn(&mut self, _frame: &ratatui::buffer::Buffer) {}
}

/// What the shell asks of the program besides the terminal: documents to
/// open (a link to another file, a shelf entry), to read again (`--watch`),
/// and to put away (saving the reading position). Implemented by `main`.
pub trait Library {
    /// Opens `path` (relative to `from`'s folder when given) as a reader.
    fn open(&mut self, from: Option<&Path>, path: &str) -> std::result::Result<Model, String>;
    /// The reader is done with this document (leaving it or quitting).
    fn close(&mut self, model: &Model);
    /// Reading the document as it is on disk now, for `--watch`: the work,
    /// to be done on another thread, gives the document and its fingerprint.
    fn reading(&self, path: &Path) -> Reading;
    /// A document was read again (its fingerprint, for the saved state).
    fn reloaded(&mut self, path: &Path, fingerprint: String);
    /// Saves where the reader is in this document now (while reading).
    fn checkpoint(&mut self, model: &Model) {
        self.close(model);
    }
    /// Writes `claim` as the annotation of the section at `place` in
    /// `path` (`None` removes it), unless the file's fingerprint is no
    /// longer `expected`; gives the document as written and its fingerprint.
    fn write_claim(
        &mut self,
        path: &Path,
        place: crate::document::annotate::Place,
        claim: Option<&str>,
        expected: Option<&str>,
    ) -> std::result::Result<(Document, String), String>;
}

/// A document read again on another thread: the document and its
/// fingerprint, or why it could not be read.
pub type Reading = Box<dyn FnOnce() -> std::result::Result<(Document, String), String> + Send>;

/// What opens first: one document, or a shelf of them.
pub enum Start {
    Reader(Box<Model>),
    Shelf(Shelf),
}

/// How the loop runs: colours, keys, and whether to watch files.
pub struct Config<'a> {
    pub theme: &'a Theme,
    pub keys: &'a Keymap,
    pub watch: bool,
    /// How long a changed file must stay quiet before it is read again
    /// ([`SETTLE`]; tests that script the changes use none).
    pub settle: Duration,
}

/// How often the reading position is saved while reading.
const CHECKPOINT: Duration = Duration::from_secs(2);

/// How long a changed file must stay quiet before it is read again (an
/// editor's save is often several writes and a rename).
pub const SETTLE: Duration = Duration::from_millis(120);

/// Runs the reader on `term` until the user quits, a signal ends it, or
/// the events end; saves every open document's state on the way out.
pub fn run<B: Backend>(
    term: &mut Terminal<B>,
    start: Start,
    events: &Receiver<Event>,
    config: &Config,
    host: &mut dyn Host,
    library: &mut dyn Library,
) -> Result<Exit> {
    let mut shell = Shell {
        screens: Screens { shelf: None, readers: Vec::new() },
        config,
        host,
        library,
        late: LateReply::default(),
        still_since: Instant::now(),
        checkpoint: (Instant::now(), None),
        changed_at: None,
        reloading: false,
    };
    match start {
        Start::Reader(m) => shell.screens.readers.push(*m),
        Start::Shelf(s) => shell.screens.shelf = Some(s),
    }
    let result = shell.run(term, events);
    for m in shell.screens.readers.iter().rev() {
        shell.library.close(m);
    }
    // The program ends right after this: tearing a large document's model
    // and layout down piece by piece would only delay the exit.
    std::mem::forget(shell.screens);
    result
}

/// The shelf (if any) and the documents opened from it or from links, the
/// one on screen last.
struct Screens {
    shelf: Option<Shelf>,
    readers: Vec<Model>,
}

struct Shell<'a> {
    screens: Screens,
    config: &'a Config<'a>,
    host: &'a mut dyn Host,
    library: &'a mut dyn Library,
    late: LateReply,
    /// Since when the screen has stayed still, for the read rule.
    still_since: Instant,
    /// When the position was last saved, and what it was.
    checkpoint: (Instant, Option<(usize, usize)>),
    /// When the watched file last changed, until it is read again.
    changed_at: Option<Instant>,
    /// A reading of the file is under way (one at a time).
    reloading: bool,
}

impl Shell<'_> {
    fn run<B: Backend>(&mut self, term: &mut Terminal<B>, events: &Receiver<Event>) -> Result<Exit> {
        let size = screen_size(term)?;
        self.resize_all(size.width, size.height);
        self.follow_top();
        loop {
            self.draw(term)?;
            let first = match self.deadline() {
                None => match events.recv() {
                    Ok(ev) => Some(ev),
                    // Every sender is gone: nothing more will come.
                    Err(_) => return Ok(Exit::Quit),
                },
                Some(at) => match events.recv_timeout(at.saturating_duration_since(Instant::now())) {
                    Ok(ev) => Some(ev),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return Ok(Exit::Quit),
                },
            };
            // Apply every event already waiting (and what the timers and the
            // idle model start meanwhile), then draw once.
            let mut next = first;
            loop {
                while let Some(ev) = next {
                    if let Some(exit) = self.handle(term, ev)? {
                        return Ok(exit);
                    }
                    next = events.try_recv().ok();
                }
                self.timers();
                self.idle(term)?;
                next = events.try_recv().ok();
                if next.is_none() {
                    break;
                }
            }
        }
    }

    /// Draws the screen on top, laid out for the size the frame will have
    /// (the terminal may have changed size with its resize event queued).
    fn draw<B: Backend>(&mut self, term: &mut Terminal<B>) -> Result<()> {
        let size = screen_size(term)?;
        let shown = match (self.screens.readers.last(), &self.screens.shelf) {
            (Some(m), _) => Some(m.size()),
            (None, Some(s)) => Some((s.width, s.height)),
            (None, None) => None,
        };
        if shown.is_some_and(|wh| wh != (size.width, size.height)) {
            self.resize_all(size.width, size.height);
        }
        let theme = self.config.theme;
        let frame = term
            .draw(|f| match (self.screens.readers.last(), &self.screens.shelf) {
                (Some(m), _) => view::render(m, theme, f),
                (None, Some(s)) => view::shelf::render(s, theme, f),
                (None, None) => {}
            })
            .map_err(|e| anyhow!("cannot draw: {e}"))?;
        self.host.drawn(frame.buffer);
        Ok(())
    }

    /// The next time a timer is due, if one is pending.
    fn deadline(&self) -> Option<Instant> {
        let m = self.screens.readers.last();
        let still = m.and_then(Model::still_needed_ms).map(|ms| self.still_since + Duration::from_millis(ms));
        let save = m.filter(|m| self.checkpoint.1 != Some(here(m))).map(|_| self.checkpoint.0 + CHECKPOINT);
        let settle = self.changed_at.filter(|_| !self.reloading).map(|t| t + self.config.settle);
        [still, save, settle].into_iter().flatten().min()
    }

    /// Carries out the timers that are due.
    fn timers(&mut self) {
        let now = Instant::now();
        if let Some(m) = self.screens.readers.last_mut() {
            // A section on screen counts as read once the screen has stayed
            // still long enough: tell the model when that time has come.
            let still = now.duration_since(self.still_since).as_millis() as u64;
            if m.still_needed_ms().is_some_and(|need| still >= need) {
                update(m, Action::Still(still));
            }
            // Now and then the reading position is saved, so a window closed
            // while the event reader spins loses at most a few seconds.
            if now >= self.checkpoint.0 + CHECKPOINT && self.checkpoint.1 != Some(here(m)) {
                self.library.checkpoint(m);
                self.checkpoint = (now, Some(here(m)));
            }
        }
        if !self.reloading && self.changed_at.is_some_and(|t| now >= t + self.config.settle) {
            self.changed_at = None;
            self.start_reload();
        }
    }

    /// A changed file is read again on another thread, one reading at a
    /// time (a change during a reading starts the next one after it).
    fn start_reload(&mut self) {
        let Some(m) = self.screens.readers.last() else { return };
        let (Some(path), false) = (m.path().map(Path::to_path_buf), m.loading()) else { return };
        let reading = self.library.reading(&path);
        let (width, code) = (m.text_width(), Arc::clone(m.code()));
        self.reloading = true;
        self.host.spawn(Box::new(move || {
            let read = reading().map(|(doc, fingerprint)| {
                let wrapped = wrap(&doc, &code, width);
                Reread { doc, wrapped: Some((wrapped, code)), fingerprint }
            });
            Event::Reloaded { path, read }
        }));
    }

    /// The queue is empty: the model on screen may want work done elsewhere.
    fn idle<B: Backend>(&mut self, term: &mut Terminal<B>) -> Result<()> {
        while let Some(m) = self.screens.readers.last_mut() {
            let effect = update(m, Msg::Idle);
            if effect == Effect::None {
                break;
            }
            self.carry_out(term, effect)?;
        }
        Ok(())
    }

    /// Applies one event.
    fn handle<B: Backend>(&mut self, term: &mut Terminal<B>, ev: Event) -> Result<Option<Exit>> {
        match ev {
            Event::Term(ev) => return self.terminal_event(term, ev),
            Event::FileChanged => self.changed_at = Some(Instant::now()),
            Event::Part(part) => {
                // The outline comes first, then the text, then the claims.
                if let Some(m) = self.screens.readers.first_mut() {
                    update(m, Msg::Part(part));
                }
            }
            Event::PartsDone => {
                if let Some(m) = self.screens.readers.first_mut() {
                    update(m, Msg::PartsDone);
                }
            }
            // Each reader keeps only work done for its own document.
            Event::Laid { doc, code, wrapped } => {
                if let Some(m) = self.screens.readers.iter_mut().find(|m| m.shows(&doc)) {
                    update(m, Msg::Laid { doc, code, wrapped });
                }
            }
            Event::Parsed { text, sections } => {
                if let Some(m) = self.screens.readers.iter_mut().find(|m| m.parses(&text)) {
                    update(m, Msg::Part(Loaded::Parsed(sections)));
                }
            }
            Event::Highlighted { doc, code } => {
                if let Some(m) = self.screens.readers.iter_mut().find(|m| m.shows(&doc)) {
                    update(m, Msg::Highlighted { doc, code });
                }
            }
            Event::Reloaded { path, read } => {
                self.reloading = false;
                if let Some(m) = self.screens.readers.last_mut() {
                    let effect = update(m, Msg::Reloaded { path, read });
                    return self.carry_out(term, effect);
                }
            }
            Event::Shelf(i, entry) => {
                if let Some(s) = &mut self.screens.shelf {
                    shelf::update(s, shelf::Msg::Filled(i, entry));
                }
            }
            Event::Signal(Signal::End(sig)) => return Ok(Some(Exit::Signal(sig))),
            Event::Signal(Signal::Stop) => {
                self.host.suspend()?;
                self.repaint(term)?;
            }
            Event::Signal(Signal::Cont) => {
                self.host.retake()?;
                self.repaint(term)?;
            }
            Event::InputFailed(e) => return Err(anyhow!(e)).context("cannot read terminal events"),
        }
        Ok(None)
    }

    fn terminal_event<B: Backend>(&mut self, term: &mut Terminal<B>, ev: TermEvent) -> Result<Option<Exit>> {
        self.still_since = Instant::now();
        if self.late.swallows(&ev) {
            return Ok(None);
        }
        let keys = self.config.keys;
        let effect = match (self.screens.readers.last_mut(), &mut self.screens.shelf, ev) {
            (Some(m), _, TermEvent::Paste(text)) => Some(update(m, Msg::Paste(text))),
            (Some(m), _, ev) => translate(keys, m, ev).map(|a| update(m, a)),
            (None, Some(s), TermEvent::Paste(text)) => Some(shelf::update(s, shelf::Msg::Paste(text))),
            (None, Some(s), TermEvent::Key(k)) if k.kind != event::KeyEventKind::Release => {
                keys.lookup(s.input_mode(), k).map(|a| shelf::update(s, a))
            }
            (None, Some(s), TermEvent::Resize(w, h)) => Some(shelf::update(s, Action::Resize(w, h))),
            _ => None,
        };
        match effect {
            Some(effect) => self.carry_out(term, effect),
            None => Ok(None),
        }
    }

    /// With `--watch`, the file watched is the document on screen.
    fn follow_top(&mut self) {
        if self.config.watch {
            let path = self.screens.readers.last().and_then(Model::path);
            self.host.watch(path);
        }
    }
}

fn screen_size<B: Backend>(term: &Terminal<B>) -> Result<ratatui::layout::Size> {
    term.size().map_err(|e| anyhow!("cannot read the terminal size: {e}"))
}

/// What a saved position records: the top row and the sections read.
fn here(m: &Model) -> (usize, usize) {
    (m.top(), m.read_count())
}

mod effects;
