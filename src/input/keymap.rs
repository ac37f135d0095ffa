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

#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub mode: InputMode,
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub action: Action,
    pub help: &'static str,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

const fn bind(mode: InputMode, code: KeyCode, mods: KeyModifiers, action: Action, help: &'static str) -> Binding {
    Binding { mode, code, mods, action, help }
}

use InputMode::{
    Annotate as W, Article as A, Command as X, Confirm as Y, Filter as I, Help as H, Hint as F, Search as Q,
    Shelf as B, Sidebar as S, Skim as K,
};
use KeyCode::Char as C;

/// The key table.
pub const BINDINGS: &[Binding] = &[
    bind(A, C('j'), NONE, Action::ScrollLines(1), "line down"),
    bind(A, KeyCode::Down, NONE, Action::ScrollLines(1), "line down"),
    bind(A, C('e'), CTRL, Action::ScrollLines(1), "line down"),
    bind(A, KeyCode::Enter, NONE, Action::ScrollLines(1), "line down"),
    bind(A, C('k'), NONE, Action::ScrollLines(-1), "line up"),
    bind(A, KeyCode::Up, NONE, Action::ScrollLines(-1), "line up"),
    bind(A, C('y'), CTRL, Action::ScrollLines(-1), "line up"),
    bind(A, C(' '), NONE, Action::ScrollPages(1), "page down"),
    bind(A, KeyCode::PageDown, NONE, Action::ScrollPages(1), "page down"),
    bind(A, C('f'), NONE, Action::ScrollPages(1), "page down"),
    bind(A, C('f'), CTRL, Action::ScrollPages(1), "page down"),
    bind(A, C('b'), NONE, Action::ScrollPages(-1), "page up"),
    bind(A, C('b'), CTRL, Action::ScrollPages(-1), "page up"),
    bind(A, KeyCode::PageUp, NONE, Action::ScrollPages(-1), "page up"),
    bind(A, C('d'), NONE, Action::ScrollHalfPages(1), "half page down"),
    bind(A, C('d'), CTRL, Action::ScrollHalfPages(1), "half page down"),
    bind(A, C('u'), NONE, Action::ScrollHalfPages(-1), "half page up"),
    bind(A, C('u'), CTRL, Action::ScrollHalfPages(-1), "half page up"),
    bind(A, C('g'), NONE, Action::Top, "top (with a count: that section)"),
    bind(A, KeyCode::Home, NONE, Action::Top, "top (with a count: that section)"),
    bind(A, C('G'), NONE, Action::Bottom, "end (with a count: that section, 12G)"),
    bind(A, KeyCode::End, NONE, Action::Bottom, "end (with a count: that section, 12G)"),
    bind(A, C('p'), NONE, Action::Percent, "go to a percentage (50p; alone: the top)"),
    bind(A, C('%'), NONE, Action::Percent, "go to a percentage (50p; alone: the top)"),
    bind(A, C(']'), NONE, Action::NextSection, "next section"),
    bind(A, C('['), NONE, Action::PrevSection, "previous section (or start of this one)"),
    bind(A, C('}'), NONE, Action::NextHeading, "next heading, at any level"),
    bind(A, C('{'), NONE, Action::PrevHeading, "previous heading, at any level"),
    bind(A, C(':'), NONE, Action::CommandStart, "command: :42 goes to section 42, :q quits"),
    bind(A, C('0'), NONE, Action::Count(0), COUNT_HELP),
    bind(A, C('1'), NONE, Action::Count(1), COUNT_HELP),
    bind(A, C('2'), NONE, Action::Count(2), COUNT_HELP),
    bind(A, C('3'), NONE, Action::Count(3), COUNT_HELP),
    bind(A, C('4'), NONE, Action::Count(4), COUNT_HELP),
    bind(A, C('5'), NONE, Action::Count(5), COUNT_HELP),
    bind(A, C('6'), NONE, Action::Count(6), COUNT_HELP),
    bind(A, C('7'), NONE, Action::Count(7), COUNT_HELP),
    bind(A, C('8'), NONE, Action::Count(8), COUNT_HELP),
    bind(A, C('9'), NONE, Action::Count(9), COUNT_HELP),
    bind(A, KeyCode::Tab, NONE, Action::ToggleFocus, "focus the sidebar / the article"),
    bind(A, C('/'), NONE, Action::SearchStart, "search (ignores case)"),
    bind(A, C('n'), NONE, Action::NextMatch, "next match"),
    bind(A, C('N'), NONE, Action::PrevMatch, "previous match"),
    bind(A, KeyCode::Backspace, NONE, Action::Back, "back to before the last jump"),
    bind(A, C('o'), CTRL, Action::Back, "back to before the last jump"),
    bind(A, C('H'), NONE, Action::Back, "back to before the last jump"),
    bind(A, C('L'), NONE, Action::Forward, "forward again (undo back)"),
    bind(A, C('o'), NONE, Action::HintStart, "label the links on screen to follow one"),
    bind(A, C('m'), NONE, Action::MarkSet, "m then a letter: mark this place"),
    bind(A, C('\''), NONE, Action::MarkJump, "' then a letter: go to that mark ('' goes back)"),
    bind(A, C('U'), NONE, Action::MarkUnread, "mark this section unread"),
    bind(A, C('K'), NONE, Action::ToggleSkim, "skim: every section's claim and opening"),
    bind(A, C('y'), NONE, Action::Copy(false), "copy this section's claim"),
    bind(A, C('Y'), NONE, Action::Copy(true), "copy the whole outline as Markdown"),
    bind(A, C('s'), NONE, Action::ToggleSidebar, "show or hide the sidebar"),
    bind(A, C('c'), NONE, Action::ToggleClaims, "mark extracted claims in the text"),
    bind(A, C('e'), NONE, Action::Edit, "edit the file at this section ($VISUAL, $EDITOR)"),
    bind(A, C('a'), NONE, Action::Annotate, "write this section's claim into the file"),
    bind(A, C('A'), NONE, Action::AcceptClaim, "accept the extracted claim as the author's"),
    bind(A, C('R'), NONE, Action::UndoClaim, "undo the last claim written"),
    bind(A, C('?'), NONE, Action::ToggleHelp, "this help"),
    bind(A, KeyCode::Esc, NONE, Action::Escape, "close the overlay, clear the search or count"),
    bind(A, C('q'), NONE, Action::Quit, "quit (from a shelf's document: back to the shelf)"),
    bind(A, C('Q'), NONE, Action::QuitAll, "quit, from anywhere"),
    bind(A, C('c'), CTRL, Action::QuitAll, "quit, from anywhere"),
    bind(A, C('z'), CTRL, Action::Suspend, "suspend (fg resumes)"),
    bind(S, C('j'), NONE, Action::SidebarMove(1), "select the next section"),
    bind(S, KeyCode::Down, NONE, Action::SidebarMove(1), "select the next section"),
    bind(S, C('k'), NONE, Action::SidebarMove(-1), "select the previous section"),
    bind(S, KeyCode::Up, NONE, Action::SidebarMove(-1), "select the previous section"),
    bind(S, C(' '), NONE, Action::ListPage(1), "a screen of sections down"),
    bind(S, KeyCode::PageDown, NONE, Action::ListPage(1), "a screen of sections down"),
    bind(S, C('f'), CTRL, Action::ListPage(1), "a screen of sections down"),
    bind(S, KeyCode::PageUp, NONE, Action::ListPage(-1), "a screen of sections up"),
    bind(S, C('b'), CTRL, Action::ListPage(-1), "a screen of sections up"),
    bind(S, C('g'), NONE, Action::ListEdge(false), "first section (with a count: that one)"),
    bind(S, KeyCode::Home, NONE, Action::ListEdge(false), "first section (with a count: that one)"),
    bind(S, C('G'), NONE, Action::ListEdge(true), "last section (with a count: that one)"),
    bind(S, KeyCode::End, NONE, Action::ListEdge(true), "last section (with a count: that one)"),
    bind(S, C('/'), NONE, Action::FilterStart, "filter by title and claim (Esc clears)"),
    bind(S, KeyCode::Enter, NONE, Action::SidebarOpen, "read the selected section"),
    bind(S, C('l'), NONE, Action::SidebarOpen, "read the selected section"),
    bind(S, KeyCode::Esc, NONE, Action::Escape, "clear the filter, or back to the article"),
    bind(Q, KeyCode::Enter, NONE, Action::PromptSubmit, "search (empty repeats the last)"),
    bind(Q, KeyCode::Esc, NONE, Action::Escape, "cancel the search"),
    bind(Q, KeyCode::Backspace, NONE, Action::PromptErase, "erase a character"),
    bind(Q, C('c'), CTRL, Action::QuitAll, "quit"),
    bind(X, KeyCode::Enter, NONE, Action::PromptSubmit, "run it (:N section N, :q quit, :help)"),
    bind(X, KeyCode::Esc, NONE, Action::Escape, "cancel"),
    bind(X, KeyCode::Backspace, NONE, Action::PromptErase, "erase a character"),
    bind(X, C('c'), CTRL, Action::QuitAll, "quit"),
    bind(W, KeyCode::Enter, NONE, Action::PromptSubmit, "save the claim into the file (empty: remove it)"),
    bind(W, KeyCode::Esc, NONE, Action::Escape, "cancel"),
    bind(W, KeyCode::Backspace, NONE, Action::PromptErase, "erase before the cursor"),
    bind(W, KeyCode::Delete, NONE, Action::EditorDelete, "erase under the cursor"),
    bind(W, KeyCode::Left, NONE, Action::EditorMove(-1), "cursor left / right"),
    bind(W, KeyCode::Right, NONE, Action::EditorMove(1), "cursor left / right"),
    bind(W, KeyCode::Home, NONE, Action::EditorEdge(false), "start / end of the line"),
    bind(W, C('a'), CTRL, Action::EditorEdge(false), "start / end of the line"),
    bind(W, KeyCode::End, NONE, Action::EditorEdge(true), "start / end of the line"),
    bind(W, C('e'), CTRL, Action::EditorEdge(true), "start / end of the line"),
    bind(W, C('w'), CTRL, Action::EditorEraseWord, "erase the word before the cursor"),
    bind(W, C('u'), CTRL, Action::EditorEraseToStart, "erase to the start of the line"),
    bind(W, C('c'), CTRL, Action::QuitAll, "quit"),
    bind(I, KeyCode::Enter, NONE, Action::PromptSubmit, "keep the filter and move in the list"),
    bind(I, KeyCode::Esc, NONE, Action::Escape, "clear the filter"),
    bind(I, KeyCode::Backspace, NONE, Action::PromptErase, "erase a character"),
    bind(I, KeyCode::Down, NONE, Action::SidebarMove(1), "next match"),
    bind(I, KeyCode::Up, NONE, Action::SidebarMove(-1), "previous match"),
    bind(I, C('c'), CTRL, Action::QuitAll, "quit"),
    bind(K, C('j'), NONE, Action::SidebarMove(1), "next section"),
    bind(K, KeyCode::Down, NONE, Action::SidebarMove(1), "next section"),
    bind(K, C(']'), NONE, Action::SidebarMove(1), "next section"),
    bind(K, C('k'), NONE, Action::SidebarMove(-1), "previous section"),
    bind(K, KeyCode::Up, NONE, Action::SidebarMove(-1), "previous section"),
    bind(K, C('['), NONE, Action::SidebarMove(-1), "previous section"),
    bind(K, C(' '), NONE, Action::ListPage(1), "a screen down"),
    bind(K, KeyCode::PageDown, NONE, Action::ListPage(1), "a screen down"),
    bind(K, C('f'), NONE, Action::ListPage(1), "a screen down"),
    bind(K, C('f'), CTRL, Action::ListPage(1), "a screen down"),
    bind(K, C('d'), CTRL, Action::ListPage(1), "a screen down"),
    bind(K, C('b'), NONE, Action::ListPage(-1), "a screen up"),
    bind(K, KeyCode::PageUp, NONE, Action::ListPage(-1), "a screen up"),
    bind(K, C('b'), CTRL, Action::ListPage(-1), "a screen up"),
    bind(K, C('u'), CTRL, Action::ListPage(-1), "a screen up"),
    bind(K, C('g'), NONE, Action::ListEdge(false), "first section (with a count: that one)"),
    bind(K, KeyCode::Home, NONE, Action::ListEdge(false), "first section (with a count: that one)"),
    bind(K, C('G'), NONE, Action::ListEdge(true), "last section (with a count: that one)"),
    bind(K, KeyCode::End, NONE, Action::ListEdge(true), "last section (with a count: that one)"),
    bind(K, C('/'), NONE, Action::FilterStart, "filter by title and claim (Esc clears)"),
    bind(K, C('0'), NONE, Action::Count(0), COUNT_HELP),
    bind(K, C('1'), NONE, Action::Count(1), COUNT_HELP),
    bind(K, C('2'), NONE, Action::Count(2), COUNT_HELP),
    bind(K, C('3'), NONE, Action::Count(3), COUNT_HELP),
    bind(K, C('4'), NONE, Action::Count(4), COUNT_HELP),
    bind(K, C('5'), NONE, Action::Count(5), COUNT_HELP),
    bind(K, C('6'), NONE, Action::Count(6), COUNT_HELP),
    bind(K, C('7'), NONE, Action::Count(7), COUNT_HELP),
    bind(K, C('8'), NONE, Action::Count(8), COUNT_HELP),
    bind(K, C('9'), NONE, Action::Count(9), COUNT_HELP),
    bind(K, KeyCode::Enter, NONE, Action::SkimOpen, "read that section"),
    bind(K, KeyCode::Esc, NONE, Action::Escape, "clear the filter, or back to the article"),
    bind(K, C('K'), NONE, Action::ToggleSkim, "back to the article"),
    bind(K, C('?'), NONE, Action::ToggleHelp, "help"),
    bind(K, C('a'), NONE, Action::Annotate, "write the selected section's claim"),
    bind(K, C('A'), NONE, Action::AcceptClaim, "accept its extracted claim"),
    bind(K, C('R'), NONE, Action::UndoClaim, "undo the last claim written"),
    bind(K, C('q'), NONE, Action::Quit, "quit"),
    bind(K, C('Q'), NONE, Action::QuitAll, "quit, from anywhere"),
    bind(K, C('c'), CTRL, Action::QuitAll, "quit, from anywhere"),
    bind(F, KeyCode::Esc, NONE, Action::Escape, "cancel"),
    bind(F, KeyCode::Backspace, NONE, Action::HintErase, "erase a letter of the label"),
    bind(F, C('c'), CTRL, Action::QuitAll, "quit"),
    bind(Y, C('y'), NONE, Action::ConfirmOpen(true), "open it with the system's opener"),
    bind(Y, KeyCode::Enter, NONE, Action::ConfirmOpen(true), "open it with the system's opener"),
    bind(Y, C('n'), NONE, Action::ConfirmOpen(false), "do not open it"),
    bind(Y, KeyCode::Esc, NONE, Action::ConfirmOpen(false), "do not open it"),
    bind(Y, C('c'), CTRL, Action::QuitAll, "quit"),
    bind(B, C('j'), NONE, Action::SidebarMove(1), "next document"),
    bind(B, KeyCode::Down, NONE, Action::SidebarMove(1), "next document"),
    bind(B, C('n'), CTRL, Action::SidebarMove(1), "next document"),
    bind(B, C('j'), CTRL, Action::SidebarMove(1), "next document"),
    bind(B, C('k'), NONE, Action::SidebarMove(-1), "previous document"),
    bind(B, KeyCode::Up, NONE, Action::SidebarMove(-1), "previous document"),
    bind(B, C('p'), CTRL, Action::SidebarMove(-1), "previous document"),
    bind(B, C('k'), CTRL, Action::SidebarMove(-1), "previous document"),
    bind(B, C(' '), NONE, Action::ListPage(1), "a screen down"),
    bind(B, KeyCode::PageDown, NONE, Action::ListPage(1), "a screen down"),
    bind(B, C('f'), CTRL, Action::ListPage(1), "a screen down"),
    bind(B, KeyCode::PageUp, NONE, Action::ListPage(-1), "a screen up"),
    bind(B, C('b'), CTRL, Action::ListPage(-1), "a screen up"),
    bind(B, C('g'), NONE, Action::ListEdge(false), "first document (with a count: that one)"),
    bind(B, KeyCode::Home, NONE, Action::ListEdge(false), "first document (with a count: that one)"),
    bind(B, C('G'), NONE, Action::ListEdge(true), "last document (with a count: that one)"),
    bind(B, KeyCode::End, NONE, Action::ListEdge(true), "last document (with a count: that one)"),
    bind(B, C('0'), NONE, Action::Count(0), COUNT_HELP),
    bind(B, C('1'), NONE, Action::Count(1), COUNT_HELP),
    bind(B, C('2'), NONE, Action::Count(2), COUNT_HELP),
    bind(B, C('3'), NONE, Action::Count(3), COUNT_HELP),
    bind(B, C('4'), NONE, Action::Count(4), COUNT_HELP),
    bind(B, C('5'), NONE, Action::Count(5), COUNT_HELP),
    bind(B, C('6'), NONE, Action::Count(6), COUNT_HELP),
    bind(B, C('7'), NONE, Action::Count(7), COUNT_HELP),
    bind(B, C('8'), NONE, Action::Count(8), COUNT_HELP),
    bind(B, C('9'), NONE, Action::Count(9), COUNT_HELP),
    bind(B, C('/'), NONE, Action::FilterStart, "filter by name, title and claim"),
    bind(B, KeyCode::Enter, NONE, Action::SkimOpen, "read the selected document"),
    bind(B, KeyCode::Esc, NONE, Action::Escape, "clear the filter"),
    bind(B, C('q'), NONE, Action::Quit, "quit"),
    bind(B, C('Q'), NONE, Action::QuitAll, "quit"),
    bind(B, C('c'), CTRL, Action::QuitAll, "quit"),
    bind(B, C('z'), CTRL, Action::Suspend, "suspend (fg resumes)"),
    bind(H, C('j'), NONE, Action::HelpScroll(1), "scroll help"),
    bind(H, KeyCode::Down, NONE, Action::HelpScroll(1), "scroll help"),
    bind(H, C('k'), NONE, Action::HelpScroll(-1), "scroll help"),
    bind(H, KeyCode::Up, NONE, Action::HelpScroll(-1), "scroll help"),
    bind(H, C(' '), NONE, Action::HelpPage(1), "a page of help down"),
    bind(H, KeyCode::PageDown, NONE, Action::HelpPage(1), "a page of help down"),
    bind(H, C('f'), NONE, Action::HelpPage(1), "a page of help down"),
    bind(H, C('f'), CTRL, Action::HelpPage(1), "a page of help down"),
    bind(H, C('d'), CTRL, Action::HelpPage(1), "a page of help down"),
    bind(H, C('b'), NONE, Action::HelpPage(-1), "a page of help up"),
    bind(H, KeyCode::PageUp, NONE, Action::HelpPage(-1), "a page of help up"),
    bind(H, C('b'), CTRL, Action::HelpPage(-1), "a page of help up"),
    bind(H, C('u'), CTRL, Action::HelpPage(-1), "a page of help up"),
    bind(H, C('g'), NONE, Action::HelpEdge(false), "start of the help"),
    bind(H, KeyCode::Home, NONE, Action::HelpEdge(false), "start of the help"),
    bind(H, C('G'), NONE, Action::HelpEdge(true), "end of the help"),
    bind(H, KeyCode::End, NONE, Action::HelpEdge(true), "end of the help"),
    bind(H, KeyCode::Esc, NONE, Action::Escape, "close help"),
    bind(H, C('?'), NONE, Action::ToggleHelp, "close help"),
    bind(H, C('q'), NONE, Action::ToggleHelp, "close help"),
    bind(H, C('c'), CTRL, Action::QuitAll, "quit"),
];

/// What digits do, in the help.
const COUNT_HELP: &str = "a count: 10j, 3], 5Ctrl-d repeat; 12G section 12";

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

fn name_help(name: &str) -> &'static str {
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

#[cfg(test)]
mod tests {
    use super::*;

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

#[cfg(test)]
mod readme_tests {
    use super::*;

    /// The keys of the README's key table (the table under "## Reading"),
    /// as written between backticks in its first column.
    fn readme_keys() -> Vec<String> {
        let readme = include_str!("../../README.md");
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
