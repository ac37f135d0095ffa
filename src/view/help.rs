//! The help overlay, generated from the key table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::app::Model;
use crate::input::keymap;
use crate::view::theme::{Theme, Ui};

/// The help text, one line each.
pub fn lines(m: &Model, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let standard;
    let table = if m.help.is_empty() {
        standard = keymap::Keymap::default().help();
        &standard
    } else {
        m.help.as_ref()
    };
    let key_w = table.iter().flat_map(|(_, keys)| keys.iter().map(|(k, _)| k.chars().count())).max().unwrap_or(0) + 2;
    for (title, keys) in table {
        if !out.is_empty() {
            out.push(Line::from(""));
        }
        out.push(Line::from(Span::styled(*title, theme.ui(Ui::SidebarTitle))));
        for (k, h) in keys {
            out.push(Line::from(vec![Span::styled(format!("  {k:<key_w$}"), theme.ui(Ui::HelpKey)), Span::raw(*h)]));
        }
    }
    out.push(Line::from(""));
    out.push(Line::from(Span::styled("Claims", theme.ui(Ui::SidebarTitle))));
    for l in [
        "  Each sidebar entry shows a section's key claim.",
        "  Claims written by the author appear in plain text.",
        "  Claims the program extracted begin with ~ and are",
        "  dimmed; their sentence is underlined in the text",
        "  (c turns that marking off).",
        "  The mouse wheel scrolls the pane under the pointer;",
        "  a click on a sidebar entry jumps there.",
    ] {
        out.push(Line::from(l));
    }
    out
}

pub fn render(m: &Model, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let lines = lines(m, theme);
    let w = area.width.saturating_sub(4).min(72);
    let h = area.height.saturating_sub(2).min(lines.len() as u16 + 2);
    let r = Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h);
    Clear.render(r, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.ui(Ui::HelpBorder))
        .title(" Keys · j/k scroll · Esc closes ");
    let inner_h = h.saturating_sub(2) as usize;
    let top = m.help_top.min(lines.len().saturating_sub(inner_h));
    Paragraph::new(lines.into_iter().skip(top).collect::<Vec<_>>()).block(block).render(r, buf);
}
