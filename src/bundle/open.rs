//! `content.json` → a `Library` the app can use: parse, check the format, check integrity,
//! build the banned-phrase matcher. Never panics on any input; every failure is a
//! [`BundleError`] that says what to do.

use super::content::{BundledPhrasebook, ContentBundle, PhrasebookPart};
use super::error::BundleError;
use super::{integrity, BUNDLE_FORMAT};
use crate::load::Library;
use crate::text::TabooMatcher;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Deserialize;

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
    checked(parse_as::<IgnoredAny>(json)?).map(|(library, _)| library)
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
    parse_as(json)
}

fn parse_as<P: DeserializeOwned>(json: &str) -> Result<ContentBundle<P>, BundleError> {
    // A byte-order mark added by an editor is not part of the JSON.
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    match serde_json::from_str::<ContentBundle<P>>(json) {
        Ok(bundle) if bundle.format == BUNDLE_FORMAT => Ok(bundle),
        Ok(bundle) => Err(BundleError::WrongFormat { found: bundle.format }),
        Err(e) if e.is_eof() => Err(BundleError::Truncated),
        // Another format may be shaped differently: say so rather than name a field.
        Err(e) => match format_of(json) {
            Some(found) if found != BUNDLE_FORMAT => Err(BundleError::WrongFormat { found }),
            _ if e.is_syntax() => Err(BundleError::NotJson(e.to_string())),
            _ => Err(BundleError::Malformed(e.to_string())),
        },
    }
}

/// The `format` of a JSON object, read without building anything else (only on the error
/// path, so the happy path parses once).
fn format_of(json: &str) -> Option<u32> {
    #[derive(Deserialize)]
    struct Probe {
        format: Option<u32>,
    }
    serde_json::from_str::<Probe>(json).ok()?.format
}
