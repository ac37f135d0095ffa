//! The claim extractor: picks the sentence that states a section's claim.
//!
//! Offline and deterministic. Candidates are the sentences of a section's
//! paragraphs and list items; fragments are dropped; each is scored by
//! position, TF-IDF similarity to the rest of its section (the article's
//! sections are the documents), overlap with the heading, cue phrases and
//! penalties. The first sentence is kept unless another wins by a margin.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

use super::Section;
use super::sentence::{Sentence, sentences_in};

/// Only this many sentences of a section are considered (claims come early;
/// this bounds the cost of a section that is one huge paragraph).
pub const MAX_SENTENCES: usize = 80;
/// Only this many bytes of one paragraph are split into sentences.
pub const MAX_PARAGRAPH_BYTES: usize = 16 * 1024;
/// Fewer words than this is a fragment, never a claim.
pub const MIN_WORDS: usize = 5;

/// Weights of the scoring features, tuned on ACLSum's train and val splits
/// (see README.md, "Claim extraction").
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights {
    pub lead: f32,
    pub paragraph_start: f32,
    pub last: f32,
    pub late: f32,
    pub centroid: f32,
    pub heading: f32,
    pub summary: f32,
    pub claim_frame: f32,
    pub emphasis: f32,
    pub inferential: f32,
    pub finding: f32,
    pub question: f32,
    pub example: f32,
    pub anaphora: f32,
    pub background: f32,
    pub odd_length: f32,
    /// How much another sentence must beat the first one by.
    pub margin: f32,
    /// "We propose", "this paper": what is done, not what was found.
    pub approach: f32,
    /// Direct quotes and reported speech ("said", "according to"): almost
    /// never a story's key sentence.
    pub quote: f32,
    /// A result stated with a number ("by 5.6 BLEU", "86 % accuracy").
    pub numeric: f32,
    /// A roadmap, future work or where the code is: never the claim.
    pub meta: f32,
    /// What a reader must know of a release: breaking changes, MSRV.
    pub must_know: f32,
}

/// What kind of text a document reads as, from the cues of all its
/// sentences: the extractor weighs its features by genre.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Genre {
    /// A research paper: "we propose", "our results", models and datasets.
    Paper,
    /// A news story: quotes, reported speech, officials.
    News,
    /// Argument and analysis in long paragraphs (an essay, an opinion
    /// piece): each paragraph builds to its point.
    Argument,
    /// Anything else: essays, reports, READMEs, notes.
    Prose,
}

impl Weights {
    /// The weights for a genre: [`Weights::default`] for prose; for papers
    /// the ones tuned on ACLSum train and val (outcomes come last, numbers
    /// are evidence); for news the first sentence, unless it is a question.
    pub fn for_genre(genre: Genre) -> Weights {
        match genre {
            Genre::Prose => PROSE,
            Genre::Paper => PAPER,
            Genre::News => Weights { lead: 1.5, question: 1.5, quote: 0.6, margin: 0.5, ..PROSE },
            // The paragraph's point comes at its end, often after "so" or
            // "in summary"; a finding verb is weak evidence in an essay.
            Genre::Argument => Weights {
                lead: 0.0,
                last: 0.6,
                late: 0.3,
                finding: 0.3,
                emphasis: 0.4,
                margin: 0.0,
                quote: 0.3,
                // "However" often turns to the point in an argument.
                anaphora: 0.15,
                ..PROSE
            },
        }
    }
}

/// Tuned by coordinate search on ACLSum train+val (tests/claims_eval.rs,
/// `tune`), starting from the prose weights without the lead bonus.
pub const PAPER: Weights = Weights {
    lead: 0.15,
    paragraph_start: 0.1,
    last: 0.15,
    late: 0.75,
    centroid: 0.3,
    heading: 0.9,
    summary: 0.65,
    claim_frame: 0.7,
    emphasis: 0.7,
    inferential: 0.6,
    finding: 1.45,
    question: 0.8,
    example: 0.8,
    anaphora: 0.15,
    background: 0.4,
    odd_length: 0.3,
    margin: 0.0,
    approach: 0.0,
    quote: 0.3,
    numeric: 1.1,
    meta: 1.0,
    must_know: 0.0,
};

/// The weights for prose that is neither a paper, nor news, nor an
/// argument in long paragraphs (READMEs, reports, notes): the first
/// sentence stays unless another clearly beats it, and no single cue
/// word is worth more than the lead (a finding verb, "show" or
/// "better", is weak evidence outside a paper).
pub const PROSE: Weights = Weights {
    lead: 0.5,
    paragraph_start: 0.1,
    last: 0.15,
    late: 0.15,
    centroid: 0.3,
    heading: 0.9,
    summary: 0.65,
    claim_frame: 0.7,
    emphasis: 0.7,
    inferential: 0.6,
    finding: 0.5,
    question: 0.8,
    example: 0.8,
    anaphora: 0.4,
    background: 0.4,
    odd_length: 0.0,
    margin: 0.4,
    approach: 0.7,
    quote: 0.3,
    numeric: 0.0,
    meta: 1.0,
    must_know: 0.6,
};

impl Default for Weights {
    /// [`PROSE`].
    fn default() -> Self {
        PROSE
    }
}

/// A candidate sentence with where it sits.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub block: u32,
    pub sentence: Sentence,
    /// Index among the section's candidates, and whether it opens a paragraph.
    pub index: usize,
    pub paragraph_start: bool,
    terms: Vec<u32>,
}

/// Term ids and document frequencies over an article's sections.
pub struct Corpus {
    stemmer: Stemmer,
    /// Stem to term id.
    ids: HashMap<String, u32>,
    /// Lower-cased word to term id (`None` for stop words), so each distinct
    /// word is stemmed once.
    words: HashMap<String, Option<u32>>,
    cues: &'static Cues,
    df: Vec<u32>,
    sections: usize,
}

impl Default for Corpus {
    fn default() -> Self {
        Corpus {
            stemmer: Stemmer::create(Algorithm::English),
            ids: HashMap::new(),
            words: HashMap::new(),
            cues: CUES.get_or_init(Cues::new),
            df: Vec::new(),
            sections: 0,
        }
    }
}

/// Function words that carry no topic. Deliberately short: words such as
/// "important" and "results" stay, since they often mark a claim.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is", "are",
    "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "which", "who", "whom",
    "what", "we", "our", "us", "they", "their", "them", "he", "she", "his", "her", "i", "you", "your", "not", "no",
    "so", "if", "than", "then", "there", "here", "has", "have", "had", "do", "does", "did", "can", "could", "would",
    "should", "may", "might", "will", "shall", "also", "into", "such", "about", "over", "only", "both", "each", "all",
    "any", "more", "most", "other", "some", "very",
];

impl Corpus {
    /// Lower-cased, stop words dropped, stemmed term ids of a text.
    fn terms(&mut self, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        let mut lower = String::new();
        for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            let id = match self.words.get(lower.as_str()) {
                Some(&id) => id,
                None => {
                    let id = if STOP_WORDS.contains(&lower.as_str()) || lower.chars().all(|c| c.is_ascii_digit()) {
                        None
                    } else {
                        let stem = self.stemmer.stem(&lower).into_owned();
                        let next = self.ids.len() as u32;
                        let id = *self.ids.entry(stem).or_insert(next);
                        if id as usize == self.df.len() {
                            self.df.push(0);
                        }
                        Some(id)
                    };
                    self.words.insert(lower.clone(), id);
                    id
                }
            };
            out.extend(id);
        }
        out
    }

    fn idf(&self, term: u32) -> f32 {
        let df = self.df.get(term as usize).copied().unwrap_or(0) as f32;
        ((1.0 + self.sections as f32) / (1.0 + df)).ln() + 1.0
    }
}

/// The candidate sentences of every section, with the corpus they share.
pub fn candidates(sections: &[Section]) -> (Vec<Vec<Candidate>>, Corpus) {
    let mut corpus = Corpus::default();
    let mut all = Vec::with_capacity(sections.len());
    for section in sections {
        let mut cands = Vec::new();
        let mut seen: Vec<u32> = Vec::new();
        'paragraphs: for super::Prose { block, text, protected: code, links_only } in section.paragraphs() {
            // A paragraph (or list item) that is links and little else: a
            // table of contents entry, not a statement.
            if links_only {
                continue;
            }
            let mut cut = text.len().min(MAX_PARAGRAPH_BYTES);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            for (k, s) in sentences_in(&text[..cut], &code).into_iter().enumerate() {
                if cands.len() >= MAX_SENTENCES {
                    break 'paragraphs;
                }
                // A lead-in ending in a colon says what follows, not what is
                // claimed: never a claim on its own.
                if is_fragment(&s.text) || s.text.trim_end().ends_with(':') {
                    continue;
                }
                let terms = corpus.terms(&s.text);
                seen.extend(terms.iter().copied());
                let index = cands.len();
                cands.push(Candidate { block, sentence: s, index, paragraph_start: k == 0, terms });
            }
        }
        seen.sort_unstable();
        seen.dedup();
        for t in seen {
            corpus.df[t as usize] += 1;
        }
        all.push(cands);
    }
    corpus.sections = sections.len();
    (all, corpus)
}

/// Too short, or mostly numbers and addresses: not a claim.
pub fn is_fragment(s: &str) -> bool {
    s.split_whitespace().count() < MIN_WORDS || is_noise(s)
}

/// Mostly numbers, addresses or images' placeholders (a row of badges), or
/// a navigation bar ("Install | Usage | Benchmarks").
fn is_noise(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    let bars = words.iter().filter(|w| matches!(**w, "|" | "·" | "•" | "/" | "-" | "–")).count();
    if bars >= 2 && words.len() <= 4 * (bars + 1) {
        return true;
    }
    let images: usize = s.match_indices("[image").filter_map(|(i, _)| s[i..].find(']').map(|e| e + 1)).sum();
    if images * 3 > s.len() {
        return true;
    }
    let noise = words
        .iter()
        .filter(|w| {
            w.contains("://")
                || w.contains('@')
                || w.chars().filter(|c| c.is_ascii_digit()).count() * 2 > w.chars().count()
                || !w.chars().any(char::is_alphabetic)
        })
        .count();
    noise * 2 > words.len()
}

/// For a section whose sentences are all too short to be candidates: its
/// first short statement of two words or more (block and sentence), which
/// says more than the heading repeated.
pub fn short_statement(section: &Section) -> Option<(u32, Sentence)> {
    section.paragraphs().into_iter().filter(|p| !p.links_only).find_map(
        |super::Prose { block, text, protected: code, .. }| {
            let mut cut = text.len().min(MAX_PARAGRAPH_BYTES);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            sentences_in(&text[..cut], &code)
                .into_iter()
                .find(|s| {
                    s.text.split_whitespace().count() >= 2 && !is_noise(&s.text) && !s.text.trim_end().ends_with(':')
                })
                .map(|s| (block, s))
        },
    )
}

/// For a section with no prose at all, its first line of HTML text that
/// says something (a README's centred tagline under the project's name):
/// two words or more, not an image's label, not the section's title.
pub fn html_tagline(section: &Section) -> Option<String> {
    use super::BlockKind;
    let mut found = None;
    for b in &section.blocks {
        b.walk(&mut |b| {
            if found.is_none()
                && let BlockKind::Html(html) = &b.kind
            {
                let text = super::html::visible_text(html);
                found = text
                    .lines()
                    .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                    .find(|l| l.split_whitespace().count() >= 2 && !is_noise(l) && *l != section.title);
            }
        });
    }
    found
}

/// Lower-cased text with single spaces, padded, for phrase matching.
fn normalised(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(' ');
    for w in s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')).filter(|w| !w.is_empty()) {
        out.push_str(&w.to_lowercase());
        out.push(' ');
    }
    out
}

/// The cue-phrase lists, matched in one pass.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cue {
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

const CUE_COUNT: usize = 15;

const CUE_LISTS: [(Cue, &[&str]); CUE_COUNT] = [
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
static CUES: std::sync::OnceLock<Cues> = std::sync::OnceLock::new();

struct Cues {
    automaton: aho_corasick::AhoCorasick,
    kind: Vec<Cue>,
}

/// Which cues a sentence has: anywhere, and at its start.
#[derive(Default)]
struct Found {
    anywhere: [bool; CUE_COUNT],
    at_start: [bool; CUE_COUNT],
}

impl Cues {
    fn new() -> Cues {
        let mut patterns = Vec::new();
        let mut kind = Vec::new();
        for (cue, list) in CUE_LISTS {
            for p in list {
                patterns.push(*p);
                kind.push(cue);
            }
        }
        let automaton = aho_corasick::AhoCorasick::new(&patterns).expect("the cue phrases are valid patterns");
        Cues { automaton, kind }
    }

    fn find(&self, text: &str) -> Found {
        let mut f = Found::default();
        for m in self.automaton.find_overlapping_iter(text) {
            let i = self.kind[m.pattern().as_usize()] as usize;
            f.anywhere[i] = true;
            if m.start() == 0 {
                f.at_start[i] = true;
            }
        }
        f
    }
}

const SUMMARY: &[&str] = &[
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
const APPROACH: &[&str] = &[
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
const REPORTED: &[&str] = &[
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
const UNITS: &[&str] = &[
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
const META: &[&str] = &[
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
const MUST_KNOW: &[&str] = &[
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
const PAPER_WORDS: &[&str] = &[
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
const NEWS_WORDS: &[&str] = &[
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
const CLAIM_FRAME: &[&str] = &[
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
const EMPHASIS: &[&str] = &[
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
const INFERENTIAL: &[&str] = &[
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
const FINDING: &[&str] = &[
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
const EXAMPLE: &[&str] = &[" for example ", " for instance ", " such as ", " e g ", " i e ", " like "];
const ANAPHORA: &[&str] = &[
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
const BACKGROUND: &[&str] = &[
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

/// The score of each candidate of one section.
pub fn scores(cands: &[Candidate], heading: &str, corpus: &mut Corpus, w: &Weights) -> Vec<f32> {
    let n = cands.len();
    if n == 0 {
        return Vec::new();
    }
    // TF-IDF vectors as sorted (term, weight) lists, and the section sum.
    let vecs: Vec<Vec<(u32, f32)>> = cands
        .iter()
        .map(|c| {
            let mut tf: HashMap<u32, f32> = HashMap::new();
            for &t in &c.terms {
                *tf.entry(t).or_default() += 1.0;
            }
            let mut v: Vec<(u32, f32)> = tf.into_iter().map(|(t, f)| (t, f * corpus.idf(t))).collect();
            v.sort_unstable_by_key(|&(t, _)| t);
            v
        })
        .collect();
    let mut total: HashMap<u32, f32> = HashMap::new();
    for v in &vecs {
        for &(t, x) in v {
            *total.entry(t).or_default() += x;
        }
    }
    let total_sq: f32 = total.values().map(|y| y * y).sum();
    let heading_terms: Vec<u32> = {
        let mut h = corpus.terms(heading);
        h.sort_unstable();
        h.dedup();
        h
    };
    cands
        .iter()
        .zip(&vecs)
        .map(|(c, v)| {
            // Leave-one-out centroid: the rest of the section. Its norm is
            // |total - v|^2 = |total|^2 - 2 total.v + |v|^2, so each
            // candidate costs its own terms, not the section's.
            let (mut dot, mut nv) = (0.0f32, 0.0f32);
            for &(t, x) in v {
                let y = total.get(&t).copied().unwrap_or(0.0);
                dot += x * (y - x);
                nv += x * x;
            }
            let nc = (total_sq - 2.0 * (dot + nv) + nv).max(0.0);
            let centroid = if nv > 0.0 && nc > 0.0 { dot / (nv.sqrt() * nc.sqrt()) } else { 0.0 };
            let heading = if heading_terms.is_empty() {
                0.0
            } else {
                heading_terms.iter().filter(|t| c.terms.contains(t)).count() as f32 / heading_terms.len() as f32
            };
            let cue = corpus.cues.find(&normalised(&c.sentence.text));
            let has = |c: Cue| cue.anywhere[c as usize];
            let starts = |c: Cue| cue.at_start[c as usize];
            let words = c.sentence.text.split_whitespace().count();
            let mut s = 0.0;
            if c.index == 0 {
                s += w.lead;
            } else if c.paragraph_start {
                s += w.paragraph_start;
            }
            if n > 1 && c.index == n - 1 {
                s += w.last;
            }
            if n > 1 {
                s += w.late * c.index as f32 / (n - 1) as f32;
            }
            s += w.centroid * centroid + w.heading * heading;
            if has(Cue::Summary) {
                s += w.summary;
            }
            if has(Cue::ClaimFrame) {
                s += w.claim_frame;
            }
            if has(Cue::Emphasis) {
                s += w.emphasis;
            }
            if starts(Cue::Inferential) {
                s += w.inferential;
            }
            if has(Cue::Finding) {
                s += w.finding;
            }
            if c.sentence.text.trim_end().ends_with('?') {
                s -= w.question;
            }
            if has(Cue::Example) {
                s -= w.example;
            }
            if starts(Cue::Anaphora) {
                s -= w.anaphora;
            }
            if starts(Cue::Background) {
                s -= w.background;
            }
            if !(8..=45).contains(&words) {
                s -= w.odd_length;
            }
            if has(Cue::Approach) {
                s += w.approach;
            }
            if is_quote(&c.sentence.text) || has(Cue::Reported) {
                s -= w.quote;
            }
            if c.sentence.text.chars().any(|ch| ch.is_ascii_digit())
                && (c.sentence.text.contains('%') || has(Cue::Unit))
            {
                s += w.numeric;
            }
            if has(Cue::Meta) {
                s -= w.meta;
            }
            if has(Cue::MustKnow) {
                s += w.must_know;
            }
            s
        })
        .collect()
}

/// A direct quote: curly quotation marks, or a pair of straight ones.
fn is_quote(text: &str) -> bool {
    text.contains('“') || text.contains('”') || text.matches('"').count() >= 2
}

/// How the document reads, from the share of its sentences with paper words
/// (at least two) and with quotes or reported speech.
pub fn genre(cands: &[Vec<Candidate>], corpus: &Corpus) -> Genre {
    let (mut n, mut paper, mut news, mut paragraphs) = (0usize, 0usize, 0usize, 0usize);
    for c in cands.iter().flatten() {
        n += 1;
        paragraphs += usize::from(c.paragraph_start);
        let text = normalised(&c.sentence.text);
        let words = corpus
            .cues
            .automaton
            .find_overlapping_iter(&text)
            .filter(|m| corpus.cues.kind[m.pattern().as_usize()] == Cue::PaperWord);
        if words.count() >= 2 {
            paper += 1;
        }
        let cue = corpus.cues.find(&text);
        if is_quote(&c.sentence.text) || cue.anywhere[Cue::Reported as usize] || cue.anywhere[Cue::NewsWord as usize] {
            news += 1;
        }
    }
    if n == 0 {
        return Genre::Prose;
    }
    let (paper, news) = (paper as f32 / n as f32, news as f32 / n as f32);
    let per_paragraph = n as f32 / paragraphs.max(1) as f32;
    if paper >= 0.15 && paper > news {
        Genre::Paper
    } else if news >= 0.4 {
        Genre::News
    } else if per_paragraph >= 3.0 && n >= 12 {
        Genre::Argument
    } else {
        Genre::Prose
    }
}

/// The index of the chosen candidate: the best score, unless it beats the
/// first sentence by less than the margin.
pub fn choose(scores: &[f32], w: &Weights) -> Option<usize> {
    let best = (0..scores.len()).max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))?;
    if best != 0 && scores[best] < scores[0] + w.margin { Some(0) } else { Some(best) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    fn pick(md: &str) -> String {
        parse(md).sections[0].claim.sentence.clone()
    }

    #[test]
    fn fragments_are_not_candidates() {
        assert!(is_fragment("BLOG"));
        assert!(is_fragment("[image: Crate Badge] [image: Docs Badge] [image: CI] Website · Docs · Examples"));
        assert!(!is_fragment("The chart [image: a chart] shows exports falling by half since April."));
        assert!(is_fragment("See https://a.example/x 2024 12 31."));
        assert!(!is_fragment("China controls most rare earth processing."));
    }

    #[test]
    fn a_summary_marker_beats_the_first_sentence() {
        let md = "## Costs\n\nThe plant opened in 1998 near the river. It employs four hundred people. \
                  In summary, the plant's costs now exceed its revenue by a wide margin.\n";
        assert!(pick(md).starts_with("In summary"));
    }

    #[test]
    fn a_claim_frame_beats_background() {
        let md = "## Results\n\nIn recent years many systems have been proposed for this task. \
                  Several datasets exist and are widely used by researchers. \
                  Our experiments show that the new parser improves accuracy on every dataset.\n";
        assert!(pick(md).starts_with("Our experiments show"), "{}", pick(md));
    }

    #[test]
    fn questions_and_examples_are_penalised() {
        let md = "## Q\n\nWhat does the export ban mean for suppliers in the region? \
                  For example, one firm closed a factory in May last year. \
                  The ban cuts supplies to every defense manufacturer in the region.\n";
        assert!(pick(md).starts_with("The ban cuts"), "{}", pick(md));
    }

    #[test]
    fn the_first_sentence_stays_without_a_clear_winner() {
        let md = "## Plain\n\nThe committee approved the budget for next year. \
                  The vote was held on a Tuesday afternoon in the main hall.\n";
        assert!(pick(md).starts_with("The committee approved"));
    }

    #[test]
    fn heading_overlap_counts() {
        let mut corpus = Corpus::default();
        let section = &parse(
            "## Tariffs\n\nA sentence about weather patterns here today. Tariffs rose on steel imports this year.\n",
        )
        .sections[0];
        let (cands, mut c2) = candidates(std::slice::from_ref(section));
        let with = scores(&cands[0], "Tariffs", &mut c2, &Weights { heading: 1.0, ..PROSE });
        let without = scores(&cands[0], "Tariffs", &mut c2, &Weights { heading: 0.0, ..PROSE });
        assert!(with[1] - without[1] > 0.9, "the second sentence shares the heading's word");
        assert!(corpus.terms("The restrictions restricted").len() == 2);
    }

    #[test]
    fn tables_of_contents_navigation_bars_and_lead_ins_are_not_claims() {
        let md = "## Contents\n\n- [Installation and first steps](#installation)\n- [Quick start for new users](#quick)\n\n\
                  ## Usage\n\nAny of these flags prints and exits instead of opening the reader:\n\n\
                  - `--outline` prints every section with its claim on one line each.\n";
        let doc = parse(md);
        assert_ne!(doc.sections[0].claim.sentence, "Installation and first steps", "a table of contents");
        let only = parse(
            "## Install\n\nRun this to install it everywhere:\n\n```\ncargo install x\n```\n\n## B\n\nOther text here.\n",
        );
        assert_eq!(only.sections[0].stated_claim(), None, "a lead-in alone is no claim: {:?}", only.sections[0].claim);
        assert!(doc.sections[1].claim.sentence.starts_with("--outline prints"), "{}", doc.sections[1].claim.sentence);
        assert!(is_fragment("Installation | Quick Start | Benchmarks | Contributing"));
    }

    #[test]
    fn a_release_prefers_what_a_reader_must_know() {
        let md = "## 0.4.0\n\n- Added a faster parser for large inputs in the main loop.\n\
                  - Fixed a typo in the documentation of the builder.\n\
                  - Breaking: increased MSRV to 1.63 for the new API.\n";
        assert!(pick(md).starts_with("Breaking: increased MSRV"), "{}", pick(md));
    }

    #[test]
    fn a_news_story_keeps_its_lead_over_quotes_and_cue_words() {
        let md = "# Story\n\nThe city council voted on Monday to close the old bridge to traffic for two years. \
                  \"We found the repairs will show better results if we must close it,\" the mayor said. \
                  Engineers said the bridge must in fact be rebuilt, officials told reporters.\n";
        assert!(pick(md).starts_with("The city council voted"), "{}", pick(md));
    }

    #[test]
    fn in_a_paper_a_result_with_numbers_beats_the_approach_and_future_work() {
        let md = "# A Paper\n\n## Abstract\n\nWe propose a new model for parsing that uses a large annotated dataset. \
                  Our experiments on the task show the model improves over the baseline by 5.6 BLEU points. \
                  In future work we plan to apply the approach to other languages and datasets.\n\n\
                  ## Conclusion\n\nWe presented our model and its evaluation on the task and the dataset.\n";
        let doc = parse(md);
        assert!(doc.sections[0].claim.sentence.starts_with("Our experiments"), "{}", doc.sections[0].claim.sentence);
    }

    #[test]
    fn in_prose_one_cue_word_and_being_last_do_not_beat_the_first_sentence() {
        let md = "# Tool\n\n## Speed\n\nThe benchmark compares this library and others across a range of input sizes. \
                  The vertical axis in this chart shows nanoseconds taken by a single call.\n\n## B\n\nOther text here.\n";
        assert!(parse(md).sections[0].claim.sentence.starts_with("The benchmark compares"));
    }

    #[test]
    fn huge_paragraphs_are_bounded() {
        let md = format!("## Big\n\n{}\n", "Word after word goes on here without end. ".repeat(100_000));
        let doc = parse(&md);
        assert!(!doc.sections[0].claim.sentence.is_empty());
    }
}
