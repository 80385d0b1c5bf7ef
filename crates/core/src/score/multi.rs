//! `multi` (select all that apply): each right pick earns `points ÷ correct options`, each
//! wrong pick costs the same, floored at 0 — so ticking everything is not a strategy.

use super::{first_rule, malformed, Finding, FindingKind, Outcome};
use crate::scenario::{Item, Multi};

pub fn score(item: &Item, multi: &Multi, selected: &[usize]) -> Outcome {
    if let Some(bad) = selected.iter().find(|&&i| i >= multi.options.len()) {
        return malformed(
            item,
            format!(
                "答案无效：本题只有 {} 个选项，没有第 {} 项，按答错计。",
                multi.options.len(),
                bad.saturating_add(1)
            ),
        );
    }
    // Every index is below the option count here, so this is at most options² work.
    if let Some(dup) = selected.iter().enumerate().find_map(|(n, i)| selected[..n].contains(i).then_some(*i)) {
        return malformed(item, format!("答案无效：第 {} 项被重复选择，按答错计。", dup.saturating_add(1)));
    }
    let correct = multi.options.iter().filter(|o| o.correct).count();
    // A multi item with no correct option is rejected by the loader; never divide by 0.
    let share = multi.points / correct.max(1) as f64;
    let rule = first_rule(item);
    let mut total = 0.0;
    let mut findings = Vec::new();
    for (i, option) in multi.options.iter().enumerate() {
        let picked = selected.contains(&i);
        let finding = |kind, message: String, points| Finding {
            kind,
            standard: rule.clone(),
            message,
            points,
            quote: None,
            instead: None,
        };
        match (picked, option.correct) {
            (true, true) => {
                total += share;
                findings.push(finding(
                    FindingKind::Follows,
                    with_feedback(format!("选对：{}", option.text), &option.feedback),
                    share,
                ));
            }
            (true, false) => {
                total -= share;
                findings.push(finding(
                    FindingKind::Breaks,
                    with_feedback(format!("错选：{}", option.text), &option.feedback),
                    -share,
                ));
            }
            (false, true) => findings.push(finding(
                FindingKind::Missing,
                with_feedback(format!("漏选：{}", option.text), &option.feedback),
                0.0,
            )),
            (false, false) => {}
        }
    }
    Outcome::new(total, item.max_points(), findings)
}

/// "错选：<option>" and the option's note as one message. An option that is a whole
/// sentence already ends in its own 。！？, which is kept rather than followed by another 。.
fn with_feedback(head: String, feedback: &str) -> String {
    if feedback.is_empty() {
        head
    } else if matches!(head.chars().next_back(), Some('。' | '！' | '？' | '…' | '!' | '?' | '.')) {
        format!("{head}{feedback}")
    } else {
        format!("{head}。{feedback}")
    }
}
