//! The only place styles live: roles from the layout and the screen's own
//! parts map to ratatui styles here. With colour off (`NO_COLOR`), only bold,
//! italic, underline, dim and reverse are used.

use ratatui::style::{Color, Modifier, Style};

use crate::document::Marks;
use crate::layout::{Kind, Role};

/// Parts of the screen that are not document text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ui {
    Header,
    Status,
    StatusKey,
    SidebarTitle,
    SidebarClaim,
    SidebarExtracted,
    SidebarCurrent,
    SidebarSelected,
    SidebarBorder,
    Match,
    CurrentMatch,
    Claim,
    HelpBorder,
    HelpKey,
    Notice,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color { Style::new().fg(c) } else { Style::new() }
    }

    /// The style of document text.
    pub fn role(&self, role: Role) -> Style {
        let mut s = match role.kind {
            Kind::Body => Style::new(),
            Kind::Title => self.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Kind::Meta => self.fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
            Kind::Heading(1 | 2) => self.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Kind::Heading(3) => self.fg(Color::Blue).add_modifier(Modifier::BOLD),
            Kind::Heading(_) => Style::new().add_modifier(Modifier::BOLD | Modifier::ITALIC),
            Kind::Quote => Style::new().add_modifier(Modifier::ITALIC),
            Kind::QuoteBar | Kind::TableBorder | Kind::Rule => self.fg(Color::DarkGray),
            Kind::ListMarker | Kind::FootnoteLabel => self.fg(Color::Cyan),
            Kind::Code | Kind::Html => self.fg(Color::Green),
            Kind::Continuation => self.fg(Color::DarkGray).add_modifier(Modifier::DIM),
            Kind::TableHeader => Style::new().add_modifier(Modifier::BOLD),
            Kind::LinkNote => self.fg(Color::DarkGray),
        };
        let m = role.marks;
        if m.contains(Marks::EMPHASIS) {
            s = s.add_modifier(Modifier::ITALIC);
        }
        if m.contains(Marks::STRONG) {
            s = s.add_modifier(Modifier::BOLD);
        }
        if m.contains(Marks::STRIKE) {
            s = s.add_modifier(Modifier::CROSSED_OUT);
        }
        if m.contains(Marks::CODE) {
            s = s.patch(self.fg(Color::Green));
            if !self.color {
                s = s.add_modifier(Modifier::BOLD);
            }
        }
        if m.contains(Marks::LINK) && !m.contains(Marks::IMAGE) {
            s = s.patch(self.fg(Color::Blue)).add_modifier(Modifier::UNDERLINED);
        }
        if m.contains(Marks::IMAGE) || m.contains(Marks::HTML) {
            s = s.patch(self.fg(Color::DarkGray));
        }
        if m.contains(Marks::FOOTNOTE_REF) {
            s = s.patch(self.fg(Color::Cyan));
        }
        s
    }

    pub fn ui(&self, ui: Ui) -> Style {
        match ui {
            Ui::Header => self.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Ui::Status => Style::new().add_modifier(Modifier::REVERSED),
            Ui::StatusKey => Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            Ui::SidebarTitle => Style::new().add_modifier(Modifier::BOLD),
            Ui::SidebarClaim => Style::new(),
            Ui::SidebarExtracted => self.fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
            Ui::SidebarCurrent => self.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Ui::SidebarSelected => Style::new().add_modifier(Modifier::REVERSED),
            Ui::SidebarBorder | Ui::HelpBorder => self.fg(Color::DarkGray),
            Ui::Match => {
                if self.color {
                    Style::new().bg(Color::Yellow).fg(Color::Black)
                } else {
                    Style::new().add_modifier(Modifier::REVERSED)
                }
            }
            Ui::CurrentMatch => {
                if self.color {
                    Style::new().bg(Color::LightRed).fg(Color::Black).add_modifier(Modifier::BOLD)
                } else {
                    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED)
                }
            }
            Ui::Claim => self.fg(Color::Magenta).add_modifier(Modifier::UNDERLINED),
            Ui::HelpKey => self.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Ui::Notice => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
        }
    }
}

/// SGR escape parameters for a style, for the print mode's colour output.
pub fn sgr(style: Style) -> String {
    let mut codes: Vec<String> = Vec::new();
    let m = style.add_modifier;
    for (flag, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if m.contains(flag) {
            codes.push(code.to_string());
        }
    }
    if let Some(c) = style.fg {
        let code = match c {
            Color::Black => "30",
            Color::Red => "31",
            Color::Green => "32",
            Color::Yellow => "33",
            Color::Blue => "34",
            Color::Magenta => "35",
            Color::Cyan => "36",
            Color::Gray => "37",
            Color::DarkGray => "90",
            Color::LightRed => "91",
            Color::LightGreen => "92",
            Color::LightYellow => "93",
            Color::LightBlue => "94",
            Color::LightMagenta => "95",
            Color::LightCyan => "96",
            Color::White => "97",
            _ => "",
        };
        if !code.is_empty() {
            codes.push(code.to_string());
        }
    }
    codes.join(";")
}
