//! The result of one run: points, pass or fail, each rule's share, the rules to work on, and
//! which items a retry replays.
//!
//! One function computes all of it (`run_summary`), so the summary a trainee reads and the
//! items "retry" replays cannot disagree.

use super::store::{Attempt, PackRun, TraineeStore};
use crate::points::{hundredths, percent, Points};
use crate::scenario::{Pack, RuleId};
use crate::score::{FindingKind, Verdict};
use std::collections::BTreeMap;

/// One rule's share of a run: the points of the items citing it, and how often an answer
/// followed or broke it.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleTally {
    pub rule: RuleId,
    pub points: Points,
    pub max: Points,
    /// Items citing this rule.
    pub items: usize,
    pub follows: usize,
    /// Findings that broke the rule or missed what it asks for.
    pub breaks: usize,
}

impl RuleTally {
    pub fn percent(&self) -> f64 {
        percent(self.points, self.max)
    }
}

/// The result of one run.
#[derive(Debug, Clone, PartialEq)]
pub struct RunSummary {
    pub pack_id: String,
    pub points: Points,
    pub max: Points,
    pub percent: f64,
    pub pass_mark: f64,
    pub passed: bool,
    pub answered: usize,
    pub total: usize,
    pub retry: bool,
    /// Every rule cited by the run's items, in order of first citation.
    pub rules: Vec<RuleTally>,
    /// Rules the trainee should work on, weakest first: rules broken or missed by some
    /// finding, and rules of items not at full marks that no finding names.
    pub weak: Vec<RuleId>,
    /// Item ids not at full marks (what "retry" replays).
    pub to_retry: Vec<String>,
}

/// The attempt that answered each item of the run, in run order (answered items only).
pub fn run_attempts<'s>(run: &PackRun, store: &'s TraineeStore) -> Vec<(&'s Attempt, usize)> {
    run.items
        .iter()
        .filter_map(|id| run.answers.get(id))
        .filter_map(|&i| store.attempts.get(i).map(|a| (a, i)))
        .collect()
}

pub fn run_summary(pack: &Pack, run: &PackRun, store: &TraineeStore) -> RunSummary {
    let mut rules: Vec<RuleTally> = Vec::new();
    let mut weak_count: BTreeMap<RuleId, usize> = BTreeMap::new();
    let tally = |rules: &mut Vec<RuleTally>, id: &str| -> usize {
        if let Some(i) = rules.iter().position(|r| r.rule == id) {
            i
        } else {
            rules.push(RuleTally { rule: id.to_owned(), points: 0.0, max: 0.0, items: 0, follows: 0, breaks: 0 });
            rules.len() - 1
        }
    };
    let (mut points, mut max, mut answered) = (0.0, 0.0, 0);
    let mut to_retry = Vec::new();
    for id in &run.items {
        let Some(item) = pack.item(id) else { continue };
        let attempt = run.answers.get(id).and_then(|&i| store.attempts.get(i));
        let item_max = item.max_points();
        max += item_max;
        let item_points = attempt.map_or(0.0, |a| a.outcome.points);
        points += item_points;
        if attempt.is_some() {
            answered += 1;
        }
        if attempt.is_none_or(|a| a.outcome.verdict != Verdict::Correct) {
            to_retry.push(id.clone());
        }
        for rule in &item.standards {
            let i = tally(&mut rules, rule);
            rules[i].points += item_points;
            rules[i].max += item_max;
            rules[i].items += 1;
        }
        let Some(attempt) = attempt else { continue };
        let mut named_weak = false;
        for f in &attempt.outcome.findings {
            let Some(rule) = f.standard.as_deref() else { continue };
            let i = tally(&mut rules, rule);
            if f.kind == FindingKind::Follows {
                rules[i].follows += 1;
            } else {
                rules[i].breaks += 1;
                *weak_count.entry(rule.to_owned()).or_default() += 1;
                named_weak = true;
            }
        }
        if attempt.outcome.verdict != Verdict::Correct && !named_weak {
            for rule in &item.standards {
                *weak_count.entry(rule.clone()).or_default() += 1;
            }
        }
    }
    let mut weak: Vec<(RuleId, usize, f64)> = weak_count
        .into_iter()
        .map(|(rule, n)| {
            let p = rules.iter().find(|r| r.rule == rule).map_or(0.0, RuleTally::percent);
            (rule, n, p)
        })
        .collect();
    // Most often broken first; then lowest share of points; then id for a stable order.
    weak.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.total_cmp(&b.2)).then(a.0.cmp(&b.0)));
    let pct = percent(points, max);
    RunSummary {
        pack_id: pack.id.clone(),
        points: hundredths(points),
        max,
        percent: pct,
        pass_mark: pack.pass_mark,
        passed: max > 0.0 && pct + 1e-9 >= pack.pass_mark,
        answered,
        total: run.items.len(),
        retry: run.retry,
        rules,
        weak: weak.into_iter().map(|w| w.0).collect(),
        to_retry,
    }
}

/// The items a retry of `run` replays: those not at full marks, in run order.
pub fn retry_items(pack: &Pack, run: &PackRun, store: &TraineeStore) -> Vec<String> {
    run_summary(pack, run, store).to_retry
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::fixtures::{answer, breaks, pack};

    #[test]
    fn summary_counts_points_rules_and_what_to_retry() {
        let p = pack();
        let mut store = TraineeStore::default();
        let mut run = PackRun::new("p", vec!["i1".into(), "i2".into(), "i3".into()], 5.0, false);
        answer(&mut store, &mut run, "i1", 10.0, vec![]);
        answer(&mut store, &mut run, "i2", 4.0, vec![breaks("B"), breaks("B")]);
        answer(&mut store, &mut run, "i3", 0.0, vec![]);
        let s = run_summary(&p, &run, &store);
        assert_eq!(s.points, 14.0);
        assert_eq!(s.max, 30.0);
        assert!(!s.passed);
        assert_eq!(s.answered, 3);
        assert_eq!(s.to_retry, vec!["i2".to_owned(), "i3".to_owned()]);
        // B broken twice comes first; C (no finding, item wrong) next.
        assert_eq!(s.weak, vec!["B".to_owned(), "C".to_owned()]);
        let a = s.rules.iter().find(|r| r.rule == "A").unwrap();
        assert_eq!((a.points, a.max, a.items), (14.0, 20.0, 2));
        assert_eq!(retry_items(&p, &run, &store), s.to_retry);
    }
}
