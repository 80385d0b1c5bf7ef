//! The trainee's sync state (`drill_core::sync::SyncDoc`) in browser storage, under its own
//! versioned key beside the trainee store: the outbox of answers still to send, the ids the
//! server has, the record from before signing in. Read and written through `storage.rs`'s
//! one path (an unreadable document is kept under a backup key, never overwritten unread).

use crate::storage::{read_document, write_document, DocumentStatus, Notice};
use drill_core::sync::SyncDoc;

/// The key. Its version is the key layout; the document's `format` versions its shape.
pub const SYNC_KEY: &str = "service-drill.sync.v1";

/// The raw stored text (to tell whether another page changed it).
pub fn raw() -> Option<String> {
    crate::storage::storage().ok()?.get_item(SYNC_KEY).ok()?
}

pub fn open() -> (SyncDoc, DocumentStatus) {
    read_document(SYNC_KEY, SyncDoc::from_json, Notice::Banner)
}

pub fn save(doc: &SyncDoc, status: &mut DocumentStatus) {
    write_document(SYNC_KEY, || doc.to_json(), status);
}
