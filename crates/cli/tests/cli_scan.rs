//! `drill scan` as a trainer runs it: the built binary on a file of replies and on stdin,
//! against the shipped `scenarios/` and a folder given with `--scenarios`; JSON (one object
//! per input line, blank lines included), the Chinese report, exit codes (0 clean, 1 a
//! banned phrase, 2 unreadable input or a broken list) and clear messages instead of panics.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn drill(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_drill"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("drill runs");
    let mut pipe = child.stdin.take().expect("stdin");
    pipe.write_all(stdin.unwrap_or_default()).expect("write stdin");
    drop(pipe);
    child.wait_with_output().expect("drill finishes")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exit code")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("drill-scan-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn json_lines(out: &Output) -> Vec<Value> {
    text(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}"))).collect()
}

#[test]
fn json_gives_one_object_per_input_line_in_order() {
    let dir = scratch("json");
    let file = dir.join("replies.txt");
    let replies = "没有户号不能交\n\n请问您能不能把户号告诉我？\r\n你懂不懂啊，這個不歸我管\n   \n";
    std::fs::write(&file, replies).expect("write");
    let out = drill(&["scan", file.to_str().unwrap(), "--format", "json"], None);
    assert_eq!(code(&out), 1, "a banned phrase was found: {}", text(&out.stderr));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 5, "one object per input line, blank ones too");
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["line"], i + 1);
        assert!(line["hits"].is_array());
    }
    let hit = &lines[0]["hits"][0];
    assert_eq!(lines[0]["hits"].as_array().unwrap().len(), 1);
    assert_eq!(hit["phrase"], "refuse.buneng");
    assert_eq!(hit["rule"], "BIZ.D");
    assert_eq!(hit["severity"], "major");
    assert_eq!(hit["quote"], "不能");
    assert_eq!((hit["start"].as_u64(), hit["end"].as_u64()), (Some(4), Some(6)));
    assert_eq!(lines[1]["text"], "");
    assert_eq!(lines[1]["hits"], serde_json::json!([]));
    assert_eq!(lines[2]["hits"], serde_json::json!([]), "a polite question is not a refusal");
    assert_eq!(lines[2]["text"], "请问您能不能把户号告诉我？", "the \\r of a CRLF line is not part of the reply");
    let ids: Vec<&str> = lines[3]["hits"].as_array().unwrap().iter().map(|h| h["phrase"].as_str().unwrap()).collect();
    assert_eq!(ids, ["rude.dongbudong", "shirk.buguiwoguan"]);
    assert_eq!(lines[3]["hits"][1]["quote"], "不歸我管", "quoted as typed, traditional characters and all");
    assert_eq!(lines[4]["hits"], serde_json::json!([]));
}

#[test]
fn reads_stdin_without_a_file_and_reports_in_chinese() {
    let out = drill(&["scan"], Some("我们不会让您白跑一趟\n我们不会派人上门修的\n".as_bytes()));
    assert_eq!(code(&out), 1);
    let report = text(&out.stdout);
    assert!(report.contains("第 1 行 ✓ 未发现服务忌语"), "{report}");
    assert!(report.contains("第 2 行 ✗ 发现 1 处服务忌语"), "{report}");
    assert!(report.contains("“不会”") && report.contains("refuse.buhui") && report.contains("建议："), "{report}");
    assert!(report.contains("共 2 行，1 行含服务忌语"), "{report}");

    let clean = drill(&["scan", "-", "--format", "json"], Some("如果您不能亲自来，可以委托家人办理。".as_bytes()));
    assert_eq!(code(&clean), 0);
    assert_eq!(json_lines(&clean).len(), 1);
    let empty = drill(&["scan", "--format", "json"], Some(b""));
    assert_eq!(code(&empty), 0);
    assert!(text(&empty.stdout).is_empty(), "no input line, no output line");
}

#[test]
fn uses_the_banned_list_of_another_scenarios_folder() {
    let dir = scratch("folder");
    std::fs::write(dir.join("index.yaml"), "version: 1\nstandards: standards.yaml\nbanned: banned.yaml\npacks: []\n")
        .expect("index");
    std::fs::copy(root().join("tests/fixtures/standards.yaml"), dir.join("standards.yaml")).expect("standards");
    std::fs::copy(root().join("tests/fixtures/banned.yaml"), dir.join("banned.yaml")).expect("banned");
    let out =
        drill(&["scan", "--scenarios", dir.to_str().unwrap(), "--format", "json"], Some("你怎么还不懂\n".as_bytes()));
    assert!(matches!(code(&out), 0 | 1), "{}", text(&out.stderr));
    assert_eq!(json_lines(&out).len(), 1);
    // The fixture list knows 我们不能 (as a variant) but not the shipped list's 不会.
    let out = drill(
        &["scan", "--scenarios", dir.to_str().unwrap(), "--format", "json"],
        Some("我们不能\n我们不会派人\n".as_bytes()),
    );
    let lines = json_lines(&out);
    assert!(!lines[0]["hits"].as_array().unwrap().is_empty());
    assert!(lines[1]["hits"].as_array().unwrap().is_empty());
}

#[test]
fn unreadable_input_and_a_broken_list_are_clear_messages() {
    let missing = drill(&["scan", "no/such/replies.txt"], None);
    assert_eq!(code(&missing), 2);
    let err = text(&missing.stderr);
    assert!(err.contains("无法读取文件") && err.contains("no/such/replies.txt"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let dir = scratch("bad");
    let latin1 = dir.join("latin1.txt");
    std::fs::write(&latin1, [0xC9u8, 0x74, 0xE9, b'\n']).expect("write");
    let out = drill(&["scan", latin1.to_str().unwrap()], None);
    assert_eq!(code(&out), 2);
    assert!(text(&out.stderr).contains("不是 UTF-8"), "{}", text(&out.stderr));

    std::fs::write(dir.join("index.yaml"), "version: 1\nstandards: standards.yaml\nbanned: banned.yaml\npacks: []\n")
        .expect("index");
    std::fs::copy(root().join("tests/fixtures/standards.yaml"), dir.join("standards.yaml")).expect("standards");
    std::fs::write(
        dir.join("banned.yaml"),
        "version: 1\nphrases:\n  - id: a\n    phrase: 不能\n    standard: BIZ.D\n    category: refusing\n    severity: major\n    instead: 我们可以……\ncontexts:\n  - id: q\n    kind: a_not_b\n",
    )
    .expect("banned");
    let out = drill(&["scan", "--scenarios", dir.to_str().unwrap()], Some("不能办\n".as_bytes()));
    assert_eq!(code(&out), 2);
    let err = text(&out.stderr);
    assert!(err.contains("忌语表无法使用") && err.contains("a_not_a"), "{err}");
    assert!(text(&out.stdout).is_empty(), "nothing is judged against a broken list");

    let out = drill(&["scan", "--scenarios", "no/such/folder"], Some(b"x\n"));
    assert_eq!(code(&out), 2);
    assert!(text(&out.stderr).contains("无法读取文件"), "{}", text(&out.stderr));
}
