//! Layout at a few widths, lean: no row wider than its width, and the
//! sections' starts in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use unicode_width::UnicodeWidthStr;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = briefing::document::parse(&text);
    for width in [3usize, 17, 80] {
        let w = briefing::layout::wrap(&doc, &Default::default(), width);
        for r in &w.rows {
            assert!(r.text().width() <= width.max(3), "a row wider than {width}");
        }
        assert!(w.section_start.windows(2).all(|p| p[0] <= p[1]));
    }
});
