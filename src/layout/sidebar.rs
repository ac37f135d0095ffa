//! The sidebar's layout: which entries are visible for a selection and a
//! pane size. Only the visible entries are laid out, so a document with
//! 100,000 sections costs the same per frame as one with ten.

use crate::document::parse::OutlineEntry;
use crate::document::{ClaimOrigin, Document};
use crate::layout::wrap::{truncate, wrap_text};

/// Most lines a claim takes in the sidebar.
pub const CLAIM_LINES: usize = 3;

/// One laid-out sidebar entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub index: usize,
    /// Row offset inside the sidebar pane.
    pub y: u16,
    /// `"3 Title"`, cut to leave room for `right`.
    pub title: String,
    /// Right of the title: the minutes to read it, or `✓` once read.
    pub right: String,
    /// The claim, wrapped to at most three lines, the last cut with `…`.
    pub claim: Vec<String>,
    pub origin: ClaimOrigin,
    /// The current entry's headings inside its section, one line each.
    pub subs: Vec<String>,
}

impl Entry {
    pub fn height(&self) -> usize {
        1 + self.claim.len() + self.subs.len()
    }
}

/// The most sub-headings listed under the current entry.
pub const MAX_SUBS: usize = 12;

/// The headings inside section `i`, indented by depth, for its entry.
fn subs(doc: &Document, i: usize, width: usize) -> Vec<String> {
    let s = &doc.sections[i];
    let all = s.subheadings();
    let mut out: Vec<String> = all
        .iter()
        .take(MAX_SUBS)
        .map(|(_, level, title)| {
            let depth = usize::from(level.saturating_sub(s.level.max(1))).clamp(1, 4);
            truncate(&format!("{}› {title}", " ".repeat(2 * depth)), width)
        })
        .collect();
    if all.len() > MAX_SUBS {
        out.push(truncate(&format!("  … {} more (}} goes through them)", all.len() - MAX_SUBS), width));
    }
    out
}

/// Lays out entry `i` for `width` cells (at the default reading speed).
#[cfg(test)]
pub fn entry(doc: &Document, read: &[bool], i: usize, width: usize) -> Entry {
    entry_with(doc, read, i, width, false, crate::document::WORDS_PER_MINUTE)
}

/// An entry; `full`: its whole claim (the authored text or the whole
/// extracted sentence) on as many lines as it needs, for the current or
/// selected section.
pub fn entry_with(doc: &Document, read: &[bool], i: usize, width: usize, full: bool, wpm: usize) -> Entry {
    let s = &doc.sections[i];
    let number = format!("{} ", i + 1);
    let right = if read.get(i).copied().unwrap_or(false) {
        "✓".to_string()
    } else {
        crate::document::duration_short(crate::document::minutes_at(s.words, wpm).max(1))
    };
    let room = width.saturating_sub(right.chars().count() + 1);
    let right = if room >= 8 { right } else { String::new() };
    let near = |j: Option<usize>| j.and_then(|j| doc.sections.get(j)).map(|s| s.title.as_str());
    let room = if right.is_empty() { width } else { room };
    let title = shown_title(&number, &s.title, [near(i.checked_sub(1)), near(Some(i + 1))], room);
    // Extracted claims start with `~` so they differ without colour too. A
    // section without prose has its heading for a claim: not said twice.
    let text = if full { s.full_claim() } else { s.stated_claim() };
    let lines = if full { usize::MAX } else { CLAIM_LINES };
    let claim = match (text, s.claim.origin) {
        (None, _) => Vec::new(),
        (Some(text), ClaimOrigin::Authored) => claim_lines(text, width, lines),
        (Some(text), ClaimOrigin::Extracted) => claim_lines(&format!("~ {text}"), width, lines),
    };
    let subs = if full { subs(doc, i, width) } else { Vec::new() };
    Entry { index: i, y: 0, title, right, claim, origin: s.claim.origin, subs }
}

/// A section's title after its `number`, cut to `room` cells. A title too
/// long that begins with the same words as a neighbour's (`near`: the
/// titles before and after it) shows `…` for them, so that what tells it
/// from them is what shows: a changelog's "tree_magic_mini 3.0.0" and
/// "tree_magic_mini 2.0.0" are "… 3.0.0" and "… 2.0.0".
fn shown_title(number: &str, title: &str, near: [Option<&str>; 2], room: usize) -> String {
    let whole = format!("{number}{title}");
    if unicode_width::UnicodeWidthStr::width(whole.as_str()) <= room {
        return whole;
    }
    let words: Vec<&str> = title.split_whitespace().collect();
    let shared = |other: &str| words.iter().zip(other.split_whitespace()).take_while(|(a, b)| *a == b).count();
    // At least one word of its own is left.
    let same = near.into_iter().flatten().map(shared).max().unwrap_or(0).min(words.len().saturating_sub(1));
    if same == 0 {
        return truncate(&whole, room);
    }
    truncate(&format!("{number}… {}", words[same..].join(" ")), room)
}

/// Entry `i` of a sidebar whose titles come from the quick outline while
/// the document is still being parsed: the title, `…` for the reading
/// time, and the claim when the part parsed so far has it.
pub fn outline_entry(outline: &[OutlineEntry], doc: &Document, i: usize, width: usize) -> Entry {
    let parsed = doc.sections.get(i);
    let o = &outline[i];
    let title = match (o.level, parsed) {
        (0, Some(s)) if s.level == 0 => s.title.as_str(),
        (0, _) => "…",
        _ => o.title.as_str(),
    };
    let right = if width >= 12 { "…".to_string() } else { String::new() };
    let room = width.saturating_sub(if right.is_empty() { 0 } else { 2 });
    let near = |j: Option<usize>| j.and_then(|j| outline.get(j)).map(|o| o.title.as_str());
    let title = shown_title(&format!("{} ", i + 1), title, [near(i.checked_sub(1)), near(Some(i + 1))], room);
    // The claims the opening already has, when this entry is a section of it.
    let claim = match parsed {
        Some(s)
            if (o.level == 0 || s.title == o.title)
                && !s.claim.text.is_empty()
                && s.claim.origin == ClaimOrigin::Authored =>
        {
            claim_lines(&s.claim.text, width, CLAIM_LINES)
        }
        _ => Vec::new(),
    };
    Entry { index: i, y: 0, title, right, claim, origin: ClaimOrigin::Authored, subs: Vec::new() }
}

/// A claim wrapped to at most [`CLAIM_LINES`] lines under a title, indented,
/// the last line cut with `…` when there is more.
fn claim_lines(text: &str, width: usize, max: usize) -> Vec<String> {
    let indent = 2.min(width.saturating_sub(2));
    let mut claim = wrap_text(text, width - indent);
    if claim.len() > max {
        claim.truncate(max);
        let last = claim.pop().unwrap_or_default();
        claim.push(truncate(&format!("{last} …"), width - indent));
        // `truncate` may have kept the whole line plus " …"; make sure it ends in one.
        if let Some(l) = claim.last_mut()
            && !l.ends_with('…')
        {
            l.push('…');
        }
    }
    claim.into_iter().map(|l| format!("{}{l}", " ".repeat(indent))).collect()
}

/// The entries that fit in a `width` x `height` pane with `selected` in view
/// (see [`super::list_window`]), at the default reading speed.
#[cfg(test)]
pub fn visible(doc: &Document, read: &[bool], selected: usize, width: usize, height: usize) -> Vec<Entry> {
    visible_with(doc.sections.len(), selected, width, height, |i| entry(doc, read, i, width))
}

/// The same for `n` entries laid out by `make`.
pub fn visible_with(
    n: usize,
    selected: usize,
    width: usize,
    height: usize,
    make: impl Fn(usize) -> Entry,
) -> Vec<Entry> {
    if width == 0 {
        return Vec::new();
    }
    super::list_window(n, selected, height, make, Entry::height)
        .into_iter()
        .map(|(mut e, y)| {
            e.y = y as u16;
            e
        })
        .collect()
}

/// The entry drawn at row `y` of the pane, for mouse clicks.
pub fn entry_at(entries: &[Entry], y: u16) -> Option<usize> {
    entries.iter().find(|e| y >= e.y && (y as usize) < e.y as usize + e.height()).map(|e| e.index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    fn doc(n: usize) -> Document {
        let md: String = (1..=n)
            .map(|i| format!("## Section {i}\n\nThe claim of section {i} is stated here plainly.\n\n"))
            .collect();
        parse(&md)
    }

    #[test]
    fn the_selection_is_always_visible() {
        let d = doc(200);
        for sel in [0, 1, 50, 199] {
            let v = visible(&d, &[], sel, 30, 20);
            assert!(v.iter().any(|e| e.index == sel), "selection {sel} not in view");
            assert!(v.iter().all(|e| (e.y as usize) < 20));
        }
    }

    #[test]
    fn long_claims_stop_at_three_lines_with_an_ellipsis() {
        let md = format!("## A\n\n{}.\n", "word ".repeat(80).trim());
        let e = entry(&parse(&md), &[], 0, 24);
        assert_eq!(e.claim.len(), CLAIM_LINES);
        assert!(e.claim[2].ends_with('…'), "{:?}", e.claim);
        assert!(e.claim.iter().all(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) <= 24));
    }

    #[test]
    fn a_heading_standing_in_for_a_claim_is_not_listed_twice() {
        let d = parse("## Usage\n\n```\ncargo add x\n```\n\n## Why\n\nIt reads long documents fast.\n");
        assert_eq!(d.sections[0].claim.text, "Usage", "the heading stands in for a claim");
        assert!(entry(&d, &[], 0, 30).claim.is_empty());
        assert_eq!(entry(&d, &[], 1, 40).claim, vec!["  ~ It reads long documents fast."]);
    }

    #[test]
    fn titles_too_long_that_begin_like_a_neighbours_show_what_differs() {
        let d = parse(
            "# tree_magic_mini 3.0.0\n\n* Split.\n\n# tree_magic_mini 2.0.0\n\n* Relicensed.\n\n# 0.2.3\n\nUpgraded.\n\n\
             # Command Line Argument Parser for Rust\n\nWords.\n",
        );
        let titles: Vec<String> = (0..4).map(|i| entry(&d, &[], i, 18).title).collect();
        assert_eq!(titles[0], "1 … 3.0.0");
        assert_eq!(titles[1], "2 … 2.0.0");
        // Short enough, or shared with no neighbour: cut at the end as before.
        assert_eq!(titles[2], "3 0.2.3");
        assert_eq!(titles[3], "4 Command Line…");
        // Wide enough for the whole title: all of it.
        assert_eq!(entry(&d, &[], 0, 40).title, "1 tree_magic_mini 3.0.0");
    }

    #[test]
    fn clicks_map_to_entries() {
        let d = doc(3);
        let v = visible(&d, &[], 0, 40, 30);
        assert_eq!(entry_at(&v, 0), Some(0));
        assert_eq!(entry_at(&v, v[1].y), Some(1));
    }
}
