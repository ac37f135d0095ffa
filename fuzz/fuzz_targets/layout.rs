//! Layout, lean: no row wider than its width, and the sections' starts in
//! order. One width a run, taken from the first byte (3 to 120 columns), so
//! the fuzzer explores widths as it explores text; the structure only
//! (claims are the parse target's): layout never reads a claim, and finding
//! them is most of a parse's time.
#![no_main]

use libfuzzer_sys::fuzz_target;
use unicode_width::UnicodeWidthStr;

fuzz_target!(|data: &[u8]| {
    let width = 3 + usize::from(data.first().copied().unwrap_or(0) % 118);
    let text = String::from_utf8_lossy(data);
    let doc = briefing::document::parse::parse_structure(&text);
    let w = briefing::layout::wrap(&doc, &Default::default(), width);
    for (_, r) in w.rows_in(0..w.len()) {
        assert!(r.text().width() <= width, "a row wider than {width}");
    }
    assert!(w.section_start.windows(2).all(|p| p[0] <= p[1]), "section starts out of order");
});
