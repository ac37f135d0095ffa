//! The skim view: every section's title, reading time, claim and opening.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::Model;
use crate::document::ClaimOrigin;
use crate::view::theme::{Theme, Ui};

pub fn render(m: &Model, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = area.width.saturating_sub(4).min(100);
    let x = area.x + 2 + (area.width.saturating_sub(4) - width) / 2;
    for e in m.skim_entries() {
        let mut y = area.y + e.y;
        let title_style =
            if e.index == m.selected() { theme.ui(Ui::SidebarSelected) } else { theme.ui(Ui::SidebarTitle) };
        buf.set_stringn(x, y, &e.title, width as usize, title_style);
        let claim_style = match m.doc().sections[e.index].claim.origin {
            ClaimOrigin::Authored => theme.ui(Ui::SidebarCurrent),
            ClaimOrigin::Extracted => theme.ui(Ui::SidebarExtracted),
        };
        for (lines, style) in [(&e.claim, claim_style), (&e.paragraph, theme.ui(Ui::SidebarClaim))] {
            for l in lines {
                y += 1;
                if y >= area.bottom() {
                    return;
                }
                buf.set_stringn(x, y, l, width as usize, style);
            }
        }
    }
}
