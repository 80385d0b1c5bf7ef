//! `banned.yaml`: the 服务忌语 list applied to every `reply` item.

use super::fields::{index, At, Map};
use super::report::Report;
use super::{rules, version, yaml, Source};
use crate::diag::Diagnostic;
use crate::scenario::{BannedList, BannedPhrase, Catalogue, ContextKind, ContextRule, Scope, Severity, TabooCategory};
use crate::text::normalize;
use std::collections::BTreeMap;

const FIELDS: &[&str] = &["version", "phrases", "contexts"];
const CONTEXT_FIELDS: &[&str] =
    &["id", "kind", "required", "phrases", "before", "after", "skip", "unless", "scope", "window", "note"];

const KINDS: &[(&str, ContextKind)] = &[
    ("a_not_a", ContextKind::ANotA),
    ("right_before", ContextKind::RightBefore),
    ("right_after", ContextKind::RightAfter),
    ("in_clause", ContextKind::InClause),
];

const SCOPES: &[(&str, Scope)] = &[("clause", Scope::Clause), ("sentence", Scope::Sentence)];

/// `in_clause`'s window when none is given, and the largest allowed.
const DEFAULT_WINDOW: u32 = 12;
const MAX_WINDOW: u32 = 40;
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
            unique_id(report, &mut seen, id, &map, "忌语编号", "每条忌语的 id 在全表中必须唯一");
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
    let contexts = read_contexts(&top, &phrases, report);
    Some(BannedList { phrases, contexts })
}

/// `contexts:`: the context rules (docs/FORMAT.md, "语境规则"). Every mistake is reported;
/// a rule with one is left out (the file then fails to load anyway).
/// Records `id` in `seen` (id → line), or reports it as a repeat of the line that used it
/// first. Phrases and context rules each keep their own `seen`.
fn unique_id(
    report: &mut Report,
    seen: &mut BTreeMap<String, u64>,
    id: &At<String>,
    map: &Map<'_>,
    what: &str,
    hint: &str,
) {
    match seen.get(&id.value) {
        Some(line) => report.error(
            "duplicate-id",
            &id.at,
            &map.path_of("id"),
            format!("{what} {} 重复（第 {line} 行已用过）", id.value),
            hint,
        ),
        None => {
            seen.insert(id.value.clone(), id.at.line());
        }
    }
}

fn read_contexts(top: &Map<'_>, phrases: &[BannedPhrase], report: &mut Report) -> Vec<ContextRule> {
    let Some(list) = top.list(report, "contexts", false, "contexts:\n  - id: question.a-not-a") else {
        return Vec::new();
    };
    let mut rules = Vec::with_capacity(list.len());
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    for (i, node) in list.iter().enumerate() {
        let path = index("contexts", i);
        let Some(map) = Map::open(report, node, &path, "语境规则") else { continue };
        map.check_fields(report, CONTEXT_FIELDS, "语境规则", &|_| None);
        let errors = report.error_count();
        let id = map.text(report, "id", true, "id: question.a-not-a");
        let kind = map.keyword(report, "kind", true, KINDS, "语境规则类型");
        let required = map.boolean(report, "required", false, "required: true").is_some_and(|b| b.value);
        let words = |report: &mut Report, key: &str, example: &str| -> Vec<String> {
            let list = map.texts(report, key, false, example).unwrap_or_default();
            for w in &list {
                if w.value.trim() != "$" && normalize(w.value.trim_end_matches('$')).text.is_empty() {
                    report.error(
                        "bad-value",
                        &w.at,
                        &map.path_of(key),
                        format!("`{key}` 里的“{}”去掉标点和空格后是空的，会处处匹配", w.value),
                        "写出至少一个字，例如 让您",
                    );
                }
            }
            list.into_iter().map(|w| w.value).collect()
        };
        let filter = words(report, "phrases", "phrases: [refuse.buneng, shirk.*]");
        let before = words(report, "before", "before: [如果, 要是]");
        let after = words(report, "after", "after: [让您, 的话]");
        let skip = words(report, "skip", "skip: [再, 给您]");
        let unless = words(report, "unless", "unless: [就]");
        let scope = map.keyword(report, "scope", false, SCOPES, "范围").map_or(Scope::Clause, |s| s.value);
        let window = map.integer(report, "window", false, "window: 12");
        if let Some(w) = &window {
            if w.value < 1 || w.value as u32 > MAX_WINDOW {
                report.error(
                    "bad-value",
                    &w.at,
                    &map.path_of("window"),
                    format!("window 应在 1 到 {MAX_WINDOW} 之间，这里是 {}", w.value),
                    "一般一个分句 8 到 16 个字就够了",
                );
            }
        }
        let note = map.text(report, "note", false, "note: 说明").map(|n| n.value).unwrap_or_default();
        if let Some(id) = &id {
            unique_id(report, &mut seen, id, &map, "语境规则编号", "每条语境规则的 id 必须唯一");
        }
        for p in &filter {
            let known = match p.strip_suffix('*') {
                Some(prefix) => phrases.iter().any(|ph| ph.id.starts_with(prefix)),
                None => phrases.iter().any(|ph| &ph.id == p),
            };
            if !known {
                report.error(
                    "unknown-phrase",
                    map.key_at("phrases").unwrap_or(map.at()),
                    &map.path_of("phrases"),
                    format!(
                        "忌语表里没有编号为 `{p}` 的忌语{}",
                        super::suggest::did_you_mean(p, phrases.iter().map(|ph| ph.id.as_str()))
                    ),
                    "写忌语的 id，或以 * 结尾表示一组，例如 refuse.*；不写 phrases 则适用于所有忌语",
                );
            }
        }
        if let Some(kind) = &kind {
            let at = map.key_at("kind").unwrap_or(map.at());
            let path = map.path_of("kind");
            let (k, given) = (kind.value.keyword(), |list: &[String]| !list.is_empty());
            let unused = |report: &mut Report, key: &str, list: &[String], why: &str| {
                if given(list) {
                    report.error(
                        "unknown-field",
                        map.key_at(key).unwrap_or(at),
                        &map.path_of(key),
                        format!("字段 `{key}` 不用于 {k} 规则：{why}"),
                        format!("删去 `{key}`，或检查 kind 是否写对"),
                    );
                }
            };
            match kind.value {
                ContextKind::ANotA => {
                    for (key, list) in [("before", &before), ("after", &after), ("skip", &skip), ("unless", &unless)] {
                        unused(report, key, list, "正反问句由程序识别，不需要词语");
                    }
                }
                ContextKind::RightBefore | ContextKind::RightAfter => {
                    let (need, other) = if kind.value == ContextKind::RightBefore {
                        (("before", &before), ("after", &after))
                    } else {
                        (("after", &after), ("before", &before))
                    };
                    if !given(need.1) {
                        report.error(
                            "missing-field",
                            at,
                            &path,
                            format!("{k} 规则要写 `{}`：紧挨着忌语的词", need.0),
                            format!("例如 {}: [让您, 再]", need.0),
                        );
                    }
                    unused(report, other.0, other.1, "这类规则只看一边");
                    unused(report, "unless", &unless, "unless 只用于 in_clause");
                }
                ContextKind::InClause => {
                    if !given(&before) && !given(&after) {
                        report.error(
                            "missing-field",
                            at,
                            &path,
                            "in_clause 规则至少要写 `before` 或 `after` 之一",
                            "例如 before: [如果, 要是]",
                        );
                    }
                    unused(report, "skip", &skip, "skip 只用于 right_before / right_after");
                }
            }
            if kind.value != ContextKind::InClause && window.is_some() {
                unused(report, "window", &["window".to_owned()], "只有 in_clause 规则按字数找");
            }
        }
        if let (Some(id), Some(kind), true) = (id, kind, report.error_count() == errors) {
            rules.push(ContextRule {
                id: id.value,
                kind: kind.value,
                required,
                phrases: filter,
                before,
                after,
                skip,
                unless,
                scope,
                window: window.map_or(DEFAULT_WINDOW, |w| w.value as u32),
                note,
            });
        }
    }
    rules
}
