//! Memory in proportion to the text, counted (not timed): the bytes live
//! at the worst moment of printing, of `--json` and of a parse, from a
//! counting allocator. Printing and `--json` work a few
//! sections at a time, so their peak must not grow with the document;
//! sections must not keep the spare capacity they were built with.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Mutex;
use std::sync::atomic::{AtomicIsize, Ordering::Relaxed};

use briefing::{print, sample};

/// Counts the bytes live in the whole process (print mode parses on a
/// second thread), so the tests here take turns ([`ONE_AT_A_TIME`]).
struct Live;

static NOW: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn add(n: isize) {
    let now = NOW.fetch_add(n, Relaxed) + n;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every call is forwarded unchanged to the system allocator; the
// counters are atomics, which never allocate.
unsafe impl GlobalAlloc for Live {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        add(layout.size() as isize);
        // SAFETY: the caller's contract is passed on as it is.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        add(-(layout.size() as isize));
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        add(new_size as isize - layout.size() as isize);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Live = Live;

/// The most bytes `f` has live at once beyond what was live before it.
fn peak_of(f: impl FnOnce()) -> usize {
    let base = NOW.load(Relaxed);
    PEAK.store(base, Relaxed);
    f();
    (PEAK.load(Relaxed) - base).max(0) as usize
}

/// The peak of printing `text` at 80 columns.
fn printing_peak(text: &str) -> usize {
    peak_of(|| {
        let printer = print::Printer::new(80, None, false);
        printer.write_in_pieces(text, "name", &mut std::io::sink()).unwrap();
    })
}

/// The peak of `text`'s `--json`.
/// The reader's way in: the outline and definitions, then every section
/// parsed and laid out at 80 columns, kept as the reader keeps them
/// (the text with its long blocks cut, as the reader reads it).
fn reader_peak(text: &str) -> usize {
    use briefing::document::parse::{outline_and_plan, window};
    peak_of(|| {
        let text: std::sync::Arc<str> = std::sync::Arc::from(&*briefing::document::parse::tame(text));
        let (_, plan) = outline_and_plan(&text);
        let defs = std::sync::Arc::new(window::Definitions::of(&text, window::WINDOW));
        drop(briefing::library::parse_and_lay_out(&text, plan, &defs, "", 80, 0));
    })
}

fn json_peak(text: &str) -> usize {
    peak_of(|| print::write_json_in_pieces(text, "name", 230, &mut std::io::sink()).unwrap())
}

#[test]
fn printing_holds_one_piece_of_the_document_whatever_its_length() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let peak = |size: usize| {
        let text = sample::document(size);
        printing_peak(&text)
    };
    let (small, large) = (peak(500_000), peak(2_000_000));
    // Four times the text, about the same peak: a window and a piece.
    assert!(large < small * 3 / 2 + 200_000, "{small} bytes for 500 KB, {large} for 2 MB");
    // A window's parser tree and a few pieces queued for the printer.
    assert!(large < 4_000_000, "{large} bytes to print 2 MB");
}

#[test]
fn json_keeps_a_summary_of_each_section_not_its_text() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let text = sample::document(2_000_000);
    let peak = json_peak(&text);
    // The claims' candidates (their terms; the sentence chosen is found
    // again in its section) and each section's summary are most of it;
    // the whole document model, laid out, was about eight times the text.
    assert!(peak < 5 * text.len() / 2, "{peak} bytes for {} of text", text.len());
    let tiny = "# a\n\nb\n\n".repeat(200_000);
    let peak = json_peak(&tiny);
    assert!(peak < 20 * tiny.len(), "{peak} bytes for 200,000 one-line sections ({} bytes)", tiny.len());
}

#[test]
fn parsed_sections_keep_no_spare_capacity() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let tiny = "# a\n\nb\n\n".repeat(20_000);
    let mut doc = None;
    let peak = peak_of(|| doc = Some(briefing::document::parse::parse_structure(&tiny)));
    let doc = doc.unwrap();
    let live = NOW.load(Relaxed);
    drop(doc);
    let kept = live - NOW.load(Relaxed);
    // A one-line section: its struct, title, heading and paragraph.
    assert!(kept < 20_000 * 500, "{kept} bytes kept for 20,000 one-line sections (peak {peak})");
}

#[test]
fn a_large_file_read_for_the_reader_keeps_its_sections_without_their_blocks() {
    use briefing::document::parse::{outline_and_plan, window};
    use std::sync::Arc;
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let sample = sample::document(2_000_000);
    // With headings, and without (cut from its paragraphs).
    let headless: String = sample.lines().filter(|l| !l.starts_with('#')).map(|l| format!("{l}\n")).collect();
    for text in [sample, headless] {
        let text: Arc<str> = Arc::from(text);
        let (_, plan) = outline_and_plan(&text);
        let defs = Arc::new(window::Definitions::of(&text, window::WINDOW));
        // What stays live once it is read: the document and its layout.
        let kept = |f: &dyn Fn() -> Box<dyn std::any::Any>| {
            let before = NOW.load(Relaxed);
            let made = f();
            let kept = NOW.load(Relaxed) - before;
            drop(made);
            kept as usize
        };
        let read = kept(&|| Box::new(briefing::library::parse_and_lay_out(&text, plan.clone(), &defs, "", 80, 0)));
        let whole = kept(&|| {
            let doc = briefing::document::parse::parse_structure(&text);
            let wrapped = briefing::layout::wrap_stubbed(&doc, &Default::default(), 80);
            Box::new((doc, wrapped))
        });
        // Rows' places and each section's title, claim and sub-headings; the
        // blocks, which the whole parse keeps, are several times the text.
        let headings = plan.split.is_some();
        assert!(read < text.len(), "{read} bytes kept for {} of text (headings: {headings})", text.len());
        assert!(read * 3 < whole, "{read} bytes kept against {whole} for the whole document (headings: {headings})");
    }
}

/// Rows far from the screen keep only their places, a few bytes a row, not
/// a record each: text that makes a row every byte or two (one-word
/// paragraphs under one heading, setext headings, one-line sections) is
/// read for the reader in a few bytes a byte (16 bytes a row before: 11
/// bytes a byte for the paragraphs).
#[test]
fn rows_far_from_the_screen_keep_a_few_bytes_each() {
    use briefing::document::parse::{outline_and_plan, window};
    use std::sync::Arc;
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let shapes = [
        ("one-word paragraphs under a heading", format!("# T\n\n## S\n\n{}", "a\n\n".repeat(300_000))),
        ("setext headings", "a\n-\n".repeat(250_000)),
        ("one-line sections", (0..200_000).map(|i| format!("# {}\n", i % 10)).collect()),
    ];
    for (name, text) in shapes {
        let text: Arc<str> = Arc::from(text);
        let (_, plan) = outline_and_plan(&text);
        let defs = Arc::new(window::Definitions::of(&text, window::WINDOW));
        let before = NOW.load(Relaxed);
        let read = briefing::library::parse_and_lay_out(&text, plan, &defs, "", 80, 0);
        let kept = (NOW.load(Relaxed) - before) as usize;
        drop(read);
        assert!(kept < 4 * text.len(), "{name}: {kept} bytes kept for {} of text", text.len());
    }
}

#[test]
fn a_document_without_headings_prints_and_summarises_a_few_sections_at_a_time() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // Paragraphs and no heading: sections are cut from the paragraphs.
    let text = "One short paragraph of prose here.\n\n".repeat(60_000);
    let printed = printing_peak(&text);
    let json = json_peak(&text);
    // Held whole, its model was about a dozen times the text. The claims'
    // candidates of every section are most of the JSON's (without headings,
    // a section cannot be parsed again alone, so their text is kept).
    assert!(printed < text.len(), "{printed} bytes to print {} of paragraphs", text.len());
    assert!(json < 6 * text.len(), "{json} bytes for the JSON of {} of paragraphs", text.len());
}

/// Makes a text of about `n` bytes of one shape.
type Shape = fn(usize) -> String;

#[test]
fn no_block_however_long_costs_more_than_about_twenty_bytes_a_byte() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // One block each, 300 or 600 KB long: the parser's tree of a
    // whole block is 40 to 100 bytes a byte of such text, so each is cut
    // into blocks of at most 16 KB before it is parsed. What each further
    // byte costs is measured (twice the text, against once): the trees of
    // the two windows parsed at once are a cost of their own (about 6 MB
    // each for a window of one-letter lines), whatever the length.
    // Under a heading, a section is held whole: each line of a paragraph
    // of one-letter lines was two spans of 48 bytes and two heap strings.
    // The reader (its text cut as it reads it, laid out at 80 columns)
    // held a block of HTML at 28 bytes a byte (every line two spans and
    // its words at once) and a million empty headings at 40 (each a
    // 24-byte title in the outline and two blank rows).
    let shapes: [(&str, Shape); 19] = [
        ("a list of items", |n| "- a\n".repeat(n / 4)),
        ("a paragraph of one-letter lines", |n| "a\n".repeat(n / 2)),
        ("a section of one-letter lines", |n| format!("# T\n\n## S\n\n{}", "a\n".repeat(n / 2))),
        ("a section of a quote", |n| format!("# T\n\n## S\n\n{}", "> a\n".repeat(n / 4))),
        ("a quote", |n| "> a\n".repeat(n / 4)),
        ("a line of emphasised words", |n| "*a* ".repeat(n / 4)),
        ("a line of code spans", |n| "`a` and ".repeat(n / 8)),
        ("a line of links without spaces", |n| "[a](b)".repeat(n / 6)),
        ("a line of autolinks", |n| "<http://a> ".repeat(n / 11)),
        // Brackets that nothing closes: a run is cut like letters.
        ("a line of [", |n| "[".repeat(n)),
        ("a line of <", |n| "<".repeat(n)),
        // Raw HTML, cut before its lines that open a block, and laid out a line at a time.
        ("a block of HTML", |n| format!("<div>\n{}</div>\n", "<div>x</div>\n".repeat(n / 13))),
        ("a fenced code block", |n| format!("```rust\n{}```\n", "let x = 1;\n".repeat(n / 11))),
        // Indented code goes on as another block past the limit (in the
        // reader it was 30 bytes a byte, 37 under a heading, laid out whole).
        ("indented code", |n| "    let x = 1;\n".repeat(n / 15)),
        ("a section of indented code", |n| format!("# T\n\n## S\n\n{}", "    let x = 1;\n".repeat(n / 15))),
        // More headings than text; a section of a million blocks.
        ("empty headings", |n| "#\n".repeat(n / 2)),
        ("a section of one-word paragraphs", |n| format!("# T\n\n## S\n\n{}", "a\n\n".repeat(n / 3))),
        // The reader keeps the screen's sections whole: a long one goes on
        // as another sooner (a list under one heading was 21 bytes a byte).
        ("a section of a list", |n| format!("# T\n\n## S\n\n{}", "- a\n".repeat(n / 4))),
        // A run of link definitions is cut like a paragraph (the parser's
        // map of them all was held at once).
        ("references and their definitions", |n| {
            let k = n / 45;
            let refs: String = (0..k).map(|i| format!("[l{i}][r{i}] ")).collect();
            let defs: String = (0..k).map(|i| format!("[r{i}]: http://x.example/{i}\n")).collect();
            format!("# T\n\n## S\n\n{refs}\n\n{defs}")
        }),
    ];
    for (name, make) in shapes {
        let (once, twice) = (make(300_000), make(600_000));
        let grows = |peak: fn(&str) -> usize| {
            let (a, b) = (peak(&once), peak(&twice));
            (b.saturating_sub(a), b)
        };
        let all =
            [("printing", grows(printing_peak)), ("the JSON", grows(json_peak)), ("the reader", grows(reader_peak))];
        for (what, (more, peak)) in all {
            let bytes = twice.len() - once.len();
            assert!(more < 20 * bytes, "{name}: {what} of {bytes} more bytes takes {more} more");
            assert!(peak < 20 * twice.len() + 16_000_000, "{name}: {peak} bytes for {what} of {}", twice.len());
        }
    }
}

#[test]
fn a_table_past_the_cell_budget_costs_about_its_text() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // 300,000 cells: past the budget, so shown as the lines it is written in.
    let text = format!("# T\n\n{}{}", "| a | b |\n|---|---|\n", "| c | d |\n".repeat(150_000));
    let peak = json_peak(&text);
    // As a paragraph of 150,000 lines it was about seventy times the text;
    // as one code block, the parser's tree holds a node a line (the block is
    // one piece no window can cut).
    assert!(peak < 20 * text.len(), "{peak} bytes for the JSON of a {}-byte table", text.len());
}
