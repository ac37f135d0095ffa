use super::*;
use crate::document::parse;

fn texts(md: &str, width: usize) -> Vec<String> {
    wrap(&parse(md), &Default::default(), width).all_rows().iter().map(|r| r.text().trim_end().to_string()).collect()
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

#[test]
fn paragraphs_wrap_at_spaces() {
    let rows = texts("one two three four five six", 10);
    assert_eq!(rows, vec!["one two", "three four", "five six"]);
}

#[test]
fn cjk_breaks_between_characters_and_never_overflows() {
    let md = "稀土是现代科技产品不可或缺的材料也是国家安全的重要支柱";
    for width in 2..30 {
        let doc = wrap(&parse(md), &Default::default(), width);
        for r in &doc.all_rows() {
            assert!(r.width() <= width, "width {width}: {:?}", r.text());
        }
        let joined: String = doc.all_rows().iter().map(|r| r.text()).collect::<String>().replace(' ', "");
        assert_eq!(joined, md);
    }
}

#[test]
fn no_row_is_wider_than_the_width_and_no_word_is_lost() {
    let md = "# T\n\n## A section\n\nSome *emphasised* text with a [link](http://x.example/very/long/address) and `code`, \
              then a supercalifragilisticexpialidocious word, emoji 🎉🎉 and 中文字符.\n\n\
              > quoted text that goes on and on\n> > nested quote\n\n- item one\n  - nested item with words\n- [x] done\n\n\
              1. first\n2. second\n\n```rust\nfn main() { println!(\"a very long line of code that must wrap somewhere\"); }\n```\n\n\
              | a | b |\n|---|--:|\n| long cell text here | 2 |\n\n---\n\nA footnote[^1].\n\n[^1]: The note.\n";
    let prose: Vec<String> = parse(md).sections.iter().flat_map(|s| s.prose()).map(|(_, t)| t).collect();
    let source_words = words(&prose.join(" "));
    for width in MIN_WIDTH..=60 {
        let doc = wrap(&parse(md), &Default::default(), width);
        for r in &doc.all_rows() {
            assert!(r.width() <= width, "width {width}: row {:?} is {} wide", r.text(), r.width());
        }
        if width >= 30 {
            // Every word of the prose survives (code may break mid-word).
            let all: String = doc.all_rows().iter().map(|r| r.text()).collect::<Vec<_>>().join(" ");
            let squashed: String = all.split_whitespace().collect();
            for w in source_words.iter().filter(|w| w.len() < 12 && !w.contains('|')) {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                assert!(squashed.contains(w), "width {width}: lost {w:?}");
            }
        }
    }
}

#[test]
fn lists_hang_and_quotes_have_bars() {
    let rows = texts("- alpha beta gamma delta\n  - inner words here\n\n> quoted words go on\n", 16);
    assert_eq!(rows[0], "• alpha beta");
    assert_eq!(rows[1], "  gamma delta");
    assert!(rows.iter().any(|r| r.starts_with("  ◦ inner")), "{rows:?}");
    assert!(rows.iter().any(|r| r.starts_with("│ quoted")), "{rows:?}");
}

#[test]
fn long_code_lines_continue_with_a_mark() {
    let rows = texts("```\nabcdefghijklmnopqrstuvwxyz\n```\n", 10);
    assert_eq!(rows[0], "abcdefghij");
    assert!(rows[1].starts_with("↪ "));
    assert_eq!(rows.join("").replace("↪ ", ""), "abcdefghijklmnopqrstuvwxyz");
}

#[test]
fn tables_align_and_wrap_their_cells() {
    let rows = texts("| name | n |\n|:--|--:|\n| alpha | 1 |\n| b | 22 |\n", 40);
    assert_eq!(rows, vec!["name  │  n", "──────┼───", "alpha │  1", "b     │ 22"]);
    let rows = texts("| a very long header | b |\n|---|---|\n| x | y |\n", 14);
    assert!(rows.iter().all(|r| !r.contains('…')), "{rows:?}");
    assert_eq!(rows[..3], ["a very     │ b", "long       │", "header     │"], "{rows:?}");
}

#[test]
fn a_narrow_column_keeps_its_words_and_a_table_too_wide_lists_records() {
    let md = "| Feature/Library | a | b | c |\n|---|---|---|---|\n| polling of many things | ✓ | ✓ | ✓ |\n";
    let rows = texts(md, 30);
    let all = rows.join(" ");
    for w in ["Feature/Library", "polling", "many", "things"] {
        assert!(all.contains(w), "{w} in {rows:?}");
    }
    assert!(rows.iter().all(|r| r.width() <= 30));
    let wide = format!("|{}\n|{}\n|{}\n", " h |".repeat(12), "---|".repeat(12), " v |".repeat(12));
    let rows = texts(&wide, 30);
    assert!(rows.contains(&"h: v".to_string()), "one record at a time: {rows:?}");
}

#[test]
fn printed_links_get_numbered_notes_and_the_reader_lists_no_addresses() {
    let md = "## S\n\nSee [the docs](https://example.com/docs), [below](#t) and a note[^n].\n\n## T\n\nx\n\n[^n]: The note.\n";
    let print: Vec<String> = wrap_for_print(&parse(md), &Default::default(), 60)
        .all_rows()
        .iter()
        .map(|r| r.text().trim_end().to_string())
        .collect();
    assert!(print.iter().any(|r| r.contains("the docs[1], below and a note[^n].")), "{print:?}");
    assert!(print.iter().any(|r| r == "[1] https://example.com/docs"), "{print:?}");
    assert_eq!(print.iter().filter(|r| r.starts_with("[2]")).count(), 0, "an anchor gets no note");
    assert!(print.iter().any(|r| r.starts_with("[^n] The note.")), "a footnote keeps its own mark: {print:?}");
    let reader = texts(md, 60);
    assert!(reader.iter().any(|r| r.contains("See the docs, below and a note[^n].")), "{reader:?}");
    assert!(!reader.iter().any(|r| r.contains("https://")), "no addresses in the reader: {reader:?}");
}

#[test]
fn a_linked_badge_goes_where_its_link_goes() {
    let doc =
        parse("## S\n\n[![Registry](https://img.shields.io/x.svg)](https://registry.example/crates/x)\n\nText here.\n");
    let w = wrap(&doc, &Default::default(), 60);
    assert_eq!(w.links.iter().collect::<Vec<_>>(), ["https://registry.example/crates/x"]);
}

#[test]
fn anchors_survive_a_rewrap() {
    let md =
        "## A\n\nalpha beta gamma delta epsilon zeta eta theta iota kappa lambda\n\n## B\n\nsecond paragraph words\n";
    let doc = parse(md);
    let narrow = wrap(&doc, &Default::default(), 12);
    let wide = wrap(&doc, &Default::default(), 60);
    let row = narrow.all_rows().iter().position(|r| r.text().contains("second")).unwrap();
    let anchor = narrow.anchor(row);
    assert!(wide.row(wide.row_of(anchor)).unwrap().text().contains("second"));
}

#[test]
fn section_starts_point_at_headings() {
    let doc = wrap(&parse("# T\n\n## One\n\ntext\n\n## Two\n\nmore\n"), &Default::default(), 40);
    assert_eq!(doc.section_start.len(), 2);
    assert_eq!(doc.row(doc.section_start[0]).unwrap().text(), "One");
    assert_eq!(doc.row(doc.section_start[1]).unwrap().text(), "Two");
    assert_eq!(doc.section_at(doc.section_start[1] + 1), 1);
}

#[test]
fn a_five_megabyte_line_wraps_linearly() {
    let md = "x".repeat(200_000);
    let doc = wrap(&parse(&md), &Default::default(), 80);
    assert_eq!(doc.len(), 2500);
}

/// Sections laid out again alone at a new width are exactly what the
/// whole layout at that width shows for them, with the same link ids and
/// note numbers; laying out every section ends the partial state.
#[test]
fn sections_laid_out_alone_match_the_whole_layout() {
    let docs = [
        parse(crate::source::EMBEDDED),
        parse(&crate::sample::document(60_000)),
        parse(
            "Before any heading, a [link](https://a.example).\n\n## One\n\nSee [b](https://b.example) and [c][c].\n\n## Two\n\n## Three\n\nText[^n].\n\n[c]: https://c.example\n[^n]: A note.\n",
        ),
    ];
    for doc in &docs {
        let n = doc.sections.len();
        let whole = wrap(doc, &Default::default(), 50);
        for range in [0..1, 1..3, n / 2..n / 2 + 2, n.saturating_sub(2)..n, 0..n] {
            let mut w = wrap(doc, &Default::default(), 80);
            w.relayout_sections(doc, &Default::default(), 50, range.clone());
            let range = range.start.min(n)..range.end.min(n);
            assert_eq!(w.width, 50);
            assert_eq!(w.partial(), range.len() < n, "{range:?} of {n}");
            assert_eq!(w.section_start.len(), n);
            for i in range.clone() {
                let end = |l: &WrappedDoc| l.section_start.get(i + 1).map_or(l.len(), |s| s - 1);
                let (a, b) = (w.section_start[i], whole.section_start[i]);
                assert_eq!(w.rows_at(a..end(&w)), whole.rows_at(b..end(&whole)), "section {i} of {range:?}");
            }
            if range.len() == n {
                assert_eq!(w.all_rows(), whole.all_rows());
                assert_eq!(w.section_start, whole.section_start);
            }
        }
    }
}

#[test]
fn a_section_that_keeps_only_its_rows_places_is_laid_out_again_the_same() {
    for text in [crate::sample::document(200_000), crate::source::EMBEDDED.to_string()] {
        let doc = parse(&text);
        let code = Highlights::of_document(&doc);
        let whole = wrap(&doc, &code, 72);
        let mut w = whole.clone();
        w.stub_except(0..0);
        assert!(w.has_stubs() && w.live_sections() == 0);
        assert_eq!(w.len(), whole.len(), "row numbers never change");
        assert!(w.all_rows().iter().zip(&whole.all_rows()).all(|(a, b)| (a.block, a.start) == (b.block, b.start)));
        for i in 0..doc.sections.len() {
            let again = w.section_rows(&doc, &code, i);
            // To the next section's first row (the blank row between is its).
            let end = whole.section_start.get(i + 1).map_or(whole.len(), |&s| s);
            assert_eq!(&*again, &whole.rows_at(whole.section_start[i]..end)[..], "section {i}");
        }
        for i in 0..doc.sections.len() {
            w.restore(&doc, &code, i);
        }
        assert!(!w.has_stubs());
        assert_eq!(w.all_rows(), whole.all_rows());
    }
}

#[test]
fn an_html_block_is_laid_out_a_line_at_a_time_with_its_places() {
    // Quoted, so the first row takes the quote's first prefix and the rest
    // theirs; words wrap within a line; each row's place finds it again;
    // a claim's sentence in a later line is marked where it is.
    let md = "# T\n\n> <div>\n> one two three four\n> <p>five six</p>\n> <br>seven\n> </div>\n";
    let mut d = parse(md);
    let crate::document::BlockKind::Quote(inner) = &d.sections[0].blocks[0].kind else { panic!("a quote") };
    let block = inner[0].id;
    // "five six": characters 19..27 of the block's text ("one two three four\nfive six\nseven").
    d.sections[0].claim.spot = Some(crate::document::ClaimSpot { block, start: 19, end: 27 });
    let doc = wrap(&d, &Default::default(), 12);
    let rows: Vec<String> = doc.all_rows().iter().map(|r| r.text().trim_end().to_string()).collect();
    let at = rows.iter().position(|r| r.contains("one")).expect("the block's text is shown");
    assert_eq!(rows[at..], ["│ one two", "│ three four", "│ five six", "│ seven"]);
    for (r, text) in rows.iter().enumerate().skip(at) {
        assert_eq!(doc.row_of(doc.anchor(r)), r, "row {r} ({text:?}) is not found by its place");
    }
    let marked: String = doc
        .all_rows()
        .iter()
        .flat_map(|r| r.segments.iter())
        .filter(|s| s.role.claim)
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(marked, "five six");
}

#[test]
fn a_heading_with_no_text_inside_a_section_shows_nothing_and_every_section_keeps_a_start() {
    // Past the sections a document may have, headings stay inside the
    // section before them: the empty ones show no row and no blank line.
    let mut text: String = (0..5_000).map(|i| format!("# s{i}\n\nword {i}\n\n")).collect();
    text.push_str(&"#\n".repeat(50));
    text.push_str("\nafter\n");
    let d = crate::document::parse::parse_structure(&text);
    let doc = wrap(&d, &Default::default(), 40);
    let rows: Vec<String> = doc.all_rows().iter().map(|r| r.text().trim_end().to_string()).collect();
    let after = rows.iter().rposition(|r| r == "after").expect("the last paragraph is shown");
    let blank_run = rows[..after].iter().rev().take_while(|r| r.is_empty()).count();
    assert!(blank_run <= 3, "{blank_run} blank rows before the last paragraph");
    // Each section starts at a row of its own.
    assert_eq!(doc.section_start.len(), d.sections.len());
    assert!(doc.section_start.windows(2).all(|w| w[0] < w[1]), "a section without a row of its own");
}

/// Rows' places never step back, so the row a place finds is the same in
/// a layout that keeps only its places (found by the fuzzer: an empty list
/// item after one with text took the list's place, before its items').
#[test]
fn places_never_step_back_and_find_the_same_row_when_kept_alone() {
    let docs = [
        "# T\n\n- one two three four five six\n-\n- seven\n-\n\n1. a\n2.\n   - nested words here\n   -\n3.\n\nafter\n"
            .to_string(),
        // A word broken over rows, then line breaks: the empty row after it.
        format!("# T\n\nA {}\\\n\\\nb\n\n{}\\\n\\\nc\n", "x".repeat(30), "稀土".repeat(12)),
        crate::sample::document(60_000),
        crate::source::EMBEDDED.to_string(),
    ];
    for md in &docs {
        let doc = parse(md);
        for width in [3, 12, 80] {
            let whole = wrap(&doc, &Default::default(), width);
            let mut kept = whole.clone();
            kept.stub_except(0..0);
            let places: Vec<(u32, u32)> =
                (0..whole.len()).map(|r| (whole.anchor(r).block, whole.anchor(r).start)).collect();
            let back = places.windows(2).position(|p| p[0] > p[1]);
            assert_eq!(back, None, "a place steps back at {width}: {:?}", back.map(|r| &places[r..r + 2]));
            for r in 0..whole.len() {
                let a = whole.anchor(r);
                assert_eq!(kept.anchor(r), a);
                assert_eq!(kept.row_of(a), whole.row_of(a), "row {r} at {width}");
                assert!(whole.row_of(a) >= r && whole.anchor(whole.row_of(a)) == a, "row {r} at {width}");
            }
        }
    }
}
