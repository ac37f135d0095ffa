//! What the screen shows: the sidebar and help toggles, help scrolling,
//! claim marks, Esc, copying, and the terminal's size.

use super::*;

pub(super) fn apply(m: &mut Model, action: Action) -> Effect {
    match action {
        Action::Copy(all) => {
            let text = if all {
                crate::document::summary::outline_markdown(&m.doc, m.wpm())
            } else {
                // The whole claim, never the shortened one.
                match m.doc.sections.get(m.current_section()).and_then(|s| s.full_claim().or(Some(&s.claim.text))) {
                    Some(text) if !text.is_empty() => text.to_string(),
                    _ => {
                        m.notice = Some("This section has no claim to copy".to_string());
                        return Effect::None;
                    }
                }
            };
            return Effect::Copy(text);
        }
        Action::Copied(outcome) => {
            m.notice = Some(
                match outcome {
                    crate::app::CopyOutcome::System => "Copied to the clipboard",
                    crate::app::CopyOutcome::Terminal => {
                        "Sent to the terminal's clipboard (OSC 52); a terminal that blocks it copies nothing"
                    }
                    crate::app::CopyOutcome::Failed => "Could not copy: no system clipboard and the terminal refused",
                }
                .to_string(),
            );
        }
        Action::ToggleSidebar => {
            let shown = m.sidebar_shown();
            m.view.sidebar_choice = Some(!shown);
            if shown {
                m.focus = Focus::Article;
            }
            m.relayout();
            // A sidebar over the text takes the keys while it is open.
            if !shown && m.panes().overlay {
                m.lists.selected = m.current_section();
                m.focus = Focus::Sidebar;
            }
        }
        Action::ToggleHelp => {
            m.mode = if m.mode() == Mode::Help { ModeState::Normal } else { ModeState::Help { top: 0 } };
        }
        Action::HelpScroll(d) => help_scroll(m, |top, _, _| top + i64::from(d)),
        Action::HelpPage(d) => help_scroll(m, |top, page, _| top + i64::from(d) * page),
        Action::HelpEdge(end) => help_scroll(m, |_, _, max| if end { max as i64 } else { 0 }),
        Action::Escape if m.lists.typing || !m.lists.filter.is_empty() => {
            m.lists.typing = false;
            m.lists.filter.clear();
        }
        Action::Escape => match m.mode() {
            Mode::Hint | Mode::Confirm | Mode::Help | Mode::Search | Mode::Skim | Mode::Command | Mode::Annotate => {
                m.mode = ModeState::Normal;
            }
            Mode::Normal => {
                if m.focus == Focus::Sidebar {
                    leave_sidebar(m);
                } else if m.panes().overlay {
                    m.view.sidebar_choice = Some(false);
                } else if m.search.take().is_some() {
                    m.notice = Some("Search cleared".to_string());
                }
            }
        },
        Action::ToggleClaims => {
            m.view.show_claims = !m.view.show_claims;
            m.notice = Some(if m.view.show_claims { "Claim marks on" } else { "Claim marks off" }.to_string());
        }
        Action::Resize(w, h) => {
            m.width = w;
            m.height = h;
            m.relayout();
            if m.mode() == Mode::Hint {
                // The links on screen moved: label them again.
                let hints = links::hints(&m.layout.wrapped, m.top, m.page());
                m.mode = ModeState::Hint { hints, typed: String::new() };
            }
        }
        _ => unreachable!("{action:?} is not handled here"),
    }
    Effect::None
}
