//! The one wrapper: lays a [`Document`] out into rows no wider than a width,
//! measured in terminal cells (CJK and emoji are two cells and never split).
//! The code that counts rows is the code that draws them: the view and the
//! print mode both slice these rows.
//!
//! Here: the rows and the layout's lifecycle primitives (whole, sections
//! again at a new width); `lines` breaks inline text, `literal` lays out
//! code and HTML, `tables` tables.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

mod targets;
pub use targets::LinkTargets;

use super::syntax::{Highlights, Token};
use crate::document::{Block, BlockKind, Document, Marks, Section, Span};

/// What a piece of text is, for the theme to style. Never a colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Body,
    Title,
    Meta,
    Heading(u8),
    Quote,
    QuoteBar,
    ListMarker,
    Code,
    /// A highlighted piece of a code block.
    Syntax(Token),
    Continuation,
    TableBorder,
    TableHeader,
    Rule,
    FootnoteLabel,
    Html,
    LinkNote,
}

/// A kind plus inline marks; `claim` marks an extracted claim's sentence;
/// `link` is 1 + the index of the link's target in [`WrappedDoc::links`]
/// (0: not a link).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Role {
    pub kind: Kind,
    pub marks: Marks,
    pub claim: bool,
    pub link: u32,
}

impl Role {
    pub const fn of(kind: Kind) -> Role {
        Role { kind, marks: Marks::NONE, claim: false, link: 0 }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub text: String,
    pub role: Role,
}

/// A row's pieces, which never grow once it is made: one pointer, null
/// for none, as most rows of a large document have (those far from the
/// screen keep only their places): 16 bytes a row instead of 24.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pieces(Option<Box<Box<[Segment]>>>);

impl std::ops::Deref for Pieces {
    type Target = [Segment];
    fn deref(&self) -> &[Segment] {
        self.0.as_deref().map_or(&[], |b| b)
    }
}

impl<'a> IntoIterator for &'a Pieces {
    type Item = &'a Segment;
    type IntoIter = std::slice::Iter<'a, Segment>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl From<Vec<Segment>> for Pieces {
    fn from(segments: Vec<Segment>) -> Pieces {
        Pieces((!segments.is_empty()).then(|| Box::new(segments.into_boxed_slice())))
    }
}

/// One screen row of the article.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub segments: Pieces,
    /// The block this row shows (0 for the document header).
    pub block: u32,
    /// Where in the block the row starts (characters of text, or table rows),
    /// so a position survives a re-wrap at another width.
    pub start: u32,
}

impl Row {
    /// A row to keep: its pieces hold no spare capacity (a large document
    /// keeps hundreds of thousands of rows).
    fn kept(mut segments: Vec<Segment>, block: u32, start: u32) -> Row {
        for s in &mut segments {
            s.text.shrink_to_fit();
        }
        Row { segments: segments.into(), block, start }
    }

    pub fn text(&self) -> String {
        self.segments.iter().map(|s| s.text.as_str()).collect()
    }
    pub fn width(&self) -> usize {
        self.segments.iter().map(|s| s.text.width()).sum()
    }
}

/// A position in the document that does not depend on the width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub block: u32,
    pub start: u32,
}

/// The article laid out for one width: its rows, numbered from the top,
/// kept a section at a time (`store`).
#[derive(Clone, Debug, Default)]
pub struct WrappedDoc {
    pub width: usize,
    /// The title and metadata rows (and the blank row after them).
    head: Vec<Row>,
    /// Each section's rows to the next section's first, with their text;
    /// none for a section that keeps only its rows' places.
    kept: Vec<Option<Box<Box<[Row]>>>>,
    /// Every section's rows' places, a few bytes a row (`store::encode`),
    /// each section's from `place_at`; `dead`: bytes no section uses.
    places: Vec<u8>,
    place_at: Vec<u32>,
    dead: usize,
    /// Rows in all.
    total: usize,
    /// First row of each section.
    pub section_start: Vec<usize>,
    /// Link targets, in order: an address, or `^label` for a footnote.
    pub links: LinkTargets,
    /// Links and link notes numbered before each section (both count from
    /// the top of the document), so sections can be laid out again alone.
    numbered_before: Vec<(u32, u32)>,
    /// The width each section is laid out at (0: to be laid out again).
    /// Narrow numbers, here and above: a document may have millions of
    /// sections.
    section_width: Vec<u32>,
    /// The width each section's rows were made at (kept through
    /// [`WrappedDoc::invalidate`], so rows that keep only their places can
    /// be made again the same).
    rows_width: Vec<u32>,
    /// Sections that keep only their rows' places.
    stubs: usize,
}

impl WrappedDoc {
    /// The section shown at `row` (the last one starting at or before it).
    pub fn section_at(&self, row: usize) -> usize {
        self.section_start.partition_point(|&s| s <= row).saturating_sub(1)
    }
}

/// Narrowest width the wrapper lays out for (a two-cell character must fit).
pub const MIN_WIDTH: usize = 2;

/// Lays out the whole document at `width` cells, for the reader: links are
/// marked in the text and followed with `o`, their addresses not listed;
/// code is coloured as far as `code` has highlighted it. A function of its
/// arguments only.
pub fn wrap(doc: &Document, code: &Highlights, width: usize) -> WrappedDoc {
    wrap_as(doc, code, width, false)
}

/// [`wrap`] for print: each link's text is followed by a numbered note
/// `[n]`, and the addresses are listed after each section (a link to a
/// heading of the document, `#anchor`, gets none).
pub fn wrap_for_print(doc: &Document, code: &Highlights, width: usize) -> WrappedDoc {
    wrap_as(doc, code, width, true)
}

/// [`wrap_for_print`] a piece at a time: the document's `head` (title and
/// metadata) with the first piece, then `sections` as they come; `count`
/// holds the links and notes numbered so far and is moved on. Hands `out`
/// the piece's rows a few hundred at a time, with its link targets so far
/// (the first numbered `count.0 + 1`); all the rows, one after another, are
/// [`wrap_for_print`]'s rows.
pub fn wrap_piece_for_print(
    head: Option<&Document>,
    sections: &[Section],
    code: &Highlights,
    width: usize,
    count: &mut (u32, usize),
    out: &mut RowSink<'_>,
) {
    let mut w = Wrapper::new(width.max(MIN_WIDTH), code);
    w.link_notes = true;
    w.spill = Some(out);
    (w.link_base, w.note_count) = *count;
    let first = head.is_some();
    if let Some(doc) = head {
        w.head(doc);
    }
    for section in sections {
        if !w.rows.is_empty() || !first {
            w.blank(&[]);
        }
        w.section(section);
    }
    *count = (w.link_base + w.links.len() as u32, w.note_count);
    let rows = std::mem::take(&mut w.rows);
    if let Some(out) = w.spill.take() {
        out(&rows, &w.links);
    }
}

/// Rows a print holds before it writes them.
const SPILL_ROWS: usize = 512;

/// [`wrap`], keeping of each section only its rows' places (their text is
/// laid out again when shown, [`WrappedDoc::restore`]): the whole layout of
/// a large document, made elsewhere, in a few bytes a row.
pub fn wrap_stubbed(doc: &Document, code: &Highlights, width: usize) -> WrappedDoc {
    wrap_as_with(doc, code, width, false, true)
}

fn wrap_as(doc: &Document, code: &Highlights, width: usize, link_notes: bool) -> WrappedDoc {
    wrap_as_with(doc, code, width, link_notes, false)
}

fn wrap_as_with(doc: &Document, code: &Highlights, width: usize, link_notes: bool, stub: bool) -> WrappedDoc {
    let mut laying = Laying::new(doc, code, width, stub);
    laying.w.link_notes = link_notes;
    for section in doc.whole_sections() {
        laying.section(&section);
    }
    laying.finish()
}

/// A whole layout made a section at a time, as the sections come: the
/// document's head first, then [`Laying::section`] for each in order;
/// [`Laying::finish`] is [`wrap`] (or [`wrap_stubbed`]) of them all. Each
/// section's rows go to the layout's store once the next begins (with the
/// blank row between them), the last row's place kept for what comes next
/// to look at.
pub struct Laying<'c> {
    w: Wrapper<'c>,
    stub: bool,
    out: WrappedDoc,
    /// Whether `w.rows` begins with the last row stored (a placeholder).
    seeded: bool,
    /// Going on after rows stored elsewhere, which end with the blank row
    /// before the first section.
    resumed: bool,
}

impl<'c> Laying<'c> {
    /// Begins with `head`'s title and metadata (its sections are not
    /// read); `stub`: keep only the places of the sections' rows.
    pub fn new(head: &Document, code: &'c Highlights, width: usize, stub: bool) -> Laying<'c> {
        let mut w = Wrapper::new(width.max(MIN_WIDTH), code);
        w.head(head);
        let out = WrappedDoc { width: w.width, ..WrappedDoc::default() };
        Laying { w, stub, out, seeded: false, resumed: false }
    }

    /// Goes on after rows already stored: `last`, the place of the row
    /// before (none: there is none), and the links and notes numbered so
    /// far. Its head is then empty, and its first section starts at row 0.
    fn after(last: Option<(u32, u32)>, numbered: (u32, u32), code: &'c Highlights, width: usize) -> Laying<'c> {
        let mut w = Wrapper::new(width.max(MIN_WIDTH), code);
        (w.link_base, w.note_count) = (numbered.0, numbered.1 as usize);
        w.rows.extend(last.map(store::placeholder));
        let out = WrappedDoc { width: w.width, ..WrappedDoc::default() };
        Laying { w, stub: false, seeded: last.is_some(), resumed: true, out }
    }

    /// Makes room for `sections` more.
    pub fn reserve(&mut self, sections: usize) {
        let o = &mut self.out;
        o.section_start.reserve_exact(sections);
        o.numbered_before.reserve_exact(sections);
        o.kept.reserve_exact(sections);
        o.place_at.reserve_exact(sections);
    }

    /// Lays out the next section (with all its blocks).
    pub fn section(&mut self, section: &Section) {
        let resumed = std::mem::take(&mut self.resumed);
        if !resumed && !self.w.rows.is_empty() {
            self.w.blank(&[]);
        }
        self.store();
        let before = (self.w.link_base + self.w.links.len() as u32, narrow(self.w.note_count));
        self.out.section_start.push(self.out.total);
        self.out.numbered_before.push(before);
        self.w.section(section);
    }

    /// Stores the rows made since the last row stored, as the head or the
    /// last section's.
    fn store(&mut self) {
        // The rows themselves, not a copy (a section of a million rows held
        // them twice while it was stored), the last one's place kept.
        let rows = if self.w.rows.len() > usize::from(self.seeded) {
            let mut rows = std::mem::take(&mut self.w.rows);
            if self.seeded {
                rows.remove(0);
            }
            let last = &rows[rows.len() - 1];
            self.w.rows.push(store::placeholder((last.block, last.start)));
            self.seeded = true;
            rows
        } else {
            Vec::new()
        };
        let o = &mut self.out;
        o.total += rows.len();
        if o.section_start.is_empty() {
            o.head.extend(rows);
            return;
        }
        let i = o.section_start.len() - 1;
        o.replace_places(i, &rows);
        if self.stub {
            o.kept.push(None);
            o.stubs += 1;
        } else {
            o.kept.push(Some(Box::new(rows.into_boxed_slice())));
        }
    }

    pub fn finish(mut self) -> WrappedDoc {
        self.store();
        self.finish_stored()
    }

    /// [`Laying::finish`], with the blank row before a section that
    /// follows (laid out elsewhere) when there were rows.
    fn finish_before_more(mut self) -> WrappedDoc {
        if !self.w.rows.is_empty() {
            self.w.blank(&[]);
        }
        self.finish()
    }

    fn finish_stored(mut self) -> WrappedDoc {
        let n = self.out.section_start.len();
        self.w.links.settle();
        let o = &mut self.out;
        o.head.shrink_to_fit();
        o.places.shrink_to_fit();
        o.links = std::mem::take(&mut self.w.links);
        o.section_width = vec![narrow(o.width); n];
        o.rows_width = vec![narrow(o.width); n];
        self.out
    }
}

/// A width or a count kept for every section, in 32 bits (no terminal and
/// no document under a size limit has more).
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

type Prefix = Vec<Segment>;

/// What takes rows as they are made, with the link targets so far.
type RowSink<'a> = dyn FnMut(&[Row], &LinkTargets) + 'a;

struct Wrapper<'a> {
    width: usize,
    /// The code highlighted so far.
    code: &'a Highlights,
    rows: Vec<Row>,
    /// Link addresses waiting to be listed at the end of the section.
    notes: Vec<(usize, String, u32)>,
    note_count: usize,
    /// The extracted claim's sentence: (block, start, end) in characters.
    claim: Option<(u32, usize, usize)>,
    links: LinkTargets,
    /// Links numbered before the first section laid out.
    link_base: u32,
    /// Number links and list their addresses (print).
    link_notes: bool,
    /// Where rows go as they are made, a few hundred at a time (print: a
    /// section of a million blocks is never laid out whole).
    spill: Option<&'a mut RowSink<'a>>,
}

impl<'a> Wrapper<'a> {
    fn new(width: usize, code: &'a Highlights) -> Wrapper<'a> {
        Wrapper {
            link_notes: false,
            width,
            code,
            rows: Vec::new(),
            notes: Vec::new(),
            note_count: 0,
            claim: None,
            links: LinkTargets::default(),
            link_base: 0,
            spill: None,
        }
    }

    /// Hands the rows made so far to [`Wrapper::spill`] once there are
    /// enough, keeping the last (what comes next looks at it).
    fn spill_rows(&mut self, at_least: usize) {
        if self.rows.len() < at_least.max(2) {
            return;
        }
        if let Some(spill) = &mut self.spill {
            let last = self.rows.pop();
            spill(&self.rows, &self.links);
            self.rows.clear();
            self.rows.extend(last);
        }
    }

    /// The document's title and metadata rows.
    fn head(&mut self, doc: &Document) {
        if !doc.title.is_empty() {
            self.inline(&[Span::plain(doc.title.clone())], 0, &[], &[], Kind::Title);
        }
        // After the title's characters, so places never step back.
        let after_title = narrow(doc.title.chars().count() + 1);
        let meta: Vec<String> = doc
            .metadata
            .iter()
            .filter(|(k, _)| !k.eq_ignore_ascii_case("title"))
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        if !meta.is_empty() {
            self.inline_at(&[Span::plain(meta.join(" · "))], 0, after_title, &[], &[], Kind::Meta);
        }
    }
}

fn is_empty_heading(block: &Block) -> bool {
    matches!(&block.kind, BlockKind::Heading { content, .. } if content.iter().all(|s| s.text.trim().is_empty()))
}

impl Wrapper<'_> {
    fn section(&mut self, section: &Section) {
        self.claim = section.claim.spot.map(|s| (s.block, s.start as usize, s.end as usize));
        if section.level > 0 {
            self.inline(&section.heading, section.heading_id, &[], &[], Kind::Heading(section.level));
            if self.rows.last().is_some_and(|r| r.block != section.heading_id) {
                // An empty heading still gets its row, so the section has a start.
                self.rows.push(Row { segments: Pieces::default(), block: section.heading_id, start: 0 });
            }
        }
        // A heading inside a section with no text shows nothing: no row, no
        // blank line before it (a million `#` lines, past the sections a
        // document may have, were two million blank rows).
        let mut shown = false;
        for (i, block) in section.blocks.iter().filter(|b| !is_empty_heading(b)).enumerate() {
            shown = true;
            // A block a cut made goes on where the one before it ended.
            if (i > 0 || section.level > 0) && !block.continues {
                self.blank(&[]);
            }
            self.block(block, &[], &[], false);
        }
        // A section that shows nothing still gets a row, so it has a start.
        if section.level == 0 && !shown {
            self.rows.push(Row { segments: Pieces::default(), block: section.heading_id, start: 0 });
        }
        if !self.notes.is_empty() {
            let notes = std::mem::take(&mut self.notes);
            self.blank(&[]);
            for (n, url, block) in notes {
                let label = format!("[{n}] ");
                let first = vec![Segment { text: label.clone(), role: Role::of(Kind::LinkNote) }];
                let rest = vec![Segment { text: " ".repeat(label.width()), role: Role::of(Kind::LinkNote) }];
                self.inline_at(&[Span::plain(url)], block, u32::MAX, &first, &rest, Kind::LinkNote);
            }
        }
    }

    fn blank(&mut self, prefix: &[Segment]) {
        let mut segments: Vec<Segment> = prefix.to_vec();
        if let Some(last) = segments.last_mut() {
            let t = last.text.trim_end().to_string();
            last.text = t;
        }
        segments.retain(|s| !s.text.is_empty());
        let (block, start) = self.rows.last().map(|r| (r.block, u32::MAX)).unwrap_or((0, 0));
        self.rows.push(Row::kept(segments, block, start));
    }

    /// Adds `add` to a prefix unless the prefix already takes half the width
    /// (deep nesting then stops indenting instead of squeezing text out).
    fn indent(&self, prefix: &[Segment], add: &str, role: Role) -> Prefix {
        let mut p = prefix.to_vec();
        if prefix_width(prefix) + add.width() <= self.width / 2 {
            p.push(Segment { text: add.to_string(), role });
        }
        p
    }

    fn block(&mut self, block: &Block, first: &[Segment], rest: &[Segment], quoted: bool) {
        let body = if quoted { Kind::Quote } else { Kind::Body };
        match &block.kind {
            BlockKind::Paragraph(spans) => self.inline(spans, block.id, first, rest, body),
            BlockKind::Heading { level, content } => self.inline(content, block.id, first, rest, Kind::Heading(*level)),
            BlockKind::Quote(blocks) => {
                let bar = Role::of(Kind::QuoteBar);
                let f = self.indent(first, "│ ", bar);
                let r = self.indent(rest, "│ ", bar);
                for (i, b) in blocks.iter().enumerate() {
                    if i > 0 {
                        self.blank(&r);
                    }
                    self.block(b, if i == 0 { &f } else { &r }, &r, true);
                }
                if blocks.is_empty() {
                    self.blank(&f);
                }
            }
            BlockKind::List { start, items } => {
                let depth = first.iter().filter(|s| s.role.kind == Kind::ListMarker).count();
                let last_number = start.unwrap_or(1).saturating_add(items.len() as u64);
                let number_width = last_number.to_string().len();
                for (i, item) in items.iter().enumerate() {
                    let mut marker = match start {
                        Some(n) => format!("{:>w$}. ", n.saturating_add(i as u64), w = number_width),
                        None => ["• ", "◦ ", "▪ "][depth % 3].to_string(),
                    };
                    if let Some(done) = item.task {
                        marker.push_str(if done { "[x] " } else { "[ ] " });
                    }
                    let role = Role::of(Kind::ListMarker);
                    let f = self.indent(if i == 0 { first } else { rest }, &marker, role);
                    // The hanging indent carries the marker role so nested
                    // lists can count their depth.
                    let r = self.indent(rest, &" ".repeat(marker.width()), role);
                    for (j, b) in item.blocks.iter().enumerate() {
                        // A nested list follows its item's text directly.
                        if j > 0 && !matches!(b.kind, BlockKind::List { .. }) {
                            self.blank(&r);
                        }
                        self.block(b, if j == 0 { &f } else { &r }, &r, quoted);
                    }
                    if item.blocks.is_empty() {
                        // At the list's place, or after the row before:
                        // places never step back (the item before may have
                        // shown blocks of its own, with later ids).
                        let at = (block.id, i as u32);
                        let (b, s) = match self.rows.last() {
                            Some(r) if (r.block, r.start) > at => (r.block, u32::MAX),
                            _ => at,
                        };
                        self.push_row(f.clone(), Vec::new(), b, s);
                    }
                }
            }
            BlockKind::Code { text, lang } => {
                // Only what was highlighted: layout never compiles a grammar.
                let tokens = lang.as_deref().and_then(|l| self.code.get(l, text));
                self.literal(text, tokens, block.id, first, rest, Kind::Code)
            }
            BlockKind::Html(html) => {
                // What a browser would show: text and image descriptions,
                // a line for each of its lines (nothing for a nested claim
                // annotation).
                // Laid out a line at a time (a 2 MB block of one line a
                // tag held its every word at once), each line starting at
                // its character in the block, as one run of spans would.
                let text = crate::document::html::visible_text(html);
                let mut base = 0u32;
                // No row for an empty last line after a break.
                for (i, line) in text.split_terminator('\n').enumerate() {
                    let lead = if i == 0 { first } else { rest };
                    self.inline_at(&[Span::plain(line)], block.id, base, lead, rest, Kind::Html);
                    base = base.saturating_add(line.chars().count() as u32 + 1);
                }
            }
            BlockKind::Table(t) => self.table(&t.aligns, &t.header, &t.rows, block.id, first, rest),
            BlockKind::Rule => {
                let avail = self.width.saturating_sub(prefix_width(first)).clamp(1, 40);
                let seg = Segment { text: "─".repeat(avail), role: Role::of(Kind::Rule) };
                self.push_row(first.to_vec(), vec![seg], block.id, 0);
            }
            BlockKind::Footnote { label, blocks } => {
                // Footnotes are marked `[^label]`, apart from link notes `[n]`.
                let tag = format!("[^{label}] ");
                let f = self.indent(first, &tag, Role::of(Kind::FootnoteLabel));
                let r = self.indent(rest, &" ".repeat(tag.width()), Role::of(Kind::Body));
                for (i, b) in blocks.iter().enumerate() {
                    if i > 0 {
                        self.blank(&r);
                    }
                    self.block(b, if i == 0 { &f } else { &r }, &r, quoted);
                }
                if blocks.is_empty() {
                    self.push_row(f, Vec::new(), block.id, 0);
                }
            }
        }
    }

    fn push_row(&mut self, prefix: Prefix, body: Vec<Segment>, block: u32, start: u32) {
        let mut segments = prefix;
        for s in body {
            push_merged(&mut segments, s.text, s.role);
        }
        self.rows.push(Row::kept(segments, block, start));
        // Print never holds a block of a million rows whole.
        self.spill_rows(SPILL_ROWS);
    }
}

/// Wraps plain text (a claim, a title) into lines of at most `width` cells
/// with the same wrapper as the article.
pub fn wrap_text(text: &str, width: usize) -> Vec<String> {
    let width = width.max(MIN_WIDTH);
    let none = Highlights::default();
    let mut w = Wrapper::new(width, &none);
    w.inline(&[Span::plain(text)], 0, &[], &[], Kind::Body);
    w.rows.into_iter().map(|r| r.text()).collect()
}

/// Cuts `text` to `width` cells, ending with `…` when something was cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        if used + g.width() + 1 > width {
            break;
        }
        used += g.width();
        out.push_str(g);
    }
    let trimmed = out.trim_end().to_string();
    format!("{trimmed}…")
}

mod lines;
mod literal;
mod relayout;
mod store;
mod tables;

use lines::*;

#[cfg(test)]
mod tests;
