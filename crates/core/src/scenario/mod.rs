//! What trainers write: the standards catalogue, banned phrases and scenario packs.
//!
//! `model` holds the validated types the rest of the program uses; the YAML they come from
//! is read and checked by `crate::load`.

pub mod banned;
pub mod catalogue;
pub mod model;

pub use banned::{BannedList, BannedPhrase, ContextKind, ContextRule, Scope, Severity, TabooCategory};
pub use catalogue::{Catalogue, Standard};
pub use model::*;
