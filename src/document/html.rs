//! What a raw HTML block shows when rendered: its text, without the tags.
//! READMEs open with `<p align="center"><img alt="logo" ...></p>` or a
//! `<div>` of badges; a reader shows `[image: logo]` and the words, as a
//! browser would, not the markup. Not an HTML parser: tags are skipped,
//! block-level tags and `<br>` end a line, images show their `alt`, and
//! `<script>`/`<style>` contents and comments are dropped.

use crate::sanitize::{Tabs, clean};

/// Tags after which (or before which) a browser starts a new line.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// The text an HTML block shows, one line per rendered line, with no
/// empty lines; empty when it shows nothing (comments, `<div>` alone).
pub fn visible_text(html: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut rest = html;
    let mut skip_until: Option<&str> = None;
    // Past the last `>` no tag can close: the rest is text (this keeps a
    // block of a million `<` linear).
    let last_gt = html.rfind('>').map_or(0, |g| g + 1);
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix("<!--") {
            rest = inner.find("-->").map_or("", |e| &inner[e + 3..]);
            continue;
        }
        let Some(lt) = rest.find('<') else {
            if skip_until.is_none() {
                line.push_str(rest);
            }
            break;
        };
        if skip_until.is_none() {
            line.push_str(&rest[..lt]);
        }
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            continue;
        }
        let tag = if html.len() - rest.len() < last_gt { Tag::read(rest) } else { None };
        let Some(tag) = tag else {
            // A lone `<`: text.
            if skip_until.is_none() {
                line.push('<');
            }
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag.len..];
        if let Some(end) = skip_until {
            if tag.closing && tag.name.eq_ignore_ascii_case(end) {
                skip_until = None;
            }
            continue;
        }
        let name = tag.name.to_ascii_lowercase();
        match name.as_str() {
            "script" | "style" if !tag.closing => skip_until = Some(if name == "script" { "script" } else { "style" }),
            "img" => {
                line.push_str(&tag.image_label());
                line.push(' ');
            }
            _ if BLOCK_TAGS.contains(&name.as_str()) => end_line(&mut lines, &mut line),
            _ => {}
        }
    }
    end_line(&mut lines, &mut line);
    clean(lines.join("\n"), Tabs::Prose)
}

/// A README's `<h1 align="center">Name</h1>` as a title: the heading's
/// text and the block without it (which may show nothing more).
pub fn take_heading(html: &str) -> Option<(String, String)> {
    let mut from = 0;
    while let Some(lt) = html[from..].find('<').map(|i| from + i) {
        let Some(tag) = Tag::read(&html[lt..]) else {
            from = lt + 1;
            continue;
        };
        if tag.closing || !tag.name.eq_ignore_ascii_case("h1") {
            from = lt + tag.len;
            continue;
        }
        let inner_start = lt + tag.len;
        let close = html[inner_start..].to_ascii_lowercase().find("</h1")? + inner_start;
        let end = html[close..].find('>').map_or(html.len(), |g| close + g + 1);
        let title = collapse(&visible_text(&html[inner_start..close]));
        // A logo for a heading is titled by its description, if it has one.
        let title = images_only(&title).unwrap_or(title);
        let rest = format!("{}{}", &html[..lt], &html[end..]);
        return (!title.is_empty()).then_some((title, rest));
    }
    None
}

/// For text that is images' labels only ([`image_label`]), their
/// descriptions (empty when none has one); `None` for any other text.
fn images_only(text: &str) -> Option<String> {
    let (mut rest, mut alts) = (text.trim_start(), Vec::new());
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("[image]") {
            rest = r;
        } else {
            let r = rest.strip_prefix("[image: ")?;
            let end = r.find(']')?;
            alts.push(&r[..end]);
            rest = &r[end + 1..];
        }
        rest = rest.trim_start();
    }
    Some(alts.join(" "))
}

/// How an image shows in text, by its description.
pub fn image_label(alt: &str) -> String {
    let alt = collapse(alt);
    if alt.is_empty() { "[image]".to_string() } else { format!("[image: {alt}]") }
}

/// What one piece of inline HTML in a paragraph shows.
#[derive(Debug, PartialEq, Eq)]
pub enum Inline {
    /// An image's label ([`image_label`]).
    Image(String),
    /// `<br>`: a line break.
    Break,
    /// A tag or a comment: nothing.
    Nothing,
    /// Not a tag after all: show it as it is.
    Text,
}

pub fn inline(html: &str) -> Inline {
    let html = html.trim();
    if html.starts_with("<!--") && html.ends_with("-->") {
        return Inline::Nothing;
    }
    match Tag::read(html) {
        Some(tag) if tag.len == html.len() => match tag.name.to_ascii_lowercase().as_str() {
            "img" if !tag.closing => Inline::Image(tag.image_label()),
            "br" => Inline::Break,
            _ => Inline::Nothing,
        },
        _ => Inline::Text,
    }
}

fn end_line(lines: &mut Vec<String>, line: &mut String) {
    let text = collapse(&decode(line));
    if !text.is_empty() {
        lines.push(text);
    }
    line.clear();
}

fn decode(s: &str) -> String {
    html_escape::decode_html_entities(s).into_owned()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A tag at the start of the text: `<name ...>` or `</name>`.
struct Tag<'a> {
    name: &'a str,
    closing: bool,
    /// The text between the name and `>`.
    attrs: &'a str,
    /// Bytes up to and including `>`.
    len: usize,
}

impl<'a> Tag<'a> {
    fn read(text: &'a str) -> Option<Tag<'a>> {
        let body = text.strip_prefix('<')?;
        let (closing, body) = match body.strip_prefix('/') {
            Some(b) => (true, b),
            None => (false, body),
        };
        let name_len = body.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).unwrap_or(body.len());
        if name_len == 0 || !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        // The first `>` ends the tag (a `>` inside a quoted value ends it
        // early; browsers differ less than this scan's cost would).
        let end = name_len + body[name_len..].find('>')?;
        Some(Tag {
            name: &body[..name_len],
            closing,
            attrs: &body[name_len..end],
            len: text.len() - body.len() + end + 1,
        })
    }

    fn image_label(&self) -> String {
        image_label(&decode(self.attribute("alt").unwrap_or_default()))
    }

    /// An attribute's value (quoted or not).
    fn attribute(&self, name: &str) -> Option<&'a str> {
        let mut rest = self.attrs;
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if rest.is_empty() {
                return None;
            }
            let key_len = rest.find(|c: char| c.is_whitespace() || c == '=' || c == '>').unwrap_or(rest.len());
            let key = &rest[..key_len];
            rest = rest[key_len..].trim_start();
            let value = match rest.strip_prefix('=') {
                Some(v) => {
                    let v = v.trim_start();
                    match v.chars().next() {
                        Some(q @ ('"' | '\'')) => {
                            let end = v[1..].find(q).map_or(v.len(), |e| e + 1);
                            rest = v.get(end + 1..).unwrap_or("");
                            &v[1..end]
                        }
                        _ => {
                            let end = v.find(char::is_whitespace).unwrap_or(v.len());
                            rest = &v[end..];
                            &v[..end]
                        }
                    }
                }
                None => "",
            };
            if key.eq_ignore_ascii_case(name) {
                return Some(value);
            }
            if key_len == 0 {
                // Nothing consumed: stop rather than loop.
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_readme_header_shows_its_images_and_words() {
        let html = "<p align=\"center\">\n  <img src=\"logo.svg\" alt=\"The logo\" width=200>\n</p>\n\
                    <div align=\"center\">\n <!-- Version -->\n <a href=\"https://registry.example/x\">\n   \
                    <img src=\"https://img/v.svg\"\n     alt=\"Crates.io version\" />\n </a>\n \
                    <a href=\"https://docs.rs/x\"><img src=\"d.svg\" alt='docs.rs docs'/></a>\n</div>\n\
                    <h3>A fast &amp; <em>friendly</em> reader</h3>";
        assert_eq!(
            visible_text(html),
            "[image: The logo]\n[image: Crates.io version] [image: docs.rs docs]\nA fast & friendly reader"
        );
    }

    #[test]
    fn inline_tags_in_a_paragraph() {
        assert_eq!(
            inline("<img alt=\"build status\" src=\"x.svg\" height=\"20\">"),
            Inline::Image("[image: build status]".into())
        );
        assert_eq!(inline("<img src=x.svg>"), Inline::Image("[image]".into()));
        assert_eq!(inline("<br/>"), Inline::Break);
        assert_eq!(inline("<kbd>"), Inline::Nothing);
        assert_eq!(inline("</sup>"), Inline::Nothing);
        assert_eq!(inline("<!-- note -->"), Inline::Nothing);
        assert_eq!(inline("<not a tag"), Inline::Text);
    }

    #[test]
    fn a_centred_heading_becomes_the_title() {
        let html = "<h1 align=\"center\">bit-set</h1>\n<p align=\"center\">A compact set of bits.</p>";
        let (title, rest) = take_heading(html).unwrap();
        assert_eq!(title, "bit-set");
        assert_eq!(visible_text(&rest), "A compact set of bits.");
        assert_eq!(
            take_heading("<div>\n <H1>Alone</H1>").map(|(t, r)| (t, visible_text(&r))),
            Some(("Alone".into(), "".into()))
        );
        assert_eq!(take_heading("<h2>Not a title</h2><p>x</p>"), None);
    }

    #[test]
    fn a_logo_for_a_heading_titles_by_its_description_or_not_at_all() {
        let logo = "<h1 align=\"center\"><img src=\"docs/logo.png\" alt=\"Zapper\"/></h1>";
        assert_eq!(take_heading(logo).map(|(t, _)| t).as_deref(), Some("Zapper"));
        // No description: no title (the next heading may give one), not "[image]".
        assert_eq!(take_heading("<h1 align=\"center\"><img width=\"440\" src=\"docs/x.png\" /></h1>"), None);
        assert_eq!(take_heading("<h1>[image] notes</h1>").map(|(t, _)| t).as_deref(), Some("[image] notes"));
    }

    #[test]
    fn markup_alone_shows_nothing() {
        for html in ["<div align=\"center\">", "</div>", "<!-- a -->\n<!-- b -->", "<br/>", "<script>alert(1)</script>"]
        {
            assert_eq!(visible_text(html), "", "{html}");
        }
    }

    #[test]
    fn stray_angle_brackets_and_broken_tags_are_text() {
        assert_eq!(visible_text("a < b and 3<4"), "a < b and 3<4");
        assert_eq!(visible_text("<p>unclosed <b"), "unclosed <b");
        assert_eq!(visible_text("<img alt=\"a b\" >"), "[image: a b]");
    }

    /// Linear on hostile blocks (a quadratic scan would take minutes here).
    #[test]
    fn a_million_angle_brackets_are_text() {
        let text = visible_text(&"<a".repeat(500_000));
        assert_eq!(text.len(), 1_000_000);
        let text = visible_text(&format!("{}>", "<".repeat(1_000_000)));
        assert!(text.starts_with("<<<"));
    }

    #[test]
    fn character_references_cannot_smuggle_control_characters() {
        let text = visible_text("<p>&#27;]0;title&#7; &#x1b;[31mred</p>");
        assert!(!text.chars().any(|c| c.is_control()), "{text:?}");
        assert!(text.contains("red"));
    }
}
