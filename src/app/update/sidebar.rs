//! The sidebar and the skim view as lists: focus, moving the selection,
//! the filter, opening an entry; the mouse over them.

use super::*;

pub(super) fn apply(m: &mut Model, action: Action) -> Effect {
    match action {
        Action::ToggleFocus => match m.focus {
            Focus::Article => {
                if !m.sidebar_shown() {
                    m.view.sidebar_choice = Some(true);
                    m.relayout();
                }
                m.lists.selected = m.current_section();
                m.focus = Focus::Sidebar;
            }
            Focus::Sidebar => leave_sidebar(m),
        },
        Action::ToggleSkim => {
            if m.mode() == Mode::Skim {
                m.mode = ModeState::Normal;
            } else {
                m.mode = ModeState::Skim;
                m.lists.selected = m.current_section();
            }
        }
        Action::SkimOpen => {
            m.mode = ModeState::Normal;
            if let Some(&row) = m.layout.wrapped.section_start.get(m.lists.selected) {
                jump(m, row);
            }
        }
        Action::SidebarMove(_) | Action::ListPage(_) | Action::ListEdge(_) | Action::ListTo(_) => {
            if m.mode() != Mode::Skim && m.focus != Focus::Sidebar {
                m.lists.selected = m.current_section();
                m.focus = Focus::Sidebar;
            }
            match action {
                Action::SidebarMove(d) => m.move_selection(i64::from(d)),
                Action::ListPage(d) => m.move_selection(i64::from(d) * m.list_page() as i64),
                Action::ListEdge(end) => m.select_entry(if end { usize::MAX } else { 0 }),
                Action::ListTo(n) => m.select_entry(n.saturating_sub(1)),
                _ => {}
            }
        }
        Action::FilterStart => {
            m.lists.typing = true;
            m.lists.filter.clear();
        }
        Action::SidebarOpen => {
            match m.layout.wrapped.section_start.get(m.lists.selected) {
                // While loading, the opening's last section is cut short,
                // unless every section is there (and parsed when shown).
                Some(&row)
                    if !m.load.loading
                        || m.lists.selected + 1 < m.doc.sections.len()
                        || !m.load.unparsed.is_empty() =>
                {
                    jump(m, row)
                }
                _ if m.load.loading => m.notice = Some(format!("Section {} is still loading", m.lists.selected + 1)),
                _ => {}
            }
            leave_sidebar(m);
        }
        Action::Wheel { x, y, down } => {
            let d = if down { 1 } else { -1 };
            let p = m.panes();
            match p.sidebar {
                Some(r) if r.contains((x, y).into()) => {
                    return super::act(m, Action::SidebarMove(d));
                }
                _ => scroll_by(m, 3 * d as i64),
            }
        }
        Action::Click { x, y } => {
            let p = m.panes();
            match p.sidebar {
                Some(r) if r.contains((x, y).into()) => {
                    let inner_y = y.saturating_sub(p.sidebar_list().map_or(r.y, |l| l.y));
                    if let Some(i) = crate::layout::sidebar::entry_at(&m.sidebar_entries(), inner_y) {
                        m.lists.selected = i;
                        return super::act(m, Action::SidebarOpen);
                    }
                }
                Some(_) if p.overlay => {
                    m.view.sidebar_choice = Some(false);
                    m.focus = Focus::Article;
                }
                _ => {}
            }
        }
        _ => unreachable!("{action:?} is not handled here"),
    }
    Effect::None
}
