//! The terminal shell: raw mode and the alternate screen, the event loop,
//! signals, suspend and the panic hook. The only module that talks to the
//! terminal.

use std::io::{self, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::{cursor, event, execute, terminal};

use crate::app::{Action, CopyOutcome, Effect, Model, loaded, update};
use crate::document::Document;
use crate::input::translate;
use crate::layout::WrappedDoc;
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

/// Puts the terminal into raw mode on the alternate screen.
fn enter(mouse: bool) -> Result<()> {
    terminal::enable_raw_mode().context("cannot switch the terminal to raw mode")?;
    let mut out = io::stdout();
    execute!(out, terminal::EnterAlternateScreen, cursor::Hide).context("cannot enter the alternate screen")?;
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
    let _ = execute!(out, terminal::LeaveAlternateScreen, cursor::Show);
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal before the default panic message is printed.
fn install_panic_hook(mouse: bool) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore(mouse);
        previous(info);
    }));
}

/// Ends the process when the event loop cannot: crossterm's reader spins
/// without returning once its terminal hangs up (every read gives 0 bytes),
/// so a closed window or a signal could leave a process burning a core.
/// Every 250 ms the watchdog checks that the controlling terminal still
/// exists and that a signal has not waited more than a second.
fn watchdog(signals: Arc<AtomicUsize>, done: Arc<std::sync::atomic::AtomicBool>, mouse: bool) {
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

/// Records SIGTERM, SIGHUP and SIGINT so the loop can restore and exit.
fn watch_signals() -> Result<Arc<AtomicUsize>> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let flag = Arc::new(AtomicUsize::new(0));
    for sig in [SIGTERM, SIGHUP, SIGINT] {
        signal_hook::flag::register_usize(sig, Arc::clone(&flag), sig as usize)
            .context("cannot install signal handlers")?;
    }
    Ok(flag)
}

/// Runs the reader until the user quits or a signal arrives. The terminal is
/// restored on every path out of here, errors included.
/// The rest of a document being parsed in the background: the whole
/// document and, when it was laid out in time, its rows.
pub type Pending = std::sync::mpsc::Receiver<(Document, WrappedDoc)>;

pub fn run(model: &mut Model, theme: Theme, mouse: bool, pending: Option<Pending>) -> Result<Exit> {
    let signals = watch_signals()?;
    install_panic_hook(mouse);
    enter(mouse).inspect_err(|_| restore(mouse))?;
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    watchdog(Arc::clone(&signals), Arc::clone(&done), mouse);
    let result = event_loop(model, &theme, mouse, &signals, pending);
    done.store(true, Ordering::SeqCst);
    restore(mouse);
    result
}

/// Set to make the reader panic right after its first frame, so tests can
/// check that a panic restores the terminal before its message.
pub const PANIC_FOR_TESTS: &str = "BRIEFING_TEST_PANIC";

fn event_loop(
    model: &mut Model,
    theme: &Theme,
    mouse: bool,
    signals: &AtomicUsize,
    mut pending: Option<Pending>,
) -> Result<Exit> {
    let mut term = Terminal::new(CrosstermBackend::new(io::stdout())).context("cannot open the terminal")?;
    let size = term.size().context("cannot read the terminal size")?;
    update(model, Action::Resize(size.width, size.height));
    let mut dirty = true;
    let panic_for_tests = std::env::var_os(PANIC_FOR_TESTS).is_some();
    loop {
        let sig = signals.swap(0, Ordering::SeqCst);
        if sig != 0 {
            return Ok(Exit::Signal(sig as i32));
        }
        if dirty {
            term.draw(|f| view::render(model, theme, f)).context("cannot draw")?;
            dirty = false;
            if panic_for_tests {
                panic!("injected panic ({PANIC_FOR_TESTS} is set)");
            }
        }
        if let Some(rx) = &pending {
            match rx.try_recv() {
                Ok((doc, wrapped)) => {
                    // The structure comes first, then the claims (if any are
                    // extracted); the channel closes after the last message.
                    loaded(model, doc, Some(wrapped));
                    dirty = true;
                    continue;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    // Everything arrived (or the parser thread died, a bug:
                    // keep showing what we have).
                    pending = None;
                    model.loading = false;
                    dirty = true;
                }
            }
        }
        let wait = if pending.is_some() { 10 } else { 200 };
        if !event::poll(Duration::from_millis(wait)).context("cannot read terminal events")? {
            continue;
        }
        // Apply every event that is already waiting, then draw once.
        loop {
            let ev = event::read().context("cannot read terminal events")?;
            if let Some(action) = translate(model, ev) {
                match update(model, action) {
                    Effect::None => {}
                    Effect::Quit => return Ok(Exit::Quit),
                    Effect::Copy(text) => {
                        let outcome = copy(&text);
                        update(model, Action::Copied(outcome));
                    }
                    Effect::Suspend => {
                        suspend(&mut term, mouse)?;
                        let size = term.size().context("cannot read the terminal size")?;
                        update(model, Action::Resize(size.width, size.height));
                    }
                }
                dirty = true;
            }
            if !event::poll(Duration::ZERO).context("cannot read terminal events")? {
                break;
            }
        }
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

/// Ctrl-Z: give the terminal back, stop, and on `fg` take it again and
/// repaint everything.
fn suspend(term: &mut Terminal<CrosstermBackend<Stdout>>, mouse: bool) -> Result<()> {
    restore(mouse);
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP).context("cannot suspend")?;
    enter(mouse)?;
    // A fresh terminal has no previous frame, so the next draw repaints every
    // cell; the screen is cleared first so no stale cell survives. (Asking
    // the terminal for its cursor, as `Terminal::clear` may, can hang.)
    execute!(io::stdout(), terminal::Clear(terminal::ClearType::All)).context("cannot repaint")?;
    *term = Terminal::new(CrosstermBackend::new(io::stdout())).context("cannot repaint")?;
    Ok(())
}
