//! Case-insensitive search over the laid-out rows.

use crate::document::Document;
use crate::layout::{Highlights, Row, WrappedDoc};

/// A match: a row and a range of characters in its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    pub row: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Search {
    pub query: String,
    pub matches: Vec<Match>,
    /// Index of the current match.
    pub current: usize,
}

fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Every occurrence of `query` in the rows, ignoring case, in order.
pub fn find(rows: &[Row], query: &str) -> Vec<Match> {
    find_rows(rows.iter().enumerate(), query)
}

/// [`find`] over numbered rows.
pub fn find_rows<'a>(rows: impl IntoIterator<Item = (usize, &'a Row)>, query: &str) -> Vec<Match> {
    let mut finder = Finder::new(query);
    for (r, row) in rows {
        finder.row(r, row);
    }
    finder.out
}

/// [`find`] over a whole layout, the rows of sections that keep only their
/// places laid out again for the search (`doc` and `code`: what `wrapped`
/// was made from). Those sections (parsed again when the document let go
/// of their blocks) are searched a share at a time on each core.
pub fn find_in(wrapped: &WrappedDoc, doc: &Document, code: &Highlights, query: &str) -> Vec<Match> {
    if !wrapped.has_stubs() {
        return find_rows(wrapped.rows_in(0..wrapped.len()), query);
    }
    let head = wrapped.section_start.first().copied().unwrap_or(wrapped.len());
    let mut out = find_rows(wrapped.rows_in(0..head), query);
    let n = wrapped.section_start.len();
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get()).clamp(1, 4);
    let share = n.div_ceil(if n >= 64 { cores } else { 1 }).max(1);
    let in_sections = |sections: std::ops::Range<usize>| {
        let mut finder = Finder::new(query);
        for i in sections {
            let start = wrapped.section_start[i];
            for (k, row) in wrapped.section_rows(doc, code, i).iter().enumerate() {
                finder.row(start + k, row);
            }
        }
        finder.out
    };
    if share >= n {
        out.extend(in_sections(0..n));
        return out;
    }
    std::thread::scope(|scope| {
        let shares: Vec<_> =
            (0..n).step_by(share).map(|from| scope.spawn(move || in_sections(from..(from + share).min(n)))).collect();
        for found in shares {
            // A share's panic is the search's own, as on one thread.
            out.extend(found.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
    });
    out
}

/// The matches of one query, a row at a time.
struct Finder {
    needle: Vec<char>,
    hay: Vec<char>,
    out: Vec<Match>,
}

impl Finder {
    fn new(query: &str) -> Finder {
        Finder { needle: query.chars().map(fold).collect(), hay: Vec::new(), out: Vec::new() }
    }

    fn row(&mut self, r: usize, row: &Row) {
        let needle = &self.needle;
        if needle.is_empty() {
            return;
        }
        self.hay.clear();
        for seg in &row.segments {
            self.hay.extend(seg.text.chars().map(fold));
        }
        let hay = &self.hay;
        let mut i = 0;
        while i + needle.len() <= hay.len() {
            if hay[i] == needle[0] && hay[i..i + needle.len()] == needle[..] {
                self.out.push(Match { row: r, start: i, end: i + needle.len() });
                i += needle.len();
            } else {
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;
    use crate::layout::wrap;

    #[test]
    fn search_ignores_case_and_finds_every_row() {
        let doc =
            wrap(&parse("## A\n\nRare earths. rare EARTHS again.\n\n## B\n\nNone here.\n"), &Default::default(), 80);
        let m = find(&doc.all_rows(), "rare earths");
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].row, m[1].row);
        assert_eq!(m[1].start, 13);
        assert!(find(&doc.all_rows(), "absent").is_empty());
        assert!(find(&doc.all_rows(), "").is_empty());
    }
}
