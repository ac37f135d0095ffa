//! Names: the actions a configuration can remap, and keys as a
//! configuration writes them and as the help screen shows them.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::*;
use crate::app::Action;
use InputMode::{Article as A, Sidebar as S, Skim as K};

pub(super) fn name_help(name: &str) -> &'static str {
    ACTION_NAMES.iter().find(|(n, ..)| *n == name).map_or("", |(.., h)| h)
}

/// The actions a configuration can remap: name, mode, action, description.
pub const ACTION_NAMES: &[(&str, InputMode, Action, &str)] = &[
    ("line-down", A, Action::ScrollLines(1), "line down"),
    ("line-up", A, Action::ScrollLines(-1), "line up"),
    ("page-down", A, Action::ScrollPages(1), "page down"),
    ("page-up", A, Action::ScrollPages(-1), "page up"),
    ("half-page-down", A, Action::ScrollHalfPages(1), "half page down"),
    ("half-page-up", A, Action::ScrollHalfPages(-1), "half page up"),
    ("top", A, Action::Top, "top of the document"),
    ("bottom", A, Action::Bottom, "end of the document"),
    ("next-section", A, Action::NextSection, "next section"),
    ("previous-section", A, Action::PrevSection, "previous section"),
    ("focus", A, Action::ToggleFocus, "focus the sidebar / the article"),
    ("search", A, Action::SearchStart, "search"),
    ("next-match", A, Action::NextMatch, "next match"),
    ("previous-match", A, Action::PrevMatch, "previous match"),
    ("back", A, Action::Back, "back to before the last jump"),
    ("forward", A, Action::Forward, "forward again"),
    ("follow-link", A, Action::HintStart, "label the links on screen to follow one"),
    ("mark-set", A, Action::MarkSet, "mark this place"),
    ("mark-jump", A, Action::MarkJump, "go to a mark"),
    ("mark-unread", A, Action::MarkUnread, "mark this section unread"),
    ("skim", A, Action::ToggleSkim, "skim view"),
    ("copy-claim", A, Action::Copy(false), "copy this section's claim"),
    ("copy-outline", A, Action::Copy(true), "copy the outline"),
    ("sidebar", A, Action::ToggleSidebar, "show or hide the sidebar"),
    ("claims", A, Action::ToggleClaims, "mark extracted claims in the text"),
    ("help", A, Action::ToggleHelp, "help"),
    ("close", A, Action::Escape, "close the overlay, clear the search"),
    ("quit", A, Action::Quit, "quit"),
    ("quit-all", A, Action::QuitAll, "quit, from anywhere"),
    ("command", A, Action::CommandStart, "command line"),
    ("percent", A, Action::Percent, "go to a percentage"),
    ("edit", A, Action::Edit, "edit the file"),
    ("suspend", A, Action::Suspend, "suspend"),
    ("sidebar-down", S, Action::SidebarMove(1), "select the next section"),
    ("sidebar-up", S, Action::SidebarMove(-1), "select the previous section"),
    ("sidebar-open", S, Action::SidebarOpen, "read the selected section"),
    ("filter", S, Action::FilterStart, "filter a list"),
    ("skim-down", K, Action::SidebarMove(1), "next section"),
    ("skim-up", K, Action::SidebarMove(-1), "previous section"),
    ("skim-open", K, Action::SkimOpen, "read that section"),
];

/// Parses a key as a configuration writes it: `j`, `G`, `ctrl-d`, `space`,
/// `enter`, `esc`, `tab`, `backspace`, `up`, `down`, `left`, `right`,
/// `pageup`, `pagedown`, `home`, `end`, `f1`..`f12`.
pub fn parse_key(spec: &str) -> Result<(KeyCode, KeyModifiers), String> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = spec;
    loop {
        let lower = rest.to_ascii_lowercase();
        if let Some(r) = lower.strip_prefix("ctrl-").or_else(|| lower.strip_prefix("c-")) {
            mods |= KeyModifiers::CONTROL;
            rest = &rest[rest.len() - r.len()..];
        } else if let Some(r) = lower.strip_prefix("alt-").or_else(|| lower.strip_prefix("m-")) {
            mods |= KeyModifiers::ALT;
            rest = &rest[rest.len() - r.len()..];
        } else {
            break;
        }
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() => KeyCode::Char(c),
        _ => match rest.to_ascii_lowercase().as_str() {
            "space" => KeyCode::Char(' '),
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backspace" => KeyCode::Backspace,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            f if f.starts_with('f') && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) => {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            _ => {
                return Err(format!(
                    "unknown key `{spec}`; write a character (`j`, `G`), `ctrl-` or `alt-` before one, or a name: \
                     space enter esc tab backspace up down left right pageup pagedown home end f1-f12"
                ));
            }
        },
    };
    Ok((code, mods))
}

/// A key as the configuration writes it (the inverse of [`parse_key`]).
pub fn key_spec(code: KeyCode, mods: KeyModifiers) -> String {
    let base = match code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "enter".into(),
        KeyCode::Esc => "esc".into(),
        KeyCode::Tab => "tab".into(),
        KeyCode::Backspace => "backspace".into(),
        KeyCode::Up => "up".into(),
        KeyCode::Down => "down".into(),
        KeyCode::Left => "left".into(),
        KeyCode::Right => "right".into(),
        KeyCode::PageUp => "pageup".into(),
        KeyCode::PageDown => "pagedown".into(),
        KeyCode::Home => "home".into(),
        KeyCode::End => "end".into(),
        KeyCode::F(n) => format!("f{n}"),
        other => format!("{other:?}").to_lowercase(),
    };
    let mut out = String::new();
    if mods.contains(KeyModifiers::CONTROL) {
        out.push_str("ctrl-");
    }
    if mods.contains(KeyModifiers::ALT) {
        out.push_str("alt-");
    }
    out + &base
}

/// A key as the help screen shows it.
pub fn key_name(code: KeyCode, mods: KeyModifiers) -> String {
    let base = match code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Up => "↑".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::Home => "Home".to_string(),
        KeyCode::End => "End".to_string(),
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::Enter => "Enter".to_string(),
        KeyCode::Esc => "Esc".to_string(),
        KeyCode::Backspace => "Backspace".to_string(),
        KeyCode::Delete => "Delete".to_string(),
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
        other => format!("{other:?}"),
    };
    if mods.contains(KeyModifiers::CONTROL) { format!("Ctrl-{base}") } else { base }
}
