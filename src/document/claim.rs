//! Key claims: the authored `<!-- claim: ... -->` annotation, or a sentence
//! extracted from the section's prose.

use super::extract::{self, Weights};
use super::trim::{MAX_CHARS, trim};
use super::{Section, collapse_ws};
use crate::sanitize::{Tabs, clean};
use compact_str::CompactString;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimOrigin {
    Authored,
    Extracted,
}

/// Where an extracted claim's sentence sits: a paragraph's block id and a
/// range of characters in its plain text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClaimSpot {
    pub block: u32,
    pub start: u32,
    pub end: u32,
}

impl ClaimSpot {
    /// A spot at characters `start..end` (past 4 billion characters, a
    /// paragraph no size limit lets through, it marks nothing).
    fn of(block: u32, start: usize, end: usize) -> ClaimSpot {
        match (u32::try_from(start), u32::try_from(end)) {
            (Ok(start), Ok(end)) => ClaimSpot { block, start, end },
            _ => ClaimSpot { block, start: 0, end: 0 },
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// What the sidebar shows (inline when short, as below: a document
    /// may have millions of claims).
    pub text: CompactString,
    /// The whole sentence the claim comes from (the annotation for authored ones).
    pub sentence: CompactString,
    pub origin: ClaimOrigin,
    pub spot: Option<ClaimSpot>,
}

impl Claim {
    /// The whole sentence the claim comes from (its text when it has no
    /// other).
    pub fn whole(&self) -> &str {
        if self.sentence.is_empty() { &self.text } else { &self.sentence }
    }

    /// An empty extracted claim, replaced by [`fill_claims`].
    pub(crate) fn placeholder() -> Claim {
        Claim {
            text: CompactString::default(),
            sentence: CompactString::default(),
            origin: ClaimOrigin::Extracted,
            spot: None,
        }
    }

    pub(crate) fn authored(text: String) -> Claim {
        let text = CompactString::from(text);
        Claim { text: text.clone(), sentence: text, origin: ClaimOrigin::Authored, spot: None }
    }
}

/// The longest annotation read (bytes); longer ones are cut with `…`.
pub const MAX_ANNOTATION_BYTES: usize = 2048;

/// Reads `<!-- claim: ... -->`; `None` when the HTML is anything else.
pub fn parse_annotation(html: &str) -> Option<String> {
    let inner = html.trim().strip_prefix("<!--")?.strip_suffix("-->")?;
    if inner.contains("-->") {
        return None;
    }
    let inner = inner.trim();
    let (key, rest) = inner.split_once(':')?;
    if !key.trim().eq_ignore_ascii_case("claim") {
        return None;
    }
    let mut text = collapse_ws(rest);
    // An annotation is a sentence; a huge one is cut (with a mark), so no
    // keypress pays for laying out megabytes of claim.
    if text.len() > MAX_ANNOTATION_BYTES {
        let mut cut = MAX_ANNOTATION_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
        text.push_str(" …");
    }
    (!text.is_empty()).then(|| clean(text, Tabs::Prose))
}

/// Gives every section without an authored claim an extracted one, weighed
/// for the genre the document reads as.
pub fn fill_claims(sections: &mut [Section]) {
    fill(sections, None);
}

/// [`fill_claims`] with chosen weights whatever the genre (for tuning).
pub fn fill_claims_with(sections: &mut [Section], weights: &Weights) {
    fill(sections, Some(weights));
}

fn fill(sections: &mut [Section], chosen: Option<&Weights>) {
    if sections.iter().all(|s| s.claim.origin == ClaimOrigin::Authored) {
        return;
    }
    let mut finder = Finder::default();
    finder.add(sections);
    for (section, found) in sections.iter_mut().zip(finder.finish(chosen, None)) {
        if let Some(claim) = found.claim(&section.title) {
            section.claim = claim;
        }
    }
}

/// What [`Finder`] found for a section.
#[derive(Clone, Debug, PartialEq)]
pub enum Found {
    /// The section has its own claim.
    Authored,
    /// Boxed: a document may have millions of sections, and most find a
    /// heading or nothing.
    Extracted(Box<Claim>),
    /// No prose to take a claim from: the heading stands in.
    Heading,
}

impl Found {
    /// The claim for a section titled `title` (`None`: its own).
    pub fn claim(self, title: &str) -> Option<Claim> {
        match self {
            Found::Authored => None,
            Found::Extracted(claim) => Some(*claim),
            // The sentence left empty: the same text (one string fewer
            // for each of what may be millions of sections).
            Found::Heading => Some(Claim {
                text: title.into(),
                sentence: CompactString::default(),
                origin: ClaimOrigin::Extracted,
                spot: None,
            }),
        }
    }
}

/// Claims found a few sections at a time: each section's candidate
/// sentences are taken as it comes (its blocks need not be kept), and the
/// choice is made at the end, once the whole document's term frequencies
/// and genre are known. The same claims as [`fill_claims`].
///
/// A [`Finder::lean`] one does not keep the candidates' text either (most
/// of what it holds): the sentence chosen is found again in its section,
/// parsed again alone from the text ([`Again`]).
#[derive(Default)]
pub struct Finder {
    corpus: extract::Corpus,
    genre: extract::GenreCounts,
    pending: Vec<Pending>,
    /// For a lean finder, where every section starts in the text (its
    /// heading's id less one) and its line.
    places: Option<Vec<(u32, u32)>>,
    /// For a lean finder, how many of a section's first candidates keep
    /// their text ([`LEAN_KEEPS`]).
    keeps: usize,
}

/// How many of a section's first candidates a lean [`Finder`] keeps the
/// text of: the first sentence is the claim unless another wins by a
/// margin, so most claims are found without parsing their section again,
/// for a sentence or two of text a section.
const LEAN_KEEPS: usize = 2;

/// The text a lean [`Finder`]'s sections came from (tables tamed), the
/// plan that cut it and its definitions: what parses a section again.
pub struct Again<'a> {
    pub text: &'a str,
    pub plan: &'a super::parse::Plan,
    pub defs: &'a super::parse::window::Definitions,
}

impl<'a> Again<'a> {
    /// What parses again the sections of `text` cut by `plan` (`None` for a
    /// document without headings, whose finder keeps its candidates' text).
    pub fn of(
        text: &'a str,
        plan: &'a super::parse::Plan,
        defs: &'a super::parse::window::Definitions,
    ) -> Option<Again<'a>> {
        plan.split.map(|_| Again { text, plan, defs })
    }
}

/// A section waiting for its claim (small: a document may have millions).
enum Pending {
    /// It has one of its own.
    Authored,
    /// Its candidates and its heading.
    Candidates(Box<(Vec<extract::Candidate>, Box<str>)>),
    /// No candidate: a claim it gets anyway.
    Fallback(Box<Claim>),
    /// No candidate and no other claim: the heading stands in.
    Heading,
}

impl Finder {
    /// A finder that keeps no candidate's text where its section can be
    /// parsed again alone (a section under a heading): its
    /// [`Finder::finish`] must be given the text.
    pub fn lean() -> Finder {
        Finder::lean_keeping(LEAN_KEEPS)
    }

    fn lean_keeping(keeps: usize) -> Finder {
        Finder { places: Some(Vec::new()), keeps, ..Finder::default() }
    }

    /// Takes the candidates of the next `sections`.
    pub fn add(&mut self, sections: &[Section]) {
        for section in sections {
            if let Some(places) = &mut self.places {
                places.push((section.heading_id.saturating_sub(1), u32::try_from(section.line).unwrap_or(u32::MAX)));
            }
            // Every section counts for the terms and the genre, authored
            // or not.
            let keep_text = if self.places.is_none() || section.level == 0 { usize::MAX } else { self.keeps };
            let cands = self.corpus.add(section, keep_text);
            self.genre.add(&cands);
            self.pending.push(if section.claim.origin == ClaimOrigin::Authored {
                Pending::Authored
            } else if cands.is_empty() {
                match fallback(section) {
                    Some(claim) => Pending::Fallback(Box::new(claim)),
                    None => Pending::Heading,
                }
            } else {
                Pending::Candidates(Box::new((cands, section.title.as_str().into())))
            });
        }
    }

    /// What was found for each section, in order (chosen as it is taken),
    /// weighed by `chosen`, else for the genre. A lean finder's sections
    /// are parsed again from `again` for the sentences chosen (without it,
    /// such a section's heading stands in).
    pub fn finish<'a>(
        self,
        chosen: Option<&Weights>,
        again: Option<&'a Again<'a>>,
    ) -> impl Iterator<Item = Found> + 'a {
        let Finder { mut corpus, genre, pending, places, .. } = self;
        let weights = chosen.cloned().unwrap_or_else(|| extract::Weights::for_genre(genre.genre()));
        let places = places.unwrap_or_default();
        pending.into_iter().enumerate().map(move |(k, p)| {
            let weights = &weights;
            match p {
                Pending::Authored => Found::Authored,
                Pending::Fallback(claim) => Found::Extracted(claim),
                Pending::Heading => Found::Heading,
                Pending::Candidates(pending) => {
                    let (cands, title) = *pending;
                    let scores = extract::scores(&cands, &title, &mut corpus, weights);
                    let i = extract::choose(&scores, weights).unwrap_or(0);
                    let c = &cands[i];
                    let text = match corpus.text(c) {
                        Some(text) => Some(text.to_string()),
                        None => again.and_then(|a| sentence_again(a, &places, k, c)),
                    };
                    let Some(text) = text else { return Found::Heading };
                    let sentence = collapse_ws(&text);
                    Found::Extracted(Box::new(Claim {
                        text: trim(&sentence, MAX_CHARS).into(),
                        sentence: sentence.into(),
                        origin: ClaimOrigin::Extracted,
                        spot: Some(ClaimSpot { block: c.block, start: c.start, end: c.end }),
                    }))
                }
            }
        })
    }
}

/// The text of candidate `c` of section `k`, found in the section parsed
/// again alone (from where it starts to where the next does).
fn sentence_again(again: &Again, places: &[(u32, u32)], k: usize, c: &extract::Candidate) -> Option<String> {
    let (start, line) = *places.get(k)?;
    let end = places.get(k + 1).map_or(again.text.len(), |p| p.0 as usize);
    let sections =
        super::parse::stream::sections_at(again.text, start as usize..end, line as usize, again.plan, again.defs);
    let paragraph = sections.first()?.paragraphs().into_iter().find(|p| p.block == c.block)?;
    Some(paragraph.text.chars().skip(c.start as usize).take((c.end - c.start) as usize).collect())
}

/// The claim of a section with no candidate sentence: the first of its
/// short sentences, else a tagline in HTML (`None`: its heading stands in).
fn fallback(section: &Section) -> Option<Claim> {
    if let Some((block, s)) = extract::short_statement(section) {
        let sentence = collapse_ws(&s.text);
        return Some(Claim {
            text: trim(&sentence, MAX_CHARS).into(),
            sentence: sentence.into(),
            origin: ClaimOrigin::Extracted,
            spot: Some(ClaimSpot::of(block, s.start, s.end)),
        });
    }
    extract::html_tagline(section).map(|text| Claim {
        text: trim(&text, MAX_CHARS).into(),
        sentence: text.into(),
        origin: ClaimOrigin::Extracted,
        spot: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lean_finder_finds_the_claims_a_finder_keeping_every_sentence_finds() {
        use crate::document::parse::{parse_structure, plan_of, tame, window};
        let texts = [
            crate::sample::document(400_000),
            // An opening, links defined elsewhere, a sentence past a link.
            "Opening words are here, said plainly enough.\n\n# One\n\nSee [the docs] first. The tariffs rose \
             sharply on steel imports this year, and prices followed.\n\n# Two\n\nShort.\n\n\
             [the docs]: https://example.com\n"
                .to_string(),
        ];
        for text in &texts {
            let text = &*tame(text);
            let sections = parse_structure(text).sections;
            let (defs, plan) = (window::Definitions::of(text, window::WINDOW), plan_of(text));
            let again = Again::of(text, &plan, &defs).unwrap();
            let mut keeping = Finder::default();
            keeping.add(&sections);
            let kept: Vec<Found> = keeping.finish(None, None).collect();
            assert!(kept.iter().filter(|f| matches!(f, Found::Extracted(c) if c.spot.is_some())).count() >= 2);
            // Every sentence found again, and only those past the first two.
            for keeps in [0, LEAN_KEEPS] {
                let mut lean = Finder::lean_keeping(keeps);
                lean.add(&sections);
                assert_eq!(lean.finish(None, Some(&again)).collect::<Vec<_>>(), kept, "keeping {keeps}");
            }
        }
    }

    #[test]
    fn what_is_found_for_a_section_is_small_and_a_short_claim_takes_no_allocation() {
        // Held for every section at once, of which there may be millions.
        assert!(std::mem::size_of::<Found>() <= 16, "{} bytes", std::mem::size_of::<Found>());
        let claim = Found::Heading.claim("Code").unwrap();
        assert_eq!((claim.text.as_str(), claim.whole(), claim.sentence.as_str()), ("Code", "Code", ""));
        assert!(!claim.text.is_heap_allocated(), "a short heading standing in is kept inline");
        let mut doc = crate::document::parse::parse_structure("## A\n\nIt is short.\n\n## B\n\nText.\n");
        fill_claims(&mut doc.sections);
        let (a, b) = (&doc.sections[0], &doc.sections[1]);
        assert_eq!((a.claim.text.as_str(), b.claim.text.as_str()), ("It is short.", "B"));
        assert!(a.claim.text.len() <= 24 && !a.claim.text.is_heap_allocated() && !a.claim.sentence.is_heap_allocated());
        assert!(!a.title.is_heap_allocated(), "nor a short title");
    }

    #[test]
    fn a_section_of_short_sentences_gets_its_first_not_its_heading() {
        let mut doc =
            crate::document::parse::parse_structure("## End\n\nThe end of alpha.\n\n## Code\n\n```\nx\n```\n");
        fill_claims(&mut doc.sections);
        assert_eq!(doc.sections[0].claim.text, "The end of alpha.");
        assert!(doc.sections[0].claim.spot.is_some(), "the sentence is marked in the text");
        assert_eq!(doc.sections[1].claim.text, "Code", "without prose the heading stands in");
    }

    #[test]
    fn a_readme_opening_of_a_name_and_badges_gets_its_centred_tagline() {
        let md = "<h1 align=\"center\">Zapper</h1>\n\n<p align=\"center\"><b>Find the files you lost, in a blink</b></p>\n\n\
                  <p align=\"center\"><img src=\"x.svg\" alt=\"CI\"></p>\n\n## Install\n\nRun cargo install zapper to get it.\n";
        let doc = crate::document::parse(md);
        assert_eq!(doc.sections[0].stated_claim(), Some("Find the files you lost, in a blink"));
    }

    #[test]
    fn annotation_is_read_and_other_comments_are_not() {
        assert_eq!(parse_annotation("<!-- claim: Tariffs rose. -->").as_deref(), Some("Tariffs rose."));
        assert_eq!(parse_annotation("<!--\n  Claim:  two\n  lines -->\n").as_deref(), Some("two lines"));
        assert_eq!(parse_annotation("<!-- note: no -->"), None);
        assert_eq!(parse_annotation("<div>claim: x</div>"), None);
        assert_eq!(parse_annotation("<!-- claim: -->"), None);
    }
}
