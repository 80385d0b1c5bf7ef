//! Checking the draft exactly as the app and `drill check` would: the same loader, against
//! the loaded catalogue, banned list and the other packs (ids must stay unique), then the
//! content rules (`lint::lint_one`). A banned list (`banned.yaml`) opened here is checked by
//! its own loader, exceptions included.

use drill_core::diag::{Diagnostic, Level};
use drill_core::lint::lint_one;
use drill_core::load::{load_banned, Library, Source};
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

/// Whether the draft is a banned list (`banned.yaml`: top-level `phrases:`, no `items:`).
fn is_banned_list(text: &str) -> bool {
    text.lines().any(|l| l.starts_with("phrases:")) && !text.lines().any(|l| l.starts_with("items:"))
}

/// Whether `name` is one of the files the loaded library came from (listed in index.yaml).
pub fn is_listed(library: &Library, name: &str) -> bool {
    let base = |f: &str| f.rsplit('/').next().unwrap_or(f).to_owned();
    let name = base(name);
    library.packs.iter().map(|p| base(&p.source)).chain(library.broken.iter().map(|b| base(&b.file))).any(|f| f == name)
}

pub fn check(library: &Library, name: &str, text: &str) -> Checked {
    if is_banned_list(text) {
        // The same loader as drill check and drill bundle (its exceptions checked too),
        // against the loaded catalogue. Nothing to try: a banned list has no items.
        let mut diagnostics = match load_banned(&Source::new(name, text), &library.catalogue) {
            Ok(_) => Vec::new(),
            Err(d) => d,
        };
        diagnostics.sort_by(|a, b| (a.line, a.column, &a.code).cmp(&(b.line, b.column, &b.code)));
        return Checked { pack: None, diagnostics };
    }
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
