//! Loading and validation: YAML text → checked model, or diagnostics a trainer can act on.
//!
//! Each file is parsed by serde-saphyr into a tree that keeps every node's position
//! (`tree.rs`), then read field by field (`fields.rs`) so that every mistake in a file is
//! reported — with file, line, column (in characters), field path, what is wrong and what to
//! write instead — rather than only the first. Codes are listed in `docs/FORMAT.md`.
//!
//! - `index.rs`, `catalogue.rs`, `banned.rs`, `pack.rs` (+ `item.rs`, `dialogue.rs`): one
//!   reader per kind of file;
//! - `graph.rs`: dialogue graph checks and the maximum (via `score::dialogue::best_total`);
//! - `library.rs`: packs together — broken packs set aside, ids unique across packs;
//! - `decode.rs` (bytes → text: Office files, images, UTF-16 and GBK named), `typing.rs`
//!   (full-width punctuation, missing spaces, text needing quotes: a trainer's typing
//!   mistakes, found beside the parser), `yaml.rs` (syntax errors), `version.rs`, `rules.rs`
//!   (rule ids), `suggest.rs` ("did you mean"), `report.rs` (collecting diagnostics),
//!   `points.rs` (points as the item and dialogue readers both check and show them).

mod allow;
mod banned;
mod catalogue;
mod decode;
mod dialogue;
mod fields;
mod folder;
mod graph;
mod index;
mod item;
mod library;
mod pack;
mod points;
mod report;
mod rules;
mod suggest;
mod tree;
mod typing;
mod version;
mod yaml;

pub use decode::decode;
pub use folder::{missing_phrasebook, unlisted_files};

use crate::diag::Diagnostic;
use crate::scenario::{BannedList, Catalogue, Pack};

/// The library lives in `crate::library` (the loader builds it, others open or read it);
/// re-exported because loading is where callers meet it.
pub use crate::library::{BrokenPack, Library};

/// A file's name (as shown in messages) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub name: String,
    pub text: String,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Source {
        Source { name: name.into(), text: text.into() }
    }
}

/// `scenarios/index.yaml`: which catalogue, banned list and packs to load, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Index {
    pub standards: String,
    pub banned: String,
    pub packs: Vec<String>,
}

/// Reads `index.yaml`.
pub fn load_index(src: &Source) -> Result<Index, Vec<Diagnostic>> {
    index::load(src)
}

/// Reads `standards.yaml`. Standard ids must be unique; each `source` must be one of
/// `sources` (when `sources` is given).
pub fn load_catalogue(src: &Source) -> Result<Catalogue, Vec<Diagnostic>> {
    catalogue::load(src)
}

/// Reads `banned.yaml`; every `standard` must be in `catalogue`.
pub fn load_banned(src: &Source, catalogue: &Catalogue) -> Result<BannedList, Vec<Diagnostic>> {
    banned::load(src, catalogue)
}

/// Reads one pack file on its own (no cross-pack checks): the pack if it has no errors,
/// and every diagnostic (errors and warnings) in file order.
pub fn load_pack(src: &Source, catalogue: &Catalogue) -> (Option<Pack>, Vec<Diagnostic>) {
    let mut read = pack::read(src, catalogue);
    let pack = read.pack.take();
    (pack, read.report.into_diagnostics())
}
