//! The trainee page's sync module: sends every answer to `drill serve` and draws the sync
//! bar (`service_drill::start_sync`, `src/sync_runner.rs`). Built by trunk from `sync.html`
//! into `sync/` (`scripts/build-extra.sh`); the trainee page (`index.html`) loads it only
//! when the page is served by `drill serve`, so a static site and the page's first screen
//! carry none of it (docs/PERFORMANCE.md, "Size").

#[cfg(target_arch = "wasm32")]
fn main() {
    service_drill::start_sync();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("service-drill-sync is the trainee page's sync module, loaded by the page when drill serve serves it: run `cargo run --bin drill -- serve` (see README.md).");
    std::process::exit(2);
}
