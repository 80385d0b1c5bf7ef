//! The checks a dialogue's graph must pass, and its maximum.
//!
//! `missing-node`: `start` or a `next` names no node. `unreachable-node`: no path from
//! `start`. `cycle`: a path returns to a node (a conversation must move forward).
//! `dead-end`: no ending can be reached from a node. `max-unreachable`: a `requires` flag
//! that no reply ever `sets` (the requirement can never be met).
//!
//! The graph here is static: every `next` and every branch target is an edge. The maximum
//! is then computed by `score::dialogue::best_total`, the same transition function trainees
//! play with, so the loader's maximum is exactly what can be earned.

use super::fields::{At, Map};
use super::report::Report;
use super::suggest;
use crate::scenario::{Dialogue, NodeStep, Points};
use crate::score::dialogue::{best_total, State};
use serde_saphyr::Location;
use std::collections::{BTreeMap, BTreeSet, HashSet, VecDeque};

/// Where things were written in a dialogue, for messages.
#[derive(Default)]
pub(crate) struct Spans {
    pub start: Option<At<String>>,
    /// Node name → (where its key is written, its field path).
    pub nodes: BTreeMap<String, (Location, String)>,
    pub edges: Vec<Edge>,
    /// Every flag some reply `sets`.
    pub sets: BTreeSet<String>,
    /// Every `requires` flag, with its path.
    pub requires: Vec<(At<String>, String)>,
    /// Every `has` / `lacks` flag in a branch condition, with its path.
    pub conditions: Vec<(At<String>, String)>,
}

/// A `next` (or a branch's `next`) from one node to another.
pub(crate) struct Edge {
    pub from: String,
    pub to: At<String>,
    pub path: String,
}

/// Distinct (node, mood, flags) states we are willing to explore. Real dialogues have a few
/// hundred; this only stops a pathological file from taking minutes.
const MAX_STATES: usize = 100_000;

/// Runs every check; returns the best total when the dialogue is sound.
pub(crate) fn check(report: &mut Report, item: &Map, d: &Dialogue, spans: &Spans) -> Option<Points> {
    let errors_before = report.error_count();
    let names = || d.nodes.keys().map(String::as_str);
    let missing = |report: &mut Report, target: &At<String>, path: &str, what: &str| {
        report.error(
            "missing-node",
            &target.at,
            path,
            format!("{what}指向的节点 `{}` 不存在{}", target.value, suggest::did_you_mean(&target.value, names())),
            format!("已有的节点：{}", d.nodes.keys().cloned().collect::<Vec<_>>().join("、")),
        );
    };
    if let Some(start) = &spans.start {
        if !d.nodes.contains_key(&start.value) {
            missing(report, start, &item.path_of("start"), "start ");
        }
    }
    for edge in &spans.edges {
        if !d.nodes.contains_key(&edge.to.value) {
            missing(report, &edge.to, &edge.path, "next ");
        }
    }
    let successors: BTreeMap<&str, Vec<&Edge>> = d
        .nodes
        .keys()
        .map(|n| {
            (n.as_str(), spans.edges.iter().filter(|e| e.from == *n && d.nodes.contains_key(&e.to.value)).collect())
        })
        .collect();

    // Reachable from start.
    if d.nodes.contains_key(&d.start) {
        let mut seen: HashSet<&str> = HashSet::from([d.start.as_str()]);
        let mut queue = VecDeque::from([d.start.as_str()]);
        while let Some(n) = queue.pop_front() {
            for e in successors.get(n).into_iter().flatten() {
                if seen.insert(e.to.value.as_str()) {
                    queue.push_back(e.to.value.as_str());
                }
            }
        }
        for (name, (at, path)) in &spans.nodes {
            if !seen.contains(name.as_str()) {
                report.error(
                    "unreachable-node",
                    at,
                    path,
                    format!("节点 {name} 从开场节点 {} 走不到：没有任何回答的 next 指向它", d.start),
                    format!("在某个回答中写 next: {name}，或删去这个节点"),
                );
            }
        }
    }

    let missing_nodes = report.error_count() > errors_before;
    cycles(report, d, &successors);

    // Nodes from which some ending is reachable (backwards from the endings). Every node
    // here has replies or an ending (reading checked that), so a node that cannot finish is
    // trapped in a cycle; with missing nodes the cause is already reported.
    if !missing_nodes {
        let mut ends: HashSet<&str> =
            d.nodes.iter().filter(|(_, n)| matches!(n.step, NodeStep::Ending(_))).map(|(k, _)| k.as_str()).collect();
        loop {
            let before = ends.len();
            for (n, out) in &successors {
                if out.iter().any(|e| ends.contains(e.to.value.as_str())) {
                    ends.insert(n);
                }
            }
            if ends.len() == before {
                break;
            }
        }
        for (name, (at, path)) in &spans.nodes {
            if !ends.contains(name.as_str()) {
                report.error(
                    "dead-end",
                    at,
                    path,
                    format!("从节点 {name} 出发走不到任何结局（ending），对话无法结束"),
                    "让这里的回答最终指向一个带 ending 的节点",
                );
            }
        }
    }

    // Flags required but never set.
    for (flag, path) in &spans.requires {
        if !spans.sets.contains(&flag.value) {
            report.error(
                "max-unreachable",
                &flag.at,
                path,
                format!(
                    "条件 `{}` 从未被任何回答的 sets 设置，这项要求永远无法满足，选这个回答必然扣分{}",
                    flag.value,
                    suggest::did_you_mean(&flag.value, spans.sets.iter().map(String::as_str))
                ),
                format!("在应当先做的那个回答上加 sets: [{}]，或检查拼写", flag.value),
            );
        }
    }
    for (flag, path) in &spans.conditions {
        if !spans.sets.contains(&flag.value) {
            report.warning(
                "unused-flag",
                &flag.at,
                path,
                format!("分支条件用到的 `{}` 从未被任何回答的 sets 设置，这个分支的条件结果永远不变", flag.value),
                format!("在相应回答上加 sets: [{}]，或检查拼写", flag.value),
            );
        }
    }
    if report.error_count() != errors_before {
        return None;
    }

    if !bounded(d) {
        report.error(
            "bad-value",
            item.key_at("nodes").unwrap_or(item.at()),
            &item.path_of("nodes"),
            format!("对话的走法组合超过 {MAX_STATES} 种（节点、情绪和条件的组合太多），无法计算满分"),
            "把对话拆成几道题，或减少 sets 条件的数量",
        );
        return None;
    }
    match best_total(d) {
        Some(best) => Some(best),
        None => {
            report.error(
                "dead-end",
                item.key_at("nodes").unwrap_or(item.at()),
                &item.path_of("nodes"),
                "没有任何一条走法能到达结局",
                "检查 branches 的条件：让至少一条路走到带 ending 的节点",
            );
            None
        }
    }
}

/// Reports each cycle once, at the `next` that closes it.
fn cycles(report: &mut Report, d: &Dialogue, successors: &BTreeMap<&str, Vec<&Edge>>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark: BTreeMap<&str, Mark> = d.nodes.keys().map(|k| (k.as_str(), Mark::New)).collect();
    // Iterative DFS (a file may have thousands of nodes; recursion could overflow).
    let roots: Vec<&str> = std::iter::once(d.start.as_str())
        .filter(|s| d.nodes.contains_key(*s))
        .chain(d.nodes.keys().map(String::as_str))
        .collect();
    for root in roots {
        if mark.get(root) != Some(&Mark::New) {
            continue;
        }
        let mut stack: Vec<(&str, usize)> = vec![(root, 0)];
        mark.insert(root, Mark::Open);
        while let Some(&mut (node, ref mut next_edge)) = stack.last_mut() {
            let out = successors.get(node).map_or(&[][..], Vec::as_slice);
            let Some(edge) = out.get(*next_edge) else {
                mark.insert(node, Mark::Done);
                stack.pop();
                continue;
            };
            *next_edge += 1;
            let to = edge.to.value.as_str();
            match mark.get(to).copied() {
                Some(Mark::New) => {
                    mark.insert(to, Mark::Open);
                    stack.push((to, 0));
                }
                Some(Mark::Open) => {
                    let from = stack.iter().position(|(n, _)| *n == to).unwrap_or(0);
                    let path: Vec<&str> = stack[from..].iter().map(|(n, _)| *n).chain(std::iter::once(to)).collect();
                    report.error(
                        "cycle",
                        &edge.to.at,
                        &edge.path,
                        format!("对话出现回路：{}，可能永远走不完", path.join(" → ")),
                        format!("对话只能向前推进：让 {} 的这个回答指向新的节点或结局", edge.from),
                    );
                }
                _ => {}
            }
        }
    }
}

/// Whether the reachable (node, mood, flags) states stay under `MAX_STATES`, explored with
/// the shared transition function.
fn bounded(d: &Dialogue) -> bool {
    let start = State::start(d);
    let mut seen: HashSet<State> = HashSet::from([start.clone()]);
    let mut queue = VecDeque::from([start]);
    while let Some(state) = queue.pop_front() {
        for i in 0..state.options(d).map_or(0, <[_]>::len) {
            if let Some(step) = state.step(d, i) {
                if seen.insert(step.next.clone()) {
                    if seen.len() > MAX_STATES {
                        return false;
                    }
                    queue.push_back(step.next);
                }
            }
        }
    }
    true
}
