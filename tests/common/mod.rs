//! Helpers shared by the screen tests.
#![allow(dead_code)]

use briefing::app::{Action, Effect, Model, Msg, Setup, update};
use briefing::document::{Document, parse};
use briefing::view::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub fn embedded() -> Document {
    parse(briefing::source::EMBEDDED)
}

pub fn model(doc: Document, w: u16, h: u16) -> Model {
    model_with(doc, w, h, Setup::default())
}

/// A model as the shell opens it with `setup` (the default key table's help).
pub fn model_with(doc: Document, w: u16, h: u16, setup: Setup) -> Model {
    let help = std::sync::Arc::new(briefing::input::keymap::Keymap::default().help());
    let mut m = Model::open(doc, w, h, Setup { help, ..setup });
    update(&mut m, Action::Resize(w, h));
    m
}

/// What the shell does for a large document once its queue is empty: the
/// model asks for its code to be highlighted and for a whole layout, both
/// made elsewhere (here at once), and takes them.
pub fn lay_out_whole(m: &mut Model) {
    loop {
        match update(m, Msg::Idle) {
            Effect::Highlight { doc, blocks, known } => {
                let code = briefing::layout::Highlights::of(&blocks, &known);
                update(m, Msg::Highlighted { doc, code });
            }
            Effect::LayOut { doc, code, width } => {
                let wrapped = Some(briefing::layout::wrap(&doc, &code, width));
                update(m, Msg::Laid { doc, code, wrapped });
                return;
            }
            other => panic!("a whole layout is wanted, not {other:?}"),
        }
    }
}

pub fn apply(m: &mut Model, actions: &[Action]) {
    for &a in actions {
        update(m, a);
    }
}

/// Types a search query and submits it.
pub fn search(m: &mut Model, q: &str) {
    update(m, Action::SearchStart);
    for c in q.chars() {
        update(m, Action::PromptInput(c));
    }
    update(m, Action::PromptSubmit);
}

/// Renders the model and returns the screen as text, one line per row.
pub fn screen(m: &Model) -> String {
    let backend = TestBackend::new(m.size().0, m.size().1);
    let mut term = Terminal::new(backend).unwrap();
    term.draw(|f| view::render(m, &Theme::new(true), f)).unwrap();
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            line.push_str(sym);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
/// A folder (named by `tag`) of two linked documents: alpha links to a
/// heading of beta, to one of its own headings, to a web address and to a
/// note.
pub fn alpha_beta(tag: &str) -> std::path::PathBuf {
    let dir = temp_folder(tag);
    std::fs::write(
        dir.join("alpha.md"),
        "# Alpha notes\n\n## Start\n\nRead [beta](beta.md#second-part), the [end](#end), the [site](https://example.org/x) \
         or a note[^1].\n\n## End\n\nThe end of alpha.\n\n[^1]: The note itself.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("beta.md"),
        "# Beta\n\n## First part\n\nBeta begins here.\n\n## Second part\n\nBeta goes on in its second part.\n",
    )
    .unwrap();
    dir
}

/// A generated document of 60 short sections, in `dir`.
pub fn sixty_sections(dir: &std::path::Path) -> std::path::PathBuf {
    let md: String = (1..=60)
        .map(|i| format!("## Part {i}\n\n{}\n\n", format!("Line {i} of text in this part. ").repeat(6)))
        .collect();
    let path = dir.join("sixty.md");
    std::fs::write(&path, md).unwrap();
    path
}

/// An empty folder of this test process's own, named by `tag`.
pub fn temp_folder(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("briefing-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub mod pty;
