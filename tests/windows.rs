//! The parser's events a window at a time are the events of one whole
//! parse: same events, starting at the same places, on the briefing, the generated
//! documents, the pathological fixtures and hand-made cases of what a
//! window cannot see (definitions and footnotes elsewhere, front matter,
//! blocks longer than a window), at window sizes that cut everywhere.

#[path = "common/pathological.rs"]
mod pathological;

use briefing::document::parse::{options, tame, tame_blocks_at, window::each_event};
use pulldown_cmark::{Event, Parser};

/// One parse of the whole text, except that only a `---` block at the very
/// start is front matter (the parser takes any `---` line before text for one): the
/// front matter alone, then the rest without front matter.
fn whole(text: &str) -> Vec<(Event<'_>, std::ops::Range<usize>)> {
    let mut out: Vec<_> = Parser::new_ext(text, options()).into_offset_iter().collect();
    let front = match out.first() {
        Some((Event::Start(pulldown_cmark::Tag::MetadataBlock(_)), r)) if r.start == 0 => {
            let end = r.end;
            out = Parser::new_ext(&text[..end], options()).into_offset_iter().collect();
            end
        }
        _ => {
            out.clear();
            0
        }
    };
    let rest = options() - pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    out.extend(
        Parser::new_ext(&text[front..], rest).into_offset_iter().map(|(e, r)| (e, r.start + front..r.end + front)),
    );
    out
}

fn windowed(text: &str, window: usize) -> Vec<(Event<'_>, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    each_event(text, window, &mut |e, r| out.push((e, r)));
    out
}

/// Events with where each starts (what the parse and the outline use; the
/// parser may stretch a container's end over definitions after it).
fn starts<'a>(events: Vec<(Event<'a>, std::ops::Range<usize>)>) -> Vec<(Event<'a>, usize)> {
    events.into_iter().map(|(e, r)| (e, r.start)).collect()
}

fn same(name: &str, text: &str, windows: &[usize]) {
    let text = &*tame(text);
    let expected = starts(whole(text));
    for &w in windows {
        let got = starts(windowed(text, w));
        if let Some(i) = (0..expected.len().max(got.len())).find(|&i| expected.get(i) != got.get(i)) {
            panic!(
                "{name}, window {w}: event {i} differs\n whole:    {:?}\n windowed: {:?}",
                expected.get(i),
                got.get(i)
            );
        }
    }
}

const WINDOWS: &[usize] = &[1, 7, 64, 300, 4096];

#[test]
fn the_briefing_and_generated_documents_parse_alike_in_windows() {
    same("briefing", briefing::source::EMBEDDED, WINDOWS);
    same("sample 200 KB", &briefing::sample::document(200_000), &[1000, 4096, 64 * 1024]);
}

#[test]
fn definitions_footnotes_and_front_matter_elsewhere_parse_alike() {
    let cases = [
        (
            "a link defined at the end",
            "# A\n\nSee [the site][x] and [y].\n\n# B\n\nMore text.\n\n[x]: https://a.example \"T\"\n[Y]: /y\n",
        ),
        ("a link defined first", "[x]: <https://a.example/a b>\n\n# A\n\nSee [x][] here.\n"),
        (
            "footnotes defined at the end",
            "# A\n\nA claim[^1] and another[^note].\n\n# B\n\nText.\n\n[^1]: The source.\n[^note]: More.\n",
        ),
        ("an undefined footnote", "# A\n\nText[^gone].\n\n# B\n\nMore.\n"),
        (
            "front matter, then a rule that is not front matter",
            "---\ntitle: T\n---\n\nText.\n\n---\n\nkey: no\n\n---\n\nEnd.\n",
        ),
        ("a fence longer than a window", "# A\n\n```\n# not a heading\n\nline\n\nline\n```\n\n# B\n\nText.\n"),
        (
            "setext headings and lazy lines",
            "Para\nline\n===\n\n> quote\nlazy\n\n- a\n\n- b\n\n  c\n\n    code\n\nEnd\n---\n",
        ),
        ("tables", "| a | b |\n|---|---|\n| 1 | 2 |\n\nText.\n\n| c |\n|:-:|\n| 3 |\n"),
        ("HTML blocks", "<details>\n\n# Inside\n\nText.\n\n</details>\n\n<pre>\n\n# x\n\n</pre>\n\nEnd.\n"),
        ("CJK and emoji", "# 稀土\n\n中国的稀土出口限制 🚀 影响全球。\n\n## 二\n\n更多的文字。\n"),
    ];
    for (name, text) in cases {
        same(name, text, WINDOWS);
    }
}

#[test]
fn pathological_documents_parse_alike_in_windows() {
    for (name, make) in pathological::fixtures() {
        // The parser expands at most about its text's length in reference
        // links' addresses (its guard against expansion bombs): a window
        // of 100,000 references on a line cut into blocks hits that guard
        // where the whole parse does not. What a window resolves is below.
        if name == "100,000 reference links" {
            continue;
        }
        let text = make(1);
        // The big ones at a window that cuts them a few hundred times.
        let windows: &[usize] = if text.len() > 1_000_000 { &[64 * 1024] } else { &[300, 64 * 1024] };
        same(name, &text, windows);
    }
}

/// Every file listed, one path a line, in the file `WINDOW_CORPUS` names (for checking
/// real documents written elsewhere, which are not kept in the repository).
#[test]
#[ignore]
fn listed_documents_parse_alike_in_windows() {
    let Ok(list) = std::env::var("WINDOW_CORPUS") else { return };
    let list = std::fs::read_to_string(list).expect("the list of files");
    let mut n = 0;
    for path in list.lines().filter(|l| !l.is_empty()) {
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        same(path, &text, &[97, 1000, 8192]);
        n += 1;
    }
    eprintln!("{n} documents alike");
}

mod random {
    use super::*;
    use proptest::prelude::*;

    /// Lines of Markdown that start, continue, end or interrupt blocks, and
    /// define or use links and footnotes, so that windows cut everywhere.
    fn document() -> impl Strategy<Value = String> {
        let line = prop_oneof![
            Just("# Heading\n".to_string()),
            Just("## Part [x] and [^n]\n".to_string()),
            Just("Text with [a link][x], [y] and a note[^n].\n".to_string()),
            Just("\n".to_string()),
            Just("- item\n".to_string()),
            Just("  continued\n".to_string()),
            Just("> quote\n".to_string()),
            Just("```\n".to_string()),
            Just("    indented code\n".to_string()),
            Just("| a | b |\n".to_string()),
            Just("|---|---|\n".to_string()),
            Just("---\n".to_string()),
            Just("===\n".to_string()),
            Just("[x]: https://x.example \"T\"\n".to_string()),
            Just("[z]: https://z.example/z\n".to_string()),
            Just("[Y]:\n  /y\n".to_string()),
            Just("[^n]: The note.\n".to_string()),
            Just("<div>\n".to_string()),
            Just("</div>\n".to_string()),
            Just("稀土 🎉 words\n".to_string()),
            Just("1. first\n".to_string()),
            Just("<!-- claim: A claim. -->\n".to_string()),
            Just("***\n".to_string()),
            Just("\tcode after a tab\n".to_string()),
            Just("> - quoted item\n".to_string()),
            Just("~~~ rust\n".to_string()),
            Just("<pre>\n".to_string()),
            Just("</pre>\n".to_string()),
            Just("<https://a.example/x> and <me@x.example> <b>in</b> <div:x>\n".to_string()),
            Just("<!-- a note --> and words after the comment that goes on\n".to_string()),
            Just("<!-- opens a comment\n".to_string()),
            Just("closes it --> and words after it go on for a while\n".to_string()),
            Just("<b>bold</b> text after a tag that goes on\n".to_string()),
            "[a-z ]{0,30}\n",
        ];
        proptest::collection::vec(line, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]
        #[test]
        fn random_documents_parse_alike_in_windows(text in document(), window in 1usize..200) {
            let text = &*tame(&text);
            let expected = starts(whole(text));
            let got = starts(windowed(text, window));
            prop_assert_eq!(got, expected);
        }

        /// Blocks cut small (every few lines) parse alike in windows, cut
        /// again cut nothing more, and show every character they showed.
        #[test]
        fn random_documents_cut_into_small_blocks_keep_their_structure(
            text in document(),
            max in 8usize..300,
            window in 1usize..200,
        ) {
            let cut = tame_blocks_at(&text, max).into_owned();
            prop_assert_eq!(&*tame_blocks_at(&cut, max), cut.as_str(), "cut again");
            // Every character shown is still shown, in the same order (the
            // blocks around a cut may read otherwise: a list goes on as a new
            // one, a line a list held lazily may stand alone).
            let shown = |t: &str| -> String {
                whole(t)
                    .into_iter()
                    .filter_map(|(e, _)| match e {
                        Event::Text(s) | Event::Code(s) | Event::Html(s) | Event::InlineHtml(s) => Some(s.to_string()),
                        _ => None,
                    })
                    .collect::<String>()
                    .replace("<!-- cut -->", "")
                    .replace("<!-- cut in a line -->", "")
                    .replace("<!-- cut in code -->", "")
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect()
            };
            // (Past four blocks' length of text before a heading's underline
            // the limit wins: that text may become the heading. And a note's
            // definition is a container, and raw HTML takes lines, by rules
            // of the parser's own, left out here.)
            if text.len() <= 4 * max && !text.contains("[^n]:") && !text.contains('<') {
                prop_assert_eq!(shown(&cut), shown(&text), "what shows");
            }
            prop_assert_eq!(starts(windowed(&cut, window)), starts(whole(&cut)));
        }
    }
}

/// The opening a large file shows first, `text[..first_cut]`, parses into
/// exactly the whole text's first blocks.
#[test]
fn the_opening_cut_parses_as_the_start_of_the_whole() {
    let defs = "# T\n\nText.\n\n[x]: https://x.example\n     a continued paragraph\n\n".repeat(40);
    let texts = [briefing::sample::document(200_000), briefing::source::EMBEDDED.to_string(), defs];
    for text in &texts {
        let expected = starts(whole(text));
        for window in [100, 1000, 16_000] {
            let cut = briefing::document::parse::window::first_cut(text, window);
            assert!(cut > 0 && cut <= text.len());
            let opening = starts(whole(&text[..cut]));
            let before: Vec<_> = expected.iter().filter(|(_, at)| *at < cut).cloned().collect();
            assert_eq!(opening, before, "window {window}, cut at {cut}");
        }
    }
}

/// A window resolves references defined elsewhere until the parser's
/// guard against expansion bombs stops it (about 100 KB of addresses a
/// window): the first of 100,000 dense references on one line are links,
/// and no text is lost when the guard stops the rest.
#[test]
fn dense_references_resolve_in_windows_until_the_parsers_guard() {
    let (_, make) = pathological::fixtures().into_iter().find(|(n, _)| *n == "100,000 reference links").unwrap();
    let text = make(1);
    let text = &*tame(&text);
    let (mut links, mut words) = (0, 0);
    each_event(text, 64 * 1024, &mut |e, _| match e {
        Event::Start(pulldown_cmark::Tag::Link { .. }) => links += 1,
        Event::Text(t) => words += t.matches('l').count(),
        _ => {}
    });
    assert!(links >= 4_000, "the first window's references resolve: {links}");
    assert!(words >= 100_000, "every reference's text is there, as a link or as text: {words}");
}
