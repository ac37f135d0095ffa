//! Long blocks cut, lean: any bytes as text, cut into blocks of a few dozen
//! bytes (8 to 71, from the first byte) as long blocks are, are cut no more
//! when cut again, and the cut text's structure (no claims: they are the
//! `parse` target's) agrees with its quick outline.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // As the program reads every document: line endings made LF, NUL replaced.
    let text = briefing::source::normalise(String::from_utf8_lossy(data).into_owned());
    let max = 8 + usize::from(data.first().copied().unwrap_or(0) % 64);
    let cut = briefing::document::parse::tame_blocks_at(&text, max).into_owned();
    assert_eq!(briefing::document::parse::tame_blocks_at(&cut, max), cut.as_str(), "cut again");
    let doc = briefing::document::parse::parse_structure(&cut);
    if let Some(outline) = briefing::document::parse::outline(&cut) {
        assert_eq!(outline.len(), doc.sections.len(), "the quick outline and the parse disagree on the cut text");
    }
});
