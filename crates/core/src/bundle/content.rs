//! What `content.json` holds: everything the app used to assemble from a dozen YAML files
//! at start-up, already loaded and checked.
//!
//! The broken files travel with the good ones because the app shows them beside the packs
//! (a trainer who publishes a pack with a mistake sees the mistake, and the other packs
//! still work), exactly as when the app read the YAML itself.

use super::BUNDLE_FORMAT;
use crate::diag::Diagnostic;
use crate::from_json::{read_struct, tagged_enum, FromJson, Json, Reader};
use crate::library::{BrokenPack, Library};
use crate::phrasebook::PhrasebookFile;
use crate::scenario::{BannedList, Catalogue, Pack};
use serde::de::IgnoredAny;
use serde::Serialize;

/// The compiled scenario folder. Field order is the JSON order: `format` comes first so a
/// reader sees it before anything else.
///
/// `P` is how the phrasebook is read: [`BundledPhrasebook`], or `serde::de::IgnoredAny` for
/// the trainee app, which shows no phrasebook and so carries no code to read one
/// ([`super::open_packs`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContentBundle<P = BundledPhrasebook> {
    /// [`BUNDLE_FORMAT`] of the `drill bundle` that wrote it.
    pub format: u32,
    pub catalogue: Catalogue,
    /// Empty when `banned.yaml` is broken (its errors are then in `broken`).
    pub banned: BannedList,
    /// The packs that loaded, in index order.
    pub packs: Vec<Pack>,
    /// Files that did not load: packs, and `banned.yaml` when it is broken.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub broken: Vec<BrokenPack>,
    /// Warnings on packs that did load.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Diagnostic>,
    pub phrasebook: P,
    /// The packs' fingerprint (`Library::content_version`), computed by `drill bundle` so the
    /// app need not serialise the packs to know it.
    pub content_version: String,
}

/// `scenarios/phrasebook.yaml`: loaded, or why not. A broken phrasebook never stops the
/// packs; the phrasebook page shows the reason instead of the list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BundledPhrasebook {
    Loaded(PhrasebookFile),
    Broken(BrokenPhrasebook),
}

/// Why the phrasebook is missing, as the phrasebook page shows it: the file, one line of
/// detail, and the loader's diagnostics (none when the file could not be read at all).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BrokenPhrasebook {
    pub file: String,
    pub detail: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<Diagnostic>,
}

impl BundledPhrasebook {
    pub fn loaded(&self) -> Option<&PhrasebookFile> {
        match self {
            BundledPhrasebook::Loaded(file) => Some(file),
            BundledPhrasebook::Broken(_) => None,
        }
    }
}

/// The phrasebook of a bundle as read: loaded, broken, or skipped.
pub trait PhrasebookPart {
    /// Whether this reading skips the phrasebook: the parser then leaves it unbuilt.
    const SKIPPED: bool = false;

    /// The phrasebook's entries when it was read and loaded.
    fn loaded(&self) -> Option<&PhrasebookFile>;
}

impl PhrasebookPart for BundledPhrasebook {
    fn loaded(&self) -> Option<&PhrasebookFile> {
        BundledPhrasebook::loaded(self)
    }
}

impl PhrasebookPart for serde::de::IgnoredAny {
    const SKIPPED: bool = true;

    fn loaded(&self) -> Option<&PhrasebookFile> {
        None
    }
}

impl<P> ContentBundle<P> {
    /// Items in the packs that loaded.
    pub fn item_count(&self) -> usize {
        self.packs.iter().map(|p| p.items.len()).sum()
    }
}

impl ContentBundle {
    /// A bundle of what a library holds (the matcher is rebuilt on opening, not shipped).
    pub fn from_library(library: Library, phrasebook: BundledPhrasebook) -> ContentBundle {
        let Library { catalogue, banned, taboo: _, packs, broken, warnings, content_version } = library;
        ContentBundle { format: BUNDLE_FORMAT, catalogue, banned, packs, broken, warnings, phrasebook, content_version }
    }

    /// Compact JSON (what is shipped: smaller to download and to parse).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data with string map keys always serialises")
    }

    /// Indented JSON, for a person reading the file.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data with string map keys always serialises")
    }
}

// Read back by hand (`crate::from_json` says why); serde's `Serialize` above writes them.

read_struct!(BrokenPhrasebook { file: req, detail: req, diagnostics: opt });

// `{"loaded": {…}}` or `{"broken": {…}}`.
tagged_enum!(BundledPhrasebook {
    "loaded" => Loaded,
    "broken" => Broken,
} else BundledPhrasebook::Broken(BrokenPhrasebook { file: String::new(), detail: String::new(), diagnostics: Vec::new() }));

/// The trainee app's phrasebook part: skipped by the parser, never read.
impl FromJson for IgnoredAny {
    fn from_json(_: Json<'_>, _: &mut Reader) -> IgnoredAny {
        IgnoredAny
    }
}
