//! Output for scripts and pipes: the outline, JSON, and the whole document as
//! wrapped text (styled only when asked). All text here went through the
//! sanitiser when the document was parsed, so no escape sequence from a
//! document reaches the output; the only escapes are the theme's SGR codes.

use std::borrow::Cow;

use serde::Serialize;

use crate::document::summary::Line;
use crate::document::{ClaimOrigin, Document, Section, minutes_at};
use crate::layout::Highlights;
use crate::layout::syntax::code_blocks;
use crate::layout::wrap::{Kind, Row, wrap_piece_for_print};
use crate::view::theme::{Theme, sgr};

/// `1. Title` and the claim under it, one entry per section.
pub fn outline(doc: &Document) -> String {
    outline_at(doc, None)
}

/// The outline with every claim whole (the authored text, or the whole
/// extracted sentence), wrapped at `width` columns when one is given.
pub fn outline_at(doc: &Document, width: Option<usize>) -> String {
    let mut out = String::new();
    // A string takes every write.
    let _ = outline_lines(&doc.title, doc.sections.len(), doc.sections.iter().map(Line::of), width, &mut out);
    out
}

/// [`outline_at`] for a title and `n` sections' lines, into `out`.
fn outline_lines<'a>(
    title: &str,
    n: usize,
    lines: impl Iterator<Item = Line<'a>>,
    width: Option<usize>,
    out: &mut dyn std::fmt::Write,
) -> std::fmt::Result {
    if !title.is_empty() {
        out.write_str(&fill(title, "", "", width))?;
        out.write_str("\n")?;
    }
    let digits = n.to_string().len();
    for (i, s) in lines.enumerate() {
        let number = format!("{:>digits$}. ", i + 1);
        out.write_str(&fill(s.title, &number, &" ".repeat(number.len()), width))?;
        if !s.claim.is_empty() {
            let mark = if s.extracted { "~ " } else { "" };
            let indent = " ".repeat(digits + 2);
            out.write_str(&fill(
                &format!("{mark}{}", s.claim),
                &indent,
                &format!("{indent}{}", " ".repeat(mark.len())),
                width,
            ))?;
        }
    }
    Ok(())
}

/// An outline written as it is made: text to an output, its error kept
/// (a formatter's error says only that one happened).
struct Written<'a> {
    out: &'a mut dyn std::io::Write,
    error: Option<std::io::Error>,
}

impl std::fmt::Write for Written<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.out.write_all(s.as_bytes()).map_err(|e| {
            self.error = Some(e);
            std::fmt::Error
        })
    }
}

/// `text` after `first` on its first line and `rest` on the others,
/// wrapped to `width` when given; ends with a newline.
fn fill(text: &str, first: &str, rest: &str, width: Option<usize>) -> String {
    let Some(width) = width else { return format!("{first}{text}\n") };
    let room = width.saturating_sub(first.chars().count().max(rest.chars().count())).max(10);
    let mut out = String::new();
    for (i, line) in crate::layout::wrap::wrap_text(text, room).iter().enumerate() {
        out.push_str(if i == 0 { first } else { rest });
        out.push_str(line);
        out.push('\n');
    }
    if out.is_empty() {
        out = format!("{first}\n");
    }
    out
}

pub use crate::document::summary::outline_markdown;

#[derive(Serialize)]
#[serde(bound = "")]
struct JsonDoc<'a, I: Iterator<Item = JsonSection<'a>>> {
    title: &'a str,
    metadata: serde_json::Map<String, serde_json::Value>,
    sections: JsonSections<I>,
}

/// The sections, made one at a time as they are written (a document of
/// many sections never holds them all a second time).
struct JsonSections<I>(std::cell::RefCell<Option<I>>);

impl<'a, I: Iterator<Item = JsonSection<'a>>> Serialize for JsonSections<I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.borrow_mut().take().into_iter().flatten())
    }
}

#[derive(Serialize)]
struct JsonSection<'a> {
    index: usize,
    level: u8,
    title: &'a str,
    claim: Cow<'a, str>,
    claim_sentence: Cow<'a, str>,
    claim_origin: ClaimOrigin,
    words: usize,
    reading_minutes: usize,
    line: usize,
    /// The headings inside the section.
    headings: Vec<JsonHeading<'a>>,
}

#[derive(serde::Serialize)]
struct JsonHeading<'a> {
    level: u8,
    title: Cow<'a, str>,
}

/// Writes the outline as pretty JSON (schema in README.md) to `out`, a
/// section at a time.
pub fn write_json(doc: &Document, wpm: usize, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let sections = doc.sections.iter().enumerate().map(|(i, s)| JsonSection {
        index: i + 1,
        level: s.level,
        title: &s.title,
        claim: Cow::Borrowed(&s.claim.text),
        claim_sentence: Cow::Borrowed(s.claim.whole()),
        claim_origin: s.claim.origin,
        words: s.words,
        reading_minutes: minutes_at(s.words, wpm),
        line: s.line,
        headings: s
            .subheadings()
            .into_iter()
            .map(|(_, level, title)| JsonHeading { level, title: Cow::Owned(title) })
            .collect(),
    });
    write_json_of(&doc.title, &doc.metadata, sections, out)
}

/// `--json` for the document of `text` (titled `fallback` when it has no
/// title), parsed a few sections at a time: each section's blocks go once
/// its claim's candidates and what JSON shows of it are taken, and the
/// claims are chosen at the end, as for the whole document.
pub fn write_json_in_pieces(
    text: &str,
    fallback: &str,
    wpm: usize,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let prepared = Prepared::of(text);
    let (title, metadata, kept, finder) = kept_of(&prepared, fallback);
    let again = prepared.again();
    let sections = kept.sections.iter().zip(finder.finish(None, again.as_ref())).enumerate().map(|(i, (s, found))| {
        let (name, claim, sentence, origin) = kept.claim(s, found);
        let (first, n) = (s.headings.0 as usize, s.headings.1 as usize);
        JsonSection {
            index: i + 1,
            level: s.level,
            title: name,
            claim,
            claim_sentence: sentence,
            claim_origin: origin,
            words: s.words as usize,
            reading_minutes: minutes_at(s.words as usize, wpm),
            line: s.line as usize,
            headings: kept.headings[first..first + n]
                .iter()
                .map(|&(level, t)| JsonHeading { level, title: Cow::Borrowed(kept.get(t)) })
                .collect(),
        }
    });
    write_json_of(&title, &metadata, sections, out)
}

/// The outline (`--outline`: as text, wrapped at `width` when given; or as
/// Markdown) made as [`write_json_in_pieces`] makes JSON: what it shows of
/// each section kept, the claims chosen at the end, and written to `out` as
/// it is made (millions of sections make an outline larger than the text).
pub fn outline_in_pieces(
    text: &str,
    fallback: &str,
    markdown_at_wpm: Option<usize>,
    width: Option<usize>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let prepared = Prepared::of(text);
    let (title, metadata, kept, finder) = kept_of(&prepared, fallback);
    let again = prepared.again();
    let lines = kept.sections.iter().zip(finder.finish(None, again.as_ref())).map(|(s, found)| {
        let (title, claim, sentence, origin) = kept.claim(s, found);
        Line {
            title,
            claim: if sentence.is_empty() { claim } else { sentence },
            extracted: origin == ClaimOrigin::Extracted,
        }
    });
    let mut out = Written { out, error: None };
    let written = match markdown_at_wpm {
        Some(wpm) => {
            let words = kept.sections.iter().map(|s| s.words as usize).sum();
            let counts = (kept.sections.len(), words);
            crate::document::summary::outline_markdown_of(&title, &metadata, counts, lines, wpm, &mut out)
        }
        None => outline_lines(&title, kept.sections.len(), lines, width, &mut out),
    };
    match (written, out.error) {
        (_, Some(e)) => Err(e),
        (written, None) => written.map_err(std::io::Error::other),
    }
}

/// A text to parse a few sections at a time: its tables tamed, the plan
/// that cuts it and its definitions (all of them: a lean claims' finder
/// parses sections again alone).
struct Prepared<'t> {
    text: Cow<'t, str>,
    plan: crate::document::parse::Plan,
    defs: crate::document::parse::window::Definitions,
}

impl<'t> Prepared<'t> {
    fn of(text: &'t str) -> Prepared<'t> {
        use crate::document::parse::{plan_and_definitions, tame};
        let text = tame(text);
        let (plan, defs) = plan_and_definitions(&text);
        Prepared { plan, text, defs }
    }

    /// What the claims' finder parses sections again from.
    fn again(&self) -> Option<crate::document::claim::Again<'_>> {
        crate::document::claim::Again::of(&self.text, &self.plan, &self.defs)
    }
}

/// The head of the document of `prepared` (titled `fallback` when it has
/// none), what the outputs show of each section, and the claims' finder
/// (lean: [`Prepared::again`] finishes it), from a parse a few sections at
/// a time.
fn kept_of(
    prepared: &Prepared,
    fallback: &str,
) -> (String, Vec<(String, String)>, Kept, crate::document::claim::Finder) {
    use crate::document::parse::stream::{self, parse_ahead_planned};
    let (mut title, mut metadata) = (String::new(), Vec::new());
    let mut finder = crate::document::claim::Finder::lean();
    let mut kept = Kept::default();
    // The parse on the second core, a few pieces ahead (as for print).
    parse_ahead_planned(&prepared.text, prepared.plan.clone(), &prepared.defs, PIECES_AHEAD, &mut |piece| {
        match piece {
            stream::Piece::Head { title: t, metadata: m } => (title, metadata) = (t, m),
            stream::Piece::Sections(sections) => {
                finder.add(&sections);
                sections.iter().for_each(|s| kept.add(s));
            }
        }
        true
    });
    if title.is_empty() {
        title = fallback.to_string();
    }
    (title, metadata, kept, finder)
}

/// What JSON shows of every section, kept when their blocks are not, in
/// one buffer of text (a document may have millions of sections).
#[derive(Default)]
struct Kept {
    text: String,
    sections: Vec<Summary>,
    headings: Vec<(u8, Piece)>,
    /// The piece kept last, given again for the same text (a run of
    /// "Untitled section"s, or a changelog's "Fixed" after "Fixed").
    last: Option<Piece>,
}

/// A piece of [`Kept::text`]: where it starts, how long it is (32 bits
/// each: past 4 GB of titles, which no input under any sane size limit
/// has, pieces are kept empty rather than wrong).
#[derive(Clone, Copy)]
struct Piece(u32, u32);

struct Summary {
    level: u8,
    title: Piece,
    words: u32,
    line: u32,
    /// Its headings: where they start in [`Kept::headings`], how many.
    headings: (u32, u32),
    /// Its authored claim.
    own: Option<Piece>,
}

impl Kept {
    fn keep(&mut self, s: &str) -> Piece {
        if let Some(last) = self.last
            && self.get(last) == s
        {
            return last;
        }
        let (Ok(start), Ok(len)) = (u32::try_from(self.text.len()), u32::try_from(s.len())) else {
            return Piece(0, 0);
        };
        if start.checked_add(len).is_none() {
            return Piece(0, 0);
        }
        self.text.push_str(s);
        self.last = Some(Piece(start, len));
        Piece(start, len)
    }

    fn get(&self, p: Piece) -> &str {
        &self.text[p.0 as usize..(p.0 + p.1) as usize]
    }

    /// A section's title, and its claim (text, sentence, origin) from what
    /// was found for it.
    fn claim<'a>(
        &'a self,
        s: &Summary,
        found: crate::document::claim::Found,
    ) -> (&'a str, Cow<'a, str>, Cow<'a, str>, ClaimOrigin) {
        let name = self.get(s.title);
        match (found.claim(name), s.own) {
            (Some(c), _) => {
                let sentence = c.whole().to_string();
                (name, Cow::Owned(c.text.into_string()), Cow::Owned(sentence), c.origin)
            }
            (None, Some(own)) => {
                (name, Cow::Borrowed(self.get(own)), Cow::Borrowed(self.get(own)), ClaimOrigin::Authored)
            }
            (None, None) => (name, Cow::Borrowed(""), Cow::Borrowed(""), ClaimOrigin::Extracted),
        }
    }

    fn add(&mut self, section: &Section) {
        let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let title = self.keep(&section.title);
        let first = u32::try_from(self.headings.len()).unwrap_or(u32::MAX);
        let mut count = 0u32;
        for (_, level, t) in section.subheadings().into_iter().take((u32::MAX - first) as usize) {
            let t = self.keep(&t);
            self.headings.push((level, t));
            count += 1;
        }
        let own = (section.claim.origin == ClaimOrigin::Authored).then(|| self.keep(&section.claim.text));
        self.sections.push(Summary {
            level: section.level,
            title,
            words: small(section.words),
            line: small(section.line),
            headings: (first, count),
            own,
        });
    }
}

/// The JSON of a head and sections.
fn write_json_of<'a>(
    title: &'a str,
    metadata: &[(String, String)],
    sections: impl Iterator<Item = JsonSection<'a>>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let metadata = metadata.iter().map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone()))).collect();
    let json = JsonDoc { title, metadata, sections: JsonSections(std::cell::RefCell::new(Some(sections))) };
    serde_json::to_writer_pretty(&mut *out, &json).map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}

/// The outline as pretty JSON, as a string.
pub fn json(doc: &Document, wpm: usize) -> String {
    let mut out = Vec::new();
    write_json(doc, wpm, &mut out).expect("writing plain strings and numbers to memory cannot fail");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// The whole document wrapped at `width`, styled by `theme` when given
/// (SGR sequences), with web links as OSC 8 hyperlinks when `hyperlinks`.
pub fn document(doc: &Document, width: usize, theme: Option<Theme>, hyperlinks: bool) -> String {
    let mut out = String::new();
    Printer::new(width, theme, hyperlinks).piece(Some(doc), &doc.sections, &mut |text| out.push_str(text));
    out
}

/// Pieces parsed ahead of the one being printed.
const PIECES_AHEAD: usize = 4;

/// Prints a document a piece at a time (the head with the first piece,
/// then sections as they are parsed), so a large document is never laid
/// out whole: the pieces' output, one after another, is [`document`]'s.
pub struct Printer {
    width: usize,
    theme: Option<Theme>,
    hyperlinks: bool,
    /// Links and notes numbered so far.
    count: (u32, usize),
    previous_block: u32,
}

impl Printer {
    pub fn new(width: usize, theme: Option<Theme>, hyperlinks: bool) -> Printer {
        Printer { width, theme, hyperlinks, count: (0, 0), previous_block: u32::MAX }
    }

    /// The document of `text` (titled `fallback` when it has no title)
    /// parsed, laid out and written a few sections at a time (no claims:
    /// print mode shows none), so memory holds the text and one piece,
    /// however long the document.
    pub fn write_in_pieces(mut self, text: &str, fallback: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        use crate::document::parse::stream::{Piece, parse_ahead};
        let mut head: Option<Document> = None;
        let mut printed = false;
        let mut outcome = Ok(());
        // Writes while nothing has failed (a closed pipe stops the rest).
        let write = |outcome: &mut std::io::Result<()>, out: &mut dyn std::io::Write, text: &str| {
            if outcome.is_ok() {
                *outcome = out.write_all(text.as_bytes());
            }
        };
        // The parse on the second core, a few pieces ahead of the layout and
        // the writing here; a closed pipe stops it.
        parse_ahead(text, PIECES_AHEAD, &mut |piece| {
            match piece {
                Piece::Head { title, metadata } => {
                    let mut doc = Document { title, metadata, sections: Vec::new(), source: None };
                    if doc.title.is_empty() {
                        doc.title = fallback.to_string();
                    }
                    head = Some(doc);
                }
                Piece::Sections(sections) => {
                    let head = if printed { None } else { head.as_ref() };
                    self.piece(head, &sections, &mut |text| write(&mut outcome, out, text));
                    printed = true;
                }
            }
            outcome.is_ok()
        });
        if !printed {
            self.piece(head.as_ref(), &[], &mut |text| write(&mut outcome, out, text));
        }
        outcome
    }

    /// Lays out `sections` (after `head`, the document, for the first piece)
    /// and hands their text to `write` every few hundred rows. Code is
    /// highlighted here, as it is printed, and only with colours.
    pub fn piece(&mut self, head: Option<&Document>, sections: &[Section], write: &mut dyn FnMut(&str)) {
        let code = if self.theme.is_some() {
            Highlights::of(&code_blocks(sections), &Highlights::default())
        } else {
            Highlights::default()
        };
        let base = self.count.0;
        let (width, hyperlinks) = (self.width, self.hyperlinks);
        let mut count = self.count;
        let mut targets: Vec<Option<String>> = Vec::new();
        let mut text = String::new();
        wrap_piece_for_print(head, sections, &code, width, &mut count, &mut |rows, links| {
            let new = (targets.len()..links.len()).filter_map(|i| links.get(i));
            targets.extend(new.map(|l| if hyperlinks { hyperlink_target(l) } else { None }));
            for row in rows {
                self.row(row, &targets, base, &mut text);
            }
            write(&text);
            text.clear();
        });
        self.count = count;
    }

    /// One row as a line; `targets` are the piece's link addresses, the
    /// first numbered `base + 1`.
    fn row(&mut self, row: &Row, targets: &[Option<String>], base: u32, out: &mut String) {
        let theme = self.theme;
        let mut line = String::new();
        // Without colours, structure in the text itself: headings marked
        // with `#` (their level), code indented, quotes with `>`.
        let first = row.segments.first().map(|s| s.role.kind);
        let starts_block = row.block != self.previous_block;
        self.previous_block = row.block;
        if theme.is_none() {
            match first {
                Some(Kind::Title) if starts_block => line.push_str("# "),
                Some(Kind::Heading(level)) if starts_block => {
                    line.push_str(&"#".repeat(usize::from(level.clamp(1, 6))));
                    line.push(' ');
                }
                Some(Kind::Heading(level)) => line.push_str(&" ".repeat(usize::from(level.clamp(1, 6)) + 1)),
                Some(Kind::Code | Kind::Syntax(_)) => line.push_str("    "),
                _ => {}
            }
        }
        let mut open_link = 0u32;
        for seg in &row.segments {
            let link = seg.role.link;
            if link != open_link {
                if open_link != 0 {
                    line.push_str("\x1b]8;;\x1b\\");
                }
                open_link = 0;
                let at = (link.wrapping_sub(1)).wrapping_sub(base) as usize;
                if link != 0
                    && let Some(Some(uri)) = targets.get(at)
                {
                    line.push_str(&format!("\x1b]8;;{uri}\x1b\\"));
                    open_link = link;
                }
            }
            let codes = theme.map(|t| sgr(t.role(seg.role))).unwrap_or_default();
            if theme.is_none() && seg.role.kind == Kind::QuoteBar {
                line.push_str(&seg.text.replace('│', ">"));
            } else if codes.is_empty() {
                line.push_str(&seg.text);
            } else {
                line.push_str(&format!("\x1b[{codes}m{}\x1b[0m", seg.text));
            }
        }
        if open_link != 0 {
            line.push_str("\x1b]8;;\x1b\\");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// The address an OSC 8 hyperlink may carry: web and mail addresses only,
/// every byte outside printable ASCII percent-encoded, so nothing in an
/// address can end the sequence or start another.
pub fn hyperlink_target(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")) {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if (0x21..0x7f).contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_links_become_osc8_hyperlinks_with_safe_addresses() {
        let doc = crate::document::parse("# T\n\nSee [the site](<https://example.org/a b\x1b]8;;x>) and [here](#t).\n");
        let out = document(&doc, 80, Some(Theme::new(true)), true);
        // One hyperlink opened and closed; the ESC in the address (already
        // made visible) and the space are percent-encoded.
        assert_eq!(out.matches("\x1b]8;;").count(), 2, "{out:?}");
        assert!(out.contains("\x1b]8;;https://example.org/a%20b%E2%90%9B]8;;x\x1b\\"), "{out:?}");
        assert!(!document(&doc, 80, Some(Theme::new(true)), false).contains("\x1b]8;"));
        assert_eq!(hyperlink_target("javascript:alert(1)"), None);
        assert_eq!(hyperlink_target("#t"), None);
    }

    /// Documents to make a piece at a time, each with its whole parse
    /// (titled "name" when untitled): generated, the briefing, authored
    /// claims and subheadings, no headings, nothing.
    fn whole_and_pieces() -> Vec<(String, Document)> {
        let texts = [
            crate::sample::document(600_000),
            crate::source::EMBEDDED.to_string(),
            "## A\n\n<!-- claim: Ours. -->\n\nText of a.\n\n### Sub\n\nMore.\n\n## B\n\nThe tariff rose by ten percent in May.\n".to_string(),
            "No headings here, only a paragraph of plain words that runs on for a while.\n".to_string(),
            String::new(),
        ];
        texts
            .into_iter()
            .map(|text| {
                let mut whole = crate::document::parse(&text);
                if whole.title.is_empty() {
                    whole.title = "name".to_string();
                }
                (text, whole)
            })
            .collect()
    }

    #[test]
    fn json_made_a_few_sections_at_a_time_is_the_whole_documents_json() {
        for (text, whole) in whole_and_pieces() {
            let mut pieces = Vec::new();
            write_json_in_pieces(&text, "name", 230, &mut pieces).unwrap();
            assert_eq!(String::from_utf8(pieces).unwrap(), json(&whole, 230));
        }
    }

    #[test]
    fn a_title_kept_for_json_again_right_after_itself_is_kept_once() {
        let mut kept = Kept::default();
        let pieces: Vec<Piece> = ["Untitled section", "Untitled section", "Fixed", "Untitled section"]
            .into_iter()
            .map(|t| kept.keep(t))
            .collect();
        assert_eq!(kept.text, "Untitled sectionFixedUntitled section");
        let shown: Vec<&str> = pieces.iter().map(|&p| kept.get(p)).collect();
        assert_eq!(shown, ["Untitled section", "Untitled section", "Fixed", "Untitled section"]);
    }

    #[test]
    fn a_section_whose_heading_stands_in_for_its_claim_has_it_as_its_sentence_too() {
        let text = "## Code\n\n```\nx\n```\n\n## Prose\n\nThe tariffs rose sharply on steel imports this year.\n";
        let mut pieces = Vec::new();
        write_json_in_pieces(text, "name", 230, &mut pieces).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&pieces).unwrap();
        assert_eq!(v["sections"][0]["claim"], "Code");
        assert_eq!(v["sections"][0]["claim_sentence"], "Code");
        assert_eq!(v["sections"][1]["claim_sentence"], "The tariffs rose sharply on steel imports this year.");
        let whole = Document { title: "name".to_string(), ..crate::document::parse(text) };
        assert_eq!(String::from_utf8(pieces).unwrap(), json(&whole, 230), "the whole document's JSON says the same");
    }

    #[test]
    fn outlines_made_a_few_sections_at_a_time_are_the_whole_documents() {
        for (text, whole) in whole_and_pieces() {
            let outline = |wpm, width| {
                let mut out = Vec::new();
                outline_in_pieces(&text, "name", wpm, width, &mut out).unwrap();
                String::from_utf8(out).unwrap()
            };
            assert_eq!(outline(None, None), outline_at(&whole, None));
            assert_eq!(outline(None, Some(50)), outline_at(&whole, Some(50)));
            assert_eq!(outline(Some(230), None), outline_markdown(&whole, 230));
        }
    }

    #[test]
    fn a_document_printed_in_pieces_is_the_document_printed_whole() {
        let texts = [
            crate::sample::document(600_000),
            crate::source::EMBEDDED.to_string(),
            "Untitled text.\n\nA [link](https://a.example) and [another](https://b.example).\n".to_string(),
            String::new(),
        ];
        for text in &texts {
            for (theme, links) in [(None, false), (Some(Theme::new(true)), true)] {
                let mut whole = crate::document::parse::parse_structure(text);
                if whole.title.is_empty() {
                    whole.title = "name".to_string();
                }
                let mut pieces = Vec::new();
                Printer::new(72, theme, links).write_in_pieces(text, "name", &mut pieces).unwrap();
                assert_eq!(String::from_utf8(pieces).unwrap(), document(&whole, 72, theme, links));
            }
        }
    }
}
