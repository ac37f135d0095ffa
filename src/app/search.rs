//! Case-insensitive search over the laid-out rows.

use crate::layout::Row;

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
    let needle: Vec<char> = query.chars().map(fold).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut hay: Vec<char> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        hay.clear();
        for seg in &row.segments {
            hay.extend(seg.text.chars().map(fold));
        }
        let mut i = 0;
        while i + needle.len() <= hay.len() {
            if hay[i] == needle[0] && hay[i..i + needle.len()] == needle[..] {
                out.push(Match { row: r, start: i, end: i + needle.len() });
                i += needle.len();
            } else {
                i += 1;
            }
        }
    }
    out
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
        let m = find(&doc.rows, "rare earths");
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].row, m[1].row);
        assert_eq!(m[1].start, 13);
        assert!(find(&doc.rows, "absent").is_empty());
        assert!(find(&doc.rows, "").is_empty());
    }
}
