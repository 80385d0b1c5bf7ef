//! The trainee's practice session as pure transitions over the trainee store.
//!
//! Every change a trainee makes while practising (their profile, starting a run, answering,
//! one reply in a dialogue) and the one change the content makes (items a trainer removed)
//! is an [`Action`] applied by [`apply`] to a [`TraineeStore`]. The clock is passed in and
//! nothing here touches a browser, so every rule (stale answers, dialogue cut-back, retries,
//! pruning) is tested natively; the web app's reducer calls `apply` and saves the store once
//! afterwards when it reports a change.

use crate::bundle::PackIndex;
use crate::library::Library;
use crate::results::retry_items;
use crate::results::{Attempt, PackRun, Profile, TraineeStore};
use crate::scenario::{Item, ItemBody, Pack};
use crate::score::{self, dialogue, Answer, Outcome};
use crate::text::TabooMatcher;

/// What the session can see of the content: the pack list, which is all there is while
/// `content.json` is still loading, and the opened content once it is there.
#[derive(Clone, Copy, Default)]
pub struct Content<'a> {
    pub index: Option<&'a PackIndex>,
    pub library: Option<&'a Library>,
}

impl<'a> Content<'a> {
    fn pack(&self, id: &str) -> Option<&'a Pack> {
        self.library?.packs.iter().find(|p| p.id == id)
    }

    /// The item and the matcher to score it with, once the content is open.
    fn item(&self, pack_id: &str, item_id: &str) -> Option<(&'a Item, &'a TabooMatcher)> {
        let library = self.library?;
        let item = library.packs.iter().find(|p| p.id == pack_id)?.item(item_id)?;
        Some((item, &library.taboo))
    }
}

/// One change to the trainee store.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The trainee saved their profile (trimmed before it is kept).
    SaveProfile(Profile),
    /// Starts a new run of a pack: all its items, or (`retry`) those of its latest run that
    /// did not get full marks. A new run needs only the pack list; a retry needs the content.
    StartRun { pack_id: String, retry: bool },
    /// A complete answer to the run's current item: scored and recorded.
    Answer { pack_id: String, item_id: String, answer: Answer },
    /// One reply in the dialogue being played; recorded as an attempt when it reaches an
    /// ending.
    DialogueStep { pack_id: String, item_id: String, option: usize },
    /// The content was (re)loaded: runs in progress drop items a trainer has since removed.
    ContentLoaded,
}

/// What [`apply`] did to the store, so the caller knows whether to save it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub enum Changed {
    /// The action did not apply (a double submit, a stale view, an unknown pack or item).
    Nothing,
    /// The store changed and must be saved.
    Store,
    /// The store changed and a new attempt was recorded at this index of `attempts`.
    Recorded(usize),
}

impl Changed {
    /// Whether the store must be saved.
    pub fn store_changed(self) -> bool {
        self != Changed::Nothing
    }
}

/// Applies `action` to `store` at `now_ms` (milliseconds since the Unix epoch).
pub fn apply(store: &mut TraineeStore, content: Content<'_>, action: Action, now_ms: f64) -> Changed {
    match action {
        Action::SaveProfile(profile) => {
            store.profile = Some(Profile {
                name: profile.name.trim().to_owned(),
                employee_no: profile.employee_no.trim().to_owned(),
                team: profile.team.trim().to_owned(),
            });
            Changed::Store
        }
        Action::StartRun { pack_id, retry } => start_run(store, content, pack_id, retry, now_ms),
        Action::Answer { pack_id, item_id, answer } => {
            let Some((item, taboo)) = content.item(&pack_id, &item_id) else { return Changed::Nothing };
            if !is_current(store, &pack_id, &item_id) {
                return Changed::Nothing; // a double submit, or a stale view
            }
            let outcome = score::score(item, &answer, taboo);
            Changed::Recorded(record(store, &pack_id, &item_id, answer, outcome, now_ms))
        }
        Action::DialogueStep { pack_id, item_id, option } => {
            dialogue_step(store, content, &pack_id, &item_id, option, now_ms)
        }
        Action::ContentLoaded => match content.library {
            Some(library) if prune_runs(store, library) => Changed::Store,
            _ => Changed::Nothing,
        },
    }
}

fn start_run(store: &mut TraineeStore, content: Content<'_>, pack_id: String, retry: bool, now_ms: f64) -> Changed {
    let items: Vec<String> = if retry {
        match (content.pack(&pack_id), store.runs.get(&pack_id)) {
            (Some(pack), Some(run)) => retry_items(pack, run, store),
            _ => return Changed::Nothing,
        }
    } else if let Some(summary) = content.index.and_then(|index| index.pack(&pack_id)) {
        summary.items.clone()
    } else if let Some(pack) = content.pack(&pack_id) {
        pack.items.iter().map(|i| i.id.clone()).collect()
    } else {
        return Changed::Nothing;
    };
    if items.is_empty() {
        return Changed::Nothing;
    }
    store.runs.insert(pack_id.clone(), PackRun::new(&pack_id, items, now_ms, retry));
    Changed::Store
}

fn dialogue_step(
    store: &mut TraineeStore,
    content: Content<'_>,
    pack_id: &str,
    item_id: &str,
    option: usize,
    now_ms: f64,
) -> Changed {
    let Some((item, taboo)) = content.item(pack_id, item_id) else { return Changed::Nothing };
    let ItemBody::Dialogue(d) = &item.body else { return Changed::Nothing };
    let Some(run) = store.runs.get_mut(pack_id).filter(|run| run.current() == Some(item_id)) else {
        return Changed::Nothing; // a stale view
    };
    // A stored path the content no longer allows (the trainer edited the dialogue) is cut
    // back to its playable prefix, as the view shows it.
    let (steps, state) = dialogue::replay(d, &run.dialogue_path);
    if state.step(d, option).is_none() {
        return Changed::Nothing; // a stale click on an option no longer offered
    }
    run.dialogue_path.truncate(steps.len());
    run.dialogue_path.push(option);
    let path = run.dialogue_path.clone();
    let (_, state) = dialogue::replay(d, &path);
    if state.ending(d).is_none() {
        return Changed::Store;
    }
    let answer = Answer::Dialogue { path };
    let outcome = score::score(item, &answer, taboo);
    Changed::Recorded(record(store, pack_id, item_id, answer, outcome, now_ms))
}

/// Whether `item_id` is the item the pack's run shows now (answers to any other item come
/// from a stale view or a double submit and are ignored).
fn is_current(store: &TraineeStore, pack_id: &str, item_id: &str) -> bool {
    store.runs.get(pack_id).and_then(PackRun::current) == Some(item_id)
}

/// Records the attempt, marks the item answered in its run and starts the next item's clock.
fn record(
    store: &mut TraineeStore,
    pack_id: &str,
    item_id: &str,
    answer: Answer,
    outcome: Outcome,
    now_ms: f64,
) -> usize {
    let started_ms = store.runs.get(pack_id).map_or(now_ms, |r| r.item_started_ms);
    let index = store.record(Attempt {
        pack_id: pack_id.to_owned(),
        item_id: item_id.to_owned(),
        answer,
        outcome,
        started_ms,
        answered_ms: now_ms,
    });
    if let Some(run) = store.runs.get_mut(pack_id) {
        run.answers.insert(item_id.to_owned(), index);
        run.dialogue_path.clear();
        run.item_started_ms = now_ms;
    }
    index
}

/// Drops items a trainer has since removed from a pack from runs in progress, and runs of
/// packs whose items are all gone, so a run can always finish. Attempts are kept; runs of
/// packs the content does not have (a pack set aside as broken) are left alone.
fn prune_runs(store: &mut TraineeStore, library: &Library) -> bool {
    let mut changed = false;
    store.runs.retain(|pack_id, run| {
        let Some(pack) = library.packs.iter().find(|p| &p.id == pack_id) else { return true };
        let before = (run.items.len(), run.answers.len());
        run.items.retain(|id| pack.item(id).is_some());
        run.answers.retain(|id, _| pack.item(id).is_some());
        if (run.items.len(), run.answers.len()) != before {
            changed = true;
            run.dialogue_path.clear();
        }
        if run.items.is_empty() {
            changed = true;
            return false;
        }
        true
    });
    changed
}
