//! A trainee's standing on each pack, for its card on the pack list.
//!
//! Counted from the pack list's own summary of a pack (`PackSummary`, from `packs.json`)
//! rather than the pack, so the list can show progress before the content is loaded.

use super::store::{PackRun, TraineeStore};
use crate::points::{percent, Points};
use crate::scenario::PackSummary;
use std::collections::BTreeMap;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::fixtures::{answer, pack};

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
}
