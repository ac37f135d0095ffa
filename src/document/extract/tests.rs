use super::*;
use crate::document::parse;

fn pick(md: &str) -> String {
    parse(md).sections[0].claim.sentence.to_string()
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

#[test]
fn a_sections_weights_sum_alike_in_every_table() {
    // One large weight among many small ones: added first, it swallows
    // them; added last, it does not. The order must not be the table's.
    let entries: Vec<(u32, f32)> = (0..2000).map(|t| (t, if t == 777 { 1e4 } else { 1.0 })).collect();
    let sums: Vec<u32> = (0..8)
        .map(|k| {
            let mut totals = Totals::default();
            for &(t, y) in entries.iter().cycle().skip(k * 250).take(entries.len()) {
                totals.add(t, y);
            }
            let sum = totals.sum_of_squares().to_bits();
            totals.clear();
            assert_eq!(totals.get(777), 0.0, "cleared for the next section");
            sum
        })
        .collect();
    assert!(sums.iter().all(|&s| s == sums[0]), "{sums:?}");
}

#[test]
fn a_candidates_terms_come_back_from_the_pool_as_they_were_found() {
    // Ids past one and two bytes of the pool's encoding: 20,000 words
    // first, then a sentence of the last of them and of common ones.
    let mut corpus = Corpus::default();
    let many: String = (0..20_000).map(|i| format!("w{i}x ")).collect();
    let ids = corpus.terms(&many);
    assert!(ids.iter().any(|&t| t >= 1 << 14));
    let md = "## Mixed\n\nThe w19999x report and the w200x study and the w5x note agree on the rates.\n";
    let section = &parse(md).sections[0];
    let cands = corpus.add(section, usize::MAX);
    let sentence = corpus.text(&cands[0]).expect("kept").to_string();
    assert_eq!(corpus.terms_of(&cands[0]).collect::<Vec<_>>(), corpus.terms(&sentence));
    assert!(corpus.terms_of(&cands[0]).any(|t| t == ids[19_999]));
}
