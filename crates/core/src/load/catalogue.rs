//! `standards.yaml`: the rule catalogue every pack and the banned list cite.

use super::fields::{index, join, key_text, Map};
use super::report::Report;
use super::{version, yaml, Source};
use crate::diag::Diagnostic;
use crate::scenario::{Catalogue, Standard};
use std::collections::BTreeMap;

const FIELDS: &[&str] = &["version", "sources", "standards"];
const STANDARD_FIELDS: &[&str] = &["id", "title", "section", "source", "text"];

pub(crate) fn load(src: &Source) -> Result<Catalogue, Vec<Diagnostic>> {
    let mut report = Report::new(&src.name);
    match read(&src.text, &mut report) {
        Some(catalogue) if !report.has_errors() => Ok(catalogue),
        _ => Err(report.into_diagnostics()),
    }
}

fn read(text: &str, report: &mut Report) -> Option<Catalogue> {
    let root = yaml::parse(text, report)?;
    let top = Map::open(report, &root, "", "标准库文件")?;
    if !version::check(report, &top) {
        return None;
    }
    top.check_fields(report, FIELDS, "标准库文件", &|_| None);

    // `sources` is a mapping written in document order (S0, S1, …); keep that order.
    let mut sources = Vec::new();
    if let Some(map) = top.map(report, "sources", false, "出处表", "sources: { S0: 文献标题 }") {
        for (key, value) in map.entries() {
            let id = key_text(key);
            match value.value.as_text() {
                Some(title) => sources.push((id, title)),
                None => report.error(
                    "wrong-type",
                    &value.referenced,
                    &join("sources", &id),
                    format!("出处 {id} 的标题应为一段文字，这里写的是{}", value.value.describe()),
                    format!("例如 {id}: 95598 供电服务热线服务规范"),
                ),
            }
        }
    }

    let list = top.list(report, "standards", true, "standards:\n  - id: REPAIR.ASK")?;
    if list.is_empty() {
        report.error(
            "bad-value",
            top.key_at("standards").unwrap_or(top.at()),
            "standards",
            "标准库中没有任何规范",
            "至少写一条规范（id、title、source、text）",
        );
    }
    let mut standards = Vec::with_capacity(list.len());
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    for (i, node) in list.iter().enumerate() {
        let path = index("standards", i);
        let Some(map) = Map::open(report, node, &path, "规范") else { continue };
        map.check_fields(report, STANDARD_FIELDS, "规范", &|_| None);
        let id = map.text(report, "id", true, "id: REPAIR.ASK");
        let title = map.text(report, "title", true, "title: 报修询问要点");
        let text = map.text(report, "text", true, "text: 规范原文");
        let source = map.text(report, "source", true, "source: S3");
        let section = map.text(report, "section", false, "section: 95598 热线 · 故障报修");
        if let Some(id) = &id {
            if id.value.trim().is_empty() || id.value.chars().any(char::is_whitespace) {
                report.error(
                    "bad-value",
                    &id.at,
                    &map.path_of("id"),
                    format!("规范编号 `{}` 无效", id.value),
                    "编号用大写字母、数字和点，不含空格，例如 REPAIR.ASK",
                );
            } else if let Some(line) = seen.get(&id.value) {
                report.error(
                    "duplicate-id",
                    &id.at,
                    &map.path_of("id"),
                    format!("规范编号 {} 重复（第 {line} 行已用过）", id.value),
                    "每条规范的编号必须唯一；改用新的编号",
                );
            } else {
                seen.insert(id.value.clone(), id.at.line());
            }
        }
        if let Some(source) = &source {
            if !sources.is_empty() && !sources.iter().any(|(k, _)| *k == source.value) {
                let keys: Vec<&str> = sources.iter().map(|(k, _)| k.as_str()).collect();
                report.error(
                    "bad-value",
                    &source.at,
                    &map.path_of("source"),
                    format!(
                        "出处 `{}` 不在 sources 中{}",
                        source.value,
                        super::suggest::did_you_mean(&source.value, keys.iter().copied())
                    ),
                    format!("可用的出处：{}", keys.join("、")),
                );
            }
        }
        if let (Some(id), Some(title), Some(text), Some(source)) = (id, title, text, source) {
            standards.push(Standard {
                id: id.value,
                title: title.value,
                text: text.value,
                source: source.value,
                section: section.map(|s| s.value).unwrap_or_default(),
            });
        }
    }
    Some(Catalogue { standards, sources })
}
