//! What the reader has read, and where a saved state puts them back.
//!
//! A section counts as read when the reader has actually read it, by one of
//! two rules (README, "Reading state"):
//!
//! - **scrolled through**: its start was on screen during one unbroken run
//!   of scrolling (no jump since), and the reader scrolled on until its end
//!   went past the top of the screen;
//! - **stayed on screen**: its end is on screen, its start was seen in this
//!   run, and the screen has stayed still for as long as reading it at twice
//!   the set reading speed takes (at least two seconds), counting the
//!   sections above it on screen first. The shell says how long the screen
//!   has been still ([`super::Action::Still`]); this module never reads a clock.
//!
//! Opening a document, jumping and resizing mark nothing by themselves.
//! `U` marks the section unread until the reader leaves it and reads it again.

use super::saved::{Place, Saved};
use super::{Model, scroll};
use crate::layout::wrap::Anchor;

/// Reading at up to this many times the set speed still counts.
const SKIM_FACTOR: u64 = 2;
/// The shortest time on screen that counts as reading.
const MIN_STILL_MS: u64 = 2_000;

/// How an action moved the screen, for the read rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Motion {
    /// Scrolling: the run of rows seen goes on.
    Scroll,
    /// A jump (or any other move): a new run starts where the screen is.
    Jump,
    /// Nothing the reader did moved the text (a resize, time passing).
    Neutral,
}

/// What putting a saved place back did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Restored {
    /// At the top already; nothing to say.
    AtTop,
    /// The exact place.
    Exact,
    /// The text changed: the same section (by title, else by index).
    Nearby,
}

fn before(a: Anchor, b: Anchor) -> bool {
    (a.block, a.start) < (b.block, b.start)
}

impl Model {
    /// Applies the read rule after an action that moved the screen as
    /// `motion` says, from `old` (the anchor at the top before it).
    pub(crate) fn track_reading(&mut self, motion: Motion, old: Anchor) {
        let top_anchor = self.layout.wrapped.anchor(self.top);
        match motion {
            Motion::Neutral => {}
            Motion::Jump if top_anchor != old => self.reading.run_lo = top_anchor,
            Motion::Jump => {}
            Motion::Scroll => {
                let old_top = self.layout.wrapped.row_of(old);
                if before(top_anchor, self.reading.run_lo) {
                    self.reading.run_lo = top_anchor;
                }
                if self.top > old_top {
                    let lo = self.layout.wrapped.row_of(self.reading.run_lo);
                    let (first, last) =
                        (self.layout.wrapped.section_at(old_top), self.layout.wrapped.section_at(self.top));
                    for s in first..last {
                        let (start, end) = self.section_rows(s);
                        if start >= lo && end <= self.top && self.reading.unread_hold != Some(s) && self.complete(s) {
                            self.reading.read[s] = true;
                        }
                    }
                }
            }
        }
        // A section marked unread stays so until it has left the screen.
        if let Some(s) = self.reading.unread_hold {
            let (start, end) = self.section_rows(s);
            if end <= self.top || start >= self.top + self.page() {
                self.reading.unread_hold = None;
            }
        }
    }

    /// Whether section `s` is all here (the last section of an opening
    /// shown while the rest is read may be cut short).
    fn complete(&self, s: usize) -> bool {
        !self.load.loading || s + 1 < self.doc.sections.len()
    }

    /// Sections that would count as read if the screen stayed still, each
    /// with how long it must stay (in milliseconds), top first.
    fn still_candidates(&self) -> Vec<(usize, u64)> {
        if self.mode() != super::Mode::Normal || self.doc.sections.is_empty() {
            return Vec::new();
        }
        let bottom = (self.top + self.page()).min(self.layout.wrapped.len());
        let lo = self.layout.wrapped.row_of(self.reading.run_lo);
        let wpm = self.wpm() as u64;
        let (mut words, mut out) = (0u64, Vec::new());
        let mut s = self.layout.wrapped.section_at(self.top);
        while s < self.doc.sections.len().min(self.reading.read.len()) {
            let (start, end) = self.section_rows(s);
            if start >= bottom || end > bottom {
                break;
            }
            if !self.reading.read[s]
                && self.reading.unread_hold != Some(s)
                && start >= lo.min(self.top)
                && self.complete(s)
            {
                // Only the part on screen is left to read.
                let rows = end.saturating_sub(start).max(1);
                let shown = end.saturating_sub(start.max(self.top));
                words += (self.doc.sections[s].words * shown / rows) as u64;
                out.push((s, (words * 60_000 / (wpm * SKIM_FACTOR)).max(MIN_STILL_MS)));
            }
            s += 1;
        }
        out
    }

    /// How long the screen must stay still before another section on it
    /// counts as read; `None` when none would.
    pub fn still_needed_ms(&self) -> Option<u64> {
        self.still_candidates().first().map(|&(_, ms)| ms)
    }

    /// The screen has stayed still for `ms` milliseconds.
    pub(crate) fn still_for(&mut self, ms: u64) {
        for (s, need) in self.still_candidates() {
            if need <= ms {
                self.reading.read[s] = true;
            }
        }
    }

    /// `U`: the current section is unread until read again.
    pub(crate) fn mark_unread(&mut self, s: usize) {
        if let Some(r) = self.reading.read.get_mut(s) {
            *r = false;
            self.reading.unread_hold = Some(s);
            // Scrolling on from here is not reading it from its start.
            let start = self.section_rows(s).0;
            if self.layout.wrapped.row_of(self.reading.run_lo) <= start {
                self.reading.run_lo = self.layout.wrapped.anchor(self.top.max(start + 1));
            }
        }
    }

    /// The section holding `anchor`.
    fn section_of(&self, anchor: Anchor) -> usize {
        self.doc.sections.partition_point(|s| s.heading_id <= anchor.block).saturating_sub(1)
    }

    /// `anchor` as a place that survives a new width or an edit.
    pub(crate) fn place_of(&self, anchor: Anchor) -> Place {
        let s = self.section_of(anchor);
        let Some(section) = self.doc.section(s) else {
            return Place { section: s, section_title: String::new(), block_in_section: 0, start: 0 };
        };
        // Blocks counted from the heading (ids say only the order).
        let ids = section.ids();
        let k = ids.partition_point(|&id| id <= anchor.block);
        Place {
            section: s,
            section_title: section.title.to_string(),
            block_in_section: k.saturating_sub(1) as u32,
            start: if k > 0 { anchor.start } else { 0 },
        }
    }

    /// Where `place` is in this document: the same section when its index
    /// and title still agree, else the section with that title, else the
    /// same index; and whether it is that same section.
    pub(crate) fn anchor_of(&self, place: &Place) -> Option<(Anchor, bool)> {
        let n = self.doc.sections.len();
        if n == 0 {
            return None;
        }
        let same = self.doc.sections.get(place.section).is_some_and(|x| x.title == place.section_title);
        let s = if same {
            place.section
        } else {
            self.doc.sections.iter().position(|x| x.title == place.section_title).unwrap_or(place.section.min(n - 1))
        };
        if s == 0 && place.block_in_section == 0 && place.start == 0 {
            // The start of the first section is the start of the document
            // (its title, when it has one, comes before).
            return Some((Anchor { block: 0, start: 0 }, same));
        }
        let ids = self.doc.section(s).map(|x| x.ids()).unwrap_or_default();
        let (block, start) = match ids.get(place.block_in_section as usize) {
            Some(&id) => (id, place.start),
            // Fewer blocks now: the section's last.
            None => (ids.last().copied().unwrap_or(0), 0),
        };
        Some((Anchor { block, start }, same))
    }

    /// Where the reader is, to save: the top row as a place, the sections
    /// read (and those read in a saved state that this text has no section
    /// for, which are kept), and the named marks.
    pub fn snapshot(&self, content_hash: String, path: String) -> Saved {
        let place = self.place_of(self.layout.wrapped.anchor(self.top));
        let read_here = self.doc.sections.iter().zip(&self.reading.read).filter(|(_, r)| **r);
        let mut read: Vec<String> = read_here.map(|(s, _)| s.title.to_string()).collect();
        for t in &self.reading.read_kept {
            if !read.contains(t) {
                read.push(t.clone());
            }
        }
        let read_at = self.reading.read.iter().enumerate().filter(|(_, r)| **r).map(|(i, _)| i).collect();
        let marks = self.nav.marks.iter().map(|(c, a)| (c.to_string(), self.place_of(*a))).collect();
        Saved {
            path,
            content_hash,
            section: place.section,
            section_title: place.section_title,
            block_in_section: place.block_in_section,
            start: place.start,
            read,
            read_at,
            marks,
        }
    }

    /// Puts back what a saved state holds: the sections read, the marks
    /// and (when `position`) the place at the top. `exact`: the text is the
    /// one it was saved for, so indices can be trusted.
    pub(crate) fn restore(&mut self, saved: &Saved, exact: bool, position: bool) -> Restored {
        self.restore_read(saved, exact);
        for (c, place) in &saved.marks {
            if let (Some(c), Some((anchor, _))) = (c.chars().next(), self.anchor_of(place)) {
                self.nav.marks.entry(c).or_insert(anchor);
            }
        }
        if !position {
            return Restored::AtTop;
        }
        let Some((anchor, same)) = self.anchor_of(&saved.place()) else { return Restored::AtTop };
        let s = self.section_of(anchor);
        let start = if anchor.block == 0 { 0 } else { self.layout.wrapped.section_start.get(s).copied().unwrap_or(0) };
        let row = self.layout.wrapped.row_of(anchor).max(start);
        self.top = scroll::clamp(row as i64, self.max_top());
        self.reading.run_lo = self.layout.wrapped.anchor(self.top);
        match (exact && same, self.top > 0) {
            (_, false) if same => Restored::AtTop,
            (true, _) => Restored::Exact,
            _ => Restored::Nearby,
        }
    }

    fn restore_read(&mut self, saved: &Saved, exact: bool) {
        let n = self.reading.read.len().min(self.doc.sections.len());
        let by_index = exact && !saved.read_at.is_empty();
        if by_index {
            for &i in saved.read_at.iter().filter(|&&i| i < n) {
                if saved.read.iter().any(|t| *t == self.doc.sections[i].title) {
                    self.reading.read[i] = true;
                }
            }
        }
        for title in &saved.read {
            let mut found = false;
            for (i, sec) in self.doc.sections.iter().enumerate().take(n) {
                if sec.title == *title {
                    found = true;
                    if !by_index {
                        self.reading.read[i] = true;
                    }
                }
            }
            // Kept for a later save: a section this text does not have
            // (yet, or any more) is not the reader's decision to unread.
            if !found && !self.reading.read_kept.contains(title) {
                self.reading.read_kept.push(title.clone());
            }
        }
    }

    /// A saved state to put back: now, or (while the document is still
    /// being read) when it is all in. Its place is applied now too when the
    /// opening already holds that section and the one after it.
    pub(super) fn resume(&mut self, saved: Saved) {
        if self.load.loading {
            if saved.section + 1 < self.doc.sections.len()
                && self.doc.sections[saved.section].title == saved.section_title
            {
                // The place only: read marks and named marks wait for the
                // whole text (their sections may not be here yet).
                let place_only =
                    Saved { read: Vec::new(), read_at: Vec::new(), marks: Default::default(), ..saved.clone() };
                self.restore(&place_only, true, true);
            }
            self.reading.saved = Some(saved);
            self.reading.resume_position = true;
        } else {
            self.resume_now(&saved, true);
        }
    }

    /// Applies `saved` to the document as it is, and says what happened.
    pub(crate) fn resume_now(&mut self, saved: &Saved, position: bool) {
        let exact = self.file.content_hash.as_deref() == Some(saved.content_hash.as_str());
        let restored = self.restore(saved, exact, position);
        let s = self.section_of(self.layout.wrapped.anchor(self.top));
        self.notice = match restored {
            Restored::AtTop => self.notice.take(),
            Restored::Exact => Some(super::RESUMED.to_string()),
            Restored::Nearby => Some(format!(
                "The document changed since you left it: back at §{} {} · g goes to the top",
                s + 1,
                self.doc.sections[s].title
            )),
        };
    }
}
