//! The title and split rule: which heading is the document's title and
//! which level starts sections, for the full parse and the quick outline.

/// How a document's top-level headings make its title and sections: one
/// rule for the full parse and the quick outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Which heading (by its place among the headings) is the title.
    pub title: Option<usize>,
    /// Headings at this level or shallower start sections.
    pub split: Option<u8>,
    /// Where sections start otherwise (`None`: nowhere, as in almost
    /// every document).
    pub cuts: Option<std::sync::Arc<Cuts>>,
}

/// The plan for headings of `levels`, in document order. The first heading
/// is the title when it is at the shallowest level and alone there (or
/// with only a single trailing heading beside it, "# Acknowledgements"),
/// and is a `#` or has other headings under it.
/// Sections are cut at the shallowest level left, unless a single heading
/// sits there and a deeper level has several: then at that deeper level
/// (one `## Contributing` after six `###` does not swallow them), and the
/// shallower heading still starts a section of its own.
pub fn plan(levels: &[u8]) -> Plan {
    plan_with(levels, true)
}

/// [`plan`], where a heading may be the title only when `may_title` (not
/// when the document opens with an HTML heading, which is the title then).
pub(super) fn plan_with(levels: &[u8], may_title: bool) -> Plan {
    let count = |l: u8, from: usize| levels[from..].iter().filter(|&&x| x == l).count();
    let min = levels.iter().copied().min();
    let title = match (levels.first(), min) {
        // A `#`, or a deeper heading with sections under it (a lone `##`
        // over `###`s); a lone `##` over plain text stays a section.
        (Some(&first), Some(m)) if may_title && first == m && (m == 1 || levels.len() > 1) => {
            let same = count(m, 1);
            let trailing = same == 1 && levels.len() > 2 && levels.last() == Some(&m);
            (same == 0 || trailing).then_some(0)
        }
        _ => None,
    };
    let from = usize::from(title.is_some());
    let mut split = levels[from..].iter().copied().min();
    while let Some(l) = split
        && count(l, from) == 1
    {
        match levels[from..].iter().copied().filter(|&x| x > l && count(x, from) >= 2).min() {
            Some(deeper) => split = Some(deeper),
            None => break,
        }
    }
    Plan { title, split, cuts: None }
}

/// Where a document's sections start other than at its headings of the
/// split level: nowhere, but in a document of more headings than text
/// (a million empty headings, which would cost a section each) or with a
/// section too long to hold whole (two megabytes of one-word items under
/// one heading). The outline pass finds them ([`cuts`]); every pass that
/// cuts the text into sections is given them, so that all agree.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cuts {
    /// Headings of the split level that start no section (they stay
    /// headings in the section before), by where they start.
    pub merged: Vec<u32>,
    /// Blocks that start a section going on from the one before, by
    /// where they start (in order).
    pub continued: Vec<Continued>,
}

/// A section that goes on from the one before it, which was too long.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Continued {
    /// Where its first block starts, and its level (the section's it goes
    /// on from).
    pub at: u32,
    pub level: u8,
    /// Its title, when the pass that found it kept titles (the outline);
    /// else empty, and a parse that reaches it from the section before
    /// titles it.
    pub title: compact_str::CompactString,
}

/// The title of a section that has none to show.
pub const UNTITLED: &str = "Untitled section";

/// The title of a section that goes on from one titled `base`.
pub fn continued_title(base: &str) -> compact_str::CompactString {
    compact_str::format_compact!("{base} (continued)")
}

impl Cuts {
    /// Whether the heading at `at` starts no section.
    pub fn merges(&self, at: usize) -> bool {
        u32::try_from(at).is_ok_and(|at| self.merged.binary_search(&at).is_ok())
    }

    /// The section that goes on from the one before at `at`, if one does.
    pub fn continues_at(&self, at: usize) -> Option<&Continued> {
        let at = u32::try_from(at).ok()?;
        self.continued.binary_search_by_key(&at, |c| c.at).ok().map(|i| &self.continued[i])
    }
}

/// How many sections a document may have whatever its length; past them,
/// a heading starts one only where the text before it has at least
/// [`BYTES_A_SECTION`] bytes for each section so far. No document people
/// write comes near; a document of a million empty headings has a
/// section for every 128 bytes, each holding the headings that follow.
pub const FREE_SECTIONS: usize = 4096;
pub const BYTES_A_SECTION: usize = 128;

/// A section is cut where a block starts after about this many parser
/// events (what a parsed section costs, some 150 bytes each at worst): a
/// section of a million one-word paragraphs is held a piece at a time.
/// Real sections come nowhere near: a long chapter of prose is a few
/// thousand. (8,192 held a list of one-word items under a heading at 19
/// times its size in the reader, not 21, but cut a 95 KB changelog under
/// one heading in two, a heading shown that its author never wrote.)
pub const MAX_SECTION_EVENTS: u32 = 16 * 1024;
/// What a line of code counts for, in events: a row with a few coloured
/// pieces, laid out again when its colours come (counted as one, a
/// section of Rust under a heading was 16,000 coloured rows, three of
/// which the screen kept: a 1.3 MB block, the reader at 32 times it).
pub const EVENTS_A_CODE_LINE: u32 = 4;
/// Or past this many bytes (code is an event a block: 2 MB of it under
/// one heading was one section). A long chapter of a book is less.
pub const MAX_SECTION_BYTES: u32 = 512 * 1024;

/// A top-level heading as the outline pass saw it: where it starts, the
/// and the parser events before it (its level is kept beside it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Head {
    pub at: u32,
    pub events: u32,
}

/// A place a section may be cut (a top-level block that starts a line
/// after a blank one, not indented, not a heading nor raw HTML: the text
/// parses alike from there alone) and the parser events before it.
pub(super) type Place = (u32, u32);

/// The cuts of a document whose headings are `heads` (in order, the
/// title's at `title`), split at `split`, with the places a section may be
/// cut (in order). A heading past [`FREE_SECTIONS`] starts a section only
/// while there is room by [`BYTES_A_SECTION`]; a section under a heading
/// goes on as a new one at the first place past [`MAX_SECTION_EVENTS`]
/// events or [`MAX_SECTION_BYTES`] bytes since it started (the opening before the first heading is held
/// whole, as it always is).
pub(super) fn cuts(heads: &[Head], levels: &[u8], title: Option<usize>, split: u8, places: &[Place]) -> Cuts {
    let mut out = Cuts::default();
    // The places inside the section from `h` to `end` where it goes on as
    // another, from place `p` on.
    let mut p = 0;
    let mut go_on = |(h, level): (&Head, u8), end: u32, out: &mut Cuts| {
        p += places[p..].partition_point(|&(at, _)| at <= h.at);
        let (mut from, mut from_at) = (h.events, h.at);
        while let Some(&(at, events)) = places.get(p)
            && at < end
        {
            if events.saturating_sub(from) >= MAX_SECTION_EVENTS || at - from_at >= MAX_SECTION_BYTES {
                out.continued.push(Continued { at, level, title: Default::default() });
                (from, from_at) = (events, at);
            }
            p += 1;
        }
    };
    let (mut kept, mut open): (usize, Option<(&Head, u8)>) = (0, None);
    for (i, (h, &level)) in heads.iter().zip(levels).enumerate() {
        if Some(i) == title || level > split {
            continue;
        }
        if kept < FREE_SECTIONS + h.at as usize / BYTES_A_SECTION {
            kept += 1;
            if let Some(section) = open.replace((h, level)) {
                go_on(section, h.at, &mut out);
            }
        } else {
            out.merged.push(h.at);
        }
    }
    if let Some(section) = open {
        go_on(section, u32::MAX, &mut out);
    }
    out.merged.shrink_to_fit();
    out.continued.shrink_to_fit();
    out
}
