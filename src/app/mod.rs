//! The reader's state and the one function that changes it.
//!
//! `Model` holds the document, its layout for the current width and where
//! the reader is; `update` applies an `Action`. Nothing here draws, reads the
//! clock or touches the terminal.

pub mod action;
pub mod scroll;
pub mod search;
pub mod update;

pub use action::{Action, Effect};
pub use update::{loaded, update};

use crate::document::{Document, WORDS_PER_MINUTE};
use crate::layout::panes::{self, Panes};
use crate::layout::wrap::{Anchor, WrappedDoc};
use crate::layout::{sidebar, wrap};
use search::Search;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Article,
    Sidebar,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a search query.
    Search,
    Help,
}

#[derive(Clone, Debug)]
pub struct Model {
    pub doc: Document,
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
    pub search: Option<Search>,
    /// Places to go back to, newest last.
    pub history: Vec<Anchor>,
    /// Mark extracted claims' sentences in the article.
    pub show_claims: bool,
    pub help_top: usize,
    /// A one-line message for the status line, cleared by the next action.
    pub notice: Option<String>,
    /// The rest of the document is still being parsed.
    pub loading: bool,
    /// Words in all sections before each section (and the total at the end).
    words_before: Vec<usize>,
}

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
            doc,
            wrapped: WrappedDoc::default(),
            width,
            height,
            top: 0,
            focus: Focus::Article,
            mode: Mode::Normal,
            sidebar_choice: None,
            selected: 0,
            search_input: String::new(),
            search: None,
            history: Vec::new(),
            show_claims: true,
            help_top: 0,
            notice: None,
            loading: false,
            words_before,
        };
        m.wrapped = wrap(&m.doc, m.panes().text.width as usize);
        m
    }

    pub fn sidebar_shown(&self) -> bool {
        self.sidebar_choice.unwrap_or_else(|| panes::sidebar_by_default(self.width))
    }

    pub fn panes(&self) -> Panes {
        panes::compute(self.width, self.height, self.sidebar_shown())
    }

    /// Rows of article text on screen.
    pub fn page(&self) -> usize {
        self.panes().text.height as usize
    }

    pub fn max_top(&self) -> usize {
        let last = self.wrapped.section_start.last().copied().unwrap_or(0);
        scroll::max_top(self.wrapped.rows.len(), self.page(), last)
    }

    /// The section at the top of the screen.
    pub fn current_section(&self) -> usize {
        self.wrapped.section_at(self.top)
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
        match self.panes().sidebar {
            Some(r) => {
                let inner_w = r.width.saturating_sub(if self.panes().overlay { 4 } else { 3 }) as usize;
                let inner_h = r.height.saturating_sub(if self.panes().overlay { 2 } else { 0 }) as usize;
                sidebar::visible(&self.doc, self.highlighted(), inner_w, inner_h)
            }
            None => Vec::new(),
        }
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
        if n == 0 {
            return 0;
        }
        let s = self.current_section();
        let start = self.wrapped.section_start.get(s).copied().unwrap_or(0);
        let end = self.wrapped.section_start.get(s + 1).copied().unwrap_or(self.wrapped.rows.len());
        let span = end.saturating_sub(start).max(1);
        let done = self.top.saturating_sub(start).min(span);
        let in_section = self.doc.sections[s].words * (span - done) / span;
        let after = self.words_before[n] - self.words_before[s + 1];
        (in_section + after).div_ceil(WORDS_PER_MINUTE)
    }

    /// Puts the whole document in place of the opening shown while it was
    /// parsed, keeping the row at the top (found by its text) on screen.
    /// `wrapped` is used when it was laid out for the current width.
    pub(crate) fn replace_document(&mut self, doc: Document, wrapped: Option<WrappedDoc>) {
        let top_text = self.wrapped.rows.get(self.top).map(|r| r.text());
        let same_shape = doc.sections.len() == self.doc.sections.len();
        let from = self.top.saturating_sub(self.page());
        self.words_before = words_before(&doc);
        self.doc = doc;
        let width = self.panes().text.width as usize;
        self.wrapped = match wrapped {
            Some(w) if w.width == width.max(crate::layout::wrap::MIN_WIDTH) => w,
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
        if let Some(s) = &mut self.search {
            s.matches = search::find(&self.wrapped.rows, &s.query);
            s.current = s.current.min(s.matches.len().saturating_sub(1));
            if s.matches.is_empty() {
                self.search = None;
            }
        }
        self.top = scroll::clamp(self.top as i64, self.max_top());
    }

    /// Lays the article out again if the text width changed, keeping the
    /// same place at the top.
    pub(crate) fn relayout(&mut self) {
        let width = self.panes().text.width as usize;
        if width.max(crate::layout::wrap::MIN_WIDTH) != self.wrapped.width {
            let anchor = self.wrapped.anchor(self.top);
            self.wrapped = wrap(&self.doc, width);
            self.top = self.wrapped.row_of(anchor);
            if let Some(s) = &mut self.search {
                s.matches = search::find(&self.wrapped.rows, &s.query);
                s.current = s.current.min(s.matches.len().saturating_sub(1));
            }
        }
        self.top = scroll::clamp(self.top as i64, self.max_top());
    }
}
