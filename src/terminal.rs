//! The real terminal: raw mode and the alternate screen, the panic hook
//! and the abort handler, signals, the thread that reads keys, the file
//! watcher, the clipboard, the editor and the system opener. It runs the
//! event loop ([`crate::shell`]) on a crossterm backend; it is the only
//! module that talks to the terminal.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::time::Duration;

use anyhow::{Context, Result};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::{cursor, event, execute, terminal};

use crate::app::shelf;
use crate::app::{CopyOutcome, Loaded};
use crate::input::keymap::Keymap;
use crate::shell::{self, Config, Event, Exit, Host, Job, Library, Signal, Start};
use crate::view::theme::Theme;

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
fn watchdog(signals: Arc<AtomicUsize>, done: Arc<AtomicBool>, mouse: bool) {
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

/// The signals the shell acts on, caught from before the terminal is first
/// touched: the ones that end it (TERM, HUP, INT), a stop asked from
/// outside (TSTP, as `kill -TSTP` sends it) and a continue (CONT, after
/// any stop). [`run`] forwards them to the loop as events.
pub struct Signals {
    caught: signal_hook::iterator::Signals,
    /// The number of a signal that ends the program, once one came (the
    /// watchdog ends the process if the loop does not within a second).
    end: Arc<AtomicUsize>,
}

/// Catches the signals so the loop can act on them. Called before the
/// colour query (which puts the terminal in raw mode for a moment): a
/// signal then waits for the loop, which restores and exits.
pub fn watch_signals() -> Result<Signals> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
    let caught = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT])
        .context("cannot install signal handlers")?;
    Ok(Signals { caught, end: Arc::new(AtomicUsize::new(0)) })
}

/// Sends the caught signals to the loop, from a thread that sleeps until one comes.
fn forward_signals(mut signals: Signals, tx: Sender<Event>) {
    use signal_hook::consts::{SIGCONT, SIGTSTP};
    std::thread::spawn(move || {
        for sig in signals.caught.forever() {
            let signal = match sig {
                SIGTSTP => Signal::Stop,
                SIGCONT => Signal::Cont,
                end => {
                    signals.end.store(end as usize, Ordering::SeqCst);
                    Signal::End(end)
                }
            };
            if tx.send(Event::Signal(signal)).is_err() {
                return;
            }
        }
    });
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

/// How the shell runs: colours, keys, the mouse, and whether to watch files.
pub struct Options {
    pub theme: Theme,
    pub keys: Keymap,
    pub mouse: bool,
    pub watch: bool,
    /// Caught from before the colour query ([`watch_signals`]).
    pub signals: Signals,
}

/// Work already under way when the reader starts, whose results the loop
/// takes as events: the rest of the first document, or the shelf's entries.
pub enum Feed {
    None,
    Parts(Receiver<Loaded>),
    Shelf(Receiver<(usize, shelf::Entry)>),
}

/// Set to make the reader panic right after its first frame (`thread`: on
/// another thread), so tests can check that a panic restores the terminal
/// before its message. Read once by the host, never by the loop.
pub const PANIC_FOR_TESTS: &str = "BRIEFING_TEST_PANIC";

/// Runs the reader in this terminal until the user quits or a signal
/// arrives. The terminal is restored on every path out of here, errors
/// included.
pub fn run(start: Start, opts: Options, library: &mut dyn Library, feed: Feed) -> Result<Exit> {
    install_panic_hook(opts.mouse);
    install_abort_restore();
    enter(opts.mouse).inspect_err(|_| restore(opts.mouse))?;
    let done = Arc::new(AtomicBool::new(false));
    watchdog(Arc::clone(&opts.signals.end), Arc::clone(&done), opts.mouse);
    if std::env::var_os(ABORT_FOR_TESTS).is_some() {
        std::thread::spawn(|| {
            std::thread::sleep(Duration::from_millis(300));
            std::process::abort();
        });
    }
    let (tx, events) = std::sync::mpsc::channel();
    forward_signals(opts.signals, tx.clone());
    match feed {
        Feed::None => {}
        Feed::Parts(rx) => forward(rx, tx.clone(), Event::Part, Some(Event::PartsDone)),
        Feed::Shelf(rx) => forward(rx, tx.clone(), |(i, e)| Event::Shelf(i, e), None),
    }
    let input = Input::start(tx.clone());
    let mut host = TerminalHost {
        tx,
        mouse: opts.mouse,
        input,
        watch: FileWatch::default(),
        panic_after_frame: std::env::var(PANIC_FOR_TESTS).ok(),
    };
    let config = Config { theme: &opts.theme, keys: &opts.keys, watch: opts.watch, settle: shell::SETTLE };
    let result = Terminal::new(CrosstermBackend::new(io::stdout()))
        .context("cannot open the terminal")
        .and_then(|mut term| shell::run(&mut term, start, &events, &config, &mut host, library));
    done.store(true, Ordering::SeqCst);
    restore(opts.mouse);
    result
}

/// Sends what `rx` gives to the loop as events, then `last` once it ends.
fn forward<T: Send + 'static>(
    rx: Receiver<T>,
    tx: Sender<Event>,
    event: impl Fn(T) -> Event + Send + 'static,
    last: Option<Event>,
) {
    std::thread::spawn(move || {
        for item in rx {
            if tx.send(event(item)).is_err() {
                return;
            }
        }
        if let Some(last) = last {
            let _ = tx.send(last);
        }
    });
}

/// The thread that reads the terminal's events and sends them to the loop.
/// It can be paused (while an editor has the terminal), so it waits for
/// input at most a quarter of a second at a time to see whether it is.
struct Input {
    paused: Arc<AtomicBool>,
    /// The thread has seen the pause and reads nothing until unparked.
    parked: Arc<AtomicBool>,
    thread: std::thread::Thread,
}

impl Input {
    fn start(tx: Sender<Event>) -> Input {
        let paused = Arc::new(AtomicBool::new(false));
        let parked = Arc::new(AtomicBool::new(false));
        let (p, k) = (Arc::clone(&paused), Arc::clone(&parked));
        let handle = std::thread::spawn(move || {
            loop {
                if p.load(Ordering::SeqCst) {
                    k.store(true, Ordering::SeqCst);
                    std::thread::park();
                    continue;
                }
                k.store(false, Ordering::SeqCst);
                let ev = match event::poll(Duration::from_millis(250)) {
                    Ok(false) => continue,
                    Ok(true) => event::read().map(Event::Term),
                    Err(e) => Err(e),
                };
                let ev = ev.unwrap_or_else(|e| Event::InputFailed(e.to_string()));
                let failed = matches!(ev, Event::InputFailed(_));
                if tx.send(ev).is_err() || failed {
                    return;
                }
            }
        });
        Input { paused, parked, thread: handle.thread().clone() }
    }

    /// Stops reading (waiting until the thread has stopped).
    fn pause(&self) {
        self.paused.store(true, Ordering::SeqCst);
        for _ in 0..100 {
            if self.parked.load(Ordering::SeqCst) {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
        self.thread.unpark();
    }
}

/// The loop's world in a real terminal.
struct TerminalHost {
    tx: Sender<Event>,
    mouse: bool,
    input: Input,
    watch: FileWatch,
    panic_after_frame: Option<String>,
}

impl Host for TerminalHost {
    fn suspend(&mut self) -> Result<()> {
        restore(self.mouse);
        // SIGTSTP is caught (so an outside one reaches the loop): stop as its
        // default action would.
        signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP).context("cannot suspend")?;
        self.retake()
    }

    fn retake(&mut self) -> Result<()> {
        enter(self.mouse)?;
        execute!(io::stdout(), terminal::Clear(terminal::ClearType::All)).context("cannot repaint")
    }

    fn edit(&mut self, path: &Path, line: usize) -> Result<std::result::Result<(), String>> {
        let cmd = editor_command();
        self.input.pause();
        restore(self.mouse);
        let status = std::process::Command::new(&cmd[0]).args(&cmd[1..]).arg(format!("+{line}")).arg(path).status();
        let back = self.retake();
        self.input.resume();
        back?;
        let name = crate::sanitize::clean(cmd[0].clone(), crate::sanitize::Tabs::Prose);
        // Whatever its status, the editor may have saved: the file is read again.
        Ok(status.map(|_| ()).map_err(|e| format!("Cannot start the editor {name}: {e} (set VISUAL or EDITOR)")))
    }

    fn copy(&mut self, text: &str) -> CopyOutcome {
        copy(text)
    }

    fn open_url(&mut self, url: &str) -> std::result::Result<(), String> {
        open::that_detached(url).map_err(|e| e.to_string())
    }

    fn spawn(&mut self, job: Job) {
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            // The reader may have moved on; then nobody is waiting.
            let _ = tx.send(job());
        });
    }

    fn watch(&mut self, path: Option<&Path>) {
        self.watch.follow(path, &self.tx);
    }

    fn drawn(&mut self, _frame: &ratatui::buffer::Buffer) {
        match self.panic_after_frame.take().as_deref() {
            Some("thread") => {
                std::thread::spawn(|| panic!("injected panic on another thread ({PANIC_FOR_TESTS}=thread)"));
            }
            Some(_) => panic!("injected panic ({PANIC_FOR_TESTS} is set)"),
            None => {}
        }
    }
}

/// Watches the document on screen for changes on disk. The folder is
/// watched, not the file, so an editor that saves by writing a new file and
/// renaming it over the old one is still seen; only changes to the file
/// itself reach the loop.
#[derive(Default)]
struct FileWatch {
    watcher: Option<notify::RecommendedWatcher>,
}

impl FileWatch {
    /// Watches `path` instead of the previous document (nothing for the
    /// embedded briefing or standard input).
    fn follow(&mut self, path: Option<&Path>, tx: &Sender<Event>) {
        use notify::Watcher;
        self.watcher = None;
        let Some(p) = path.map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())) else { return };
        let dir = p.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        let tx = tx.clone();
        let changed = move |e: notify::Result<notify::Event>| {
            if let Ok(e) = e
                && !e.kind.is_access()
                && e.paths.iter().any(|x| *x == p || x.file_name() == p.file_name())
            {
                let _ = tx.send(Event::FileChanged);
            }
        };
        if let Ok(mut w) = notify::recommended_watcher(changed)
            && w.watch(&dir, notify::RecursiveMode::NonRecursive).is_ok()
        {
            self.watcher = Some(w);
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

/// The user's editor: `$VISUAL`, else `$EDITOR`, else `vi`, split into a
/// program and its arguments at spaces (`code -w`).
fn editor_command() -> Vec<String> {
    let chosen = ["VISUAL", "EDITOR"].iter().find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()));
    chosen.unwrap_or_else(|| "vi".to_string()).split_whitespace().map(str::to_string).collect()
}
