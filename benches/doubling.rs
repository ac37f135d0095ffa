//! Time against size on the pathological documents of
//! `tests/common/pathological.rs`: each is parsed, laid out at 120 columns
//! and read to the end and back at its issue's size and at twice that, and
//! the ratio is printed. Linear work gives about x2, quadratic x4. The two
//! sizes run back to back in one process, so machine load cancels out of the
//! ratio; the allocation counts behind the same check are asserted in
//! `tests/pathological.rs`.
//!
//! `cargo bench --bench doubling`

#[path = "../tests/common/pathological.rs"]
mod pathological;

use std::hint::black_box;
use std::time::{Duration, Instant};

use briefing::app::{Action, Model, update};
use briefing::document::parse;

/// The best of five runs: the least disturbed by other work on the machine.
fn cost(text: &str) -> Duration {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            let mut m = Model::new(parse(text), 120, 40);
            update(&mut m, Action::Bottom);
            update(&mut m, Action::Top);
            black_box(&m);
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    // `cargo test --benches` runs bench targets with no `--bench` flag: only
    // check that it starts.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    // The bytes column matters where the input itself grows faster than its
    // scale (lists nested deeper get longer lines too).
    println!("{:<30} {:>7} {:>10} {:>10} {:>7}", "document", "bytes", "x1", "x2", "ratio");
    for (name, make) in pathological::fixtures() {
        let (small, large) = (make(1), make(2));
        let (one, two) = (cost(&small), cost(&large));
        let ratio = two.as_secs_f64() / one.as_secs_f64().max(1e-9);
        let bytes = large.len() as f64 / small.len().max(1) as f64;
        println!("{name:<30} {bytes:>6.2}x {one:>10.2?} {two:>10.2?} {ratio:>6.2}x");
    }
}
