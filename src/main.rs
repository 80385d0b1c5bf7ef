//! The browser app's entry point. Built for wasm32 by trunk (see README.md).

#[cfg(target_arch = "wasm32")]
fn main() {
    service_drill::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("service-drill-web is the browser app: run `scripts/serve.sh` (see README.md). For the command line, use `drill`.");
    std::process::exit(2);
}
