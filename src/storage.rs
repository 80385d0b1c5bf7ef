//! `localStorage` glue for the trainee store: which store the browser shows, one versioned
//! key each, and fault handling that never loses data and never blanks the page.
//!
//! A browser keeps one trainee store of its own (practised without signing in; on a static
//! site the only one) and, on a site served by `drill serve`, one per account signed in on
//! it (a shared PC in a service hall): [`ACCOUNT_KEY`] names the account whose store the
//! pages show. Signing in and out changes it (`server::account_slot`); every module reads
//! it when it opens the store, and writes back to the key it opened, never to another. [`read_document`] is that handling for any
//! stored document: the lead's roster (`team::roster_store`) and the phrasebook progress
//! (`phrasebook::store`) read theirs with it too.
//!
//! * Storage unavailable (private mode, disabled, sandboxed): the app keeps working in
//!   memory and says so in a banner.
//! * A write fails (quota full): the same banner; the next change tries again.
//! * The stored document cannot be read (`TraineeStore::from_json` fails: corrupt, or from a
//!   newer app): the raw text is first copied to a backup key, the trainee is told what
//!   happened, and nothing is written to the main key until they acknowledge it. If the
//!   backup cannot be written, the main key is never overwritten in this session.

use drill_core::results::TraineeStore;
use wasm_bindgen::{JsCast, JsValue};

/// The key of the browser's own store. The version in the name is the key layout; the
/// document's own `format` field versions its shape (see `results::store`). An account's
/// store is under this key followed by `@` and the account's id ([`store_key`]).
pub const STORE_KEY: &str = "service-drill.trainee.v1";

/// The id of the account whose store the pages show; absent: the browser's own.
pub const ACCOUNT_KEY: &str = "service-drill.account.v1";

/// The sync document of a browser from before per-account stores (one store and one sync
/// document per browser), moved to the account's keys by [`open`].
const SINGLE_SYNC_KEY: &str = "service-drill.sync.v1";

/// The key of `account`'s store (`None`: the browser's own).
pub fn store_key(account: Option<&str>) -> String {
    match account {
        Some(id) => format!("{STORE_KEY}@{id}"),
        None => STORE_KEY.to_owned(),
    }
}

/// The account whose store the pages show, if one is signed in on this browser.
pub fn account() -> Option<String> {
    storage().ok()?.get_item(ACCOUNT_KEY).ok()?.filter(|id| !id.is_empty())
}

/// A stored document that could not be read on start-up.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    /// Why it could not be read (in Chinese).
    pub problem: String,
    /// Where the raw text was saved, or `None` if that failed too.
    pub backup_key: Option<String>,
    /// Whether the user has read the notice: writes to the main key wait for it. Documents
    /// without a notice to acknowledge (the roster, the phrasebook progress) start `true`.
    pub acknowledged: bool,
}

/// The health of one document in browser storage (the trainee store, the lead's roster, the
/// phrasebook progress), shown as banners.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocumentStatus {
    /// `Some(reason)` when localStorage cannot be used at all.
    pub unavailable: Option<String>,
    /// `Some(reason)` when the last write failed (e.g. the quota is full).
    pub write_error: Option<String>,
    pub recovered: Option<Recovered>,
}

impl DocumentStatus {
    /// Whether writing the document's key is allowed now: never while an unreadable document
    /// could not be backed up (so nothing stored is lost), nor before its notice was read.
    pub fn can_write(&self) -> bool {
        self.unavailable.is_none() && self.recovered.as_ref().is_none_or(|r| r.acknowledged && r.backup_key.is_some())
    }
}

/// Writes `text` under `key` if `status` allows it, and records the outcome in `status`: the
/// one save path of every stored document.
pub(crate) fn write_document(key: &str, text: impl FnOnce() -> String, status: &mut DocumentStatus) {
    if !status.can_write() {
        return;
    }
    status.write_error = storage().and_then(|s| s.set_item(key, &text()).map_err(|e| describe(&e))).err();
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

/// Reads the store the pages show (see [`account`]) at start-up: its key, the store, and
/// what happened. Always a usable store.
pub fn open() -> (String, TraineeStore, DocumentStatus) {
    // Some browsers hand out a storage object that throws on every write (old Safari private
    // mode): probe once so the trainee learns it now, not after an hour of practice.
    let probed = storage().and_then(|s| probe(&s)).err();
    let key = store_key(account().as_deref());
    let (store, mut status) = read_document(&key, TraineeStore::from_json, Notice::ToAcknowledge);
    status.unavailable = probed.or(status.unavailable);
    (key, store, status)
}

/// A browser that signed in before per-account stores kept one store for everyone under
/// [`STORE_KEY`] and one sync document: both move to the signed-in account's keys, which
/// become the ones shown. (Signing in then gives the part practised before signing in back
/// to the browser's own store, `server::account_slot`.) Copied before the old keys are
/// removed, so a failure leaves them where they were. Called when each page starts, before
/// anything reads the store: by the trainee page's first module (`start`, which loads the
/// practice module, so that module, held to its size budget, carries none of it), the
/// study page and the staff tools.
pub fn move_single_store() {
    let Ok(s) = storage() else { return };
    let Some(doc) = s.get_item(SINGLE_SYNC_KEY).ok().flatten() else { return };
    let Some(id) = drill_core::sync::stored_account(&doc).filter(|id| !id.is_empty()) else {
        // Never signed in: the document holds no answers, only bookkeeping.
        let _ = s.remove_item(SINGLE_SYNC_KEY);
        return;
    };
    let (to_store, to_sync) = (store_key(Some(&id)), format!("{SINGLE_SYNC_KEY}@{id}"));
    let store = s.get_item(STORE_KEY).ok().flatten();
    let copied = s.set_item(&to_sync, &doc).is_ok()
        && store.as_ref().is_none_or(|text| s.set_item(&to_store, text).is_ok())
        && s.set_item(ACCOUNT_KEY, &id).is_ok();
    if copied {
        let _ = s.remove_item(SINGLE_SYNC_KEY);
        let _ = s.remove_item(STORE_KEY);
    }
}

/// Whether `s` takes a write (see [`open`]).
fn probe(s: &web_sys::Storage) -> Result<(), String> {
    let key = "service-drill.probe";
    s.set_item(key, "1").map_err(|e| describe(&e))?;
    let _ = s.remove_item(key);
    Ok(())
}

/// The trainee store for the trainee page's first screen (`home_app.rs`), read without
/// changing anything: `Some` only when storage takes writes (the probe of [`open`]) and
/// the stored document reads. Anything else (no storage, nothing stored yet, a corrupt,
/// hand-edited or newer document) is `None`: the first screen then hands the page to the
/// practice module at once, whose [`open`] deals with it (the backup, the notice, the
/// banner). So the fault handling is written once, and the first screen never writes the
/// store or moves it to a backup key behind the practice module's back.
pub fn peek() -> Option<TraineeStore> {
    let s = storage().ok()?;
    probe(&s).ok()?;
    let raw = s.get_item(&store_key(account().as_deref())).ok()??;
    TraineeStore::from_json(&raw).ok()
}

/// Writes the store under `key` (the one it was opened from) if `status` allows it; a
/// failure is kept in `status` (the caller keeps the store in memory and shows the reason).
pub fn save(key: &str, store: &TraineeStore, status: &mut DocumentStatus) {
    write_document(key, || store.to_json(), status);
}

/// Whether an unreadable document's notice must be acknowledged before its key is written
/// again (the trainee store: the trainee is shown what happened first) or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Notice {
    ToAcknowledge,
    Banner,
}

/// Reads the document under `key` with `parse`. Always gives a usable document (a fresh one
/// when there is none) and what happened (`write_error` is always `None` here). When the
/// stored text cannot be read (corrupt, hand-edited, or from a newer app), it is first copied
/// to `<key>.backup.<ms since epoch>` and a fresh document is returned; if even the copy
/// fails, the status says so and [`DocumentStatus::can_write`] keeps the key from being
/// overwritten.
pub(crate) fn read_document<T: Default, E: ToString>(
    key: &str,
    parse: impl FnOnce(&str) -> Result<T, E>,
    notice: Notice,
) -> (T, DocumentStatus) {
    let mut status = DocumentStatus::default();
    let stored = storage().and_then(|s| s.get_item(key).map(|raw| (s, raw)).map_err(|e| describe(&e)));
    let (s, raw) = match stored {
        Ok((s, Some(raw))) => (s, raw),
        Ok((_, None)) => return (T::default(), status),
        Err(why) => {
            status.unavailable = Some(why);
            return (T::default(), status);
        }
    };
    match parse(&raw) {
        Ok(document) => (document, status),
        Err(problem) => {
            let backup = format!("{key}.backup.{}", js_sys::Date::now() as u64);
            let backup = s.set_item(&backup, &raw).ok().map(|()| backup);
            let acknowledged = notice == Notice::Banner;
            status.recovered = Some(Recovered { problem: problem.to_string(), backup_key: backup, acknowledged });
            (T::default(), status)
        }
    }
}
