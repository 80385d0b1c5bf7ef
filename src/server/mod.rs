//! The pages' side of the team server (`drill serve`, crates/server): whether the site is
//! served by it ([`api::status`]), its API (`api.rs`: relative URLs, the CSRF header, the
//! error shape), what it answers (`types.rs`), which trainee store the browser shows
//! (`account_slot.rs`: the signed-in account's own) and each account's sync state in
//! browser storage (`sync_store.rs`; the rules are `drill_core::sync`).
//!
//! Served as a plain static site, every page works as before: the status request gets a
//! 404 (or an HTML fallback page) and nothing here is used.

pub mod account_slot;
pub mod api;
pub mod sync_store;
pub mod types;
