//! The real event loop (`shell::run`) driven on `TestBackend` with a
//! scripted list of events: keys, pastes, file changes. The host records
//! every frame and every call into the world (the editor, the clipboard,
//! the opener, the watcher) and runs background work at once, so each
//! step's frame shows what it did, with no waiting.

mod common;

use std::collections::VecDeque;
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::Sender;

use briefing::app::CopyOutcome;
use briefing::input::keymap::Keymap;
use briefing::library::Docs;
use briefing::shell::{self, Config, Event, Exit, Host, Job, Library, Start};
use briefing::view::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};

/// One step of a script: keys typed at once, any other event, or
/// something done to the world (a file changed) before the next step.
enum Step {
    Keys(String),
    Ev(Box<Event>),
    Do(Box<dyn FnOnce()>),
}

/// What the "editor" does to the file it is given.
type Editor = Box<dyn FnMut(&Path)>;

fn keys(s: &str) -> Step {
    Step::Keys(s.to_string())
}

fn ev(e: Event) -> Step {
    Step::Ev(Box::new(e))
}

fn paste(s: &str) -> Step {
    ev(Event::Term(TermEvent::Paste(s.to_string())))
}

/// `\r` Enter, `\x1b` Esc, `\x7f` Backspace, `\x03` Ctrl-c, `\x06` Ctrl-f,
/// `\x15` Ctrl-u, `\x07` Ctrl-g, `\x1d` Alt-]; anything else a character.
fn key_events(s: &str) -> Vec<TermEvent> {
    s.chars()
        .map(|c| {
            let (code, mods) = match c {
                '\r' => (KeyCode::Enter, KeyModifiers::NONE),
                '\x1b' => (KeyCode::Esc, KeyModifiers::NONE),
                '\x7f' => (KeyCode::Backspace, KeyModifiers::NONE),
                '\x1d' => (KeyCode::Char(']'), KeyModifiers::ALT),
                '\x01'..='\x1a' => (KeyCode::Char((b'a' + c as u8 - 1) as char), KeyModifiers::CONTROL),
                c => (KeyCode::Char(c), KeyModifiers::NONE),
            };
            TermEvent::Key(KeyEvent::new(code, mods))
        })
        .collect()
}

/// The host of a scripted run: after each frame it sends the next step.
struct Script {
    tx: Sender<Event>,
    steps: VecDeque<Step>,
    frames: Vec<String>,
    log: Vec<String>,
    editor: Option<Editor>,
}

impl Host for Script {
    fn suspend(&mut self) -> anyhow::Result<()> {
        self.log.push("suspend".into());
        Ok(())
    }
    fn retake(&mut self) -> anyhow::Result<()> {
        self.log.push("retake".into());
        Ok(())
    }
    fn edit(&mut self, path: &Path, line: usize) -> anyhow::Result<Result<(), String>> {
        self.log.push(format!("edit +{line} {}", path.display()));
        match &mut self.editor {
            Some(f) => {
                f(path);
                Ok(Ok(()))
            }
            None => Ok(Err("no editor".into())),
        }
    }
    fn copy(&mut self, text: &str) -> CopyOutcome {
        self.log.push(format!("copy {text}"));
        CopyOutcome::Terminal
    }
    fn open_url(&mut self, url: &str) -> Result<(), String> {
        self.log.push(format!("open {url}"));
        Ok(())
    }
    fn spawn(&mut self, job: Job) {
        let done = job();
        let what = match &done {
            Event::Laid { .. } => "a whole layout",
            Event::Highlighted { .. } => "highlighted code",
            Event::Reloaded { .. } => "a reading",
            _ => "something else",
        };
        self.log.push(format!("made elsewhere: {what}"));
        let _ = self.tx.send(done);
    }
    fn watch(&mut self, path: Option<&Path>) {
        self.log.push(format!("watch {}", path.map(|p| p.display().to_string()).unwrap_or_default()));
    }
    fn drawn(&mut self, frame: &ratatui::buffer::Buffer) {
        let area = frame.area;
        let text: Vec<String> = (0..area.height)
            .map(|y| (0..area.width).map(|x| frame[(x, y)].symbol()).collect::<String>().trim_end().to_string())
            .collect();
        self.frames.push(text.join("\n"));
        loop {
            match self.steps.pop_front() {
                Some(Step::Do(f)) => f(),
                Some(Step::Keys(s)) => {
                    for ev in key_events(&s) {
                        let _ = self.tx.send(Event::Term(ev));
                    }
                    return;
                }
                Some(Step::Ev(ev)) => {
                    let _ = self.tx.send(*ev);
                    return;
                }
                // The script is over: Ctrl-c quits from anywhere.
                None => {
                    let _ = self.tx.send(Event::Term(key_events("\x03").remove(0)));
                    return;
                }
            }
        }
    }
}

/// What a scripted run gave: how it ended, the frame after each step
/// (`frames[0]` is the first), and the calls into the world.
struct Run {
    exit: Exit,
    frames: Vec<String>,
    log: Vec<String>,
}

impl Run {
    /// The frame drawn after step `i` (counting from 1; a step that ends the
    /// loop draws none).
    fn after(&self, i: usize) -> &str {
        &self.frames[i]
    }
    fn status(&self, i: usize) -> &str {
        self.after(i).lines().last().unwrap_or("")
    }
}

struct Drive<'a> {
    size: (u16, u16),
    keys: Keymap,
    watch: bool,
    library: &'a mut dyn Library,
    editor: Option<Editor>,
}

impl<'a> Drive<'a> {
    fn new(library: &'a mut dyn Library) -> Drive<'a> {
        Drive { size: (100, 30), keys: Keymap::default(), watch: false, library, editor: None }
    }

    fn run(self, start: Start, steps: Vec<Step>) -> Run {
        let (tx, events) = std::sync::mpsc::channel();
        let mut host = Script { tx, steps: steps.into(), frames: Vec::new(), log: Vec::new(), editor: self.editor };
        let mut term = Terminal::new(TestBackend::new(self.size.0, self.size.1)).unwrap();
        let theme = Theme::new(true);
        let config = Config { theme: &theme, keys: &self.keys, watch: self.watch, settle: std::time::Duration::ZERO };
        let exit = shell::run(&mut term, start, &events, &config, &mut host, self.library).unwrap();
        Run { exit, frames: host.frames, log: host.log }
    }
}

fn docs() -> Docs {
    Docs::new(None, 64 << 20, Default::default(), Arc::new(Keymap::default().help()))
}

fn open(library: &mut Docs, path: &Path) -> Start {
    Start::Reader(Box::new(library.open(None, path.to_str().unwrap()).unwrap()))
}

fn embedded() -> Start {
    Start::Reader(Box::new(common::model(common::embedded(), 100, 30)))
}

/// The top row of the text column.
fn top_text(frame: &str) -> String {
    frame.lines().nth(1).and_then(|l| l.split('│').nth(1)).unwrap_or("").trim().to_string()
}

#[test]
fn section_keys_move_search_jumps_and_backspace_returns() {
    let mut lib = docs();
    let run = Drive::new(&mut lib).run(embedded(), vec![keys("]"), keys("/pipe dream\r"), keys("\x7f"), keys("q")]);
    assert!(run.after(0).contains("§1/9"));
    assert!(run.status(1).contains("§2/9 120 days of export controls"), "{}", run.after(1));
    assert!(run.status(2).contains("1/1 \"pipe dream\"") && run.after(2).contains("pipe dream"));
    assert!(run.status(3).contains("§2/9"), "Backspace goes back to where the search started");
    assert_eq!((run.exit, run.frames.len()), (Exit::Quit, 4), "q quits without another frame");
}

#[test]
fn escape_never_quits_and_ctrl_c_does() {
    let mut lib = docs();
    let run = Drive::new(&mut lib).run(embedded(), vec![keys("?"), keys("\x1b"), keys("\x1b"), keys("\x03")]);
    assert!(run.after(1).contains("Keys"));
    assert!(!run.after(2).contains("Keys ·") && run.status(3).contains("§1/9"), "Esc closes help, then nothing");
    assert_eq!((run.exit, run.frames.len()), (Exit::Quit, 4));
}

#[test]
fn link_hints_follow_anchors_notes_addresses_and_other_documents_and_back_returns() {
    let dir = common::alpha_beta("shell-links");
    let mut lib = docs();
    let start = open(&mut lib, &dir.join("alpha.md"));
    // Labels in order of the links: a beta, s end, d site, f note.
    let steps = vec![
        keys("o"),
        keys("s"),
        keys("\x7f"),
        keys("od"),
        keys("n"),
        keys("od"),
        keys("y"),
        keys("oa"),
        keys("\x7f"),
    ];
    let run = Drive::new(&mut lib).run(start, steps);
    assert!(run.status(1).contains("Follow a link: type its label"));
    assert!(run.status(2).contains("§2/2 End"));
    assert!(run.status(3).contains("§1/2 Start"));
    assert!(run.after(4).contains("Open this address?") && run.after(4).contains("https://example.org/x"));
    assert!(run.status(5).contains("Not opened") && !run.after(5).contains("Open this address?"));
    assert!(run.status(7).contains("Opened https://example.org/x"), "{}", run.status(7));
    assert_eq!(run.log.iter().filter(|l| l.starts_with("open ")).collect::<Vec<_>>(), ["open https://example.org/x"]);
    assert!(run.status(8).contains("§2/2 Second part") && run.after(8).contains(" Beta"), "{}", run.after(8));
    assert!(run.status(9).contains("§1/2 Start") && run.after(9).contains("Alpha notes"));
}

#[test]
fn a_folder_opens_a_shelf_that_filters_opens_and_comes_back() {
    let dir = common::alpha_beta("shell-shelf");
    let paths = [dir.join("alpha.md"), dir.join("beta.md")];
    let entries = paths.iter().map(|p| briefing::library::shelf_entry(p, 1 << 20)).collect();
    let shelf = briefing::app::shelf::Shelf::new(entries, 100, 30);
    let mut lib = docs();
    let steps = vec![keys("/beta.md"), keys("\r\r"), keys("\x7f"), keys("\r"), keys("q"), keys("\x1b"), keys("q")];
    let run = Drive::new(&mut lib).run(Start::Shelf(shelf), steps);
    assert!(run.after(0).contains("Shelf · 2 of 2 documents") && run.after(0).contains("alpha.md · 2 sections"));
    assert!(run.after(1).contains("1 of 2 documents") && !run.after(1).contains("Alpha notes"));
    assert!(run.status(2).contains("§1/2 First part"));
    assert!(run.after(3).contains("Filter: beta.md"), "Backspace leaves the document:\n{}", run.after(3));
    assert!(run.status(4).contains("§1/2 First part"));
    assert!(run.after(5).contains("Filter: beta.md"), "q in a document from the shelf goes back to it");
    assert!(run.after(6).contains("2 of 2 documents"));
    assert_eq!(run.exit, Exit::Quit);
}

#[test]
fn a_watched_file_is_read_again_in_place_and_its_removal_keeps_the_last_version() {
    let dir = common::alpha_beta("shell-watch");
    let path = dir.join("beta.md");
    let mut lib = docs();
    let start = open(&mut lib, &path);
    let p = path.clone();
    let edit = Step::Do(Box::new(move || {
        let text = std::fs::read_to_string(&p).unwrap().replace("goes on", "was edited");
        std::fs::write(&p, text).unwrap();
    }));
    let p = path.clone();
    let remove = Step::Do(Box::new(move || std::fs::remove_file(&p).unwrap()));
    let steps = vec![keys("]"), edit, ev(Event::FileChanged), remove, ev(Event::FileChanged)];
    let run = Drive { watch: true, ..Drive::new(&mut lib) }.run(start, steps);
    assert_eq!(run.log.first().map(String::as_str), Some(format!("watch {}", path.display()).as_str()));
    assert!(run.status(1).contains("§2/2 Second part"));
    assert!(run.after(2).contains("Beta was edited") && run.status(2).contains("Reloaded"), "{}", run.after(2));
    assert_eq!(top_text(run.after(2)), "Second part", "the place is kept");
    assert!(run.status(3).contains("no such file"), "{}", run.status(3));
    assert!(run.after(3).contains("Beta was edited"), "the last version stays");
}

#[test]
fn hiding_the_sidebar_in_a_large_document_asks_for_the_whole_layout_elsewhere() {
    let dir = common::temp_folder("shell-large");
    let path = dir.join("large.md");
    std::fs::write(&path, briefing::sample::document(1_200_000)).unwrap();
    let mut lib = docs();
    let start = open(&mut lib, &path);
    let run =
        Drive { size: (120, 40), ..Drive::new(&mut lib) }.run(start, vec![keys(&"]".repeat(30)), keys("s"), keys("G")]);
    assert!(run.status(1).contains("§31/") && run.after(1).contains('│'));
    assert!(!run.after(2).contains('│') && run.status(2).contains("§31/"), "{}", run.after(2));
    let laid = run.log.iter().filter(|l| *l == "made elsewhere: a whole layout").count();
    // One for the code highlighted at the start (shown near the screen at
    // once), one for the new width: never on the loop's thread.
    assert_eq!(laid, 2, "{:?}", run.log);
    assert_eq!(run.log[0], "made elsewhere: highlighted code");
    assert!(run.status(3).contains("100%"));
}

#[test]
fn a_paste_is_text_for_a_prompt_and_nothing_else() {
    let dir = common::alpha_beta("shell-paste");
    let mut lib = docs();
    let start = open(&mut lib, &dir.join("alpha.md"));
    let steps =
        vec![paste("]]Gq"), keys("od"), paste("y\r"), keys("n"), keys("/"), paste("end of\nalpha"), keys("\x1b")];
    let run = Drive::new(&mut lib).run(start, steps);
    assert_eq!(run.after(1), run.after(0), "no prompt open: a paste runs no keys");
    assert!(run.after(3).contains("Open this address?"), "the question is not answered by a paste");
    assert!(run.status(4).contains("Not opened"));
    assert!(run.status(6).contains("/end of alpha▏"), "{}", run.status(6));
    assert!(!run.status(7).contains("/end of alpha"));
    assert!(!run.log.iter().any(|l| l.starts_with("open ")));
}

#[test]
fn a_late_colour_answer_read_as_keys_moves_nothing() {
    let mut lib = docs();
    // ESC ] 11;rgb:0000/0000/0000 BEL, as keys: Alt-], the text, Ctrl-g.
    let steps = vec![keys("\x1d11;rgb:0000/0000/0000\x07"), keys("]")];
    let run = Drive::new(&mut lib).run(embedded(), steps);
    assert_eq!(run.after(1), run.after(0), "the answer typed nothing and moved nothing");
    assert!(run.status(2).contains("§2/9"), "keys after it count");
}

#[test]
fn less_and_vim_keys_counts_and_any_section_by_number() {
    let dir = common::temp_folder("shell-keys");
    let mut lib = docs();
    let start = open(&mut lib, &common::sixty_sections(&dir));
    let steps = vec![
        keys("\x06"),
        keys("g10j"),
        keys("g"),
        keys(&"j".repeat(10)),
        keys(":42\r"),
        keys("''"),
        keys("7"),
        keys("\x1b"),
        keys("Q"),
    ];
    let run = Drive::new(&mut lib).run(start, steps);
    assert!(!run.status(1).contains("§1/60") && top_text(run.after(1)) != "Part 1", "Ctrl-f: a page down");
    assert!(run.status(2).contains("§2/60"), "{}", run.after(2));
    let ten = top_text(run.after(2));
    assert!(run.status(3).contains("§1/60"));
    assert_eq!(top_text(run.after(4)), ten, "ten j are 10j");
    assert!(run.status(5).contains("§42/60 Part 42") && top_text(run.after(5)) == "Part 42");
    assert_eq!(top_text(run.after(6)), ten, "'' goes back where the jump started");
    assert!(run.status(7).starts_with(" 7▏"));
    assert!(!run.status(8).starts_with(" 7▏"), "Esc cancels the count");
    assert_eq!(run.exit, Exit::Quit);
}

#[test]
fn configured_keys_replace_the_built_in_ones() {
    let config = briefing::config::parse("[keys]\nquit = \"x\"\nnext-section = [\"e\"]\n", "test.toml").unwrap();
    let mut lib = docs();
    let run =
        Drive { keys: config.keymap(), ..Drive::new(&mut lib) }.run(embedded(), vec![keys("e"), keys("q"), keys("x")]);
    assert!(run.status(1).contains("§2/9"));
    assert!(run.frames.len() == 3 && run.status(2).contains("§2/9"), "q no longer quits");
    assert_eq!(run.exit, Exit::Quit);
}

#[test]
fn e_opens_the_editor_at_the_section_and_reads_the_file_again() {
    let dir = common::temp_folder("shell-edit");
    let doc = common::sixty_sections(&dir);
    let mut lib = docs();
    let start = open(&mut lib, &doc);
    let editor: Editor = Box::new(|p: &Path| {
        let text = std::fs::read_to_string(p).unwrap().replace("## Part 3\n", "## Part three, edited\n");
        std::fs::write(p, text).unwrap();
    });
    let run = Drive { editor: Some(editor), ..Drive::new(&mut lib) }.run(start, vec![keys("3G"), keys("e")]);
    assert!(run.status(1).contains("§3/60"));
    assert!(run.log.contains(&format!("edit +9 {}", doc.display())), "{:?}", run.log);
    assert!(run.after(2).contains("Part three, edited"), "the file is read again:\n{}", run.after(2));
    // The embedded briefing says why it cannot be edited.
    let mut lib = docs();
    let run = Drive::new(&mut lib).run(embedded(), vec![keys("e")]);
    assert!(run.status(1).contains("Nothing to edit"));
    assert!(!run.log.iter().any(|l| l.starts_with("edit")));
}

const NOTES: &str = "# Notes\n\n## Plan\n\nWe will ship the reader first and the writer later.\n\n## Risks\n\nThe risks are few but real.\n";

#[test]
fn a_claim_typed_in_the_reader_is_saved_into_the_file_and_r_undoes_it() {
    let dir = common::temp_folder("shell-annotate");
    let doc = dir.join("notes.md");
    std::fs::write(&doc, NOTES).unwrap();
    let mut lib = docs();
    let start = open(&mut lib, &doc);
    let written = Arc::new(std::sync::Mutex::new(String::new()));
    let (seen, file) = (Arc::clone(&written), doc.clone());
    let steps = vec![
        keys("a"),
        keys("\x15"),
        paste("Reader first,"),
        keys(" writer later.\r"),
        Step::Do(Box::new(move || *seen.lock().unwrap() = std::fs::read_to_string(&file).unwrap())),
        // --watch sees the write, reads it, and finds the text it shows.
        ev(Event::FileChanged),
        keys("R"),
    ];
    let run = Drive { watch: true, ..Drive::new(&mut lib) }.run(start, steps);
    let written = written.lock().unwrap().clone();
    assert_eq!(written, NOTES.replace("## Plan\n", "## Plan\n<!-- claim: Reader first, writer later. -->\n"));
    assert!(run.status(1).starts_with(" Claim §1:"));
    assert!(run.status(3).contains("Reader first,"), "pasted text is text for the editor");
    assert!(run.status(4).contains("§1 claim saved in notes.md"), "{}", run.status(4));
    assert!(run.after(4).contains("Reader first, writer later.") && !run.after(4).contains("~ Reader first"));
    assert!(run.status(5).contains("§1 claim saved in notes.md"), "no second reload: {}", run.status(5));
    assert!(run.log.contains(&"made elsewhere: a reading".to_string()));
    assert!(run.status(6).contains("§1 claim removed from notes.md"));
    assert_eq!(std::fs::read_to_string(&doc).unwrap(), NOTES, "the file is back to its bytes");
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten() {
    let dir = common::temp_folder("shell-annotate-changed");
    let doc = dir.join("notes.md");
    std::fs::write(&doc, NOTES).unwrap();
    let mut lib = docs();
    let start = open(&mut lib, &doc);
    let changed = NOTES.replace("few but real", "many");
    let (p, c) = (doc.clone(), changed.clone());
    let run =
        Drive::new(&mut lib).run(start, vec![Step::Do(Box::new(move || std::fs::write(&p, c).unwrap())), keys("A")]);
    assert!(run.status(1).contains("changed on disk since it was read: nothing written"), "{}", run.status(1));
    assert_eq!(std::fs::read_to_string(&doc).unwrap(), changed);
}

#[test]
fn a_stop_and_a_continue_give_the_terminal_back_and_repaint() {
    use briefing::shell::Signal;
    let mut lib = docs();
    let steps = vec![keys("]"), ev(Event::Signal(Signal::Stop)), ev(Event::Signal(Signal::Cont)), keys("\x1a")];
    let run = Drive::new(&mut lib).run(embedded(), steps);
    assert_eq!(run.log, ["suspend", "retake", "suspend"]);
    assert!(run.status(3).contains("§2/9") && run.status(4).contains("§2/9"), "the place survives");
    let run = Drive::new(&mut docs()).run(embedded(), vec![ev(Event::Signal(Signal::End(15)))]);
    assert_eq!(run.exit, Exit::Signal(15));
}
