//! The article's layout for the current width and its lifecycle: laid
//! out whole here for a small document; for a large one, a new width (or
//! newly highlighted code) goes first to the sections on and around the
//! screen, while a whole layout is made elsewhere ([`Effect::LayOut`]) and
//! adopted without moving the screen. Code is highlighted where it is read:
//! the sections on screen first, then the rest in reading order, a batch at
//! a time ([`Effect::Highlight`]). Everything here is pure; the shell only
//! runs the work it is asked for.

use std::sync::Arc;

use super::{Effect, ModeState, Model, scroll, search, words_before};
use crate::document::Document;
use crate::layout::syntax::{Highlights, code_blocks};
use crate::layout::wrap::{WrappedDoc, wrap};

/// The layout and what it waits for.
#[derive(Clone, Debug, Default)]
pub(super) struct Layout {
    /// The article laid out for the current text width.
    pub(super) wrapped: WrappedDoc,
    /// The code highlighted so far (shared with threads laying out).
    pub(super) code: Arc<Highlights>,
    /// A whole layout is being made elsewhere.
    pub(super) laying_out: bool,
    /// Code is being highlighted elsewhere.
    pub(super) highlighting: bool,
    /// Sections whose code was asked for (or has none), and the first
    /// section the reading-order pass has not reached.
    pub(super) code_asked: Vec<bool>,
    pub(super) code_cursor: usize,
}

impl Layout {
    pub(super) fn new(doc: &Document, width: usize) -> Layout {
        let code = Arc::new(Highlights::default());
        Layout {
            wrapped: wrap(doc, &code, width),
            code,
            code_asked: vec![false; doc.sections.len()],
            ..Layout::default()
        }
    }

    /// A new document value for `n` sections: its code is asked for again
    /// (what was highlighted keeps its colours) and work running for the
    /// old value is no longer waited for (its result is dropped).
    pub(super) fn reset_work(&mut self, n: usize) {
        self.code_asked = vec![false; n];
        self.code_cursor = 0;
        self.highlighting = false;
        self.laying_out = false;
    }
}

/// A large document keeps the text of about this many sections' rows.
const KEEP_SECTIONS: usize = 64;

/// Documents laid out in more rows than this get a new width section by
/// section near the screen first (about 20 ms of wrapping).
const LAY_OUT_ELSEWHERE_FROM: usize = 20_000;

fn is_large(wrapped: &WrappedDoc) -> bool {
    wrapped.len() >= LAY_OUT_ELSEWHERE_FROM
}

/// A batch of a large document's code to highlight holds at most this many
/// blocks or bytes.
const HIGHLIGHT_BATCH: (usize, usize) = (64, 256 * 1024);

impl Model {
    /// Puts the whole document in place of the opening shown while it was
    /// parsed, keeping the row at the top (found by its text) on screen.
    /// `wrapped` is used when it was laid out for the current width (with
    /// `laid_with`, the code it shows; `None`: none).
    pub(super) fn replace_document(
        &mut self,
        doc: Arc<Document>,
        wrapped: Option<WrappedDoc>,
        laid_with: Option<&Arc<Highlights>>,
    ) {
        let given = wrapped.is_some();
        let top_text = self.layout.wrapped.row(self.top).map(|r| r.text());
        let top_anchor = self.layout.wrapped.anchor(self.top);
        let same_shape = doc.sections.len() == self.doc.sections.len();
        let section = self.layout.wrapped.section_at(self.top);
        // Given back, not kept empty (millions of sections: megabytes).
        self.load.outline = Vec::new();
        let from = self.top.saturating_sub(self.page());
        self.reading.words_before = words_before(&doc);
        self.doc = doc;
        // Claims still being found were for the document replaced.
        self.load.claims_pending = false;
        let width = self.text_width();
        self.layout.wrapped = match wrapped {
            Some(w) if w.width == width => w,
            // Laid out for a width the screen no longer has (a resize while
            // the rest was read): the sections around the place on screen
            // get the new one now, the rest on another thread.
            Some(mut w) if is_large(&w) => {
                w.retarget(width);
                w.relayout_sections(&self.doc, &self.layout.code, width, section.saturating_sub(1)..section + 2);
                w
            }
            _ => wrap(&self.doc, &self.layout.code, width),
        };
        // The new text's code is asked for again (what was highlighted
        // before keeps its colours); a result for the old text is dropped.
        self.layout.reset_work(self.doc.sections.len());
        // Every section is parsed now.
        (self.load.text, self.load.unparsed, self.load.parsing) = (None, Vec::new(), None);
        // Laid out without the code highlighted meanwhile: it needs laying
        // out again (near the screen now, the rest as the width needs).
        let fresh = laid_with.is_some_and(|c| Arc::ptr_eq(c, &self.layout.code));
        if given && !fresh && !self.layout.code.is_empty() {
            self.layout.wrapped.invalidate();
        }
        self.top = match top_text {
            Some(t) if self.top > 0 => {
                // The same block and place in it (ids follow the text), when
                // it shows the same; else the row with that text.
                let at = self.layout.wrapped.row_of(top_anchor);
                let section = self.layout.wrapped.section_at(at);
                self.layout.wrapped.restore(&self.doc, &self.layout.code, section);
                let w = &self.layout.wrapped;
                if w.row(at).is_some_and(|r| r.text() == t) {
                    at
                } else if t.trim().is_empty() {
                    // A blank row says nothing of where it was.
                    self.top
                } else {
                    w.rows_in(from..w.len()).find(|(_, r)| r.text() == t).map_or(self.top, |(i, _)| i)
                }
            }
            _ => 0,
        };
        // Jumps recorded against a differently sectioned opening may not
        // exist in the whole document; the claims alone change no block.
        if !same_shape {
            self.nav.history.clear();
        }
        self.lists.selected = self.lists.selected.min(self.doc.sections.len().saturating_sub(1));
        self.refresh_search();
        self.reading.read.resize(self.doc.sections.len(), false);
        self.top = scroll::clamp(self.top as i64, self.max_top());
        self.reading.run_lo = self.layout.wrapped.anchor(self.top);
        if let Some(saved) = self.reading.saved.take() {
            let position = std::mem::take(&mut self.reading.resume_position);
            self.resume_now(&saved, position);
        }
        // The whole text is in: a jump made meanwhile goes where it meant.
        self.reach_wanted(true);
        if self.notice.as_deref() == Some(super::END_WAIT) {
            self.notice = None;
        }
        self.lay_out_near_top();
    }

    /// Shows the document as it is now on disk, keeping the reader at the
    /// same section and distance into it, and the sections read.
    /// `wrapped` is its layout when one was made with it (for any width),
    /// and the code it shows.
    pub(super) fn reload(&mut self, doc: Document, wrapped: Option<(WrappedDoc, Arc<Highlights>)>) {
        let saved = self.snapshot(String::new(), String::new());
        let (wrapped, code) = wrapped.unzip();
        self.replace_document(Arc::new(doc), wrapped, code.as_ref());
        self.restore(&saved, false, true);
        self.lay_out_near_top();
        self.notice = Some("Reloaded: the file changed on disk".to_string());
    }

    /// A large document keeps the text of the rows on and near the screen
    /// only (the others keep their places): sections far away give theirs
    /// back once more than a few screens' worth are kept.
    fn keep_rows_near_top(&mut self) {
        if !self.is_large() || self.layout.wrapped.live_sections() < KEEP_SECTIONS {
            return;
        }
        let near = self.sections_near_top();
        if self.layout.wrapped.live_sections() > near.len() + KEEP_SECTIONS / 2 {
            self.layout.wrapped.stub_except(near);
        }
    }

    /// The sections on the screen and a few screens around it (two above,
    /// three below), and one more each way.
    pub(super) fn sections_near_top(&self) -> std::ops::Range<usize> {
        let w = &self.layout.wrapped;
        let page = self.page();
        let from = w.section_at(self.top.saturating_sub(2 * page)).saturating_sub(1);
        from..w.section_at(self.top + 3 * page) + 2
    }

    /// Where section `i`'s rows end: where the next starts (the blank row
    /// between is the first section's), or the last row.
    fn section_end(&self, i: usize) -> usize {
        let w = &self.layout.wrapped;
        w.section_start.get(i + 1).copied().unwrap_or(w.len())
    }

    /// Section `i` was laid out again in place, its rows (from its start,
    /// or the document's head for the first) having ended at `to`: the
    /// search's matches there are found again and those after them moved,
    /// without searching the whole document.
    fn search_again_in(&mut self, i: usize, to: usize) {
        let from = if i == 0 { 0 } else { self.layout.wrapped.section_start[i] };
        let new_to = self.section_end(i);
        let Some(s) = &mut self.search else { return };
        let w = &self.layout.wrapped;
        let fresh = search::find_rows(w.rows_in(from..new_to).map(|(r, row)| (r - from, row)), &s.query);
        let current = s.matches.get(s.current).map(|m| m.row);
        let before = s.matches.partition_point(|m| m.row < from);
        let after = s.matches.partition_point(|m| m.row < to);
        let moved: Vec<search::Match> =
            s.matches[after..].iter().map(|m| search::Match { row: m.row + new_to - to, ..*m }).collect();
        s.matches.truncate(before);
        s.matches.extend(fresh.into_iter().map(|m| search::Match { row: m.row + from, ..m }));
        s.matches.extend(moved);
        // The current match stays the one it was, or the first in its place.
        s.current = match current {
            Some(row) if row < from => s.current,
            Some(row) if row >= to => s.matches.partition_point(|m| m.row < row + new_to - to),
            _ => before,
        }
        .min(s.matches.len().saturating_sub(1));
        if s.matches.is_empty() {
            self.search = None;
        }
    }

    /// Finds the search's matches again in new rows (dropping a search that
    /// no longer matches anything).
    pub(super) fn refresh_search(&mut self) {
        if let Some(s) = &mut self.search {
            s.matches = search::find_in(&self.layout.wrapped, &self.doc, &self.layout.code, &s.query);
            s.current = s.current.min(s.matches.len().saturating_sub(1));
            if s.matches.is_empty() {
                self.search = None;
            }
        }
    }

    /// Lays the article out again at the same width, keeping the same place
    /// at the top (highlighted code came in, say).
    pub(super) fn rewrap(&mut self) {
        self.adopt_layout(wrap(&self.doc, &self.layout.code, self.text_width()));
    }

    /// Shows `wrapped`, a layout of this document made elsewhere, keeping
    /// the same place at the top; one made for another width is dropped.
    pub(super) fn adopt_layout(&mut self, wrapped: WrappedDoc) {
        if wrapped.width != self.text_width() {
            return;
        }
        let (anchor, old_top) = (self.layout.wrapped.anchor(self.top), self.top);
        self.layout.wrapped = wrapped;
        self.top = self.layout.wrapped.row_of(anchor);
        self.refresh_search();
        self.top = scroll::clamp(self.top as i64, self.max_top());
        // Link labels on screen keep their places on it.
        if let ModeState::Hint { hints, .. } = &mut self.mode {
            for h in hints {
                h.row = (h.row + self.top).saturating_sub(old_top);
            }
        }
    }

    /// Large enough that whole layouts are made on another thread.
    pub fn is_large(&self) -> bool {
        is_large(&self.layout.wrapped)
    }

    /// The layout needs making again in full, which for a large document
    /// is done on another thread: only the sections near the screen are at
    /// the current width or have the code highlighted since.
    pub fn wants_layout(&self) -> bool {
        self.layout.wrapped.partial()
    }

    /// Whether `doc` is the document this reader shows (work done for a
    /// document it no longer shows is dropped).
    pub fn shows(&self, doc: &Arc<Document>) -> bool {
        Arc::ptr_eq(doc, &self.doc)
    }

    /// The code highlighted so far.
    pub fn code(&self) -> &Arc<Highlights> {
        &self.layout.code
    }

    /// The queue is empty: what the layout wants done now. Code near the
    /// screen (then the rest, in reading order) is asked to be highlighted,
    /// one batch at a time; once none is outstanding, a layout that is only
    /// partly at the current width is made whole: elsewhere for a large
    /// document (once), here for a small one.
    pub(super) fn layout_work(&mut self) -> Effect {
        if let Some(parse) = self.parse_work() {
            return parse;
        }
        if self.layout.highlighting {
            return Effect::None;
        }
        if let Some(blocks) = self.code_to_highlight() {
            self.layout.highlighting = true;
            return Effect::Highlight { doc: Arc::clone(&self.doc), blocks, known: Arc::clone(&self.layout.code) };
        }
        if self.wants_layout() && !self.layout.laying_out {
            if self.is_large() {
                self.layout.laying_out = true;
                return Effect::LayOut {
                    doc: Arc::clone(&self.doc),
                    code: Arc::clone(&self.layout.code),
                    width: self.text_width(),
                };
            }
            self.rewrap();
        }
        Effect::None
    }

    /// The next batch of code blocks not yet highlighted: the sections on
    /// and around the screen first, then onward from where the reading-order
    /// pass is. Sections looked at are marked asked (also those without code).
    fn code_to_highlight(&mut self) -> Option<Vec<(String, String)>> {
        let n = self.doc.sections.len();
        let here = self.current_section();
        let near: Vec<usize> = (here.saturating_sub(1)..(here + 4).min(n)).collect();
        let mut blocks = Vec::new();
        let mut bytes = 0;
        for i in near {
            self.ask_code(i, &mut blocks, &mut bytes);
        }
        // A small document asks for all its code at once (one layout
        // again); a large one a batch at a time.
        let (most, most_bytes) = if self.is_large() { HIGHLIGHT_BATCH } else { (usize::MAX, usize::MAX) };
        while blocks.is_empty() || (blocks.len() < most && bytes < most_bytes) {
            let Some(i) = (self.layout.code_cursor..n).find(|&i| !self.layout.code_asked[i]) else { break };
            self.layout.code_cursor = i + 1;
            self.ask_code(i, &mut blocks, &mut bytes);
        }
        (!blocks.is_empty()).then_some(blocks)
    }

    /// Adds section `i`'s code blocks not yet highlighted to `blocks`
    /// (and their size to `bytes`), once per section.
    fn ask_code(&mut self, i: usize, blocks: &mut Vec<(String, String)>, bytes: &mut usize) {
        if self.layout.code_asked.get(i).copied().unwrap_or(true) {
            return;
        }
        self.layout.code_asked[i] = true;
        let Some(section) = self.doc.section(i) else { return };
        for (lang, text) in code_blocks(std::slice::from_ref(&*section)) {
            if !self.layout.code.has(&lang, &text) {
                *bytes += text.len();
                blocks.push((lang, text));
            }
        }
    }

    /// Highlighted code came in: a small document is laid out again now; a
    /// large one gets it in the sections near the screen now and the rest
    /// with the next whole layout.
    pub(super) fn add_code(&mut self, doc: &Arc<Document>, code: Highlights) {
        if !Arc::ptr_eq(doc, &self.doc) {
            return;
        }
        self.layout.highlighting = false;
        if code.is_empty() {
            return;
        }
        Arc::make_mut(&mut self.layout.code).merge(code);
        if self.is_large() {
            self.layout.wrapped.invalidate();
            self.lay_out_near_top();
        } else {
            self.rewrap();
        }
    }

    /// A whole layout of `doc` made elsewhere with `code`: taken when it is
    /// this reader's document, at its width (the screen stays where it is).
    /// Made with older code, it still needs the new code laid out.
    pub(super) fn laid(&mut self, doc: &Arc<Document>, code: &Arc<Highlights>, wrapped: Option<WrappedDoc>) {
        if !Arc::ptr_eq(doc, &self.doc) {
            return;
        }
        self.layout.laying_out = false;
        match wrapped {
            Some(wrapped) => {
                self.adopt_layout(wrapped);
                if !Arc::ptr_eq(code, &self.layout.code) {
                    self.layout.wrapped.invalidate();
                    self.lay_out_near_top();
                }
            }
            // The thread died (a bug): lay out here instead of asking again.
            None => self.rewrap(),
        }
    }

    /// Lays the article out again if the text width changed, keeping the
    /// same place at the top. A large document gets only the sections on
    /// and just around the screen laid out here, so a resize or a sidebar
    /// toggle costs the same at any size; the rest waits for the whole
    /// layout ([`Model::wants_layout`]).
    pub(crate) fn relayout(&mut self) {
        let width = self.text_width();
        if width != self.layout.wrapped.width {
            if self.is_large() {
                self.layout.wrapped.retarget(width);
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
        if !self.layout.wrapped.partial() && !self.layout.wrapped.has_stubs() {
            return;
        }
        let (width, n) = (self.layout.wrapped.width, self.layout.wrapped.section_start.len());
        let anchor = self.layout.wrapped.anchor(self.top);
        let at_end = self.top > 0 && self.top >= self.max_top();
        let mut i = self.layout.wrapped.section_at(self.top).saturating_sub(1);
        let mut changed = false;
        while i < n
            && (i <= self.layout.wrapped.section_at(self.top)
                || self.layout.wrapped.section_start[i] < self.top + 2 * self.page())
        {
            if self.layout.wrapped.is_stub(i) && self.layout.wrapped.section_at_width(i) {
                // The same rows again: nothing moves, no match changes.
                self.layout.wrapped.restore(&self.doc, &self.layout.code, i);
            } else if !self.layout.wrapped.section_fits(i) {
                let to = self.section_end(i);
                self.layout.wrapped.relayout_sections(&self.doc, &self.layout.code, width, i..i + 1);
                self.search_again_in(i, to);
                self.top = self.layout.wrapped.row_of(anchor);
                changed = true;
            }
            i += 1;
        }
        self.keep_rows_near_top();
        if changed {
            // The end stays the end, whatever the new rows' count.
            let top = if at_end { self.max_top() } else { self.top };
            self.top = scroll::clamp(top as i64, self.max_top());
        }
    }
}
