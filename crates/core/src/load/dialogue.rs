//! Reading a `dialogue` item: the mood scale, the nodes, each reply with its branches,
//! flags and requirements, and the endings. What the graph must satisfy (every `next`
//! exists, every node reachable, no cycle, every path ends) is checked in `graph.rs`, which
//! also computes the maximum with the shared transition function.

use super::fields::{index, join, key_text, At, Map};
use super::graph::{self, Edge, Spans};
use super::points::{check_max, show};
use super::report::Report;
use super::rules;
use crate::scenario::{
    Branch, Catalogue, Condition, Dialogue, DialogueOption, Ending, EndingResult, ItemBody, MoodScale, Node, NodeStep,
    Requirement,
};
use std::collections::BTreeMap;

const NODE_FIELDS: &[&str] = &["customer", "narration", "options", "ending"];
const OPTION_FIELDS: &[&str] =
    &["text", "score", "feedback", "standards", "mood", "next", "branches", "sets", "requires"];
const BRANCH_FIELDS: &[&str] = &["when", "next"];
const CONDITIONS: &[&str] = &["mood_at_most", "mood_at_least", "has", "lacks"];
const REQUIREMENT_FIELDS: &[&str] = &["flag", "penalty", "feedback", "standard"];
const ENDING_FIELDS: &[&str] = &["outcome", "result", "feedback"];
const MOOD_FIELDS: &[&str] = &["start", "min", "max"];
const RESULTS: &[(&str, EndingResult)] =
    &[("good", EndingResult::Good), ("partial", EndingResult::Partial), ("bad", EndingResult::Bad)];

pub(crate) fn read(
    report: &mut Report,
    catalogue: &Catalogue,
    map: &Map,
    declared: Option<&At<f64>>,
) -> Option<ItemBody> {
    let errors_before = report.error_count();
    let mood = mood_scale(report, map);
    let start = map.text(report, "start", true, "start: open");
    let nodes_map = map.map(report, "nodes", true, "对话节点表", "nodes:\n  open:\n    customer: ……");
    let mut spans = Spans::default();
    let mut nodes = BTreeMap::new();
    if let Some(nodes_map) = &nodes_map {
        if nodes_map.entries().is_empty() {
            report.error(
                "bad-value",
                nodes_map.at(),
                nodes_map.path(),
                "`nodes` 中没有任何节点",
                "至少写一个开场节点和一个结局节点",
            );
        }
        for (key, value) in nodes_map.entries() {
            let name = key_text(key);
            let path = join(nodes_map.path(), &name);
            spans.nodes.insert(name.clone(), (key.referenced, path.clone()));
            if let Some(node) = read_node(report, catalogue, value, &name, &path, &mut spans) {
                nodes.insert(name, node);
            }
        }
    }
    let (mood, start, _) = (mood?, start?, nodes_map?);
    if report.error_count() != errors_before {
        return None;
    }
    spans.start = Some(start.clone());
    let mut dialogue = Dialogue { start: start.value, mood, nodes, max_points: 0.0 };
    let best = graph::check(report, map, &dialogue, &spans)?;
    check_max(
        report,
        map,
        best,
        declared,
        map.key_at("nodes").unwrap_or(map.at()),
        "满分是所有走得通的路径中的最高总分（含 requires 扣分）",
    );
    dialogue.max_points = best;
    Some(ItemBody::Dialogue(dialogue))
}

fn mood_scale(report: &mut Report, map: &Map) -> Option<MoodScale> {
    let default = MoodScale::default();
    let Some(m) = map.map(report, "mood", false, "情绪设置", "mood: { start: 0, min: -3, max: 3 }") else {
        return map.get("mood").is_none().then_some(default);
    };
    m.check_fields(report, MOOD_FIELDS, "情绪设置 mood", &|_| None);
    let start = m.integer(report, "start", false, "start: 0");
    let min = m.integer(report, "min", false, "min: -3");
    let max = m.integer(report, "max", false, "max: 3");
    let scale = MoodScale {
        start: start.as_ref().map_or(default.start, |v| v.value),
        min: min.as_ref().map_or(default.min, |v| v.value),
        max: max.as_ref().map_or(default.max, |v| v.value),
    };
    if scale.min >= scale.max {
        report.error(
            "bad-value",
            m.at(),
            m.path(),
            format!("情绪下限 min: {} 应小于上限 max: {}", scale.min, scale.max),
            "例如 mood: { start: 0, min: -3, max: 3 }",
        );
        return None;
    }
    if !(scale.min..=scale.max).contains(&scale.start) {
        report.error(
            "bad-value",
            start.as_ref().map_or(m.at(), |s| &s.at),
            &m.path_of("start"),
            format!("初始情绪 start: {} 不在 {} 到 {} 之间", scale.start, scale.min, scale.max),
            "让 start 介于 min 和 max 之间",
        );
        return None;
    }
    Some(scale)
}

fn read_node(
    report: &mut Report,
    catalogue: &Catalogue,
    value: &super::tree::Node,
    name: &str,
    path: &str,
    spans: &mut Spans,
) -> Option<Node> {
    let n = Map::open(report, value, path, &format!("节点 {name} "))?;
    n.check_fields(report, NODE_FIELDS, "对话节点", &|f| {
        OPTION_FIELDS.contains(&f).then(|| format!("`{f}` 属于回答：写在 options 的某一项下面"))
    });
    let customer = n.text(report, "customer", false, "customer: 客户说的话");
    let narration = n.text(report, "narration", false, "narration: 客户语气很急。");
    let options = n.list(report, "options", false, "options:\n  - text: ……");
    let ending = n.map(report, "ending", false, "结局", "ending:\n  outcome: 已派发抢修工单\n  result: good");
    let key_at = spans.nodes.get(name).map_or(*n.at(), |(at, _)| *at);
    let step = match (options, ending) {
        (Some(_), Some(_)) => {
            report.error(
                "bad-value",
                &key_at,
                path,
                format!("节点 {name} 同时有 options 和 ending"),
                "结局节点只写 ending；需要学员回答的节点只写 options",
            );
            return None;
        }
        (None, Some(e)) => NodeStep::Ending(read_ending(report, &e)?),
        (Some(list), None) if !list.is_empty() => {
            let mut out = Vec::with_capacity(list.len());
            let mut ok = true;
            for (i, node) in list.iter().enumerate() {
                match read_option(report, catalogue, node, name, &index(&n.path_of("options"), i), spans) {
                    Some(o) => out.push(o),
                    None => ok = false,
                }
            }
            if !ok {
                return None;
            }
            NodeStep::Options(out)
        }
        (Some(_), None) | (None, None) => {
            if let Some(at) = n.key_at("ending") {
                report.error(
                    "missing-field",
                    at,
                    &n.path_of("ending"),
                    format!("节点 {name} 的 ending 没有填写内容"),
                    "写出结局：ending: { outcome: 已派发抢修工单, result: good }",
                );
                return None;
            }
            report.error(
                "dead-end",
                &key_at,
                path,
                format!("节点 {name} 既没有回答选项（options）也不是结局（ending），对话会卡在这里"),
                "加上 options（学员可选的回答），或写 ending 把它变成结局",
            );
            return None;
        }
    };
    Some(Node {
        customer: customer.map(|c| c.value).unwrap_or_default(),
        narration: narration.map(|c| c.value).unwrap_or_default(),
        step,
    })
}

fn read_ending(report: &mut Report, e: &Map) -> Option<Ending> {
    e.check_fields(report, ENDING_FIELDS, "结局 ending", &|_| None);
    let outcome = e.text(report, "outcome", true, "outcome: 已派发抢修工单");
    let result = e.keyword(report, "result", true, RESULTS, "结局 result ");
    let feedback = e.text(report, "feedback", false, "feedback: 评语");
    Some(Ending {
        outcome: outcome?.value,
        result: result?.value,
        feedback: feedback.map(|f| f.value).unwrap_or_default(),
    })
}

fn read_option(
    report: &mut Report,
    catalogue: &Catalogue,
    node: &super::tree::Node,
    from: &str,
    path: &str,
    spans: &mut Spans,
) -> Option<DialogueOption> {
    let o = Map::open(report, node, path, "回答")?;
    o.check_fields(report, OPTION_FIELDS, "对话的回答", &|f| match f {
        "correct" => Some("`correct` 只用于多选题（multi）；对话的回答用 score 给分".to_owned()),
        "customer" | "narration" | "ending" => Some(format!("`{f}` 属于节点，不属于回答")),
        "flag" | "penalty" => Some(format!("`{f}` 要写在 requires 的某一项下面")),
        _ => None,
    });
    let text = o.text(report, "text", true, "text: 您好，请问……");
    let score = o.number(report, "score", true, "score: 3");
    let feedback = o.text(report, "feedback", false, "feedback: 为什么这样回答好或不好");
    let standards = o.texts(report, "standards", false, "standards: [REPAIR.ASK]");
    let mood = o.integer(report, "mood", false, "mood: 1");
    let next = o.text(report, "next", true, "next: scope");
    let sets = o.texts(report, "sets", false, "sets: [asked_scope]");
    let mut ok = true;
    if let Some(s) = &score {
        if s.value < 0.0 {
            report.error(
                "bad-value",
                &s.at,
                &o.path_of("score"),
                format!("回答的分数不能是负数（{}）", show(s.value)),
                "不好的回答写 score: 0；要扣分请用 requires 的 penalty",
            );
            ok = false;
        }
    }
    if let Some(list) = &standards {
        ok &= rules::check_all(report, catalogue, list, &o.path_of("standards"));
    }
    if let Some(next) = &next {
        spans.edges.push(Edge { from: from.to_owned(), to: next.clone(), path: o.path_of("next") });
    }
    if let Some(sets) = &sets {
        spans.sets.extend(sets.iter().map(|s| s.value.clone()));
    }
    let mut branches = Vec::new();
    if let Some(list) =
        o.list(report, "branches", false, "branches:\n  - when: { mood_at_most: -2 }\n    next: escalated")
    {
        for (i, b) in list.iter().enumerate() {
            match read_branch(report, b, from, &index(&o.path_of("branches"), i), spans) {
                Some(b) => branches.push(b),
                None => ok = false,
            }
        }
    } else if o.get("branches").is_some() {
        ok = false;
    }
    let mut requires = Vec::new();
    if let Some(list) = o.list(report, "requires", false, "requires:\n  - flag: asked_scope\n    penalty: 2") {
        for (i, r) in list.iter().enumerate() {
            match read_requirement(report, catalogue, r, &index(&o.path_of("requires"), i), spans) {
                Some(r) => requires.push(r),
                None => ok = false,
            }
        }
    } else if o.get("requires").is_some() {
        ok = false;
    }
    if !ok {
        return None;
    }
    Some(DialogueOption {
        text: text?.value,
        score: score?.value,
        feedback: feedback.map(|f| f.value).unwrap_or_default(),
        standards: standards.unwrap_or_default().into_iter().map(|s| s.value).collect(),
        mood: mood.map_or(0, |m| m.value),
        next: next?.value,
        branches,
        sets: sets.unwrap_or_default().into_iter().map(|s| s.value).collect(),
        requires,
    })
}

fn read_branch(
    report: &mut Report,
    node: &super::tree::Node,
    from: &str,
    path: &str,
    spans: &mut Spans,
) -> Option<Branch> {
    let b = Map::open(report, node, path, "分支")?;
    b.check_fields(report, BRANCH_FIELDS, "分支 branches", &|f| {
        CONDITIONS.contains(&f).then(|| format!("条件要写在 when 下面：when: {{ {f}: … }}"))
    });
    let next = b.text(report, "next", true, "next: escalated");
    let when = b.map(report, "when", true, "条件", "when: { mood_at_most: -2 }");
    if let Some(next) = &next {
        spans.edges.push(Edge { from: from.to_owned(), to: next.clone(), path: b.path_of("next") });
    }
    let when = when?;
    when.check_fields(report, CONDITIONS, "条件 when", &|_| None);
    let present: Vec<&str> = CONDITIONS.iter().copied().filter(|c| when.get(c).is_some()).collect();
    if present.len() != 1 {
        report.error(
            "bad-value",
            when.at(),
            when.path(),
            format!("条件 when 应恰好写一项，这里写了 {} 项", present.len()),
            "在 mood_at_most、mood_at_least、has、lacks 中选一个，例如 when: { mood_at_most: -2 }",
        );
        return None;
    }
    let condition = match present[0] {
        "mood_at_most" => Condition::MoodAtMost(when.integer(report, "mood_at_most", true, "mood_at_most: -2")?.value),
        "mood_at_least" => {
            Condition::MoodAtLeast(when.integer(report, "mood_at_least", true, "mood_at_least: 2")?.value)
        }
        key => {
            let flag = when.text(report, key, true, &format!("{key}: asked_scope"))?;
            spans.conditions.push((flag.clone(), when.path_of(key)));
            if key == "has" {
                Condition::Has(flag.value)
            } else {
                Condition::Lacks(flag.value)
            }
        }
    };
    Some(Branch { when: condition, next: next?.value })
}

fn read_requirement(
    report: &mut Report,
    catalogue: &Catalogue,
    node: &super::tree::Node,
    path: &str,
    spans: &mut Spans,
) -> Option<Requirement> {
    let r = Map::open(report, node, path, "前提条件")?;
    r.check_fields(report, REQUIREMENT_FIELDS, "前提条件 requires", &|_| None);
    let flag = r.text(report, "flag", true, "flag: asked_scope");
    let penalty = r.number(report, "penalty", true, "penalty: 2");
    let feedback = r.text(report, "feedback", false, "feedback: 派单前必须先问清停电范围。");
    let standard = r.text(report, "standard", false, "standard: REPAIR.ASK");
    if let Some(flag) = &flag {
        spans.requires.push((flag.clone(), r.path_of("flag")));
    }
    let penalty = penalty?;
    if penalty.value < 0.0 {
        report.error(
            "bad-value",
            &penalty.at,
            &r.path_of("penalty"),
            format!("扣分 penalty 不能是负数（{}）", show(penalty.value)),
            "写要扣的分数，例如 penalty: 2",
        );
        return None;
    }
    if let Some(s) = &standard {
        if !rules::check(report, catalogue, s, &r.path_of("standard")) {
            return None;
        }
    }
    Some(Requirement {
        flag: flag?.value,
        penalty: penalty.value,
        feedback: feedback.map(|f| f.value).unwrap_or_default(),
        standard: standard.map(|s| s.value),
    })
}
