//! The quick outline: every section's level and title from one pass of
//! the parser that keeps only the top-level headings' text, by the same
//! title rule as the full parse ([`super::plan`]).

use pulldown_cmark::{Event, Parser, Tag};

use super::*;
use crate::document::collapse_ws;
use crate::sanitize::{Tabs, clean};

/// A section as the sidebar can list it before the document is parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutlineEntry {
    /// 0 for the opening before the first heading (titled later, from its words).
    pub level: u8,
    pub title: String,
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
                    images.push(crate::document::html::image_label(&alt));
                }
            }
            Event::Text(t) | Event::Code(t) if image.is_some() => {
                if let Some((_, alt)) = &mut image {
                    alt.push_str(&t);
                }
            }
            // Inline HTML shows as the parse shows it.
            Event::InlineHtml(t) if heading.is_some() => {
                let inline = crate::document::html::inline(&t);
                let is_image = matches!(inline, crate::document::html::Inline::Image(_));
                let shown = match inline {
                    crate::document::html::Inline::Image(label) => label,
                    crate::document::html::Inline::Break => " ".to_string(),
                    crate::document::html::Inline::Nothing => String::new(),
                    crate::document::html::Inline::Text => t.into_string(),
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
                            let heading = crate::document::html::take_heading(&block);
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
