//! Where a layout keeps its rows: the document's head (title, metadata and
//! the blank row after them), then each section's rows up to the next
//! section's first (so with the blank row between them). Every section's
//! rows' places (block and start) are kept in a few bytes a row; a section
//! near the screen keeps its rows' text besides, one far from it only
//! their places, so a document of millions of rows holds a few bytes for
//! each rather than a record.

use std::ops::Range;

use super::{Anchor, Row, WrappedDoc};

/// Rows' places, each from the one before it (a section's first from
/// block 0, start 0), as LEB128 numbers: the block's step (zigzag, as link
/// notes step back), then the start: 0 for a row after the block's text
/// (`u32::MAX`), `2k + 1` for `k` past the row before's in the same block,
/// `2k + 2` for `k`.
pub(super) fn encode(rows: &[Row], out: &mut Vec<u8>) {
    let (mut block, mut start) = (0u32, 0u32);
    for r in rows {
        let step = i64::from(r.block) - i64::from(block);
        push(out, ((step << 1) ^ (step >> 63)) as u64);
        let s = if r.start == u32::MAX {
            0
        } else if r.block == block && start != u32::MAX && r.start >= start {
            2 * u64::from(r.start - start) + 1
        } else {
            2 * u64::from(r.start) + 2
        };
        push(out, s);
        (block, start) = (r.block, r.start);
    }
}

fn push(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The places [`encode`] wrote, one after another (as many as asked for:
/// the count is the section's).
#[derive(Clone)]
pub(super) struct Places<'a> {
    bytes: &'a [u8],
    block: u32,
    start: u32,
}

impl<'a> Places<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Places<'a> {
        Places { bytes, block: 0, start: 0 }
    }

    fn number(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for (i, &b) in self.bytes.iter().enumerate().take(10) {
            n |= u64::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                self.bytes = &self.bytes[i + 1..];
                return Some(n);
            }
        }
        None
    }

    /// Bytes left after the places read so far.
    fn rest(&self) -> usize {
        self.bytes.len()
    }
}

impl Iterator for Places<'_> {
    type Item = (u32, u32);
    fn next(&mut self) -> Option<(u32, u32)> {
        let z = self.number()?;
        let step = (z >> 1) as i64 ^ -((z & 1) as i64);
        let s = self.number()?;
        let block = (i64::from(self.block) + step).clamp(0, i64::from(u32::MAX)) as u32;
        let start = match s {
            0 => u32::MAX,
            s if s % 2 == 1 => self.start.saturating_add(((s - 1) / 2) as u32),
            s => ((s - 2) / 2) as u32,
        };
        (self.block, self.start) = (block, start);
        Some((block, start))
    }
}

/// A row that shows nothing, at its place.
pub(super) fn placeholder((block, start): (u32, u32)) -> Row {
    Row { segments: Default::default(), block, start }
}

impl WrappedDoc {
    /// Rows in all.
    pub fn len(&self) -> usize {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The rows of part `p`: 0 the head, `i + 1` section `i` (to the next
    /// section's first).
    fn part(&self, p: usize) -> Range<usize> {
        let start = if p == 0 { 0 } else { self.section_start[p - 1] };
        let end = self.section_start.get(p).copied().unwrap_or(self.total);
        start..end.max(start)
    }

    fn part_at(&self, row: usize) -> usize {
        self.section_start.partition_point(|&s| s <= row)
    }

    /// The rows of part `p` that keep their text (none for a section that
    /// keeps only its places).
    fn kept_rows(&self, p: usize) -> &[Row] {
        if p == 0 { &self.head } else { self.kept[p - 1].as_deref().map_or(&[], |b| b) }
    }

    /// Section `i`'s places, from its first row.
    pub(super) fn places_of(&self, i: usize) -> Places<'_> {
        Places::new(self.places.get(self.place_at[i] as usize..).unwrap_or(&[]))
    }

    /// Row `row` with its text: `None` past the end, or where its section
    /// keeps only its rows' places (it shows nothing until laid out again).
    pub fn row(&self, row: usize) -> Option<&Row> {
        let p = self.part_at(row);
        self.kept_rows(p).get(row - self.part(p).start)
    }

    /// The rows in `range` that keep their text, with their numbers, in
    /// order.
    pub fn rows_in(&self, range: Range<usize>) -> impl Iterator<Item = (usize, &Row)> + '_ {
        let first = self.part_at(range.start);
        (first..=self.section_start.len())
            .map_while(move |p| {
                let part = self.part(p);
                (part.start < range.end || p == first).then(|| {
                    let rows = self.kept_rows(p);
                    let from = range.start.saturating_sub(part.start).min(rows.len());
                    let to = range.end.saturating_sub(part.start).min(rows.len()).max(from);
                    rows[from..to].iter().enumerate().map(move |(k, r)| (part.start + from + k, r))
                })
            })
            .flatten()
    }

    /// The rows in `range`, those that keep only their places as rows that
    /// show nothing there.
    pub fn rows_at(&self, range: Range<usize>) -> Vec<Row> {
        let range = range.start.min(self.total)..range.end.min(self.total);
        let mut out = Vec::with_capacity(range.len());
        let mut p = self.part_at(range.start);
        while out.len() < range.len() {
            let part = self.part(p);
            let from = (range.start + out.len()) - part.start;
            let to = range.end.min(part.end) - part.start;
            if p > 0 && self.kept[p - 1].is_none() {
                out.extend(self.places_of(p - 1).skip(from).take(to - from).map(placeholder));
            } else {
                out.extend_from_slice(&self.kept_rows(p)[from..to]);
            }
            p += 1;
        }
        out
    }

    /// Every row ([`WrappedDoc::rows_at`] of them all).
    pub fn all_rows(&self) -> Vec<Row> {
        self.rows_at(0..self.total)
    }

    pub fn anchor(&self, row: usize) -> Anchor {
        let at = |(block, start)| Anchor { block, start };
        if row >= self.total {
            return Anchor { block: 0, start: 0 };
        }
        let p = self.part_at(row);
        let k = row - self.part(p).start;
        if p > 0 && self.kept[p - 1].is_none() {
            return self.places_of(p - 1).nth(k).map_or(Anchor { block: 0, start: 0 }, at);
        }
        self.kept_rows(p).get(k).map_or(Anchor { block: 0, start: 0 }, |r| at((r.block, r.start)))
    }

    /// The place of part `p`'s first row, if it has one.
    fn first_place(&self, p: usize) -> Option<(u32, u32)> {
        if self.part(p).is_empty() {
            return None;
        }
        match self.kept_rows(p).first() {
            Some(r) => Some((r.block, r.start)),
            None => self.places_of(p - 1).next(),
        }
    }

    /// The row that shows `anchor` (the last row starting at or before it).
    pub fn row_of(&self, anchor: Anchor) -> usize {
        let key = (anchor.block, anchor.start);
        // The last part whose first row is at or before the place (a part
        // with no rows takes the answer of the one before it).
        let at_or_before = |mut p: usize| loop {
            match self.first_place(p) {
                Some(first) => return first <= key,
                None if p == 0 => return true,
                None => p -= 1,
            }
        };
        let (mut lo, mut hi) = (1, self.section_start.len() + 1);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if at_or_before(mid) { lo = mid + 1 } else { hi = mid }
        }
        let p = lo - 1;
        let part = self.part(p);
        let before = if p > 0 && self.kept[p - 1].is_none() {
            self.places_of(p - 1).take(part.len()).take_while(|&pl| pl <= key).count()
        } else {
            self.kept_rows(p).partition_point(|r| (r.block, r.start) <= key)
        };
        (part.start + before).saturating_sub(1)
    }

    /// The bytes of section `i`'s places.
    fn places_len(&self, i: usize) -> usize {
        let n = self.part(i + 1).len();
        let mut places = self.places_of(i);
        for _ in places.by_ref().take(n) {}
        self.places.len() - self.place_at[i] as usize - places.rest()
    }

    /// Keeps `rows` as section `i`'s places from now on (appended: the
    /// caller counts what it had as dead, [`WrappedDoc::forget_places`]).
    pub(super) fn replace_places(&mut self, i: usize, rows: &[Row]) {
        let at = narrow_offset(self.places.len());
        match self.place_at.get_mut(i) {
            Some(p) => *p = at,
            None => self.place_at.push(at),
        }
        encode(rows, &mut self.places);
    }

    /// Counts the places of the sections in `range` as dead (they are
    /// about to be replaced), while their rows are still where they were.
    pub(super) fn forget_places(&mut self, range: Range<usize>) {
        for i in range {
            self.dead += self.places_len(i);
        }
    }

    /// Writes the places again without those no section refers to, once
    /// they are most of the store.
    pub(super) fn compact_places(&mut self) {
        if self.dead * 2 <= self.places.len() {
            return;
        }
        let mut out = Vec::with_capacity(self.places.len() - self.dead);
        let mut at = Vec::with_capacity(self.place_at.len());
        for i in 0..self.place_at.len() {
            let from = self.place_at[i] as usize;
            at.push(narrow_offset(out.len()));
            out.extend_from_slice(&self.places[from..from + self.places_len(i)]);
        }
        (self.places, self.place_at, self.dead) = (out, at, 0);
    }
}

/// An offset into the places: under 4 GB (a few bytes a row, and no
/// document under a size limit has a billion rows).
fn narrow_offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_come_back_as_they_were_written() {
        let places = [
            (0, 0),
            (0, 5),
            (0, 80),
            (0, u32::MAX),
            (3, 0),
            (3, 40),
            (1, u32::MAX),
            (1, 7),
            (900_000, 2),
            (900_000, 1),
            (u32::MAX, u32::MAX - 1),
        ];
        let rows: Vec<Row> = places.iter().map(|&p| placeholder(p)).collect();
        let mut bytes = Vec::new();
        encode(&rows, &mut bytes);
        assert_eq!(Places::new(&bytes).collect::<Vec<_>>(), places);
        // A row of text a few dozen characters on from the one before: two bytes.
        let mut short = Vec::new();
        encode(&[placeholder((7, 0)), placeholder((7, 60)), placeholder((7, u32::MAX))], &mut short);
        assert_eq!(short.len(), 2 + 2 + 2);
    }

    #[test]
    fn sections_laid_out_again_and_again_keep_their_places_right_and_the_store_bounded() {
        let doc = crate::document::parse(&crate::sample::document(60_000));
        let code = Default::default();
        let n = doc.sections.len();
        let mut w = crate::layout::wrap(&doc, &code, 80);
        let first = w.places.len();
        for k in 0..40 {
            let width = if k % 2 == 0 { 50 } else { 80 };
            let at = (k * 7) % n;
            w.relayout_sections(&doc, &code, width, at..(at + 3).min(n));
            w.relayout_sections(&doc, &code, width, 0..n);
            assert!(w.places.len() <= 3 * first, "{} bytes of places, {first} at first", w.places.len());
        }
        w.stub_except(0..0);
        let fresh = crate::layout::wrap(&doc, &code, 80);
        assert_eq!(w.len(), fresh.len());
        for r in 0..fresh.len() {
            assert_eq!(w.anchor(r), fresh.anchor(r), "row {r}");
        }
    }
}
