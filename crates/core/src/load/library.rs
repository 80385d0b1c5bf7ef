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
        for src in packs {
            match library.read(src) {
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
        let (pack, warnings) = self.read(src).map_err(|b| b.diagnostics)?;
        self.warnings.extend(warnings);
        self.packs.push(pack);
        self.content_version = fingerprint(&self.packs);
        Ok(self.packs.last().expect("just pushed"))
    }

    /// Reads one pack and checks it against the packs already loaded.
    fn read(&self, src: &Source) -> Result<(Pack, Vec<Diagnostic>), BrokenPack> {
        let mut read = pack::read(src, &self.catalogue);
        check_against(&mut read, &self.packs);
        let title = read.title.clone();
        let pack = if read.report.has_errors() { None } else { read.pack.take() };
        let diagnostics = read.report.into_diagnostics();
        match pack {
            Some(pack) => Ok((pack, diagnostics.into_iter().filter(|d| d.level == Level::Warning).collect())),
            None => Err(BrokenPack { file: src.name.clone(), title, diagnostics }),
        }
    }
}

/// `duplicate-id` for a pack id or item id another loaded pack already uses.
fn check_against(read: &mut ReadPack, loaded: &[Pack]) {
    if let Some(id) = &read.id {
        if let Some(other) = loaded.iter().find(|p| p.id == id.value) {
            read.report.error(
                "duplicate-id",
                &id.at,
                "id",
                format!("题包编号 {} 已被 {} 使用", id.value, other.source),
                "每个题包的 id 必须唯一；改用新的编号",
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
    for (id, path) in &read.item_ids {
        if let Some(other) = owners.get(id.value.as_str()) {
            read.report.error(
                "duplicate-id",
                &id.at,
                path,
                format!("题目编号 {} 已在题包 {}（{}）中使用", id.value, other.id, other.source),
                "题目编号在所有题包中必须唯一（成绩按编号保存）；改用新的编号",
            );
        }
    }
}
