//! Properties over arbitrary text: the sanitiser leaves no control
//! characters and is idempotent; wrapping never exceeds its width and never
//! loses text.

use briefing::document::parse;
use briefing::layout::wrap::{wrap, wrap_text};
use briefing::sanitize::{Tabs, sanitize};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The narrowest width the properties hold at: one grapheme cluster can be
/// three cells wide (a wide character plus a spacing mark), and such a
/// cluster cannot be split; at narrower widths the view clips it.
const NARROWEST: usize = 3;

/// Strings rich in the characters that cause trouble.
fn nasty() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        "[ -~]{0,12}",
        Just("\u{1b}[31m".to_string()),
        Just("\u{1b}]0;x\u{7}".to_string()),
        Just("\u{9b}".to_string()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{200b}".to_string()),
        Just("e\u{301}\u{302}\u{303}\u{304}\u{305}".to_string()),
        Just("稀土".to_string()),
        Just("🎉👍🏽".to_string()),
        Just("&#27;".to_string()),
        Just("**".to_string()),
        Just("> ".to_string()),
        Just("- ".to_string()),
        Just("| a | b |\n|---|---|\n".to_string()),
        Just("```\n".to_string()),
        Just("# ".to_string()),
        "\\PC{0,4}",
    ];
    prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn sanitised_text_has_no_controls_but_newline(s in nasty()) {
        for tabs in [Tabs::Prose, Tabs::Code] {
            let out = sanitize(&s, tabs);
            prop_assert!(out.chars().all(|c| c == '\n' || !(c.is_control())), "{out:?}");
            let bidi = |c: char| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
            prop_assert!(!out.chars().any(bidi), "bidi control left in {:?}", out);
        }
    }

    #[test]
    fn sanitising_twice_changes_nothing(s in nasty()) {
        for tabs in [Tabs::Prose, Tabs::Code] {
            let once = sanitize(&s, tabs).into_owned();
            prop_assert_eq!(sanitize(&once, tabs).into_owned(), once);
        }
    }

    #[test]
    fn no_wrapped_row_is_wider_than_its_width(s in nasty(), width in NARROWEST..70usize) {
        let doc = parse(&s);
        for row in wrap(&doc, &Default::default(), width).all_rows() {
            prop_assert!(row.width() <= width, "{:?} is {} wide at {}", row.text(), row.width(), width);
        }
    }

    #[test]
    fn wrapping_loses_no_text(s in "[^\\p{C}]{0,200}", width in NARROWEST..50usize) {
        let clean = sanitize(&s, Tabs::Prose).into_owned();
        let lines = wrap_text(&clean, width);
        // Measured as the screen draws it: a cluster of characters at a time
        // (a string's width may join or part what a cluster keeps).
        let drawn = |l: &str| l.graphemes(true).map(UnicodeWidthStr::width).sum::<usize>();
        for l in &lines {
            // (One cluster wider than the width, as an emoji with marks on
            // it, cannot be cut: it stands alone.)
            let alone = l.graphemes(true).count() == 1;
            prop_assert!(drawn(l) <= width || alone, "{:?} is {} wide at {}", l, drawn(l), width);
        }
        let squash = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        prop_assert_eq!(squash(&lines.concat()), squash(&clean));
    }
}

/// Markdown lines that shape sections: headings of every kind and level,
/// headings hidden in lists, quotes and code, front matter, claims, rules.
fn markdownish() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("# One\n".to_string()),
        Just("## Two *emph* `code`\n".to_string()),
        Just("### Three\n".to_string()),
        Just("Setext\n======\n".to_string()),
        Just("Sub\n---\n".to_string()),
        Just("- # in a list\n".to_string()),
        Just("> ## in a quote\n".to_string()),
        Just("```\n# in code\n```\n".to_string()),
        Just("<!-- claim: a claim -->\n".to_string()),
        Just("<!-- a comment -->\n".to_string()),
        Just("<div align=\"center\">\n".to_string()),
        Just("<h1 align=\"center\">Name</h1>\n".to_string()),
        Just("<div align=\"center\">\n  <h1><code>tool</code></h1>\n\n".to_string()),
        Just("---\ntitle: From the front matter\n---\n".to_string()),
        Just("<p>Words <b>bold</b> <img alt=\"logo\" src=l.png></p>\n".to_string()),
        Just("[![badge](b.svg)](https://x) <img src=y.svg>\n".to_string()),
        Just("## Title ![an *image*](x.png) <img alt=\"b\" src=c>\n".to_string()),
        Just("# <kbd>K</kbd> key<br>two ![a <img alt=in>](y)\n".to_string()),
        Just("---\n".to_string()),
        Just("Plain words in a paragraph here.\n".to_string()),
        Just("\n".to_string()),
        Just("## \n".to_string()),
        Just("## A [link](x.md) and a note[^n]\n\n[^n]: n\n".to_string()),
        "[a-z #*>`-]{0,20}\n",
    ];
    proptest::collection::vec(line, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The quick outline the sidebar shows while a large file loads lists
    /// the same sections, with the same titles, as the full parse.
    #[test]
    fn the_outline_agrees_with_the_parse(md in markdownish()) {
        let doc = parse(&md);
        match briefing::document::parse::outline(&md) {
            Some(outline) => {
                prop_assert_eq!(outline.len(), doc.sections.len(), "{:?}", md);
                for (o, s) in outline.iter().zip(&doc.sections) {
                    prop_assert_eq!(o.level, s.level);
                    if o.level > 0 {
                        prop_assert_eq!(&o.title, &s.title);
                    }
                }
            }
            // No headings: the parse cuts sections from paragraphs.
            None => prop_assert!(doc.sections.iter().all(|s| s.level == 0), "{:?}", md),
        }
    }
}

/// A Markdown table of generated words (some long, some wide), of one to
/// eight columns.
fn table() -> impl Strategy<Value = (String, Vec<String>)> {
    let word = prop_oneof![
        "[a-z]{1,14}",
        Just("稀土".to_string()),
        Just("Feature/Library".to_string()),
        Just("✓".to_string())
    ];
    let cell = proptest::collection::vec(word, 1..6);
    (1..8usize, 1..5usize).prop_flat_map(move |(cols, rows)| {
        proptest::collection::vec(proptest::collection::vec(cell.clone(), cols), rows + 1).prop_map(move |grid| {
            let mut md = String::new();
            let mut words = Vec::new();
            for (r, row) in grid.iter().enumerate() {
                md.push('|');
                for cell in row {
                    md.push_str(&format!(" {} |", cell.join(" ")));
                    words.extend(cell.iter().cloned());
                }
                md.push('\n');
                if r == 0 {
                    md.push_str(&format!("|{}\n", "---|".repeat(cols)));
                }
            }
            (md, words)
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Printed at any width, a table keeps every word of every cell.
    #[test]
    fn print_mode_keeps_every_word_of_every_cell((md, words) in table(), width in 10usize..120) {
        let out = briefing::print::document(&parse(&format!("## T\n\nIntro.\n\n{md}")), width, None, false);
        let printed: Vec<&str> = out.split(|c: char| c.is_whitespace() || c == '│' || c == ':').collect();
        // A word longer than the line is broken across lines, in order, and
        // so may CJK text be, between its characters.
        let joined: String = out.chars().filter(|c| !c.is_whitespace()).collect();
        for w in &words {
            let cjk = w.width() > w.chars().count();
            let mut rest = joined.chars();
            let in_order = w.chars().all(|c| rest.any(|x| x == c));
            prop_assert!(
                printed.contains(&w.as_str()) || (w.width() + 3 > width && joined.contains(w.as_str())) || (cjk && in_order),
                "{w:?} lost at width {width}:\n{out}");
        }
        prop_assert!(out.lines().all(|l| l.width() <= width.max(10)), "a line wider than {width}:\n{out}");
    }
}
