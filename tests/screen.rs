//! Rendered frames through ratatui's TestBackend: snapshots after scripted
//! key sequences at three sizes, and a sweep of tiny sizes.

mod common;

use briefing::app::{Action, Focus, Mode, Msg, update};
use briefing::document::parse;
use common::*;

fn snap(name: &str, w: u16, h: u16, actions: &[Action]) {
    let mut m = model(embedded(), w, h);
    apply(&mut m, actions);
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&m));
}

const SIZES: [(u16, u16); 3] = [(80, 24), (40, 12), (120, 40)];

#[test]
fn start() {
    for (w, h) in SIZES {
        snap("start", w, h, &[]);
    }
}

#[test]
fn next_section() {
    for (w, h) in SIZES {
        snap("next_section", w, h, &[Action::NextSection, Action::NextSection]);
    }
}

#[test]
fn help() {
    for (w, h) in SIZES {
        snap("help", w, h, &[Action::ToggleHelp]);
    }
}

#[test]
fn skim_view() {
    snap("skim", 80, 24, &[Action::ToggleSkim, Action::SidebarMove(1)]);
    snap("skim", 120, 40, &[Action::ToggleSkim]);
}

#[test]
fn narrow_sidebar_overlay() {
    snap("sidebar_overlay", 40, 12, &[Action::ToggleSidebar]);
    snap("sidebar_focus", 40, 12, &[Action::ToggleFocus, Action::SidebarMove(1)]);
}

#[test]
fn search_highlights_and_counts() {
    for (w, h) in SIZES {
        let mut m = model(embedded(), w, h);
        search(&mut m, "pipe dream");
        assert_eq!(m.mode(), Mode::Normal);
        let s = screen(&m);
        assert!(s.contains("pipe dream") || s.contains("pipe\n"), "the match is on screen:\n{s}");
        assert!(s.contains("1/1"), "the count is in the status line:\n{s}");
        insta::assert_snapshot!(format!("search_{w}x{h}"), s);
    }
}

#[test]
fn typing_a_search_shows_the_prompt() {
    let mut m = model(embedded(), 80, 24);
    apply(&mut m, &[Action::SearchStart, Action::PromptInput('o'), Action::PromptInput('i'), Action::PromptInput('l')]);
    let s = screen(&m);
    assert!(s.lines().last().unwrap().starts_with(" /oil"), "{s}");
}

#[test]
fn extracted_claims_look_different_from_authored_ones() {
    let md = "## Alpha\n\nThe first sentence is the stand-in claim here. More words follow it.\n";
    let m = model(parse(md), 80, 24);
    let s = screen(&m);
    assert!(s.contains("~ The first sentence"), "extracted claims start with ~:\n{s}");
    let m = model(embedded(), 80, 24);
    assert!(!screen(&m).contains("~ "), "authored claims have no mark");
}

#[test]
fn the_current_section_follows_the_article() {
    let mut m = model(embedded(), 100, 30);
    apply(&mut m, &[Action::GotoSection(7)]);
    assert_eq!(m.current_section(), 6);
    let s = screen(&m);
    assert!(s.lines().any(|l| l.starts_with("▌7 Why China")), "{s}");
    assert!(s.lines().last().unwrap().contains("§7/9"));
}

#[test]
fn every_small_size_draws_without_panicking() {
    let docs = [embedded(), parse(""), parse("| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n- x\n  - y\n> q\n")];
    for doc in docs {
        for w in 1..=40u16 {
            for h in 1..=15u16 {
                let mut m = model(doc.clone(), w, h);
                screen(&m);
                apply(&mut m, &[Action::Bottom, Action::ToggleSidebar, Action::ToggleHelp]);
                screen(&m);
            }
        }
    }
}

#[test]
fn tiny_terminals_say_so() {
    let m = model(embedded(), 19, 10);
    assert!(screen(&m).starts_with("Terminal too small"));
}

#[test]
fn focus_moves_to_the_sidebar_and_enter_jumps() {
    let mut m = model(embedded(), 100, 30);
    apply(&mut m, &[Action::ToggleFocus, Action::SidebarMove(1), Action::SidebarMove(1)]);
    assert_eq!(m.focus(), Focus::Sidebar);
    assert_eq!(m.selected(), 2);
    apply(&mut m, &[Action::SidebarOpen]);
    assert_eq!(m.focus(), Focus::Article);
    assert_eq!(m.current_section(), 2);
}

const LINKS: &str = "# Links\n\n## Start\n\nRead [beta](beta.md), the [end](#end), the \
                     [site](https://example.org/a/very/long/address/that/wraps?q=1) or a note[^1].\n\n\
                     ```rust\nfn main() { let x = 1; }\n```\n\n## End\n\nThe end.\n\n[^1]: The note.\n";

#[test]
fn link_hints_label_every_link_on_screen() {
    for (w, h) in SIZES {
        let mut m = model(parse(LINKS), w, h);
        apply(&mut m, &[Action::HintStart]);
        assert_eq!(m.mode(), Mode::Hint);
        insta::assert_snapshot!(format!("hints_{w}x{h}"), screen(&m));
    }
}

#[test]
fn a_web_address_is_shown_whole_before_it_opens() {
    for (w, h) in SIZES {
        let mut m = model(parse(LINKS), w, h);
        apply(&mut m, &[Action::HintStart, Action::HintKey('d')]);
        assert_eq!(m.mode(), Mode::Confirm);
        let s = screen(&m);
        let joined: String = s.lines().map(|l| l.trim_matches(|c| c == '│' || c == ' ')).collect();
        assert!(joined.contains("https://example.org/a/very/long/address/that/wraps?q=1"), "{s}");
        insta::assert_snapshot!(format!("confirm_{w}x{h}"), s);
    }
}

#[test]
fn the_shelf_lists_titles_sizes_and_first_claims() {
    use briefing::app::shelf::{Entry, Shelf, update};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let entry = |name: &str, title: &str, claim: &str| Entry {
        path: name.into(),
        name: name.to_string(),
        title: title.to_string(),
        sections: 9,
        words: 2300,
        first_claim: claim.to_string(),
        problem: None,
        pending: false,
    };
    for (w, h) in SIZES {
        let mut s = Shelf::new(
            vec![
                entry(
                    "briefing.md",
                    "China delivers on its promises",
                    "China dominates rare earths; the 120-day controls show it.",
                ),
                entry("chips.md", "Chips", "Fabs take years to build."),
            ],
            w,
            h,
        );
        update(&mut s, Action::SidebarMove(1));
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        term.draw(|f| briefing::view::shelf::render(&s, &briefing::view::theme::Theme::new(true), f)).unwrap();
        let text: String = term
            .backend()
            .buffer()
            .content()
            .chunks(w as usize)
            .map(|row| row.iter().map(|c| c.symbol()).collect::<String>().trim_end().to_string() + "\n")
            .collect();
        assert!(text.contains("2 of 2 documents"), "{text}");
        insta::assert_snapshot!(format!("shelf_{w}x{h}"), text);
    }
}

/// A large document gets a new width (here: the sidebar hidden, then the
/// window narrowed) laid out only near the screen at once; what shows is
/// exactly what the whole layout shows there, and taking the whole layout
/// when it comes moves nothing.
#[test]
fn a_large_document_shows_a_new_width_at_once_and_the_whole_layout_changes_nothing() {
    let doc = parse(&briefing::sample::document(2_000_000));
    let mut m = common::model(doc, 120, 40);
    assert!(m.is_large(), "the sample must be large");
    let first = screen(&m);
    assert!(first.contains(" h ") && first.contains(" min in §)"), "hours of reading left, in hours:\n{first}");
    let middle = m.doc().sections.len() / 2;
    apply(&mut m, &[Action::GotoSection(middle), Action::ScrollLines(7)]);
    for step in [Action::ToggleSidebar, Action::Resize(90, 30)] {
        update(&mut m, step);
        assert!(m.wrapped().partial() && m.wants_layout(), "{step:?}: only the screen's sections were laid out");
        let now = screen(&m);
        assert!(now.contains(&format!("§{middle}/")), "{step:?}: still in the same section:\n{now}");
        lay_out_whole(&mut m);
        assert!(!m.wants_layout());
        assert_eq!(screen(&m), now, "{step:?}: the whole layout changed the screen");
    }
    // Going elsewhere before the whole layout is in shows the new width
    // there too: the end, and a section far from where the width changed.
    for (step, go) in [(Action::ToggleSidebar, Action::Bottom), (Action::Resize(120, 40), Action::GotoSection(3))] {
        update(&mut m, step);
        update(&mut m, go);
        assert!(m.wrapped().partial(), "{step:?} then {go:?}: the whole layout is not in yet");
        let now = screen(&m);
        assert!(go != Action::Bottom || now.contains("100%"), "the end shows:\n{now}");
        lay_out_whole(&mut m);
        assert_eq!(screen(&m), now, "{step:?} then {go:?}");
    }
    assert!(screen(&m).contains("§3/"));
}

/// The terminal can shrink between a resize and its event: a frame smaller
/// (or larger) than the model was laid out for is drawn without a cell
/// outside it (ratatui panics on one), showing what fits.
#[test]
fn a_frame_of_another_size_than_the_model_is_drawn_without_panicking() {
    let m = common::model(embedded(), 120, 40);
    for (w, h) in [(90, 25), (30, 8), (1, 1), (200, 60)] {
        let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
        term.draw(|f| briefing::view::render(&m, &briefing::view::theme::Theme::new(true), f)).unwrap();
        let first: String = (0..w.min(20)).map(|x| term.backend().buffer()[(x, 0)].symbol().to_string()).collect();
        assert!(screen(&m).lines().next().unwrap().starts_with(first.trim_end()), "{w}x{h}: {first:?}");
    }
}

/// A large file's whole document arrives laid out for the width the screen
/// had when reading began; after a resize in between, the place on screen
/// is kept and shown at the new width at once (not laid out whole first).
#[test]
fn the_whole_document_arriving_after_a_resize_keeps_the_place_at_the_new_width() {
    let md = briefing::sample::document(1_200_000);
    let cut = briefing::document::parse::window::first_cut(&md, 16_000);
    let whole = parse(&md);
    let setup = briefing::app::Setup { loading: true, ..Default::default() };
    let mut m = common::model_with(parse(&md[..cut]), 120, 40, setup);
    let laid_out_then = briefing::layout::wrap(&whole, &Default::default(), m.text_width());
    apply(&mut m, &[Action::ScrollLines(30), Action::Resize(90, 30)]);
    let top_text = m.wrapped().row(m.top()).unwrap().text();
    update(
        &mut m,
        Msg::Part(briefing::app::Loaded::Whole {
            doc: std::sync::Arc::new(whole),
            wrapped: Box::new(laid_out_then),
            claims_follow: false,
        }),
    );
    assert!(m.wrapped().partial(), "only the sections on screen were laid out again");
    assert_eq!(m.wrapped().row(m.top()).unwrap().text(), top_text, "the same row is at the top");
    let now = screen(&m);
    // The whole layout, asked for once the queue is empty, changes nothing on screen.
    lay_out_whole(&mut m);
    assert!(!m.wrapped().partial());
    assert_eq!(screen(&m), now);
}

/// Types `text` at the prompt that is open.
fn type_in(m: &mut briefing::app::Model, text: &str) {
    for c in text.chars() {
        update(m, Action::PromptInput(c));
    }
}

#[test]
fn the_sidebar_filtered_by_title_and_claim() {
    for (w, h) in [(80, 24), (40, 12)] {
        let mut m = model(embedded(), w, h);
        apply(&mut m, &[Action::ToggleFocus, Action::FilterStart]);
        type_in(&mut m, "russia");
        let typing = screen(&m);
        assert!(typing.contains("Filter sections: russia▏"), "{typing}");
        update(&mut m, Action::PromptSubmit);
        let s = screen(&m);
        assert!(s.contains("Russia as an unlikely partner") || s.contains("Russia as an unli"), "{s}");
        assert!(!s.contains("120 days of export"), "non-matching sections leave the list:\n{s}");
        insta::assert_snapshot!(format!("sidebar_filter_{w}x{h}"), s);
        update(&mut m, Action::Escape);
        assert!(m.list_filter().0.is_empty(), "Esc clears the filter");
    }
}

#[test]
fn the_help_pages_and_says_where_it_is() {
    for (w, h) in [(80, 24), (40, 12)] {
        let mut m = model(embedded(), w, h);
        apply(&mut m, &[Action::ToggleHelp, Action::HelpPage(1)]);
        let s = screen(&m);
        assert!(s.contains(&format!("Keys · {}-", m.help_page() + 1)), "the second page:\n{s}");
        insta::assert_snapshot!(format!("help_paged_{w}x{h}"), s);
        // Holding j past the end goes no further, and k comes back at once.
        for _ in 0..500 {
            update(&mut m, Action::HelpScroll(1));
        }
        assert_eq!(m.help_top(), m.help_max_top());
        update(&mut m, Action::HelpScroll(-1));
        assert_eq!(m.help_top(), m.help_max_top() - 1);
        apply(&mut m, &[Action::HelpEdge(false)]);
        assert_eq!(m.help_top(), 0);
    }
}

/// The screen's text with line breaks and the sidebar's border joined, so a
/// wrapped claim reads as one string.
fn words_on(screen: &str) -> Vec<String> {
    screen
        .split(|c: char| c.is_whitespace() || c == '│' || c == '▌')
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn the_current_claim_is_on_screen_whole_at_every_size_with_or_without_the_sidebar() {
    let doc = embedded();
    for (w, h) in [(80, 24), (60, 20), (120, 40)] {
        for sidebar in [true, false] {
            for s in 0..doc.sections.len() {
                let mut m = model(embedded(), w, h);
                if m.sidebar_shown() != sidebar {
                    update(&mut m, Action::ToggleSidebar);
                    update(&mut m, Action::Escape);
                }
                update(&mut m, Action::GotoSection(s + 1));
                let current = m.current_section();
                let claim = doc.sections[current].full_claim().unwrap();
                let screen = screen(&m);
                // Only the sidebar, or the band above the text, counts.
                let p = m.panes();
                let r = p.sidebar.or(p.claim).expect("a place for the claim");
                let part: String = screen
                    .lines()
                    .skip(r.y as usize)
                    .take(r.height as usize)
                    .map(|l| l.chars().skip(r.x as usize).take(r.width as usize).collect::<String>() + "\n")
                    .collect();
                let on_screen = words_on(&part).join(" ");
                let wanted: Vec<&str> = claim.split_whitespace().collect();
                assert!(
                    on_screen.contains(&wanted.join(" ")),
                    "{w}x{h}, sidebar {sidebar}, §{}: the claim is not whole on screen:\n{claim}\n{screen}",
                    current + 1
                );
            }
        }
    }
}

#[test]
fn the_claim_editor_on_the_bottom_line() {
    for (w, h) in [(80, 24), (40, 12)] {
        let md = "# Notes\n\n## Plan\n\nWe will ship the reader first and the writer later, once it reads well.\n";
        let setup = briefing::app::Setup { path: Some("/tmp/notes.md".into()), ..Default::default() };
        let mut m = common::model_with(parse(md), w, h, setup);
        apply(&mut m, &[Action::Annotate, Action::EditorMove(-1), Action::EditorMove(-1)]);
        let s = screen(&m);
        let last = s.lines().last().unwrap();
        assert!(last.starts_with(" Claim §1:"), "{s}");
        if w >= 80 {
            assert!(last.contains("/120 · Enter saves · Esc cancels"), "{s}");
        }
        insta::assert_snapshot!(format!("claim_editor_{w}x{h}"), s);
    }
}

#[test]
fn the_current_sections_headings_are_listed_and_reachable() {
    let long = "A sentence of the guide that fills some of the screen. ".repeat(30);
    let md = format!(
        "# Guide\n\n## Install\n\nGet it first.\n\n### From source\n\n{long}\n\n### With cargo\n\n{long}\n\n\
         ## Use\n\n{long}\n\n### Keys\n\n{long}\n"
    );
    let mut m = model(parse(&md), 80, 24);
    let s = screen(&m);
    assert!(s.contains("› From source") && s.contains("› With cargo"), "the current section's headings:\n{s}");
    assert!(!s.contains("› Keys"), "another section's are folded:\n{s}");
    apply(&mut m, &[Action::NextHeading]);
    assert!(screen(&m).lines().nth(1).unwrap().contains("Install"), "}} goes to the first heading under the title");
    apply(&mut m, &[Action::NextHeading]);
    assert_eq!(m.current_section(), 0);
    assert!(screen(&m).lines().nth(1).unwrap().contains("From source"), "}} goes to the sub-heading:\n{}", screen(&m));
    apply(&mut m, &[Action::NextHeading, Action::NextHeading]);
    assert_eq!(m.current_section(), 1, "then to the next section's heading");
    let s = screen(&m);
    assert!(s.contains("› Keys"), "{s}");
    apply(&mut m, &[Action::PrevHeading]);
    assert!(screen(&m).lines().nth(1).unwrap().contains("With cargo"), "{{ goes back");
    insta::assert_snapshot!("subheadings_80x24", screen(&m));
}

#[test]
fn a_table_wraps_its_cells_and_search_finds_any_of_them() {
    let md = "# Support\n\n## Targets\n\n| Target | Triple | Implementation |\n|---|---|---|\n\
              | Linux, Android | *-linux-* | getrandom system call if available, otherwise /dev/urandom after successfully polling /dev/random |\n\
              | Windows 10+ | *-windows-* | ProcessPrng |\n";
    for (w, h) in [(80, 24), (200, 50)] {
        let mut m = model(parse(md), w, h);
        let s = screen(&m);
        assert!(!s.contains('…'), "no cell is cut:\n{s}");
        insta::assert_snapshot!(format!("table_{w}x{h}"), s);
        search(&mut m, "polling");
        assert!(m.search().as_ref().is_some_and(|s| s.matches.len() == 1), "found in a cell");
    }
}
