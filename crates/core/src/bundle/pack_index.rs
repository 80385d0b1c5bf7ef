//! `packs.json`: the pack list, written by `drill bundle` beside `content.json`.
//!
//! Why a second file: the trainee app's first screen is the list of packs, and drawing it
//! from `content.json` meant downloading, parsing and checking every item of every pack
//! before the list could show — most of the app's start-up (docs/PERFORMANCE.md,
//! "Start-up"). The list needs only what is here: each pack's title, category,
//! description, pass mark, maximum and item ids (progress is counted per item from the
//! trainee's store), and the files that did not load. So the page draws the list from this
//! small file and opens `content.json` afterwards, for playing.
//!
//! `content.json` stays the one source of truth: when it is open the app derives the list
//! from it ([`PackIndex::of`]) and replaces this one if they differ (a site half-way
//! through being re-published), and an unusable `packs.json` only means the list waits for
//! `content.json`, as it did before this file existed.

use super::BUNDLE_FORMAT;
use crate::diag::Diagnostic;
use crate::from_json::{parse, Fields, Reader};
use crate::library::{BrokenPack, Library};
use crate::scenario::PackSummary;
use serde::Serialize;

/// The file the trainee app fetches first (relative to the page); `drill bundle` writes it
/// beside `content.json`.
pub const PACKS_FILE: &str = "packs.json";

/// What the pack list shows, for every pack of a library.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PackIndex {
    /// [`BUNDLE_FORMAT`], as in `content.json`.
    pub format: u32,
    pub packs: Vec<PackSummary>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub broken: Vec<BrokenPack>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Diagnostic>,
    /// `Library::content_version` of the packs summarised.
    pub content_version: String,
}

impl PackIndex {
    /// The list of what a library holds.
    pub fn of(library: &Library) -> PackIndex {
        PackIndex {
            format: BUNDLE_FORMAT,
            packs: library.packs.iter().map(PackSummary::of).collect(),
            broken: library.broken.clone(),
            warnings: library.warnings.clone(),
            content_version: library.content_version.clone(),
        }
    }

    pub fn pack(&self, id: &str) -> Option<&PackSummary> {
        self.packs.iter().find(|p| p.id == id)
    }

    /// Compact JSON, what `drill bundle` writes.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data with string map keys always serialises")
    }
}

/// Why a `packs.json` is not used (the app then waits for `content.json`; it never shows
/// this to a trainee, only logs it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexError(pub String);

impl std::fmt::Display for IndexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{PACKS_FILE}：{}", self.0)
    }
}

/// Reads and checks a `packs.json`: its format, its shape, and what the list relies on
/// (pack ids unique, as they key the cards; numbers finite).
pub fn open_index(json: &str) -> Result<PackIndex, IndexError> {
    let index = read(json.strip_prefix('\u{feff}').unwrap_or(json))?;
    // Quadratic, but a list holds tens of packs, and a set is more code in the first load.
    for (i, p) in index.packs.iter().enumerate() {
        if index.packs[..i].iter().any(|q| q.id == p.id) {
            return Err(IndexError(format!("题包 id \"{}\" 出现了不止一次", p.id)));
        }
        if !(p.max_points.is_finite() && p.max_points >= 0.0 && p.pass_mark.is_finite()) {
            return Err(IndexError(format!("题包 \"{}\" 的满分或及格线不是有效数字", p.id)));
        }
    }
    Ok(index)
}

/// Reads a `packs.json` by hand (`crate::from_json` says why), one parse; the format checked
/// first.
fn read(json: &str) -> Result<PackIndex, IndexError> {
    let value = parse(json).map_err(|e| {
        IndexError(if e.is_eof() { "文件不完整".to_owned() } else { format!("不是有效的 JSON（{e}）") })
    })?;
    let mut r = Reader::default();
    let mut f = Fields::new(value, &mut r);
    let format: u32 = f.req("format");
    if !f.r.failed() && format != BUNDLE_FORMAT {
        return Err(IndexError(format!("格式 {format}，本程序需要格式 {BUNDLE_FORMAT}")));
    }
    let index = PackIndex {
        format,
        packs: f.req("packs"),
        broken: f.opt("broken"),
        warnings: f.opt("warnings"),
        content_version: f.req("content_version"),
    };
    r.finish(index).map_err(|e| IndexError(e.to_string()))
}
