use super::*;
use crate::document::ClaimOrigin;

fn titles(doc: &Document) -> Vec<&str> {
    doc.sections.iter().map(|s| s.title.as_str()).collect()
}

#[test]
fn the_outline_lists_the_sections_that_the_parse_finds() {
    let docs = [
        "# Title\n\nIntro words here.\n\n## One *emph* `code`\n\nx\n\n### Sub\n\ny\n\n## Two[^n]\n\n[^n]: z\n",
        "# A\n\n# B\n\ntext\n",
        "---\ntitle: T\n---\n\n## Only\n\n- # not top level\n\n> ## nor this\n",
        "### Deep first\n\n## Shallow\n\n<!-- claim: c -->\n\n## \n",
        "Setext\n======\n\nbody\n\nOther\n-----\n",
        "# Just a title\n",
    ];
    for md in docs {
        let doc = parse(md);
        let outline = outline(md).unwrap_or_default();
        let parsed: Vec<(u8, &str)> = doc.sections.iter().map(|s| (s.level, s.title.as_str())).collect();
        let quick: Vec<(u8, &str)> = outline.iter().map(|e| (e.level, e.title.as_str())).collect();
        assert_eq!(parsed.len(), quick.len(), "{md:?}: {parsed:?} vs {quick:?}");
        for ((pl, pt), (ql, qt)) in parsed.iter().zip(&quick) {
            assert_eq!(pl, ql, "{md:?}");
            // The opening's title comes from its words, later.
            if *ql > 0 {
                assert_eq!(pt, qt, "{md:?}");
            }
        }
        // Where each section starts: its line, and its heading's id comes
        // from that place in the text.
        for (s, e) in doc.sections.iter().zip(&outline) {
            assert_eq!(s.line, e.line, "{md:?}");
            if e.level > 0 {
                assert_eq!(s.heading_id as usize, e.offset + 1, "{md:?}");
            }
        }
    }
    assert_eq!(outline("no headings at all, only a paragraph"), None);
}

#[test]
fn an_opening_of_html_and_badges_is_titled_by_its_prose() {
    let md = "# Tool\n\n<div align=\"center\">\n\n[![CI](ci.svg)](https://ci) ![Docs](d.svg)\n\n</div>\n\n\
              A fast tool for reading long documents.\n\n## Install\n\nRun it.\n";
    let doc = parse(md);
    assert_eq!(doc.sections[0].title, "A fast tool for reading long documents");
    assert!(doc.sections[0].claim.text.starts_with("A fast tool"), "{:?}", doc.sections[0].claim);
}

#[test]
fn html_comments_are_not_shown_and_make_no_section() {
    let md = "<!-- Copyright notice\n\nover two paragraphs -->\n\n# Changelog\n\n<!-- cargo-sync-readme -->\n\n\
              ## 1.0\n\n<!-- claim: The first release. -->\n\nReleased.\n\n<!-- a --> <b>kept</b>\n";
    let doc = parse(md);
    assert_eq!(doc.title, "Changelog");
    assert_eq!(titles(&doc), vec!["1.0"]);
    assert_eq!(doc.sections[0].claim.text, "The first release.");
    let html: Vec<_> = doc.sections[0].blocks.iter().filter(|b| matches!(b.kind, BlockKind::Html(_))).collect();
    assert_eq!(html.len(), 1, "only the block with more than a comment shows");
    assert_eq!(html[0].text(), "kept", "shown as a browser would");
    let outline: Vec<_> = outline(md).unwrap().into_iter().map(|e| e.title).collect();
    assert_eq!(outline, vec!["1.0"], "the quick outline agrees");
}

#[test]
fn a_readme_heading_in_html_is_the_title_unless_there_is_another() {
    let md = "<div align=\"center\">\n  <h1><code>rustix</code></h1>\n\n  <p>Safe bindings</p>\n</div>\n\n## Usage\n\nUse it.\n";
    let doc = parse(md);
    assert_eq!(doc.title, "rustix");
    assert_eq!(titles(&doc), vec!["rustix", "Usage"], "the opening of HTML alone takes the title");
    let only = "<div align=\"center\">\n  <h1>Tool</h1>\n\n## Usage\n\nUse it.\n";
    assert_eq!(parse(only).title, "Tool");
    assert_eq!(titles(&parse(only)), vec!["Usage"], "the heading was all the block showed");
    assert_eq!(outline(only).unwrap().len(), 1, "the quick outline agrees");
    let fronted = format!("---\ntitle: Front\n---\n{only}");
    assert_eq!(parse(&fronted).title, "Front");
    assert_eq!(titles(&parse(&fronted)).len(), 2, "the HTML heading stays in the text");
    assert_eq!(outline(&fronted).unwrap().len(), 2);
    // A `# Overview` after the HTML name is a section, not the title.
    let over = "<p align=\"center\"><h1>Tool</h1></p>\n\n# Overview\n\nIt reads.\n\n## Install\n\nGet it.\n\n## Use\n\nRun it.\n";
    assert_eq!(parse(over).title, "Tool");
    assert_eq!(titles(&parse(over)), vec!["Overview", "Install", "Use"]);
    assert_eq!(
        outline(over).unwrap().iter().map(|e| e.title.as_str()).collect::<Vec<_>>(),
        vec!["Overview", "Install", "Use"]
    );
}

#[test]
fn an_opening_of_badges_alone_is_titled_after_the_document() {
    let md = "# Tree Tool\n\n[![registry badge]][registry]\n\n[registry]: https://registry.example/x\n\
              [registry badge]: https://img/x.svg\n\n## Usage\n\nAdd it.\n";
    assert_eq!(titles(&parse(md)), vec!["Tree Tool", "Usage"]);
    assert_eq!(titles(&parse("![logo](l.png)\n\n## A\n\n## B\n")), vec!["Opening", "A", "B"]);
}

#[test]
fn images_and_badges_are_never_in_a_title() {
    let doc = parse(
        "# Serde JSON [![Build](b.svg)](x) ![Version](v.svg)\n\n## Use ![logo](l.png)\n\nText.\n\n## ![Logo only](l.png)\n\nMore.\n",
    );
    assert_eq!(doc.title, "Serde JSON");
    assert_eq!(titles(&doc), vec!["Use", "Logo only"]);
}

#[test]
fn an_opening_that_is_a_table_of_contents_is_titled_by_its_prose() {
    let doc = parse(
        "# Tool\n\n[Install](#i) · [Usage](#u) · [Docs](#d)\n\nTool reads long documents fast.\n\n## Install\n\nRun it.\n",
    );
    assert!(doc.sections[0].title.starts_with("Tool reads long documents"), "{}", doc.sections[0].title);
}

#[test]
fn the_level_that_splits_gives_a_useful_list() {
    let titles = |md: &str| {
        let doc = parse(md);
        (doc.title.clone(), doc.sections.iter().map(|s| s.title.clone()).collect::<Vec<_>>())
    };
    let body = |h: &str| format!("{h}\n\nSome words here.\n\n");
    // One `##` over `###`s: the `##` is the title, a section per `###`.
    let md: String = std::iter::once(body("## lib")).chain((1..=4).map(|i| body(&format!("### Part {i}")))).collect();
    assert_eq!(titles(&md).0, "lib");
    assert_eq!(
        titles(&md).1,
        vec!["Some words here", "Part 1", "Part 2", "Part 3", "Part 4"],
        "an opening, then the parts"
    );
    // A `#` title and a single trailing `#`: the `##`s are sections.
    let md = format!("{}{}{}{}", body("# Proptest"), body("## Intro"), body("## Usage"), body("# Acknowledgements"));
    assert_eq!(titles(&md).0, "Proptest");
    assert_eq!(titles(&md).1, vec!["Some words here", "Intro", "Usage", "Acknowledgements"]);
    // `###` sections and one `## Contributing`: it does not swallow them.
    let md = format!(
        "{}{}{}{}{}",
        body("# EXRS"),
        body("### Read"),
        body("### Write"),
        body("### Edit"),
        body("## Contributing")
    );
    assert_eq!(titles(&md).1, vec!["Some words here", "Read", "Write", "Edit", "Contributing"]);
    // Two `##` with `###` inside stay two sections (a changelog).
    let md = format!("{}{}{}{}", body("## 1.1"), body("### Fixed"), body("## 1.0"), body("### Added"));
    assert_eq!(titles(&md).1, vec!["1.1", "1.0"]);
    // A lone `##` over plain text is a section, not the title.
    assert_eq!(titles(&body("## Only")).1, vec!["Only"]);
}

#[test]
fn a_single_h1_is_the_title_and_h2s_are_sections() {
    let doc = parse("# Title\n\nIntro words here for the opening.\n\n## One\n\nA.\n\n### Deep\n\nB.\n\n## Two\n\nC.\n");
    assert_eq!(doc.title, "Title");
    assert_eq!(titles(&doc), vec!["Intro words here for the opening", "One", "Two"]);
    assert_eq!(doc.sections[0].level, 0);
    assert!(matches!(doc.sections[1].blocks[1].kind, BlockKind::Heading { level: 3, .. }));
}

#[test]
fn several_h1s_are_sections() {
    let doc = parse("# A\n\nx\n\n# B\n\ny\n");
    assert_eq!(doc.title, "");
    assert_eq!(titles(&doc), vec!["A", "B"]);
}

#[test]
fn setext_headings_split_too() {
    let doc = parse("First\n=====\n\ntext\n\nSecond\n------\n\nmore\n\nThird\n-----\n\nend\n");
    assert_eq!(doc.title, "First");
    assert_eq!(titles(&doc), vec!["text", "Second", "Third"]);
    assert_eq!(doc.sections[1].line, 6);
}

#[test]
fn hashes_inside_code_are_not_headings() {
    let doc = parse("## Real\n\n```sh\n# not a heading\n## nor this\n```\n");
    assert_eq!(titles(&doc), vec!["Real"]);
    assert!(
        matches!(&doc.sections[0].blocks[0].kind, BlockKind::Code { lang: Some(l), text } if &**l == "sh" && text.contains("# not"))
    );
}

#[test]
fn inline_code_in_a_heading_is_kept() {
    let doc = parse("## The `parse` function\n\ntext\n\n## Other\n\nx\n");
    assert_eq!(doc.sections[0].title, "The parse function");
    assert!(doc.sections[0].heading.iter().any(|s| s.marks.contains(Marks::CODE) && s.text == "parse"));
}

#[test]
fn empty_and_front_matter_only_documents_have_no_sections() {
    assert!(parse("").sections.is_empty());
    assert!(parse("   \n\n  ").sections.is_empty());
    let doc = parse("---\ntitle: Only meta\ntags: [a, b]\n---\n");
    assert_eq!(doc.title, "Only meta");
    assert_eq!(doc.metadata, vec![("title".into(), "Only meta".into()), ("tags".into(), "a, b".into())]);
    assert!(doc.sections.is_empty());
}

#[test]
fn tables_past_the_cell_budget_read_as_text_and_wide_rows_are_marked() {
    // 1,000 columns by 200 rows: a table; the second and third go past
    // the budget.
    let wide = format!("|{}\n|{}\n{}\n", " h |".repeat(1000), "-|".repeat(1000), "| x |\n".repeat(200));
    let doc = parse(&format!("## T\n\n{}", wide.repeat(3)));
    // (The padded rows are many parser events: the section goes on as
    // another after the first table.)
    let blocks: Vec<&Block> = doc.sections.iter().flat_map(|s| &s.blocks).collect();
    let tables = blocks.iter().filter(|b| matches!(b.kind, BlockKind::Table(_))).count();
    assert!(tables < 3, "past the budget a table is text");
    let BlockKind::Table(t) = &blocks[0].kind else { panic!() };
    let (header, rows) = (&t.header, &t.rows);
    assert_eq!(header.len(), MAX_TABLE_COLUMNS + 1);
    assert!(plain_text(&header[MAX_TABLE_COLUMNS]).contains("columns past 64 not shown"));
    assert!(rows.iter().all(|r| r.len() == 1), "a short row keeps no padding");
    assert!(blocks.iter().any(|b| b.text().contains("| h | h |")), "the rest reads as text");
}

#[test]
fn hostile_front_matter_is_ignored_with_a_note() {
    let deep = format!("---\n{}x\n---\n# T\n\nText.\n", "- ".repeat(6_000));
    let doc = parse(&deep);
    assert_eq!(doc.metadata, vec![("front matter".to_string(), "ignored: nested too deeply".to_string())]);
    let indented: String = (0..300).map(|i| format!("{}a{i}:\n", " ".repeat(i))).collect();
    assert_eq!(parse(&format!("---\n{indented}---\nText.\n")).metadata[0].1, "ignored: nested too deeply");
    let laughs = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n---\nText.\n";
    assert_eq!(parse(laughs).metadata[0].1, "ignored: it uses YAML aliases");
    // Ordinary front matter, with a star and an ampersand in its text, reads.
    let fine = "---\ntitle: Rock & roll *live* &more\ntags: [a, b]\n---\nText.\n";
    assert_eq!(parse(fine).title, "Rock & roll *live* &more");
}

#[test]
fn broken_front_matter_is_not_fatal() {
    let doc = parse("---\ntitle: [unclosed\n---\n\n## A\n\nx\n");
    assert!(doc.metadata.is_empty());
    assert_eq!(titles(&doc), vec!["A"]);
}

#[test]
fn crlf_text_parses_like_lf() {
    let a = parse("# T\r\n\r\n## S\r\n\r\nline one\r\nline two\r\n");
    let b = parse("# T\n\n## S\n\nline one\nline two\n");
    assert_eq!(a.sections[0].title, b.sections[0].title);
    assert_eq!(a.sections[0].words, b.sections[0].words);
}

#[test]
fn nested_lists_and_quotes_keep_their_shape() {
    let doc = parse("## S\n\n- a\n  - b\n    1. c\n- [x] d\n\n> q\n> > qq\n");
    let BlockKind::List { items, start: None } = &doc.sections[0].blocks[0].kind else { panic!("not a list") };
    assert_eq!(items.len(), 2);
    assert_eq!(items[1].task, Some(true));
    let BlockKind::List { items: inner, .. } = &items[0].blocks[1].kind else { panic!("no nested list") };
    assert!(matches!(inner[0].blocks[1].kind, BlockKind::List { start: Some(1), .. }));
    let BlockKind::Quote(q) = &doc.sections[0].blocks[1].kind else { panic!("not a quote") };
    assert!(matches!(q[1].kind, BlockKind::Quote(_)));
}

#[test]
fn cjk_and_emoji_titles_and_words() {
    let doc = parse("## 稀土 🎉\n\n中国控制稀土。\n");
    assert_eq!(doc.sections[0].title, "稀土 🎉");
    assert!(doc.sections[0].words >= 6, "each ideograph counts: {}", doc.sections[0].words);
}

#[test]
fn authored_claims_win_and_are_hidden() {
    let doc = parse("## A\n\n<!-- claim: The real claim. -->\n\nFirst sentence here is background text. Then more.\n");
    let s = &doc.sections[0];
    assert_eq!(s.claim.text, "The real claim.");
    assert_eq!(s.claim.origin, ClaimOrigin::Authored);
    assert_eq!(s.blocks.len(), 1, "the annotation is not a block");
}

#[test]
fn a_claim_comment_without_a_heading_belongs_to_the_opening() {
    let doc = parse("<!-- claim: Opening claim. -->\n\nSome opening text that has enough words.\n\n## Next\n\nx y z\n");
    assert_eq!(doc.sections[0].claim.text, "Opening claim.");
    assert_eq!(doc.sections[1].claim.origin, ClaimOrigin::Extracted);
}

#[test]
fn extracted_claims_point_at_their_sentence() {
    let doc = parse("## A\n\nShort.\n\nThis is the first real sentence here. Another one.\n");
    let c = &doc.sections[0].claim;
    assert_eq!(c.origin, ClaimOrigin::Extracted);
    assert_eq!(c.sentence, "This is the first real sentence here.");
    let spot = c.spot.unwrap();
    let (_, text) = doc.sections[0].prose().into_iter().find(|(id, _)| *id == spot.block).unwrap();
    let s: String = text.chars().skip(spot.start as usize).take((spot.end - spot.start) as usize).collect();
    assert_eq!(s, c.sentence);
}

#[test]
fn a_section_without_prose_falls_back_to_its_heading() {
    let doc = parse("## Only code\n\n```\nx = 1\n```\n");
    assert_eq!(doc.sections[0].claim.text, "Only code");
}

#[test]
fn the_seed_text_opens_as_about_nine_sections() {
    let seed = include_str!("../../../tests/fixtures/seed.txt");
    let doc = parse(seed);
    assert_eq!(doc.sections.len(), 9, "{:?}", titles(&doc));
    // Line 2 is the headline, under the label "BLOG", which is the kind.
    assert!(doc.title.starts_with("China delivers on its promises"), "{}", doc.title);
    assert_eq!(doc.metadata, vec![("kind".to_string(), "Blog".to_string())]);
    assert!(doc.sections[0].title.starts_with("On the global political stage"));
    assert!(doc.sections[1].title.starts_with("Since April this year"));
    assert!(doc.sections.iter().all(|s| s.level == 0));
}

#[test]
fn short_paragraphs_join_the_next_in_a_headingless_document() {
    let long = "word ".repeat(50);
    let doc = parse(&format!("Label\n\nTiny line.\n\n{long}\n\n{long}\n"));
    assert_eq!(doc.sections.len(), 2);
    assert_eq!(doc.sections[0].blocks.len(), 3);
}

#[test]
fn heading_lines_are_reported() {
    let doc = parse("---\nkind: x\n---\n\n# T\n\n## A\n\ntext\n\n## B\n");
    assert_eq!(doc.sections.iter().map(|s| s.line).collect::<Vec<_>>(), vec![7, 11]);
}

#[test]
fn escape_entities_are_sanitised_after_parsing() {
    let doc = parse("## A&#27;]0;x&#7;\n\nText &#27;[31m red &#155;\n");
    let all = format!("{:?}", doc);
    assert!(!all.contains('\u{1b}') && !all.contains('\u{9b}') && !all.contains('\u{7}'));
    assert!(doc.sections[0].title.contains('\u{241b}'));
}

#[test]
fn deep_nesting_is_flattened_not_recursed() {
    let md = ">".repeat(50_000) + " deep";
    let doc = parse(&md);
    let words: usize = doc.sections.iter().map(|s| s.words).sum();
    assert_eq!(words, 1);
    let list: String = (0..5000).map(|i| format!("{}- x\n", "  ".repeat(i))).collect();
    assert!(!parse(&list).sections.is_empty());
}

#[test]
fn every_paragraph_of_the_briefing_matches_the_original() {
    let seed = include_str!("../../../tests/fixtures/seed.txt");
    let doc = parse(crate::source::EMBEDDED);
    let paras: Vec<String> = doc.sections.iter().flat_map(|s| s.prose()).map(|(_, t)| t).collect();
    let originals: Vec<&str> = seed.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(paras, originals);
    assert_eq!(doc.title, seed.lines().nth(1).unwrap());
    assert_eq!(doc.metadata.iter().find(|(k, _)| k == "kind").map(|(_, v)| v.as_str()), Some("Blog"));
    for s in &doc.sections {
        assert_eq!(s.claim.origin, ClaimOrigin::Authored);
        assert!(s.claim.text.chars().count() <= 120);
        assert!((2..=6).contains(&s.title.split_whitespace().count()));
    }
}

#[test]
fn only_the_opening_dashes_are_front_matter() {
    // A changelog that separates releases with `---` lines: the parser
    // alone would read the first release as front matter and lose it.
    let text =
        "# Changelog\n\nNotes.\n\n---\n## 2.0.1 - 2025-06-09\n\n- A fix.\n\n---\n## 2.0.0 - 2024-08-04\n\n- First.\n";
    let doc = parse(text);
    assert_eq!(doc.title, "Changelog");
    assert_eq!(titles(&doc), ["Notes", "2.0.1 - 2025-06-09", "2.0.0 - 2024-08-04"]);
    assert!(doc.metadata.is_empty());
    let doc = parse("---\ntitle: Real\n---\n\n## A\n\nText.\n\n---\nkey: not metadata\n---\n");
    assert_eq!(doc.title, "Real");
    assert_eq!(doc.metadata.len(), 1);
    assert_eq!(outline("# T\n\nx\n\n---\n## A\n\ny\n\n---\n## B\n").map(|o| o.len()), Some(3));
}

#[test]
fn the_stream_gives_the_head_and_then_sections_as_they_complete() {
    let text = crate::sample::document(1_000_000);
    let mut pieces = Vec::new();
    stream::parse_in_pieces(&text, &mut |p| pieces.push(p));
    assert!(matches!(pieces.first(), Some(stream::Piece::Head { .. })));
    let sections: Vec<&crate::document::Section> = pieces
        .iter()
        .filter_map(|p| match p {
            stream::Piece::Sections(s) => Some(s),
            stream::Piece::Head { .. } => None,
        })
        .flatten()
        .collect();
    // A few sections at a time, never all at once.
    let largest =
        pieces.iter().filter_map(|p| if let stream::Piece::Sections(s) = p { Some(s.len()) } else { None }).max();
    assert!(pieces.len() > 20 && largest < Some(sections.len() / 10), "{} pieces, largest {largest:?}", pieces.len());
    // Numbered as one document: ids increase across pieces.
    let ids: Vec<u32> = sections.iter().map(|s| s.heading_id).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(sections.len(), outline(&text).map(|o| o.len()).unwrap_or(0));
}

#[test]
fn a_section_parsed_alone_is_the_section_the_whole_parse_gives() {
    let texts = [
        crate::sample::document(300_000),
        crate::source::EMBEDDED.to_string(),
        "# T\n\nOpening.\n\n## A\n\n> quote\n\n- a\n- b\n\n```rust\nfn x() {}\n```\n\n### Sub\n\n<!-- claim: Ours. -->\n\n## B\n\n| a |\n|---|\n| 1 |\n".to_string(),
    ]
    .into_iter()
    .chain(cut_otherwise())
    // Code under a heading, long: cut into blocks, and the section goes on
    // (a line of code counts as a few events).
    .chain([format!("# T\n\n## S\n\n```rust\n{}```\n\n## After\n\nText.\n", "let x = 1;\n".repeat(40_000))])
    // Indented code too: it starts where its line does, so that a section
    // cut there reads as code, parsed alone.
    .chain([format!("# T\n\n## S\n\n{}\n## After\n\nText.\n", "    let x = 1;\n".repeat(60_000))]);
    for text in &texts.collect::<Vec<_>>() {
        let text = &*tame(text);
        let whole = parse_structure(text);
        let (entries, plan) = outline_and_plan(text);
        let entries = entries.unwrap();
        let defs = window::Definitions::of(text, window::WINDOW);
        assert_eq!(entries.len(), whole.sections.len());
        if text.contains("```rust\nlet x") || text.contains("\n    let x") {
            assert!(entries.iter().filter(|e| e.title == "S (continued)").count() >= 2);
        }
        for (k, e) in entries.iter().enumerate().filter(|(_, e)| e.level > 0) {
            assert_eq!((e.title.as_str(), e.level), (whole.sections[k].title.as_str(), whole.sections[k].level));
            let end = entries.get(k + 1).map_or(text.len(), |n| n.offset);
            let alone = stream::sections_at(text, e.offset..end, e.line, &plan, &defs);
            assert_eq!(alone.as_slice(), std::slice::from_ref(&whole.sections[k]), "section {k}");
        }
        // Several at once, to the end.
        let from = &entries[entries.len() / 2];
        let alone = stream::sections_at(text, from.offset..text.len(), from.line, &plan, &defs);
        assert_eq!(alone.as_slice(), &whole.sections[entries.len() / 2..]);
    }
}

#[test]
fn the_outlines_plan_cuts_the_parse_as_its_own_would() {
    let texts =
        [crate::sample::document(300_000), crate::source::EMBEDDED.to_string(), "Plain words only.\n".to_string()];
    for text in texts.into_iter().chain(cut_otherwise()) {
        let text = tame(&text).into_owned();
        let (_, plan) = outline_and_plan(&text);
        let defs = window::Definitions::between_windows(&text, window::WINDOW);
        assert_eq!(parse_structure_planned(&text, plan, &defs), parse_structure(&text));
    }
}

#[test]
fn one_pass_finds_the_plan_and_the_definitions_two_passes_find() {
    let texts = [
        crate::sample::document(300_000),
        crate::source::EMBEDDED.to_string(),
        "# Title\n\nSee [a] and [^n].\n\n## One\n\n[a]: https://example.com \"A\"\n\n[^n]: A note.\n".to_string(),
        "Plain words only.\n".to_string(),
    ];
    for text in &texts {
        let (plan, defs) = plan_and_definitions(text);
        assert_eq!(plan, plan_of(text));
        assert_eq!(defs, window::Definitions::of(text, window::WINDOW));
    }
    // The third defines a link and a note: the pass found them.
    assert_ne!(plan_and_definitions(&texts[2]).1, window::Definitions::default());
}

#[test]
fn a_paragraph_of_many_lines_under_a_heading_is_a_few_spans_and_reads_as_before() {
    let lines: String = (0..1000).map(|i| format!("line {i}\n")).collect();
    let doc = parse(&format!("# Title\n\n## Section\n\n{lines}"));
    let BlockKind::Paragraph(spans) = &doc.sections[0].blocks[0].kind else { panic!("a paragraph") };
    // The line ends read as the spaces they are, in the text: one span.
    assert_eq!(spans.len(), 1, "{} spans", spans.len());
    assert_eq!(plain_text(spans), lines.trim_end().replace('\n', " "));
    // Without headings, every line end stays: one line a paragraph is a
    // section a line.
    let line = "A line long enough to stand as a paragraph of its own, as plain text written one paragraph a line \
                often is, with more words after.\n";
    let doc = parse(&line.repeat(50));
    assert_eq!(doc.sections.iter().map(|s| s.blocks.len()).sum::<usize>(), 50);
}

/// Documents cut into sections otherwise than at their headings
/// ([`Cuts`]): more headings than text, and sections too long to hold.
fn cut_otherwise() -> Vec<String> {
    vec![
        // Empty headings, one-line sections, setext headings.
        "#\n".repeat(20_000),
        "# a\n\nb\n\n".repeat(8_000),
        "a\n=\n\n".repeat(10_000),
        // Under one heading: one-word paragraphs, a long list, mixed blocks
        // (a quote, code, a sub-heading, an indented line, a definition
        // right before a paragraph), then a heading and more.
        format!("# T\n\n## S\n\n{}## After\n\nText.\n", "a\n\n".repeat(40_000)),
        format!("# T\n\n## S\n\n{}", "- a\n".repeat(60_000)),
        // One block of raw HTML (cut before its lines that open one).
        format!("# T\n\n## S\n\n<div>\n{}</div>\n\n## After\n\nText.\n", "<div>a</div>\n".repeat(60_000)),
        // Rules and raw HTML blocks (and comments and annotations, which
        // are no place to cut: the parse keeps no block there or reads it).
        format!("# T\n\n## S\n\n{}", "***\n\n<p>a</p>\n\n<!-- x -->\n\n<!-- claim: C. -->\n\n".repeat(12_000)),
        format!(
            "# T\n\nOpening.\n\n## S\n\n{}## After\n\nText.\n",
            "Words [here].\n\n> quoted\n\n```\ncode\n```\n\n### Sub\n\n    indented\n\n[here]: http://x\nnext\n\n"
                .repeat(3_000)
        ),
    ]
}

#[test]
fn a_document_of_more_headings_than_text_has_a_section_for_each_few_hundred_bytes() {
    for text in &cut_otherwise()[..3] {
        let doc = parse_structure(text);
        let most = FREE_SECTIONS + text.len() / BYTES_A_SECTION;
        assert!(doc.sections.len() <= most, "{} sections in {} bytes", doc.sections.len(), text.len());
        assert!(doc.sections.len() >= most / 2, "{} sections in {} bytes", doc.sections.len(), text.len());
        // The headings past are kept, as headings inside the sections.
        let headings = |s: &crate::document::Section| {
            s.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Heading { .. })).count()
        };
        let kept: usize = doc.sections.iter().map(|s| 1 + headings(s)).sum();
        assert!(kept >= 8_000, "{kept} headings kept");
    }
    // A document of a few thousand short sections is cut at every heading.
    let changelog: String = (0..3_000).map(|i| format!("## 1.{i}\n\n- Fix.\n\n")).collect();
    assert_eq!(parse_structure(&changelog).sections.len(), 3_000);
}

#[test]
fn a_section_too_long_to_hold_goes_on_as_sections_titled_after_it() {
    let texts = cut_otherwise();
    for text in &texts[3..] {
        let doc = parse_structure(&tame(text));
        let long: Vec<&crate::document::Section> = doc.sections.iter().filter(|s| s.title.starts_with("S")).collect();
        assert!(long.len() >= 4, "{} pieces of S", long.len());
        assert_eq!(long[0].title, "S");
        assert!(long[1..].iter().all(|s| s.title == "S (continued)" && s.level == 2 && s.alone));
        // Each piece a bounded part of the text.
        let events = |s: &crate::document::Section| s.blocks.iter().map(|b| b.text().len()).sum::<usize>();
        assert!(long.iter().all(|s| events(s) < 40_000), "{:?}", long.iter().map(|s| events(s)).collect::<Vec<_>>());
    }
    // What follows the long section is cut at its heading, as ever.
    assert_eq!(parse_structure(&texts[3]).sections.last().unwrap().title, "After");
}

#[test]
fn a_github_alert_is_a_quote_that_begins_with_its_kind_not_its_marker() {
    let md = "# Crate\n\n> [!WARNING]\n> This crate is no longer maintained; use the standard macro instead.\n\nIt picks items by configuration.\n\n## Use\n\n> [!NOTE]\n> Needs Rust 1.80.\n";
    let doc = parse(md);
    let BlockKind::Quote(inner) = &doc.sections[0].blocks[0].kind else {
        panic!("a quote: {:?}", doc.sections[0].blocks)
    };
    assert_eq!(inner[0].text(), "Warning");
    assert!(super::events::is_alert_label(&inner[0]));
    assert_eq!(inner[1].text(), "This crate is no longer maintained; use the standard macro instead.");
    // Neither the marker nor the kind is the opening's title or its claim.
    let first = &doc.sections[0];
    assert!(first.title.starts_with("This crate is no longer"), "{:?}", first.title);
    assert!(
        first.full_claim().is_some_and(|c| !c.contains("[!") && !c.starts_with("Warning")),
        "{:?}",
        first.full_claim()
    );
    let BlockKind::Quote(note) = &doc.sections[1].blocks[0].kind else { panic!("a quote") };
    assert_eq!(note[0].text(), "Note");
    // A quote that only looks like one keeps its words.
    let plain = parse("> [!SOMETHING] else\n");
    assert!(plain.sections[0].blocks[0].text().contains("[!SOMETHING]"));
}

#[test]
fn indented_code_after_lines_ended_by_carriage_returns_starts_where_its_line_does() {
    // Found by fuzzing (the cut target): with lone carriage returns for line
    // ends, the outline took the code's line to start at the text's start,
    // and saw an opening section before the heading that the parse did not.
    for text in [" Title\r--\r\r\tcode", " Title\r\n--\r\n\r\n    code\r\n", " Title\n--\n\n\tcode"] {
        assert_eq!(titles(&parse_structure(text)), ["Title"], "{text:?}");
        assert_eq!(outline(text).map(|o| o.len()), Some(1), "the quick outline agrees on {text:?}");
    }
}
