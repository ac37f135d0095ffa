//! The skim view's layout: for each section its title, reading time, claim
//! and the start of its first paragraph. Like the sidebar, only the entries
//! on screen are laid out.

use crate::document::{Document, minutes_at};
use crate::layout::wrap::{truncate, wrap_text};

/// Lines of the first paragraph shown per section.
pub const PARAGRAPH_LINES: usize = 3;

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub index: usize,
    pub y: u16,
    pub title: String,
    pub claim: Vec<String>,
    pub paragraph: Vec<String>,
}

impl Entry {
    pub fn height(&self) -> usize {
        1 + self.claim.len() + self.paragraph.len()
    }
}

#[cfg(test)]
pub fn entry(doc: &Document, i: usize, width: usize) -> Entry {
    entry_at(doc, i, width, crate::document::WORDS_PER_MINUTE)
}

/// An entry with reading times at `wpm` words a minute.
pub fn entry_at(doc: &Document, i: usize, width: usize, wpm: usize) -> Entry {
    let s = &doc.sections[i];
    let title = truncate(
        &format!("{} {} · {}", i + 1, s.title, crate::document::duration(minutes_at(s.words, wpm).max(1))),
        width,
    );
    let inner = width.saturating_sub(2).max(2);
    let claim_text = s.stated_claim().map(|c| format!("Claim: {c}")).unwrap_or_default();
    let claim = if claim_text.is_empty() { Vec::new() } else { wrap_text(&claim_text, inner) };
    let first = s.prose().into_iter().map(|(_, t)| t).find(|t| !t.trim().is_empty()).unwrap_or_default();
    // Only the start of the paragraph is wrapped: it is cut anyway.
    let start: String = first.chars().take(inner * (PARAGRAPH_LINES + 1)).collect();
    let mut paragraph = if start.is_empty() { Vec::new() } else { wrap_text(&start, inner) };
    if paragraph.len() > PARAGRAPH_LINES || start.len() < first.len() {
        paragraph.truncate(PARAGRAPH_LINES);
        if let Some(last) = paragraph.last_mut() {
            *last = truncate(&format!("{last} …"), inner);
        }
    }
    let indent = |v: Vec<String>| v.into_iter().map(|l| format!("  {l}")).collect();
    Entry { index: i, y: 0, title, claim: indent(claim), paragraph: indent(paragraph) }
}

/// The entries on a `width` x `height` screen with section `selected` in
/// view (at the default reading speed).
#[cfg(test)]
pub fn visible(doc: &Document, selected: usize, width: usize, height: usize) -> Vec<Entry> {
    visible_in(doc, None, selected, width, height, crate::document::WORDS_PER_MINUTE)
}

/// The same for the sections in `list` only (a filter's matches), or all.
pub fn visible_in(
    doc: &Document,
    list: Option<&[usize]>,
    selected: usize,
    width: usize,
    height: usize,
    wpm: usize,
) -> Vec<Entry> {
    if width == 0 {
        return Vec::new();
    }
    let (n, pos) = match list {
        Some(l) => (l.len(), l.iter().position(|&i| i >= selected).unwrap_or(0)),
        None => (doc.sections.len(), selected),
    };
    let index = |k: usize| list.map_or(k, |l| l[k]);
    super::list_window(n, pos, height, |k| entry_at(doc, index(k), width, wpm), Entry::height)
        .into_iter()
        .map(|(mut e, y)| {
            e.y = y as u16;
            e
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    #[test]
    fn entries_show_title_time_claim_and_opening() {
        let doc = parse(crate::source::EMBEDDED);
        let e = entry(&doc, 1, 60);
        assert!(e.title.starts_with("2 120 days of export controls · 1 min"));
        assert!(e.claim[0].starts_with("  Claim: China's rare earth export controls"));
        assert_eq!(e.paragraph.len(), PARAGRAPH_LINES);
        assert!(e.paragraph[2].ends_with('…'));
        let v = visible(&doc, 8, 60, 20);
        assert!(v.iter().any(|e| e.index == 8));
    }
}
