//! Keys are data: one table maps (mode, key) to an intent-named action and
//! its help text. The help screen is generated from it.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};

use crate::app::{Action, Focus, HelpTable, Mode, Model};

/// Which table a key is looked up in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputMode {
    /// Reading the article (also the fallback for the sidebar).
    Article,
    /// The sidebar has focus.
    Sidebar,
    /// Typing a search; other printable keys are the query.
    Search,
    Help,
    Skim,
    /// Link labels are on screen; letters pick one.
    Hint,
    /// A web address waits for a yes or no.
    Confirm,
    /// The list of documents.
    Shelf,
    /// Typing a `:` command.
    Command,
    /// Typing a list's filter (sidebar, skim view, shelf).
    Filter,
    /// Writing a claim.
    Annotate,
}

/// The mode the model is in, for key lookup.
pub fn mode_of(m: &Model) -> InputMode {
    if m.list_filter().1 {
        return InputMode::Filter;
    }
    match (m.mode(), m.focus()) {
        (Mode::Command, _) => InputMode::Command,
        (Mode::Annotate, _) => InputMode::Annotate,
        (Mode::Help, _) => InputMode::Help,
        (Mode::Search, _) => InputMode::Search,
        (Mode::Skim, _) => InputMode::Skim,
        (Mode::Hint, _) => InputMode::Hint,
        (Mode::Confirm, _) => InputMode::Confirm,
        (Mode::Normal, Focus::Sidebar) => InputMode::Sidebar,
        (Mode::Normal, Focus::Article) => InputMode::Article,
    }
}

/// The key table in force: the built-in [`BINDINGS`] with the user's
/// remappings applied.
#[derive(Clone, Debug)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap { bindings: BINDINGS.to_vec() }
    }
}

impl Keymap {
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// Looks a key up in a mode's table; the sidebar falls back to the article's.
    pub fn lookup(&self, mode: InputMode, key: KeyEvent) -> Option<Action> {
        // Shift is part of the character for letters and symbols (`G`, `?`).
        let mods = key.modifiers & !KeyModifiers::SHIFT;
        let code = match key.code {
            KeyCode::BackTab => KeyCode::Tab,
            c => c,
        };
        let find = |mode: InputMode| {
            self.bindings.iter().find(|b| b.mode == mode && b.code == code && b.mods == mods).map(|b| b.action)
        };
        match mode {
            InputMode::Sidebar => find(InputMode::Sidebar).or_else(|| find(InputMode::Article)),
            // Prompts: other characters are the text typed.
            InputMode::Search | InputMode::Command | InputMode::Filter | InputMode::Annotate => {
                find(mode).or(match code {
                    KeyCode::Char(c) if mods.is_empty() => Some(Action::PromptInput(c)),
                    _ => None,
                })
            }
            InputMode::Hint => find(InputMode::Hint).or(match code {
                KeyCode::Char(c) if mods.is_empty() => Some(Action::HintKey(c)),
                _ => None,
            }),
            m => find(m),
        }
    }

    /// Binds `keys` to the action named `name` (see [`ACTION_NAMES`]) in
    /// place of its keys; a key that did something else in that mode now
    /// does this instead.
    pub fn remap(&mut self, name: &str, keys: &[(KeyCode, KeyModifiers)]) -> Result<(), String> {
        let &(_, mode, action, _) = ACTION_NAMES
            .iter()
            .find(|(n, ..)| *n == name)
            .ok_or_else(|| format!("unknown action `{name}`; the actions are listed by `briefing --print-config`"))?;
        // The same action in every other view that has it (quit in the skim
        // view and the shelf too), so a remapped key works everywhere.
        let mut modes = vec![mode];
        for b in BINDINGS.iter().filter(|b| b.action == action && b.mode != mode && !is_prompt(b.mode)) {
            if !modes.contains(&b.mode) {
                modes.push(b.mode);
            }
        }
        for mode in modes {
            let help =
                BINDINGS.iter().find(|b| b.mode == mode && b.action == action).map_or(name_help(name), |b| b.help);
            self.bindings.retain(|b| {
                !(b.mode == mode && (b.action == action || keys.iter().any(|&(c, m)| b.code == c && b.mods == m)))
            });
            for &(code, mods) in keys {
                self.bindings.push(Binding { mode, code, mods, action, help });
            }
        }
        Ok(())
    }

    /// The first key bound to `action` in `mode`, as the help shows it (for
    /// hints that follow a remapping).
    pub fn key_for(&self, mode: InputMode, action: Action) -> Option<String> {
        self.bindings.iter().find(|b| b.mode == mode && b.action == action).map(|b| key_name(b.code, b.mods))
    }

    /// The shelf's hint line, from the keys in force.
    pub fn shelf_hint(&self) -> String {
        let key = |a| self.key_for(InputMode::Shelf, a).unwrap_or_else(|| "?".to_string());
        format!(
            " {} filters · {}/{} move · {} reads · {} quits",
            key(Action::FilterStart),
            key(Action::SidebarMove(1)),
            key(Action::SidebarMove(-1)),
            key(Action::SkimOpen),
            key(Action::Quit)
        )
    }

    /// The keys bound to a named action, as the configuration writes them.
    pub fn keys_of(&self, name: &str) -> Vec<String> {
        let Some(&(_, mode, action, _)) = ACTION_NAMES.iter().find(|(n, ..)| *n == name) else {
            return Vec::new();
        };
        self.bindings
            .iter()
            .filter(|b| b.mode == mode && b.action == action)
            .map(|b| key_spec(b.code, b.mods))
            .collect()
    }
}

/// Modes where pasted text is text for a prompt.
pub fn takes_text(mode: InputMode) -> bool {
    matches!(mode, InputMode::Search | InputMode::Command | InputMode::Filter | InputMode::Annotate)
}

/// Modes where characters are text typed, not commands.
fn is_prompt(mode: InputMode) -> bool {
    matches!(mode, InputMode::Search | InputMode::Command | InputMode::Filter | InputMode::Hint | InputMode::Annotate)
}

/// Turns a terminal event into an action for the model's current mode.
pub fn translate(keys: &Keymap, m: &Model, event: Event) -> Option<Action> {
    // After `m` or `'`, the next character names a mark.
    if m.pending_mark().is_some()
        && let Event::Key(KeyEvent { code: KeyCode::Char(c), kind, .. }) = event
        && kind != KeyEventKind::Release
    {
        return Some(Action::MarkKey(c));
    }
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => keys.lookup(mode_of(m), key),
        Event::Key(_) => None,
        Event::Mouse(me) => match me.kind {
            MouseEventKind::ScrollDown => Some(Action::Wheel { x: me.column, y: me.row, down: true }),
            MouseEventKind::ScrollUp => Some(Action::Wheel { x: me.column, y: me.row, down: false }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { x: me.column, y: me.row }),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::FocusGained | Event::FocusLost | Event::Paste(_) => None,
    }
}

impl Keymap {
    /// The help screen's sections: a heading and `(keys, what they do)` lines,
    /// keys with the same help text merged.
    pub fn help(&self) -> HelpTable {
        let groups = [
            (InputMode::Article, "Reading"),
            (InputMode::Sidebar, "Sidebar (Tab to focus; other keys as in reading)"),
            (InputMode::Skim, "Skim view (K)"),
            (InputMode::Hint, "Following a link (o)"),
            (InputMode::Confirm, "Opening a web address"),
            (InputMode::Search, "Typing a search"),
            (InputMode::Command, "Typing a command (:)"),
            (InputMode::Filter, "Typing a filter (/ in a list)"),
            (InputMode::Annotate, "Writing a claim (a)"),
            (InputMode::Shelf, "The shelf (several documents)"),
            (InputMode::Help, "This help"),
        ];
        groups
            .iter()
            .map(|&(mode, title)| {
                let mut lines: Vec<(String, &'static str)> = Vec::new();
                for b in self.bindings.iter().filter(|b| b.mode == mode) {
                    let name = key_name(b.code, b.mods);
                    match lines.iter_mut().find(|(_, h)| *h == b.help) {
                        Some((keys, _)) => {
                            // Digits collapse into a range below.
                            if !matches!(b.action, Action::Count(_)) {
                                keys.push(' ');
                                keys.push_str(&name);
                            }
                        }
                        None => lines.push((name, b.help)),
                    }
                }
                for (keys, help) in &mut lines {
                    if *help == COUNT_HELP {
                        *keys = "0-9".to_string();
                    }
                }
                (title, lines)
            })
            .collect()
    }
}

mod names;
mod table;

use names::*;
pub use names::{ACTION_NAMES, key_name, key_spec, parse_key};
use table::*;
pub use table::{BINDINGS, Binding};

#[cfg(test)]
mod tests;
