//! The parser's events a window at a time, so that no pass holds the
//! parser's tree of a whole large document (about six bytes per byte of
//! text): each window is parsed alone and only its complete top-level
//! blocks are passed on; the block the window cuts short starts the next.
//!
//! What one window cannot see of the rest is carried in: link reference
//! definitions through the parser's broken-link callback, footnote
//! definitions as stand-ins before the window (their events are dropped).
//! Front matter is only the document's opening `---` block (the parser
//! alone takes any `---` line before text for the start of one). A
//! document that fits one window is otherwise parsed as the parser parses
//! it, in one piece.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{BrokenLink, CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

use super::options;

/// Bytes of text parsed at once: the parser's tree of a window is six
/// bytes a byte of prose and up to thirty of one-word blocks, and the
/// reader parses on two threads at once.
pub const WINDOW: usize = 64 * 1024;

/// What a part of the text parsed alone needs from the rest of it: the
/// link reference definitions (label as the parser matches it, to address
/// and title) and where each footnote is defined.
#[derive(Debug, Default, PartialEq)]
pub struct Definitions {
    links: HashMap<String, (String, String)>,
    footnotes: HashMap<String, usize>,
}

impl Definitions {
    /// The definitions of `text` (one pass a window at a time; none at all
    /// for a text without "]:", which can define nothing).
    pub fn of(text: &str, window: usize) -> Definitions {
        if !text.contains("]:") {
            return Definitions::default();
        }
        Definitions::watching(text, window, &mut |_, _| {})
    }

    /// [`Definitions::of`], showing `watch` every event of the pass (as a
    /// parse that knows no definitions gives them), so that another pass
    /// that needs none can be saved.
    pub fn watching(text: &str, window: usize, watch: &mut dyn FnMut(Event<'_>, Range<usize>)) -> Definitions {
        let c = std::cell::RefCell::new(Definitions::default());
        let labels = std::cell::RefCell::new(Vec::new());
        let mut events = |event: Event<'_>, r: Range<usize>| {
            if let Event::Start(Tag::FootnoteDefinition(label)) = &event {
                labels.borrow_mut().push((label_key(label), r.start));
            }
            watch(event, r);
        };
        let mut defined = |defs: Vec<Def>| {
            let mut c = c.borrow_mut();
            for (label, dest, title) in defs {
                c.links.entry(label_key(&label)).or_insert((dest, title));
            }
            for (label, at) in labels.borrow_mut().drain(..) {
                c.footnotes.entry(label).or_insert(at);
            }
        };
        windows(text, 0..text.len(), window, &Definitions::default(), &mut events, &mut defined);
        c.into_inner()
    }

    /// What the windows of `text` need from one another: none for a text
    /// of one window (the parser sees all of it at once).
    pub fn between_windows(text: &str, window: usize) -> Definitions {
        if text.len() > window { Definitions::of(text, window) } else { Definitions::default() }
    }
}

/// A reference label as the parser compares them: case-folded, runs of
/// white space made one space.
fn label_key(label: &str) -> String {
    super::collapse_ws(label).to_lowercase()
}

/// Calls `f` with every event of `text`, in order, with its range in
/// `text`, as one whole-text parse would give them (the same events,
/// starting at the same places; the parser alone may stretch a list's end
/// over link definitions after it), parsing `window` bytes (or the one
/// top-level block that is longer) at a time.
pub fn each_event<'t>(text: &'t str, window: usize, f: &mut dyn FnMut(Event<'t>, Range<usize>)) {
    let defs = Definitions::between_windows(text, window);
    each_event_with(text, 0..text.len(), window, &defs, f);
}

/// [`each_event`] for `text[range]` alone, where `range` starts and ends
/// at top-level blocks of `text` (a section), with `defs`, the
/// definitions of all of `text`: the events the whole parse gives there.
pub fn each_event_with<'t>(
    text: &'t str,
    range: Range<usize>,
    window: usize,
    defs: &Definitions,
    f: &mut dyn FnMut(Event<'t>, Range<usize>),
) {
    windows(text, range, window, defs, f, &mut |_| {});
}

/// A link reference definition: label, address, title.
type Def = (String, String, String);

/// Where events go: the event and its range in the whole text.
type Sink<'t, 'f> = dyn FnMut(Event<'t>, Range<usize>) + 'f;

/// Walks `text[range]` a window at a time: each window's complete
/// top-level blocks' events to `f`, then its link definitions to `defined`.
fn windows<'t>(
    text: &'t str,
    range: Range<usize>,
    window: usize,
    context: &Definitions,
    f: &mut Sink<'t, '_>,
    defined: &mut dyn FnMut(Vec<Def>),
) {
    let (mut at, stop) = (range.start, range.end.min(text.len()));
    if at == 0
        && let Some((events, defs, front)) = front_matter(&text[..stop], context)
    {
        events.into_iter().for_each(|(e, r)| f(e, r));
        defined(defs);
        at = front;
    }
    while at < stop {
        let mut size = window.max(1);
        loop {
            // Whole lines only: a line cut short can read as another block.
            let end = at.saturating_add(size).min(stop);
            let end = match text.as_bytes()[at..end].iter().rposition(|&b| b == b'\n') {
                _ if end == stop => end,
                Some(i) => at + i + 1,
                None => {
                    size = size.saturating_mul(2);
                    continue;
                }
            };
            let last = end == stop;
            let (defs, cut) = parse_window(text, at..end, last, context, f);
            // A window holding only the start of one long block grows.
            if !last && cut == at {
                size = size.saturating_mul(2);
                continue;
            }
            defined(defs);
            at = cut;
            break;
        }
    }
}

/// The document's front matter, only where it opens the document (the
/// parser would take any `---` line before a line of text for the start of
/// another): its events, link definitions and where it ends.
#[allow(clippy::type_complexity)]
fn front_matter<'t>(text: &'t str, context: &Definitions) -> Option<(Vec<(Event<'t>, Range<usize>)>, Vec<Def>, usize)> {
    let front = front_matter_len(text);
    if front == 0 {
        return None;
    }
    let mut events = Vec::new();
    let (defs, _) = parse_alone(text, 0..front, true, context, options(), &mut |e, r| events.push((e, r)));
    matches!(events.first(), Some((Event::Start(Tag::MetadataBlock(_)), _))).then_some((events, defs, front))
}

/// Where a quick first screen can stop in `text`, the start of a document
/// (perhaps cut anywhere): the end of the complete top-level blocks in
/// about its first `window` bytes, where [`each_event`]'s windows cut (so
/// never inside a block a window could misread), or all of `text` when it
/// is that short. `text[..first_cut(text, window)]` parses into the
/// opening of the document without the rest.
pub fn first_cut(text: &str, window: usize) -> usize {
    if text.len() <= window {
        return text.len();
    }
    let context = Definitions::default();
    let at = front_matter(text, &context).map_or(0, |(_, _, end)| end);
    let mut size = window.max(1);
    loop {
        let end = at.saturating_add(size).min(text.len());
        let whole = end == text.len();
        match text.as_bytes()[at..end].iter().rposition(|&b| b == b'\n') {
            Some(i) => {
                let (_, cut) = parse_window(text, at..at + i + 1, false, &context, &mut |_, _| {});
                if cut > at || whole {
                    return cut;
                }
            }
            None if whole => return at,
            None => {}
        }
        size = size.saturating_mul(2);
    }
}

/// Parses `text[range]` alone, passes on the events of its complete
/// top-level blocks (all of them when it is the `last` window), and returns
/// their link definitions and where the block it cut short begins
/// (`range.start`, and nothing passed on, when it holds no complete block).
fn parse_window<'t>(
    text: &'t str,
    range: Range<usize>,
    last: bool,
    context: &Definitions,
    f: &mut Sink<'t, '_>,
) -> (Vec<Def>, usize) {
    let opts = options() - Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    if last || !text[range.clone()].contains("]:") {
        return parse_alone(text, range, last, context, opts, f);
    }
    // A definition in the block cut short may itself be cut short (or
    // lack its title's line), and the parser would resolve the window's
    // links with it: then the complete blocks are parsed again alone.
    let mut events = Vec::new();
    let (defs, cut) = parse_alone(text, range.clone(), last, context, opts, &mut |e, r| events.push((e, r)));
    if cut > range.start && text[cut..range.end].contains("]:") {
        return parse_alone(text, range.start..cut, true, context, opts, f);
    }
    events.into_iter().for_each(|(e, r)| f(e, r));
    (defs, cut)
}

/// [`parse_window`] without the second look, at `opts`.
fn parse_alone<'t>(
    text: &'t str,
    range: Range<usize>,
    last: bool,
    context: &Definitions,
    opts: Options,
    f: &mut Sink<'t, '_>,
) -> (Vec<Def>, usize) {
    let slice = &text[range.clone()];
    let at = range.start;
    // Footnotes used here but defined outside the window: stand-in
    // definitions before the window's text, whose blocks are dropped.
    let stand_ins = footnote_stand_ins(slice, &range, context);
    let (defs, cut) = if stand_ins.is_empty() {
        complete_blocks(slice, 0, opts, last, context, &mut |e, r| f(e, at + r.start..at + r.end))
    } else {
        let source = format!("{stand_ins}{slice}");
        complete_blocks(&source, stand_ins.len(), opts, last, context, &mut |e, r| {
            f(e.into_static(), at + r.start..at + r.end)
        })
    };
    (defs, at + cut)
}

/// Where a top-level block whose first event is `event`, at `at`, starts
/// in `text`: where its range does, but indented code starts where its
/// line does (the parser's range starts after the indent; the text from
/// there alone would read as a paragraph). Every pass that places blocks
/// by where they start (the outline's cuts, the parse's sections) agrees.
/// A line ends at a line feed or a carriage return (CommonMark's endings).
pub(super) fn block_at(text: &[u8], event: &Event<'_>, at: usize) -> usize {
    match event {
        Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => {
            text.get(..at).and_then(|t| t.iter().rposition(|&b| matches!(b, b'\n' | b'\r'))).map_or(0, |i| i + 1)
        }
        _ => at,
    }
}

/// [`parse_alone`] over `source`, whose first `shift` bytes are stand-ins
/// and not passed on; ranges relative to the text after them. Events are
/// held back a top-level block at a time, until the next one starts.
fn complete_blocks<'s>(
    source: &'s str,
    shift: usize,
    opts: Options,
    last: bool,
    context: &Definitions,
    f: &mut Sink<'s, '_>,
) -> (Vec<Def>, usize) {
    let callback = |link: BrokenLink<'_>| {
        context
            .links
            .get(&label_key(&link.reference))
            .map(|(dest, title)| (CowStr::from(dest.clone()), CowStr::from(title.clone())))
    };
    let parser = Parser::new_with_broken_link_callback(source, opts, Some(callback)).into_offset_iter();
    let mut defs: Vec<(Def, usize)> = parser
        .reference_definitions()
        .iter()
        .map(|(label, d)| {
            let title = d.title.as_deref().unwrap_or("").to_string();
            ((label.to_string(), d.dest.to_string(), title), d.span.end)
        })
        .collect();
    // Where each definition sits: a block right after one continues its
    // paragraph, so a window must start at the definition (the parser may
    // count it in the block before, a list's range running over it).
    let mut spans: Vec<Range<usize>> = parser.reference_definitions().iter().map(|(_, d)| d.span.clone()).collect();
    spans.sort_by_key(|s| s.start);
    let mut held: Vec<(Event<'s>, Range<usize>)> = Vec::new();
    let mut depth = 0usize;
    // Where the block held back starts, and where the one before it ended.
    let mut start: Option<usize> = None;
    let mut last_end = shift;
    let mut content_end = shift;
    // Top-level blocks seen, and which of them is held back but let go
    // of, once it has made more events than a quarter of the window's bytes
    // (a list of a million one-word items): once it is known to be
    // complete, it is parsed again.
    let mut blocks = 0usize;
    let mut let_go: Option<usize> = None;
    let max_held = ((source.len() - shift) / 4).max(1);
    for (event, r) in parser {
        let top = depth == 0;
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if r.start < shift {
            continue;
        }
        if top && matches!(event, Event::Start(_) | Event::Rule) {
            held.drain(..).for_each(|(e, r)| f(e, r));
            let begins = before_definitions(source, &spans, block_start(source, last_end, r.start));
            if let Some(k) = let_go.take() {
                again_from(source, shift, k, opts, context, f);
            }
            start = Some(begins - shift);
            blocks += 1;
        }
        // A container's end may stretch over link definitions after it
        // (which make no events): the block before ends before them.
        let container_end = matches!(
            event,
            Event::End(
                TagEnd::List(_)
                    | TagEnd::Item
                    | TagEnd::BlockQuote(_)
                    | TagEnd::FootnoteDefinition
                    | TagEnd::DefinitionList
                    | TagEnd::DefinitionListDefinition
            )
        );
        if !container_end {
            content_end = content_end.max(if matches!(event, Event::Start(_)) { r.start } else { r.end });
        }
        if depth == 0 && matches!(event, Event::End(_) | Event::Rule) {
            last_end = if container_end { definitions_in(source, content_end.min(r.end), r.end) } else { r.end };
        }
        let r = r.start - shift..r.end - shift;
        if last {
            // Nothing is cut short: nothing waits.
            f(known(event), r);
        } else if let_go.is_none() {
            if held.len() == max_held {
                let_go = Some(blocks.saturating_sub(1));
                held = Vec::new();
            } else {
                held.push((known(event), r));
            }
        }
    }
    let len = source.len() - shift;
    let cut = if last { len } else { start.unwrap_or(0) };
    defs.retain(|(_, end)| *end > shift && end - shift <= cut);
    (defs.into_iter().map(|(d, _)| d).collect(), cut)
}

/// The events of top-level block `k` (from 0) of `source`, which
/// [`complete_blocks`] let go of: `source` parsed again, whole (what comes
/// after the block, as a note's definition, still bears on it; the parser
/// places the cells it pads a short table row with where the next line
/// starts, so the block is told by its place in order, not its range).
fn again_from<'s>(source: &'s str, shift: usize, k: usize, opts: Options, context: &Definitions, f: &mut Sink<'s, '_>) {
    let (mut seen, mut depth) = (0usize, 0usize);
    complete_blocks(source, shift, opts, true, context, &mut |e, r| {
        if depth == 0 && matches!(e, Event::Start(_) | Event::Rule) {
            seen += 1;
        }
        match &e {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if seen == k + 1 {
            f(e, r)
        }
    });
}

/// Definitions standing in for the footnotes `slice` refers to that are
/// defined outside it (`range`, in the whole text), and a comment that
/// ends them.
fn footnote_stand_ins(slice: &str, range: &Range<usize>, context: &Definitions) -> String {
    if context.footnotes.is_empty() {
        return String::new();
    }
    let mut wanted = HashSet::new();
    for (i, _) in slice.match_indices("[^") {
        let rest = &slice[i + 2..];
        if let Some(end) = rest.find(']')
            && end > 0
            && end < 1000
        {
            let label = &rest[..end];
            let key = label_key(label);
            if context.footnotes.get(&key).is_some_and(|at| !range.contains(at)) && !label.contains('\n') {
                wanted.insert(label.to_string());
            }
        }
    }
    if wanted.is_empty() {
        return String::new();
    }
    let mut labels: Vec<String> = wanted.into_iter().collect();
    labels.sort();
    let mut out = String::new();
    for label in labels {
        out.push_str(&format!("[^{label}]: .\n\n"));
    }
    out.push_str("<!-- -->\n\n");
    out
}

/// Where a window may begin so that the top-level block starting at `at`
/// reads as it does in the whole text, the block before it having ended at
/// `after`: the start of its line (the indentation before a block belongs
/// to it, as an HTML block's text), or, when text that made no events lies
/// between the two (link definitions, which begin a paragraph the block may
/// continue), the start of that text.
fn block_start(source: &str, after: usize, at: usize) -> usize {
    let after = after.min(at);
    let line = source[..at].rfind('\n').map_or(0, |i| i + 1).max(after);
    let from = if source[line..at].bytes().all(|b| b == b' ' || b == b'\t') { line } else { at };
    // The first line start at or after the end of the block before.
    let gap = if after == 0 || source.as_bytes()[after - 1] == b'\n' {
        after
    } else {
        source[after..].find('\n').map_or(source.len(), |i| after + i + 1)
    };
    if gap >= from || source[gap..from].trim().is_empty() { from } else { gap }
}

/// Where the first line in `source[from..to]` (after the line `from` is
/// in) that may be a link definition starts, or `to`.
fn definitions_in(source: &str, from: usize, to: usize) -> usize {
    let line_start = from == 0 || source.as_bytes()[from - 1] == b'\n';
    let mut at = if line_start { from } else { source[from..to].find('\n').map_or(to, |i| from + i + 1) };
    for line in source[at..to].split_inclusive('\n') {
        let t = line.trim_start_matches(' ');
        if line.len() - t.len() <= 3 && t.starts_with('[') {
            return at;
        }
        at += line.len();
    }
    to
}

/// `at`, or the start of the run of link definitions (`spans`, in order)
/// right before it, whose paragraph the block at `at` continues.
fn before_definitions(source: &str, spans: &[Range<usize>], mut at: usize) -> usize {
    let mut i = spans.partition_point(|s| s.start < at);
    while i > 0 {
        let span = &spans[i - 1];
        let between = &source[span.end.min(at)..at];
        if !between.bytes().all(|b| b.is_ascii_whitespace()) || between.matches('\n').count() > 1 {
            break;
        }
        at = span.start;
        i -= 1;
    }
    at
}

/// A link found through the callback is one the whole text defines: it
/// reads as the defined kind it is in a whole parse.
fn known(event: Event<'_>) -> Event<'_> {
    use pulldown_cmark::LinkType::*;
    let defined = |t| match t {
        ReferenceUnknown => Reference,
        CollapsedUnknown => Collapsed,
        ShortcutUnknown => Shortcut,
        t => t,
    };
    match event {
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            Event::Start(Tag::Link { link_type: defined(link_type), dest_url, title, id })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            Event::Start(Tag::Image { link_type: defined(link_type), dest_url, title, id })
        }
        e => e,
    }
}

/// The length of what may be front matter: from an opening `---` line to
/// the next line of `---` or `...` (0 when the text does not open so).
fn front_matter_len(text: &str) -> usize {
    let first = text.split_inclusive('\n').next().unwrap_or("");
    if first.trim_end() != "---" {
        return 0;
    }
    let mut at = first.len();
    for line in text[first.len()..].split_inclusive('\n') {
        at += line.len();
        if matches!(line.trim_end(), "---" | "...") {
            return at;
        }
    }
    0
}
