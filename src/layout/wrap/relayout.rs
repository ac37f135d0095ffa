//! Laying sections out again, in place: at a new width (the screen's
//! sections first, while the whole is made elsewhere), after new code
//! colours, or to give back the text of rows far from the screen. A large
//! document's other sections can keep their rows' count and places (block
//! and start), not their text: row numbers, anchors and section starts stay
//! exact, and such a section is laid out again (the same rows) when it
//! comes near the screen or is searched.

use std::borrow::Cow;
use std::ops::Range;

use super::*;

impl WrappedDoc {
    /// The rows section `i` spans (up to the blank row before the next).
    fn rows_of_section(&self, i: usize) -> Range<usize> {
        let start = self.section_start.get(i).copied().unwrap_or(self.rows.len());
        let end = self.section_start.get(i + 1).map_or(self.rows.len(), |&s| s.saturating_sub(1));
        start..end.max(start)
    }

    /// Whether section `i` keeps only its rows' places.
    pub fn is_stub(&self, i: usize) -> bool {
        self.stubbed.get(i).copied().unwrap_or(false)
    }

    /// Whether any section keeps only its rows' places.
    pub fn has_stubs(&self) -> bool {
        self.stubs > 0
    }

    /// Sections laid out with their text.
    pub fn live_sections(&self) -> usize {
        self.section_start.len() - self.stubs
    }

    /// Keeps only the places of every section's rows outside `keep`.
    pub fn stub_except(&mut self, keep: Range<usize>) {
        let n = self.section_start.len();
        self.stubbed.resize(n, false);
        for i in (0..n).filter(|i| !keep.contains(i)) {
            self.stub(i);
        }
    }

    /// Keeps only the places of section `i`'s rows.
    pub(super) fn stub(&mut self, i: usize) {
        if i >= self.stubbed.len() || self.stubbed[i] {
            return;
        }
        let rows = self.rows_of_section(i);
        for r in &mut self.rows[rows] {
            r.segments = Pieces::default();
        }
        self.stubbed[i] = true;
        self.stubs += 1;
    }

    /// Section `i`'s rows as they are shown: kept, or laid out again from
    /// `doc` (which must be the document this layout was made from) for a
    /// section that keeps only their places.
    pub fn section_rows<'a>(&'a self, doc: &Document, code: &Highlights, i: usize) -> Cow<'a, [Row]> {
        let range = self.rows_of_section(i);
        if !self.is_stub(i) {
            return Cow::Borrowed(&self.rows[range]);
        }
        let Some(section) = doc.section(i) else { return Cow::Borrowed(&[]) };
        // At the width its rows were made at, which a new width's layout
        // may not have reached yet.
        let width = self.rows_width.get(i).map_or(self.width, |&w| w as usize);
        let mut w = Wrapper::new(width, code);
        let (links, notes) = self.numbered_before[i];
        (w.link_base, w.note_count) = (links, notes as usize);
        if i == 0 {
            w.head(doc);
            if !w.rows.is_empty() {
                w.blank(&[]);
            }
        }
        let skip = w.rows.len();
        w.section(&section);
        let mut rows = w.rows.split_off(skip);
        // Laid out as before, the same rows; a guard all the same.
        rows.resize_with(range.len(), || Row { segments: Pieces::default(), block: 0, start: 0 });
        Cow::Owned(rows)
    }

    /// Lays section `i` out again with its text where it keeps only its
    /// rows' places (the same count: nothing moves).
    pub fn restore(&mut self, doc: &Document, code: &Highlights, i: usize) {
        if !self.is_stub(i) {
            return;
        }
        let rows = self.section_rows(doc, code, i).into_owned();
        let range = self.rows_of_section(i);
        for (slot, row) in self.rows[range].iter_mut().zip(rows) {
            *slot = row;
        }
        self.stubbed[i] = false;
        self.stubs -= 1;
    }
}

impl WrappedDoc {
    /// Section `i` is laid out at the layout's width.
    pub fn section_fits(&self, i: usize) -> bool {
        self.section_width.get(i).is_none_or(|&w| w as usize == self.width) && !self.is_stub(i)
    }

    /// Section `i` was laid out at the layout's width (its text kept or not).
    pub fn section_at_width(&self, i: usize) -> bool {
        self.section_width.get(i).is_none_or(|&w| w as usize == self.width)
    }

    /// Only some sections are laid out at `width`; the others still have
    /// rows from an earlier one ([`WrappedDoc::relayout_sections`]).
    pub fn partial(&self) -> bool {
        self.section_width.iter().any(|&w| w as usize != self.width)
    }

    /// Marks every section as needing to be laid out again (new code
    /// colours): the rows stay until [`WrappedDoc::relayout_sections`] or a
    /// whole layout replaces them.
    pub fn invalidate(&mut self) {
        self.section_width.iter_mut().for_each(|w| *w = 0);
    }

    /// Makes `width` the layout's width, before any section has it (they
    /// get it from [`WrappedDoc::relayout_sections`]).
    pub fn retarget(&mut self, width: usize) {
        self.width = width.max(MIN_WIDTH);
    }

    /// Lays the sections in `range` out again at `width`, in place, leaving
    /// the others as they were (and the layout partial unless the range is
    /// every section or they already had `width`). The range's rows are then exactly the rows [`wrap`]
    /// makes for them at `width`: a large document shows its screen at a
    /// new width at once this way, while the whole is laid out elsewhere.
    /// `doc` must be the document this layout was made from.
    pub fn relayout_sections(
        &mut self,
        doc: &Document,
        code: &Highlights,
        width: usize,
        range: std::ops::Range<usize>,
    ) {
        let n = self.section_start.len().min(doc.sections.len());
        let range = range.start.min(n)..range.end.min(n);
        if range.is_empty() {
            return;
        }
        let width = width.max(MIN_WIDTH);
        let mut w = Wrapper::new(width, code);
        let (links, notes) = self.numbered_before[range.start];
        (w.link_base, w.note_count) = (links, notes as usize);
        // A section's rows begin with the blank row before it, if any; the
        // first section's include the document's title.
        let piece_start = |i: usize| if i == 0 { 0 } else { self.section_start[i].saturating_sub(1) };
        let from = piece_start(range.start);
        let to = if range.end < n { piece_start(range.end) } else { self.rows.len() };
        if range.start == 0 {
            w.head(doc);
        } else if from < self.section_start[range.start] {
            // The blank row, which is the same at any width.
            w.rows.push(self.rows[from].clone());
        }
        let mut starts = Vec::with_capacity(range.len());
        for (k, i) in range.clone().enumerate() {
            if !w.rows.is_empty() && (k > 0 || range.start == 0) {
                w.blank(&[]);
            }
            starts.push(from + w.rows.len());
            if let Some(section) = doc.section(i) {
                w.section(&section);
            }
        }
        let (old, new) = (to - from, w.rows.len());
        self.rows.splice(from..to, w.rows);
        for (i, start) in range.clone().zip(starts) {
            self.section_start[i] = start;
            self.section_width[i] = narrow(width);
            self.rows_width[i] = narrow(width);
            if self.is_stub(i) {
                self.stubbed[i] = false;
                self.stubs -= 1;
            }
        }
        for s in &mut self.section_start[range.end..] {
            *s = *s + new - old;
        }
        self.width = width;
    }
}
