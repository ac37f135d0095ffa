//! Reading the model: what views and the shell read (the state as it is),
//! and what is derived from it (the screen's panes, the section being
//! read, progress and reading times, the lists' entries on screen).

use super::*;
use crate::layout::panes::{self, Panes};
use crate::layout::sidebar;

impl Model {
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
        let end = self.layout.wrapped.section_start.get(s + 1).copied().unwrap_or(self.layout.wrapped.len());
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
        scroll::max_top(self.layout.wrapped.len(), self.page(), last)
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
        let whole = !self.load.loading || self.end_is_parsed();
        if self.top > 0 && !heading_at_top && whole && self.top + page >= self.layout.wrapped.len() {
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
        let rows = self.layout.wrapped.len();
        if rows == 0 {
            return 100;
        }
        ((self.top + self.page()).min(rows) * 100 / rows).min(100)
    }

    /// Minutes of reading left from the top of the screen.
    pub fn minutes_left(&self) -> usize {
        let n = self.doc.sections.len();
        // With the end on screen, what is left is in view: the status says done.
        if n == 0 || (self.top + self.page() >= self.layout.wrapped.len() && !self.load.loading) {
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
}
