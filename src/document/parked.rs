//! Sections a large document lets go of: each keeps its title, claim,
//! counts and top-level headings (what the sidebar and heading moves
//! read), and its blocks and heading's spans are parsed again from the
//! shared text when it is laid out, searched or highlighted. A section starts at a byte of the
//! text and its block ids are numbered from there, so a section parsed
//! again alone is the section the whole parse gave.

use std::borrow::Cow;
use std::sync::Arc;

use super::parse::{Plan, stream, window::Definitions};
use super::{BlockKind, Document, Section};

/// The text a document was parsed from (its tables tamed), the plan that
/// cut it into sections (the heading level, or none: cut from its
/// paragraphs; and where else it was cut), and its link and footnote
/// definitions.
#[derive(Clone)]
pub struct Source {
    pub text: Arc<str>,
    pub plan: Plan,
    pub defs: Arc<Definitions>,
}

impl Source {
    /// The source of `text` cut into sections by `plan`.
    pub fn of(text: &Arc<str>, plan: &Plan, defs: &Arc<Definitions>) -> Source {
        Source { text: Arc::clone(text), plan: plan.clone(), defs: Arc::clone(defs) }
    }

    /// The sections of `text[range]`, which starts at a section on `line`
    /// ([`stream::sections_at`]).
    pub fn sections_at(&self, range: std::ops::Range<usize>, line: usize) -> Vec<Section> {
        stream::sections_at(&self.text, range, line, &self.plan, &self.defs)
    }
}

impl PartialEq for Source {
    fn eq(&self, other: &Source) -> bool {
        Arc::ptr_eq(&self.text, &other.text) && self.plan == other.plan
    }
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Source({} bytes, split at level {:?})", self.text.len(), self.plan.split)
    }
}

impl Section {
    /// Lets go of every block but the top-level headings under the
    /// document's `split` level (its sub-headings: a heading at that level
    /// inside a section is one a document of more headings than text
    /// merged into it, [`Cuts::merged`], and comes back with the rest),
    /// and of the heading's spans (only a layout reads them). Only a
    /// section that starts at a heading, or one cut from paragraphs that
    /// starts a block ([`Section::alone`]), can be parsed again alone: an
    /// opening keeps its blocks.
    pub fn park(&mut self, split: u8) {
        if !self.starts_alone() || self.parked {
            return;
        }
        self.blocks.retain(|b| matches!(b.kind, BlockKind::Heading { level, .. } if level > split));
        self.blocks.shrink_to_fit();
        self.heading = Vec::new();
        self.parked = true;
    }
}

impl Document {
    /// Section `i` with all its blocks: as kept, or parsed again from the
    /// source when it let go of them (its claim as found for the whole).
    pub fn section(&self, i: usize) -> Option<Cow<'_, Section>> {
        let s = self.sections.get(i)?;
        let (true, Some(src)) = (s.parked, &self.source) else { return Some(Cow::Borrowed(s)) };
        let start = Self::offset(s);
        // To the next section that starts where the text says (the ones
        // between, cut inside a paragraph, come with it, and are dropped).
        let next = self.sections[i + 1..].iter().find(|s| s.starts_alone());
        let end = next.map_or(src.text.len(), Self::offset);
        match src.sections_at(start..end, s.line).into_iter().next() {
            Some(mut whole) if whole.heading_id == s.heading_id => {
                whole.claim = s.claim.clone();
                Some(Cow::Owned(whole))
            }
            // Not the text it was parsed from (a guard: it always is).
            _ => Some(Cow::Borrowed(s)),
        }
    }

    /// Every section with all its blocks, in order.
    pub fn whole_sections(&self) -> impl Iterator<Item = Cow<'_, Section>> {
        (0..self.sections.len()).filter_map(|i| self.section(i))
    }

    /// Where a section that starts at a heading starts in the text.
    fn offset(s: &Section) -> usize {
        (s.heading_id as usize).saturating_sub(1)
    }
}

impl Section {
    /// Whether it starts at byte `heading_id - 1` of the text, where it can
    /// be parsed again alone: at its heading, or (cut from paragraphs) at
    /// the block it starts with.
    fn starts_alone(&self) -> bool {
        self.level > 0 || self.alone
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse::{outline_and_plan, parse_structure, window};

    /// `text` parsed whole, every section parked.
    fn parked(text: &str) -> (Document, Document) {
        let whole = parse_structure(text);
        let (_, plan) = outline_and_plan(text);
        let mut doc = whole.clone();
        doc.source =
            Some(Source::of(&Arc::from(text), &plan, &Arc::new(window::Definitions::of(text, window::WINDOW))));
        doc.sections.iter_mut().for_each(|s| s.park(plan.split.unwrap_or(0)));
        (whole, doc)
    }

    #[test]
    fn a_parked_section_is_parsed_again_as_the_whole_parse_gave_it() {
        // Links and footnotes defined in other sections, an opening, a
        // sub-heading, code and a table.
        let text = "Opening words [here][far].\n\n# One\n\nSee [the docs] and a note.[^n]\n\n### Sub\n\n\
                    ```rust\nfn x() {}\n```\n\n# Two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n\
                    [the docs]: https://example.com/docs\n[far]: https://example.com/far\n\n# Three\n\n\
                    [^n]: The note, [far] too.\n";
        let (whole, doc) = parked(text);
        assert_eq!(doc.sections.iter().filter(|s| s.parked).count(), 3);
        assert!(!doc.sections[0].parked, "an opening keeps its blocks");
        for (i, s) in whole.sections.iter().enumerate() {
            assert_eq!(doc.section(i).unwrap().as_ref(), s, "section {i}");
        }
        // What a parked section keeps: its sub-headings.
        assert_eq!(doc.sections[1].subheadings(), whole.sections[1].subheadings());
        assert!(doc.sections[2].blocks.is_empty());
    }

    #[test]
    fn every_section_of_a_large_document_comes_back_whole() {
        let text = crate::sample::document(600_000);
        let (whole, doc) = parked(&text);
        let again: Vec<Section> = doc.whole_sections().map(Cow::into_owned).collect();
        assert_eq!(again, whole.sections);
    }

    #[test]
    fn sections_cut_from_paragraphs_come_back_whole_and_the_first_keeps_its_blocks() {
        let long_line = "The export controls on rare earths tightened again this week, officials said. ".repeat(3);
        let texts = [
            // The sample without its headings: paragraphs, lists, code, quotes.
            crate::sample::document(300_000).lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>().join("\n"),
            // Paragraphs written a line a sentence (cut at their lines), a
            // headline, links defined at the end.
            format!(
                "Prices Rise Again As Supply Tightens\n{}\n\n{}\n\n[the docs]: https://example.com\n",
                format!("{long_line}see [the docs]\n").repeat(40),
                format!("{long_line}\n\n").repeat(30)
            ),
        ];
        for (k, text) in texts.iter().enumerate() {
            let (whole, doc) = parked(text);
            assert!(whole.sections.len() > 5, "{} sections", whole.sections.len());
            assert!(!doc.sections[0].parked, "the first keeps its blocks");
            let parked: Vec<bool> = doc.sections.iter().map(|s| s.parked).collect();
            if k == 0 {
                assert!(parked[1..].iter().all(|&p| p), "every section after the first starts a block");
            } else {
                // Those cut inside the paragraph of a line a sentence keep their
                // blocks; those of the paragraphs after it do not.
                assert!(parked[1..21].iter().all(|&p| !p) && parked[21..].iter().all(|&p| p), "{parked:?}");
            }
            for (i, s) in whole.sections.iter().enumerate() {
                assert_eq!(doc.section(i).unwrap().as_ref(), s, "section {i}");
            }
        }
    }
}
