//! The lead's roster in `localStorage`, under its own versioned key, never mixed with the
//! trainee store.
//!
//! * Storage unavailable: the roster lives in memory; a banner says it will be lost on close.
//! * A write fails (quota full): the same banner; what was stored before stays stored, and
//!   the next import or the "重新保存" button tries again.
//! * The stored roster cannot be read (corrupt, or from a newer app): the raw text is first
//!   copied to a backup key and the lead is told. If the backup cannot be written, the main
//!   key is never overwritten in this session, so nothing already imported is lost.

use crate::team::Roster;
use wasm_bindgen::{JsCast, JsValue};

/// The one key the roster lives under (the document's `format` field versions its shape).
pub const ROSTER_KEY: &str = "service-drill.roster.v1";
/// Backups of unreadable rosters: `service-drill.roster.v1.backup.<ms since epoch>`.
pub const ROSTER_BACKUP_PREFIX: &str = "service-drill.roster.v1.backup.";

#[derive(Debug, Clone, PartialEq, Default)]
pub struct RosterStatus {
    /// localStorage cannot be used at all.
    pub unavailable: Option<String>,
    /// The last write failed.
    pub write_error: Option<String>,
    /// The stored roster could not be read: (why, backup key if the raw text was saved).
    pub recovered: Option<(String, Option<String>)>,
}

impl RosterStatus {
    pub fn can_write(&self) -> bool {
        self.unavailable.is_none() && self.recovered.as_ref().is_none_or(|(_, backup)| backup.is_some())
    }
}

fn describe(err: &JsValue) -> String {
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

fn storage() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or_else(|| "没有浏览器窗口".to_owned())?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err("浏览器未提供本地存储（可能处于隐私/无痕模式）".to_owned()),
        Err(e) => Err(describe(&e)),
    }
}

/// Reads the roster. Always returns a usable roster plus what happened.
pub fn open() -> (Roster, RosterStatus) {
    let mut status = RosterStatus::default();
    let s = match storage() {
        Ok(s) => s,
        Err(why) => {
            status.unavailable = Some(why);
            return (Roster::default(), status);
        }
    };
    let raw = match s.get_item(ROSTER_KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => return (Roster::default(), status),
        Err(e) => {
            status.unavailable = Some(describe(&e));
            return (Roster::default(), status);
        }
    };
    match Roster::from_json(&raw) {
        Ok(roster) => (roster, status),
        Err(why) => {
            let key = format!("{ROSTER_BACKUP_PREFIX}{}", js_sys::Date::now() as u64);
            let backup = s.set_item(&key, &raw).ok().map(|()| key);
            status.recovered = Some((why, backup));
            (Roster::default(), status)
        }
    }
}

/// Writes the roster (`Err(reason)` if it could not be written).
pub fn save(roster: &Roster) -> Result<(), String> {
    storage()?.set_item(ROSTER_KEY, &roster.to_json()).map_err(|e| describe(&e))
}

/// Removes the stored roster (backups stay).
pub fn clear() -> Result<(), String> {
    storage()?.remove_item(ROSTER_KEY).map_err(|e| describe(&e))
}
