//! The content bundle: the whole scenario folder compiled once, at build time, into one
//! JSON file (`content.json`) that the trainee app fetches in one request.
//!
//! Why: parsing and validating YAML in the browser costs start-up time and, above all, the
//! code size of the YAML reader and every check (against the first-load budget:
//! docs/PERFORMANCE.md, "Goals and where we stand"). Trainers' files are still checked
//! exactly as before — by the same loader, in `drill bundle` (and `drill check`, and the
//! authoring page) — and what the loader built is shipped as data. The app then only needs
//! `serde_json` and a cheap integrity check.
//!
//! - `content.rs`: [`ContentBundle`], what the file holds (packs, catalogue, banned list,
//!   the files that did not load and why, the phrasebook).
//! - `compile.rs`: [`compile`], the scenario folder → a bundle, with exactly the semantics
//!   of loading the YAML files in the app (index and catalogue essential, a broken pack set
//!   aside, a broken banned list disables banned-phrase checks).
//! - `open.rs`: [`open`], JSON → a ready `Library`, after `integrity.rs` made sure every
//!   lookup the player and the scorer make will succeed.
//! - `read.rs`: JSON → [`ContentBundle`] by hand, from a `from_json::Json` tree (why: the
//!   derived readers were a large share of the trainee's first load: docs/PERFORMANCE.md).
//! - `error.rs`: [`BundleError`], why a bundle cannot be used, in Chinese, saying what to
//!   do.
//! - `pack_index.rs`: [`PackIndex`], `packs.json`, the pack list written beside
//!   `content.json` so the trainee app can draw its first screen before opening the
//!   content.

mod compile;
mod content;
mod error;
mod integrity;
mod open;
mod pack_index;
mod read;

/// One pack on the list; with the model (`scenario::PackSummary`), named here beside its list.
pub use crate::scenario::PackSummary;
pub use compile::{compile, compile_folder, CompileFailure};
pub use content::{BrokenPhrasebook, BundledPhrasebook, ContentBundle, PhrasebookPart};
pub use error::BundleError;
pub use open::{open, open_packs, parse, OpenedBundle};
pub use pack_index::{open_index, IndexError, PackIndex, PACKS_FILE};

/// The bundle's format version. Bump it whenever the JSON shape or the meaning of a field
/// changes: an app opening a bundle of another format says so instead of misreading it.
pub const BUNDLE_FORMAT: u32 = 1;

/// The file the app fetches (relative to the page) and `drill bundle` writes by convention.
pub const BUNDLE_FILE: &str = "content.json";

/// How scenario files are named in diagnostics and in `Pack::source`: what the app showed
/// when it fetched them one by one (`scenarios/repair.yaml`), whatever folder `drill bundle`
/// read them from.
pub const SOURCE_DIR: &str = "scenarios/";

/// The scenario folder's index (it names the catalogue, the banned list and the packs).
pub const INDEX_FILE: &str = "index.yaml";

/// The phrasebook has no key in the index; its name is fixed.
pub const PHRASEBOOK_FILE: &str = "phrasebook.yaml";

/// The name a scenario file carries in messages: `repair.yaml` → `scenarios/repair.yaml`.
pub fn source_name(file: &str) -> String {
    format!("{SOURCE_DIR}{file}")
}
