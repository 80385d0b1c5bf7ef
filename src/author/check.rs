//! Checking the draft exactly as the app and `drill check` would: the same loader, against
//! the loaded catalogue, banned list and the other packs (ids must stay unique), then the
//! content rules (`lint::lint_one`).

use drill_core::diag::{Diagnostic, Level};
use drill_core::lint::lint_one;
use drill_core::load::{Library, Source};
use drill_core::scenario::Pack;

pub struct Checked {
    /// The pack, when the draft has no errors (warnings allowed).
    pub pack: Option<Pack>,
    /// Sorted by line and column.
    pub diagnostics: Vec<Diagnostic>,
}

/// The draft's top-level `id:` (so editing a shipped pack replaces it instead of clashing).
fn top_level_id(text: &str) -> Option<&str> {
    text.lines()
        .find_map(|l| l.strip_prefix("id:"))
        .map(|v| v.trim().trim_matches(['"', '\'']))
        .filter(|v| !v.is_empty())
}

pub fn check(library: &Library, name: &str, text: &str) -> Checked {
    let mut lib = library.clone();
    let own_id = top_level_id(text);
    lib.packs.retain(|p| Some(p.id.as_str()) != own_id && p.source != name);
    let warnings_before = lib.warnings.len();
    let src = Source::new(name, text);
    let (pack, mut diagnostics) = match lib.add_pack(&src) {
        Ok(pack) => {
            let pack = pack.clone();
            let mut d: Vec<Diagnostic> = lib.warnings[warnings_before..].to_vec();
            d.extend(lint_one(&pack, text, &lib.taboo));
            let ok = !d.iter().any(|x| x.level == Level::Error);
            (ok.then_some(pack), d)
        }
        Err(d) => (None, d),
    };
    diagnostics.sort_by(|a, b| (a.line, a.column, &a.code).cmp(&(b.line, b.column, &b.code)));
    diagnostics.dedup();
    Checked { pack, diagnostics }
}
