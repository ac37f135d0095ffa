//! Shortening a claim sentence for the sidebar, by deleting words only:
//! citations and footnote marks, short parentheticals, one leading connective
//! or "we show that" frame, a trailing attribution, then a cut at a clause
//! boundary or a word, marked with `…`. Apart from the first letter's case
//! and the punctuation a deleted word carried, the result is the sentence
//! minus some of its words.

/// The longest claim the sidebar shows, in characters.
pub const MAX_CHARS: usize = 110;

const CONNECTIVES: &[&str] = &[
    "however,",
    "moreover,",
    "furthermore,",
    "additionally,",
    "in addition,",
    "in summary,",
    "in conclusion,",
    "to sum up,",
    "overall,",
    "more importantly,",
    "most importantly,",
    "importantly,",
    "therefore,",
    "thus,",
    "hence,",
    "consequently,",
    "as a result,",
    "first,",
    "second,",
    "finally,",
    "in other words,",
    "indeed,",
    "in fact,",
    "currently,",
    "meanwhile,",
    "still,",
    "yet,",
    "so,",
    "but",
    "and",
];

const FRAMES: &[&str] = &[
    "we argue that",
    "we show that",
    "we find that",
    "we found that",
    "we demonstrate that",
    "we conclude that",
    "we believe that",
    "we suggest that",
    "this paper shows that",
    "this paper argues that",
    "the report finds that",
    "the study finds that",
    "our results show that",
    "our results suggest that",
    "our experiments show that",
    "results show that",
    "results suggest that",
    "experiments show that",
    "it is clear that",
    "it is evident that",
];

/// Words that open a subordinate clause.
const SUBORDINATORS: &[&str] = &[
    "if", "when", "whenever", "although", "though", "while", "because", "since", "unless", "as", "after", "before",
    "once", "until", "whereas", "even",
];

const ATTRIBUTIONS: &[&str] = &[
    "according to",
    "he said",
    "she said",
    "they said",
    "officials said",
    "experts say",
    "analysts say",
    "he says",
    "she says",
    "they say",
];

/// Shortens `sentence` to at most `max` characters by deleting words.
pub fn trim(sentence: &str, max: usize) -> String {
    let mut words: Vec<String> = sentence.split_whitespace().map(str::to_string).collect();
    drop_citations(&mut words);
    drop_parentheticals(&mut words);
    let mut lowered_start = false;
    if let Some(n) = leading(&words, CONNECTIVES).or_else(|| leading(&words, FRAMES))
        && words.len() > n + 3
    {
        words.drain(..n);
        lowered_start = true;
    }
    // A frame may follow a connective: "In summary, we show that ...".
    if let Some(n) = leading(&words, FRAMES)
        && words.len() > n + 3
    {
        words.drain(..n);
        lowered_start = true;
    }
    drop_attribution(&mut words);
    if lowered_start && let Some(first) = words.first_mut() {
        *first = capitalise(first);
    }
    let joined = words.join(" ");
    if joined.chars().count() <= max {
        return joined;
    }
    // Cut at the last clause boundary that keeps at least half the room,
    // unless the first clause is subordinate ("If ..., it will ..."): alone
    // it would state nothing, so cut at a word instead.
    let subordinate = words
        .first()
        .is_some_and(|w| SUBORDINATORS.contains(&w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase().as_str()));
    let mut len = 0;
    let mut clause_end = None;
    for (i, w) in words.iter().enumerate() {
        len += w.chars().count() + usize::from(i > 0);
        if len + 1 > max {
            break;
        }
        if !subordinate && w.ends_with([',', ';', ':']) && len >= max / 2 {
            clause_end = Some(i);
        }
    }
    let keep = match clause_end {
        Some(i) => i + 1,
        None => {
            let mut len = 0;
            let mut k = 0;
            for (i, w) in words.iter().enumerate() {
                len += w.chars().count() + usize::from(i > 0);
                if len + 1 > max {
                    break;
                }
                k = i + 1;
            }
            k.max(1)
        }
    };
    words.truncate(keep);
    let mut out = words.join(" ");
    while out.ends_with([',', ';', ':', '—', '-']) {
        out.pop();
    }
    if out.chars().count() + 1 > max {
        // A single word longer than the room.
        out = out.chars().take(max.saturating_sub(1)).collect();
    }
    out.push('…');
    out
}

/// How many words at the start match one of the phrases (case-insensitive).
fn leading(words: &[String], phrases: &[&str]) -> Option<usize> {
    // The phrases are lower-case ASCII: an ASCII word matches without
    // being lowered (no allocation; most words are).
    let same = |w: &str, p: &str| if w.is_ascii() { w.eq_ignore_ascii_case(p) } else { w.to_lowercase() == p };
    phrases.iter().find_map(|p| {
        let n = p.split(' ').count();
        (words.len() >= n && words.iter().zip(p.split(' ')).all(|(w, p)| same(w, p))).then_some(n)
    })
}

/// `[12]`, `[^3]`, `[1, 2]`: reference marks.
fn drop_citations(words: &mut Vec<String>) {
    let mut out = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        if w.starts_with('[') {
            // Find the closing bracket within a few words.
            if let Some(j) =
                (i..words.len().min(i + 6)).find(|&j| words[j].trim_end_matches(['.', ',', ';']).ends_with(']'))
            {
                let inner: String = words[i..=j].join(" ");
                if inner.chars().any(|c| c.is_ascii_digit()) || inner.starts_with("[^") {
                    i = j + 1;
                    continue;
                }
            }
        }
        out.push(std::mem::take(&mut words[i]));
        i += 1;
    }
    *words = out;
}

/// Parentheticals of at most eight words: `(Smith et al., 2020)`, `(2024)`.
fn drop_parentheticals(words: &mut Vec<String>) {
    let mut out = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        if words[i].starts_with('(')
            && let Some(j) =
                (i..words.len().min(i + 8)).find(|&j| words[j].trim_end_matches(['.', ',', ';', ':']).ends_with(')'))
            && !(i == 0 && j + 1 == words.len())
        {
            i = j + 1;
            continue;
        }
        out.push(std::mem::take(&mut words[i]));
        i += 1;
    }
    *words = out;
}

/// `..., according to X.` / `..., officials said.` at the end.
fn drop_attribution(words: &mut Vec<String>) {
    let n = words.len();
    for start in (n.saturating_sub(8)..n).rev() {
        if start == 0 || !words[start - 1].ends_with(',') {
            continue;
        }
        let tail = words[start..].join(" ").to_lowercase();
        if ATTRIBUTIONS.iter().any(|a| tail.starts_with(a)) && start >= 4 {
            words.truncate(start);
            if let Some(last) = words.last_mut() {
                let trimmed = last.trim_end_matches(',').to_string();
                *last = format!("{trimmed}.");
            }
            return;
        }
    }
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// True when `shown` (without a final `…`) is `sentence` with words deleted:
/// each shown word appears in order among the sentence's words, ignoring the
/// punctuation a word carried at its end and the case of the first letter.
pub fn is_deletion_of(shown: &str, sentence: &str) -> bool {
    let norm = |w: &str| w.trim_end_matches([',', ';', ':', '.', '…', '—', '-']).to_lowercase();
    let shown = shown.strip_suffix('…').unwrap_or(shown);
    let source: Vec<String> = sentence.split_whitespace().map(norm).collect();
    let mut it = source.iter();
    shown.split_whitespace().map(norm).filter(|w| !w.is_empty()).all(|w| it.any(|s| *s == w || s.starts_with(&w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_sentences_are_kept_whole() {
        assert_eq!(trim("Tariffs rose sharply.", MAX_CHARS), "Tariffs rose sharply.");
    }

    #[test]
    fn citations_and_parentheticals_go() {
        let t = trim("The method improves recall [12] on three benchmarks (Smith et al., 2020).", MAX_CHARS);
        assert_eq!(t, "The method improves recall on three benchmarks");
    }

    #[test]
    fn a_leading_connective_and_frame_go_and_the_first_letter_is_capitalised() {
        assert_eq!(
            trim("In summary, we show that the ban hurt every supplier in the region.", MAX_CHARS),
            "The ban hurt every supplier in the region."
        );
        assert_eq!(trim("However, costs fell by half last year.", MAX_CHARS), "Costs fell by half last year.");
    }

    #[test]
    fn a_trailing_attribution_goes() {
        assert_eq!(
            trim("Exports will fall by a third next year, according to the ministry.", MAX_CHARS),
            "Exports will fall by a third next year."
        );
    }

    #[test]
    fn long_sentences_cut_at_a_clause_then_a_word() {
        let s = "China's leadership in the rare earth sector extends far beyond its resource endowment, \
                 and its advanced refining and processing technologies constitute an unassailable advantage.";
        let t = trim(s, 100);
        assert!(t.ends_with('…') && t.chars().count() <= 100, "{t}");
        assert!(t.starts_with("China's leadership in the rare earth sector extends far beyond its resource endowment"));
        let t = trim(&"word ".repeat(60), 40);
        assert!(t.chars().count() <= 40 && t.ends_with('…'));
    }

    #[test]
    fn a_subordinate_opening_is_not_cut_off_alone() {
        let s = "If the Pentagon continues to underestimate China's resolve, it will find itself in an \
                 increasingly disadvantageous position in future strategic competitions.";
        let t = trim(s, 100);
        assert!(t.contains("it will find itself"), "{t}");
        assert!(t.chars().count() <= 100 && t.ends_with('…'));
    }

    #[test]
    fn every_trim_is_a_deletion_of_its_sentence() {
        let seed = include_str!("../../tests/fixtures/seed.txt");
        let mut n = 0;
        for para in seed.lines() {
            for s in crate::document::sentence::sentences(para) {
                for max in [30, 60, 110, 400] {
                    let t = trim(&s.text, max);
                    assert!(t.chars().count() <= max.max(2), "{t:?}");
                    assert!(is_deletion_of(&t, &s.text), "{t:?} is not a deletion of {:?}", s.text);
                    n += 1;
                }
            }
        }
        assert!(n > 100);
    }

    #[test]
    fn the_deletion_check_rejects_added_or_reordered_words() {
        assert!(is_deletion_of("Costs fell.", "However, costs fell by half."));
        assert!(!is_deletion_of("Costs rose.", "However, costs fell by half."));
        assert!(!is_deletion_of("fell costs", "costs fell"));
    }
}
