//! Whole-program measurement in a pseudo-terminal (120x40), on generated
//! documents of 100 KB, 1 MB and 10 MB, against `less` on the same file and
//! a bare pulldown-cmark pass, all in one run:
//!
//! `cargo test --release --test measure -- --ignored --nocapture`
//!
//! Set `PEERS="treemd md-tui frogmouth"` to time other readers where they are
//! installed. Prints a Markdown table (medians of `MEASURE_RUNS`, default 5).
//! Nothing here asserts a time: the machines are shared and noisy.

mod common;

use std::time::{Duration, Instant};

use briefing::sample;
use common::pty::Session;

const SIZES: [usize; 3] = [100_000, 1_000_000, 10_000_000];

#[derive(Default, Clone, Copy)]
struct Run {
    first: f64,
    /// `G` pressed as soon as the first frame is drawn, until the last
    /// section is on screen.
    early_end: f64,
    end: f64,
    scroll: f64,
    /// Hiding the sidebar: the text laid out at the new width.
    toggle: f64,
    sidebar: f64,
    /// Until the whole text is in, and its claims too.
    text_in: f64,
    complete: f64,
    /// `q` until the process is gone.
    quit: f64,
    peak_mb: f64,
}

/// Nothing measured.
const MISSING: Run = Run {
    first: f64::NAN,
    early_end: f64::NAN,
    end: f64::NAN,
    scroll: f64::NAN,
    toggle: f64::NAN,
    sidebar: f64::NAN,
    text_in: f64::NAN,
    complete: f64::NAN,
    quit: f64::NAN,
    peak_mb: f64::NAN,
};

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn peak_mb(s: &Session) -> f64 {
    let Some(pid) = s.child.process_id() else { return f64::NAN };
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

const LIMIT: Duration = Duration::from_secs(120);

fn briefing_run(path: &str, sections: usize) -> Run {
    // A state folder of its own: no run resumes where another left off.
    let state = std::env::temp_dir().join(format!("briefing-measure-state-{}-{}", std::process::id(), sections));
    let _ = std::fs::remove_dir_all(&state);
    std::fs::create_dir_all(&state).unwrap();
    let env = [("XDG_STATE_HOME", state.to_str().unwrap())];
    let t = Instant::now();
    let mut s = Session::start_env(&[path], 120, 40, &env);
    s.wait_for_within("first frame", LIMIT, |x| x.contains('§') && x.contains("Section 1"));
    let first = ms(t);
    let early = Instant::now();
    s.keys("G");
    let last = format!("§{sections}/{sections}");
    s.wait_for_within("the end, early", LIMIT, |x| x.contains(&last) && !x.contains("The end, once"));
    let early_end = ms(early);
    s.keys("g");
    // "loading…" gives way to "loading text…" once every title is listed.
    s.wait_for_within("the whole sidebar", LIMIT, |x| !x.contains("loading…"));
    let sidebar = ms(t);
    s.wait_for_within("the whole text", LIMIT, |x| !x.contains("loading text…"));
    let text_in = ms(t);
    s.wait_for_within("the text and claims", LIMIT, |x| !x.contains("loading text…") && !x.contains("finding claims…"));
    let complete = ms(t);
    let t = Instant::now();
    s.keys("G");
    s.wait_for_within("the end", LIMIT, |x| x.contains("100%"));
    let end = ms(t);
    s.keys("g");
    s.wait_for_within("the top", LIMIT, |x| x.contains("§1/"));
    let t = Instant::now();
    // 200 line scrolls, then `?`: when help shows, every `j` was handled.
    s.keys(&"j".repeat(200));
    s.keys("?");
    s.wait_for_within("the scrolls", LIMIT, |x| x.contains("Keys ·"));
    let scroll = ms(t);
    s.keys("?");
    s.wait_for_within("help closed", LIMIT, |x| !x.contains("Keys ·"));
    let t = Instant::now();
    s.keys("s?");
    s.wait_for_within("the sidebar hidden", LIMIT, |x| x.contains("Keys ·"));
    let toggle = ms(t);
    // The peak counts the whole layout for the new width, made on another
    // thread after the screen's sections (a second or so at 10 MB).
    std::thread::sleep(Duration::from_millis(1500));
    let peak = peak_mb(&s);
    s.keys("?");
    s.wait_for_within("help closed", LIMIT, |x| !x.contains("Keys ·"));
    let t = Instant::now();
    s.keys("q");
    // Polled finely here (wait_exit also lets the output settle).
    while s.child.try_wait().unwrap().is_none() && t.elapsed() < LIMIT {
        std::thread::sleep(Duration::from_millis(1));
    }
    let quit = ms(t);
    s.wait_exit();
    Run { first, early_end, end, scroll, toggle, sidebar, text_in, complete, quit, peak_mb: peak }
}

fn less_run(path: &str) -> Run {
    let t = Instant::now();
    let mut s = Session::start_shell(&format!("exec less {path}"), 120, 40);
    s.wait_for_within("less's first screen", LIMIT, |x| x.contains("Generated briefing"));
    let first = ms(t);
    let t = Instant::now();
    s.keys("G");
    s.wait_for_within("less at the end", LIMIT, |x| x.contains("(END)"));
    let end = ms(t);
    s.keys("g");
    std::thread::sleep(Duration::from_millis(200));
    let t = Instant::now();
    s.keys(&"j".repeat(200));
    s.keys("=");
    s.wait_for_within("less's scrolls", LIMIT, |x| x.contains("(press RETURN)"));
    let scroll = ms(t);
    let peak = peak_mb(&s);
    let _ = s.child.kill();
    Run { first, end, scroll, peak_mb: peak, ..MISSING }
}

/// How long another reader gets to draw before it counts as "did not draw".
const PEER_LIMIT: Duration = Duration::from_secs(30);

/// Another reader: first frame (any of the text on screen) and 200 `j`.
/// A reader that shows nothing within [`PEER_LIMIT`] gets NaN.
fn peer_run(cmd: &str, path: &str, quit: &str) -> Run {
    let t = Instant::now();
    let mut s = Session::start_shell(&format!("exec {cmd} {path}"), 120, 40);
    while !(s.screen().contains("Section 1") || s.screen().contains("Generated briefing")) {
        if t.elapsed() > PEER_LIMIT {
            let _ = s.child.kill();
            return MISSING;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let first = ms(t);
    let t = Instant::now();
    s.keys(&"j".repeat(200));
    // No sentinel works across readers: wait for the screen to stop changing.
    let mut last = s.screen();
    let mut stable = Instant::now();
    while stable.elapsed() < Duration::from_millis(300) && t.elapsed() < LIMIT {
        std::thread::sleep(Duration::from_millis(20));
        let now = s.screen();
        if now != last {
            last = now;
            stable = Instant::now();
        }
    }
    let scroll = ms(t) - 300.0;
    let peak = peak_mb(&s);
    s.keys(quit);
    let _ = s.child.kill();
    Run { first, scroll, peak_mb: peak, ..MISSING }
}

fn bare_parse_ms(text: &str) -> f64 {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            let n = pulldown_cmark::Parser::new_ext(text, briefing::document::parse::options()).count();
            assert!(n > 0);
            ms(t)
        })
        .fold(f64::INFINITY, f64::min)
}

fn medians(runs: &[Run]) -> Run {
    Run {
        first: median(runs.iter().map(|r| r.first).collect()),
        early_end: median(runs.iter().map(|r| r.early_end).collect()),
        end: median(runs.iter().map(|r| r.end).collect()),
        scroll: median(runs.iter().map(|r| r.scroll).collect()),
        toggle: median(runs.iter().map(|r| r.toggle).collect()),
        sidebar: median(runs.iter().map(|r| r.sidebar).collect()),
        text_in: median(runs.iter().map(|r| r.text_in).collect()),
        complete: median(runs.iter().map(|r| r.complete).collect()),
        quit: median(runs.iter().map(|r| r.quit).collect()),
        peak_mb: median(runs.iter().map(|r| r.peak_mb).collect()),
    }
}

#[test]
#[ignore = "a measurement, not a test: run it by hand (README.md, Performance)"]
fn measure() {
    let runs: usize = std::env::var("MEASURE_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(5);
    let peers = std::env::var("PEERS").unwrap_or_default();
    let dir = std::env::temp_dir().join(format!("briefing-measure-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    println!(
        "| size | reader | first frame ms | ×less | G at once ms | G to end ms | 200 j ms | s (sidebar) ms | sidebar titles ms | ×bare parse | whole text ms | and claims ms | quit ms | peak MB | limit MB |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    let mut scroll_small = f64::NAN;
    for size in SIZES {
        let text = sample::document(size);
        let path = dir.join(format!("doc-{size}.md"));
        std::fs::write(&path, &text).unwrap();
        let p = path.to_str().unwrap();
        let bare = bare_parse_ms(&text);
        let less = medians(&(0..runs).map(|_| less_run(p)).collect::<Vec<_>>());
        let sections = briefing::document::parse::outline(&text).map_or(0, |o| o.len());
        let ours = medians(&(0..runs).map(|_| briefing_run(p, sections)).collect::<Vec<_>>());
        if size == SIZES[0] {
            scroll_small = ours.scroll;
        }
        // #19: at most twice the file plus 15 MB.
        let limit = 2.0 * size as f64 / 1e6 + 15.0;
        let label = format!("{} KB", size / 1000);
        println!(
            "| {label} | briefing | {:.0} | {:.1} | {:.0} | {:.0} | {:.0} (×{:.2} of 100 KB) | {:.0} | {:.0} | {:.2} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} |",
            ours.first,
            ours.first / less.first,
            ours.early_end,
            ours.end,
            ours.scroll,
            ours.scroll / scroll_small,
            ours.toggle,
            ours.sidebar,
            ours.sidebar / bare,
            ours.text_in,
            ours.complete,
            ours.quit,
            ours.peak_mb,
            limit
        );
        println!(
            "| {label} | less | {:.0} | 1.0 | | {:.0} | {:.0} | | | | | | | {:.0} | |",
            less.first, less.end, less.scroll, less.peak_mb
        );
        println!("| {label} | bare pulldown-cmark pass | | | | | | | {bare:.0} | 1.00 | | | | | |");
        for peer in peers.split_whitespace() {
            let r = medians(&(0..runs).map(|_| peer_run(peer, p, "q")).collect::<Vec<_>>());
            println!(
                "| {label} | {peer} | {:.0} | {:.1} | | | {:.0} | | | | | | | {:.0} | |",
                r.first,
                r.first / less.first,
                r.scroll,
                r.peak_mb
            );
        }
    }
}
