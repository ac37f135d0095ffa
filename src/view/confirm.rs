//! The question before a web address is opened: the whole address, wrapped,
//! in a box over the article, so what opens is what the reader saw.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::view::theme::{Theme, Ui};

const KEYS: &str = "y or Enter opens it · n or Esc does not";

/// The box's lines at `width` cells: the address cut into rows by cells
/// (every cell of it shown), a blank line, the keys wrapped by words. The
/// rows counted are the rows drawn.
fn lines(url: &str, width: usize) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut row = String::new();
    for g in url.graphemes(true) {
        if row.width() + g.width() > width && !row.is_empty() {
            out.push((std::mem::take(&mut row), true));
        }
        row.push_str(g);
    }
    out.push((row, true));
    out.push((String::new(), false));
    out.extend(crate::layout::wrap::wrap_text(KEYS, width).into_iter().map(|l| (l, false)));
    out
}

pub fn render(url: &str, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let w = area.width.saturating_sub(4).min(76).max(area.width.min(10));
    let inner_w = w.saturating_sub(2).max(1) as usize;
    let rows = lines(url, inner_w);
    let h = (rows.len() as u16 + 2).min(area.height);
    let r = Rect::new(area.x + (area.width - w) / 2, area.y + area.height.saturating_sub(h) / 2, w, h);
    Clear.render(r, buf);
    let block =
        Block::default().borders(Borders::ALL).border_style(theme.ui(Ui::HelpBorder)).title(" Open this address? ");
    let styled: Vec<Line> = rows
        .into_iter()
        .map(|(text, address)| {
            let style = if address { theme.ui(Ui::Notice) } else { theme.ui(Ui::HelpKey) };
            Line::from(Span::styled(text, style))
        })
        .collect();
    Paragraph::new(styled).block(block).render(r, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_of_the_box_is_counted_and_the_keys_are_whole() {
        for width in 5..40 {
            let rows = lines("https://example.org/a/very/long/address/that/wraps", width);
            assert!(rows.iter().all(|(l, _)| l.width() <= width), "{width}: {rows:?}");
            let keys: String = rows.iter().filter(|(_, a)| !a).map(|(l, _)| l.as_str()).collect::<Vec<_>>().join(" ");
            assert_eq!(keys.split_whitespace().collect::<Vec<_>>().join(" "), KEYS, "{width}");
        }
    }
}
