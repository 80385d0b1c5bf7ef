//! Putting packs together: a broken pack never stops the others, and ids stay unique
//! across the whole library (results are stored by item id).

use super::pack::{self, ReadPack};
use super::{BrokenPack, Library, Source};
use crate::diag::{Diagnostic, Level};
use crate::scenario::{fingerprint, BannedList, Catalogue, Pack};
use crate::text::TabooMatcher;

impl Library {
    /// Builds a library; a broken pack lands in `broken` and never stops the others.
    /// Item ids must be unique across all packs: a pack repeating an id is broken.
    pub fn build(catalogue: Catalogue, banned: BannedList, packs: &[Source]) -> Library {
        let taboo = TabooMatcher::new(&banned);
        let mut library = Library {
            catalogue,
            banned,
            taboo,
            packs: Vec::new(),
            broken: Vec::new(),
            warnings: Vec::new(),
            content_version: String::new(),
        };
        for (n, src) in packs.iter().enumerate() {
            match library.read(src, &packs[..n]) {
                Ok((pack, warnings)) => {
                    library.packs.push(pack);
                    library.warnings.extend(warnings);
                }
                Err(broken) => library.broken.push(broken),
            }
        }
        library.content_version = fingerprint(&library.packs);
        library
    }

    /// Adds one more pack (a file the trainee opened from disk). On error nothing changes.
    pub fn add_pack(&mut self, src: &Source) -> Result<&Pack, Vec<Diagnostic>> {
        let (pack, warnings) = self.read(src, &[]).map_err(|b| b.diagnostics)?;
        self.warnings.extend(warnings);
        self.packs.push(pack);
        self.content_version = fingerprint(&self.packs);
        Ok(self.packs.last().expect("just pushed"))
    }

    /// Reads one pack and checks it against the packs already loaded (`earlier`: their
    /// texts when known, to say on which line a clashing id was first used).
    fn read(&self, src: &Source, earlier: &[Source]) -> Result<(Pack, Vec<Diagnostic>), BrokenPack> {
        let mut read = pack::read(src, &self.catalogue);
        check_against(&mut read, &self.packs, earlier);
        let title = read.title.clone();
        let pack = if read.report.has_errors() { None } else { read.pack.take() };
        let diagnostics = read.report.into_diagnostics();
        match pack {
            Some(pack) => Ok((pack, diagnostics.into_iter().filter(|d| d.level == Level::Warning).collect())),
            None => Err(BrokenPack { file: src.name.clone(), title, diagnostics }),
        }
    }
}

/// `duplicate-id` for a pack id or item id another loaded pack already uses. The pack read
/// now is the newer one (later in the index, or added after the library was built): it is
/// the one to change, because trainees' results are stored under the published ids. The
/// message names both places.
fn check_against(read: &mut ReadPack, loaded: &[Pack], earlier: &[Source]) {
    let first_use = |pack: &Pack, key: &str, id: &str| {
        let at = earlier
            .iter()
            .find(|s| s.name == pack.source)
            .and_then(|s| id_line(&s.text, key, id))
            .map_or_else(String::new, |(line, column)| format!(":{line}:{column}"));
        format!("{}{at}", pack.source)
    };
    if let Some(id) = &read.id {
        if let Some(other) = loaded.iter().find(|p| p.id == id.value) {
            read.report.error(
                "duplicate-id",
                &id.at,
                "id",
                format!("题包编号 {} 已被 {} 使用（先登记的题包）", id.value, first_use(other, "id", &id.value)),
                format!("改这个新题包的 id，例如 {}-2；不要改已发布的题包 {} 的编号", id.value, other.id),
            );
        }
    }
    if read.item_ids.is_empty() {
        return;
    }
    // Every loaded item id, once per pack read (looking each id up pack by pack made a
    // library of many packs quadratic in its size).
    let owners: std::collections::HashMap<&str, &Pack> =
        loaded.iter().rev().flat_map(|p| p.items.iter().map(move |i| (i.id.as_str(), p))).collect();
    let this_pack = read.id.as_ref().map_or_else(|| "这个题包".to_owned(), |id| format!("题包 {}", id.value));
    for (id, path) in &read.item_ids {
        if let Some(other) = owners.get(id.value.as_str()) {
            read.report.error(
                "duplicate-id",
                &id.at,
                path,
                format!(
                    "题目编号 {} 已在题包 {}（{}）中使用，两处重复",
                    id.value,
                    other.id,
                    first_use(other, "id", &id.value)
                ),
                format!(
                    "改{this_pack}（后登记的）中的这个编号，例如 {}-2；不要改 {} 中已发布的编号：学员的成绩按编号保存",
                    id.value, other.id
                ),
            );
        }
    }
}

/// Line and column of the value of the first `key: id` line in `text` (a `- ` list marker
/// and quotes allowed).
fn id_line(text: &str, key: &str, id: &str) -> Option<(u32, u32)> {
    text.lines().enumerate().find_map(|(n, line)| {
        let rest = line.trim_start().trim_start_matches("- ").trim_start();
        let value = rest.strip_prefix(key)?.trim_start().strip_prefix(':')?;
        let bare = value.split(" #").next().unwrap_or("").trim().trim_matches(['"', '\'']);
        // `value` is a suffix of `line`.
        let at = line.len() - value.trim_start().len();
        (bare == id).then(|| ((n + 1) as u32, (line[..at].chars().count() + 1) as u32))
    })
}
