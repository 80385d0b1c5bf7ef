//! The lints that catch answers given away by their shape: the best option is the longest
//! in too many of a pack's questions, a multi item with too few wrong options, a dialogue
//! node with one reply. Packs are generated so the thresholds are tested at their edges.

use drill_core::diag::{Diagnostic, Level};
use drill_core::lint::lint_one;
use drill_core::load::{load_banned, load_catalogue, Library, Source};
use std::path::Path;

fn fixture(name: &str) -> Source {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("tests/fixtures").join(name);
    Source::new(name, std::fs::read_to_string(path).expect("fixture"))
}

fn lint(yaml: &str) -> Vec<Diagnostic> {
    let catalogue = load_catalogue(&fixture("standards.yaml")).expect("standards");
    let banned = load_banned(&fixture("banned.yaml"), &catalogue).expect("banned");
    let mut library = Library::build(catalogue, banned, &[]);
    let source = Source::new("pack.yaml", yaml);
    let pack = library.add_pack(&source).unwrap_or_else(|d| panic!("{d:?}")).clone();
    lint_one(&pack, yaml, &library.taboo)
}

fn with(found: &[Diagnostic], code: &str) -> Vec<Diagnostic> {
    found.iter().filter(|d| d.code == code).cloned().collect()
}

const HEAD: &str = "version: 1\nid: p\ntitle: 题包\ncategory: repair\npass_mark: 80\nitems:\n";

/// A choice item whose best option is the longest (`giveaway`) or the shortest.
fn choice(id: &str, giveaway: bool) -> String {
    let (best, wrong) = if giveaway {
        ("请问是只有您一家停电，还是整栋楼都停电了？", "您等等。")
    } else {
        ("请问停电范围？", "您先别着急，我们这边会尽快安排工作人员处理，请您耐心等待通知。")
    };
    format!(
        "  - id: {id}\n    kind: choice\n    standards: [REPAIR.ASK]\n    prompt: 客户说停电了。\n    options:\n      - {{ text: \"{best}\", score: 10, feedback: 对。 }}\n      - {{ text: \"{wrong}\", score: 0, feedback: 不对。 }}\n"
    )
}

fn pack(giveaways: usize, others: usize) -> String {
    let mut yaml = HEAD.to_owned();
    for i in 0..giveaways {
        yaml += &choice(&format!("g{i}"), true);
    }
    for i in 0..others {
        yaml += &choice(&format!("o{i}"), false);
    }
    yaml
}

#[test]
fn best_is_longest_warns_above_60_percent_and_names_the_items() {
    // 3 of 5 = 60%: not more than the limit.
    assert!(with(&lint(&pack(3, 2)), "best-is-longest").is_empty());
    // 4 of 6 = 66%: warns once for the pack, at the first offending item, naming each one.
    let found = lint(&pack(4, 2));
    let warned = with(&found, "best-is-longest");
    assert_eq!(warned.len(), 1, "{found:?}");
    let d = &warned[0];
    assert_eq!(d.level, Level::Warning);
    assert_eq!((d.line, d.path.as_str()), (7, "items[0]"));
    for id in ["g0（第 7 行）", "g1", "g2", "g3"] {
        assert!(d.message.contains(id), "{}", d.message);
    }
    assert!(d.message.contains("6 道") && d.message.contains("4 道（66%"), "{}", d.message);
    assert!(!d.message.contains("o0") && !d.message.contains("o1"), "{}", d.message);
}

#[test]
fn a_tie_for_the_longest_option_gives_nothing_away() {
    let mut yaml = HEAD.to_owned();
    for i in 0..3 {
        yaml += &format!(
            "  - id: t{i}\n    kind: choice\n    standards: [REPAIR.ASK]\n    prompt: 题。\n    options:\n      - {{ text: 甲乙丙丁, score: 10, feedback: 对。 }}\n      - {{ text: 戊己庚辛, score: 0, feedback: 不对。 }}\n"
        );
    }
    assert!(with(&lint(&yaml), "best-is-longest").is_empty());
}

#[test]
fn dialogue_nodes_count_and_a_single_option_node_is_flagged_at_its_line() {
    let yaml = format!(
        "{HEAD}  - id: d\n    kind: dialogue\n    standards: [REPAIR.ASK]\n    prompt: 来电。\n    start: open\n    nodes:\n      open:\n        customer: 停电了！\n        options:\n          - {{ text: 请问是只有您一家停电，还是整栋楼都停电了？, score: 3, feedback: 对。, next: ask }}\n          - {{ text: 等着。, score: 0, feedback: 不对。, next: end }}\n      ask:\n        customer: 整栋楼。\n        options:\n          - {{ text: 好的，我马上派发抢修工单。, score: 3, feedback: 对。, next: end }}\n      end:\n        ending: {{ outcome: 结束, result: good }}\n"
    );
    let found = lint(&yaml);
    let single = with(&found, "single-option-node");
    assert_eq!(single.len(), 1, "{found:?}");
    assert_eq!((single[0].line, single[0].column), (18, 7));
    assert!(single[0].message.contains("ask") && single[0].message.contains("“d”"), "{}", single[0].message);
    // `open` is a giveaway; `ask` has nothing to choose between and is not counted: 1 of 1.
    let longest = with(&found, "best-is-longest");
    assert_eq!(longest.len(), 1, "{found:?}");
    assert!(longest[0].message.contains("d.open（第 13 行）"), "{}", longest[0].message);
}

#[test]
fn multi_needs_three_wrong_options() {
    let multi = |wrong: usize| {
        let mut yaml = format!(
            "{HEAD}  - id: m\n    kind: multi\n    standards: [REPAIR.ASK]\n    prompt: 要问清哪些信息？\n    options:\n      - {{ text: 停电范围, correct: true }}\n      - {{ text: 地址, correct: true }}\n"
        );
        for i in 0..wrong {
            yaml += &format!("      - {{ text: 无关信息{i}, correct: false, feedback: 无关。 }}\n");
        }
        yaml
    };
    for wrong in [1, 2] {
        let found = with(&lint(&multi(wrong)), "few-distractors");
        assert_eq!(found.len(), 1, "{wrong} wrong options");
        assert!(found[0].message.contains(&format!("只有 {wrong} 个错误选项")), "{}", found[0].message);
        assert!(found[0].hint.contains(&format!("再加 {} 个", 3 - wrong)), "{}", found[0].hint);
        assert_eq!(found[0].line, 7);
    }
    assert!(with(&lint(&multi(3)), "few-distractors").is_empty());
}
