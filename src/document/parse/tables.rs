//! Tables too large to keep: past a budget of cells they read as text.

/// The most table cells a document's tables may have (header width times
/// rows: the parser pads every short row to the header's width).
pub const MAX_TABLE_CELLS: usize = 250_000;

/// The text with tables past [`MAX_TABLE_CELLS`] (counted in order) made
/// plain text: a backslash before their delimiter row's first `|` keeps
/// them from being tables, so they read as their lines, nothing lost, and
/// nothing costs memory out of proportion to the input.
pub fn tame_tables(text: &str) -> std::borrow::Cow<'_, str> {
    let is_delimiter = |l: &str| {
        let t = l.trim();
        t.contains('-') && t.contains('|') && t.bytes().all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
    };
    // A cheap first look: only text with a delimiter row can hold a table.
    if !text.contains("-|") && !text.contains("|-") && !text.contains("| -") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut budget = MAX_TABLE_CELLS;
    let mut cuts = Vec::new();
    let mut lines = text.split_inclusive('\n').peekable();
    let mut at = 0;
    while let Some(line) = lines.next() {
        let start = at;
        at += line.len();
        if !is_delimiter(line) {
            continue;
        }
        let cols = line.matches('|').count().max(1);
        let mut rows = 1;
        while let Some(next) = lines.peek() {
            if next.trim().is_empty() {
                break;
            }
            rows += 1;
            at += next.len();
            lines.next();
        }
        let cells = cols.saturating_mul(rows);
        if cells > budget {
            cuts.push(start + line.len() - line.trim_start().len());
        } else {
            budget -= cells;
        }
    }
    if cuts.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + cuts.len());
    let mut from = 0;
    for c in cuts {
        out.push_str(&text[from..c]);
        out.push('\\');
        from = c;
    }
    out.push_str(&text[from..]);
    std::borrow::Cow::Owned(out)
}
