//! What the program does with its command line: one pure decision from the
//! flags, the configuration and the facts about the terminal, so `main`
//! only carries it out. Uses `cli` and `config`; touches nothing.

use crate::cli::{Cli, ColorChoice, OutlineFormat};
use crate::config::ThemeChoice;
use crate::view::theme::Palette;

/// What is known about the world when the plan is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Facts {
    /// Standard output is a terminal.
    pub stdout_tty: bool,
    /// There is a controlling terminal to read keys from.
    pub has_tty: bool,
    /// `NO_COLOR` is set (and not empty).
    pub no_color: bool,
    /// The terminal's width, when there is one.
    pub columns: Option<u16>,
    /// The command line names a shelf (a folder, several files).
    pub shelf: bool,
}

/// How a document is written to standard output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Json,
    OutlineMarkdown,
    /// The outline as text, its claims wrapped at the width when given.
    OutlineText {
        width: Option<usize>,
    },
    /// The whole document at `width`, in `palette`'s colours when given,
    /// with web links as terminal hyperlinks when `hyperlinks`.
    Document {
        width: usize,
        palette: Option<Palette>,
        hyperlinks: bool,
    },
}

/// What to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plan {
    /// The reader in the terminal; its reading state kept unless `--no-state`.
    Read { keep_state: bool },
    /// A shelf in the terminal.
    Shelf { keep_state: bool },
    /// A shelf listed on standard output.
    ShelfList,
    /// One document written to standard output.
    Write(Output),
    /// `--annotate`: claims written into the file (or the diff shown).
    Annotate { dry_run: bool },
}

/// The plan for `cli`, or a usage error (status 2).
pub fn plan(cli: &Cli, theme: ThemeChoice, facts: Facts) -> Result<Plan, String> {
    let asked_output = cli.outline || cli.json || cli.print;
    let terminal = facts.stdout_tty && facts.has_tty;
    if facts.shelf {
        if asked_output {
            return Err("--outline, --json and --print read one document, not a shelf (see briefing --help)".into());
        }
        return Ok(if terminal { Plan::Shelf { keep_state: !cli.no_state } } else { Plan::ShelfList });
    }
    if cli.annotate {
        return Ok(Plan::Annotate { dry_run: cli.dry_run });
    }
    if cli.json || (cli.outline && cli.format == OutlineFormat::Json) {
        return Ok(Plan::Write(Output::Json));
    }
    if cli.outline {
        return Ok(Plan::Write(match cli.format {
            OutlineFormat::Markdown => Output::OutlineMarkdown,
            OutlineFormat::Text | OutlineFormat::Json => Output::OutlineText { width: cli.width.map(usize::from) },
        }));
    }
    if asked_output || !terminal {
        return Ok(Plan::Write(print_output(cli, theme, facts)));
    }
    Ok(Plan::Read { keep_state: !cli.no_state })
}

/// Print mode: the width asked for, else the terminal's (at most 100),
/// else 80; colours when asked or on a terminal without `NO_COLOR`, never
/// from a query (auto is dark); hyperlinks only on a terminal.
fn print_output(cli: &Cli, theme: ThemeChoice, facts: Facts) -> Output {
    let width = cli.width.map(usize::from).unwrap_or_else(|| match facts.columns {
        Some(w) if facts.stdout_tty => usize::from(w).min(100),
        _ => 80,
    });
    let styled = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => facts.stdout_tty && !facts.no_color,
    };
    let palette = styled.then_some(match theme {
        ThemeChoice::Light => Palette::Light,
        _ if facts.no_color => Palette::Mono,
        _ => Palette::Dark,
    });
    // A pager or a file would show hyperlink sequences raw.
    let hyperlinks = styled && !cli.no_hyperlinks && facts.stdout_tty;
    Output::Document { width, palette, hyperlinks }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn cli(args: &[&str]) -> Cli {
        Cli::try_parse_from(std::iter::once("briefing").chain(args.iter().copied())).unwrap()
    }

    const TERMINAL: Facts =
        Facts { stdout_tty: true, has_tty: true, no_color: false, columns: Some(120), shelf: false };
    const PIPE: Facts = Facts { stdout_tty: false, ..TERMINAL };

    fn plan_of(args: &[&str], facts: Facts) -> Result<Plan, String> {
        plan(&cli(args), ThemeChoice::Auto, facts)
    }

    #[test]
    fn a_terminal_reads_and_a_pipe_prints() {
        assert_eq!(plan_of(&["doc.md"], TERMINAL), Ok(Plan::Read { keep_state: true }));
        assert_eq!(plan_of(&["--no-state", "doc.md"], TERMINAL), Ok(Plan::Read { keep_state: false }));
        let printed = Output::Document { width: 80, palette: None, hyperlinks: false };
        assert_eq!(plan_of(&["doc.md"], PIPE), Ok(Plan::Write(printed)));
        // No controlling terminal (setsid): printed even to a terminal, at its width.
        let no_keys = Facts { has_tty: false, ..TERMINAL };
        let styled = Output::Document { width: 100, palette: Some(Palette::Dark), hyperlinks: true };
        assert_eq!(plan_of(&["doc.md"], no_keys), Ok(Plan::Write(styled)));
    }

    #[test]
    fn print_mode_follows_the_flags_and_no_color() {
        let out = |args: &[&str], facts| match plan_of(args, facts) {
            Ok(Plan::Write(o)) => o,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            out(&["--print", "--width", "60", "--no-hyperlinks"], TERMINAL),
            Output::Document { width: 60, palette: Some(Palette::Dark), hyperlinks: false }
        );
        assert_eq!(
            out(&["--print"], Facts { no_color: true, ..TERMINAL }),
            Output::Document { width: 100, palette: None, hyperlinks: false }
        );
        assert_eq!(
            out(&["--color", "always"], Facts { no_color: true, ..PIPE }),
            Output::Document { width: 80, palette: Some(Palette::Mono), hyperlinks: false }
        );
        let light = plan(&cli(&["--print"]), ThemeChoice::Light, TERMINAL);
        assert_eq!(
            light,
            Ok(Plan::Write(Output::Document { width: 100, palette: Some(Palette::Light), hyperlinks: true }))
        );
    }

    #[test]
    fn outlines_json_annotate_and_shelves() {
        assert_eq!(plan_of(&["--json"], TERMINAL), Ok(Plan::Write(Output::Json)));
        assert_eq!(plan_of(&["--outline", "--format", "json"], PIPE), Ok(Plan::Write(Output::Json)));
        assert_eq!(plan_of(&["--outline", "--format", "markdown"], PIPE), Ok(Plan::Write(Output::OutlineMarkdown)));
        assert_eq!(
            plan_of(&["--outline", "--width", "50"], TERMINAL),
            Ok(Plan::Write(Output::OutlineText { width: Some(50) }))
        );
        assert_eq!(plan_of(&["--annotate", "--dry-run", "a.md"], PIPE), Ok(Plan::Annotate { dry_run: true }));
        let shelf = Facts { shelf: true, ..TERMINAL };
        assert_eq!(plan_of(&["docs"], shelf), Ok(Plan::Shelf { keep_state: true }));
        assert_eq!(plan_of(&["docs"], Facts { shelf: true, ..PIPE }), Ok(Plan::ShelfList));
        assert!(plan_of(&["--json", "docs"], shelf).unwrap_err().contains("not a shelf"));
    }
}
