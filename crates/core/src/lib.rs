//! Service Drill (服务演练): service-standards training for electricity-utility front-line
//! staff. See `ARCHITECTURE.md` for the map of this crate.
//!
//! Everything here except `web` is plain Rust with no browser types, so the scenario model,
//! loading, validation, scoring and results build and test natively and are shared by the
//! `drill` CLI.

/// `content.json`: the scenario folder compiled for the app (`drill bundle`).
pub mod bundle;
pub mod diag;
pub(crate) mod from_json;
pub mod library;
pub mod lint;
pub mod load;
pub mod phrasebook;
pub mod points;
pub mod results;
pub mod scenario;
/// The pack format's JSON Schema (generated; `drill schema`). Native only.
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
pub mod score;
pub mod team;
pub mod text;

/// The content and storage format versions this build understands.
pub const FORMAT_VERSION: u32 = 1;
