//! Sentences: Unicode (UAX #29) sentence boundaries from unicode-segmentation,
//! rejoined after abbreviations such as "Dr." and "U.S.".

use unicode_segmentation::UnicodeSegmentation;

mod fast;

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
    sentences_in(text, &[])
}

/// [`sentences`] of a paragraph whose byte ranges in `protected` are inline
/// code or link text: punctuation inside them ends no sentence (`` `?` lists
/// them all ``), so no sentence starts or ends inside one.
pub fn sentences_in(text: &str, protected: &[(usize, usize)]) -> Vec<Sentence> {
    // Work in byte ranges (linear), then count characters once, in order.
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut p = 0;
    let pieces: &mut dyn Iterator<Item = (usize, &str)> =
        if fast::can_split(text) { &mut fast::bounds(text) } else { &mut text.split_sentence_bound_indices() };
    for (at, piece) in pieces {
        let trimmed = piece.trim_end();
        let lead = trimmed.len() - trimmed.trim_start().len();
        if trimmed.trim_start().is_empty() {
            continue;
        }
        let (start, end) = (at + lead, at + trimmed.len());
        // The protected range holding the end of the previous piece, if any.
        let inside = |pos: usize, p: &mut usize| {
            while *p < protected.len() && protected[*p].1 < pos {
                *p += 1;
            }
            protected.get(*p).is_some_and(|&(a, b)| a < pos && pos <= b)
        };
        match ranges.last_mut() {
            Some(prev) if ends_with_abbreviation(&text[prev.0..prev.1]) || inside(prev.1, &mut p) => prev.1 = end,
            // A sentence does not start inside code or a link either.
            Some(prev) if inside(start + 1, &mut p) && protected.get(p).is_some_and(|r| r.0 < start) => prev.1 = end,
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
    // ASCII case is enough: no other character lower-cases into these.
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(last))
        || (last.chars().count() == 1 && last.chars().all(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        sentences(s).into_iter().map(|s| s.text).collect()
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

#[cfg(test)]
mod code_tests {
    use super::*;
    use crate::document::parse;

    fn claim_sentences(md: &str) -> Vec<String> {
        let doc = parse(md);
        let p = doc.sections[0].paragraphs().remove(0);
        sentences_in(&p.text, &p.protected).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn punctuation_inside_inline_code_ends_no_sentence() {
        let s = claim_sentences("## Keys\n\n`?` lists them all, and `:` opens a command palette. Then type.\n");
        assert_eq!(s, vec!["? lists them all, and : opens a command palette.", "Then type."]);
        let s =
            claim_sentences("## Files\n\nPut it in `.github/workflows/ci.yml. Or not!` and commit it. Done here.\n");
        assert_eq!(s.len(), 2, "{s:?}");
        assert!(s[0].ends_with("and commit it."), "{s:?}");
    }

    #[test]
    fn link_text_holds_together() {
        let s = claim_sentences("## See\n\nRead [Fig. 2. The overview!](x.md) for the plan. It is short.\n");
        assert_eq!(s, vec!["Read Fig. 2. The overview! for the plan.", "It is short."]);
    }

    #[test]
    fn plain_text_splits_as_before() {
        assert_eq!(sentences("One. Two? Three!").len(), 3);
        assert_eq!(sentences_in("One. Two.", &[]).len(), 2);
    }
}
