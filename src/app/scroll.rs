//! The one scroll clamp.

/// Clamps a wanted top row to `0..=max_top`.
pub fn clamp(wanted: i64, max_top: usize) -> usize {
    wanted.clamp(0, max_top as i64) as usize
}

/// The highest top row: the last screen, or further so that the last
/// section's heading can reach the top of the screen.
pub fn max_top(rows: usize, height: usize, last_section_start: usize) -> usize {
    rows.saturating_sub(height.max(1)).max(last_section_start.min(rows.saturating_sub(1)))
}

/// The top row that shows `row` if it is off screen, with some context above.
pub fn reveal(top: usize, height: usize, row: usize) -> usize {
    if row >= top && row < top + height { top } else { row.saturating_sub(height / 3) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamping_keeps_the_top_in_range() {
        assert_eq!(clamp(-5, 10), 0);
        assert_eq!(clamp(5, 10), 5);
        assert_eq!(clamp(50, 10), 10);
        assert_eq!(clamp(3, 0), 0);
    }

    #[test]
    fn the_last_section_can_reach_the_top() {
        assert_eq!(max_top(100, 20, 50), 80);
        assert_eq!(max_top(100, 20, 95), 95);
        assert_eq!(max_top(5, 20, 0), 0);
        assert_eq!(max_top(0, 20, 0), 0);
    }

    #[test]
    fn reveal_scrolls_only_when_needed() {
        assert_eq!(reveal(10, 20, 15), 10);
        assert_eq!(reveal(10, 20, 40), 34);
        assert_eq!(reveal(10, 20, 2), 0);
    }
}
