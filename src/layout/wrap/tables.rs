//! Tables: columns sized to fit the text column, cells wrapped; a table
//! too wide for word-wide columns reads one record at a time.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::*;
use crate::document::{Align, Span, plain_text};

impl Wrapper<'_> {
    pub(super) fn table(
        &mut self,
        aligns: &[Align],
        header: &[Vec<Span>],
        rows: &[Vec<Vec<Span>>],
        block: u32,
        first: &[Segment],
        rest: &[Segment],
    ) {
        let cells = |r: &[Vec<Span>]| -> Vec<String> {
            r.iter().map(|c| crate::document::collapse_ws(&plain_text(c))).collect()
        };
        let head = cells(header);
        let body: Vec<Vec<String>> = rows.iter().map(|r| cells(r)).collect();
        let ncols = std::iter::once(head.len()).chain(body.iter().map(Vec::len)).max().unwrap_or(0);
        if ncols == 0 {
            return;
        }
        let mut natural = vec![1usize; ncols];
        let mut longest_word = vec![1usize; ncols];
        for row in std::iter::once(&head).chain(body.iter()) {
            for (i, c) in row.iter().enumerate() {
                natural[i] = natural[i].max(c.width());
                longest_word[i] =
                    longest_word[i].max(c.split_whitespace().map(UnicodeWidthStr::width).max().unwrap_or(0));
            }
        }
        let mut n = 0u32;
        let prefix = |w: &Wrapper, n: u32| {
            let p = if n == 0 { first } else { rest };
            if prefix_width(p) + 4 >= w.width { Vec::new() } else { p.to_vec() }
        };
        let avail = self.width - prefix_width(&prefix(self, 0));
        let Some(widths) = column_widths(&natural, &longest_word, avail) else {
            // Too many columns for the width even with wrapped cells: one
            // record at a time, each cell under its header's name.
            return self.table_as_records(&head, &body, block, first, rest);
        };
        let border = Role::of(Kind::TableBorder);
        // One table row: its cells wrapped inside their columns, as many
        // screen rows as its tallest cell.
        let emit = |w: &mut Wrapper, row: &[String], role: Role, n: &mut u32| {
            let lines: Vec<Vec<String>> = widths
                .iter()
                .enumerate()
                .map(|(i, &cw)| {
                    let cell = row.get(i).map(String::as_str).unwrap_or("");
                    if cell.is_empty() { vec![String::new()] } else { wrap_text(cell, cw) }
                })
                .collect();
            let height = lines.iter().map(Vec::len).max().unwrap_or(1);
            for k in 0..height {
                let mut segs = Vec::new();
                for (i, &cw) in widths.iter().enumerate() {
                    if i > 0 {
                        segs.push(Segment { text: " │ ".to_string(), role: border });
                    }
                    let text = lines[i].get(k).map(String::as_str).unwrap_or("");
                    let align = aligns.get(i).copied().unwrap_or(Align::None);
                    segs.push(Segment { text: fit_cell(text, cw, align), role });
                }
                let p = prefix(w, *n);
                let limit = w.width - prefix_width(&p);
                w.push_row(p, clip(segs, limit), block, *n);
                *n += 1;
            }
        };
        emit(self, &head, Role::of(Kind::TableHeader), &mut n);
        let mut segs = Vec::new();
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                segs.push(Segment { text: "─┼─".to_string(), role: border });
            }
            segs.push(Segment { text: "─".repeat(*w), role: border });
        }
        let p = prefix(self, n);
        let limit = self.width - prefix_width(&p);
        self.push_row(p, clip(segs, limit), block, n);
        n += 1;
        for row in &body {
            emit(self, row, Role::of(Kind::Body), &mut n);
        }
    }

    /// A table too wide for any columns: each record as `header: value`
    /// lines, wrapped, records apart by a rule.
    pub(super) fn table_as_records(
        &mut self,
        head: &[String],
        body: &[Vec<String>],
        block: u32,
        first: &[Segment],
        rest: &[Segment],
    ) {
        let border = Role::of(Kind::TableBorder);
        let mut n = 0u32;
        for (r, row) in body.iter().enumerate() {
            if r > 0 {
                let p = if prefix_width(rest) + 4 >= self.width { Vec::new() } else { rest.to_vec() };
                let limit = self.width - prefix_width(&p);
                self.push_row(p, vec![Segment { text: "─".repeat(limit.min(12)), role: border }], block, n);
                n += 1;
            }
            for (i, cell) in row.iter().enumerate() {
                let name = head.get(i).filter(|h| !h.is_empty()).cloned().unwrap_or_else(|| format!("{}", i + 1));
                let p = if n == 0 { first } else { rest };
                let p = if prefix_width(p) + 4 >= self.width { Vec::new() } else { p.to_vec() };
                let limit = self.width - prefix_width(&p);
                for (k, line) in wrap_text(&format!("{name}: {cell}"), limit).into_iter().enumerate() {
                    let role = if k == 0 { Role::of(Kind::TableHeader) } else { Role::of(Kind::Body) };
                    let p = if n == 0 {
                        p.clone()
                    } else if prefix_width(rest) + 4 >= self.width {
                        Vec::new()
                    } else {
                        rest.to_vec()
                    };
                    self.push_row(p, vec![Segment { text: line, role }], block, n);
                    n += 1;
                }
            }
        }
    }
}

/// Column widths for a table in `avail` cells: each column's natural
/// width when they all fit; else the widest give way first, none narrower
/// than its longest word. `None` when that does not fit (or not even four
/// cells a column do).
pub(super) fn column_widths(natural: &[usize], longest_word: &[usize], avail: usize) -> Option<Vec<usize>> {
    const SEP: usize = 3;
    let n = natural.len();
    let room = avail.checked_sub((n - 1) * SEP)?;
    if room < 4 * n {
        return None;
    }
    if natural.iter().sum::<usize>() <= room {
        return Some(natural.to_vec());
    }
    // Every column at least as wide as its longest word, or the table is
    // read one record at a time (no word is ever cut inside a column).
    let least: Vec<usize> = natural.iter().zip(longest_word).map(|(&w, &l)| w.min(l).max(1)).collect();
    if least.iter().sum::<usize>() > room {
        return None;
    }
    // Water-filling: the largest cap at which every column, at least its
    // least, fits.
    let fill = |cap: usize| -> usize { natural.iter().zip(&least).map(|(&w, &l)| w.min(cap).max(l)).sum() };
    let (mut lo, mut hi) = (1usize, natural.iter().copied().max().unwrap_or(1));
    while lo < hi {
        let cap = (lo + hi).div_ceil(2);
        if fill(cap) <= room {
            lo = cap;
        } else {
            hi = cap - 1;
        }
    }
    let mut widths: Vec<usize> = natural.iter().zip(&least).map(|(&w, &l)| w.min(lo).max(l)).collect();
    // Give what is left to the columns that still want it, left first.
    let mut spare = room.saturating_sub(widths.iter().sum());
    for (w, &nat) in widths.iter_mut().zip(natural) {
        let more = nat.saturating_sub(*w).min(spare);
        *w += more;
        spare -= more;
    }
    Some(widths)
}

/// A cell's text padded to `width`, or cut with `…`.
pub(super) fn fit_cell(text: &str, width: usize, align: Align) -> String {
    let w = text.width();
    if w > width {
        let mut out = String::new();
        let mut used = 0;
        for g in text.graphemes(true) {
            let gw = g.width();
            if used + gw + 1 > width {
                break;
            }
            out.push_str(g);
            used += gw;
        }
        out.push('…');
        used += 1;
        out.push_str(&" ".repeat(width.saturating_sub(used)));
        return out;
    }
    let pad = width - w;
    match align {
        Align::Right => format!("{}{text}", " ".repeat(pad)),
        Align::Center => format!("{}{text}{}", " ".repeat(pad / 2), " ".repeat(pad - pad / 2)),
        Align::Left | Align::None => format!("{text}{}", " ".repeat(pad)),
    }
}
