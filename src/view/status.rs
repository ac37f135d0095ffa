//! The status line: where the reader is, the search, and the help hint.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::app::{Mode, Model};
use crate::layout::wrap::truncate;
use crate::view::theme::{Theme, Ui};

/// The status line's text: `(left, right)`.
pub fn text(m: &Model) -> (String, String) {
    let n = m.doc().sections.len();
    let (filter, filter_typing) = m.list_filter();
    let left = if m.mode() == Mode::Search {
        format!(" /{}▏", m.prompt_text().unwrap_or(""))
    } else if m.mode() == Mode::Command {
        format!(" :{}▏", m.prompt_text().unwrap_or(""))
    } else if filter_typing {
        format!(" Filter sections: {filter}▏ (Enter keeps it, Esc clears)")
    } else if let Some(c) = m.count() {
        format!(" {c}▏ G: §{c} · j/k: {c} lines · p: {}% · Esc cancels", c.min(100))
    } else if let Some(notice) = m.notice() {
        format!(" {notice}")
    } else if n == 0 {
        " (empty document)".to_string()
    } else {
        let s = m.current_section();
        format!(" §{}/{} {}", s + 1, m.section_count(), m.doc().sections[s].title)
    };
    // The right side, most important first; parts that do not fit leave.
    let mut parts = Vec::new();
    if let Some(s) = m.search()
        && m.mode() != Mode::Search
    {
        // While the text is still read, the count is of what is in so far
        // (it is counted again when the rest arrives).
        let so_far = if m.loading() { " so far" } else { "" };
        if m.size().0 >= 80 {
            parts.push(format!("{}/{}{so_far} \"{}\"", s.current + 1, s.matches.len(), s.query));
        } else {
            parts.push(format!("{}/{}{so_far}", s.current + 1, s.matches.len()));
        }
    }
    if !filter.is_empty() && !filter_typing {
        parts.push(format!("filter \"{filter}\": {} of {}", m.list_indices().len(), m.section_count()));
    }
    if m.loading() {
        // The sidebar lists every section once the outline is in; the text
        // and its claims follow.
        parts.push(if m.outline().is_empty() { "loading…" } else { "loading text…" }.to_string());
    } else if m.finding_claims() {
        parts.push("finding claims…".to_string());
    }
    parts.push(format!("{}%", m.percent()));
    let mins = m.minutes_left();
    parts.push(if mins == 0 {
        "done".to_string()
    } else {
        let (all, here) = (crate::document::duration(mins), crate::document::duration(m.section_minutes_left()));
        // "(1 min in §)" would repeat the unit when both are minutes.
        let here = if mins < 60 { here.trim_end_matches(" min").to_string() } else { here };
        format!("{all} left ({here} in §)")
    });
    if !m.doc().sections.is_empty() {
        parts.push(format!("{}/{} read", m.read_count(), m.section_count()));
    }
    // The help key in force (a remapping shows here too).
    let help_key = m
        .help_table()
        .iter()
        .flat_map(|(_, lines)| lines.iter())
        .find(|(_, h)| *h == "this help")
        .and_then(|(k, _)| k.split_whitespace().next())
        .unwrap_or("?");
    parts.push(format!("{help_key} help"));
    // A notice keeps its whole text; the position info gives way to it.
    let reserve = if m.notice().is_some() { left.width() } else { left.width().min(24) };
    let room = (m.size().0 as usize).saturating_sub(reserve + 2);
    let mut right = String::new();
    for p in parts {
        let next = if right.is_empty() { p.clone() } else { format!("{right} · {p}") };
        if next.width() + 1 > room {
            continue;
        }
        right = next;
    }
    if !right.is_empty() {
        right.push(' ');
    }
    (left, right)
}

/// The claim editor on the status line: the section, the text around the
/// cursor (shown as a cell out of the bar's reverse), and the count
/// against the limit.
fn editor(m: &Model, s: usize, e: &crate::app::editor::LineEditor, theme: &Theme, area: Rect, buf: &mut Buffer) {
    use crate::document::annotate::MAX_AUTHORED;
    let style = theme.ui(Ui::Status);
    buf.set_style(area, style);
    let n = e.len();
    let counter = if let Some(why) = &m.notice() {
        format!(" {why} ")
    } else if n > MAX_AUTHORED {
        format!(" {n}/{MAX_AUTHORED}: too long ")
    } else if area.width < 60 {
        format!(" {n}/{MAX_AUTHORED} ")
    } else {
        format!(" {n}/{MAX_AUTHORED} · Enter saves · Esc cancels ")
    };
    let label = format!(" Claim §{}: ", s + 1);
    let width = area.width as usize;
    let counter = truncate(&counter, width / 2);
    let room = width.saturating_sub(label.width() + counter.width()).max(1);
    // A window of the text that holds the cursor.
    let chars: Vec<char> = e.text.chars().collect();
    let first = e.cursor.saturating_sub(room.saturating_sub(1));
    let mut x = area.x;
    let counter_style = if n > MAX_AUTHORED || m.notice().is_some() { theme.ui(Ui::StatusKey) } else { style };
    let label = truncate(&label, width);
    buf.set_string(x, area.y, &label, theme.ui(Ui::StatusKey));
    x += label.width() as u16;
    let mut used = 0;
    for (i, c) in chars.iter().enumerate().skip(first) {
        let w = unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
        if used + w > room.saturating_sub(1) || x >= area.right() {
            break;
        }
        let cell_style = if i == e.cursor { Style::new() } else { style };
        buf.set_string(x, area.y, c.to_string(), cell_style);
        x += w as u16;
        used += w;
    }
    if e.cursor == chars.len() && x < area.right() {
        buf.set_string(x, area.y, " ", Style::new());
    }
    let cx = area.right().saturating_sub(counter.width() as u16);
    if cx > x {
        buf.set_string(cx, area.y, &counter, counter_style);
    }
}

pub fn render(m: &Model, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if let Some((s, e)) = m.claim_editor() {
        editor(m, s, e, theme, area, buf);
        return;
    }
    let width = area.width as usize;
    let (left, right) = text(m);
    let style = theme.ui(Ui::Status);
    buf.set_style(area, style);
    // The search prompt always wins over the right side.
    let prompt = matches!(m.mode(), Mode::Search | Mode::Command) || m.list_filter().1 || m.count().is_some();
    let right = if prompt && left.width() + right.width() > width { String::new() } else { right };
    let left = truncate(&left, width.saturating_sub(right.width() + 1));
    let left_style = if m.notice().is_some() && m.mode() != Mode::Search { theme.ui(Ui::StatusKey) } else { style };
    let pad = width.saturating_sub(left.width() + right.width());
    let line = Line::from(vec![
        Span::styled(left, left_style),
        Span::styled(" ".repeat(pad), style),
        Span::styled(right, style),
    ]);
    buf.set_line(area.x, area.y, &line, area.width);
}
