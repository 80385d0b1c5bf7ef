//! The browser app (Yew, wasm32 only): trainees pick a pack, answer item by item, see
//! feedback quoting the standards, and resume where they left off after closing the tab.
//!
//! * `app.rs` — the top-level component: state, hash routing, loading the content.
//! * `state.rs` — the app state and its reducer (every store change is saved at once).
//! * `route.rs` — `#/`, `#/profile`, `#/pack/<id>`, `#/summary/<id>`.
//! * `storage.rs` — localStorage under one versioned key, with fault handling.
//! * `fetch.rs` — loading `scenarios/` at run time.
//! * `components/` — one component per file.
//!
//! Logic that is not about the DOM (progress, summaries, shuffles) lives in
//! `crate::results::summary` and is tested natively.

mod app;
mod author;
mod components;
mod download;
mod fetch;
mod phrasebook;
mod route;
mod state;
mod storage;
mod team;

/// Renders the app into `<body>`, replacing the static "正在加载" placeholder of `index.html`.
pub fn start() {
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    yew::Renderer::<app::App>::new().render();
}
