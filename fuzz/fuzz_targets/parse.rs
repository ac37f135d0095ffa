//! The parse alone, lean: any bytes as text become a document with a title,
//! sections and claims, and the quick outline agrees on the sections; cut
//! into blocks of a few dozen bytes (as long blocks are), the text is cut
//! no more when cut again, and parses the same way.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = briefing::document::parse(&text);
    if let Some(outline) = briefing::document::parse::outline(&text) {
        assert_eq!(outline.len(), doc.sections.len(), "the quick outline and the parse disagree");
    }
    for s in &doc.sections {
        let _ = s.full_claim();
        let _ = s.subheadings();
    }
    let max = 8 + usize::from(data.first().copied().unwrap_or(0) % 64);
    let cut = briefing::document::parse::tame_blocks_at(&text, max).into_owned();
    assert_eq!(briefing::document::parse::tame_blocks_at(&cut, max), cut.as_str(), "cut again");
    // The structure only: the claims were found above, and finding them is
    // most of a parse's time.
    let doc = briefing::document::parse::parse_structure(&cut);
    if let Some(outline) = briefing::document::parse::outline(&cut) {
        assert_eq!(outline.len(), doc.sections.len(), "the quick outline and the parse disagree on the cut text");
    }
});
