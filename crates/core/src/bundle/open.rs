//! `content.json` → a `Library` the app can use: parse, check the format, check integrity,
//! build the banned-phrase matcher. Never panics on any input; every failure is a
//! [`BundleError`] that says what to do.

use super::content::{BundledPhrasebook, ContentBundle, PhrasebookPart};
use super::error::BundleError;
use super::{integrity, read};
use crate::library::Library;
use crate::text::TabooMatcher;
use serde::de::IgnoredAny;

/// An opened bundle: the library (as `Library::build` gives it, broken packs and warnings
/// included) and the phrasebook, or why it did not load.
#[derive(Debug, Clone)]
pub struct OpenedBundle {
    pub library: Library,
    pub phrasebook: BundledPhrasebook,
}

/// Parses, checks and opens a bundle.
pub fn open(json: &str) -> Result<OpenedBundle, BundleError> {
    let (library, phrasebook) = checked(parse(json)?)?;
    Ok(OpenedBundle { library, phrasebook })
}

/// Like [`open`], without reading the phrasebook (skipped unread, unchecked): the trainee
/// app shows none, and reading it is code in its first load (docs/PERFORMANCE.md, "Size").
pub fn open_packs(json: &str) -> Result<Library, BundleError> {
    checked(read::bundle::<IgnoredAny>(strip_bom(json))?).map(|(library, _)| library)
}

fn checked<P: PhrasebookPart>(bundle: ContentBundle<P>) -> Result<(Library, P), BundleError> {
    integrity::check(&bundle).map_err(BundleError::Inconsistent)?;
    let ContentBundle { format: _, catalogue, banned, packs, broken, warnings, phrasebook, content_version } = bundle;
    let taboo = TabooMatcher::new(&banned);
    Ok((Library { catalogue, banned, taboo, packs, broken, warnings, content_version }, phrasebook))
}

/// Parses a bundle and checks its format, without the integrity check (for tools and
/// measurements; the app calls [`open`]).
pub fn parse(json: &str) -> Result<ContentBundle, BundleError> {
    read::bundle(strip_bom(json))
}

/// A byte-order mark added by an editor is not part of the JSON.
fn strip_bom(json: &str) -> &str {
    json.strip_prefix('\u{feff}').unwrap_or(json)
}
