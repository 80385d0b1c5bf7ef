//! A pack file: its header (`id`, `title`, `category`, `pass_mark`) and its items.
//! Uniqueness across packs is checked by `library.rs`, which sees them all.

use super::fields::{index, At, Map};
use super::item::{self, check_id};
use super::report::Report;
use super::{version, yaml, Source};
use crate::scenario::{Catalogue, Item, Pack, PackCategory};
use std::collections::BTreeMap;

const FIELDS: &[&str] = &["version", "id", "title", "category", "description", "pass_mark", "items"];

/// What reading one pack file produced. `pack` is `Some` only when the file has no errors.
pub(crate) struct ReadPack {
    pub pack: Option<Pack>,
    pub title: Option<String>,
    pub id: Option<At<String>>,
    /// Every item id that could be read, with its path (for cross-pack duplicates).
    pub item_ids: Vec<(At<String>, String)>,
    pub report: Report,
}

pub(crate) fn read(src: &Source, catalogue: &Catalogue) -> ReadPack {
    let mut out = ReadPack { pack: None, title: None, id: None, item_ids: Vec::new(), report: Report::new(&src.name) };
    let pack = read_into(src, catalogue, &mut out);
    if !out.report.has_errors() {
        out.pack = pack;
    }
    out
}

fn read_into(src: &Source, catalogue: &Catalogue, out: &mut ReadPack) -> Option<Pack> {
    let report = &mut out.report;
    let root = yaml::parse(&src.text, report)?;
    let top = Map::open(report, &root, "", "题包文件")?;
    if !version::check(report, &top) {
        return None;
    }
    top.check_fields(report, FIELDS, "题包文件", &|f| {
        ["kind", "prompt", "options", "standards", "nodes", "steps", "elements"]
            .contains(&f)
            .then(|| format!("`{f}` 属于题目，要写在 items 的某一项下面（注意缩进）"))
    });
    let id = top.text(report, "id", true, "id: repair-basics");
    if let Some(id) = &id {
        check_id(report, id, "id", "题包");
    }
    out.id = id.clone();
    let title = top.text(report, "title", true, "title: 故障报修基础");
    out.title = title.as_ref().map(|t| t.value.clone());
    let categories: Vec<(&str, PackCategory)> = PackCategory::ALL.iter().map(|c| (c.keyword(), *c)).collect();
    let category = top.keyword(report, "category", true, &categories, "题包类别 category ");
    let description = top.text(report, "description", false, "description: 一句话介绍");
    let pass_mark = top.number(report, "pass_mark", true, "pass_mark: 80");
    if let Some(p) = &pass_mark {
        if !(0.0..=100.0).contains(&p.value) {
            report.error(
                "bad-value",
                &p.at,
                "pass_mark",
                format!("及格线 pass_mark: {} 不在 0–100 之间", p.value),
                "pass_mark 是占本包满分的百分比，例如 pass_mark: 80",
            );
        } else if p.value > 0.0 && p.value <= 1.0 {
            // A fraction (0.8 for 80%) passes everyone who scores above nothing: almost
            // certainly meant as a percentage. 1 is read as 1% but may mean 100%: a warning.
            let percent = (p.value * 1000.0).round() / 10.0;
            let message =
                format!("及格线 pass_mark: {} 会被当作满分的 {}%：pass_mark 是百分比，不是小数", p.value, p.value);
            let hint = format!("要求答对 {percent}%，就写 pass_mark: {percent}");
            if p.value < 1.0 {
                report.error("bad-value", &p.at, "pass_mark", message, hint);
            } else {
                report.warning(
                    "bad-value",
                    &p.at,
                    "pass_mark",
                    message,
                    "要求满分写 pass_mark: 100；确实只要 1% 可以不改",
                );
            }
        }
    }
    let list = top.list(report, "items", true, "items:\n  - id: …");
    let mut items: Vec<Item> = Vec::new();
    if let Some(list) = list {
        if list.is_empty() {
            report.error(
                "bad-value",
                top.key_at("items").unwrap_or(top.at()),
                "items",
                "题包中没有任何题目",
                "在 items 下至少写一道题",
            );
        }
        let mut seen: BTreeMap<String, u64> = BTreeMap::new();
        for (i, node) in list.iter().enumerate() {
            let path = index("items", i);
            let (read, item_id) = item::read(report, catalogue, node, &path);
            if let Some(item_id) = item_id {
                if let Some(line) = seen.get(&item_id.value) {
                    report.error(
                        "duplicate-id",
                        &item_id.at,
                        &format!("{path}.id"),
                        format!("题目编号 {} 在本题包中重复（第 {line} 行已用过）", item_id.value),
                        "题目编号在所有题包中必须唯一；改用新的编号",
                    );
                } else {
                    seen.insert(item_id.value.clone(), item_id.at.line());
                    out.item_ids.push((item_id, format!("{path}.id")));
                }
            }
            if let Some(item) = read {
                items.push(item);
            }
        }
    }
    Some(Pack {
        id: id?.value,
        title: title?.value,
        category: category?.value,
        description: description.map(|d| d.value).unwrap_or_default(),
        pass_mark: pass_mark?.value,
        items,
        source: src.name.clone(),
    })
}
