//! The app's state and the one reducer that changes it. Every change to the trainee's
//! store (profile, a new run, an answer, a dialogue step) goes through here and is written
//! to localStorage at once (see `storage.rs`), so closing the tab loses nothing.

use super::fetch::{Content, LoadFailure};
use super::storage::{self, DocumentStatus};
use drill_core::bundle::{BundledPhrasebook, PackIndex};
use drill_core::load::Library;
use drill_core::results::TraineeStore;
use drill_core::scenario::Pack;
use drill_core::session;
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
    /// The key the store was read from and is written back to (`storage::store_key`).
    pub store_key: String,
    pub store: TraineeStore,
    pub storage: DocumentStatus,
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
        let (store_key, store, storage) = storage::open();
        AppState { store_key, store, storage, load: LoadState::Loading, index, phrasebook: None }
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
        storage::save(&self.store_key, &self.store, &mut self.storage);
    }
}

pub enum Action {
    Loaded(Result<Content, LoadFailure>),
    /// A change to the trainee store: applied by the core (`drill_core::session`), then saved.
    Session(session::Action),
    /// The trainee has read the notice about an unreadable stored record.
    AckRecovered,
    /// Try writing again (after the trainee freed space).
    RetrySave,
    /// The store now shown, read from its key (`account::page`: an account's store, with
    /// the server's record merged in, after signing in).
    Switched {
        key: String,
        store: TraineeStore,
        status: DocumentStatus,
    },
}

impl From<session::Action> for Action {
    fn from(action: session::Action) -> Action {
        Action::Session(action)
    }
}

impl Reducible for AppState {
    type Action = Action;

    /// Every change to the store goes through `session::apply`, with the clock read here;
    /// the store is then saved once, at the end, when anything changed.
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let changed = match action {
            Action::Loaded(Ok(Content { library, phrasebook })) => {
                let changed = s.apply(&library, session::Action::ContentLoaded);
                let index = PackIndex::of(&library);
                if s.index.as_ref().is_none_or(|shown| **shown != index) {
                    s.index = Some(Shared::new(index));
                }
                s.load = LoadState::Ready(Shared::new(library));
                s.phrasebook = phrasebook.map(Shared::new);
                changed
            }
            Action::Loaded(Err(failure)) => {
                s.load = LoadState::Failed(failure);
                false
            }
            Action::Session(action) => {
                let library = s.library().cloned();
                let index = s.index.clone();
                let content = session::Content { index: index.as_deref(), library: library.as_deref() };
                if !session::apply(&mut s.store, content, action, js_sys::Date::now()).store_changed() {
                    return self;
                }
                true
            }
            Action::AckRecovered => {
                if let Some(r) = s.storage.recovered.as_mut() {
                    r.acknowledged = true;
                }
                true
            }
            Action::RetrySave => true,
            Action::Switched { key, store, status } => {
                s.store_key = key;
                s.store = store;
                s.storage = status;
                true
            }
        };
        if changed {
            s.persist();
        }
        Rc::new(s)
    }
}

impl AppState {
    /// Applies a content change to the store (the library is not in `self` yet).
    fn apply(&mut self, library: &Library, action: session::Action) -> bool {
        let content = session::Content { index: None, library: Some(library) };
        session::apply(&mut self.store, content, action, js_sys::Date::now()).store_changed()
    }
}

/// The app context every component reads: state plus its dispatcher.
pub type AppHandle = UseReducerHandle<AppState>;
