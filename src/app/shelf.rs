//! The shelf: several documents in one list (`briefing A.md B.md`,
//! `briefing DIR/`), filtered by typing; `Enter` opens one in the reader.
//! Its own small state and update, like the reader's.

use std::path::PathBuf;

use super::{Action, Effect, scroll};

/// One document on the shelf, summarised when the shelf was built.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub path: PathBuf,
    /// The file's name, as listed.
    pub name: String,
    pub title: String,
    pub sections: usize,
    pub words: usize,
    /// The first section's key claim (empty when there is none).
    pub first_claim: String,
    /// Why the document cannot be read, instead of its summary.
    pub problem: Option<String>,
    /// The summary is still being read (the shelf shows names at once).
    pub pending: bool,
}

impl Entry {
    /// An entry known only by its file, until its summary arrives.
    pub fn named(path: PathBuf, name: String) -> Entry {
        Entry {
            path,
            name,
            title: String::new(),
            sections: 0,
            words: 0,
            first_claim: String::new(),
            problem: None,
            pending: true,
        }
    }
}

/// What changes the shelf: what the reader does, and what the shell brings.
#[derive(Debug)]
pub enum Msg {
    Do(Action),
    /// A document's summary arrived: entry `i` takes it.
    Filled(usize, Entry),
    /// Something the reader should know (a document that cannot be opened).
    Notice(String),
    /// Pasted text: for the filter while it is typed, else nothing.
    Paste(String),
}

impl From<Action> for Msg {
    fn from(a: Action) -> Msg {
        Msg::Do(a)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Shelf {
    pub entries: Vec<Entry>,
    pub filter: String,
    /// Index into [`Shelf::visible`].
    pub selected: usize,
    pub width: u16,
    pub height: u16,
    pub words_per_minute: u16,
    pub notice: Option<String>,
    /// The filter is being typed (`/`).
    pub filtering: bool,
    /// A count typed before a motion.
    pub count: Option<usize>,
    /// The hint line (`/ filters · ...`), made from the keys in force.
    pub hint: String,
}

impl Shelf {
    pub fn new(entries: Vec<Entry>, width: u16, height: u16) -> Shelf {
        Shelf {
            entries,
            filter: String::new(),
            selected: 0,
            width,
            height,
            words_per_minute: 230,
            notice: None,
            filtering: false,
            count: None,
            hint: crate::input::keymap::Keymap::default().shelf_hint(),
        }
    }

    /// The entries that match the filter (every word of it, ignoring case,
    /// in the name, title or first claim), as indexes into `entries`.
    pub fn visible(&self) -> Vec<usize> {
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, e)| super::lists::matches(&self.filter, &format!("{} {} {}", e.name, e.title, e.first_claim)))
            .map(|(i, _)| i)
            .collect()
    }

    /// Which key table applies.
    pub fn input_mode(&self) -> crate::input::InputMode {
        if self.filtering { crate::input::InputMode::Filter } else { crate::input::InputMode::Shelf }
    }

    /// Entries a screen holds (each takes three rows), for paging.
    fn page(&self) -> usize {
        (usize::from(self.height.saturating_sub(4)) / 3).saturating_sub(1).max(1)
    }

    pub fn minutes(&self, e: &Entry) -> usize {
        crate::document::minutes_at(e.words, usize::from(self.words_per_minute)).max(1)
    }
}

/// Applies a message to the shelf: the one door through which it changes.
pub fn update(s: &mut Shelf, msg: impl Into<Msg>) -> Effect {
    match msg.into() {
        Msg::Do(action) => act(s, action),
        Msg::Filled(i, entry) => {
            if let Some(e) = s.entries.get_mut(i) {
                *e = entry;
            }
            Effect::None
        }
        Msg::Notice(text) => {
            s.notice = Some(text);
            Effect::None
        }
        Msg::Paste(text) => {
            if s.filtering {
                for c in super::lists::pasted(&text) {
                    act(s, Action::PromptInput(c));
                }
            }
            Effect::None
        }
    }
}

/// Applies an action to the shelf: the motion keys move, `/` filters
/// (Enter keeps the filter, Esc clears it), `Enter` opens, quit quits.
fn act(s: &mut Shelf, action: Action) -> Effect {
    if !matches!(action, Action::Resize(..)) {
        s.notice = None;
    }
    if let Action::Count(d) = action {
        s.count = super::lists::push_digit(s.count, d);
        return Effect::None;
    }
    let count = if matches!(action, Action::Resize(..)) { None } else { s.count.take() };
    let action = count.map_or(action, |c| super::lists::counted(action, c));
    let n = s.visible().len();
    let to = |s: &mut Shelf, i: i64| s.selected = scroll::clamp(i, n.saturating_sub(1));
    match action {
        Action::FilterStart => {
            s.filtering = true;
            s.filter.clear();
            s.selected = 0;
        }
        Action::PromptInput(c) if s.filtering && !c.is_control() => {
            s.filter.push(c);
            s.selected = 0;
        }
        Action::PromptErase => {
            if s.filter.pop().is_none() {
                s.filtering = false;
            }
            s.selected = 0;
        }
        Action::PromptSubmit => s.filtering = false,
        Action::SidebarMove(d) => to(s, s.selected as i64 + i64::from(d)),
        Action::ListPage(d) => to(s, s.selected as i64 + i64::from(d) * s.page() as i64),
        Action::ListEdge(end) => to(s, if end { i64::MAX } else { 0 }),
        Action::ListTo(k) => to(s, k as i64 - 1),
        Action::SkimOpen => {
            let visible = s.visible();
            match visible.get(s.selected).map(|&i| &s.entries[i]) {
                Some(e) if e.problem.is_none() => {
                    return Effect::OpenFile { path: e.path.to_string_lossy().into_owned(), anchor: None };
                }
                Some(e) => s.notice = e.problem.clone(),
                None => s.notice = Some("Nothing matches the filter".to_string()),
            }
        }
        // Esc cancels a count and nothing else.
        Action::Escape if count.is_some() => {}
        Action::Escape => {
            s.filter.clear();
            s.filtering = false;
            s.selected = 0;
        }
        Action::Quit => return Effect::Quit,
        Action::QuitAll => return Effect::QuitAll,
        Action::Suspend => return Effect::Suspend,
        Action::Resize(w, h) => {
            s.width = w;
            s.height = h;
        }
        _ => {}
    }
    Effect::None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, title: &str, claim: &str) -> Entry {
        Entry {
            path: PathBuf::from(name),
            name: name.to_string(),
            title: title.to_string(),
            sections: 3,
            words: 500,
            first_claim: claim.to_string(),
            problem: None,
            pending: false,
        }
    }

    fn shelf() -> Shelf {
        Shelf::new(
            vec![
                entry("rare-earths.md", "Rare earths", "China restricts exports."),
                entry("chips.md", "Chips", "Fabs take years to build."),
                entry("notes.md", "Notes", "Misc."),
            ],
            80,
            24,
        )
    }

    fn type_filter(s: &mut Shelf, text: &str) {
        update(s, Action::FilterStart);
        for c in text.chars() {
            update(s, Action::PromptInput(c));
        }
    }

    #[test]
    fn slash_filters_by_name_title_and_claim_and_enter_opens_the_match() {
        let mut s = shelf();
        type_filter(&mut s, "FABS");
        assert_eq!(s.visible(), vec![1]);
        assert_eq!(s.input_mode(), crate::input::InputMode::Filter);
        update(&mut s, Action::PromptSubmit);
        assert_eq!(s.input_mode(), crate::input::InputMode::Shelf, "Enter keeps the filter");
        assert_eq!(update(&mut s, Action::SkimOpen), Effect::OpenFile { path: "chips.md".to_string(), anchor: None });
        type_filter(&mut s, "z");
        assert!(s.visible().is_empty());
        assert_eq!(update(&mut s, Action::SkimOpen), Effect::None);
        assert_eq!(s.notice.as_deref(), Some("Nothing matches the filter"));
    }

    #[test]
    fn motion_keys_move_and_escape_clears_the_filter_and_quit_quits() {
        let mut s = shelf();
        update(&mut s, Action::SidebarMove(5));
        assert_eq!(s.selected, 2);
        update(&mut s, Action::SidebarMove(-9));
        assert_eq!(s.selected, 0);
        update(&mut s, Action::ListEdge(true));
        assert_eq!(s.selected, 2);
        update(&mut s, Action::Count(2));
        update(&mut s, Action::ListEdge(false));
        assert_eq!(s.selected, 1, "2g: the second document");
        type_filter(&mut s, "nq");
        assert_eq!(s.filter, "nq", "q is a letter while the filter is typed");
        assert_eq!(update(&mut s, Action::Escape), Effect::None);
        assert_eq!(s.filter, "");
        assert_eq!(update(&mut s, Action::Quit), Effect::Quit);
        assert_eq!(update(&mut s, Action::QuitAll), Effect::QuitAll);
    }

    #[test]
    fn names_show_first_and_summaries_fill_in() {
        let mut s = Shelf::new(vec![Entry::named("a.md".into(), "a.md".into())], 80, 24);
        assert!(s.entries[0].pending);
        update(&mut s, Msg::Filled(0, entry("a.md", "Alpha", "A claim.")));
        assert!(!s.entries[0].pending);
        assert_eq!(s.entries[0].title, "Alpha");
        update(&mut s, Msg::Filled(7, entry("x.md", "X", "")));
        assert_eq!(s.entries.len(), 1, "an unknown index changes nothing");
    }

    #[test]
    fn an_unreadable_document_says_why_instead_of_opening() {
        let mut s = shelf();
        s.entries[0].problem = Some("rare-earths.md: not UTF-8".to_string());
        assert_eq!(update(&mut s, Action::SkimOpen), Effect::None);
        assert_eq!(s.notice.as_deref(), Some("rare-earths.md: not UTF-8"));
    }
}
