//! Screen geometry: where the header, sidebar, article and status line go
//! for a terminal size. Pure arithmetic over `Rect`s.

use ratatui::layout::Rect;

/// Below this width the sidebar hides by default and opens over the article.
pub const NARROW: u16 = 70;
/// Below this size the screen only says it is too small.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
/// The widest the article's text column gets, for comfortable reading.
pub const MEASURE: u16 = 90;
pub const SIDEBAR_MIN: u16 = 24;
pub const SIDEBAR_MAX: u16 = 48;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Panes {
    pub header: Rect,
    /// The sidebar, when shown.
    pub sidebar: Option<Rect>,
    /// True when the sidebar covers the article instead of sitting beside it.
    pub overlay: bool,
    /// The whole article pane (for the mouse).
    pub article: Rect,
    /// The text column inside the article pane: what the article wraps to.
    pub text: Rect,
    pub status: Rect,
    pub too_small: bool,
    /// With the sidebar hidden: the current section's claim, above the text.
    pub claim: Option<Rect>,
}

impl Panes {
    /// Where the sidebar's entries go: inside its border (all round when it
    /// covers the article, on the right beside it), less a column of
    /// padding on each side. Used to lay the entries out, to draw them and
    /// to find the one clicked.
    pub fn sidebar_list(&self) -> Option<Rect> {
        let r = self.sidebar?;
        let (x, y, w, h) = if self.overlay {
            (r.x + 1, r.y + 1, r.width.saturating_sub(2), r.height.saturating_sub(2))
        } else {
            (r.x, r.y, r.width.saturating_sub(1), r.height)
        };
        Some(Rect::new(x + 1, y, w.saturating_sub(2), h))
    }

    /// Takes `rows` (and a blank row) from the top of the text column for
    /// the claim, leaving the text at least three rows.
    pub fn with_claim_band(mut self, rows: u16) -> Panes {
        if rows == 0 || self.too_small || self.text.height < rows + 4 {
            return self;
        }
        self.claim = Some(Rect::new(self.text.x, self.text.y, self.text.width, rows));
        self.text.y += rows + 1;
        self.text.height -= rows + 1;
        self
    }
}

/// The most rows the claim band takes: a quarter of the body, at least four.
pub fn claim_band_cap(height: u16) -> u16 {
    (height.saturating_sub(2) / 4).max(4)
}

/// Whether the sidebar shows when the user has not toggled it.
pub fn sidebar_by_default(width: u16) -> bool {
    width >= NARROW
}

/// Splits a `width` x `height` screen with the default sidebar and measure.
pub fn compute(width: u16, height: u16, sidebar: bool) -> Panes {
    compute_with(width, height, sidebar, None, MEASURE)
}

/// Splits a screen with a chosen sidebar width (kept to at most half the
/// screen) and measure.
pub fn compute_with(width: u16, height: u16, sidebar: bool, side_width: Option<u16>, measure: u16) -> Panes {
    let too_small = width < MIN_WIDTH || height < MIN_HEIGHT;
    let header = Rect::new(0, 0, width, height.min(1));
    let status = Rect::new(0, height.saturating_sub(1), width, height.min(1));
    let body_h = height.saturating_sub(2);
    let body = Rect::new(0, 1.min(height), width, body_h);
    let narrow = width < NARROW;
    let side_w = if narrow {
        width.saturating_sub(4).clamp(1, SIDEBAR_MAX).max(SIDEBAR_MIN.min(width))
    } else {
        match side_width {
            Some(w) => w.clamp(SIDEBAR_MIN.min(width / 2), (width / 2).max(SIDEBAR_MIN)),
            None => (width / 3).clamp(SIDEBAR_MIN, SIDEBAR_MAX),
        }
    };
    let side = (sidebar && !too_small).then(|| Rect::new(0, body.y, side_w.min(width), body_h));
    let article = match side {
        Some(s) if !narrow => Rect::new(s.width, body.y, width - s.width, body_h),
        _ => body,
    };
    // Two columns of margin on the left, one on the right; centre the
    // measure in a wide pane.
    let inner = article.width.saturating_sub(3).max(1);
    let text_w = inner.min(measure.max(10));
    let left = article.x + 2.min(article.width) + (inner - text_w) / 2;
    let text = Rect::new(left.min(width.saturating_sub(1)), body.y, text_w, body_h);
    Panes { header, sidebar: side, overlay: narrow && side.is_some(), article, text, status, too_small, claim: None }
}

/// The help box: at most 72 columns, centred, as tall as its `lines` (plus
/// its border) allow within `area`.
pub fn help_box(area: ratatui::layout::Rect, lines: usize) -> ratatui::layout::Rect {
    let w = area.width.saturating_sub(4).min(72);
    let h = area.height.saturating_sub(2).min(lines.min(u16::MAX as usize - 2) as u16 + 2);
    ratatui::layout::Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_screens_dock_the_sidebar_and_cap_the_measure() {
        let p = compute(200, 60, true);
        let s = p.sidebar.unwrap();
        assert_eq!(s.width, 48);
        assert!(!p.overlay);
        assert_eq!(p.text.width, MEASURE);
        assert!(p.text.x >= s.width);
        assert!(p.text.x + p.text.width <= 200);
    }

    #[test]
    fn the_sidebar_is_a_third_within_bounds() {
        assert_eq!(compute(100, 30, true).sidebar.unwrap().width, 33);
        assert_eq!(compute(70, 30, true).sidebar.unwrap().width, 24);
    }

    #[test]
    fn narrow_screens_overlay_the_sidebar() {
        let p = compute(40, 12, true);
        assert!(p.overlay);
        assert_eq!(p.text.x, 2);
        assert!(!sidebar_by_default(40));
    }

    #[test]
    fn tiny_screens_are_too_small_and_never_underflow() {
        for w in 0..30 {
            for h in 0..10 {
                let p = compute(w, h, true);
                assert_eq!(p.too_small, w < MIN_WIDTH || h < MIN_HEIGHT);
                assert!(p.text.x + p.text.width <= w.max(1) + 1);
            }
        }
    }
}
