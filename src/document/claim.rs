//! Key claims: the authored `<!-- claim: ... -->` annotation, or a sentence
//! extracted from the section's prose.

use unicode_segmentation::UnicodeSegmentation;

use super::Section;
use super::parse::collapse_ws;
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
    let text = collapse_ws(rest);
    (!text.is_empty()).then(|| clean(text, Tabs::Prose))
}

/// Gives every section without an authored claim an extracted one.
pub fn fill_claims(sections: &mut [Section]) {
    for section in sections.iter_mut() {
        if section.claim.origin == ClaimOrigin::Extracted {
            section.claim = extract(section);
        }
    }
}

/// Sentences shorter than this are fragments (a label, a dateline), never claims.
pub const MIN_CLAIM_WORDS: usize = 5;

/// The extractor: the first sentence of at least [`MIN_CLAIM_WORDS`] words,
/// or the heading when the section has no prose.
pub fn extract(section: &Section) -> Claim {
    for (block, text) in section.prose() {
        if let Some(s) = sentences(&text).into_iter().find(|s| s.text.split_whitespace().count() >= MIN_CLAIM_WORDS) {
            let sentence = collapse_ws(&s.text);
            return Claim {
                text: sentence.clone(),
                sentence,
                origin: ClaimOrigin::Extracted,
                spot: Some(ClaimSpot { block, start: s.start, end: s.end }),
            };
        }
    }
    Claim { text: section.title.clone(), sentence: section.title.clone(), origin: ClaimOrigin::Extracted, spot: None }
}

/// A sentence of a paragraph, with its character range.
#[derive(Clone, Debug, PartialEq)]
pub struct Sentence {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "cf", "fig", "no", "vol", "al",
    "approx", "inc", "ltd", "co", "corp", "gen", "gov", "sen", "rep", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.u",
];

/// Splits text into sentences (Unicode UAX #29), then rejoins splits that
/// follow an abbreviation such as "Dr." or "U.S.". Ranges are in characters
/// and trailing spaces are excluded.
pub fn sentences(text: &str) -> Vec<Sentence> {
    // Work in byte ranges (linear), then count characters once, in order.
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for (at, piece) in text.split_sentence_bound_indices() {
        let trimmed = piece.trim_end();
        let lead = trimmed.len() - trimmed.trim_start().len();
        if trimmed.trim_start().is_empty() {
            continue;
        }
        let (start, end) = (at + lead, at + trimmed.len());
        match ranges.last_mut() {
            Some(prev) if ends_with_abbreviation(&text[prev.0..prev.1]) => prev.1 = end,
            _ => ranges.push((start, end)),
        }
    }
    let mut out = Vec::with_capacity(ranges.len());
    let mut chars = 0usize;
    let mut byte = 0usize;
    for (start, end) in ranges {
        chars += text[byte..start].chars().count();
        let len = text[start..end].chars().count();
        out.push(Sentence { text: text[start..end].to_string(), start: chars, end: chars + len });
        chars += len;
        byte = end;
    }
    out
}

fn ends_with_abbreviation(sentence: &str) -> bool {
    let Some(word) = sentence.trim_end().strip_suffix('.') else {
        return false;
    };
    let last = word.rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“').next().unwrap_or("");
    let lower = last.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str()) || (last.chars().count() == 1 && last.chars().all(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        sentences(s).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn annotation_is_read_and_other_comments_are_not() {
        assert_eq!(parse_annotation("<!-- claim: Tariffs rose. -->").as_deref(), Some("Tariffs rose."));
        assert_eq!(parse_annotation("<!--\n  Claim:  two\n  lines -->\n").as_deref(), Some("two lines"));
        assert_eq!(parse_annotation("<!-- note: no -->"), None);
        assert_eq!(parse_annotation("<div>claim: x</div>"), None);
        assert_eq!(parse_annotation("<!-- claim: -->"), None);
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            texts("Dr. Smith met the U.S. Army today. It went well."),
            vec!["Dr. Smith met the U.S. Army today.", "It went well."]
        );
    }

    #[test]
    fn decimals_and_quotes_stay_whole() {
        assert_eq!(
            texts("Growth was 3.5 percent. “Good,” he said."),
            vec!["Growth was 3.5 percent.", "“Good,” he said."]
        );
    }

    #[test]
    fn cjk_full_stops_split() {
        assert_eq!(texts("稀土很重要。中国占主导。"), vec!["稀土很重要。", "中国占主导。"]);
    }

    #[test]
    fn ranges_point_at_the_sentence() {
        let text = "First one.  Second “two” here.";
        for s in sentences(text) {
            let slice: String = text.chars().skip(s.start).take(s.end - s.start).collect();
            assert_eq!(slice, s.text);
        }
    }
}
