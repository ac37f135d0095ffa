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
    /// Whether section `i` keeps only its rows' places.
    pub fn is_stub(&self, i: usize) -> bool {
        self.kept.get(i).is_some_and(|k| k.is_none())
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
        for i in (0..self.kept.len()).filter(|i| !keep.contains(i)) {
            self.stub(i);
        }
    }

    /// Keeps only the places of section `i`'s rows.
    pub(super) fn stub(&mut self, i: usize) {
        if let Some(k @ Some(_)) = self.kept.get_mut(i) {
            *k = None;
            self.stubs += 1;
        }
    }

    /// The place of the row before section `i`'s first (none at the top).
    fn place_before(&self, i: usize) -> Option<(u32, u32)> {
        let row = self.section_start.get(i)?.checked_sub(1)?;
        let a = self.anchor(row);
        Some((a.block, a.start))
    }

    /// Section `i`'s rows (to the next section's first) as they are shown:
    /// kept, or laid out again from `doc` (which must be the document this
    /// layout was made from) for a section that keeps only their places.
    pub fn section_rows<'a>(&'a self, doc: &Document, code: &Highlights, i: usize) -> Cow<'a, [Row]> {
        if let Some(Some(rows)) = self.kept.get(i) {
            return Cow::Borrowed(rows);
        }
        let Some(section) = doc.section(i) else { return Cow::Borrowed(&[]) };
        // At the width its rows were made at, which a new width's layout
        // may not have reached yet.
        let width = self.rows_width.get(i).map_or(self.width, |&w| w as usize);
        let mut w = Wrapper::new(width, code);
        let (links, notes) = self.numbered_before[i];
        (w.link_base, w.note_count) = (links, notes as usize);
        // What comes before, for what the section looks at (the row before
        // its first).
        w.rows.extend(self.place_before(i).map(super::store::placeholder));
        let skip = w.rows.len();
        w.section(&section);
        // The rows themselves, not a copy.
        let mut rows = std::mem::take(&mut w.rows);
        rows.drain(..skip);
        // Then the blank row before the next section, if there is one:
        // the places say.
        let n = self.section_start.get(i + 1).map_or(self.total, |&s| s) - self.section_start[i];
        if rows.len() < n {
            let places: Vec<(u32, u32)> = self.places_of(i).take(n).collect();
            rows.extend(places[rows.len()..].iter().map(|&(block, start)| Row {
                segments: Pieces::default(),
                block,
                start,
            }));
        }
        // Laid out as before, the same rows; a guard all the same.
        rows.truncate(n);
        Cow::Owned(rows)
    }

    /// Lays section `i` out again with its text where it keeps only its
    /// rows' places (the same count: nothing moves).
    pub fn restore(&mut self, doc: &Document, code: &Highlights, i: usize) {
        if !self.is_stub(i) {
            return;
        }
        let rows = self.section_rows(doc, code, i).into_owned();
        self.kept[i] = Some(Box::new(rows.into_boxed_slice()));
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
        // The range's rows are laid out as a layout of their own that goes
        // on from the row before them, then put in their place.
        let mut laying = if range.start == 0 {
            Laying::new(doc, code, width, false)
        } else {
            Laying::after(self.place_before(range.start), self.numbered_before[range.start], code, width)
        };
        for i in range.clone() {
            // (`i` is one of the document's sections: there is always one.)
            let section = doc.section(i).unwrap_or(Cow::Borrowed(&doc.sections[i]));
            laying.section(&section);
        }
        let part = if range.end < n { laying.finish_before_more() } else { laying.finish() };
        let from = if range.start == 0 { 0 } else { self.section_start[range.start] };
        let to = self.section_start.get(range.end).copied().unwrap_or(self.total);
        if range.start == 0 {
            self.head = part.head;
        }
        self.forget_places(range.clone());
        for ((i, &start), kept) in range.clone().zip(&part.section_start).zip(part.kept) {
            self.section_start[i] = from + start;
            self.section_width[i] = narrow(width);
            self.rows_width[i] = narrow(width);
            if self.is_stub(i) {
                self.stubs -= 1;
            }
            self.replace_places(i, kept.as_deref().map_or(&[], |b| b));
            self.kept[i] = kept;
        }
        let (old, new) = (to - from, part.total);
        for s in &mut self.section_start[range.end..] {
            *s = *s + new - old;
        }
        self.total = self.total + new - old;
        self.compact_places();
        self.width = width;
    }
}
