//! Sections on demand while a large document is read: once the outline
//! and the text are in, every section is in the document, the ones not
//! parsed yet as their titles; a section that comes on screen is parsed
//! alone, elsewhere, and takes its place (with the ids it has in the whole
//! document, so places and marks hold). The whole document, claims
//! included, replaces them all when it arrives.

use std::sync::Arc;

use super::{Effect, Model, Wanted, scroll, words_before};
use crate::document::{Claim, Document, Section, Source, Span};
use crate::layout::wrap::{wrap, wrap_stubbed};

/// At most this many unparsed sections, or about this many bytes of text,
/// are parsed at once.
const PARSE_BATCH: (usize, usize) = (16, 128 * 1024);

/// A document of more sections than this waits for its whole parse: its
/// titles alone, laid out beside the whole document being made, would
/// cost more memory than reaching its end early is worth.
const MAX_SECTIONS_ON_DEMAND: usize = 50_000;

impl Model {
    /// The whole text and the level that cuts it have come: the sections
    /// after the opening, known from the outline, join the document as
    /// their titles. Nothing changes when the opening and the outline do
    /// not agree on the sections they share (the whole document will).
    pub(super) fn adopt_index(&mut self, source: Source) {
        let outline = &self.load.outline;
        let opened = self.doc.sections.len();
        let agree = outline.len() >= opened
            && self
                .doc
                .sections
                .iter()
                .zip(outline)
                .all(|(s, e)| s.level == e.level && (e.level == 0 || s.heading_id as usize == e.offset + 1));
        if !self.load.loading || !agree || outline.len() == opened || outline.len() > MAX_SECTIONS_ON_DEMAND {
            return;
        }
        let mut doc = Document::clone(&self.doc);
        // Sections parsed alone and gone from the screen are parsed again
        // from it when they come back.
        doc.source = Some(source.clone());
        doc.sections.extend(outline[opened..].iter().map(|e| Section {
            level: e.level,
            title: e.title.clone(),
            heading: vec![Span::plain(e.title.clone())],
            heading_id: u32::try_from(e.offset + 1).unwrap_or(u32::MAX),
            line: e.line,
            blocks: Vec::new(),
            claim: Claim::placeholder(),
            words: 0,
            parked: false,
            alone: false,
        }));
        let n = doc.sections.len();
        self.load.unparsed = (0..n).map(|i| i >= opened).collect();
        self.load.opened = opened;
        self.load.text = Some(source);
        self.doc = Arc::new(doc);
        // The opening's rows come first and are unchanged: the top stays.
        self.layout.wrapped = wrap(&self.doc, &self.layout.code, self.text_width());
        self.layout.reset_work(n);
        self.reading.words_before = words_before(&self.doc);
        self.reading.read.resize(n, false);
        self.refresh_search();
        self.reach_wanted(false);
    }

    /// The next unparsed sections on or near the screen to parse, as work
    /// for another thread; `None` when there are none or a parse runs.
    pub(super) fn parse_work(&mut self) -> Option<Effect> {
        let source = self.load.text.clone()?;
        let text = &source.text;
        if self.load.parsing.is_some() || !self.load.loading {
            return None;
        }
        let w = &self.layout.wrapped;
        let first = w.section_at(self.top).saturating_sub(1);
        let last = w.section_at(self.top + self.page()) + 1;
        let n = self.doc.sections.len();
        let unparsed = |i: usize| self.load.unparsed.get(i).copied().unwrap_or(false);
        let start = (first..=last.min(n.saturating_sub(1))).find(|&i| unparsed(i))?;
        let offset =
            |i: usize| self.doc.sections.get(i).map_or(text.len(), |s| (s.heading_id as usize).saturating_sub(1));
        let mut end = start + 1;
        while end < n && unparsed(end) && end - start < PARSE_BATCH.0 && offset(end) - offset(start) < PARSE_BATCH.1 {
            end += 1;
        }
        self.load.parsing = Some(start..end);
        let range = offset(start)..offset(end).min(text.len());
        Some(Effect::Parse { line: self.doc.sections[start].line, source, range })
    }

    /// Sections parsed alone take the places of their titles (matched by
    /// heading id) and are laid out; `G` pressed meanwhile goes to the end.
    pub(super) fn adopt_parsed(&mut self, sections: Vec<Section>) {
        let Some(asked) = self.load.parsing.take() else { return };
        if !self.load.loading || self.load.text.is_none() {
            return;
        }
        // What was asked is not asked again, even when the parse failed
        // (those sections wait for the whole document).
        for i in asked {
            if let Some(u) = self.load.unparsed.get_mut(i) {
                *u = false;
            }
        }
        let doc = Arc::make_mut(&mut self.doc);
        let mut any = false;
        for s in sections {
            let i = doc.sections.partition_point(|x| x.heading_id < s.heading_id);
            if doc.sections.get(i).is_some_and(|x| x.heading_id == s.heading_id && x.blocks.is_empty()) {
                doc.sections[i] = s;
                any = true;
            }
        }
        if !any {
            return;
        }
        // Laid out whole (titles are a row or two; the parsed sections are
        // those seen), so the links are numbered through: a section laid
        // out again alone keeps the numbering of the document it was laid
        // out in, and the parsed ones have links the titles had not. Only
        // the rows' places are kept (the sections on screen get their text
        // back once the message is applied): the sections passed on the way, a list of 100,000
        // items under one heading, kept every row's pieces while the whole
        // document was being made beside them. The place on screen holds
        // while sections above it grow.
        let here = self.layout.wrapped.anchor(self.top);
        self.layout.wrapped = wrap_stubbed(&self.doc, &self.layout.code, self.text_width());
        self.top = self.layout.wrapped.row_of(here);
        // A new document value: work asked for the old one is dropped.
        self.layout.reset_work(self.doc.sections.len());
        self.reading.words_before = words_before(&self.doc);
        self.refresh_search();
        self.top = scroll::clamp(self.top as i64, self.max_top());
        self.reach_wanted(false);
        // The sections near the screen get their text back after this
        // message, as after every one (`update`).
        self.park_parsed_far_away();
    }

    /// The sections parsed alone (after the opening) that are far from the
    /// screen let go of their blocks, as the whole document's do: their
    /// rows already keep only their places, and both are made again from
    /// the text when they come back. Passing through a list of 100,000
    /// items under one heading kept every item of it parsed, beside the
    /// whole document being made.
    fn park_parsed_far_away(&mut self) {
        let Some(split) = self.load.text.as_ref().map(|s| s.plan.split.unwrap_or(0)) else { return };
        let near = self.sections_near_top();
        let far = |i: usize, s: &Section| !near.contains(&i) && !s.parked && !s.blocks.is_empty();
        let unparsed = &self.load.unparsed;
        let park: Vec<usize> = (self.load.opened..self.doc.sections.len())
            .filter(|&i| !unparsed.get(i).copied().unwrap_or(true) && far(i, &self.doc.sections[i]))
            .collect();
        if park.is_empty() {
            return;
        }
        let doc = Arc::make_mut(&mut self.doc);
        for i in park {
            doc.sections[i].park(split);
        }
    }

    /// The claims found for the text sent first: they join its sections,
    /// and the rows on screen are laid out again to mark them.
    pub(super) fn adopt_claims(&mut self, found: Vec<crate::document::claim::Found>) {
        if !std::mem::take(&mut self.load.claims_pending) || found.len() != self.doc.sections.len() {
            return;
        }
        let doc = Arc::make_mut(&mut self.doc);
        for (section, found) in doc.sections.iter_mut().zip(found) {
            if let Some(claim) = found.claim(&section.title) {
                section.claim = claim;
            }
        }
        let n = self.doc.sections.len();
        self.layout.reset_work(n);
        // The claims mark sentences and move no row: every section keeps
        // its rows' places, and those shown are laid out again, marked.
        self.layout.wrapped.stub_except(0..0);
    }

    /// Whether the last section, known from the outline, is parsed while
    /// the rest is still read: the rows end where the document does.
    pub(super) fn end_is_parsed(&self) -> bool {
        self.load.unparsed.last() == Some(&false)
    }

    /// Whether claims are still being found.
    pub fn finding_claims(&self) -> bool {
        self.load.claims_pending
    }

    /// Whether `text` is the text this reader parses sections from (a
    /// parse for a reader that no longer waits for it is dropped).
    pub fn parses(&self, text: &Arc<str>) -> bool {
        self.load.text.as_ref().is_some_and(|s| Arc::ptr_eq(&s.text, text))
    }

    /// Goes where a jump meant to go while the text was still coming in
    /// (the end, or a place), as far as the screen can reach now; the wish
    /// is done once it is reached, or once the `whole` document is in.
    pub(super) fn reach_wanted(&mut self, whole: bool) {
        let Some(wanted) = self.load.wanted else { return };
        let (row, reached) = match wanted {
            // As `G` goes: the last row at the bottom of the screen.
            Wanted::End => {
                let end = self.layout.wrapped.len().saturating_sub(self.page());
                (end, self.end_is_parsed())
            }
            Wanted::At(anchor) => {
                let row = self.layout.wrapped.row_of(anchor);
                (row, row <= self.max_top())
            }
        };
        self.top = scroll::clamp(row as i64, self.max_top());
        if reached || whole {
            self.load.wanted = None;
            if self.notice.as_deref() == Some(super::END_WAIT) {
                self.notice = None;
            }
        }
    }
}
