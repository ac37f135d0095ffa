//! Writing a section's claim from the reader: a one-line editor with the
//! usual keys, and what saving asks of the shell. The file is written by
//! the shell (`Effect::WriteClaim`); this module never touches it.

use super::{Action, Effect, Mode, Model};
use crate::document::ClaimOrigin;
use crate::document::annotate::{self, MAX_AUTHORED};

/// A line of text being edited, and where the cursor is (in characters).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineEditor {
    pub text: String,
    pub cursor: usize,
}

impl LineEditor {
    pub fn new(text: &str) -> LineEditor {
        LineEditor { text: text.to_string(), cursor: text.chars().count() }
    }

    fn byte(&self, char_index: usize) -> usize {
        self.text.char_indices().nth(char_index).map_or(self.text.len(), |(i, _)| i)
    }

    pub fn len(&self) -> usize {
        self.text.chars().count()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn insert(&mut self, c: char) {
        let at = self.byte(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Backspace.
    pub fn erase(&mut self) {
        if self.cursor > 0 {
            let at = self.byte(self.cursor - 1);
            self.text.remove(at);
            self.cursor -= 1;
        }
    }

    /// Delete.
    pub fn delete(&mut self) {
        if self.cursor < self.len() {
            let at = self.byte(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.len());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.len();
    }

    /// Ctrl-w: the word before the cursor (and the spaces after it).
    pub fn erase_word(&mut self) {
        let chars: Vec<char> = self.text.chars().collect();
        let mut i = self.cursor;
        while i > 0 && chars[i - 1].is_whitespace() {
            i -= 1;
        }
        while i > 0 && !chars[i - 1].is_whitespace() {
            i -= 1;
        }
        let (from, to) = (self.byte(i), self.byte(self.cursor));
        self.text.replace_range(from..to, "");
        self.cursor = i;
    }

    /// Ctrl-u: everything before the cursor.
    pub fn erase_to_start(&mut self) {
        let to = self.byte(self.cursor);
        self.text.replace_range(..to, "");
        self.cursor = 0;
    }
}

/// The last claim written in this run, to undo: which section, and its
/// annotation before (`None`: it had none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimChange {
    pub section: usize,
    pub previous: Option<String>,
}

/// Why this document's claims cannot be written, if they cannot.
fn cannot_write(m: &Model) -> Option<String> {
    if let Some(why) = &m.file.unwritable {
        return Some(why.clone());
    }
    let Some(path) = &m.file.path else {
        return Some("Claims are written into the document's file, and this text has none".to_string());
    };
    (!annotate::is_markdown(path)).then(|| {
        "Claims are written only into Markdown files (.md): in this file the comment would show as text".to_string()
    })
}

/// A section's claim as it would be written: the sidebar's form, without
/// the `…` that marks where the short form cut the sentence.
fn writable_claim(section: &crate::document::Section) -> Option<String> {
    let text = section.stated_claim()?;
    let text = text.trim_end_matches('…').trim_end();
    Some(text.chars().take(MAX_AUTHORED).collect())
}

/// The section `a` and `A` act on: the selected one in the sidebar or the
/// skim view, else the one being read.
fn target(m: &Model) -> usize {
    match (m.mode(), m.focus) {
        (Mode::Skim, _) | (_, super::Focus::Sidebar) => m.lists.selected,
        _ => m.current_section(),
    }
}

/// The write of `claim` (or its removal) into section `s`, as the shell
/// must carry it out.
fn write(m: &mut Model, s: usize, claim: Option<String>) -> Effect {
    if let Some(why) = cannot_write(m) {
        m.notice = Some(why);
        return Effect::None;
    }
    let (Some(path), Some(place), Some(section)) =
        (m.file.path.clone(), annotate::place_of(&m.doc, s), m.doc.sections.get(s))
    else {
        return Effect::None;
    };
    let previous = (section.claim.origin == ClaimOrigin::Authored).then(|| section.claim.text.to_string());
    if previous == claim {
        m.notice = Some("The claim is already that".to_string());
        return Effect::None;
    }
    Effect::WriteClaim { path, place, section: s, claim, previous }
}

/// The editor's and the claim keys' part of `update`.
pub(crate) fn apply(m: &mut Model, action: Action) -> Effect {
    match action {
        Action::Annotate => {
            if let Some(why) = cannot_write(m) {
                m.notice = Some(why);
                return Effect::None;
            }
            let s = target(m);
            let Some(section) = m.doc.sections.get(s) else { return Effect::None };
            // Prefilled with the claim as the sidebar shows it.
            let text = writable_claim(section).unwrap_or_default();
            m.mode = super::ModeState::Annotate { section: s, editor: LineEditor::new(&text), back: m.mode() };
        }
        Action::AcceptClaim => {
            let s = target(m);
            let Some(section) = m.doc.sections.get(s) else { return Effect::None };
            if section.claim.origin == ClaimOrigin::Authored {
                m.notice = Some(format!("§{} already has the author's claim", s + 1));
                return Effect::None;
            }
            let Some(text) = writable_claim(section) else {
                m.notice = Some(format!("§{} has no claim to accept: a writes one", s + 1));
                return Effect::None;
            };
            match annotate::check(&text) {
                Ok(text) => return write(m, s, Some(text)),
                Err(e) => m.notice = Some(e),
            }
        }
        Action::UndoClaim => match m.last_claim.clone() {
            Some(change) => return write(m, change.section, change.previous),
            None => m.notice = Some("No claim was written in this run".to_string()),
        },
        Action::EditorMove(d) => edit(m, |e| if d < 0 { e.left() } else { e.right() }),
        Action::EditorEdge(end) => edit(m, |e| if end { e.end() } else { e.home() }),
        Action::EditorDelete => edit(m, LineEditor::delete),
        Action::EditorEraseWord => edit(m, LineEditor::erase_word),
        Action::EditorEraseToStart => edit(m, LineEditor::erase_to_start),
        Action::PromptInput(c) => edit(m, |e| {
            if !c.is_control() {
                e.insert(c)
            }
        }),
        Action::PromptErase => edit(m, LineEditor::erase),
        Action::PromptSubmit => {
            let super::ModeState::Annotate { section: s, editor: e, back } = &m.mode else { return Effect::None };
            let (s, back) = (*s, *back);
            match annotate::check(&e.text) {
                Ok(text) => {
                    m.mode = back.into();
                    return write(m, s, (!text.is_empty()).then_some(text));
                }
                Err(why) => m.notice = Some(why),
            }
        }
        Action::Escape => {
            if let super::ModeState::Annotate { back, .. } = m.mode {
                m.mode = back.into();
            }
        }
        _ => {}
    }
    Effect::None
}

fn edit(m: &mut Model, f: impl FnOnce(&mut LineEditor)) {
    if let super::ModeState::Annotate { editor, .. } = &mut m.mode {
        f(editor);
    }
}

impl Model {
    /// The editor, while a claim is being written: the section, the text.
    pub fn claim_editor(&self) -> Option<(usize, &LineEditor)> {
        match &self.mode {
            super::ModeState::Annotate { section, editor, .. } => Some((*section, editor)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_editing_keys() {
        let mut e = LineEditor::new("two words");
        e.erase_word();
        assert_eq!((e.text.as_str(), e.cursor), ("two ", 4));
        e.home();
        e.insert('é');
        e.right();
        e.delete();
        assert_eq!(e.text, "éto ");
        e.end();
        e.insert('x');
        e.left();
        e.left();
        e.erase_to_start();
        assert_eq!((e.text.as_str(), e.cursor), (" x", 0));
        e.erase();
        assert_eq!(e.text, " x", "Backspace at the start does nothing");
    }

    use crate::app::update;
    use crate::document::parse;

    fn reader(md: &str) -> Model {
        let mut m = Model::new(parse(md), 100, 30);
        update(&mut m, Action::Resize(100, 30));
        m.file.path = Some("/tmp/notes.md".into());
        m
    }

    const MD: &str = "# Notes\n\n## Plan\n\nWe will ship the reader first and the writer later.\n\n## Risks\n<!-- claim: Mine. -->\n\nText of risks.\n";

    #[test]
    fn a_opens_the_editor_with_the_claim_and_enter_asks_the_shell_to_write_it() {
        let mut m = reader(MD);
        update(&mut m, Action::Annotate);
        assert_eq!(m.mode(), Mode::Annotate);
        let (s, e) = m.claim_editor().unwrap();
        assert_eq!((s, e.text.as_str()), (0, "We will ship the reader first and the writer later."));
        update(&mut m, Action::EditorEraseToStart);
        for c in "Reader first.".chars() {
            update(&mut m, Action::PromptInput(c));
        }
        let effect = update(&mut m, Action::PromptSubmit);
        let Effect::WriteClaim { section, claim, previous, place, .. } = effect else { panic!("{effect:?}") };
        assert_eq!((section, claim.as_deref(), previous), (0, Some("Reader first."), None));
        assert_eq!(place.line, 3);
        assert_eq!(m.mode(), Mode::Normal);
    }

    #[test]
    fn a_shortened_claim_is_offered_without_its_cut_mark() {
        let long = "The committee concluded, after two years of hearings in three cities and a long review of the \
                    evidence and the budget tables and the many letters, that the old bridge must be replaced soon.";
        let mut m = reader(&format!("# N\n\n## A\n\n{long}\n\n## B\n\nOther words here.\n"));
        assert!(m.doc.sections[0].claim.text.ends_with('…'), "{}", m.doc.sections[0].claim.text);
        update(&mut m, Action::Annotate);
        assert!(!m.claim_editor().unwrap().1.text.ends_with('…'));
        update(&mut m, Action::Escape);
        let Effect::WriteClaim { claim, .. } = update(&mut m, Action::AcceptClaim) else { panic!() };
        assert!(!claim.unwrap().contains('…'));
    }

    #[test]
    fn esc_cancels_and_keys_while_editing_are_text() {
        let mut m = reader(MD);
        update(&mut m, Action::Annotate);
        update(&mut m, Action::PromptInput('q'));
        assert_eq!(update(&mut m, Action::Quit), Effect::None, "nothing but the editor gets keys");
        update(&mut m, Action::Escape);
        assert_eq!((m.mode(), m.claim_editor().is_none()), (Mode::Normal, true));
    }

    #[test]
    fn accepting_undoing_and_removing() {
        let mut m = reader(MD);
        let Effect::WriteClaim { claim, .. } = update(&mut m, Action::AcceptClaim) else { panic!() };
        assert_eq!(claim.as_deref(), Some("We will ship the reader first and the writer later."));
        // The shell wrote it and shows the file as it is now: undo writes
        // back what was there (nothing).
        let written = annotate::rewrite(MD, annotate::place_of(&m.doc, 0).unwrap(), claim.as_deref()).unwrap();
        m.reload(parse(&written), None);
        m.last_claim = Some(ClaimChange { section: 0, previous: None });
        let Effect::WriteClaim { section, claim, .. } = update(&mut m, Action::UndoClaim) else { panic!() };
        assert_eq!((section, claim), (0, None));
        // An emptied claim removes the annotation.
        update(&mut m, Action::GotoSection(2));
        update(&mut m, Action::Annotate);
        update(&mut m, Action::EditorEraseToStart);
        let Effect::WriteClaim { claim, previous, .. } = update(&mut m, Action::PromptSubmit) else { panic!() };
        assert_eq!((claim, previous.as_deref()), (None, Some("Mine.")));
    }

    #[test]
    fn what_cannot_be_written_says_why() {
        let mut m = reader(MD);
        update(&mut m, Action::Annotate);
        for c in " -- no".chars() {
            update(&mut m, Action::PromptInput(c));
        }
        assert_eq!(update(&mut m, Action::PromptSubmit), Effect::None);
        assert_eq!(m.mode(), Mode::Annotate, "the editor stays open");
        assert!(m.notice.as_deref().unwrap().contains("--"));
        update(&mut m, Action::EditorEraseToStart);
        for _ in 0..130 {
            update(&mut m, Action::PromptInput('x'));
        }
        update(&mut m, Action::EditorEdge(false));
        update(&mut m, Action::PromptSubmit);
        assert!(m.notice.as_deref().unwrap().contains("at most 120"), "{:?}", m.notice);
        let mut text = reader(MD);
        text.file.path = Some("/tmp/notes.txt".into());
        update(&mut text, Action::Annotate);
        assert!(text.notice.as_deref().unwrap().contains("only into Markdown"));
        let mut embedded = reader(MD);
        embedded.file.unwritable = Some("The embedded briefing is part of the program".into());
        update(&mut embedded, Action::AcceptClaim);
        assert!(embedded.notice.as_deref().unwrap().starts_with("The embedded briefing"));
        assert_eq!(embedded.mode(), Mode::Normal);
    }
}
