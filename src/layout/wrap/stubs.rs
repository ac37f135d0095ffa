//! Rows kept only near the screen. A large document's other sections keep
//! their rows' count and places (block and start), not their text: row
//! numbers, anchors and section starts stay exact, and a section is laid
//! out again (the same rows) when it comes near the screen or is searched.

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
            r.segments = Vec::new();
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
        let Some(section) = doc.sections.get(i) else { return Cow::Borrowed(&[]) };
        let mut w = Wrapper::new(self.width, code);
        (w.link_base, w.note_count) = self.numbered_before[i];
        if i == 0 {
            w.head(doc);
            if !w.rows.is_empty() {
                w.blank(&[]);
            }
        }
        let skip = w.rows.len();
        w.section(section);
        let mut rows = w.rows.split_off(skip);
        // Laid out as before, the same rows; a guard all the same.
        rows.resize_with(range.len(), || Row { segments: Vec::new(), block: 0, start: 0 });
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
