//! Top-level blocks into titled sections: by heading, or by paragraph
//! when there are none; block numbering and line numbers.

use super::*;
use crate::document::claim::{self, Claim};
use crate::document::{Block, BlockKind, Marks, Section, Span, collapse_ws, count_words};

/// A document without headings: each paragraph (or run of short ones) is a
/// section. Paragraphs written one per line are split at their line breaks.
/// The blocks come a few at a time; each section is given once the one
/// after it is complete (a short tail joins the section before it), with
/// the byte it starts at when that is the start of a top-level block.
#[derive(Default)]
pub(super) struct Paragraphs {
    /// The last section complete, and the one being filled.
    held: Option<(Section, Option<usize>)>,
    open: Option<(Section, Option<usize>)>,
}

/// The most blocks a section cut from paragraphs holds.
const MAX_SECTION_PIECES: usize = 256;

/// A block a cut made joins the section cut from paragraphs that its
/// block is in while the section has at most this many words (a few of
/// the blocks of prose or a list a cut makes; a piece of dense markup
/// stands alone).
const MAX_JOINED_WORDS: usize = 8_192;

/// A section cut from paragraphs, and where it starts when it starts a block.
pub(super) type Cut = (Section, Option<usize>);

impl Paragraphs {
    /// Adds top-level blocks, in order; the sections now complete go to `out`.
    pub(super) fn add(&mut self, top: Vec<(Block, usize)>, lines: &LineIndex, out: &mut Vec<Cut>) {
        for (block, offset) in top {
            let line = lines.line(offset);
            let mut continues = block.continues;
            match block.kind {
                BlockKind::Paragraph(spans) if is_line_per_paragraph(&spans) => {
                    let mut current = Vec::new();
                    let mut k = 0;
                    let mut at = Some(offset);
                    for span in spans {
                        if span.marks.contains(Marks::SOFT_BREAK) {
                            if !current.is_empty() {
                                let piece = BlockKind::Paragraph(std::mem::take(&mut current));
                                let block = Block { id: 0, continues: std::mem::take(&mut continues), kind: piece };
                                self.piece(block, line + k, at.take(), out);
                            }
                            k += 1;
                        } else {
                            current.push(span);
                        }
                    }
                    if !current.is_empty() {
                        let block = Block { id: 0, continues, kind: BlockKind::Paragraph(current) };
                        self.piece(block, line + k, at, out);
                    }
                }
                kind => self.piece(Block { id: 0, continues, kind }, line, Some(offset), out),
            }
        }
    }

    /// A piece, which starts a top-level block at `at` when it is one.
    fn piece(&mut self, block: Block, line: usize, at: Option<usize>, out: &mut Vec<Cut>) {
        let words = count_words(&block.text());
        // A block a cut made stays with the one before it (while the
        // section is small).
        let joins = |s: &Section| s.words + words <= MAX_JOINED_WORDS;
        if block.continues && self.open.is_none() && self.held.as_ref().is_some_and(|(s, _)| joins(s)) {
            self.open = self.held.take();
        }
        let (section, _) = self.open.get_or_insert_with(|| (new_section(0, String::new(), Vec::new(), line), at));
        if !add_block(section, block) {
            section.words += words;
        }
        // Enough words, or blocks that say almost nothing (a million rules)
        // in numbers no screen would lay out at once.
        if section.words >= MIN_SECTION_WORDS || section.blocks.len() >= MAX_SECTION_PIECES {
            let done = self.open.take();
            if let Some((s, at)) = std::mem::replace(&mut self.held, done) {
                out.push((titled(s), at));
            }
        }
    }

    /// The end: the sections still held.
    pub(super) fn finish(self, out: &mut Vec<Cut>) {
        match (self.held, self.open) {
            (Some((mut prev, at)), Some((tail, _))) => {
                prev.blocks.extend(tail.blocks);
                if prev.claim.origin != crate::document::ClaimOrigin::Authored {
                    prev.claim = tail.claim;
                }
                out.push((titled(prev), at));
            }
            (one, other) => out.extend(one.or(other).map(|(s, at)| (titled(s), at))),
        }
    }
}

/// A section cut from paragraphs, titled with its opening words.
fn titled(mut s: Section) -> Section {
    s.title = opening_words(&s.blocks, UNTITLED).into();
    s
}

pub(super) fn is_line_per_paragraph(spans: &[Span]) -> bool {
    let breaks = spans.iter().filter(|s| s.marks.contains(Marks::SOFT_BREAK)).count();
    if breaks == 0 {
        return false;
    }
    let chars: usize =
        spans.iter().filter(|s| !s.marks.contains(Marks::SOFT_BREAK)).map(|s| s.text.chars().count()).sum();
    chars / (breaks + 1) >= LONG_LINE_CHARS
}

/// An HTML block that shows nothing: comments, or tags alone (`<div>`).
/// A claim annotation is kept: it is read, not shown.
pub(super) fn is_hidden_html(html: &str) -> bool {
    claim::parse_annotation(html).is_none() && crate::document::html::visible_text(html).is_empty()
}

pub(super) fn new_section(level: u8, title: String, heading: Vec<Span>, line: usize) -> Section {
    Section {
        level,
        title: title.into(),
        heading,
        heading_id: 0,
        line,
        blocks: Vec::new(),
        claim: Claim::placeholder(),
        words: 0,
        parked: false,
        alone: false,
    }
}

/// Adds a block to a section, or reads it as the section's authored claim.
/// Returns true when the block was a claim annotation.
pub(super) fn add_block(section: &mut Section, mut block: Block) -> bool {
    if let BlockKind::Html(html) = &block.kind
        && let Some(text) = claim::parse_annotation(html)
    {
        if section.claim.origin != crate::document::ClaimOrigin::Authored {
            section.claim = Claim::authored(text);
        }
        return true;
    }
    // A section starts afresh, whatever a cut did before it.
    block.continues &= !section.blocks.is_empty();
    // A numbered list a cut made goes on counting from the one before it.
    if block.continues
        && let (Some(BlockKind::List { start: Some(from), items }), BlockKind::List { start: Some(start), .. }) =
            (section.blocks.last().map(|b| &b.kind), &mut block.kind)
    {
        *start = from.saturating_add(items.len() as u64);
    }
    section.blocks.push(block);
    false
}

/// The first few words of a section, for a title when it has no heading;
/// `untitled` when it has no words.
pub(super) fn opening_words(blocks: &[Block], untitled: &str) -> String {
    const MAX_WORDS: usize = 7;
    const MAX_CHARS: usize = 48;
    // Prose first: raw HTML and rows of badges make poor titles.
    let texts = || {
        blocks
            .iter()
            .filter(|b| match &b.kind {
                BlockKind::Html(_) => false,
                BlockKind::Paragraph(spans) => {
                    !crate::document::is_decoration(spans) && !crate::document::is_link_list(spans)
                }
                // A list of links is a table of contents, not an opening.
                BlockKind::List { .. } => {
                    let mut all_links = true;
                    b.walk(&mut |x| {
                        if let BlockKind::Paragraph(spans) = &x.kind {
                            all_links &= crate::document::is_link_list(spans);
                        }
                    });
                    !all_links
                }
                _ => true,
            })
            .map(|b| match &b.kind {
                // An alert's words, not the kind it is.
                BlockKind::Quote(inner) if inner.first().is_some_and(super::events::is_alert_label) => {
                    collapse_ws(&inner[1..].iter().map(|b| b.text()).collect::<Vec<_>>().join(" "))
                }
                _ => collapse_ws(&b.text()),
            })
    };
    let text = texts()
        .find(|t| t.split_whitespace().count() >= 3)
        .or_else(|| texts().find(|t| !t.is_empty()))
        .unwrap_or_default();
    if text.is_empty() {
        return untitled.to_string();
    }
    let mut out = String::new();
    let mut cut = false;
    for (i, word) in text.split_whitespace().enumerate() {
        if i == MAX_WORDS || out.chars().count() + word.chars().count() + 1 > MAX_CHARS {
            cut = true;
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        // One enormous word: cut it by characters.
        out = text.chars().take(MAX_CHARS - 1).collect();
        cut = text.chars().count() > out.chars().count();
    }
    let out = out.trim_end_matches([',', ';', ':', '.', '—', '-']).to_string();
    if cut { format!("{out}…") } else { out }
}

/// Gives every heading and block an id, increasing in document order,
/// after `last`, and leaves `last` at the last one given.
pub(super) fn number_blocks(sections: &mut [Section], last: &mut u32) {
    let mut next = || {
        *last = last.saturating_add(1);
        *last
    };
    for s in sections {
        s.heading_id = next();
        for b in &mut s.blocks {
            b.walk_mut(&mut |b| b.id = next());
        }
    }
}

/// Byte offset to 1-based line number, for offsets asked in document
/// order (each counts the lines since the one before; an earlier offset
/// counts from the start): no table of every line is kept.
pub(super) struct LineIndex<'t> {
    text: &'t [u8],
    /// The last offset asked, the line breaks before it (from the line
    /// counting started at) and the lines cuts put in before it.
    last: std::cell::Cell<(usize, usize, usize)>,
    /// Where counting started, and that line.
    first: (usize, usize),
}

impl<'t> LineIndex<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        LineIndex::starting(text, 0, 1)
    }
    /// Lines counted on from `line` at `offset`.
    pub(super) fn starting(text: &'t str, offset: usize, line: usize) -> Self {
        LineIndex { text: text.as_bytes(), last: std::cell::Cell::new((offset, 0, 0)), first: (offset, line) }
    }
    /// The line `offset` is on as the author wrote it: the text's lines less
    /// those a cut put in.
    pub(super) fn line(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let (from, breaks, put_in) = match self.last.get() {
            last @ (at, _, _) if at <= offset => last,
            _ => (self.first.0.min(offset), 0, 0),
        };
        let slice = &self.text[from..offset];
        let breaks = breaks + slice.iter().filter(|&&b| b == b'\n').count();
        let put_in = put_in + super::blocks::lines_put_in(std::str::from_utf8(slice).unwrap_or(""));
        self.last.set((offset, breaks, put_in));
        (self.first.1 + breaks).saturating_sub(put_in).max(1)
    }
}
