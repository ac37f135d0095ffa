//! Key claims: the authored `<!-- claim: ... -->` annotation, or a sentence
//! extracted from the section's prose.

use super::extract::{self, Weights};
use super::trim::{MAX_CHARS, trim};
use super::{Section, collapse_ws};
use crate::sanitize::{Tabs, clean};

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
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// What the sidebar shows.
    pub text: String,
    /// The whole sentence the claim comes from (the annotation for authored ones).
    pub sentence: String,
    pub origin: ClaimOrigin,
    pub spot: Option<ClaimSpot>,
}

impl Claim {
    /// An empty extracted claim, replaced by [`fill_claims`].
    pub(crate) fn placeholder() -> Claim {
        Claim { text: String::new(), sentence: String::new(), origin: ClaimOrigin::Extracted, spot: None }
    }

    pub(crate) fn authored(text: String) -> Claim {
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
    let (cands, mut corpus) = extract::candidates(sections);
    let by_genre = extract::Weights::for_genre(extract::genre(&cands, &corpus));
    let weights = chosen.unwrap_or(&by_genre);
    for (section, cands) in sections.iter_mut().zip(cands) {
        if section.claim.origin == ClaimOrigin::Authored {
            continue;
        }
        let scores = extract::scores(&cands, &section.title, &mut corpus, weights);
        section.claim = match extract::choose(&scores, weights) {
            Some(i) => {
                let c = &cands[i];
                let sentence = collapse_ws(&c.sentence.text);
                Claim {
                    text: trim(&sentence, MAX_CHARS),
                    sentence,
                    origin: ClaimOrigin::Extracted,
                    spot: Some(ClaimSpot { block: c.block, start: c.sentence.start, end: c.sentence.end }),
                }
            }
            None => match extract::short_statement(section) {
                // Only short sentences: the first of them.
                Some((block, s)) => {
                    let sentence = collapse_ws(&s.text);
                    Claim {
                        text: trim(&sentence, MAX_CHARS),
                        sentence,
                        origin: ClaimOrigin::Extracted,
                        spot: Some(ClaimSpot { block, start: s.start, end: s.end }),
                    }
                }
                // No prose: a tagline in HTML, else the heading stands in.
                None if extract::html_tagline(section).is_some() => {
                    let text = extract::html_tagline(section).unwrap_or_default();
                    Claim { text: trim(&text, MAX_CHARS), sentence: text, origin: ClaimOrigin::Extracted, spot: None }
                }
                None => Claim {
                    text: section.title.clone(),
                    sentence: section.title.clone(),
                    origin: ClaimOrigin::Extracted,
                    spot: None,
                },
            },
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
