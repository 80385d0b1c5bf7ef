//! The app's state and the one reducer that changes it. Every change to the trainee's
//! store (profile, a new run, an answer, a dialogue step) goes through here and is written
//! to localStorage at once (see `storage.rs`), so closing the tab loses nothing.

use super::fetch::{Content, LoadFailure};
use super::storage::{self, StorageStatus};
use drill_core::bundle::{BundledPhrasebook, PackIndex};
use drill_core::load::Library;
use drill_core::results::retry_items;
use drill_core::results::{Attempt, PackRun, Profile, TraineeStore};
use drill_core::scenario::{ItemBody, Pack};
use drill_core::score::{self, dialogue, Answer};
use std::rc::Rc;
use yew::prelude::*;

/// Loaded data the views share, compared by pointer: it is never mutated in place, so the
/// same `Rc` is the same data, and props holding it compare in O(1) instead of walking
/// every pack and item.
pub struct Shared<T>(pub Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// The loaded content.
pub type LibRef = Shared<Library>;

/// The pack list (`packs.json`, or derived from the content).
pub type IndexRef = Shared<PackIndex>;

/// The phrasebook from the bundle.
pub type BookRef = Shared<BundledPhrasebook>;

#[derive(Clone, PartialEq)]
pub enum LoadState {
    Loading,
    Failed(LoadFailure),
    Ready(LibRef),
}

#[derive(Clone, PartialEq)]
pub struct AppState {
    pub store: TraineeStore,
    pub storage: StorageStatus,
    pub load: LoadState,
    /// The pack list: the trainee page's `packs.json` until the content is open, then the
    /// content's own (they differ only while a site is being re-published).
    pub index: Option<IndexRef>,
    /// The phrasebook (or why it did not load), once the content has loaded.
    pub phrasebook: Option<BookRef>,
}

impl AppState {
    /// The trainee's store, and the pack list if the page read one before starting.
    pub fn open(index: Option<IndexRef>) -> AppState {
        let (store, storage) = storage::open();
        AppState { store, storage, load: LoadState::Loading, index, phrasebook: None }
    }

    pub fn library(&self) -> Option<&LibRef> {
        match &self.load {
            LoadState::Ready(lib) => Some(lib),
            _ => None,
        }
    }

    pub fn pack(&self, id: &str) -> Option<&Pack> {
        self.library()?.packs.iter().find(|p| p.id == id)
    }

    fn persist(&mut self) {
        if !self.storage.can_write() {
            return;
        }
        match storage::save(&self.store) {
            Ok(()) => self.storage.write_error = None,
            Err(why) => self.storage.write_error = Some(why),
        }
    }
}

pub enum Action {
    Loaded(Result<Content, LoadFailure>),
    SaveProfile(Profile),
    /// Starts a new run of a pack: all items, or (retry) those of the latest run not at
    /// full marks.
    StartRun {
        pack_id: String,
        retry: bool,
    },
    /// Scores and records a complete answer to the run's current item.
    Answer {
        pack_id: String,
        item_id: String,
        answer: Answer,
    },
    /// One reply in the dialogue being played; records the attempt when it reaches an ending.
    DialogueStep {
        pack_id: String,
        item_id: String,
        option: usize,
    },
    /// The trainee has read the notice about an unreadable stored record.
    AckRecovered,
    /// Try writing again (after the trainee freed space).
    RetrySave,
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// Drops items a trainer has since removed from a pack from runs in progress, and runs of
/// packs whose items are all gone, so a run can always finish. Attempts are kept.
fn prune_runs(store: &mut TraineeStore, library: &Library) -> bool {
    let mut changed = false;
    store.runs.retain(|pack_id, run| {
        let Some(pack) = library.packs.iter().find(|p| &p.id == pack_id) else { return true };
        let before = run.items.len();
        run.items.retain(|id| pack.item(id).is_some());
        run.answers.retain(|id, _| pack.item(id).is_some());
        if run.items.len() != before {
            changed = true;
            run.dialogue_path.clear();
        }
        !run.items.is_empty()
    });
    changed
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Loaded(Ok(Content { library, phrasebook })) => {
                if prune_runs(&mut s.store, &library) {
                    s.persist();
                }
                let index = PackIndex::of(&library);
                if s.index.as_ref().is_none_or(|shown| **shown != index) {
                    s.index = Some(Shared::new(index));
                }
                s.load = LoadState::Ready(Shared::new(library));
                s.phrasebook = phrasebook.map(Shared::new);
            }
            Action::Loaded(Err(failure)) => s.load = LoadState::Failed(failure),
            Action::SaveProfile(profile) => {
                s.store.profile = Some(Profile {
                    name: profile.name.trim().to_owned(),
                    employee_no: profile.employee_no.trim().to_owned(),
                    team: profile.team.trim().to_owned(),
                });
                s.persist();
            }
            Action::StartRun { pack_id, retry } => {
                // A new run needs only the pack's item ids, which the pack list has (the
                // content may still be loading); a retry is offered by a run's summary,
                // which is shown once the content is open.
                let items: Vec<String> = if retry {
                    match (s.pack(&pack_id), s.store.runs.get(&pack_id)) {
                        (Some(pack), Some(run)) => retry_items(pack, run, &s.store),
                        _ => return self,
                    }
                } else {
                    match s.index.as_ref().and_then(|index| index.pack(&pack_id)) {
                        Some(pack) => pack.items.clone(),
                        None => return self,
                    }
                };
                if items.is_empty() {
                    return self;
                }
                s.store.runs.insert(pack_id.clone(), PackRun::new(&pack_id, items, now(), retry));
                s.persist();
            }
            Action::Answer { pack_id, item_id, answer } => {
                let Some(lib) = s.library().cloned() else { return self };
                let Some(item) = lib.packs.iter().find(|p| p.id == pack_id).and_then(|p| p.item(&item_id)) else {
                    return self;
                };
                let Some(run) = s.store.runs.get(&pack_id) else { return self };
                if run.current() != Some(item_id.as_str()) {
                    return self; // a double submit, or a stale view
                }
                let outcome = score::score(item, &answer, &lib.taboo);
                record(&mut s.store, &pack_id, &item_id, answer, outcome);
                s.persist();
            }
            Action::DialogueStep { pack_id, item_id, option } => {
                let Some(lib) = s.library().cloned() else { return self };
                let Some(item) = lib.packs.iter().find(|p| p.id == pack_id).and_then(|p| p.item(&item_id)) else {
                    return self;
                };
                let ItemBody::Dialogue(d) = &item.body else { return self };
                let Some(run) = s.store.runs.get_mut(&pack_id) else { return self };
                if run.current() != Some(item_id.as_str()) {
                    return self;
                }
                // A stored path the content no longer allows (the trainer edited the dialogue)
                // is cut back to its playable prefix, as the view shows it.
                let (steps, state) = dialogue::replay(d, &run.dialogue_path);
                if state.step(d, option).is_none() {
                    return self; // stale click on an option no longer offered
                }
                run.dialogue_path.truncate(steps.len());
                run.dialogue_path.push(option);
                let path = run.dialogue_path.clone();
                let (_, state) = dialogue::replay(d, &path);
                if state.ending(d).is_some() {
                    let answer = Answer::Dialogue { path };
                    let outcome = score::score(item, &answer, &lib.taboo);
                    record(&mut s.store, &pack_id, &item_id, answer, outcome);
                }
                s.persist();
            }
            Action::AckRecovered => {
                if let Some(r) = s.storage.recovered.as_mut() {
                    r.acknowledged = true;
                }
                s.persist();
            }
            Action::RetrySave => s.persist(),
        }
        Rc::new(s)
    }
}

fn record(store: &mut TraineeStore, pack_id: &str, item_id: &str, answer: Answer, outcome: drill_core::score::Outcome) {
    let t = now();
    let started_ms = store.runs.get(pack_id).map_or(t, |r| r.item_started_ms);
    let index = store.record(Attempt {
        pack_id: pack_id.to_owned(),
        item_id: item_id.to_owned(),
        answer,
        outcome,
        started_ms,
        answered_ms: t,
    });
    if let Some(run) = store.runs.get_mut(pack_id) {
        run.answers.insert(item_id.to_owned(), index);
        run.dialogue_path.clear();
        run.item_started_ms = t;
    }
}

/// The app context every component reads: state plus its dispatcher.
pub type AppHandle = UseReducerHandle<AppState>;
