//! The quick outline: every section's level and title from one pass of
//! the parser that keeps only the top-level headings' text, by the same
//! title rule as the full parse ([`super::plan`]).

use pulldown_cmark::{Event, Tag};

use super::*;
use crate::document::collapse_ws;
use crate::document::html;
use crate::sanitize::{Tabs, clean};

/// A section as the sidebar can list it before the document is parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutlineEntry {
    /// 0 for the opening before the first heading (titled later, from its words).
    pub level: u8,
    pub title: compact_str::CompactString,
    /// Where the section starts in the text (its heading), and that line.
    pub offset: usize,
    pub line: usize,
}

/// Every section's level and title from one pass of the parser that keeps
/// nothing but the top-level headings' text: what the sidebar lists while
/// the rest of the document is parsed (about the cost of a bare parse).
/// The same rules as [`parse_structure`] (a single leading `#` is the
/// title, the shallowest heading level splits, text before it is an
/// opening). `None` for a document without headings, whose sections are
/// cut from its paragraphs.
pub fn outline(text: &str) -> Option<Vec<OutlineEntry>> {
    outline_and_split(text).map(|(entries, _)| entries)
}

/// [`outline`], with the heading level that starts sections.
pub fn outline_and_split(text: &str) -> Option<(Vec<OutlineEntry>, u8)> {
    let (entries, plan) = outline_and_plan(text);
    Some((entries?, plan.split?))
}

/// [`outline`], with the plan it was cut by (the same for the whole parse,
/// which can be given it, [`super::stream::parse_in_pieces_planned`]).
pub fn outline_and_plan(text: &str) -> (Option<Vec<OutlineEntry>>, Plan) {
    let text = &*tame(text);
    outline_and_plan_with(text, &window::Definitions::between_windows(text, window::WINDOW))
}

/// [`outline_and_plan`] of a text whose tables are tamed, with its
/// definitions (from [`window::Definitions::of`]): one pass less.
pub fn outline_and_plan_with(text: &str, defs: &window::Definitions) -> (Option<Vec<OutlineEntry>>, Plan) {
    let mut scan = Scan { keep: true, text: text.as_bytes(), ..Scan::default() };
    window::each_event_with(text, 0..text.len(), window::WINDOW, defs, &mut |event, range| {
        scan.at = range.start;
        scan.event(event)
    });
    let lines = LineIndex::new(text);
    let (mut entries, plan) = scan.entries();
    for e in entries.iter_mut().flatten() {
        e.line = lines.line(e.offset);
    }
    (entries, plan)
}

/// The title and split of `text` (tamed), by the parse's rules, from a
/// pass that keeps one byte a heading.
pub fn plan_of(text: &str) -> Plan {
    let mut scan = Scan { text: text.as_bytes(), ..Scan::default() };
    // Which blocks are headings does not depend on what links resolve to:
    // no definitions are needed (the pass that finds them is saved).
    let none = window::Definitions::default();
    window::each_event_with(text, 0..text.len(), window::WINDOW, &none, &mut |event, range| {
        scan.at = range.start;
        scan.event(event)
    });
    scan.plan()
}

/// [`plan_of`] and the definitions of `text` (tamed,
/// [`window::Definitions::of`]) from one pass.
pub fn plan_and_definitions(text: &str) -> (Plan, window::Definitions) {
    let mut scan = Scan { text: text.as_bytes(), ..Scan::default() };
    let defs = window::Definitions::watching(text, window::WINDOW, &mut |event, range| {
        scan.at = range.start;
        scan.event(event)
    });
    (scan.plan(), defs)
}

/// A top-level block other than a heading as the outline sees it.
enum Top {
    /// An HTML block with an `<h1>`, near the top: the title when the
    /// document has no other (then, when the heading is all it shows, it
    /// is not a block at all); `first`: it opens the document.
    HeadingHtml {
        only: bool,
        first: bool,
    },
    Other,
}

/// Every heading's title, one after another in one string: a million
/// headings cost their text and 4 bytes each, not 24 (most of them, past
/// the sections a document may have, are never listed).
#[derive(Default)]
struct Titles {
    text: String,
    ends: Vec<u32>,
}

impl Titles {
    fn push(&mut self, title: &str) {
        self.text.push_str(title);
        self.ends.push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }

    fn get(&self, k: usize) -> Option<&str> {
        let end = *self.ends.get(k)? as usize;
        let start = k.checked_sub(1).map_or(0, |j| self.ends[j] as usize);
        self.text.get(start..end)
    }
}

/// The outline pass's state: the top-level blocks so far and the one open.
#[derive(Default)]
struct Scan<'t> {
    /// The text scanned, for where a section may be cut.
    text: &'t [u8],
    /// Keep every heading's title (the outline); else none (the plan).
    keep: bool,
    /// How many top-level blocks there were, and the few of them other
    /// than headings that the outline reads, with where each starts: those
    /// among the first two (which may hold the title), and the first after
    /// them (which may start the opening). A document of a million
    /// paragraphs keeps three.
    tops: usize,
    others: Vec<(usize, Top)>,
    other_after: bool,
    /// Whether the document opens with an HTML heading.
    opens_with_html_heading: bool,
    /// Where the event being read starts, and the top-level block open.
    at: usize,
    start: usize,
    /// Every top-level heading (and, kept, its title as the parse titles
    /// it, its spaces collapsed), and the parser events so far.
    heads: Vec<plan::Head>,
    levels: Vec<u8>,
    titles: Titles,
    events: u32,
    /// Where a section too long may be cut, a few hundred events apart,
    /// and the events before the last.
    places: Vec<plan::Place>,
    last_place: u32,
    last_place_at: u32,
    in_code: bool,
    /// The events before the HTML block open.
    html_events: u32,
    depth: usize,
    /// The text of the top-level heading open, and its images' labels.
    heading: Option<String>,
    images: Vec<String>,
    /// A top-level HTML block's text, to leave out comments as the parse does.
    html: Option<String>,
    /// An image in a heading: its depth and description so far.
    image: Option<(usize, String)>,
    /// Front matter, for a title the parse would take from it.
    metadata: Option<String>,
    in_metadata: bool,
}

impl Scan<'_> {
    /// One event: only headings' text, HTML blocks and front matter are kept.
    fn event(&mut self, event: Event) {
        self.events = self.events.saturating_add(1);
        match &event {
            // A line of code costs what a few events do: a row laid out,
            // coloured in pieces (laid out again when its colours come).
            Event::Text(t) if self.in_code => {
                let lines = t.matches('\n').count() as u32;
                self.events = self.events.saturating_add(lines.saturating_mul(plan::EVENTS_A_CODE_LINE));
            }
            Event::Start(Tag::CodeBlock(_)) => self.in_code = true,
            Event::End(pulldown_cmark::TagEnd::CodeBlock) => self.in_code = false,
            _ => {}
        }
        match event {
            Event::Start(Tag::Image { .. }) if self.heading.is_some() && self.image.is_none() => {
                self.image = Some((self.depth, String::new()));
                self.depth += 1;
            }
            Event::End(_) if self.image.as_ref().is_some_and(|(d, _)| *d + 1 == self.depth) => {
                self.depth -= 1;
                if let (Some(_), Some((_, alt))) = (&self.heading, self.image.take()) {
                    self.images.push(html::image_label(&alt));
                }
            }
            Event::Text(t) | Event::Code(t) if self.image.is_some() => {
                if let Some((_, alt)) = &mut self.image {
                    alt.push_str(&t);
                }
            }
            // Inline HTML shows as the parse shows it.
            Event::InlineHtml(t) if self.heading.is_some() => self.inline_html(t.into_string()),
            Event::Start(tag) => {
                if self.depth == 0 {
                    self.start = self.at;
                    let at = u32::try_from(self.at).unwrap_or(u32::MAX);
                    match tag {
                        Tag::Heading { level, .. } => {
                            let level = heading_level(level);
                            self.heads.push(plan::Head { at, events: self.events - 1 });
                            self.levels.push(level);
                            self.heading = Some(String::new())
                        }
                        Tag::MetadataBlock(_) => self.in_metadata = true,
                        Tag::HtmlBlock => {
                            self.html = Some(String::new());
                            self.html_events = self.events - 1;
                        }
                        tag => {
                            let indented = matches!(tag, Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Indented));
                            self.start = window::block_at(self.text, &Event::Start(tag), self.at);
                            self.place(self.events - 1, indented);
                            self.push(Top::Other)
                        }
                    }
                }
                self.depth += 1;
            }
            Event::Text(t) if self.in_metadata => self.metadata.get_or_insert_with(String::new).push_str(&t),
            Event::End(_) => {
                self.depth = self.depth.saturating_sub(1);
                self.in_metadata = false;
                if self.depth == 0 {
                    self.end_block();
                }
            }
            Event::Html(t) if self.html.is_some() && self.depth == 1 => {
                if let Some(block) = &mut self.html {
                    block.push_str(&t);
                }
            }
            Event::Text(t)
            | Event::Code(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t)
            | Event::Html(t)
            | Event::InlineHtml(t) => self.heading_text(&t),
            Event::FootnoteReference(label) => self.heading_text(&format!("[^{label}]")),
            Event::SoftBreak | Event::HardBreak => self.heading_text(" "),
            Event::Rule => {
                if self.depth == 0 {
                    self.start = self.at;
                    self.place(self.events - 1, false);
                    self.push(Top::Other);
                }
            }
            Event::TaskListMarker(_) => {}
        }
    }

    /// A top-level block other than a heading.
    fn push(&mut self, top: Top) {
        if self.tops == 0 {
            self.opens_with_html_heading = matches!(top, Top::HeadingHtml { first: true, .. });
        }
        if self.tops < 2 || !self.other_after {
            self.other_after |= self.tops >= 2;
            self.others.push((self.start, top));
        }
        self.tops += 1;
    }

    fn heading_text(&mut self, t: &str) {
        if let Some(title) = &mut self.heading
            && self.keep
        {
            title.push_str(t);
        }
    }

    fn inline_html(&mut self, t: String) {
        let inline = html::inline(&t);
        let is_image = matches!(inline, html::Inline::Image(_));
        let shown = match inline {
            html::Inline::Image(label) => label,
            html::Inline::Break => " ".to_string(),
            html::Inline::Nothing => String::new(),
            html::Inline::Text => t,
        };
        match (&mut self.image, &mut self.heading) {
            (Some((_, alt)), _) => alt.push_str(&shown),
            (None, Some(_)) if is_image => self.images.push(shown),
            (None, Some(title)) => title.push_str(&shown),
            _ => {}
        }
    }

    /// A top-level block ended: a heading (titled as the parse titles it:
    /// without images, unless they are all there is) or an HTML block.
    fn end_block(&mut self) {
        if let Some(title) = self.heading.take() {
            let labels = std::mem::take(&mut self.images);
            if self.keep {
                let mut title = collapse_ws(&clean(title, Tabs::Prose));
                if title.is_empty() {
                    let alts = labels.iter().map(|l| image_alt(l)).filter(|a| !a.is_empty()).collect::<Vec<_>>();
                    title = collapse_ws(&clean(alts.join(" "), Tabs::Prose));
                }
                self.titles.push(&title);
            }
            self.tops += 1;
        }
        if let Some(block) = self.html.take() {
            let block = clean(block.trim_end_matches('\n').to_string(), Tabs::Code);
            if !is_hidden_html(&block) {
                // A block the parse keeps (not a comment, nor a cut's mark).
                self.place(self.html_events, false);
                // Only the first block, or the one after a lone `#` title,
                // can be the title.
                let heading = html::take_heading(&block);
                let only = heading.as_ref().is_some_and(|(_, rest)| is_hidden_html(rest));
                let first = self.tops == 0;
                self.push(match heading {
                    Some(_) if self.tops < 2 => Top::HeadingHtml { only, first },
                    _ => Top::Other,
                });
            }
        }
    }

    /// The top-level block starting at `start`, after `events`, is a place
    /// a section may be cut, if far enough from the last and it may
    /// (`indented`: it is indented code, which starts at its line's start).
    fn place(&mut self, events: u32, indented: bool) {
        let at = u32::try_from(self.start).unwrap_or(u32::MAX);
        let apart = events.saturating_sub(self.last_place) >= PLACES_APART
            || at.saturating_sub(self.last_place_at) >= PLACE_BYTES_APART;
        if apart && self.may_cut_at(self.start, indented) {
            self.places.push((at, events));
            (self.last_place, self.last_place_at) = (events, at);
        }
    }

    /// Whether a section may be cut at the block starting at `at`: it
    /// starts a line, after a blank one, and is not indented, but for
    /// indented code (so it reads alike parsed from there alone, as a
    /// heading does).
    fn may_cut_at(&self, at: usize, indented_code: bool) -> bool {
        let (before, Some(first)) = (self.text.get(..at).unwrap_or(&[]), self.text.get(at)) else { return false };
        let Some(before) = before.strip_suffix(b"\n") else { return false };
        let previous = before.iter().rposition(|&b| b == b'\n').map_or(before, |i| &before[i + 1..]);
        (indented_code || !matches!(first, b' ' | b'\t')) && previous.iter().all(u8::is_ascii_whitespace)
    }

    /// The title, split and cuts, by the parse's rules ([`plan_with`],
    /// [`plan::cuts`]).
    fn plan(&self) -> Plan {
        // A document that opens with an HTML heading has it for its title.
        let mut plan = plan_with(&self.levels, !self.opens_with_html_heading);
        if let Some(split) = plan.split {
            let cuts = plan::cuts(&self.heads, &self.levels, plan.title, split, &self.places);
            plan.cuts = (cuts != plan::Cuts::default()).then(|| std::sync::Arc::new(cuts));
        }
        plan
    }

    /// The outline and the plan, its cuts titled.
    fn entries(self) -> (Option<Vec<OutlineEntry>>, Plan) {
        let mut plan = self.plan();
        let mut cuts = plan.cuts.take().map(std::sync::Arc::unwrap_or_clone).unwrap_or_default();
        let entries = self.entries_cut(&plan, &mut cuts);
        plan.cuts = (cuts != plan::Cuts::default()).then(|| std::sync::Arc::new(cuts));
        (entries, plan)
    }

    fn entries_cut(self, plan: &Plan, cuts: &mut plan::Cuts) -> Option<Vec<OutlineEntry>> {
        let titled = plan.title.and_then(|k| self.titles.get(k)).is_some_and(|t| !t.is_empty())
            || front_matter_title(self.metadata.as_deref().map(parse_front_matter).unwrap_or_default()).is_some();
        // The top-level blocks the outline reads, in order: every heading
        // but the title's (by its place among them) and the few others kept.
        enum Item {
            Heading(usize),
            Other(Top),
        }
        let (mut heads, mut others) = (self.heads.iter().enumerate().peekable(), self.others.into_iter().peekable());
        let items = std::iter::from_fn(|| match (heads.peek(), others.peek()) {
            (Some((_, h)), Some((at, _))) if (h.at as usize) < *at => {
                heads.next().map(|(k, h)| (h.at as usize, Item::Heading(k)))
            }
            (_, Some(_)) => others.next().map(|(at, t)| (at, Item::Other(t))),
            _ => heads.next().map(|(k, h)| (h.at as usize, Item::Heading(k))),
        })
        .filter(|(_, item)| !matches!(item, Item::Heading(k) if Some(*k) == plan.title));
        let mut items = items.peekable();
        // An HTML heading opening an untitled document is its title: it
        // shows nothing more, or the rest of the block.
        if !titled && let Some((_, Item::Other(Top::HeadingHtml { only, .. }))) = items.peek_mut() {
            let only = *only;
            if only {
                items.next();
            } else if let Some((_, item)) = items.peek_mut() {
                *item = Item::Other(Top::Other);
            }
        }
        let split = plan.split?;
        let mut out: Vec<OutlineEntry> = Vec::new();
        let mut next = 0;
        let mut base = compact_str::CompactString::default();
        // Sections that go on from a long one, titled after it, up to `upto`.
        let continued = |cuts: &mut plan::Cuts, next: &mut usize, out: &mut Vec<OutlineEntry>, base: &str, upto| {
            while let Some(c) = cuts.continued.get_mut(*next)
                && (c.at as usize) <= upto
            {
                c.title = continued_title(base);
                out.push(OutlineEntry { level: c.level, title: c.title.clone(), offset: c.at as usize, line: 0 });
                *next += 1;
            }
        };
        for (offset, item) in items {
            continued(cuts, &mut next, &mut out, &base, offset);
            match item {
                Item::Heading(k) if self.levels[k] <= split && !cuts.merges(offset) => {
                    let title = self.titles.get(k).filter(|t| !t.is_empty()).unwrap_or(UNTITLED);
                    base = title.into();
                    out.push(OutlineEntry { level: self.levels[k], title: base.clone(), offset, line: 0 });
                }
                _ if out.is_empty() => out.push(OutlineEntry { level: 0, title: Default::default(), offset, line: 0 }),
                _ => {}
            }
        }
        continued(cuts, &mut next, &mut out, &base, usize::MAX);
        // Kept while the rest is read: without the room it grew.
        out.shrink_to_fit();
        Some(out)
    }
}

/// How many parser events at least lie between two places a section may
/// be cut (few are kept, and a cut needs no more precision).
const PLACES_APART: u32 = 256;
/// Or this many bytes (code is few events however long).
const PLACE_BYTES_APART: u32 = 32 * 1024;
