//! The claim extractor: picks the sentence that states a section's claim.
//!
//! Offline and deterministic. Candidates are the sentences of a section's
//! paragraphs and list items; fragments are dropped; each is scored by
//! position, TF-IDF similarity to the rest of its section (the article's
//! sections are the documents), overlap with the heading, cue phrases and
//! penalties. The first sentence is kept unless another wins by a margin.

use foldhash::{HashMap, HashMapExt};

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
/// A [`Candidate`]'s place in the text pool when its text was not kept.
const NO_TEXT: u32 = u32::MAX;

/// A candidate sentence with where it sits.
#[derive(Clone, Debug)]
/// Kept for every section until the whole document is read, so small: its
/// text and terms are in the [`Corpus`]'s pools ([`Corpus::text`]), what
/// the score reads of its text is found once.
pub struct Candidate {
    pub block: u32,
    /// Where it is in its paragraph's plain text, in characters.
    pub start: u32,
    pub end: u32,
    /// Index among the section's candidates (at most [`MAX_SENTENCES`]),
    /// and whether it opens a paragraph.
    pub index: u8,
    pub paragraph_start: bool,
    /// Its text and terms in the corpus's pools: where each starts and its
    /// length (a sentence is at most [`MAX_PARAGRAPH_BYTES`]); no text
    /// ([`NO_TEXT`]) when it was not kept ([`Corpus::add`]).
    text_at: u32,
    text_len: u16,
    terms_len: u16,
    terms_at: u32,
    /// Its words, counted as the score counts them.
    words: u16,
    shape: Shape,
    /// Its cues, found once (the genre and the score both read them).
    cue: Found,
}

/// What the score and the genre read of a candidate's text.
#[derive(Clone, Copy, Debug, Default)]
struct Shape {
    question: bool,
    quote: bool,
    digit: bool,
    percent: bool,
}

impl Shape {
    fn of(text: &str) -> Shape {
        Shape {
            question: text.trim_end().ends_with('?'),
            quote: is_quote(text),
            digit: text.chars().any(|ch| ch.is_ascii_digit()),
            percent: text.contains('%'),
        }
    }
}

/// Term ids and document frequencies over an article's sections, and the
/// text and terms of every candidate taken (one pool each: a document may
/// have hundreds of thousands).
pub struct Corpus {
    texts: String,
    /// The candidates' term ids, each in LEB128: ids go by first use, so
    /// the common words have small ones, and most take a byte (a 10 MB
    /// document's pool was 5.8 MB of `u32`s).
    pool: Vec<u8>,
    stemmer: Stemmer,
    /// Stem to term id.
    ids: HashMap<String, u32>,
    /// Lower-cased word to term id (`None` for stop words), so each distinct
    /// word is stemmed once.
    words: HashMap<String, Option<u32>>,
    cues: &'static Cues,
    df: Vec<u32>,
    sections: usize,
    /// Scratch, kept between sentences so that none allocates: the
    /// normalised text, its term ids, and a section's weight per term.
    norm: String,
    terms: Vec<u32>,
    totals: Totals,
}

impl Default for Corpus {
    fn default() -> Self {
        Corpus {
            texts: String::new(),
            pool: Vec::new(),
            stemmer: Stemmer::create(Algorithm::English),
            ids: HashMap::new(),
            words: HashMap::new(),
            cues: CUES.get_or_init(Cues::new),
            df: Vec::new(),
            sections: 0,
            norm: String::new(),
            terms: Vec::new(),
            totals: Totals::default(),
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
        self.normalise_with_terms(text, &mut out);
        out
    }

    /// `text` normalised into the corpus's scratch [`Corpus::norm`], and
    /// its term ids into `out` (cleared first).
    fn normalise_with_terms(&mut self, text: &str, out: &mut Vec<u32>) {
        let mut norm = std::mem::take(&mut self.norm);
        normalise_into(text, &mut norm);
        out.clear();
        self.terms_of_normalised(&norm, out);
        self.norm = norm;
    }

    /// The term ids of a [`normalise_into`]d text (its words already lower
    /// case), appended to `out`.
    fn terms_of_normalised(&mut self, norm: &str, out: &mut Vec<u32>) {
        for word in norm.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            let id = match self.words.get(word) {
                Some(&id) => id,
                None => {
                    let id = if STOP_WORDS.contains(&word) || word.chars().all(|c| c.is_ascii_digit()) {
                        None
                    } else {
                        let stem = self.stemmer.stem(word).into_owned();
                        let next = self.ids.len() as u32;
                        let id = *self.ids.entry(stem).or_insert(next);
                        if id as usize == self.df.len() {
                            self.df.push(0);
                        }
                        Some(id)
                    };
                    self.words.insert(word.to_string(), id);
                    id
                }
            };
            out.extend(id);
        }
    }

    /// A candidate's text, when it was kept.
    pub fn text(&self, c: &Candidate) -> Option<&str> {
        (c.text_at != NO_TEXT).then(|| &self.texts[c.text_at as usize..c.text_at as usize + usize::from(c.text_len)])
    }

    fn terms_of(&self, c: &Candidate) -> impl Iterator<Item = u32> + '_ {
        let mut bytes = self.pool[c.terms_at as usize..].iter();
        (0..c.terms_len).map(move |_| {
            let (mut id, mut shift) = (0u32, 0);
            for &b in bytes.by_ref() {
                id |= u32::from(b & 0x7f) << shift;
                shift += 7;
                if b & 0x80 == 0 {
                    break;
                }
            }
            id
        })
    }

    fn pool_terms(&mut self, terms: &[u32]) {
        for &t in terms {
            let mut t = t;
            while t >= 0x80 {
                self.pool.push((t & 0x7f) as u8 | 0x80);
                t >>= 7;
            }
            self.pool.push(t as u8);
        }
    }

    fn idf(&self, term: u32) -> f32 {
        let df = self.df.get(term as usize).copied().unwrap_or(0) as f32;
        ((1.0 + self.sections as f32) / (1.0 + df)).ln() + 1.0
    }
}

/// The candidate sentences of every section, with the corpus they share.
pub fn candidates(sections: &[Section]) -> (Vec<Vec<Candidate>>, Corpus) {
    let mut corpus = Corpus::default();
    let all = sections.iter().map(|s| corpus.add(s, usize::MAX)).collect();
    (all, corpus)
}

impl Corpus {
    /// The candidate sentences of the next section, whose terms now count
    /// in the corpus; the text of the first `keep_text` is kept (of the
    /// others only where each sits in its paragraph).
    pub fn add(&mut self, section: &Section, keep_text: usize) -> Vec<Candidate> {
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
                let (noise, words) = noise_and_words(&s.text);
                if words < MIN_WORDS || noise || s.text.trim_end().ends_with(':') {
                    continue;
                }
                let mut terms = std::mem::take(&mut self.terms);
                self.normalise_with_terms(&s.text, &mut terms);
                seen.extend(terms.iter().copied());
                let index = cands.len() as u8;
                let cue = self.cues.find(&self.norm);
                let at = |len: usize| len as u32;
                let text_at = if usize::from(index) < keep_text {
                    self.texts.push_str(&s.text);
                    at(self.texts.len() - s.text.len())
                } else {
                    NO_TEXT
                };
                let terms_at = at(self.pool.len());
                self.pool_terms(&terms);
                cands.push(Candidate {
                    block,
                    start: s.start as u32,
                    end: s.end as u32,
                    index,
                    paragraph_start: k == 0,
                    text_at,
                    text_len: s.text.len().min(usize::from(u16::MAX)) as u16,
                    terms_len: terms.len().min(usize::from(u16::MAX)) as u16,
                    terms_at,
                    words: words.min(usize::from(u16::MAX)) as u16,
                    shape: Shape::of(&s.text),
                    cue,
                });
                self.terms = terms;
            }
        }
        seen.sort_unstable();
        seen.dedup();
        for t in seen {
            self.df[t as usize] += 1;
        }
        self.sections += 1;
        cands.shrink_to_fit();
        cands
    }
}

/// Too short, or mostly numbers and addresses: not a claim.
pub fn is_fragment(s: &str) -> bool {
    let (noise, words) = noise_and_words(s);
    words < MIN_WORDS || noise
}

/// Mostly numbers, addresses or images' placeholders (a row of badges), or
/// a navigation bar ("Install | Usage | Benchmarks").
fn is_noise(s: &str) -> bool {
    noise_and_words(s).0
}

/// Whether `s` is noise ([`is_noise`]), and its words (split at white space).
fn noise_and_words(s: &str) -> (bool, usize) {
    // One pass over the words, none kept.
    let (mut words, mut bars, mut noise) = (0usize, 0usize, 0usize);
    for w in s.split_whitespace() {
        words += 1;
        bars += usize::from(matches!(w, "|" | "·" | "•" | "/" | "-" | "–"));
        noise += usize::from(is_noise_word(w));
    }
    if bars >= 2 && words <= 4 * (bars + 1) {
        return (true, words);
    }
    let images: usize = if s.contains('[') {
        s.match_indices("[image").filter_map(|(i, _)| s[i..].find(']').map(|e| e + 1)).sum()
    } else {
        0
    };
    (images * 3 > s.len() || noise * 2 > words, words)
}

/// An address, a handle, mostly digits, or no letter at all.
fn is_noise_word(w: &str) -> bool {
    if w.contains('@') || (w.contains(':') && w.contains("://")) {
        return true;
    }
    let (mut chars, mut digits, mut letter) = (0usize, 0usize, false);
    for c in w.chars() {
        chars += 1;
        digits += usize::from(c.is_ascii_digit());
        letter |= c.is_alphabetic();
    }
    digits * 2 > chars || !letter
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

/// The score of each candidate of one section.
pub fn scores(cands: &[Candidate], heading: &str, corpus: &mut Corpus, w: &Weights) -> Vec<f32> {
    if cands.is_empty() {
        return Vec::new();
    }
    let mut totals = std::mem::take(&mut corpus.totals);
    let vecs = tf_idf(cands, corpus, &mut totals);
    let total_sq = totals.sum_of_squares();
    let heading_terms: Vec<u32> = {
        let mut h = corpus.terms(heading);
        h.sort_unstable();
        h.dedup();
        h
    };
    let scores = cands
        .iter()
        .zip(&vecs)
        .map(|(c, v)| {
            let heading = if heading_terms.is_empty() {
                0.0
            } else {
                // `v` holds each of the candidate's terms once, in order.
                let shared = heading_terms.iter().filter(|&&t| v.binary_search_by_key(&t, |&(u, _)| u).is_ok());
                shared.count() as f32 / heading_terms.len() as f32
            };
            let cue = c.cue;
            let similarity = (centroid(v, &totals, total_sq), heading);
            score(c, cands.len(), similarity, &cue, w)
        })
        .collect();
    totals.clear();
    corpus.totals = totals;
    scores
}

/// A sentence's TF-IDF vector: (term, weight), sorted by term.
type TermVector = Vec<(u32, f32)>;

/// Each candidate's TF-IDF vector, summed over the section into `totals`.
fn tf_idf(cands: &[Candidate], corpus: &Corpus, totals: &mut Totals) -> Vec<TermVector> {
    let mut terms: Vec<u32> = Vec::new();
    let vecs: Vec<TermVector> = cands
        .iter()
        .map(|c| {
            terms.clear();
            terms.extend(corpus.terms_of(c));
            terms.sort_unstable();
            let mut v: TermVector = Vec::new();
            for run in terms.chunk_by(|a, b| a == b) {
                v.push((run[0], run.len() as f32 * corpus.idf(run[0])));
            }
            v
        })
        .collect();
    for v in &vecs {
        for &(t, x) in v {
            totals.add(t, x);
        }
    }
    vecs
}

/// A section's summed weight for each term: by term id, with the terms it
/// has, so a section costs its own terms (and is cleared for the next).
#[derive(Default)]
struct Totals {
    weight: Vec<f32>,
    has: Vec<bool>,
    terms: Vec<u32>,
}

impl Totals {
    fn add(&mut self, t: u32, x: f32) {
        let i = t as usize;
        if i >= self.weight.len() {
            self.weight.resize(i + 1, 0.0);
            self.has.resize(i + 1, false);
        }
        if !self.has[i] {
            self.has[i] = true;
            self.terms.push(t);
        }
        self.weight[i] += x;
    }

    fn get(&self, t: u32) -> f32 {
        self.weight.get(t as usize).copied().unwrap_or(0.0)
    }

    /// The squares of the weights summed in the terms' order (whatever
    /// order they came in: the last bits of a float sum depend on it, and
    /// can break a near tie).
    fn sum_of_squares(&mut self) -> f32 {
        self.terms.sort_unstable();
        self.terms.iter().map(|&t| self.get(t) * self.get(t)).sum()
    }

    fn clear(&mut self) {
        for &t in &self.terms {
            self.weight[t as usize] = 0.0;
            self.has[t as usize] = false;
        }
        self.terms.clear();
    }
}

/// Cosine similarity of `v` to the rest of its section (leave one out).
/// The rest's norm is |total - v|^2 = |total|^2 - 2 total.v + |v|^2, so
/// each candidate costs its own terms, not the section's.
fn centroid(v: &[(u32, f32)], total: &Totals, total_sq: f32) -> f32 {
    let (mut dot, mut nv) = (0.0f32, 0.0f32);
    for &(t, x) in v {
        let y = total.get(t);
        dot += x * (y - x);
        nv += x * x;
    }
    let nc = (total_sq - 2.0 * (dot + nv) + nv).max(0.0);
    if nv > 0.0 && nc > 0.0 { dot / (nv.sqrt() * nc.sqrt()) } else { 0.0 }
}

/// One candidate's score among `n`: its place, its similarity to the rest
/// of the section and to the heading, and its cues, by the weights.
fn score(c: &Candidate, n: usize, (centroid, heading): (f32, f32), cue: &Found, w: &Weights) -> f32 {
    let has = |c: Cue| cue.has(c);
    let starts = |c: Cue| cue.starts(c);
    let (shape, words) = (c.shape, usize::from(c.words));
    let mut s = 0.0;
    let index = c.index as usize;
    if index == 0 {
        s += w.lead;
    } else if c.paragraph_start {
        s += w.paragraph_start;
    }
    if n > 1 && index == n - 1 {
        s += w.last;
    }
    if n > 1 {
        s += w.late * index as f32 / (n - 1) as f32;
    }
    s += w.centroid * centroid + w.heading * heading;
    let mut add = |on: bool, weight: f32| {
        if on {
            s += weight;
        }
    };
    add(has(Cue::Summary), w.summary);
    add(has(Cue::ClaimFrame), w.claim_frame);
    add(has(Cue::Emphasis), w.emphasis);
    add(starts(Cue::Inferential), w.inferential);
    add(has(Cue::Finding), w.finding);
    add(shape.question, -w.question);
    add(has(Cue::Example), -w.example);
    add(starts(Cue::Anaphora), -w.anaphora);
    add(starts(Cue::Background), -w.background);
    add(!(8..=45).contains(&words), -w.odd_length);
    add(has(Cue::Approach), w.approach);
    add(shape.quote || has(Cue::Reported), -w.quote);
    add(shape.digit && (shape.percent || has(Cue::Unit)), w.numeric);
    add(has(Cue::Meta), -w.meta);
    add(has(Cue::MustKnow), w.must_know);
    s
}

/// A direct quote: curly quotation marks, or a pair of straight ones.
fn is_quote(text: &str) -> bool {
    text.contains('“') || text.contains('”') || text.matches('"').count() >= 2
}

/// How the document reads, from the share of its sentences with paper words
/// (at least two) and with quotes or reported speech.
pub fn genre<'c>(cands: impl IntoIterator<Item = &'c [Candidate]>) -> Genre {
    let mut counts = GenreCounts::default();
    for c in cands {
        counts.add(c);
    }
    counts.genre()
}

/// What [`genre`] counts, a section at a time.
#[derive(Default)]
pub struct GenreCounts {
    sentences: usize,
    paper: usize,
    news: usize,
    paragraphs: usize,
}

impl GenreCounts {
    pub fn add(&mut self, cands: &[Candidate]) {
        for c in cands {
            self.sentences += 1;
            self.paragraphs += usize::from(c.paragraph_start);
            if c.cue.paper_words >= 2 {
                self.paper += 1;
            }
            if c.shape.quote || c.cue.has(Cue::Reported) || c.cue.has(Cue::NewsWord) {
                self.news += 1;
            }
        }
    }

    pub fn genre(&self) -> Genre {
        let n = self.sentences;
        if n == 0 {
            return Genre::Prose;
        }
        let (paper, news) = (self.paper as f32 / n as f32, self.news as f32 / n as f32);
        let per_paragraph = n as f32 / self.paragraphs.max(1) as f32;
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
}

/// The index of the chosen candidate: the best score, unless it beats the
/// first sentence by less than the margin.
pub fn choose(scores: &[f32], w: &Weights) -> Option<usize> {
    let best = (0..scores.len()).max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))?;
    if best != 0 && scores[best] < scores[0] + w.margin { Some(0) } else { Some(best) }
}

mod cues;
mod weights;

use cues::*;
pub use weights::{Genre, PAPER, PROSE, Weights};

#[cfg(test)]
mod tests;
