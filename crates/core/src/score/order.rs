//! `order`: every pair of steps put in the right relative order earns a share, so one swap
//! of neighbours costs one pair, not the whole item. `steps` is written in the correct
//! order; the answer lists step indices in the order the trainee put them.

use super::{choice::graded, first_rule, malformed, Finding, FindingKind, Outcome};
use crate::scenario::{Item, Order};

pub fn score(item: &Item, order: &Order, answer: &[usize]) -> Outcome {
    let n = order.steps.len();
    if answer.len() != n {
        return malformed(item, format!("答案无效：本题有 {n} 个步骤，答案排了 {} 个，按答错计。", answer.len()));
    }
    // position[step] = where the trainee put it; each step exactly once.
    let mut position = vec![usize::MAX; n];
    for (at, &step) in answer.iter().enumerate() {
        match position.get_mut(step) {
            Some(slot) if *slot == usize::MAX => *slot = at,
            Some(_) => {
                return malformed(item, format!("答案无效：第 {} 步出现了不止一次，按答错计。", step.saturating_add(1)))
            }
            None => return malformed(item, format!("答案无效：本题没有第 {} 步，按答错计。", step.saturating_add(1))),
        }
    }
    let pairs = n * n.saturating_sub(1) / 2;
    let right =
        (0..n).flat_map(|a| (a + 1..n).map(move |b| (a, b))).filter(|&(a, b)| position[a] < position[b]).count();
    let points = if pairs == 0 { order.points } else { order.points * right as f64 / pairs as f64 };

    let rule = first_rule(item);
    let finding = |kind, message: String, points| Finding {
        kind,
        standard: rule.clone(),
        message,
        points,
        quote: None,
        instead: None,
    };
    let summary = format!("{right}/{pairs} 对步骤先后正确。{}", order.feedback);
    let mut findings = vec![finding(graded(points, item.max_points()), summary.trim_end().to_string(), points)];
    // Name each pair of neighbouring steps the trainee reversed: a short, actionable list.
    for a in 0..n.saturating_sub(1) {
        if position[a + 1] < position[a] {
            findings.push(finding(
                FindingKind::Breaks,
                format!("“{}”应在“{}”之前。", order.steps[a], order.steps[a + 1]),
                0.0,
            ));
        }
    }
    Outcome::new(points, item.max_points(), findings)
}
