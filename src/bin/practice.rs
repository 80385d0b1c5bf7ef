//! The practice module's entry point: the whole trainee app (profile, packs, player,
//! summaries), built by trunk from `practice.html` into `practice/` (`scripts/build-extra.sh`)
//! and loaded by the trainee page (`index.html`) once its first module has drawn the pack
//! list. It draws nothing when loaded: the first module calls [`open`] once it has loaded,
//! or when the trainee goes past the list (`src/handover.rs`).

#[cfg(target_arch = "wasm32")]
fn main() {}

/// Takes the trainee page over: see `service_drill::open_practice`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub async fn open(start: Option<String>, focus: bool) {
    service_drill::open_practice(start, focus).await;
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("service-drill-practice is the browser app's practice module, loaded by the trainee page: run `scripts/serve.sh` (see README.md). For the command line, use `drill`.");
    std::process::exit(2);
}
