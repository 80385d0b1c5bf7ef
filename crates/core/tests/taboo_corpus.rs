//! The banned-phrase check measured: `tests/fixtures/taboo-corpus.tsv` is a labelled corpus
//! of replies a trainer hears (polite questions, reassurances, conditions, the seeds' model
//! lines, bare refusals, rude, impatient and shirking lines, traditional characters,
//! full-width punctuation, spaces inside words, the examples of issue 19), each with the
//! banned phrase ids a trainer would flag. The shipped `scenarios/banned.yaml` is run over
//! it, and precision and recall are printed per category and overall (`cargo test -p
//! drill-core --test taboo_corpus -- --nocapture`).
//!
//! Counting is per (reply, phrase id): a phrase found and labelled is a true positive, found
//! and not labelled a false alarm, labelled and not found a miss. Several hits of one
//! phrase in a reply count once, as scoring charges them once. Fails below precision 0.97
//! or recall 0.95 overall; every category's figures are printed with the replies it got
//! wrong, so a change to the list shows what it costs.

#[path = "support/mod.rs"]
mod support;

use std::collections::{BTreeMap, BTreeSet};

const MIN_PRECISION: f64 = 0.97;
const MIN_RECALL: f64 = 0.95;

struct Case {
    line: usize,
    category: String,
    expected: BTreeSet<String>,
    reply: String,
}

fn corpus() -> Vec<Case> {
    let path = support::root().join("tests/fixtures/taboo-corpus.tsv");
    let text = std::fs::read_to_string(&path).expect("tests/fixtures/taboo-corpus.tsv");
    let mut cases = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = raw.split('\t').collect();
        assert_eq!(cols.len(), 3, "line {}: expected category<TAB>ids<TAB>reply, got {raw:?}", n + 1);
        let expected: BTreeSet<String> = match cols[1].trim() {
            "-" => BTreeSet::new(),
            ids => ids.split(',').map(|s| s.trim().to_owned()).collect(),
        };
        cases.push(Case { line: n + 1, category: cols[0].trim().to_owned(), expected, reply: cols[2].to_owned() });
    }
    cases
}

#[derive(Default)]
struct Tally {
    replies: usize,
    tp: usize,
    fp: usize,
    fn_: usize,
    /// Replies labelled clean that were flagged anyway.
    clean_flagged: usize,
    clean: usize,
    wrong: Vec<String>,
}

impl Tally {
    fn precision(&self) -> Option<f64> {
        (self.tp + self.fp > 0).then(|| self.tp as f64 / (self.tp + self.fp) as f64)
    }
    fn recall(&self) -> Option<f64> {
        (self.tp + self.fn_ > 0).then(|| self.tp as f64 / (self.tp + self.fn_) as f64)
    }
}

fn figure(x: Option<f64>) -> String {
    x.map_or_else(|| "   —  ".to_owned(), |v| format!("{v:6.3}"))
}

#[test]
fn corpus_precision_and_recall() {
    let matcher = support::shipped_matcher();
    let ids: BTreeSet<&str> = matcher.list().phrases.iter().map(|p| p.id.as_str()).collect();
    let cases = corpus();
    assert!(cases.len() >= 400, "the corpus needs at least 400 replies, has {}", cases.len());
    for c in &cases {
        for id in &c.expected {
            assert!(ids.contains(id.as_str()), "line {}: {id} is not a banned phrase id", c.line);
        }
    }
    let mut by_category: BTreeMap<String, Tally> = BTreeMap::new();
    let mut overall = Tally::default();
    for c in &cases {
        let found: BTreeSet<String> =
            matcher.find(&c.reply).iter().filter_map(|h| matcher.phrase(h)).map(|p| p.id.clone()).collect();
        let tp = found.intersection(&c.expected).count();
        let fp = found.difference(&c.expected).count();
        let fn_ = c.expected.difference(&found).count();
        for t in [by_category.entry(c.category.clone()).or_default(), &mut overall] {
            t.replies += 1;
            t.tp += tp;
            t.fp += fp;
            t.fn_ += fn_;
            t.clean += usize::from(c.expected.is_empty());
            t.clean_flagged += usize::from(c.expected.is_empty() && !found.is_empty());
            if fp + fn_ > 0 {
                t.wrong
                    .push(format!("    line {}: {:?} expected {:?}, found {:?}", c.line, c.reply, c.expected, found));
            }
        }
    }
    println!("\nbanned-phrase corpus: {} replies (tests/fixtures/taboo-corpus.tsv)", cases.len());
    println!("  (— : nothing to measure, e.g. the precision of a category of clean replies with no false alarm)");
    println!(
        "  {:<12} {:>7} {:>5} {:>5} {:>5} {:>9} {:>7}  clean replies flagged",
        "category", "replies", "tp", "fp", "fn", "precision", "recall"
    );
    let row = |name: &str, t: &Tally| {
        println!(
            "  {:<12} {:>7} {:>5} {:>5} {:>5} {:>9} {:>7}  {}/{}",
            name,
            t.replies,
            t.tp,
            t.fp,
            t.fn_,
            figure(t.precision()),
            figure(t.recall()),
            t.clean_flagged,
            t.clean
        )
    };
    for (name, t) in &by_category {
        row(name, t);
    }
    row("overall", &overall);
    if !overall.wrong.is_empty() {
        println!("  replies judged wrongly:");
        for w in &overall.wrong {
            println!("{w}");
        }
    }
    let (p, r) = (overall.precision().unwrap_or(0.0), overall.recall().unwrap_or(0.0));
    assert!(p >= MIN_PRECISION, "overall precision {p:.3} < {MIN_PRECISION}");
    assert!(r >= MIN_RECALL, "overall recall {r:.3} < {MIN_RECALL}");
}
