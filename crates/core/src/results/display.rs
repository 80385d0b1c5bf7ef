//! How points, percentages and findings are shown to a trainee: one way everywhere (player,
//! feedback, summary, pack cards, the authoring preview), so a figure reads the same on every
//! screen.

use crate::points::Points;
use crate::scenario::RuleId;
use crate::score::{Finding, FindingKind};

/// Points for display: at most one decimal, no trailing `.0` (`7`, `6.7`, `-0.5`).
///
/// In whole tenths rather than `{:.1}`: formatting an `f64` links core's float printing
/// into the trainee's wasm for this one use (docs/PERFORMANCE.md, "Figures behind choices
/// in the code").
pub fn fmt_points(points: Points) -> String {
    let tenths = (points * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let (whole, tenth) = (tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
    match tenth {
        0 => format!("{sign}{whole}"),
        _ => format!("{sign}{whole}.{tenth}"),
    }
}

/// A percentage for display, whole numbers (`83%`).
pub fn fmt_percent(p: f64) -> String {
    format!("{}%", p.round() as i64)
}

/// Findings that say the same thing (same kind, message, quoted words and replacement),
/// shown once with every rule they cite and their points summed. Scoring may report one
/// finding per rule of a step; the trainee should read the message once.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingGroup {
    pub kind: FindingKind,
    pub message: String,
    pub points: Points,
    pub quote: Option<String>,
    pub instead: Option<String>,
    /// Distinct rules, in order of first mention.
    pub rules: Vec<RuleId>,
}

pub fn group_findings(findings: &[Finding]) -> Vec<FindingGroup> {
    let mut groups: Vec<FindingGroup> = Vec::new();
    for f in findings {
        let same = groups
            .iter_mut()
            .find(|g| g.kind == f.kind && g.message == f.message && g.quote == f.quote && g.instead == f.instead);
        let g = match same {
            Some(g) => {
                // The same finding repeated per rule carries the same points each time;
                // count them once unless the rule is the same (a genuine repeat).
                if f.standard.as_ref().is_some_and(|r| g.rules.contains(r)) {
                    g.points += f.points;
                } else if g.points.abs() < 1e-9 {
                    g.points = f.points;
                }
                g
            }
            None => {
                groups.push(FindingGroup {
                    kind: f.kind,
                    message: f.message.clone(),
                    points: f.points,
                    quote: f.quote.clone(),
                    instead: f.instead.clone(),
                    rules: Vec::new(),
                });
                groups.last_mut().expect("just pushed")
            }
        };
        if let Some(rule) = &f.standard {
            if !g.rules.contains(rule) {
                g.rules.push(rule.clone());
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::points::percent;

    #[test]
    fn findings_saying_the_same_thing_are_shown_once_with_all_their_rules() {
        let f = |kind, rule: &str, msg: &str, points| Finding {
            kind,
            standard: Some(rule.into()),
            message: msg.into(),
            points,
            quote: None,
            instead: None,
        };
        let groups = group_findings(&[
            f(FindingKind::Follows, "A", "认同心情", 3.0),
            f(FindingKind::Follows, "B", "认同心情", 0.0),
            f(FindingKind::Breaks, "C", "忌语", -5.0),
            f(FindingKind::Follows, "C", "认同心情", 0.0),
        ]);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].rules, vec!["A".to_owned(), "B".to_owned(), "C".to_owned()]);
        assert_eq!(groups[0].points, 3.0);
        assert_eq!(groups[1].kind, FindingKind::Breaks);
        assert_eq!(groups[1].points, -5.0);
    }

    #[test]
    fn display_helpers() {
        assert_eq!(fmt_points(7.0), "7");
        assert_eq!(fmt_points(6.666), "6.7");
        for (points, shown) in [
            (0.0, "0"),
            (-0.0, "0"),
            (0.04, "0"),
            (0.05, "0.1"),
            (2.5, "2.5"),
            (-0.5, "-0.5"),
            (-1.25, "-1.3"),
            (10.96, "11"),
            (1234.5, "1234.5"),
        ] {
            assert_eq!(fmt_points(points), shown, "{points}");
        }
        assert_eq!(fmt_percent(percent(2.0, 3.0)), "67%");
        assert_eq!(percent(1.0, 0.0), 0.0);
    }
}
