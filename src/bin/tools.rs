//! The staff tools' entry point (team dashboard, authoring page): a second wasm built by
//! trunk from `tools.html` into `tools/` (see `scripts/build-extra.sh`), so the trainee
//! app's first load never carries it.

#[cfg(target_arch = "wasm32")]
fn main() {
    service_drill::start_tools();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("service-drill-tools is the browser app's staff page: run `scripts/serve.sh` and open /tools/ (see README.md). For the command line, use `drill`.");
    std::process::exit(2);
}
