//! End to end: the real binary in a pseudo-terminal, keys typed, the screen
//! read back through a VT100 emulator.

mod common;

use std::time::Duration;

use common::pty::Session;

#[test]
fn start_shows_the_first_section_and_the_claims() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_for("the first screen", |t| t.contains("Rare earths as strategic power") && t.contains("§1/9"));
    let t = s.screen();
    assert!(t.contains("China dominates rare earths;"), "the sidebar shows the claim:\n{t}");
    assert!(t.contains("On the global political stage"), "the article shows the text:\n{t}");
    assert!(s.parser.lock().unwrap().screen().alternate_screen());
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn a_resize_keeps_the_place() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_for("the first screen", |t| t.contains("§1/9"));
    s.keys("5G");
    s.wait_for("section 5", |t| t.contains("§5/9"));
    let heading = "Russia as an unlikely partner";
    assert!(s.screen().lines().nth(1).unwrap().contains(heading));
    s.resize(70, 20);
    s.wait_for("the redraw at 70 columns", |t| {
        t.lines().nth(1).is_some_and(|l| l.contains(heading)) && t.contains("§5/9")
    });
    s.resize(160, 45);
    // The new frame is whole once its status line (the last row) is drawn.
    s.wait_for("the redraw at 160 columns", |t| {
        t.lines().nth(44).is_some_and(|l| l.contains("§5/9")) && t.lines().nth(1).is_some_and(|l| l.contains(heading))
    });
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_markdown_file_from_standard_input_reads_keys_from_the_terminal() {
    // The pty is the controlling terminal; the document comes through a pipe.
    let dir = common::temp_folder("pty");
    let path = dir.join("doc.md");
    std::fs::write(&path, "## Alpha\n\nFirst claim sentence is here.\n\n## Beta\n\nSecond section text is here.\n")
        .unwrap();
    let cmd = format!("{} - < {}", env!("CARGO_BIN_EXE_briefing"), path.display());
    let mut s = Session::start_shell(&cmd, 80, 24);
    s.wait_for("the document", |t| t.contains("Alpha") && t.contains("~ First claim"));
    s.keys("]");
    s.wait_for("section 2", |t| t.contains("§2/2"));
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
}

fn signal_restores(sig: i32) {
    let mut s = Session::start(&[], 80, 24);
    s.wait_for("the first screen", |t| t.contains("§1/9"));
    let pid = s.child.process_id().expect("a pid") as i32;
    // SAFETY: sending a signal to our own child process.
    let rc = unsafe { kill(pid, sig) };
    assert_eq!(rc, 0);
    assert_eq!(s.wait_exit(), 128 + sig as u32);
    s.assert_restored();
}

unsafe extern "C" {
    fn kill(pid: i32, sig: i32) -> i32;
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    signal_restores(15);
}

#[test]
fn sighup_restores_the_terminal_and_exits_129() {
    signal_restores(1);
}

#[test]
fn sigint_restores_the_terminal_and_exits_130() {
    signal_restores(2);
}

#[test]
fn ctrl_z_suspends_and_fg_repaints() {
    let mut s = Session::start_shell("exec bash --norc --noprofile -i", 80, 24);
    std::thread::sleep(Duration::from_millis(300));
    s.keys(&format!("PS1='$ '; {}\r", env!("CARGO_BIN_EXE_briefing")));
    s.wait_for("the reader", |t| t.contains("§1/9"));
    s.keys("]");
    s.wait_for("section 2", |t| t.contains("§2/9"));
    s.keys("\x1a");
    s.wait_for("the shell after suspend", |t| t.contains("Stopped"));
    assert!(!s.parser.lock().unwrap().screen().alternate_screen());
    s.resize(100, 30);
    s.keys("fg\r");
    s.wait_for("the repaint at the new size", |t| t.contains("§2/9") && t.lines().any(|l| l.len() > 80));
    s.keys("q");
    s.wait_for("the prompt", |t| t.contains("$ ") && !t.contains("§2/9"));
    s.keys("exit\r");
    s.wait_exit();
}

/// A panic restores the terminal before its message, on the main thread
/// and on a background one (parsing, layout, highlighting), which ends the
/// program too instead of leaving the reader drawing on a terminal that is
/// no longer in raw mode.
#[test]
fn a_panic_restores_the_terminal_before_its_message() {
    for (kind, message) in [("1", "injected panic"), ("thread", "injected panic on another thread")] {
        let env = [("BRIEFING_TEST_PANIC", kind), ("RUST_BACKTRACE", "0")];
        let mut s = Session::start_env(&[], 80, 24, &env);
        assert_eq!(s.wait_exit(), 101, "{kind}");
        s.assert_restored();
        let t = s.screen();
        assert!(t.contains(message), "the message shows on the normal screen:\n{t}");
    }
}

#[test]
fn without_a_controlling_terminal_it_prints_instead_of_entering_raw_mode() {
    // setsid gives the program a new session with no controlling terminal,
    // while its standard output is still the pty.
    let cmd = format!("setsid -w {} --width 60", env!("CARGO_BIN_EXE_briefing"));
    let mut s = Session::start_shell(&cmd, 80, 24);
    s.wait_exit();
    let p = s.parser.lock().unwrap();
    assert!(!p.screen().alternate_screen());
    let t = p.screen().contents();
    assert!(t.contains("rare earths"), "the document was printed:\n{t}");
}

#[test]
fn reopening_puts_the_reader_back_at_the_same_paragraph() {
    let state = common::temp_folder("resume");
    let env = [("XDG_STATE_HOME", state.to_str().unwrap())];
    let mut s = Session::start_env(&[], 100, 30, &env);
    s.wait_for("the first screen", |t| t.contains("§1/9"));
    s.keys("6Gjjj");
    s.wait_for("section 6", |t| t.contains("§6/9"));
    // The top row is inside the sixth paragraph of the post.
    let sixth = include_str!("fixtures/seed.txt").lines().nth(7).unwrap().to_string();
    let in_sixth = |t: &str| {
        let row = t.lines().nth(1).and_then(|l| l.split('│').nth(1)).unwrap_or("").trim().to_string();
        !row.is_empty() && sixth.contains(&row)
    };
    assert!(in_sixth(&s.screen()), "{}", s.screen());
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    // Reopen at another size: the same paragraph's text is at the top.
    let mut s = Session::start_env(&[], 80, 24, &env);
    s.wait_for("the resumed screen", |t| t.contains("▌6 China") && t.contains("Back where you left off"));
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    let mut s = Session::start_env(&[], 100, 30, &env);
    s.wait_for("the same paragraph at the top", |t| in_sixth(t));
    // The reader can go to the top instead.
    s.keys("g");
    s.wait_for("the top", |t| t.contains("§1/9"));
    s.keys("q");
    s.wait_exit();
    // --no-state starts at the top.
    let mut s = Session::start_env(&["--no-state"], 100, 30, &env);
    s.wait_for("the first screen", |t| t.contains("§1/9"));
    s.keys("q");
    s.wait_exit();
}

#[test]
fn a_corrupt_state_file_costs_only_a_warning() {
    let state = std::env::temp_dir().join(format!("briefing-corrupt-{}", std::process::id()));
    let dir = state.join("briefing");
    std::fs::create_dir_all(&dir).unwrap();
    let key = "embedded:briefing.md";
    std::fs::write(dir.join(format!("{}.json", briefing::state::file_hash(key))), "garbage{").unwrap();
    let env = [("XDG_STATE_HOME", state.to_str().unwrap())];
    let mut s = Session::start_env(&[], 100, 30, &env);
    s.wait_for("the first screen", |t| t.contains("§1/9"));
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.wait_for("the warning after the restore", |t| t.contains("warning: ignored a damaged reading position"));
}

#[test]
fn a_closed_terminal_ends_the_program_instead_of_spinning() {
    // The shell is the session leader, as a terminal window's shell is;
    // killing it hangs the terminal up under the reader, as closing the
    // window does, and the reader must leave. (Where crossterm's reader
    // spins on the hung-up terminal without returning, as seen under
    // `tmux kill-server`, a watchdog thread ends the process.)
    let s = Session::start_shell(&format!("{}; true", env!("CARGO_BIN_EXE_briefing")), 80, 24);
    s.wait_for("the first screen", |t| t.contains("§1/9"));
    let shell = s.child.process_id().unwrap();
    let out = std::process::Command::new("pgrep").args(["-P", &shell.to_string()]).output().unwrap();
    let reader: i32 = String::from_utf8_lossy(&out.stdout).trim().parse().expect("the reader's pid");
    // SAFETY: signalling our own child process.
    assert_eq!(unsafe { kill(shell as i32, 9) }, 0);
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while std::path::Path::new(&format!("/proc/{reader}/status")).exists()
        && !std::fs::read_to_string(format!("/proc/{reader}/status")).unwrap_or_default().contains("State:\tZ")
    {
        assert!(std::time::Instant::now() < deadline, "still running after its terminal closed");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn y_copies_the_whole_claim_through_the_terminal() {
    let dir = common::temp_folder("copy");
    let sentence = "The committee concluded, after two years of hearings in three cities and a long review of \
                    the evidence (including the budget tables), that the old bridge must be replaced before \
                    the winter of next year.";
    let doc = dir.join("report.md");
    std::fs::write(&doc, format!("# Report\n\n## Findings\n\n{sentence} Other words follow here.\n")).unwrap();
    let mut s = Session::start(&[doc.to_str().unwrap(), "--no-state"], 120, 30);
    s.wait_for("the first screen", |t| t.contains("§1/1"));
    s.keys("y");
    s.wait_for("the copy notice", |t| t.contains("Sent to the terminal's clipboard (OSC 52)"));
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    let start = raw.find("\x1b]52;c;").expect("an OSC 52 sequence") + 7;
    let end = start + raw[start..].find('\x07').unwrap();
    use base64::Engine;
    let copied = base64::engine::general_purpose::STANDARD.decode(&raw[start..end]).unwrap();
    assert_eq!(String::from_utf8(copied).unwrap(), sentence, "the whole sentence, not the sidebar's short form");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn watch_reloads_a_changed_file_in_place_and_survives_its_removal() {
    let dir = common::alpha_beta("pty-watch");
    let path = dir.join("beta.md");
    let mut s = Session::start(&["--watch", path.to_str().unwrap()], 100, 30);
    s.wait_for("beta", |t| t.contains("Beta goes on"));
    s.keys("]");
    s.wait_for("section 2", |t| t.contains("§2/2 Second part"));
    let text = std::fs::read_to_string(&path).unwrap().replace("goes on", "was edited");
    std::fs::write(&path, text).unwrap();
    s.wait_for("the reload", |t| t.contains("Beta was edited") && t.contains("Reloaded"));
    // The place is kept: the second section's heading on the article's top row.
    assert!(s.top_line(1).ends_with("│  Second part"), "the place is kept:\n{}", s.screen());
    std::fs::remove_file(&path).unwrap();
    s.wait_for("a notice", |t| t.contains("no such file"));
    assert!(s.screen().contains("Beta was edited"), "the last version stays");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn colours_follow_the_terminal_background_and_no_color() {
    let heading = |env: &[(&str, &str)], args: &[&str]| {
        let mut s = Session::start_env(args, 100, 30, env);
        s.wait_for("the first screen", |t| t.contains("§1/9"));
        // The title bar's text takes the accent colour.
        let c = s.parser.lock().unwrap().screen().cell(0, 1).map(|c| c.fgcolor());
        s.keys("q");
        s.wait_exit();
        c
    };
    let dark = heading(&[("COLORFGBG", "15;0")], &[]);
    let light = heading(&[("COLORFGBG", "0;15")], &[]);
    assert_ne!(dark, light, "a light background gets other colours");
    assert_eq!(heading(&[("COLORFGBG", "0;15")], &["--theme", "dark"]), dark, "--theme wins");
    assert_eq!(heading(&[("NO_COLOR", "1")], &[]), Some(vt100::Color::Default));
    // Without COLORFGBG the terminal is asked (OSC 11); the emulator says black.
    assert_eq!(heading(&[("COLORFGBG", "")], &[]), dark, "a black background reads as dark");
    assert_ne!(heading(&[("COLORFGBG", "")], &["--theme", "light"]), dark);
}

/// A generated document of about 200 KB in 120 sections (a changelog's
/// shape): large enough to open progressively.
fn releases_200k(dir: &std::path::Path) -> std::path::PathBuf {
    let mut md = String::from("# Releases\n\n");
    for i in 1..=120 {
        md.push_str(&format!("## Release {i}.0\n\n"));
        for p in 0..5 {
            let words: Vec<String> =
                (0..6).map(|w| format!("Paragraph {p} of release {i} has words number {w} in it.")).collect();
            md.push_str(&words.join(" "));
            md.push_str("\n\n");
        }
    }
    assert!(md.len() > 190_000, "{}", md.len());
    let path = dir.join("releases.md");
    std::fs::write(&path, md).unwrap();
    path
}

/// The status line (the last row).
fn status(t: &str) -> String {
    t.lines().last().unwrap_or("").to_string()
}

/// The top row of the text column.
fn top_text(t: &str) -> String {
    t.lines().nth(1).and_then(|l| l.split('│').nth(1)).unwrap_or("").trim().to_string()
}

#[test]
fn a_large_file_reopens_at_the_same_place_with_its_read_marks_three_times() {
    let dir = common::temp_folder("resume-large");
    let doc = releases_200k(&dir);
    let doc_arg = doc.to_str().unwrap();
    let env = [("XDG_STATE_HOME", dir.to_str().unwrap())];
    let mut s = Session::start_env(&[doc_arg], 100, 30, &env);
    s.wait_for("the whole document", |t| t.contains("§1/120") && !t.contains("loading"));
    // Read three sections by paging through them, then go far past the
    // opening and a few lines into a section.
    s.keys("        ");
    s.wait_for("sections read", |t| status(t).contains("read") && !status(t).contains(" 0/120 read"));
    let read = status(&s.screen()).split(" · ").find(|p| p.ends_with("read")).unwrap().to_string();
    s.keys("g");
    s.wait_for("the top", |t| status(t).contains("§1/120"));
    s.keys("\t");
    s.keys(&"j".repeat(85));
    s.keys("\r");
    s.wait_for("section 86", |t| status(t).contains("§86/120 Release 86.0"));
    s.keys("jjjj");
    s.wait_for("four lines down", |t| top_text(t).starts_with("of release 86") || top_text(t).contains("release 86"));
    std::thread::sleep(Duration::from_millis(200));
    let top = top_text(&s.screen());
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    for cycle in 0..3 {
        let mut s = Session::start_env(&[doc_arg], 100, 30, &env);
        // Resumed once the whole text is in; the status has room for the
        // sections read once the claims are found too.
        s.wait_for("the resumed screen", |t| t.contains("Back where you left off") && !t.contains("finding claims"));
        let t = s.screen();
        assert_eq!(top_text(&t), top, "cycle {cycle}: the same row at the top:\n{t}");
        assert!(t.contains(&read), "cycle {cycle}: the sections read ({read}) came back:\n{t}");
        s.keys("j");
        s.wait_for("the position after the notice", |t| status(t).contains("§86/120 Release 86.0"));
        s.keys("k");
        s.keys("q");
        assert_eq!(s.wait_exit(), 0);
        s.assert_restored();
    }
}

#[test]
fn a_save_that_fails_leaves_the_old_state_file_as_it_was() {
    let dir = common::temp_folder("resume-fail");
    let doc = releases_200k(&dir);
    let env = [("XDG_STATE_HOME", dir.to_str().unwrap())];
    let mut s = Session::start_env(&[doc.to_str().unwrap()], 100, 30, &env);
    s.wait_for("the whole document", |t| t.contains("§1/120") && !t.contains("loading"));
    s.keys("\t");
    s.keys(&"j".repeat(20));
    s.keys("\r");
    s.wait_for("section 21", |t| status(t).contains("§21/120"));
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    let state = std::fs::read_dir(dir.join("briefing")).unwrap().next().unwrap().unwrap().path();
    let before = std::fs::read(&state).unwrap();
    // Now every file write fails (a file size limit of 0, as on a full
    // disk): the reader moves elsewhere and quits; the save fails.
    let cmd = format!(
        "trap '' XFSZ; ulimit -f 0; XDG_STATE_HOME='{}' exec '{}' '{}'",
        dir.display(),
        env!("CARGO_BIN_EXE_briefing"),
        doc.display()
    );
    let mut s = Session::start_shell(&cmd, 100, 30);
    s.wait_for("the resumed screen", |t| t.contains("Back where you left off"));
    s.keys("G");
    s.wait_for("the end", |t| status(t).contains("§120/120"));
    s.keys("q");
    s.wait_exit();
    s.wait_for("the warning", |t| t.contains("warning: cannot save the reading position"));
    assert_eq!(std::fs::read(&state).unwrap(), before, "the old state file is whole");
    let files = std::fs::read_dir(dir.join("briefing")).unwrap().count();
    assert_eq!(files, 1, "no temporary file is left");
}

#[test]
fn e_opens_the_editor_at_the_section_and_reads_the_file_again() {
    let dir = common::temp_folder("edit");
    let doc = common::sixty_sections(&dir);
    let log = dir.join("editor.log");
    // An "editor" that records its arguments and changes the file.
    let editor = dir.join("editor.sh");
    std::fs::write(
        &editor,
        format!("#!/bin/sh\necho \"$@\" > '{}'\nsed -i 's/^## Part 3$/## Part three, edited/' \"$2\"\n", log.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let env = [("VISUAL", editor.to_str().unwrap()), ("EDITOR", "false")];
    let mut s = Session::start_env(&[doc.to_str().unwrap(), "--no-state"], 100, 30, &env);
    s.wait_for("the first screen", |t| status(t).contains("§1/60"));
    s.keys("3G");
    s.wait_for("section 3", |t| status(t).contains("§3/60"));
    s.keys("e");
    s.wait_for("the edited file read again", |t| t.contains("Part three, edited"));
    assert!(s.parser.lock().unwrap().screen().alternate_screen(), "the reader is back on its screen");
    let args = std::fs::read_to_string(&log).unwrap();
    assert_eq!(args.trim(), format!("+9 {}", doc.display()), "the editor got the section's line and the file");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
    // The embedded briefing says why it cannot be edited.
    let mut s = Session::start_env(&["--no-state"], 100, 30, &env);
    s.wait_for("the first screen", |t| status(t).contains("§1/9"));
    s.keys("e");
    s.wait_for("why not", |t| status(t).contains("Nothing to edit"));
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
}

/// Sends `sig` to the session's process.
fn signal(s: &Session, sig: i32) {
    let pid = s.child.process_id().unwrap() as i32;
    // SAFETY: signalling our own child process.
    assert_eq!(unsafe { kill(pid, sig) }, 0);
}

#[test]
fn a_signal_during_the_start_up_colour_query_leaves_the_terminal_restored() {
    // The terminal answers the colour query late, so the reader is in raw
    // mode waiting for it; a signal then must not leave it raw.
    for (i, delay_ms) in [0u64, 30, 60, 90, 120].into_iter().enumerate() {
        let mut s = Session::start_slow_terminal(&["--no-state"], 80, 24, Duration::from_millis(400));
        std::thread::sleep(Duration::from_millis(delay_ms));
        signal(&s, [15, 1, 2][i % 3]);
        // Ended by the signal (before the handlers are in, by its default
        // action, with nothing of the terminal touched yet).
        s.wait_exit();
        s.assert_restored();
    }
}

#[test]
fn a_late_colour_answer_is_not_read_as_keys() {
    let state = common::temp_folder("late-answer");
    let env_state = state.to_str().unwrap().to_string();
    let mut cmd = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_briefing"));
    cmd.env("XDG_STATE_HOME", &env_state);
    cmd.env("COLORFGBG", "");
    // The answer comes after the reader stopped waiting for it (150 ms).
    let mut s = Session::spawn_answering_after(cmd, 100, 30, Duration::from_millis(600));
    s.wait_for("the first screen", |t| status(t).contains("§1/9"));
    // Once the answer is in, a key behaves as it would without one: the
    // answer moved nothing and opened no prompt that would take the key.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while s.answered.load(std::sync::atomic::Ordering::SeqCst) == 0 {
        assert!(std::time::Instant::now() < deadline, "the colour query was never answered");
        std::thread::sleep(Duration::from_millis(10));
    }
    s.keys("]");
    s.wait_for("the next section", |t| status(t).contains("§2/9") && !t.contains(" /"));
    s.keys("q");
    assert_eq!(s.wait_exit(), 0, "q still quits");
    s.assert_restored();
}

#[test]
fn a_stop_from_outside_and_a_continue_give_the_terminal_back_and_take_it_again() {
    let mut s = Session::start(&["--no-state"], 80, 24);
    s.wait_for("the first screen", |t| status(t).contains("§1/9"));
    signal(&s, 20); // SIGTSTP, as `kill -TSTP` sends it
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while s.parser.lock().unwrap().screen().alternate_screen() {
        assert!(std::time::Instant::now() < deadline, "the terminal was not given back");
        std::thread::sleep(Duration::from_millis(20));
    }
    s.assert_restored();
    signal(&s, 18); // SIGCONT, as `fg` sends it
    s.wait_for("the reader again", |t| status(t).contains("§1/9"));
    assert!(s.parser.lock().unwrap().screen().alternate_screen());
    s.keys("]");
    s.wait_for("keys work again", |t| status(t).contains("§2/9"));
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn an_abort_restores_the_terminal() {
    let mut s = Session::start_env(&["--no-state"], 80, 24, &[("BRIEFING_TEST_ABORT", "1")]);
    s.wait_exit();
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while s.parser.lock().unwrap().screen().alternate_screen() {
        assert!(std::time::Instant::now() < deadline, "still on the alternate screen after the abort");
        std::thread::sleep(Duration::from_millis(20));
    }
    s.assert_restored();
}

#[test]
fn the_place_is_saved_while_reading_so_a_closed_window_keeps_it() {
    let dir = common::temp_folder("checkpoint");
    let doc = releases_200k(&dir);
    let env = [("XDG_STATE_HOME", dir.to_str().unwrap())];
    let mut s = Session::start_env(&[doc.to_str().unwrap()], 100, 30, &env);
    s.wait_for("the whole document", |t| status(t).contains("§1/120") && !t.contains("loading"));
    s.keys("40G");
    s.wait_for("section 40", |t| status(t).contains("§40/120"));
    // The place is saved while reading (within a few seconds): then the
    // reader is killed without a chance to save (as the watchdog ends one).
    let saved_at_40 = || {
        // The state file itself (not a temporary one not yet renamed over it).
        let files = std::fs::read_dir(dir.join("briefing")).into_iter().flatten().flatten();
        files.filter(|f| f.path().extension().is_some_and(|e| e == "json")).any(|f| {
            let text = std::fs::read_to_string(f.path()).unwrap_or_default();
            serde_json::from_str::<serde_json::Value>(&text).is_ok_and(|v| v["section"] == 39)
        })
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !saved_at_40() {
        assert!(std::time::Instant::now() < deadline, "the place was not saved while reading");
        std::thread::sleep(Duration::from_millis(50));
    }
    signal(&s, 9);
    s.wait_exit();
    let mut s = Session::start_env(&[doc.to_str().unwrap()], 100, 30, &env);
    s.wait_for("the saved place", |t| t.contains("Back where you left off"));
    s.keys("j");
    s.wait_for("section 40", |t| status(t).contains("§40/120"));
    s.keys("q");
    s.wait_exit();
}

/// The terminal's bracketed paste is on: a paste reaches the search prompt
/// as one piece of text (what a paste does elsewhere is tested on the
/// scripted loop, tests/shell.rs).
#[test]
fn a_paste_in_the_terminal_is_text_for_the_prompt() {
    let dir = common::alpha_beta("pty-paste");
    let mut s = Session::start(&[dir.join("alpha.md").to_str().unwrap(), "--no-state"], 100, 30);
    s.wait_for("alpha", |t| status(t).contains("§1/2 Start"));
    s.keys("/");
    s.keys("\x1b[200~end of\nalpha q\x1b[201~");
    s.wait_for("the query", |t| status(t).contains("/end of alpha q▏"));
    s.keys("\r");
    s.wait_for("the match", |t| status(t).contains("1/1 \"end of alpha q\"") || status(t).contains("Not found"));
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}
