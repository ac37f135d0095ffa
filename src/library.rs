//! Documents as the reader gets them: what the command line names (one
//! document or a shelf), files read and parsed with their fallback titles,
//! shelf summaries, the background half of opening a large file, and
//! [`Docs`], the [`Library`] that opens, reads again, writes claims into
//! and keeps the reading state of documents. An edge module: it touches the
//! file system (through `source`, `state` and `atomic`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::app::shelf::Entry;
use crate::app::{HelpTable, Loaded, Model, Msg, Prefs, Setup, update};
use crate::sanitize::{file_name, one_line};
use crate::shell::Library;
use crate::source::{self, Input};
use crate::{document, state};

/// What the command line names: one document, or a shelf of them.
pub enum Inputs {
    One(Input),
    Shelf(Vec<PathBuf>),
}

/// Markdown and text files a folder contributes to a shelf.
pub const SHELF_EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mkd", "txt"];

pub fn inputs(paths: &[PathBuf]) -> Result<Inputs, source::SourceError> {
    match paths {
        [] => return Ok(Inputs::One(Input::Embedded)),
        [p] if p.as_os_str() == "-" => return Ok(Inputs::One(Input::Stdin)),
        [p] if !p.is_dir() => return Ok(Inputs::One(Input::Path(p.clone()))),
        _ => {}
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| source::SourceError::io(p, &e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    f.is_file()
                        && f.extension()
                            .and_then(|e| e.to_str())
                            .is_some_and(|e| SHELF_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
                })
                .collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    if out.is_empty() {
        return Err(source::SourceError::NoDocuments(paths[0].clone()));
    }
    Ok(Inputs::Shelf(out))
}

/// A file read and parsed, titled by its name when it has no title.
pub fn read_document(path: &Path, max_size: u64) -> Result<(source::Source, document::Document), source::SourceError> {
    let input = Input::Path(path.to_path_buf());
    let src = source::load_regular(path, max_size)?;
    let mut doc = document::parse(&src.text);
    titled(&mut doc, &display_name(&input, &src.name));
    Ok((src, doc))
}

/// A shelf entry: the document's title, size and first claim, or why it
/// cannot be read.
pub fn shelf_entry(path: &Path, max_size: u64) -> Entry {
    let mut e = Entry { pending: false, ..Entry::named(path.to_path_buf(), file_name(path)) };
    match read_document(path, max_size) {
        Ok((_, doc)) => {
            e.title = doc.title;
            e.sections = doc.sections.len();
            e.words = doc.sections.iter().map(|s| s.words).sum();
            e.first_claim = doc.sections.iter().find_map(|s| s.stated_claim()).unwrap_or_default().to_string();
        }
        Err(err) => e.problem = Some(err.to_string()),
    }
    e
}

/// Opens documents for the reader and keeps their reading state.
pub struct Docs {
    /// Where reading states are kept (`None`: not kept).
    pub store: Option<state::Store>,
    pub max_size: u64,
    pub prefs: Prefs,
    pub help: Arc<HelpTable>,
    /// Each open document's state key and content hash, by its path.
    keys: HashMap<Option<PathBuf>, (String, String)>,
    /// Problems with saved states, to show once the terminal is back.
    pub warnings: Vec<String>,
}

impl Docs {
    pub fn new(store: Option<state::Store>, max_size: u64, prefs: Prefs, help: Arc<HelpTable>) -> Docs {
        Docs { store, max_size, prefs, help, keys: HashMap::new(), warnings: Vec::new() }
    }

    /// A reader for `doc`, at its saved place when there is one. `text`
    /// gives the fingerprint for the saved state; without it (a large file
    /// still being read) the model receives it later.
    pub fn reader(
        &mut self,
        doc: document::Document,
        path: Option<PathBuf>,
        key: Option<String>,
        text: Option<&str>,
        unwritable: Option<String>,
        (w, h): (u16, u16),
    ) -> Model {
        // The text's fingerprint: for the saved state, and so that a file
        // changed on disk is never overwritten by a claim written here.
        let hash = text.map(state::content_hash).unwrap_or_default();
        let setup = Setup {
            prefs: self.prefs,
            help: Arc::clone(&self.help),
            path: path.clone(),
            // Without the text, this is the opening of a large file: the
            // rest (and its fingerprint) arrives later.
            loading: text.is_none(),
            content_hash: text.is_some().then(|| hash.clone()),
            unwritable,
        };
        let mut model = Model::open(doc, w, h, setup);
        if let (Some(store), Some(key)) = (&self.store, key) {
            match store.load(&key) {
                Ok(Some(saved)) => {
                    update(&mut model, Msg::Resume(saved));
                }
                Ok(None) => {}
                Err(w) => self.warnings.push(w),
            }
            self.keys.insert(path, (key, hash));
        }
        model
    }
}

impl Library for Docs {
    fn open(&mut self, from: Option<&Path>, path: &str) -> Result<Model, String> {
        let decoded = crate::app::links::percent_decode(path);
        let rel = Path::new(&decoded);
        let full = match from.and_then(Path::parent) {
            Some(dir) if rel.is_relative() => dir.join(rel),
            _ => rel.to_path_buf(),
        };
        let (src, doc) = read_document(&full, self.max_size).map_err(|e| e.to_string())?;
        let key = state::key_for(&full);
        let (w, h) = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
        Ok(self.reader(doc, Some(full), key, Some(&src.text), None, (w, h)))
    }

    fn close(&mut self, model: &Model) {
        if model.loading() {
            return;
        }
        if let (Some(store), Some((key, hash))) = (&self.store, self.keys.get(&model.path().map(Path::to_path_buf))) {
            // A large file's fingerprint comes with its text, after the
            // first frame; a reload's is kept here.
            let hash =
                if hash.is_empty() { model.content_hash().unwrap_or_default().to_string() } else { hash.clone() };
            let snapshot = model.snapshot(hash, key.clone());
            if let Err(w) = store.save(key, &snapshot) {
                self.warnings.push(w);
            }
        }
    }

    fn reading(&self, path: &Path) -> crate::shell::Reading {
        let (path, max_size) = (path.to_path_buf(), self.max_size);
        Box::new(move || {
            let (src, doc) = read_document(&path, max_size).map_err(|e| e.to_string())?;
            Ok((doc, state::content_hash(&src.text)))
        })
    }

    fn reloaded(&mut self, path: &Path, fingerprint: String) {
        if let Some((_, hash)) = self.keys.get_mut(&Some(path.to_path_buf())) {
            *hash = fingerprint;
        }
    }

    fn write_claim(
        &mut self,
        path: &Path,
        place: document::annotate::Place,
        claim: Option<&str>,
        expected: Option<&str>,
    ) -> Result<(document::Document, String), String> {
        let name = file_name(path);
        let (text, read) =
            source::read_for_rewrite(path, self.max_size).map_err(|e| format!("Nothing written: {e}"))?;
        if expected.is_some_and(|h| state::content_hash(&read.text) != h) {
            return Err(format!(
                "{name} changed on disk since it was read: nothing written (reload it, then try again)"
            ));
        }
        let new = document::annotate::rewrite(&text, place, claim)?;
        crate::atomic::write(path, new.as_bytes())
            .map_err(|e| format!("Cannot write {name}: {}; nothing changed", source::io_reason(&e)))?;
        let (src, doc) = read_document(path, self.max_size).map_err(|e| e.to_string())?;
        Ok((doc, state::content_hash(&src.text)))
    }
}

/// The background half of opening a large file: the whole text, every
/// section's title, then the document with its claims, laid out at `width`.
pub fn read_the_rest(input: &Input, max_size: u64, title: &str, width: usize, tx: &std::sync::mpsc::Sender<Loaded>) {
    let src = match source::load(input, max_size) {
        Ok(s) => s,
        Err(e) => {
            let _ = tx.send(Loaded::Notice(format!("Cannot read the rest: {e}")));
            return;
        }
    };
    for w in &src.warnings {
        let _ = tx.send(Loaded::Notice(w.clone()));
    }
    // The text once, shared with the reader, which parses from it the
    // sections that come on screen before the whole document is in, and
    // again those the document lets go of.
    let text: Arc<str> = Arc::from(&*document::parse::tame(&src.text));
    // The definitions once, for every pass and for every section parsed
    // again alone.
    let defs = Arc::new(document::parse::window::Definitions::of(&text, document::parse::window::WINDOW));
    let (outline, plan) = document::parse::outline_and_plan_with(&text, &defs);
    let sections = outline.as_ref().map_or(0, Vec::len);
    if let Some(outline) = outline
        && (tx.send(Loaded::Outline(outline)).is_err()
            || tx.send(Loaded::Text(document::Source::of(&text, &plan, &defs))).is_err())
    {
        return;
    }
    // The fingerprint after the titles: the sidebar does not wait for it.
    let _ = tx.send(Loaded::Hash(state::content_hash(&src.text)));
    drop(src);
    // The claims are found on the other core, from a parse of their own
    // that keeps only their candidates, while this one parses the text
    // again, lays it out and lets go of each section's blocks (parsed
    // again where they are read): no pass holds the whole document.
    let found = std::thread::scope(|scope| {
        let finding = scope.spawn(|| {
            // Behind the text and the screen when they want the cores.
            lower_this_threads_priority();
            let mut finder = document::claim::Finder::lean();
            document::parse::stream::parse_in_pieces_planned(&text, plan.clone(), &defs, &mut |piece| {
                if let document::parse::stream::Piece::Sections(sections) = piece {
                    finder.add(&sections);
                }
                crate::heap::give_back_freed_memory();
            });
            let again = document::claim::Again::of(&text, &plan, &defs);
            finder.finish(None, again.as_ref()).collect::<Vec<_>>()
        });
        let (doc, wrapped) = parse_and_lay_out(&text, plan.clone(), &defs, title, width, sections);
        let sent =
            tx.send(Loaded::Whole { doc: Arc::new(doc), wrapped: Box::new(wrapped), claims_follow: true }).is_ok();
        finding.join().ok().filter(|_| sent)
    });
    if let Some(found) = found {
        let _ = tx.send(Loaded::Claims(found));
    }
}

/// Lowers the calling thread's scheduling priority (Linux gives each thread
/// its own nice value), so that background work yields the cores to the
/// screen and to what the reader waits for. Elsewhere, nothing.
fn lower_this_threads_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: plain system calls on the calling thread, no memory passed.
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, tid, 10);
    }
}

/// Pieces the whole parse runs ahead of the layout: one (a piece is a
/// batch of up to 64 KB of blocks, and a list of one-word items holds some
/// 30 bytes of document model a byte of text until it is laid out and let
/// go of; four ahead were 10 MB of a 2 MB list's peak).
const PIECES_AHEAD: usize = 1;

/// The whole document of `text` (tables tamed), titled `title` when it has
/// none, and its layout at `width`, keeping only its rows' places (the
/// reader lays out the text of those it shows), made a section at a time.
/// Each section that can be parsed again alone (every one cut at a heading;
/// one cut from paragraphs that starts a block) keeps only its title,
/// counts and headings: the rest is parsed again from `text` where it is
/// read.
/// `sections`: about how many there are (room is made for them at once:
/// no list of millions is copied as it grows).
pub fn parse_and_lay_out(
    text: &Arc<str>,
    plan: document::parse::Plan,
    defs: &Arc<document::parse::window::Definitions>,
    title: &str,
    width: usize,
    sections: usize,
) -> (document::Document, crate::layout::WrappedDoc) {
    use document::parse::stream::Piece;
    let mut doc = document::Document { source: Some(document::Source::of(text, &plan, defs)), ..Default::default() };
    doc.sections.reserve_exact(sections);
    let code = crate::layout::syntax::Highlights::default();
    let mut laying = None;
    // Parsed on another thread a few pieces ahead of the layout.
    let split = plan.split.unwrap_or(0);
    document::parse::stream::parse_ahead_planned(text, plan, defs, PIECES_AHEAD, &mut |piece| {
        match piece {
            Piece::Head { title: head, metadata } => {
                (doc.title, doc.metadata) = (head, metadata);
                titled(&mut doc, title);
            }
            Piece::Sections(pieces) => {
                let laying = laying.get_or_insert_with(|| {
                    let mut laying = crate::layout::Laying::new(&doc, &code, width, true);
                    laying.reserve(sections);
                    laying
                });
                for mut section in pieces {
                    laying.section(&section);
                    section.park(split);
                    doc.sections.push(section);
                }
                crate::heap::give_back_freed_memory();
            }
        }
        true
    });
    let wrapped = laying.unwrap_or_else(|| crate::layout::Laying::new(&doc, &code, width, true)).finish();
    doc.sections.shrink_to_fit();
    (doc, wrapped)
}

/// Documents larger than this open progressively: the first screen comes
/// from the first [`PREFIX_WINDOW`] bytes while the rest is parsed.
pub const PROGRESSIVE_FROM: usize = 64 * 1024;
pub const PREFIX_WINDOW: usize = 16 * 1024;

pub fn titled(doc: &mut document::Document, fallback: &str) {
    if doc.title.is_empty() {
        doc.title = fallback.to_string();
    }
}

/// A folder's name without a version at its end ("ratatui-0.30.2",
/// "zap-v1.2.0-rc.1": a package unpacked): the project's name alone.
fn without_version(folder: &str) -> &str {
    for (i, _) in folder.match_indices('-').filter(|&(i, _)| i > 0) {
        let rest = &folder[i + 1..];
        let core = rest.strip_prefix('v').unwrap_or(rest);
        let number = core.split(['-', '+']).next().unwrap_or("");
        if number.starts_with(|c: char| c.is_ascii_digit())
            && number.contains('.')
            && number.chars().all(|c| c.is_ascii_digit() || c == '.')
        {
            return &folder[..i];
        }
    }
    folder
}

/// A file's name without its folder and extension, for documents with no
/// title; a README (CHANGELOG, index) takes its folder's name.
pub fn display_name(input: &Input, name: &str) -> String {
    match input {
        Input::Path(p) => {
            let stem =
                one_line(&p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| name.to_string()));
            // A README, CHANGELOG or index is named after its folder.
            let generic = ["readme", "changelog", "changes", "history", "index"];
            if generic.contains(&stem.to_ascii_lowercase().as_str())
                && let Some(folder) = std::fs::canonicalize(p)
                    .ok()
                    .and_then(|c| c.parent().and_then(|d| d.file_name()).map(|n| n.to_string_lossy().into_owned()))
            {
                return one_line(without_version(&folder));
            }
            stem
        }
        Input::Stdin => "standard input".to_string(),
        Input::Embedded => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_readme_is_named_after_its_folder_without_the_version() {
        assert_eq!(without_version("ratatui-0.30.2"), "ratatui");
        assert_eq!(without_version("cfg-if-1.0.5"), "cfg-if");
        assert_eq!(without_version("zap-v1.2.0-rc.1"), "zap");
        assert_eq!(without_version("python-3.12"), "python");
        for kept in ["my-project", "engine-2d", "x-1", "-1.0", "notes"] {
            assert_eq!(without_version(kept), kept);
        }
        let dir = std::env::temp_dir().join(format!("briefing-name-{}/zapper-2.0.1", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let readme = dir.join("README.md");
        std::fs::write(&readme, "text").unwrap();
        assert_eq!(display_name(&Input::Path(readme.clone()), "README.md"), "zapper");
        let notes = dir.join("notes-1.2.md");
        std::fs::write(&notes, "text").unwrap();
        assert_eq!(display_name(&Input::Path(notes), "notes-1.2.md"), "notes-1.2", "a file's own name stays whole");
        let _ = std::fs::remove_dir_all(dir.parent().unwrap());
    }
}
