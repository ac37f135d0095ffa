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
    let mut scan = Scan { keep: true, ..Scan::default() };
    window::each_event_with(text, 0..text.len(), window::WINDOW, defs, &mut |event, range| {
        scan.at = range.start;
        scan.event(event)
    });
    let lines = LineIndex::new(text);
    let plan = scan.plan();
    let mut entries = scan.entries();
    for e in entries.iter_mut().flatten() {
        e.line = lines.line(e.offset);
    }
    (entries, plan)
}

/// The title and split of `text` (tamed), by the parse's rules, from a
/// pass that keeps one byte a heading.
pub fn plan_of(text: &str) -> Plan {
    let mut scan = Scan::default();
    // Which blocks are headings does not depend on what links resolve to:
    // no definitions are needed (the pass that finds them is saved).
    let none = window::Definitions::default();
    window::each_event_with(text, 0..text.len(), window::WINDOW, &none, &mut |event, _| scan.event(event));
    scan.plan()
}

/// [`plan_of`] and the definitions of `text` (tamed,
/// [`window::Definitions::of`]) from one pass.
pub fn plan_and_definitions(text: &str) -> (Plan, window::Definitions) {
    let mut scan = Scan::default();
    let defs = window::Definitions::watching(text, window::WINDOW, &mut |event, _| scan.event(event));
    (scan.plan(), defs)
}

/// A top-level block as the outline sees it.
enum Top {
    Heading(u8, String),
    /// An HTML block with an `<h1>`, near the top: the title when the
    /// document has no other (then, when the heading is all it shows, it
    /// is not a block at all); `first`: it opens the document.
    HeadingHtml {
        only: bool,
        first: bool,
    },
    Other,
}

/// The outline pass's state: the top-level blocks so far and the one open.
#[derive(Default)]
struct Scan {
    /// Keep every top-level block (the outline); else only the first two,
    /// which may hold the title (the plan).
    keep: bool,
    top: Vec<Top>,
    /// Where each of `top` starts in the text.
    starts: Vec<usize>,
    /// Where the event being read starts, and the top-level block open.
    at: usize,
    start: usize,
    /// Every top-level heading's level.
    levels: Vec<u8>,
    depth: usize,
    /// A top-level heading: its level, its text; and its images' labels.
    heading: Option<(u8, String)>,
    images: Vec<String>,
    /// A top-level HTML block's text, to leave out comments as the parse does.
    html: Option<String>,
    /// An image in a heading: its depth and description so far.
    image: Option<(usize, String)>,
    /// Front matter, for a title the parse would take from it.
    metadata: Option<String>,
    in_metadata: bool,
}

impl Scan {
    /// One event: only headings' text, HTML blocks and front matter are kept.
    fn event(&mut self, event: Event) {
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
                    match tag {
                        Tag::Heading { level, .. } => self.heading = Some((heading_level(level), String::new())),
                        Tag::MetadataBlock(_) => self.in_metadata = true,
                        Tag::HtmlBlock => self.html = Some(String::new()),
                        _ => self.push(Top::Other),
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
                    self.push(Top::Other);
                }
            }
            Event::TaskListMarker(_) => {}
        }
    }

    fn push(&mut self, top: Top) {
        if self.keep || self.top.len() < 2 {
            self.top.push(top);
            self.starts.push(self.start);
        }
    }

    fn heading_text(&mut self, t: &str) {
        if let Some((_, title)) = &mut self.heading
            && (self.keep || self.top.len() < 2)
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
            (None, Some((_, title))) => title.push_str(&shown),
            _ => {}
        }
    }

    /// A top-level block ended: a heading (titled as the parse titles it:
    /// without images, unless they are all there is) or an HTML block.
    fn end_block(&mut self) {
        if let Some((level, title)) = self.heading.take() {
            let labels = std::mem::take(&mut self.images);
            let title = if collapse_ws(&clean(title.clone(), Tabs::Prose)).is_empty() {
                labels.iter().map(|l| image_alt(l)).filter(|a| !a.is_empty()).collect::<Vec<_>>().join(" ")
            } else {
                title
            };
            self.levels.push(level);
            self.push(Top::Heading(level, title));
        }
        if let Some(block) = self.html.take() {
            let block = clean(block.trim_end_matches('\n').to_string(), Tabs::Code);
            if !is_hidden_html(&block) {
                // Only the first block, or the one after a lone `#` title,
                // can be the title.
                let heading = html::take_heading(&block);
                let only = heading.as_ref().is_some_and(|(_, rest)| is_hidden_html(rest));
                let first = self.top.is_empty();
                self.push(match heading {
                    Some(_) if self.top.len() < 2 => Top::HeadingHtml { only, first },
                    _ => Top::Other,
                });
            }
        }
    }

    /// The title and the sections, by the parse's rules ([`plan`]).
    /// The title and split, by the parse's rules ([`plan_with`]).
    fn plan(&self) -> Plan {
        // A document that opens with an HTML heading has it for its title.
        plan_with(&self.levels, !matches!(self.top.first(), Some(Top::HeadingHtml { first: true, .. })))
    }

    fn entries(self) -> Option<Vec<OutlineEntry>> {
        let plan = self.plan();
        let (mut top, mut starts) = (self.top, self.starts);
        let mut titled = false;
        if let Some(k) = plan.title
            && let Some(i) =
                top.iter().enumerate().filter(|(_, t)| matches!(t, Top::Heading(..))).nth(k).map(|(i, _)| i)
            && let Top::Heading(_, title) = top.remove(i)
        {
            starts.remove(i);
            titled = !collapse_ws(&clean(title, Tabs::Prose)).is_empty();
        }
        let metadata = self.metadata.as_deref().map(parse_front_matter).unwrap_or_default();
        titled = titled || front_matter_title(metadata).is_some();
        if !titled && matches!(top.first(), Some(Top::HeadingHtml { .. })) {
            if matches!(top.first(), Some(Top::HeadingHtml { only: true, .. })) {
                top.remove(0);
                starts.remove(0);
            } else {
                top[0] = Top::Other;
            }
        }
        let split = plan.split?;
        let mut out = Vec::new();
        for (t, offset) in top.into_iter().zip(starts) {
            match t {
                Top::Heading(level, title) if level <= split => {
                    let title = collapse_ws(&clean(title, Tabs::Prose));
                    let title = if title.is_empty() { "Untitled section".to_string() } else { title };
                    out.push(OutlineEntry { level, title: title.into(), offset, line: 0 });
                }
                _ if out.is_empty() => out.push(OutlineEntry { level: 0, title: Default::default(), offset, line: 0 }),
                _ => {}
            }
        }
        // Kept while the rest is read: without the room it grew.
        out.shrink_to_fit();
        Some(out)
    }
}
