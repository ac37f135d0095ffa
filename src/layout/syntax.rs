//! Syntax highlighting of fenced code: a code block's language tag picks a
//! grammar (syntect's bundled Sublime grammars), and each piece of a line
//! gets a [`Token`] role for the theme to colour. Highlighting happens
//! apart from layout ([`prepare`], usually on another thread) and is
//! remembered per block; layout only looks the result up. The grammars load
//! on the first block that names a language, so a document without code
//! never pays for them.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::{Arc, LazyLock, Mutex};

use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxSet};

use crate::document::{Block, BlockKind, Document};

/// What a piece of code is, as far as the theme cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Token {
    Plain,
    Keyword,
    String,
    Number,
    Comment,
    Type,
    Function,
}

/// One line's pieces: byte ranges within the line and their tokens.
pub type LineTokens = Vec<(Range<usize>, Token)>;

/// Blocks larger than this, or with longer lines, are shown plain: a
/// backtracking grammar on a hostile line could otherwise take seconds.
const MAX_BLOCK: usize = 64 * 1024;
const MAX_LINE: usize = 2000;

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// Bumped each time a document's code has been highlighted, so the reader
/// knows to lay its article out again.
static GENERATION: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

pub fn generation() -> usize {
    GENERATION.load(std::sync::atomic::Ordering::Acquire)
}

/// The fenced code blocks of a document that name a language.
pub fn code_blocks(doc: &Document) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for s in &doc.sections {
        for b in &s.blocks {
            b.walk(&mut |b: &Block| {
                if let BlockKind::Code { lang: Some(lang), text } = &b.kind {
                    out.push((lang.clone(), text.clone()));
                }
            });
        }
    }
    out
}

/// Highlights every code block of `doc` now, so the next layout shows it
/// in colour (printing does this before it lays out).
pub fn prepare(doc: &Document) {
    prepare_blocks(&code_blocks(doc));
}

/// [`prepare`] for blocks already gathered with [`code_blocks`].
pub fn prepare_blocks(blocks: &[(String, String)]) {
    if blocks.is_empty() {
        return;
    }
    for (lang, text) in blocks {
        highlight_cached(lang, text);
    }
    GENERATION.fetch_add(1, std::sync::atomic::Ordering::Release);
}

/// The same on another thread: the first frame never waits for grammars to
/// load or their patterns to compile (tens of milliseconds); the reader
/// lays the article out again when [`generation`] changes. A document
/// without fenced code starts no thread and loads nothing.
pub fn prepare_in_background(doc: &Document) {
    let blocks = code_blocks(doc);
    if blocks.is_empty() {
        return;
    }
    std::thread::spawn(move || prepare_blocks(&blocks));
}

/// Scope prefixes to tokens, most specific first.
static CLASSES: LazyLock<Vec<(Scope, Token)>> = LazyLock::new(|| {
    [
        ("comment", Token::Comment),
        ("string", Token::String),
        ("constant.numeric", Token::Number),
        ("constant.character", Token::String),
        ("constant.language", Token::Keyword),
        ("entity.name.type", Token::Type),
        ("entity.name.class", Token::Type),
        ("support.type", Token::Type),
        ("support.class", Token::Type),
        ("entity.name.function", Token::Function),
        ("support.function", Token::Function),
        ("variable.function", Token::Function),
        ("keyword", Token::Keyword),
        ("storage", Token::Keyword),
    ]
    .into_iter()
    .filter_map(|(s, t)| Scope::new(s).ok().map(|s| (s, t)))
    .collect()
});

/// Whether a language tag names a grammar we have. Loads the grammars.
pub fn knows(lang: &str) -> bool {
    grammar_name(lang).is_some()
}

fn grammar_name(lang: &str) -> Option<&'static syntect::parsing::SyntaxReference> {
    // Info strings may carry more than the language: "rust,ignore", "py title=x".
    let tag = lang.split([',', ' ', '{']).next().unwrap_or("").trim();
    if tag.is_empty() || tag.len() > 40 {
        return None;
    }
    let set: &'static SyntaxSet = &SYNTAXES;
    set.find_syntax_by_token(tag).or_else(|| set.find_syntax_by_token(&tag.to_ascii_lowercase()))
}

/// Highlighted blocks already seen, by a hash of language and text: a
/// block is highlighted once, not again at every width the article is laid
/// out for (a resize, the sidebar shown or hidden).
type Highlighted = Option<Arc<Vec<LineTokens>>>;
static CACHE: LazyLock<Mutex<HashMap<u64, Highlighted>>> = LazyLock::new(Default::default);
const CACHE_ENTRIES: usize = 20_000;

fn key(lang: &str, text: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    (lang, text).hash(&mut h);
    h.finish()
}

/// The highlighted block if [`prepare`] has done it; layout uses only this,
/// so laying out never compiles a grammar.
pub fn lookup(lang: &str, text: &str) -> Highlighted {
    CACHE.lock().ok().and_then(|c| c.get(&key(lang, text)).cloned()).flatten()
}

/// [`highlight`], remembered.
pub fn highlight_cached(lang: &str, text: &str) -> Highlighted {
    let key = key(lang, text);
    if let Some(hit) = CACHE.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return hit;
    }
    let tokens = highlight(lang, text).map(Arc::new);
    if let Ok(mut c) = CACHE.lock() {
        if c.len() >= CACHE_ENTRIES {
            c.clear();
        }
        c.insert(key, tokens.clone());
    }
    tokens
}

/// The tokens of each line of `text` (split at `\n`) as byte ranges within
/// the line, covering it whole; `None` when the language is unknown or the
/// block too large to highlight safely.
pub fn highlight(lang: &str, text: &str) -> Option<Vec<LineTokens>> {
    if text.len() > MAX_BLOCK || text.split('\n').any(|l| l.len() > MAX_LINE) {
        return None;
    }
    let syntax = grammar_name(lang)?;
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut out = Vec::new();
    for line in text.split('\n') {
        // The bundled grammars expect each line to end with its newline.
        let with_nl = format!("{line}\n");
        let ops = state.parse_line(&with_nl, &SYNTAXES).ok()?;
        let mut pieces: LineTokens = Vec::new();
        let mut at = 0;
        let push = |pieces: &mut LineTokens, from: usize, to: usize, t: Token| {
            let to = to.min(line.len());
            if from >= to {
                return;
            }
            match pieces.last_mut() {
                Some((r, last)) if *last == t && r.end == from => r.end = to,
                _ => pieces.push((from..to, t)),
            }
        };
        for (pos, op) in ops {
            push(&mut pieces, at, pos, classify(&stack));
            at = at.max(pos);
            stack.apply(&op).ok()?;
        }
        push(&mut pieces, at, line.len(), classify(&stack));
        out.push(pieces);
    }
    Some(out)
}

/// The token of the innermost scope that names one.
fn classify(stack: &ScopeStack) -> Token {
    for scope in stack.as_slice().iter().rev() {
        if let Some((_, t)) = CLASSES.iter().find(|(p, _)| p.is_prefix_of(*scope)) {
            return *t;
        }
    }
    Token::Plain
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token_of(lang: &str, text: &str, piece: &str) -> Token {
        let lines = highlight(lang, text).expect("a known language");
        for (line, toks) in text.split('\n').zip(&lines) {
            for (r, t) in toks {
                if &line[r.clone()] == piece {
                    return *t;
                }
            }
        }
        panic!("{piece:?} is not one token in {lines:?}");
    }

    #[test]
    fn rust_keywords_strings_and_comments_are_told_apart() {
        let code = "// a note\nfn main() {\n    let s = \"hi\";\n}";
        assert_eq!(token_of("rust", code, "// a note"), Token::Comment);
        assert_eq!(token_of("rust", code, "let"), Token::Keyword);
        assert_eq!(token_of("rust", code, "main"), Token::Function);
    }

    #[test]
    fn tokens_cover_every_line_whole() {
        let code = "def f(x):\n    return x + 1  # one more\n\nprint('ünïcode 漢字')";
        let lines = highlight("py", code).unwrap();
        for (line, toks) in code.split('\n').zip(&lines) {
            let joined: String = toks.iter().map(|(r, _)| &line[r.clone()]).collect();
            assert_eq!(joined, line);
        }
        assert_eq!(lines.len(), 4);
    }

    #[test]
    fn layout_colours_code_once_it_is_prepared() {
        use crate::layout::{Kind, wrap};
        let doc = crate::document::parse("# T\n\n```python\nimport sys  # unique-marker-7\n```\n");
        let kinds = |doc: &Document| -> Vec<Kind> {
            wrap(doc, 80).rows.iter().flat_map(|r| r.segments.iter().map(|s| s.role.kind)).collect()
        };
        assert!(!kinds(&doc).iter().any(|k| matches!(k, Kind::Syntax(_))), "plain before prepare");
        let before = generation();
        prepare(&doc);
        assert!(generation() > before);
        assert!(kinds(&doc).contains(&Kind::Syntax(Token::Comment)), "coloured after");
    }

    #[test]
    fn unknown_languages_and_huge_blocks_stay_plain() {
        assert!(highlight("no-such-language", "x").is_none());
        assert!(highlight("", "x").is_none());
        assert!(highlight("rust", &"x".repeat(MAX_LINE + 1)).is_none());
        assert!(knows("rust,ignore"));
        assert!(knows("Python"));
    }
}
