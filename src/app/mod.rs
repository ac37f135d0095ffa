//! The reader's state and the one function that changes it.
//!
//! `Model` holds the document, its layout for the current width and where
//! the reader is; `update` applies an `Action`. Nothing here draws, reads the
//! clock or touches the terminal.

pub mod action;
pub mod editor;
pub mod help;
mod index;
mod layout;
pub mod links;
pub mod lists;
mod queries;
pub mod reading;
pub mod saved;
pub mod scroll;
pub mod search;
pub mod shelf;
pub mod update;

pub use action::{Action, CopyOutcome, Effect, Msg, Reread};
pub use update::{Loaded, update};

use std::sync::Arc;

use crate::document::Document;
use crate::document::parse::OutlineEntry;
use crate::layout::wrap;
use crate::layout::wrap::{Anchor, WrappedDoc};
use saved::Saved;
use search::Search;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Article,
    Sidebar,
}

/// What the next letter does after `m` or `'`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkOp {
    Set,
    Jump,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a search query.
    Search,
    /// Typing a `:` command.
    Command,
    Help,
    /// Every section's title, claim and opening in one list.
    Skim,
    /// Labels on the links on screen; typing one follows it.
    Hint,
    /// Asking before a web address is opened.
    Confirm,
    /// Writing a section's claim.
    Annotate,
}

/// The help screen: headings, each with `(keys, what they do)` lines.
pub type HelpTable = Vec<(&'static str, Vec<(String, &'static str)>)>;

/// Settings the user chose (configuration file), as the model uses them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prefs {
    /// Sidebar columns; `None`: a third of the screen within bounds.
    pub sidebar_width: Option<u16>,
    /// The widest the text column gets.
    pub measure: u16,
    pub words_per_minute: u16,
}

impl Default for Prefs {
    fn default() -> Prefs {
        Prefs {
            sidebar_width: None,
            measure: crate::layout::panes::MEASURE,
            words_per_minute: crate::document::WORDS_PER_MINUTE as u16,
        }
    }
}

/// The mode the reader is in, with what only that mode needs: leaving a
/// mode drops its data.
#[derive(Clone, Debug)]
enum ModeState {
    Normal,
    /// The query being typed.
    Search(String),
    /// The `:` command being typed.
    Command(String),
    /// The first help line on screen.
    Help {
        top: usize,
    },
    Skim,
    /// The labels on the links on screen, and the letters typed so far.
    Hint {
        hints: Vec<links::Hint>,
        typed: String,
    },
    /// The web address waiting for a yes or no.
    Confirm(String),
    /// A section's claim being written, and the mode to go back to.
    Annotate {
        section: usize,
        editor: editor::LineEditor,
        back: Mode,
    },
}

impl From<Mode> for ModeState {
    /// The modes a claim's editor goes back to (they carry no data).
    fn from(mode: Mode) -> ModeState {
        match mode {
            Mode::Skim => ModeState::Skim,
            _ => ModeState::Normal,
        }
    }
}

impl ModeState {
    fn kind(&self) -> Mode {
        match self {
            ModeState::Normal => Mode::Normal,
            ModeState::Search(_) => Mode::Search,
            ModeState::Command(_) => Mode::Command,
            ModeState::Help { .. } => Mode::Help,
            ModeState::Skim => Mode::Skim,
            ModeState::Hint { .. } => Mode::Hint,
            ModeState::Confirm(_) => Mode::Confirm,
            ModeState::Annotate { .. } => Mode::Annotate,
        }
    }
}

/// Where the reader has been and can go back to.
#[derive(Clone, Debug, Default)]
struct Navigation {
    /// Places to go back to, newest last, and to go forward to again.
    history: Vec<Anchor>,
    forward: Vec<Anchor>,
    /// Named places (`m` then a letter), for this run.
    marks: std::collections::HashMap<char, Anchor>,
    /// Waiting for the letter after `m` or `'`.
    pending_mark: Option<MarkOp>,
}

/// What has been read (the read rule's state) and a saved state to apply.
#[derive(Clone, Debug)]
struct ReadingState {
    /// Sections read to the end.
    read: Vec<bool>,
    /// Where the current unbroken run of scrolling started.
    run_lo: Anchor,
    /// A section marked unread (`U`) that stays so while it is on screen.
    unread_hold: Option<usize>,
    /// Titles read in a saved state that this text has no section for.
    read_kept: Vec<String>,
    /// A saved state to apply once the whole document is in, and whether
    /// its place still applies (not once the reader has moved).
    saved: Option<Saved>,
    resume_position: bool,
    /// Words in all sections before each section (and the total at the end).
    words_before: Vec<usize>,
}

/// The sidebar's and the skim view's list: the selection and the filter.
#[derive(Clone, Debug, Default)]
struct Lists {
    /// The selected section while the sidebar has focus (or in skim).
    selected: usize,
    /// Title and claim words the list is filtered by, and whether they
    /// are being typed.
    filter: String,
    typing: bool,
}

/// Where the text came from, as far as the reader cares.
#[derive(Clone, Debug, Default)]
struct FileInfo {
    /// The file shown, for links relative to it and for `--watch`.
    path: Option<std::path::PathBuf>,
    /// Why claims cannot be written into this document, when the shell knows.
    unwritable: Option<String>,
    /// The text's fingerprint (computed after the first frame).
    content_hash: Option<String>,
    /// There is a document or shelf to go back to when history is empty.
    can_leave: bool,
}

/// What `G` says while the end is not in yet.
pub(crate) const END_WAIT: &str = "The end, once the rest is read…";

/// Where a jump meant to go while the document is still being read.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Wanted {
    /// `G`: the end of the file, not of what is read so far (as in less).
    End,
    /// A place in sections still only titles, which the screen cannot
    /// reach until they are parsed (and longer).
    At(crate::layout::wrap::Anchor),
}

/// A document still being read in the background.
#[derive(Clone, Debug, Default)]
struct Loading {
    loading: bool,
    /// Every section's title from the quick outline pass, while the text is
    /// still being parsed (empty otherwise).
    outline: Vec<OutlineEntry>,
    /// Where a jump meant to go that the text in so far cannot show yet
    /// (cancelled by the next key).
    wanted: Option<Wanted>,
    /// The whole text (tables tamed), the heading level that cuts its
    /// sections and its definitions, once read: sections not parsed yet
    /// are parsed from it when they come on screen.
    text: Option<crate::document::Source>,
    /// Which sections are still only their title from the outline.
    unparsed: Vec<bool>,
    /// The sections of the opening (parsed from its first bytes, kept
    /// whole); those after are parsed from `text` alone.
    opened: usize,
    /// The whole text is in and its claims are being found elsewhere.
    claims_pending: bool,
    /// The sections being parsed elsewhere.
    parsing: Option<std::ops::Range<usize>>,
}

/// How the screen is drawn: the user's choices.
#[derive(Clone, Debug)]
struct ViewState {
    /// Show (or hide) the sidebar; `None` follows the width.
    sidebar_choice: Option<bool>,
    /// Mark extracted claims' sentences in the article.
    show_claims: bool,
    prefs: Prefs,
    /// What the help screen lists (from the key table in force).
    help: Arc<HelpTable>,
}

/// What the shell knows about a document when it opens it.
#[derive(Clone, Debug, Default)]
pub struct Setup {
    pub prefs: Prefs,
    pub help: Arc<HelpTable>,
    pub path: Option<std::path::PathBuf>,
    /// The rest of the text is still being read.
    pub loading: bool,
    pub content_hash: Option<String>,
    pub unwritable: Option<String>,
}

/// The reader's state. Its fields are private: everything that changes it
/// goes through [`update()`]; views read it through the methods below.
#[derive(Clone, Debug)]
pub struct Model {
    /// Shared with a thread laying it out at a new width.
    doc: Arc<Document>,
    /// The article laid out for the current width, and what it waits for.
    layout: layout::Layout,
    width: u16,
    height: u16,
    /// First article row on screen.
    top: usize,
    focus: Focus,
    mode: ModeState,
    view: ViewState,
    lists: Lists,
    /// A count typed before a motion.
    count: Option<usize>,
    search: Option<Search>,
    nav: Navigation,
    reading: ReadingState,
    file: FileInfo,
    load: Loading,
    /// The last claim written, for undo.
    last_claim: Option<editor::ClaimChange>,
    /// A one-line message for the status line, cleared by the next action.
    notice: Option<String>,
}

/// The notice shown when a saved position was applied.
pub const RESUMED: &str = "Back where you left off · g goes to the top";

fn words_before(doc: &Document) -> Vec<usize> {
    let mut out = Vec::with_capacity(doc.sections.len() + 1);
    let mut total = 0;
    for s in &doc.sections {
        out.push(total);
        total += s.words;
    }
    out.push(total);
    out
}

impl Model {
    /// A reader of `doc` on a screen of `width` x `height`, with defaults.
    pub fn new(doc: Document, width: u16, height: u16) -> Model {
        Model::open(doc, width, height, Setup::default())
    }

    /// A reader of `doc` as the shell opens it.
    pub fn open(doc: Document, width: u16, height: u16, setup: Setup) -> Model {
        let n = doc.sections.len();
        let mut m = Model {
            reading: ReadingState {
                read: vec![false; n],
                run_lo: Anchor { block: 0, start: 0 },
                unread_hold: None,
                read_kept: Vec::new(),
                saved: None,
                resume_position: false,
                words_before: words_before(&doc),
            },
            doc: Arc::new(doc),
            layout: layout::Layout::default(),
            width,
            height,
            top: 0,
            focus: Focus::Article,
            mode: ModeState::Normal,
            view: ViewState { sidebar_choice: None, show_claims: true, prefs: setup.prefs, help: setup.help },
            lists: Lists::default(),
            count: None,
            search: None,
            nav: Navigation::default(),
            file: FileInfo {
                path: setup.path,
                unwritable: setup.unwritable,
                content_hash: setup.content_hash,
                can_leave: false,
            },
            load: Loading { loading: setup.loading, ..Loading::default() },
            last_claim: None,
            notice: None,
        };
        m.layout = layout::Layout::new(&m.doc, m.text_width());
        m
    }

    /// What must hold after every message: the top within the rows, the
    /// selection within the list, a read mark for every section.
    fn check(&mut self) {
        self.top = scroll::clamp(self.top as i64, self.max_top());
        self.lists.selected = self.lists.selected.min(self.section_count().saturating_sub(1));
        self.reading.read.resize(self.doc.sections.len(), false);
        if let ModeState::Help { top } = self.mode {
            // The help box may have grown (a resize): its end stays at the bottom.
            self.mode = ModeState::Help { top: top.min(self.help_max_top()) };
        }
    }
}
