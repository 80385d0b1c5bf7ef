//! `choice`: the chosen option's own score, so a polite but incomplete reply earns part of
//! the points. The item's maximum is its best option.

use super::{malformed, option_findings, rules_or, FindingKind, Outcome};
use crate::scenario::{Choice, Item, Points};

pub fn score(item: &Item, choice: &Choice, option: usize) -> Outcome {
    let max = item.max_points();
    let Some(chosen) = choice.options.get(option) else {
        return malformed(
            item,
            format!(
                "答案无效：本题只有 {} 个选项，没有第 {} 项，按答错计。",
                choice.options.len(),
                option.saturating_add(1)
            ),
        );
    };
    let kind = graded(chosen.score, max);
    let findings = option_findings(kind, &chosen.feedback, rules_or(&chosen.standards, &item.standards), chosen.score);
    Outcome::new(chosen.score, max, findings)
}

/// Full marks follow the rule, part marks miss some of it, none break it.
pub(crate) fn graded(points: Points, max: Points) -> FindingKind {
    if max > 0.0 && points >= max - 1e-9 {
        FindingKind::Follows
    } else if points > 1e-9 {
        FindingKind::Missing
    } else {
        FindingKind::Breaks
    }
}
