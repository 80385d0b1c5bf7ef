//! The loader: good files become the expected model; every broken file in `tests/broken/`
//! yields the diagnostic its first line announces; packs stay independent.

use drill_core::diag::{Diagnostic, Level};
use drill_core::load::{decode, load_banned, load_catalogue, load_index, load_pack, Library, Source};
use drill_core::scenario::{
    BannedList, Catalogue, Condition, ContextKind, EndingResult, ItemBody, NodeStep, PackCategory, Scope, Severity,
    TabooCategory,
};
use std::path::Path;

fn fixture(name: &str) -> Source {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("tests/fixtures").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Source::new(name, text)
}

fn catalogue() -> Catalogue {
    load_catalogue(&fixture("standards.yaml")).unwrap_or_else(|d| panic!("{}", render(&d)))
}

fn banned(catalogue: &Catalogue) -> BannedList {
    load_banned(&fixture("banned.yaml"), catalogue).unwrap_or_else(|d| panic!("{}", render(&d)))
}

fn library(packs: &[Source]) -> Library {
    let catalogue = catalogue();
    let banned = banned(&catalogue);
    Library::build(catalogue, banned, packs)
}

fn render(d: &[Diagnostic]) -> String {
    d.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

fn errors(d: &[Diagnostic]) -> Vec<&Diagnostic> {
    d.iter().filter(|d| d.level == Level::Error).collect()
}

/// A minimal valid pack with the given id and one choice item.
fn small_pack(file: &str, pack_id: &str, item_id: &str) -> Source {
    Source::new(
        file,
        format!(
            "version: 1\nid: {pack_id}\ntitle: 小题包\ncategory: triage\npass_mark: 60\nitems:\n  - id: {item_id}\n    kind: choice\n    standards: [TRIAGE.ASK]\n    prompt: 客户进门，您先做什么？\n    options:\n      - {{ text: 主动问候, score: 5, feedback: 对。 }}\n      - {{ text: 低头看手机, score: 0, feedback: 不对。 }}\n"
        ),
    )
}

#[test]
fn good_pack_loads_every_kind() {
    let lib = library(&[fixture("good.yaml")]);
    assert!(lib.broken.is_empty(), "{:#?}", lib.broken);
    let pack = &lib.packs[0];
    assert_eq!(
        (pack.id.as_str(), pack.category, pack.pass_mark, pack.source.as_str()),
        ("good-pack", PackCategory::Repair, 80.0, "good.yaml")
    );
    assert_eq!(pack.items.len(), 5);

    let ItemBody::Choice(c) = &pack.items[0].body else { panic!("choice expected") };
    assert_eq!(pack.items[0].context, "您是营业厅台前引导员。");
    assert_eq!(c.options.iter().map(|o| o.score).collect::<Vec<_>>(), [10.0, 4.0, 0.0]);
    assert_eq!(c.options[1].standards, ["HALL.ENTER.2M"]);
    assert!(c.options[0].standards.is_empty());

    let ItemBody::Multi(m) = &pack.items[1].body else { panic!("multi expected") };
    assert_eq!(m.points, 10.0, "multi points default to 10");
    assert_eq!(m.options.iter().filter(|o| o.correct).count(), 2);
    assert_eq!(m.options[2].feedback, "与抢修无关。");

    let ItemBody::Order(o) = &pack.items[2].body else { panic!("order expected") };
    assert_eq!((o.points, o.steps.len(), o.steps[0].as_str()), (6.0, 3, "主动问候客户"));

    let ItemBody::Reply(r) = &pack.items[3].body else { panic!("reply expected") };
    assert_eq!(pack.items[3].max_points(), 7.0);
    assert_eq!(r.elements[0].standard.as_deref(), Some("TALK.POLICY"));
    assert_eq!(r.elements[1].standard, None);
    assert_eq!(r.elements[0].any, ["抱歉", "对不起"]);

    let ItemBody::Dialogue(d) = &pack.items[4].body else { panic!("dialogue expected") };
    assert_eq!((d.mood.start, d.mood.min, d.mood.max), (0, -2, 2));
    assert_eq!(d.start, "open");
    // ask (3, sets asked_scope) then dispatch (3, requirement met) = 6; rushing nets 2 − 2.
    assert_eq!(d.max_points, 6.0);
    let NodeStep::Options(open) = &d.nodes["open"].step else { panic!("open has options") };
    assert_eq!(open[0].sets, ["asked_scope"]);
    assert_eq!(open[1].mood, -2);
    assert_eq!(open[1].branches[0].when, Condition::MoodAtMost(-2));
    assert_eq!(open[1].branches[0].next, "escalated");
    assert_eq!((open[1].requires[0].flag.as_str(), open[1].requires[0].penalty), ("asked_scope", 2.0));
    assert_eq!(open[1].requires[0].standard.as_deref(), Some("REPAIR.ASK"));
    assert_eq!(d.nodes["scope"].narration, "客户语气很急。");
    let NodeStep::Ending(e) = &d.nodes["escalated"].step else { panic!("escalated is an ending") };
    assert_eq!((e.result, e.feedback.as_str()), (EndingResult::Bad, ""));
    assert_eq!(pack.max_points(), 10.0 + 10.0 + 6.0 + 7.0 + 6.0);
}

#[test]
fn catalogue_keeps_sources_in_file_order() {
    let c = catalogue();
    let keys: Vec<&str> = c.sources.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["S0", "S2", "S3"]);
    assert_eq!(c.get("REPAIR.ASK").map(|s| s.section.as_str()), Some("95598 热线 · 故障报修"));
    assert_eq!(c.source_title("S3"), Some("如何提升供电企业95598服务窗口的服务效率"));
}

#[test]
fn catalogue_problems_are_all_reported() {
    let src = Source::new(
        "standards.yaml",
        "version: 1\nsources:\n  S0: 文献\nstandards:\n  - id: A.B\n    title: 甲\n    source: S0\n    text: 规则\n  - id: A.B\n    title: 乙\n    source: S9\n    text: 规则\n    titel: 多余\n",
    );
    let d = load_catalogue(&src).expect_err("broken catalogue");
    let codes: Vec<(&str, u32)> = d.iter().map(|d| (d.code.as_str(), d.line)).collect();
    assert!(codes.contains(&("duplicate-id", 9)), "{}", render(&d));
    assert!(codes.contains(&("bad-value", 11)), "{}", render(&d));
    assert!(codes.contains(&("unknown-field", 13)), "{}", render(&d));
}

#[test]
fn banned_list_checks_rules_and_keywords() {
    let c = catalogue();
    let list = banned(&c);
    assert_eq!(list.phrases.len(), 2);
    assert_eq!((list.phrases[0].category, list.phrases[0].severity), (TabooCategory::Refusing, Severity::Major));
    assert_eq!(list.phrases[0].variants, ["不能给你办", "我们不能"]);

    let src = Source::new(
        "banned.yaml",
        "version: 1\nphrases:\n  - id: a\n    phrase: 不能\n    standard: BIZ.E\n    category: refusng\n    severity: huge\n    instead: 我们可以……\n  - id: a\n    phrase: 不行\n    standard: BIZ.D\n    category: refusing\n    severity: minor\n    instead: 我们可以……\n",
    );
    let d = load_banned(&src, &c).expect_err("broken list");
    let find = |code: &str, line: u32| {
        d.iter()
            .find(|x| x.code == code && x.line == line)
            .unwrap_or_else(|| panic!("no {code} at {line}:\n{}", render(&d)))
    };
    assert!(find("unknown-rule", 5).message.contains("BIZ.D"));
    assert!(find("bad-value", 6).message.contains("refusing"));
    assert!(find("bad-value", 7).hint.contains("critical"));
    find("duplicate-id", 9);
}

#[test]
fn banned_list_reads_context_rules_and_reports_every_mistake() {
    let c = catalogue();
    let head = "version: 1\nphrases:\n  - id: refuse.buneng\n    phrase: 不能\n    standard: BIZ.D\n    category: refusing\n    severity: major\n    instead: 我们可以……\n";
    let good = format!(
        "{head}contexts:\n  - id: q\n    kind: a_not_a\n  - id: if\n    kind: in_clause\n    before: [如果]\n    unless: [就]\n    scope: sentence\n    window: 8\n    note: 条件\n  - id: must\n    kind: right_after\n    required: true\n    phrases: [refuse.*]\n    after: [办, $]\n"
    );
    let list = load_banned(&Source::new("banned.yaml", good), &c).unwrap_or_else(|d| panic!("{}", render(&d)));
    assert_eq!(list.contexts.len(), 3);
    let (q, cond, must) = (&list.contexts[0], &list.contexts[1], &list.contexts[2]);
    assert_eq!((q.kind, q.scope, q.window, q.required), (ContextKind::ANotA, Scope::Clause, 12, false));
    assert_eq!((cond.kind, cond.scope, cond.window), (ContextKind::InClause, Scope::Sentence, 8));
    assert_eq!(
        (cond.before.as_slice(), cond.unless.as_slice(), cond.note.as_str()),
        (&["如果".to_owned()][..], &["就".to_owned()][..], "条件")
    );
    assert!(must.required && must.applies_to("refuse.buneng") && !must.applies_to("rude.x"));

    let bad = format!(
        "{head}contexts:\n  - id: a\n    kind: a_not_b\n  - id: a\n    kind: right_after\n  - id: c\n    kind: a_not_a\n    after: [让您]\n  - id: d\n    kind: in_clause\n    phrases: [refuse.bunneng]\n    before: [\"，\"]\n    window: 99\n    colour: red\n"
    );
    let d = load_banned(&Source::new("banned.yaml", bad), &c).expect_err("broken rules");
    let find = |code: &str, line: u32| {
        d.iter()
            .find(|x| x.code == code && x.line == line)
            .unwrap_or_else(|| panic!("no {code} at {line}:\n{}", render(&d)))
    };
    assert!(find("bad-value", 11).message.contains("a_not_a"), "unknown kind, with the closest one");
    find("duplicate-id", 12);
    assert!(find("missing-field", 13).message.contains("after"), "right_after without after");
    assert!(find("unknown-field", 16).message.contains("a_not_a"), "words on an a_not_a rule");
    assert!(find("unknown-phrase", 19).message.contains("refuse.buneng"), "a misspelt phrase id, with a suggestion");
    assert!(find("bad-value", 20).message.contains("空"), "a word that is only punctuation");
    assert!(find("bad-value", 21).message.contains("window"));
    find("unknown-field", 22);
}

#[test]
fn index_lists_files() {
    let index = load_index(&Source::new(
        "index.yaml",
        "version: 1\nstandards: standards.yaml\nbanned: banned.yaml\npacks:\n  - a.yaml\n  - b.yaml\n",
    ))
    .expect("index");
    assert_eq!((index.standards.as_str(), index.banned.as_str()), ("standards.yaml", "banned.yaml"));
    assert_eq!(index.packs, ["a.yaml", "b.yaml"]);
    let d = load_index(&Source::new("index.yaml", "version: 1\nstandards: s.yaml\nbaned: b.yaml\npacks: [a.yaml]\n"))
        .expect_err("typo");
    assert!(d.iter().any(|d| d.code == "unknown-field" && d.message.contains("banned")), "{}", render(&d));
    assert!(d.iter().any(|d| d.code == "missing-field" && d.path == "banned"), "{}", render(&d));
}

#[test]
fn item_ids_are_unique_across_packs() {
    let lib = library(&[small_pack("one.yaml", "one", "greet"), small_pack("two.yaml", "two", "greet")]);
    assert_eq!(lib.packs.len(), 1);
    assert_eq!(lib.packs[0].id, "one");
    assert_eq!(lib.broken.len(), 1);
    let broken = &lib.broken[0];
    assert_eq!((broken.file.as_str(), broken.title.as_deref()), ("two.yaml", Some("小题包")));
    let d = &broken.diagnostics[0];
    assert_eq!((d.code.as_str(), d.line, d.column, d.path.as_str()), ("duplicate-id", 7, 9, "items[0].id"));
    assert!(d.message.contains("one.yaml"), "{d}");
}

#[test]
fn pack_ids_are_unique() {
    let lib = library(&[small_pack("one.yaml", "same", "a"), small_pack("two.yaml", "same", "b")]);
    assert_eq!(lib.packs.len(), 1);
    let d = &lib.broken[0].diagnostics[0];
    assert_eq!((d.code.as_str(), d.line, d.path.as_str()), ("duplicate-id", 2, "id"));
}

#[test]
fn a_broken_pack_does_not_block_the_others() {
    let broken = Source::new("bad.yaml", "version: 1\nid: bad\ntitle: 坏\ncategory: nope\npass_mark: 80\nitems: []\n");
    let lib = library(&[broken, fixture("good.yaml"), small_pack("one.yaml", "one", "greet")]);
    assert_eq!(lib.packs.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["good-pack", "one"]);
    assert_eq!(lib.broken.len(), 1);
    assert_eq!(lib.broken[0].file, "bad.yaml");
    // Both mistakes are reported, not just the first.
    let codes: Vec<&str> = lib.broken[0].diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["bad-value", "bad-value"], "{}", render(&lib.broken[0].diagnostics));
}

#[test]
fn several_mistakes_in_one_file_are_all_reported() {
    let text = "version: 1\nid: many\ntitle: 多处错误\ncategory: repair\npass_mark: 80\nitems:\n  - id: a\n    kind: choice\n    standards: [REPAIR.ASK]\n    prompt: 问题一\n    optons: []\n  - id: b\n    kind: order\n    standards: [NOPE.X]\n    prompt: 问题二\n    steps: [一, 二]\n    points: 十\n  - id: a\n    kind: reply\n    standards: [BIZ.D]\n    prompt: 问题三\n    elements:\n      - { name: 致歉, any: [抱歉], points: 3 }\n";
    let (pack, d) = load_pack(&Source::new("many.yaml", text), &catalogue());
    assert!(pack.is_none());
    let found: Vec<(&str, u32)> = errors(&d).iter().map(|d| (d.code.as_str(), d.line)).collect();
    for expected in [
        ("unknown-field", 11),
        ("missing-field", 7),
        ("unknown-rule", 14),
        ("wrong-type", 17),
        ("duplicate-id", 18),
        ("missing-field", 18),
    ] {
        assert!(found.contains(&expected), "missing {expected:?} in\n{}", render(&d));
    }
    // In file order.
    assert!(d.windows(2).all(|w| (w[0].line, w[0].column) <= (w[1].line, w[1].column)));
}

#[test]
fn add_pack_changes_nothing_on_error() {
    let mut lib = library(&[fixture("good.yaml")]);
    let before = (lib.packs.clone(), lib.broken.clone(), lib.warnings.clone());
    let err = lib.add_pack(&small_pack("dup.yaml", "dup", "good-choice")).expect_err("repeats an item id");
    assert!(err.iter().any(|d| d.code == "duplicate-id" && d.message.contains("good-pack")), "{}", render(&err));
    let err = lib.add_pack(&Source::new("junk.yaml", "\u{0}\u{1}")).expect_err("garbage");
    assert_eq!(err[0].code, "yaml-syntax");
    assert_eq!((lib.packs.clone(), lib.broken.clone(), lib.warnings.clone()), before);

    let added = lib.add_pack(&small_pack("new.yaml", "new", "fresh")).expect("loads");
    assert_eq!(added.id, "new");
    assert_eq!(lib.packs.len(), 2);
}

#[test]
fn no_input_panics() {
    let c = catalogue();
    let good = fixture("good.yaml").text;
    // Every prefix of a good file (cut mid-line, mid-string, mid-mapping) loads or reports.
    let cuts: Vec<usize> = good.char_indices().map(|(i, _)| i).step_by(5).collect();
    for cut in cuts {
        let (pack, d) = load_pack(&Source::new("cut.yaml", &good[..cut]), &c);
        assert!(pack.is_some() || !errors(&d).is_empty(), "cut at {cut}: no pack and no error");
    }
    let nested = format!("version: 1\nitems: {}{}\n", "[".repeat(50_000), "]".repeat(50_000));
    let bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n";
    let huge = "x".repeat(5 * 1024 * 1024);
    for text in [
        "",
        "---",
        "~",
        "[]",
        "42",
        "version: 1",
        "version: 1\nitems: 5",
        "items:\n  - 3\n  - [a]\n  - kind: dialogue\n    nodes: 7",
        nested.as_str(),
        bomb,
        huge.as_str(),
        "\u{feff}version: 1",
        "a: *b",
    ] {
        let (pack, d) = load_pack(&Source::new("x.yaml", text), &c);
        assert!(pack.is_none() && !errors(&d).is_empty(), "{text:.40}: expected errors");
        assert!(errors(&d).iter().all(|d| !d.message.is_empty()));
    }
}

/// One expectation per file: `# expect: <code> <line>:<column> <text in message or hint>`.
struct Expectation {
    code: String,
    line: u32,
    column: u32,
    text: String,
}

fn expectation(first_line: &str) -> Option<Expectation> {
    let rest = first_line.strip_prefix("# expect:")?.trim();
    let mut parts = rest.splitn(3, ' ');
    let code = parts.next()?.to_owned();
    let (line, column) = parts.next()?.split_once(':')?;
    Some(Expectation {
        code,
        line: line.parse().ok()?,
        column: column.parse().ok()?,
        text: parts.next().unwrap_or("").trim().to_owned(),
    })
}

/// A corpus file's first line, also when the file is UTF-16 (with its byte-order mark, as
/// Notepad saves "Unicode"): the announcement is written in the file's own encoding.
fn first_line(bytes: &[u8]) -> Option<String> {
    let text = match bytes {
        [0xFF, 0xFE, rest @ ..] => char::decode_utf16(rest.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])))
            .map_while(Result::ok)
            .collect(),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    };
    text.lines().next().map(str::to_owned)
}

#[test]
fn every_broken_file_reports_its_mistake() {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("tests/broken");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/broken exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "tests/broken should hold at least 20 files, found {}", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let bytes = std::fs::read(path).expect("readable");
        let Some(expect) = first_line(&bytes).as_deref().and_then(expectation) else {
            failures.push(format!("{name}: first line must be `# expect: <code> <line>:<column> <text>`"));
            continue;
        };
        // Bytes → text as the CLI and the app read files: a file that is not UTF-8 text
        // (a Word document, GBK) is reported by `decode` itself.
        let diagnostics = match decode(&name, &bytes) {
            Err(d) => vec![*d],
            Ok(src) => {
                let lib = library(&[src]);
                if !lib.packs.is_empty() {
                    failures.push(format!("{name}: loaded, but should fail with {}", expect.code));
                    continue;
                }
                lib.broken[0].diagnostics.clone()
            }
        };
        let hit = diagnostics.iter().any(|d| {
            d.level == Level::Error
                && d.code == expect.code
                && d.line == expect.line
                && d.column == expect.column
                && d.file == name
                && (d.message.contains(&expect.text) || d.hint.contains(&expect.text))
        });
        if !hit {
            failures.push(format!(
                "{name}: expected {} at {}:{} mentioning “{}”, got:\n  {}",
                expect.code,
                expect.line,
                expect.column,
                expect.text,
                diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n  ")
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {} broken files:\n{}", failures.len(), files.len(), failures.join("\n"));
}

#[test]
fn every_mistake_in_options_and_elements_is_reported_in_one_pass() {
    let text = "\
version: 1
id: lists
title: 选项和要点
category: repair
pass_mark: 80
items:
  - id: c
    kind: choice
    standards: [REPAIR.ASK]
    prompt: 问题一
    options:
      - { text: 甲, score: -1, feedback: 负分, standards: [NOPE.X] }
      - { score: 5, feedback: 没写 text }
      - 不是字段表
  - id: r
    kind: reply
    standards: [REPAIR.ASK]
    prompt: 问题二
    elements:
      - { name: 致歉, any: [\" \"], points: -3 }
      - { name: 问地址, any: [地址], points: 2, standards: [REPAIR.ASK] }
  - id: m
    kind: multi
    standards: [REPAIR.ASK]
    prompt: 问题三
    options:
      - { text: 甲, correct: maybe }
";
    let (pack, d) = load_pack(&Source::new("lists.yaml", text), &catalogue());
    assert!(pack.is_none());
    let found: Vec<(&str, u32)> = errors(&d).iter().map(|d| (d.code.as_str(), d.line)).collect();
    for expected in [
        ("bad-value", 12),     // a negative option score
        ("unknown-rule", 12),  // and an unknown standard, on the same option
        ("missing-field", 13), // an option without text
        ("wrong-type", 14),    // an option that is not a map
        ("bad-value", 20),     // an element no answer can match
        ("bad-value", 20),     // and a negative element score
        ("unknown-field", 21), // `standards` on an element (it has one `standard`)
        ("missing-field", 15), // the reply has no model answer
        ("wrong-type", 27),    // `correct: maybe`
    ] {
        assert!(found.contains(&expected), "missing {expected:?} in\n{}", render(&d));
    }
    assert_eq!(found.iter().filter(|f| **f == ("bad-value", 20)).count(), 2, "{}", render(&d));
    let element = d.iter().find(|d| d.code == "unknown-field" && d.line == 21).expect("unknown field");
    assert!(element.hint.contains("standard") || element.message.contains("standard"), "{element}");
}

#[test]
fn chinese_punctuation_inside_text_is_not_a_mistake() {
    // Full-width colons, commas, quotes and brackets in values, comments and block text are
    // the trainer's own words: only YAML's structure needs ASCII.
    let text = "\
version: 1
id: punct   # 注释：这里也可以用中文标点，【】“”
title: 标点：全角
category: repair
description: |
  说明：第一行
  note：不是字段
pass_mark: 80
items:
  - id: colon-in-text
    kind: choice
    standards: [REPAIR.ASK]
    prompt: 【情景】客户说：“我家停电了，怎么办？”
    options:
      - { text: 您好：请问是只有您一家停电吗？, score: 10, feedback: 正确：先问范围。 }
      - text: \"*号键转人工\"
        score: 0
        feedback: '不正确：应先询问。'
";
    let lib = library(&[Source::new("punct.yaml", text)]);
    assert!(lib.broken.is_empty(), "{:#?}", lib.broken);
    assert_eq!(lib.packs[0].items[0].prompt, "【情景】客户说：“我家停电了，怎么办？”");
}

#[test]
fn typing_mistakes_are_told_in_chinese_without_the_parser_s_english() {
    for (line, expect_column) in [("    prompt：请问", 11), ("    points:5", 11), ("\u{3000}\u{3000}prompt: 请问", 1)]
    {
        let text = format!(
            "version: 1\nid: p\ntitle: 题\ncategory: repair\npass_mark: 80\nitems:\n  - id: a\n    kind: order\n{line}\n    standards: [REPAIR.ASK]\n    steps: [一, 二]\n"
        );
        let (pack, d) = load_pack(&Source::new("p.yaml", text), &catalogue());
        assert!(pack.is_none());
        let first = &errors(&d)[0];
        assert_eq!(
            (first.code.as_str(), first.line, first.column),
            ("yaml-syntax", 9, expect_column),
            "{line}: {first}"
        );
        for words in [first.message.as_str(), first.hint.as_str()] {
            assert!(!words.contains("expected") && !words.contains("mapping values"), "{words}");
        }
    }
}

#[test]
fn a_fraction_pass_mark_is_an_error_and_one_percent_a_warning() {
    let pack = |mark: &str| small_pack("p.yaml", "p", "q").text.replace("pass_mark: 60", &format!("pass_mark: {mark}"));
    let (loaded, d) = load_pack(&Source::new("p.yaml", pack("0.8")), &catalogue());
    assert!(loaded.is_none());
    assert!(d[0].message.contains("百分比") && d[0].hint.contains("pass_mark: 80"), "{}", d[0]);
    let (loaded, d) = load_pack(&Source::new("p.yaml", pack("1")), &catalogue());
    assert!(loaded.is_some() && d[0].level == Level::Warning && d[0].hint.contains("100"), "{d:?}");
    for fine in ["0", "60", "100", "75.5"] {
        let (loaded, d) = load_pack(&Source::new("p.yaml", pack(fine)), &catalogue());
        assert!(loaded.is_some() && d.is_empty(), "{fine}: {d:?}");
    }
}

#[test]
fn an_allow_exception_must_contain_its_phrase() {
    let c = catalogue();
    let list = |allow: &str| {
        Source::new(
            "banned.yaml",
            format!("version: 1\nphrases:\n  - id: a\n    phrase: 不能办\n    variants: [我们不能]\n    standard: BIZ.D\n    category: refusing\n    severity: major\n    allow: {allow}\n    instead: 我们可以……\n"),
        )
    };
    // Containing the phrase or a variant, after normalisation (punctuation, traditional).
    for fine in ["[这个不能办的话我们帮您想办法]", "[我们不能让您白跑一趟]", "[我們不能，讓您白跑一趟]"]
    {
        assert!(load_banned(&list(fine), &c).is_ok(), "{fine}");
    }
    let d = load_banned(&list("[给您带来不便, 我们不能让您白跑一趟]"), &c).expect_err("dead exception");
    assert_eq!(d.len(), 1, "{}", render(&d));
    assert_eq!(
        (d[0].code.as_str(), d[0].line, d[0].column, d[0].path.as_str()),
        ("allow-without-phrase", 9, 13, "phrases[0].allow[0]")
    );
    assert!(d[0].message.contains("给您带来不便") && d[0].message.contains("不能办"), "{}", d[0]);
}

#[test]
fn a_duplicate_id_blames_the_later_pack_and_names_the_first_place() {
    let lib = library(&[small_pack("one.yaml", "one", "greet"), small_pack("two.yaml", "two", "greet")]);
    let d = &lib.broken[0].diagnostics[0];
    assert_eq!(lib.broken[0].file, "two.yaml");
    assert!(d.message.contains("one.yaml:7:9"), "{d}");
    assert!(d.hint.contains("two") && d.hint.contains("不要改 one"), "{d}");
}
