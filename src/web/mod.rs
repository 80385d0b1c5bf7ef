//! The browser app (Yew, wasm32 only): trainees pick a pack, answer item by item, see
//! feedback quoting the standards, and resume where they left off after closing the tab.
//!
//! Three pages, three wasm binaries sharing this module, so a trainee's first load carries
//! only what practising needs (the size budget in docs/PERFORMANCE.md):
//! * `app.rs` — the trainee app (`index.html`, `src/main.rs`): profile, packs, player,
//!   summaries.
//! * `study_app.rs` — the trainee's study page (`study/index.html`, `src/bin/study.rs`): the
//!   phrasebook (`phrasebook/`) and the results download (`my_results.rs`).
//! * `tools_app.rs` — the staff tools (`tools/index.html`, `src/bin/tools.rs`): the team
//!   dashboard (`team/`) and the authoring page (`author/`, the only one reading YAML).
//! * `shell.rs` — what all three share: hash routing, loading the content, the page frame.
//! * `state.rs` — the app state and its reducer (every store change is saved at once).
//! * `route.rs` — the hash routes of both pages and links between them.
//! * `storage.rs` — localStorage under one versioned key, with fault handling.
//! * `fetch.rs` — loading `content.json` (compiled from `scenarios/` by `drill bundle`).
//! * `components/` — one component per file.
//!
//! Logic that is not about the DOM (progress, summaries, shuffles) lives in
//! `crate::results::summary` and is tested natively.

mod app;
mod author;
mod components;
mod download;
mod fetch;
mod my_results;
mod phrasebook;
mod route;
mod shell;
mod state;
mod storage;
mod study_app;
mod team;
mod tools_app;

/// Removes the static "正在加载" placeholder of the page.
fn remove_boot() {
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
}

/// Renders the trainee app into `<body>` (`index.html`), once the pack list the page
/// started fetching is read (or known to be unusable): the first render then draws the list,
/// rather than a loading view and a second render.
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        let index = fetch::early_index().await.map(state::Shared::new);
        remove_boot();
        yew::Renderer::<app::App>::with_props(app::AppProps { index }).render();
    });
}

/// Renders the study page into `<body>` (`study/index.html`).
pub fn start_study() {
    remove_boot();
    yew::Renderer::<study_app::StudyApp>::new().render();
}

/// Renders the staff tools into `<body>` (`tools/index.html`).
pub fn start_tools() {
    remove_boot();
    yew::Renderer::<tools_app::ToolsApp>::new().render();
}
