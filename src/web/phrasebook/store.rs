//! The drill progress in `localStorage`, under its own versioned key, with the same fault
//! handling as the trainee store (`web::storage`):
//!
//! * storage unavailable → the drill works in memory and a banner says so;
//! * a write fails (quota) → the same banner, with "重新保存";
//! * the stored progress cannot be read (corrupt, or from a newer app) → the raw text is
//!   first copied to `service-drill.phrasebook.v1.backup.<ms>`, a banner names that key, and
//!   only then does a fresh progress start. If the backup cannot be written, the main key is
//!   never written in this page's life, so nothing is lost.

use crate::phrasebook::DrillProgress;
use crate::web::storage::{describe, storage};

pub const DRILL_KEY: &str = "service-drill.phrasebook.v1";
pub const DRILL_BACKUP_PREFIX: &str = "service-drill.phrasebook.v1.backup.";

#[derive(Debug, Clone, PartialEq, Default)]
pub struct DrillStorage {
    pub unavailable: Option<String>,
    pub write_error: Option<String>,
    /// The stored progress could not be read: why, and the backup key (if the copy worked).
    pub recovered: Option<(String, Option<String>)>,
}

impl DrillStorage {
    pub fn can_write(&self) -> bool {
        self.unavailable.is_none() && self.recovered.as_ref().is_none_or(|(_, backup)| backup.is_some())
    }
}

pub fn open() -> (DrillProgress, DrillStorage) {
    let mut status = DrillStorage::default();
    let s = match storage() {
        Ok(s) => s,
        Err(why) => {
            status.unavailable = Some(why);
            return (DrillProgress::default(), status);
        }
    };
    let raw = match s.get_item(DRILL_KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => return (DrillProgress::default(), status),
        Err(e) => {
            status.unavailable = Some(describe(&e));
            return (DrillProgress::default(), status);
        }
    };
    match DrillProgress::from_json(&raw) {
        Ok(p) => (p, status),
        Err(problem) => {
            let key = format!("{DRILL_BACKUP_PREFIX}{}", js_sys::Date::now() as u64);
            let backup = s.set_item(&key, &raw).ok().map(|()| key);
            status.recovered = Some((problem, backup));
            (DrillProgress::default(), status)
        }
    }
}

/// Writes the progress if allowed; records the outcome in `status`.
pub fn save(progress: &DrillProgress, status: &mut DrillStorage) {
    if !status.can_write() {
        return;
    }
    let result = storage().and_then(|s| s.set_item(DRILL_KEY, &progress.to_json()).map_err(|e| describe(&e)));
    status.write_error = result.err();
}
