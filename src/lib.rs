//! The browser app (Yew, wasm32 only): trainees pick a pack, answer item by item, see
//! feedback quoting the standards, and resume where they left off after closing the tab.
//!
//! Three pages, four wasm binaries sharing this module, so a trainee's first load carries
//! only what practising needs (the size budget in docs/PERFORMANCE.md):
//! * `home_app.rs` — the trainee page's first screen (`index.html`, `src/main.rs`): the pack
//!   list alone, handed over in place to the practice module (`handover.rs` says how).
//! * `app.rs` — the practice module (`src/bin/practice.rs`, loaded by `index.html` once the
//!   list is on screen): the whole trainee app, profile, packs, player, summaries.
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
//! Logic that is not about the DOM lives in the core and is tested natively: every change to
//! the trainee's record in `drill_core::session`, progress, summaries and shuffles in
//! `drill_core::results`.

#![cfg(target_arch = "wasm32")]

mod account;
mod admin;
mod app;
mod author;
mod components;
mod download;
mod fetch;
mod handover;
mod home_app;
mod my_results;
mod phrasebook;
mod route;
mod server;
mod shell;
mod state;
mod storage;
mod study_app;
mod sync_runner;
mod team;
mod tools_app;

/// Removes the static "正在加载" placeholder of the page.
pub(crate) fn remove_boot() {
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
}

/// Starts the trainee page's first screen (`index.html`), once the pack list the page
/// started fetching is read (or known to be unusable): the first render then draws the list,
/// rather than a loading view and a second render. When the first screen does not draw
/// (`home_app::HomeData::check`), the page's loading message stays until the practice module
/// has taken over.
pub fn start() {
    storage::move_single_store();
    wasm_bindgen_futures::spawn_local(async {
        let index = fetch::early_index().await.map(state::Shared::new);
        let home = home_app::HomeData::check(index, storage::peek());
        if home.is_some() {
            remove_boot();
        }
        home_app::mount(home);
    });
}

/// The practice module taking the trainee page over (`handover.rs`): renders the trainee app
/// into `<body>`. `start` begins a new run of that pack first (开始练习 on the first screen);
/// `focus` moves focus to the view's heading, as any change of view does. Resolves once the
/// view is drawn.
pub async fn open_practice(start: Option<String>, focus: bool) {
    let index = fetch::early_index().await.map(state::Shared::new);
    remove_boot();
    yew::Renderer::<app::App>::with_props(app::AppProps { index, start, focus }).render();
    // Yew empties `<body>` (the first screen with it) at once and draws in a microtask;
    // resolve once it has drawn, so focus can move to the twin of what had it
    // (`home_app::unmount`).
    let drawn = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(drawn).await;
}

/// The trainee page's sync module (`src/bin/sync.rs`, loaded by `index.html` only when the
/// page is served by `drill serve`): sends answers to the server and draws the sync bar,
/// with answers queued against the content version of the pack list the page shows.
pub fn start_sync() {
    wasm_bindgen_futures::spawn_local(async {
        let version = fetch::early_index().await.map(|i| i.content_version);
        sync_runner::start(version);
    });
}

/// Renders the study page into `<body>` (`study/index.html`).
pub fn start_study() {
    storage::move_single_store();
    remove_boot();
    yew::Renderer::<study_app::StudyApp>::new().render();
}

/// Renders the staff tools into `<body>` (`tools/index.html`).
pub fn start_tools() {
    storage::move_single_store();
    remove_boot();
    yew::Renderer::<tools_app::ToolsApp>::new().render();
}
