//! `localStorage` glue for the trainee store: one versioned key, and fault handling that
//! never loses data and never blanks the page.
//!
//! * Storage unavailable (private mode, disabled, sandboxed): the app keeps working in
//!   memory and says so in a banner.
//! * A write fails (quota full): the same banner; the next change tries again.
//! * The stored document cannot be read (`TraineeStore::from_json` fails: corrupt, or from a
//!   newer app): the raw text is first copied to a backup key, the trainee is told what
//!   happened, and nothing is written to the main key until they acknowledge it. If the
//!   backup cannot be written, the main key is never overwritten in this session.

use crate::results::TraineeStore;
use wasm_bindgen::{JsCast, JsValue};

/// The one key the store lives under. The version in the name is the key layout; the
/// document's own `format` field versions its shape (see `results::store`).
pub const STORE_KEY: &str = "service-drill.trainee.v1";
/// Prefix of backup keys: `service-drill.trainee.v1.backup.<ms since epoch>`.
pub const BACKUP_PREFIX: &str = "service-drill.trainee.v1.backup.";

/// What went wrong with the stored document on start-up.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    /// Why it could not be read (from `StoreError`'s Display, in Chinese).
    pub problem: String,
    /// Where the raw text was saved, or `None` if that failed too.
    pub backup_key: Option<String>,
    /// Whether the trainee has read the notice (writes to the main key are held until then).
    pub acknowledged: bool,
}

/// The health of browser storage, shown as banners.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StorageStatus {
    /// `Some(reason)` when localStorage cannot be used at all.
    pub unavailable: Option<String>,
    /// `Some(reason)` when the last write failed (e.g. the quota is full).
    pub write_error: Option<String>,
    pub recovered: Option<Recovered>,
}

impl StorageStatus {
    /// Whether writing to the main key is allowed now.
    pub fn can_write(&self) -> bool {
        if self.unavailable.is_some() {
            return false;
        }
        match &self.recovered {
            None => true,
            Some(r) => r.acknowledged && r.backup_key.is_some(),
        }
    }
}

pub(crate) fn describe(err: &JsValue) -> String {
    if let Some(e) = err.dyn_ref::<web_sys::DomException>() {
        let name = e.name();
        if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
            return "浏览器存储空间已满".to_owned();
        }
        if name == "SecurityError" {
            return "浏览器不允许本页面使用本地存储（可能处于隐私/无痕模式或已禁用存储）".to_owned();
        }
        return format!("{name}: {}", e.message());
    }
    err.as_string().unwrap_or_else(|| "未知错误".to_owned())
}

pub(crate) fn storage() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or_else(|| "没有浏览器窗口".to_owned())?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err("浏览器未提供本地存储（可能处于隐私/无痕模式）".to_owned()),
        Err(e) => Err(describe(&e)),
    }
}

/// Reads the store at start-up. Always returns a usable store plus what happened.
pub fn open() -> (TraineeStore, StorageStatus) {
    let mut status = StorageStatus::default();
    let s = match storage() {
        Ok(s) => s,
        Err(why) => {
            status.unavailable = Some(why);
            return (TraineeStore::default(), status);
        }
    };
    // Some browsers hand out a storage object that throws on every write (old Safari private
    // mode): probe once so the trainee learns it now, not after an hour of practice.
    let probe = "service-drill.probe";
    if let Err(e) = s.set_item(probe, "1") {
        status.unavailable = Some(describe(&e));
    } else {
        let _ = s.remove_item(probe);
    }
    let raw = match s.get_item(STORE_KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => return (TraineeStore::default(), status),
        Err(e) => {
            status.unavailable = Some(describe(&e));
            return (TraineeStore::default(), status);
        }
    };
    match TraineeStore::from_json(&raw) {
        Ok(store) => (store, status),
        Err(err) => {
            let key = format!("{BACKUP_PREFIX}{}", js_sys::Date::now() as u64);
            let backup_key = s.set_item(&key, &raw).ok().map(|()| key);
            status.recovered = Some(Recovered { problem: err.to_string(), backup_key, acknowledged: false });
            (TraineeStore::default(), status)
        }
    }
}

/// Writes the store. `Err(reason)` if it could not be written; the caller keeps the store
/// in memory and shows the reason.
pub fn save(store: &TraineeStore) -> Result<(), String> {
    let s = storage()?;
    s.set_item(STORE_KEY, &store.to_json()).map_err(|e| describe(&e))
}
