//! Loading and validation: YAML text → checked model, or diagnostics a trainer can act on.
//! STUB bodies: owned by the loader helper.

use crate::diag::Diagnostic;
use crate::scenario::{BannedList, Catalogue, Pack};
use crate::text::TabooMatcher;

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

/// A pack file that failed to load, kept so the app can show its errors beside the others.
#[derive(Debug, Clone, PartialEq)]
pub struct BrokenPack {
    pub file: String,
    /// The pack's title if it could be read, for display.
    pub title: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Everything the app and the CLI need: the catalogue, banned phrases (and their matcher),
/// the packs that loaded, and the files that did not.
#[derive(Debug, Clone)]
pub struct Library {
    pub catalogue: Catalogue,
    pub banned: BannedList,
    pub taboo: TabooMatcher,
    pub packs: Vec<Pack>,
    pub broken: Vec<BrokenPack>,
    /// Warnings on packs that did load.
    pub warnings: Vec<Diagnostic>,
}

pub fn load_index(src: &Source) -> Result<Index, Vec<Diagnostic>> {
    let _ = src;
    todo!()
}

pub fn load_catalogue(src: &Source) -> Result<Catalogue, Vec<Diagnostic>> {
    let _ = src;
    todo!()
}

pub fn load_banned(src: &Source, catalogue: &Catalogue) -> Result<BannedList, Vec<Diagnostic>> {
    let _ = (src, catalogue);
    todo!()
}

impl Library {
    /// Builds a library; a broken pack lands in `broken` and never stops the others.
    /// Item ids must be unique across all packs: a pack repeating an id is broken.
    pub fn build(catalogue: Catalogue, banned: BannedList, packs: &[Source]) -> Library {
        let _ = (catalogue, banned, packs);
        todo!()
    }

    /// Adds one more pack (a file the trainee opened from disk). On error nothing changes.
    pub fn add_pack(&mut self, src: &Source) -> Result<&Pack, Vec<Diagnostic>> {
        let _ = src;
        todo!()
    }
}
