//! Arbitrary bytes through the whole pipeline: decode, parse, claims, wrap,
//! update and render into a TestBackend of arbitrary size.
#![no_main]

use briefing::app::{Action, Model, update};
use briefing::document::parse;
use briefing::source::decode;
use briefing::view::{self, theme::Theme};
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let (w, h, key) = (data[0] as u16 % 160 + 1, data[1] as u16 % 60 + 1, data[2]);
    let Ok(src) = decode(data[3..].to_vec(), "fuzz") else { return };
    let doc = parse(&src.text);
    // The quick outline never panics either (its agreement with the parse
    // is a property test).
    let _ = briefing::document::parse::outline(&src.text);
    let mut m = Model::new(doc, w, h);
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    let actions = [
        Action::Resize(w, h),
        Action::ScrollLines(3),
        Action::Bottom,
        Action::NextSection,
        Action::PrevSection,
        Action::ToggleSidebar,
        Action::ToggleFocus,
        Action::SidebarMove(1),
        Action::SidebarOpen,
        Action::ToggleHelp,
        Action::Escape,
        Action::HintStart,
        Action::HintKey('a'),
        Action::HintKey('s'),
        Action::ConfirmOpen(false),
        Action::Back,
    ];
    for (i, a) in actions.iter().enumerate() {
        if key as usize & (1 << (i % 8)) != 0 || i == 0 || i >= 10 {
            update(&mut m, *a);
        }
        term.draw(|f| view::render(&m, &Theme::new(true), f)).unwrap();
    }
    // A search for a piece of the document itself.
    if let Some(q) = src.text.split_whitespace().nth(key as usize % 7) {
        update(&mut m, Action::SearchStart);
        for c in q.chars().take(12) {
            update(&mut m, Action::PromptInput(c));
        }
        update(&mut m, Action::PromptSubmit);
        term.draw(|f| view::render(&m, &Theme::new(true), f)).unwrap();
    }
});
