//! What the reader can be asked to do, named by intent. Keys, the mouse and
//! the terminal all become one of these before anything changes.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Scroll the article by lines (negative: up).
    ScrollLines(i32),
    /// Scroll by half a screen.
    ScrollHalfPages(i32),
    /// Scroll by a screen.
    ScrollPages(i32),
    Top,
    Bottom,
    NextSection,
    PrevSection,
    /// The next or previous heading at any level (sub-headings included).
    NextHeading,
    PrevHeading,
    /// Jump to section `n` (1-based).
    GotoSection(usize),
    /// Move focus between the article and the sidebar.
    ToggleFocus,
    /// Move the selection in a list (sidebar, skim view, shelf) by entries,
    /// by screens of entries, or to its first or last (`true`) entry.
    SidebarMove(i32),
    ListPage(i32),
    ListEdge(bool),
    /// Select entry `n` (1-based) of the list (a count before `g`/`G`).
    ListTo(usize),
    /// Jump to the selected sidebar entry.
    SidebarOpen,
    SearchStart,
    /// `:`: a command (`:42` goes to section 42, `:q` quits).
    CommandStart,
    /// `/` in a list (the sidebar, the skim view, the shelf): filter it.
    FilterStart,
    /// A character typed at the prompt open (search, command, filter),
    /// erasing one, and Enter.
    PromptInput(char),
    PromptErase,
    PromptSubmit,
    /// A digit of a count before a motion (`10j`, `3]`, `12G`).
    Count(u8),
    /// Go to the count's percentage of the document (`50p`, `p` alone: the top).
    Percent,
    /// Go to this percentage of the document.
    GotoPercent(usize),
    NextMatch,
    PrevMatch,
    /// Return to where the reader was before the last jump.
    Back,
    /// Undo a `Back`.
    Forward,
    /// `m`: the next letter names the current place.
    MarkSet,
    /// `'`: the next letter jumps to that named place.
    MarkJump,
    /// The letter after `m` or `'`.
    MarkKey(char),
    /// Mark the current section unread again.
    MarkUnread,
    /// Label the links on screen (hint mode).
    HintStart,
    /// A letter of a link's label.
    HintKey(char),
    HintErase,
    /// Open the web address asked about (`true`) or not.
    ConfirmOpen(bool),
    /// Open or close the skim view.
    ToggleSkim,
    /// Read the section selected in the skim view.
    SkimOpen,
    /// Copy the current section's claim (`false`) or the whole outline (`true`).
    Copy(bool),
    /// Where the shell put the copied text.
    Copied(CopyOutcome),
    ToggleSidebar,
    ToggleHelp,
    HelpScroll(i32),
    /// Help by screens, or to its start or end (`true`).
    HelpPage(i32),
    HelpEdge(bool),
    /// Close help, search or the sidebar overlay; never quits.
    Escape,
    ToggleClaims,
    /// Leave this document: back to the shelf when it was opened from
    /// one, else quit.
    Quit,
    /// Quit the program from anywhere.
    QuitAll,
    Suspend,
    /// Open the document in the user's editor at the current section.
    Edit,
    /// `a`: write (or fix) the section's claim in a one-line editor.
    Annotate,
    /// `A`: write the extracted claim as the author's.
    AcceptClaim,
    /// Undo the last claim written in this run.
    UndoClaim,
    /// The claim editor's cursor: a character left or right, to the start
    /// or the end (`true`); Delete; Ctrl-w; Ctrl-u.
    EditorMove(i8),
    EditorEdge(bool),
    EditorDelete,
    EditorEraseWord,
    EditorEraseToStart,
    Resize(u16, u16),
    /// The screen has stayed still this many milliseconds (from the shell,
    /// which keeps the clock): for the read rule.
    Still(u64),
    Wheel {
        x: u16,
        y: u16,
        down: bool,
    },
    Click {
        x: u16,
        y: u16,
    },
}

/// Where a copy went: the system clipboard, the terminal's clipboard
/// sequence (OSC 52, which a terminal may ignore), or nowhere.
/// Everything that changes the model: what the reader does, and what the
/// shell brings back from the world (the results of [`Effect`]s and of
/// work done on other threads). [`super::update()`] is the one door.
#[derive(Debug)]
pub enum Msg {
    /// A key, a click, a resize, time passing.
    Do(Action),
    /// More of a document being read in the background.
    Part(super::Loaded),
    /// The background read is over (everything arrived, or it died).
    PartsDone,
    /// A whole layout of `doc` with `code`, made on another thread (`None`:
    /// the thread making it died).
    Laid {
        doc: std::sync::Arc<crate::document::Document>,
        code: std::sync::Arc<crate::layout::Highlights>,
        wrapped: Option<crate::layout::WrappedDoc>,
    },
    /// Code blocks of `doc` highlighted on another thread ([`Effect::Highlight`]).
    Highlighted { doc: std::sync::Arc<crate::document::Document>, code: crate::layout::Highlights },
    /// The file at `path` as it is on disk now (`--watch`), laid out when
    /// it was read; or why it could not be read.
    Reloaded { path: std::path::PathBuf, read: Result<Reread, String> },
    /// A claim was written into the file ([`Effect::WriteClaim`]).
    ClaimWritten { written: Reread, section: usize, previous: Option<String>, removed: bool },
    /// Something the reader should know (a link that could not be opened).
    Notice(String),
    /// This document was opened from another one (a link, the shelf), at
    /// the heading `#fragment` when the link named one.
    Opened { anchor: Option<String> },
    /// A saved reading state to put back.
    Resume(super::saved::Saved),
    /// Pasted text: for the prompt that is open, else nothing.
    Paste(String),
    /// The queue is empty: the model may ask for work to be done elsewhere
    /// ([`Effect::LayOut`], [`Effect::Highlight`]) or do what is left here.
    Idle,
}

/// A document read again from its file: the document, its layout (when one
/// was made with it) and its fingerprint.
#[derive(Debug)]
pub struct Reread {
    pub doc: crate::document::Document,
    /// Its layout, and the highlighted code it was made with.
    pub wrapped: Option<(crate::layout::WrappedDoc, std::sync::Arc<crate::layout::Highlights>)>,
    pub fingerprint: String,
}

impl From<Action> for Msg {
    fn from(a: Action) -> Msg {
        Msg::Do(a)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyOutcome {
    System,
    Terminal,
    Failed,
}

/// What the shell must do after an update.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    None,
    /// Leave this document: back to the shelf when it was opened from
    /// one, else quit.
    Quit,
    Suspend,
    /// Put this text on the clipboard.
    Copy(String),
    /// Open a web address with the system's opener (the user said yes).
    OpenUrl(String),
    /// Read another document, a path relative to this one's folder.
    OpenFile {
        path: String,
        anchor: Option<String>,
    },
    /// Go back to the document or shelf this one was opened from.
    Leave,
    /// Quit the program, from wherever.
    QuitAll,
    /// Run the editor on `path` at `line`, then read the file again.
    Edit {
        path: std::path::PathBuf,
        line: usize,
    },
    /// Write `claim` as section `section`'s annotation in `path` (`None`:
    /// remove it), then show the file as it is; `previous` is what undo
    /// writes back.
    /// Lay `doc` out whole with `code` at `width` on another thread and
    /// send it back ([`Msg::Laid`]).
    LayOut {
        doc: std::sync::Arc<crate::document::Document>,
        code: std::sync::Arc<crate::layout::Highlights>,
        width: usize,
    },
    /// Highlight these code blocks (language and text) of `doc`, skipping
    /// what `known` has, on another thread ([`Msg::Highlighted`]).
    Highlight {
        doc: std::sync::Arc<crate::document::Document>,
        blocks: Vec<(String, String)>,
        known: std::sync::Arc<crate::layout::Highlights>,
    },
    /// Parse the sections of the source's text in `range` (the first on
    /// `line`) on another thread and send them back
    /// ([`super::Loaded::Parsed`]).
    Parse {
        source: crate::document::Source,
        range: std::ops::Range<usize>,
        line: usize,
    },
    /// Remember this fingerprint of the file at `path` (for the saved state).
    Fingerprint {
        path: std::path::PathBuf,
        fingerprint: String,
    },
    WriteClaim {
        path: std::path::PathBuf,
        place: crate::document::annotate::Place,
        section: usize,
        claim: Option<String>,
        previous: Option<String>,
    },
}
