//! Each signed-in account's sync state (`drill_core::sync::SyncDoc`) in browser storage,
//! under its own versioned key beside the account's trainee store: the outbox of answers
//! still to send, the ids the server has, the browser's own record offered to it. Read and
//! written through `storage.rs`'s one path (an unreadable document is kept under a backup
//! key, never overwritten unread).

use crate::storage::{read_document, write_document, DocumentStatus, Notice};
use drill_core::sync::SyncDoc;

/// The key prefix. Its version is the key layout; the document's `format` versions its shape.
pub const SYNC_KEY: &str = "service-drill.sync.v1";

/// The key of `account`'s document.
pub fn key(account: &str) -> String {
    format!("{SYNC_KEY}@{account}")
}

/// The raw stored text (to tell whether another page changed it).
pub fn raw(account: &str) -> Option<String> {
    crate::storage::storage().ok()?.get_item(&key(account)).ok()?
}

/// `account`'s document; a fresh one for it when there is none (or it could not be read).
pub fn open(account: &str) -> (SyncDoc, DocumentStatus) {
    let (mut doc, status) = read_document(&key(account), SyncDoc::from_json, Notice::Banner);
    if doc.account.is_none() {
        doc = SyncDoc { account: Some(account.to_owned()), ..doc };
    }
    (doc, status)
}

pub fn save(doc: &SyncDoc, status: &mut DocumentStatus) {
    if let Some(account) = &doc.account {
        write_document(&key(account), || doc.to_json(), status);
    }
}
