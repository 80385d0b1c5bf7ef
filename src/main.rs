//! The trainee page's first module (`index.html`): the pack list, then the practice module
//! takes over (`src/bin/practice.rs`, `src/handover.rs`). Built for wasm32 by trunk (see
//! README.md).

#[cfg(target_arch = "wasm32")]
fn main() {
    service_drill::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("service-drill-web is the browser app's first module: run `scripts/serve.sh` (see README.md). For the command line, use `drill`.");
    std::process::exit(2);
}
