//! The parse alone, lean: any bytes as text become a document with a title,
//! sections and claims, and the quick outline agrees on the sections. (How
//! long blocks are cut is the `cut` target's.)
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // As the program reads every document: line endings made LF, NUL replaced.
    let text = briefing::source::normalise(String::from_utf8_lossy(data).into_owned());
    let doc = briefing::document::parse(&text);
    if let Some(outline) = briefing::document::parse::outline(&text) {
        assert_eq!(outline.len(), doc.sections.len(), "the quick outline and the parse disagree");
    }
    for s in &doc.sections {
        let _ = s.full_claim();
        let _ = s.subheadings();
    }
});
