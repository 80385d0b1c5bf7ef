//! The team tables a lead reads: per trainee, per rule, per item, and progress over time.
//!
//! Definitions (also shown in the app's help text):
//! - A trainee's score counts their **latest** attempt at each item: points ÷ maximum.
//! - A pack is *done* when every item in it has been answered; *passed* when its score
//!   reaches the pack's pass mark.
//! - A rule's success rate: over every latest attempt at an item citing the rule,
//!   points ÷ maximum.
//! - Item facility: the share of trainees whose latest attempt earned full marks.
//! - Item discrimination: mean score share on the item of the top half of trainees (by
//!   overall score) minus that of the bottom half; from −1 to 1, below 0.2 suggests an item
//!   that does not separate strong from weak trainees (or misleads the strong ones). Needs
//!   at least 4 trainees.

use super::roster::Roster;
use crate::load::Library;
use crate::results::export::ResultsFile;
use crate::results::Attempt;
use crate::scenario::{ItemBody, ItemKind, NodeStep, Points};
use crate::score::{Answer, FindingKind};
use crate::text::normalize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq)]
pub struct TraineeRow {
    pub employee_no: String,
    pub name: String,
    pub team: String,
    pub points: Points,
    pub max: Points,
    /// 0–100.
    pub score_pct: f64,
    pub items_answered: usize,
    pub packs_done: usize,
    pub packs_passed: usize,
    /// Every pack done is passed (and at least one is done).
    pub passed: bool,
    pub last_activity_ms: f64,
    pub attempts: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RuleRow {
    pub rule: String,
    pub responses: usize,
    /// 0–100.
    pub success_pct: f64,
    /// The (up to three) trainees weakest on this rule: (name, success %), weakest first.
    pub weakest: Vec<(String, f64)>,
    /// Banned phrases breaking this rule, as typed (normalised), with how often.
    pub banned_used: Vec<(String, usize)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemRow {
    pub item_id: String,
    pub pack_id: String,
    pub kind: ItemKind,
    pub prompt: String,
    pub responses: usize,
    /// 0–1.
    pub facility: f64,
    /// 0–100: mean score share.
    pub mean_pct: f64,
    pub discrimination: Option<f64>,
    /// For choice and dialogue items: (option label, times chosen), in option order.
    pub options: Vec<(String, usize)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProgressPoint {
    /// Start of the day in China Standard Time, as UTC ms.
    pub day_ms: f64,
    /// Mean score share of that day's attempts, 0–100.
    pub pct: f64,
    pub attempts: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProgressSeries {
    pub employee_no: String,
    pub name: String,
    pub points: Vec<ProgressPoint>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TeamReport {
    pub trainees: Vec<TraineeRow>,
    pub rules: Vec<RuleRow>,
    pub items: Vec<ItemRow>,
    pub progress: Vec<ProgressSeries>,
}

/// A percentage with one decimal, halves rounded up (81.25 → "81.3", as a spreadsheet or a
/// calculator shows it; `{:.1}` alone would round an exact half to even, "81.2"). Used by the
/// CSV, `drill report` and the app so all three show the same figure.
pub fn fmt_pct(x: f64) -> String {
    format!("{:.1}", (x * 10.0).round() / 10.0)
}

fn share(points: Points, max: Points) -> f64 {
    if max > 0.0 {
        points / max
    } else {
        0.0
    }
}

/// Latest attempt per item, by item id.
fn latest(file: &ResultsFile) -> BTreeMap<&str, &Attempt> {
    let mut map: BTreeMap<&str, &Attempt> = BTreeMap::new();
    for a in &file.attempts {
        match map.get(a.item_id.as_str()) {
            Some(b) if b.answered_ms > a.answered_ms => {}
            _ => {
                map.insert(&a.item_id, a);
            }
        }
    }
    map
}

impl TeamReport {
    /// Builds every table. `team` filters trainees by team name; `library`, when given,
    /// names dialogue options by their text (otherwise by step and position).
    pub fn build(roster: &Roster, team: Option<&str>, library: Option<&Library>) -> TeamReport {
        let files: Vec<&ResultsFile> = roster.trainees.values().filter(|f| team.is_none_or(|t| f.trainee.team == t)).collect();
        let trainees: Vec<TraineeRow> = files.iter().map(|f| trainee_row(f)).collect();
        let overall: BTreeMap<&str, f64> = trainees.iter().map(|t| (t.employee_no.as_str(), t.score_pct)).collect();
        TeamReport {
            rules: rule_rows(&files),
            items: item_rows(&files, &overall, library),
            progress: files.iter().map(|f| progress(f)).collect(),
            trainees,
        }
    }
}

fn trainee_row(file: &ResultsFile) -> TraineeRow {
    let latest = latest(file);
    let points: Points = latest.values().map(|a| a.outcome.points).sum();
    let max: Points = latest.values().map(|a| a.outcome.max).sum();
    let mut packs_done = 0;
    let mut packs_passed = 0;
    for pack in &file.packs {
        let answered: Vec<&&Attempt> = latest.values().filter(|a| a.pack_id == pack.id).collect();
        if pack.item_count > 0 && answered.len() >= pack.item_count {
            packs_done += 1;
            let got: Points = answered.iter().map(|a| a.outcome.points).sum();
            if share(got, pack.max_points) * 100.0 >= pack.pass_mark - 1e-9 {
                packs_passed += 1;
            }
        }
    }
    TraineeRow {
        employee_no: file.trainee.employee_no.clone(),
        name: file.trainee.name.clone(),
        team: file.trainee.team.clone(),
        points,
        max,
        score_pct: share(points, max) * 100.0,
        items_answered: latest.len(),
        packs_done,
        packs_passed,
        passed: packs_done > 0 && packs_passed == packs_done,
        last_activity_ms: file.attempts.iter().map(|a| a.answered_ms).fold(0.0, f64::max),
        attempts: file.attempts.len(),
    }
}

fn rule_rows(files: &[&ResultsFile]) -> Vec<RuleRow> {
    // rule → trainee (by employee number: two trainees may share a name) → (points, max, n)
    let mut per_rule: BTreeMap<String, BTreeMap<String, (Points, Points, usize)>> = BTreeMap::new();
    let names: BTreeMap<&str, &str> = files.iter().map(|f| (f.trainee.employee_no.as_str(), f.trainee.name.as_str())).collect();
    let mut banned: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for file in files {
        let standards: BTreeMap<&str, &Vec<String>> = file.items.iter().map(|i| (i.id.as_str(), &i.standards)).collect();
        for attempt in latest(file).values() {
            for rule in standards.get(attempt.item_id.as_str()).map(|v| v.as_slice()).unwrap_or_default() {
                let cell = per_rule.entry(rule.clone()).or_default().entry(file.trainee.employee_no.clone()).or_default();
                cell.0 += attempt.outcome.points;
                cell.1 += attempt.outcome.max;
                cell.2 += 1;
            }
            for f in &attempt.outcome.findings {
                if let (FindingKind::Breaks, Some(quote), Some(rule)) = (f.kind, &f.quote, &f.standard) {
                    if f.instead.is_some() {
                        *banned.entry(rule.clone()).or_default().entry(normalize(quote).text).or_default() += 1;
                    }
                }
            }
        }
    }
    let rules: BTreeSet<String> = per_rule.keys().chain(banned.keys()).cloned().collect();
    rules
        .into_iter()
        .map(|rule| {
            let cells = per_rule.get(&rule).cloned().unwrap_or_default();
            let points: Points = cells.values().map(|c| c.0).sum();
            let max: Points = cells.values().map(|c| c.1).sum();
            let mut weakest: Vec<(String, f64)> =
                cells.iter().map(|(no, c)| (names.get(no.as_str()).copied().unwrap_or(no.as_str()).to_owned(), share(c.0, c.1) * 100.0)).collect();
            weakest.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
            weakest.truncate(3);
            let mut used: Vec<(String, usize)> = banned.get(&rule).map(|m| m.clone().into_iter().collect()).unwrap_or_default();
            used.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            RuleRow { responses: cells.values().map(|c| c.2).sum(), success_pct: share(points, max) * 100.0, weakest, banned_used: used, rule }
        })
        .collect()
}

fn item_rows(files: &[&ResultsFile], overall: &BTreeMap<&str, f64>, library: Option<&Library>) -> Vec<ItemRow> {
    let mut infos = BTreeMap::new();
    for file in files {
        for info in &file.items {
            infos.entry(info.id.clone()).or_insert_with(|| info.clone());
        }
    }
    // Each trainee's latest attempts, computed once (not once per item: that made the
    // dashboard quadratic, ~3 s in the browser for 100 trainees × 1,000 attempts).
    let latests: Vec<BTreeMap<&str, &Attempt>> = files.iter().map(|f| latest(f)).collect();
    infos
        .into_values()
        .map(|info| {
            // (trainee overall %, score share, full marks?, answer)
            let mut responses: Vec<(f64, f64, bool, &Answer)> = Vec::new();
            for (file, latest) in files.iter().zip(&latests) {
                if let Some(a) = latest.get(info.id.as_str()) {
                    let s = share(a.outcome.points, a.outcome.max);
                    let overall = overall.get(file.trainee.employee_no.as_str()).copied().unwrap_or(0.0);
                    responses.push((overall, s, a.outcome.points >= a.outcome.max - 1e-9, &a.answer));
                }
            }
            let n = responses.len();
            let facility = if n == 0 { 0.0 } else { responses.iter().filter(|r| r.2).count() as f64 / n as f64 };
            let mean_pct = if n == 0 { 0.0 } else { responses.iter().map(|r| r.1).sum::<f64>() / n as f64 * 100.0 };
            let discrimination = (n >= 4).then(|| {
                let mut ranked = responses.clone();
                ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
                let half = n / 2;
                let mean = |rs: &[(f64, f64, bool, &Answer)]| rs.iter().map(|r| r.1).sum::<f64>() / rs.len() as f64;
                mean(&ranked[..half]) - mean(&ranked[n - half..])
            });
            let answers: Vec<&Answer> = responses.iter().map(|r| r.3).collect();
            ItemRow {
                options: option_counts(&info, &answers, library),
                item_id: info.id,
                pack_id: info.pack_id,
                kind: info.kind,
                prompt: info.prompt,
                responses: n,
                facility,
                mean_pct,
                discrimination,
            }
        })
        .collect()
}

fn option_counts(info: &crate::results::export::ItemInfo, answers: &[&Answer], library: Option<&Library>) -> Vec<(String, usize)> {
    match info.kind {
        ItemKind::Choice => {
            let mut counts = vec![0usize; info.options.len()];
            for a in answers {
                if let Answer::Choice { option } = a {
                    if let Some(c) = counts.get_mut(*option) {
                        *c += 1;
                    }
                }
            }
            info.options.iter().cloned().zip(counts).collect()
        }
        ItemKind::Dialogue => {
            let dialogue = library.and_then(|l| l.packs.iter().find_map(|p| p.item(&info.id))).and_then(|i| match &i.body {
                ItemBody::Dialogue(d) => Some(d),
                _ => None,
            });
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for a in answers {
                let Answer::Dialogue { path } = a else { continue };
                match dialogue {
                    Some(d) => {
                        let (steps, _) = crate::score::dialogue::replay(d, path);
                        let mut state = crate::score::dialogue::State::start(d);
                        for step in steps {
                            let text = match d.nodes.get(&state.node).map(|n| &n.step) {
                                Some(NodeStep::Options(o)) => o.get(step.option).map(|o| o.text.clone()).unwrap_or_default(),
                                _ => String::new(),
                            };
                            *counts.entry(format!("{} · {}", state.node, text)).or_default() += 1;
                            state = step.next;
                        }
                    }
                    None => {
                        for (i, option) in path.iter().enumerate() {
                            *counts.entry(format!("第{}步 · 选项{}", i + 1, option + 1)).or_default() += 1;
                        }
                    }
                }
            }
            counts.into_iter().collect()
        }
        _ => Vec::new(),
    }
}

fn progress(file: &ResultsFile) -> ProgressSeries {
    let mut days: BTreeMap<i64, (f64, usize)> = BTreeMap::new();
    for a in &file.attempts {
        // Bucketed by China Standard Time day (see `team::time`), keyed by the day's start.
        let day = crate::team::time::day_start_ms(a.answered_ms) as i64;
        let cell = days.entry(day).or_default();
        cell.0 += share(a.outcome.points, a.outcome.max);
        cell.1 += 1;
    }
    ProgressSeries {
        employee_no: file.trainee.employee_no.clone(),
        name: file.trainee.name.clone(),
        points: days.into_iter().map(|(day, (sum, n))| ProgressPoint { day_ms: day as f64, pct: sum / n as f64 * 100.0, attempts: n }).collect(),
    }
}
