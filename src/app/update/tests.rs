//! `update` driven by scripted actions: the unit tests of the reader's state.

/// `n` parts, each a `## Part i` heading over `sentence` (with `{i}` for
/// the part's number) said `times` times.
fn parts(n: usize, sentence: &str, times: usize) -> String {
    (1..=n).map(|i| format!("## Part {i}\n\n{}\n\n", sentence.replace("{i}", &i.to_string()).repeat(times))).collect()
}

/// A reader of `md` on a `w` x `h` screen.
fn reader(md: &str, w: u16, h: u16) -> super::Model {
    let mut m = super::Model::new(crate::document::parse(md), w, h);
    super::update(&mut m, super::Action::Resize(w, h));
    m
}

mod actions {
    use super::super::*;
    use super::{parts, reader};
    use crate::document::parse;
    use std::sync::Arc;

    /// Twelve parts of twelve sentences.
    fn twelve_parts() -> String {
        parts(12, "Sentence number {i} says something. ", 12)
    }

    /// A reader showing the first two parts of `md` while the rest loads.
    fn opening_of(md: &str) -> Model {
        let cut = md.find("## Part 3").unwrap();
        let mut m = Model::new(parse(&md[..cut]), 100, 30);
        m.load.loading = true;
        update(&mut m, Action::Resize(100, 30));
        m
    }

    #[test]
    fn the_outline_fills_the_sidebar_before_the_text_arrives() {
        let md = twelve_parts();
        let mut m = opening_of(&md);
        assert_eq!(m.sidebar_entries().len().min(2), 2);
        loaded(&mut m, Loaded::Outline(crate::document::parse::outline(&md).unwrap()));
        assert_eq!(m.section_count(), 12);
        update(&mut m, Action::ToggleFocus);
        update(&mut m, Action::SidebarMove(20));
        assert_eq!(m.lists.selected, 11, "every title can be selected");
        let titles: Vec<String> = m.sidebar_entries().iter().map(|e| e.title.clone()).collect();
        assert!(titles.iter().any(|t| t == "12 Part 12"), "{titles:?}");
        update(&mut m, Action::SidebarOpen);
        assert_eq!(m.notice.as_deref(), Some("Section 12 is still loading"));
        let whole = parse(&md);
        let wrapped = crate::layout::wrap(&whole, &Default::default(), m.text_width());
        loaded(&mut m, Loaded::Whole { doc: Arc::new(whole), wrapped: Box::new(wrapped), claims_follow: false });
        assert!(m.load.outline.is_empty() && !m.load.loading);
        update(&mut m, Action::GotoSection(9));
        assert_eq!(m.current_section(), 8);
    }

    #[test]
    fn end_shows_the_last_row_when_the_last_sections_claim_band_is_taller() {
        // No sidebar at 40 columns: the band above the text shows the claim
        // of the section read, a line for the first, three for the last.
        let long = "This last part makes one rather long claim that wraps over several rows here. ";
        let md = format!(
            "# T\n\n## A\n\nShort claim.\n\n{}## B\n\n{}\n\nThe very last words.\n",
            "Text.\n\n".repeat(20),
            long
        );
        let mut m = reader(&md, 40, 12);
        assert!(!m.sidebar_shown());
        update(&mut m, Action::Bottom);
        let rows = m.layout.wrapped.len();
        assert!(m.top + m.page() >= rows, "top {} + page {} < {rows} rows", m.top, m.page());
        assert_eq!(m.percent(), 100);
    }

    #[test]
    fn end_pressed_while_loading_reaches_the_end_of_the_whole_document() {
        let md = twelve_parts();
        let whole = parse(&md);
        for then_scroll in [false, true] {
            let mut m = opening_of(&md);
            update(&mut m, Action::Bottom);
            if then_scroll {
                update(&mut m, Action::ScrollLines(-1));
            }
            let wrapped = crate::layout::wrap(&whole, &Default::default(), m.text_width());
            loaded(
                &mut m,
                Loaded::Whole { doc: Arc::new(whole.clone()), wrapped: Box::new(wrapped), claims_follow: false },
            );
            assert_eq!(m.percent() == 100, !then_scroll, "a later key cancels the wish");
            assert_eq!(m.notice, None, "the end is in: nothing is awaited");
        }
    }

    /// The outline and the whole text of `md` come to `m`, a reader of its
    /// opening: every section is there, the rest as titles.
    fn with_titles(mut m: Model, md: &str) -> Model {
        let (outline, _) = crate::document::parse::outline_and_split(md).unwrap();
        loaded(&mut m, Loaded::Outline(outline));
        loaded(&mut m, Loaded::Text(source_of(md)));
        m
    }

    /// The source the background read sends for `md`.
    fn source_of(md: &str) -> crate::document::Source {
        use crate::document::parse::window::{Definitions, WINDOW};
        let (_, plan) = crate::document::parse::outline_and_plan(md);
        let defs = Arc::new(Definitions::of(md, WINDOW));
        crate::document::Source::of(&Arc::from(md), &plan, &defs)
    }

    /// The sections asked for, parsed as the shell parses them.
    fn parsed(source: &crate::document::Source, range: std::ops::Range<usize>, line: usize) -> Loaded {
        let s = source;
        Loaded::Parsed(s.sections_at(range, line))
    }

    /// Parses what the reader asks for, as the shell would, until it asks
    /// for nothing more.
    fn parse_what_is_asked(m: &mut Model) {
        while let Effect::Parse { source, range, line } = update(m, Msg::Idle) {
            update(m, Msg::Part(parsed(&source, range, line)));
        }
    }

    #[test]
    fn with_the_text_in_every_section_is_there_and_the_end_is_parsed_alone() {
        let md = twelve_parts();
        let whole = parse(&md);
        let mut m = opening_of(&md);
        update(&mut m, Action::Bottom);
        let (outline, _) = crate::document::parse::outline_and_split(&md).unwrap();
        loaded(&mut m, Loaded::Outline(outline));
        let source = source_of(&md);
        loaded(&mut m, Loaded::Text(source.clone()));
        assert_eq!(m.doc.sections.len(), 12, "the sections after the opening, as their titles");
        assert_eq!(m.notice.as_deref(), Some("The end, once the rest is read…"));
        // The end is on screen: it is asked for, parsed elsewhere, shown.
        let Effect::Parse { source: asked, range, line } = update(&mut m, Msg::Idle) else {
            panic!("the sections on screen are asked for")
        };
        assert!(Arc::ptr_eq(&asked.text, &source.text) && range.end == md.len());
        assert_eq!(update(&mut m, Msg::Idle), Effect::None, "one parse at a time");
        update(&mut m, Msg::Part(parsed(&asked, range, line)));
        assert_eq!((m.percent(), m.notice.as_deref()), (100, None));
        let last = |m: &Model| -> Vec<String> {
            let w = &m.layout.wrapped;
            w.rows_at(w.section_start[11]..w.len()).iter().map(|r| r.text()).collect()
        };
        let mut full = Model::new(whole.clone(), 100, 30);
        assert_eq!(last(&m), last(&full), "the end as the whole document shows it");
        update(&mut full, Action::Bottom);
        assert_eq!((m.top, m.current_section()), (full.top, 11), "the last section is the one read, as at the end");
        // A search while the text is read says what it searched.
        update(&mut m, Action::SearchStart);
        update(&mut m, Msg::Paste("no such words".to_string()));
        update(&mut m, Action::PromptSubmit);
        assert_eq!(m.notice.as_deref(), Some("Not found in what is read so far: no such words"));
        // The whole document takes over where the reader is.
        let wrapped = crate::layout::wrap(&whole, &Default::default(), m.text_width());
        loaded(&mut m, Loaded::Whole { doc: Arc::new(whole), wrapped: Box::new(wrapped), claims_follow: false });
        assert_eq!(m.percent(), 100);
        assert!(m.load.text.is_none() && m.load.unparsed.is_empty());
    }

    #[test]
    fn a_jump_into_sections_still_titles_holds_as_they_are_parsed_and_replaced() {
        let md = twelve_parts();
        let whole = parse(&md);
        let mut m = with_titles(opening_of(&md), &md);
        update(&mut m, Action::GotoSection(11));
        parse_what_is_asked(&mut m);
        let at_heading = |m: &Model| m.layout.wrapped.section_start[m.current_section()] == m.top;
        assert_eq!(m.current_section(), 10);
        assert!(at_heading(&m), "section 11 at the top, not where its title was");
        update(&mut m, Action::ScrollLines(1));
        let here = |m: &Model| (m.layout.wrapped.anchor(m.top), m.layout.wrapped.row(m.top).unwrap().text());
        let before = here(&m);
        let wrapped = crate::layout::wrap(&whole, &Default::default(), m.text_width());
        loaded(&mut m, Loaded::Whole { doc: Arc::new(whole), wrapped: Box::new(wrapped), claims_follow: false });
        assert_eq!(here(&m), before, "the same row of the same block at the top");
    }

    #[test]
    fn sections_parsed_on_the_way_keep_only_their_places_while_the_text_is_read() {
        let md = parts(40, "Sentence number {i} says something. ", 40);
        let mut m = with_titles(opening_of(&md), &md);
        update(&mut m, Action::GotoSection(5));
        parse_what_is_asked(&mut m);
        update(&mut m, Action::GotoSection(35));
        parse_what_is_asked(&mut m);
        let w = &m.layout.wrapped;
        assert!(w.is_stub(4), "section 5, parsed on the way, keeps only its rows' places");
        assert!(m.doc.sections[4].parked, "and lets go of its blocks");
        assert!(!m.doc.sections[0].parked, "the opening keeps its own");
        let here = m.current_section();
        assert_eq!(here, 34);
        assert!(!w.is_stub(here), "the section on screen has its text");
        // The rows shown, and section 5's when it is back on screen, are the
        // whole document's.
        let full = Model::new(parse(&md), 100, 30);
        let rows_of = |m: &Model, i: usize| -> Vec<String> {
            let w = &m.layout.wrapped;
            w.section_rows(&m.doc, &m.layout.code, i).iter().map(|r| r.text()).collect()
        };
        assert_eq!(rows_of(&m, here), rows_of(&full, here));
        assert_eq!(rows_of(&m, 4), rows_of(&full, 4));
        update(&mut m, Action::GotoSection(5));
        assert!(!m.layout.wrapped.is_stub(4), "back on screen, laid out with its text");
        assert_eq!(
            m.layout.wrapped.row(m.top).unwrap().text(),
            full.layout.wrapped.row(full.layout.wrapped.section_start[4]).unwrap().text()
        );
    }

    /// Where the links of section `k` (from 1) lead, once the reader, which
    /// has only the opening of `md` parsed, jumps there and parses it alone.
    fn links_of_part_reached_early(md: &str, k: usize) -> Vec<String> {
        let cut = md.find("## Part 3").unwrap();
        let mut m = Model::new(parse(&md[..cut]), 100, 30);
        m.load.loading = true;
        let mut m = with_titles(m, md);
        update(&mut m, Action::GotoSection(k));
        parse_what_is_asked(&mut m);
        let w = &m.layout.wrapped;
        w.rows_at(w.section_start[k - 1]..w.section_start[k])
            .iter()
            .flat_map(|r| &r.segments)
            .filter(|s| s.role.link > 0)
            .map(|s| w.links.get(s.role.link as usize - 1).unwrap().to_string())
            .collect()
    }

    #[test]
    fn links_in_sections_parsed_alone_lead_where_they_say() {
        let md = parts(12, "See [site {i}](https://x.example/{i}) for part {i}. ", 12);
        let links = links_of_part_reached_early(&md, 7);
        assert!(!links.is_empty(), "part 7's links are laid out");
        assert!(links.iter().all(|l| l == "https://x.example/7"), "{links:?}");
    }

    #[test]
    fn a_section_parsed_alone_links_to_what_the_end_of_the_text_defines() {
        // Far more parts than are parsed at once: the definition is not in
        // the range parsed.
        let mut md = parts(60, "See [the site][site] for part {i}. ", 12);
        md.push_str("## Links\n\n[site]: https://x.example/site\n");
        let links = links_of_part_reached_early(&md, 7);
        assert!(!links.is_empty() && links.iter().all(|l| l == "https://x.example/site"), "{links:?}");
    }

    #[test]
    fn long_code_under_one_heading_keeps_a_few_thousand_rows_laid_out_at_its_end() {
        // 60,000 lines of Rust: each row is a handful of coloured pieces,
        // so the section it goes on in, which the screen keeps whole, is
        // about 4,000 lines (it was 16,000: 24,244 rows kept here).
        let md = format!("# T\n\n## S\n\n```rust\n{}```\n", "let x = 1;\n".repeat(60_000));
        let mut m = Model::new(parse(&md), 100, 30);
        let (d, code) = (Arc::clone(&m.doc), Arc::clone(&m.layout.code));
        let stubbed = crate::layout::wrap_stubbed(&d, &code, m.text_width());
        update(&mut m, Msg::Laid { doc: d, code, wrapped: Some(stubbed) });
        update(&mut m, Action::Bottom);
        let rows = m.layout.wrapped.all_rows();
        assert!(rows.len() > 60_000);
        assert_eq!(rows.last().map(|r| r.text()), Some("let x = 1;".to_string()), "the end is shown");
        let live = rows.iter().filter(|r| !r.segments.is_empty()).count();
        assert!(live < 16_000, "{live} rows laid out with their text at the end");
    }

    #[test]
    fn a_large_document_keeps_only_the_rows_near_the_screen_and_shows_and_finds_the_same() {
        let doc = parse(&crate::sample::document(2_000_000));
        let mut whole = Model::new(doc.clone(), 100, 30);
        let mut kept = Model::new(doc, 100, 30);
        assert!(kept.is_large());
        // The layout made elsewhere keeps only its rows' places.
        let (d, code) = (Arc::clone(&kept.doc), Arc::clone(&kept.layout.code));
        let stubbed = crate::layout::wrap_stubbed(&d, &code, kept.text_width());
        update(&mut kept, Msg::Laid { doc: d, code, wrapped: Some(stubbed) });
        let screen = |m: &Model| -> Vec<String> {
            m.layout
                .wrapped
                .rows_at(m.top..(m.top + m.page()).min(m.layout.wrapped.len()))
                .iter()
                .map(|r| r.text())
                .collect()
        };
        let search = |m: &mut Model, q: &str| {
            update(m, Action::SearchStart);
            update(m, Msg::Paste(q.to_string()));
            update(m, Action::PromptSubmit);
        };
        for m in [&mut whole, &mut kept] {
            update(m, Action::Bottom);
            search(m, "Section 120:");
        }
        assert_eq!(kept.search.as_ref().map(|s| s.matches.len()), whole.search.as_ref().map(|s| s.matches.len()));
        assert_eq!((kept.top, screen(&kept)), (whole.top, screen(&whole)), "the match far away, shown the same");
        for m in [&mut whole, &mut kept] {
            update(m, Action::GotoPercent(50));
            update(m, Action::ScrollPages(3));
        }
        assert_eq!((kept.top, screen(&kept)), (whole.top, screen(&whole)));
        assert!(
            kept.layout.wrapped.live_sections() < 200,
            "{} sections keep their text",
            kept.layout.wrapped.live_sections()
        );
        assert!(kept.layout.wrapped.has_stubs() && !whole.layout.wrapped.has_stubs());
    }

    #[test]
    fn a_large_document_read_elsewhere_lets_go_of_its_blocks_and_shows_and_finds_the_same() {
        // Links and a footnote defined at the end, used all through.
        let mut md = parts(2500, "Sentence {i} says [a ref][r] and more words[^n] here. ", 12);
        md.push_str("## Notes\n\n[r]: https://x.example/r\n\n[^n]: The note.\n");
        let text: Arc<str> = Arc::from(md.as_str());
        let (_, plan) = crate::document::parse::outline_and_plan(&text);
        let defs = Arc::new(crate::document::parse::window::Definitions::of(&text, 256 * 1024));
        let mut whole = Model::new(parse(&md), 100, 30);
        update(&mut whole, Action::Resize(100, 30));
        let mut parked = opening_of(&md);
        let (doc, wrapped) = crate::library::parse_and_lay_out(&text, plan, &defs, "", parked.text_width(), 2501);
        assert!(doc.sections.iter().filter(|s| s.parked).count() > 2400, "sections let go of their blocks");
        loaded(&mut parked, Loaded::Whole { doc: Arc::new(doc), wrapped: Box::new(wrapped), claims_follow: true });
        let found = {
            let mut finder = crate::document::claim::Finder::default();
            finder.add(&crate::document::parse::parse_structure(&md).sections);
            finder.finish(None, None).collect::<Vec<_>>()
        };
        loaded(&mut parked, Loaded::Claims(found));
        assert!(parked.is_large() && !parked.loading());
        let screen = |m: &Model| m.layout.wrapped.rows_at(m.top..m.top + m.page());
        let search = |m: &mut Model, q: &str| {
            update(m, Action::SearchStart);
            update(m, Msg::Paste(q.to_string()));
            update(m, Action::PromptSubmit);
        };
        for m in [&mut whole, &mut parked] {
            update(m, Action::GotoSection(1800));
        }
        assert_eq!((parked.top, screen(&parked)), (whole.top, screen(&whole)), "links and notes resolved alike");
        assert!(screen(&parked).iter().flat_map(|r| &r.segments).any(|s| s.role.link > 0));
        for m in [&mut whole, &mut parked] {
            search(m, "Sentence 2400 says");
        }
        let matches = |m: &Model| m.search.as_ref().map(|s| s.matches.clone());
        assert_eq!(matches(&parked), matches(&whole));
        assert_eq!((parked.top, screen(&parked)), (whole.top, screen(&whole)), "the match far away, shown the same");
        for m in [&mut whole, &mut parked] {
            update(m, Action::Bottom);
            update(m, Action::Resize(70, 20));
        }
        assert_eq!((parked.top, screen(&parked)), (whole.top, screen(&whole)), "a new width near the screen");
        // The place a jump saves is the same place.
        let anchor = |m: &Model| m.place_of(m.layout.wrapped.anchor(m.top));
        assert_eq!(anchor(&parked), anchor(&whole));
        assert!(crate::app::links::find_anchor(&parked.doc, "part-2499").is_some());
        assert_eq!(
            crate::app::links::find_anchor(&parked.doc, "part-2499"),
            crate::app::links::find_anchor(&whole.doc, "part-2499")
        );
        assert_eq!(
            crate::app::links::find_footnote(&parked.doc, "n"),
            crate::app::links::find_footnote(&whole.doc, "n")
        );
    }

    #[test]
    fn the_whole_text_comes_first_and_its_claims_after() {
        let md = twelve_parts();
        let claimed = parse(&md);
        let text = Arc::new(crate::document::parse::parse_structure(&md));
        let found = || {
            let mut finder = crate::document::claim::Finder::default();
            finder.add(&text.sections);
            finder.finish(None, None).collect::<Vec<_>>()
        };
        let mut m = opening_of(&md);
        let wrapped = crate::layout::wrap(&text, &Default::default(), m.text_width());
        loaded(
            &mut m,
            Loaded::Whole { doc: Arc::clone(&text), wrapped: Box::new(wrapped.clone()), claims_follow: true },
        );
        assert!(!m.loading() && m.finding_claims());
        assert_eq!(m.doc.sections.len(), 12);
        loaded(&mut m, Loaded::Claims(found()));
        assert!(!m.finding_claims());
        let claims = |d: &crate::document::Document| d.sections.iter().map(|s| s.claim.clone()).collect::<Vec<_>>();
        assert_eq!(claims(&m.doc), claims(&claimed), "the same claims as the whole parse");
        // The rows shown mark the claims as a layout of the claimed text does.
        update(&mut m, Action::GotoSection(5));
        let shown = |m: &Model, w: &crate::layout::WrappedDoc| w.rows_at(m.top..m.top + m.page());
        let marked = crate::layout::wrap(&claimed, &Default::default(), m.text_width());
        assert_eq!(shown(&m, &m.layout.wrapped), shown(&m, &marked));
        assert!(shown(&m, &marked).iter().flat_map(|r| &r.segments).any(|s| s.role.claim));
        // Claims for a text the reader no longer shows are dropped.
        let mut m = opening_of(&md);
        loaded(&mut m, Loaded::Whole { doc: Arc::clone(&text), wrapped: Box::new(wrapped), claims_follow: true });
        let other = parse(&parts(12, "Other words {i} here. ", 3));
        m.reload(other.clone(), None);
        loaded(&mut m, Loaded::Claims(found()));
        assert_eq!(claims(&m.doc), claims(&other));
    }

    #[test]
    fn a_search_stays_exact_while_a_new_width_is_laid_out_near_the_screen() {
        let mut m = Model::new(parse(&crate::sample::document(1_500_000)), 120, 40);
        update(&mut m, Action::Resize(120, 40));
        update(&mut m, Action::SearchStart);
        update(&mut m, Msg::Paste("rare earth".to_string()));
        update(&mut m, Action::PromptSubmit);
        let whole_search = |m: &Model| {
            let s = m.search.as_ref().expect("a search");
            (s.matches.clone(), search::find_in(&m.layout.wrapped, &m.doc, &m.layout.code, &s.query))
        };
        update(&mut m, Action::Resize(70, 30));
        assert!(m.layout.wrapped.partial(), "only the sections near the screen have the new width");
        for step in [Action::ScrollPages(3), Action::NextMatch, Action::GotoPercent(60), Action::NextMatch] {
            update(&mut m, step);
            let (kept, found) = whole_search(&m);
            assert_eq!(kept, found, "after {step:?}");
        }
    }

    fn long_doc() -> Model {
        reader(&parts(12, "Sentence number {i} says something long enough. ", 12), 100, 30)
    }

    #[test]
    fn line_and_page_scrolling_clamp_at_both_ends() {
        let mut m = long_doc();
        update(&mut m, Action::ScrollLines(-5));
        assert_eq!(m.top, 0);
        update(&mut m, Action::ScrollLines(3));
        assert_eq!(m.top, 3);
        update(&mut m, Action::ScrollPages(1));
        assert_eq!(m.top, 3 + m.page() - 2);
        update(&mut m, Action::ScrollHalfPages(-1));
        assert_eq!(m.top, 3 + m.page() - 2 - m.page() / 2);
        update(&mut m, Action::ScrollLines(1_000_000));
        assert_eq!(m.top, m.max_top());
        update(&mut m, Action::ScrollPages(-1_000));
        assert_eq!(m.top, 0);
    }

    #[test]
    fn top_and_bottom_jump_and_back_returns() {
        let mut m = long_doc();
        update(&mut m, Action::ScrollLines(7));
        update(&mut m, Action::Bottom);
        assert_eq!(m.top, m.layout.wrapped.len() - m.page());
        assert_eq!(m.percent(), 100);
        update(&mut m, Action::Back);
        assert_eq!(m.top, 7);
        update(&mut m, Action::Top);
        assert_eq!(m.top, 0);
        update(&mut m, Action::Back);
        assert_eq!(m.top, 7);
        update(&mut m, Action::Back);
        assert_eq!(m.notice.as_deref(), Some("Nowhere to go back to"));
    }

    #[test]
    fn the_end_already_on_screen_stays_there_when_end_is_pressed() {
        // Two short sections on a tall screen: a page down brings the last
        // heading to the top, the end is on screen, and `G` keeps it so
        // (it went back to the first screen, the end of a whole page).
        let mut m = reader("## One\n\nFirst words.\n\n## Two\n\nLast words.\n", 80, 24);
        update(&mut m, Action::ScrollPages(1));
        let at = m.top;
        assert!(at > 0 && at == m.layout.wrapped.section_start[1], "the last heading at the top: {at}");
        update(&mut m, Action::Bottom);
        assert_eq!((m.top, m.percent()), (at, 100));
        update(&mut m, Action::Top);
        update(&mut m, Action::Bottom);
        assert_eq!(m.top, 0, "from the top, the end is the first screen");
    }

    #[test]
    fn section_keys_move_between_headings() {
        let mut m = long_doc();
        update(&mut m, Action::NextSection);
        assert_eq!(m.current_section(), 1);
        assert_eq!(m.top, m.layout.wrapped.section_start[1]);
        update(&mut m, Action::ScrollLines(2));
        update(&mut m, Action::PrevSection);
        assert_eq!(m.top, m.layout.wrapped.section_start[1], "[ goes to the start of the current section first");
        update(&mut m, Action::PrevSection);
        assert_eq!(m.current_section(), 0);
        update(&mut m, Action::GotoSection(12));
        assert_eq!(m.current_section(), 11, "the last section's heading can reach the top");
        update(&mut m, Action::NextSection);
        assert_eq!(m.notice.as_deref(), Some("Last section"));
        update(&mut m, Action::GotoSection(40));
        assert!(m.notice.as_deref().unwrap().starts_with("No section 40"));
        assert_eq!(m.current_section(), 11);
    }

    #[test]
    fn search_finds_jumps_and_cycles() {
        let mut m = long_doc();
        update(&mut m, Action::SearchStart);
        assert_eq!(m.mode(), Mode::Search);
        for c in "NUMBER 9".chars() {
            update(&mut m, Action::PromptInput(c));
        }
        update(&mut m, Action::PromptErase);
        update(&mut m, Action::PromptInput('9'));
        update(&mut m, Action::PromptSubmit);
        assert_eq!(m.mode(), Mode::Normal);
        let s = m.search.clone().unwrap();
        assert_eq!(s.matches.len(), 12);
        let row = s.matches[0].row;
        assert!(row >= m.top && row < m.top + m.page(), "the first match is on screen");
        update(&mut m, Action::NextMatch);
        assert_eq!(m.search.as_ref().unwrap().current, 1);
        update(&mut m, Action::PrevMatch);
        update(&mut m, Action::PrevMatch);
        assert_eq!(m.search.as_ref().unwrap().current, 11);
        assert_eq!(m.notice.as_deref(), Some("Search wrapped around"));
        update(&mut m, Action::Escape);
        assert!(m.search.is_none());
    }

    #[test]
    fn a_failed_search_says_so_and_escape_cancels_typing() {
        let mut m = long_doc();
        update(&mut m, Action::SearchStart);
        update(&mut m, Action::PromptInput('z'));
        update(&mut m, Action::PromptInput('q'));
        update(&mut m, Action::PromptSubmit);
        assert_eq!(m.notice.as_deref(), Some("Not found: zq"));
        update(&mut m, Action::SearchStart);
        update(&mut m, Action::PromptInput('x'));
        assert_eq!(update(&mut m, Action::Escape), Effect::None);
        assert_eq!(m.mode(), Mode::Normal);
        assert!(m.prompt_text().is_none());
        update(&mut m, Action::NextMatch);
        assert!(m.notice.as_deref().unwrap().contains("No search"));
    }

    #[test]
    fn the_sidebar_toggles_and_takes_focus() {
        let mut m = long_doc();
        assert!(m.sidebar_shown());
        let wide = m.layout.wrapped.width;
        update(&mut m, Action::ToggleSidebar);
        assert!(!m.sidebar_shown());
        assert!(m.layout.wrapped.width > wide, "the article takes the room");
        update(&mut m, Action::ToggleFocus);
        assert!(m.sidebar_shown());
        assert_eq!(m.focus, Focus::Sidebar);
        update(&mut m, Action::SidebarMove(3));
        update(&mut m, Action::SidebarMove(-1));
        assert_eq!(m.lists.selected, 2);
        update(&mut m, Action::SidebarMove(100));
        assert_eq!(m.lists.selected, 11);
        update(&mut m, Action::SidebarOpen);
        assert_eq!(m.focus, Focus::Article);
        assert_eq!(m.current_section(), 11);
        update(&mut m, Action::Back);
        assert_eq!(m.top, 0);
    }

    #[test]
    fn narrow_screens_overlay_the_sidebar_and_escape_closes_it() {
        let mut m = long_doc();
        update(&mut m, Action::Resize(40, 12));
        assert!(!m.sidebar_shown());
        update(&mut m, Action::ToggleSidebar);
        assert!(m.panes().overlay);
        update(&mut m, Action::Escape);
        assert!(!m.sidebar_shown());
    }

    #[test]
    fn help_opens_scrolls_and_closes_without_quitting() {
        let mut m = long_doc();
        update(&mut m, Action::ToggleHelp);
        assert_eq!(m.mode(), Mode::Help);
        update(&mut m, Action::HelpScroll(2));
        update(&mut m, Action::HelpScroll(-5));
        assert_eq!(m.help_top(), 0);
        assert_eq!(update(&mut m, Action::Escape), Effect::None);
        assert_eq!(m.mode(), Mode::Normal);
    }

    #[test]
    fn claims_marking_toggles() {
        let mut m = long_doc();
        assert!(m.view.show_claims);
        update(&mut m, Action::ToggleClaims);
        assert!(!m.view.show_claims);
    }

    #[test]
    fn quit_and_suspend_are_effects() {
        let mut m = long_doc();
        assert_eq!(update(&mut m, Action::Quit), Effect::Quit);
        assert_eq!(update(&mut m, Action::Suspend), Effect::Suspend);
    }

    #[test]
    fn a_resize_keeps_the_same_paragraph_at_the_top() {
        let mut m = long_doc();
        update(&mut m, Action::GotoSection(5));
        update(&mut m, Action::ScrollLines(3));
        let before = m.layout.wrapped.anchor(m.top);
        for (w, h) in [(60, 20), (200, 60), (45, 15), (100, 30)] {
            update(&mut m, Action::Resize(w, h));
            let now = m.layout.wrapped.anchor(m.top);
            assert_eq!(now.block, before.block, "at {w}x{h}");
            assert!(now.start <= before.start);
        }
    }

    #[test]
    fn the_wheel_scrolls_the_pane_under_the_pointer_and_clicks_jump() {
        let mut m = long_doc();
        let p = m.panes();
        update(&mut m, Action::Wheel { x: p.text.x + 1, y: 5, down: true });
        assert_eq!(m.top, 3);
        assert_eq!(m.focus, Focus::Article);
        let side = p.sidebar.unwrap();
        update(&mut m, Action::Wheel { x: side.x + 1, y: 5, down: true });
        assert_eq!(m.focus, Focus::Sidebar);
        assert_eq!(m.top, 3, "the article did not move");
        update(&mut m, Action::Escape);
        let entries = m.sidebar_entries();
        let third = entries.iter().find(|e| e.index == 2).unwrap();
        update(&mut m, Action::Click { x: side.x + 2, y: side.y + third.y });
        assert_eq!(m.current_section(), 2);
    }

    #[test]
    fn reading_time_left_falls_as_the_reader_moves() {
        let mut m = long_doc();
        let start = m.minutes_left();
        update(&mut m, Action::GotoSection(10));
        assert!(m.minutes_left() < start);
        update(&mut m, Action::Bottom);
        assert!(m.minutes_left() <= 1);
    }

    #[test]
    fn an_empty_document_ignores_every_action() {
        let mut m = Model::new(parse(""), 80, 24);
        for a in [
            Action::ScrollLines(1),
            Action::Bottom,
            Action::NextSection,
            Action::PrevSection,
            Action::GotoSection(1),
            Action::ToggleFocus,
            Action::SidebarMove(1),
            Action::SidebarOpen,
            Action::NextMatch,
            Action::Back,
        ] {
            update(&mut m, a);
            assert_eq!(m.top, 0);
        }
    }
}

mod reading {
    use super::super::*;
    use super::{parts, reader};

    #[test]
    fn marks_in_sections_not_yet_read_come_back_when_the_whole_text_arrives() {
        let md = parts(12, "Sentence number {i} says something. ", 12);
        let mut whole = Model::new(parse(&md), 100, 30);
        update(&mut whole, Action::GotoSection(10));
        update(&mut whole, Action::MarkSet);
        update(&mut whole, Action::MarkKey('z'));
        update(&mut whole, Action::GotoSection(1));
        let saved = whole.snapshot("h".into(), "k".into());
        // Reopened progressively: the opening holds parts 1 and 2 only.
        let cut = md.find("## Part 3").unwrap();
        let mut m = Model::new(parse(&md[..cut]), 100, 30);
        m.load.loading = true;
        update(&mut m, Msg::Resume(saved));
        m.file.content_hash = Some("h".into());
        let doc = parse(&md);
        let wrapped = crate::layout::wrap(&doc, &Default::default(), m.text_width());
        update(
            &mut m,
            Msg::Part(crate::app::Loaded::Whole {
                doc: std::sync::Arc::new(doc),
                wrapped: Box::new(wrapped),
                claims_follow: false,
            }),
        );
        update(&mut m, Action::MarkJump);
        update(&mut m, Action::MarkKey('z'));
        assert_eq!(m.doc.sections[m.layout.wrapped.section_at(m.top)].title, "Part 10");
    }
    use crate::document::parse;

    fn doc() -> Model {
        reader(&parts(6, "Sentence number {i} says something long enough. ", 12), 100, 20)
    }

    #[test]
    fn forward_undoes_back_and_a_new_jump_clears_it() {
        let mut m = doc();
        update(&mut m, Action::GotoSection(3));
        update(&mut m, Action::GotoSection(5));
        update(&mut m, Action::Back);
        assert_eq!(m.current_section(), 2);
        update(&mut m, Action::Forward);
        assert_eq!(m.current_section(), 4);
        update(&mut m, Action::Back);
        update(&mut m, Action::GotoSection(1));
        update(&mut m, Action::Forward);
        assert_eq!(m.notice.as_deref(), Some("Nowhere to go forward to"));
    }

    #[test]
    fn marks_name_places_for_this_run() {
        let mut m = doc();
        update(&mut m, Action::GotoSection(4));
        update(&mut m, Action::MarkSet);
        update(&mut m, Action::MarkKey('a'));
        update(&mut m, Action::Top);
        update(&mut m, Action::MarkJump);
        update(&mut m, Action::MarkKey('a'));
        assert_eq!(m.current_section(), 3);
        update(&mut m, Action::MarkJump);
        update(&mut m, Action::MarkKey('z'));
        assert_eq!(m.notice.as_deref(), Some("No mark 'z'"));
        // Any other action cancels a pending mark.
        update(&mut m, Action::MarkSet);
        update(&mut m, Action::ScrollLines(1));
        assert_eq!(m.nav.pending_mark, None);
    }

    #[test]
    fn opening_and_jumping_mark_nothing_read() {
        let mut m = doc();
        assert_eq!(m.read_count(), 0, "the first screen is not read by being shown");
        update(&mut m, Action::GotoSection(3));
        update(&mut m, Action::Bottom);
        assert_eq!(m.read_count(), 0, "jumps read nothing");
        update(&mut m, Action::Resize(200, 60));
        assert_eq!(m.read_count(), 0, "nor does a resize that shows more");
    }

    #[test]
    fn scrolling_through_a_section_reads_it() {
        let mut m = doc();
        let end = m.layout.wrapped.section_start[1];
        while m.top < end {
            update(&mut m, Action::ScrollLines(1));
        }
        assert!(m.reading.read[0], "scrolled from its start past its end");
        assert!(!m.reading.read[1], "the next one is still being read");
        // Paging on reads what was paged through from its start.
        update(&mut m, Action::ScrollPages(1));
        update(&mut m, Action::ScrollPages(1));
        let passed = m.layout.wrapped.section_at(m.top);
        assert!((1..passed).all(|s| m.reading.read[s]), "{:?}", m.reading.read);
        // A section entered by a jump part-way is not read by scrolling past it.
        let mut n = doc();
        update(&mut n, Action::GotoSection(3));
        update(&mut n, Action::ScrollLines(2));
        update(&mut n, Action::MarkSet);
        update(&mut n, Action::MarkKey('a'));
        update(&mut n, Action::Top);
        update(&mut n, Action::MarkJump);
        update(&mut n, Action::MarkKey('a'));
        assert_eq!(n.top, n.layout.wrapped.section_start[2] + 2);
        while n.top < n.layout.wrapped.section_start[3] {
            update(&mut n, Action::ScrollLines(1));
        }
        assert!(!n.reading.read[2], "its start was never on screen in this run");
    }

    #[test]
    fn a_section_on_screen_is_read_after_the_time_it_takes() {
        let mut m = doc();
        update(&mut m, Action::GotoSection(2));
        let need = m.still_needed_ms().expect("a section on screen can be read");
        assert!(need >= 2_000, "{need}");
        update(&mut m, Action::Still(need - 1));
        assert_eq!(m.read_count(), 0, "not before");
        update(&mut m, Action::Still(need));
        assert!(m.reading.read[1]);
        // The next one on screen needs its own time on top of this one's.
        if let Some(next) = m.still_needed_ms() {
            assert!(next > need);
        }
    }

    #[test]
    fn u_sticks_until_the_section_is_read_again() {
        let mut m = doc();
        update(&mut m, Action::GotoSection(2));
        update(&mut m, Action::Still(600_000));
        assert!(m.reading.read[1]);
        update(&mut m, Action::MarkUnread);
        assert!(!m.reading.read[1]);
        update(&mut m, Action::Still(600_000));
        update(&mut m, Action::ScrollLines(1));
        update(&mut m, Action::Still(600_000));
        assert!(!m.reading.read[1], "U sticks while the section is on screen");
        while m.top < m.layout.wrapped.section_start[2] {
            update(&mut m, Action::ScrollLines(1));
        }
        assert!(!m.reading.read[1], "scrolling on from the middle is not reading it again");
        update(&mut m, Action::GotoSection(2));
        while m.top < m.layout.wrapped.section_start[2] {
            update(&mut m, Action::ScrollLines(1));
        }
        assert!(m.reading.read[1], "read again from its start");
    }

    #[test]
    fn the_status_names_the_last_section_at_the_end() {
        let mut m = doc();
        update(&mut m, Action::Bottom);
        assert_eq!(m.current_section(), 5);
        assert_eq!(crate::view::status::text(&m).0.trim_start(), "§6/6 Part 6");
        update(&mut m, Action::Top);
        assert_eq!(m.current_section(), 0);
    }

    #[test]
    fn quote_quote_goes_back_and_forth() {
        let mut m = doc();
        update(&mut m, Action::GotoSection(4));
        let four = m.top;
        update(&mut m, Action::MarkJump);
        update(&mut m, Action::MarkKey('\''));
        assert_eq!(m.top, 0);
        update(&mut m, Action::MarkJump);
        update(&mut m, Action::MarkKey('\''));
        assert_eq!(m.top, four);
        let mut n = doc();
        update(&mut n, Action::MarkJump);
        update(&mut n, Action::MarkKey('\''));
        assert_eq!(n.notice.as_deref(), Some("No previous position yet"));
    }

    #[test]
    fn read_marks_and_marks_survive_a_save_and_a_reopen() {
        let mut m = doc();
        while m.top < m.layout.wrapped.section_start[2] {
            update(&mut m, Action::ScrollLines(1));
        }
        update(&mut m, Action::MarkSet);
        update(&mut m, Action::MarkKey('b'));
        let mark = m.layout.wrapped.anchor(m.top);
        update(&mut m, Action::Top);
        let saved = m.snapshot("h".into(), "k".into());
        assert_eq!(saved.read_at, vec![0, 1]);
        let mut n = doc();
        n.file.content_hash = Some("h".into());
        update(&mut n, Msg::Resume(saved.clone()));
        assert_eq!(n.reading.read, m.reading.read);
        update(&mut n, Action::MarkJump);
        update(&mut n, Action::MarkKey('b'));
        assert_eq!(n.layout.wrapped.anchor(n.top), mark);
        // A text without one of those sections keeps its mark for later.
        let md: String = (2..=6).map(|i| format!("## Part {i}\n\nSome words.\n\n")).collect();
        let mut short = Model::new(parse(&md), 100, 20);
        update(&mut short, Msg::Resume(saved));
        assert_eq!(short.read_count(), 1);
        let again = short.snapshot("x".into(), "k".into());
        assert!(again.read.contains(&"Part 1".to_string()), "{:?}", again.read);
    }

    #[test]
    fn sections_that_share_a_title_keep_their_own_mark() {
        let md = "## Fixed\n\nOne.\n\n## Fixed\n\nTwo.\n\n## Fixed\n\nThree.\n";
        let mut m = Model::new(parse(md), 100, 20);
        m.reading.read[1] = true;
        let saved = m.snapshot("h".into(), "k".into());
        let mut n = Model::new(parse(md), 100, 20);
        n.file.content_hash = Some("h".into());
        update(&mut n, Msg::Resume(saved));
        assert_eq!(n.reading.read, vec![false, true, false]);
    }

    #[test]
    fn a_snapshot_restores_the_same_block_at_another_width() {
        let mut m = doc();
        update(&mut m, Action::GotoSection(4));
        update(&mut m, Action::ScrollLines(2));
        let saved = m.snapshot("h".into(), "k".into());
        let anchor = m.layout.wrapped.anchor(m.top);
        let mut n = doc();
        update(&mut n, Action::Resize(60, 20));
        n.file.content_hash = Some("h".into());
        update(&mut n, Msg::Resume(saved.clone()));
        assert_eq!(n.layout.wrapped.anchor(n.top).block, anchor.block);
        assert_eq!(n.notice.as_deref(), Some(crate::app::RESUMED));
        assert_eq!(n.read_count(), m.read_count());
    }

    #[test]
    fn a_changed_document_re_anchors_by_section_title() {
        let mut m = doc();
        update(&mut m, Action::GotoSection(4));
        let saved = m.snapshot("old".into(), "k".into());
        // A section inserted before: "Part 4" is now the fifth section.
        let md: String = std::iter::once("## New\n\nInserted text here.\n\n".to_string())
            .chain((1..=6).map(|i| format!("## Part {i}\n\n{}\n\n", "Words go here. ".repeat(12))))
            .collect();
        let mut n = Model::new(parse(&md), 100, 20);
        n.file.content_hash = Some("new".into());
        update(&mut n, Msg::Resume(saved));
        assert_eq!(n.doc.sections[n.layout.wrapped.section_at(n.top)].title, "Part 4");
        assert!(n.notice.as_deref().unwrap().starts_with("The document changed since you left it: back at §5 Part 4"));
    }

    #[test]
    fn the_skim_view_opens_a_section() {
        let mut m = doc();
        update(&mut m, Action::ToggleSkim);
        assert_eq!(m.mode(), Mode::Skim);
        update(&mut m, Action::SidebarMove(3));
        update(&mut m, Action::SkimOpen);
        assert_eq!(m.mode(), Mode::Normal);
        assert_eq!(m.current_section(), 3);
        update(&mut m, Action::ToggleSkim);
        assert_eq!(m.lists.selected, 3, "the skim view starts at the section being read");
        update(&mut m, Action::Escape);
        assert_eq!(m.mode(), Mode::Normal);
    }

    #[test]
    fn the_copy_outcome_is_reported() {
        let mut m = doc();
        update(&mut m, Action::Copied(crate::app::CopyOutcome::Terminal));
        assert!(m.notice.as_deref().unwrap().contains("OSC 52"));
        update(&mut m, Action::Copied(crate::app::CopyOutcome::Failed));
        assert!(m.notice.as_deref().unwrap().starts_with("Could not copy"));
    }

    #[test]
    fn copy_gives_the_claim_or_the_outline() {
        let mut m = doc();
        match update(&mut m, Action::Copy(false)) {
            Effect::Copy(t) => assert!(t.starts_with("Sentence number 1")),
            e => panic!("{e:?}"),
        }
        match update(&mut m, Action::Copy(true)) {
            Effect::Copy(t) => assert!(t.contains("1. **Part 1**") && t.contains("*(extracted)*")),
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn an_address_with_a_hidden_line_break_is_not_offered() {
        let md = "## L\n\nSee [it](https://example.org/a&#10;b) and [that](https://example.org/ok).\n";
        let mut m = Model::new(parse(md), 100, 30);
        update(&mut m, Action::Resize(100, 30));
        update(&mut m, Action::HintStart);
        let first = m.hints().0[0].label.clone();
        for c in first.chars() {
            update(&mut m, Action::HintKey(c));
        }
        assert_eq!(m.mode(), Mode::Normal, "no question is asked");
        assert!(m.notice.as_deref().unwrap().starts_with("Not opened: the address holds a line break"));
        update(&mut m, Action::HintStart);
        let second = m.hints().0[1].label.clone();
        for c in second.chars() {
            update(&mut m, Action::HintKey(c));
        }
        assert_eq!((m.mode(), m.confirm()), (Mode::Confirm, Some("https://example.org/ok")));
    }

    #[test]
    fn the_sidebar_and_the_skim_view_read_at_the_set_speed() {
        let md: String =
            (1..=3).map(|i| format!("## Part {i}\n\n{}\n\n", "Five words in a sentence. ".repeat(200))).collect();
        let mut m = Model::new(parse(&md), 120, 40);
        update(&mut m, Action::Resize(120, 40));
        assert!(m.sidebar_entries()[1].right == "5m", "{:?}", m.sidebar_entries()[1].right);
        let prefs = crate::app::Prefs { words_per_minute: 100, ..m.view.prefs };
        let mut m = Model::open(parse(&md), 120, 40, crate::app::Setup { prefs, ..Default::default() });
        assert_eq!(m.sidebar_entries()[1].right, "10m");
        update(&mut m, Action::ToggleSkim);
        assert!(m.skim_entries()[0].title.ends_with("· 10 min"), "{}", m.skim_entries()[0].title);
    }

    fn sixty() -> Model {
        reader(&parts(60, "Words in a line of text. ", 8), 100, 30)
    }

    fn count(m: &mut Model, n: usize) {
        for d in n.to_string().bytes() {
            update(m, Action::Count(d - b'0'));
        }
    }

    #[test]
    fn a_count_repeats_a_motion() {
        let mut m = sixty();
        count(&mut m, 10);
        assert_eq!(m.count(), Some(10));
        update(&mut m, Action::ScrollLines(1));
        assert_eq!((m.top, m.count()), (10, None), "10j: ten lines, and the count is used up");
        let here = m.current_section();
        count(&mut m, 3);
        update(&mut m, Action::NextSection);
        assert_eq!(m.current_section(), here + 3, "3]");
        let top = m.top;
        count(&mut m, 2);
        update(&mut m, Action::ScrollHalfPages(1));
        assert_eq!(m.top, top + 2 * (m.page() / 2), "2 Ctrl-d");
    }

    #[test]
    fn a_count_before_g_or_a_command_goes_to_any_section() {
        let mut m = sixty();
        count(&mut m, 42);
        update(&mut m, Action::Bottom);
        assert_eq!(m.current_section(), 41);
        update(&mut m, Action::CommandStart);
        for c in "57".chars() {
            update(&mut m, Action::PromptInput(c));
        }
        update(&mut m, Action::PromptSubmit);
        assert_eq!((m.current_section(), m.mode()), (56, Mode::Normal));
        update(&mut m, Action::CommandStart);
        update(&mut m, Action::PromptInput('q'));
        assert_eq!(update(&mut m, Action::PromptSubmit), Effect::Quit);
        update(&mut m, Action::CommandStart);
        update(&mut m, Action::PromptInput('?'));
        update(&mut m, Action::PromptSubmit);
        assert!(m.notice.as_deref().unwrap().starts_with("Unknown command :?"));
        count(&mut m, 99);
        update(&mut m, Action::Bottom);
        assert_eq!(m.notice.as_deref(), Some("No section 99: there are 60"));
    }

    #[test]
    fn escape_cancels_a_count_and_nothing_else() {
        let mut m = sixty();
        update(&mut m, Action::ToggleSidebar);
        count(&mut m, 5);
        update(&mut m, Action::Escape);
        assert_eq!(m.count(), None);
        update(&mut m, Action::ScrollLines(1));
        assert_eq!(m.top, 1, "the count did not apply");
    }

    #[test]
    fn percentages() {
        let mut m = sixty();
        count(&mut m, 50);
        update(&mut m, Action::Percent);
        assert_eq!(m.top, m.layout.wrapped.len() / 2);
        update(&mut m, Action::Percent);
        assert_eq!(m.top, 0, "p alone: the top");
        count(&mut m, 100);
        update(&mut m, Action::Percent);
        assert_eq!(m.top, m.max_top());
    }

    #[test]
    fn lists_move_by_entries_screens_and_ends_and_filter() {
        let mut m = sixty();
        update(&mut m, Action::ToggleFocus);
        update(&mut m, Action::ListEdge(true));
        assert_eq!(m.lists.selected, 59);
        update(&mut m, Action::ListEdge(false));
        assert_eq!(m.lists.selected, 0);
        update(&mut m, Action::ListPage(1));
        assert_eq!(m.lists.selected, m.list_page(), "a screen of entries");
        assert_eq!(m.top, 0, "the article stays put");
        count(&mut m, 12);
        update(&mut m, Action::ListEdge(false));
        assert_eq!(m.lists.selected, 11);
        update(&mut m, Action::FilterStart);
        for c in "part 4".chars() {
            update(&mut m, Action::PromptInput(c));
        }
        // Every word, anywhere in the title or claim: "4" is in "14" too.
        assert_eq!(m.list_indices(), vec![3, 13, 23, 33, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 53]);
        assert_eq!(m.lists.selected, 13, "the selection moves to the next match");
        update(&mut m, Action::PromptSubmit);
        update(&mut m, Action::SidebarMove(1));
        assert_eq!(m.lists.selected, 23);
        update(&mut m, Action::SidebarMove(-5));
        assert_eq!(m.lists.selected, 3, "moves stay among the matches");
        update(&mut m, Action::SidebarOpen);
        assert_eq!(m.current_section(), 3);
        update(&mut m, Action::ToggleSkim);
        update(&mut m, Action::ListEdge(true));
        assert_eq!(m.lists.selected, 53, "the skim view keeps the filter");
        update(&mut m, Action::Escape);
        assert_eq!((m.mode(), m.lists.filter.as_str()), (Mode::Skim, ""), "Esc clears the filter first");
        update(&mut m, Action::ListEdge(true));
        assert_eq!(m.lists.selected, 59);
    }

    #[test]
    fn an_overlay_sidebar_takes_focus() {
        let mut m = sixty();
        update(&mut m, Action::Resize(50, 20));
        update(&mut m, Action::ToggleSidebar);
        assert!(m.panes().overlay);
        assert_eq!(m.focus, Focus::Sidebar);
        update(&mut m, Action::SidebarMove(1));
        assert_eq!((m.lists.selected, m.top), (1, 0), "j moves the selection, not the text");
        update(&mut m, Action::Escape);
        assert!(!m.sidebar_shown());
    }

    #[test]
    fn edit_names_the_file_and_the_section_line_or_says_why_not() {
        let mut m = sixty();
        update(&mut m, Action::GotoSection(3));
        assert_eq!(update(&mut m, Action::Edit), Effect::None);
        assert!(m.notice.as_deref().unwrap().starts_with("Nothing to edit"));
        m.file.path = Some("/tmp/x.md".into());
        assert_eq!(update(&mut m, Action::Edit), Effect::Edit { path: "/tmp/x.md".into(), line: 9 });
    }
}

mod code {
    use super::super::*;
    use super::reader;
    use crate::layout::{Highlights, Kind};

    /// Thirty sections, each with its own Rust block.
    fn with_code() -> String {
        (1..=30).map(|i| format!("## Part {i}\n\nSome text.\n\n```rust\nfn part_{i}() {{}}\n```\n\n")).collect()
    }

    fn coloured(m: &Model, section: usize) -> bool {
        let (from, to) = m.section_rows(section);
        m.wrapped().rows_at(from..to).iter().any(|r| r.segments.iter().any(|s| matches!(s.role.kind, Kind::Syntax(_))))
    }

    #[test]
    fn code_on_screen_is_highlighted_first_then_the_rest_in_reading_order() {
        let mut m = reader(&with_code(), 100, 30);
        update(&mut m, Action::GotoSection(20));
        assert!(!coloured(&m, 19), "plain until the highlighting comes back");
        let Effect::Highlight { doc, blocks, known } = update(&mut m, Msg::Idle) else { panic!("code is asked for") };
        // §19 to §23 (around the screen), then from the start on.
        let first: Vec<&str> = blocks.iter().take(6).map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            first[..5],
            ["fn part_19() {}", "fn part_20() {}", "fn part_21() {}", "fn part_22() {}", "fn part_23() {}"]
        );
        assert_eq!(first[5], "fn part_1() {}");
        assert_eq!(update(&mut m, Msg::Idle), Effect::None, "one batch at a time");
        update(&mut m, Msg::Highlighted { doc, code: Highlights::of(&blocks, &known) });
        assert!(coloured(&m, 19) && coloured(&m, 0), "the screen and the rest are coloured now");
        assert_eq!(update(&mut m, Msg::Idle), Effect::None, "nothing left to ask for");
    }

    #[test]
    fn a_large_document_asks_for_its_code_a_batch_at_a_time() {
        let md: String = (1..=1500)
            .map(|i| {
                format!("## Part {i}\n\n{}\n\n```rust\nfn part_{i}() {{}}\n```\n\n", "Some words here. ".repeat(60))
            })
            .collect();
        let mut m = reader(&md, 100, 30);
        assert!(m.is_large(), "{} rows", m.wrapped().len());
        let mut asked = 0;
        while let Effect::Highlight { doc, blocks, known } = update(&mut m, Msg::Idle) {
            assert!(blocks.len() <= 64, "{} blocks at once", blocks.len());
            asked += blocks.len();
            update(&mut m, Msg::Highlighted { doc, code: Highlights::of(&blocks, &known) });
        }
        assert_eq!(asked, 1500, "every block, once");
        assert!(coloured(&m, 0) && coloured(&m, m.current_section()));
    }

    #[test]
    fn highlighted_code_for_a_document_no_longer_shown_is_dropped() {
        let mut m = reader(&with_code(), 100, 30);
        let Effect::Highlight { doc, blocks, known } = update(&mut m, Msg::Idle) else { panic!("code is asked for") };
        let other = std::sync::Arc::new(crate::document::parse("# Other\n"));
        update(&mut m, Msg::Highlighted { doc: other, code: Highlights::of(&blocks, &known) });
        assert!(!coloured(&m, 0) && m.code().is_empty());
        update(&mut m, Msg::Highlighted { doc, code: Highlights::of(&blocks, &known) });
        assert!(coloured(&m, 0));
    }
}

mod help {
    use super::super::*;
    use super::reader;

    #[test]
    fn the_help_scroll_stays_within_its_lines_after_a_resize() {
        let mut m = reader("# T\n\nText.\n", 80, 12);
        update(&mut m, Action::ToggleHelp);
        update(&mut m, Action::HelpEdge(true));
        let end = m.help_top();
        assert!(end > 0 && end == m.help_max_top());
        // A taller screen shows more at once: the end moves up with it.
        update(&mut m, Action::Resize(80, 40));
        assert!(m.help_top() < end && m.help_top() == m.help_max_top(), "{} of {}", m.help_top(), m.help_max_top());
        update(&mut m, Action::HelpScroll(5));
        assert_eq!(m.help_top(), m.help_max_top(), "no scrolling past the end");
    }
}

/// What the shell brings back reaches the model as messages.
mod messages {
    use super::super::*;
    use super::reader;
    use crate::app::Reread;

    const NOTES: &str = "# Notes\n\n## Plan\n\nShip the reader first.\n\n## Risks\n\nThe risks are few.\n";

    fn at(path: &str) -> Model {
        let setup =
            crate::app::Setup { path: Some(path.into()), content_hash: Some("old".into()), ..Default::default() };
        Model::open(crate::document::parse(NOTES), 80, 24, setup)
    }

    fn reread(md: &str, fingerprint: &str) -> Reread {
        Reread { doc: crate::document::parse(md), wrapped: None, fingerprint: fingerprint.into() }
    }

    #[test]
    fn a_reload_replaces_the_text_in_place_once_and_only_for_its_file() {
        let mut m = at("/tmp/notes.md");
        update(&mut m, Action::NextSection);
        let other = Msg::Reloaded { path: "/tmp/other.md".into(), read: Ok(reread("# X\n", "x")) };
        assert_eq!(update(&mut m, other), Effect::None);
        assert_eq!(m.doc().title, "Notes", "another file's text is not shown");
        let same = Msg::Reloaded { path: "/tmp/notes.md".into(), read: Ok(reread(NOTES, "old")) };
        assert_eq!(update(&mut m, same), Effect::None);
        assert!(m.notice().is_none(), "the text shown already: nothing to say");
        let changed = NOTES.replace("few", "many");
        let msg = Msg::Reloaded { path: "/tmp/notes.md".into(), read: Ok(reread(&changed, "new")) };
        let effect = update(&mut m, msg);
        assert_eq!(effect, Effect::Fingerprint { path: "/tmp/notes.md".into(), fingerprint: "new".into() });
        assert!(m.notice().unwrap().starts_with("Reloaded"));
        assert_eq!((m.current_section(), m.content_hash()), (1, Some("new")), "the same section, the new text");
        let gone = Msg::Reloaded { path: "/tmp/notes.md".into(), read: Err("notes.md: no such file".into()) };
        update(&mut m, gone);
        assert!(m.notice().unwrap().ends_with("showing the last version read"));
        assert!(m.doc().sections[1].claim.text.contains("many"));
    }

    #[test]
    fn a_written_claim_shows_at_once_and_r_can_undo_it() {
        let mut m = at("/tmp/notes.md");
        let written = NOTES.replace("## Plan\n", "## Plan\n<!-- claim: Reader first. -->\n");
        let msg = Msg::ClaimWritten { written: reread(&written, "w"), section: 0, previous: None, removed: false };
        let effect = update(&mut m, msg);
        assert_eq!(effect, Effect::Fingerprint { path: "/tmp/notes.md".into(), fingerprint: "w".into() });
        assert_eq!(m.notice(), Some("§1 claim saved in notes.md · R undoes"));
        assert_eq!(m.doc().sections[0].claim.origin, crate::document::ClaimOrigin::Authored);
        match update(&mut m, Action::UndoClaim) {
            Effect::WriteClaim { section: 0, claim: None, previous: Some(p), .. } => assert_eq!(p, "Reader first."),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_document_opened_from_a_link_starts_at_its_heading_and_back_leaves_it() {
        let mut m = reader(NOTES, 80, 24);
        assert_eq!(update(&mut m, Action::Back), Effect::None, "nowhere to go back to");
        update(&mut m, Msg::Opened { anchor: Some("risks".into()) });
        assert_eq!(m.current_section(), 1);
        assert_eq!(update(&mut m, Action::Back), Effect::Leave);
        update(&mut m, Msg::Opened { anchor: Some("nowhere".into()) });
        assert_eq!(m.notice(), Some("No heading #nowhere in this document"));
    }

    #[test]
    fn a_paste_is_text_for_the_prompt_open_and_nothing_else() {
        let mut m = reader(NOTES, 80, 24);
        let top = m.top();
        update(&mut m, Msg::Paste("]]G".into()));
        assert_eq!((m.top(), m.mode()), (top, Mode::Normal), "no prompt: nothing");
        update(&mut m, Action::SearchStart);
        update(&mut m, Msg::Paste("the\nrisks".into()));
        assert_eq!(m.prompt_text(), Some("the risks"));
        update(&mut m, Msg::Notice("From the shell".into()));
        assert_eq!(m.notice(), Some("From the shell"));
    }

    #[test]
    fn the_rest_of_a_large_file_arrives_in_parts_and_the_end_of_the_parts_ends_loading() {
        let setup = crate::app::Setup { loading: true, ..Default::default() };
        let mut m = Model::open(crate::document::parse("# Notes\n\n## Plan\n\nShip.\n"), 80, 24, setup);
        let outline = crate::document::parse::outline(NOTES).unwrap();
        update(&mut m, Msg::Part(crate::app::Loaded::Outline(outline)));
        assert_eq!((m.section_count(), m.loading()), (2, true), "every title before the text");
        update(&mut m, Msg::Part(crate::app::Loaded::Hash("h".into())));
        update(&mut m, Msg::PartsDone);
        assert_eq!((m.loading(), m.content_hash()), (false, Some("h")));
    }
}
