//! One item of a pack: the fields every kind shares, then the kind's own fields, checked
//! and turned into `model::Item`. Dialogues are read in `dialogue.rs`.
//!
//! Items are read as one flat mapping whatever their `kind`, so a field that belongs to
//! another kind gets a precise message ("`steps` 只用于 order 题") instead of a generic one.

use super::fields::{index, At, Map};
use super::points::{check_max, show};
use super::report::Report;
use super::{dialogue, rules};
use crate::scenario::{
    Catalogue, Choice, ChoiceOption, Element, Item, ItemBody, ItemKind, Multi, MultiOption, Order, Points, Reply,
};

const COMMON: &[&str] = &["id", "kind", "standards", "prompt", "context", "points"];

const KINDS: &[(&str, ItemKind)] = &[
    ("choice", ItemKind::Choice),
    ("multi", ItemKind::Multi),
    ("order", ItemKind::Order),
    ("reply", ItemKind::Reply),
    ("dialogue", ItemKind::Dialogue),
];

/// The fields each kind adds to `COMMON`.
fn own_fields(kind: ItemKind) -> &'static [&'static str] {
    match kind {
        ItemKind::Choice | ItemKind::Multi => &["options"],
        ItemKind::Order => &["steps", "feedback"],
        ItemKind::Reply => &["elements", "model_answer", "feedback"],
        ItemKind::Dialogue => &["mood", "start", "nodes"],
    }
}

fn keyword(kind: ItemKind) -> &'static str {
    KINDS.iter().find(|(_, k)| *k == kind).map_or("", |(w, _)| w)
}

/// "只用于 order、reply 题" for a field some other kind has.
fn kinds_using(field: &str) -> Option<String> {
    let kinds: Vec<&str> = KINDS.iter().filter(|(_, k)| own_fields(*k).contains(&field)).map(|(w, _)| *w).collect();
    (!kinds.is_empty()).then(|| format!("它只用于 {} 题", kinds.join("、")))
}

/// Default `points` of `multi` and `order` items.
pub(crate) const DEFAULT_POINTS: Points = 10.0;

/// Reads item `i` of a pack. Returns the item only if it has no errors; the id is returned
/// separately whenever it could be read, so duplicates are found even in broken items.
pub(crate) fn read(
    report: &mut Report,
    catalogue: &Catalogue,
    node: &super::tree::Node,
    path: &str,
) -> (Option<Item>, Option<At<String>>) {
    let Some(map) = Map::open(report, node, path, "题目") else { return (None, None) };
    let errors_before = report.error_count();
    let kind = map.keyword(report, "kind", true, KINDS, "题型 kind");
    match &kind {
        Some(kind) => {
            let allowed: Vec<&str> = COMMON.iter().chain(own_fields(kind.value)).copied().collect();
            let what = format!("{} 题", keyword(kind.value));
            map.check_fields(report, &allowed, &what, &kinds_using);
        }
        None => {
            // Without a kind, accept any field some kind uses; still catch typos.
            let all: Vec<&str> = COMMON.iter().chain(KINDS.iter().flat_map(|(_, k)| own_fields(*k))).copied().collect();
            map.check_fields(report, &all, "题目", &|_| None);
        }
    }
    let id = map.text(report, "id", true, "id: repair-ask-scope");
    if let Some(id) = &id {
        check_id(report, id, &map.path_of("id"), "题目");
    }
    let standards = map.texts(report, "standards", true, "standards: [REPAIR.ASK]");
    if let Some(list) = &standards {
        if list.is_empty() {
            report.error(
                "bad-value",
                map.key_at("standards").unwrap_or(map.at()),
                &map.path_of("standards"),
                "`standards` 是空列表：每道题至少考查一条规范",
                "例如 standards: [REPAIR.ASK]",
            );
        }
        rules::check_all(report, catalogue, list, &map.path_of("standards"));
    }
    let prompt = map.text(report, "prompt", true, "prompt: 客户说：……");
    let context = map.text(report, "context", false, "context: 您是营业厅引导员。");
    let declared = map.number(report, "points", false, "points: 10");
    if let Some(p) = &declared {
        if p.value < 0.0 {
            report.error(
                "bad-value",
                &p.at,
                &map.path_of("points"),
                format!("`points` 不能是负数（{}）", show(p.value)),
                "写本题的满分，例如 points: 10",
            );
        }
    }
    let body = kind.and_then(|kind| match kind.value {
        ItemKind::Choice => choice(report, catalogue, &map, declared.as_ref()),
        ItemKind::Multi => multi(report, &map, declared.as_ref()),
        ItemKind::Order => order(report, &map, declared.as_ref()),
        ItemKind::Reply => reply(report, catalogue, &map, declared.as_ref()),
        ItemKind::Dialogue => dialogue::read(report, catalogue, &map, declared.as_ref()),
    });
    let clean = report.error_count() == errors_before;
    let read = match (clean, &id, standards, prompt, body) {
        (true, Some(id), Some(standards), Some(prompt), Some(body)) => Some(Item {
            id: id.value.clone(),
            standards: standards.into_iter().map(|s| s.value).collect(),
            prompt: prompt.value,
            context: context.map(|c| c.value).unwrap_or_default(),
            body,
        }),
        _ => None,
    };
    (read, id)
}

/// Ids are lowercase letters, digits and `-`: stable, typeable, safe in file names and URLs.
pub(crate) fn check_id(report: &mut Report, id: &At<String>, path: &str, what: &str) {
    let ok = !id.value.is_empty() && id.value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !ok {
        let fixed: String =
            id.value.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
        report.error(
            "bad-value",
            &id.at,
            path,
            format!("{what}编号 `{}` 只能用小写英文字母、数字和 -", id.value),
            format!("例如 {}", if fixed.trim_matches('-').is_empty() { "repair-ask-scope".to_owned() } else { fixed }),
        );
    }
}

fn choice(report: &mut Report, catalogue: &Catalogue, map: &Map, declared: Option<&At<f64>>) -> Option<ItemBody> {
    const FIELDS: &[&str] = &["text", "score", "feedback", "standards"];
    let example = "options:\n  - text: …\n    score: 10\n    feedback: …";
    let (options, list_at) = map.map_list(
        report,
        "options",
        example,
        "选项",
        ("`options` 是空列表", "至少写两个选项"),
        |report, o| {
            o.check_fields(report, FIELDS, "单选题（choice）的选项", &option_elsewhere);
            let text = o.text(report, "text", true, "text: 您好，请问您办理什么业务？");
            let score = o.number(report, "score", true, "score: 10");
            let feedback = o.text(report, "feedback", false, "feedback: 为什么对或错");
            let standards = o.texts(report, "standards", false, "standards: [HALL.ENTER.2M]");
            let mut ok = true;
            if let Some(s) = &score {
                if s.value < 0.0 {
                    report.error(
                        "bad-value",
                        &s.at,
                        &o.path_of("score"),
                        format!("选项分数不能是负数（{}）", show(s.value)),
                        "错误的选项写 score: 0",
                    );
                    ok = false;
                }
            }
            if let Some(list) = &standards {
                ok &= rules::check_all(report, catalogue, list, &o.path_of("standards"));
            }
            let option = ChoiceOption {
                text: text?.value,
                score: score?.value,
                feedback: feedback.map(|f| f.value).unwrap_or_default(),
                standards: standards.unwrap_or_default().into_iter().map(|s| s.value).collect(),
            };
            ok.then_some(option)
        },
    )?;
    let best = options.iter().map(|o| o.score).fold(0.0, f64::max);
    check_max(report, map, best, declared, list_at, "满分等于选项中的最高分");
    Some(ItemBody::Choice(Choice { options }))
}

/// Explains an option field that belongs to another kind's options.
fn option_elsewhere(field: &str) -> Option<String> {
    match field {
        "correct" => Some("`correct` 只用于多选题（multi）的选项；单选题的选项用 score 给分".to_owned()),
        "score" | "standards" => Some(format!(
            "`{field}` 只用于单选题（choice）和情景对话（dialogue）的选项；多选题的选项用 correct: true / false"
        )),
        "mood" | "next" | "branches" | "sets" | "requires" => {
            Some(format!("`{field}` 只用于情景对话（dialogue）的回答"))
        }
        _ => None,
    }
}

fn multi(report: &mut Report, map: &Map, declared: Option<&At<f64>>) -> Option<ItemBody> {
    const FIELDS: &[&str] = &["text", "correct", "feedback"];
    let example = "options:\n  - { text: …, correct: true }";
    let empty = ("`options` 是空列表", "至少写两个选项，其中至少一个 correct: true");
    let (options, list_at) = map.map_list(report, "options", example, "选项", empty, |report, o| {
        o.check_fields(report, FIELDS, "多选题（multi）的选项", &option_elsewhere);
        let text = o.text(report, "text", true, "text: 停电范围");
        let correct = o.boolean(report, "correct", true, "correct: true");
        let feedback = o.text(report, "feedback", false, "feedback: 为什么对或错");
        Some(MultiOption {
            text: text?.value,
            correct: correct?.value,
            feedback: feedback.map(|f| f.value).unwrap_or_default(),
        })
    })?;
    if !options.iter().any(|o| o.correct) {
        report.error(
            "bad-value",
            list_at,
            &map.path_of("options"),
            "多选题没有任何正确选项",
            "至少给一个选项写 correct: true",
        );
        return None;
    }
    let points = declared.map_or(DEFAULT_POINTS, |d| d.value);
    if points <= 0.0 {
        check_max(report, map, 0.0, None, declared.map_or(map.at(), |d| &d.at), "points 为 0");
        return None;
    }
    Some(ItemBody::Multi(Multi { options, points }))
}

fn order(report: &mut Report, map: &Map, declared: Option<&At<f64>>) -> Option<ItemBody> {
    let steps = map.texts(report, "steps", true, "steps:\n  - 主动问候客户\n  - 询问客户需求")?;
    let feedback = map.text(report, "feedback", false, "feedback: 为什么这样排");
    if steps.len() < 2 {
        report.error(
            "bad-value",
            map.key_at("steps").unwrap_or(map.at()),
            &map.path_of("steps"),
            format!("排序题只有 {} 个步骤，无从排序", steps.len()),
            "至少写两个步骤，按正确顺序书写",
        );
        return None;
    }
    for (i, step) in steps.iter().enumerate() {
        if steps[..i].iter().any(|s| s.value == step.value) {
            report.error(
                "bad-value",
                &step.at,
                &index(&map.path_of("steps"), i),
                format!("步骤“{}”写了两次，排序时无法区分", step.value),
                "每个步骤的文字要不同",
            );
            return None;
        }
    }
    let points = declared.map_or(DEFAULT_POINTS, |d| d.value);
    if points <= 0.0 {
        check_max(report, map, 0.0, None, declared.map_or(map.at(), |d| &d.at), "points 为 0");
        return None;
    }
    Some(ItemBody::Order(Order {
        steps: steps.into_iter().map(|s| s.value).collect(),
        points,
        feedback: feedback.map(|f| f.value).unwrap_or_default(),
    }))
}

fn reply(report: &mut Report, catalogue: &Catalogue, map: &Map, declared: Option<&At<f64>>) -> Option<ItemBody> {
    const FIELDS: &[&str] = &["name", "any", "points", "standard", "hint"];
    let example = "elements:\n  - name: 致歉\n    any: [抱歉, 对不起]\n    points: 3";
    let empty = ("`elements` 是空列表：应答题按要点计分", "至少写一个要点（name、any、points）");
    let elements = map.map_list(report, "elements", example, "要点", empty, |report, e| {
        e.check_fields(report, FIELDS, "应答题的要点", &|f| {
            (f == "standards").then(|| "要点只有一条规范，写 `standard`（单数）".to_owned())
        });
        let name = e.text(report, "name", true, "name: 致歉");
        let any = e.texts(report, "any", true, "any: [抱歉, 对不起]");
        let points = e.number(report, "points", true, "points: 3");
        let standard = e.text(report, "standard", false, "standard: TALK.POLICY");
        let hint = e.text(report, "hint", false, "hint: 先表示歉意");
        let mut ok = true;
        if let Some(any) = &any {
            if any.iter().all(|a| a.value.trim().is_empty()) {
                report.error(
                    "bad-value",
                    e.key_at("any").unwrap_or(e.at()),
                    &e.path_of("any"),
                    "`any` 没有任何说法，这个要点永远得不到分",
                    "列出几种说法，例如 any: [抱歉, 对不起]",
                );
                ok = false;
            }
        }
        if let Some(p) = &points {
            if p.value < 0.0 {
                report.error(
                    "bad-value",
                    &p.at,
                    &e.path_of("points"),
                    format!("要点分数不能是负数（{}）", show(p.value)),
                    "例如 points: 3",
                );
                ok = false;
            }
        }
        if let Some(s) = &standard {
            ok &= rules::check(report, catalogue, s, &e.path_of("standard"));
        }
        let element = Element {
            name: name?.value,
            any: any?.into_iter().map(|a| a.value).collect(),
            points: points?.value,
            standard: standard.map(|s| s.value),
            hint: hint.map(|h| h.value).unwrap_or_default(),
        };
        ok.then_some(element)
    });
    let model_answer = map.text(report, "model_answer", true, "model_answer: 参考答案");
    let feedback = map.text(report, "feedback", false, "feedback: 说明");
    let (elements, list_at) = elements?;
    let model_answer = model_answer?;
    let best: Points = elements.iter().map(|e| e.points).sum();
    check_max(report, map, best, declared, list_at, "满分等于各要点分数之和");
    Some(ItemBody::Reply(Reply {
        elements,
        model_answer: model_answer.value,
        feedback: feedback.map(|f| f.value).unwrap_or_default(),
    }))
}
