//! Line breaking: inline text into words, wide characters and breaks,
//! placed greedily into rows; prefixes, merging and clipping.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::*;
use crate::document::{Marks, Span, plain_text};

/// A unit the greedy wrapper places: a word, one wide character, a space, a
/// forced break.
#[derive(Debug, PartialEq)]
pub(super) enum Tok {
    /// `pieces` indexes the shared list of word pieces.
    Word {
        pieces: std::ops::Range<usize>,
        width: usize,
        off: u32,
    },
    Space(Role),
    Break,
}

/// Builds words out of borrowed pieces of the spans' text.
pub(super) struct Words<'a> {
    toks: Vec<Tok>,
    pieces: Vec<(Cow<'a, str>, Role)>,
    /// The piece being extended: source text, byte range, role.
    open: Option<(&'a str, usize, usize, Role)>,
    word_start: usize,
    word_w: usize,
    word_off: u32,
}

impl<'a> Words<'a> {
    /// Adds `text[start..end]` (of `width` cells, at character `off`) to the current word.
    pub(super) fn add(&mut self, text: &'a str, start: usize, end: usize, role: Role, width: usize, off: usize) {
        if self.word_w == 0 && self.open.is_none() && self.pieces.len() == self.word_start {
            self.word_off = off as u32;
        }
        match &mut self.open {
            Some((t, _, e, r)) if std::ptr::eq(*t, text) && *e == start && *r == role => *e = end,
            _ => {
                self.close_piece();
                self.open = Some((text, start, end, role));
            }
        }
        self.word_w += width;
    }

    pub(super) fn close_piece(&mut self) {
        if let Some((t, s, e, r)) = self.open.take() {
            self.pieces.push((Cow::Borrowed(&t[s..e]), r));
        }
    }

    pub(super) fn flush_word(&mut self) {
        self.close_piece();
        if self.pieces.len() > self.word_start {
            self.toks.push(Tok::Word {
                pieces: self.word_start..self.pieces.len(),
                width: self.word_w,
                off: self.word_off,
            });
        }
        self.word_start = self.pieces.len();
        self.word_w = 0;
    }
}

pub(super) fn prefix_width(p: &[Segment]) -> usize {
    p.iter().map(|s| s.text.width()).sum()
}

impl Wrapper<'_> {
    /// Wraps inline text greedily at spaces and around wide characters.
    pub(super) fn inline(&mut self, spans: &[Span], block: u32, first: &[Segment], rest: &[Segment], kind: Kind) {
        self.inline_at(spans, block, 0, first, rest, kind)
    }

    pub(super) fn inline_at<'p>(
        &mut self,
        spans: &[Span],
        block: u32,
        base: u32,
        first: &'p [Segment],
        rest: &'p [Segment],
        kind: Kind,
    ) {
        // The claim's characters count from the block's start; these spans from `base`.
        let shift = base as usize;
        let claim =
            self.claim.filter(|c| c.0 == block && c.2 > shift).map(|c| (c.1.saturating_sub(shift), c.2 - shift));
        let (toks, arena) = self.tokens(spans, kind, claim, block);
        let mut f = Fill {
            line: Vec::new(),
            width: 0,
            start: None,
            pending: None,
            avail: avail_for(first, self.width),
            prefix: first,
            rest,
            block,
            base,
            last_off: 0,
            emitted: false,
        };
        for tok in toks {
            match tok {
                Tok::Space(role) => {
                    if f.width > 0 {
                        f.pending = Some(role);
                    }
                }
                Tok::Break => self.flush(&mut f),
                Tok::Word { pieces, width, off } => {
                    f.last_off = off;
                    let space = usize::from(f.pending.is_some());
                    if f.width + space + width <= f.avail {
                        f.put_space();
                    } else if width <= f.avail {
                        self.flush(&mut f);
                    } else {
                        self.break_word(&mut f, &arena[pieces], off);
                        continue;
                    }
                    if f.start.is_none() {
                        f.start = Some(off);
                    }
                    for (text, role) in &arena[pieces] {
                        push_merged(&mut f.line, text.as_ref(), *role);
                    }
                    f.width += width;
                }
            }
        }
        if f.width > 0 || !f.emitted {
            self.flush(&mut f);
        }
    }

    /// Ends the row being filled; the next one takes the rest's prefix.
    fn flush(&mut self, f: &mut Fill<'_>) {
        let p = if prefix_width(f.prefix) + 1 >= self.width { Vec::new() } else { f.prefix.to_vec() };
        let start = f.base.saturating_add(f.start.unwrap_or(f.last_off));
        self.push_row(p, std::mem::take(&mut f.line), f.block, start);
        f.emitted = true;
        f.width = 0;
        f.start = None;
        f.pending = None;
        f.prefix = f.rest;
        f.avail = avail_for(f.prefix, self.width);
    }

    /// A word longer than a whole line: fill this line, then break it at
    /// grapheme boundaries (ASCII by bytes).
    fn break_word(&mut self, f: &mut Fill<'_>, pieces: &[(Cow<'_, str>, Role)], off: u32) {
        if f.width + usize::from(f.pending.is_some()) + 1 > f.avail {
            self.flush(f);
        } else {
            f.put_space();
        }
        let mut o = off;
        for (text, role) in pieces {
            let role = *role;
            if text.is_ascii() {
                let mut rest: &str = text;
                while !rest.is_empty() {
                    if f.width >= f.avail {
                        self.flush(f);
                    }
                    let take = (f.avail - f.width).min(rest.len());
                    f.start.get_or_insert(o);
                    push_merged(&mut f.line, &rest[..take], role);
                    f.width += take;
                    o += take as u32;
                    rest = &rest[take..];
                }
                continue;
            }
            for g in text.graphemes(true) {
                let gw = g.width();
                if f.width + gw > f.avail && f.width > 0 {
                    self.flush(f);
                }
                f.start.get_or_insert(o);
                push_merged(&mut f.line, g, role);
                f.width += gw;
                o += g.chars().count() as u32;
            }
        }
        // A row that starts with no word after it starts where the word
        // ended, not where it began: places never step back.
        f.last_off = o;
    }

    /// Splits spans into tokens, marking the claim's characters and adding
    /// a `[n]` note after each link whose text is not its address. Word
    /// pieces borrow the spans' text and live in one shared list.
    pub(super) fn tokens<'a>(
        &mut self,
        spans: &'a [Span],
        kind: Kind,
        claim: Option<(usize, usize)>,
        block: u32,
    ) -> (Vec<Tok>, Vec<(Cow<'a, str>, Role)>) {
        let mut w = Words { toks: Vec::new(), pieces: Vec::new(), open: None, word_start: 0, word_w: 0, word_off: 0 };
        let mut off = 0usize;
        let mut after_wide = false;
        let mut last_link: Option<&str> = None;
        for (i, span) in spans.iter().enumerate() {
            let link = self.link_id(span, &mut last_link);
            let base =
                Role { kind, marks: span.marks.without(Marks::SOFT_BREAK.with(Marks::HARD_BREAK)), claim: false, link };
            if span.marks.contains(Marks::HARD_BREAK) {
                w.flush_word();
                w.toks.push(Tok::Break);
                off += 1;
                continue;
            }
            let text = span.text.as_str();
            if text.is_ascii() {
                ascii_words(&mut w, text, 0..text.len(), off, base, claim, &mut after_wide);
                off += text.len();
            } else {
                off = mixed_words(&mut w, text, off, base, claim, &mut after_wide);
            }
            // A link ends here: number its address unless the text is the address.
            if let Some(url) = &span.link
                && spans.get(i + 1).is_none_or(|n| n.link.as_ref() != Some(url))
            {
                self.note_link(&mut w, span, url, off, block);
            }
        }
        w.flush_word();
        (w.toks, w.pieces)
    }

    /// The id of the link `span` is part of (one per link, even when its
    /// text has several spans; 0 for none), recording a new link's target.
    fn link_id<'a>(&mut self, span: &'a Span, last: &mut Option<&'a str>) -> u32 {
        let target = match &span.link {
            Some(url) if !url.is_empty() => Some(url.as_str()),
            _ if span.marks.contains(Marks::FOOTNOTE_REF) => Some(span.text.as_str()),
            _ => None,
        };
        let link = match target {
            Some(t) if *last == Some(t) => self.link_base + self.links.len() as u32,
            Some(t) => {
                if span.marks.contains(Marks::FOOTNOTE_REF) {
                    let label = t.trim_start_matches('[').trim_start_matches('^').trim_end_matches(']');
                    self.links.push(&format!("^{label}"));
                } else {
                    self.links.push(t);
                }
                self.link_base + self.links.len() as u32
            }
            None => 0,
        };
        *last = target;
        link
    }

    /// In print, a numbered note `[n]` after a link's last span (not for
    /// images, headings of this document, or text that is the address).
    fn note_link(&mut self, w: &mut Words<'_>, span: &Span, url: &str, off: usize, block: u32) {
        let listed = self.link_notes
            && !span.marks.contains(Marks::IMAGE)
            && !url.starts_with('#')
            && !url.is_empty()
            && plain_text(std::slice::from_ref(span)).trim() != url;
        if !listed {
            return;
        }
        self.note_count += 1;
        let n = self.note_count;
        let label = format!("[{n}]");
        let lw = label.width();
        w.close_piece();
        if w.word_w == 0 && w.pieces.len() == w.word_start {
            w.word_off = off as u32;
        }
        w.pieces.push((Cow::Owned(label), Role::of(Kind::LinkNote)));
        w.word_w += lw;
        self.notes.push((n, url.to_string(), block));
    }
}

/// ASCII text (`text[range]`, at character `off`) into words and spaces
/// (every byte is one cell-wide grapheme), split where the claim's
/// sentence starts or ends.
fn ascii_words<'a>(
    w: &mut Words<'a>,
    text: &'a str,
    range: std::ops::Range<usize>,
    off: usize,
    base: Role,
    claim: Option<(usize, usize)>,
    after_wide: &mut bool,
) {
    let (bytes, start, end) = (text.as_bytes(), range.start, range.end);
    // Byte `start` is character `off`, and each byte one character.
    let char_at = |k: usize| off + (k - start);
    let byte_of = |c: usize| start.saturating_add(c - off);
    let mut k = start;
    while k < end {
        if bytes[k] == b' ' || bytes[k] == b'\n' {
            let at = char_at(k);
            let role = Role { claim: claim.is_some_and(|(s, e)| at >= s && at < e), ..base };
            w.flush_word();
            *after_wide = false;
            w.toks.push(Tok::Space(role));
            k += 1;
            continue;
        }
        let j = bytes[k..end].iter().position(|&b| b == b' ' || b == b'\n').map_or(end, |p| k + p);
        if *after_wide && !is_closing(&text[k..k + 1]) {
            w.flush_word();
        }
        *after_wide = false;
        while k < j {
            let at = char_at(k);
            let (in_claim, until) = match claim {
                Some((s, _)) if at < s => (false, byte_of(s)),
                Some((_, e)) if at < e => (true, byte_of(e)),
                _ => (false, j),
            };
            let until = until.clamp(k + 1, j);
            w.add(text, k, until, Role { claim: in_claim, ..base }, until - k, at);
            k = until;
        }
    }
}

/// A byte the ASCII path takes as it is: printable, or a line feed (a tab
/// or a carriage return goes grapheme by grapheme, as in other text).
fn is_plain(b: u8) -> bool {
    (b' '..=b'~').contains(&b) || b == b'\n'
}

/// Text that is not all ASCII, at character `off`: its runs of plain ASCII
/// take the ASCII path, the rest goes grapheme by grapheme (prose with one
/// curly quote or dash is mostly ASCII). A run leaves its last character
/// to the graphemes after it, which a combining mark may join, so every
/// grapheme is whole and the words are those of [`grapheme_words`] over
/// the whole text, grapheme by grapheme. Returns the character offset
/// after it.
fn mixed_words<'a>(
    w: &mut Words<'a>,
    text: &'a str,
    mut off: usize,
    base: Role,
    claim: Option<(usize, usize)>,
    after_wide: &mut bool,
) -> usize {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let run = bytes[at..].iter().position(|&b| !is_plain(b)).map_or(bytes.len(), |p| at + p);
        let ascii_end = if run < bytes.len() { run.saturating_sub(1).max(at) } else { run };
        if ascii_end > at {
            ascii_words(w, text, at..ascii_end, off, base, claim, after_wide);
            off += ascii_end - at;
            at = ascii_end;
        }
        if at < bytes.len() {
            (off, at) = grapheme_words(w, text, at, off, base, claim, after_wide);
        }
    }
    off
}

/// Other text from byte `from` (at character `off`), grapheme by grapheme:
/// a line may break before and after a wide character, but never before
/// closing punctuation (。」、). It stops at a plain ASCII character
/// followed by another (past the first grapheme: one always goes), where
/// [`mixed_words`] takes over. Returns the character offset and the byte
/// where it stopped.
fn grapheme_words<'a>(
    w: &mut Words<'a>,
    text: &'a str,
    from: usize,
    mut off: usize,
    base: Role,
    claim: Option<(usize, usize)>,
    after_wide: &mut bool,
) -> (usize, usize) {
    let bytes = text.as_bytes();
    for (i, g) in text[from..].grapheme_indices(true) {
        let at_byte = from + i;
        if i > 0 && is_plain(bytes[at_byte]) && bytes.get(at_byte + 1).is_some_and(|&b| is_plain(b)) {
            return (off, at_byte);
        }
        let role = Role { claim: claim.is_some_and(|(s, e)| off >= s && off < e), ..base };
        if g.chars().all(char::is_whitespace) {
            w.flush_word();
            *after_wide = false;
            w.toks.push(Tok::Space(role));
        } else {
            let gw = g.width();
            let wide = gw >= 2;
            if (wide || *after_wide) && !is_closing(g) {
                w.flush_word();
            }
            *after_wide = wide;
            w.add(text, at_byte, at_byte + g.len(), role, gw, off);
        }
        off += g.chars().count();
    }
    (off, text.len())
}

/// A row being filled by [`Wrapper::inline_at`]: its segments and width,
/// where in the block it starts, a space waiting to be placed, the room
/// left after its prefix, and the prefix of the rows after it.
pub(super) struct Fill<'p> {
    line: Vec<Segment>,
    width: usize,
    start: Option<u32>,
    pending: Option<Role>,
    avail: usize,
    prefix: &'p [Segment],
    rest: &'p [Segment],
    block: u32,
    base: u32,
    /// Where the last word started, for a row that starts with no word.
    last_off: u32,
    /// A row was made (an empty paragraph still makes one).
    emitted: bool,
}

impl Fill<'_> {
    /// Places the waiting space, if any.
    fn put_space(&mut self) {
        if let Some(role) = self.pending.take() {
            push_merged(&mut self.line, " ", role);
            self.width += 1;
        }
    }
}

/// The room a row has after prefix `p` (all of it when the prefix would
/// leave none).
fn avail_for(p: &[Segment], width: usize) -> usize {
    let pw = prefix_width(p);
    if pw + 1 >= width { width } else { width - pw }
}

/// Appends text to the last segment when the role matches, else starts a
/// new segment (moving owned text in, copying borrowed text).
pub(super) fn push_merged<'a>(segments: &mut Vec<Segment>, text: impl Into<Cow<'a, str>>, role: Role) {
    let text = text.into();
    match segments.last_mut() {
        Some(last) if last.role == role => last.text.push_str(&text),
        _ => segments.push(Segment { text: text.into_owned(), role }),
    }
}

/// Punctuation that must not start a line (CJK closing marks, and ASCII
/// closers after a wide character).
pub(super) fn is_closing(g: &str) -> bool {
    if g.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric) {
        return false;
    }
    matches!(
        g,
        "。" | "、"
            | "，"
            | "．"
            | "："
            | "；"
            | "！"
            | "？"
            | "」"
            | "』"
            | "）"
            | "】"
            | "〉"
            | "》"
            | "〕"
            | "ー"
            | "・"
            | "."
            | ","
            | ")"
            | "!"
            | "?"
            | ":"
            | ";"
            | "\""
            | "'"
            | "”"
            | "’"
    )
}

/// Cuts segments to at most `width` cells.
pub(super) fn clip(segments: Vec<Segment>, width: usize) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut used = 0;
    for s in segments {
        if s.text.width() + used <= width {
            used += s.text.width();
            out.push(s);
            continue;
        }
        let mut t = String::new();
        for g in s.text.graphemes(true) {
            if used + g.width() > width {
                break;
            }
            used += g.width();
            t.push_str(g);
        }
        out.push(Segment { text: t, role: s.role });
        break;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The tokens and pieces of `text` (at character 7, after a wide
    /// character or not), by the mixed path or grapheme by grapheme (each
    /// call takes at least one: called again from where it stops, it goes
    /// over every grapheme).
    fn words_of(
        text: &str,
        claim: Option<(usize, usize)>,
        wide: bool,
        mixed: bool,
    ) -> (Vec<Tok>, Vec<(String, Role)>, usize) {
        let mut w = Words { toks: Vec::new(), pieces: Vec::new(), open: None, word_start: 0, word_w: 0, word_off: 0 };
        let mut after_wide = wide;
        let base = Role::of(Kind::Body);
        let off = if mixed {
            mixed_words(&mut w, text, 7, base, claim, &mut after_wide)
        } else {
            let (mut off, mut at) = (7, 0);
            while at < text.len() {
                (off, at) = grapheme_words(&mut w, text, at, off, base, claim, &mut after_wide);
            }
            off
        };
        w.flush_word();
        (w.toks, w.pieces.into_iter().map(|(t, r)| (t.into_owned(), r)).collect(), off)
    }

    #[test]
    fn prose_with_one_curly_quote_breaks_into_the_words_it_did_grapheme_by_grapheme() {
        let text = "The \u{201c}quick\u{201d} fox, e\u{301}te\u{301} and 漢字。 cafe\u{301}\r\n#\u{fe0f}\u{20e3} ok";
        assert_eq!(words_of(text, Some((12, 30)), false, true), words_of(text, Some((12, 30)), false, false));
    }

    proptest! {
        #[test]
        fn the_mixed_path_gives_the_words_of_the_grapheme_path(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "word", " ", "\n", "\t", "\r\n", ".", "e\u{301}", "\u{301}", "é", "漢", "。", "」", "\u{2014}",
                "\u{201c}", "🇯🇵", "🇯", "#\u{fe0f}\u{20e3}", "👩\u{200d}👧", "\u{200d}", "ok,", "ｱ",
            ]), 0..40),
            claim in proptest::option::of((0usize..60, 0usize..60)),
            wide: bool,
        ) {
            let text: String = parts.concat();
            let claim = claim.map(|(a, b)| (7 + a.min(b), 7 + a.max(b)));
            prop_assert_eq!(words_of(&text, claim, wide, true), words_of(&text, claim, wide, false));
        }
    }
}
