//! Tables too large to keep: past a budget of cells they read as text.

/// The most table cells a document's tables may have (header width times
/// rows: the parser pads every short row to the header's width).
pub const MAX_TABLE_CELLS: usize = 250_000;

/// The text with tables past [`MAX_TABLE_CELLS`] (counted in order) made
/// text, nothing lost, so that nothing costs memory out of proportion to
/// the input: a table at the left margin after a blank line is fenced as
/// preformatted text (one block, its lines as they are written; up to the
/// first line that is blank or holds no `|`); any other (in a list, or
/// right after a paragraph) gets a backslash before its delimiter row's
/// first `|`, which keeps it from being a table, so it reads as its lines.
pub fn tame_tables(text: &str) -> std::borrow::Cow<'_, str> {
    // A cheap first look: only text with a delimiter row can hold a table.
    if !text.contains("-|") && !text.contains("|-") && !text.contains("| -") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut budget = MAX_TABLE_CELLS;
    // Where text goes in, and what.
    let mut edits: Vec<(usize, String)> = Vec::new();
    let mut lines = text.split_inclusive('\n').peekable();
    let mut at = 0;
    // The line before this one and the one before that (start, text).
    let (mut header, mut before): (Option<(usize, &str)>, Option<&str>) = (None, None);
    // The fence of the code block the line is in (no table is there).
    let mut code: Option<(u8, usize)> = None;
    while let Some(line) = lines.next() {
        let start = at;
        at += line.len();
        if code.is_some() || fence_of(line).is_some() || !is_delimiter(line) {
            code = match (code, fence_of(line)) {
                (Some((c, n)), Some((f, m))) if f == c && m >= n && line.trim()[m..].is_empty() => None,
                (None, fence) => fence,
                (open, _) => open,
            };
            (before, header) = (header.map(|(_, l)| l), Some((start, line)));
            continue;
        }
        let cols = line.matches('|').count().max(1);
        let mut rows = 1;
        // Where the lines that are surely the table's end.
        let mut end = at;
        let mut piped = true;
        while let Some(next) = lines.peek() {
            // A blank line ends it, and so does a fence (a code block).
            if next.trim().is_empty() || fence_of(next).is_some() {
                break;
            }
            rows += 1;
            at += next.len();
            piped &= next.contains('|');
            if piped {
                end = at;
            }
            lines.next();
        }
        let cells = cols.saturating_mul(rows);
        if cells <= budget {
            budget -= cells;
        } else if let Some((from, _)) = header.filter(|&(_, head)| fenceable(head, line, before)) {
            let fence = fence_for(&text[from..end]);
            let close = if text[..end].ends_with('\n') { format!("{fence}\n") } else { format!("\n{fence}\n") };
            edits.push((from, format!("{fence}\n")));
            edits.push((end, close));
        } else {
            edits.push((start + line.len() - line.trim_start().len(), "\\".to_string()));
        }
        (before, header) = (None, None);
    }
    if edits.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + edits.iter().map(|(_, e)| e.len()).sum::<usize>());
    let mut from = 0;
    for (at, insert) in edits {
        out.push_str(&text[from..at]);
        out.push_str(&insert);
        from = at;
    }
    out.push_str(&text[from..]);
    std::borrow::Cow::Owned(out)
}

/// Whether `line` is a table's delimiter row (`|---|:-:|`).
pub(super) fn is_delimiter(line: &str) -> bool {
    let t = line.trim();
    t.contains('-') && t.contains('|') && t.bytes().all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
}

/// Whether a table whose header row is `head` and delimiter row `delimiter`
/// can be fenced as it is: both at the left margin, its header not the
/// start of a list item or a quote, and nothing but a blank line (or the
/// start of the text) before it.
fn fenceable(head: &str, delimiter: &str, before: Option<&str>) -> bool {
    let margin = |l: &str| !l.starts_with([' ', '\t']);
    let opens_block = |l: &str| {
        let l = l.trim_end();
        let ordered = l.find(['.', ')']).is_some_and(|i| i > 0 && l[..i].bytes().all(|b| b.is_ascii_digit()));
        l.starts_with(['>', '#', '`', '~', '<'])
            || l.starts_with("- ")
            || l.starts_with("* ")
            || l.starts_with("+ ")
            || ordered
    };
    margin(head) && margin(delimiter) && !opens_block(head) && before.is_none_or(|l| l.trim().is_empty())
}

/// The character and length of the code fence `line` opens or closes, if
/// it is one (three or more backticks or tildes within three spaces of the
/// margin).
pub(super) fn fence_of(line: &str) -> Option<(u8, usize)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let c = *t.as_bytes().first()?;
    let n = t.bytes().take_while(|&b| b == c).count();
    (matches!(c, b'`' | b'~') && n >= 3).then_some((c, n))
}

/// A fence of backticks longer than any run of them in `text`.
fn fence_for(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{BlockKind, parse};

    /// A table of 1,000 columns and `rows` rows (past the budget from 250).
    fn wide(rows: usize) -> String {
        let row = "| x ".repeat(1000) + "|\n";
        format!("{}{}{}", "| h ".repeat(1000) + "|\n", "|---".repeat(1000) + "|\n", row.repeat(rows))
    }

    #[test]
    fn a_table_past_the_budget_after_a_blank_line_is_its_lines_as_preformatted_text() {
        let table = wide(300);
        let text = format!("# T\n\n## A\n\nBefore.\n\n{table}## B\n\nAfter.\n");
        let tamed = tame_tables(&text);
        let doc = parse(&tamed);
        // (Long, the code is cut into blocks, and the section goes on.)
        let titles: Vec<&str> =
            doc.sections.iter().map(|s| s.title.as_str()).filter(|t| *t != "A (continued)").collect();
        assert_eq!(titles, ["A", "B"], "the heading after the table is still one");
        let code: Vec<&str> = doc
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match &b.kind {
                BlockKind::Code { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(code.join("\n"), table.trim_end(), "every line kept, as written");
    }

    #[test]
    fn a_table_past_the_budget_in_a_list_or_after_a_paragraph_reads_as_its_lines() {
        for text in
            [format!("Words just before.\n{}", wide(300)), format!("- item\n\n  {}", wide(300).replace('\n', "\n  "))]
        {
            let doc = parse(&tame_tables(&text));
            let mut tables = 0;
            doc.sections.iter().flat_map(|s| &s.blocks).for_each(|b| {
                b.walk(&mut |b| tables += usize::from(matches!(b.kind, BlockKind::Table(_) | BlockKind::Code { .. })))
            });
            assert_eq!(tables, 0, "no table and no fence");
            assert!(doc.sections.iter().any(|s| s.words > 1000), "its cells are text");
        }
    }

    #[test]
    fn tables_in_code_blocks_and_within_the_budget_are_left_as_written() {
        let in_code = format!("# T\n\n```\n{}```\n\nText.\n", wide(300));
        assert!(matches!(tame_tables(&in_code), std::borrow::Cow::Borrowed(_)));
        let small = format!("# T\n\n{}\nText.\n", wide(10));
        assert!(matches!(tame_tables(&small), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn the_fence_is_longer_than_any_run_of_backticks_in_the_table() {
        let table = wide(300).replacen("| x |", "| ```` |", 1);
        let tamed = tame_tables(&table);
        assert!(tamed.starts_with("`````\n"), "{}", &tamed[..20]);
        let doc = parse(&tamed);
        assert!(
            matches!(&doc.sections[0].blocks[..], [b] if matches!(&b.kind, BlockKind::Code { text, .. } if text.contains("````")))
        );
    }
}
