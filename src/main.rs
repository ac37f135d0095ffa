use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

use briefing::app::shelf::{Entry, Shelf};

use briefing::cli::{Cli, ColorChoice, OutlineFormat};
use briefing::config::{Config, ThemeChoice};
use briefing::library::{self, Docs, Inputs, display_name, file_name, read_the_rest, shelf_entry, titled};
use briefing::sanitize::one_line;
use briefing::shell::{Exit, Start};
use briefing::source::{self, Input};
use briefing::state;
use briefing::terminal::{self, Feed, Options};
use briefing::view::theme::{Palette, Theme};
use briefing::{document, print};
use clap::{CommandFactory, Parser};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_error(e),
    };
    if let Some(shell) = cli.completions {
        let mut out = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "briefing", &mut out);
        return write_out(&String::from_utf8_lossy(&out));
    }
    if cli.man {
        let mut out = Vec::new();
        if let Err(e) = clap_mangen::Man::new(Cli::command()).render(&mut out) {
            eprintln!("briefing: cannot write the manual page: {e}");
            return ExitCode::from(1);
        }
        return write_out(&String::from_utf8_lossy(&out));
    }
    let no_file = cli.paths.is_empty() || (cli.paths.len() == 1 && cli.paths[0].as_os_str() == "-");
    if cli.watch && no_file {
        eprintln!("briefing: warning: --watch follows a file; the embedded briefing and standard input do not change");
    }
    let (config, config_source) = match load_config(&cli) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("briefing: {}", one_line(&e.to_string()));
            return ExitCode::from(2);
        }
    };
    if cli.print_config {
        // The source names a path: one line, so it stays a TOML comment.
        return write_out(&config.to_toml(&one_line(&config_source)));
    }
    let inputs = match library::inputs(&cli.paths) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("briefing: {}", one_line(&e.to_string()));
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    let stdout_tty = std::io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let printing = cli.outline || cli.json || cli.print || !stdout_tty || !terminal::has_tty();
    let prefs = config.prefs();
    let keys = config.keymap();
    let shelf_hint = keys.shelf_hint();
    let mouse = config.mouse && !cli.no_mouse;
    let theme_choice = cli.theme.unwrap_or(config.theme);
    let store = if cli.no_state || printing { None } else { state::Store::default_location() };
    let mut library = Docs::new(store, cli.max_size, prefs, Arc::new(keys.help()));
    // How the reader runs; the terminal is asked for its colours only here,
    // once it is certain the reader opens.
    let watch = cli.watch;
    // Signals are watched before the colour query (which holds the terminal
    // in raw mode for a moment), so one arriving then restores and exits.
    let options = move || -> anyhow::Result<Options> {
        let signals = terminal::watch_signals()?;
        Ok(Options { theme: pick_theme(theme_choice, no_color), keys, mouse, watch, signals })
    };
    if let Inputs::Shelf(paths) = inputs {
        // Named files none of which can be read: one line each, and the
        // status one of them would have had alone.
        let problems: Vec<source::SourceError> = paths.iter().filter_map(|p| source::check_readable(p).err()).collect();
        if problems.len() == paths.len() {
            for e in &problems {
                eprintln!("briefing: {}", one_line(&e.to_string()));
            }
            return ExitCode::from(problems[0].exit_code() as u8);
        }
        if cli.outline || cli.json || cli.print {
            eprintln!("briefing: --outline, --json and --print read one document, not a shelf (see briefing --help)");
            return ExitCode::from(2);
        }
        if printing {
            let entries: Vec<Entry> = paths.iter().map(|p| shelf_entry(p, cli.max_size)).collect();
            return write_out(&shelf_text(&entries, prefs.words_per_minute));
        }
        // The names at once; each document's summary as it is read.
        let named = paths.iter().map(|p| Entry::named(p.clone(), file_name(p))).collect();
        let (tx, rx) = std::sync::mpsc::channel();
        let max_size = cli.max_size;
        std::thread::spawn(move || {
            for (i, p) in paths.iter().enumerate() {
                if tx.send((i, shelf_entry(p, max_size))).is_err() {
                    return;
                }
            }
        });
        let (w, h) = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
        let mut shelf = Shelf::new(named, w, h);
        shelf.words_per_minute = prefs.words_per_minute;
        shelf.hint = shelf_hint;
        let opts = match options() {
            Ok(o) => o,
            Err(e) => return finish(Err(e), &[]),
        };
        return finish(terminal::run(Start::Shelf(shelf), opts, &mut library, Feed::Shelf(rx)), &library.warnings);
    }
    let Inputs::One(input) = inputs else { unreachable!("the shelf returned above") };
    if cli.annotate {
        return annotate(&input, cli.max_size, cli.dry_run);
    }
    let state_key = match &input {
        Input::Path(p) => state::key_for(p),
        Input::Embedded => Some(format!("embedded:{}", source::EMBEDDED_NAME)),
        Input::Stdin => None,
    };
    if !printing && let Input::Path(p) = &input {
        // A large file: show its start at once; meanwhile, on another core,
        // read the rest, list every section's title, then parse, find the
        // claims and lay it all out.
        let head = match source::head(p, cli.max_size, library::PROGRESSIVE_FROM) {
            Ok(h) => h,
            Err(e) => {
                eprintln!("briefing: {}", one_line(&e.to_string()));
                return ExitCode::from(e.exit_code() as u8);
            }
        };
        if let Some(head) = head {
            let fallback_title =
                briefing::sanitize::clean(display_name(&input, &head.name), briefing::sanitize::Tabs::Prose);
            let (w, h) = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
            let width = {
                use briefing::layout::panes;
                panes::compute_with(w, h, panes::sidebar_by_default(w), prefs.sidebar_width, prefs.measure).text.width
            } as usize;
            let (tx, rx) = std::sync::mpsc::channel();
            let cut = document::parse::prefix_end(&head.text, library::PREFIX_WINDOW);
            let mut opening = document::parse(&head.text[..cut]);
            titled(&mut opening, &fallback_title);
            let (whole, max_size, title) = (input.clone(), cli.max_size, fallback_title.clone());
            std::thread::spawn(move || read_the_rest(&whole, max_size, &title, width, &tx));
            let model = library.reader(opening, Some(p.clone()), state_key, None, None, (w, h));
            let opts = match options() {
                Ok(o) => o,
                Err(e) => return finish(Err(e), &[]),
            };
            let result = terminal::run(Start::Reader(Box::new(model)), opts, &mut library, Feed::Parts(rx));
            return finish(result, &library.warnings);
        }
    }
    let src = match source::load(&input, cli.max_size) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("briefing: {}", one_line(&e.to_string()));
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    for w in &src.warnings {
        eprintln!("briefing: warning: {}", one_line(w));
    }
    let fallback_title = briefing::sanitize::clean(display_name(&input, &src.name), briefing::sanitize::Tabs::Prose);
    let path = match &input {
        Input::Path(p) => Some(p.clone()),
        _ => None,
    };
    let mut doc = document::parse(&src.text);
    titled(&mut doc, &fallback_title);
    // The process ends after printing: a large document is not torn down
    // piece by piece first (std::mem::forget).
    if cli.json || (cli.outline && cli.format == OutlineFormat::Json) {
        let out = print::json(&doc, usize::from(prefs.words_per_minute));
        std::mem::forget(doc);
        return write_out(&out);
    }
    if cli.outline {
        let out = match cli.format {
            OutlineFormat::Markdown => print::outline_markdown(&doc, usize::from(prefs.words_per_minute)),
            OutlineFormat::Text | OutlineFormat::Json => print::outline_at(&doc, cli.width.map(usize::from)),
        };
        std::mem::forget(doc);
        return write_out(&out);
    }
    if printing {
        let width = cli.width.map(usize::from).unwrap_or_else(|| match ratatui::crossterm::terminal::size() {
            Ok((w, _)) if stdout_tty => usize::from(w).min(100),
            _ => 80,
        });
        let styled = match cli.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => stdout_tty && !no_color,
        };
        // Printing never asks the terminal for its colours: auto is dark.
        let theme = styled.then(|| {
            Theme::of(match theme_choice {
                ThemeChoice::Light => Palette::Light,
                _ if no_color => Palette::Mono,
                _ => Palette::Dark,
            })
        });
        // Hyperlinks only on a terminal: a pager or a file would show them raw.
        let hyperlinks = theme.is_some() && !cli.no_hyperlinks && stdout_tty;
        let out = print::document(&doc, width, theme, hyperlinks);
        std::mem::forget(doc);
        return write_out(&out);
    }
    let (w, h) = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let unwritable = match input {
        Input::Embedded => Some("The embedded briefing is part of the program: its claims cannot be written".into()),
        Input::Stdin => Some("Standard input is not a file: there is nowhere to write a claim".into()),
        Input::Path(_) => None,
    };
    let model = library.reader(doc, path, state_key, Some(&src.text), unwritable, (w, h));
    let opts = match options() {
        Ok(o) => o,
        Err(e) => return finish(Err(e), &[]),
    };
    let result = terminal::run(Start::Reader(Box::new(model)), opts, &mut library, Feed::None);
    finish(result, &library.warnings)
}

/// `--annotate FILE`: writes every extracted claim into the file (or, with
/// `--dry-run`, prints the diff) and lists what was added.
fn annotate(input: &Input, max_size: u64, dry_run: bool) -> ExitCode {
    let fail = |msg: String| {
        eprintln!("briefing: {}", one_line(&msg));
        ExitCode::from(1)
    };
    let Input::Path(path) = input else {
        return fail(
            "--annotate writes into a Markdown file; name one (not standard input or the embedded briefing)".into(),
        );
    };
    let name = briefing::sanitize::clean(path.display().to_string(), briefing::sanitize::Tabs::Prose);
    if !document::annotate::is_markdown(path) {
        return fail(format!("{name}: --annotate writes only into Markdown files (.md)"));
    }
    // A missing or unreadable file has its documented status.
    if let Err(e) = source::check_readable(path) {
        eprintln!("briefing: {}", one_line(&e.to_string()));
        return ExitCode::from(e.exit_code() as u8);
    }
    let (text, src) = match source::read_for_rewrite(path, max_size) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let mut doc = document::parse(&src.text);
    titled(&mut doc, &display_name(input, &src.name));
    let (new, added) = match document::annotate::annotate_all(&text, &doc) {
        Ok(r) => r,
        Err(e) => return fail(format!("{name}: {e}")),
    };
    let mut diff = String::new();
    if dry_run {
        if !added.is_empty() {
            diff = document::annotate::diff(name.trim_start_matches('/'), &text, &new);
        }
    } else if !added.is_empty()
        && let Err(e) = briefing::atomic::write(path, new.as_bytes())
    {
        return fail(format!("cannot write {name}: {}; nothing changed", source::io_reason(&e)));
    }
    let verb = if dry_run { "would add" } else { "added" };
    let mut summary = format!("{name}: {verb} {} claim{}\n", added.len(), if added.len() == 1 { "" } else { "s" });
    for (i, claim) in &added {
        summary.push_str(&format!("  §{} {}: {claim}\n", i + 1, doc.sections[*i].title));
    }
    // With --dry-run the diff is the output (to pipe to patch) and the
    // summary goes to stderr; otherwise the summary is the output.
    if dry_run {
        eprint!("{summary}");
        write_out(&diff)
    } else {
        write_out(&summary)
    }
}

/// The configuration: `--config PATH`, else the platform's config folder
/// (`briefing/config.toml`, when it exists), else the defaults. Returns it
/// and where it came from.
fn load_config(cli: &Cli) -> Result<(Config, String), String> {
    if cli.no_config {
        return Ok((Config::default(), "no file (--no-config)".to_string()));
    }
    let (path, required) = match &cli.config {
        Some(p) => (p.clone(), true),
        None => match dirs::config_dir() {
            Some(d) => (d.join("briefing").join("config.toml"), false),
            None => return Ok((Config::default(), "no file (no configuration folder)".to_string())),
        },
    };
    let shown = path.display().to_string();
    // A configuration is a few lines: a regular file, read with a bound (a
    // device or a FIFO would never end or never answer).
    const MAX_CONFIG: u64 = 1 << 20;
    let read = source::read_small(&path, MAX_CONFIG, "configuration file");
    match read {
        Ok(bytes) => {
            let text = String::from_utf8(bytes).map_err(|_| format!("{shown}: the configuration is not UTF-8 text"))?;
            Ok((briefing::config::parse(&text, &shown)?, shown))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {
            Ok((Config::default(), format!("no file ({shown} does not exist)")))
        }
        Err(e) => Err(format!("cannot read the configuration {shown}: {}", source::io_reason(&e))),
    }
}

/// Dark or light: as chosen, else asked of the terminal with a short
/// timeout (`COLORFGBG` first, which costs nothing). `NO_COLOR` wins.
fn pick_theme(choice: ThemeChoice, no_color: bool) -> Theme {
    if no_color {
        return Theme::of(Palette::Mono);
    }
    Theme::of(match choice {
        ThemeChoice::Dark => Palette::Dark,
        ThemeChoice::Light => Palette::Light,
        ThemeChoice::Auto => terminal::background_is_light().map_or(Palette::Dark, |light| match light {
            true => Palette::Light,
            false => Palette::Dark,
        }),
    })
}

/// A tab-separated field: one line, no tabs.
fn field(text: &str) -> String {
    one_line(text).replace('\t', " ")
}

/// The shelf as plain lines, when the output is not a terminal.
fn shelf_text(entries: &[Entry], wpm: u16) -> String {
    let mut out = String::new();
    for e in entries {
        match &e.problem {
            // Each field one sanitised line: a name cannot set the terminal's
            // title or add a field.
            Some(p) => out.push_str(&format!("{}\t{}\n", field(&e.path.display().to_string()), field(p))),
            None => out.push_str(&format!(
                "{}\t{}\t{} sections\t{} min\t{}\n",
                field(&e.path.display().to_string()),
                field(&e.title),
                e.sections,
                document::minutes_at(e.words, usize::from(wpm)).max(1),
                field(&e.first_claim)
            )),
        }
    }
    out
}

/// Warnings after the terminal is restored (they never change the exit
/// status), then the status for how the reader ended.
fn finish(result: anyhow::Result<Exit>, warnings: &[String]) -> ExitCode {
    for w in warnings {
        eprintln!("briefing: warning: {}", one_line(w));
    }
    match result {
        Ok(Exit::Quit) => ExitCode::SUCCESS,
        Ok(Exit::Signal(sig)) => ExitCode::from((128 + sig) as u8),
        Err(e) => {
            eprintln!("briefing: {}", one_line(&format!("{e:#}")));
            ExitCode::from(1)
        }
    }
}

/// Writes to stdout; a closed pipe (`| head`) is a normal end, not an error.
fn write_out(s: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("briefing: cannot write output: {e}");
            ExitCode::from(1)
        }
    }
}

/// Help and version go to stdout with status 0; a usage error is one line on
/// stderr with status 2.
fn clap_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        _ => {
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or("invalid arguments");
            let first = first.strip_prefix("error: ").unwrap_or(first);
            eprintln!("briefing: {} (see briefing --help)", one_line(first));
            ExitCode::from(2)
        }
    }
}
