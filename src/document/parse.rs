//! Markdown text to [`Document`]: pulldown-cmark events into blocks, blocks
//! into sections, authored claims read, the rest extracted.
//!
//! Every event is matched explicitly; the parser options live in [`options`].

use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::claim::{self, Claim};
use super::{Align, Block, BlockKind, Document, ListItem, Marks, Section, Span, collapse_ws, count_words, plain_text};
use crate::sanitize::{Tabs, clean};

/// The Markdown dialect: CommonMark plus tables, strikethrough, task lists,
/// footnotes, heading attributes and YAML front matter.
pub fn options() -> Options {
    Options::ENABLE_TABLES
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

/// Where a quick first screen can stop: the start of the last top-level
/// block that begins within the first `window` bytes (that block may run
/// past the window), or the whole text when it is shorter. Parsing
/// `text[..prefix_end(text, window)]` gives the opening of the document
/// without reading the rest.
pub fn prefix_end(text: &str, window: usize) -> usize {
    if text.len() <= window {
        return text.len();
    }
    let mut cut = window;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut depth = 0usize;
    let mut last_start = 0;
    for (event, range) in Parser::new_ext(&text[..cut], options()).into_offset_iter() {
        match event {
            Event::Start(_) => {
                if depth == 0 {
                    last_start = range.start;
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Rule if depth == 0 => last_start = range.start,
            Event::Text(_)
            | Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::Rule
            | Event::TaskListMarker(_) => {}
        }
    }
    last_start
}

/// A section as the sidebar can list it before the document is parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutlineEntry {
    /// 0 for the opening before the first heading (titled later, from its words).
    pub level: u8,
    pub title: String,
}

/// The most table cells a document's tables may have (header width times
/// rows: the parser pads every short row to the header's width).
pub const MAX_TABLE_CELLS: usize = 250_000;

/// The text with tables past [`MAX_TABLE_CELLS`] (counted in order) made
/// plain text: a backslash before their delimiter row's first `|` keeps
/// them from being tables, so they read as their lines, nothing lost, and
/// nothing costs memory out of proportion to the input.
pub fn tame_tables(text: &str) -> std::borrow::Cow<'_, str> {
    let is_delimiter = |l: &str| {
        let t = l.trim();
        t.contains('-') && t.contains('|') && t.bytes().all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
    };
    // A cheap first look: only text with a delimiter row can hold a table.
    if !text.contains("-|") && !text.contains("|-") && !text.contains("| -") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut budget = MAX_TABLE_CELLS;
    let mut cuts = Vec::new();
    let mut lines = text.split_inclusive('\n').peekable();
    let mut at = 0;
    while let Some(line) = lines.next() {
        let start = at;
        at += line.len();
        if !is_delimiter(line) {
            continue;
        }
        let cols = line.matches('|').count().max(1);
        let mut rows = 1;
        while let Some(next) = lines.peek() {
            if next.trim().is_empty() {
                break;
            }
            rows += 1;
            at += next.len();
            lines.next();
        }
        let cells = cols.saturating_mul(rows);
        if cells > budget {
            cuts.push(start + line.len() - line.trim_start().len());
        } else {
            budget -= cells;
        }
    }
    if cuts.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + cuts.len());
    let mut from = 0;
    for c in cuts {
        out.push_str(&text[from..c]);
        out.push('\\');
        from = c;
    }
    out.push_str(&text[from..]);
    std::borrow::Cow::Owned(out)
}

/// How a document's top-level headings make its title and sections: one
/// rule for the full parse and the quick outline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Which heading (by its place among the headings) is the title.
    pub title: Option<usize>,
    /// Headings at this level or shallower start sections.
    pub split: Option<u8>,
}

/// The plan for headings of `levels`, in document order. The first heading
/// is the title when it is at the shallowest level and alone there (or
/// with only a single trailing heading beside it, "# Acknowledgements"),
/// and is a `#` or has other headings under it.
/// Sections are cut at the shallowest level left, unless a single heading
/// sits there and a deeper level has several: then at that deeper level
/// (one `## Contributing` after six `###` does not swallow them), and the
/// shallower heading still starts a section of its own.
pub fn plan(levels: &[u8]) -> Plan {
    plan_with(levels, true)
}

/// [`plan`], where a heading may be the title only when `may_title` (not
/// when the document opens with an HTML heading, which is the title then).
fn plan_with(levels: &[u8], may_title: bool) -> Plan {
    let count = |l: u8, from: usize| levels[from..].iter().filter(|&&x| x == l).count();
    let min = levels.iter().copied().min();
    let title = match (levels.first(), min) {
        // A `#`, or a deeper heading with sections under it (a lone `##`
        // over `###`s); a lone `##` over plain text stays a section.
        (Some(&first), Some(m)) if may_title && first == m && (m == 1 || levels.len() > 1) => {
            let same = count(m, 1);
            let trailing = same == 1 && levels.len() > 2 && levels.last() == Some(&m);
            (same == 0 || trailing).then_some(0)
        }
        _ => None,
    };
    let from = usize::from(title.is_some());
    let mut split = levels[from..].iter().copied().min();
    while let Some(l) = split
        && count(l, from) == 1
    {
        match levels[from..].iter().copied().filter(|&x| x > l && count(x, from) >= 2).min() {
            Some(deeper) => split = Some(deeper),
            None => break,
        }
    }
    Plan { title, split }
}

/// Every section's level and title from one pass of the parser that keeps
/// nothing but the top-level headings' text: what the sidebar lists while
/// the rest of the document is parsed (about the cost of a bare parse).
/// The same rules as [`parse_structure`] (a single leading `#` is the
/// title, the shallowest heading level splits, text before it is an
/// opening). `None` for a document without headings, whose sections are
/// cut from its paragraphs.
pub fn outline(text: &str) -> Option<Vec<OutlineEntry>> {
    enum Top {
        Heading(u8, String),
        /// An HTML block with an `<h1>`, near the top: the title when the
        /// document has no other (then, when the heading is all it shows,
        /// it is not a block at all); `first`: it opens the document.
        HeadingHtml {
            only: bool,
            first: bool,
        },
        Other,
    }
    let mut top: Vec<Top> = Vec::new();
    let mut depth = 0usize;
    // A top-level heading: its level, its text and its images' labels.
    let mut heading: Option<(u8, String)> = None;
    let mut images: Vec<String> = Vec::new();
    // A top-level HTML block's text, to leave out comments as the parse does.
    let mut html: Option<String> = None;
    // An image in a heading: its depth and description so far.
    let mut image: Option<(usize, String)> = None;
    // Front matter, for a title the parse would take from it.
    let mut metadata: Option<String> = None;
    let mut in_metadata = false;
    let text = &*tame_tables(text);
    for event in Parser::new_ext(text, options()) {
        match event {
            Event::Start(Tag::Image { .. }) if heading.is_some() && image.is_none() => {
                image = Some((depth, String::new()));
                depth += 1;
            }
            Event::End(_) if image.as_ref().is_some_and(|(d, _)| *d + 1 == depth) => {
                depth -= 1;
                if let (Some(_), Some((_, alt))) = (&heading, image.take()) {
                    images.push(super::html::image_label(&alt));
                }
            }
            Event::Text(t) | Event::Code(t) if image.is_some() => {
                if let Some((_, alt)) = &mut image {
                    alt.push_str(&t);
                }
            }
            // Inline HTML shows as the parse shows it.
            Event::InlineHtml(t) if heading.is_some() => {
                let inline = super::html::inline(&t);
                let is_image = matches!(inline, super::html::Inline::Image(_));
                let shown = match inline {
                    super::html::Inline::Image(label) => label,
                    super::html::Inline::Break => " ".to_string(),
                    super::html::Inline::Nothing => String::new(),
                    super::html::Inline::Text => t.into_string(),
                };
                match (&mut image, &mut heading) {
                    (Some((_, alt)), _) => alt.push_str(&shown),
                    (None, Some(_)) if is_image => images.push(shown),
                    (None, Some((_, title))) => title.push_str(&shown),
                    _ => {}
                }
            }
            Event::Start(tag) => {
                if depth == 0 {
                    match tag {
                        Tag::Heading { level, .. } => heading = Some((heading_level(level), String::new())),
                        Tag::MetadataBlock(_) => in_metadata = true,
                        Tag::HtmlBlock => html = Some(String::new()),
                        _ => top.push(Top::Other),
                    }
                }
                depth += 1;
            }
            Event::Text(t) if in_metadata => metadata.get_or_insert_with(String::new).push_str(&t),
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                in_metadata = false;
                if depth == 0 {
                    if let Some((level, title)) = heading.take() {
                        // As the parse titles it: without images, unless
                        // they are all there is.
                        let labels = std::mem::take(&mut images);
                        let title = if collapse_ws(&clean(title.clone(), Tabs::Prose)).is_empty() {
                            labels.iter().map(|l| image_alt(l)).filter(|a| !a.is_empty()).collect::<Vec<_>>().join(" ")
                        } else {
                            title
                        };
                        top.push(Top::Heading(level, title));
                    }
                    if let Some(block) = html.take() {
                        let block = clean(block.trim_end_matches('\n').to_string(), Tabs::Code);
                        if !is_hidden_html(&block) {
                            // Only the first block, or the one after a lone
                            // `#` title, can be the title.
                            let heading = super::html::take_heading(&block);
                            let only = heading.as_ref().is_some_and(|(_, rest)| is_hidden_html(rest));
                            top.push(match heading {
                                Some(_) if top.len() < 2 => Top::HeadingHtml { only, first: top.is_empty() },
                                _ => Top::Other,
                            });
                        }
                    }
                }
            }
            Event::Html(t) if html.is_some() && depth == 1 => {
                if let Some(block) = &mut html {
                    block.push_str(&t);
                }
            }
            Event::Text(t)
            | Event::Code(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t)
            | Event::Html(t)
            | Event::InlineHtml(t) => {
                if let Some((_, title)) = &mut heading {
                    title.push_str(&t);
                }
            }
            Event::FootnoteReference(label) => {
                if let Some((_, title)) = &mut heading {
                    title.push_str(&format!("[^{label}]"));
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, title)) = &mut heading {
                    title.push(' ');
                }
            }
            Event::Rule => {
                if depth == 0 {
                    top.push(Top::Other);
                }
            }
            Event::TaskListMarker(_) => {}
        }
    }
    // The title and the sections, by the parse's rules ([`plan`]).
    let levels: Vec<u8> = top
        .iter()
        .filter_map(|t| match t {
            Top::Heading(level, _) => Some(*level),
            _ => None,
        })
        .collect();
    // A document that opens with an HTML heading has it for its title.
    let plan = plan_with(&levels, !matches!(top.first(), Some(Top::HeadingHtml { first: true, .. })));
    let mut titled = false;
    if let Some(k) = plan.title
        && let Some(i) = top.iter().enumerate().filter(|(_, t)| matches!(t, Top::Heading(..))).nth(k).map(|(i, _)| i)
        && let Top::Heading(_, title) = top.remove(i)
    {
        titled = !collapse_ws(&clean(title, Tabs::Prose)).is_empty();
    }
    titled = titled || front_matter_title(metadata.as_deref().map(parse_front_matter).unwrap_or_default()).is_some();
    if !titled && matches!(top.first(), Some(Top::HeadingHtml { .. })) {
        if matches!(top.first(), Some(Top::HeadingHtml { only: true, .. })) {
            top.remove(0);
        } else {
            top[0] = Top::Other;
        }
    }
    let split = plan.split?;
    let mut out = Vec::new();
    for t in top {
        match t {
            Top::Heading(level, title) if level <= split => {
                let title = collapse_ws(&clean(title, Tabs::Prose));
                let title = if title.is_empty() { "Untitled section".to_string() } else { title };
                out.push(OutlineEntry { level, title });
            }
            _ if out.is_empty() => out.push(OutlineEntry { level: 0, title: String::new() }),
            _ => {}
        }
    }
    Some(out)
}

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
    let mut b = Builder::default();
    let text = &*tame_tables(text);
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        b.event(event, range.start);
    }
    b.finish();
    let lines = LineIndex::new(text);
    let metadata = b.metadata.as_deref().map(parse_front_matter).unwrap_or_default();
    let mut top: Vec<(Block, usize)> = b.top;

    // The title heading and the level that splits ([`plan`]).
    let levels: Vec<u8> = top
        .iter()
        .filter_map(|(blk, _)| match blk.kind {
            BlockKind::Heading { level, .. } => Some(level),
            _ => None,
        })
        .collect();
    // A document that opens with an HTML heading (a README's centred name)
    // has it for its title; a `# Overview` after it is a section.
    let html_first = matches!(top.first(), Some((Block { kind: BlockKind::Html(h), .. }, _)) if super::html::take_heading(h).is_some());
    let plan = plan_with(&levels, !html_first);
    let mut title = String::new();
    if let Some(k) = plan.title
        && let Some(i) = top
            .iter()
            .enumerate()
            .filter(|(_, (blk, _))| matches!(blk.kind, BlockKind::Heading { .. }))
            .nth(k)
            .map(|(i, _)| i)
        && let BlockKind::Heading { content, .. } = top.remove(i).0.kind
    {
        title = heading_title(&content);
    }
    // The front matter's title comes first (the heading it heads still
    // makes no section).
    if let Some(t) = front_matter_title(metadata.clone()) {
        title = t;
    }
    // Else a README's centred HTML heading, when the document opens with it
    // (the block goes when the heading is all it shows).
    if title.is_empty()
        && let Some((first, _)) = top.first_mut()
        && let BlockKind::Html(html) = &mut first.kind
        && let Some((heading, rest)) = super::html::take_heading(html)
    {
        title = heading;
        if is_hidden_html(&rest) {
            top.remove(0);
        } else {
            *html = rest;
        }
    }

    // Plain text: a label line ("BLOG") and a headline under it.
    let mut metadata = metadata;
    if title.is_empty()
        && plan.split.is_none()
        && let Some((label, headline)) = take_headline(&mut top)
    {
        title = headline;
        if let Some(label) = label
            && !metadata.iter().any(|(k, _)| k.eq_ignore_ascii_case("kind"))
        {
            metadata.push(("kind".to_string(), label));
        }
    }
    let mut sections = match plan.split {
        Some(level) => sections_by_heading(top, level, &lines, &title),
        None => sections_by_paragraph(top, &lines),
    };
    number_blocks(&mut sections);
    for section in &mut sections {
        section.words = section.blocks.iter().map(|b| count_words(&b.text())).sum();
    }
    Document { title, metadata, sections }
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

/// The lines of a paragraph, split at its line breaks.
fn lines_of(spans: &[Span]) -> Vec<Vec<Span>> {
    let mut out = vec![Vec::new()];
    for s in spans {
        if s.marks.contains(Marks::SOFT_BREAK) || s.marks.contains(Marks::HARD_BREAK) {
            out.push(Vec::new());
        } else if let Some(last) = out.last_mut() {
            last.push(s.clone());
        }
    }
    out
}

/// A plain text's opening label and headline: a first line of one word in
/// capitals ("BLOG", which becomes the `kind`, as "Blog") and then a short
/// line that reads as a headline (three to 30 words, no full stop at its
/// end), or such a headline alone on the first line of a paragraph of
/// several. Both leave the text; the headline is the title.
fn take_headline(top: &mut Vec<(Block, usize)>) -> Option<(Option<String>, String)> {
    let (first, _) = top.first_mut()?;
    let BlockKind::Paragraph(spans) = &first.kind else { return None };
    let lines = lines_of(spans);
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
        [l, h, ..] if is_label(&text(l)) && is_headline(&text(h)) => {
            let lower = text(l).to_lowercase();
            let mut chars = lower.chars();
            let kind: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
            (Some(kind), text(h), 2)
        }
        [h, _, ..] if is_headline(&text(h)) && text(h).ends_with(['?', '!']) => (None, text(h), 1),
        _ => return None,
    };
    let kept: Vec<Span> = lines
        .into_iter()
        .skip(used)
        .enumerate()
        .flat_map(|(i, l)| {
            let brk = (i > 0).then(|| Span { text: " ".to_string(), marks: Marks::SOFT_BREAK, link: None });
            brk.into_iter().chain(l)
        })
        .collect();
    if kept.iter().all(|s| s.text.trim().is_empty()) {
        top.remove(0);
    } else {
        first.kind = BlockKind::Paragraph(kept);
    }
    Some((label, headline))
}

/// Splits at headings of `level` and shallower; text before the first one is an opening
/// section titled with its first words (or, when it has none, only badges
/// or HTML, with the document's title).
fn sections_by_heading(top: Vec<(Block, usize)>, level: u8, lines: &LineIndex, title: &str) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    for (block, offset) in top {
        match block.kind {
            BlockKind::Heading { level: l, content } if l <= level => {
                let title = heading_title(&content);
                let title = if title.is_empty() { "Untitled section".to_string() } else { title };
                sections.push(new_section(l, title, content, lines.line(offset)));
            }
            kind => {
                if sections.is_empty() {
                    sections.push(new_section(0, String::new(), Vec::new(), lines.line(offset)));
                }
                let section = sections.last_mut().expect("a section was just ensured");
                add_block(section, Block { id: 0, kind });
            }
        }
    }
    // An opening section with nothing in it (the title alone) is not a section.
    if sections
        .first()
        .is_some_and(|s| s.level == 0 && s.blocks.is_empty() && s.claim.origin != super::ClaimOrigin::Authored)
    {
        sections.remove(0);
    }
    let untitled = if title.is_empty() { "Opening" } else { title };
    for s in sections.iter_mut().filter(|s| s.level == 0) {
        s.title = opening_words(&s.blocks, untitled);
    }
    sections
}

/// A document without headings: each paragraph (or run of short ones) is a
/// section. Paragraphs written one per line are split at their line breaks.
fn sections_by_paragraph(top: Vec<(Block, usize)>, lines: &LineIndex) -> Vec<Section> {
    let mut pieces: Vec<(Block, usize)> = Vec::new();
    for (block, offset) in top {
        let line = lines.line(offset);
        match block.kind {
            BlockKind::Paragraph(spans) if is_line_per_paragraph(&spans) => {
                let mut current = Vec::new();
                let mut k = 0;
                for span in spans {
                    if span.marks.contains(Marks::SOFT_BREAK) {
                        if !current.is_empty() {
                            pieces.push((
                                Block { id: 0, kind: BlockKind::Paragraph(std::mem::take(&mut current)) },
                                line + k,
                            ));
                        }
                        k += 1;
                    } else {
                        current.push(span);
                    }
                }
                if !current.is_empty() {
                    pieces.push((Block { id: 0, kind: BlockKind::Paragraph(current) }, line + k));
                }
            }
            kind => pieces.push((Block { id: 0, kind }, line)),
        }
    }
    let mut sections: Vec<Section> = Vec::new();
    let mut open = false;
    for (block, line) in pieces {
        let words = count_words(&block.text());
        if !open {
            sections.push(new_section(0, String::new(), Vec::new(), line));
            open = true;
        }
        let section = sections.last_mut().expect("a section is open");
        let is_claim = add_block(section, block);
        if !is_claim {
            section.words += words;
        }
        if section.words >= MIN_SECTION_WORDS {
            open = false;
        }
    }
    // A short tail joins the section before it.
    if sections.len() > 1 && sections.last().is_some_and(|s| s.words < MIN_SECTION_WORDS) {
        let tail = sections.pop().expect("checked above");
        let prev = sections.last_mut().expect("checked above");
        prev.blocks.extend(tail.blocks);
        if prev.claim.origin != super::ClaimOrigin::Authored {
            prev.claim = tail.claim;
        }
    }
    for s in &mut sections {
        s.title = opening_words(&s.blocks, "Untitled section");
    }
    sections
}

fn is_line_per_paragraph(spans: &[Span]) -> bool {
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
fn is_hidden_html(html: &str) -> bool {
    claim::parse_annotation(html).is_none() && super::html::visible_text(html).is_empty()
}

fn new_section(level: u8, title: String, heading: Vec<Span>, line: usize) -> Section {
    Section { level, title, heading, heading_id: 0, line, blocks: Vec::new(), claim: Claim::placeholder(), words: 0 }
}

/// Adds a block to a section, or reads it as the section's authored claim.
/// Returns true when the block was a claim annotation.
fn add_block(section: &mut Section, block: Block) -> bool {
    if let BlockKind::Html(html) = &block.kind
        && let Some(text) = claim::parse_annotation(html)
    {
        if section.claim.origin != super::ClaimOrigin::Authored {
            section.claim = Claim::authored(text);
        }
        return true;
    }
    section.blocks.push(block);
    false
}

/// The first few words of a section, for a title when it has no heading;
/// `untitled` when it has no words.
fn opening_words(blocks: &[Block], untitled: &str) -> String {
    const MAX_WORDS: usize = 7;
    const MAX_CHARS: usize = 48;
    // Prose first: raw HTML and rows of badges make poor titles.
    let texts = || {
        blocks
            .iter()
            .filter(|b| match &b.kind {
                BlockKind::Html(_) => false,
                BlockKind::Paragraph(spans) => !super::is_decoration(spans) && !super::is_link_list(spans),
                // A list of links is a table of contents, not an opening.
                BlockKind::List { .. } => {
                    let mut all_links = true;
                    b.walk(&mut |x| {
                        if let BlockKind::Paragraph(spans) = &x.kind {
                            all_links &= super::is_link_list(spans);
                        }
                    });
                    !all_links
                }
                _ => true,
            })
            .map(|b| collapse_ws(&b.text()))
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

/// Gives every heading and block an id, increasing in document order.
fn number_blocks(sections: &mut [Section]) {
    fn visit(block: &mut Block, next: &mut u32) {
        block.id = *next;
        *next += 1;
        match &mut block.kind {
            BlockKind::List { items, .. } => {
                for item in items {
                    for b in &mut item.blocks {
                        visit(b, next);
                    }
                }
            }
            BlockKind::Quote(blocks) | BlockKind::Footnote { blocks, .. } => {
                for b in blocks {
                    visit(b, next);
                }
            }
            BlockKind::Heading { .. }
            | BlockKind::Paragraph(_)
            | BlockKind::Code { .. }
            | BlockKind::Table { .. }
            | BlockKind::Rule
            | BlockKind::Html(_) => {}
        }
    }
    let mut next = 1;
    for s in sections {
        s.heading_id = next;
        next += 1;
        for b in &mut s.blocks {
            visit(b, &mut next);
        }
    }
}

/// Byte offset to 1-based line number.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }
    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }
}

/// Front matter YAML to ordered key/value strings. Invalid YAML gives none.
/// The front matter's `title`, when it says something.
fn front_matter_title(metadata: Vec<(String, String)>) -> Option<String> {
    metadata.into_iter().find(|(k, _)| k.eq_ignore_ascii_case("title")).map(|(_, t)| t).filter(|t| !t.is_empty())
}

/// Front matter is a few keys; past these bounds it is ignored, with a
/// note in its place (README.md, Safety).
const MAX_FRONT_MATTER: usize = 64 * 1024;
/// A table shows at most this many columns; a wider row ends in a marked cell.
pub const MAX_TABLE_COLUMNS: usize = 64;
const MAX_YAML_NESTING: usize = 64;

/// Why front matter is not read, if it is not: too large, nested too deep
/// (brackets, or block collections: `- - - x`, deep indentation), or using
/// aliases (which a parser expands, "billion laughs").
fn front_matter_refusal(yaml: &str) -> Option<&'static str> {
    if yaml.len() > MAX_FRONT_MATTER {
        return Some("ignored: larger than 64 KB");
    }
    if yaml.bytes().filter(|&b| b == b'[' || b == b'{').count() > 256 {
        return Some("ignored: nested too deeply");
    }
    for line in yaml.lines() {
        // Each level of block nesting needs an indent or a `- `, `? `, `: `.
        let mut depth = 0;
        let mut rest = line;
        loop {
            let trimmed = rest.trim_start_matches(' ');
            depth += rest.len() - trimmed.len();
            match trimmed.get(..2) {
                Some("- " | "? " | ": ") => {
                    depth += 2;
                    rest = &trimmed[2..];
                }
                _ => break,
            }
        }
        if depth > 2 * MAX_YAML_NESTING {
            return Some("ignored: nested too deeply");
        }
    }
    // An anchor (`&name`) that an alias (`*name`) refers to.
    let names = |sigil: char| -> Vec<&str> {
        yaml.match_indices(sigil)
            .filter(|(i, _)| *i == 0 || matches!(yaml.as_bytes()[i - 1], b' ' | b'[' | b',' | b'\n'))
            .map(|(i, _)| {
                let rest = &yaml[i + 1..];
                &rest[..rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')).unwrap_or(rest.len())]
            })
            .filter(|n| !n.is_empty())
            .collect()
    };
    let anchors = names('&');
    let alias = !anchors.is_empty() && names('*').iter().any(|a| anchors.contains(a));
    alias.then_some("ignored: it uses YAML aliases")
}

fn parse_front_matter(yaml: &str) -> Vec<(String, String)> {
    use yaml_rust2::{Yaml, YamlLoader};
    // Deep nesting could exhaust the YAML parser's stack (and the walk and
    // drop of its tree); aliases could expand without end.
    if let Some(why) = front_matter_refusal(yaml) {
        return vec![("front matter".to_string(), why.to_string())];
    }
    fn scalar(y: &Yaml) -> Option<String> {
        match y {
            Yaml::Real(s) | Yaml::String(s) => Some(s.clone()),
            Yaml::Integer(i) => Some(i.to_string()),
            Yaml::Boolean(b) => Some(b.to_string()),
            Yaml::Array(items) => {
                let parts: Vec<String> = items.iter().filter_map(scalar).collect();
                Some(parts.join(", "))
            }
            Yaml::Hash(h) => {
                let parts: Vec<String> =
                    h.iter().filter_map(|(k, v)| Some(format!("{}: {}", scalar(k)?, scalar(v)?))).collect();
                Some(parts.join(", "))
            }
            Yaml::Null | Yaml::BadValue | Yaml::Alias(_) => None,
        }
    }
    let Ok(docs) = YamlLoader::load_from_str(yaml) else {
        return Vec::new();
    };
    let Some(Yaml::Hash(hash)) = docs.into_iter().next() else {
        return Vec::new();
    };
    hash.iter()
        .filter_map(|(k, v)| {
            let key = clean(scalar(k)?, Tabs::Prose);
            let value = clean(collapse_ws(&scalar(v)?), Tabs::Prose);
            Some((key, value))
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Events to blocks.

enum Container {
    Quote(Vec<Block>),
    List { start: Option<u64>, items: Vec<ListItem> },
    Item { task: Option<bool>, blocks: Vec<Block> },
    Footnote { label: String, blocks: Vec<Block> },
}

#[derive(Clone, Copy, PartialEq)]
enum InlineKind {
    Paragraph,
    /// Text directly in a tight list item, without paragraph events.
    Implicit,
    Heading(u8),
    Cell,
}

struct Table {
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
struct Builder {
    top: Vec<(Block, usize)>,
    stack: Vec<Container>,
    /// For each open container tag: whether it was pushed on `stack`.
    opened: Vec<bool>,
    /// Offset of the outermost open block.
    offset: usize,
    inline: Option<(InlineKind, Vec<Span>)>,
    marks: Vec<Marks>,
    links: Vec<std::sync::Arc<str>>,
    image: Option<(String, String)>,
    code: Option<(Option<String>, String)>,
    html: Option<String>,
    table: Option<Table>,
    in_metadata: bool,
    metadata: Option<String>,
}

impl Builder {
    fn marks(&self) -> Marks {
        self.marks.last().copied().unwrap_or(Marks::NONE)
    }

    fn push_marks(&mut self, m: Marks) {
        let cur = self.marks();
        self.marks.push(cur.with(m));
    }

    fn push_block(&mut self, kind: BlockKind) {
        let block = Block { id: 0, kind };
        match self.stack.last_mut() {
            Some(Container::Quote(blocks))
            | Some(Container::Item { blocks, .. })
            | Some(Container::Footnote { blocks, .. }) => blocks.push(block),
            Some(Container::List { items, .. }) => items.push(ListItem { task: None, blocks: vec![block] }),
            None => self.top.push((block, self.offset)),
        }
    }

    fn push_span(&mut self, text: String, extra: Marks) {
        if let Some((alt, _)) = &mut self.image {
            alt.push_str(&text);
            return;
        }
        if self.inline.is_none() {
            self.inline = Some((InlineKind::Implicit, Vec::new()));
        }
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
        spans.push(Span { text, marks, link });
    }

    /// Closes text that arrived without a paragraph (tight list items).
    fn flush_implicit(&mut self) {
        if matches!(self.inline, Some((InlineKind::Implicit, _))) {
            let (_, spans) = self.inline.take().expect("matched above");
            self.push_block(BlockKind::Paragraph(spans));
        }
    }

    /// Opens a container unless nesting is already too deep.
    fn open(&mut self, c: Container) {
        let ok = self.stack.len() < MAX_DEPTH;
        if ok {
            self.stack.push(c);
        }
        self.opened.push(ok);
    }

    /// Closes a container tag; `None` when it was flattened.
    fn close(&mut self) -> Option<Container> {
        self.flush_implicit();
        if self.opened.pop().unwrap_or(false) { self.stack.pop() } else { None }
    }

    fn start_block(&mut self, offset: usize) {
        self.flush_implicit();
        if self.stack.is_empty() && self.inline.is_none() && self.table.is_none() {
            self.offset = offset;
        }
    }

    fn event(&mut self, event: Event<'_>, offset: usize) {
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
            Event::InlineHtml(text) => match super::html::inline(&text) {
                super::html::Inline::Image(label) => self.push_span(label, Marks::IMAGE),
                super::html::Inline::Break => self.push_span("\n".to_string(), Marks::HARD_BREAK),
                super::html::Inline::Nothing => {}
                super::html::Inline::Text => self.push_span(text.into_string(), Marks::HTML),
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

    fn start(&mut self, tag: Tag<'_>, offset: usize) {
        match tag {
            Tag::Paragraph => {
                self.start_block(offset);
                self.inline = Some((InlineKind::Paragraph, Vec::new()));
            }
            Tag::Heading { level, .. } => {
                self.start_block(offset);
                self.inline = Some((InlineKind::Heading(heading_level(level)), Vec::new()));
            }
            Tag::BlockQuote(_) => {
                self.start_block(offset);
                self.open(Container::Quote(Vec::new()));
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
                self.links.push(clean(dest_url.into_string(), Tabs::Prose).into());
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

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                if let Some((_, mut spans)) = self.inline.take() {
                    // The growth slack is a third of a large document's spans.
                    spans.shrink_to_fit();
                    self.push_block(BlockKind::Paragraph(spans));
                }
            }
            TagEnd::Heading(_) => {
                if let Some((kind, content)) = self.inline.take() {
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
                    self.push_block(BlockKind::Code { lang, text: clean(text, Tabs::Code) });
                }
            }
            TagEnd::HtmlBlock => {
                if let Some(html) = self.html.take() {
                    let html = clean(html.trim_end_matches('\n').to_string(), Tabs::Code);
                    if !is_hidden_html(&html) {
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
                    self.push_block(BlockKind::Footnote { label, blocks });
                }
            }
            TagEnd::DefinitionList | TagEnd::DefinitionListTitle | TagEnd::DefinitionListDefinition => {
                self.flush_implicit()
            }
            TagEnd::TableCell => {
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
                    self.push_block(BlockKind::Table { aligns: t.aligns, header: t.header, rows: t.rows });
                }
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Superscript | TagEnd::Subscript => {
                self.marks.pop();
            }
            TagEnd::Link => {
                self.links.pop();
                self.marks.pop();
            }
            TagEnd::Image => {
                if let Some((alt, url)) = self.image.take() {
                    let text = super::html::image_label(&alt);
                    // Inside a link (a linked badge), the image goes where
                    // the link goes, not to its own picture.
                    let own = self.links.is_empty();
                    if own {
                        self.links.push(url.into());
                    }
                    self.push_span(text, Marks::IMAGE.with(Marks::LINK));
                    if own {
                        self.links.pop();
                    }
                }
            }
            TagEnd::MetadataBlock(_) => self.in_metadata = false,
        }
    }

    fn finish(&mut self) {
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
                Container::Footnote { label, blocks } => BlockKind::Footnote { label, blocks },
            };
            self.push_block(kind);
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ClaimOrigin;

    fn titles(doc: &Document) -> Vec<&str> {
        doc.sections.iter().map(|s| s.title.as_str()).collect()
    }

    #[test]
    fn the_outline_lists_the_sections_that_the_parse_finds() {
        let docs = [
            "# Title\n\nIntro words here.\n\n## One *emph* `code`\n\nx\n\n### Sub\n\ny\n\n## Two[^n]\n\n[^n]: z\n",
            "# A\n\n# B\n\ntext\n",
            "---\ntitle: T\n---\n\n## Only\n\n- # not top level\n\n> ## nor this\n",
            "### Deep first\n\n## Shallow\n\n<!-- claim: c -->\n\n## \n",
            "Setext\n======\n\nbody\n\nOther\n-----\n",
            "# Just a title\n",
        ];
        for md in docs {
            let doc = parse(md);
            let outline = outline(md).unwrap_or_default();
            let parsed: Vec<(u8, &str)> = doc.sections.iter().map(|s| (s.level, s.title.as_str())).collect();
            let quick: Vec<(u8, &str)> = outline.iter().map(|e| (e.level, e.title.as_str())).collect();
            assert_eq!(parsed.len(), quick.len(), "{md:?}: {parsed:?} vs {quick:?}");
            for ((pl, pt), (ql, qt)) in parsed.iter().zip(&quick) {
                assert_eq!(pl, ql, "{md:?}");
                // The opening's title comes from its words, later.
                if *ql > 0 {
                    assert_eq!(pt, qt, "{md:?}");
                }
            }
        }
        assert_eq!(outline("no headings at all, only a paragraph"), None);
    }

    #[test]
    fn an_opening_of_html_and_badges_is_titled_by_its_prose() {
        let md = "# Tool\n\n<div align=\"center\">\n\n[![CI](ci.svg)](https://ci) ![Docs](d.svg)\n\n</div>\n\n\
                  A fast tool for reading long documents.\n\n## Install\n\nRun it.\n";
        let doc = parse(md);
        assert_eq!(doc.sections[0].title, "A fast tool for reading long documents");
        assert!(doc.sections[0].claim.text.starts_with("A fast tool"), "{:?}", doc.sections[0].claim);
    }

    #[test]
    fn html_comments_are_not_shown_and_make_no_section() {
        let md = "<!-- Copyright notice\n\nover two paragraphs -->\n\n# Changelog\n\n<!-- cargo-sync-readme -->\n\n\
                  ## 1.0\n\n<!-- claim: The first release. -->\n\nReleased.\n\n<!-- a --> <b>kept</b>\n";
        let doc = parse(md);
        assert_eq!(doc.title, "Changelog");
        assert_eq!(titles(&doc), vec!["1.0"]);
        assert_eq!(doc.sections[0].claim.text, "The first release.");
        let html: Vec<_> = doc.sections[0].blocks.iter().filter(|b| matches!(b.kind, BlockKind::Html(_))).collect();
        assert_eq!(html.len(), 1, "only the block with more than a comment shows");
        assert_eq!(html[0].text(), "kept", "shown as a browser would");
        let outline: Vec<_> = outline(md).unwrap().into_iter().map(|e| e.title).collect();
        assert_eq!(outline, vec!["1.0"], "the quick outline agrees");
    }

    #[test]
    fn a_readme_heading_in_html_is_the_title_unless_there_is_another() {
        let md = "<div align=\"center\">\n  <h1><code>rustix</code></h1>\n\n  <p>Safe bindings</p>\n</div>\n\n## Usage\n\nUse it.\n";
        let doc = parse(md);
        assert_eq!(doc.title, "rustix");
        assert_eq!(titles(&doc), vec!["rustix", "Usage"], "the opening of HTML alone takes the title");
        let only = "<div align=\"center\">\n  <h1>Tool</h1>\n\n## Usage\n\nUse it.\n";
        assert_eq!(parse(only).title, "Tool");
        assert_eq!(titles(&parse(only)), vec!["Usage"], "the heading was all the block showed");
        assert_eq!(outline(only).unwrap().len(), 1, "the quick outline agrees");
        let fronted = format!("---\ntitle: Front\n---\n{only}");
        assert_eq!(parse(&fronted).title, "Front");
        assert_eq!(titles(&parse(&fronted)).len(), 2, "the HTML heading stays in the text");
        assert_eq!(outline(&fronted).unwrap().len(), 2);
        // A `# Overview` after the HTML name is a section, not the title.
        let over = "<p align=\"center\"><h1>Tool</h1></p>\n\n# Overview\n\nIt reads.\n\n## Install\n\nGet it.\n\n## Use\n\nRun it.\n";
        assert_eq!(parse(over).title, "Tool");
        assert_eq!(titles(&parse(over)), vec!["Overview", "Install", "Use"]);
        assert_eq!(
            outline(over).unwrap().iter().map(|e| e.title.as_str()).collect::<Vec<_>>(),
            vec!["Overview", "Install", "Use"]
        );
    }

    #[test]
    fn an_opening_of_badges_alone_is_titled_after_the_document() {
        let md = "# Tree Tool\n\n[![crates.io badge]][crates.io]\n\n[crates.io]: https://crates.io/x\n\
                  [crates.io badge]: https://img/x.svg\n\n## Usage\n\nAdd it.\n";
        assert_eq!(titles(&parse(md)), vec!["Tree Tool", "Usage"]);
        assert_eq!(titles(&parse("![logo](l.png)\n\n## A\n\n## B\n")), vec!["Opening", "A", "B"]);
    }

    #[test]
    fn images_and_badges_are_never_in_a_title() {
        let doc = parse(
            "# Serde JSON [![Build](b.svg)](x) ![Version](v.svg)\n\n## Use ![logo](l.png)\n\nText.\n\n## ![Logo only](l.png)\n\nMore.\n",
        );
        assert_eq!(doc.title, "Serde JSON");
        assert_eq!(titles(&doc), vec!["Use", "Logo only"]);
    }

    #[test]
    fn an_opening_that_is_a_table_of_contents_is_titled_by_its_prose() {
        let doc = parse(
            "# Tool\n\n[Install](#i) · [Usage](#u) · [Docs](#d)\n\nTool reads long documents fast.\n\n## Install\n\nRun it.\n",
        );
        assert!(doc.sections[0].title.starts_with("Tool reads long documents"), "{}", doc.sections[0].title);
    }

    #[test]
    fn the_level_that_splits_gives_a_useful_list() {
        let titles = |md: &str| {
            let doc = parse(md);
            (doc.title.clone(), doc.sections.iter().map(|s| s.title.clone()).collect::<Vec<_>>())
        };
        let body = |h: &str| format!("{h}\n\nSome words here.\n\n");
        // One `##` over `###`s: the `##` is the title, a section per `###`.
        let md: String =
            std::iter::once(body("## lib")).chain((1..=4).map(|i| body(&format!("### Part {i}")))).collect();
        assert_eq!(titles(&md).0, "lib");
        assert_eq!(
            titles(&md).1,
            vec!["Some words here", "Part 1", "Part 2", "Part 3", "Part 4"],
            "an opening, then the parts"
        );
        // A `#` title and a single trailing `#`: the `##`s are sections.
        let md =
            format!("{}{}{}{}", body("# Proptest"), body("## Intro"), body("## Usage"), body("# Acknowledgements"));
        assert_eq!(titles(&md).0, "Proptest");
        assert_eq!(titles(&md).1, vec!["Some words here", "Intro", "Usage", "Acknowledgements"]);
        // `###` sections and one `## Contributing`: it does not swallow them.
        let md = format!(
            "{}{}{}{}{}",
            body("# EXRS"),
            body("### Read"),
            body("### Write"),
            body("### Edit"),
            body("## Contributing")
        );
        assert_eq!(titles(&md).1, vec!["Some words here", "Read", "Write", "Edit", "Contributing"]);
        // Two `##` with `###` inside stay two sections (a changelog).
        let md = format!("{}{}{}{}", body("## 1.1"), body("### Fixed"), body("## 1.0"), body("### Added"));
        assert_eq!(titles(&md).1, vec!["1.1", "1.0"]);
        // A lone `##` over plain text is a section, not the title.
        assert_eq!(titles(&body("## Only")).1, vec!["Only"]);
    }

    #[test]
    fn a_single_h1_is_the_title_and_h2s_are_sections() {
        let doc =
            parse("# Title\n\nIntro words here for the opening.\n\n## One\n\nA.\n\n### Deep\n\nB.\n\n## Two\n\nC.\n");
        assert_eq!(doc.title, "Title");
        assert_eq!(titles(&doc), vec!["Intro words here for the opening", "One", "Two"]);
        assert_eq!(doc.sections[0].level, 0);
        assert!(matches!(doc.sections[1].blocks[1].kind, BlockKind::Heading { level: 3, .. }));
    }

    #[test]
    fn several_h1s_are_sections() {
        let doc = parse("# A\n\nx\n\n# B\n\ny\n");
        assert_eq!(doc.title, "");
        assert_eq!(titles(&doc), vec!["A", "B"]);
    }

    #[test]
    fn setext_headings_split_too() {
        let doc = parse("First\n=====\n\ntext\n\nSecond\n------\n\nmore\n\nThird\n-----\n\nend\n");
        assert_eq!(doc.title, "First");
        assert_eq!(titles(&doc), vec!["text", "Second", "Third"]);
        assert_eq!(doc.sections[1].line, 6);
    }

    #[test]
    fn hashes_inside_code_are_not_headings() {
        let doc = parse("## Real\n\n```sh\n# not a heading\n## nor this\n```\n");
        assert_eq!(titles(&doc), vec!["Real"]);
        assert!(
            matches!(&doc.sections[0].blocks[0].kind, BlockKind::Code { lang: Some(l), text } if l == "sh" && text.contains("# not"))
        );
    }

    #[test]
    fn inline_code_in_a_heading_is_kept() {
        let doc = parse("## The `parse` function\n\ntext\n\n## Other\n\nx\n");
        assert_eq!(doc.sections[0].title, "The parse function");
        assert!(doc.sections[0].heading.iter().any(|s| s.marks.contains(Marks::CODE) && s.text == "parse"));
    }

    #[test]
    fn empty_and_front_matter_only_documents_have_no_sections() {
        assert!(parse("").sections.is_empty());
        assert!(parse("   \n\n  ").sections.is_empty());
        let doc = parse("---\ntitle: Only meta\ntags: [a, b]\n---\n");
        assert_eq!(doc.title, "Only meta");
        assert_eq!(doc.metadata, vec![("title".into(), "Only meta".into()), ("tags".into(), "a, b".into())]);
        assert!(doc.sections.is_empty());
    }

    #[test]
    fn tables_past_the_cell_budget_read_as_text_and_wide_rows_are_marked() {
        // 1,000 columns by 200 rows: a table; the second and third go past
        // the budget.
        let wide = format!("|{}\n|{}\n{}\n", " h |".repeat(1000), "-|".repeat(1000), "| x |\n".repeat(200));
        let doc = parse(&format!("## T\n\n{}", wide.repeat(3)));
        let tables = doc.sections[0].blocks.iter().filter(|b| matches!(b.kind, BlockKind::Table { .. })).count();
        assert!(tables < 3, "past the budget a table is text");
        let BlockKind::Table { header, rows, .. } = &doc.sections[0].blocks[0].kind else { panic!() };
        assert_eq!(header.len(), MAX_TABLE_COLUMNS + 1);
        assert!(plain_text(&header[MAX_TABLE_COLUMNS]).contains("columns past 64 not shown"));
        assert!(rows.iter().all(|r| r.len() == 1), "a short row keeps no padding");
        assert!(doc.sections[0].blocks.iter().any(|b| b.text().contains("| h | h |")), "the rest reads as text");
    }

    #[test]
    fn hostile_front_matter_is_ignored_with_a_note() {
        let deep = format!("---\n{}x\n---\n# T\n\nText.\n", "- ".repeat(6_000));
        let doc = parse(&deep);
        assert_eq!(doc.metadata, vec![("front matter".to_string(), "ignored: nested too deeply".to_string())]);
        let indented: String = (0..300).map(|i| format!("{}a{i}:\n", " ".repeat(i))).collect();
        assert_eq!(parse(&format!("---\n{indented}---\nText.\n")).metadata[0].1, "ignored: nested too deeply");
        let laughs = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n---\nText.\n";
        assert_eq!(parse(laughs).metadata[0].1, "ignored: it uses YAML aliases");
        // Ordinary front matter, with a star and an ampersand in its text, reads.
        let fine = "---\ntitle: Rock & roll *live* &more\ntags: [a, b]\n---\nText.\n";
        assert_eq!(parse(fine).title, "Rock & roll *live* &more");
    }

    #[test]
    fn broken_front_matter_is_not_fatal() {
        let doc = parse("---\ntitle: [unclosed\n---\n\n## A\n\nx\n");
        assert!(doc.metadata.is_empty());
        assert_eq!(titles(&doc), vec!["A"]);
    }

    #[test]
    fn crlf_text_parses_like_lf() {
        let a = parse("# T\r\n\r\n## S\r\n\r\nline one\r\nline two\r\n");
        let b = parse("# T\n\n## S\n\nline one\nline two\n");
        assert_eq!(a.sections[0].title, b.sections[0].title);
        assert_eq!(a.sections[0].words, b.sections[0].words);
    }

    #[test]
    fn nested_lists_and_quotes_keep_their_shape() {
        let doc = parse("## S\n\n- a\n  - b\n    1. c\n- [x] d\n\n> q\n> > qq\n");
        let BlockKind::List { items, start: None } = &doc.sections[0].blocks[0].kind else { panic!("not a list") };
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].task, Some(true));
        let BlockKind::List { items: inner, .. } = &items[0].blocks[1].kind else { panic!("no nested list") };
        assert!(matches!(inner[0].blocks[1].kind, BlockKind::List { start: Some(1), .. }));
        let BlockKind::Quote(q) = &doc.sections[0].blocks[1].kind else { panic!("not a quote") };
        assert!(matches!(q[1].kind, BlockKind::Quote(_)));
    }

    #[test]
    fn cjk_and_emoji_titles_and_words() {
        let doc = parse("## 稀土 🎉\n\n中国控制稀土。\n");
        assert_eq!(doc.sections[0].title, "稀土 🎉");
        assert!(doc.sections[0].words >= 6, "each ideograph counts: {}", doc.sections[0].words);
    }

    #[test]
    fn authored_claims_win_and_are_hidden() {
        let doc =
            parse("## A\n\n<!-- claim: The real claim. -->\n\nFirst sentence here is background text. Then more.\n");
        let s = &doc.sections[0];
        assert_eq!(s.claim.text, "The real claim.");
        assert_eq!(s.claim.origin, ClaimOrigin::Authored);
        assert_eq!(s.blocks.len(), 1, "the annotation is not a block");
    }

    #[test]
    fn a_claim_comment_without_a_heading_belongs_to_the_opening() {
        let doc =
            parse("<!-- claim: Opening claim. -->\n\nSome opening text that has enough words.\n\n## Next\n\nx y z\n");
        assert_eq!(doc.sections[0].claim.text, "Opening claim.");
        assert_eq!(doc.sections[1].claim.origin, ClaimOrigin::Extracted);
    }

    #[test]
    fn extracted_claims_point_at_their_sentence() {
        let doc = parse("## A\n\nShort.\n\nThis is the first real sentence here. Another one.\n");
        let c = &doc.sections[0].claim;
        assert_eq!(c.origin, ClaimOrigin::Extracted);
        assert_eq!(c.sentence, "This is the first real sentence here.");
        let spot = c.spot.unwrap();
        let (_, text) = doc.sections[0].prose().into_iter().find(|(id, _)| *id == spot.block).unwrap();
        let s: String = text.chars().skip(spot.start).take(spot.end - spot.start).collect();
        assert_eq!(s, c.sentence);
    }

    #[test]
    fn a_section_without_prose_falls_back_to_its_heading() {
        let doc = parse("## Only code\n\n```\nx = 1\n```\n");
        assert_eq!(doc.sections[0].claim.text, "Only code");
    }

    #[test]
    fn the_seed_text_opens_as_about_nine_sections() {
        let seed = include_str!("../../tests/fixtures/seed.txt");
        let doc = parse(seed);
        assert_eq!(doc.sections.len(), 9, "{:?}", titles(&doc));
        // Line 2 is the headline, under the label "BLOG", which is the kind.
        assert!(doc.title.starts_with("China delivers on its promises"), "{}", doc.title);
        assert_eq!(doc.metadata, vec![("kind".to_string(), "Blog".to_string())]);
        assert!(doc.sections[0].title.starts_with("On the global political stage"));
        assert!(doc.sections[1].title.starts_with("Since April this year"));
        assert!(doc.sections.iter().all(|s| s.level == 0));
    }

    #[test]
    fn short_paragraphs_join_the_next_in_a_headingless_document() {
        let long = "word ".repeat(50);
        let doc = parse(&format!("Label\n\nTiny line.\n\n{long}\n\n{long}\n"));
        assert_eq!(doc.sections.len(), 2);
        assert_eq!(doc.sections[0].blocks.len(), 3);
    }

    #[test]
    fn heading_lines_are_reported() {
        let doc = parse("---\nkind: x\n---\n\n# T\n\n## A\n\ntext\n\n## B\n");
        assert_eq!(doc.sections.iter().map(|s| s.line).collect::<Vec<_>>(), vec![7, 11]);
    }

    #[test]
    fn escape_entities_are_sanitised_after_parsing() {
        let doc = parse("## A&#27;]0;x&#7;\n\nText &#27;[31m red &#155;\n");
        let all = format!("{:?}", doc);
        assert!(!all.contains('\u{1b}') && !all.contains('\u{9b}') && !all.contains('\u{7}'));
        assert!(doc.sections[0].title.contains('\u{241b}'));
    }

    #[test]
    fn deep_nesting_is_flattened_not_recursed() {
        let md = ">".repeat(50_000) + " deep";
        let doc = parse(&md);
        let words: usize = doc.sections.iter().map(|s| s.words).sum();
        assert_eq!(words, 1);
        let list: String = (0..5000).map(|i| format!("{}- x\n", "  ".repeat(i))).collect();
        assert!(!parse(&list).sections.is_empty());
    }

    #[test]
    fn every_paragraph_of_the_briefing_matches_the_original() {
        let seed = include_str!("../../tests/fixtures/seed.txt");
        let doc = parse(crate::source::EMBEDDED);
        let paras: Vec<String> = doc.sections.iter().flat_map(|s| s.prose()).map(|(_, t)| t).collect();
        let originals: Vec<&str> = seed.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(paras, originals);
        assert_eq!(doc.title, seed.lines().nth(1).unwrap());
        assert_eq!(doc.metadata.iter().find(|(k, _)| k == "kind").map(|(_, v)| v.as_str()), Some("Blog"));
        for s in &doc.sections {
            assert_eq!(s.claim.origin, ClaimOrigin::Authored);
            assert!(s.claim.text.chars().count() <= 120);
            assert!((2..=6).contains(&s.title.split_whitespace().count()));
        }
    }
}
