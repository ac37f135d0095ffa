//! `update(model, msg)`: the only place the model changes.

use super::links::{self, Target};
use super::lists;
use super::reading::Motion;
use super::search::{self, Search};
use super::{Action, Effect, Focus, Mode, ModeState, Model, Msg, scroll};
use crate::layout::wrap::Anchor;

/// Applies one message: the one door through which the model changes.
/// Pure: no drawing, no IO, no clock. After every message the screen shows
/// the current width wherever the reader went.
pub fn update(m: &mut Model, msg: impl Into<Msg>) -> Effect {
    let effect = receive(m, msg.into());
    m.lay_out_near_top();
    m.check();
    effect
}

/// An action of the reader's, or what the shell brought back.
fn receive(m: &mut Model, msg: Msg) -> Effect {
    match msg {
        Msg::Do(action) => return act(m, action),
        Msg::Part(part) => loaded(m, part),
        Msg::PartsDone => (m.load.loading, m.load.claims_pending) = (false, false),
        // Work for another document (one this reader no longer shows) is dropped.
        Msg::Laid { doc, code, wrapped } => m.laid(&doc, &code, wrapped),
        Msg::Highlighted { doc, code } => m.add_code(&doc, code),
        Msg::Reloaded { path, read } => {
            if m.file.path.as_deref() != Some(path.as_path()) {
                return Effect::None;
            }
            match read {
                // The text the reader already shows (a claim it wrote
                // itself, say): nothing to read again.
                Ok(r) if m.file.content_hash.as_deref() == Some(r.fingerprint.as_str()) => {}
                Ok(r) => {
                    m.reload(r.doc, r.wrapped);
                    m.notice = Some("Reloaded: the file changed on disk".to_string());
                    m.file.content_hash = Some(r.fingerprint.clone());
                    return Effect::Fingerprint { path, fingerprint: r.fingerprint };
                }
                Err(e) => m.notice = Some(format!("{e} · showing the last version read")),
            }
        }
        Msg::ClaimWritten { written, section, previous, removed } => {
            m.reload(written.doc, written.wrapped);
            m.file.content_hash = Some(written.fingerprint.clone());
            m.last_claim = Some(super::editor::ClaimChange { section, previous });
            let Some(path) = m.file.path.clone() else { return Effect::None };
            let name = crate::sanitize::file_name(&path);
            let what = if removed { "removed from" } else { "saved in" };
            m.notice = Some(format!("§{} claim {what} {name} · R undoes", section + 1));
            return Effect::Fingerprint { path, fingerprint: written.fingerprint };
        }
        Msg::Notice(text) => m.notice = Some(text),
        Msg::Opened { anchor } => {
            m.file.can_leave = true;
            if let Some(a) = anchor {
                open_at_anchor(m, &a);
            }
        }
        Msg::Resume(saved) => m.resume(saved),
        Msg::Paste(text) => paste(m, &text),
        Msg::Idle => return m.layout_work(),
    }
    Effect::None
}

/// Pasted text goes to the prompt that is open (search, command, filter, a
/// claim), line breaks as spaces; with no prompt open (or a question
/// asked) it does nothing.
fn paste(m: &mut Model, text: &str) {
    if prompt(m).is_none() && m.mode() != Mode::Annotate {
        return;
    }
    for c in lists::pasted(text) {
        act(m, Action::PromptInput(c));
    }
}

/// Applies one action of the reader's.
fn act(m: &mut Model, action: Action) -> Effect {
    if let Action::Count(d) = action {
        m.count = lists::push_digit(m.count, d);
        return Effect::None;
    }
    let neutral = matches!(action, Action::Resize(..) | Action::Still(_) | Action::Copied(_));
    let count = if neutral { None } else { m.count.take() };
    if count.is_some() && action == Action::Escape {
        // Esc cancels the count, and only that.
        return Effect::None;
    }
    let (action, times) = match (count, action) {
        (Some(c), a) => (lists::counted(a, c), lists::repeats(a, c)),
        (None, Action::Percent) => (Action::GotoPercent(0), 1),
        (None, a) => (a, 1),
    };
    let old = m.layout.wrapped.anchor(m.top);
    let motion = match action {
        Action::ScrollLines(_) | Action::ScrollHalfPages(_) | Action::ScrollPages(_) => Motion::Scroll,
        Action::Wheel { .. } if m.mode() == Mode::Normal => Motion::Scroll,
        Action::Resize(..) | Action::Still(_) | Action::Copied(_) => Motion::Neutral,
        _ => Motion::Jump,
    };
    if m.reading.saved.is_some() && motion != Motion::Neutral {
        // The reader moved before the rest arrived: their place wins.
        m.reading.resume_position = false;
    }
    let mut effect = apply(m, action);
    for _ in 1..times.min(REPEAT_LIMIT) {
        if effect != Effect::None {
            break;
        }
        effect = apply(m, action);
    }
    m.lay_out_near_top();
    m.track_reading(motion, old);
    effect
}

/// A counted section or match motion runs at most this many times.
const REPEAT_LIMIT: usize = 100_000;

fn apply(m: &mut Model, action: Action) -> Effect {
    // The claim editor takes every key but a resize, time and Ctrl-c.
    if m.mode() == Mode::Annotate && !matches!(action, Action::Resize(..) | Action::Still(_) | Action::QuitAll) {
        if !matches!(action, Action::Copied(_)) {
            m.notice = None;
        }
        return super::editor::apply(m, action);
    }
    // A notice stays until the reader does something (a resize is not that).
    if !matches!(action, Action::Resize(..) | Action::Still(_)) {
        m.notice = None;
    }
    if !matches!(action, Action::Bottom | Action::Resize(..) | Action::Still(_)) {
        m.load.wanted = None;
    }
    if m.nav.pending_mark.is_some() && !matches!(action, Action::MarkKey(_) | Action::Resize(..) | Action::Still(_)) {
        m.nav.pending_mark = None;
    }
    match action {
        Action::ScrollLines(_)
        | Action::ScrollHalfPages(_)
        | Action::ScrollPages(_)
        | Action::Top
        | Action::Bottom
        | Action::NextSection
        | Action::PrevSection
        | Action::NextHeading
        | Action::PrevHeading
        | Action::GotoSection(_)
        | Action::GotoPercent(_)
        | Action::Percent
        | Action::Count(_)
        | Action::Still(_) => moves::apply(m, action),
        Action::Back
        | Action::Forward
        | Action::MarkSet
        | Action::MarkJump
        | Action::MarkKey(_)
        | Action::MarkUnread => moves::places(m, action),
        Action::ToggleFocus
        | Action::ToggleSkim
        | Action::SkimOpen
        | Action::SidebarMove(_)
        | Action::ListPage(_)
        | Action::ListEdge(_)
        | Action::ListTo(_)
        | Action::FilterStart
        | Action::SidebarOpen
        | Action::Wheel { .. }
        | Action::Click { .. } => sidebar::apply(m, action),
        Action::SearchStart
        | Action::CommandStart
        | Action::PromptInput(_)
        | Action::PromptErase
        | Action::PromptSubmit
        | Action::NextMatch
        | Action::PrevMatch => prompts::apply(m, action),
        Action::HintStart | Action::HintKey(_) | Action::HintErase | Action::ConfirmOpen(_) => follow::apply(m, action),
        Action::Copy(_)
        | Action::Copied(_)
        | Action::ToggleSidebar
        | Action::ToggleHelp
        | Action::HelpScroll(_)
        | Action::HelpPage(_)
        | Action::HelpEdge(_)
        | Action::Escape
        | Action::ToggleClaims
        | Action::Resize(_, _) => screen::apply(m, action),
        Action::Quit => Effect::Quit,
        Action::QuitAll => Effect::QuitAll,
        Action::Suspend => Effect::Suspend,
        Action::Annotate
        | Action::AcceptClaim
        | Action::UndoClaim
        | Action::EditorMove(_)
        | Action::EditorEdge(_)
        | Action::EditorDelete
        | Action::EditorEraseWord
        | Action::EditorEraseToStart => super::editor::apply(m, action),
        Action::Edit => match &m.file.path {
            Some(path) => {
                let line = m.doc.sections.get(m.current_section()).map_or(1, |s| s.line.max(1));
                Effect::Edit { path: path.clone(), line }
            }
            None => {
                m.notice = Some(
                    "Nothing to edit: this text was not read from a file (the embedded briefing or standard input)"
                        .to_string(),
                );
                Effect::None
            }
        },
    }
}

/// More of a document being read in the background: every section's
/// title first, then the whole text with its claims.
#[derive(Debug)]
pub enum Loaded {
    Outline(Vec<crate::document::parse::OutlineEntry>),
    /// The whole text (tables tamed), the level that cuts its sections and
    /// its definitions: with the outline, every section is in the document
    /// from now on, the ones not parsed yet as their titles.
    Text(crate::document::Source),
    /// Sections parsed from the text ([`Effect::Parse`]).
    Parsed(Vec<crate::document::Section>),
    /// The whole text, laid out (shared with the thread finding its
    /// claims, when they follow as [`Loaded::Claims`]).
    Whole {
        doc: std::sync::Arc<crate::document::Document>,
        wrapped: Box<crate::layout::WrappedDoc>,
        claims_follow: bool,
    },
    /// What was found for each section of the whole text.
    Claims(Vec<crate::document::claim::Found>),
    /// The whole text's fingerprint, for the saved reading position.
    Hash(String),
    /// Something the reader should know (the rest could not be read, or
    /// was not valid UTF-8).
    Notice(String),
}

/// Applies what the background parse sent.
fn loaded(m: &mut Model, part: Loaded) {
    match part {
        Loaded::Outline(outline) => {
            m.load.outline = outline;
            m.lists.selected = m.lists.selected.min(m.section_count().saturating_sub(1));
        }
        Loaded::Whole { doc, wrapped, claims_follow } => {
            m.replace_document(doc, Some(*wrapped), None);
            m.load.claims_pending = claims_follow;
            m.load.loading = false;
        }
        Loaded::Claims(found) => m.adopt_claims(found),
        Loaded::Text(source) => m.adopt_index(source),
        Loaded::Parsed(sections) => m.adopt_parsed(sections),
        Loaded::Hash(hash) => m.file.content_hash = Some(hash),
        Loaded::Notice(text) => m.notice = Some(text),
    }
}

fn scroll_by(m: &mut Model, delta: i64) {
    m.top = scroll::clamp(m.top as i64 + delta, m.max_top());
}

/// Moves to `row`, remembering where the reader was.
fn jump(m: &mut Model, row: usize) {
    // A place in sections still only titles: it is gone back to once they
    // are parsed (and longer).
    if !m.load.unparsed.is_empty() && row > m.max_top() {
        m.load.wanted = Some(crate::app::Wanted::At(m.layout.wrapped.anchor(row)));
    }
    let target = scroll::clamp(row as i64, m.max_top());
    if target != m.top {
        m.nav.history.push(m.layout.wrapped.anchor(m.top));
        m.nav.forward.clear();
        const MAX_HISTORY: usize = 100;
        if m.nav.history.len() > MAX_HISTORY {
            m.nav.history.remove(0);
        }
    }
    m.top = target;
}

fn end_hints(m: &mut Model) {
    m.mode = ModeState::Normal;
}

/// Moves the help screen to `to(top, page, furthest)`, within its lines.
fn help_scroll(m: &mut Model, to: impl FnOnce(i64, i64, usize) -> i64) {
    let (page, max) = (m.help_page() as i64, m.help_max_top());
    if let ModeState::Help { top } = &mut m.mode {
        *top = scroll::clamp(to(*top as i64, page, max), max);
    }
}

/// Follows a link's target: notes and headings here, another document
/// through the shell, a web address only after asking.
fn follow(m: &mut Model, target: &str) -> Effect {
    match links::classify(target) {
        Target::Footnote(label) => match links::find_footnote(&m.doc, &label) {
            Some(block) => jump(m, m.layout.wrapped.row_of(Anchor { block, start: 0 })),
            None => m.notice = Some(format!("No note [{label}] in this document")),
        },
        Target::Anchor(fragment) => goto_anchor(m, &fragment),
        // What is asked about is exactly what would open: an address with a
        // line break, a tab or a control character in it is not opened.
        Target::Web(url) if url.chars().any(|c| c.is_control() || (c.is_whitespace() && c != ' ')) => {
            m.notice = Some("Not opened: the address holds a line break or a control character".to_string());
        }
        Target::Web(url) => {
            m.notice = None;
            m.mode = ModeState::Confirm(url);
        }
        Target::File { path, anchor } if path.is_empty() => goto_anchor(m, anchor.as_deref().unwrap_or("")),
        Target::File { path, anchor } => return Effect::OpenFile { path, anchor },
        Target::Other(t) => {
            m.notice = Some(format!("Not followed: {t} (only web addresses, headings, notes and files)"));
        }
    }
    Effect::None
}

/// Jumps to the heading whose anchor is `fragment` (Back returns).
fn goto_anchor(m: &mut Model, fragment: &str) {
    match links::find_anchor(&m.doc, fragment) {
        Some(block) => jump(m, m.layout.wrapped.row_of(Anchor { block, start: 0 })),
        None => m.notice = Some(format!("No heading #{fragment} in this document")),
    }
}

/// A document just opened from a link to `#fragment` starts at that
/// heading; Back then leaves the document, as it would in a browser.
fn open_at_anchor(m: &mut Model, fragment: &str) {
    match links::find_anchor(&m.doc, fragment) {
        Some(block) => {
            m.top = scroll::clamp(m.layout.wrapped.row_of(Anchor { block, start: 0 }) as i64, m.max_top());
            m.notice = None;
        }
        None => m.notice = Some(format!("No heading #{fragment} in this document")),
    }
}

fn go_to_match(m: &mut Model) {
    let Some(s) = &m.search else { return };
    let row = s.matches[s.current].row;
    let target = scroll::reveal(m.top, m.page(), row);
    jump(m, target);
}

/// The text of the prompt that is open, if one is.
fn prompt(m: &mut Model) -> Option<&mut String> {
    if m.lists.typing {
        return Some(&mut m.lists.filter);
    }
    match &mut m.mode {
        ModeState::Search(s) | ModeState::Command(s) => Some(s),
        _ => None,
    }
}

/// Closes the prompt (Backspace on an empty one).
fn end_prompt(m: &mut Model) {
    if m.lists.typing {
        m.lists.typing = false;
    } else if matches!(m.mode(), Mode::Search | Mode::Command) {
        m.mode = ModeState::Normal;
    }
}

fn leave_sidebar(m: &mut Model) {
    m.focus = Focus::Article;
    if m.panes().overlay {
        m.view.sidebar_choice = None;
    }
}

mod follow;
mod moves;
mod prompts;
mod screen;
mod sidebar;

#[cfg(test)]
mod tests;
