//! Markdown text to [`Document`]: pulldown-cmark events into blocks, blocks
//! into sections, authored claims read, the rest extracted.
//!
//! Every event is matched explicitly; the parser options live in [`options`].

use pulldown_cmark::Options;

use super::claim::{self};
use super::{Block, BlockKind, Document, Marks, Span, collapse_ws, count_words, plain_text};

/// The Markdown dialect: CommonMark plus tables, strikethrough, task lists,
/// footnotes, heading attributes, YAML front matter and GitHub's alerts
/// (`> [!NOTE]`: the quote gets its kind, the marker is not text).
pub fn options() -> Options {
    Options::ENABLE_GFM
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

/// A paragraph of a heading-less document with more words than this is a
/// section of its own; shorter ones join the paragraphs that follow.
const MIN_SECTION_WORDS: usize = 40;

/// Lines longer than this on average mean "one paragraph per line" text
/// (like a pasted article), not hard-wrapped Markdown.
const LONG_LINE_CHARS: usize = 120;

/// Parses Markdown into a document with every section's key claim. Never
/// fails: any text is some document.
pub fn parse(text: &str) -> Document {
    let mut doc = parse_structure(text);
    claim::fill_claims(&mut doc.sections);
    doc
}

/// Parses Markdown into titled sections; claims other than authored ones are
/// left empty for [`claim::fill_claims`].
pub fn parse_structure(text: &str) -> Document {
    let text = &*tame(text);
    parse_structure_planned(text, outline::plan_of(text), &window::Definitions::between_windows(text, window::WINDOW))
}

/// [`parse_structure`] for a text (tables tamed) whose plan and
/// definitions are known.
pub fn parse_structure_planned(text: &str, plan: Plan, defs: &window::Definitions) -> Document {
    let mut doc = Document::default();
    stream::parse_in_pieces_planned(text, plan, defs, &mut |piece| match piece {
        stream::Piece::Head { title, metadata } => (doc.title, doc.metadata) = (title, metadata),
        stream::Piece::Sections(sections) => doc.sections.extend(sections),
    });
    doc
}

/// A heading's text as a title: without its images and badges, unless it
/// is nothing but images (a logo): then their descriptions.
fn heading_title(spans: &[Span]) -> String {
    let words: Vec<Span> = spans.iter().filter(|s| !s.marks.contains(Marks::IMAGE)).cloned().collect();
    let text = collapse_ws(&plain_text(&words));
    if !text.is_empty() {
        return text;
    }
    let alts: Vec<String> = spans
        .iter()
        .filter(|s| s.marks.contains(Marks::IMAGE))
        .map(|s| image_alt(&s.text).to_string())
        .filter(|a| !a.is_empty())
        .collect();
    collapse_ws(&alts.join(" "))
}

/// An image's description from its label (`[image: alt]`).
fn image_alt(label: &str) -> &str {
    label.strip_prefix("[image: ").and_then(|l| l.strip_suffix(']')).unwrap_or("")
}

fn is_break(s: &Span) -> bool {
    s.marks.contains(Marks::SOFT_BREAK) || s.marks.contains(Marks::HARD_BREAK)
}

/// The first `n` lines of a paragraph (split at its line breaks), and
/// the number of spans they and their breaks take: only the opening is
/// looked at, never the whole of a paragraph that may be megabytes long.
fn first_lines(spans: &[Span], n: usize) -> (Vec<&[Span]>, usize) {
    let mut lines = Vec::new();
    let mut from = 0;
    for (i, s) in spans.iter().enumerate() {
        if lines.len() == n {
            break;
        }
        if is_break(s) {
            lines.push(&spans[from..i]);
            from = i + 1;
        }
    }
    if lines.len() < n {
        lines.push(&spans[from..]);
        from = spans.len();
    }
    (lines, from)
}

/// A plain text's opening label and headline: a first line of one word in
/// capitals ("BLOG", which becomes the `kind`, as "Blog") and then a short
/// line that reads as a headline (three to 30 words, no full stop at its
/// end), or such a headline alone on the first line of a paragraph of
/// several. Both leave the text; the headline is the title.
fn take_headline(top: &mut Vec<(Block, usize)>) -> Option<(Option<String>, String)> {
    let (first, _) = top.first_mut()?;
    let BlockKind::Paragraph(spans) = &mut first.kind else { return None };
    let (lines, end) = first_lines(spans, 2);
    let text = |l: &[Span]| collapse_ws(&plain_text(l));
    let is_label = |t: &str| {
        let n = t.chars().count();
        (2..=12).contains(&n) && t.chars().all(|c| c.is_uppercase()) && !t.contains(' ')
    };
    let is_headline = |t: &str| {
        let words = t.split_whitespace().count();
        (3..=30).contains(&words) && t.chars().count() <= 200 && !t.ends_with('.') && !t.ends_with(':')
    };
    let (label, headline, used) = match lines.as_slice() {
        [l, h] if is_label(&text(l)) && is_headline(&text(h)) => {
            let lower = text(l).to_lowercase();
            let mut chars = lower.chars();
            let kind: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
            (Some(kind), text(h), 2)
        }
        [h, _] if is_headline(&text(h)) && text(h).ends_with(['?', '!']) => (None, text(h), 1),
        _ => return None,
    };
    // The spans of the lines used and the break after each.
    let cut = if used == 2 { end } else { lines[0].len() + 1 };
    let mut kept = spans.split_off(cut.min(spans.len()));
    // The lines left are joined by soft breaks, as a paragraph's lines.
    for s in &mut kept {
        if is_break(s) {
            *s = Span { text: " ".into(), marks: Marks::SOFT_BREAK, link: None };
        }
    }
    if kept.iter().all(|s| s.text.trim().is_empty()) {
        top.remove(0);
    } else {
        first.kind = BlockKind::Paragraph(kept);
    }
    Some((label, headline))
}

mod blocks;
mod events;
mod front_matter;
mod outline;
mod plan;
mod sections;
pub mod stream;
mod tables;
pub mod window;

pub use blocks::{MAX_BLOCK_BYTES, tame_blocks, tame_blocks_at};
pub use events::MAX_DEPTH;
use events::*;
pub use front_matter::MAX_TABLE_COLUMNS;
use front_matter::*;
pub use outline::{
    OutlineEntry, outline, outline_and_plan, outline_and_plan_with, outline_and_split, plan_and_definitions, plan_of,
};
use plan::*;
pub use plan::{Continued, Cuts, Plan, UNTITLED, continued_title, plan};
use sections::*;
pub use tables::{MAX_TABLE_CELLS, tame_tables};

/// The text as every pass parses it: tables past the cells' budget made
/// text, blocks past the length limit cut (each borrowed when nothing is
/// changed, and changing nothing more when done again).
pub fn tame(text: &str) -> std::borrow::Cow<'_, str> {
    let tables = tame_tables(text);
    if let std::borrow::Cow::Owned(cut) = tame_blocks(&tables) {
        return std::borrow::Cow::Owned(cut);
    }
    tables
}

#[cfg(test)]
mod tests;
