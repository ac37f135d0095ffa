//! The help overlay: the lines the model makes from the key table, styled.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::app::Model;
use crate::app::help::HelpLine;
use crate::view::theme::{Theme, Ui};

/// The help text, one styled line each.
pub fn lines(m: &Model, theme: &Theme) -> Vec<Line<'static>> {
    m.help_lines()
        .into_iter()
        .map(|l| match l {
            HelpLine::Blank => Line::from(""),
            HelpLine::Heading(t) => Line::from(Span::styled(t, theme.ui(Ui::SidebarTitle))),
            HelpLine::Key(k, h) => Line::from(vec![Span::styled(k, theme.ui(Ui::HelpKey)), Span::raw(h)]),
            HelpLine::Text(t) => Line::from(t),
        })
        .collect()
}

pub fn render(m: &Model, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let lines = lines(m, theme);
    let r = crate::layout::panes::help_box(area, lines.len());
    Clear.render(r, buf);
    let page = m.help_page();
    let top = m.help_top();
    // Where the reader is in it, when it does not all fit.
    let title = if lines.len() > page {
        format!(" Keys · {}-{} of {} · Space pages · Esc closes ", top + 1, (top + page).min(lines.len()), lines.len())
    } else {
        " Keys · Esc closes ".to_string()
    };
    let block = Block::default().borders(Borders::ALL).border_style(theme.ui(Ui::HelpBorder)).title(title);
    Paragraph::new(lines.into_iter().skip(top).collect::<Vec<_>>()).block(block).render(r, buf);
}
