//! The document model: plain data, no terminal types.
//!
//! `parse` turns Markdown text into a [`Document`]; `claim` finds each
//! section's key claim. Every string in here has already been sanitised.

pub mod annotate;
pub mod claim;
pub mod extract;
pub mod html;
pub mod parked;
pub mod parse;
pub mod sentence;
pub mod summary;
pub mod trim;

pub use claim::{Claim, ClaimOrigin, ClaimSpot};
pub use parked::Source;
pub use parse::parse;

/// A whole document: title, front matter and titled sections.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// The title: the single leading `#`, else the front matter's `title`,
    /// else empty (the caller may fill in a file name).
    pub title: String,
    /// Front matter as ordered key/value pairs.
    pub metadata: Vec<(String, String)>,
    pub sections: Vec<Section>,
    /// The text a large document's sections are parsed again from, when
    /// it lets go of their blocks ([`Section::parked`], [`Document::section`]).
    pub source: Option<Source>,
}

/// One titled part of the document.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// Heading level, or 0 for a section without a heading (an opening
    /// section, or a paragraph of a document that has no headings).
    pub level: u8,
    /// Plain text of the heading (or the opening words for level 0).
    pub title: compact_str::CompactString,
    /// The heading's inline content, for display.
    pub heading: Vec<Span>,
    /// Block id of the heading (unique in the document).
    pub heading_id: u32,
    /// 1-based line of the heading (or of the first block) in the source.
    pub line: usize,
    pub blocks: Vec<Block>,
    pub claim: Claim,
    /// Words in the section's text (CJK ideographs count one each).
    pub words: usize,
    /// Whether the section let go of its blocks (all but its top-level
    /// headings) to save memory: [`Document::section`] parses them again.
    pub parked: bool,
    /// For a section cut from paragraphs (level 0): whether it starts a
    /// top-level block at byte `heading_id - 1` of the text, so that it can
    /// be parsed again alone from there (not the document's first, which
    /// may have given its headline, nor one starting inside a paragraph
    /// written a line a sentence). For a section with a level: that it
    /// starts there at a block, not a heading, going on from a section
    /// too long to hold whole ([`parse::Cuts::continued`]).
    pub alone: bool,
}

/// A block with an id that is unique and increasing in document order,
/// numbered from its section's place in the text (so a section parsed
/// alone has the ids it has in the whole document).
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub id: u32,
    /// Whether it goes on from the block before, of which a cut made it
    /// a block of its own (a block too long to parse at once): shown
    /// without the blank line between blocks. Never a section's first.
    pub continues: bool,
    pub kind: BlockKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum BlockKind {
    /// A heading deeper than the section level.
    Heading {
        level: u8,
        content: Vec<Span>,
    },
    Paragraph(Vec<Span>),
    List {
        start: Option<u64>,
        items: Vec<ListItem>,
    },
    Quote(Vec<Block>),
    Code {
        lang: Option<Box<str>>,
        text: String,
    },
    /// Boxed: the largest kind, whose size every block would pay.
    Table(Box<Table>),
    Rule,
    Footnote {
        label: Box<str>,
        blocks: Vec<Block>,
    },
    /// Raw HTML, kept as literal text.
    Html(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub aligns: Vec<Align>,
    pub header: Vec<Vec<Span>>,
    pub rows: Vec<Vec<Vec<Span>>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ListItem {
    /// `Some(done)` for a task-list item.
    pub task: Option<bool>,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

/// A run of inline text with one set of marks.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    /// Inline when short (no allocation): a paragraph of short lines is
    /// a span a word and one a line end, millions of them.
    pub text: compact_str::CompactString,
    pub marks: Marks,
    /// The address, for link text: shared by every span of the link (a
    /// link of many emphasised pieces holds its address once), behind one
    /// thin pointer.
    pub link: Option<std::sync::Arc<compact_str::CompactString>>,
}

impl Span {
    pub fn plain(text: impl Into<compact_str::CompactString>) -> Self {
        Span { text: text.into(), marks: Marks::NONE, link: None }
    }
}

/// Inline marks, combinable (`**_a_**` is strong and emphasis).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Marks(pub u16);

impl Marks {
    pub const NONE: Marks = Marks(0);
    pub const EMPHASIS: Marks = Marks(1);
    pub const STRONG: Marks = Marks(1 << 1);
    pub const STRIKE: Marks = Marks(1 << 2);
    pub const CODE: Marks = Marks(1 << 3);
    pub const LINK: Marks = Marks(1 << 4);
    pub const IMAGE: Marks = Marks(1 << 5);
    pub const FOOTNOTE_REF: Marks = Marks(1 << 6);
    pub const HTML: Marks = Marks(1 << 7);
    /// A soft line break inside a paragraph (shown as a space).
    pub const SOFT_BREAK: Marks = Marks(1 << 8);
    /// A hard line break (the span's text is `"\n"`).
    pub const HARD_BREAK: Marks = Marks(1 << 9);

    pub fn contains(self, other: Marks) -> bool {
        self.0 & other.0 == other.0
    }
    pub fn with(self, other: Marks) -> Marks {
        Marks(self.0 | other.0)
    }
    pub fn without(self, other: Marks) -> Marks {
        Marks(self.0 & !other.0)
    }
}

/// Plain text of inline content: breaks become spaces.
pub fn plain_text(spans: &[Span]) -> String {
    let mut s = String::new();
    for span in spans {
        if span.marks.contains(Marks::SOFT_BREAK) || span.marks.contains(Marks::HARD_BREAK) {
            s.push(' ');
        } else {
            s.push_str(&span.text);
        }
    }
    s
}

pub(crate) fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Counts words for reading time: runs of letters or digits between spaces
/// and punctuation, except that each wide (CJK) character is a word of its own.
pub fn count_words(text: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in text.chars() {
        if c.is_ascii() {
            let w = c.is_ascii_alphanumeric() || (in_word && (c == '\'' || c == '-'));
            if w && !in_word {
                n += 1;
            }
            in_word = w;
        } else if unicode_width::UnicodeWidthChar::width(c) == Some(2) {
            if c.is_alphanumeric() {
                n += 1;
            }
            in_word = false;
        } else {
            let w = c.is_alphanumeric() || (in_word && matches!(c, '’' | '‘'));
            if w && !in_word {
                n += 1;
            }
            in_word = w;
        }
    }
    n
}

/// Words a minute assumed for reading times.
pub const WORDS_PER_MINUTE: usize = 230;

/// Whole minutes to read `words` at `wpm` words a minute, rounded up (0
/// only for no words): the one reading-time rule, for every view.
pub fn minutes_at(words: usize, wpm: usize) -> usize {
    words.div_ceil(wpm.max(1))
}

/// A reading time in a narrow column: "45m", then whole hours rounded up ("2h").
pub fn duration_short(minutes: usize) -> String {
    match minutes {
        m @ ..60 => format!("{m}m"),
        m => format!("{}h", m.div_ceil(60)),
    }
}

/// A reading time as people say it: "45 min", "2 h", "3 h 20 min".
pub fn duration(minutes: usize) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

impl Block {
    /// [`Block::walk`], able to change each block.
    pub fn walk_mut(&mut self, f: &mut dyn FnMut(&mut Block)) {
        f(self);
        match &mut self.kind {
            BlockKind::List { items, .. } => {
                for item in items {
                    for b in &mut item.blocks {
                        b.walk_mut(f);
                    }
                }
            }
            BlockKind::Quote(blocks) | BlockKind::Footnote { blocks, .. } => {
                for b in blocks {
                    b.walk_mut(f);
                }
            }
            BlockKind::Heading { .. }
            | BlockKind::Paragraph(_)
            | BlockKind::Code { .. }
            | BlockKind::Table(_)
            | BlockKind::Rule
            | BlockKind::Html(_) => {}
        }
    }

    /// Visits this block and every block nested in it, in document order.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Block)) {
        f(self);
        match &self.kind {
            BlockKind::List { items, .. } => {
                for item in items {
                    for b in &item.blocks {
                        b.walk(f);
                    }
                }
            }
            BlockKind::Quote(blocks) | BlockKind::Footnote { blocks, .. } => {
                for b in blocks {
                    b.walk(f);
                }
            }
            BlockKind::Heading { .. }
            | BlockKind::Paragraph(_)
            | BlockKind::Code { .. }
            | BlockKind::Table(_)
            | BlockKind::Rule
            | BlockKind::Html(_) => {}
        }
    }

    /// All the text of the block, for counting words.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.walk(&mut |b| {
            let piece = match &b.kind {
                BlockKind::Heading { content, .. } | BlockKind::Paragraph(content) => plain_text(content),
                BlockKind::Code { text, .. } => text.clone(),
                BlockKind::Html(html) => self::html::visible_text(html),
                BlockKind::Table(t) => {
                    t.header.iter().chain(t.rows.iter().flatten()).map(|c| plain_text(c)).collect::<Vec<_>>().join(" ")
                }
                BlockKind::List { .. } | BlockKind::Quote(_) | BlockKind::Footnote { .. } | BlockKind::Rule => {
                    String::new()
                }
            };
            if !piece.is_empty() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&piece);
            }
        });
        out
    }
}

impl Section {
    /// The claim as something to show beside the title: nothing when the
    /// section has no prose and its heading stands in for one.
    pub fn stated_claim(&self) -> Option<&str> {
        let c = &self.claim;
        let heading_only = c.origin == ClaimOrigin::Extracted && c.spot.is_none() && c.text == self.title;
        (!c.text.is_empty() && !heading_only).then_some(c.text.as_str())
    }

    /// The headings inside the section (deeper than its own): block id,
    /// level and title, in order.
    /// Gives back the spare capacity its strings and lists grew with (a
    /// section is built a piece at a time, then kept as it is).
    pub fn shrink(&mut self) {
        fn spans(v: &mut Vec<Span>) {
            v.iter_mut().for_each(|s| s.text.shrink_to_fit());
            v.shrink_to_fit();
        }
        self.title.shrink_to_fit();
        spans(&mut self.heading);
        self.blocks.shrink_to_fit();
        for b in &mut self.blocks {
            b.walk_mut(&mut |b| match &mut b.kind {
                BlockKind::Heading { content, .. } | BlockKind::Paragraph(content) => spans(content),
                BlockKind::List { items, .. } => {
                    items.shrink_to_fit();
                    items.iter_mut().for_each(|i| i.blocks.shrink_to_fit());
                }
                BlockKind::Quote(blocks) | BlockKind::Footnote { blocks, .. } => blocks.shrink_to_fit(),
                BlockKind::Code { text, .. } | BlockKind::Html(text) => text.shrink_to_fit(),
                BlockKind::Table(t) => {
                    t.header.iter_mut().for_each(spans);
                    t.rows.iter_mut().for_each(|r| r.iter_mut().for_each(spans));
                    t.rows.shrink_to_fit();
                }
                BlockKind::Rule => {}
            });
        }
    }

    /// The ids of the heading and every block, in order.
    pub fn ids(&self) -> Vec<u32> {
        let mut ids = vec![self.heading_id];
        for b in &self.blocks {
            b.walk(&mut |b| ids.push(b.id));
        }
        ids
    }

    pub fn subheadings(&self) -> Vec<(u32, u8, String)> {
        self.blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Heading { level, content } => Some((b.id, *level, collapse_ws(&plain_text(content)))),
                _ => None,
            })
            .collect()
    }

    /// The whole claim, to read in full or copy: the authored text, or the
    /// whole sentence an extracted claim comes from. `None` as for
    /// [`Section::stated_claim`].
    pub fn full_claim(&self) -> Option<&str> {
        self.stated_claim()?;
        Some(self.claim.whole())
    }

    /// The prose of the section in order: `(block id, plain text)` of every
    /// paragraph, including those inside lists and quotes.
    pub fn prose(&self) -> Vec<(u32, String)> {
        self.paragraphs().into_iter().map(|p| (p.block, p.text)).collect()
    }

    /// Every paragraph of prose (lists and quotes included) with what the
    /// claim extractor needs to know of its spans.
    pub fn paragraphs(&self) -> Vec<Prose> {
        let mut out = Vec::new();
        for block in &self.blocks {
            block.walk(&mut |b| {
                if let BlockKind::Paragraph(spans) = &b.kind
                    && !is_decoration(spans)
                {
                    out.push(Prose {
                        block: b.id,
                        text: plain_text(spans),
                        protected: protected_ranges(spans),
                        links_only: is_link_list(spans),
                    });
                }
            });
        }
        out
    }
}

/// A paragraph's plain text, the byte ranges of it that are inline code or
/// link text (a sentence never ends or starts inside one), and whether it is
/// links and separators only (a table of contents entry).
#[derive(Clone, Debug, PartialEq)]
pub struct Prose {
    pub block: u32,
    pub text: String,
    pub protected: Protected,
    pub links_only: bool,
}

/// A paragraph of links and separators only ("Install · Usage · Docs").
pub fn is_link_list(spans: &[Span]) -> bool {
    spans.iter().any(|s| s.marks.contains(Marks::LINK))
        && spans.iter().all(|s| {
            s.marks.contains(Marks::LINK)
                || s.marks.contains(Marks::IMAGE)
                || !s.text.chars().any(char::is_alphanumeric)
        })
}

/// Byte ranges of a paragraph's plain text that no sentence ends inside.
pub type Protected = Vec<(usize, usize)>;

/// Byte ranges, in [`plain_text`] of `spans`, of inline code and link text.
pub fn protected_ranges(spans: &[Span]) -> Protected {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for span in spans {
        let len = if span.marks.contains(Marks::SOFT_BREAK) || span.marks.contains(Marks::HARD_BREAK) {
            1
        } else {
            span.text.len()
        };
        if span.marks.contains(Marks::CODE) || span.marks.contains(Marks::LINK) {
            match out.last_mut() {
                Some(last) if last.1 == at => last.1 = at + len,
                _ => out.push((at, at + len)),
            }
        }
        at += len;
    }
    out
}

/// A paragraph of images and inline HTML only (a row of badges, a logo, a
/// `<div>`): no prose to summarise or to title a section with.
pub fn is_decoration(spans: &[Span]) -> bool {
    spans.iter().all(|s| {
        s.marks.contains(Marks::IMAGE)
            || s.marks.contains(Marks::HTML)
            || s.marks.contains(Marks::SOFT_BREAK)
            || s.marks.contains(Marks::HARD_BREAK)
            || s.text.trim().is_empty()
    })
}

#[cfg(test)]
mod tests {
    use super::duration;

    #[test]
    fn reading_times_read_as_people_say_them() {
        assert_eq!(duration(1), "1 min");
        assert_eq!(duration(59), "59 min");
        assert_eq!(duration(60), "1 h");
        assert_eq!(duration(200), "3 h 20 min");
    }

    /// A paragraph of one-word lines is two spans a line (the word and the
    /// line end), and a section holds all of its spans: each one's size is
    /// what such a text costs a byte. Short text inline, the link's
    /// address behind one thin pointer: 40 bytes (it was 48, and each
    /// word a heap string of its own besides).
    #[test]
    fn a_span_is_small_and_its_short_text_needs_no_allocation() {
        use super::Span;
        assert!(std::mem::size_of::<Span>() <= 40, "{}", std::mem::size_of::<Span>());
        let span = Span::plain("a word of some length");
        assert!(!span.text.is_heap_allocated());
    }
}
