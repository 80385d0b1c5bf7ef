//! The drill progress in `localStorage`, under its own versioned key, with the same fault
//! handling as the trainee store (`storage`):
//!
//! * storage unavailable → the drill works in memory and a banner says so;
//! * a write fails (quota) → the same banner, with "重新保存";
//! * the stored progress cannot be read (corrupt, or from a newer app) → the raw text is
//!   first copied to `service-drill.phrasebook.v1.backup.<ms>`, a banner names that key, and
//!   only then does a fresh progress start. If the backup cannot be written, the main key is
//!   never written in this page's life, so nothing is lost.

use crate::storage::{read_document, write_document, DocumentStatus, Notice};
use drill_core::phrasebook::DrillProgress;

pub const DRILL_KEY: &str = "service-drill.phrasebook.v1";

/// The key of the progress of the account whose record the browser shows (like the trainee
/// store, one per account on a shared PC: `storage::account`), or the browser's own.
pub fn key() -> String {
    match crate::storage::account() {
        Some(id) => format!("{DRILL_KEY}@{id}"),
        None => DRILL_KEY.to_owned(),
    }
}

/// The progress shown, with the key it was read from (it is written back there).
pub fn open() -> (String, DrillProgress, DocumentStatus) {
    let key = key();
    let (progress, status) = read_document(&key, DrillProgress::from_json, Notice::Banner);
    (key, progress, status)
}

/// Writes the progress under `key` if allowed; records the outcome in `status`.
pub fn save(key: &str, progress: &DrillProgress, status: &mut DocumentStatus) {
    write_document(key, || progress.to_json(), status);
}
