//! The title and split rule: which heading is the document's title and
//! which level starts sections, for the full parse and the quick outline.

/// How a document's top-level headings make its title and sections: one
/// rule for the full parse and the quick outline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Which heading (by its place among the headings) is the title.
    pub title: Option<usize>,
    /// Headings at this level or shallower start sections.
    pub split: Option<u8>,
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
    Plan { title, split }
}
