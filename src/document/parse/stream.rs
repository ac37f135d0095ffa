//! The parse a few sections at a time: a first pass finds the plan (which
//! heading is the title, which level splits), then the blocks flow from
//! the windowed parser into sections, and each section goes to the caller
//! as soon as the next one starts. No pass holds more of a document with
//! headings than a window and one section; [`parse_structure`] is this
//! stream collected. A document without headings is cut from its
//! paragraphs as they come, each section given once the next is complete.

use super::*;
use crate::document::{Block, BlockKind, Section};

/// What the stream gives, in order: the head once, then sections in
/// document order, a few at a time.
pub enum Piece {
    /// The title (empty when the document has none) and front matter.
    Head {
        title: String,
        metadata: Vec<(String, String)>,
    },
    Sections(Vec<Section>),
}

/// Top-level blocks gathered before they are cut into sections: at most
/// this many, from at most this many bytes of text (long blocks go on
/// one or two at a time). A batch of dense blocks (a list of one-word
/// items) is some 30 bytes of document model a byte until it is laid out
/// or summed up: 16 KB, not 64, took a 2 MB list's reader pass from 11 to
/// 10 times its size.
const BATCH: usize = 64;
const BATCH_BYTES: usize = 16 * 1024;

/// Parses `text` into its head and sections, handing each to `f` as soon
/// as it is complete. Claims other than authored ones are left empty.
pub fn parse_in_pieces(text: &str, f: &mut dyn FnMut(Piece)) {
    let text = &*tame(text);
    let defs = window::Definitions::between_windows(text, window::WINDOW);
    parse_in_pieces_planned(text, outline::plan_of(text), &defs, f);
}

/// [`parse_in_pieces`] for a text (tables tamed) whose plan is known (from
/// [`super::outline_and_plan`]) and its definitions (from
/// [`window::Definitions::of`] or [`window::Definitions::between_windows`]):
/// passes less.
pub fn parse_in_pieces_planned(text: &str, plan: Plan, defs: &window::Definitions, f: &mut dyn FnMut(Piece)) {
    let lines = LineIndex::new(text);
    let fold = plan.split.is_some();
    let mut cut = Cutter::new(plan, &lines);
    let front = in_batches(text, 0..text.len(), defs, fold, &mut |top, front| cut.blocks(top, front, f));
    cut.finish(&front, f);
}

/// What takes a batch of top-level blocks (each with where it starts), and
/// the front matter read so far.
type Batches<'f> = dyn FnMut(Vec<(Block, usize)>, &Option<String>) + 'f;

/// The top-level blocks of `text[range]` (with `defs`), a batch at a time
/// and a last batch (perhaps empty), to `f` with the front matter read so
/// far; returns the front matter. `fold`: line ends go into the text as
/// spaces (a document cut at headings, which never reads its lines).
fn in_batches(
    text: &str,
    range: std::ops::Range<usize>,
    defs: &window::Definitions,
    fold: bool,
    f: &mut Batches<'_>,
) -> Option<String> {
    let mut b = Builder { fold_breaks: fold, ..Builder::default() };
    window::each_event_with(text, range, window::WINDOW, defs, &mut |event, r| {
        // A code block's start is at the top level unless in a container.
        let at = if b.stack.is_empty() { window::block_at(text.as_bytes(), &event, r.start) } else { r.start };
        b.event(event, at);
        if b.top.len() >= BATCH || b.top.first().is_some_and(|(_, at)| r.start - at >= BATCH_BYTES) {
            f(std::mem::take(&mut b.top), &b.metadata);
        }
    });
    b.finish();
    f(std::mem::take(&mut b.top), &b.metadata);
    b.metadata
}

/// [`parse_in_pieces`] on another thread, a few pieces ahead of `f`, which
/// gets them here in order and says whether to go on (a queue of
/// `ahead` pieces: memory stays a few pieces). Once `f` stops, the parse's
/// sends fail and it runs out without waiting.
pub fn parse_ahead(text: &str, ahead: usize, f: &mut dyn FnMut(Piece) -> bool) {
    let text = &*tame(text);
    let defs = window::Definitions::between_windows(text, window::WINDOW);
    parse_ahead_planned(text, outline::plan_of(text), &defs, ahead, f);
}

/// [`parse_ahead`] with what [`parse_in_pieces_planned`] is given.
pub fn parse_ahead_planned(
    text: &str,
    plan: Plan,
    defs: &window::Definitions,
    ahead: usize,
    f: &mut dyn FnMut(Piece) -> bool,
) {
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel(ahead);
        scope.spawn(move || {
            parse_in_pieces_planned(text, plan, defs, &mut |piece| {
                let _ = tx.send(piece);
            })
        });
        for piece in rx {
            if !f(piece) {
                break;
            }
        }
    });
}

/// The sections of `text[range]` parsed alone, where `range` starts at a
/// section's heading on `line`, in a document whose sections are cut at
/// headings by `plan` (its split level and cuts), with `defs`, the
/// definitions of the whole text: the sections, ids and lines the whole
/// parse gives there (with no definitions, links to those outside the
/// range are left as written). Claims other than authored ones are left
/// empty. A plan without a split is a document without headings, cut from
/// its paragraphs. For reaching
/// a place far into a large document before the whole of it is parsed,
/// and for the sections a large document lets go of.
pub fn sections_at(
    text: &str,
    range: std::ops::Range<usize>,
    line: usize,
    plan: &Plan,
    defs: &window::Definitions,
) -> Vec<Section> {
    if text.get(range.clone()).is_none() {
        return Vec::new();
    }
    if plan.split.is_none() {
        return paragraphs_at(text, range, line, defs);
    }
    let lines = LineIndex::starting(text, range.start, line);
    let mut cut = Cutter::new(Plan { title: None, ..plan.clone() }, &lines);
    // Not the document's start: no head, no opening.
    cut.title = Some(String::new());
    cut.given = true;
    let mut out = Vec::new();
    let mut keep = |piece| {
        if let Piece::Sections(s) = piece {
            out.extend(s);
        }
    };
    in_batches(text, range, defs, true, &mut |top, _| cut.blocks(top, &None, &mut keep));
    cut.finish(&None, &mut keep);
    out
}

/// Cuts top-level blocks into sections as they come.
struct Cutter<'l, 't> {
    plan: Plan,
    lines: &'l LineIndex<'t>,
    /// The head, once given.
    title: Option<String>,
    metadata: Vec<(String, String)>,
    /// The section still open and where it starts in the text, and
    /// whether one has been given.
    open: Option<(Section, usize)>,
    given: bool,
    next_id: u32,
    /// The title of the last section cut at a heading, for those that go
    /// on from it ([`Cuts::continued`]).
    base: Option<compact_str::CompactString>,
    /// Blocks waiting for the title heading.
    all: Vec<(Block, usize)>,
    /// A document without headings: its sections cut from paragraphs, once
    /// its head is given.
    paragraphs: Option<Paragraphs>,
}

impl<'l, 't> Cutter<'l, 't> {
    fn new(plan: Plan, lines: &'l LineIndex<'t>) -> Self {
        Cutter {
            plan,
            lines,
            title: None,
            metadata: Vec::new(),
            open: None,
            given: false,
            next_id: 0,
            base: None,
            all: Vec::new(),
            paragraphs: None,
        }
    }

    /// The head, from the front matter and the first blocks: the title
    /// heading, else the front matter's title, else an opening HTML
    /// heading (which leaves the block, or all of it when that is all it
    /// shows).
    fn head(&mut self, top: &mut Vec<(Block, usize)>, front: &Option<String>, f: &mut dyn FnMut(Piece)) {
        if self.title.is_some() {
            return;
        }
        self.metadata = front.as_deref().map(parse_front_matter).unwrap_or_default();
        let mut title = String::new();
        if self.plan.title.is_some()
            && let Some(i) = top.iter().position(|(blk, _)| matches!(blk.kind, BlockKind::Heading { .. }))
            && let BlockKind::Heading { content, .. } = top.remove(i).0.kind
        {
            // The title heading is the first heading ([`plan`]).
            title = heading_title(&content);
        }
        if let Some(t) = front_matter_title(self.metadata.clone()) {
            title = t;
        }
        if title.is_empty()
            && let Some((first, _)) = top.first_mut()
            && let BlockKind::Html(html) = &mut first.kind
            && let Some((heading, rest)) = crate::document::html::take_heading(html)
        {
            title = heading;
            if is_hidden_html(&rest) {
                top.remove(0);
            } else {
                *html = rest;
            }
        }
        if self.plan.split.is_some() {
            f(Piece::Head { title: title.clone(), metadata: self.metadata.clone() });
        }
        self.title = Some(title);
    }

    /// Blocks that are complete, in order.
    fn blocks(&mut self, mut top: Vec<(Block, usize)>, front: &Option<String>, f: &mut dyn FnMut(Piece)) {
        if top.is_empty() {
            return;
        }
        if self.title.is_none() {
            // The title heading is the first heading: wait for it (or the
            // end) before the head is known.
            let has_heading = top.iter().any(|(b, _)| matches!(b.kind, BlockKind::Heading { .. }));
            if self.plan.title.is_some() && !has_heading {
                self.all.extend(top);
                return;
            }
            let mut held = std::mem::take(&mut self.all);
            held.extend(top);
            top = held;
            self.head(&mut top, front, f);
        }
        let Some(level) = self.plan.split else {
            return self.by_paragraph(top, f);
        };
        let mut done = Vec::new();
        let cuts = self.plan.cuts.clone();
        for (block, offset) in top {
            let continues = block.continues;
            if let Some(c) = cuts.as_ref().and_then(|c| c.continues_at(offset)) {
                // A section too long goes on as another, from this block.
                let title = match &self.base {
                    Some(base) => continued_title(base),
                    None if !c.title.is_empty() => c.title.clone(),
                    None => continued_title(UNTITLED),
                };
                let heading = vec![Span::plain(title.clone())];
                let mut section = new_section(c.level, title.into(), heading, self.lines.line(offset));
                section.alone = true;
                if let Some(s) = self.open.replace((section, offset)) {
                    done.extend(self.close(s));
                }
            }
            let merged = cuts.as_ref().is_some_and(|c| c.merges(offset));
            match block.kind {
                BlockKind::Heading { level: l, content } if l <= level && !merged => {
                    let title = heading_title(&content);
                    let title = if title.is_empty() { UNTITLED.to_string() } else { title };
                    self.base = Some(title.as_str().into());
                    let section = new_section(l, title, content, self.lines.line(offset));
                    if let Some(s) = self.open.replace((section, offset)) {
                        done.extend(self.close(s));
                    }
                }
                kind => {
                    let line = self.lines.line(offset);
                    let (section, _) =
                        self.open.get_or_insert_with(|| (new_section(0, String::new(), Vec::new(), line), offset));
                    add_block(section, Block { id: 0, continues, kind });
                }
            }
        }
        if !done.is_empty() {
            f(Piece::Sections(done));
        }
    }

    /// A complete section that starts at `offset`, numbered and counted;
    /// `None` for an opening with nothing in it (the title alone).
    fn close(&mut self, (mut s, offset): (Section, usize)) -> Option<Section> {
        let first = !self.given;
        self.given = true;
        if first && s.level == 0 && s.blocks.is_empty() && s.claim.origin != crate::document::ClaimOrigin::Authored {
            return None;
        }
        if s.level == 0 {
            let title = self.title.as_deref().unwrap_or("");
            s.title = opening_words(&s.blocks, if title.is_empty() { "Opening" } else { title }).into();
        }
        // Numbered from where it starts, so that a section parsed alone
        // gets the ids it has in the whole document (its blocks, which each
        // start at a byte of their own, never reach the next section's).
        self.next_id = self.next_id.max(u32::try_from(offset).unwrap_or(u32::MAX));
        number(std::slice::from_mut(&mut s), &mut self.next_id);
        Some(s)
    }

    /// Blocks of a document without headings, after its head (a headline
    /// in its first paragraph, when it has no other title).
    fn by_paragraph(&mut self, mut top: Vec<(Block, usize)>, f: &mut dyn FnMut(Piece)) {
        if self.paragraphs.is_none() {
            let mut title = self.title.clone().unwrap_or_default();
            let mut metadata = std::mem::take(&mut self.metadata);
            if title.is_empty()
                && let Some((label, headline)) = take_headline(&mut top)
            {
                title = headline;
                if let Some(label) = label
                    && !metadata.iter().any(|(k, _)| k.eq_ignore_ascii_case("kind"))
                {
                    metadata.push(("kind".to_string(), label));
                }
            }
            f(Piece::Head { title, metadata });
        }
        let mut done = Vec::new();
        self.paragraphs.get_or_insert_with(Paragraphs::default).add(top, self.lines, &mut done);
        if !done.is_empty() {
            f(Piece::Sections(number_cut(done, &mut self.next_id, &mut self.given)));
        }
    }

    /// The end: the last section (or the last of a document without
    /// headings).
    fn finish(&mut self, front: &Option<String>, f: &mut dyn FnMut(Piece)) {
        if self.title.is_none() {
            let mut top = std::mem::take(&mut self.all);
            self.head(&mut top, front, f);
            self.blocks(top, front, f);
        }
        if self.plan.split.is_some() {
            if let Some(s) = self.open.take()
                && let Some(s) = self.close(s)
            {
                f(Piece::Sections(vec![s]));
            }
            return;
        }
        if self.paragraphs.is_none() {
            self.by_paragraph(Vec::new(), f);
        }
        let mut done = Vec::new();
        if let Some(p) = self.paragraphs.take() {
            p.finish(&mut done);
        }
        f(Piece::Sections(number_cut(done, &mut self.next_id, &mut self.given)));
    }
}

/// Numbers sections cut from paragraphs: one that starts a top-level block
/// is numbered from the byte it starts at, as a section cut at a heading
/// is, so that parsed again alone from there it gets the same ids, and is
/// marked so ([`Section::alone`]). Once `given`, the document's first
/// section has been (it may have given up a headline: never alone).
fn number_cut(cuts: Vec<Cut>, next: &mut u32, given: &mut bool) -> Vec<Section> {
    let mut out = Vec::with_capacity(cuts.len());
    for (mut s, at) in cuts {
        let first = !std::mem::replace(given, true);
        let start = at.filter(|_| !first).and_then(|a| u32::try_from(a).ok());
        if let Some(x) = start {
            *next = (*next).max(x);
        }
        number(std::slice::from_mut(&mut s), next);
        s.alone = start.is_some_and(|x| s.heading_id == x.saturating_add(1));
        out.push(s);
    }
    out
}

/// The sections cut from the paragraphs of `text[range]` parsed alone,
/// where `range` starts at a section that can be ([`Section::alone`]), on
/// `line`, with `defs`, the definitions of the whole text: the sections,
/// ids and lines the whole parse gives there.
fn paragraphs_at(text: &str, range: std::ops::Range<usize>, line: usize, defs: &window::Definitions) -> Vec<Section> {
    let lines = LineIndex::starting(text, range.start, line);
    let (mut paragraphs, mut cuts) = (Paragraphs::default(), Vec::new());
    in_batches(text, range, defs, false, &mut |top, _| paragraphs.add(top, &lines, &mut cuts));
    paragraphs.finish(&mut cuts);
    number_cut(cuts, &mut 0, &mut true)
}

/// Numbers sections' headings and blocks from `next` on, counts their
/// words, and gives back their spare capacity.
fn number(sections: &mut [Section], next: &mut u32) {
    number_blocks(sections, next);
    for section in sections {
        section.words = section.blocks.iter().map(|b| count_words(&b.text())).sum();
        section.shrink();
    }
}
