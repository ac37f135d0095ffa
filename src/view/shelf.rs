//! The shelf screen: a header, the filter line, and for each document its
//! title, file name, sections, reading time and first claim.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::shelf::Shelf;
use crate::layout::list_window;
use crate::layout::wrap::{truncate, wrap_text};
use crate::view::theme::{Theme, Ui};

/// Lines of the first claim shown per document.
const CLAIM_LINES: usize = 2;

pub fn render(s: &Shelf, theme: &Theme, frame: &mut Frame) {
    super::fitted(frame, (s.width, s.height), |area, buf| draw(s, theme, area, buf));
}

fn draw(s: &Shelf, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.width < 10 || area.height < 4 {
        buf.set_string(area.x, area.y, truncate("Too small", area.width as usize), theme.ui(Ui::Notice));
        return;
    }
    let visible = s.visible();
    let head = format!(" Shelf · {} of {} documents", visible.len(), s.entries.len());
    buf.set_line(
        0,
        0,
        &Line::from(Span::styled(truncate(&head, area.width as usize), theme.ui(Ui::Header))),
        area.width,
    );
    let filter = if s.filtering {
        Line::from(vec![Span::styled(" Filter: ", theme.ui(Ui::SidebarTitle)), Span::raw(format!("{}▏", s.filter))])
    } else if s.filter.is_empty() {
        Line::from(Span::styled(s.hint.clone(), theme.ui(Ui::SidebarExtracted)))
    } else {
        Line::from(vec![
            Span::styled(" Filter: ", theme.ui(Ui::SidebarTitle)),
            Span::raw(s.filter.clone()),
            Span::styled(" · Esc clears", theme.ui(Ui::SidebarExtracted)),
        ])
    };
    buf.set_line(0, 1, &filter, area.width);
    let width = area.width.saturating_sub(4).min(100) as usize;
    let x = 2 + (area.width as usize - 4 - width) / 2;
    let body_h = area.height.saturating_sub(4) as usize;
    let lay = |i: usize| -> (usize, Vec<(String, Ui)>) {
        let e = &s.entries[visible[i]];
        let title = if e.title.is_empty() { e.name.as_str() } else { e.title.as_str() };
        let mut lines = vec![(truncate(title, width), Ui::SidebarTitle)];
        let facts = match &e.problem {
            Some(p) => format!("  {p}"),
            None if e.pending => format!("  {} · reading…", e.name),
            None => format!(
                "  {} · {} section{} · {}",
                e.name,
                e.sections,
                if e.sections == 1 { "" } else { "s" },
                crate::document::duration(s.minutes(e))
            ),
        };
        lines.push((truncate(&facts, width), if e.problem.is_some() { Ui::Notice } else { Ui::SidebarExtracted }));
        if !e.first_claim.is_empty() {
            let mut claim = wrap_text(&e.first_claim, width.saturating_sub(2).max(2));
            if claim.len() > CLAIM_LINES {
                claim.truncate(CLAIM_LINES);
                if let Some(l) = claim.last_mut() {
                    *l = truncate(&format!("{l} …"), width.saturating_sub(2));
                }
            }
            lines.extend(claim.into_iter().map(|l| (format!("  {l}"), Ui::SidebarClaim)));
        }
        (i, lines)
    };
    for ((index, lines), y) in list_window(visible.len(), s.selected, body_h, lay, |e| e.1.len()) {
        for (k, (text, ui)) in lines.iter().enumerate() {
            let row = 3 + y + k;
            if row >= 3 + body_h {
                break;
            }
            let style = if k == 0 && index == s.selected { theme.ui(Ui::SidebarSelected) } else { theme.ui(*ui) };
            buf.set_stringn(x as u16, row as u16, text, width, style);
        }
    }
    let status = match &s.notice {
        Some(n) => format!(" {n}"),
        None => " ↑↓ choose · Enter reads · Esc clears the filter · q quits (empty filter)".to_string(),
    };
    let r = ratatui::layout::Rect::new(0, area.height - 1, area.width, 1);
    buf.set_style(r, theme.ui(Ui::Status));
    buf.set_stringn(0, r.y, truncate(&status, area.width as usize), area.width as usize, theme.ui(Ui::Status));
}
