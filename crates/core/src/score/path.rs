//! A played `dialogue`: the stored path of option indices is replayed through the shared
//! state machine (`dialogue::replay`), so the points are exactly the ones the trainee saw
//! while playing and the ones the loader's maximum was computed with. Total = sum of the
//! steps' points (requirement penalties included), clamped to `[0, max]`.
//!
//! [`step_findings`] is also what the app shows after each reply, so the feedback during
//! play and in the final report are the same findings.

use super::dialogue::{replay, State, Step};
use super::{first_rule, malformed, option_findings, rules_or, Finding, FindingKind, Outcome};
use crate::scenario::{Dialogue, Ending, EndingResult, Item, RuleId};

pub fn score(item: &Item, d: &Dialogue, path: &[usize]) -> Outcome {
    let (steps, end) = replay(d, path);
    if steps.len() < path.len() {
        let at = steps.len();
        return malformed(
            item,
            format!(
                "答案无效：对话第 {} 步的选择（第 {} 项）在该处不存在，按答错计。",
                at + 1,
                path[at].saturating_add(1)
            ),
        );
    }
    let mut findings = Vec::new();
    let mut state = State::start(d);
    for step in &steps {
        findings.extend(step_findings(d, &state, step, &item.standards));
        state = step.next.clone();
    }
    match end.ending(d) {
        Some(ending) => findings.push(ending_finding(ending)),
        None => findings.push(Finding {
            kind: FindingKind::Missing,
            standard: first_rule(item),
            message: "对话没有进行到结局，只计已作答的步骤。".into(),
            points: 0.0,
            quote: None,
            instead: None,
        }),
    }
    let total: f64 = steps.iter().map(|s| s.points).sum();
    Outcome::new(total, item.max_points(), findings)
}

/// What one reply did, for the feedback shown right after it: the chosen option's
/// feedback under each of its rules (`standards`, falling back to the item's), as
/// `Follows` if no option at that node scores more and `Breaks` otherwise, then one
/// `Breaks` per requirement that was not met, costing its penalty, under its own rule (or
/// the item's first).
///
/// `at` is the state the option was chosen in (the state before `step`). Returns nothing
/// if `step` is not an option of `at`, which `State::step` never produces.
pub fn step_findings(d: &Dialogue, at: &State, step: &Step, standards: &[RuleId]) -> Vec<Finding> {
    let Some(options) = at.options(d) else { return Vec::new() };
    let Some(option) = options.get(step.option) else { return Vec::new() };
    let best = options.iter().map(|o| o.score).fold(f64::NEG_INFINITY, f64::max);
    let kind = if option.score >= best - 1e-9 { FindingKind::Follows } else { FindingKind::Breaks };
    let mut findings = option_findings(kind, &option.feedback, rules_or(&option.standards, standards), option.score);
    findings.extend(step.unmet.iter().map(|u| Finding {
        kind: FindingKind::Breaks,
        standard: u.standard.clone().or_else(|| standards.first().cloned()),
        message: u.feedback.clone(),
        points: -u.penalty,
        quote: None,
        instead: None,
    }));
    findings
}

/// The ending reached: what happened and how well. Endings carry no rule of their own;
/// the steps that led there do.
pub fn ending_finding(ending: &Ending) -> Finding {
    let kind = match ending.result {
        EndingResult::Good => FindingKind::Follows,
        EndingResult::Partial => FindingKind::Missing,
        EndingResult::Bad => FindingKind::Breaks,
    };
    let mut message = format!("结局：{}（{}）。", ending.outcome, ending.result.label());
    message.push_str(&ending.feedback);
    Finding { kind, standard: None, message, points: 0.0, quote: None, instead: None }
}
