//! The question before a web address is opened: the whole address, wrapped,
//! in a box over the article, so what opens is what the reader saw.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use crate::view::theme::{Theme, Ui};

pub fn render(url: &str, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let w = area.width.saturating_sub(4).min(76).max(area.width.min(10));
    let inner_w = w.saturating_sub(2).max(1) as usize;
    // The address may be long: every cell of it is shown, wrapped by cells.
    let url_rows = unicode_width::UnicodeWidthStr::width(url).div_ceil(inner_w).max(1);
    const KEYS: &str = "y or Enter opens it · n or Esc does not";
    let key_rows = unicode_width::UnicodeWidthStr::width(KEYS).div_ceil(inner_w).max(1);
    let h = ((url_rows + 1 + key_rows) as u16 + 2).min(area.height);
    let r = Rect::new(area.x + (area.width - w) / 2, area.y + area.height.saturating_sub(h) / 2, w, h);
    Clear.render(r, buf);
    let block =
        Block::default().borders(Borders::ALL).border_style(theme.ui(Ui::HelpBorder)).title(" Open this address? ");
    let lines = vec![
        Line::from(Span::styled(url.to_string(), theme.ui(Ui::Notice))),
        Line::from(""),
        Line::from(vec![
            Span::styled("y", theme.ui(Ui::HelpKey)),
            Span::raw(" or "),
            Span::styled("Enter", theme.ui(Ui::HelpKey)),
            Span::raw(" opens it · "),
            Span::styled("n", theme.ui(Ui::HelpKey)),
            Span::raw(" or "),
            Span::styled("Esc", theme.ui(Ui::HelpKey)),
            Span::raw(" does not"),
        ]),
    ];
    Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).render(r, buf);
}
