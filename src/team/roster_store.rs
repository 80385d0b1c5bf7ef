//! The lead's roster in `localStorage`, under its own versioned key, never mixed with the
//! trainee store.
//!
//! * Storage unavailable: the roster lives in memory; a banner says it will be lost on close.
//! * A write fails (quota full): the same banner; what was stored before stays stored, and
//!   the next import or the "重新保存" button tries again.
//! * The stored roster cannot be read (corrupt, or from a newer app): the raw text is first
//!   copied to a backup key and the lead is told. If the backup cannot be written, the main
//!   key is never overwritten in this session, so nothing already imported is lost.

use crate::storage::{describe, read_document, storage, write_document, DocumentStatus, Notice};
use drill_core::team::Roster;

/// The one key the roster lives under (the document's `format` field versions its shape);
/// unreadable rosters are backed up under `service-drill.roster.v1.backup.<ms since epoch>`.
pub const ROSTER_KEY: &str = "service-drill.roster.v1";

/// Reads the roster. Always returns a usable roster plus what happened.
pub fn open() -> (Roster, DocumentStatus) {
    read_document(ROSTER_KEY, Roster::from_json, Notice::Banner)
}

/// Writes the roster if `status` allows it; a failure is kept in `status`.
pub fn save(roster: &Roster, status: &mut DocumentStatus) {
    write_document(ROSTER_KEY, || roster.to_json(), status);
}

/// Removes the stored roster if `status` allows writing (backups stay); a failure is kept
/// in `status`.
pub fn clear(status: &mut DocumentStatus) {
    if status.can_write() {
        status.write_error = storage().and_then(|s| s.remove_item(ROSTER_KEY).map_err(|e| describe(&e))).err();
    }
}
