//! The outline as ready-to-paste Markdown: the title, the metadata and one
//! bullet per section with its whole claim. Plain text out; `print` writes
//! it for `--outline --format markdown`, `app` copies it for `Y`.

use super::{ClaimOrigin, Document, minutes_at};

/// A ready-to-paste Markdown briefing summary: title, metadata, and one
/// bullet per section with its claim, marked authored or extracted.
pub fn outline_markdown(doc: &Document, wpm: usize) -> String {
    let mut out = String::new();
    let title = if doc.title.is_empty() { "Briefing" } else { doc.title.as_str() };
    out.push_str(&format!(
        "# {}

",
        escape_md(title)
    ));
    for (k, v) in doc.metadata.iter().filter(|(k, _)| !k.eq_ignore_ascii_case("title")) {
        out.push_str(&format!(
            "- **{}:** {}
",
            escape_md(k),
            escape_md(v)
        ));
    }
    if doc.metadata.iter().any(|(k, _)| !k.eq_ignore_ascii_case("title")) {
        out.push('\n');
    }
    let words: usize = doc.sections.iter().map(|s| s.words).sum();
    out.push_str(&format!(
        "{} sections, about {} min to read. Claims marked *(extracted)* were found by the program; the others are the author's.\n\n",
        doc.sections.len(),
        minutes_at(words, wpm)
    ));
    for (i, s) in doc.sections.iter().enumerate() {
        let mark = if s.claim.origin == ClaimOrigin::Extracted { " *(extracted)*" } else { "" };
        let claim = if s.claim.sentence.is_empty() { &s.claim.text } else { &s.claim.sentence };
        out.push_str(&format!("{}. **{}**: {}{mark}\n", i + 1, escape_md(&s.title), escape_md(claim)));
    }
    out
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
