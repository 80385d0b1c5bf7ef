//! The state of a dialogue being played, and the one transition function that moves it.
//!
//! The same `State::step` is used three ways: by the app as the trainee clicks through a
//! conversation, by `score` to replay a stored path, and by the loader to search every path
//! for the best reachable total. Keeping a single transition function means the maximum the
//! loader computes is exactly what a trainee can earn.

use crate::scenario::{Condition, Dialogue, DialogueOption, Ending, NodeStep, Points, RuleId};
use std::collections::BTreeSet;

/// Where a conversation stands: the node shown, the customer's mood, the facts established.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct State {
    pub node: String,
    pub mood: i32,
    pub flags: BTreeSet<String>,
}

/// A requirement that was not met when an option was chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct Unmet {
    pub flag: String,
    pub penalty: Points,
    pub feedback: String,
    pub standard: Option<RuleId>,
}

/// What one reply did: the points it earned (score minus unmet-requirement penalties, may be
/// negative), the unmet requirements, and the resulting state.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub option: usize,
    pub points: Points,
    pub unmet: Vec<Unmet>,
    pub mood_before: i32,
    pub next: State,
}

impl State {
    pub fn start(d: &Dialogue) -> State {
        State { node: d.start.clone(), mood: d.mood.start.clamp(d.mood.min, d.mood.max), flags: BTreeSet::new() }
    }

    /// The options offered at this state, or `None` at an ending or a node that does not
    /// exist (which the loader rules out for loaded packs).
    pub fn options<'d>(&self, d: &'d Dialogue) -> Option<&'d [DialogueOption]> {
        match &d.nodes.get(&self.node)?.step {
            NodeStep::Options(options) => Some(options),
            NodeStep::Ending(_) => None,
        }
    }

    /// The ending reached, if this state is one.
    pub fn ending<'d>(&self, d: &'d Dialogue) -> Option<&'d Ending> {
        match &d.nodes.get(&self.node)?.step {
            NodeStep::Ending(e) => Some(e),
            NodeStep::Options(_) => None,
        }
    }

    /// Chooses option `index`. `None` if the state has no such option.
    pub fn step(&self, d: &Dialogue, index: usize) -> Option<Step> {
        let option = self.options(d)?.get(index)?;
        let unmet: Vec<Unmet> = option
            .requires
            .iter()
            .filter(|r| !self.flags.contains(&r.flag))
            .map(|r| Unmet {
                flag: r.flag.clone(),
                penalty: r.penalty,
                feedback: r.feedback.clone(),
                standard: r.standard.clone(),
            })
            .collect();
        let points = option.score - unmet.iter().map(|u| u.penalty).sum::<Points>();
        let mood = (self.mood + option.mood).clamp(d.mood.min, d.mood.max);
        let mut flags = self.flags.clone();
        flags.extend(option.sets.iter().cloned());
        let next =
            option.branches.iter().find(|b| holds(&b.when, mood, &flags)).map_or(&option.next, |b| &b.next).clone();
        Some(Step { option: index, points, unmet, mood_before: self.mood, next: State { node: next, mood, flags } })
    }
}

fn holds(condition: &Condition, mood: i32, flags: &BTreeSet<String>) -> bool {
    match condition {
        Condition::MoodAtMost(m) => mood <= *m,
        Condition::MoodAtLeast(m) => mood >= *m,
        Condition::Has(flag) => flags.contains(flag),
        Condition::Lacks(flag) => !flags.contains(flag),
    }
}

/// Replays a path of option indices from the start. Stops early (returning what was played)
/// at the first index that is not an option of its state, so a corrupt stored path can
/// never panic.
pub fn replay(d: &Dialogue, path: &[usize]) -> (Vec<Step>, State) {
    let mut state = State::start(d);
    let mut steps = Vec::with_capacity(path.len());
    for &index in path {
        let Some(step) = state.step(d, index) else { break };
        state = step.next.clone();
        steps.push(step);
    }
    (steps, state)
}

/// The best total reachable over all complete paths, with the running total floored at
/// nothing (penalties count), or `None` if no path reaches an ending. Explores states
/// (node, mood, flags), so it terminates on any graph; the loader rejects cycles anyway.
pub fn best_total(d: &Dialogue) -> Option<Points> {
    use std::collections::BTreeMap;
    fn go(d: &Dialogue, state: &State, memo: &mut BTreeMap<State, Option<Points>>, depth: usize) -> Option<Points> {
        if let Some(known) = memo.get(state) {
            return *known;
        }
        if state.ending(d).is_some() {
            return Some(0.0);
        }
        // Guard against pathological graphs: a path longer than the number of nodes times
        // the mood range must contain a cycle.
        let limit = d.nodes.len() * ((d.mood.max - d.mood.min).unsigned_abs() as usize + 1) + 1;
        if depth > limit {
            return None;
        }
        memo.insert(state.clone(), None); // provisional: breaks cycles
        let mut best: Option<Points> = None;
        for i in 0..state.options(d).map_or(0, <[_]>::len) {
            if let Some(step) = state.step(d, i) {
                if let Some(rest) = go(d, &step.next, memo, depth + 1) {
                    let total = step.points + rest;
                    best = Some(best.map_or(total, |b: Points| b.max(total)));
                }
            }
        }
        memo.insert(state.clone(), best);
        best
    }
    go(d, &State::start(d), &mut BTreeMap::new(), 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Branch, EndingResult, MoodScale, Node, Requirement};
    use std::collections::BTreeMap;

    fn option(text: &str, score: Points, next: &str) -> DialogueOption {
        DialogueOption {
            text: text.into(),
            score,
            feedback: String::new(),
            standards: vec![],
            mood: 0,
            next: next.into(),
            branches: vec![],
            sets: vec![],
            requires: vec![],
        }
    }

    fn ending(outcome: &str) -> Node {
        Node {
            customer: String::new(),
            narration: String::new(),
            step: NodeStep::Ending(Ending {
                outcome: outcome.into(),
                result: EndingResult::Good,
                feedback: String::new(),
            }),
        }
    }

    /// open --ask(3, sets asked)--> scope --dispatch(3)--> done
    /// open --dispatch(4, requires asked: -2)--> done
    fn repair() -> Dialogue {
        let mut ask = option("ask", 3.0, "scope");
        ask.sets = vec!["asked".into()];
        ask.mood = 1;
        let mut rush = option("rush", 4.0, "done");
        rush.requires = vec![Requirement {
            flag: "asked".into(),
            penalty: 2.0,
            feedback: "ask first".into(),
            standard: Some("REPAIR.ASK".into()),
        }];
        rush.mood = -3;
        rush.branches = vec![Branch { when: Condition::MoodAtMost(-2), next: "angry".into() }];
        let mut nodes = BTreeMap::new();
        nodes.insert(
            "open".into(),
            Node { customer: "停电了".into(), narration: String::new(), step: NodeStep::Options(vec![ask, rush]) },
        );
        nodes.insert(
            "scope".into(),
            Node {
                customer: "整个小区".into(),
                narration: String::new(),
                step: NodeStep::Options(vec![option("dispatch", 3.0, "done")]),
            },
        );
        nodes.insert("done".into(), ending("dispatched"));
        nodes.insert("angry".into(), ending("escalated"));
        Dialogue { start: "open".into(), mood: MoodScale::default(), nodes, max_points: 0.0 }
    }

    #[test]
    fn unmet_requirement_costs_its_penalty_and_mood_branches() {
        let d = repair();
        let step = State::start(&d).step(&d, 1).unwrap();
        assert_eq!(step.points, 2.0);
        assert_eq!(step.unmet.len(), 1);
        assert_eq!(step.next.mood, -3);
        assert_eq!(step.next.node, "angry");
    }

    #[test]
    fn best_total_follows_the_rules() {
        assert_eq!(best_total(&repair()), Some(6.0));
    }

    #[test]
    fn replay_stops_at_a_bad_index() {
        let d = repair();
        let (steps, state) = replay(&d, &[0, 7, 0]);
        assert_eq!(steps.len(), 1);
        assert_eq!(state.node, "scope");
        assert!(state.flags.contains("asked"));
    }
}
