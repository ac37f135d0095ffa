//! The outline as ready-to-paste Markdown: the title, the metadata and one
//! bullet per section with its whole claim. Plain text out; `print` writes
//! it for `--outline --format markdown`, `app` copies it for `Y`.

use std::borrow::Cow;

use super::{ClaimOrigin, Document, Section, minutes_at};

/// One section as an outline shows it: its title and whole claim.
pub struct Line<'a> {
    pub title: &'a str,
    /// The authored text, or the whole extracted sentence.
    pub claim: Cow<'a, str>,
    pub extracted: bool,
}

impl<'a> Line<'a> {
    pub fn of(s: &'a Section) -> Line<'a> {
        let claim = s.claim.whole();
        Line { title: &s.title, claim: Cow::Borrowed(claim), extracted: s.claim.origin == ClaimOrigin::Extracted }
    }
}

/// A ready-to-paste Markdown briefing summary: title, metadata, and one
/// bullet per section with its claim, marked authored or extracted.
pub fn outline_markdown(doc: &Document, wpm: usize) -> String {
    let words = doc.sections.iter().map(|s| s.words).sum();
    let lines = doc.sections.iter().map(Line::of);
    let mut out = String::new();
    // A string takes every write.
    let _ = outline_markdown_of(&doc.title, &doc.metadata, (doc.sections.len(), words), lines, wpm, &mut out);
    out
}

/// [`outline_markdown`] for a title, metadata, how many sections and
/// words, and the sections' lines.
pub fn outline_markdown_of<'a>(
    title: &str,
    metadata: &[(String, String)],
    (sections, words): (usize, usize),
    lines: impl Iterator<Item = Line<'a>>,
    wpm: usize,
    out: &mut dyn std::fmt::Write,
) -> std::fmt::Result {
    let title = if title.is_empty() { "Briefing" } else { title };
    write!(out, "# {}\n\n", escape_md(title))?;
    for (k, v) in metadata.iter().filter(|(k, _)| !k.eq_ignore_ascii_case("title")) {
        writeln!(out, "- **{}:** {}", escape_md(k), escape_md(v))?;
    }
    if metadata.iter().any(|(k, _)| !k.eq_ignore_ascii_case("title")) {
        out.write_str("\n")?;
    }
    write!(
        out,
        "{} sections, about {} min to read. Claims marked *(extracted)* were found by the program; the others are the author's.\n\n",
        sections,
        minutes_at(words, wpm)
    )?;
    for (i, s) in lines.enumerate() {
        let mark = if s.extracted { " *(extracted)*" } else { "" };
        writeln!(out, "{}. **{}**: {}{mark}", i + 1, escape_md(s.title), escape_md(&s.claim))?;
    }
    Ok(())
}

/// Escapes the characters that would change Markdown structure inline.
fn escape_md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
