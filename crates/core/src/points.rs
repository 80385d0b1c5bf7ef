//! Points: the unit every score, total and summary counts in, and the rules they share.
//!
//! Points are decimal because partial credit (`multi`, `order`) divides. Every stored
//! figure is rounded to hundredths, and an outcome never leaves `[0, max]`; the scorer
//! (`score::Outcome`), a run's summary (`results::RunSummary`) and a results file's totals
//! (`results::export::Totals`) all round here, so a total re-computed on import is the total
//! that was written. Nothing here knows the model: this module is the bottom of the graph.

/// Points are decimal because partial credit (`multi`, `order`) yields fractions.
/// Shown to one decimal place.
pub type Points = f64;

/// `x` rounded to hundredths, the precision points are stored in.
pub fn hundredths(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// `points` kept within `[0, max]` (a negative `max` counts as 0).
pub fn clamp(points: Points, max: Points) -> Points {
    points.clamp(0.0, max.max(0.0))
}

/// Percentage of `max`, within `[0, 100]`; 0 when `max` is 0.
pub fn percent(points: Points, max: Points) -> f64 {
    if max > 0.0 {
        (points / max * 100.0).clamp(0.0, 100.0)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_to_hundredths_and_clamps_into_range() {
        assert_eq!(hundredths(6.666), 6.67);
        assert_eq!(hundredths(-1.234), -1.23);
        assert_eq!(clamp(11.0, 10.0), 10.0);
        assert_eq!(clamp(-2.0, 10.0), 0.0);
        assert_eq!(clamp(3.0, -1.0), 0.0);
        assert!((percent(2.0, 3.0) - 66.667).abs() < 1e-3);
        assert_eq!(percent(5.0, 4.0), 100.0);
        assert_eq!(percent(1.0, 0.0), 0.0);
    }
}
