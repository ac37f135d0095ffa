//! `update(model, msg)`: the only place the model changes.

use super::links::{self, Target};
use super::lists;
use super::reading::Motion;
use super::search::{self, Search};
use super::{Action, Effect, Focus, Mode, ModeState, Model, Msg, scroll};
use crate::layout::sidebar;
use crate::layout::wrap::Anchor;

/// Applies one message: the one door through which the model changes.
/// Pure: no drawing, no IO, no clock. After every message the screen shows
/// the current width wherever the reader went.
pub fn update(m: &mut Model, msg: impl Into<Msg>) -> Effect {
    let effect = match msg.into() {
        Msg::Do(action) => act(m, action),
        msg => {
            let effect = receive(m, msg);
            m.lay_out_near_top();
            effect
        }
    };
    m.check();
    effect
}

/// What the shell brought back.
fn receive(m: &mut Model, msg: Msg) -> Effect {
    match msg {
        Msg::Do(action) => return act(m, action),
        Msg::Part(part) => loaded(m, part),
        Msg::PartsDone => m.load.loading = false,
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
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let name = crate::sanitize::clean(name, crate::sanitize::Tabs::Prose);
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
    let open =
        m.lists.typing || matches!(m.mode, ModeState::Search(_) | ModeState::Command(_) | ModeState::Annotate { .. });
    if !open {
        return;
    }
    for c in text.chars().map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c }) {
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
        m.load.end_when_loaded = false;
    }
    if m.nav.pending_mark.is_some() && !matches!(action, Action::MarkKey(_) | Action::Resize(..) | Action::Still(_)) {
        m.nav.pending_mark = None;
    }
    match action {
        Action::ScrollLines(n) => scroll_by(m, n as i64),
        Action::ScrollHalfPages(n) => scroll_by(m, n as i64 * (m.page() / 2).max(1) as i64),
        Action::ScrollPages(n) => scroll_by(m, n as i64 * m.page().saturating_sub(2).max(1) as i64),
        Action::Top => jump(m, 0),
        Action::Bottom => {
            let bottom = m.layout.wrapped.rows.len().saturating_sub(m.page());
            jump(m, bottom);
            // Like less, `G` means the end of the file, not of what is read so far.
            if m.load.loading {
                m.load.end_when_loaded = true;
                m.notice = Some("The end, once the rest is read…".to_string());
            }
        }
        Action::NextSection => {
            let next = m.current_section() + 1;
            match m.layout.wrapped.section_start.get(next) {
                Some(&row) => jump(m, row),
                None => m.notice = Some("Last section".to_string()),
            }
        }
        Action::PrevSection => {
            let cur = m.current_section();
            let start = m.layout.wrapped.section_start.get(cur).copied().unwrap_or(0);
            if m.top > start {
                jump(m, start);
            } else if cur > 0 {
                jump(m, m.layout.wrapped.section_start[cur - 1]);
            } else {
                m.notice = Some("First section".to_string());
            }
        }
        Action::NextHeading => match m.heading_rows().into_iter().find(|&r| r > m.top) {
            Some(row) => jump(m, row),
            None => m.notice = Some("Last heading".to_string()),
        },
        Action::PrevHeading => match m.heading_rows().into_iter().rev().find(|&r| r < m.top) {
            Some(row) => jump(m, row),
            None => m.notice = Some("First heading".to_string()),
        },
        Action::GotoSection(n) => match m.layout.wrapped.section_start.get(n.wrapping_sub(1)) {
            Some(&row) => jump(m, row),
            None if n > 0 && n <= m.section_count() => {
                m.notice = Some(format!("Section {n} is still loading"));
            }
            None => m.notice = Some(format!("No section {n}: there are {}", m.section_count())),
        },
        Action::GotoPercent(p) => {
            let rows = m.layout.wrapped.rows.len();
            jump(m, rows * p.min(100) / 100);
        }
        Action::Percent | Action::Count(_) => {}
        Action::ToggleFocus => match m.focus {
            Focus::Article => {
                if !m.sidebar_shown() {
                    m.view.sidebar_choice = Some(true);
                    m.relayout();
                }
                m.lists.selected = m.current_section();
                m.focus = Focus::Sidebar;
            }
            Focus::Sidebar => leave_sidebar(m),
        },
        Action::ToggleSkim => {
            if m.mode() == Mode::Skim {
                m.mode = ModeState::Normal;
            } else {
                m.mode = ModeState::Skim;
                m.lists.selected = m.current_section();
            }
        }
        Action::SkimOpen => {
            m.mode = ModeState::Normal;
            if let Some(&row) = m.layout.wrapped.section_start.get(m.lists.selected) {
                jump(m, row);
            }
        }
        Action::SidebarMove(_) | Action::ListPage(_) | Action::ListEdge(_) | Action::ListTo(_) => {
            if m.mode() != Mode::Skim && m.focus != Focus::Sidebar {
                m.lists.selected = m.current_section();
                m.focus = Focus::Sidebar;
            }
            match action {
                Action::SidebarMove(d) => m.move_selection(i64::from(d)),
                Action::ListPage(d) => m.move_selection(i64::from(d) * m.list_page() as i64),
                Action::ListEdge(end) => m.select_entry(if end { usize::MAX } else { 0 }),
                Action::ListTo(n) => m.select_entry(n.saturating_sub(1)),
                _ => {}
            }
        }
        Action::FilterStart => {
            m.lists.typing = true;
            m.lists.filter.clear();
        }
        Action::SidebarOpen => {
            match m.layout.wrapped.section_start.get(m.lists.selected) {
                Some(&row) if !m.load.loading || m.lists.selected + 1 < m.doc.sections.len() => jump(m, row),
                _ if m.load.loading => m.notice = Some(format!("Section {} is still loading", m.lists.selected + 1)),
                _ => {}
            }
            leave_sidebar(m);
        }
        Action::SearchStart => {
            m.mode = ModeState::Search(String::new());
        }
        Action::CommandStart => {
            m.mode = ModeState::Command(String::new());
        }
        Action::PromptInput(c) => {
            if !c.is_control() {
                match prompt(m) {
                    Some(input) => input.push(c),
                    None => return Effect::None,
                }
                if m.lists.typing {
                    m.refilter();
                }
            }
        }
        Action::PromptErase => {
            if prompt(m).and_then(String::pop).is_none() {
                end_prompt(m);
            } else if m.lists.typing {
                m.refilter();
            }
        }
        Action::PromptSubmit if m.lists.typing => {
            m.lists.typing = false;
            m.refilter();
        }
        Action::PromptSubmit if m.mode() == Mode::Command => {
            let ModeState::Command(input) = std::mem::replace(&mut m.mode, ModeState::Normal) else {
                return Effect::None;
            };
            match lists::command(&input) {
                Ok(next) => return apply(m, next),
                Err(e) if e.is_empty() => {}
                Err(e) => m.notice = Some(e),
            }
        }
        Action::PromptSubmit => {
            let typed = match std::mem::replace(&mut m.mode, ModeState::Normal) {
                ModeState::Search(typed) => typed,
                _ => String::new(),
            };
            let query = if typed.is_empty() {
                // An empty query repeats the last search, as in less and vim.
                m.search.as_ref().map(|s| s.query.clone()).unwrap_or_default()
            } else {
                typed
            };
            if query.is_empty() {
                return Effect::None;
            }
            let matches = search::find(&m.layout.wrapped.rows, &query);
            if matches.is_empty() {
                m.notice = Some(format!("Not found: {query}"));
                m.search = None;
                return Effect::None;
            }
            let current = matches.iter().position(|x| x.row >= m.top).unwrap_or(0);
            m.search = Some(Search { query, matches, current });
            go_to_match(m);
        }
        Action::NextMatch | Action::PrevMatch => {
            let Some(s) = &mut m.search else {
                m.notice = Some("No search yet: press / to search".to_string());
                return Effect::None;
            };
            let n = s.matches.len();
            s.current = if action == Action::NextMatch { (s.current + 1) % n } else { (s.current + n - 1) % n };
            let wrapped =
                (action == Action::NextMatch && s.current == 0) || (action == Action::PrevMatch && s.current == n - 1);
            go_to_match(m);
            if wrapped && n > 1 {
                m.notice = Some("Search wrapped around".to_string());
            }
        }
        Action::Back => match m.nav.history.pop() {
            Some(anchor) => {
                m.nav.forward.push(m.layout.wrapped.anchor(m.top));
                m.top = scroll::clamp(m.layout.wrapped.row_of(anchor) as i64, m.max_top());
            }
            None if m.file.can_leave => return Effect::Leave,
            None => m.notice = Some("Nowhere to go back to".to_string()),
        },
        Action::HintStart => {
            // Labels go on the article: a sidebar over it gets out of the way.
            if m.panes().overlay {
                m.view.sidebar_choice = Some(false);
                m.focus = Focus::Article;
                m.relayout();
            }
            let hints = links::hints(&m.layout.wrapped, m.top, m.page());
            if hints.is_empty() {
                m.notice = Some("No links on screen".to_string());
            } else {
                m.mode = ModeState::Hint { hints, typed: String::new() };
                m.focus = Focus::Article;
                m.notice = Some("Follow a link: type its label · Esc cancels".to_string());
            }
        }
        Action::HintKey(c) => {
            let ModeState::Hint { hints, typed } = &mut m.mode else { return Effect::None };
            typed.push(c);
            let input = typed.clone();
            let exact = hints.iter().find(|h| h.label == input).map(|h| h.link);
            let more = hints.iter().any(|h| h.label.starts_with(&input) && h.label != input);
            match (exact, more) {
                (Some(link), _) => {
                    end_hints(m);
                    let target = m.layout.wrapped.links.get(link as usize - 1).cloned().unwrap_or_default();
                    return follow(m, &target);
                }
                (None, true) => m.notice = Some(format!("Follow a link: {input}")),
                (None, false) => {
                    m.notice = Some(format!("No link is labelled {input}"));
                    end_hints(m);
                }
            }
        }
        Action::HintErase => {
            if let ModeState::Hint { typed, .. } = &mut m.mode {
                typed.pop();
                m.notice = Some(format!("Follow a link: {typed}"));
            }
        }
        Action::ConfirmOpen(yes) => {
            if let ModeState::Confirm(url) = std::mem::replace(&mut m.mode, ModeState::Normal) {
                if yes {
                    return Effect::OpenUrl(url);
                }
                m.notice = Some("Not opened".to_string());
            }
        }
        Action::Forward => match m.nav.forward.pop() {
            Some(anchor) => {
                m.nav.history.push(m.layout.wrapped.anchor(m.top));
                m.top = scroll::clamp(m.layout.wrapped.row_of(anchor) as i64, m.max_top());
            }
            None => m.notice = Some("Nowhere to go forward to".to_string()),
        },
        Action::MarkSet => {
            m.nav.pending_mark = Some(super::MarkOp::Set);
            m.notice = Some("Mark: type a letter".to_string());
        }
        Action::MarkJump => {
            m.nav.pending_mark = Some(super::MarkOp::Jump);
            m.notice = Some("Go to mark: type its letter".to_string());
        }
        Action::MarkKey(c) => match m.nav.pending_mark.take() {
            Some(super::MarkOp::Set) if c.is_ascii_alphabetic() => {
                m.nav.marks.insert(c, m.layout.wrapped.anchor(m.top));
                m.notice = Some(format!("Mark '{c}' set"));
            }
            // `''`: back to where the last jump started, as in less and vim
            // (again: back here).
            Some(super::MarkOp::Jump) if c == '\'' || c == '`' => match m.nav.history.pop() {
                Some(anchor) => {
                    let here = m.layout.wrapped.anchor(m.top);
                    m.top = scroll::clamp(m.layout.wrapped.row_of(anchor) as i64, m.max_top());
                    m.nav.history.push(here);
                }
                None => m.notice = Some("No previous position yet".to_string()),
            },
            Some(super::MarkOp::Jump) => match m.nav.marks.get(&c).copied() {
                Some(anchor) => {
                    let row = m.layout.wrapped.row_of(anchor);
                    jump(m, row);
                }
                None => m.notice = Some(format!("No mark '{c}'")),
            },
            _ => {}
        },
        Action::MarkUnread => {
            let s = m.current_section();
            if s < m.reading.read.len() {
                m.mark_unread(s);
                m.notice = Some(format!("§{} marked unread", s + 1));
            }
        }
        Action::Still(ms) => m.still_for(ms),
        Action::Copy(all) => {
            let text = if all {
                crate::document::summary::outline_markdown(&m.doc, m.wpm())
            } else {
                // The whole claim, never the shortened one.
                match m.doc.sections.get(m.current_section()).and_then(|s| s.full_claim().or(Some(&s.claim.text))) {
                    Some(text) if !text.is_empty() => text.to_string(),
                    _ => {
                        m.notice = Some("This section has no claim to copy".to_string());
                        return Effect::None;
                    }
                }
            };
            return Effect::Copy(text);
        }
        Action::Copied(outcome) => {
            m.notice = Some(
                match outcome {
                    super::CopyOutcome::System => "Copied to the clipboard",
                    super::CopyOutcome::Terminal => {
                        "Sent to the terminal's clipboard (OSC 52); a terminal that blocks it copies nothing"
                    }
                    super::CopyOutcome::Failed => "Could not copy: no system clipboard and the terminal refused",
                }
                .to_string(),
            );
        }
        Action::ToggleSidebar => {
            let shown = m.sidebar_shown();
            m.view.sidebar_choice = Some(!shown);
            if shown {
                m.focus = Focus::Article;
            }
            m.relayout();
            // A sidebar over the text takes the keys while it is open.
            if !shown && m.panes().overlay {
                m.lists.selected = m.current_section();
                m.focus = Focus::Sidebar;
            }
        }
        Action::ToggleHelp => {
            m.mode = if m.mode() == Mode::Help { ModeState::Normal } else { ModeState::Help { top: 0 } };
        }
        Action::HelpScroll(d) => help_scroll(m, |top, _, _| top + i64::from(d)),
        Action::HelpPage(d) => help_scroll(m, |top, page, _| top + i64::from(d) * page),
        Action::HelpEdge(end) => help_scroll(m, |_, _, max| if end { max as i64 } else { 0 }),
        Action::Escape if m.lists.typing || !m.lists.filter.is_empty() => {
            m.lists.typing = false;
            m.lists.filter.clear();
        }
        Action::Escape => match m.mode() {
            Mode::Hint | Mode::Confirm | Mode::Help | Mode::Search | Mode::Skim | Mode::Command | Mode::Annotate => {
                m.mode = ModeState::Normal;
            }
            Mode::Normal => {
                if m.focus == Focus::Sidebar {
                    leave_sidebar(m);
                } else if m.panes().overlay {
                    m.view.sidebar_choice = Some(false);
                } else if m.search.take().is_some() {
                    m.notice = Some("Search cleared".to_string());
                }
            }
        },
        Action::ToggleClaims => {
            m.view.show_claims = !m.view.show_claims;
            m.notice = Some(if m.view.show_claims { "Claim marks on" } else { "Claim marks off" }.to_string());
        }
        Action::Quit => return Effect::Quit,
        Action::QuitAll => return Effect::QuitAll,
        Action::Suspend => return Effect::Suspend,
        Action::Annotate
        | Action::AcceptClaim
        | Action::UndoClaim
        | Action::EditorMove(_)
        | Action::EditorEdge(_)
        | Action::EditorDelete
        | Action::EditorEraseWord
        | Action::EditorEraseToStart => return super::editor::apply(m, action),
        Action::Edit => match &m.file.path {
            Some(path) => {
                let line = m.doc.sections.get(m.current_section()).map_or(1, |s| s.line.max(1));
                return Effect::Edit { path: path.clone(), line };
            }
            None => {
                m.notice = Some(
                    "Nothing to edit: this text was not read from a file (the embedded briefing or standard input)"
                        .to_string(),
                );
            }
        },
        Action::Resize(w, h) => {
            m.width = w;
            m.height = h;
            m.relayout();
            if m.mode() == Mode::Hint {
                // The links on screen moved: label them again.
                let hints = links::hints(&m.layout.wrapped, m.top, m.page());
                m.mode = ModeState::Hint { hints, typed: String::new() };
            }
        }
        Action::Wheel { x, y, down } => {
            let d = if down { 1 } else { -1 };
            let p = m.panes();
            match p.sidebar {
                Some(r) if r.contains((x, y).into()) => {
                    return act(m, Action::SidebarMove(d));
                }
                _ => scroll_by(m, 3 * d as i64),
            }
        }
        Action::Click { x, y } => {
            let p = m.panes();
            match p.sidebar {
                Some(r) if r.contains((x, y).into()) => {
                    let inner_y = y.saturating_sub(p.sidebar_list().map_or(r.y, |l| l.y));
                    if let Some(i) = sidebar::entry_at(&m.sidebar_entries(), inner_y) {
                        m.lists.selected = i;
                        return act(m, Action::SidebarOpen);
                    }
                }
                Some(_) if p.overlay => {
                    m.view.sidebar_choice = Some(false);
                    m.focus = Focus::Article;
                }
                _ => {}
            }
        }
    }
    Effect::None
}

/// More of a document being read in the background: every section's
/// title first, then the whole text with its claims.
#[derive(Debug)]
pub enum Loaded {
    Outline(Vec<crate::document::parse::OutlineEntry>),
    Document(crate::document::Document, crate::layout::WrappedDoc),
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
        // The last message: the whole text with its claims.
        Loaded::Document(doc, wrapped) => {
            m.replace_document(doc, Some(wrapped), None);
            m.load.loading = false;
        }
        Loaded::Hash(hash) => m.file.content_hash = Some(hash),
        Loaded::Notice(text) => m.notice = Some(text),
    }
}

fn scroll_by(m: &mut Model, delta: i64) {
    m.top = scroll::clamp(m.top as i64 + delta, m.max_top());
}

/// Moves to `row`, remembering where the reader was.
fn jump(m: &mut Model, row: usize) {
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

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
