//! The article pane: a slice of the cached rows, styled by the theme, with
//! search matches and extracted claims marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::app::Model;
use crate::layout::Row;
use crate::view::theme::{Theme, Ui};

pub fn render(m: &Model, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let matches = m.search().as_ref().map(|s| (s.matches.as_slice(), s.current));
    // The first match at or after the top row, found by binary search.
    let mut mi = matches.map(|(ms, _)| ms.partition_point(|x| x.row < m.top())).unwrap_or(0);
    for (i, row) in m.wrapped().rows_in(m.top()..m.top() + area.height as usize) {
        let y = area.y + (i - m.top()) as u16;
        let mut hl: Vec<(usize, usize, bool)> = Vec::new();
        if let Some((ms, cur)) = matches {
            // (Past any on rows not shown: a section keeping only places.)
            while mi < ms.len() && ms[mi].row < i {
                mi += 1;
            }
            while mi < ms.len() && ms[mi].row == i {
                hl.push((ms[mi].start, ms[mi].end, mi == cur));
                mi += 1;
            }
        }
        let line = styled_row(row, theme, m.show_claims(), &hl);
        buf.set_line(area.x, y, &line, area.width);
    }
    // Hint mode: each link's label over its first cells; the letters typed
    // so far leave the labels that no longer match.
    let (hints, typed) = m.hints();
    for h in hints.iter().filter(|h| h.label.starts_with(typed)) {
        let (Some(dy), true) = (h.row.checked_sub(m.top()), h.col < area.width as usize) else { continue };
        if dy >= area.height as usize {
            continue;
        }
        let room = area.width as usize - h.col;
        let label = crate::layout::wrap::truncate(&h.label, room);
        buf.set_string(area.x + h.col as u16, area.y + dy as u16, label, theme.ui(Ui::Hint));
    }
}

/// A row's segments as styled spans, with highlighted character ranges.
pub fn styled_row<'a>(row: &'a Row, theme: &Theme, claims: bool, hl: &[(usize, usize, bool)]) -> Line<'a> {
    let mut spans = Vec::with_capacity(row.segments.len());
    let mut pos = 0usize;
    for seg in &row.segments {
        let mut style = theme.role(seg.role);
        if claims && seg.role.claim {
            style = style.patch(theme.ui(Ui::Claim));
        }
        let n = seg.text.chars().count();
        if hl.iter().all(|&(s, e, _)| e <= pos || s >= pos + n) {
            spans.push(Span::styled(seg.text.as_str(), style));
        } else {
            // Split the segment at match boundaries, character by character.
            let mut cur = String::new();
            let mut cur_style: Option<Style> = None;
            for (k, c) in seg.text.chars().enumerate() {
                let at = pos + k;
                let st = match hl.iter().find(|&&(s, e, _)| at >= s && at < e) {
                    Some(&(_, _, true)) => style.patch(theme.ui(Ui::CurrentMatch)),
                    Some(_) => style.patch(theme.ui(Ui::Match)),
                    None => style,
                };
                if cur_style.is_some_and(|s| s != st) {
                    spans.push(Span::styled(std::mem::take(&mut cur), cur_style.unwrap_or_default()));
                }
                cur_style = Some(st);
                cur.push(c);
            }
            if !cur.is_empty() {
                spans.push(Span::styled(cur, cur_style.unwrap_or_default()));
            }
        }
        pos += n;
    }
    Line::from(spans)
}
