//! `drill`: the command-line tool sharing the core. STUB: filled in later.
fn main() {
    eprintln!("drill: not yet implemented");
    std::process::exit(2);
}
