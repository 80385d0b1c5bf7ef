//! The loaded content as the rest of the program uses it: the catalogue, the banned phrases
//! and their matcher, the packs that loaded, and the files that did not.
//!
//! A type of its own, above the model and the matcher and below everything that fills or
//! reads it: `load` builds it from YAML (`Library::build`, `add_pack`), `bundle` opens it
//! from `content.json`, and scoring, results, team reports and lint read it. Were it in
//! `load`, a results server reading a library would depend on the YAML loader, and the
//! loader on results (for the fingerprint): a cycle.

use crate::diag::Diagnostic;
use crate::from_json::read_struct;
use crate::scenario::{BannedList, Catalogue, Pack};
use crate::text::TabooMatcher;

/// A pack file that failed to load, kept so the app can show its errors beside the others.
/// Serialisable because the content bundle (`crate::bundle`) carries them to the app.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BrokenPack {
    pub file: String,
    /// The pack's title if it could be read, for display.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    /// The packs' fingerprint (`scenario::fingerprint`), kept up to date by `build`
    /// and `add_pack`; results files carry it to say which content they were scored on.
    pub content_version: String,
}

// Read back by hand (`crate::from_json` says why); serde's `Serialize` above writes them.

read_struct!(BrokenPack { file: req, title: opt, diagnostics: req });
