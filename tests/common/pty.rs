//! A pseudo-terminal session around the real binary, read through a VT100
//! emulator.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// Replies to the queries in `out`: device attributes (`CSI c`), status
/// (`CSI 5n`), the cursor position (`CSI 6n`), the window and cell sizes in
/// pixels (`CSI 14t`, `CSI 16t`), the background and foreground colours
/// (OSC 11, OSC 10: a black background, white text) and the keyboard
/// protocol (`CSI ? u`: none). A query split across two reads goes
/// unanswered, as it may on a slow link.
fn answers(out: &[u8], cursor: (u16, u16)) -> Vec<u8> {
    let position = format!("\x1b[{};{}R", cursor.0 + 1, cursor.1 + 1);
    let table: [(&[u8], &[u8]); 9] = [
        (b"\x1b]11;?", b"\x1b]11;rgb:0000/0000/0000\x1b\\"),
        (b"\x1b]10;?", b"\x1b]10;rgb:ffff/ffff/ffff\x1b\\"),
        (b"\x1b[?u", b"\x1b[?0u"),
        (b"\x1b[6n", position.as_bytes()),
        (b"\x1b[5n", b"\x1b[0n"),
        (b"\x1b[16t", b"\x1b[6;20;10t"),
        (b"\x1b[14t", b"\x1b[4;800;1200t"),
        (b"\x1b[c", b"\x1b[?62;22c"),
        (b"\x1b[0c", b"\x1b[?62;22c"),
    ];
    let mut replies = Vec::new();
    for (query, reply) in table {
        for _ in out.windows(query.len()).filter(|w| *w == query) {
            replies.extend_from_slice(reply);
        }
    }
    replies
}

fn fresh() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

pub struct Session {
    pub parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote (escape sequences included).
    pub raw: Arc<Mutex<Vec<u8>>>,
    pub writer: Arc<Mutex<Box<dyn Write + Send>>>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    pub master: Box<dyn portable_pty::MasterPty + Send>,
    /// Answers to the program's queries written so far.
    pub answered: Arc<std::sync::atomic::AtomicUsize>,
}

impl Session {
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        Session::start_env(args, cols, rows, &[])
    }

    pub fn start_env(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_briefing"));
        cmd.args(args);
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        Session::spawn(cmd, cols, rows)
    }

    pub fn start_shell(cmdline: &str, cols: u16, rows: u16) -> Session {
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", cmdline]);
        cmd.env_remove("NO_COLOR");
        Session::spawn(cmd, cols, rows)
    }

    /// Runs `cmd` on a new pty; a thread feeds its output to the emulator.
    pub fn spawn(cmd: CommandBuilder, cols: u16, rows: u16) -> Session {
        Session::spawn_answering_after(cmd, cols, rows, Duration::ZERO)
    }

    /// The real binary with `args`, on a terminal that answers queries only
    /// after `delay` (a slow link) and says nothing of its colours in
    /// `COLORFGBG`, so the reader asks.
    pub fn start_slow_terminal(args: &[&str], cols: u16, rows: u16, delay: Duration) -> Session {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_briefing"));
        cmd.args(args);
        cmd.env_remove("NO_COLOR");
        cmd.env("COLORFGBG", "");
        Session::spawn_answering_after(cmd, cols, rows, delay)
    }

    /// [`Session::spawn`] on a terminal whose answers come `delay` late.
    pub fn spawn_answering_after(mut cmd: CommandBuilder, cols: u16, rows: u16, delay: Duration) -> Session {
        let pty = native_pty_system();
        let pair = pty.openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("a pty");
        cmd.env("TERM", "xterm-256color");
        // No system clipboard: copies go through the terminal (OSC 52).
        cmd.env_remove("DISPLAY");
        cmd.env_remove("WAYLAND_DISPLAY");
        // Each session gets its own state folder unless the test chose one,
        // so no run resumes where another left off.
        if cmd.get_env("XDG_STATE_HOME").is_none() {
            let dir = std::env::temp_dir().join(format!("briefing-pty-state-{}-{}", std::process::id(), fresh()));
            // A folder left by an earlier run whose process had this id.
            let _ = std::fs::remove_dir_all(&dir);
            cmd.env("XDG_STATE_HOME", dir);
        }
        // No user configuration, and a terminal that says its colours in
        // COLORFGBG (a dark background) unless the test chose otherwise
        // (the emulator also answers the colour query, see `answers`).
        if cmd.get_env("XDG_CONFIG_HOME").is_none() {
            let dir = std::env::temp_dir().join(format!("briefing-pty-config-{}-{}", std::process::id(), fresh()));
            let _ = std::fs::remove_dir_all(&dir);
            cmd.env("XDG_CONFIG_HOME", dir);
        }
        match cmd.get_env("COLORFGBG").map(|v| v.is_empty()) {
            None => cmd.env("COLORFGBG", "15;0"),
            Some(true) => cmd.env_remove("COLORFGBG"),
            Some(false) => {}
        }
        let child = pair.slave.spawn_command(cmd).expect("the command starts");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer: Arc<Mutex<Box<dyn Write + Send>>> = Arc::new(Mutex::new(pair.master.take_writer().unwrap()));
        let p = Arc::clone(&parser);
        let w = Arc::clone(&writer);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let r = Arc::clone(&raw);
        let answered = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let a = Arc::clone(&answered);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                let n = match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => n,
                    // A signal (a resize) interrupted the read: read on.
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(_) => break,
                };
                r.lock().unwrap().extend_from_slice(&buf[..n]);
                let mut parser = p.lock().unwrap();
                parser.process(&buf[..n]);
                // Answer what a real terminal answers, as xterm would, so no
                // program waits for a reply that never comes.
                let replies = answers(&buf[..n], parser.screen().cursor_position());
                drop(parser);
                if !replies.is_empty() {
                    let (w, a) = (Arc::clone(&w), Arc::clone(&a));
                    let send = move || {
                        let mut w = w.lock().unwrap();
                        let _ = w.write_all(&replies);
                        let _ = w.flush();
                        a.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    };
                    if delay.is_zero() {
                        send();
                    } else {
                        std::thread::spawn(move || {
                            std::thread::sleep(delay);
                            send();
                        });
                    }
                }
            }
        });
        Session { parser, raw, writer, child, master: pair.master, answered }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn keys(&mut self, s: &str) {
        let mut w = self.writer.lock().unwrap();
        w.write_all(s.as_bytes()).unwrap();
        w.flush().unwrap();
    }

    /// Waits until the screen satisfies `f`, or fails with the screen.
    pub fn wait_for(&self, what: &str, f: impl Fn(&str) -> bool) {
        self.wait_for_within(what, Duration::from_secs(20), f)
    }

    pub fn wait_for_within(&self, what: &str, limit: Duration, f: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + limit;
        loop {
            let s = self.screen();
            if f(&s) {
                return;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            // Fine enough for the measurement's first-frame times.
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Resizes the terminal. The emulator takes the new size first, so no
    /// frame the program draws for it is read at the old one.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser.lock().unwrap().screen_mut().set_size(rows, cols);
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap();
    }

    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread take the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the program did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// The terminal is back to normal: main screen, cursor shown, no mouse capture.
    pub fn assert_restored(&self) {
        let p = self.parser.lock().unwrap();
        let s = p.screen();
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.hide_cursor(), "cursor still hidden");
        assert_eq!(s.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse still captured");
    }

    pub fn top_line(&self, n: usize) -> String {
        self.screen().lines().nth(n).unwrap_or("").to_string()
    }
}
