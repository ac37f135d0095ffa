//! The sidebar: each section's number, title and key claim.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::app::{Focus, Model};
use crate::document::ClaimOrigin;
use crate::view::theme::{Theme, Ui};

/// Draws the sidebar in `area`, its entries in `list` (see
/// [`crate::layout::panes::Panes::sidebar_list`]).
pub fn render(m: &Model, theme: &Theme, area: Rect, list: Rect, overlay: bool, buf: &mut Buffer) {
    Clear.render(area, buf);
    let block = if overlay {
        Block::default().borders(Borders::ALL).border_style(theme.ui(Ui::SidebarBorder)).title(" Sections ")
    } else {
        Block::default().borders(Borders::RIGHT).border_style(theme.ui(Ui::SidebarBorder))
    };
    block.render(area, buf);
    let inner = list;
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    if m.doc().sections.is_empty() {
        buf.set_string(inner.x, inner.y, "(no sections)", theme.ui(Ui::SidebarExtracted));
        return;
    }
    let highlighted = m.highlighted();
    for e in m.sidebar_entries() {
        let y = inner.y + e.y;
        if y >= inner.bottom() {
            break;
        }
        let title_style = if e.index == highlighted {
            if m.focus() == Focus::Sidebar { theme.ui(Ui::SidebarSelected) } else { theme.ui(Ui::SidebarCurrent) }
        } else {
            theme.ui(Ui::SidebarTitle)
        };
        let marker = if e.index == highlighted { "▌" } else { " " };
        buf.set_string(inner.x.saturating_sub(1), y, marker, theme.ui(Ui::SidebarCurrent));
        buf.set_stringn(inner.x, y, &e.title, inner.width as usize, title_style);
        if !e.right.is_empty() {
            let rx = inner.right().saturating_sub(e.right.chars().count() as u16);
            buf.set_string(rx, y, &e.right, theme.ui(Ui::SidebarExtracted));
        }
        let claim_style = match e.origin {
            ClaimOrigin::Authored => theme.ui(Ui::SidebarClaim),
            ClaimOrigin::Extracted => theme.ui(Ui::SidebarExtracted),
        };
        let lines =
            e.claim.iter().map(|l| (l, claim_style)).chain(e.subs.iter().map(|l| (l, theme.ui(Ui::SidebarExtracted))));
        for (k, (line, style)) in lines.enumerate() {
            let ly = y + 1 + k as u16;
            if ly >= inner.bottom() {
                break;
            }
            buf.set_stringn(inner.x, ly, line, inner.width as usize, style);
        }
    }
}
