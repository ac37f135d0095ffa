//! The only place styles live: roles from the layout and the screen's own
//! parts map to ratatui styles here. With colour off (`NO_COLOR`), only bold,
//! italic, underline, dim and reverse are used. Dark or light is chosen by
//! the shell (asking the terminal); this module only maps roles to styles.

use ratatui::style::{Color, Modifier, Style};

use crate::document::Marks;
use crate::layout::{Kind, Role, Token};

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
    /// A link's label in hint mode.
    Hint,
}

/// The colour sets: one for dark backgrounds, one for light ones, and a
/// monochrome one (`NO_COLOR`) that uses bold, italic, underline and reverse
/// only. The colours are the 16 ANSI ones, so a 16-colour terminal shows
/// them as meant and the terminal's own scheme decides the exact shades.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Palette {
    Dark,
    Light,
    Mono,
}

/// The colours a palette gives each purpose.
struct Colors {
    accent: Color,
    accent2: Color,
    code: Color,
    faint: Color,
    link: Color,
    claim: Color,
    notice: Color,
    keyword: Color,
    string: Color,
    number: Color,
    kind: Color,
    function: Color,
}

const DARK: Colors = Colors {
    accent: Color::Cyan,
    accent2: Color::Blue,
    code: Color::Green,
    faint: Color::DarkGray,
    link: Color::Blue,
    claim: Color::Magenta,
    notice: Color::Yellow,
    keyword: Color::Magenta,
    string: Color::Green,
    number: Color::Yellow,
    kind: Color::Cyan,
    function: Color::Blue,
};

/// On a light background yellow and the light variants wash out; blue,
/// magenta, red and dark green stay readable.
const LIGHT: Colors = Colors {
    accent: Color::Blue,
    accent2: Color::Magenta,
    code: Color::Red,
    faint: Color::DarkGray,
    link: Color::Blue,
    claim: Color::Magenta,
    notice: Color::Red,
    keyword: Color::Magenta,
    string: Color::Green,
    number: Color::Red,
    kind: Color::Blue,
    function: Color::Cyan,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub palette: Palette,
}

impl Theme {
    /// The dark theme, or the monochrome one without colour.
    pub fn new(color: bool) -> Theme {
        Theme { palette: if color { Palette::Dark } else { Palette::Mono } }
    }

    pub fn of(palette: Palette) -> Theme {
        Theme { palette }
    }

    pub fn color(&self) -> bool {
        self.palette != Palette::Mono
    }

    fn colors(&self) -> Option<&'static Colors> {
        match self.palette {
            Palette::Dark => Some(&DARK),
            Palette::Light => Some(&LIGHT),
            Palette::Mono => None,
        }
    }

    fn fg(&self, pick: fn(&Colors) -> Color) -> Style {
        match self.colors() {
            Some(c) => Style::new().fg(pick(c)),
            None => Style::new(),
        }
    }

    /// The style of document text.
    pub fn role(&self, role: Role) -> Style {
        let mut s = match role.kind {
            Kind::Body => Style::new(),
            Kind::Title => self.fg(|c| c.accent).add_modifier(Modifier::BOLD),
            Kind::Meta => self.fg(|c| c.faint).add_modifier(Modifier::ITALIC),
            Kind::Heading(1 | 2) => self.fg(|c| c.accent).add_modifier(Modifier::BOLD),
            Kind::Heading(3) => self.fg(|c| c.accent2).add_modifier(Modifier::BOLD),
            Kind::Heading(_) => Style::new().add_modifier(Modifier::BOLD | Modifier::ITALIC),
            Kind::Quote => Style::new().add_modifier(Modifier::ITALIC),
            Kind::QuoteBar | Kind::TableBorder | Kind::Rule => self.fg(|c| c.faint),
            Kind::ListMarker | Kind::FootnoteLabel => self.fg(|c| c.accent),
            Kind::Code | Kind::Html => self.fg(|c| c.code),
            Kind::Syntax(token) => self.token(token),
            Kind::Continuation => self.fg(|c| c.faint).add_modifier(Modifier::DIM),
            Kind::TableHeader => Style::new().add_modifier(Modifier::BOLD),
            Kind::LinkNote => self.fg(|c| c.faint),
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
            s = s.patch(self.fg(|c| c.code));
            if !self.color() {
                s = s.add_modifier(Modifier::BOLD);
            }
        }
        if m.contains(Marks::LINK) && !m.contains(Marks::IMAGE) {
            s = s.patch(self.fg(|c| c.link)).add_modifier(Modifier::UNDERLINED);
        }
        if m.contains(Marks::IMAGE) || m.contains(Marks::HTML) {
            s = s.patch(self.fg(|c| c.faint));
        }
        if m.contains(Marks::FOOTNOTE_REF) {
            s = s.patch(self.fg(|c| c.accent));
        }
        s
    }

    /// A highlighted code token. Without colour only keywords (bold) and
    /// comments (italic) stand out.
    fn token(&self, token: Token) -> Style {
        match token {
            Token::Keyword => {
                self.fg(|c| c.keyword).add_modifier(if self.color() { Modifier::empty() } else { Modifier::BOLD })
            }
            Token::Comment => self.fg(|c| c.faint).add_modifier(Modifier::ITALIC),
            Token::String => self.fg(|c| c.string),
            Token::Number => self.fg(|c| c.number),
            Token::Type => self.fg(|c| c.kind),
            Token::Function => self.fg(|c| c.function),
            Token::Plain => self.fg(|c| c.code),
        }
    }

    pub fn ui(&self, ui: Ui) -> Style {
        match ui {
            Ui::Header => self.fg(|c| c.accent).add_modifier(Modifier::BOLD),
            Ui::Status => Style::new().add_modifier(Modifier::REVERSED),
            Ui::StatusKey => Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            Ui::SidebarTitle => Style::new().add_modifier(Modifier::BOLD),
            Ui::SidebarClaim => Style::new(),
            Ui::SidebarExtracted => self.fg(|c| c.faint).add_modifier(Modifier::ITALIC),
            Ui::SidebarCurrent => self.fg(|c| c.accent).add_modifier(Modifier::BOLD),
            Ui::SidebarSelected => Style::new().add_modifier(Modifier::REVERSED),
            Ui::SidebarBorder | Ui::HelpBorder => self.fg(|c| c.faint),
            Ui::Match => {
                if self.color() {
                    Style::new().bg(Color::Yellow).fg(Color::Black)
                } else {
                    Style::new().add_modifier(Modifier::REVERSED)
                }
            }
            Ui::CurrentMatch => {
                if self.color() {
                    Style::new().bg(Color::LightRed).fg(Color::Black).add_modifier(Modifier::BOLD)
                } else {
                    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED)
                }
            }
            Ui::Hint => Style::new()
                .bg(if self.color() { Color::Yellow } else { Color::Reset })
                .fg(if self.color() { Color::Black } else { Color::Reset })
                .add_modifier(if self.color() { Modifier::BOLD } else { Modifier::REVERSED | Modifier::BOLD }),
            Ui::Claim => self.fg(|c| c.claim).add_modifier(Modifier::UNDERLINED),
            Ui::HelpKey => self.fg(|c| c.accent).add_modifier(Modifier::BOLD),
            Ui::Notice => self.fg(|c| c.notice).add_modifier(Modifier::BOLD),
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
