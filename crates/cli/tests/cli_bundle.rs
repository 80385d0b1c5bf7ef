//! `drill bundle` as a trainer runs it: the shipped content, a folder with broken packs, and
//! a folder whose catalogue is unusable (nothing written).

use drill_core::bundle::{self, PackIndex};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use support::{fixture_files, root, shipped};

#[path = "../../core/tests/support/mod.rs"]
mod support;

fn drill(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_drill"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("drill runs")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bundle-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

#[test]
fn drill_bundle_writes_the_shipped_content() {
    let out_dir = scratch("shipped");
    let out = out_dir.join("content.json");
    let run = drill(&["bundle", "--out", out.to_str().expect("utf-8 path")]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "stdout:\n{stdout}\nstderr:\n{}", String::from_utf8_lossy(&run.stderr));
    let content = shipped();
    let summary = format!("{} 个题包，{} 道题；0 个文件有错误", content.packs.len(), content.item_count());
    assert!(stdout.contains(&summary), "summary “{summary}” in:\n{stdout}");
    let written = std::fs::read_to_string(&out).expect("written");
    assert_eq!(written, content.to_json(), "the file is the compact bundle of scenarios/");
    let opened = bundle::open(&written).expect("opens");
    // The pack list beside it is the list of what content.json opens to.
    let index = std::fs::read_to_string(out_dir.join(bundle::PACKS_FILE)).expect("packs.json written");
    assert_eq!(bundle::open_index(&index), Ok(PackIndex::of(&opened.library)));
    // No temporary file is left beside them.
    let mut left: Vec<_> =
        std::fs::read_dir(&out_dir).expect("dir").filter_map(Result::ok).map(|e| e.file_name()).collect();
    left.sort();
    assert_eq!(left, ["content.json", "packs.json"], "{left:?}");
}

#[test]
fn drill_bundle_lists_broken_packs_like_check_and_still_writes() {
    let dir = scratch("broken");
    for (name, text) in fixture_files() {
        std::fs::write(dir.join(name), text).expect("write fixture");
    }
    let out = dir.join("out.json");
    let run = drill(&["bundle", dir.to_str().expect("utf-8"), "--out", out.to_str().expect("utf-8")]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "{stdout}");
    // Rendered as `drill check` renders: rustc-style, the file named where it is on disk
    // (not `scenarios/…`, which is only the app's name for it), with the line.
    assert!(stdout.contains("错误[missing-node]"), "{stdout}");
    assert!(stdout.contains(&format!("{}:19:19", dir.join("broken.yaml").display())), "{stdout}");
    assert!(stdout.contains("next: dnoe"), "the offending line is quoted:\n{stdout}");
    assert!(
        stdout.contains("错误[fetch]") && stdout.contains(&dir.join("missing.yaml").display().to_string()),
        "{stdout}"
    );
    assert!(stdout.contains("1 个题包，5 道题；2 个文件有错误"), "{stdout}");
    let opened = bundle::open(&std::fs::read_to_string(&out).expect("written")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(opened.library.broken.len(), 2);
    // The pack list carries the broken files too: the home page shows them beside the packs.
    let index = bundle::open_index(&std::fs::read_to_string(dir.join("packs.json")).expect("written")).expect("opens");
    assert_eq!(index.broken, opened.library.broken);
    assert_eq!(index.packs.len(), 1);
}

#[test]
fn drill_bundle_writes_nothing_when_the_catalogue_is_unusable() {
    let dir = scratch("no-catalogue");
    for (name, text) in fixture_files() {
        std::fs::write(dir.join(name), text).expect("write fixture");
    }
    std::fs::write(dir.join("standards.yaml"), "version: 1\nstandards:\n  - id: bad id\n").expect("write");
    let out = dir.join("content.json");
    std::fs::write(&out, "previous").expect("write");
    let run = drill(&["bundle", dir.to_str().expect("utf-8"), "--out", out.to_str().expect("utf-8")]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("规范标准库有错误"), "{stderr}");
    assert!(stderr.contains("scenarios/standards.yaml"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&out).expect("still there"), "previous", "the old file is left as it was");

    let run = drill(&[
        "bundle",
        dir.join("nowhere").to_str().expect("utf-8"),
        "--out",
        dir.join("other.json").to_str().expect("utf-8"),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("无法读取题库目录"));
    assert!(!dir.join("other.json").exists());
}

#[test]
fn drill_bundle_names_files_the_index_does_not_list_as_check_does() {
    let dir = scratch("unlisted");
    for (name, text) in fixture_files() {
        std::fs::write(dir.join(name), text).expect("write fixture");
    }
    std::fs::write(dir.join("missing.yaml"), support::fixture_files()["good.yaml"].replace("good-", "draft-"))
        .expect("write");
    std::fs::write(dir.join("draft.yaml"), support::fixture_files()["good.yaml"].replace("good-", "draft2-"))
        .expect("write");
    let out = dir.join("content.json");
    let run = drill(&["bundle", dir.to_str().expect("utf-8"), "--out", out.to_str().expect("utf-8")]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("错误[unlisted-file]") && stdout.contains("文件夹中的 draft.yaml 没有在 index.yaml 中登记"),
        "{stdout}"
    );
    // In content.json: a broken entry for the file, which the app's panel shows.
    let opened = bundle::open(&std::fs::read_to_string(&out).expect("written")).unwrap_or_else(|e| panic!("{e}"));
    let entry =
        opened.library.broken.iter().find(|b| b.file == "scenarios/draft.yaml").expect("draft.yaml listed as broken");
    assert_eq!(entry.diagnostics[0].code, "unlisted-file");
    // `drill check` of the folder says the same.
    let check = drill(&["check", "--format", "json", dir.to_str().expect("utf-8")]);
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).expect("json");
    let found = report["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .any(|d| d["code"] == "unlisted-file" && d["message"] == entry.diagnostics[0].message.as_str());
    assert!(found, "{report}");
}
