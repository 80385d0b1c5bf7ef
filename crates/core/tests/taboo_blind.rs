//! The banned-phrase check against replies written blind: `tests/fixtures/taboo-blind.tsv`
//! holds three sets by three writers who read only the standards (the seeds and
//! STANDARDS.md), never the list of banned phrases nor each other's sets, and labelled each
//! reply by meaning: would a trainer mark it down for a banned expression (1) or not (0)?
//! The shipped `scenarios/banned.yaml` is run over them and precision and recall are
//! printed per set and category (`cargo test -p drill-core --test taboo_blind --
//! --nocapture`).
//!
//! Unlike `taboo_corpus.rs` (written by the author of the rules, per phrase id), this asks
//! only whether the reply is flagged at all. `dev1` and `dev2` were looked at while the
//! list was being changed; `held` was run for the first time once the change was done, so
//! its figures are the honest ones, and they show what a list of phrases cannot yet do
//! (rhetorical questions without marker words, sarcasm, brush-offs in plain words). The
//! floors are today's figures less a little: they catch a change that makes the check
//! worse, they do not claim it is good. docs/PERFORMANCE.md records the figures.

#[path = "support/mod.rs"]
mod support;

use std::collections::BTreeMap;

/// (set, min precision, min recall).
const FLOORS: [(&str, f64, f64); 3] = [("dev1", 0.96, 0.93), ("dev2", 0.96, 0.93), ("held", 0.97, 0.50)];

struct Case {
    line: usize,
    set: String,
    category: String,
    flag: bool,
    reply: String,
}

fn cases() -> Vec<Case> {
    let path = support::root().join("tests/fixtures/taboo-blind.tsv");
    let text = std::fs::read_to_string(&path).expect("tests/fixtures/taboo-blind.tsv");
    let mut cases = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = raw.split('\t').collect();
        assert_eq!(cols.len(), 5, "line {}: expected set, category, label, reply, reason: {raw:?}", n + 1);
        let flag = match cols[2].trim() {
            "1" => true,
            "0" => false,
            other => panic!("line {}: the label is 1 or 0, not {other:?}", n + 1),
        };
        cases.push(Case {
            line: n + 1,
            set: cols[0].to_owned(),
            category: cols[1].to_owned(),
            flag,
            reply: cols[3].to_owned(),
        });
    }
    cases
}

/// True and false positives and negatives.
#[derive(Default, Clone, Copy)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl Tally {
    fn add(&mut self, flagged: bool, flag: bool) {
        match (flagged, flag) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    /// The figures as a table row's last columns.
    fn columns(&self) -> String {
        format!(
            "{:>7} {:>3} {:>3} {:>3} {:>3}  {:>9.3} {:>7.3}",
            self.tp + self.fp + self.fn_ + self.tn,
            self.tp,
            self.fp,
            self.fn_,
            self.tn,
            self.precision(),
            self.recall()
        )
    }
    fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
}

#[test]
fn blind_sets_precision_and_recall() {
    let matcher = support::shipped_matcher();
    let cases = cases();
    assert!(cases.len() >= 600, "the three sets hold {} replies", cases.len());
    let mut by_set: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut by_category: BTreeMap<(&str, &str), Tally> = BTreeMap::new();
    let mut wrong: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for c in &cases {
        let hits = matcher.find(&c.reply);
        let flagged = !hits.is_empty();
        by_set.entry(&c.set).or_default().add(flagged, c.flag);
        by_category.entry((&c.set, &c.category)).or_default().add(flagged, c.flag);
        if flagged != c.flag {
            let found: Vec<&str> = hits.iter().map(|h| h.quote.as_str()).collect();
            let what = if flagged { format!("false alarm {found:?}") } else { "missed".to_owned() };
            wrong.entry(&c.set).or_default().push(format!("    line {}: {what}: {}", c.line, c.reply));
        }
    }
    println!("blind banned-phrase sets (tests/fixtures/taboo-blind.tsv):");
    println!("  set    category     replies  tp  fp  fn  tn  precision  recall");
    for ((set, category), t) in &by_category {
        println!("  {set:<6} {category:<12} {}", t.columns());
    }
    let mut failures = Vec::new();
    for (set, min_precision, min_recall) in FLOORS {
        let t = by_set.get(set).copied().unwrap_or_default();
        println!("  {set:<6} overall      {}   (floors {min_precision} / {min_recall})", t.columns());
        println!("FIGURE native.taboo.blind.{set}.precision = {:.3}", t.precision());
        println!("FIGURE native.taboo.blind.{set}.recall = {:.3}", t.recall());
        assert!(t.tp + t.fn_ > 50 && t.fp + t.tn > 50, "set {set} needs replies of both labels");
        if t.precision() < min_precision || t.recall() < min_recall {
            failures.push(format!(
                "{set}: precision {:.3} (floor {min_precision}), recall {:.3} (floor {min_recall})",
                t.precision(),
                t.recall()
            ));
        }
    }
    for (set, lines) in &wrong {
        println!("  {set}: judged otherwise than its writer ({}):", lines.len());
        for l in lines {
            println!("{l}");
        }
    }
    assert!(failures.is_empty(), "the check got worse on the blind sets:\n{}", failures.join("\n"));
}
