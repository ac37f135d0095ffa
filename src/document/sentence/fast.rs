//! Sentence boundaries of text made of common characters (ASCII, Latin-1's
//! letters, typographic quotes, dashes and spaces, CJK ideographs and full
//! stops, common symbols and pictographs), the same as unicode-segmentation's
//! (UAX #29) but from a table of those characters' classes instead of a
//! search of the Unicode tables, and with rule SB8's look-ahead remembered.
//! The claims' finder splits every paragraph of a document, and that crate's
//! character lookup was a quarter of its time. Text with any other
//! character goes to the crate. Tests hold this to the crate, for every
//! character of the table in every context of two, exhaustively on short
//! strings and at random on long ones.

/// A character's sentence-break class (UAX #29). None of the characters
/// taken here is a `Sep`, an `Extend` or a `Format`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Other,
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    OLetter,
    Numeric,
    ATerm,
    STerm,
    SContinue,
    Close,
}

/// The class of a character of the table; `None` for any other.
fn class(c: char) -> Option<Class> {
    Some(match c {
        '\r' => Class::Cr,
        '\n' => Class::Lf,
        '\t' | '\u{0b}' | '\u{0c}' | ' ' => Class::Sp,
        'a'..='z' => Class::Lower,
        'A'..='Z' => Class::Upper,
        '0'..='9' => Class::Numeric,
        '.' => Class::ATerm,
        '!' | '?' => Class::STerm,
        ',' | '-' | ':' | ';' => Class::SContinue,
        '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}' => Class::Close,
        '\0'..='\u{7f}' => Class::Other,
        // Latin-1: its letters (but for × and ÷), its quotes and its
        // space; the soft hyphen is a format character.
        '\u{a0}' => Class::Sp,
        '\u{aa}' | '\u{b5}' | '\u{ba}' => Class::Lower,
        '\u{ab}' | '\u{bb}' => Class::Close,
        '\u{ad}' => return None,
        '\u{a1}'..='\u{bf}' | '\u{d7}' | '\u{f7}' => Class::Other,
        '\u{c0}'..='\u{de}' => Class::Upper,
        '\u{df}'..='\u{ff}' => Class::Lower,
        // Dashes, quotes, spaces, the ellipsis and the bullet.
        '\u{2010}'..='\u{2012}' | '\u{2015}' => Class::Other,
        '\u{2013}' | '\u{2014}' => Class::SContinue,
        '\u{2018}'..='\u{201f}' => Class::Close,
        '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => Class::Sp,
        '\u{2022}' | '\u{2026}' | '\u{2190}'..='\u{21ff}' | '\u{2500}'..='\u{257f}' => Class::Other,
        // Symbols and pictographs (the skin tones, 1F3FB to 1F3FF, extend;
        // the ornamental quotes and brackets close).
        '\u{275b}'..='\u{2760}' | '\u{2768}'..='\u{2775}' => Class::Close,
        '\u{2600}'..='\u{27bf}' | '\u{1f300}'..='\u{1f3fa}' | '\u{1f400}'..='\u{1f64f}' => Class::Other,
        '\u{1f680}'..='\u{1f6ff}' | '\u{1f900}'..='\u{1f9ff}' => Class::Other,
        // CJK: ideographs, and the full stops and commas written with them.
        '\u{4e00}'..='\u{9fff}' => Class::OLetter,
        '\u{3002}' | '\u{ff01}' | '\u{ff1f}' => Class::STerm,
        '\u{3001}' | '\u{ff0c}' | '\u{ff1a}' | '\u{ff1b}' => Class::SContinue,
        _ => return None,
    })
}

/// What the state remembers of the text just before a position (runs of
/// `Close` and of `Sp` each count as one).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Sot,
    Other,
    Cr,
    Lf,
    ATerm,
    UpperLower,
    ClosePlus,
    SpPlus,
    STerm,
}

type State = [Part; 4];

fn next_state(s: State, c: Class) -> State {
    match (s[3], c) {
        (Part::ClosePlus, Class::Close) | (Part::SpPlus, Class::Sp) => s,
        _ => [
            s[1],
            s[2],
            s[3],
            match c {
                Class::Cr => Part::Cr,
                Class::Lf => Part::Lf,
                Class::ATerm => Part::ATerm,
                Class::Upper | Class::Lower => Part::UpperLower,
                Class::Close => Part::ClosePlus,
                Class::Sp => Part::SpPlus,
                Class::STerm => Part::STerm,
                _ => Part::Other,
            },
        ],
    }
}

/// `SATerm Close* Sp*`'s last term (SB8, SB8a, SB10).
fn before_close_sp(s: &State) -> Part {
    let mut i = if s[3] == Part::SpPlus { 2 } else { 3 };
    if s[i] == Part::ClosePlus {
        i -= 1;
    }
    s[i]
}

fn is_saterm(p: Part) -> bool {
    matches!(p, Part::ATerm | Part::STerm)
}

/// The byte offsets where sentences start, then the end of the text.
struct Breaks<'a> {
    text: &'a str,
    pos: usize,
    state: State,
    ended: bool,
    /// SB8's look-ahead from a position depends only on the first
    /// deciding byte at or after it: that byte's offset and the answer.
    lookahead: Option<(usize, bool)>,
}

impl Breaks<'_> {
    /// After a letter or an `Other` no rule can break before a character
    /// that is not a terminator or a line end: no walk back over closing
    /// marks and spaces reaches a terminator. Such a run of ASCII is passed
    /// over at once, and of the state only its last part (the run's last
    /// byte's) is ever read again (SB7 reads the part before a full stop).
    fn skip_quiet_run(&mut self) {
        if !matches!(self.state[3], Part::Other | Part::UpperLower) {
            return;
        }
        let bytes = &self.text.as_bytes()[self.pos..];
        let run = bytes.iter().position(|&b| matches!(b, b'.' | b'!' | b'?' | b'\r' | b'\n') || !b.is_ascii());
        let run = run.unwrap_or(bytes.len());
        if run > 0 {
            let last = class(char::from(bytes[run - 1])).unwrap_or(Class::Other);
            self.state = next_state([Part::Other; 4], last);
            self.pos += run;
        }
    }

    /// SB8: `ATerm Close* Sp* × (¬(OLetter | Upper | Lower | ParaSep | SATerm))* Lower`.
    fn lower_follows(&mut self, from: usize) -> bool {
        if let Some((decided, answer)) = self.lookahead
            && from <= decided
        {
            return answer;
        }
        let found = self.text[from..].char_indices().find_map(|(i, c)| {
            let c = class(c).unwrap_or(Class::Other);
            matches!(
                c,
                Class::Lower | Class::Upper | Class::OLetter | Class::Cr | Class::Lf | Class::STerm | Class::ATerm
            )
            .then_some((from + i, c == Class::Lower))
        });
        let (decided, answer) = found.unwrap_or((self.text.len(), false));
        self.lookahead = Some((decided, answer));
        answer
    }
}

impl Iterator for Breaks<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        loop {
            self.skip_quiet_run();
            let Some(ch) = self.text[self.pos..].chars().next() else { break };
            let before = self.pos;
            let was = self.state;
            let c = class(ch).unwrap_or(Class::Other);
            self.pos += ch.len_utf8();
            self.state = next_state(was, c);
            let last = was[3];
            // The rules in order, as in UAX #29 (SB5 has nothing to skip).
            if last == Part::Sot {
                return Some(before); // SB1
            }
            if c == Class::Lf && last == Part::Cr {
                continue; // SB3
            }
            if matches!(last, Part::Cr | Part::Lf) {
                return Some(before); // SB4
            }
            if c == Class::Numeric && last == Part::ATerm {
                continue; // SB6
            }
            if c == Class::Upper && was[2] == Part::UpperLower && last == Part::ATerm {
                continue; // SB7
            }
            if before_close_sp(&was) == Part::ATerm && self.lower_follows(before) {
                continue; // SB8
            }
            if matches!(c, Class::SContinue | Class::STerm | Class::ATerm) && is_saterm(before_close_sp(&was)) {
                continue; // SB8a
            }
            let close = if last == Part::ClosePlus { was[2] } else { last };
            if matches!(c, Class::Close | Class::Sp | Class::Cr | Class::Lf) && is_saterm(close) {
                continue; // SB9
            }
            if matches!(c, Class::Sp | Class::Cr | Class::Lf) && is_saterm(before_close_sp(&was)) {
                continue; // SB10
            }
            // SB11: SATerm Close* Sp* ParaSep? ÷
            let mut i = if matches!(last, Part::Cr | Part::Lf) { 2 } else { 3 };
            if was[i] == Part::SpPlus {
                i -= 1;
            }
            if was[i] == Part::ClosePlus {
                i -= 1;
            }
            if is_saterm(was[i]) {
                return Some(before);
            }
        }
        // SB2: the end of a text that is not empty.
        if self.ended || self.state[3] == Part::Sot {
            return None;
        }
        self.ended = true;
        Some(self.pos)
    }
}

/// Whether [`bounds`] can split `text`: all its characters are in the table.
pub fn can_split(text: &str) -> bool {
    text.is_ascii() || text.chars().all(|c| class(c).is_some())
}

/// Each sentence of `text` (which [`can_split`]) with its byte offset, as
/// `split_sentence_bound_indices` gives them.
pub fn bounds(text: &str) -> impl Iterator<Item = (usize, &str)> {
    debug_assert!(can_split(text));
    let mut breaks = Breaks { text, pos: 0, state: [Part::Sot; 4], ended: false, lookahead: None };
    let mut start = breaks.next();
    std::iter::from_fn(move || {
        let from = start?;
        let to = breaks.next()?;
        start = Some(to);
        Some((from, &text[from..to]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn crate_bounds(text: &str) -> Vec<(usize, &str)> {
        text.split_sentence_bound_indices().collect()
    }

    /// Every character of the table (of the CJK ideographs, one in 61 and
    /// both ends) between each pair of a small set that has one character
    /// of every class, and in front of and behind them: a character of the
    /// wrong class changes a boundary in one of these.
    #[test]
    fn every_character_of_the_table_splits_as_the_unicode_rules_do_in_every_context_of_two() {
        let context = ["a", "A", "1", ".", "!", ",", ")", " ", "\n", "\r", "#", "中", ". a", ". A", "a. ", ".) a"];
        let cjk = '\u{4e00}'..='\u{9fff}';
        let table = (0..=0x10ffff).filter_map(char::from_u32).filter(|&c| class(c).is_some());
        let mut tried = 0;
        for c in table.filter(|&c| !cjk.contains(&c) || (c as u32 - 0x4e00).is_multiple_of(61) || c == '\u{9fff}') {
            for x in context {
                for y in context {
                    for text in [format!("{x}{c}{y}"), format!("{c}{x}{y}"), format!("{x}{y}{c}")] {
                        assert_eq!(bounds(&text).collect::<Vec<_>>(), crate_bounds(&text), "{text:?}");
                    }
                }
            }
            tried += 1;
        }
        assert!(tried > 700, "{tried}");
    }

    #[test]
    fn text_with_a_character_outside_the_table_goes_to_the_unicode_rules() {
        assert!(can_split("“Plain” text — with 稀土。 🎉"));
        for outside in ["e\u{301}", "\u{ad}", "\u{85}", "\u{2028}", "\u{1f3fb}", "\u{200d}", "א"] {
            assert!(!can_split(&format!("Some text {outside} here.")), "{outside:?}");
        }
    }

    #[test]
    fn every_string_of_four_from_one_byte_of_each_class_splits_alike() {
        let alphabet: Vec<char> = "aA1.!,) \n\r#中“—".chars().collect();
        let n = alphabet.len();
        for mut k in 0..n.pow(4) {
            let mut text = String::new();
            for _ in 0..4 {
                text.push(alphabet[k % n]);
                k /= n;
            }
            assert_eq!(bounds(&text).collect::<Vec<_>>(), crate_bounds(&text), "{text:?}");
        }
    }

    #[test]
    fn a_full_stop_before_a_long_run_that_decides_late_splits_alike() {
        // The look-ahead is remembered: the same answer, in linear time.
        for tail in ["x", "X", "", "!", "\n"] {
            let text = format!("It ended. {}{tail} more. Then", "(1) ".repeat(500));
            assert_eq!(bounds(&text).collect::<Vec<_>>(), crate_bounds(&text));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn random_prose_splits_as_the_unicode_rules_do(text in "([a-zA-Zé0-9中]{0,6}[ .!?,;:'\"()\\[\\]\n\r\t“”’—–… 。-]{0,3}){0,30}") {
            prop_assert_eq!(bounds(&text).collect::<Vec<_>>(), crate_bounds(&text));
        }
    }
}
