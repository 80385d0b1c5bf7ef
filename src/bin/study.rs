//! The trainee's study page's entry point (phrasebook, own results): a third wasm built by
//! trunk from `study.html` into `study/` (see `scripts/build-extra.sh`), so the trainee
//! app's first load carries only what practising needs.

#[cfg(target_arch = "wasm32")]
fn main() {
    service_drill::start_study();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("service-drill-study is the browser app's study page: run `scripts/serve.sh` and open /study/ (see README.md). For the command line, use `drill`.");
    std::process::exit(2);
}
