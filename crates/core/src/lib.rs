//! The core of Service Drill (服务演练): service-standards training for electricity-utility
//! front-line staff. See `ARCHITECTURE.md` for the map of the workspace.
//!
//! Plain Rust with no browser, server or HTTP types (its `Cargo.toml` lists none, so the
//! compiler keeps it that way): the scenario model, loading and validation, scoring, the
//! trainee session, results and team reports build and test natively, and the web app, the
//! `drill` CLI and the server share them.

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
pub mod session;
pub mod sync;
pub mod team;
pub mod text;

/// The content and storage format versions this build understands.
pub const FORMAT_VERSION: u32 = 1;
