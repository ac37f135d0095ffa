//! The command line, defined with clap.

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  briefing                       read the embedded briefing
  briefing notes.md              read a Markdown file
  cat report.md | briefing -     read standard input (keys still come from the terminal)
  briefing --outline notes.md    list each section's title and key claim
  briefing --outline --format markdown notes.md > summary.md
                                 a briefing summary to paste elsewhere
  briefing --json notes.md       the same as JSON, for scripts
  briefing notes.md | less -R    print the whole document as wrapped text
  briefing docs/                 a shelf of every Markdown file in docs/
  briefing --watch notes.md      reload when the file changes on disk
  briefing --print-config        the effective configuration, as a file
  briefing --annotate notes.md   write each extracted claim into the file
  briefing --annotate --dry-run notes.md   the same as a diff, nothing written

Keys in the reader: ? shows them all; q quits.";

/// A terminal reader for long-form briefings: a sidebar of each section's key
/// claim beside the text.
#[derive(Debug, Parser)]
#[command(name = "briefing", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// Markdown or text file to read; `-` reads standard input. Without it,
    /// the embedded briefing opens. Several files, or a folder, open a shelf.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Print each section's number, title and key claim, then exit.
    #[arg(long, conflicts_with_all = ["json", "print"])]
    pub outline: bool,

    /// Print the document's outline as JSON (schema in README.md), then exit;
    /// the same as `--outline --format json`.
    #[arg(long, conflicts_with = "print")]
    pub json: bool,

    /// The outline's form: `text`, `markdown` (a ready-to-paste summary) or `json`.
    #[arg(long, value_enum, default_value_t = OutlineFormat::Text, requires = "outline")]
    pub format: OutlineFormat,

    /// Neither read nor save the reading position and read marks.
    #[arg(long)]
    pub no_state: bool,

    /// Print the rendered document instead of opening the reader, even on a terminal.
    #[arg(long)]
    pub print: bool,

    /// Width to wrap printed text at [default: 80, or the terminal's width up to 100]
    #[arg(long, value_parser = clap::value_parser!(u16).range(10..=1000))]
    pub width: Option<u16>,

    /// When printed text is styled with escape sequences.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Leave the mouse to the terminal (for selecting text).
    #[arg(long)]
    pub no_mouse: bool,

    /// Colours for a dark or a light terminal; `auto` asks the terminal.
    #[arg(long, value_enum)]
    pub theme: Option<crate::config::ThemeChoice>,

    /// Read settings from this file instead of the usual place.
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Read no configuration file: built-in settings only.
    #[arg(long)]
    pub no_config: bool,

    /// Print the effective configuration (defaults included) as TOML, then exit.
    #[arg(long)]
    pub print_config: bool,

    /// Reload the document when its file changes on disk.
    #[arg(long)]
    pub watch: bool,

    /// Print links as plain text, not as terminal hyperlinks (OSC 8).
    #[arg(long)]
    pub no_hyperlinks: bool,

    /// Write every extracted claim into the Markdown file as its section's
    /// `<!-- claim: ... -->` (sections with one are left alone), and print
    /// what was added.
    #[arg(long, conflicts_with_all = ["outline", "json", "print", "watch"])]
    pub annotate: bool,

    /// With --annotate: print the change as a diff instead of writing it.
    #[arg(long, requires = "annotate")]
    pub dry_run: bool,

    /// Print a completion script for this shell, then exit.
    #[arg(long, value_name = "SHELL")]
    pub completions: Option<clap_complete::Shell>,

    /// Print the manual page (roff), then exit.
    #[arg(long)]
    pub man: bool,

    /// Refuse documents larger than this (bytes, or with K, M or G).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_size: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutlineFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Styled on a terminal unless NO_COLOR is set.
    Auto,
    Always,
    Never,
}

/// `123`, `64K`, `64M`, `1G` (binary multiples) to bytes.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (digits, mult) = match t.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let m: u64 = match c.to_ascii_uppercase() {
                'K' => 1 << 10,
                'M' => 1 << 20,
                'G' => 1 << 30,
                'B' => 1,
                _ => return Err(format!("unknown size suffix {c:?} (use K, M or G)")),
            };
            (&t[..i], m)
        }
        _ => (t, 1),
    };
    let n: u64 = digits.trim().parse().map_err(|_| format!("{s:?} is not a size (try 64M)"))?;
    n.checked_mul(mult).filter(|&b| b > 0).ok_or_else(|| format!("{s:?} is not a usable size"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_suffixes() {
        assert_eq!(parse_size("100"), Ok(100));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("2k"), Ok(2048));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("0").is_err());
    }

    #[test]
    fn the_cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
