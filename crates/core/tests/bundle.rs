//! The content bundle (`content.json`, `drill_core::bundle`): the scenario folder compiled
//! once by `drill bundle`, opened by the app without any YAML.
//!
//! - the shipped `scenarios/` compiles, round-trips through JSON, and opens to exactly what
//!   the YAML loader gives (packs, catalogue, banned list, phrasebook);
//! - compiling keeps the app's semantics for broken and missing files;
//! - a tampered bundle is refused with a message naming what is wrong, for every integrity
//!   rule, a wrong format (older and newer), a truncated file and non-JSON;
//! - `open` never panics on arbitrary edits (every leaf of a bundle replaced by hostile
//!   values, and random text edits), and whatever it accepts can be played and scored;
//! - the pack list (`packs.json`) summarises the content and refuses a bad file.
//!
//! `drill bundle` as a trainer runs it is tested in `crates/cli/tests/cli_bundle.rs`.

use drill_core::bundle::{self, BundleError, BundledPhrasebook, ContentBundle, OpenedBundle, PackIndex, BUNDLE_FORMAT};
use drill_core::load::{load_banned, load_catalogue, load_index, Library, Source};
use drill_core::phrasebook::{load_phrasebook, Phrasebook};
use drill_core::scenario::ItemBody;
use drill_core::score::dialogue::State;
use drill_core::score::{score, step_findings, Answer};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use support::{fixture_files, root, shipped};

mod support;

fn compile_files(files: &BTreeMap<String, String>) -> Result<ContentBundle, bundle::CompileFailure> {
    bundle::compile(|name| files.get(name).cloned().ok_or_else(|| "服务器返回 404 Not Found".to_owned()))
}

/// The fixture folder with only loadable packs (so every tamper below is the only fault).
fn clean_fixture_json() -> Value {
    let mut files = fixture_files();
    files.insert(
        "index.yaml".to_owned(),
        "version: 1\nstandards: standards.yaml\nbanned: banned.yaml\npacks:\n  - good.yaml\n".to_owned(),
    );
    let content = compile_files(&files).expect("fixture compiles");
    assert!(content.broken.is_empty(), "{:?}", content.broken);
    serde_json::from_str(&content.to_json()).expect("JSON")
}

// ------------------------------------------------------------------ shipped content

#[test]
fn shipped_content_opens_to_what_the_yaml_loader_gives() {
    let dir = root().join("scenarios");
    let read = |name: &str| {
        Source::new(format!("scenarios/{name}"), std::fs::read_to_string(dir.join(name)).expect("shipped file"))
    };
    let index = load_index(&read("index.yaml")).expect("index");
    let catalogue = load_catalogue(&read(&index.standards)).expect("standards");
    let banned = load_banned(&read(&index.banned), &catalogue).expect("banned");
    let phrasebook = load_phrasebook(&read("phrasebook.yaml"), &catalogue).expect("phrasebook");
    let packs: Vec<Source> = index.packs.iter().map(|p| read(p)).collect();
    let direct = Library::build(catalogue, banned, &packs);

    let content = shipped();
    assert_eq!(content.format, BUNDLE_FORMAT);
    let json = content.to_json();
    assert!(!json.contains('\n'), "compact by default");
    let back = bundle::parse(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, content, "the bundle round-trips through JSON unchanged (serde writes, bundle::read reads)");

    let OpenedBundle { library, phrasebook: opened_book } = bundle::open(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(library.packs.len(), index.packs.len());
    assert_eq!(library.packs, direct.packs);
    assert_eq!(library.catalogue, direct.catalogue);
    assert_eq!(library.banned, direct.banned);
    assert_eq!(library.broken, direct.broken);
    assert_eq!(library.warnings, direct.warnings);
    assert_eq!(opened_book, BundledPhrasebook::Loaded(phrasebook));
    // Files keep the names the app showed (`Pack::source`, diagnostics).
    assert_eq!(library.packs[0].source, format!("scenarios/{}", index.packs[0]));
    // The matcher is rebuilt: it finds what the loader's finds.
    let text = "这个不归我管，你懂不懂？";
    assert_eq!(library.taboo.find(text), direct.taboo.find(text));
    // The content fingerprint in exported results is the same either way.
    assert_eq!(
        drill_core::results::export::content_version(&library),
        drill_core::results::export::content_version(&direct)
    );
    // Pretty output is the same content.
    assert_eq!(bundle::parse(&content.to_json_pretty()).expect("pretty parses"), content);

    // The trainee app's reading, phrasebook skipped, gives the same library.
    let packs_only = bundle::open_packs(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (&packs_only.packs, &packs_only.catalogue, &packs_only.banned),
        (&library.packs, &library.catalogue, &library.banned)
    );
    assert_eq!(packs_only.content_version, library.content_version);
    assert_eq!(packs_only.taboo.find(text), library.taboo.find(text));
}

#[test]
fn open_packs_skips_the_phrasebook_but_checks_everything_else() {
    let mut value: serde_json::Value = serde_json::from_str(&shipped().to_json()).expect("JSON");
    // A phrasebook the trainee app never shows cannot stop its packs…
    value["phrasebook"] = serde_json::json!({"loaded": {"entries": [{"id": "x", "standard": "NOPE.RULE"}]}});
    let json = value.to_string();
    assert!(bundle::open(&json).is_err(), "the full reading checks the phrasebook");
    assert!(bundle::open_packs(&json).is_ok(), "the packs-only reading does not read it");
    // …but the packs are checked as strictly as ever.
    value["packs"][0]["items"][0]["standards"] = serde_json::json!(["NOPE.RULE"]);
    let err = bundle::open_packs(&value.to_string()).expect_err("a rule the catalogue lacks");
    assert!(matches!(err, BundleError::Inconsistent(_)), "{err:?}");
}

// ------------------------------------------------------------------ compile semantics

#[test]
fn a_broken_pack_is_set_aside_with_its_diagnostics_and_the_others_load() {
    let content = compile_files(&fixture_files()).expect("compiles");
    assert_eq!(content.packs.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["good-pack"]);
    assert_eq!(content.packs[0].source, "scenarios/good.yaml");
    let files: Vec<&str> = content.broken.iter().map(|b| b.file.as_str()).collect();
    assert_eq!(
        files,
        ["scenarios/broken.yaml", "scenarios/missing.yaml"],
        "loader's broken packs first, then unreadable files, as the app did"
    );

    let broken = &content.broken[0];
    assert_eq!(broken.title.as_deref(), Some("坏题包"));
    let d = broken.diagnostics.iter().find(|d| d.code == "missing-node").expect("missing-node reported");
    assert_eq!((d.file.as_str(), d.line, d.column), ("scenarios/broken.yaml", 19, 19));
    assert!(d.message.contains("dnoe"), "{}", d.message);

    let missing = &content.broken[1];
    assert_eq!(missing.title, None);
    assert_eq!(missing.diagnostics.len(), 1);
    assert_eq!(missing.diagnostics[0].code, "fetch");
    assert_eq!(missing.diagnostics[0].file, "scenarios/missing.yaml");
    assert!(missing.diagnostics[0].message.contains("404"), "{}", missing.diagnostics[0].message);

    assert_eq!(content.banned.phrases.len(), 2);
    assert!(matches!(&content.phrasebook, BundledPhrasebook::Loaded(f) if f.entries.len() == 1));

    // The broken packs travel to the app and come out of `open` unchanged.
    let opened = bundle::open(&content.to_json()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(opened.library.broken, content.broken);
    assert_eq!(opened.library.packs, content.packs);
}

#[test]
fn a_broken_banned_list_disables_banned_phrase_checks_but_packs_load() {
    let mut files = fixture_files();
    files.insert("banned.yaml".to_owned(), "version: 1\nphrases:\n  - id: x\n    phrase: 不能\n    standard: NOPE.RULE\n    category: refusing\n    severity: major\n    instead: 可以\n".to_owned());
    let content = compile_files(&files).expect("compiles");
    assert!(content.banned.phrases.is_empty());
    let entry =
        content.broken.iter().find(|b| b.file == "scenarios/banned.yaml").expect("banned list listed as broken");
    assert_eq!(entry.title.as_deref(), Some("服务忌语表（本次未启用忌语检查）"));
    assert!(entry.diagnostics.iter().any(|d| d.code == "unknown-rule"), "{:?}", entry.diagnostics);
    assert_eq!(content.packs.len(), 1);

    files.remove("banned.yaml");
    let content = compile_files(&files).expect("compiles");
    let entry = content.broken.iter().find(|b| b.file == "scenarios/banned.yaml").expect("listed");
    assert_eq!(entry.title.as_deref(), Some("服务忌语表（本次未启用忌语检查）"));
    assert_eq!(entry.diagnostics[0].code, "fetch");
    assert_eq!(content.packs.len(), 1);
}

#[test]
fn index_and_catalogue_are_essential() {
    let mut files = fixture_files();
    files.remove("index.yaml");
    let failure = compile_files(&files).expect_err("no index");
    assert_eq!(failure.title, "无法读取题库目录");
    assert!(failure.detail.starts_with("scenarios/index.yaml："), "{}", failure.detail);

    let mut files = fixture_files();
    files.insert("index.yaml".to_owned(), "version: 1\nstandards: standards.yaml\npacks: [good.yaml]\n".to_owned());
    let failure = compile_files(&files).expect_err("index without banned");
    assert_eq!(failure.title, "题库目录有错误");
    assert!(!failure.diagnostics.is_empty());
    assert!(failure.diagnostics.iter().all(|d| d.file == "scenarios/index.yaml"));

    let mut files = fixture_files();
    files.remove("standards.yaml");
    let failure = compile_files(&files).expect_err("no catalogue");
    assert_eq!(failure.title, "无法读取规范标准库");
    assert!(failure.detail.contains("scenarios/standards.yaml"), "{}", failure.detail);

    let mut files = fixture_files();
    files.insert("standards.yaml".to_owned(), "version: 1\nstandards: []\n".to_owned());
    let failure = compile_files(&files).expect_err("empty catalogue");
    assert_eq!(failure.title, "规范标准库有错误");
    assert!(failure.diagnostics.iter().any(|d| d.file == "scenarios/standards.yaml"), "{:?}", failure.diagnostics);
    assert!(failure.detail.contains("drill bundle"), "{}", failure.detail);
}

#[test]
fn a_missing_or_broken_phrasebook_is_reported_and_nothing_else_changes() {
    let mut files = fixture_files();
    files.remove("phrasebook.yaml");
    let content = compile_files(&files).expect("compiles");
    match &content.phrasebook {
        BundledPhrasebook::Broken(b) => {
            assert_eq!(b.file, "scenarios/phrasebook.yaml");
            assert!(b.detail.starts_with("scenarios/phrasebook.yaml：") && b.detail.contains("404"), "{}", b.detail);
            assert!(b.diagnostics.is_empty());
        }
        other => panic!("expected broken, got {other:?}"),
    }
    assert_eq!(content.packs.len(), 1);

    files.insert("phrasebook.yaml".to_owned(), "version: 1\nentries:\n  - id: a\n    situation: repair\n    cue: 提示\n    line: 说法\n    standard: NOPE.RULE\n".to_owned());
    let content = compile_files(&files).expect("compiles");
    let BundledPhrasebook::Broken(b) = &content.phrasebook else { panic!("broken phrasebook expected") };
    assert!(
        b.diagnostics.iter().any(|d| d.code == "unknown-rule" && d.file == "scenarios/phrasebook.yaml"),
        "{:?}",
        b.diagnostics
    );
    let opened = bundle::open(&content.to_json()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(opened.phrasebook, content.phrasebook);
}

/// JSON numbers are read back by serde_json's fast parser (no `float_roundtrip`), which may
/// land one ulp away from a sum such as 0.7 + 0.4. Such a maximum still opens, within 1e-9.
#[test]
fn a_computed_maximum_json_cannot_carry_exactly_opens_within_a_billionth() {
    let mut files = fixture_files();
    files.insert(
        "index.yaml".to_owned(),
        "version: 1\nstandards: standards.yaml\nbanned: banned.yaml\npacks: [d.yaml]\n".to_owned(),
    );
    files.insert(
        "d.yaml".to_owned(),
        "version: 1\nid: d\ntitle: 小数\ncategory: repair\npass_mark: 80\nitems:\n  - id: d-1\n    kind: dialogue\n    standards: [REPAIR.ASK]\n    prompt: 停电\n    start: a\n    nodes:\n      a:\n        options:\n          - { text: 问, score: 0.7, next: b }\n      b:\n        options:\n          - { text: 派, score: 0.4, next: end }\n      end:\n        ending: { outcome: 已派单, result: good }\n"
            .to_owned(),
    );
    let content = compile_files(&files).expect("compiles");
    assert!(content.broken.is_empty(), "{:?}", content.broken);
    let compiled = content.packs[0].items[0].max_points();
    let opened = bundle::open(&content.to_json()).unwrap_or_else(|e| panic!("{e}"));
    let read = opened.library.packs[0].items[0].max_points();
    assert!((compiled - read).abs() < 1e-9, "{compiled} vs {read}");
}

// ------------------------------------------------------------------ tampered bundles

fn open_value(v: &Value) -> Result<OpenedBundle, BundleError> {
    bundle::open(&serde_json::to_string(v).expect("JSON"))
}

/// Sets the value at `pointer`, adding the last key to its object if absent (empty fields
/// are left out of the JSON).
fn set(v: &mut Value, pointer: &str, to: Value) {
    if let Some(slot) = v.pointer_mut(pointer) {
        *slot = to;
        return;
    }
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
    let object = v
        .pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no object {parent} in the fixture bundle"));
    object.insert(key.to_owned(), to);
}

/// Appends a copy of the first element of the array at `pointer`.
fn repeat_first(v: &mut Value, pointer: &str) {
    let list = v.pointer_mut(pointer).and_then(Value::as_array_mut).unwrap_or_else(|| panic!("no array at {pointer}"));
    let first = list[0].clone();
    list.push(first);
}

/// Each integrity rule, broken on its own, names what is wrong and says to re-run
/// `drill bundle`.
#[test]
fn every_integrity_rule_refuses_a_tampered_bundle() {
    let base = clean_fixture_json();
    assert!(open_value(&base).is_ok(), "the untouched bundle opens");
    // items: 0 choice, 1 multi, 2 order, 3 reply, 4 dialogue (tests/fixtures/good.yaml).
    let dlg = "/packs/0/items/4/body";
    type Tamper = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Tamper, &str)> = vec![
        (
            "duplicate standard",
            Box::new(|v| repeat_first(v, "/catalogue/standards")),
            "规范编号 HALL.ENTER.2M 在标准库中出现了两次",
        ),
        (
            "duplicate banned phrase",
            Box::new(|v| repeat_first(v, "/banned/phrases")),
            "忌语编号 refuse.buneng 出现了两次",
        ),
        (
            "banned phrase's rule",
            Box::new(|v| set(v, "/banned/phrases/0/standard", json!("NOPE.RULE"))),
            "忌语 refuse.buneng引用了标准库中没有的规范编号 NOPE.RULE",
        ),
        ("duplicate pack", Box::new(|v| repeat_first(v, "/packs")), "题包编号 good-pack 出现了两次"),
        (
            "item id in two packs",
            Box::new(|v| {
                let mut other = v["packs"][0].clone();
                other["id"] = json!("other-pack");
                v["packs"].as_array_mut().unwrap().push(other);
            }),
            "题目编号 good-choice 出现了两次",
        ),
        ("pass mark", Box::new(|v| set(v, "/packs/0/pass_mark", json!(150))), "及格线 150 不在 0–100 之间"),
        ("no items", Box::new(|v| set(v, "/packs/0/items", json!([]))), "题包 good-pack 没有任何题目"),
        (
            "item rule",
            Box::new(|v| set(v, "/packs/0/items/0/standards/0", json!("NOPE.RULE"))),
            "题目 good-choice 引用了标准库中没有的规范编号 NOPE.RULE",
        ),
        (
            "no item rule",
            Box::new(|v| set(v, "/packs/0/items/0/standards", json!([]))),
            "题目 good-choice 没有考查任何规范",
        ),
        (
            "option rule",
            Box::new(|v| set(v, "/packs/0/items/0/body/options/1/standards/0", json!("NOPE.RULE"))),
            "第 2 个选项引用了标准库中没有的规范编号 NOPE.RULE",
        ),
        (
            "no options",
            Box::new(|v| set(v, "/packs/0/items/0/body/options", json!([]))),
            "题目 good-choice 没有任何选项",
        ),
        (
            "negative score",
            Box::new(|v| set(v, "/packs/0/items/0/body/options/0/score", json!(-5))),
            "第 1 个选项的分数 -5 无效",
        ),
        (
            "best score zero",
            Box::new(|v| set(v, "/packs/0/items/0/body/options", json!([{ "text": "a", "score": 0, "feedback": "" }]))),
            "题目 good-choice 的满分 0 不是正数",
        ),
        (
            "multi without correct",
            Box::new(|v| set(v, "/packs/0/items/1/body/options", json!([{ "text": "a", "correct": false }]))),
            "题目 good-multi 没有任何正确选项",
        ),
        (
            "order of one step",
            Box::new(|v| set(v, "/packs/0/items/2/body/steps", json!(["只有一步"]))),
            "只有 1 个步骤，无从排序",
        ),
        (
            "no elements",
            Box::new(|v| set(v, "/packs/0/items/3/body/elements", json!([]))),
            "题目 good-reply 没有任何要点",
        ),
        (
            "element rule",
            Box::new(|v| set(v, "/packs/0/items/3/body/elements/1/standard", json!("NOPE.RULE"))),
            "第 2 个要点引用了标准库中没有的规范编号 NOPE.RULE",
        ),
        (
            "element without wordings",
            Box::new(|v| set(v, "/packs/0/items/3/body/elements/0/any", json!([]))),
            "第 1 个要点没有任何说法",
        ),
        (
            "dialogue start",
            Box::new(move |v| set(v, &format!("{dlg}/start"), json!("nowhere"))),
            "开场节点 nowhere 不存在",
        ),
        (
            "option next",
            Box::new(move |v| set(v, &format!("{dlg}/nodes/open/step/options/0/next"), json!("nowhere"))),
            "节点 open 第 1 个回答指向不存在的节点 nowhere",
        ),
        (
            "branch next",
            Box::new(move |v| set(v, &format!("{dlg}/nodes/open/step/options/1/branches/0/next"), json!("limbo"))),
            "节点 open 第 2 个回答指向不存在的节点 limbo",
        ),
        (
            "option rule",
            Box::new(move |v| set(v, &format!("{dlg}/nodes/open/step/options/0/standards"), json!(["NOPE.RULE"]))),
            "节点 open 第 1 个回答引用了标准库中没有的规范编号 NOPE.RULE",
        ),
        (
            "requirement rule",
            Box::new(move |v| {
                set(v, &format!("{dlg}/nodes/open/step/options/1/requires/0/standard"), json!("NOPE.RULE"))
            }),
            "第 2 个回答引用了标准库中没有的规范编号 NOPE.RULE",
        ),
        (
            "negative penalty",
            Box::new(move |v| set(v, &format!("{dlg}/nodes/open/step/options/1/requires/0/penalty"), json!(-1))),
            "第 2 个回答的扣分 -1 无效",
        ),
        (
            "node without replies",
            Box::new(move |v| set(v, &format!("{dlg}/nodes/scope/step"), json!({ "options": [] }))),
            "节点 scope 既没有回答也不是结局",
        ),
        (
            "no ending",
            Box::new(move |v| {
                let stay = json!({ "options": [{ "text": "等", "score": 0, "feedback": "", "next": "open" }] });
                set(v, &format!("{dlg}/nodes/dispatched/step"), stay.clone());
                set(v, &format!("{dlg}/nodes/escalated/step"), stay);
            }),
            "的对话没有任何结局节点",
        ),
        (
            "mood scale",
            Box::new(move |v| set(v, &format!("{dlg}/mood"), json!({ "start": 0, "min": 3, "max": -3 }))),
            "情绪设置 start: 0, min: 3, max: -3 无效",
        ),
        ("mood start outside", Box::new(move |v| set(v, &format!("{dlg}/mood/start"), json!(9))), "情绪设置 start: 9"),
        (
            "mood change overflows",
            Box::new(move |v| set(v, &format!("{dlg}/nodes/open/step/options/0/mood"), json!(i32::MAX))),
            "第 1 个回答的情绪变化 2147483647 超出范围",
        ),
        ("dialogue maximum", Box::new(move |v| set(v, &format!("{dlg}/max_points"), json!(0))), "对话满分 0 不是正数"),
        (
            "phrasebook rule",
            Box::new(|v| set(v, "/phrasebook/loaded/entries/0/standard", json!("NOPE.RULE"))),
            "规范用语手册的 repair-scope引用了标准库中没有的规范编号 NOPE.RULE",
        ),
        (
            "phrasebook id",
            Box::new(|v| repeat_first(v, "/phrasebook/loaded/entries")),
            "规范用语手册的编号 repair-scope 出现了两次",
        ),
    ];
    for (name, tamper, expected) in cases {
        let mut v = base.clone();
        tamper(&mut v);
        match open_value(&v) {
            Err(e @ BundleError::Inconsistent(_)) => {
                let detail = e.detail();
                assert!(detail.contains(expected), "{name}: expected “{expected}” in “{detail}”");
                assert!(detail.contains("drill bundle"), "{name}: says what to do: {detail}");
                assert_eq!(e.title(), "题库数据文件内容有误");
            }
            other => panic!("{name}: expected an integrity error, got {:?}", other.map(|_| "opened")),
        }
    }
}

#[test]
fn a_bundle_of_another_format_is_refused_with_which_way_to_go() {
    let base = clean_fixture_json();
    let mut older = base.clone();
    older["format"] = json!(0);
    let e = open_value(&older).expect_err("older refused");
    assert_eq!(e, BundleError::WrongFormat { found: 0 });
    assert_eq!(e.title(), "题库数据文件版本过旧");
    assert!(e.detail().contains("drill bundle"), "{}", e.detail());

    // A newer format may be shaped differently: still reported as a newer format.
    let newer = json!({ "format": BUNDLE_FORMAT + 1, "content": { "everything": "moved" } });
    let e = open_value(&newer).expect_err("newer refused");
    assert_eq!(e, BundleError::WrongFormat { found: BUNDLE_FORMAT + 1 });
    assert_eq!(e.title(), "题库数据文件版本过新");
    let mut newer_same_shape = base.clone();
    newer_same_shape["format"] = json!(BUNDLE_FORMAT + 1);
    assert_eq!(open_value(&newer_same_shape).err(), Some(BundleError::WrongFormat { found: BUNDLE_FORMAT + 1 }));
}

#[test]
fn truncated_non_json_and_misshapen_files_are_refused() {
    let json = serde_json::to_string(&clean_fixture_json()).expect("JSON");
    for cut in [1, json.len() / 3, json.len() / 2, json.len() - 1] {
        let at = (0..=cut).rev().find(|&i| json.is_char_boundary(i)).unwrap_or(0);
        let e = bundle::open(&json[..at]).expect_err("truncated refused");
        assert_eq!(e, BundleError::Truncated, "cut at {at}");
        assert_eq!(e.title(), "题库数据文件不完整");
    }
    assert_eq!(bundle::open("").err(), Some(BundleError::Truncated));

    let e = bundle::open("<!doctype html><title>404</title>").expect_err("HTML refused");
    assert!(matches!(e, BundleError::NotJson(_)), "{e:?}");
    assert!(e.detail().contains("drill bundle"), "{}", e.detail());

    let mut v = clean_fixture_json();
    v.as_object_mut().unwrap().remove("catalogue");
    let e = open_value(&v).expect_err("misshapen refused");
    assert!(matches!(&e, BundleError::Malformed(why) if why.contains("catalogue")), "{e:?}");

    // A field of the wrong type is named by its path.
    let mut v = clean_fixture_json();
    set(&mut v, "/packs/0/items/1/prompt", json!(7));
    let e = open_value(&v).expect_err("misshapen refused");
    assert!(
        matches!(&e, BundleError::Malformed(why) if why.contains("packs[0].items[1].prompt") && why.contains("应为文本")),
        "{e:?}"
    );

    // A results file is JSON with a `format` too, but not a bundle.
    let e = bundle::open(r#"{"kind":"service-drill-results","format":1,"attempts":[]}"#).expect_err("refused");
    assert!(matches!(e, BundleError::Malformed(_)), "{e:?}");

    // A byte-order mark added by an editor is tolerated.
    assert!(bundle::open(&format!("\u{feff}{json}")).is_ok());
}

// ------------------------------------------------------------------ never panics

/// Plays and scores everything an opened bundle holds, the way the app does: what `open`
/// accepts must never make the player or the scorer panic.
fn play_everything(opened: &OpenedBundle) {
    let lib = &opened.library;
    for pack in &lib.packs {
        let _ = pack.max_points();
        for item in &pack.items {
            let mut answers = vec![
                Answer::Choice { option: 0 },
                Answer::Choice { option: 7 },
                Answer::Multi { selected: vec![0, 1] },
                Answer::Order { order: vec![1, 0, 2, 3] },
                Answer::Reply { text: "真是抱歉，这不能办，你懂不懂".into() },
            ];
            match &item.body {
                ItemBody::Order(o) => answers.push(Answer::Order { order: (0..o.steps.len()).rev().collect() }),
                ItemBody::Reply(r) => answers.push(Answer::Reply { text: r.model_answer.clone() }),
                ItemBody::Dialogue(d) => {
                    // Always the first reply, to an ending (or a bounded number of steps).
                    let mut state = State::start(d);
                    let mut path = Vec::new();
                    for _ in 0..=d.nodes.len() {
                        let Some(step) = state.step(d, 0) else { break };
                        let _ = step_findings(d, &state, &step, &item.standards);
                        path.push(step.option);
                        state = step.next;
                    }
                    let _ = state.ending(d);
                    answers.push(Answer::Dialogue { path });
                }
                _ => {}
            }
            for answer in &answers {
                let outcome = score(item, answer, &lib.taboo);
                assert!(outcome.points >= 0.0 && outcome.points <= outcome.max.max(0.0) + 1e-9, "{outcome:?}");
            }
        }
    }
    if let BundledPhrasebook::Loaded(file) = &opened.phrasebook {
        let _ = Phrasebook::new(file, &lib.banned);
    }
}

/// Every leaf of the fixture bundle replaced, one at a time, by each of a set of hostile
/// values: `open` returns, and whatever it accepts can be played.
#[test]
fn open_never_panics_when_any_value_is_replaced() {
    fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                m.iter().for_each(|(k, x)| leaves(x, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out))
            }
            Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| leaves(x, format!("{at}/{i}"), out)),
            _ => out.push(at),
        }
    }
    let base = clean_fixture_json();
    let mut paths = Vec::new();
    leaves(&base, String::new(), &mut paths);
    assert!(paths.len() > 100, "the fixture has {} leaves", paths.len());
    let hostile = [
        json!(null),
        json!(-1),
        json!(0),
        json!(1e300),
        json!(i64::from(i32::MIN)),
        json!(u64::MAX),
        json!(""),
        json!("open"),
        json!("NOPE.RULE"),
        json!([]),
        json!({}),
    ];
    let (mut opened, mut refused) = (0, 0);
    for path in &paths {
        for value in &hostile {
            let mut v = base.clone();
            set(&mut v, path, value.clone());
            match open_value(&v) {
                Ok(o) => {
                    play_everything(&o);
                    opened += 1;
                }
                Err(e) => {
                    assert!(!e.detail().is_empty());
                    refused += 1;
                }
            }
        }
    }
    assert!(opened > 0 && refused > 0, "opened {opened}, refused {refused}");
}

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, &'static str),
    Replace(usize, char),
}

fn apply(text: &str, edit: &Edit) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = |i: usize| i % (chars.len() + 1);
    let mut out = chars.clone();
    match *edit {
        Edit::Delete(i, n) => {
            let from = at(i);
            out.drain(from..(from + n).min(chars.len()));
        }
        Edit::Insert(i, s) => {
            let from = at(i);
            out.splice(from..from, s.chars());
        }
        Edit::Replace(i, c) => {
            if !chars.is_empty() {
                out[i % chars.len()] = c;
            }
        }
    }
    out.into_iter().collect()
}

fn edit() -> impl Strategy<Value = Edit> {
    let tokens = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "null",
        "-1",
        "0",
        "1e999",
        "\"x\"",
        "\"open\"",
        "[]",
        "{}",
        "\\u0000",
        "\"format\":2,",
    ]);
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(i, n)| Edit::Delete(i, n)),
        (any::<usize>(), tokens).prop_map(|(i, s)| Edit::Insert(i, s)),
        (any::<usize>(), prop::sample::select(vec!['0', '9', '-', '"', ',', '}', 'x', '中']))
            .prop_map(|(i, c)| Edit::Replace(i, c)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Random text edits (one to three) anywhere in a bundle: `open` never panics.
    #[test]
    fn open_never_panics_on_text_edits(edits in prop::collection::vec(edit(), 1..4)) {
        let mut text = serde_json::to_string(&clean_fixture_json()).expect("JSON");
        for e in &edits {
            text = apply(&text, e);
        }
        if let Ok(opened) = bundle::open(&text) {
            play_everything(&opened);
        }
    }
}

// ------------------------------------------------------------------ the pack list

#[test]
fn the_pack_list_summarises_every_pack_and_reads_back() {
    let content = shipped();
    let library = bundle::open(&content.to_json()).expect("opens").library;
    let index = PackIndex::of(&library);
    assert_eq!(index.content_version, library.content_version);
    for (summary, pack) in index.packs.iter().zip(&library.packs) {
        assert_eq!(
            (&summary.id, &summary.title, summary.category, summary.pass_mark),
            (&pack.id, &pack.title, pack.category, pack.pass_mark)
        );
        assert_eq!(summary.max_points, pack.max_points());
        assert_eq!(summary.items, pack.items.iter().map(|i| i.id.clone()).collect::<Vec<_>>());
        assert!(summary.has_item(&pack.items[0].id) && !summary.has_item("no-such-item"));
    }
    assert_eq!(bundle::open_index(&index.to_json()), Ok(index.clone()));
    assert_eq!(
        bundle::open_index(&format!("\u{feff}{}", index.to_json())),
        Ok(index.clone()),
        "a byte-order mark is not JSON"
    );
}

#[test]
fn a_bad_pack_list_is_refused_saying_what_is_wrong() {
    let index = PackIndex::of(&bundle::open(&shipped().to_json()).expect("opens").library);
    let refused = |json: String| bundle::open_index(&json).expect_err("refused").to_string();
    let edited = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut value: serde_json::Value = serde_json::from_str(&index.to_json()).expect("JSON");
        edit(&mut value);
        value.to_string()
    };
    assert!(refused(edited(&|v| v["format"] = 99.into())).contains("格式 99"));
    let cut = index.to_json();
    let half = (0..=cut.len() / 2).rev().find(|&i| cut.is_char_boundary(i)).expect("a boundary");
    assert!(refused(cut[..half].to_owned()).contains("不完整"));
    assert!(refused("<!DOCTYPE html>".to_owned()).contains("不是有效的 JSON"));
    let wrong = refused(edited(&|v| v["packs"][1]["items"] = 3.into()));
    assert!(wrong.starts_with("packs.json：packs[1].items："), "{wrong}");
    let twice = refused(edited(&|v| v["packs"][1]["id"] = v["packs"][0]["id"].clone()));
    assert!(twice.contains("出现了不止一次"), "{twice}");
    assert!(refused(edited(&|v| v["packs"][0]["max_points"] = (-1).into())).contains("不是有效数字"));
}

/// The fuzz target's seeds (`fuzz/seeds/bundle_open`) must be bundles (and, `*.packs.json`,
/// pack lists) that open, or the fuzzer starts from nothing but parse errors (they went stale
/// once, when the format gained `content_version`). Regenerate them with `drill bundle` as
/// fuzz/README.md says.
#[test]
fn the_fuzz_seeds_are_bundles_that_open() {
    let dir = root().join("fuzz/seeds/bundle_open");
    let (mut bundles, mut lists) = (0, 0);
    for entry in std::fs::read_dir(&dir).expect("seeds folder") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("seed");
        if path.to_string_lossy().ends_with(".packs.json") {
            let index = bundle::open_index(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(!index.packs.is_empty(), "{}", path.display());
            lists += 1;
        } else {
            let opened = bundle::open(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(!opened.library.packs.is_empty(), "{}", path.display());
            bundles += 1;
        }
    }
    assert!(bundles >= 2 && lists >= 1, "seeds missing in {}", dir.display());
}
