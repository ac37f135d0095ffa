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

Keys in the reader: ? shows them all; q quits.";

/// A terminal reader for long-form briefings: a sidebar of each section's key
/// claim beside the text.
#[derive(Debug, Parser)]
#[command(name = "briefing", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// Markdown or text file to read; `-` reads standard input. Without it,
    /// the embedded briefing opens.
    pub path: Option<PathBuf>,

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
