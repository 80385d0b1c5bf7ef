//! Scoring: a pure function from (item, answer) to an `Outcome`.
//!
//! One file per item kind, each implementing the rule `docs/FORMAT.md` states for it:
//! `choice`, `multi`, `order`, `reply` and `path` (a played dialogue, replayed through the
//! shared state machine in `dialogue`). Every kind follows the same conventions:
//!
//! - The total is clamped into `[0, max]` by `Outcome::new`.
//! - Findings explain the total: each carries the rule it is about where one applies, and
//!   the points it earned (positive) or cost (negative).
//! - A malformed answer (wrong kind for the item, an index out of range, a repeated pick)
//!   never panics, because answers come back from storage and result files: it scores 0
//!   with one finding saying what was wrong with it.

pub mod answer;
pub mod choice;
pub mod dialogue;
pub mod multi;
pub mod order;
pub mod outcome;
pub mod path;
pub mod reply;

pub use answer::Answer;
pub use outcome::{Finding, FindingKind, Outcome, Verdict};
pub use path::{ending_finding, step_findings};

use crate::scenario::{Item, ItemBody, Points, RuleId};
use crate::text::TabooMatcher;

/// Scores a complete answer. Never panics on a malformed answer (an index out of range is
/// treated as a wrong pick), because answers come back from storage and result files.
pub fn score(item: &Item, answer: &Answer, taboo: &TabooMatcher) -> Outcome {
    match (&item.body, answer) {
        (ItemBody::Choice(c), Answer::Choice { option }) => choice::score(item, c, *option),
        (ItemBody::Multi(m), Answer::Multi { selected }) => multi::score(item, m, selected),
        (ItemBody::Order(o), Answer::Order { order }) => order::score(item, o, order),
        (ItemBody::Reply(r), Answer::Reply { text }) => reply::score(item, r, text, taboo),
        (ItemBody::Dialogue(d), Answer::Dialogue { path }) => path::score(item, d, path),
        (_, answer) => malformed(
            item,
            format!("答案类型（{}）与题型（{}）不符，按答错计。", answer_label(answer), item.kind().label()),
        ),
    }
}

/// The outcome of an answer that cannot be scored as given: 0 points and one finding
/// that says why, tied to the item's first rule so it still shows up as work to do.
pub(crate) fn malformed(item: &Item, message: String) -> Outcome {
    let finding = Finding {
        kind: FindingKind::Breaks,
        standard: first_rule(item),
        message,
        points: 0.0,
        quote: None,
        instead: None,
    };
    Outcome::new(0.0, item.max_points(), vec![finding])
}

/// The item's first rule: the default for findings that name no rule of their own.
pub(crate) fn first_rule(item: &Item) -> Option<RuleId> {
    item.standards.first().cloned()
}

/// An option's own rules, or the item's when it lists none (the `standards` default of
/// `choice` and dialogue options).
pub(crate) fn rules_or<'a>(own: &'a [RuleId], item: &'a [RuleId]) -> &'a [RuleId] {
    if own.is_empty() {
        item
    } else {
        own
    }
}

/// One finding per rule an option is about, each with the option's feedback (so a finding
/// shown next to its rule reads on its own); the option's points go on the first, so the
/// findings' points add up to what the option earned. No rules at all: one finding with
/// none.
pub(crate) fn option_findings(kind: FindingKind, feedback: &str, rules: &[RuleId], points: Points) -> Vec<Finding> {
    let finding = |standard: Option<RuleId>, points| Finding {
        kind,
        standard,
        message: feedback.to_string(),
        points,
        quote: None,
        instead: None,
    };
    if rules.is_empty() {
        return vec![finding(None, points)];
    }
    rules.iter().enumerate().map(|(i, rule)| finding(Some(rule.clone()), if i == 0 { points } else { 0.0 })).collect()
}

fn answer_label(answer: &Answer) -> &'static str {
    match answer {
        Answer::Choice { .. } => "单选",
        Answer::Multi { .. } => "多选",
        Answer::Order { .. } => "排序",
        Answer::Reply { .. } => "应答",
        Answer::Dialogue { .. } => "情景对话",
    }
}
