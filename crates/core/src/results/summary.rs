//! What the app shows about a trainee's progress, computed from the store and the content:
//! progress per pack, the summary of a run (points, pass/fail, per-rule breakdown, "rules to
//! work on"), which items a retry replays, the deterministic shuffles a run uses, and the
//! split of a typed reply into plain and banned-phrase segments.
//!
//! Plain Rust, no browser types: the web UI only renders these, and they are tested natively.

use super::store::{Attempt, PackRun, TraineeStore};
use crate::scenario::{Item, Pack, PackSummary, Points, RuleId};
use crate::score::{FindingKind, Verdict};
use std::collections::BTreeMap;

/// Percentage of `max`, 0 when `max` is 0.
pub fn percent(points: Points, max: Points) -> f64 {
    if max > 0.0 {
        (points / max * 100.0).clamp(0.0, 100.0)
    } else {
        0.0
    }
}

/// Points for display: at most one decimal, no trailing `.0` (`7`, `6.7`, `-0.5`).
///
/// In whole tenths rather than `{:.1}`: formatting an `f64` links core's float printing
/// (10 KB of the trainee's wasm) for this one use.
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

// ------------------------------------------------------------------ progress per pack

/// A pack's standing for its card on the home page.
#[derive(Debug, Clone, PartialEq)]
pub struct PackProgress {
    /// Items of the pack answered at least once (in any run).
    pub answered: usize,
    pub total: usize,
    /// Sum over the pack's items of the best points ever earned on each, and its share of
    /// the pack's maximum. `None` before any answer.
    pub best_points: Option<Points>,
    pub best_percent: Option<f64>,
    pub max_points: Points,
    /// Whether the best score reaches the pass mark.
    pub passed: bool,
    /// The latest run, if it is not finished: its position (answered, total).
    pub in_progress: Option<(usize, usize)>,
    /// Whether the latest run exists and is finished.
    pub finished_run: bool,
}

/// From the pack list's summary of the pack (`packs.json`, or derived from the content), so
/// the home page can show it before the items are loaded.
pub fn pack_progress(pack: &PackSummary, store: &TraineeStore) -> PackProgress {
    let mut best: BTreeMap<&str, Points> = BTreeMap::new();
    for a in store.attempts.iter().filter(|a| a.pack_id == pack.id) {
        if !pack.has_item(&a.item_id) {
            continue; // an item since removed from the pack
        }
        let e = best.entry(a.item_id.as_str()).or_insert(0.0);
        *e = e.max(a.outcome.points);
    }
    let max_points = pack.max_points;
    let best_points = if best.is_empty() { None } else { Some(best.values().sum::<Points>()) };
    let best_percent = best_points.map(|p| percent(p, max_points));
    let passed = best_percent.is_some_and(|p| p + 1e-9 >= pack.pass_mark);
    let run = store.runs.get(&pack.id);
    let in_progress = run.filter(|r| !r.is_finished()).map(|r| (r.answers.len(), r.items.len()));
    PackProgress {
        answered: best.len(),
        total: pack.items.len(),
        best_points,
        best_percent,
        max_points,
        passed,
        in_progress,
        finished_run: run.is_some_and(PackRun::is_finished),
    }
}

// ------------------------------------------------------------------ run summary

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
        points: (points * 100.0).round() / 100.0,
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

// ------------------------------------------------------------------ deterministic shuffles

/// SplitMix64: small, fast, and the same on every platform.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A seed for one item in one run: the same run and item always give the same seed, so a
/// reloaded page shows options in the same order.
pub fn item_seed(run: &PackRun, item_id: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ (run.started_ms as u64);
    for byte in item_id.bytes().chain(run.pack_id.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A permutation of `0..n` (Fisher–Yates driven by `seed`).
pub fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    let mut state = seed;
    for i in (1..n).rev() {
        let j = (splitmix(&mut state) % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
    v
}

/// Like [`shuffled`] but never the identity when `n > 1`: an `order` item must not start
/// already solved.
pub fn shuffled_not_identity(n: usize, seed: u64) -> Vec<usize> {
    let mut v = shuffled(n, seed);
    if n > 1 && v.iter().enumerate().all(|(i, &x)| i == x) {
        v.rotate_left(1);
    }
    v
}

/// The display order of an item's options (`choice`, `multi`) or initial order of its
/// steps (`order`) in a run; empty for other kinds.
pub fn display_order(item: &Item, seed: u64) -> Vec<usize> {
    use crate::scenario::ItemBody;
    match &item.body {
        ItemBody::Choice(c) => shuffled(c.options.len(), seed),
        ItemBody::Multi(m) => shuffled(m.options.len(), seed),
        ItemBody::Order(o) => shuffled_not_identity(o.steps.len(), seed),
        ItemBody::Reply(_) | ItemBody::Dialogue(_) => Vec::new(),
    }
}

/// The items a retry of `run` replays: those not at full marks, in run order.
pub fn retry_items(pack: &Pack, run: &PackRun, store: &TraineeStore) -> Vec<String> {
    run_summary(pack, run, store).to_retry
}

// ------------------------------------------------------------------ findings for display

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

pub fn group_findings(findings: &[crate::score::Finding]) -> Vec<FindingGroup> {
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

// ------------------------------------------------------------------ highlighting

/// Splits `text` into segments by char ranges `[start, end)` (e.g. banned-phrase hits):
/// `(segment, Some(range index))` for a highlighted part, `(segment, None)` for plain text.
/// Overlapping or out-of-range ranges are clipped, so any input is safe.
pub fn highlight_segments(text: &str, ranges: &[(usize, usize)]) -> Vec<(String, Option<usize>)> {
    let chars: Vec<char> = text.chars().collect();
    let mut order: Vec<usize> = (0..ranges.len()).collect();
    order.sort_by_key(|&i| ranges[i].0);
    let mut out = Vec::new();
    let mut pos = 0;
    for i in order {
        let (start, end) = ranges[i];
        let start = start.max(pos).min(chars.len());
        let end = end.min(chars.len());
        if end <= start {
            continue;
        }
        if start > pos {
            out.push((chars[pos..start].iter().collect(), None));
        }
        out.push((chars[start..end].iter().collect(), Some(i)));
        pos = end;
    }
    if pos < chars.len() {
        out.push((chars[pos..].iter().collect(), None));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Choice, ChoiceOption, ItemBody, Order, PackCategory};
    use crate::score::{Answer, Finding, Outcome};

    fn choice_item(id: &str, rules: &[&str]) -> Item {
        Item {
            id: id.into(),
            standards: rules.iter().map(|r| (*r).to_owned()).collect(),
            prompt: "p".into(),
            context: String::new(),
            body: ItemBody::Choice(Choice {
                options: vec![
                    ChoiceOption { text: "a".into(), score: 10.0, feedback: String::new(), standards: vec![] },
                    ChoiceOption { text: "b".into(), score: 0.0, feedback: String::new(), standards: vec![] },
                    ChoiceOption { text: "c".into(), score: 4.0, feedback: String::new(), standards: vec![] },
                ],
            }),
        }
    }

    fn pack() -> Pack {
        Pack {
            id: "p".into(),
            title: "T".into(),
            category: PackCategory::Repair,
            description: String::new(),
            pass_mark: 80.0,
            items: vec![choice_item("i1", &["A"]), choice_item("i2", &["A", "B"]), choice_item("i3", &["C"])],
            source: String::new(),
        }
    }

    fn answer(store: &mut TraineeStore, run: &mut PackRun, item: &str, points: f64, findings: Vec<Finding>) {
        let outcome = Outcome::new(points, 10.0, findings);
        let i = store.record(Attempt {
            pack_id: "p".into(),
            item_id: item.into(),
            answer: Answer::Choice { option: 0 },
            outcome,
            started_ms: 0.0,
            answered_ms: 1.0,
        });
        run.answers.insert(item.into(), i);
    }

    fn breaks(rule: &str) -> Finding {
        Finding {
            kind: FindingKind::Breaks,
            standard: Some(rule.into()),
            message: "x".into(),
            points: 0.0,
            quote: None,
            instead: None,
        }
    }

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

    #[test]
    fn progress_takes_the_best_answer_per_item_and_sees_runs() {
        let p = pack();
        let mut store = TraineeStore::default();
        let mut run = PackRun::new("p", vec!["i1".into(), "i2".into(), "i3".into()], 5.0, false);
        answer(&mut store, &mut run, "i1", 4.0, vec![]);
        answer(&mut store, &mut run, "i1", 10.0, vec![]);
        answer(&mut store, &mut run, "i1", 0.0, vec![]);
        store.runs.insert("p".into(), run.clone());
        let pr = pack_progress(&PackSummary::of(&p), &store);
        assert_eq!(pr.answered, 1);
        assert_eq!(pr.best_points, Some(10.0));
        assert!(!pr.passed);
        assert_eq!(pr.in_progress, Some((1, 3)));
        answer(&mut store, &mut run, "i2", 10.0, vec![]);
        answer(&mut store, &mut run, "i3", 10.0, vec![]);
        store.runs.insert("p".into(), run);
        let pr = pack_progress(&PackSummary::of(&p), &store);
        assert!(pr.passed);
        assert!(pr.finished_run);
        assert_eq!(pr.in_progress, None);
        assert_eq!(pack_progress(&PackSummary::of(&p), &TraineeStore::default()).best_percent, None);
    }

    #[test]
    fn shuffles_are_deterministic_permutations() {
        for n in 0..8 {
            for seed in 0..50u64 {
                let a = shuffled(n, seed);
                assert_eq!(a, shuffled(n, seed));
                let mut sorted = a.clone();
                sorted.sort_unstable();
                assert_eq!(sorted, (0..n).collect::<Vec<_>>());
                let b = shuffled_not_identity(n, seed);
                if n > 1 {
                    assert!(b.iter().enumerate().any(|(i, &x)| i != x));
                }
            }
        }
        let run = PackRun::new("p", vec![], 1234.0, false);
        assert_eq!(item_seed(&run, "x"), item_seed(&run.clone(), "x"));
        assert_ne!(item_seed(&run, "x"), item_seed(&run, "y"));
        let order = Item {
            id: "o".into(),
            standards: vec!["A".into()],
            prompt: String::new(),
            context: String::new(),
            body: ItemBody::Order(Order { steps: vec!["1".into(), "2".into()], points: 10.0, feedback: String::new() }),
        };
        assert_eq!(display_order(&order, 7), vec![1, 0]);
    }

    #[test]
    fn highlight_splits_by_char_ranges_safely() {
        let segs = highlight_segments("我不能办，不行", &[(5, 7), (1, 3)]);
        assert_eq!(
            segs,
            vec![
                ("我".to_owned(), None),
                ("不能".to_owned(), Some(1)),
                ("办，".to_owned(), None),
                ("不行".to_owned(), Some(0)),
            ]
        );
        assert_eq!(highlight_segments("ab", &[(1, 99), (0, 2)]), vec![("ab".to_owned(), Some(1))]);
        assert_eq!(highlight_segments("", &[(0, 1)]), vec![]);
    }

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
