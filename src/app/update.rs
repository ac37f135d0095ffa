//! `update(model, action)`: the only place the model changes.

use super::search::{self, Search};
use super::{Action, Effect, Focus, Mode, Model, scroll};
use crate::layout::sidebar;

/// Applies one action. Pure: no drawing, no IO, no clock.
pub fn update(m: &mut Model, action: Action) -> Effect {
    m.notice = None;
    match action {
        Action::ScrollLines(n) => scroll_by(m, n as i64),
        Action::ScrollHalfPages(n) => scroll_by(m, n as i64 * (m.page() / 2).max(1) as i64),
        Action::ScrollPages(n) => scroll_by(m, n as i64 * m.page().saturating_sub(2).max(1) as i64),
        Action::Top => jump(m, 0),
        Action::Bottom => {
            let bottom = m.wrapped.rows.len().saturating_sub(m.page());
            jump(m, bottom)
        }
        Action::NextSection => {
            let next = m.current_section() + 1;
            match m.wrapped.section_start.get(next) {
                Some(&row) => jump(m, row),
                None => m.notice = Some("Last section".to_string()),
            }
        }
        Action::PrevSection => {
            let cur = m.current_section();
            let start = m.wrapped.section_start.get(cur).copied().unwrap_or(0);
            if m.top > start {
                jump(m, start);
            } else if cur > 0 {
                jump(m, m.wrapped.section_start[cur - 1]);
            } else {
                m.notice = Some("First section".to_string());
            }
        }
        Action::GotoSection(n) => match m.wrapped.section_start.get(n.wrapping_sub(1)) {
            Some(&row) => jump(m, row),
            None => m.notice = Some(format!("No section {n}: there are {}", m.doc.sections.len())),
        },
        Action::ToggleFocus => match m.focus {
            Focus::Article => {
                if !m.sidebar_shown() {
                    m.sidebar_choice = Some(true);
                    m.relayout();
                }
                m.selected = m.current_section();
                m.focus = Focus::Sidebar;
            }
            Focus::Sidebar => leave_sidebar(m),
        },
        Action::SidebarMove(d) => {
            if m.focus != Focus::Sidebar {
                m.selected = m.current_section();
                m.focus = Focus::Sidebar;
            }
            let n = m.doc.sections.len();
            m.selected = (m.selected as i64 + d as i64).clamp(0, n.saturating_sub(1) as i64) as usize;
        }
        Action::SidebarOpen => {
            if let Some(&row) = m.wrapped.section_start.get(m.selected) {
                jump(m, row);
            }
            leave_sidebar(m);
        }
        Action::SearchStart => {
            m.mode = Mode::Search;
            m.search_input.clear();
        }
        Action::SearchInput(c) => {
            if m.mode == Mode::Search && !c.is_control() {
                m.search_input.push(c);
            }
        }
        Action::SearchErase => {
            if m.search_input.pop().is_none() {
                m.mode = Mode::Normal;
            }
        }
        Action::SearchSubmit => {
            m.mode = Mode::Normal;
            let query = if m.search_input.is_empty() {
                // An empty query repeats the last search, as in less and vim.
                m.search.as_ref().map(|s| s.query.clone()).unwrap_or_default()
            } else {
                std::mem::take(&mut m.search_input)
            };
            if query.is_empty() {
                return Effect::None;
            }
            let matches = search::find(&m.wrapped.rows, &query);
            if matches.is_empty() {
                m.notice = Some(format!("Not found: {query}"));
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
            let wrapped = (action == Action::NextMatch && s.current == 0) || (action == Action::PrevMatch && s.current == n - 1);
            go_to_match(m);
            if wrapped && n > 1 {
                m.notice = Some("Search wrapped around".to_string());
            }
        }
        Action::Back => match m.history.pop() {
            Some(anchor) => {
                m.top = scroll::clamp(m.wrapped.row_of(anchor) as i64, m.max_top());
            }
            None => m.notice = Some("Nowhere to go back to".to_string()),
        },
        Action::ToggleSidebar => {
            let shown = m.sidebar_shown();
            m.sidebar_choice = Some(!shown);
            if shown {
                m.focus = Focus::Article;
            }
            m.relayout();
        }
        Action::ToggleHelp => {
            m.mode = if m.mode == Mode::Help { Mode::Normal } else { Mode::Help };
            m.help_top = 0;
        }
        Action::HelpScroll(d) => {
            m.help_top = (m.help_top as i64 + d as i64).max(0) as usize;
        }
        Action::Escape => match m.mode {
            Mode::Help | Mode::Search => {
                m.mode = Mode::Normal;
                m.search_input.clear();
            }
            Mode::Normal => {
                if m.focus == Focus::Sidebar {
                    leave_sidebar(m);
                } else if m.panes().overlay {
                    m.sidebar_choice = Some(false);
                } else if m.search.take().is_some() {
                    m.notice = Some("Search cleared".to_string());
                }
            }
        },
        Action::ToggleClaims => {
            m.show_claims = !m.show_claims;
            m.notice = Some(if m.show_claims { "Claim marks on" } else { "Claim marks off" }.to_string());
        }
        Action::Quit => return Effect::Quit,
        Action::Suspend => return Effect::Suspend,
        Action::Resize(w, h) => {
            m.width = w;
            m.height = h;
            m.relayout();
        }
        Action::Wheel { x, y, down } => {
            let d = if down { 1 } else { -1 };
            let p = m.panes();
            match p.sidebar {
                Some(r) if r.contains((x, y).into()) => {
                    return update(m, Action::SidebarMove(d));
                }
                _ => scroll_by(m, 3 * d as i64),
            }
        }
        Action::Click { x, y } => {
            let p = m.panes();
            match p.sidebar {
                Some(r) if r.contains((x, y).into()) => {
                    let inner_y = y.saturating_sub(r.y + u16::from(p.overlay));
                    if let Some(i) = sidebar::entry_at(&m.sidebar_entries(), inner_y) {
                        m.selected = i;
                        return update(m, Action::SidebarOpen);
                    }
                }
                Some(_) if p.overlay => {
                    m.sidebar_choice = Some(false);
                    m.focus = Focus::Article;
                }
                _ => {}
            }
        }
    }
    Effect::None
}

fn scroll_by(m: &mut Model, delta: i64) {
    m.top = scroll::clamp(m.top as i64 + delta, m.max_top());
}

/// Moves to `row`, remembering where the reader was.
fn jump(m: &mut Model, row: usize) {
    let target = scroll::clamp(row as i64, m.max_top());
    if target != m.top {
        m.history.push(m.wrapped.anchor(m.top));
        const MAX_HISTORY: usize = 100;
        if m.history.len() > MAX_HISTORY {
            m.history.remove(0);
        }
    }
    m.top = target;
}

fn go_to_match(m: &mut Model) {
    let Some(s) = &m.search else { return };
    let row = s.matches[s.current].row;
    let target = scroll::reveal(m.top, m.page(), row);
    jump(m, target);
}

fn leave_sidebar(m: &mut Model) {
    m.focus = Focus::Article;
    if m.panes().overlay {
        m.sidebar_choice = None;
    }
}
