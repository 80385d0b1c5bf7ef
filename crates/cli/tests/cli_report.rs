//! `drill report` as a lead runs it: the built binary on results files in
//! `tests/fixtures/results/` — tables, CSV, the team filter, bad files and exit codes
//! (0 every file imported, 1 some rejected, 2 usage).
//!
//! The fixture files are written from the core by `fixtures_match_the_core` (run with
//! `UPDATE_FIXTURES=1` to rewrite them after a format change); that test fails when the
//! files on disk no longer match what the core exports.
//!
//! Pack `p` (pass mark 60 %, 20 points): `a` (choice, 10, HALL.ENTER.2M), `b` (reply, 10,
//! BIZ.D and TALK.POLICY).
//!
//! | file (good/)          | trainee | team | a          | b               | overall |
//! |-----------------------|---------|------|------------|-----------------|---------|
//! | a-001.json            | 甲 001  | 一班 | 10 (opt 0) | 10              | 100 %   |
//! | b-002.json            | 乙 002  | 一班 | 5 (opt 1)  | 10              | 75 %    |
//! | c-003.json (with BOM) | 丙 003  | 二班 | 0 (opt 2)  | 5, said 不能    | 25 %    |
//!
//! bad/: `truncated.json` (a-001 cut in half), `tampered.json` (b-002 with `a` raised from 5
//! to 10 points), `not-results.json` (some other JSON).

use drill_core::results::export::{ItemInfo, PackInfo, ResultsFile, Totals, RESULTS_FORMAT, RESULTS_KIND};
use drill_core::results::{Attempt, Profile};
use drill_core::scenario::ItemKind;
use drill_core::score::{Answer, Finding, FindingKind, Outcome};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const T0: f64 = 1_790_000_000_000.0;
const HOUR: f64 = 3_600_000.0;

fn dir() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("tests/fixtures/results")
}

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

fn results(name: &str, no: &str, team: &str, attempts: Vec<Attempt>) -> ResultsFile {
    ResultsFile {
        kind: RESULTS_KIND.into(),
        format: RESULTS_FORMAT,
        app_version: "fixture".into(),
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
                prompt: "客户走到 2 米处，怎么做？".into(),
                options: vec!["迎前问候".into(), "点头微笑".into(), "等客户开口".into()],
            },
            ItemInfo {
                id: "b".into(),
                pack_id: "p".into(),
                kind: ItemKind::Reply,
                standards: vec!["BIZ.D".into(), "TALK.POLICY".into()],
                max_points: 10.0,
                prompt: "婉拒不符合政策的要求".into(),
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

/// Every fixture file: (path under tests/fixtures/results, contents).
fn fixtures() -> Vec<(&'static str, String)> {
    let choice = |option, points, at| attempt("a", Answer::Choice { option }, points, at, vec![]);
    let reply =
        |points, at, findings| attempt("b", Answer::Reply { text: "这个不能办。".into() }, points, at, findings);
    let banned = Finding {
        kind: FindingKind::Breaks,
        standard: Some("BIZ.D".into()),
        message: "服务忌语".into(),
        points: -5.0,
        quote: Some("不能".into()),
        instead: Some("我们可以……".into()),
    };
    let a = results("甲", "001", "一班", vec![choice(0, 10.0, T0), reply(10.0, T0 + HOUR, vec![])]).to_json();
    let b = results("乙", "002", "一班", vec![choice(1, 5.0, T0), reply(10.0, T0 + HOUR, vec![])]);
    let c = results("丙", "003", "二班", vec![choice(2, 0.0, T0), reply(5.0, T0 + HOUR, vec![banned])]).to_json();
    let mut tampered = b.clone();
    tampered.attempts[0].outcome.points = 10.0;
    vec![
        ("good/a-001.json", a.clone()),
        ("good/b-002.json", b.to_json()),
        ("good/c-003.json", format!("\u{feff}{c}")),
        ("bad/truncated.json", a[..a.len() / 2].to_owned()),
        ("bad/tampered.json", tampered.to_json()),
        ("bad/not-results.json", "{\n  \"name\": \"张三\",\n  \"score\": 90\n}\n".to_owned()),
    ]
}

#[test]
fn fixtures_match_the_core() {
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    for (path, text) in fixtures() {
        let full = dir().join(path);
        if update {
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(&full, &text).unwrap();
        }
        let on_disk = std::fs::read_to_string(&full)
            .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_FIXTURES=1)", full.display()));
        assert!(
            on_disk == text,
            "{} is out of date: run `UPDATE_FIXTURES=1 cargo test --test cli_report`",
            full.display()
        );
    }
}

fn drill(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_drill")).args(args).current_dir(dir()).output().expect("drill runs")
}

fn text(out: &Output) -> (String, String, i32) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// The table row of a trainee (comfy-table draws rows as `│ 甲 ┆ 001 ┆ …`).
fn row<'a>(stdout: &'a str, no: &str) -> Vec<&'a str> {
    let line = stdout
        .lines()
        .find(|l| l.split(['│', '┆']).any(|c| c.trim() == no))
        .unwrap_or_else(|| panic!("no row for {no} in\n{stdout}"));
    line.split(['│', '┆']).map(str::trim).filter(|c| !c.is_empty()).collect()
}

#[test]
fn good_files_give_the_three_tables_and_exit_0() {
    let (out, err, code) = text(&drill(&["report", "good"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("学员") && out.contains("规范") && out.contains("题目"), "{out}");
    assert_eq!(row(&out, "001"), ["甲", "001", "一班", "100.0%", "2", "1", "1", "及格"]);
    assert_eq!(row(&out, "002"), ["乙", "002", "一班", "75.0%", "2", "1", "1", "及格"]);
    assert_eq!(row(&out, "003"), ["丙", "003", "二班", "25.0%", "2", "1", "0", "未及格"], "the BOM file imports too");
    // Rules: HALL.ENTER.2M (10+5+0)/30 = 50 %, weakest 丙 first; BIZ.D (10+10+5)/30 = 83.3 %, 不能 once.
    let hall = out.lines().find(|l| l.contains("HALL.ENTER.2M")).unwrap();
    assert!(hall.contains("50.0%") && hall.contains("丙 0%、乙 50%、甲 100%"), "{hall}");
    let biz = out.lines().find(|l| l.contains("BIZ.D")).unwrap();
    assert!(biz.contains("83.3%") && biz.contains("不能×1"), "{biz}");
    assert!(err.contains("导入 3 个成绩文件，0 个未导入"), "{err}");
}

#[test]
fn csv_output_and_team_filter() {
    let (out, err, code) = text(&drill(&["report", "good", "--format", "csv"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("学员\n姓名,工号,班组,总分(%)"), "no BOM on stdout, header first: {out}");
    assert!(out.contains("丙,003,二班,25.0,5,20,2,1,0,未及格"), "{out}");
    assert!(out.contains("BIZ.D,3,83.3"), "{out}");
    assert!(out.contains("a,p,单选,3,0.33,50.0,样本不足,迎前问候：1；点头微笑：1；等客户开口：1"), "{out}");

    let (out, _, code) = text(&drill(&["report", "good", "--format", "csv", "--team", "二班"]));
    assert_eq!(code, 0);
    assert!(out.contains("丙,003,二班") && !out.contains("甲,001") && !out.contains("乙,002"), "{out}");
}

#[test]
fn bad_files_are_listed_with_reasons_and_exit_1() {
    let (out, err, code) = text(&drill(&["report", "good", "bad"]));
    assert_eq!(code, 1, "{err}");
    let reason = |file: &str| {
        err.lines().find(|l| l.contains(file)).unwrap_or_else(|| panic!("{file} not listed in\n{err}")).to_owned()
    };
    assert!(reason("truncated.json").contains("文件不完整"), "{err}");
    assert!(reason("tampered.json").contains("文件可能被改动过"), "{err}");
    assert!(reason("not-results.json").contains("不是服务演练的成绩文件"), "{err}");
    assert!(err.contains("导入 3 个成绩文件，3 个未导入"), "{err}");
    // The good files are still counted, and the tampered 乙 keeps the genuine 75 %.
    assert_eq!(row(&out, "002")[3], "75.0%");
    assert_eq!(row(&out, "003")[3], "25.0%");
}

#[test]
fn the_same_files_twice_are_not_counted_twice() {
    let (out, err, code) = text(&drill(&["report", "good", "good/a-001.json", "good", "--format", "csv"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.matches(",001,").count(), 1, "{out}");
    assert!(out.contains("甲,001,一班,100.0,20,20,2,1,1,及格"), "{out}");
    assert!(out.contains("BIZ.D,3,83.3"), "responses not doubled: {out}");
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["report"][..],
        &["report", "no-such-folder"],
        &["report", "good", "--format", "xml"],
        &["report", "../results-empty-does-not-exist"],
    ] {
        let (_, err, code) = text(&drill(args));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(!err.is_empty(), "{args:?} says why");
    }
    // A folder without any results file.
    let empty = std::env::temp_dir().join(format!("drill-report-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let (_, err, code) = text(&drill(&["report", empty.to_str().unwrap()]));
    let _ = std::fs::remove_dir(&empty);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("没有找到成绩文件"), "{err}");
}
