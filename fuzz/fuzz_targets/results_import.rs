//! Arbitrary text as each stored/imported JSON document: a results file a lead imports
//! (`ResultsFile::parse`, with and without the shipped content for re-scoring), the lead's
//! stored roster (`Roster::from_json`) and the trainee's stored record
//! (`TraineeStore::from_json`). Must never panic; what parses must round-trip and feed the
//! team report without panicking.
#![no_main]

use drill_core::load::{load_banned, load_catalogue, load_index, Library, Source};
use drill_core::results::export::ResultsFile;
use drill_core::results::TraineeStore;
use drill_core::team::{Roster, TeamReport};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn library() -> &'static Library {
    static L: OnceLock<Library> = OnceLock::new();
    L.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios");
        let read = |n: &str| Source::new(n, std::fs::read_to_string(dir.join(n)).expect("shipped file"));
        let index = load_index(&read("index.yaml")).expect("index");
        let cat = load_catalogue(&read(&index.standards)).expect("standards");
        let banned = load_banned(&read(&index.banned), &cat).expect("banned");
        let packs: Vec<Source> = index.packs.iter().map(|p| read(p)).collect();
        Library::build(cat, banned, &packs)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lib = library();
    let mut roster = Roster::default();
    if let Ok(file) = ResultsFile::parse(text, None) {
        let _ = ResultsFile::parse(&file.to_json(), Some(lib));
        roster.import(file.clone());
        roster.import(file);
        let _ = TeamReport::build(&roster, None, Some(lib));
        let _ = drill_core::team::csv::team_csv(&TeamReport::build(&roster, None, None));
    }
    let _ = ResultsFile::parse(text, Some(lib));
    if let Ok(r) = Roster::from_json(text) {
        let back = Roster::from_json(&r.to_json());
        assert!(back.is_ok(), "a roster that was read must be written back readably");
        let _ = TeamReport::build(&r, None, Some(lib));
    }
    if let Ok(store) = TraineeStore::from_json(text) {
        let back = TraineeStore::from_json(&store.to_json());
        assert!(back.is_ok(), "a store that was read must be written back readably");
        let _ = store.latest_by_item();
        for pack in &lib.packs {
            let _ = drill_core::results::pack_progress(&drill_core::bundle::PackSummary::of(pack), &store);
            if let Some(run) = store.runs.get(&pack.id) {
                let _ = drill_core::results::run_summary(pack, run, &store);
                let _ = drill_core::results::retry_items(pack, run, &store);
            }
        }
        let _ = ResultsFile::build(&store, lib, 0.0);
    }
});
