//! Cue phrases: the word lists a sentence is matched against (summary,
//! claim frames, findings, examples, background...), in one pass.

/// Lower-cased text with single spaces, padded, for phrase matching.
pub(super) fn normalise_into(s: &str, out: &mut String) {
    out.clear();
    out.push(' ');
    if s.is_ascii() {
        // The same, a byte at a time: most text is ASCII.
        for &b in s.as_bytes() {
            if b.is_ascii_alphanumeric() || b == b'\'' {
                out.push(char::from(b.to_ascii_lowercase()));
            } else if !out.ends_with(' ') {
                out.push(' ');
            }
        }
        if !out.ends_with(' ') {
            out.push(' ');
        }
    } else {
        normalise_words(s, out);
    }
}

/// [`normalise_into`] for any text, a word at a time.
fn normalise_words(s: &str, out: &mut String) {
    for w in s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')).filter(|w| !w.is_empty()) {
        if w.is_ascii() {
            let at = out.len();
            out.push_str(w);
            out[at..].make_ascii_lowercase();
        } else {
            out.extend(w.chars().flat_map(char::to_lowercase));
        }
        out.push(' ');
    }
}

/// The cue-phrase lists, matched in one pass.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Cue {
    Summary,
    ClaimFrame,
    Emphasis,
    Inferential,
    Finding,
    Example,
    Anaphora,
    Background,
    Approach,
    Reported,
    Unit,
    Meta,
    MustKnow,
    PaperWord,
    NewsWord,
}

pub(super) const CUE_COUNT: usize = 15;

pub(super) const CUE_LISTS: [(Cue, &[&str]); CUE_COUNT] = [
    (Cue::Summary, SUMMARY),
    (Cue::ClaimFrame, CLAIM_FRAME),
    (Cue::Emphasis, EMPHASIS),
    (Cue::Inferential, INFERENTIAL),
    (Cue::Finding, FINDING),
    (Cue::Example, EXAMPLE),
    (Cue::Anaphora, ANAPHORA),
    (Cue::Background, BACKGROUND),
    (Cue::Approach, APPROACH),
    (Cue::Reported, REPORTED),
    (Cue::Unit, UNITS),
    (Cue::Meta, META),
    (Cue::MustKnow, MUST_KNOW),
    (Cue::PaperWord, PAPER_WORDS),
    (Cue::NewsWord, NEWS_WORDS),
];

/// Built once per process.
pub(super) static CUES: std::sync::OnceLock<Cues> = std::sync::OnceLock::new();

pub(super) struct Cues {
    pub(super) automaton: aho_corasick::AhoCorasick,
    pub(super) kind: Vec<Cue>,
}

/// Which cues a sentence has: anywhere, and at its start (a bit a cue),
/// and how many paper words it holds (counting repeats, up to 255).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Found {
    anywhere: u16,
    at_start: u16,
    pub(super) paper_words: u8,
}

impl Found {
    pub(super) fn has(&self, c: Cue) -> bool {
        self.anywhere & (1 << c as u16) != 0
    }
    pub(super) fn starts(&self, c: Cue) -> bool {
        self.at_start & (1 << c as u16) != 0
    }
}

impl Cues {
    pub(super) fn new() -> Cues {
        let mut patterns = Vec::new();
        let mut kind = Vec::new();
        for (cue, list) in CUE_LISTS {
            for p in list {
                patterns.push(*p);
                kind.push(cue);
            }
        }
        // A DFA: built once per process (a few hundred phrases, well under a
        // megabyte), and every sentence of a document is matched against it.
        let automaton = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("the cue phrases are valid patterns");
        Cues { automaton, kind }
    }

    pub(super) fn find(&self, text: &str) -> Found {
        let mut f = Found::default();
        for m in self.automaton.find_overlapping_iter(text) {
            let cue = self.kind[m.pattern().as_usize()];
            f.anywhere |= 1 << cue as u16;
            if m.start() == 0 {
                f.at_start |= 1 << cue as u16;
            }
            if cue == Cue::PaperWord {
                f.paper_words = f.paper_words.saturating_add(1);
            }
        }
        f
    }
}

pub(super) const SUMMARY: &[&str] = &[
    " in summary ",
    " in conclusion ",
    " to sum up ",
    " to summarize ",
    " in short ",
    " overall ",
    " the key point ",
    " the main point ",
    " the bottom line ",
    " in sum ",
    " taken together ",
    " the upshot ",
    " in a nutshell ",
];
pub(super) const APPROACH: &[&str] = &[
    " we propose ",
    " we present ",
    " we introduce ",
    " we describe ",
    " this paper ",
    " in this paper ",
    " this article ",
    " this report ",
    " our approach ",
    " our method ",
    " our model ",
    " we use ",
    " we apply ",
];
pub(super) const REPORTED: &[&str] = &[
    " said ",
    " says ",
    " told ",
    " according to ",
    " stated ",
    " spokesman ",
    " spokeswoman ",
    " quoted ",
    " claimed ",
    " alleged ",
];
pub(super) const UNITS: &[&str] = &[
    " points ",
    " point ",
    " bleu ",
    " f1 ",
    " f score ",
    " accuracy ",
    " rouge ",
    " error rate ",
    " absolute ",
    " relative ",
    " times faster ",
    " x faster ",
    " per cent ",
    " percent ",
];
pub(super) const META: &[&str] = &[
    " the rest of this paper ",
    " the remainder of this paper ",
    " the rest of the paper ",
    " is organized as follows ",
    " is organised as follows ",
    " is structured as follows ",
    " future work ",
    " in future work ",
    " future research ",
    " in the future we ",
    " we plan to ",
    " we intend to ",
    " promising direction ",
    " direction for future ",
    " is available at ",
    " are available at ",
    " can be found at ",
    " publicly available ",
    " freely available ",
    " is available on ",
    " our code ",
    " github com ",
    " http ",
    " https ",
    " table of contents ",
];
pub(super) const MUST_KNOW: &[&str] = &[
    " breaking ",
    " breaking change ",
    " msrv ",
    " minimum supported rust version ",
    " security ",
    " vulnerability ",
    " deprecated ",
    " removed ",
    " no longer ",
    " renamed ",
    " requires ",
];
/// Words that make a text read as a research paper.
pub(super) const PAPER_WORDS: &[&str] = &[
    " we ",
    " our ",
    " paper ",
    " propose ",
    " model ",
    " models ",
    " dataset ",
    " datasets ",
    " corpus ",
    " task ",
    " baseline ",
    " baselines ",
    " experiments ",
    " annotated ",
    " evaluation ",
    " approach ",
    " method ",
    " state of the art ",
];
/// Words of news reports: days, officials, institutions.
pub(super) const NEWS_WORDS: &[&str] = &[
    " yesterday ",
    " today ",
    " last night ",
    " last week ",
    " on monday ",
    " on tuesday ",
    " on wednesday ",
    " on thursday ",
    " on friday ",
    " on saturday ",
    " on sunday ",
    " monday ",
    " tuesday ",
    " wednesday ",
    " thursday ",
    " friday ",
    " saturday ",
    " sunday ",
    " president ",
    " minister ",
    " senator ",
    " government ",
    " officials ",
    " official ",
    " police ",
    " spokesman ",
    " ministry ",
    " party ",
    " leader ",
    " court ",
    " authorities ",
];
pub(super) const CLAIM_FRAME: &[&str] = &[
    " we show ",
    " we find ",
    " we found ",
    " we demonstrate ",
    " we argue ",
    " we conclude ",
    " the report finds ",
    " the study finds ",
    " the paper shows ",
    " our results ",
    " our experiments ",
    " results show ",
    " results indicate ",
    " results suggest ",
    " experiments show ",
    " experimental results ",
    " analysis shows ",
    " evidence suggests ",
    " this shows ",
    " this means ",
    " the answer is ",
];
pub(super) const EMPHASIS: &[&str] = &[
    " more importantly ",
    " most importantly ",
    " crucially ",
    " critically ",
    " above all ",
    " the most important ",
    " undoubtedly ",
    " clearly ",
    " in fact ",
    " significantly ",
    " key ",
    " essential ",
    " must ",
];
pub(super) const INFERENTIAL: &[&str] = &[
    " therefore ",
    " thus ",
    " hence ",
    " consequently ",
    " as a result ",
    " accordingly ",
    " this means ",
    " it follows ",
    " so ",
];
pub(super) const FINDING: &[&str] = &[
    " show ",
    " shows ",
    " showed ",
    " demonstrate ",
    " demonstrates ",
    " reveal ",
    " reveals ",
    " indicate ",
    " indicates ",
    " suggest ",
    " suggests ",
    " find ",
    " finds ",
    " found ",
    " outperform ",
    " outperforms ",
    " improve ",
    " improves ",
    " improved ",
    " improvement ",
    " improvements ",
    " achieve ",
    " achieves ",
    " achieved ",
    " results ",
    " effective ",
    " better ",
    " state of the art ",
    " accuracy ",
    " performance ",
];
pub(super) const EXAMPLE: &[&str] = &[" for example ", " for instance ", " such as ", " e g ", " i e ", " like "];
pub(super) const ANAPHORA: &[&str] = &[
    " this ",
    " it ",
    " these ",
    " those ",
    " they ",
    " that ",
    " but ",
    " however ",
    " and ",
    " also ",
    " such ",
    " there ",
    " he ",
    " she ",
];
pub(super) const BACKGROUND: &[&str] = &[
    " in recent years ",
    " recently ",
    " traditionally ",
    " historically ",
    " over the past ",
    " in the past ",
    " since ",
    " currently ",
    " previous work ",
    " prior work ",
    " existing ",
    " many ",
    " most ",
];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn by_words(s: &str) -> String {
        let mut out = String::from(" ");
        normalise_words(s, &mut out);
        out
    }

    #[test]
    fn a_sentence_is_matched_as_lower_case_words_between_single_spaces() {
        let mut out = String::new();
        normalise_into("  In SHORT, it's -- done.", &mut out);
        assert_eq!(out, " in short it's done ");
        normalise_into("Ça va, l’été.", &mut out);
        assert_eq!(out, " ça va l’été ");
        normalise_into("", &mut out);
        assert_eq!(out, " ");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// ASCII text goes a byte at a time; it must come out as the
        /// word-at-a-time way makes it.
        #[test]
        fn ascii_text_is_normalised_as_by_words(s in "[ -~\t\n]{0,60}") {
            let mut out = String::new();
            normalise_into(&s, &mut out);
            prop_assert_eq!(out, by_words(&s));
        }
    }
}
