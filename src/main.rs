use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use briefing::app::Model;
use briefing::cli::{Cli, ColorChoice, OutlineFormat};
use briefing::source::{self, Input};
use briefing::state;
use briefing::terminal::{self, Exit};
use briefing::view::theme::Theme;
use briefing::{document, print};
use clap::Parser;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_error(e),
    };
    let input = match cli.path.as_deref() {
        None => Input::Embedded,
        Some(p) if p.as_os_str() == "-" => Input::Stdin,
        Some(p) => Input::Path(p.to_path_buf()),
    };
    let src = match source::load(&input, cli.max_size) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("briefing: {e}");
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    for w in &src.warnings {
        eprintln!("briefing: warning: {w}");
    }
    let fallback_title = briefing::sanitize::clean(display_name(&input, &src.name), briefing::sanitize::Tabs::Prose);
    let stdout_tty = std::io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let interactive = !(cli.outline || cli.json || cli.print || !stdout_tty || !terminal::has_tty());
    // Where the reading position lives: never for standard input.
    let state_key = match &input {
        _ if cli.no_state || !interactive => None,
        Input::Path(p) => state::key_for(p),
        Input::Embedded => Some(format!("embedded:{}", source::EMBEDDED_NAME)),
        Input::Stdin => None,
    };
    let store = state_key.as_ref().and_then(|_| state::Store::default_location());
    let content_hash = state_key.as_ref().map(|_| state::content_hash(&src.text)).unwrap_or_default();
    let mut warnings = Vec::new();
    let saved = match (&store, &state_key) {
        (Some(store), Some(key)) => store.load(key).unwrap_or_else(|w| {
            warnings.push(w);
            None
        }),
        _ => None,
    };
    let session = Session { store, key: state_key, content_hash, saved, warnings, no_color, mouse: !cli.no_mouse };
    if interactive && src.text.len() > PROGRESSIVE_FROM {
        // Show the opening at once; parse and lay out the rest meanwhile.
        let cut = document::parse::prefix_end(&src.text, PREFIX_WINDOW);
        let mut opening = document::parse(&src.text[..cut]);
        titled(&mut opening, &fallback_title);
        let (w, h) = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
        let mut model = Model::new(opening, w, h);
        model.loading = true;
        let width = model.panes().text.width as usize;
        let (tx, rx) = std::sync::mpsc::channel();
        let text = src.text;
        std::thread::spawn(move || {
            // First the structure (every section's title, for the sidebar),
            // then the extracted claims, each laid out and sent when ready.
            let mut doc = document::parse::parse_structure(&text);
            drop(text);
            titled(&mut doc, &fallback_title);
            let needs_claims = doc.sections.iter().any(|s| s.claim.origin == document::ClaimOrigin::Extracted);
            let wrapped = briefing::layout::wrap(&doc, width);
            let next = needs_claims.then(|| doc.clone());
            if tx.send((doc, wrapped)).is_err() {
                return;
            }
            if let Some(mut doc) = next {
                document::claim::fill_claims(&mut doc.sections);
                let wrapped = briefing::layout::wrap(&doc, width);
                let _ = tx.send((doc, wrapped));
            }
        });
        return run_reader(model, session, Some(rx));
    }
    let mut doc = document::parse(&src.text);
    titled(&mut doc, &fallback_title);
    if cli.json || (cli.outline && cli.format == OutlineFormat::Json) {
        return write_out(&print::json(&doc));
    }
    if cli.outline {
        return write_out(&match cli.format {
            OutlineFormat::Markdown => print::outline_markdown(&doc),
            OutlineFormat::Text | OutlineFormat::Json => print::outline(&doc),
        });
    }
    if !interactive {
        let width = cli.width.map(usize::from).unwrap_or_else(|| match ratatui::crossterm::terminal::size() {
            Ok((w, _)) if stdout_tty => usize::from(w).min(100),
            _ => 80,
        });
        let color = match cli.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => stdout_tty && !no_color,
        };
        return write_out(&print::document(&doc, width, color));
    }
    let (w, h) = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    run_reader(Model::new(doc, w, h), session, None)
}

/// What the reader needs besides the model: where its state lives.
struct Session {
    store: Option<state::Store>,
    key: Option<String>,
    content_hash: String,
    saved: Option<state::Saved>,
    warnings: Vec<String>,
    no_color: bool,
    mouse: bool,
}

/// Documents larger than this open progressively: the first screen comes
/// from the first [`PREFIX_WINDOW`] bytes while the rest is parsed.
const PROGRESSIVE_FROM: usize = 256 * 1024;
const PREFIX_WINDOW: usize = 32 * 1024;

fn titled(doc: &mut document::Document, fallback: &str) {
    if doc.title.is_empty() {
        doc.title = fallback.to_string();
    }
}

fn run_reader(mut model: Model, mut session: Session, pending: Option<terminal::Pending>) -> ExitCode {
    if let Some(saved) = session.saved.take() {
        briefing::app::update::resume(&mut model, saved);
    }
    let result = terminal::run(&mut model, Theme::new(!session.no_color), session.mouse, pending);
    // Save where the reader stopped; a problem is a warning, after the
    // terminal is restored, and never changes the exit status.
    if result.is_ok()
        && !model.loading
        && let (Some(store), Some(key)) = (&session.store, &session.key)
    {
        let snapshot = model.snapshot(session.content_hash.clone(), key.clone());
        if let Err(w) = store.save(key, &snapshot) {
            session.warnings.push(w);
        }
    }
    for w in &session.warnings {
        eprintln!("briefing: warning: {w}");
    }
    match result {
        Ok(Exit::Quit) => ExitCode::SUCCESS,
        Ok(Exit::Signal(sig)) => ExitCode::from((128 + sig) as u8),
        Err(e) => {
            eprintln!("briefing: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// A file's name without its folder and extension, for documents with no title.
fn display_name(input: &Input, name: &str) -> String {
    match input {
        Input::Path(p) => p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| name.to_string()),
        Input::Stdin => "standard input".to_string(),
        Input::Embedded => name.to_string(),
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
            eprintln!("briefing: {first} (see briefing --help)");
            ExitCode::from(2)
        }
    }
}
