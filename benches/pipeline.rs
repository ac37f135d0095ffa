//! The pipeline's cost on generated documents of 100 KB, 1 MB and 10 MB:
//! the bare pulldown-cmark pass for reference, the outline (alone, and
//! after the definitions, as the reader makes it), our parse into sections, the
//! claims, wrapping at 80 and 120 columns (and at 80 with highlighted
//! code), syntax highlighting itself, one frame, and 200 line scrolls
//! and 20 section jumps applied through `update` and drawn.
//!
//! `cargo bench --bench pipeline` (see README.md, Performance).

use briefing::app::{Action, Model, update};
use briefing::document::{claim, parse};
use briefing::layout::wrap;
use briefing::sample;
use briefing::view::{self, theme::Theme};
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Counts allocations, so each benchmark also reports the bytes it
/// allocates (memory is measured here, beside time).
#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [100_000, 1_000_000, 10_000_000];

fn text(size: usize) -> String {
    sample::document(size)
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn bare_pulldown(b: Bencher, size: usize) {
    let t = text(size);
    b.bench(|| pulldown_cmark::Parser::new_ext(&t, parse::options()).count());
}

/// Every section's title, for the sidebar before the full parse is done.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn outline(b: Bencher, size: usize) {
    let t = text(size);
    b.bench(|| parse::outline(&t));
}

/// The reader's way to the sidebar: the whole text's link and footnote
/// definitions, then the outline and plan that use them.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn definitions_then_outline(b: Bencher, size: usize) {
    let t = text(size);
    b.bench(|| {
        let defs = parse::window::Definitions::of(&t, parse::window::WINDOW);
        parse::outline_and_plan_with(&t, &defs)
    });
}

/// The definitions alone.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn definitions(b: Bencher, size: usize) {
    let t = text(size);
    b.bench(|| parse::window::Definitions::of(&t, parse::window::WINDOW));
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn parse_sections(b: Bencher, size: usize) {
    let t = text(size);
    b.bench(|| parse::parse_structure(&t));
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn claims(b: Bencher, size: usize) {
    let doc = parse::parse_structure(&text(size));
    b.with_inputs(|| doc.sections.clone()).bench_local_values(|mut sections| {
        claim::fill_claims(&mut sections);
        sections
    });
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn wrap_80(b: Bencher, size: usize) {
    let doc = parse::parse(&text(size));
    b.bench(|| wrap(&doc, &Default::default(), 80));
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn wrap_120(b: Bencher, size: usize) {
    let doc = parse::parse(&text(size));
    b.bench(|| wrap(&doc, &Default::default(), 120));
}

/// Layout once the code has been highlighted (done on another thread in the
/// reader): the difference from `wrap_80` is the cost of looking the
/// highlighted blocks up and colouring their pieces.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn wrap_80_highlighted(b: Bencher, size: usize) {
    let doc = parse::parse(&text(size));
    let code = briefing::layout::Highlights::of_document(&doc);
    b.bench(|| wrap(&doc, &code, 80));
}

/// Syntax highlighting itself, uncached, over every code block: what
/// the reader pays per block, off the first frame's path (the generated
/// documents repeat one block, which `Highlights` does once; this is the
/// honest per-block cost).
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn highlight_code(b: Bencher, size: usize) {
    let blocks = briefing::layout::syntax::code_blocks(&parse::parse(&text(size)).sections);
    b.bench(|| blocks.iter().filter_map(|(l, t)| briefing::layout::syntax::highlight(l, t)).count());
}

fn reader(size: usize) -> (Model, Terminal<TestBackend>) {
    let mut m = Model::new(parse::parse(&text(size)), 120, 40);
    update(&mut m, Action::Resize(120, 40));
    (m, Terminal::new(TestBackend::new(120, 40)).unwrap())
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn one_frame(b: Bencher, size: usize) {
    let (m, mut term) = reader(size);
    let theme = Theme::new(true);
    b.bench_local(|| {
        term.draw(|f| view::render(&m, &theme, f)).unwrap();
    });
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn scroll_200_lines(b: Bencher, size: usize) {
    let (mut m, mut term) = reader(size);
    let theme = Theme::new(true);
    b.bench_local(|| {
        update(&mut m, Action::Top);
        for _ in 0..200 {
            update(&mut m, Action::ScrollLines(1));
            term.draw(|f| view::render(&m, &theme, f)).unwrap();
        }
    });
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn jump_20_sections(b: Bencher, size: usize) {
    let (mut m, mut term) = reader(size);
    let theme = Theme::new(true);
    b.bench_local(|| {
        update(&mut m, Action::Top);
        for i in 0..20 {
            update(&mut m, if i % 5 == 4 { Action::Bottom } else { Action::NextSection });
            term.draw(|f| view::render(&m, &theme, f)).unwrap();
        }
    });
}
