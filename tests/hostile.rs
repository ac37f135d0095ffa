//! Untrusted documents: nothing in a document reaches the terminal as a
//! command, and pathological input neither hangs nor crashes.

mod common;

use briefing::app::{Action, Model, update};
use briefing::document::parse;
use briefing::view::{self, theme::Theme};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// Documents that try to talk to the terminal.
fn hostile() -> Vec<(&'static str, String)> {
    vec![
        ("osc title by entity", "# Title &#27;]0;pwned&#7;\n\n## Sec &#27;]2;x&#7;\n\nText &#27;]0;owned&#7; here.\n".into()),
        ("osc 52 clipboard", "## A\n\nCopy &#27;]52;c;ZXZpbA==&#7; me and \u{1b}]52;c;ZXZpbA==\u{7} too.\n".into()),
        ("raw escapes", "## B\n\n\u{1b}[2J\u{1b}[H cleared? \u{1b}[31mred\u{1b}[0m \u{1b}7\u{1b}8 \u{7}\n".into()),
        ("c1 controls", "## C\n\nc1 csi \u{9b}31m and osc \u{9d}0;x\u{9c} and nel \u{85}.\n".into()),
        ("dcs apc pm sos", "## D\n\n\u{1b}P+q\u{1b}\\ \u{1b}_apc\u{1b}\\ \u{1b}^pm\u{1b}\\ \u{1b}Xsos\u{1b}\\\n".into()),
        (
            "everywhere",
            "---\ntitle: \"t\\e]0;x\\a\"\nnote: \"\\e[2J\"\n---\n\n## H &#27;[1m\n\n```\ncode \u{1b}]0;x\u{7} tab\there\n```\n\n\
             | a&#27;[5m | b |\n|---|---|\n| \u{1b}]0;c\u{7} | d |\n\n- item &#27;]0;i&#7;\n\n> quote \u{1b}[8m hidden\n\n\
             [link &#27;](http://x.example/&#27;]0;u&#7;) ![alt &#27;](img&#27;.png) foot[^&#27;]\n\n[^&#27;]: note &#27;]0;n&#7;\n\n\
             <div>&#27;]0;html&#7;</div>\n\nbidi \u{202e}txet desrever\u{202c} and \u{2066}isolate\u{2069} zero\u{200b}width\n"
                .into(),
        ),
    ]
}

/// The escape sequences in a byte stream: `Err` names a forbidden one.
fn scan(bytes: &[u8]) -> Result<Vec<char>, String> {
    let mut finals = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0x1b => {
                let next = bytes.get(i + 1).copied().unwrap_or(0);
                match next {
                    b'[' => {
                        let mut j = i + 2;
                        while j < bytes.len() && !(0x40..=0x7e).contains(&bytes[j]) {
                            j += 1;
                        }
                        finals.push(bytes.get(j).map(|&b| b as char).unwrap_or('?'));
                        i = j + 1;
                        continue;
                    }
                    b']' => return Err(format!("OSC at byte {i}")),
                    b'P' => return Err(format!("DCS at byte {i}")),
                    b'_' => return Err(format!("APC at byte {i}")),
                    b'^' => return Err(format!("PM at byte {i}")),
                    b'X' => return Err(format!("SOS at byte {i}")),
                    other => return Err(format!("unexpected ESC {:?} at byte {i}", other as char)),
                }
            }
            0x07 => return Err(format!("BEL at byte {i}")),
            _ => {}
        }
        i += 1;
    }
    let text = String::from_utf8_lossy(bytes);
    if let Some(c) = text.chars().find(|c| ('\u{80}'..='\u{9f}').contains(c)) {
        return Err(format!("C1 control {c:?} in the output"));
    }
    if let Some(c) = text.chars().find(|c| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')) {
        return Err(format!("bidi control {c:?} in the output"));
    }
    Ok(finals)
}

/// A writer whose bytes the test can read back.
#[derive(Clone, Default)]
struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Draws the model with the real crossterm backend into bytes.
fn frame_bytes(m: &Model) -> Vec<u8> {
    let area = Rect::new(0, 0, m.size().0, m.size().1);
    let out = Shared::default();
    let mut term =
        Terminal::with_options(CrosstermBackend::new(out.clone()), TerminalOptions { viewport: Viewport::Fixed(area) })
            .unwrap();
    term.draw(|f| view::render(m, &Theme::new(true), f)).unwrap();
    out.0.borrow().clone()
}

#[test]
fn rendered_frames_carry_no_document_controlled_sequences() {
    for (name, md) in hostile() {
        let mut m = Model::new(parse(&md), 100, 40);
        update(&mut m, Action::Resize(100, 40));
        for step in [None, Some(Action::ToggleHelp), Some(Action::ToggleHelp), Some(Action::Bottom)] {
            if let Some(a) = step {
                update(&mut m, a);
            }
            let bytes = frame_bytes(&m);
            let finals = scan(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            // Only cursor moves and visibility, styles and colours: what the program itself uses.
            for f in finals {
                assert!(matches!(f, 'm' | 'H' | 'J' | 'K' | 'h' | 'l'), "{name}: unexpected CSI final {f:?}");
            }
            // The emulated screen shows the inert symbol where the ESC was.
            let mut parser = vt100::Parser::new(40, 100, 0);
            parser.process(&bytes);
            if step.is_none() && (md.contains('\u{1b}') || md.contains("&#27;")) {
                let screen = parser.screen().contents();
                assert!(screen.contains('\u{241b}'), "{name}: the ESC should show as ␛:\n{screen}");
            }
        }
    }
}

#[test]
fn print_mode_output_has_no_escape_byte_at_all() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    for (name, md) in hostile() {
        for args in [vec!["-"], vec!["--outline", "-"], vec!["--json", "-"], vec!["--print", "--color", "never", "-"]] {
            let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
                .args(&args)
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            child.stdin.take().unwrap().write_all(md.as_bytes()).unwrap();
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "{name} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
            assert!(!out.stdout.contains(&0x1b), "{name} {args:?}: ESC byte in the output");
            assert!(!out.stdout.contains(&0x07), "{name} {args:?}: BEL byte in the output");
            scan(&out.stdout).unwrap_or_else(|e| panic!("{name} {args:?}: {e}"));
        }
    }
}

#[test]
fn styled_print_mode_uses_only_its_own_sgr_sequences() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    for (name, md) in hostile() {
        let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(["--color", "always", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(md.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        let finals = scan(&out.stdout).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(finals.iter().all(|&f| f == 'm'), "{name}: only SGR expected, got {finals:?}");
    }
}
