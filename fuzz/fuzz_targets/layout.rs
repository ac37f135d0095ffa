//! Layout, lean: no row wider than its width, and the sections' starts in
//! order. One width a run, taken from the first byte (3 to 120 columns), so
//! the fuzzer explores widths as it explores text; the structure only
//! (claims are the parse target's): layout never reads a claim, and finding
//! them is most of a parse's time. Then the same layout keeping only its
//! rows' places (as sections far from the screen do): every row's place,
//! and the row each place finds, as in the whole layout, and one section
//! laid out again as it was.
#![no_main]

use libfuzzer_sys::fuzz_target;
use unicode_width::UnicodeWidthStr;

fuzz_target!(|data: &[u8]| {
    let pick = usize::from(data.first().copied().unwrap_or(0));
    let width = 3 + pick % 118;
    // As the program reads every document: line endings made LF, NUL replaced.
    let text = briefing::source::normalise(String::from_utf8_lossy(data).into_owned());
    let doc = briefing::document::parse::parse_structure(&text);
    let code = Default::default();
    let w = briefing::layout::wrap(&doc, &code, width);
    for (_, r) in w.rows_in(0..w.len()) {
        assert!(r.text().width() <= width, "a row wider than {width}");
    }
    assert!(w.section_start.windows(2).all(|p| p[0] <= p[1]), "section starts out of order");
    let mut places = w.clone();
    places.stub_except(0..0);
    let kept = places.all_rows();
    for (r, row) in kept.iter().enumerate() {
        let a = w.anchor(r);
        assert_eq!((row.block, row.start), (a.block, a.start), "row {r}'s place");
    }
    // The row each place finds: some 64 rows, spread (each search is a
    // section's work).
    for r in (0..w.len()).step_by((w.len() / 64).max(1)) {
        let a = w.anchor(r);
        assert_eq!(places.row_of(a), w.row_of(a), "the row of row {r}'s place");
    }
    if !w.section_start.is_empty() {
        let i = pick % w.section_start.len();
        let start = w.section_start[i];
        let end = w.section_start.get(i + 1).copied().unwrap_or(w.len());
        places.restore(&doc, &code, i);
        assert_eq!(places.rows_at(start..end), w.rows_at(start..end), "section {i} laid out again");
    }
});
