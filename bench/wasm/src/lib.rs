//! wasm-bindgen exports for bench/browser.mjs. Inputs are generated here (the shared
//! generator in crates/core/benches/support); the JS side times only the calls that the app makes.
use drill_core::load::{Library, Source};
use drill_core::scenario::{BannedList, Catalogue};
use drill_core::team::{Roster, TeamReport};
use drill_core::text::TabooMatcher;
use wasm_bindgen::prelude::*;

#[path = "../../../crates/core/benches/support/mod.rs"]
#[allow(dead_code)]
mod support;

#[wasm_bindgen]
pub struct Loader {
    catalogue: Catalogue,
    banned: BannedList,
    generated: Vec<Source>,
}

#[wasm_bindgen]
impl Loader {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Loader {
        let catalogue = support::catalogue();
        let banned = support::banned(&catalogue);
        Loader { catalogue, banned, generated: Vec::new() }
    }

    /// Generates `n` items as pack files of 1,000 (dialogues of `dialogue_len` nodes);
    /// returns the total characters of YAML.
    pub fn generate(&mut self, n: usize, dialogue_len: usize) -> usize {
        self.generated = support::pack_sources(n, dialogue_len);
        self.generated.iter().map(|s| s.text.chars().count()).sum()
    }

    /// `Library::build` on the generated files (what the app does after fetching them);
    /// returns the items loaded.
    pub fn validate_generated(&self) -> usize {
        support::build_library(&self.catalogue, &self.banned, &self.generated).packs.iter().map(|p| p.items.len()).sum()
    }

    /// The app's start-up work on the shipped content: `files` is a JSON array of
    /// `[name, text]` pairs, the first two being standards.yaml and banned.yaml, the rest
    /// packs. Returns the packs loaded.
    pub fn validate_files(&self, files: &str) -> usize {
        let files: Vec<(String, String)> = serde_json::from_str(files).expect("[[name, text], ...]");
        let catalogue = drill_core::load::load_catalogue(&Source::new(&files[0].0, files[0].1.as_str())).expect("standards");
        let banned = drill_core::load::load_banned(&Source::new(&files[1].0, files[1].1.as_str()), &catalogue).expect("banned");
        let packs: Vec<Source> = files[2..].iter().map(|(n, t)| Source::new(n, t.as_str())).collect();
        Library::build(catalogue, banned, &packs).packs.len()
    }

    /// What the app does with a fetched pack: `Library::build`. Returns the items loaded
    /// (0 if the pack did not load).
    pub fn validate(&self, text: &str) -> usize {
        let lib = Library::build(self.catalogue.clone(), self.banned.clone(), &[Source::new("gen.yaml", text)]);
        lib.packs.first().map_or(0, |p| p.items.len())
    }
}

#[wasm_bindgen]
pub struct Taboo {
    matcher: TabooMatcher,
    reply: String,
}

#[wasm_bindgen]
impl Taboo {
    #[wasm_bindgen(constructor)]
    pub fn new(phrases: usize, chars: usize) -> Taboo {
        let catalogue = support::catalogue();
        let list = drill_core::load::load_banned(&Source::new("b.yaml", support::banned_yaml(phrases)), &catalogue).expect("generated list");
        let some: Vec<&str> = list.phrases.iter().step_by(97).map(|p| p.phrase.as_str()).collect();
        let reply = support::reply_text(chars, &some);
        Taboo { matcher: TabooMatcher::new(&list), reply }
    }

    /// `TabooMatcher::find` on the generated reply `times` times; returns the hit count.
    pub fn find(&self, times: usize) -> usize {
        let mut n = 0;
        for _ in 0..times {
            n += self.matcher.find(&self.reply).len();
        }
        n
    }
}

#[wasm_bindgen]
pub struct Team {
    roster: Roster,
}

#[wasm_bindgen]
impl Team {
    #[wasm_bindgen(constructor)]
    pub fn new(trainees: usize, attempts: usize) -> Team {
        Team { roster: support::roster(trainees, attempts) }
    }

    /// `TeamReport::build` for everyone; returns the number of item rows.
    pub fn build(&self) -> usize {
        TeamReport::build(&self.roster, None, None).items.len()
    }

    /// The lead's roster as stored (JSON), to time `Roster::from_json` too.
    pub fn to_json(&self) -> String {
        self.roster.to_json()
    }
}

/// `content.json`, what the trainee app fetches at start-up instead of the YAML files
/// (`drill bundle`), and `bundle::open`, what it then calls.
#[wasm_bindgen]
pub struct Bundle {
    json: String,
}

#[wasm_bindgen]
impl Bundle {
    /// The bundle of `n` generated items (packs of 1,000; dialogues of `dialogue_len` nodes)
    /// with the shipped catalogue, banned list and phrasebook.
    #[wasm_bindgen(constructor)]
    pub fn new(n: usize, dialogue_len: usize) -> Bundle {
        Bundle { json: support::bundle_json(n, dialogue_len) }
    }

    /// The bundle of the shipped content, compiled here as `drill bundle` does: `files` is a
    /// JSON object of `scenarios/` (`{"index.yaml": text, "standards.yaml": text, ...}`).
    pub fn shipped(files: &str) -> Bundle {
        let files: std::collections::HashMap<String, String> = serde_json::from_str(files).expect("{name: text, ...}");
        let content = drill_core::bundle::compile(|name| files.get(name).cloned().ok_or_else(|| format!("{name} missing"))).expect("shipped content compiles");
        Bundle { json: content.to_json() }
    }

    /// The JSON text (handed back to JS, to time `open_bundle` with a JS string as the app's
    /// fetch gives it).
    pub fn json(&self) -> String {
        self.json.clone()
    }

    /// UTF-8 bytes of the JSON.
    pub fn bytes(&self) -> usize {
        self.json.len()
    }

    /// `bundle::open` on the JSON already in wasm memory; returns the items opened.
    pub fn open(&self) -> usize {
        open_items(&self.json)
    }

    /// `bundle::open_packs`, what the trainee app calls (the phrasebook skipped unread);
    /// returns the items opened.
    pub fn open_packs(&self) -> usize {
        drill_core::bundle::open_packs(&self.json).map_or(0, |l| l.packs.iter().map(|p| p.items.len()).sum())
    }

    /// `bundle::parse` only (the JSON share of `open`); returns the packs parsed.
    pub fn parse(&self) -> usize {
        drill_core::bundle::parse(&self.json).map_or(0, |b| b.packs.len())
    }
}

/// `bundle::open` on a JS string (the text crosses into wasm first, as in the app); returns
/// the items opened, 0 if refused.
#[wasm_bindgen]
pub fn open_bundle(json: &str) -> usize {
    open_items(json)
}

fn open_items(json: &str) -> usize {
    drill_core::bundle::open(json).map_or(0, |o| o.library.packs.iter().map(|p| p.items.len()).sum())
}

/// `Roster::from_json` (the team page reads the stored roster at start-up).
#[wasm_bindgen]
pub fn roster_from_json(text: &str) -> usize {
    Roster::from_json(text).map_or(0, |r| r.trainees.len())
}

#[wasm_bindgen]
pub fn version() -> String {
    serde_json::json!({ "crate": env!("CARGO_PKG_VERSION") }).to_string()
}
