//! The reader's state and the one function that changes it.
//!
//! `Model` holds the document, its layout for the current width and where
//! the reader is; `update` applies an `Action`. Nothing here draws, reads the
//! clock or touches the terminal.

pub mod action;
pub mod editor;
pub mod help;
mod layout;
pub mod links;
pub mod lists;
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
use crate::layout::panes::{self, Panes};
use crate::layout::wrap::{Anchor, WrappedDoc};
use crate::layout::{sidebar, wrap};
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

/// A document still being read in the background.
#[derive(Clone, Debug, Default)]
struct Loading {
    loading: bool,
    /// Every section's title from the quick outline pass, while the text is
    /// still being parsed (empty otherwise).
    outline: Vec<OutlineEntry>,
    /// `G` was pressed while the rest was still being read.
    end_when_loaded: bool,
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
/// goes through [`update`]; views read it through the methods below.
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

    // What views and the shell read.

    pub fn doc(&self) -> &Document {
        &self.doc
    }
    pub fn wrapped(&self) -> &WrappedDoc {
        &self.layout.wrapped
    }
    pub fn size(&self) -> (u16, u16) {
        (self.width, self.height)
    }
    pub fn top(&self) -> usize {
        self.top
    }
    pub fn focus(&self) -> Focus {
        self.focus
    }
    pub fn mode(&self) -> Mode {
        self.mode.kind()
    }
    pub fn selected(&self) -> usize {
        self.lists.selected
    }
    /// The list filter, and whether it is being typed.
    pub fn list_filter(&self) -> (&str, bool) {
        (&self.lists.filter, self.lists.typing)
    }
    pub fn search(&self) -> Option<&Search> {
        self.search.as_ref()
    }
    /// The text of the prompt open (search or command), if one is.
    pub fn prompt_text(&self) -> Option<&str> {
        match &self.mode {
            ModeState::Search(s) | ModeState::Command(s) => Some(s),
            _ => None,
        }
    }
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }
    pub fn loading(&self) -> bool {
        self.load.loading
    }
    pub fn outline(&self) -> &[OutlineEntry] {
        &self.load.outline
    }
    pub fn path(&self) -> Option<&std::path::Path> {
        self.file.path.as_deref()
    }
    pub fn content_hash(&self) -> Option<&str> {
        self.file.content_hash.as_deref()
    }
    pub fn show_claims(&self) -> bool {
        self.view.show_claims
    }
    pub fn prefs(&self) -> Prefs {
        self.view.prefs
    }
    pub fn pending_mark(&self) -> Option<MarkOp> {
        self.nav.pending_mark
    }
    /// Link labels on screen in hint mode, and the letters typed so far.
    pub fn hints(&self) -> (&[links::Hint], &str) {
        match &self.mode {
            ModeState::Hint { hints, typed } => (hints, typed),
            _ => (&[], ""),
        }
    }
    /// The web address waiting for a yes or no.
    pub fn confirm(&self) -> Option<&str> {
        match &self.mode {
            ModeState::Confirm(url) => Some(url),
            _ => None,
        }
    }
    /// The first help line on screen.
    pub fn help_top(&self) -> usize {
        match self.mode {
            ModeState::Help { top } => top,
            _ => 0,
        }
    }
    /// What the help screen lists.
    pub fn help_table(&self) -> &HelpTable {
        &self.view.help
    }
    /// Which sections are read.
    pub fn read(&self) -> &[bool] {
        &self.reading.read
    }

    pub fn read_count(&self) -> usize {
        self.reading.read.iter().filter(|r| **r).count()
    }

    /// Minutes of reading left in the section at the top.
    pub fn section_minutes_left(&self) -> usize {
        self.section_words_left(self.layout.wrapped.section_at(self.top)).div_ceil(self.wpm())
    }

    /// Rows of section `s`: its first row and the row after its last.
    pub(crate) fn section_rows(&self, s: usize) -> (usize, usize) {
        let start = self.layout.wrapped.section_start.get(s).copied().unwrap_or(0);
        let end = self.layout.wrapped.section_start.get(s + 1).copied().unwrap_or(self.layout.wrapped.rows.len());
        (start, end)
    }

    /// Words of section `s` below the top of the screen, in proportion to its rows.
    fn section_words_left(&self, s: usize) -> usize {
        let Some(sec) = self.doc.sections.get(s) else { return 0 };
        let (start, end) = self.section_rows(s);
        let span = end.saturating_sub(start).max(1);
        let done = self.top.saturating_sub(start).min(span);
        sec.words * (span - done) / span
    }

    pub fn sidebar_shown(&self) -> bool {
        self.view.sidebar_choice.unwrap_or_else(|| panes::sidebar_by_default(self.width))
    }

    pub fn panes(&self) -> Panes {
        let base = self.base_panes();
        if self.sidebar_shown() || self.mode() == Mode::Skim {
            return base;
        }
        // No sidebar: the current section's claim stays on screen above the text.
        let rows = self.band_claim().map_or(0, |c| {
            wrap::wrap_text(&c, base.text.width as usize).len().min(panes::claim_band_cap(self.height) as usize)
        });
        base.with_claim_band(rows as u16)
    }

    /// The screen without the claim band (which depends on the section).
    fn base_panes(&self) -> Panes {
        panes::compute_with(
            self.width,
            self.height,
            self.sidebar_shown(),
            self.view.prefs.sidebar_width,
            self.view.prefs.measure,
        )
    }

    /// The claim the band above the text shows, marked `~` when extracted.
    pub fn band_claim(&self) -> Option<String> {
        let s = self.doc.sections.get(self.current_section())?;
        let text = s.full_claim()?;
        Some(match s.claim.origin {
            crate::document::ClaimOrigin::Authored => text.to_string(),
            crate::document::ClaimOrigin::Extracted => format!("~ {text}"),
        })
    }

    pub fn wpm(&self) -> usize {
        usize::from(self.view.prefs.words_per_minute.max(1))
    }

    /// Rows of article text on screen.
    pub fn page(&self) -> usize {
        self.panes().text.height as usize
    }

    pub fn max_top(&self) -> usize {
        let last = self.layout.wrapped.section_start.last().copied().unwrap_or(0);
        scroll::max_top(self.layout.wrapped.rows.len(), self.page(), last)
    }

    /// The section being read: the one under the top row, except with the
    /// end of the document on screen and no heading at the top (the reader
    /// went to the end, not to a section near it), the last one.
    pub fn current_section(&self) -> usize {
        let n = self.layout.wrapped.section_start.len();
        let at_top = self.layout.wrapped.section_at(self.top);
        let heading_at_top = self.layout.wrapped.section_start.get(at_top) == Some(&self.top);
        // The screen's height without the claim band (which shows this
        // section's claim, so cannot be asked first).
        let page = self.base_panes().text.height as usize;
        if self.top > 0 && !heading_at_top && !self.load.loading && self.top + page >= self.layout.wrapped.rows.len() {
            n - 1
        } else {
            at_top
        }
    }

    /// The rows of every heading, sections' and those inside them, in order.
    pub fn heading_rows(&self) -> Vec<usize> {
        let mut rows = Vec::new();
        for (i, s) in self.doc.sections.iter().enumerate() {
            if s.level > 0
                && let Some(&r) = self.layout.wrapped.section_start.get(i)
            {
                rows.push(r);
            }
            for (block, ..) in s.subheadings() {
                rows.push(self.layout.wrapped.row_of(Anchor { block, start: 0 }));
            }
        }
        rows
    }

    /// The sidebar entry to highlight: the selection when the sidebar has
    /// focus, else the section being read.
    pub fn highlighted(&self) -> usize {
        match self.focus {
            Focus::Sidebar => self.lists.selected,
            Focus::Article => self.current_section(),
        }
    }

    /// The sidebar entries on screen, as drawn (also used for mouse clicks).
    pub fn sidebar_entries(&self) -> Vec<sidebar::Entry> {
        let Some(list) = self.panes().sidebar_list() else { return Vec::new() };
        let (inner_w, inner_h) = (list.width as usize, list.height as usize);
        // A filter lists only its matches; otherwise entry k is section k.
        let filtered = (!self.lists.filter.trim().is_empty()).then(|| self.list_indices());
        let (n, pos) = match &filtered {
            Some(list) => (list.len(), list.iter().position(|&i| i >= self.highlighted()).unwrap_or(0)),
            None => (self.section_count(), self.highlighted()),
        };
        let index = |k: usize| filtered.as_ref().map_or(k, |list| list[k]);
        if self.load.outline.len() > self.doc.sections.len() {
            let (outline, doc) = (&self.load.outline, &self.doc);
            sidebar::visible_with(n, pos, inner_w, inner_h, |k| sidebar::outline_entry(outline, doc, index(k), inner_w))
        } else {
            // The entry being read (or selected) shows its whole claim.
            let full = self.highlighted();
            sidebar::visible_with(n, pos, inner_w, inner_h, |k| {
                sidebar::entry_with(&self.doc, &self.reading.read, index(k), inner_w, index(k) == full, self.wpm())
            })
        }
    }

    /// The skim view's entries on screen, as drawn: a column at most 100
    /// wide between the title and the status line.
    pub fn skim_entries(&self) -> Vec<crate::layout::skim::Entry> {
        let p = self.panes();
        let width = self.width.saturating_sub(4).min(100) as usize;
        let height = p.status.y.saturating_sub(p.header.bottom()) as usize;
        let filtered = (!self.lists.filter.trim().is_empty()).then(|| self.list_indices());
        crate::layout::skim::visible_in(&self.doc, filtered.as_deref(), self.lists.selected, width, height, self.wpm())
    }

    /// Sections the sidebar lists: the outline's while it runs ahead of the
    /// parsed text.
    pub fn section_count(&self) -> usize {
        self.doc.sections.len().max(self.load.outline.len())
    }

    /// Percentage of the article seen (the bottom of the screen).
    pub fn percent(&self) -> usize {
        let rows = self.layout.wrapped.rows.len();
        if rows == 0 {
            return 100;
        }
        ((self.top + self.page()).min(rows) * 100 / rows).min(100)
    }

    /// Minutes of reading left from the top of the screen.
    pub fn minutes_left(&self) -> usize {
        let n = self.doc.sections.len();
        // With the end on screen, what is left is in view: the status says done.
        if n == 0 || (self.top + self.page() >= self.layout.wrapped.rows.len() && !self.load.loading) {
            return 0;
        }
        let s = self.layout.wrapped.section_at(self.top);
        let after = self.reading.words_before[n] - self.reading.words_before[s + 1];
        (self.section_words_left(s) + after).div_ceil(self.wpm())
    }

    /// The text pane's width, as the wrapper counts it.
    pub fn text_width(&self) -> usize {
        (self.panes().text.width as usize).max(crate::layout::wrap::MIN_WIDTH)
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
