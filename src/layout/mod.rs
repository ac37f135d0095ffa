//! From the document model to rows of cells: `wrap` lays the article out for
//! one width (once per width, then sliced), `panes` splits the screen,
//! `sidebar` lays out the claim list. No terminal IO here.

pub mod panes;
pub mod sidebar;
pub mod skim;
pub mod syntax;
pub mod wrap;

pub use syntax::{Highlights, Token};
pub use wrap::{Kind, Laying, Role, Row, Segment, WrappedDoc, wrap, wrap_stubbed};

/// A scrolling list's window: the items that fill `height` rows with item
/// `selected` about a third of the way down (the start of the list stays
/// at the top while it fits, and the end does not leave the bottom empty).
/// `make(i)` lays item `i` out; `rows(&item)` is its height. One blank row
/// separates items. Returns each item on screen with its row.
pub fn list_window<E>(
    n: usize,
    selected: usize,
    height: usize,
    make: impl Fn(usize) -> E,
    rows: impl Fn(&E) -> usize,
) -> Vec<(E, usize)> {
    if n == 0 || height == 0 {
        return Vec::new();
    }
    let selected = selected.min(n - 1);
    // Walk back from the selection while it stays in the top third.
    let mut top = selected;
    let mut above = 0;
    while top > 0 {
        let h = rows(&make(top - 1)) + 1;
        if above + h > height / 3 {
            break;
        }
        above += h;
        top -= 1;
    }
    // Room left below the last item: show more of the start instead.
    let mut below = 0;
    let mut i = top;
    while i < n && below < height {
        below += rows(&make(i)) + 1;
        i += 1;
    }
    if i == n && below < height {
        let mut spare = height - below;
        while top > 0 {
            let h = rows(&make(top - 1)) + 1;
            if h > spare {
                break;
            }
            spare -= h;
            top -= 1;
        }
    }
    let mut out = Vec::new();
    let mut y = 0;
    let mut i = top;
    while i < n && y < height {
        let e = make(i);
        let h = rows(&e) + 1;
        out.push((e, y));
        y += h;
        i += 1;
    }
    out
}
