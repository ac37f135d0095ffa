//! Following links: labels on the links on screen, and the question
//! asked before a web address is opened.

use super::*;

pub(super) fn apply(m: &mut Model, action: Action) -> Effect {
    match action {
        Action::HintStart => {
            // Labels go on the article: a sidebar over it gets out of the way.
            if m.panes().overlay {
                m.view.sidebar_choice = Some(false);
                m.focus = Focus::Article;
                m.relayout();
            }
            let hints = links::hints(&m.layout.wrapped, m.top, m.page());
            if hints.is_empty() {
                m.notice = Some("No links on screen".to_string());
            } else {
                m.mode = ModeState::Hint { hints, typed: String::new() };
                m.focus = Focus::Article;
                m.notice = Some("Follow a link: type its label · Esc cancels".to_string());
            }
        }
        Action::HintKey(c) => {
            let ModeState::Hint { hints, typed } = &mut m.mode else { return Effect::None };
            typed.push(c);
            let input = typed.clone();
            let exact = hints.iter().find(|h| h.label == input).map(|h| h.link);
            let more = hints.iter().any(|h| h.label.starts_with(&input) && h.label != input);
            match (exact, more) {
                (Some(link), _) => {
                    end_hints(m);
                    let target = m.layout.wrapped.links.get(link as usize - 1).unwrap_or_default().to_string();
                    return follow(m, &target);
                }
                (None, true) => m.notice = Some(format!("Follow a link: {input}")),
                (None, false) => {
                    m.notice = Some(format!("No link is labelled {input}"));
                    end_hints(m);
                }
            }
        }
        Action::HintErase => {
            if let ModeState::Hint { typed, .. } = &mut m.mode {
                typed.pop();
                m.notice = Some(format!("Follow a link: {typed}"));
            }
        }
        Action::ConfirmOpen(yes) => {
            if let ModeState::Confirm(url) = std::mem::replace(&mut m.mode, ModeState::Normal) {
                if yes {
                    return Effect::OpenUrl(url);
                }
                m.notice = Some("Not opened".to_string());
            }
        }
        _ => unreachable!("{action:?} is not handled here"),
    }
    Effect::None
}
