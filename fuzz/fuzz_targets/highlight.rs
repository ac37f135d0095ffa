//! Highlighting hostile code in any of a few grammars (the regex engine is
//! C): never a crash, every line covered by its pieces, in order.
#![no_main]

use libfuzzer_sys::fuzz_target;

const LANGS: [&str; 12] = ["rust", "python", "js", "c", "sh", "html", "makefile", "yaml", "sql", "ruby", "latex", "diff"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let lang = LANGS[usize::from(pick) % LANGS.len()];
    let text = String::from_utf8_lossy(rest);
    let Some(lines) = briefing::layout::syntax::highlight(lang, &text) else { return };
    for (line, pieces) in text.split('\n').zip(&lines) {
        let mut at = 0;
        for (range, _) in pieces {
            assert_eq!(range.start, at, "pieces one after another");
            at = range.end;
        }
        assert_eq!(at, line.len(), "the line covered whole");
    }
});
