//! Drawing: `render` reads the model and fills a frame. It never changes the
//! model, and it draws only the article rows on screen.

pub mod article;
pub mod confirm;
pub mod help;
pub mod shelf;
pub mod sidebar;
pub mod skim;
pub mod status;
pub mod theme;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::{Mode, Model};
use crate::layout::wrap::truncate;
use theme::{Theme, Ui};

/// Draws the whole screen.
pub fn render(m: &Model, theme: &Theme, frame: &mut Frame) {
    fitted(frame, (m.size().0, m.size().1), |area, buf| draw(m, theme, area, buf));
}

/// Calls `draw` for a screen of `size`, the size the model was laid out
/// for. When the frame has another size (the terminal was resized and its
/// resize event is not in yet), it draws into a buffer of the model's size
/// and copies what fits: never a cell outside the frame.
pub(crate) fn fitted(frame: &mut Frame, size: (u16, u16), draw: impl FnOnce(Rect, &mut Buffer)) {
    let area = frame.area();
    if (area.width, area.height) == size {
        draw(area, frame.buffer_mut());
        return;
    }
    let laid_out = Rect::new(0, 0, size.0, size.1);
    let mut scratch = Buffer::empty(laid_out);
    draw(laid_out, &mut scratch);
    let buf = frame.buffer_mut();
    for y in 0..area.height.min(size.1) {
        for x in 0..area.width.min(size.0) {
            buf[(area.x + x, area.y + y)] = scratch[(x, y)].clone();
        }
    }
}

fn draw(m: &Model, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let p = m.panes();
    if p.too_small {
        let full = "Terminal too small";
        let msg = truncate(if area.width as usize >= full.len() { full } else { "Too small" }, area.width as usize);
        buf.set_string(area.x, area.y, msg, theme.ui(Ui::Notice));
        return;
    }
    header(m, theme, p.header, buf);
    if m.mode() == Mode::Skim {
        let body =
            ratatui::layout::Rect::new(0, p.header.bottom(), area.width, p.status.y.saturating_sub(p.header.bottom()));
        skim::render(m, theme, body, buf);
        status::render(m, theme, p.status, buf);
        return;
    }
    article::render(m, theme, p.text, buf);
    if let (Some(r), Some(claim)) = (p.claim, m.band_claim()) {
        claim_band(m, &claim, theme, r, buf);
    }
    if let (Some(r), Some(list)) = (p.sidebar, p.sidebar_list()) {
        sidebar::render(m, theme, r, list, p.overlay, buf);
    }
    status::render(m, theme, p.status, buf);
    if m.mode() == Mode::Help {
        help::render(m, theme, area, buf);
    }
    if let (Mode::Confirm, Some(url)) = (m.mode(), &m.confirm()) {
        confirm::render(url, theme, area, buf);
    }
}

/// The current section's claim above the text, when the sidebar is hidden:
/// wrapped whole, cut (with `…`) only when it is taller than the band.
fn claim_band(m: &Model, claim: &str, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let style = match m.doc().sections.get(m.current_section()).map(|s| s.claim.origin) {
        Some(crate::document::ClaimOrigin::Authored) => theme.ui(Ui::SidebarClaim),
        _ => theme.ui(Ui::SidebarExtracted),
    };
    let mut lines = crate::layout::wrap::wrap_text(claim, area.width as usize);
    if lines.len() > area.height as usize {
        lines.truncate(area.height as usize);
        if let Some(last) = lines.last_mut() {
            *last = truncate(&format!("{last} …"), area.width as usize);
        }
    }
    for (i, l) in lines.iter().enumerate() {
        buf.set_stringn(area.x, area.y + i as u16, l, area.width as usize, style);
    }
}

fn header(m: &Model, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let title = if m.doc().title.is_empty() { "briefing" } else { m.doc().title.as_str() };
    let text = truncate(&format!(" {title}"), area.width as usize);
    let line = Line::from(Span::styled(text, theme.ui(Ui::Header)));
    buf.set_line(area.x, area.y, &line, area.width);
}
