//! Syntax highlighting of fenced code: a code block's language tag picks a
//! grammar (syntect's bundled Sublime grammars), and each piece of a line
//! gets a [`Token`] role for the theme to colour. Highlighting happens
//! apart from layout (usually on another thread) and its result is a plain
//! value, [`Highlights`], that layout is handed: laying out never compiles
//! a grammar and depends on nothing but its arguments. The grammars (an
//! immutable set) load on the first block that names a language, so a
//! document without code never pays for them.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::{Arc, LazyLock};

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

/// Backtracking steps one search of one grammar regex may take (over all
/// the places it starts from) before it counts as no match. Oniguruma's
/// default is no limit: a 2,000-byte line of `<!--` held the Makefile
/// grammar for minutes. A line of ordinary code takes a few thousand.
const MAX_SEARCH_STEPS: std::ffi::c_ulong = 1_000_000;

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(|| {
    // SAFETY: these only set two of Oniguruma's global defaults, read when a
    // search starts; no search can start before the grammars exist.
    unsafe {
        onig_sys::onig_set_retry_limit_in_search(MAX_SEARCH_STEPS);
        onig_sys::onig_set_retry_limit_in_match(MAX_SEARCH_STEPS);
    }
    SyntaxSet::load_defaults_newlines()
});

/// The fenced code blocks of `sections` that name a language: language and text.
pub fn code_blocks(sections: &[crate::document::Section]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for s in sections {
        for b in &s.blocks {
            b.walk(&mut |b: &Block| {
                if let BlockKind::Code { lang: Some(lang), text } = &b.kind {
                    out.push((lang.to_string(), text.clone()));
                }
            });
        }
    }
    out
}

/// A block's tokens (`None`: shown plain).
type Tokens = Option<Arc<BlockTokens>>;

/// A block's tokens as the cache keeps them. A line's pieces cover it
/// whole, one after another, so a piece keeps only where it ends in its
/// line (a line is at most [`MAX_LINE`] bytes) and its token: 4 bytes, not
/// a range and a token of 24 plus a vector a line (a document's 2,000
/// Rust blocks held 5 MB that way).
#[derive(Debug, PartialEq)]
pub struct BlockTokens {
    pieces: Box<[(u16, Token)]>,
    /// Where each line's pieces end in `pieces`.
    line_ends: Box<[u32]>,
}

impl BlockTokens {
    fn of(lines: &[LineTokens]) -> BlockTokens {
        let mut pieces = Vec::with_capacity(lines.iter().map(Vec::len).sum());
        let mut line_ends = Vec::with_capacity(lines.len());
        for line in lines {
            pieces.extend(line.iter().map(|(r, t)| (u16::try_from(r.end).unwrap_or(u16::MAX), *t)));
            line_ends.push(u32::try_from(pieces.len()).unwrap_or(u32::MAX));
        }
        BlockTokens { pieces: pieces.into(), line_ends: line_ends.into() }
    }

    /// Line `i`'s pieces: byte ranges within the line and their tokens.
    pub fn line(&self, i: usize) -> Option<impl Iterator<Item = (Range<usize>, Token)> + '_> {
        let end = *self.line_ends.get(i)? as usize;
        let start = i.checked_sub(1).map_or(0, |j| self.line_ends[j] as usize);
        let mut from = 0;
        Some(self.pieces.get(start..end).unwrap_or_default().iter().map(move |&(to, t)| {
            let r = from..usize::from(to);
            from = usize::from(to);
            (r, t)
        }))
    }
}

/// Code blocks highlighted so far, by a hash of their language and text
/// (so a block is highlighted once, whatever the width, and a reloaded
/// document keeps the colours of the blocks it did not change). A block
/// that cannot be highlighted (an unknown language, too large) is
/// remembered as plain. Bounded: past [`Highlights::MAX`] blocks the
/// oldest half is dropped (and highlighted again if it is shown again).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Highlights {
    blocks: HashMap<u64, (usize, Tokens)>,
    /// How many blocks were added before the next one (its age).
    added: usize,
}

impl Highlights {
    pub const MAX: usize = 20_000;

    /// Highlights `blocks` (language and text), skipping those `known` has.
    pub fn of(blocks: &[(String, String)], known: &Highlights) -> Highlights {
        let mut out = Highlights::default();
        for (lang, text) in blocks {
            let k = key(lang, text);
            if !known.blocks.contains_key(&k) && !out.blocks.contains_key(&k) {
                out.insert(k, highlight(lang, text).map(|lines| Arc::new(BlockTokens::of(&lines))));
            }
        }
        out
    }

    /// Every block of `doc`, highlighted (print mode, tests).
    pub fn of_document(doc: &Document) -> Highlights {
        let blocks: Vec<_> = doc.whole_sections().flat_map(|s| code_blocks(std::slice::from_ref(&*s))).collect();
        Highlights::of(&blocks, &Highlights::default())
    }

    fn insert(&mut self, k: u64, tokens: Tokens) {
        if self.blocks.len() >= Self::MAX {
            let cut = self.added - Self::MAX / 2;
            self.blocks.retain(|_, (age, _)| *age >= cut);
        }
        self.blocks.insert(k, (self.added, tokens));
        self.added += 1;
    }

    /// Adds what `other` highlighted.
    pub fn merge(&mut self, other: Highlights) {
        let mut fresh: Vec<_> = other.blocks.into_iter().collect();
        fresh.sort_by_key(|(_, (age, _))| *age);
        for (k, (_, tokens)) in fresh {
            self.insert(k, tokens);
        }
    }

    /// The tokens of a block, when it was highlighted.
    pub fn get(&self, lang: &str, text: &str) -> Option<&BlockTokens> {
        self.blocks.get(&key(lang, text)).and_then(|(_, t)| t.as_deref())
    }

    /// Whether the block was looked at (highlighted or found plain).
    pub fn has(&self, lang: &str, text: &str) -> bool {
        self.blocks.contains_key(&key(lang, text))
    }

    pub fn len(&self) -> usize {
        self.blocks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }
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

fn key(lang: &str, text: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    (lang, text).hash(&mut h);
    h.finish()
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
    fn layout_colours_the_code_it_is_handed() {
        use crate::layout::{Kind, wrap};
        let doc = crate::document::parse("# T\n\n```python\nimport sys  # a note\n```\n");
        let kinds = |code: &Highlights| -> Vec<Kind> {
            wrap(&doc, code, 80).all_rows().iter().flat_map(|r| r.segments.iter().map(|s| s.role.kind)).collect()
        };
        assert!(!kinds(&Highlights::default()).iter().any(|k| matches!(k, Kind::Syntax(_))), "plain without");
        let code = Highlights::of_document(&doc);
        assert_eq!(code.len(), 1);
        assert!(kinds(&code).contains(&Kind::Syntax(Token::Comment)), "coloured with");
        assert!(Highlights::of(&code_blocks(&doc.sections), &code).is_empty(), "nothing twice");
    }

    #[test]
    fn the_cache_gives_back_each_lines_pieces_as_highlighted() {
        let code = "fn main() {\n\n    let s = \"ünï 漢字\"; // note\n}";
        let lines = highlight("rust", code).unwrap();
        let kept = BlockTokens::of(&lines);
        for (i, line) in lines.iter().enumerate() {
            assert_eq!(&kept.line(i).unwrap().collect::<Vec<_>>(), line, "line {i}");
        }
        assert!(kept.line(lines.len()).is_none());
        let code = Highlights::of(&[("rust".into(), code.into())], &Highlights::default());
        assert!(code.get("rust", "fn main() {\n\n    let s = \"ünï 漢字\"; // note\n}").is_some());
    }

    #[test]
    fn the_highlights_stay_bounded_and_keep_the_newest() {
        let mut h = Highlights::default();
        for i in 0..Highlights::MAX + 10 {
            h.merge(Highlights::of(&[("nolang".into(), i.to_string())], &Highlights::default()));
        }
        assert!(h.len() <= Highlights::MAX);
        assert!(h.has("nolang", &(Highlights::MAX + 9).to_string()) && !h.has("nolang", "0"));
    }

    #[test]
    fn a_line_that_sends_a_grammar_backtracking_is_still_coloured() {
        // Without a limit on a search's steps this takes minutes: one of
        // the Makefile grammar's regexes backtracks without end on it. The
        // searches that pass the limit count as no match; the rest colour.
        let line = "<!--".repeat(MAX_LINE / 4 - 1);
        let lines = highlight("makefile", &format!("{line}\nx = 1")).expect("highlighted");
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].last().map(|(r, _)| r.end), Some(line.len()), "the whole line has pieces");
        assert!(lines[1].iter().any(|(_, t)| *t != Token::Plain), "the next line is coloured: {:?}", lines[1]);
        // Without the limit the test above still passes, minutes later: so
        // also check the limit every search starts with.
        // SAFETY: reads one of Oniguruma's global defaults.
        assert_eq!(unsafe { onig_sys::onig_get_retry_limit_in_search() }, MAX_SEARCH_STEPS);
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
