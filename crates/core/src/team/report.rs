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
use crate::library::Library;
use crate::results::export::{ItemInfo, ResultsFile};
use crate::results::Attempt;
use crate::scenario::{ItemBody, ItemKind, NodeStep, Points};
use crate::score::{Answer, FindingKind};
use crate::text::normalize;
use std::collections::{BTreeMap, HashMap};

/// Hash maps for the lookups done per attempt (item, pack and rule ids). foldhash rather than
/// std's SipHash: hashing short ids was a third of the build with SipHash. Still seeded per map,
/// so a crafted results file cannot choose colliding ids. Iteration order never reaches a
/// table: every table is put in order by sorting or by id index.
type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

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

/// Item ids, interned to indices numbered in id order.
///
/// The tables are defined over maps keyed by item id, and looking attempts up in
/// `BTreeMap<&str, _>`s (one lookup per attempt, three maps per trainee) was most of the time
/// of `TeamReport::build`. With the ids interned once, a trainee's latest attempts are a dense
/// `Vec` indexed by item; because the indices follow id order, walking it still visits items
/// in the order the maps did, so every table and every floating-point sum comes out the same.
struct ItemIds {
    /// How many distinct ids.
    count: usize,
    /// Per file, in the order given.
    files: Vec<FileItems>,
}

/// One file's item ids as indices.
struct FileItems {
    /// The item of each attempt.
    attempts: Vec<usize>,
    /// The item of each entry of the item list.
    items: Vec<usize>,
}

impl ItemIds {
    /// Every item id that any file's attempts or item list names, hashed once per mention.
    fn new(files: &[&ResultsFile]) -> ItemIds {
        // Numbered as first met, then renumbered in id order.
        let mut index: Map<&str, usize> = Map::default();
        let mut intern = |id| {
            let next = index.len();
            *index.entry(id).or_insert(next)
        };
        let mut files: Vec<FileItems> = files
            .iter()
            .map(|f| FileItems {
                attempts: f.attempts.iter().map(|a| intern(a.item_id.as_str())).collect(),
                items: f.items.iter().map(|i| intern(i.id.as_str())).collect(),
            })
            .collect();
        let mut by_id: Vec<(&str, usize)> = index.into_iter().collect();
        by_id.sort_unstable();
        let mut rank = vec![0; by_id.len()];
        for (r, &(_, k)) in by_id.iter().enumerate() {
            rank[k] = r;
        }
        for k in files.iter_mut().flat_map(|f| f.attempts.iter_mut().chain(&mut f.items)) {
            *k = rank[*k];
        }
        ItemIds { count: by_id.len(), files }
    }
}

/// One trainee's file and what every table needs from it, computed once per build.
struct Trainee<'a> {
    file: &'a ResultsFile,
    /// Position of the employee number among the distinct numbers of the trainees shown, in
    /// order: the rule table keys trainees by employee number (two trainees may share a name)
    /// and lists them in that order.
    slot: usize,
    /// The latest attempt at each item answered, as (item index, attempt), in item id order.
    latest: Vec<(usize, &'a Attempt)>,
    /// The item index of each entry of `file.items`.
    items: &'a [usize],
}

impl<'a> Trainee<'a> {
    /// `ids`: the file's item indices, of `item_count`; `employee_nos`: sorted, distinct.
    fn new(file: &'a ResultsFile, ids: &'a FileItems, item_count: usize, employee_nos: &[&str]) -> Trainee<'a> {
        // Latest attempt per item; of two at the same time, the later in the file.
        let mut by_item: Vec<Option<&Attempt>> = vec![None; item_count];
        for (a, &k) in file.attempts.iter().zip(&ids.attempts) {
            match by_item[k] {
                Some(b) if b.answered_ms > a.answered_ms => {}
                _ => by_item[k] = Some(a),
            }
        }
        Trainee {
            file,
            slot: employee_nos
                .binary_search(&file.trainee.employee_no.as_str())
                .expect("every trainee's number is listed"),
            latest: by_item.into_iter().enumerate().filter_map(|(k, a)| Some((k, a?))).collect(),
            items: &ids.items,
        }
    }
}

impl TeamReport {
    /// Builds every table. `team` filters trainees by team name; `library`, when given,
    /// names dialogue options by their text (otherwise by step and position).
    pub fn build(roster: &Roster, team: Option<&str>, library: Option<&Library>) -> TeamReport {
        let files: Vec<&ResultsFile> =
            roster.trainees.values().filter(|f| team.is_none_or(|t| f.trainee.team == t)).collect();
        let ids = ItemIds::new(&files);
        let mut employee_nos: Vec<&str> = files.iter().map(|f| f.trainee.employee_no.as_str()).collect();
        employee_nos.sort_unstable();
        employee_nos.dedup();
        let team: Vec<Trainee> =
            files.iter().zip(&ids.files).map(|(f, of)| Trainee::new(f, of, ids.count, &employee_nos)).collect();
        let trainees: Vec<TraineeRow> = team.iter().map(trainee_row).collect();
        // Overall score and name per employee number (should two files share one, the later
        // file's, as a map collected from the rows would hold).
        let mut overall = vec![0.0; employee_nos.len()];
        let mut names = vec![""; employee_nos.len()];
        for (t, row) in team.iter().zip(&trainees) {
            overall[t.slot] = row.score_pct;
            names[t.slot] = &t.file.trainee.name;
        }
        TeamReport {
            rules: rule_rows(&team, ids.count, &names),
            items: item_rows(&team, ids.count, &overall, library),
            progress: files.iter().map(|f| progress(f)).collect(),
            trainees,
        }
    }
}

fn trainee_row(t: &Trainee) -> TraineeRow {
    let file = t.file;
    let points: Points = t.latest.iter().map(|(_, a)| a.outcome.points).sum();
    let max: Points = t.latest.iter().map(|(_, a)| a.outcome.max).sum();
    // Items answered and points per pack id, in one pass over the latest attempts (not one
    // pass per pack).
    let mut per_pack: Map<&str, (usize, Points)> = Map::default();
    for (_, a) in &t.latest {
        let cell = per_pack.entry(a.pack_id.as_str()).or_default();
        cell.0 += 1;
        cell.1 += a.outcome.points;
    }
    let mut packs_done = 0;
    let mut packs_passed = 0;
    for pack in &file.packs {
        let (answered, got) = per_pack.get(pack.id.as_str()).copied().unwrap_or_default();
        if pack.item_count > 0 && answered >= pack.item_count {
            packs_done += 1;
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
        items_answered: t.latest.len(),
        packs_done,
        packs_passed,
        passed: packs_done > 0 && packs_passed == packs_done,
        last_activity_ms: file.attempts.iter().map(|a| a.answered_ms).fold(0.0, f64::max),
        attempts: file.attempts.len(),
    }
}

/// (points, max, responses) of one trainee on one rule.
type Cell = (Points, Points, usize);

/// The rule table while it is gathered: rule ids interned to indices as they are met.
#[derive(Default)]
struct Rules<'a> {
    index: Map<&'a str, usize>,
    ids: Vec<&'a str>,
    /// By rule, then by trainee slot; a trainee with no response has 0 responses.
    cells: Vec<Vec<Cell>>,
    /// By rule: banned phrases as typed (normalised), with how often.
    banned: Vec<Map<String, usize>>,
}

impl<'a> Rules<'a> {
    fn rule(&mut self, id: &'a str, slots: usize) -> usize {
        *self.index.entry(id).or_insert_with(|| {
            self.ids.push(id);
            self.cells.push(vec![(0.0, 0.0, 0); slots]);
            self.banned.push(Map::default());
            self.ids.len() - 1
        })
    }
}

fn rule_rows(team: &[Trainee], item_count: usize, names: &[&str]) -> Vec<RuleRow> {
    let mut rules = Rules::default();
    let mut standards: Vec<&[String]> = vec![&[]; item_count];
    for t in team {
        // This trainee's rules per item, from their own file (the last entry for an id wins).
        standards.fill(&[]);
        for (info, &k) in t.file.items.iter().zip(t.items) {
            standards[k] = &info.standards;
        }
        for &(k, attempt) in &t.latest {
            for rule in standards[k] {
                let r = rules.rule(rule, names.len());
                let cell = &mut rules.cells[r][t.slot];
                cell.0 += attempt.outcome.points;
                cell.1 += attempt.outcome.max;
                cell.2 += 1;
            }
            for f in &attempt.outcome.findings {
                if let (FindingKind::Breaks, Some(quote), Some(rule)) = (f.kind, &f.quote, &f.standard) {
                    if f.instead.is_some() {
                        let r = rules.rule(rule, names.len());
                        *rules.banned[r].entry(normalize(quote).text).or_default() += 1;
                    }
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..rules.ids.len()).collect();
    order.sort_unstable_by_key(|&r| rules.ids[r]);
    order
        .into_iter()
        .map(|r| {
            // The trainees who responded, in employee number order.
            let cells: Vec<(usize, Cell)> =
                rules.cells[r].iter().copied().enumerate().filter(|(_, c)| c.2 > 0).collect();
            let points: Points = cells.iter().map(|(_, c)| c.0).sum();
            let max: Points = cells.iter().map(|(_, c)| c.1).sum();
            let mut weakest: Vec<(&str, f64)> =
                cells.iter().map(|&(slot, c)| (names[slot], share(c.0, c.1) * 100.0)).collect();
            weakest.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(b.0)));
            weakest.truncate(3);
            let mut used: Vec<(String, usize)> = std::mem::take(&mut rules.banned[r]).into_iter().collect();
            used.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            RuleRow {
                rule: rules.ids[r].to_owned(),
                responses: cells.iter().map(|(_, c)| c.2).sum(),
                success_pct: share(points, max) * 100.0,
                weakest: weakest.into_iter().map(|(name, pct)| (name.to_owned(), pct)).collect(),
                banned_used: used,
            }
        })
        .collect()
}

/// One trainee's latest attempt at an item.
#[derive(Clone, Copy)]
struct Response<'a> {
    /// The trainee's overall score, 0–100.
    overall: f64,
    /// Score share on the item.
    share: f64,
    full_marks: bool,
    answer: &'a Answer,
}

fn item_rows(team: &[Trainee], item_count: usize, overall: &[f64], library: Option<&Library>) -> Vec<ItemRow> {
    // The first description of each item among the files.
    let mut infos: Vec<Option<&ItemInfo>> = vec![None; item_count];
    for t in team {
        for (info, &k) in t.file.items.iter().zip(t.items) {
            infos[k].get_or_insert(info);
        }
    }
    // Each item's responses, in roster order: every trainee's latest attempts, walked once.
    let mut responses: Vec<Vec<Response>> = vec![Vec::new(); item_count];
    for t in team {
        for &(k, a) in &t.latest {
            responses[k].push(Response {
                overall: overall[t.slot],
                share: share(a.outcome.points, a.outcome.max),
                full_marks: a.outcome.points >= a.outcome.max - 1e-9,
                answer: &a.answer,
            });
        }
    }
    infos
        .into_iter()
        .zip(responses)
        .filter_map(|(info, responses)| Some((info?, responses)))
        .map(|(info, responses)| {
            let n = responses.len();
            let facility =
                if n == 0 { 0.0 } else { responses.iter().filter(|r| r.full_marks).count() as f64 / n as f64 };
            let mean_pct = if n == 0 { 0.0 } else { responses.iter().map(|r| r.share).sum::<f64>() / n as f64 * 100.0 };
            let discrimination = (n >= 4).then(|| {
                let mut ranked = responses.clone();
                ranked.sort_by(|a, b| b.overall.total_cmp(&a.overall));
                let half = n / 2;
                let mean = |rs: &[Response]| rs.iter().map(|r| r.share).sum::<f64>() / rs.len() as f64;
                mean(&ranked[..half]) - mean(&ranked[n - half..])
            });
            let answers: Vec<&Answer> = responses.iter().map(|r| r.answer).collect();
            ItemRow {
                options: option_counts(info, &answers, library),
                item_id: info.id.clone(),
                pack_id: info.pack_id.clone(),
                kind: info.kind,
                prompt: info.prompt.clone(),
                responses: n,
                facility,
                mean_pct,
                discrimination,
            }
        })
        .collect()
}

fn option_counts(info: &ItemInfo, answers: &[&Answer], library: Option<&Library>) -> Vec<(String, usize)> {
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
            let dialogue =
                library.and_then(|l| l.packs.iter().find_map(|p| p.item(&info.id))).and_then(|i| match &i.body {
                    ItemBody::Dialogue(d) => Some(d),
                    _ => None,
                });
            // Most trainees take one of a few paths: each distinct path is replayed and its
            // steps named once, counted as often as it was taken.
            let mut paths: Map<&[usize], usize> = Map::default();
            for a in answers {
                if let Answer::Dialogue { path } = a {
                    *paths.entry(path.as_slice()).or_default() += 1;
                }
            }
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for (path, times) in paths {
                match dialogue {
                    Some(d) => {
                        let (steps, _) = crate::score::dialogue::replay(d, path);
                        let mut state = crate::score::dialogue::State::start(d);
                        for step in steps {
                            let text = match d.nodes.get(&state.node).map(|n| &n.step) {
                                Some(NodeStep::Options(o)) => {
                                    o.get(step.option).map(|o| o.text.as_str()).unwrap_or_default()
                                }
                                _ => "",
                            };
                            *counts.entry(format!("{} · {}", state.node, text)).or_default() += times;
                            state = step.next;
                        }
                    }
                    None => {
                        for (i, option) in path.iter().enumerate() {
                            *counts.entry(format!("第{}步 · 选项{}", i + 1, option + 1)).or_default() += times;
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
        points: days
            .into_iter()
            .map(|(day, (sum, n))| ProgressPoint { day_ms: day as f64, pct: sum / n as f64 * 100.0, attempts: n })
            .collect(),
    }
}
