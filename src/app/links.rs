//! Following links: the labels hint mode puts on the links on screen, what
//! a link's target is (a footnote, a heading in this document, another
//! document, a web address), and where an anchor or a note is.

use crate::document::{Block, BlockKind, Document, plain_text};
use crate::layout::WrappedDoc;

/// A link on screen and the label typed to follow it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    pub label: String,
    /// 1 + index into [`WrappedDoc::links`].
    pub link: u32,
    pub row: usize,
    /// Cell column of the link's first character within the text column.
    pub col: usize,
}

/// Home-row letters first, as hint modes in browsers do.
const LETTERS: &str = "asdfghjklqwertyuiopzxcvbnm";

/// Labels for the links that start in rows `top..top + page`: one letter
/// each while they fit, else two letters each (so no label is a prefix of
/// another).
pub fn hints(wrapped: &WrappedDoc, top: usize, page: usize) -> Vec<Hint> {
    let mut found: Vec<(u32, usize, usize)> = Vec::new();
    let mut prev = 0;
    let end = (top + page).min(wrapped.len());
    if top > 0 {
        // A link that began above the screen still gets a label.
        prev = wrapped.row(top - 1).and_then(|r| r.segments.last()).map_or(0, |s| s.role.link);
        if prev != 0 {
            found.push((prev, top, 0));
        }
    }
    for (r, row) in wrapped.rows_in(top..end) {
        let mut col = 0;
        for seg in &row.segments {
            let link = seg.role.link;
            if link != 0 && link != prev && !found.iter().any(|&(l, ..)| l == link) {
                found.push((link, r, col));
            }
            // A link continued on the next row keeps its label.
            if !(link == 0 && seg.text.trim().is_empty() && prev != 0) {
                prev = link;
            }
            col += unicode_width::UnicodeWidthStr::width(seg.text.as_str());
        }
    }
    let letters: Vec<char> = LETTERS.chars().collect();
    let two = found.len() > letters.len();
    found
        .into_iter()
        .enumerate()
        .take(letters.len() * letters.len())
        .map(|(i, (link, row, col))| {
            let label = if two {
                format!("{}{}", letters[i / letters.len()], letters[i % letters.len()])
            } else {
                letters[i].to_string()
            };
            Hint { label, link, row, col }
        })
        .collect()
}

/// What following a link does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A footnote's label.
    Footnote(String),
    /// `#fragment`: a heading in this document.
    Anchor(String),
    /// An http(s) or mailto address, opened only after asking.
    Web(String),
    /// A relative path to another document, with an optional `#fragment`.
    File { path: String, anchor: Option<String> },
    /// Anything else (`javascript:`, `file:`, ...): not followed.
    Other(String),
}

pub fn classify(target: &str) -> Target {
    if let Some(label) = target.strip_prefix('^') {
        return Target::Footnote(label.to_string());
    }
    if let Some(frag) = target.strip_prefix('#') {
        return Target::Anchor(frag.to_string());
    }
    let lower = target.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:") {
        return Target::Web(target.to_string());
    }
    let has_scheme = target.split_once(':').is_some_and(|(scheme, _)| {
        scheme.len() > 1 && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if has_scheme || target.starts_with("//") {
        return Target::Other(target.to_string());
    }
    let (path, anchor) = match target.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (target, None),
    };
    Target::File { path: path.to_string(), anchor }
}

/// A heading's anchor as GitHub writes it: lower case, spaces to `-`,
/// punctuation other than `-` and `_` dropped.
pub fn slug(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The block of the heading whose anchor is `fragment` (section headings
/// and the headings inside sections alike); repeated headings get `-1`,
/// `-2`, ... as on GitHub.
pub fn find_anchor(doc: &Document, fragment: &str) -> Option<u32> {
    let want = percent_decode(fragment).to_lowercase();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    // Whether `text` is the heading wanted, counting repeats.
    let mut check = |text: &str| {
        let base = slug(text);
        let n = seen.entry(base.clone()).or_insert(0);
        let name = if *n == 0 { base } else { format!("{base}-{n}") };
        *n += 1;
        name == want
    };
    // A large document's sections are parsed again, up to the one found.
    for s in doc.whole_sections() {
        if s.level > 0 && check(&s.title) {
            return Some(s.heading_id);
        }
        let mut hit = None;
        for b in &s.blocks {
            b.walk(&mut |b: &Block| {
                if hit.is_none()
                    && let BlockKind::Heading { content, .. } = &b.kind
                    && check(&plain_text(content))
                {
                    hit = Some(b.id);
                }
            });
        }
        if hit.is_some() {
            return hit;
        }
    }
    None
}

/// The block of the footnote labelled `label`.
pub fn find_footnote(doc: &Document, label: &str) -> Option<u32> {
    let mut hit = None;
    for s in doc.whole_sections() {
        if hit.is_some() {
            break;
        }
        for b in &s.blocks {
            b.walk(&mut |b: &Block| {
                if hit.is_none()
                    && let BlockKind::Footnote { label: l, .. } = &b.kind
                    && **l == *label
                {
                    hit = Some(b.id);
                }
            });
        }
    }
    hit
}

/// `%20` and friends in a fragment or a path, as browsers decode them.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;
    use crate::layout::wrap;

    #[test]
    fn targets_are_classified_by_their_form() {
        assert_eq!(classify("^1"), Target::Footnote("1".into()));
        assert_eq!(classify("#why-it-matters"), Target::Anchor("why-it-matters".into()));
        assert_eq!(classify("https://example.org/a"), Target::Web("https://example.org/a".into()));
        assert_eq!(classify("notes/b.md#top"), Target::File { path: "notes/b.md".into(), anchor: Some("top".into()) });
        assert_eq!(classify("javascript:alert(1)"), Target::Other("javascript:alert(1)".into()));
        assert_eq!(classify("file:///etc/passwd"), Target::Other("file:///etc/passwd".into()));
    }

    #[test]
    fn anchors_follow_github_slugs_including_repeats() {
        let doc = parse("# T\n\n## What's new?\n\ntext\n\n### Details\n\nx\n\n## Details\n\ny\n");
        assert_eq!(slug("What's new?"), "whats-new");
        let a = find_anchor(&doc, "whats-new").unwrap();
        assert_eq!(doc.sections[0].heading_id, a);
        let first = find_anchor(&doc, "details").unwrap();
        let second = find_anchor(&doc, "details-1").unwrap();
        assert!(first < second);
        assert_eq!(doc.sections[1].heading_id, second);
        assert_eq!(find_anchor(&doc, "nowhere"), None);
    }

    #[test]
    fn links_on_screen_get_distinct_labels_and_footnotes_are_links() {
        let doc = parse("# T\n\nSee [one](#a), [two](https://x.org) and a note[^n].\n\n[^n]: The note.\n");
        let w = wrap(&doc, &Default::default(), 80);
        let h = hints(&w, 0, w.len());
        let targets: Vec<&str> = h.iter().map(|h| w.links.get(h.link as usize - 1).unwrap()).collect();
        assert_eq!(targets, ["#a", "https://x.org", "^n"]);
        assert_eq!(h.iter().map(|h| h.label.as_str()).collect::<Vec<_>>(), ["a", "s", "d"]);
        let row = w.row(h[0].row).unwrap().text();
        assert!(row[h[0].col..].starts_with("one"), "{row:?}");
        assert!(find_footnote(&doc, "n").is_some());
    }

    #[test]
    fn many_links_get_two_letter_labels() {
        let md: String = (0..40).map(|i| format!("[l{i}](#x{i}) ")).collect();
        let doc = parse(&md);
        let w = wrap(&doc, &Default::default(), 200);
        let h = hints(&w, 0, w.len());
        assert_eq!(h.len(), 40);
        assert!(h.iter().all(|h| h.label.len() == 2));
        let mut labels: Vec<&str> = h.iter().map(|h| h.label.as_str()).collect();
        labels.dedup();
        assert_eq!(labels.len(), 40);
    }
}
