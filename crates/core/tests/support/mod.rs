//! Fixtures shared by the core's and the CLI's integration tests: the workspace root, the
//! shipped content compiled, and an in-memory scenario folder with a broken pack.
#![allow(dead_code)] // each test binary uses its own subset

use drill_core::bundle::{self, ContentBundle};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The workspace root, where `scenarios/`, `tests/` and `fuzz/` are.
pub fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

pub fn disk_reader(dir: PathBuf) -> impl FnMut(&str) -> Result<String, String> {
    move |file| std::fs::read_to_string(dir.join(file)).map_err(|e| e.to_string())
}

/// The shipped banned list (`scenarios/banned.yaml` with its standards), as the scoring
/// matches it.
pub fn shipped_matcher() -> drill_core::text::TabooMatcher {
    use drill_core::load::{load_banned, load_catalogue, Source};
    let dir = root().join("scenarios");
    let read = |name: &str| Source::new(name, std::fs::read_to_string(dir.join(name)).expect("shipped file"));
    let catalogue = load_catalogue(&read("standards.yaml")).expect("shipped standards load");
    let list = load_banned(&read("banned.yaml"), &catalogue).expect("shipped banned list loads");
    drill_core::text::TabooMatcher::new(&list)
}

pub fn shipped() -> ContentBundle {
    bundle::compile(disk_reader(root().join("scenarios"))).unwrap_or_else(|f| panic!("shipped content compiles: {f}"))
}

/// In-memory scenario folder: the test fixtures, a broken pack and a small phrasebook.
pub fn fixture_files() -> BTreeMap<String, String> {
    let fixture = |name: &str| std::fs::read_to_string(root().join("tests").join(name)).expect("fixture");
    let mut files = BTreeMap::new();
    files.insert("index.yaml".to_owned(), "version: 1\nstandards: standards.yaml\nbanned: banned.yaml\npacks:\n  - good.yaml\n  - broken.yaml\n  - missing.yaml\n".to_owned());
    files.insert("standards.yaml".to_owned(), fixture("fixtures/standards.yaml"));
    files.insert("banned.yaml".to_owned(), fixture("fixtures/banned.yaml"));
    files.insert("good.yaml".to_owned(), fixture("fixtures/good.yaml"));
    files.insert("broken.yaml".to_owned(), fixture("broken/13-missing-node.yaml"));
    files.insert(
        "phrasebook.yaml".to_owned(),
        "version: 1\nentries:\n  - id: repair-scope\n    situation: repair\n    cue: 询问停电范围\n    line: 请问是只有您一家停电，还是整个小区都停电了？\n    standard: REPAIR.ASK\n".to_owned(),
    );
    files
}
