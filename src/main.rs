//! The program's start: parse the command line, load the configuration,
//! find the documents, ask `startup::plan` what to do, and do it. Every
//! error a user can cause ends here as one line on stderr and its status.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

use briefing::app::shelf::{Entry, Shelf};

use briefing::cli::Cli;
use briefing::config::{Config, ThemeChoice};
use briefing::input::keymap::Keymap;
use briefing::library::{self, Docs, Inputs, display_name, read_the_rest, shelf_entry, titled};
use briefing::sanitize::{Tabs, file_name, one_line};
use briefing::shell::{Exit, Start};
use briefing::source::{self, Input};
use briefing::startup::{self, Facts, Output, Plan};
use briefing::state;
use briefing::terminal::{self, Feed, Options};
use briefing::view::theme::{Palette, Theme};
use briefing::{document, print};
use clap::{CommandFactory, Parser};

fn main() -> ExitCode {
    briefing::heap::give_large_blocks_back();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_error(e),
    };
    if let Some(code) = generated(&cli) {
        return code;
    }
    let no_file = cli.paths.is_empty() || (cli.paths.len() == 1 && cli.paths[0].as_os_str() == "-");
    if cli.watch && no_file {
        eprintln!("briefing: warning: --watch follows a file; the embedded briefing and standard input do not change");
    }
    let (config, config_source) = match load_config(&cli) {
        Ok(c) => c,
        Err(e) => return fail(&e, 2),
    };
    if cli.print_config {
        // The source names a path: one line, so it stays a TOML comment.
        return write_out(&config.to_toml(&one_line(&config_source)));
    }
    let inputs = match library::inputs(&cli.paths) {
        Ok(i) => i,
        Err(e) => return fail(&e.to_string(), e.exit_code() as u8),
    };
    if let Inputs::Shelf(paths) = &inputs
        && let Some(code) = none_readable(paths)
    {
        return code;
    }
    let facts = Facts {
        stdout_tty: std::io::stdout().is_terminal(),
        has_tty: terminal::has_tty(),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        columns: ratatui::crossterm::terminal::size().ok().map(|(w, _)| w),
        shelf: matches!(inputs, Inputs::Shelf(_)),
    };
    let theme = cli.theme.unwrap_or(config.theme);
    let plan = match startup::plan(&cli, theme, facts) {
        Ok(p) => p,
        Err(e) => return fail(&e, 2),
    };
    let run = Run { cli: &cli, config: &config, keys: config.keymap(), theme, no_color: facts.no_color };
    match (plan, inputs) {
        (Plan::ShelfList, Inputs::Shelf(paths)) => {
            let entries: Vec<Entry> = paths.iter().map(|p| shelf_entry(p, cli.max_size)).collect();
            write_out(&shelf_text(&entries, config.prefs().words_per_minute))
        }
        (Plan::Shelf { keep_state }, Inputs::Shelf(paths)) => run.shelf(paths, keep_state),
        (Plan::Annotate { dry_run }, Inputs::One(input)) => annotate(&input, cli.max_size, dry_run),
        (Plan::Write(output), Inputs::One(input)) => run.write(&input, output),
        (Plan::Read { keep_state }, Inputs::One(input)) => run.read(input, keep_state),
        _ => unreachable!("the plan follows the inputs"),
    }
}

/// `--completions` and `--man`: text made from the command line's definition.
fn generated(cli: &Cli) -> Option<ExitCode> {
    let mut out = Vec::new();
    if let Some(shell) = cli.completions {
        clap_complete::generate(shell, &mut Cli::command(), "briefing", &mut out);
    } else if cli.man {
        if let Err(e) = clap_mangen::Man::new(Cli::command()).render(&mut out) {
            return Some(fail(&format!("cannot write the manual page: {e}"), 1));
        }
    } else {
        return None;
    }
    Some(write_out(&String::from_utf8_lossy(&out)))
}

/// One line on stderr (sanitised) and the status.
fn fail(message: &str, status: u8) -> ExitCode {
    eprintln!("briefing: {}", one_line(message));
    ExitCode::from(status)
}

/// Named files none of which can be read: one line each, and the status
/// one of them would have had alone.
fn none_readable(paths: &[std::path::PathBuf]) -> Option<ExitCode> {
    let problems: Vec<source::SourceError> = paths.iter().filter_map(|p| source::check_readable(p).err()).collect();
    if problems.len() < paths.len() {
        return None;
    }
    for e in &problems {
        eprintln!("briefing: {}", one_line(&e.to_string()));
    }
    Some(ExitCode::from(problems[0].exit_code() as u8))
}

/// What every way of running needs from the command line and configuration.
struct Run<'a> {
    cli: &'a Cli,
    config: &'a Config,
    /// The key table in force (the configuration's remappings applied).
    keys: Keymap,
    theme: ThemeChoice,
    no_color: bool,
}

impl Run<'_> {
    fn library(&self, keep_state: bool) -> Docs {
        let store = if keep_state { state::Store::default_location() } else { None };
        Docs::new(store, self.cli.max_size, self.config.prefs(), Arc::new(self.keys.help()))
    }

    /// How the reader runs. Signals are watched before the colour query
    /// (which holds the terminal in raw mode for a moment), so one arriving
    /// then restores and exits; the terminal is asked for its colours only
    /// here, once it is certain the reader opens.
    fn options(&self) -> anyhow::Result<Options> {
        let signals = terminal::watch_signals()?;
        let mouse = self.config.mouse && !self.cli.no_mouse;
        let theme = pick_theme(self.theme, self.no_color);
        Ok(Options { theme, keys: self.keys.clone(), mouse, watch: self.cli.watch, signals })
    }

    /// Runs the terminal shell on `start`, then reports how it ended.
    fn shell(&self, start: Start, library: &mut Docs, feed: Feed) -> ExitCode {
        let result = self.options().and_then(|opts| terminal::run(start, opts, library, feed));
        finish(result, &library.warnings)
    }

    /// A shelf: the names at once; each document's summary as it is read.
    fn shelf(&self, paths: Vec<std::path::PathBuf>, keep_state: bool) -> ExitCode {
        let named = paths.iter().map(|p| Entry::named(p.clone(), file_name(p))).collect();
        let (tx, rx) = std::sync::mpsc::channel();
        let max_size = self.cli.max_size;
        std::thread::spawn(move || {
            for (i, p) in paths.iter().enumerate() {
                if tx.send((i, shelf_entry(p, max_size))).is_err() {
                    return;
                }
            }
        });
        let (w, h) = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
        let mut shelf = Shelf::new(named, w, h);
        shelf.words_per_minute = self.config.prefs().words_per_minute;
        shelf.hint = self.keys.shelf_hint();
        let mut library = self.library(keep_state);
        self.shell(Start::Shelf(shelf), &mut library, Feed::Shelf(rx))
    }

    /// One document to standard output. The process ends after this: a
    /// large document is not torn down piece by piece first.
    fn write(&self, input: &Input, output: Output) -> ExitCode {
        let src = match read(input, self.cli.max_size) {
            Ok(src) => src,
            Err(code) => return code,
        };
        let fallback = briefing::sanitize::clean(display_name(input, &src.name), Tabs::Prose);
        let wpm = usize::from(self.config.prefs().words_per_minute);
        let text = &src.text;
        // Each is made a few sections at a time, keeping only what it shows.
        let code = write_with(|out| match output {
            Output::Document { width, palette, hyperlinks } => {
                print::Printer::new(width, palette.map(Theme::of), hyperlinks).write_in_pieces(text, &fallback, out)
            }
            Output::Json => print::write_json_in_pieces(text, &fallback, wpm, out),
            Output::OutlineMarkdown => print::outline_in_pieces(text, &fallback, Some(wpm), None, out),
            Output::OutlineText { width } => print::outline_in_pieces(text, &fallback, None, width, out),
        });
        std::mem::forget(src);
        code
    }

    /// The reader. A large file shows its start at once while, on another
    /// core, the rest is read, every section's title listed, then parsed,
    /// its claims found and all laid out.
    fn read(&self, input: Input, keep_state: bool) -> ExitCode {
        let mut library = self.library(keep_state);
        let state_key = match &input {
            Input::Path(p) => state::key_for(p),
            Input::Embedded => Some(format!("embedded:{}", source::EMBEDDED_NAME)),
            Input::Stdin => None,
        };
        let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
        if let Input::Path(p) = &input {
            let head = match source::head(p, self.cli.max_size, library::PROGRESSIVE_FROM) {
                Ok(h) => h,
                Err(e) => return fail(&e.to_string(), e.exit_code() as u8),
            };
            if let Some(head) = head {
                let title = briefing::sanitize::clean(display_name(&input, &head.name), Tabs::Prose);
                let cut = document::parse::window::first_cut(&head.text, library::PREFIX_WINDOW);
                let mut opening = document::parse(&head.text[..cut]);
                titled(&mut opening, &title);
                let model = library.reader(opening, Some(p.clone()), state_key, None, None, size);
                // The rest is laid out for the width the opening has.
                let (tx, rx) = std::sync::mpsc::channel();
                let (whole, max_size, width) = (input.clone(), self.cli.max_size, model.text_width());
                std::thread::spawn(move || read_the_rest(&whole, max_size, &title, width, &tx));
                return self.shell(Start::Reader(Box::new(model)), &mut library, Feed::Parts(rx));
            }
        }
        let (src, doc) = match load(&input, self.cli.max_size) {
            Ok(r) => r,
            Err(code) => return code,
        };
        let unwritable = match input {
            Input::Embedded => {
                Some("The embedded briefing is part of the program: its claims cannot be written".into())
            }
            Input::Stdin => Some("Standard input is not a file: there is nowhere to write a claim".into()),
            Input::Path(_) => None,
        };
        let path = if let Input::Path(p) = input { Some(p) } else { None };
        let model = library.reader(doc, path, state_key, Some(&src.text), unwritable, size);
        self.shell(Start::Reader(Box::new(model)), &mut library, Feed::None)
    }
}

/// Reads one document (its warnings on stderr).
fn read(input: &Input, max_size: u64) -> Result<source::Source, ExitCode> {
    let src = source::load(input, max_size).map_err(|e| fail(&e.to_string(), e.exit_code() as u8))?;
    for w in &src.warnings {
        eprintln!("briefing: warning: {}", one_line(w));
    }
    Ok(src)
}

/// Reads and parses one document, titled by its name when it has no
/// title of its own.
fn load(input: &Input, max_size: u64) -> Result<(source::Source, document::Document), ExitCode> {
    let src = read(input, max_size)?;
    let mut doc = document::parse(&src.text);
    titled(&mut doc, &briefing::sanitize::clean(display_name(input, &src.name), Tabs::Prose));
    Ok((src, doc))
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
    write_with(|out| out.write_all(s.as_bytes()))
}

/// Writes to stdout with `write`, buffered; a closed pipe is a normal end.
fn write_with(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> ExitCode {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut out).and_then(|_| out.flush()) {
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
