//! `drill check` as a trainer runs it: the built binary on the shipped content, on every file
//! of the broken corpus (`tests/broken/*.yaml` loader mistakes, `tests/broken/lint/*.yaml`
//! content rules, `tests/broken/cli/<case>/` folder-level checks), exit codes, the JSON
//! structure and the rustc-style human output.
//!
//! Each broken file's first line says what must be reported:
//! `# expect: <code> <line>:<column> <text in the message or hint>`
//! (`cli/` cases: `# expect: <code> <file name> <line>:<column> <text>`).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn drill(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_drill"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("drill runs")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exit code")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The lint codes that are warnings: a file whose only finding is one of these exits 0.
const WARNINGS: [&str; 4] = ["empty-feedback", "best-is-longest", "few-distractors", "single-option-node"];

const FIXTURES: [&str; 4] = ["--standards", "tests/fixtures/standards.yaml", "--banned", "tests/fixtures/banned.yaml"];

fn yaml_in(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

struct Expect {
    code: String,
    file: Option<String>,
    line: u64,
    column: u64,
    text: String,
}

fn expectation(path: &Path, with_file: bool) -> Expect {
    let bytes = std::fs::read(path).expect("readable");
    // A UTF-16 file (byte-order mark, as Notepad saves "Unicode") announces in UTF-16.
    let text = match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => char::decode_utf16(rest.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])))
            .map_while(Result::ok)
            .collect(),
        _ => String::from_utf8_lossy(&bytes).into_owned(),
    };
    let first = text.lines().next().unwrap_or_default();
    let rest = first
        .strip_prefix("# expect:")
        .unwrap_or_else(|| panic!("{}: first line must be `# expect: …`", path.display()))
        .trim();
    let mut parts = rest.splitn(if with_file { 4 } else { 3 }, ' ');
    let code = parts.next().expect("code").to_owned();
    let file = with_file.then(|| parts.next().expect("file").to_owned());
    let (line, column) = parts.next().and_then(|p| p.split_once(':')).expect("line:column");
    Expect {
        code,
        file,
        line: line.parse().expect("line"),
        column: column.parse().expect("column"),
        text: parts.next().unwrap_or("").trim().to_owned(),
    }
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("--format json prints JSON ({e}):\n{}", stdout(out)))
}

/// Whether the JSON report holds the expected diagnostic; a description of what it holds if not.
fn find(report: &Value, e: &Expect) -> Result<Value, String> {
    let list = report["diagnostics"].as_array().expect("diagnostics is a list");
    list.iter()
        .find(|d| {
            d["code"] == e.code.as_str()
                && d["line"] == e.line
                && d["column"] == e.column
                && e.file.as_ref().is_none_or(|f| d["file"].as_str().is_some_and(|df| df.ends_with(&format!("/{f}"))))
                && (d["message"].as_str().unwrap_or_default().contains(&e.text)
                    || d["hint"].as_str().unwrap_or_default().contains(&e.text))
        })
        .cloned()
        .ok_or_else(|| {
            list.iter()
                .map(|d| format!("{}:{}:{} [{}] {}", d["file"], d["line"], d["column"], d["code"], d["message"]))
                .collect::<Vec<_>>()
                .join("\n    ")
        })
}

#[test]
fn shipped_scenarios_are_clean() {
    let out = drill(&["check", "scenarios"]);
    let text = stdout(&out);
    assert_eq!(code(&out), 0, "{text}");
    assert!(text.contains("0 个错误，0 个警告"), "{text}");
    let report = json(&drill(&["check", "scenarios", "--format", "json"]));
    assert_eq!((report["errors"].as_u64(), report["warnings"].as_u64()), (Some(0), Some(0)));
    assert!(report["files"].as_u64().unwrap_or_default() >= 10, "{report}");
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["check"],
        vec!["check", "no/such/folder"],
        vec!["check", "--format", "xml", "scenarios"],
        vec!["chek", "scenarios"],
    ] {
        let out = drill(&args);
        assert_eq!(code(&out), 2, "drill {args:?}: {}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn every_broken_file_is_reported_by_the_cli() {
    let mut failures = Vec::new();
    let files: Vec<PathBuf> = yaml_in("tests/broken").into_iter().chain(yaml_in("tests/broken/lint")).collect();
    assert!(files.len() >= 40, "{}", files.len());
    for path in &files {
        let rel = path.strip_prefix(root()).expect("in the repo").to_string_lossy().into_owned();
        let e = expectation(path, false);
        let mut args = vec!["check", "--format", "json"];
        args.extend(FIXTURES);
        args.push(&rel);
        let out = drill(&args);
        let report = json(&out);
        let errors = report["errors"].as_u64().unwrap_or_default();
        // Errors → exit 1; a file whose only finding is a warning → exit 0.
        let expected_exit = i32::from(errors > 0);
        if code(&out) != expected_exit || (!WARNINGS.contains(&e.code.as_str()) && errors == 0) {
            failures.push(format!("{rel}: exit {} with {errors} errors", code(&out)));
            continue;
        }
        match find(&report, &e) {
            Ok(d) => {
                if !d["file"].as_str().is_some_and(|f| f.ends_with(path.file_name().unwrap().to_str().unwrap()))
                    || d["message"].as_str().is_none_or(str::is_empty)
                {
                    failures.push(format!("{rel}: incomplete diagnostic {d}"));
                }
            }
            Err(got) => failures.push(format!(
                "{rel}: expected {} at {}:{} mentioning “{}”, got:\n    {got}",
                e.code, e.line, e.column, e.text
            )),
        }
    }
    assert!(failures.is_empty(), "{} of {} files:\n{}", failures.len(), files.len(), failures.join("\n"));
}

#[test]
fn folder_level_checks() {
    // missing-file, unlisted-file, allow-without-phrase: the whole folder;
    // cross-pack-duplicate: one file, checked against the other packs its index.yaml lists —
    // the newer pack is blamed whichever of the two is checked.
    for (case, target) in [
        ("missing-file", "tests/broken/cli/missing-file"),
        ("unlisted-file", "tests/broken/cli/unlisted-file"),
        ("allow-without-phrase", "tests/broken/cli/allow-without-phrase"),
        ("cross-pack-duplicate", "tests/broken/cli/cross-pack-duplicate/second.yaml"),
        ("cross-pack-duplicate", "tests/broken/cli/cross-pack-duplicate/first.yaml"),
    ] {
        let dir = root().join("tests/broken/cli").join(case);
        let carrier = std::fs::read_dir(&dir)
            .expect("case dir")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.starts_with("# expect:")))
            .expect("a file announcing the expectation");
        let e = expectation(&carrier, true);
        let out = drill(&["check", "--format", "json", target]);
        assert_eq!(code(&out), 1, "{case}: {}", stdout(&out));
        if let Err(got) = find(&json(&out), &e) {
            panic!("{case}: expected {} in {:?} at {}:{}, got:\n    {got}", e.code, e.file, e.line, e.column);
        }
    }
    // The whole duplicate folder: the second pack is the broken one, told to change its id,
    // and the message names where the first one uses it.
    let report = json(&drill(&["check", "--format", "json", "tests/broken/cli/cross-pack-duplicate"]));
    assert_eq!(report["errors"], 1, "{report}");
    let d = &report["diagnostics"].as_array().expect("list").iter().find(|d| d["code"] == "duplicate-id").expect("dup");
    assert!(d["file"].as_str().is_some_and(|f| f.ends_with("second.yaml")), "{d}");
    assert!(d["message"].as_str().is_some_and(|m| m.contains("first.yaml:7:9")), "{d}");
    assert!(d["hint"].as_str().is_some_and(|h| h.contains("second") && h.contains("不要改 first")), "{d}");
}

#[test]
fn a_folder_without_a_phrasebook_is_a_warning_in_check_and_bundle_alike() {
    let dir = root().join("tests/broken/cli/missing-file");
    let report = json(&drill(&["check", "--format", "json", "tests/broken/cli/missing-file"]));
    let warning = report["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .find(|d| d["code"] == "missing-file" && d["level"] == "warning")
        .cloned()
        .unwrap_or_else(|| panic!("no phrasebook warning in {report}"));
    let out = std::env::temp_dir().join(format!("drill-nopb-{}", std::process::id()));
    std::fs::create_dir_all(&out).expect("scratch");
    let run =
        drill(&["bundle", dir.to_str().expect("utf-8"), "--out", out.join("content.json").to_str().expect("utf-8")]);
    let text = stdout(&run);
    assert_eq!(code(&run), 0, "{text}");
    // The same warning, naming the folder's own file (not `scenarios/phrasebook.yaml`).
    assert!(text.contains("警告[missing-file]") && text.contains(warning["message"].as_str().unwrap_or("?")), "{text}");
    assert!(text.contains(&dir.join("phrasebook.yaml").display().to_string()), "{text}");
    assert!(!text.contains("scenarios/phrasebook.yaml"), "{text}");
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn json_structure() {
    let mut args = vec!["check", "--format", "json"];
    args.extend(FIXTURES);
    args.extend(["tests/broken/04-typo-optons.yaml", "tests/broken/lint/04-empty-feedback.yaml"]);
    let out = drill(&args);
    assert_eq!(code(&out), 1);
    let report = json(&out);
    assert_eq!(report["files"], 2);
    let list = report["diagnostics"].as_array().expect("list");
    assert_eq!(report["errors"].as_u64().unwrap() + report["warnings"].as_u64().unwrap(), list.len() as u64);
    assert!(report["warnings"].as_u64().unwrap() >= 1);
    for d in list {
        for key in ["level", "code", "file", "path", "message", "hint"] {
            assert!(d[key].is_string(), "{key} in {d}");
        }
        assert!(d["line"].as_u64().is_some_and(|l| l > 0) && d["column"].as_u64().is_some_and(|c| c > 0), "{d}");
        assert!(["error", "warning"].contains(&d["level"].as_str().unwrap()), "{d}");
    }
}

#[test]
fn human_output_is_rustc_style() {
    let mut args = vec!["check"];
    args.extend(FIXTURES);
    args.push("tests/broken/04-typo-optons.yaml");
    let out = drill(&args);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    // Title with level and code, the location, the offending line with its number, the
    // marker under the field, the hint, the totals.
    for expected in [
        "错误[unknown-field]",
        "--> tests/broken/04-typo-optons.yaml:12:5",
        "12 |     optons:",
        "^^^^^^^ 第 1 题 › optons",
        "提示: 把 `optons` 改成 `options`",
        "检查了 1 个文件：2 个错误，0 个警告",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // A warning alone: reported, exit 0.
    let mut args = vec!["check"];
    args.extend(FIXTURES);
    args.push("tests/broken/lint/04-empty-feedback.yaml");
    let out = drill(&args);
    let text = stdout(&out);
    assert_eq!(code(&out), 0, "{text}");
    assert!(
        text.contains("警告[empty-feedback]")
            && text.contains("--> tests/broken/lint/04-empty-feedback.yaml:16:15")
            && text.contains("^"),
        "{text}"
    );
}
