//! pulldown-cmark events into blocks: one exhaustive match, containers
//! kept on an explicit stack with a depth bound.

use pulldown_cmark::{Alignment, BlockQuoteKind, CodeBlockKind, Event, HeadingLevel, Tag, TagEnd};

use super::*;
use crate::document::{Align, Block, BlockKind, ListItem, Marks, Span};
use crate::sanitize::{Tabs, clean};

// ---------------------------------------------------------------------------
// Events to blocks.

pub(super) enum Container {
    Quote(Vec<Block>),
    List { start: Option<u64>, items: Vec<ListItem> },
    Item { task: Option<bool>, blocks: Vec<Block> },
    Footnote { label: String, blocks: Vec<Block> },
}

#[derive(Clone, Copy, PartialEq)]
pub(super) enum InlineKind {
    Paragraph,
    /// Text directly in a tight list item, without paragraph events.
    Implicit,
    Heading(u8),
    Cell,
}

pub(super) struct Table {
    aligns: Vec<Align>,
    header: Vec<Vec<Span>>,
    rows: Vec<Vec<Vec<Span>>>,
    row: Vec<Vec<Span>>,
    /// Empty cells seen since the last one with text: kept only if text
    /// follows (GFM pads a short row to the header's width).
    empty: usize,
    /// Cells of this row so far, kept or not.
    cells: usize,
}

/// Containers (quotes, lists, footnotes) nested deeper than this are
/// flattened into their parent, so no recursion over the model can overflow
/// the stack on hostile input such as 50,000 nested `>`.
pub const MAX_DEPTH: usize = 48;

#[derive(Default)]
pub(super) struct Builder {
    pub(super) top: Vec<(Block, usize)>,
    pub(super) stack: Vec<Container>,
    /// For each open container tag: whether it was pushed on `stack`.
    pub(super) opened: Vec<bool>,
    /// Offset of the outermost open block.
    pub(super) offset: usize,
    pub(super) inline: Option<(InlineKind, Vec<Span>)>,
    pub(super) marks: Vec<Marks>,
    pub(super) links: Vec<std::sync::Arc<compact_str::CompactString>>,
    pub(super) image: Option<(String, String)>,
    pub(super) code: Option<(Option<String>, String)>,
    pub(super) html: Option<String>,
    pub(super) table: Option<Table>,
    pub(super) in_metadata: bool,
    pub(super) metadata: Option<String>,
    /// The last top-level block was the mark of a cut.
    pub(super) after_cut: bool,
    /// Line ends go into the text as the spaces they read as, not as spans
    /// of their own: only a document without headings reads its lines (it
    /// is cut a line at a time, and a headline is its first lines), and a
    /// section of one-word lines was two spans a line.
    pub(super) fold_breaks: bool,
}

/// What GitHub calls each kind of alert.
const ALERTS: [&str; 5] = ["Note", "Tip", "Important", "Warning", "Caution"];

/// Whether `block` is the word an alert's quote begins with.
pub(super) fn is_alert_label(block: &Block) -> bool {
    matches!(&block.kind, BlockKind::Paragraph(spans)
        if spans.len() == 1 && spans[0].marks == Marks::STRONG && ALERTS.contains(&spans[0].text.as_str()))
}

impl Builder {
    pub(super) fn marks(&self) -> Marks {
        self.marks.last().copied().unwrap_or(Marks::NONE)
    }

    pub(super) fn push_marks(&mut self, m: Marks) {
        let cur = self.marks();
        self.marks.push(cur.with(m));
    }

    pub(super) fn push_block(&mut self, kind: BlockKind) {
        let mut block = Block { id: 0, continues: false, kind };
        match self.stack.last_mut() {
            Some(Container::Quote(blocks))
            | Some(Container::Item { blocks, .. })
            | Some(Container::Footnote { blocks, .. }) => blocks.push(block),
            Some(Container::List { items, .. }) => items.push(ListItem { task: None, blocks: vec![block] }),
            None => {
                block.continues = std::mem::take(&mut self.after_cut);
                self.top.push((block, self.offset))
            }
        }
    }

    pub(super) fn push_span(&mut self, text: String, extra: Marks) {
        if let Some((alt, _)) = &mut self.image {
            alt.push_str(&text);
            return;
        }
        if self.inline.is_none() {
            self.inline = Some((InlineKind::Implicit, Vec::new()));
        }
        // A line end folded is a space, merged with what is before it when
        // nothing distinguishes them.
        let extra = if self.fold_breaks && extra == Marks::SOFT_BREAK { Marks::NONE } else { extra };
        let marks = self.marks().with(extra);
        let link = if marks.contains(Marks::LINK) { self.links.last().cloned() } else { None };
        let text = clean(text, Tabs::Prose);
        let (_, spans) = self.inline.as_mut().expect("inline ensured above");
        // Merge with the previous span when nothing distinguishes them.
        if let Some(last) = spans.last_mut() {
            let breaks = Marks::SOFT_BREAK.with(Marks::HARD_BREAK);
            if last.marks == marks
                && last.link == link
                && !marks.contains(Marks::SOFT_BREAK)
                && !marks.contains(Marks::HARD_BREAK)
                && !last.marks.contains(breaks)
            {
                last.text.push_str(&text);
                return;
            }
        }
        spans.push(Span { text: text.into(), marks, link });
    }

    /// Closes text that arrived without a paragraph (tight list items).
    pub(super) fn flush_implicit(&mut self) {
        if matches!(self.inline, Some((InlineKind::Implicit, _))) {
            let (_, mut spans) = self.inline.take().expect("matched above");
            spans.shrink_to_fit();
            self.push_block(BlockKind::Paragraph(spans));
        }
    }

    /// Opens a container unless nesting is already too deep.
    pub(super) fn open(&mut self, c: Container) {
        let ok = self.stack.len() < MAX_DEPTH;
        if ok {
            self.stack.push(c);
        }
        self.opened.push(ok);
    }

    /// Closes a container tag; `None` when it was flattened.
    /// Closes the innermost container, without the spare room it grew
    /// (a list of a million one-word items would otherwise keep room for
    /// four blocks in each).
    pub(super) fn close(&mut self) -> Option<Container> {
        self.flush_implicit();
        let mut c = if self.opened.pop().unwrap_or(false) { self.stack.pop() } else { None };
        match &mut c {
            Some(Container::Quote(blocks) | Container::Item { blocks, .. } | Container::Footnote { blocks, .. }) => {
                blocks.shrink_to_fit()
            }
            Some(Container::List { items, .. }) => items.shrink_to_fit(),
            None => {}
        }
        c
    }

    pub(super) fn start_block(&mut self, offset: usize) {
        self.flush_implicit();
        if self.stack.is_empty() && self.inline.is_none() && self.table.is_none() {
            self.offset = offset;
        }
    }

    pub(super) fn event(&mut self, event: Event<'_>, offset: usize) {
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                if self.in_metadata {
                    self.metadata.get_or_insert_with(String::new).push_str(&text);
                } else if let Some((_, code)) = &mut self.code {
                    code.push_str(&text);
                } else if let Some(html) = &mut self.html {
                    html.push_str(&text);
                } else {
                    self.push_span(text.into_string(), Marks::NONE);
                }
            }
            Event::Code(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                self.push_span(text.into_string(), Marks::CODE)
            }
            Event::Html(text) => match &mut self.html {
                Some(html) => html.push_str(&text),
                None => self.push_span(text.into_string(), Marks::HTML),
            },
            // As a browser shows it: images by their description, tags not at all.
            Event::InlineHtml(text) => match crate::document::html::inline(&text) {
                crate::document::html::Inline::Image(label) => self.push_span(label, Marks::IMAGE),
                crate::document::html::Inline::Break => self.push_span("\n".to_string(), Marks::HARD_BREAK),
                crate::document::html::Inline::Nothing => {}
                crate::document::html::Inline::Text => self.push_span(text.into_string(), Marks::HTML),
            },
            Event::FootnoteReference(label) => self.push_span(format!("[^{label}]"), Marks::FOOTNOTE_REF),
            Event::SoftBreak => self.push_span(" ".to_string(), Marks::SOFT_BREAK),
            Event::HardBreak => self.push_span("\n".to_string(), Marks::HARD_BREAK),
            Event::Rule => {
                self.start_block(offset);
                self.push_block(BlockKind::Rule);
            }
            Event::TaskListMarker(done) => {
                if let Some(Container::Item { task, .. }) = self.stack.last_mut() {
                    *task = Some(done);
                }
            }
        }
    }

    pub(super) fn start(&mut self, tag: Tag<'_>, offset: usize) {
        match tag {
            Tag::Paragraph => {
                self.start_block(offset);
                self.inline = Some((InlineKind::Paragraph, Vec::new()));
            }
            Tag::Heading { level, .. } => {
                self.start_block(offset);
                self.inline = Some((InlineKind::Heading(heading_level(level)), Vec::new()));
            }
            Tag::BlockQuote(kind) => {
                self.start_block(offset);
                self.open(Container::Quote(Vec::new()));
                // An alert's kind, as GitHub shows it: a word of its own
                // above the quote's text.
                if let Some(kind) = kind {
                    let label = match kind {
                        BlockQuoteKind::Note => ALERTS[0],
                        BlockQuoteKind::Tip => ALERTS[1],
                        BlockQuoteKind::Important => ALERTS[2],
                        BlockQuoteKind::Warning => ALERTS[3],
                        BlockQuoteKind::Caution => ALERTS[4],
                    };
                    self.push_block(BlockKind::Paragraph(vec![Span {
                        text: label.into(),
                        marks: Marks::STRONG,
                        link: None,
                    }]));
                }
            }
            Tag::CodeBlock(kind) => {
                self.start_block(offset);
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        let lang = info.split_whitespace().next().unwrap_or("").to_string();
                        (!lang.is_empty()).then(|| clean(lang, Tabs::Prose))
                    }
                    CodeBlockKind::Indented => None,
                };
                self.code = Some((lang, String::new()));
            }
            Tag::HtmlBlock => {
                self.start_block(offset);
                self.html = Some(String::new());
            }
            Tag::List(start) => {
                self.start_block(offset);
                self.open(Container::List { start, items: Vec::new() });
            }
            Tag::Item => {
                self.start_block(offset);
                self.open(Container::Item { task: None, blocks: Vec::new() });
            }
            Tag::FootnoteDefinition(label) => {
                self.start_block(offset);
                self.open(Container::Footnote { label: clean(label.into_string(), Tabs::Prose), blocks: Vec::new() });
            }
            Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => self.start_block(offset),
            Tag::Table(aligns) => {
                self.start_block(offset);
                let aligns = aligns
                    .into_iter()
                    .map(|a| match a {
                        Alignment::None => Align::None,
                        Alignment::Left => Align::Left,
                        Alignment::Center => Align::Center,
                        Alignment::Right => Align::Right,
                    })
                    .collect();
                self.table =
                    Some(Table { aligns, header: Vec::new(), rows: Vec::new(), row: Vec::new(), empty: 0, cells: 0 });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = &mut self.table {
                    t.row.clear();
                    t.empty = 0;
                    t.cells = 0;
                }
            }
            Tag::TableCell => self.inline = Some((InlineKind::Cell, Vec::new())),
            Tag::Emphasis => self.push_marks(Marks::EMPHASIS),
            Tag::Strong => self.push_marks(Marks::STRONG),
            Tag::Strikethrough => self.push_marks(Marks::STRIKE),
            Tag::Superscript | Tag::Subscript => self.push_marks(Marks::NONE),
            Tag::Link { dest_url, .. } => {
                self.links.push(std::sync::Arc::new(clean(dest_url.into_string(), Tabs::Prose).into()));
                self.push_marks(Marks::LINK);
            }
            Tag::Image { dest_url, .. } => {
                if self.image.is_none() {
                    self.image = Some((String::new(), clean(dest_url.into_string(), Tabs::Prose)));
                }
            }
            Tag::MetadataBlock(_) => self.in_metadata = true,
        }
    }

    pub(super) fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                if let Some((_, mut spans)) = self.inline.take() {
                    // The growth slack is a third of a large document's spans.
                    spans.shrink_to_fit();
                    self.push_block(BlockKind::Paragraph(spans));
                }
            }
            TagEnd::Heading(_) => {
                if let Some((kind, mut content)) = self.inline.take() {
                    content.shrink_to_fit();
                    let level = match kind {
                        InlineKind::Heading(l) => l,
                        InlineKind::Paragraph | InlineKind::Implicit | InlineKind::Cell => 6,
                    };
                    self.push_block(BlockKind::Heading { level, content });
                }
            }
            TagEnd::BlockQuote(_) => {
                if let Some(Container::Quote(blocks)) = self.close() {
                    self.push_block(BlockKind::Quote(blocks));
                }
            }
            TagEnd::CodeBlock => {
                if let Some((lang, mut text)) = self.code.take() {
                    if text.ends_with('\n') {
                        text.pop();
                    }
                    self.push_block(BlockKind::Code {
                        lang: lang.map(String::into_boxed_str),
                        text: clean(text, Tabs::Code),
                    });
                }
            }
            TagEnd::HtmlBlock => {
                if let Some(html) = self.html.take() {
                    let html = clean(html.trim_end_matches('\n').to_string(), Tabs::Code);
                    if super::blocks::is_mark(&html) && self.stack.is_empty() {
                        self.after_cut = true;
                    } else if !is_hidden_html(&html) {
                        self.push_block(BlockKind::Html(html));
                    }
                }
            }
            TagEnd::List(_) => {
                if let Some(Container::List { start, items }) = self.close() {
                    self.push_block(BlockKind::List { start, items });
                }
            }
            TagEnd::Item => {
                if let Some(Container::Item { task, blocks }) = self.close()
                    && let Some(Container::List { items, .. }) = self.stack.last_mut()
                {
                    items.push(ListItem { task, blocks });
                }
            }
            TagEnd::FootnoteDefinition => {
                if let Some(Container::Footnote { label, blocks }) = self.close() {
                    self.push_block(BlockKind::Footnote { label: label.into(), blocks });
                }
            }
            TagEnd::DefinitionList | TagEnd::DefinitionListTitle | TagEnd::DefinitionListDefinition => {
                self.flush_implicit()
            }
            TagEnd::TableCell => self.end_cell(),
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.header = std::mem::take(&mut t.row);
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    // The padding of a short row is not kept: a missing cell
                    // shows empty.
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    let table = crate::document::Table { aligns: t.aligns, header: t.header, rows: t.rows };
                    self.push_block(BlockKind::Table(Box::new(table)));
                }
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Superscript | TagEnd::Subscript => {
                self.marks.pop();
            }
            TagEnd::Link => {
                self.links.pop();
                self.marks.pop();
            }
            TagEnd::Image => self.end_image(),
            TagEnd::MetadataBlock(_) => self.in_metadata = false,
        }
    }

    /// A table cell ended: kept unless it is padding; past the column
    /// limit, a row ends in one marked cell.
    pub(super) fn end_cell(&mut self) {
        if let (Some((_, spans)), Some(t)) = (self.inline.take(), &mut self.table) {
            t.cells += 1;
            if t.cells <= MAX_TABLE_COLUMNS {
                if spans.is_empty() {
                    t.empty += 1;
                } else {
                    t.row.extend(std::iter::repeat_with(Vec::new).take(std::mem::take(&mut t.empty)));
                    t.row.push(spans);
                }
            } else if !spans.is_empty() && t.row.len() + t.empty <= MAX_TABLE_COLUMNS {
                // Past the column limit a row ends in one marked cell.
                t.row.extend(std::iter::repeat_with(Vec::new).take(std::mem::take(&mut t.empty)));
                t.row.push(vec![Span::plain(format!("… (columns past {MAX_TABLE_COLUMNS} not shown)"))]);
            }
        }
    }

    /// An image ended: its label, linked where it links (inside a link, a
    /// linked badge, where the link goes; else to its own picture).
    pub(super) fn end_image(&mut self) {
        if let Some((alt, url)) = self.image.take() {
            let text = crate::document::html::image_label(&alt);
            // Inside a link (a linked badge), the image goes where
            // the link goes, not to its own picture.
            let own = self.links.is_empty();
            if own {
                self.links.push(std::sync::Arc::new(url.into()));
            }
            self.push_span(text, Marks::IMAGE.with(Marks::LINK));
            if own {
                self.links.pop();
            }
        }
    }

    pub(super) fn finish(&mut self) {
        self.flush_implicit();
        if let Some((_, spans)) = self.inline.take() {
            self.push_block(BlockKind::Paragraph(spans));
        }
        while let Some(c) = self.stack.pop() {
            let kind = match c {
                Container::Quote(blocks) => BlockKind::Quote(blocks),
                Container::List { start, items } => BlockKind::List { start, items },
                Container::Item { task, blocks } => {
                    BlockKind::List { start: None, items: vec![ListItem { task, blocks }] }
                }
                Container::Footnote { label, blocks } => BlockKind::Footnote { label: label.into(), blocks },
            };
            self.push_block(kind);
        }
    }
}

pub(super) fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}
