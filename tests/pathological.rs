//! Pathological Markdown, run in release mode by `.ci/run`
//! (`cargo test --release --test pathological -- --ignored`): each document
//! opens in a pseudo-terminal, scrolls to the end and quits within a time
//! limit, and a doubling check flags super-linear growth in our own parsing,
//! wrapping and layout (counted in allocations, not time).

mod common;
#[path = "common/pathological.rs"]
mod pathological;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::{Duration, Instant};

use briefing::app::{Action, Model, update};
use briefing::document::parse;
use common::pty::Session;
use pathological::fixtures;

#[test]
#[ignore = "release-mode stress test; .ci/run runs it"]
fn pathological_documents_open_scroll_to_the_end_and_quit() {
    let dir = std::env::temp_dir().join(format!("briefing-patho-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (i, (name, make)) in fixtures().into_iter().enumerate() {
        let text = make(1);
        let path = dir.join(format!("{i}.md"));
        std::fs::write(&path, &text).unwrap();
        let mb = text.len() as f64 / 1e6;
        // "A couple of seconds per megabyte", with room for a busy machine.
        let limit = Duration::from_secs_f64(10.0 + 4.0 * mb);
        let started = Instant::now();
        let mut s = Session::start(&[path.to_str().unwrap()], 120, 40);
        s.wait_for_within(name, limit, |t| t.contains('§') || t.contains("(empty document)"));
        s.keys("G");
        s.wait_for_within(name, limit, |t| t.contains("100%"));
        s.keys("q");
        assert_eq!(s.wait_exit(), 0, "{name}");
        s.assert_restored();
        let took = started.elapsed();
        eprintln!("{name}: {:.1} MB in {:.2?}", mb, took);
        assert!(took < limit, "{name}: {took:?} over {limit:?}");
    }
}

/// Counts what this thread allocates (calls and bytes), so the doubling
/// check measures work that does not depend on the machine's load.
struct Counting;

thread_local! {
    static CALLS: Cell<u64> = const { Cell::new(0) };
    static BYTES: Cell<u64> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded unchanged to the system allocator; the
// counters are const-initialised thread-locals, which never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: the caller's contract is passed on as it is.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

fn count(bytes: usize) {
    // `try_with`: a thread being torn down has no counters left.
    let _ = CALLS.try_with(|c| c.set(c.get() + 1));
    let _ = BYTES.try_with(|b| b.set(b.get() + bytes as u64));
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// Parse, lay out at 120 columns, jump to the end and back: the work a
/// document costs before and while reading, as (allocations, bytes
/// allocated) on this thread.
fn work(text: &str) -> (u64, u64) {
    let (calls, bytes) = (CALLS.with(Cell::get), BYTES.with(Cell::get));
    let doc = parse(text);
    let mut m = Model::new(doc, 120, 40);
    update(&mut m, Action::Bottom);
    update(&mut m, Action::Top);
    drop(m);
    (CALLS.with(Cell::get) - calls, BYTES.with(Cell::get) - bytes)
}

/// Super-linear growth in our parsing, wrapping and layout shows as
/// allocation that more than doubles when the input doubles (time is
/// compared by `cargo bench --bench doubling`, not here: a shared machine's
/// clock is too noisy to assert on).
#[test]
#[ignore = "release-mode stress test; .ci/run runs it"]
fn doubling_the_input_at_most_about_doubles_the_allocation() {
    for (name, make) in fixtures() {
        if name.starts_with("lists nested") || name == "empty" {
            // Nesting depth makes the input itself quadratic in size.
            continue;
        }
        let one = work(&make(1));
        let two = work(&make(2));
        let calls = two.0 as f64 / one.0.max(1) as f64;
        let bytes = two.1 as f64 / one.1.max(1) as f64;
        eprintln!("{name}: {one:?} -> {two:?} (calls x{calls:.2}, bytes x{bytes:.2})");
        // Linear work doubles (vectors growing by doubling land on either
        // side of a power of two); quadratic work quadruples.
        assert!(calls < 2.6, "{name}: x{calls:.2} allocations for twice the input");
        assert!(bytes < 2.6, "{name}: x{bytes:.2} bytes allocated for twice the input");
    }
}
