//! What trainers write: the standards catalogue, banned phrases and scenario packs.
//!
//! `model` holds the validated types the rest of the program uses; the YAML they come from
//! is read and checked by `crate::load`. `fingerprint` names a set of packs (which content
//! a score belongs to).

pub mod banned;
pub mod catalogue;
mod fingerprint;
pub mod model;
mod pack_summary;

pub use banned::{BannedList, BannedPhrase, ContextKind, ContextRule, Scope, Severity, TabooCategory};
pub use catalogue::{Catalogue, Standard};
pub use fingerprint::fingerprint;
pub use model::*;
pub use pack_summary::PackSummary;
