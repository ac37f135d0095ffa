//! The help screen's text, made from the key table in force, and how far
//! it scrolls. The view styles these lines; the model clamps the scroll.

use super::{HelpTable, Model};

/// One line of the help screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpLine {
    Blank,
    Heading(String),
    /// Keys, padded to the widest, and what they do.
    Key(String, String),
    Text(&'static str),
}

const ABOUT_CLAIMS: &[&str] = &[
    "  Each sidebar entry shows a section's key claim.",
    "  Claims written by the author appear in plain text.",
    "  Claims the program extracted begin with ~ and are",
    "  dimmed; their sentence is underlined in the text",
    "  (c turns that marking off).",
    "  The mouse wheel scrolls the pane under the pointer;",
    "  a click on a sidebar entry jumps there.",
];

/// The help screen's lines for `table`, in a box `width` cells wide.
pub fn lines(table: &HelpTable, width: usize) -> Vec<HelpLine> {
    // Keys are padded to the widest list of keys, up to a point (20 cells,
    // or a third of a narrow box): a longer one pushes its text along
    // rather than every line's.
    let widest = table.iter().flat_map(|(_, keys)| keys.iter().map(|(k, _)| k.chars().count())).max().unwrap_or(0);
    let key_w = widest.min(20).min(width.saturating_sub(4) / 3).max(1) + 2;
    let mut out = Vec::new();
    for (title, keys) in table {
        if !out.is_empty() {
            out.push(HelpLine::Blank);
        }
        out.push(HelpLine::Heading(title.to_string()));
        for (k, h) in keys {
            out.push(HelpLine::Key(format!("  {k:<key_w$}"), h.to_string()));
        }
    }
    out.push(HelpLine::Blank);
    out.push(HelpLine::Heading("Claims".to_string()));
    out.extend(ABOUT_CLAIMS.iter().map(|l| HelpLine::Text(l)));
    out
}

impl Model {
    pub fn help_lines(&self) -> Vec<HelpLine> {
        let area = ratatui::layout::Rect::new(0, 0, self.width, self.height);
        lines(&self.view.help, crate::layout::panes::help_box(area, 0).width as usize)
    }

    /// Rows of help text the help box shows at once.
    pub fn help_page(&self) -> usize {
        let area = ratatui::layout::Rect::new(0, 0, self.width, self.height);
        let n = self.help_lines().len();
        (crate::layout::panes::help_box(area, n).height as usize).saturating_sub(2).max(1)
    }

    /// The furthest the help scrolls: its last line at the bottom of the box.
    pub fn help_max_top(&self) -> usize {
        self.help_lines().len().saturating_sub(self.help_page())
    }
}
