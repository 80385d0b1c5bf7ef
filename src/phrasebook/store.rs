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

pub fn open() -> (DrillProgress, DocumentStatus) {
    read_document(DRILL_KEY, DrillProgress::from_json, Notice::Banner)
}

/// Writes the progress if allowed; records the outcome in `status`.
pub fn save(progress: &DrillProgress, status: &mut DocumentStatus) {
    write_document(DRILL_KEY, || progress.to_json(), status);
}
