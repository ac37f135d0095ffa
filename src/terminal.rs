//! The terminal shell: raw mode and the alternate screen, the event loop,
//! signals, suspend and the panic hook. The only module that talks to the
//! terminal.

use std::io::{self, Stdout, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::Event;
use ratatui::crossterm::{cursor, event, execute, terminal};

use crate::app::shelf::{self, Shelf};
use crate::app::update::{notify, open_at_anchor};
use crate::app::{Action, CopyOutcome, Effect, Loaded, Model, loaded, update};
use crate::document::Document;
use crate::input::keymap::Keymap;
use crate::input::translate;
use crate::layout::wrap::WrappedDoc;
use crate::view::{self, theme::Theme};

/// How the reader ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// Ended by this signal; the process should exit with 128 + signal.
    Signal(i32),
}

/// Whether the process has a controlling terminal to read keys from (also
/// when standard input is a pipe, as with `briefing -`). Without one the
/// program prints instead of entering raw mode.
pub fn has_tty() -> bool {
    std::fs::OpenOptions::new().read(true).write(true).open("/dev/tty").is_ok()
}

/// Whether the terminal's background is light: `COLORFGBG` when the
/// terminal sets it, else the terminal is asked (OSC 11, with a device
/// attributes request after it so a terminal that does not answer colour
/// queries is known at once), waiting at most a short moment. `None` when
/// nothing says.
pub fn background_is_light() -> Option<bool> {
    if let Ok(v) = std::env::var("COLORFGBG")
        && let Some(bg) = v.rsplit(';').next().and_then(|b| b.parse::<u8>().ok())
    {
        // The 16-colour index of the background: 7 and 15 are white.
        return Some(matches!(bg, 7 | 15));
    }
    let mut options = terminal_colorsaurus::QueryOptions::default();
    options.timeout = Duration::from_millis(150);
    terminal_colorsaurus::theme_mode(options).ok().map(|m| m == terminal_colorsaurus::ThemeMode::Light)
}

/// Puts the terminal into raw mode on the alternate screen.
fn enter(mouse: bool) -> Result<()> {
    terminal::enable_raw_mode().context("cannot switch the terminal to raw mode")?;
    let mut out = io::stdout();
    execute!(out, terminal::EnterAlternateScreen, cursor::Hide).context("cannot enter the alternate screen")?;
    // A paste arrives as one event, text for the prompt open, never as keys.
    execute!(out, event::EnableBracketedPaste).context("cannot enable bracketed paste")?;
    if mouse {
        execute!(out, event::EnableMouseCapture).context("cannot capture the mouse")?;
    }
    Ok(())
}

/// Gives the terminal back: mouse off, main screen, cursor shown, raw mode
/// off. Safe to call more than once and from the panic hook.
pub fn restore(mouse: bool) {
    let mut out = io::stdout();
    if mouse {
        let _ = execute!(out, event::DisableMouseCapture);
    }
    let _ = execute!(out, event::DisableBracketedPaste, terminal::LeaveAlternateScreen, cursor::Show);
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal before the default panic message is printed. A
/// panic on another thread (parsing, layout, highlighting) ends the program
/// too: the reader cannot go on drawing on a restored terminal.
fn install_panic_hook(mouse: bool) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore(mouse);
        previous(info);
        if std::thread::current().name() != Some("main") {
            std::process::exit(101);
        }
    }));
}

/// Ends the process when the event loop cannot: crossterm's reader spins
/// without returning once its terminal hangs up (every read gives 0 bytes),
/// so a closed window or a signal could leave a process burning a core.
/// Every 250 ms the watchdog checks that the controlling terminal still
/// exists and that a signal has not waited more than a second.
fn watchdog(signals: Arc<AtomicUsize>, done: Arc<std::sync::atomic::AtomicBool>, mouse: bool) {
    // (`signals`: the number of a signal that ends the program, or 0.)
    std::thread::spawn(move || {
        let mut waited = 0;
        while !done.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(250));
            if done.load(Ordering::SeqCst) {
                return;
            }
            if std::fs::File::open("/dev/tty").is_err() {
                std::process::exit(128 + signal_hook::consts::SIGHUP);
            }
            let sig = signals.load(Ordering::SeqCst);
            waited = if sig == 0 { 0 } else { waited + 1 };
            if waited > 4 {
                restore(mouse);
                std::process::exit(128 + sig as i32);
            }
        }
    });
}

/// The signals the shell acts on: the ones that end it (TERM, HUP, INT,
/// by number), a stop asked from outside (TSTP, as `kill -TSTP` sends it)
/// and a continue (CONT, after any stop).
#[derive(Clone, Debug)]
pub struct Signals {
    end: Arc<AtomicUsize>,
    stop: Arc<std::sync::atomic::AtomicBool>,
    cont: Arc<std::sync::atomic::AtomicBool>,
}

/// Records the signals so the loop can act on them. Called before the
/// terminal is first touched (the colour query puts it in raw mode for a
/// moment): a signal then waits for the loop, which restores and exits.
pub fn watch_signals() -> Result<Signals> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
    let signals = Signals {
        end: Arc::new(AtomicUsize::new(0)),
        stop: Arc::new(std::sync::atomic::AtomicBool::new(false)),
        cont: Arc::new(std::sync::atomic::AtomicBool::new(false)),
    };
    for sig in [SIGTERM, SIGHUP, SIGINT] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signals.end), sig as usize)
            .context("cannot install signal handlers")?;
    }
    signal_hook::flag::register(SIGTSTP, Arc::clone(&signals.stop)).context("cannot install signal handlers")?;
    signal_hook::flag::register(SIGCONT, Arc::clone(&signals.cont)).context("cannot install signal handlers")?;
    Ok(signals)
}

/// The terminal's settings before raw mode, for the SIGABRT handler.
static SAVED_TERMIOS: std::sync::OnceLock<(libc::c_int, libc::termios)> = std::sync::OnceLock::new();

/// Restores the terminal when the process aborts (a stack overflow or an
/// allocation failure runs no panic hook): the handler writes the fixed
/// restore sequence and puts back the saved terminal settings, using only
/// async-signal-safe calls, then the abort goes on.
fn install_abort_restore() {
    use std::os::fd::IntoRawFd;
    if SAVED_TERMIOS.get().is_some() {
        return;
    }
    let Ok(tty) = std::fs::OpenOptions::new().read(true).write(true).open("/dev/tty") else { return };
    let fd = tty.into_raw_fd();
    // SAFETY: `fd` is an open terminal; `termios` is plain data filled by tcgetattr.
    let mut termios: libc::termios = unsafe { std::mem::zeroed() };
    if unsafe { libc::tcgetattr(fd, &mut termios) } != 0 {
        return;
    }
    let _ = SAVED_TERMIOS.set((fd, termios));
    // SAFETY: the action only calls write(2) and tcsetattr(2), both
    // async-signal-safe, on data set before the handler was installed.
    let _ = unsafe {
        signal_hook::low_level::register(signal_hook::consts::SIGABRT, || {
            const RESTORE: &[u8] = b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?2004l\x1b[?1049l\x1b[?25h";
            if let Some((fd, termios)) = SAVED_TERMIOS.get() {
                libc::write(*fd, RESTORE.as_ptr().cast(), RESTORE.len());
                libc::tcsetattr(*fd, libc::TCSANOW, termios);
            }
        })
    };
}

/// Set to make the reader abort (not panic) shortly after it starts, so a
/// test can check that the terminal is restored from the SIGABRT handler.
/// Read once before the loop, never inside it.
pub const ABORT_FOR_TESTS: &str = "BRIEFING_TEST_ABORT";

/// The rest of a document being parsed in the background: the whole
/// document and, when it was laid out in time, its rows.
pub type Pending = std::sync::mpsc::Receiver<Loaded>;

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

/// A document being read and laid out again on another thread.
struct ReloadJob {
    path: PathBuf,
    done: std::sync::mpsc::Receiver<std::result::Result<(Document, WrappedDoc, String), String>>,
}

impl ReloadJob {
    fn start(path: PathBuf, reading: Reading, width: usize) -> ReloadJob {
        let (tx, done) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let laid_out = reading().map(|(doc, fingerprint)| {
                let wrapped = crate::layout::wrap(&doc, width);
                (doc, wrapped, fingerprint)
            });
            let _ = tx.send(laid_out);
        });
        ReloadJob { path, done }
    }
}

/// What opens first: one document, or a shelf of them (with the channel
/// its entries' summaries arrive on, read on another thread).
pub enum Start {
    Reader(Box<Model>),
    Shelf(Shelf, Option<ShelfFeed>),
}

/// Shelf entries as they are read: index and summary.
pub type ShelfFeed = std::sync::mpsc::Receiver<(usize, shelf::Entry)>;

/// How the shell runs: colours, keys, the mouse, and whether to watch files.
pub struct Options {
    pub theme: Theme,
    pub keys: Keymap,
    pub mouse: bool,
    pub watch: bool,
    /// Watched from before the colour query ([`watch_signals`]).
    pub signals: Signals,
}

/// Runs the reader until the user quits or a signal arrives. The terminal is
/// restored on every path out of here, errors included.
pub fn run(start: Start, opts: &Options, library: &mut dyn Library, pending: Option<Pending>) -> Result<Exit> {
    let signals = &opts.signals;
    install_panic_hook(opts.mouse);
    install_abort_restore();
    enter(opts.mouse).inspect_err(|_| restore(opts.mouse))?;
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    watchdog(Arc::clone(&signals.end), Arc::clone(&done), opts.mouse);
    if std::env::var_os(ABORT_FOR_TESTS).is_some() {
        std::thread::spawn(|| {
            std::thread::sleep(Duration::from_millis(300));
            std::process::abort();
        });
    }
    let mut screens = Screens { shelf: None, readers: Vec::new() };
    let mut feed = None;
    match start {
        Start::Reader(m) => screens.readers.push(*m),
        Start::Shelf(s, f) => {
            screens.shelf = Some(s);
            feed = f;
        }
    }
    let result = event_loop(&mut screens, opts, library, signals, pending, feed);
    done.store(true, Ordering::SeqCst);
    restore(opts.mouse);
    for m in screens.readers.iter().rev() {
        library.close(m);
    }
    // The program ends right after this: tearing a large document's model
    // and layout down piece by piece would only delay the exit.
    std::mem::forget(screens);
    result
}

/// The shelf (if any) and the documents opened from it or from links, the
/// one on screen last.
struct Screens {
    shelf: Option<Shelf>,
    readers: Vec<Model>,
}

/// Set to make the reader panic right after its first frame, so tests can
/// check that a panic restores the terminal before its message.
pub const PANIC_FOR_TESTS: &str = "BRIEFING_TEST_PANIC";

/// A terminal's answer to a query that came after the wait for it was over
/// (the colour query, over a slow link) arrives as keys: `Alt-]` (ESC `]`)
/// and then its text up to a BEL (Ctrl-G) or ESC `\\` (`Alt-\\`). Those
/// keys are dropped, so the answer moves nothing and types nothing.
#[derive(Default)]
struct LateReply {
    /// Keys dropped in the answer so far, while in one.
    dropped: Option<usize>,
    /// When the answer began: it comes in one burst, so keys a moment
    /// later are the user's (an `Alt-]` typed by hand drops nothing more).
    began: Option<std::time::Instant>,
}

impl LateReply {
    /// The longest answer dropped: past it, keys count again.
    const MAX: usize = 128;

    fn swallows(&mut self, ev: &Event) -> bool {
        use event::{KeyCode, KeyModifiers};
        let Event::Key(k) = ev else { return false };
        let alt = k.modifiers.contains(KeyModifiers::ALT);
        if self.began.is_some_and(|t| t.elapsed() > Duration::from_millis(200)) {
            self.dropped = None;
        }
        match (self.dropped, k.code) {
            (None, KeyCode::Char(']')) if alt => {
                self.dropped = Some(0);
                self.began = Some(std::time::Instant::now());
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

/// How often the reading position is saved while reading.
const CHECKPOINT: Duration = Duration::from_secs(2);

/// How long a changed file must stay quiet before it is read again (an
/// editor's save is often several writes and a rename).
const SETTLE: Duration = Duration::from_millis(120);

/// A whole document being laid out on another thread.
struct LayoutJob {
    doc: Arc<Document>,
    done: std::sync::mpsc::Receiver<WrappedDoc>,
}

impl LayoutJob {
    fn start(doc: &Arc<Document>, width: usize) -> LayoutJob {
        let (tx, done) = std::sync::mpsc::channel();
        let for_thread = Arc::clone(doc);
        std::thread::spawn(move || {
            // The reader may have moved on; then nobody is waiting.
            let _ = tx.send(crate::layout::wrap(&for_thread, width));
        });
        LayoutJob { doc: Arc::clone(doc), done }
    }
}

fn event_loop(
    screens: &mut Screens,
    opts: &Options,
    library: &mut dyn Library,
    signals: &Signals,
    mut pending: Option<Pending>,
    mut feed: Option<ShelfFeed>,
) -> Result<Exit> {
    let mut term = Terminal::new(CrosstermBackend::new(io::stdout())).context("cannot open the terminal")?;
    let size = term.size().context("cannot read the terminal size")?;
    resize_all(screens, size.width, size.height);
    let mut dirty = true;
    // "thread": on another thread; anything else: here, after a frame.
    let mut panic_for_tests = std::env::var(PANIC_FOR_TESTS).ok();
    let mut watcher = opts.watch.then(FileWatch::new);
    let mut changed_at: Option<std::time::Instant> = None;
    let mut layout_job: Option<LayoutJob> = None;
    let mut reload_job: Option<ReloadJob> = None;
    // Since when the screen has stayed still, for the read rule.
    let mut still_since = std::time::Instant::now();
    let mut last_checkpoint = std::time::Instant::now();
    let mut late = LateReply::default();
    let mut checkpointed: Option<(usize, usize)> = None;
    if let (Some(w), Some(m)) = (&mut watcher, screens.readers.last()) {
        w.follow(m.path.as_deref());
    }
    loop {
        let sig = signals.end.swap(0, Ordering::SeqCst);
        if sig != 0 {
            return Ok(Exit::Signal(sig as i32));
        }
        // Stopped from outside (`kill -TSTP`): as Ctrl-Z does. Continued
        // after any stop (even SIGSTOP, which cannot be caught): take the
        // terminal again and repaint, whatever the shell did to it.
        if signals.stop.swap(false, Ordering::SeqCst) {
            suspend(&mut term, opts.mouse)?;
            signals.cont.store(false, Ordering::SeqCst);
            let size = term.size().context("cannot read the terminal size")?;
            resize_all(screens, size.width, size.height);
            dirty = true;
        }
        if signals.cont.swap(false, Ordering::SeqCst) {
            retake(&mut term, opts.mouse)?;
            let size = term.size().context("cannot read the terminal size")?;
            resize_all(screens, size.width, size.height);
            dirty = true;
        }
        // Now and then the reading position is saved, so a window closed
        // while the event reader spins (the watchdog then ends the process
        // at once) loses at most a few seconds of reading.
        if let Some(m) = screens.readers.last()
            && last_checkpoint.elapsed() >= CHECKPOINT
        {
            let here = (m.top, m.read_count());
            if checkpointed != Some(here) {
                library.checkpoint(m);
                checkpointed = Some(here);
            }
            last_checkpoint = std::time::Instant::now();
        }
        if dirty {
            // The terminal may have changed size with its resize event still
            // queued: lay out for the size the frame will have.
            let size = term.size().context("cannot read the terminal size")?;
            let shown = match (screens.readers.last(), &screens.shelf) {
                (Some(m), _) => Some((m.width, m.height)),
                (None, Some(s)) => Some((s.width, s.height)),
                (None, None) => None,
            };
            if shown.is_some_and(|wh| wh != (size.width, size.height)) {
                resize_all(screens, size.width, size.height);
            }
            term.draw(|f| match (screens.readers.last(), &screens.shelf) {
                (Some(m), _) => view::render(m, &opts.theme, f),
                (None, Some(s)) => view::shelf::render(s, &opts.theme, f),
                (None, None) => {}
            })
            .context("cannot draw")?;
            dirty = false;
            match panic_for_tests.take().as_deref() {
                Some("thread") => {
                    std::thread::spawn(|| panic!("injected panic on another thread ({PANIC_FOR_TESTS}=thread)"));
                }
                Some(_) => panic!("injected panic ({PANIC_FOR_TESTS} is set)"),
                None => {}
            }
        }
        if let Some(rx) = &pending {
            match rx.try_recv() {
                Ok(part) => {
                    // The outline comes first, then the text, then the claims
                    // (if any are extracted); the channel closes after the last.
                    if let Some(m) = screens.readers.first_mut() {
                        loaded(m, part);
                    }
                    dirty = true;
                    continue;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    // Everything arrived (or the parser thread died, a bug:
                    // keep showing what we have).
                    pending = None;
                    if let Some(m) = screens.readers.first_mut() {
                        m.loading = false;
                    }
                    dirty = true;
                }
            }
        }
        // The top reader's layout is made again in full when code has been
        // highlighted (on another thread; it shows plain until then) or
        // when only the sections near the screen have the current width: a
        // small document here, a large one on another thread, one at a time.
        if let Some(m) = screens.readers.last_mut() {
            if let Some(job) = &layout_job {
                match job.done.try_recv() {
                    Ok(wrapped) => {
                        if Arc::ptr_eq(&job.doc, &m.doc) {
                            m.adopt_layout(wrapped);
                        }
                        layout_job = None;
                        dirty = true;
                    }
                    Err(std::sync::mpsc::TryRecvError::Empty) => {}
                    Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                        // The thread died (a bug): lay out here instead of
                        // starting it again and again.
                        layout_job = None;
                        m.rewrap();
                        dirty = true;
                    }
                }
            }
            if m.wants_layout() && layout_job.is_none() {
                if m.is_large() {
                    layout_job = Some(LayoutJob::start(&m.doc, m.text_width()));
                } else {
                    m.rewrap();
                    dirty = true;
                }
            }
        }
        if let (Some(rx), Some(s)) = (&feed, &mut screens.shelf) {
            loop {
                match rx.try_recv() {
                    Ok((i, entry)) => {
                        shelf::filled(s, i, entry);
                        dirty = true;
                    }
                    Err(std::sync::mpsc::TryRecvError::Empty) => break,
                    Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                        feed = None;
                        break;
                    }
                }
            }
        }
        if let Some(w) = &watcher
            && w.changed()
        {
            changed_at = Some(std::time::Instant::now());
        }
        // A changed file is read again on another thread, one reading at a
        // time (a change during a reading starts the next one after it).
        if let Some(job) = &reload_job {
            let result = match job.done.try_recv() {
                Ok(r) => Some(r),
                Err(std::sync::mpsc::TryRecvError::Empty) => None,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => Some(Err("Cannot read the file again".into())),
            };
            if let Some(result) = result {
                let path = reload_job.take().map(|j| j.path).unwrap_or_default();
                if let Some(m) = screens.readers.last_mut()
                    && m.path.as_deref() == Some(path.as_path())
                {
                    match result {
                        // The text the reader already shows (a claim it
                        // wrote itself, say): nothing to read again.
                        Ok((_, _, fingerprint)) if m.content_hash.as_deref() == Some(fingerprint.as_str()) => {}
                        Ok((doc, wrapped, fingerprint)) => {
                            m.reload(doc, Some(wrapped));
                            m.content_hash = Some(fingerprint.clone());
                            library.reloaded(&path, fingerprint);
                        }
                        Err(e) => notify(m, format!("{e} · showing the last version read")),
                    }
                    dirty = true;
                }
            }
        }
        if reload_job.is_none() && changed_at.is_some_and(|t| t.elapsed() >= SETTLE) {
            changed_at = None;
            if let Some(m) = screens.readers.last()
                && let Some(path) = m.path.clone()
                && !m.loading
            {
                let reading = library.reading(&path);
                reload_job = Some(ReloadJob::start(path, reading, m.text_width()));
            }
        }
        let busy =
            pending.is_some() || feed.is_some() || changed_at.is_some() || layout_job.is_some() || reload_job.is_some();
        let mut wait = if busy { 10 } else { 200 };
        // A section on screen counts as read once the screen has stayed
        // still long enough: tell the model when that time has come.
        if let Some(m) = screens.readers.last_mut()
            && let Some(need) = m.still_needed_ms()
        {
            let still = still_since.elapsed().as_millis() as u64;
            if still >= need {
                update(m, Action::Still(still));
                dirty = true;
                continue;
            }
            wait = wait.min(need - still);
        }
        if !event::poll(Duration::from_millis(wait)).context("cannot read terminal events")? {
            continue;
        }
        still_since = std::time::Instant::now();
        // Apply every event that is already waiting, then draw once.
        loop {
            let ev = event::read().context("cannot read terminal events")?;
            if late.swallows(&ev) {
                if !event::poll(Duration::ZERO).context("cannot read terminal events")? {
                    break;
                }
                continue;
            }
            if let Event::Paste(text) = &ev {
                paste(screens, text);
                dirty = true;
                if !event::poll(Duration::ZERO).context("cannot read terminal events")? {
                    break;
                }
                continue;
            }
            let effect = match screens.readers.last_mut() {
                Some(m) => translate(&opts.keys, m, ev).map(|a| update(m, a)),
                None => match (&mut screens.shelf, ev) {
                    (Some(s), Event::Key(k)) if k.kind != event::KeyEventKind::Release => {
                        opts.keys.lookup(s.input_mode(), k).map(|a| shelf::update(s, a))
                    }
                    (Some(s), Event::Resize(w, h)) => Some(shelf::update(s, Action::Resize(w, h))),
                    _ => None,
                },
            };
            if let Some(effect) = effect {
                dirty = true;
                match effect {
                    Effect::None => {}
                    // Quitting a document opened from the shelf goes back to it.
                    Effect::Quit if screens.shelf.is_some() && !screens.readers.is_empty() => {
                        while let Some(m) = screens.readers.pop() {
                            library.close(&m);
                        }
                        if let Some(w) = &mut watcher {
                            w.follow(None);
                        }
                        let size = term.size().context("cannot read the terminal size")?;
                        resize_all(screens, size.width, size.height);
                    }
                    Effect::Quit | Effect::QuitAll => return Ok(Exit::Quit),
                    Effect::WriteClaim { path, place, section, claim, previous } => {
                        if let Some(m) = screens.readers.last_mut() {
                            let expected = m.content_hash.clone();
                            match library.write_claim(&path, place, claim.as_deref(), expected.as_deref()) {
                                Ok((doc, fingerprint)) => {
                                    m.reload(doc, None);
                                    m.content_hash = Some(fingerprint.clone());
                                    library.reloaded(&path, fingerprint);
                                    m.claim_written(section, previous);
                                    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                                    let name =
                                        crate::sanitize::clean(name.unwrap_or_default(), crate::sanitize::Tabs::Prose);
                                    let what = if claim.is_some() { "saved in" } else { "removed from" };
                                    notify(m, format!("§{} claim {what} {name} · R undoes", section + 1));
                                }
                                Err(e) => notify(m, e),
                            }
                        }
                    }
                    Effect::Edit { path, line } => {
                        let outcome = edit(&mut term, opts.mouse, &path, line)?;
                        let size = term.size().context("cannot read the terminal size")?;
                        resize_all(screens, size.width, size.height);
                        match outcome {
                            // Read again as a change on disk is (one reading at a time).
                            Ok(()) => changed_at = std::time::Instant::now().checked_sub(SETTLE),
                            Err(e) => {
                                if let Some(m) = screens.readers.last_mut() {
                                    notify(m, e);
                                }
                            }
                        }
                    }
                    Effect::Copy(text) => {
                        let outcome = copy(&text);
                        if let Some(m) = screens.readers.last_mut() {
                            update(m, Action::Copied(outcome));
                        }
                    }
                    Effect::Suspend => {
                        suspend(&mut term, opts.mouse)?;
                        let size = term.size().context("cannot read the terminal size")?;
                        resize_all(screens, size.width, size.height);
                    }
                    Effect::OpenUrl(url) => {
                        let msg = match open::that_detached(&url) {
                            Ok(()) => format!("Opened {url}"),
                            Err(e) => format!("Cannot open {url}: {e}"),
                        };
                        if let Some(m) = screens.readers.last_mut() {
                            notify(m, msg);
                        }
                    }
                    Effect::OpenFile { path, anchor } => {
                        let from = screens.readers.last().and_then(|m| m.path.clone());
                        match library.open(from.as_deref(), &path) {
                            Ok(mut next) => {
                                next.can_leave = true;
                                let size = term.size().context("cannot read the terminal size")?;
                                update(&mut next, Action::Resize(size.width, size.height));
                                if let Some(a) = anchor {
                                    open_at_anchor(&mut next, &a);
                                }
                                if let Some(w) = &mut watcher {
                                    w.follow(next.path.as_deref());
                                }
                                screens.readers.push(next);
                            }
                            Err(e) => match (screens.readers.last_mut(), &mut screens.shelf) {
                                (Some(m), _) => notify(m, e),
                                (None, Some(s)) => s.notice = Some(e),
                                _ => {}
                            },
                        }
                    }
                    Effect::Leave => {
                        if let Some(m) = screens.readers.pop() {
                            library.close(&m);
                        }
                        let size = term.size().context("cannot read the terminal size")?;
                        resize_all(screens, size.width, size.height);
                        if let (Some(w), Some(m)) = (&mut watcher, screens.readers.last()) {
                            w.follow(m.path.as_deref());
                        }
                        if screens.readers.is_empty() && screens.shelf.is_none() {
                            return Ok(Exit::Quit);
                        }
                    }
                }
            }
            if !event::poll(Duration::ZERO).context("cannot read terminal events")? {
                break;
            }
        }
    }
}

/// Pasted text goes to the prompt that is open (search, command, filter, a
/// claim), one character at a time, line breaks as spaces; with no prompt
/// open (or a question asked) it does nothing.
fn paste(screens: &mut Screens, text: &str) {
    // A line break becomes a space (the prompt is one line; a claim's
    // spaces are collapsed when it is saved).
    let chars = text.chars().map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c });
    match screens.readers.last_mut() {
        Some(m) => {
            if crate::input::keymap::takes_text(crate::input::keymap::mode_of(m)) {
                for c in chars {
                    update(m, Action::PromptInput(c));
                }
            }
        }
        None => {
            if let Some(s) = &mut screens.shelf
                && s.filtering
            {
                for c in chars {
                    shelf::update(s, Action::PromptInput(c));
                }
            }
        }
    }
}

fn resize_all(screens: &mut Screens, w: u16, h: u16) {
    if let Some(m) = screens.readers.last_mut() {
        update(m, Action::Resize(w, h));
    }
    if let Some(s) = &mut screens.shelf {
        shelf::update(s, Action::Resize(w, h));
    }
}

/// Watches the document on screen for changes on disk. The folder is
/// watched, not the file, so an editor that saves by writing a new file and
/// renaming it over the old one is still seen.
struct FileWatch {
    watcher: Option<notify::RecommendedWatcher>,
    rx: std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    tx: std::sync::mpsc::Sender<notify::Result<notify::Event>>,
    path: Option<PathBuf>,
}

impl FileWatch {
    fn new() -> FileWatch {
        let (tx, rx) = std::sync::mpsc::channel();
        FileWatch { watcher: None, rx, tx, path: None }
    }

    /// Watches `path` instead of the previous document (nothing for the
    /// embedded briefing or standard input).
    fn follow(&mut self, path: Option<&Path>) {
        use notify::Watcher;
        self.watcher = None;
        self.path = path.map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()));
        let Some(p) = &self.path else { return };
        let dir = p.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        let tx = self.tx.clone();
        if let Ok(mut w) = notify::recommended_watcher(move |e| {
            let _ = tx.send(e);
        }) && w.watch(&dir, notify::RecursiveMode::NonRecursive).is_ok()
        {
            self.watcher = Some(w);
        }
    }

    /// Whether the watched file changed since the last call.
    fn changed(&self) -> bool {
        let Some(p) = &self.path else { return false };
        let mut hit = false;
        while let Ok(e) = self.rx.try_recv() {
            if let Ok(e) = e
                && !e.kind.is_access()
                && e.paths.iter().any(|x| x == p || x.file_name() == p.file_name())
            {
                hit = true;
            }
        }
        hit
    }
}

/// Puts text on the clipboard: the system clipboard when this is a local
/// session with a display, else the terminal's clipboard sequence (OSC 52,
/// which works through SSH; tmux needs `set-clipboard on`). The text was
/// sanitised when the document was parsed and travels base64-encoded in
/// OSC 52, so it cannot end the sequence early.
fn copy(text: &str) -> CopyOutcome {
    use base64::Engine;
    let var = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
    let remote = var("SSH_CONNECTION") || var("SSH_TTY");
    if !remote
        && (var("DISPLAY") || var("WAYLAND_DISPLAY"))
        && arboard::Clipboard::new().and_then(|mut c| c.set_text(text.to_string())).is_ok()
    {
        return CopyOutcome::System;
    }
    let payload = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let mut out = io::stdout();
    match write!(out, "\x1b]52;c;{payload}\x07").and_then(|_| out.flush()) {
        Ok(()) => CopyOutcome::Terminal,
        Err(_) => CopyOutcome::Failed,
    }
}

/// The user's editor: `$VISUAL`, else `$EDITOR`, else `vi`, split into a
/// program and its arguments at spaces (`code -w`).
fn editor_command() -> Vec<String> {
    let chosen = ["VISUAL", "EDITOR"].iter().find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()));
    chosen.unwrap_or_else(|| "vi".to_string()).split_whitespace().map(str::to_string).collect()
}

/// `e`: gives the terminal to the editor, opened on `path` at `line`, and
/// takes it back when the editor exits. The outer error is the terminal's;
/// the inner one says why the editor did not run.
fn edit(
    term: &mut Terminal<CrosstermBackend<Stdout>>,
    mouse: bool,
    path: &Path,
    line: usize,
) -> Result<std::result::Result<(), String>> {
    let cmd = editor_command();
    restore(mouse);
    let status = std::process::Command::new(&cmd[0]).args(&cmd[1..]).arg(format!("+{line}")).arg(path).status();
    enter(mouse)?;
    execute!(io::stdout(), terminal::Clear(terminal::ClearType::All)).context("cannot repaint")?;
    *term = Terminal::new(CrosstermBackend::new(io::stdout())).context("cannot repaint")?;
    let name = crate::sanitize::clean(cmd[0].clone(), crate::sanitize::Tabs::Prose);
    // Whatever its status, the editor may have saved: the file is read again.
    Ok(status.map(|_| ()).map_err(|e| format!("Cannot start the editor {name}: {e} (set VISUAL or EDITOR)")))
}

/// Ctrl-Z (or a SIGTSTP from outside): give the terminal back, stop, and on
/// `fg` take it again and repaint everything.
fn suspend(term: &mut Terminal<CrosstermBackend<Stdout>>, mouse: bool) -> Result<()> {
    restore(mouse);
    // SIGTSTP is caught (so an outside one reaches the loop): stop as its
    // default action would.
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP).context("cannot suspend")?;
    retake(term, mouse)
}

/// Takes the terminal again (raw mode, the alternate screen) and repaints
/// every cell.
fn retake(term: &mut Terminal<CrosstermBackend<Stdout>>, mouse: bool) -> Result<()> {
    enter(mouse)?;
    // A fresh terminal has no previous frame, so the next draw repaints every
    // cell; the screen is cleared first so no stale cell survives. (Asking
    // the terminal for its cursor, as `Terminal::clear` may, can hang.)
    execute!(io::stdout(), terminal::Clear(terminal::ClearType::All)).context("cannot repaint")?;
    *term = Terminal::new(CrosstermBackend::new(io::stdout())).context("cannot repaint")?;
    Ok(())
}
