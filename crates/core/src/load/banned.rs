//! `banned.yaml`: the 服务忌语 list applied to every `reply` item.

use super::fields::{index, Map};
use super::report::Report;
use super::{rules, version, yaml, Source};
use crate::diag::Diagnostic;
use crate::scenario::{BannedList, BannedPhrase, Catalogue, Severity, TabooCategory};
use std::collections::BTreeMap;

const FIELDS: &[&str] = &["version", "phrases"];
const PHRASE_FIELDS: &[&str] =
    &["id", "phrase", "variants", "standard", "category", "severity", "allow", "instead", "note"];

const CATEGORIES: &[(&str, TabooCategory)] = &[
    ("refusing", TabooCategory::Refusing),
    ("rhetorical", TabooCategory::Rhetorical),
    ("impatient", TabooCategory::Impatient),
    ("shirking", TabooCategory::Shirking),
    ("rude", TabooCategory::Rude),
    ("jargon", TabooCategory::Jargon),
];

const SEVERITIES: &[(&str, Severity)] =
    &[("minor", Severity::Minor), ("major", Severity::Major), ("critical", Severity::Critical)];

pub(crate) fn load(src: &Source, catalogue: &Catalogue) -> Result<BannedList, Vec<Diagnostic>> {
    let mut report = Report::new(&src.name);
    match read(&src.text, catalogue, &mut report) {
        Some(list) if !report.has_errors() => Ok(list),
        _ => Err(report.into_diagnostics()),
    }
}

fn read(text: &str, catalogue: &Catalogue, report: &mut Report) -> Option<BannedList> {
    let root = yaml::parse(text, report)?;
    let top = Map::open(report, &root, "", "忌语表文件")?;
    if !version::check(report, &top) {
        return None;
    }
    top.check_fields(report, FIELDS, "忌语表文件", &|_| None);
    let list = top.list(report, "phrases", true, "phrases:\n  - id: refuse.buneng")?;
    let mut phrases = Vec::with_capacity(list.len());
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    for (i, node) in list.iter().enumerate() {
        let path = index("phrases", i);
        let Some(map) = Map::open(report, node, &path, "忌语") else { continue };
        map.check_fields(report, PHRASE_FIELDS, "忌语", &|_| None);
        let id = map.text(report, "id", true, "id: refuse.buneng");
        let phrase = map.text(report, "phrase", true, "phrase: 不能");
        let variants = map.texts(report, "variants", false, "variants: [不可以, 不行]");
        let standard = map.text(report, "standard", true, "standard: BIZ.D");
        let category = map.keyword(report, "category", true, CATEGORIES, "类别");
        let severity = map.keyword(report, "severity", true, SEVERITIES, "严重程度");
        let allow = map.texts(report, "allow", false, "allow: [不能给您带来不便]");
        let instead = map.text(report, "instead", true, "instead: 我们可以……，您看这样行吗？");
        let note = map.text(report, "note", false, "note: 说明");
        if let Some(id) = &id {
            if let Some(line) = seen.get(&id.value) {
                report.error(
                    "duplicate-id",
                    &id.at,
                    &map.path_of("id"),
                    format!("忌语编号 {} 重复（第 {line} 行已用过）", id.value),
                    "每条忌语的 id 在全表中必须唯一",
                );
            } else {
                seen.insert(id.value.clone(), id.at.line());
            }
        }
        if let Some(phrase) = &phrase {
            if phrase.value.trim().is_empty() {
                report.error(
                    "bad-value",
                    &phrase.at,
                    &map.path_of("phrase"),
                    "忌语是空的",
                    "写出要查出的说法，例如 phrase: 不能",
                );
            }
        }
        if let (Some(phrase), Some(allow)) = (&phrase, &allow) {
            let variants: Vec<String> = variants.iter().flatten().map(|v| v.value.clone()).collect();
            super::allow::check(report, &phrase.value, &variants, allow, &map.path_of("allow"));
        }
        let standard_ok =
            standard.as_ref().is_some_and(|s| rules::check(report, catalogue, s, &map.path_of("standard")));
        if let (Some(id), Some(phrase), Some(standard), Some(category), Some(severity), Some(instead), true) =
            (id, phrase, standard, category, severity, instead, standard_ok)
        {
            phrases.push(BannedPhrase {
                id: id.value,
                phrase: phrase.value,
                variants: variants.unwrap_or_default().into_iter().map(|v| v.value).collect(),
                standard: standard.value,
                category: category.value,
                severity: severity.value,
                allow: allow.unwrap_or_default().into_iter().map(|v| v.value).collect(),
                instead: instead.value,
                note: note.map(|n| n.value).unwrap_or_default(),
            });
        }
    }
    Some(BannedList { phrases })
}
