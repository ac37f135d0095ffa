//! Writing a section's claim into its Markdown source as
//! `<!-- claim: ... -->`, changing no other byte: the same line endings,
//! byte order mark, front matter and trailing newline. Pure text in, text
//! out; the shell reads and writes the file.

use pulldown_cmark::{Event, Parser, Tag};

/// The longest authored claim, in characters.
pub const MAX_AUTHORED: usize = 120;

/// Where a section is in the source: the 1-based line of its heading (or,
/// without one, of its first block), and from which line an annotation of
/// it may be found (an opening section's annotation sits above its text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub line: usize,
    pub headed: bool,
    pub search_from: usize,
    /// The next section's line, where this one ends.
    pub next: Option<usize>,
}

/// File name endings of Markdown, the only files claims are written into
/// (in a `.txt` the comment would show as text).
pub const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mkd", "mdx"];

/// Whether `path` names a Markdown file, by its extension.
pub fn is_markdown(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| MARKDOWN_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// The annotation comment for `claim`.
pub fn annotation(claim: &str) -> String {
    format!("<!-- claim: {claim} -->")
}

/// A claim as it can be written: one line of at most [`MAX_AUTHORED`]
/// characters that cannot end the comment early. Returns it with its
/// spaces collapsed, or why it cannot be written.
pub fn check(claim: &str) -> Result<String, String> {
    if claim.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return Err("A claim cannot hold control characters".to_string());
    }
    let text = claim.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.contains("--") {
        return Err("A claim cannot contain -- (it would end the HTML comment it is kept in)".to_string());
    }
    if text.ends_with('-') {
        return Err("A claim cannot end with - (it would run into the comment's end)".to_string());
    }
    let n = text.chars().count();
    if n > MAX_AUTHORED {
        return Err(format!("A claim is at most {MAX_AUTHORED} characters; this one has {n}"));
    }
    Ok(text)
}

/// Byte offsets of line starts, with CRLF, CR and LF all ending a line (as
/// CommonMark and the reader count them).
fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out = vec![0];
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\r' if b.get(i + 1) == Some(&b'\n') => {
                out.push(i + 2);
                i += 2;
            }
            b'\r' | b'\n' => {
                out.push(i + 1);
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// The line ending just before `at` (that of the line `at` follows), else
/// the one after it, else the file's first, else LF.
fn ending_before(text: &str, at: usize) -> &'static str {
    let head = &text[..at.min(text.len())];
    if head.ends_with("\r\n") {
        "\r\n"
    } else if head.ends_with('\r') {
        "\r"
    } else if head.ends_with('\n') {
        "\n"
    } else {
        line_ending(text, at)
    }
}

/// The line ending used at `at` (the end of the line holding it), else the
/// file's first, else LF.
fn line_ending(text: &str, at: usize) -> &'static str {
    let ending = |from: usize| {
        let rest = &text[from..];
        rest.find(['\r', '\n']).map(|i| if rest[i..].starts_with("\r\n") { "\r\n" } else { &rest[i..i + 1] })
    };
    match ending(at.min(text.len())).or_else(|| ending(0)) {
        Some("\r\n") => "\r\n",
        Some("\r") => "\r",
        _ => "\n",
    }
}

/// `source` with the section at `place` given `claim` as its annotation
/// (replacing the one it has), or with its annotation removed (`None`).
pub fn rewrite(source: &str, place: Place, claim: Option<&str>) -> Result<String, String> {
    let (bom, body) = match source.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", source),
    };
    let (insert_at, existing) = locate(body, &place)?;
    let mut out = String::with_capacity(body.len() + 64);
    out.push_str(bom);
    splice(&mut out, body, insert_at, existing, claim);
    Ok(out)
}

/// Where the annotation of the section at `place` goes in `body` (the line
/// after its heading, or above its first block), and the lines of the one
/// it has, if any.
fn locate(body: &str, place: &Place) -> Result<(usize, Option<(usize, usize)>), String> {
    let starts = line_starts(body);
    let start_of = |line: usize| starts.get(line.saturating_sub(1)).copied().unwrap_or(body.len());
    let end = place.next.map_or(body.len(), start_of);
    let search_from = start_of(place.search_from.min(place.line));
    // The heading's end: the annotation goes on the line after it.
    let mut insert_at = start_of(place.line);
    let mut existing: Option<(usize, usize)> = None;
    let mut heading_found = !place.headed;
    let mut top_found = place.headed;
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, super::parse::options()).into_offset_iter() {
        if range.start >= end {
            break;
        }
        let top = depth == 0;
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        match event {
            // Without a heading: above the first block of the section
            // (below any front matter), or above its annotation.
            Event::Start(Tag::MetadataBlock(_)) => {}
            Event::Start(_) if !top_found && top && range.start >= insert_at => {
                top_found = true;
                insert_at = starts.iter().copied().rfind(|&s| s <= range.start).unwrap_or(0);
                if let Event::Start(Tag::HtmlBlock) = event
                    && super::claim::parse_annotation(&body[range.clone()]).is_some()
                {
                    let last = range.end.max(range.start + 1) - 1;
                    let to = starts.iter().copied().find(|&s| s > last).unwrap_or(body.len());
                    existing = Some((insert_at, to));
                }
            }
            Event::Start(Tag::Heading { .. }) if !heading_found && range.start >= insert_at => {
                heading_found = true;
                let last = range.end.max(range.start + 1) - 1;
                insert_at = starts.iter().copied().find(|&s| s > last).unwrap_or(body.len());
            }
            Event::Start(Tag::HtmlBlock)
                if existing.is_none()
                    && range.start >= search_from
                    && super::claim::parse_annotation(&body[range.clone()]).is_some() =>
            {
                let from = starts.iter().copied().rfind(|&s| s <= range.start).unwrap_or(0);
                let last = range.end.max(range.start + 1) - 1;
                let to = starts.iter().copied().find(|&s| s > last).unwrap_or(body.len());
                existing = Some((from, to));
            }
            _ => {}
        }
    }
    if !heading_found {
        return Err("The section's heading is not where it was: reload, then try again".to_string());
    }
    Ok((insert_at, existing))
}

/// `body` with `claim` as the annotation at `insert_at` (in place of the
/// `existing` one), or that one removed, appended to `out`.
fn splice(out: &mut String, body: &str, insert_at: usize, existing: Option<(usize, usize)>, claim: Option<&str>) {
    let eol = ending_before(body, insert_at);
    match (existing, claim) {
        (Some((from, to)), Some(text)) => {
            // The new comment takes the old one's lines, ending as they did.
            let ended = body[from..to].ends_with(['\n', '\r']);
            out.push_str(&body[..from]);
            out.push_str(&annotation(text));
            if ended {
                out.push_str(ending_before(body, to));
            }
            out.push_str(&body[to..]);
        }
        (Some((from, to)), None) => {
            // The last line without a line ending takes the one before it.
            let ended = body[from..to].ends_with(['\n', '\r']);
            let from = if ended || from == 0 { from } else { from - ending_before(body, from).len().min(from) };
            out.push_str(&body[..from]);
            out.push_str(&body[to..]);
        }
        (None, Some(text)) if insert_at == body.len() && !body.is_empty() && !body.ends_with(['\n', '\r']) => {
            out.push_str(body);
            out.push_str(eol);
            out.push_str(&annotation(text));
        }
        (None, Some(text)) => {
            out.push_str(&body[..insert_at]);
            out.push_str(&annotation(text));
            out.push_str(eol);
            out.push_str(&body[insert_at..]);
        }
        (None, None) => out.push_str(body),
    }
}

/// Every extracted claim of `doc` (parsed from `source`) written as its
/// section's annotation, last section first so that the earlier places
/// stay where they are. Returns the new text and, for each section
/// annotated, its index and the claim. Sections that have an authored
/// claim, or no claim but their heading, are left alone, as are claims that
/// cannot be written (too long, `--`).
pub fn annotate_all(source: &str, doc: &super::Document) -> Result<(String, Vec<(usize, String)>), String> {
    let mut text = source.to_string();
    let mut added = Vec::new();
    for i in (0..doc.sections.len()).rev() {
        let s = &doc.sections[i];
        if s.claim.origin == super::ClaimOrigin::Authored {
            continue;
        }
        let Some(claim) = s.stated_claim().and_then(|c| check(c).ok()) else { continue };
        if claim.is_empty() {
            continue;
        }
        if let Some(place) = place_of(doc, i) {
            text = rewrite(&text, place, Some(&claim))?;
            added.push((i, claim));
        }
    }
    added.reverse();
    Ok((text, added))
}

/// A unified diff (no context lines) of `new` against `old`, where `new`
/// is `old` with lines inserted (what [`annotate_all`] makes).
pub fn diff(name: &str, old: &str, new: &str) -> String {
    let split = |t: &str| -> Vec<String> {
        let mut starts = line_starts(t);
        if starts.last() != Some(&t.len()) {
            starts.push(t.len());
        }
        starts.windows(2).map(|w| t[w[0]..w[1]].trim_end_matches(['\n', '\r']).to_string()).collect()
    };
    let (a, b) = (split(old), split(new));
    let mut out = format!("--- a/{name}\n+++ b/{name}\n");
    let (mut i, mut j) = (0, 0);
    while j < b.len() {
        if i < a.len() && a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        // New lines until the old line comes back.
        let back = (j..b.len()).find(|&k| i < a.len() && b[k] == a[i]).unwrap_or(b.len());
        out.push_str(&format!("@@ -{i},0 +{},{} @@\n", j + 1, back - j));
        for l in &b[j..back] {
            out.push_str(&format!("+{l}\n"));
        }
        j = back;
    }
    out
}

/// Where section `i` of `doc` is, for [`rewrite`].
pub fn place_of(doc: &super::Document, i: usize) -> Option<Place> {
    let s = doc.sections.get(i)?;
    // A section that goes on from a long one starts at a block, not a
    // heading ([`super::Section::alone`]).
    let headed = s.level > 0 && !s.alone;
    // An opening without a heading has its annotation above its first
    // block: from the end of the previous section (or the top).
    let search_from = if headed { s.line } else { i.checked_sub(1).map_or(1, |p| doc.sections[p].line + 1) };
    Some(Place { line: s.line, headed, search_from, next: doc.sections.get(i + 1).map(|n| n.line) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{ClaimOrigin, parse};

    fn write(md: &str, i: usize, claim: Option<&str>) -> String {
        let doc = parse(md);
        rewrite(md, place_of(&doc, i).unwrap(), claim).unwrap()
    }

    #[test]
    fn a_claim_goes_under_its_heading_and_comes_out_again() {
        let md = "# T\n\n## One\n\nText one.\n\n## Two\nText two.\n";
        let with = write(md, 1, Some("Two says this."));
        assert_eq!(with, "# T\n\n## One\n\nText one.\n\n## Two\n<!-- claim: Two says this. -->\nText two.\n");
        let doc = parse(&with);
        assert_eq!(doc.sections[1].claim.text, "Two says this.");
        assert_eq!(doc.sections[1].claim.origin, ClaimOrigin::Authored);
        assert_eq!(doc.sections[0].claim.origin, ClaimOrigin::Extracted, "the other section is unchanged");
        assert_eq!(write(&with, 1, None), md);
        // Replacing keeps one annotation.
        let again = write(&with, 1, Some("Now this."));
        assert_eq!(again.matches("<!-- claim:").count(), 1);
        assert_eq!(parse(&again).sections[1].claim.text, "Now this.");
    }

    #[test]
    fn crlf_bom_front_matter_setext_and_a_missing_final_newline_are_kept() {
        let md = "\u{feff}---\r\ntitle: X\r\n---\r\nIntro words here.\r\n\r\nPart\r\n----\r\nBody.";
        let parse = as_read;
        let doc = parse(md);
        assert_eq!(doc.sections.len(), 2, "{:?}", doc.sections.iter().map(|s| &s.title).collect::<Vec<_>>());
        let with = rewrite(md, place_of(&doc, 1).unwrap(), Some("A.")).unwrap();
        assert_eq!(
            with,
            "\u{feff}---\r\ntitle: X\r\n---\r\nIntro words here.\r\n\r\nPart\r\n----\r\n<!-- claim: A. -->\r\nBody."
        );
        assert_eq!(rewrite(&with, place_of(&parse(&with), 1).unwrap(), None).unwrap(), md);
        // The opening (no heading): at its top, below the front matter.
        let top = rewrite(md, place_of(&doc, 0).unwrap(), Some("B.")).unwrap();
        assert!(top.starts_with("\u{feff}---\r\ntitle: X\r\n---\r\n<!-- claim: B. -->\r\nIntro"), "{top:?}");
        assert_eq!(parse(&top).sections[0].claim.text, "B.");
        assert_eq!(rewrite(&top, place_of(&parse(&top), 0).unwrap(), None).unwrap(), md);
        // A heading on the last line, without a newline.
        let last = "## Only";
        let with = rewrite(last, place_of(&parse(last), 0).unwrap(), Some("C.")).unwrap();
        assert_eq!(with, "## Only\n<!-- claim: C. -->");
        assert_eq!(rewrite(&with, place_of(&parse(&with), 0).unwrap(), None).unwrap(), last);
    }

    #[test]
    fn claim_text_in_code_is_not_an_annotation() {
        let md = "## A\n\n```\n<!-- claim: not this -->\n```\n";
        let with = write(md, 0, Some("Real."));
        assert_eq!(with, "## A\n<!-- claim: Real. -->\n\n```\n<!-- claim: not this -->\n```\n");
    }

    #[test]
    fn text_that_cannot_live_in_a_comment_is_refused() {
        assert!(check("a -- b").unwrap_err().contains("--"));
        assert!(check("ends with -").is_err());
        assert!(check("bell \u{7}").is_err());
        assert!(check(&"x".repeat(121)).unwrap_err().contains("at most 120"));
        assert_eq!(check("  two\tspaces  ").unwrap(), "two spaces");
    }

    #[test]
    fn an_opening_under_a_title_gets_its_claim_above_its_text() {
        let md = "# Title\n\nOpening words of the document go here.\n\n## Next\n\nMore.\n";
        let doc = parse(md);
        let with = rewrite(md, place_of(&doc, 0).unwrap(), Some("O.")).unwrap();
        assert_eq!(parse(&with).sections[0].claim.text, "O.", "{with}");
        assert!(with.starts_with("# Title\n"), "{with}");
        assert_eq!(rewrite(&with, place_of(&parse(&with), 0).unwrap(), None).unwrap(), md);
    }

    #[test]
    fn every_extracted_claim_is_written_once_and_shown_as_a_diff() {
        let md = "# T\n\n## One\n\nThe first section says a plain thing here.\n\n## Two\n<!-- claim: Kept. -->\n\nText.\n\n## Three\n\nThe third section states its own point clearly.\n";
        let doc = parse(md);
        let (new, added) = annotate_all(md, &doc).unwrap();
        assert_eq!(added.iter().map(|(i, _)| *i).collect::<Vec<_>>(), vec![0, 2]);
        let after = parse(&new);
        assert!(after.sections.iter().all(|s| s.claim.origin == ClaimOrigin::Authored));
        assert_eq!(after.sections[1].claim.text, "Kept.");
        let d = diff("x.md", md, &new);
        assert_eq!(d.matches("\n+<!-- claim:").count(), 2, "{d}");
        assert!(d.contains("@@ -3,0 +4,1 @@"), "{d}");
        // Running it again adds nothing.
        assert!(annotate_all(&new, &after).unwrap().1.is_empty());
    }

    use proptest::prelude::*;

    /// A generated Markdown document: sections with ATX or setext headings,
    /// code blocks holding annotation-like text, some existing claims,
    /// optional BOM and front matter, LF or CRLF, with or without a final
    /// newline.
    fn document() -> impl Strategy<Value = String> {
        let section = (any::<bool>(), 0..3u8, any::<bool>(), "[a-z]{1,8}( [a-z]{1,8}){0,6}\\.").prop_map(
            |(setext, extra, claimed, words)| {
                let mut s = if setext { format!("Part {words}\n----\n") } else { format!("## Part {words}\n") };
                if claimed {
                    s.push_str("<!-- claim: An old claim. -->\n");
                }
                s.push_str(&format!("\nSome text about {words}\n"));
                if extra == 1 {
                    s.push_str("\n```\n<!-- claim: in code -->\n```\n");
                }
                if extra == 2 {
                    s.push_str("\n- a list item here\n");
                }
                s.push('\n');
                s
            },
        );
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), proptest::collection::vec(section, 1..5)).prop_map(
            |(bom, front, crlf, final_newline, sections)| {
                let mut md = String::new();
                if front {
                    md.push_str("---\ntitle: T\n---\n");
                }
                md.push_str("Opening text of the document.\n\n");
                md.push_str(&sections.concat());
                if !final_newline {
                    md.truncate(md.trim_end().len());
                }
                if crlf {
                    md = md.replace('\n', "\r\n");
                }
                if bom {
                    md.insert(0, '\u{feff}');
                }
                md
            },
        )
    }

    /// The text as the reader parses it: no BOM, line endings normalised.
    fn as_read(md: &str) -> crate::document::Document {
        parse(&crate::source::normalise(md.trim_start_matches('\u{feff}').to_string()))
    }

    proptest! {
        #[test]
        fn writing_then_removing_a_claim_gives_back_the_bytes(md in document(), pick in 0..8usize) {
            let parse = as_read;
            let doc = parse(&md);
            let i = pick % doc.sections.len();
            let place = place_of(&doc, i).unwrap();
            let with = rewrite(&md, place, Some("A new claim.")).unwrap();
            let after = parse(&with);
            prop_assert_eq!(after.sections.len(), doc.sections.len());
            prop_assert_eq!(&after.sections[i].claim.text, "A new claim.");
            prop_assert_eq!(after.sections[i].claim.origin, ClaimOrigin::Authored);
            for (k, (a, b)) in after.sections.iter().zip(&doc.sections).enumerate() {
                // Block ids follow the text's bytes, which moved: the same
                // claim at the same characters of its paragraph.
                let same = |c: &crate::document::Claim| {
                    (c.text.clone(), c.sentence.clone(), c.origin, c.spot.map(|s| (s.start, s.end)))
                };
                if k != i {
                    prop_assert_eq!(same(&a.claim), same(&b.claim), "section {} changed", k);
                }
            }
            let back = if doc.sections[i].claim.origin == ClaimOrigin::Authored {
                rewrite(&with, place_of(&after, i).unwrap(), Some(&doc.sections[i].claim.text)).unwrap()
            } else {
                rewrite(&with, place_of(&after, i).unwrap(), None).unwrap()
            };
            prop_assert_eq!(back, md);
        }
    }
}
