//! The shipped `scenarios/` must load with no errors: every pack listed by the index, the
//! catalogue and the banned list.

use drill_core::load::{load_banned, load_catalogue, load_index, Library, Source};
use std::path::Path;

fn read(dir: &Path, name: &str) -> Source {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Source::new(format!("scenarios/{name}"), text)
}

#[test]
fn shipped_scenarios_load_cleanly() {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("scenarios");
    let index = load_index(&read(&dir, "index.yaml")).unwrap_or_else(|d| panic!("index: {d:#?}"));
    let catalogue = load_catalogue(&read(&dir, &index.standards)).unwrap_or_else(|d| panic!("{}", render(&d)));
    let banned = load_banned(&read(&dir, &index.banned), &catalogue).unwrap_or_else(|d| panic!("{}", render(&d)));
    let packs: Vec<Source> = index.packs.iter().map(|p| read(&dir, p)).collect();
    let library = Library::build(catalogue, banned, &packs);
    let problems: Vec<String> =
        library.broken.iter().flat_map(|b| b.diagnostics.iter().map(ToString::to_string)).collect();
    assert!(problems.is_empty(), "broken packs:\n{}", problems.join("\n"));
    assert_eq!(library.packs.len(), index.packs.len());
}

fn render(d: &[drill_core::diag::Diagnostic]) -> String {
    d.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}
