//! The one gate between document text and a terminal cell.
//!
//! Every string that came from a document passes through [`sanitize`] once,
//! right after parsing, so nothing downstream (layout, view, print) can emit a
//! control sequence the document smuggled in. pulldown-cmark decodes `&#27;`
//! into a real ESC, which is why this runs on parsed text, not on input bytes.

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;

/// How tabs are treated: prose turns a tab into one space; code expands it to
/// the next tab stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tabs {
    Prose,
    Code,
}

/// Width of a tab stop in code blocks.
pub const TAB_STOP: usize = 4;

/// Most combining marks kept on one base character; longer runs ("Zalgo"
/// text) are cut so a line cannot grow unboundedly tall or slow.
pub const MAX_COMBINING: usize = 3;

/// Makes text safe to place in a terminal cell.
///
/// - C0 controls (but `\n`) and DEL become their visible Control Pictures
///   (ESC shows as `␛`), C1 controls become `�`;
/// - tabs become a space (prose) or spaces to the next tab stop (code);
/// - bidirectional embeddings, overrides, isolates and marks are removed, so a
///   line cannot be reordered;
/// - zero-width spaces, the byte-order mark, tag characters (U+E0000 to
///   U+E007F), interlinear annotation marks, U+180E and soft hyphens are
///   removed; U+2028/U+2029 become spaces;
/// - more than [`MAX_COMBINING`] combining marks in a row are dropped.
///
/// Sanitising twice gives the same text as sanitising once.
pub fn sanitize(text: &str, tabs: Tabs) -> Cow<'_, str> {
    if text.chars().all(is_plain) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut column = 0usize;
    let mut marks = 0usize;
    for c in text.chars() {
        if is_combining_mark(c) {
            marks += 1;
            if marks <= MAX_COMBINING {
                out.push(c);
            }
            continue;
        }
        // A dropped character is invisible: it does not end a run of marks.
        if replacement(c) == Some(None) {
            continue;
        }
        marks = 0;
        match c {
            '\n' => {
                out.push('\n');
                column = 0;
                continue;
            }
            '\t' => {
                let n = match tabs {
                    Tabs::Prose => 1,
                    Tabs::Code => TAB_STOP - column % TAB_STOP,
                };
                out.extend(std::iter::repeat_n(' ', n));
                column += n;
                continue;
            }
            _ => {}
        }
        if let Some(Some(r)) = replacement(c) {
            out.push(r);
            column += 1;
        } else {
            out.push(c);
            column += 1;
        }
    }
    Cow::Owned(out)
}

/// One line for a message, a file name or a tab-separated field: sanitised,
/// and line breaks shown as `␊` (nothing can start a new line or a new
/// field, or reach the terminal as a control).
pub fn one_line(text: &str) -> String {
    sanitize(text, Tabs::Prose).replace('\n', "\u{240A}")
}

/// A file's name (without its folder) as messages and the shelf show it, sanitised.
pub fn file_name(path: &std::path::Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    clean(name, Tabs::Prose)
}

/// Sanitises in place, reusing the allocation when nothing changes.
pub fn clean(text: String, tabs: Tabs) -> String {
    match sanitize(&text, tabs) {
        Cow::Borrowed(_) => text,
        Cow::Owned(s) => s,
    }
}

/// True for characters that pass unchanged (the fast path).
fn is_plain(c: char) -> bool {
    match c {
        ' '..='~' | '\n' => true,
        _ if (c as u32) < 0xA0 => false,
        _ => replacement(c).is_none() && !is_combining_mark(c),
    }
}

/// `None`: keep the character. `Some(None)`: drop it. `Some(Some(r))`: show `r`.
fn replacement(c: char) -> Option<Option<char>> {
    let code = c as u32;
    match code {
        0x00..=0x1F => Some(char::from_u32(0x2400 + code)),
        0x7F => Some(Some('\u{2421}')),
        0x80..=0x9F => Some(Some('\u{FFFD}')),
        // Bidi embeddings, overrides, isolates and marks.
        0x202A..=0x202E | 0x2066..=0x2069 | 0x200E | 0x200F | 0x061C => Some(None),
        // Zero-width space, word joiner, invisible operators, byte-order mark.
        0x200B | 0x2060..=0x2064 | 0xFEFF => Some(None),
        // Invisible format characters that carry hidden text or break
        // words unseen: tag characters, interlinear annotation marks, the
        // Mongolian vowel separator, the soft hyphen.
        0xE0000..=0xE007F | 0xFFF9..=0xFFFB | 0x180E | 0xAD => Some(None),
        0x2028 | 0x2029 => Some(Some(' ')),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_and_bell_become_visible_symbols() {
        let s = sanitize("a\u{1b}]0;pwned\u{7}b", Tabs::Prose);
        assert_eq!(s, "a\u{241b}]0;pwned\u{2407}b");
    }

    #[test]
    fn invisible_format_characters_are_removed() {
        let hidden = "ok\u{E0041}\u{E0042}\u{FFF9}note\u{FFFA}\u{FFFB}x\u{180E}y\u{AD}z";
        assert_eq!(sanitize(hidden, Tabs::Prose), "oknotexyz");
    }

    #[test]
    fn c1_controls_are_replaced() {
        assert_eq!(sanitize("x\u{9b}31m", Tabs::Prose), "x\u{FFFD}31m");
    }

    #[test]
    fn bidi_overrides_are_removed() {
        assert_eq!(sanitize("abc\u{202E}def\u{2066}g", Tabs::Prose), "abcdefg");
    }

    #[test]
    fn tabs_expand_to_stops_in_code_and_one_space_in_prose() {
        assert_eq!(sanitize("a\tb", Tabs::Prose), "a b");
        assert_eq!(sanitize("a\tb\n\tc", Tabs::Code), "a   b\n    c");
    }

    #[test]
    fn combining_runs_are_capped() {
        let zalgo = format!("e{}", "\u{301}".repeat(50));
        let s = sanitize(&zalgo, Tabs::Prose);
        assert_eq!(s.chars().count(), 1 + MAX_COMBINING);
    }

    #[test]
    fn a_dropped_character_does_not_restart_a_run_of_marks() {
        // Found by the property test: a bidi override between marks.
        let s = sanitize("e\u{301}\u{302}\u{303}\u{304}\u{202e}\u{acb}", Tabs::Prose).into_owned();
        assert_eq!(s, "e\u{301}\u{302}\u{303}");
        assert_eq!(sanitize(&s, Tabs::Prose), s);
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(sanitize("héllo 世界 🎉", Tabs::Prose), Cow::Borrowed(_)));
    }

    #[test]
    fn sanitising_twice_changes_nothing() {
        for s in ["\u{1b}[2J\t\u{9b}x\u{202e}", "e\u{301}\u{301}\u{301}\u{301}\u{301}", "\u{0}\u{7f}"] {
            let once = sanitize(s, Tabs::Code).into_owned();
            assert_eq!(sanitize(&once, Tabs::Code), once);
        }
    }
}
