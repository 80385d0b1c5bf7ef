//! Which trainee store the browser shows when the site is served by `drill serve`: the
//! signed-in account's own (`storage::store_key`), so on a PC several people share, one
//! person's practice is never shown as, merged into, or sent as another's.
//!
//! [`enter`] makes an account's store and sync document ready and shows them: on the first
//! sign-in here the store starts with the account's profile (no form to fill in), and the
//! browser's own record (practised without signing in) is offered to the account for
//! upload once. [`leave`] shows the browser's own store again; the account's store stays
//! under its key, so answers not yet sent go when that person signs in here again.

use crate::server::sync_store;
use crate::server::types::Me;
use crate::storage::{self, read_document, DocumentStatus, Notice, ACCOUNT_KEY, STORE_KEY};
use drill_core::results::{Profile, TraineeStore};
use drill_core::sync::{self, SyncDoc, SYNC_FORMAT};

/// Makes `me`'s store and sync document ready and the ones the pages show. Returns why not
/// when browser storage refuses (the pages then keep what they show).
pub fn enter(me: &Me) -> Result<(), String> {
    let key = storage::store_key(Some(&me.id));
    let (mut store, mut status) = read_document(&key, TraineeStore::from_json, Notice::ToAcknowledge);
    let (mut doc, mut doc_status) = sync_store::open(&me.id);
    let (mut own, mut own_status) = read_document(STORE_KEY, TraineeStore::from_json, Notice::Banner);
    let mut store_changed = false;
    if doc.format < SYNC_FORMAT {
        // Kept from one store per browser (`storage::open` moved it here): what the document
        // still holds as the record from before signing in goes back to the browser's own.
        let (mine, before) = sync::split_record(std::mem::take(&mut store), &doc);
        store = mine;
        store_changed = true;
        if !before.attempts.is_empty() {
            let moved = before.attempts.into_iter().map(|a| (sync::attempt_id(&a), a)).collect();
            SyncDoc::default().merge(&mut own, moved);
            storage::save(STORE_KEY, &own, &mut own_status);
        }
        doc.format = SYNC_FORMAT;
    }
    if store.profile.as_ref().is_none_or(|p| !p.is_complete()) {
        store.profile = Some(profile_of(me));
        store_changed = true;
    }
    if store_changed {
        storage::save(&key, &store, &mut status);
    }
    doc.offer_local(&own);
    sync_store::save(&doc, &mut doc_status);
    if let Some(why) = status.write_error.or(status.unavailable).or(doc_status.write_error) {
        return Err(why);
    }
    storage::storage()?.set_item(ACCOUNT_KEY, &me.id).map_err(|e| storage::describe(&e))
}

/// Shows the browser's own store again (signed out).
pub fn leave() {
    if let Ok(s) = storage::storage() {
        let _ = s.remove_item(ACCOUNT_KEY);
    }
}

/// The shown account's store read afresh, with its key and status.
pub fn open_store(account: &str) -> (String, TraineeStore, DocumentStatus) {
    let key = storage::store_key(Some(account));
    let (store, status) = read_document(&key, TraineeStore::from_json, Notice::ToAcknowledge);
    (key, store, status)
}

/// The browser's own store (practised without signing in), read afresh.
pub fn open_own() -> (TraineeStore, DocumentStatus) {
    read_document(STORE_KEY, TraineeStore::from_json, Notice::Banner)
}

fn profile_of(me: &Me) -> Profile {
    Profile {
        name: me.name.clone(),
        employee_no: me.employee_no.clone(),
        team: me.team.clone().unwrap_or_else(|| "未分班组".to_owned()),
    }
}
