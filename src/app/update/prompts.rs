//! The prompts: typing a search, a `:` command or a list filter, and
//! going from match to match.

use super::*;

pub(super) fn apply(m: &mut Model, action: Action) -> Effect {
    match action {
        Action::SearchStart => {
            m.mode = ModeState::Search(String::new());
        }
        Action::CommandStart => {
            m.mode = ModeState::Command(String::new());
        }
        Action::PromptInput(c) => {
            if !c.is_control() {
                match prompt(m) {
                    Some(input) => input.push(c),
                    None => return Effect::None,
                }
                if m.lists.typing {
                    m.refilter();
                }
            }
        }
        Action::PromptErase => {
            if prompt(m).and_then(String::pop).is_none() {
                end_prompt(m);
            } else if m.lists.typing {
                m.refilter();
            }
        }
        Action::PromptSubmit if m.lists.typing => {
            m.lists.typing = false;
            m.refilter();
        }
        Action::PromptSubmit if m.mode() == Mode::Command => {
            let ModeState::Command(input) = std::mem::replace(&mut m.mode, ModeState::Normal) else {
                return Effect::None;
            };
            match lists::command(&input) {
                Ok(next) => return super::apply(m, next),
                Err(e) if e.is_empty() => {}
                Err(e) => m.notice = Some(e),
            }
        }
        Action::PromptSubmit => {
            let typed = match std::mem::replace(&mut m.mode, ModeState::Normal) {
                ModeState::Search(typed) => typed,
                _ => String::new(),
            };
            let query = if typed.is_empty() {
                // An empty query repeats the last search, as in less and vim.
                m.search.as_ref().map(|s| s.query.clone()).unwrap_or_default()
            } else {
                typed
            };
            if query.is_empty() {
                return Effect::None;
            }
            let matches = search::find_in(&m.layout.wrapped, &m.doc, &m.layout.code, &query);
            if matches.is_empty() {
                m.notice = Some(if m.load.loading {
                    format!("Not found in what is read so far: {query}")
                } else {
                    format!("Not found: {query}")
                });
                m.search = None;
                return Effect::None;
            }
            let current = matches.iter().position(|x| x.row >= m.top).unwrap_or(0);
            m.search = Some(Search { query, matches, current });
            go_to_match(m);
        }
        Action::NextMatch | Action::PrevMatch => {
            let Some(s) = &mut m.search else {
                m.notice = Some("No search yet: press / to search".to_string());
                return Effect::None;
            };
            let n = s.matches.len();
            s.current = if action == Action::NextMatch { (s.current + 1) % n } else { (s.current + n - 1) % n };
            let wrapped =
                (action == Action::NextMatch && s.current == 0) || (action == Action::PrevMatch && s.current == n - 1);
            go_to_match(m);
            if wrapped && n > 1 {
                m.notice = Some("Search wrapped around".to_string());
            }
        }
        _ => unreachable!("{action:?} is not handled here"),
    }
    Effect::None
}
