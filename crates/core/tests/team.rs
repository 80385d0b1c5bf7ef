//! Team aggregation, results import and CSV, on a small fixture team whose expected figures
//! are worked out by hand in the comments.
//!
//! Pack `p` (pass mark 60 %, 20 points): item `a` (choice, 10, rule HALL.ENTER.2M, three
//! options) and item `b` (reply, 10, rules BIZ.D and TALK.POLICY).
//!
//! | trainee | team | a (latest)        | b                  | overall        |
//! |---------|------|-------------------|--------------------|----------------|
//! | A 001   | 一班 | 10 (opt 0; earlier 0 via opt 2) | 10   | 20/20 = 100 %  |
//! | B 002   | 一班 | 5 (opt 1)         | 10                 | 15/20 = 75 %   |
//! | C 003   | 二班 | 0 (opt 2)         | 5, said 不能 (BIZ.D)| 5/20 = 25 %   |
//! | D 004   | 二班 | 10 (opt 0)        | —                  | 10/10 = 100 %  |

use drill_core::results::export::{ImportError, ItemInfo, PackInfo, ResultsFile, Totals, RESULTS_FORMAT, RESULTS_KIND};
use drill_core::results::{Attempt, Profile};
use drill_core::scenario::ItemKind;
use drill_core::score::{Answer, Finding, FindingKind, Outcome};
use drill_core::team::csv::{attempts_csv, team_csv};
use drill_core::team::{ImportOutcome, Roster, TeamReport};

const T0: f64 = 1_790_000_000_000.0; // some day, 00:xx UTC or later
const HOUR: f64 = 3_600_000.0;

fn attempt(item: &str, answer: Answer, points: f64, at: f64, findings: Vec<Finding>) -> Attempt {
    Attempt {
        pack_id: "p".into(),
        item_id: item.into(),
        answer,
        outcome: Outcome::new(points, 10.0, findings),
        started_ms: at - 30_000.0,
        answered_ms: at,
    }
}

fn choice(option: usize, points: f64, at: f64) -> Attempt {
    attempt("a", Answer::Choice { option }, points, at, vec![])
}

fn reply(points: f64, at: f64, findings: Vec<Finding>) -> Attempt {
    attempt("b", Answer::Reply { text: "…".into() }, points, at, findings)
}

fn file(name: &str, no: &str, team: &str, attempts: Vec<Attempt>) -> ResultsFile {
    ResultsFile {
        kind: RESULTS_KIND.into(),
        format: RESULTS_FORMAT,
        app_version: "test".into(),
        content_version: "fixture".into(),
        exported_ms: T0 + 10.0 * HOUR,
        trainee: Profile { name: name.into(), employee_no: no.into(), team: team.into() },
        packs: vec![PackInfo {
            id: "p".into(),
            title: "测试包".into(),
            pass_mark: 60.0,
            max_points: 20.0,
            item_count: 2,
        }],
        items: vec![
            ItemInfo {
                id: "a".into(),
                pack_id: "p".into(),
                kind: ItemKind::Choice,
                standards: vec!["HALL.ENTER.2M".into()],
                max_points: 10.0,
                prompt: "2 米处怎么做？".into(),
                options: vec!["迎前鞠躬问候".into(), "点头微笑".into(), "等客户开口".into()],
            },
            ItemInfo {
                id: "b".into(),
                pack_id: "p".into(),
                kind: ItemKind::Reply,
                standards: vec!["BIZ.D".into(), "TALK.POLICY".into()],
                max_points: 10.0,
                prompt: "婉拒".into(),
                options: vec![],
            },
        ],
        totals: Totals {
            attempts: attempts.len(),
            points: attempts.iter().map(|a| a.outcome.points).sum(),
            max: attempts.iter().map(|a| a.outcome.max).sum(),
        },
        attempts,
    }
}

fn banned_finding() -> Finding {
    Finding {
        kind: FindingKind::Breaks,
        standard: Some("BIZ.D".into()),
        message: "忌语".into(),
        points: -5.0,
        quote: Some("不能".into()),
        instead: Some("我们可以……".into()),
    }
}

fn team() -> Roster {
    let mut roster = Roster::default();
    roster.import(file(
        "A",
        "001",
        "一班",
        vec![choice(2, 0.0, T0), choice(0, 10.0, T0 + HOUR), reply(10.0, T0 + 2.0 * HOUR, vec![])],
    ));
    roster.import(file("B", "002", "一班", vec![choice(1, 5.0, T0), reply(10.0, T0 + HOUR, vec![])]));
    roster.import(file("C", "003", "二班", vec![choice(2, 0.0, T0), reply(5.0, T0 + HOUR, vec![banned_finding()])]));
    roster.import(file("D", "004", "二班", vec![choice(0, 10.0, T0)]));
    roster
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

#[test]
fn trainee_table_counts_latest_attempts_and_pass_marks() {
    let report = TeamReport::build(&team(), None, None);
    let row = |no: &str| report.trainees.iter().find(|t| t.employee_no == no).unwrap();
    let a = row("001");
    assert!(close(a.score_pct, 100.0));
    assert_eq!((a.packs_done, a.packs_passed, a.passed, a.attempts), (1, 1, true, 3));
    assert!(close(a.last_activity_ms, T0 + 2.0 * HOUR));
    let b = row("002");
    assert!(close(b.score_pct, 75.0));
    assert!(b.passed);
    let c = row("003");
    assert!(close(c.score_pct, 25.0));
    assert_eq!((c.packs_done, c.packs_passed, c.passed), (1, 0, false));
    let d = row("004");
    assert!(close(d.score_pct, 100.0));
    assert_eq!((d.packs_done, d.passed), (0, false), "a pack half done is neither done nor passed");
}

#[test]
fn rule_table_has_success_weakest_and_banned_phrases() {
    let report = TeamReport::build(&team(), None, None);
    let rule = |id: &str| report.rules.iter().find(|r| r.rule == id).unwrap();
    let hall = rule("HALL.ENTER.2M");
    assert_eq!(hall.responses, 4);
    assert!(close(hall.success_pct, 62.5)); // (10+5+0+10)/40
    let weakest: Vec<&str> = hall.weakest.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(weakest, ["C", "B", "A"]);
    let biz = rule("BIZ.D");
    assert!(close(biz.success_pct, 25.0 / 30.0 * 100.0));
    assert_eq!(biz.banned_used, vec![("不能".to_string(), 1)]);
    assert!(rule("TALK.POLICY").banned_used.is_empty());
}

#[test]
fn item_table_has_facility_discrimination_and_option_counts() {
    let report = TeamReport::build(&team(), None, None);
    let item = |id: &str| report.items.iter().find(|i| i.item_id == id).unwrap();
    let a = item("a");
    assert_eq!(a.responses, 4);
    assert!(close(a.facility, 0.5));
    assert!(close(a.mean_pct, 62.5));
    // Top half by overall (A 100, D 100): shares 1, 1. Bottom half (B 75, C 25): 0.5, 0.
    assert!(close(a.discrimination.unwrap(), 0.75));
    let counts: Vec<usize> = a.options.iter().map(|(_, n)| *n).collect();
    assert_eq!(counts, [2, 1, 1]);
    let b = item("b");
    assert_eq!(b.responses, 3);
    assert!(close(b.facility, 2.0 / 3.0));
    assert_eq!(b.discrimination, None, "fewer than 4 responses");
}

#[test]
fn team_filter_and_progress_series() {
    let report = TeamReport::build(&team(), Some("二班"), None);
    let names: Vec<&str> = report.trainees.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["C", "D"]);
    let full = TeamReport::build(&team(), None, None);
    let a = full.progress.iter().find(|p| p.employee_no == "001").unwrap();
    let attempts: usize = a.points.iter().map(|p| p.attempts).sum();
    assert_eq!(attempts, 3);
    // Three attempts with shares 0, 1, 1 — whatever days they fall on, the weighted mean is 2/3.
    let weighted: f64 = a.points.iter().map(|p| p.pct * p.attempts as f64).sum::<f64>() / 3.0;
    assert!(close(weighted, 200.0 / 3.0));
}

#[test]
fn reimport_updates_and_never_duplicates() {
    let mut roster = team();
    let again = file("B", "002", "一班", vec![choice(1, 5.0, T0), reply(10.0, T0 + HOUR, vec![])]);
    assert_eq!(roster.import(again), ImportOutcome::Unchanged);
    let newer = file(
        "B",
        "002",
        "一班",
        vec![choice(1, 5.0, T0), reply(10.0, T0 + HOUR, vec![]), choice(0, 10.0, T0 + 3.0 * HOUR)],
    );
    assert_eq!(roster.import(newer), ImportOutcome::Updated(1));
    assert_eq!(roster.trainees.len(), 4);
    assert_eq!(roster.trainees["002"].attempts.len(), 3);
    let report = TeamReport::build(&roster, None, None);
    assert!(close(report.trainees.iter().find(|t| t.employee_no == "002").unwrap().score_pct, 100.0));
    // The roster survives a round trip through its stored form.
    assert_eq!(Roster::from_json(&roster.to_json()).unwrap(), roster);
}

#[test]
fn import_rejects_each_kind_of_bad_file_with_a_reason() {
    let good = file("B", "002", "一班", vec![choice(1, 5.0, T0)]);
    let json = good.to_json();
    assert_eq!(ResultsFile::parse(&json, None).unwrap(), good);

    assert!(matches!(ResultsFile::parse("姓名,工号\n张三,001", None), Err(ImportError::NotJson(_))));
    assert_eq!(ResultsFile::parse(&json[..json.len() / 2], None), Err(ImportError::Truncated));
    assert_eq!(ResultsFile::parse(r#"{"name":"x"}"#, None), Err(ImportError::NotResults));
    let too_new = json.replacen(&format!("\"format\":{RESULTS_FORMAT}"), "\"format\":99", 1);
    assert_eq!(ResultsFile::parse(&too_new, None), Err(ImportError::TooNew(99)));
    let malformed = json.replacen("\"attempts\":[", "\"attempts_\":[", 1);
    assert_eq!(ResultsFile::parse(&malformed, None), Err(ImportError::Malformed("缺少字段 attempts".into())));
    let wrong_type = json.replacen("\"option\":1", "\"option\":\"1\"", 1);
    assert_eq!(
        ResultsFile::parse(&wrong_type, None),
        Err(ImportError::Malformed("attempts[0].answer.option：应为整数，实为文本".into()))
    );

    let mut over = good.clone();
    over.attempts[0].outcome.points = 50.0;
    over.totals.points = 50.0;
    assert!(matches!(ResultsFile::parse(&over.to_json(), None), Err(ImportError::Tampered(_))));

    let mut totals = good.clone();
    totals.totals.points = 9.0;
    let err = ResultsFile::parse(&totals.to_json(), None).unwrap_err();
    assert!(err.to_string().contains("合计不符"), "{err}");

    for e in [ImportError::Truncated, ImportError::NotResults, ImportError::TooNew(2)] {
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn csv_has_bom_chinese_headers_and_quotes_commas() {
    let report = TeamReport::build(&team(), None, None);
    let csv = team_csv(&report);
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains("姓名,工号,班组,总分(%)"));
    assert!(csv.contains("C,003,二班,25.0"));
    assert!(csv.contains("BIZ.D,3,83.3"));
    let mut f = file("张三", "001", "一班", vec![choice(0, 10.0, T0)]);
    f.attempts[0].item_id = "a,带逗号".into();
    let attempts = attempts_csv(&f);
    assert!(attempts.starts_with('\u{feff}'));
    assert!(attempts.contains("\"a,带逗号\""));
    assert!(attempts.contains("张三,001,一班,p"));
}

#[test]
fn trainees_sharing_a_name_stay_apart_in_the_rule_table() {
    // Two 张伟 in different teams: each has their own success rate on the rule.
    let mut roster = Roster::default();
    roster.import(file("张伟", "101", "一班", vec![choice(0, 10.0, T0)]));
    roster.import(file("张伟", "102", "二班", vec![choice(2, 0.0, T0)]));
    let report = TeamReport::build(&roster, None, None);
    let hall = report.rules.iter().find(|r| r.rule == "HALL.ENTER.2M").unwrap();
    let rates: Vec<f64> = hall.weakest.iter().map(|(_, p)| *p).collect();
    assert_eq!(hall.weakest.len(), 2, "{:?}", hall.weakest);
    assert!(close(rates[0], 0.0) && close(rates[1], 100.0), "{rates:?}");
}

#[test]
fn a_byte_order_mark_before_the_json_is_accepted() {
    // Saving the file again in Windows Notepad puts a BOM in front.
    let good = file("B", "002", "一班", vec![choice(1, 5.0, T0)]);
    let with_bom = format!("\u{feff}{}", good.to_json());
    assert_eq!(ResultsFile::parse(&with_bom, None).unwrap(), good);
}

#[test]
fn percentages_round_halves_up_everywhere() {
    use drill_core::team::report::fmt_pct;
    // 13 of 16 points = 81.25 %: shown as 81.3 in the app, the CSV and `drill report`.
    assert_eq!(fmt_pct(81.25), "81.3");
    assert_eq!(fmt_pct(25.0), "25.0");
    assert_eq!(fmt_pct(200.0 / 3.0), "66.7");
    let mut roster = Roster::default();
    roster.import(file("E", "005", "一班", vec![choice(0, 10.0, T0), reply(6.25, T0 + HOUR, vec![])]));
    let csv = team_csv(&TeamReport::build(&roster, None, None));
    assert!(csv.contains("E,005,一班,81.3,"), "{csv}");
}
