//! The scoring weights: one set per genre (papers tuned on ACLSum's train
//! and val splits, prose and news from the rest), and the genres.

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
