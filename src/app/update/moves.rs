//! Moving through the article: scrolling, jumps to a section, a heading,
//! a percentage or the end, going back and forward, named marks, and
//! time passing on a still screen (the read rule); and the places to go
//! back to: history, named marks, a section marked unread.

use super::*;

pub(super) fn apply(m: &mut Model, action: Action) -> Effect {
    match action {
        Action::ScrollLines(n) => scroll_by(m, n as i64),
        Action::ScrollHalfPages(n) => scroll_by(m, n as i64 * (m.page() / 2).max(1) as i64),
        Action::ScrollPages(n) => scroll_by(m, n as i64 * m.page().saturating_sub(2).max(1) as i64),
        Action::Top => jump(m, 0),
        Action::Bottom => {
            // The last row at the bottom, unless the end is on screen
            // already (the last heading scrolled to the top): no move back.
            let end = m.layout.wrapped.len().saturating_sub(m.page());
            let bottom = if (end..=m.max_top()).contains(&m.top) { m.top } else { end };
            jump(m, bottom);
            // The claim band above the text (no sidebar) shows the section
            // reached, which may take more rows than the one left: the last
            // row stays at the bottom.
            let end = m.layout.wrapped.len().saturating_sub(m.page());
            if m.top < end {
                jump(m, end);
            }
            // Like less, `G` means the end of the file, not of what is read
            // so far (the last section comes on screen, and is parsed).
            if m.load.loading && m.load.unparsed.last() != Some(&false) {
                m.load.wanted = Some(crate::app::Wanted::End);
                m.notice = Some(crate::app::END_WAIT.to_string());
            }
        }
        Action::NextSection => {
            let next = m.current_section() + 1;
            match m.layout.wrapped.section_start.get(next) {
                Some(&row) => jump(m, row),
                None => m.notice = Some("Last section".to_string()),
            }
        }
        Action::PrevSection => {
            let cur = m.current_section();
            let start = m.layout.wrapped.section_start.get(cur).copied().unwrap_or(0);
            if m.top > start {
                jump(m, start);
            } else if cur > 0 {
                jump(m, m.layout.wrapped.section_start[cur - 1]);
            } else {
                m.notice = Some("First section".to_string());
            }
        }
        Action::NextHeading => match m.heading_rows().into_iter().find(|&r| r > m.top) {
            Some(row) => jump(m, row),
            None => m.notice = Some("Last heading".to_string()),
        },
        Action::PrevHeading => match m.heading_rows().into_iter().rev().find(|&r| r < m.top) {
            Some(row) => jump(m, row),
            None => m.notice = Some("First heading".to_string()),
        },
        Action::GotoSection(n) => match m.layout.wrapped.section_start.get(n.wrapping_sub(1)) {
            Some(&row) => jump(m, row),
            None if n > 0 && n <= m.section_count() => {
                m.notice = Some(format!("Section {n} is still loading"));
            }
            None => m.notice = Some(format!("No section {n}: there are {}", m.section_count())),
        },
        Action::GotoPercent(p) => {
            let rows = m.layout.wrapped.len();
            jump(m, rows * p.min(100) / 100);
        }
        Action::Percent | Action::Count(_) => {}
        Action::Still(ms) => m.still_for(ms),
        _ => unreachable!("{action:?} is not handled here"),
    }
    Effect::None
}

/// Back and forward through the places jumped from, named marks, and a
/// section marked unread.
pub(super) fn places(m: &mut Model, action: Action) -> Effect {
    match action {
        Action::Back => match m.nav.history.pop() {
            Some(anchor) => {
                m.nav.forward.push(m.layout.wrapped.anchor(m.top));
                m.top = scroll::clamp(m.layout.wrapped.row_of(anchor) as i64, m.max_top());
            }
            None if m.file.can_leave => return Effect::Leave,
            None => m.notice = Some("Nowhere to go back to".to_string()),
        },
        Action::Forward => match m.nav.forward.pop() {
            Some(anchor) => {
                m.nav.history.push(m.layout.wrapped.anchor(m.top));
                m.top = scroll::clamp(m.layout.wrapped.row_of(anchor) as i64, m.max_top());
            }
            None => m.notice = Some("Nowhere to go forward to".to_string()),
        },
        Action::MarkSet => {
            m.nav.pending_mark = Some(crate::app::MarkOp::Set);
            m.notice = Some("Mark: type a letter".to_string());
        }
        Action::MarkJump => {
            m.nav.pending_mark = Some(crate::app::MarkOp::Jump);
            m.notice = Some("Go to mark: type its letter".to_string());
        }
        Action::MarkKey(c) => match m.nav.pending_mark.take() {
            Some(crate::app::MarkOp::Set) if c.is_ascii_alphabetic() => {
                m.nav.marks.insert(c, m.layout.wrapped.anchor(m.top));
                m.notice = Some(format!("Mark '{c}' set"));
            }
            // `''`: back to where the last jump started, as in less and vim
            // (again: back here).
            Some(crate::app::MarkOp::Jump) if c == '\'' || c == '`' => match m.nav.history.pop() {
                Some(anchor) => {
                    let here = m.layout.wrapped.anchor(m.top);
                    m.top = scroll::clamp(m.layout.wrapped.row_of(anchor) as i64, m.max_top());
                    m.nav.history.push(here);
                }
                None => m.notice = Some("No previous position yet".to_string()),
            },
            Some(crate::app::MarkOp::Jump) => match m.nav.marks.get(&c).copied() {
                Some(anchor) => {
                    let row = m.layout.wrapped.row_of(anchor);
                    jump(m, row);
                }
                None => m.notice = Some(format!("No mark '{c}'")),
            },
            _ => {}
        },
        Action::MarkUnread => {
            let s = m.current_section();
            if s < m.reading.read.len() {
                m.mark_unread(s);
                m.notice = Some(format!("§{} marked unread", s + 1));
            }
        }
        _ => unreachable!("{action:?} is not a place"),
    }
    Effect::None
}
