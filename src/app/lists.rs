//! The reader's lists (the sidebar and the skim view): moving the
//! selection by entries, screens and ends, and filtering by title and claim;
//! plus the count typed before a motion and the `:` command line.

use super::{Action, Mode, Model};

/// The largest count kept (more digits are ignored).
const MAX_COUNT: usize = 9_999_999;

/// Adds a digit to a count; a leading 0 starts none.
pub fn push_digit(count: Option<usize>, d: u8) -> Option<usize> {
    match (count, d) {
        (None, 0) => None,
        (c, d) => Some((c.unwrap_or(0) * 10 + usize::from(d)).min(MAX_COUNT)),
    }
}

/// `action` with a count typed before it: motions by a number of lines,
/// screens or entries go that many times as far; `G`/`g` (and `Home`,
/// `End`) go to section `count`, in lists to entry `count`. Actions that a
/// count means nothing to are unchanged. Section and match motions are
/// repeated by the caller ([`repeats`]).
pub fn counted(action: Action, count: usize) -> Action {
    let n = i32::try_from(count).unwrap_or(i32::MAX);
    let times = |d: i32| d.saturating_mul(n);
    match action {
        Action::ScrollLines(d) => Action::ScrollLines(times(d)),
        Action::ScrollHalfPages(d) => Action::ScrollHalfPages(times(d)),
        Action::ScrollPages(d) => Action::ScrollPages(times(d)),
        Action::SidebarMove(d) => Action::SidebarMove(times(d)),
        Action::ListPage(d) => Action::ListPage(times(d)),
        Action::HelpScroll(d) => Action::HelpScroll(times(d)),
        Action::HelpPage(d) => Action::HelpPage(times(d)),
        Action::Top | Action::Bottom => Action::GotoSection(count),
        Action::ListEdge(_) => Action::ListTo(count),
        Action::Percent => Action::GotoPercent(count),
        other => other,
    }
}

/// How many times a counted action runs: section and match motions repeat.
pub fn repeats(action: Action, count: usize) -> usize {
    match action {
        Action::NextSection
        | Action::PrevSection
        | Action::NextHeading
        | Action::PrevHeading
        | Action::NextMatch
        | Action::PrevMatch => count,
        _ => 1,
    }
}

/// What a `:` command asks for.
pub fn command(input: &str) -> Result<Action, String> {
    let c = input.trim();
    if let Ok(n) = c.parse::<usize>() {
        return Ok(Action::GotoSection(n));
    }
    match c {
        "q" | "q!" | "quit" | "x" => Ok(Action::Quit),
        "qa" | "qa!" | "qall" | "quitall" => Ok(Action::QuitAll),
        "help" | "h" => Ok(Action::ToggleHelp),
        "" => Err(String::new()),
        other => Err(format!("Unknown command :{other} (:N goes to section N, :q quits)")),
    }
}

/// Pasted text as a one-line prompt takes it: line breaks become spaces.
pub fn pasted(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c })
}

/// Whether every word of `filter` (ignoring case) is in `text`.
pub fn matches(filter: &str, text: &str) -> bool {
    let hay = text.to_lowercase();
    filter.split_whitespace().all(|w| hay.contains(&w.to_lowercase()))
}

impl Model {
    /// The sections a list shows, in order: all of them, or those whose
    /// title or claim matches the filter.
    pub fn list_indices(&self) -> Vec<usize> {
        let n = if self.mode() == Mode::Skim { self.doc.sections.len() } else { self.section_count() };
        if self.lists.filter.trim().is_empty() {
            return (0..n).collect();
        }
        (0..n)
            .filter(|&i| {
                let (title, claim) = match self.doc.sections.get(i) {
                    Some(s) => (s.title.as_str(), s.claim.text.as_str()),
                    None => (self.load.outline.get(i).map_or("", |o| o.title.as_str()), ""),
                };
                matches(&self.lists.filter, &format!("{title} {claim}"))
            })
            .collect()
    }

    /// Moves the selection `d` entries through the list, staying in it.
    pub(crate) fn move_selection(&mut self, d: i64) {
        let list = self.list_indices();
        if list.is_empty() {
            return;
        }
        let pos = list.iter().position(|&i| i >= self.lists.selected).unwrap_or(list.len() - 1);
        let pos = (pos as i64 + d).clamp(0, list.len() as i64 - 1) as usize;
        self.lists.selected = list[pos];
    }

    /// Selects entry `k` (0-based) of the list, or its last.
    pub(crate) fn select_entry(&mut self, k: usize) {
        let list = self.list_indices();
        if let Some(&i) = list.get(k.min(list.len().saturating_sub(1))) {
            self.lists.selected = i;
        }
    }

    /// Entries a screen of the list holds, for paging.
    pub(crate) fn list_page(&self) -> usize {
        let shown = if self.mode() == Mode::Skim { self.skim_entries().len() } else { self.sidebar_entries().len() };
        shown.saturating_sub(1).max(1)
    }

    /// The filter changed: the selection goes to the next match (or the last).
    pub(crate) fn refilter(&mut self) {
        let list = self.list_indices();
        if !list.contains(&self.lists.selected)
            && let Some(&next) = list.iter().find(|&&i| i > self.lists.selected).or(list.last())
        {
            self.lists.selected = next;
        }
    }

    /// The count typed so far, for the status line.
    pub fn count(&self) -> Option<usize> {
        self.count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_make_a_count_and_a_leading_zero_makes_none() {
        assert_eq!(push_digit(None, 0), None);
        assert_eq!(push_digit(push_digit(None, 4), 2), Some(42));
        assert_eq!(push_digit(Some(MAX_COUNT), 9), Some(MAX_COUNT));
    }

    #[test]
    fn counts_multiply_motions_and_make_g_a_section() {
        assert_eq!(counted(Action::ScrollLines(1), 10), Action::ScrollLines(10));
        assert_eq!(counted(Action::ScrollHalfPages(-1), 5), Action::ScrollHalfPages(-5));
        assert_eq!(counted(Action::Bottom, 12), Action::GotoSection(12));
        assert_eq!(counted(Action::ScrollLines(1), usize::MAX), Action::ScrollLines(i32::MAX));
        assert_eq!(repeats(Action::NextSection, 3), 3);
        assert_eq!(repeats(Action::ScrollLines(1), 3), 1);
    }

    #[test]
    fn commands() {
        assert_eq!(command(" 42 "), Ok(Action::GotoSection(42)));
        assert_eq!(command("q"), Ok(Action::Quit));
        assert_eq!(command("qa"), Ok(Action::QuitAll));
        assert!(command("frob").unwrap_err().contains("Unknown command :frob"));
        assert_eq!(command(""), Err(String::new()));
    }

    #[test]
    fn filters_match_every_word_ignoring_case() {
        assert!(matches("rare EARTH", "Rare earths as strategic power"));
        assert!(!matches("rare gold", "Rare earths as strategic power"));
        assert!(matches("", "anything"));
    }
}
