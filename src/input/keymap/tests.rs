mod table {
    use super::super::*;
    use ratatui::crossterm::event::KeyCode::Char as C;

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                assert!(
                    !(a.mode == b.mode && a.code == b.code && a.mods == b.mods),
                    "{:?} {} bound twice in {:?}",
                    a.code,
                    key_name(a.code, a.mods),
                    a.mode
                );
            }
        }
    }

    #[test]
    fn shifted_letters_and_ctrl_keys_resolve() {
        let k = |c, m| KeyEvent::new(c, m);
        let map = Keymap::default();
        let lookup = |mode, key| map.lookup(mode, key);
        assert_eq!(lookup(InputMode::Article, k(C('G'), KeyModifiers::SHIFT)), Some(Action::Bottom));
        assert_eq!(lookup(InputMode::Article, k(C('d'), CTRL)), Some(Action::ScrollHalfPages(1)));
        assert_eq!(lookup(InputMode::Article, k(KeyCode::Esc, NONE)), Some(Action::Escape));
        assert_eq!(lookup(InputMode::Sidebar, k(C('j'), NONE)), Some(Action::SidebarMove(1)));
        assert_eq!(lookup(InputMode::Sidebar, k(C(']'), NONE)), Some(Action::NextSection));
        assert_eq!(lookup(InputMode::Search, k(C('q'), NONE)), Some(Action::PromptInput('q')));
        assert_eq!(lookup(InputMode::Search, k(C('Q'), KeyModifiers::SHIFT)), Some(Action::PromptInput('Q')));
    }

    #[test]
    fn escape_never_quits() {
        for b in BINDINGS.iter().filter(|b| b.code == KeyCode::Esc) {
            assert_ne!(b.action, Action::Quit);
        }
    }

    #[test]
    fn help_lists_every_action_of_the_article() {
        let help = Keymap::default().help();
        let reading = &help[0].1;
        assert!(reading.iter().any(|(k, h)| k == "j ↓ Ctrl-e Enter" && *h == "line down"));
        assert!(reading.iter().any(|(k, _)| k == "0-9"));
        assert!(reading.iter().any(|(k, _)| k == "Backspace Ctrl-o H"));
        assert!(reading.iter().any(|(k, _)| k == "L"));
    }
}

mod readme_tests {
    use super::super::*;
    use ratatui::crossterm::event::KeyCode::Char as C;

    /// The keys of the README's key table (the table under "## Reading"),
    /// as written between backticks in its first column.
    fn readme_keys() -> Vec<String> {
        let readme = include_str!("../../../README.md");
        let table = &readme[readme.find("| keys | what they do |").expect("the key table")..];
        let mut keys = Vec::new();
        for row in table.lines().skip(2).take_while(|l| l.starts_with('|')) {
            let first = row.split('|').nth(1).unwrap_or("");
            for (i, part) in first.split('`').enumerate() {
                if i % 2 == 1 {
                    keys.push(part.to_string());
                }
            }
        }
        keys
    }

    #[test]
    fn the_readme_key_table_matches_the_key_table() {
        let listed = readme_keys();
        let bound: Vec<String> =
            BINDINGS.iter().filter(|b| b.mode == InputMode::Article).map(|b| key_name(b.code, b.mods)).collect();
        for key in &bound {
            let digit = key.len() == 1 && key.chars().all(|c| c.is_ascii_digit());
            assert!(digit || listed.contains(key), "`{key}` is bound in the reader but not in README's key table");
        }
        for key in &listed {
            assert!(bound.contains(key), "README lists `{key}`, which the reader does not bind");
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode_or_shadows_a_count() {
        for b in BINDINGS {
            // A mode with counts binds no digit to anything else.
            let counts = BINDINGS.iter().any(|x| x.mode == b.mode && matches!(x.action, Action::Count(_)));
            if counts && let KeyCode::Char(c) = b.code {
                assert!(!c.is_ascii_digit() || matches!(b.action, Action::Count(_)), "{c} in {:?}", b.mode);
            }
        }
        // The sidebar falls back to the reading keys, counts included.
        let map = Keymap::default();
        let five = KeyEvent::new(C('5'), NONE);
        assert_eq!(map.lookup(InputMode::Sidebar, five), Some(Action::Count(5)));
    }

    #[test]
    fn hints_name_the_keys_in_force() {
        let mut map = Keymap::default();
        assert_eq!(map.shelf_hint(), " / filters · j/k move · Enter reads · q quits");
        map.remap("quit", &[(C('x'), NONE)]).unwrap();
        assert!(map.shelf_hint().ends_with("x quits"), "{}", map.shelf_hint());
        // The fixed hints elsewhere name the default keys of these actions.
        let d = Keymap::default();
        for (mode, key, action) in [
            (InputMode::Article, "?", Action::ToggleHelp),
            (InputMode::Article, "G", Action::Bottom),
            (InputMode::Article, "p", Action::Percent),
            (InputMode::Article, "Esc", Action::Escape),
            (InputMode::Help, "Space", Action::HelpPage(1)),
            (InputMode::Help, "Esc", Action::Escape),
            (InputMode::Annotate, "Enter", Action::PromptSubmit),
            (InputMode::Annotate, "Esc", Action::Escape),
            (InputMode::Filter, "Enter", Action::PromptSubmit),
            (InputMode::Filter, "Esc", Action::Escape),
        ] {
            assert_eq!(d.key_for(mode, action).as_deref(), Some(key), "{mode:?} {action:?}");
        }
    }

    #[test]
    fn a_remapped_quit_applies_in_every_view() {
        let mut map = Keymap::default();
        map.remap("quit", &[(C('x'), NONE)]).unwrap();
        for mode in [InputMode::Article, InputMode::Skim, InputMode::Shelf] {
            assert_eq!(map.lookup(mode, KeyEvent::new(C('x'), NONE)), Some(Action::Quit), "{mode:?}");
            assert_eq!(map.lookup(mode, KeyEvent::new(C('q'), NONE)), None, "{mode:?}");
        }
    }
}
