//! Pathological Markdown, run in release mode by `.ci/run`
//! (`cargo test --release --test pathological -- --ignored`): each document
//! opens in a pseudo-terminal, scrolls to the end and quits within a time
//! limit, and a doubling check flags super-linear growth in our own parsing,
//! wrapping and layout.

mod common;

use std::time::{Duration, Instant};

use briefing::app::{Action, Model, update};
use briefing::document::parse;
use common::pty::Session;

/// Makes a fixture at a scale.
type Generator = fn(usize) -> String;

/// The fixtures: a name and a generator taking a scale (1 = the size the
/// issue names).
fn fixtures() -> Vec<(&'static str, Generator)> {
    vec![
        ("50,000 nested >", |k| ">".repeat(50_000 * k) + " deep\n"),
        ("lists nested 2,000 deep", |k| (0..2000 * k).map(|i| format!("{}- x\n", "  ".repeat(i))).collect()),
        ("100,000 [", |k| "[".repeat(100_000 * k)),
        ("50,000 unclosed *a", |k| "*a ".repeat(50_000 * k)),
        ("a 5 MB line without spaces", |k| "x".repeat(5_000_000 * k)),
        ("3 MB of CJK without spaces", |k| "稀土中国".repeat(250_000 * k)),
        ("100,000 headings", |k| (0..100_000 * k).map(|i| format!("## Heading {i}\n\ntext {i}\n\n")).collect()),
        ("a 1,000-column table", |k| {
            let cols = 1000 * k;
            let mut s = String::new();
            for row in 0..12 {
                s.push('|');
                for c in 0..cols {
                    s.push_str(&if row == 1 { "---|".to_string() } else { format!(" c{c} |") });
                }
                s.push('\n');
            }
            s
        }),
        ("100,000 reference links", |k| {
            let n = 100_000 * k;
            let mut s: String = (0..n).map(|i| format!("[l{i}][r{i}] ")).collect();
            s.push_str("\n\n");
            s.extend((0..n).map(|i| format!("[r{i}]: http://x.example/{i}\n")));
            s
        }),
        ("empty", |_| String::new()),
        ("whitespace only", |k| " \n\t\n".repeat(1000 * k)),
    ]
}

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

/// Parse, lay out at 120 columns, jump to the end and back: the work a
/// document costs before and while reading.
fn cost(text: &str) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let doc = parse(text);
        let mut m = Model::new(doc, 120, 40);
        update(&mut m, Action::Bottom);
        update(&mut m, Action::Top);
        best = best.min(t.elapsed());
    }
    best
}

#[test]
#[ignore = "release-mode stress test; .ci/run runs it"]
fn doubling_the_input_at_most_about_doubles_the_work() {
    for (name, make) in fixtures() {
        if name.starts_with("lists nested") || name == "empty" {
            // Nesting depth makes the input itself quadratic in size.
            continue;
        }
        let one = cost(&make(1));
        let two = cost(&make(2));
        let ratio = two.as_secs_f64() / one.as_secs_f64().max(1e-4);
        eprintln!("{name}: {one:.2?} -> {two:.2?} (x{ratio:.2})");
        // Linear work doubles; quadratic quadruples. Noise gets some room.
        assert!(ratio < 3.2 || two < Duration::from_millis(20), "{name}: x{ratio:.2} for twice the input");
    }
}
