//! The one wrapper: lays a [`Document`] out into rows no wider than a width,
//! measured in terminal cells (CJK and emoji are two cells and never split).
//! The code that counts rows is the code that draws them: the view and the
//! print mode both slice these rows.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::syntax::{self, Highlights, Token};
use crate::document::{Align, Block, BlockKind, Document, Marks, Section, Span, plain_text};

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

/// One screen row of the article.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub segments: Vec<Segment>,
    /// The block this row shows (0 for the document header).
    pub block: u32,
    /// Where in the block the row starts (characters of text, or table rows),
    /// so a position survives a re-wrap at another width.
    pub start: u32,
}

impl Row {
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

/// The article laid out for one width.
#[derive(Clone, Debug, Default)]
pub struct WrappedDoc {
    pub width: usize,
    pub rows: Vec<Row>,
    /// First row of each section.
    pub section_start: Vec<usize>,
    /// Link targets, in order: an address, or `^label` for a footnote.
    pub links: Vec<String>,
    /// Links and link notes numbered before each section (both count from
    /// the top of the document), so sections can be laid out again alone.
    numbered_before: Vec<(u32, usize)>,
    /// The width each section was laid out at.
    section_width: Vec<usize>,
}

impl WrappedDoc {
    /// The section shown at `row` (the last one starting at or before it).
    pub fn section_at(&self, row: usize) -> usize {
        self.section_start.partition_point(|&s| s <= row).saturating_sub(1)
    }

    pub fn anchor(&self, row: usize) -> Anchor {
        self.rows.get(row).map(|r| Anchor { block: r.block, start: r.start }).unwrap_or(Anchor { block: 0, start: 0 })
    }

    /// The row that shows `anchor` (the last row starting at or before it).
    pub fn row_of(&self, anchor: Anchor) -> usize {
        self.rows.partition_point(|r| (r.block, r.start) <= (anchor.block, anchor.start)).saturating_sub(1)
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

fn wrap_as(doc: &Document, code: &Highlights, width: usize, link_notes: bool) -> WrappedDoc {
    let width = width.max(MIN_WIDTH);
    let mut w = Wrapper::new(width, code);
    w.link_notes = link_notes;
    w.head(doc);
    let mut section_start = Vec::with_capacity(doc.sections.len());
    let mut numbered_before = Vec::with_capacity(doc.sections.len());
    for section in &doc.sections {
        if !w.rows.is_empty() {
            w.blank(&[]);
        }
        section_start.push(w.rows.len());
        numbered_before.push((w.links.len() as u32, w.note_count));
        w.section(section);
    }
    WrappedDoc {
        width,
        rows: w.rows,
        section_start,
        links: w.links,
        section_width: vec![width; numbered_before.len()],
        numbered_before,
    }
}

impl WrappedDoc {
    /// Section `i` is laid out at the layout's width.
    pub fn section_fits(&self, i: usize) -> bool {
        self.section_width.get(i).is_none_or(|&w| w == self.width)
    }

    /// Only some sections are laid out at `width`; the others still have
    /// rows from an earlier one ([`WrappedDoc::relayout_sections`]).
    pub fn partial(&self) -> bool {
        self.section_width.iter().any(|&w| w != self.width)
    }

    /// Marks every section as needing to be laid out again (new code
    /// colours): the rows stay until [`WrappedDoc::relayout_sections`] or a
    /// whole layout replaces them.
    pub fn invalidate(&mut self) {
        self.section_width.iter_mut().for_each(|w| *w = 0);
    }

    /// Makes `width` the layout's width, before any section has it (they
    /// get it from [`WrappedDoc::relayout_sections`]).
    pub fn retarget(&mut self, width: usize) {
        self.width = width.max(MIN_WIDTH);
    }

    /// Lays the sections in `range` out again at `width`, in place, leaving
    /// the others as they were (and the layout partial unless the range is
    /// every section or they already had `width`). The range's rows are then exactly the rows [`wrap`]
    /// makes for them at `width`: a large document shows its screen at a
    /// new width at once this way, while the whole is laid out elsewhere.
    /// `doc` must be the document this layout was made from.
    pub fn relayout_sections(
        &mut self,
        doc: &Document,
        code: &Highlights,
        width: usize,
        range: std::ops::Range<usize>,
    ) {
        let n = self.section_start.len().min(doc.sections.len());
        let range = range.start.min(n)..range.end.min(n);
        if range.is_empty() {
            return;
        }
        let width = width.max(MIN_WIDTH);
        let mut w = Wrapper::new(width, code);
        (w.link_base, w.note_count) = self.numbered_before[range.start];
        // A section's rows begin with the blank row before it, if any; the
        // first section's include the document's title.
        let piece_start = |i: usize| if i == 0 { 0 } else { self.section_start[i].saturating_sub(1) };
        let from = piece_start(range.start);
        let to = if range.end < n { piece_start(range.end) } else { self.rows.len() };
        if range.start == 0 {
            w.head(doc);
        } else if from < self.section_start[range.start] {
            // The blank row, which is the same at any width.
            w.rows.push(self.rows[from].clone());
        }
        let mut starts = Vec::with_capacity(range.len());
        for (k, section) in doc.sections[range.clone()].iter().enumerate() {
            if !w.rows.is_empty() && (k > 0 || range.start == 0) {
                w.blank(&[]);
            }
            starts.push(from + w.rows.len());
            w.section(section);
        }
        let (old, new) = (to - from, w.rows.len());
        self.rows.splice(from..to, w.rows);
        for (i, start) in range.clone().zip(starts) {
            self.section_start[i] = start;
            self.section_width[i] = width;
        }
        for s in &mut self.section_start[range.end..] {
            *s = *s + new - old;
        }
        self.width = width;
    }
}

type Prefix = Vec<Segment>;

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
    links: Vec<String>,
    /// Links numbered before the first section laid out.
    link_base: u32,
    /// Number links and list their addresses (print).
    link_notes: bool,
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
            links: Vec::new(),
            link_base: 0,
        }
    }

    /// The document's title and metadata rows.
    fn head(&mut self, doc: &Document) {
        if !doc.title.is_empty() {
            self.inline(&[Span::plain(doc.title.clone())], 0, &[], &[], Kind::Title);
        }
        let meta: Vec<String> = doc
            .metadata
            .iter()
            .filter(|(k, _)| !k.eq_ignore_ascii_case("title"))
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        if !meta.is_empty() {
            self.inline(&[Span::plain(meta.join(" · "))], 0, &[], &[], Kind::Meta);
        }
    }
}

/// A unit the greedy wrapper places: a word, one wide character, a space, a
/// forced break.
enum Tok {
    /// `pieces` indexes the shared list of word pieces.
    Word {
        pieces: std::ops::Range<usize>,
        width: usize,
        off: u32,
    },
    Space(Role),
    Break,
}

/// Builds words out of borrowed pieces of the spans' text.
struct Words<'a> {
    toks: Vec<Tok>,
    pieces: Vec<(Cow<'a, str>, Role)>,
    /// The piece being extended: source text, byte range, role.
    open: Option<(&'a str, usize, usize, Role)>,
    word_start: usize,
    word_w: usize,
    word_off: u32,
}

impl<'a> Words<'a> {
    /// Adds `text[start..end]` (of `width` cells, at character `off`) to the current word.
    fn add(&mut self, text: &'a str, start: usize, end: usize, role: Role, width: usize, off: usize) {
        if self.word_w == 0 && self.open.is_none() && self.pieces.len() == self.word_start {
            self.word_off = off as u32;
        }
        match &mut self.open {
            Some((t, _, e, r)) if std::ptr::eq(*t, text) && *e == start && *r == role => *e = end,
            _ => {
                self.close_piece();
                self.open = Some((text, start, end, role));
            }
        }
        self.word_w += width;
    }

    fn close_piece(&mut self) {
        if let Some((t, s, e, r)) = self.open.take() {
            self.pieces.push((Cow::Borrowed(&t[s..e]), r));
        }
    }

    fn flush_word(&mut self) {
        self.close_piece();
        if self.pieces.len() > self.word_start {
            self.toks.push(Tok::Word {
                pieces: self.word_start..self.pieces.len(),
                width: self.word_w,
                off: self.word_off,
            });
        }
        self.word_start = self.pieces.len();
        self.word_w = 0;
    }
}

fn prefix_width(p: &[Segment]) -> usize {
    p.iter().map(|s| s.text.width()).sum()
}

impl Wrapper<'_> {
    fn section(&mut self, section: &Section) {
        self.claim = section.claim.spot.map(|s| (s.block, s.start, s.end));
        if section.level > 0 {
            self.inline(&section.heading, section.heading_id, &[], &[], Kind::Heading(section.level));
            if self.rows.last().is_some_and(|r| r.block != section.heading_id) {
                // An empty heading still gets its row, so the section has a start.
                self.rows.push(Row { segments: Vec::new(), block: section.heading_id, start: 0 });
            }
        }
        for (i, block) in section.blocks.iter().enumerate() {
            if i > 0 || section.level > 0 {
                self.blank(&[]);
            }
            self.block(block, &[], &[], false);
        }
        if section.level == 0 && section.blocks.is_empty() {
            self.rows.push(Row { segments: Vec::new(), block: section.heading_id, start: 0 });
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
        self.rows.push(Row { segments, block, start });
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
                        self.push_row(f.clone(), Vec::new(), block.id, i as u32);
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
                let text = crate::document::html::visible_text(html);
                let spans: Vec<Span> = text
                    .split('\n')
                    .enumerate()
                    .flat_map(|(i, line)| {
                        let brk = (i > 0).then(|| Span { marks: Marks::HARD_BREAK, ..Span::plain("\n".to_string()) });
                        brk.into_iter().chain(std::iter::once(Span::plain(line.to_string())))
                    })
                    .collect();
                if !text.is_empty() {
                    self.inline(&spans, block.id, first, rest, Kind::Html);
                }
            }
            BlockKind::Table { aligns, header, rows } => self.table(aligns, header, rows, block.id, first, rest),
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
        self.rows.push(Row { segments, block, start });
    }

    /// Wraps inline text greedily at spaces and around wide characters.
    fn inline(&mut self, spans: &[Span], block: u32, first: &[Segment], rest: &[Segment], kind: Kind) {
        self.inline_at(spans, block, 0, first, rest, kind)
    }

    #[allow(unused_assignments)] // the last flush! resets state nobody reads again
    fn inline_at(&mut self, spans: &[Span], block: u32, base: u32, first: &[Segment], rest: &[Segment], kind: Kind) {
        let claim = self.claim.filter(|c| c.0 == block).map(|c| (c.1, c.2));
        let (toks, arena) = self.tokens(spans, kind, claim, block);
        let mut prefix: &[Segment] = first;
        let avail_for = |p: &[Segment], width: usize| {
            let pw = prefix_width(p);
            if pw + 1 >= width { width } else { width - pw }
        };
        let mut line: Vec<Segment> = Vec::new();
        let mut line_w = 0usize;
        let mut line_start: Option<u32> = None;
        let mut pending: Option<Role> = None;
        let mut avail = avail_for(prefix, self.width);
        let mut last_off = 0u32;
        let mut emitted = false;

        macro_rules! flush {
            () => {{
                let p = if prefix_width(prefix) + 1 >= self.width { Vec::new() } else { prefix.to_vec() };
                let start = base.saturating_add(line_start.unwrap_or(last_off));
                self.push_row(p, std::mem::take(&mut line), block, start);
                emitted = true;
                line_w = 0;
                line_start = None;
                pending = None;
                prefix = rest;
                avail = avail_for(prefix, self.width);
            }};
        }

        for tok in toks {
            match tok {
                Tok::Space(role) => {
                    if line_w > 0 {
                        pending = Some(role);
                    }
                }
                Tok::Break => flush!(),
                Tok::Word { pieces, width, off } => {
                    last_off = off;
                    let space = usize::from(pending.is_some());
                    if line_w + space + width <= avail {
                        if let Some(role) = pending.take() {
                            push_merged(&mut line, " ", role);
                            line_w += 1;
                        }
                    } else if width <= avail {
                        flush!();
                    } else {
                        // Longer than a whole line: fill this line, then break
                        // at grapheme boundaries.
                        if line_w + space + 1 > avail {
                            flush!();
                        } else if let Some(role) = pending.take() {
                            push_merged(&mut line, " ", role);
                            line_w += 1;
                        }
                        let mut o = off;
                        for (text, role) in &arena[pieces] {
                            let role = *role;
                            if text.is_ascii() {
                                let mut rest: &str = text;
                                while !rest.is_empty() {
                                    if line_w >= avail {
                                        flush!();
                                    }
                                    let take = (avail - line_w).min(rest.len());
                                    if line_start.is_none() {
                                        line_start = Some(o);
                                    }
                                    push_merged(&mut line, &rest[..take], role);
                                    line_w += take;
                                    o += take as u32;
                                    rest = &rest[take..];
                                }
                                continue;
                            }
                            for g in text.graphemes(true) {
                                let gw = g.width();
                                if line_w + gw > avail && line_w > 0 {
                                    flush!();
                                }
                                if line_start.is_none() {
                                    line_start = Some(o);
                                }
                                push_merged(&mut line, g, role);
                                line_w += gw;
                                o += g.chars().count() as u32;
                            }
                        }
                        continue;
                    }
                    if line_start.is_none() {
                        line_start = Some(off);
                    }
                    for (text, role) in &arena[pieces] {
                        push_merged(&mut line, text.as_ref(), *role);
                    }
                    line_w += width;
                }
            }
        }
        if line_w > 0 || !emitted {
            flush!();
        }
    }

    /// Splits spans into tokens, marking the claim's characters and adding
    /// a `[n]` note after each link whose text is not its address. Word
    /// pieces borrow the spans' text and live in one shared list.
    fn tokens<'a>(
        &mut self,
        spans: &'a [Span],
        kind: Kind,
        claim: Option<(usize, usize)>,
        block: u32,
    ) -> (Vec<Tok>, Vec<(Cow<'a, str>, Role)>) {
        let mut w = Words { toks: Vec::new(), pieces: Vec::new(), open: None, word_start: 0, word_w: 0, word_off: 0 };
        let mut off = 0usize;
        let mut after_wide = false;
        let mut last_link: Option<&str> = None;
        for (i, span) in spans.iter().enumerate() {
            let target = match &span.link {
                Some(url) if !url.is_empty() => Some(url.as_ref()),
                _ if span.marks.contains(Marks::FOOTNOTE_REF) => Some(span.text.as_str()),
                _ => None,
            };
            // One id per link, even when its text has several spans.
            let link = match target {
                Some(t) if last_link == Some(t) => self.link_base + self.links.len() as u32,
                Some(t) => {
                    self.links.push(match span.marks.contains(Marks::FOOTNOTE_REF) {
                        true => format!("^{}", t.trim_start_matches('[').trim_start_matches('^').trim_end_matches(']')),
                        false => t.to_string(),
                    });
                    self.link_base + self.links.len() as u32
                }
                None => 0,
            };
            last_link = target;
            let base =
                Role { kind, marks: span.marks.without(Marks::SOFT_BREAK.with(Marks::HARD_BREAK)), claim: false, link };
            if span.marks.contains(Marks::HARD_BREAK) {
                w.flush_word();
                w.toks.push(Tok::Break);
                off += 1;
                continue;
            }
            let text = span.text.as_str();
            if text.is_ascii() {
                // Fast path: every byte is one cell-wide grapheme.
                let bytes = text.as_bytes();
                let mut k = 0;
                while k < bytes.len() {
                    if bytes[k] == b' ' || bytes[k] == b'\n' {
                        let at = off + k;
                        let role = Role { claim: claim.is_some_and(|(s, e)| at >= s && at < e), ..base };
                        w.flush_word();
                        after_wide = false;
                        w.toks.push(Tok::Space(role));
                        k += 1;
                        continue;
                    }
                    let j = bytes[k..].iter().position(|&b| b == b' ' || b == b'\n').map_or(bytes.len(), |p| k + p);
                    if after_wide && !is_closing(&text[k..k + 1]) {
                        w.flush_word();
                    }
                    after_wide = false;
                    // Split the run where the claim's sentence starts or ends.
                    while k < j {
                        let at = off + k;
                        let (in_claim, until) = match claim {
                            Some((s, _)) if at < s => (false, s - off),
                            Some((_, e)) if at < e => (true, e - off),
                            _ => (false, j),
                        };
                        let until = until.clamp(k + 1, j);
                        w.add(text, k, until, Role { claim: in_claim, ..base }, until - k, at);
                        k = until;
                    }
                }
                off += bytes.len();
            } else {
                for (at_byte, g) in text.grapheme_indices(true) {
                    let in_claim = claim.is_some_and(|(s, e)| off >= s && off < e);
                    let role = Role { claim: in_claim, ..base };
                    let n = g.chars().count();
                    if g.chars().all(char::is_whitespace) {
                        w.flush_word();
                        after_wide = false;
                        w.toks.push(Tok::Space(role));
                    } else {
                        let gw = g.width();
                        let wide = gw >= 2;
                        // A line may break before and after a wide character,
                        // but never before closing punctuation (。」、).
                        if (wide || after_wide) && !is_closing(g) {
                            w.flush_word();
                        }
                        after_wide = wide;
                        w.add(text, at_byte, at_byte + g.len(), role, gw, off);
                    }
                    off += n;
                }
            }
            // A link ends here: number its address unless the text is the address.
            if let Some(url) = &span.link {
                let next_same = spans.get(i + 1).is_some_and(|n| n.link.as_ref() == Some(url));
                let is_image = span.marks.contains(Marks::IMAGE);
                let anchor = url.starts_with('#');
                if self.link_notes
                    && !next_same
                    && !is_image
                    && !anchor
                    && !url.is_empty()
                    && plain_text(std::slice::from_ref(span)).trim() != url.as_ref()
                {
                    self.note_count += 1;
                    let n = self.note_count;
                    let label = format!("[{n}]");
                    let lw = label.width();
                    w.close_piece();
                    if w.word_w == 0 && w.pieces.len() == w.word_start {
                        w.word_off = off as u32;
                    }
                    w.pieces.push((Cow::Owned(label), Role::of(Kind::LinkNote)));
                    w.word_w += lw;
                    self.notes.push((n, url.to_string(), block));
                }
            }
        }
        w.flush_word();
        (w.toks, w.pieces)
    }

    /// Code and HTML: one row per source line, long lines continued on the
    /// next row after a `↪` mark. `tokens`, when given, colours each line's
    /// pieces (from [`syntax::Highlights`]).
    fn literal(
        &mut self,
        text: &str,
        tokens: Option<&[syntax::LineTokens]>,
        block: u32,
        first: &[Segment],
        rest: &[Segment],
        kind: Kind,
    ) {
        let plain = Role::of(kind);
        let mark = Segment { text: "↪ ".to_string(), role: Role::of(Kind::Continuation) };
        let mut off = 0u32;
        for (i, line) in text.split('\n').enumerate() {
            let p = if i == 0 { first } else { rest };
            let p = if prefix_width(p) + 4 >= self.width { Vec::new() } else { p.to_vec() };
            let avail = self.width - prefix_width(&p);
            let pieces: Vec<(&str, Role)> = match tokens.and_then(|t| t.get(i)) {
                Some(toks) => toks
                    .iter()
                    .filter_map(|(r, t)| line.get(r.clone()).map(|s| (s, Role::of(Kind::Syntax(*t)))))
                    .collect(),
                None => vec![(line, plain)],
            };
            let mut body: Vec<Segment> = Vec::new();
            let mut cur_w = 0;
            let mut row_start = off;
            let mut continued = false;
            for (piece, role) in pieces {
                for g in piece.graphemes(true) {
                    let gw = g.width();
                    let marked = continued && avail >= 4;
                    let limit = if marked { avail - 2 } else { avail };
                    if cur_w + gw > limit && cur_w > 0 {
                        let mut row = Vec::new();
                        if marked {
                            row.push(mark.clone());
                        }
                        row.append(&mut body);
                        self.push_row(p.clone(), row, block, row_start);
                        row_start = off;
                        cur_w = 0;
                        continued = true;
                    }
                    match body.last_mut() {
                        Some(s) if s.role == role => s.text.push_str(g),
                        _ => body.push(Segment { text: g.to_string(), role }),
                    }
                    cur_w += gw;
                    off += g.chars().count() as u32;
                }
            }
            let mut row = Vec::new();
            if continued && avail >= 4 {
                row.push(mark.clone());
            }
            row.append(&mut body);
            self.push_row(p, row, block, row_start);
            off += 1;
        }
    }

    fn table(
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
    fn table_as_records(
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
fn column_widths(natural: &[usize], longest_word: &[usize], avail: usize) -> Option<Vec<usize>> {
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

/// Appends text to the last segment when the role matches, else starts a
/// new segment (moving owned text in, copying borrowed text).
fn push_merged<'a>(segments: &mut Vec<Segment>, text: impl Into<Cow<'a, str>>, role: Role) {
    let text = text.into();
    match segments.last_mut() {
        Some(last) if last.role == role => last.text.push_str(&text),
        _ => segments.push(Segment { text: text.into_owned(), role }),
    }
}

/// Punctuation that must not start a line (CJK closing marks, and ASCII
/// closers after a wide character).
fn is_closing(g: &str) -> bool {
    if g.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric) {
        return false;
    }
    matches!(
        g,
        "。" | "、"
            | "，"
            | "．"
            | "："
            | "；"
            | "！"
            | "？"
            | "」"
            | "』"
            | "）"
            | "】"
            | "〉"
            | "》"
            | "〕"
            | "ー"
            | "・"
            | "."
            | ","
            | ")"
            | "!"
            | "?"
            | ":"
            | ";"
            | "\""
            | "'"
            | "”"
            | "’"
    )
}

/// A cell's text padded to `width`, or cut with `…`.
fn fit_cell(text: &str, width: usize, align: Align) -> String {
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

/// Cuts segments to at most `width` cells.
fn clip(segments: Vec<Segment>, width: usize) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut used = 0;
    for s in segments {
        if s.text.width() + used <= width {
            used += s.text.width();
            out.push(s);
            continue;
        }
        let mut t = String::new();
        for g in s.text.graphemes(true) {
            if used + g.width() > width {
                break;
            }
            used += g.width();
            t.push_str(g);
        }
        out.push(Segment { text: t, role: s.role });
        break;
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    fn texts(md: &str, width: usize) -> Vec<String> {
        wrap(&parse(md), &Default::default(), width).rows.iter().map(|r| r.text().trim_end().to_string()).collect()
    }

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn paragraphs_wrap_at_spaces() {
        let rows = texts("one two three four five six", 10);
        assert_eq!(rows, vec!["one two", "three four", "five six"]);
    }

    #[test]
    fn cjk_breaks_between_characters_and_never_overflows() {
        let md = "稀土是现代科技产品不可或缺的材料也是国家安全的重要支柱";
        for width in 2..30 {
            let doc = wrap(&parse(md), &Default::default(), width);
            for r in &doc.rows {
                assert!(r.width() <= width, "width {width}: {:?}", r.text());
            }
            let joined: String = doc.rows.iter().map(|r| r.text()).collect::<String>().replace(' ', "");
            assert_eq!(joined, md);
        }
    }

    #[test]
    fn no_row_is_wider_than_the_width_and_no_word_is_lost() {
        let md = "# T\n\n## A section\n\nSome *emphasised* text with a [link](http://x.example/very/long/address) and `code`, \
                  then a supercalifragilisticexpialidocious word, emoji 🎉🎉 and 中文字符.\n\n\
                  > quoted text that goes on and on\n> > nested quote\n\n- item one\n  - nested item with words\n- [x] done\n\n\
                  1. first\n2. second\n\n```rust\nfn main() { println!(\"a very long line of code that must wrap somewhere\"); }\n```\n\n\
                  | a | b |\n|---|--:|\n| long cell text here | 2 |\n\n---\n\nA footnote[^1].\n\n[^1]: The note.\n";
        let prose: Vec<String> = parse(md).sections.iter().flat_map(|s| s.prose()).map(|(_, t)| t).collect();
        let source_words = words(&prose.join(" "));
        for width in MIN_WIDTH..=60 {
            let doc = wrap(&parse(md), &Default::default(), width);
            for r in &doc.rows {
                assert!(r.width() <= width, "width {width}: row {:?} is {} wide", r.text(), r.width());
            }
            if width >= 30 {
                // Every word of the prose survives (code may break mid-word).
                let all: String = doc.rows.iter().map(|r| r.text()).collect::<Vec<_>>().join(" ");
                let squashed: String = all.split_whitespace().collect();
                for w in source_words.iter().filter(|w| w.len() < 12 && !w.contains('|')) {
                    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                    assert!(squashed.contains(w), "width {width}: lost {w:?}");
                }
            }
        }
    }

    #[test]
    fn lists_hang_and_quotes_have_bars() {
        let rows = texts("- alpha beta gamma delta\n  - inner words here\n\n> quoted words go on\n", 16);
        assert_eq!(rows[0], "• alpha beta");
        assert_eq!(rows[1], "  gamma delta");
        assert!(rows.iter().any(|r| r.starts_with("  ◦ inner")), "{rows:?}");
        assert!(rows.iter().any(|r| r.starts_with("│ quoted")), "{rows:?}");
    }

    #[test]
    fn long_code_lines_continue_with_a_mark() {
        let rows = texts("```\nabcdefghijklmnopqrstuvwxyz\n```\n", 10);
        assert_eq!(rows[0], "abcdefghij");
        assert!(rows[1].starts_with("↪ "));
        assert_eq!(rows.join("").replace("↪ ", ""), "abcdefghijklmnopqrstuvwxyz");
    }

    #[test]
    fn tables_align_and_wrap_their_cells() {
        let rows = texts("| name | n |\n|:--|--:|\n| alpha | 1 |\n| b | 22 |\n", 40);
        assert_eq!(rows, vec!["name  │  n", "──────┼───", "alpha │  1", "b     │ 22"]);
        let rows = texts("| a very long header | b |\n|---|---|\n| x | y |\n", 14);
        assert!(rows.iter().all(|r| !r.contains('…')), "{rows:?}");
        assert_eq!(rows[..3], ["a very     │ b", "long       │", "header     │"], "{rows:?}");
    }

    #[test]
    fn a_narrow_column_keeps_its_words_and_a_table_too_wide_lists_records() {
        let md = "| Feature/Library | a | b | c |\n|---|---|---|---|\n| polling of many things | ✓ | ✓ | ✓ |\n";
        let rows = texts(md, 30);
        let all = rows.join(" ");
        for w in ["Feature/Library", "polling", "many", "things"] {
            assert!(all.contains(w), "{w} in {rows:?}");
        }
        assert!(rows.iter().all(|r| r.width() <= 30));
        let wide = format!("|{}\n|{}\n|{}\n", " h |".repeat(12), "---|".repeat(12), " v |".repeat(12));
        let rows = texts(&wide, 30);
        assert!(rows.contains(&"h: v".to_string()), "one record at a time: {rows:?}");
    }

    #[test]
    fn printed_links_get_numbered_notes_and_the_reader_lists_no_addresses() {
        let md = "## S\n\nSee [the docs](https://example.com/docs), [below](#t) and a note[^n].\n\n## T\n\nx\n\n[^n]: The note.\n";
        let print: Vec<String> = wrap_for_print(&parse(md), &Default::default(), 60)
            .rows
            .iter()
            .map(|r| r.text().trim_end().to_string())
            .collect();
        assert!(print.iter().any(|r| r.contains("the docs[1], below and a note[^n].")), "{print:?}");
        assert!(print.iter().any(|r| r == "[1] https://example.com/docs"), "{print:?}");
        assert_eq!(print.iter().filter(|r| r.starts_with("[2]")).count(), 0, "an anchor gets no note");
        assert!(print.iter().any(|r| r.starts_with("[^n] The note.")), "a footnote keeps its own mark: {print:?}");
        let reader = texts(md, 60);
        assert!(reader.iter().any(|r| r.contains("See the docs, below and a note[^n].")), "{reader:?}");
        assert!(!reader.iter().any(|r| r.contains("https://")), "no addresses in the reader: {reader:?}");
    }

    #[test]
    fn a_linked_badge_goes_where_its_link_goes() {
        let doc =
            parse("## S\n\n[![Crates.io](https://img.shields.io/x.svg)](https://crates.io/crates/x)\n\nText here.\n");
        let w = wrap(&doc, &Default::default(), 60);
        assert_eq!(w.links, vec!["https://crates.io/crates/x".to_string()]);
    }

    #[test]
    fn anchors_survive_a_rewrap() {
        let md = "## A\n\nalpha beta gamma delta epsilon zeta eta theta iota kappa lambda\n\n## B\n\nsecond paragraph words\n";
        let doc = parse(md);
        let narrow = wrap(&doc, &Default::default(), 12);
        let wide = wrap(&doc, &Default::default(), 60);
        let row = narrow.rows.iter().position(|r| r.text().contains("second")).unwrap();
        let anchor = narrow.anchor(row);
        assert!(wide.rows[wide.row_of(anchor)].text().contains("second"));
    }

    #[test]
    fn section_starts_point_at_headings() {
        let doc = wrap(&parse("# T\n\n## One\n\ntext\n\n## Two\n\nmore\n"), &Default::default(), 40);
        assert_eq!(doc.section_start.len(), 2);
        assert_eq!(doc.rows[doc.section_start[0]].text(), "One");
        assert_eq!(doc.rows[doc.section_start[1]].text(), "Two");
        assert_eq!(doc.section_at(doc.section_start[1] + 1), 1);
    }

    #[test]
    fn a_five_megabyte_line_wraps_linearly() {
        let md = "x".repeat(200_000);
        let doc = wrap(&parse(&md), &Default::default(), 80);
        assert_eq!(doc.rows.len(), 2500);
    }

    /// Sections laid out again alone at a new width are exactly what the
    /// whole layout at that width shows for them, with the same link ids and
    /// note numbers; laying out every section ends the partial state.
    #[test]
    fn sections_laid_out_alone_match_the_whole_layout() {
        let docs = [
            parse(crate::source::EMBEDDED),
            parse(&crate::sample::document(60_000)),
            parse(
                "Before any heading, a [link](https://a.example).\n\n## One\n\nSee [b](https://b.example) and [c][c].\n\n## Two\n\n## Three\n\nText[^n].\n\n[c]: https://c.example\n[^n]: A note.\n",
            ),
        ];
        for doc in &docs {
            let n = doc.sections.len();
            let whole = wrap(doc, &Default::default(), 50);
            for range in [0..1, 1..3, n / 2..n / 2 + 2, n.saturating_sub(2)..n, 0..n] {
                let mut w = wrap(doc, &Default::default(), 80);
                w.relayout_sections(doc, &Default::default(), 50, range.clone());
                let range = range.start.min(n)..range.end.min(n);
                assert_eq!(w.width, 50);
                assert_eq!(w.partial(), range.len() < n, "{range:?} of {n}");
                assert_eq!(w.section_start.len(), n);
                for i in range.clone() {
                    let end = |l: &WrappedDoc| l.section_start.get(i + 1).map_or(l.rows.len(), |s| s - 1);
                    let (a, b) = (w.section_start[i], whole.section_start[i]);
                    assert_eq!(w.rows[a..end(&w)], whole.rows[b..end(&whole)], "section {i} of {range:?}");
                }
                if range.len() == n {
                    assert_eq!(w.rows, whole.rows);
                    assert_eq!(w.section_start, whole.section_start);
                }
            }
        }
    }
}
