//! The reader's state and the one function that changes it.
//!
//! `Model` holds the document, its layout for the current width and where
//! the reader is; `update` applies an `Action`. Nothing here draws, reads the
//! clock or touches the terminal.

pub mod action;
pub mod editor;
pub mod help;
pub mod links;
pub mod lists;
pub mod reading;
pub mod scroll;
pub mod search;
pub mod shelf;
pub mod update;

pub use action::{Action, CopyOutcome, Effect};
pub use update::{Loaded, loaded, update};

use crate::document::Document;
use crate::layout::panes::{self, Panes};
use crate::layout::wrap::{Anchor, WrappedDoc};
use crate::layout::{sidebar, wrap};
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

#[derive(Clone, Debug)]
pub struct Model {
    /// Shared with a thread laying it out at a new width.
    pub doc: std::sync::Arc<Document>,
    /// The article laid out for the current text width.
    pub wrapped: WrappedDoc,
    pub width: u16,
    pub height: u16,
    /// First article row on screen.
    pub top: usize,
    pub focus: Focus,
    pub mode: Mode,
    /// The user's choice to show (or hide) the sidebar; `None` follows the width.
    pub sidebar_choice: Option<bool>,
    /// The sidebar selection while it has focus.
    pub selected: usize,
    pub search_input: String,
    /// The `:` command being typed.
    pub command_input: String,
    /// The sidebar's and skim view's filter (title and claim words), and
    /// whether it is being typed.
    pub list_filter: String,
    pub filter_typing: bool,
    /// A count typed before a motion.
    count: Option<usize>,
    /// The claim being written: its section, the editor, and the mode to
    /// go back to.
    editor: Option<(usize, editor::LineEditor, Mode)>,
    /// The last claim written, for undo.
    last_claim: Option<editor::ClaimChange>,
    /// Why claims cannot be written into this document (the embedded
    /// briefing, standard input), when the shell knows.
    pub unwritable: Option<String>,
    pub search: Option<Search>,
    /// Places to go back to, newest last, and to go forward to again.
    pub history: Vec<Anchor>,
    pub forward: Vec<Anchor>,
    /// Sections read to the end.
    pub read: Vec<bool>,
    /// Named places (`m` then a letter), for this run.
    pub marks: std::collections::HashMap<char, Anchor>,
    /// Waiting for the letter after `m` or `'`.
    pub pending_mark: Option<MarkOp>,
    /// A saved state to apply once the whole document is in, and whether
    /// its place still applies (not once the reader has moved).
    pub resume: Option<crate::state::Saved>,
    resume_position: bool,
    /// Where the current unbroken run of scrolling started (the read rule).
    run_lo: Anchor,
    /// A section marked unread (`U`) that stays so while it is on screen.
    unread_hold: Option<usize>,
    /// Titles read in a saved state that this text has no section for.
    read_kept: Vec<String>,
    /// Mark extracted claims' sentences in the article.
    pub show_claims: bool,
    pub help_top: usize,
    /// A one-line message for the status line, cleared by the next action.
    pub notice: Option<String>,
    /// The rest of the document is still being parsed.
    pub loading: bool,
    /// Link labels on screen in hint mode, and the letters typed so far.
    pub hints: Vec<links::Hint>,
    pub hint_input: String,
    /// The web address waiting for a yes or no.
    pub confirm: Option<String>,
    /// There is a document or shelf to go back to when history is empty.
    pub can_leave: bool,
    /// What the help screen lists (from the key table in force).
    pub help: std::sync::Arc<HelpTable>,
    pub prefs: Prefs,
    /// The file shown, for links relative to it and for `--watch`.
    pub path: Option<std::path::PathBuf>,
    /// Every section's title from the quick outline pass, while the
    /// document itself is still being parsed (empty otherwise).
    pub outline: Vec<crate::document::parse::OutlineEntry>,
    /// `G` was pressed while the rest was still being read: go to the end
    /// once it is in.
    pub end_when_loaded: bool,
    /// The text's fingerprint when it was computed after the first frame.
    pub content_hash: Option<String>,
    /// Words in all sections before each section (and the total at the end).
    words_before: Vec<usize>,
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
    pub fn new(doc: Document, width: u16, height: u16) -> Model {
        let words_before = words_before(&doc);
        let mut m = Model {
            doc: std::sync::Arc::new(doc),
            wrapped: WrappedDoc::default(),
            width,
            height,
            top: 0,
            focus: Focus::Article,
            mode: Mode::Normal,
            sidebar_choice: None,
            selected: 0,
            search_input: String::new(),
            command_input: String::new(),
            list_filter: String::new(),
            filter_typing: false,
            count: None,
            editor: None,
            last_claim: None,
            unwritable: None,
            search: None,
            history: Vec::new(),
            forward: Vec::new(),
            read: Vec::new(),
            marks: std::collections::HashMap::new(),
            pending_mark: None,
            resume: None,
            resume_position: false,
            run_lo: Anchor { block: 0, start: 0 },
            unread_hold: None,
            read_kept: Vec::new(),
            show_claims: true,
            help_top: 0,
            notice: None,
            loading: false,
            hints: Vec::new(),
            hint_input: String::new(),
            confirm: None,
            can_leave: false,
            help: std::sync::Arc::new(Vec::new()),
            prefs: Prefs::default(),
            path: None,
            outline: Vec::new(),
            content_hash: None,
            end_when_loaded: false,
            words_before,
        };
        m.wrapped = wrap(&m.doc, m.text_width());
        m.read = vec![false; m.doc.sections.len()];
        m
    }

    pub fn read_count(&self) -> usize {
        self.read.iter().filter(|r| **r).count()
    }

    /// Minutes of reading left in the section at the top.
    pub fn section_minutes_left(&self) -> usize {
        self.section_words_left(self.wrapped.section_at(self.top)).div_ceil(self.wpm())
    }

    /// Rows of section `s`: its first row and the row after its last.
    pub(crate) fn section_rows(&self, s: usize) -> (usize, usize) {
        let start = self.wrapped.section_start.get(s).copied().unwrap_or(0);
        let end = self.wrapped.section_start.get(s + 1).copied().unwrap_or(self.wrapped.rows.len());
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
        self.sidebar_choice.unwrap_or_else(|| panes::sidebar_by_default(self.width))
    }

    pub fn panes(&self) -> Panes {
        let base = self.base_panes();
        if self.sidebar_shown() || self.mode == Mode::Skim {
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
        panes::compute_with(self.width, self.height, self.sidebar_shown(), self.prefs.sidebar_width, self.prefs.measure)
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
        usize::from(self.prefs.words_per_minute.max(1))
    }

    /// Applies the user's settings and lays the article out for them.
    pub fn set_prefs(&mut self, prefs: Prefs) {
        self.prefs = prefs;
        self.relayout();
    }

    /// Rows of article text on screen.
    pub fn page(&self) -> usize {
        self.panes().text.height as usize
    }

    pub fn max_top(&self) -> usize {
        let last = self.wrapped.section_start.last().copied().unwrap_or(0);
        scroll::max_top(self.wrapped.rows.len(), self.page(), last)
    }

    /// The section being read: the one under the top row, except with the
    /// end of the document on screen and no heading at the top (the reader
    /// went to the end, not to a section near it), the last one.
    pub fn current_section(&self) -> usize {
        let n = self.wrapped.section_start.len();
        let at_top = self.wrapped.section_at(self.top);
        let heading_at_top = self.wrapped.section_start.get(at_top) == Some(&self.top);
        // The screen's height without the claim band (which shows this
        // section's claim, so cannot be asked first).
        let page = self.base_panes().text.height as usize;
        if self.top > 0 && !heading_at_top && !self.loading && self.top + page >= self.wrapped.rows.len() {
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
                && let Some(&r) = self.wrapped.section_start.get(i)
            {
                rows.push(r);
            }
            for (block, ..) in s.subheadings() {
                rows.push(self.wrapped.row_of(Anchor { block, start: 0 }));
            }
        }
        rows
    }

    /// The sidebar entry to highlight: the selection when the sidebar has
    /// focus, else the section being read.
    pub fn highlighted(&self) -> usize {
        match self.focus {
            Focus::Sidebar => self.selected,
            Focus::Article => self.current_section(),
        }
    }

    /// The sidebar entries on screen, as drawn (also used for mouse clicks).
    pub fn sidebar_entries(&self) -> Vec<sidebar::Entry> {
        let panes = self.panes();
        let Some(r) = panes.sidebar else { return Vec::new() };
        let inner_w = r.width.saturating_sub(if panes.overlay { 4 } else { 3 }) as usize;
        let inner_h = r.height.saturating_sub(if panes.overlay { 2 } else { 0 }) as usize;
        // A filter lists only its matches; otherwise entry k is section k.
        let filtered = (!self.list_filter.trim().is_empty()).then(|| self.list_indices());
        let (n, pos) = match &filtered {
            Some(list) => (list.len(), list.iter().position(|&i| i >= self.highlighted()).unwrap_or(0)),
            None => (self.section_count(), self.highlighted()),
        };
        let index = |k: usize| filtered.as_ref().map_or(k, |list| list[k]);
        if self.outline.len() > self.doc.sections.len() {
            let (outline, doc) = (&self.outline, &self.doc);
            sidebar::visible_with(n, pos, inner_w, inner_h, |k| sidebar::outline_entry(outline, doc, index(k), inner_w))
        } else {
            // The entry being read (or selected) shows its whole claim.
            let full = self.highlighted();
            sidebar::visible_with(n, pos, inner_w, inner_h, |k| {
                sidebar::entry_with(&self.doc, &self.read, index(k), inner_w, index(k) == full, self.wpm())
            })
        }
    }

    /// The skim view's entries on screen, as drawn: a column at most 100
    /// wide between the title and the status line.
    pub fn skim_entries(&self) -> Vec<crate::layout::skim::Entry> {
        let p = self.panes();
        let width = self.width.saturating_sub(4).min(100) as usize;
        let height = p.status.y.saturating_sub(p.header.bottom()) as usize;
        let filtered = (!self.list_filter.trim().is_empty()).then(|| self.list_indices());
        crate::layout::skim::visible_in(&self.doc, filtered.as_deref(), self.selected, width, height, self.wpm())
    }

    /// Sections the sidebar lists: the outline's while it runs ahead of the
    /// parsed text.
    pub fn section_count(&self) -> usize {
        self.doc.sections.len().max(self.outline.len())
    }

    /// Percentage of the article seen (the bottom of the screen).
    pub fn percent(&self) -> usize {
        let rows = self.wrapped.rows.len();
        if rows == 0 {
            return 100;
        }
        ((self.top + self.page()).min(rows) * 100 / rows).min(100)
    }

    /// Minutes of reading left from the top of the screen.
    pub fn minutes_left(&self) -> usize {
        let n = self.doc.sections.len();
        // With the end on screen, what is left is in view: the status says done.
        if n == 0 || (self.top + self.page() >= self.wrapped.rows.len() && !self.loading) {
            return 0;
        }
        let s = self.wrapped.section_at(self.top);
        let after = self.words_before[n] - self.words_before[s + 1];
        (self.section_words_left(s) + after).div_ceil(self.wpm())
    }

    /// Puts the whole document in place of the opening shown while it was
    /// parsed, keeping the row at the top (found by its text) on screen.
    /// `wrapped` is used when it was laid out for the current width.
    pub(crate) fn replace_document(&mut self, doc: Document, wrapped: Option<WrappedDoc>) {
        let top_text = self.wrapped.rows.get(self.top).map(|r| r.text());
        let same_shape = doc.sections.len() == self.doc.sections.len();
        let section = self.wrapped.section_at(self.top);
        self.outline.clear();
        let from = self.top.saturating_sub(self.page());
        self.words_before = words_before(&doc);
        self.doc = std::sync::Arc::new(doc);
        let width = self.text_width();
        self.wrapped = match wrapped {
            Some(w) if w.width == width => w,
            // Laid out for a width the screen no longer has (a resize while
            // the rest was read): the sections around the place on screen
            // get the new one now, the rest on another thread.
            Some(mut w) if is_large(&w) => {
                w.retarget(width);
                w.relayout_sections(&self.doc, width, section.saturating_sub(1)..section + 2);
                w
            }
            _ => wrap(&self.doc, width),
        };
        self.top = match top_text {
            Some(t) if self.top > 0 => {
                self.wrapped.rows.iter().skip(from).position(|r| r.text() == t).map_or(self.top, |i| from + i)
            }
            _ => 0,
        };
        // Jumps recorded against a differently sectioned opening may not
        // exist in the whole document; the claims alone change no block.
        if !same_shape {
            self.history.clear();
        }
        self.selected = self.selected.min(self.doc.sections.len().saturating_sub(1));
        self.refresh_search();
        self.read.resize(self.doc.sections.len(), false);
        self.top = scroll::clamp(self.top as i64, self.max_top());
        self.run_lo = self.wrapped.anchor(self.top);
        if let Some(saved) = self.resume.take() {
            let position = std::mem::take(&mut self.resume_position);
            self.resume_now(&saved, position);
        }
        if std::mem::take(&mut self.end_when_loaded) {
            self.top = scroll::clamp(self.wrapped.rows.len().saturating_sub(self.page()) as i64, self.max_top());
        }
        self.lay_out_near_top();
    }

    /// Shows the document as it is now on disk, keeping the reader at the
    /// same section and distance into it, and the sections read.
    /// `wrapped` is its layout when one was made with it (for any width).
    pub fn reload(&mut self, doc: Document, wrapped: Option<WrappedDoc>) {
        let saved = self.snapshot(String::new(), String::new());
        self.replace_document(doc, wrapped);
        self.restore(&saved, false, true);
        self.lay_out_near_top();
        self.notice = Some("Reloaded: the file changed on disk".to_string());
    }

    /// Finds the search's matches again in new rows (dropping a search that
    /// no longer matches anything).
    fn refresh_search(&mut self) {
        if let Some(s) = &mut self.search {
            s.matches = search::find(&self.wrapped.rows, &s.query);
            s.current = s.current.min(s.matches.len().saturating_sub(1));
            if s.matches.is_empty() {
                self.search = None;
            }
        }
    }

    /// Lays the article out again at the same width, keeping the same place
    /// at the top (the code grammars came in, say).
    pub fn rewrap(&mut self) {
        self.adopt_layout(wrap(&self.doc, self.text_width()));
    }

    /// The text pane's width, as the wrapper counts it.
    pub fn text_width(&self) -> usize {
        (self.panes().text.width as usize).max(crate::layout::wrap::MIN_WIDTH)
    }

    /// Shows `wrapped`, a layout of this document made elsewhere, keeping
    /// the same place at the top; one made for another width is dropped.
    pub fn adopt_layout(&mut self, wrapped: WrappedDoc) {
        if wrapped.width != self.text_width() {
            return;
        }
        let (anchor, old_top) = (self.wrapped.anchor(self.top), self.top);
        self.wrapped = wrapped;
        self.top = self.wrapped.row_of(anchor);
        self.refresh_search();
        self.top = scroll::clamp(self.top as i64, self.max_top());
        // Link labels on screen keep their places on it.
        for h in &mut self.hints {
            h.row = (h.row + self.top).saturating_sub(old_top);
        }
    }

    /// Large enough that whole layouts are made on another thread.
    pub fn is_large(&self) -> bool {
        is_large(&self.wrapped)
    }

    /// The layout needs making again in full, which for a large document
    /// is done on another thread ([`Model::adopt_layout`] takes the result):
    /// only the sections near the screen are at the current width, or code
    /// was coloured after it was laid out.
    pub fn wants_layout(&self) -> bool {
        self.wrapped.partial() || self.wrapped.stale_code()
    }

    /// Lays the article out again if the text width changed, keeping the
    /// same place at the top. A large document gets only the sections on
    /// and just around the screen laid out here, so a resize or a sidebar
    /// toggle costs the same at any size; the rest waits for the whole
    /// layout ([`Model::wants_layout`]).
    pub(crate) fn relayout(&mut self) {
        let width = self.text_width();
        if width != self.wrapped.width {
            if self.is_large() {
                self.wrapped.retarget(width);
                self.lay_out_near_top();
            } else {
                self.rewrap();
            }
        }
        self.top = scroll::clamp(self.top as i64, self.max_top());
    }

    /// While only some sections have the current width: lays out at it the
    /// section at the top of the screen, the one before it, and those down
    /// to two screens below the top, wherever the reader has gone.
    pub(crate) fn lay_out_near_top(&mut self) {
        if !self.wrapped.partial() {
            return;
        }
        let (width, n) = (self.wrapped.width, self.wrapped.section_start.len());
        let anchor = self.wrapped.anchor(self.top);
        let at_end = self.top > 0 && self.top >= self.max_top();
        let mut i = self.wrapped.section_at(self.top).saturating_sub(1);
        let mut changed = false;
        while i < n
            && (i <= self.wrapped.section_at(self.top) || self.wrapped.section_start[i] < self.top + 2 * self.page())
        {
            if !self.wrapped.section_fits(i) {
                self.wrapped.relayout_sections(&self.doc, width, i..i + 1);
                self.top = self.wrapped.row_of(anchor);
                changed = true;
            }
            i += 1;
        }
        if changed {
            self.refresh_search();
            // The end stays the end, whatever the new rows' count.
            let top = if at_end { self.max_top() } else { self.top };
            self.top = scroll::clamp(top as i64, self.max_top());
        }
    }
}

/// Documents laid out in more rows than this get a new width section by
/// section near the screen first (about 20 ms of wrapping).
const LAY_OUT_ELSEWHERE_FROM: usize = 20_000;

fn is_large(wrapped: &WrappedDoc) -> bool {
    wrapped.rows.len() >= LAY_OUT_ELSEWHERE_FROM
}
