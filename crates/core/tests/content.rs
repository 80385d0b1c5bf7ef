//! The shipped content (`scenarios/`) as a trainer's checklist: every rule is practised,
//! every correct answer is clean and earns full marks, every banned phrase is caught in
//! simplified and traditional characters, dialogues are sound, and every model line the
//! standards quote is both taught in an item and kept in the phrasebook.
//!
//! Each test names what it guards in its name and prints every offender, not just the first.

use drill_core::diag::{Diagnostic, Level};
use drill_core::lint::{lint_library, lint_wordings};
use drill_core::load::{load_banned, load_catalogue, load_index, Library, Source};
use drill_core::phrasebook::{load_phrasebook, Phrasebook, PhrasebookFile};
use drill_core::scenario::{Catalogue, ItemBody, NodeStep, PackCategory, TabooCategory};
use drill_core::score::{score, Answer};
use drill_core::text::{normalize, TabooMatcher};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

struct Content {
    library: Library,
    sources: Vec<Source>,
    banned_source: Source,
    phrasebook: PhrasebookFile,
    phrasebook_source: Source,
    standards_source: Source,
}

fn read(name: &str) -> Source {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("scenarios").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Source::new(format!("scenarios/{name}"), text)
}

fn render(d: &[Diagnostic]) -> String {
    d.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

fn content() -> Content {
    let index = load_index(&read("index.yaml")).unwrap_or_else(|d| panic!("{}", render(&d)));
    let standards_source = read(&index.standards);
    let catalogue = load_catalogue(&standards_source).unwrap_or_else(|d| panic!("{}", render(&d)));
    let banned_source = read(&index.banned);
    let banned = load_banned(&banned_source, &catalogue).unwrap_or_else(|d| panic!("{}", render(&d)));
    let sources: Vec<Source> = index.packs.iter().map(|p| read(p)).collect();
    let phrasebook_source = read("phrasebook.yaml");
    let phrasebook = load_phrasebook(&phrasebook_source, &catalogue).unwrap_or_else(|d| panic!("{}", render(&d)));
    let library = Library::build(catalogue, banned, &sources);
    Content { library, sources, banned_source, phrasebook, phrasebook_source, standards_source }
}

fn all_items(library: &Library) -> impl Iterator<Item = (&str, &drill_core::scenario::Item)> {
    library.packs.iter().flat_map(|p| p.items.iter().map(move |i| (p.id.as_str(), i)))
}

// ── counts ──────────────────────────────────────────────────────────────────────────────

#[test]
fn at_least_300_items() {
    let c = content();
    let n = c.library.packs.iter().map(|p| p.items.len()).sum::<usize>();
    assert!(n >= 300, "only {n} items in the shipped packs; at least 300 are required");
}

#[test]
fn at_least_80_banned_phrases_across_all_six_categories() {
    let c = content();
    let phrases = &c.library.banned.phrases;
    assert!(phrases.len() >= 80, "only {} banned phrases; at least 80 are required", phrases.len());
    let missing: Vec<&str> = TabooCategory::ALL
        .iter()
        .filter(|cat| !phrases.iter().any(|p| p.category == **cat))
        .map(|cat| cat.label())
        .collect();
    assert!(missing.is_empty(), "no banned phrase in categories: {missing:?}");
}

#[test]
fn every_rule_is_tested_by_at_least_3_items() {
    let c = content();
    let mut uses: BTreeMap<&str, usize> = c.library.catalogue.standards.iter().map(|s| (s.id.as_str(), 0)).collect();
    for (_, item) in all_items(&c.library) {
        for rule in item.standards.iter().collect::<BTreeSet<_>>() {
            if let Some(n) = uses.get_mut(rule.as_str()) {
                *n += 1;
            }
        }
    }
    let thin: Vec<String> = uses.iter().filter(|(_, n)| **n < 3).map(|(id, n)| format!("{id}: {n} item(s)")).collect();
    assert!(thin.is_empty(), "rules practised by fewer than 3 items:\n{}", thin.join("\n"));
}

#[test]
fn every_cited_rule_id_exists() {
    // The loader already refuses unknown ids (a pack citing one is broken); this states the
    // property over everything an item can cite, so a loader regression cannot hide it.
    let c = content();
    let known = |id: &str| c.library.catalogue.contains(id);
    let mut bad = Vec::new();
    for (pack, item) in all_items(&c.library) {
        let mut cited: Vec<&str> = item.standards.iter().map(String::as_str).collect();
        match &item.body {
            ItemBody::Choice(ch) => {
                cited.extend(ch.options.iter().flat_map(|o| o.standards.iter().map(String::as_str)))
            }
            ItemBody::Reply(r) => cited.extend(r.elements.iter().filter_map(|e| e.standard.as_deref())),
            ItemBody::Dialogue(d) => {
                for node in d.nodes.values() {
                    if let NodeStep::Options(options) = &node.step {
                        for o in options {
                            cited.extend(o.standards.iter().map(String::as_str));
                            cited.extend(o.requires.iter().filter_map(|r| r.standard.as_deref()));
                        }
                    }
                }
            }
            ItemBody::Multi(_) | ItemBody::Order(_) => {}
        }
        bad.extend(cited.into_iter().filter(|id| !known(id)).map(|id| format!("{pack}/{}: {id}", item.id)));
    }
    for p in &c.library.banned.phrases {
        if !known(&p.standard) {
            bad.push(format!("banned {}: {}", p.id, p.standard));
        }
    }
    for e in &c.phrasebook.entries {
        if !known(&e.standard) {
            bad.push(format!("phrasebook {}: {}", e.id, e.standard));
        }
    }
    assert!(bad.is_empty(), "unknown rule ids cited:\n{}", bad.join("\n"));
}

// ── loading and dialogues ───────────────────────────────────────────────────────────────

#[test]
fn shipped_library_has_no_broken_pack_and_no_warning() {
    // The loader checks dialogue graphs: missing / unreachable nodes, dead ends, cycles.
    let c = content();
    let broken: Vec<String> =
        c.library.broken.iter().map(|b| format!("{}:\n{}", b.file, render(&b.diagnostics))).collect();
    assert!(broken.is_empty(), "broken packs:\n{}", broken.join("\n"));
    assert!(c.library.warnings.is_empty(), "warnings:\n{}", render(&c.library.warnings));
    assert_eq!(c.library.packs.len(), c.sources.len());
}

#[test]
fn dialogue_graphs_have_no_unreachable_node_and_no_dead_end() {
    // Independently of the loader: walk every dialogue from `start`.
    let c = content();
    let mut bad = Vec::new();
    for (pack, item) in all_items(&c.library) {
        let ItemBody::Dialogue(d) = &item.body else { continue };
        let mut seen = BTreeSet::new();
        let mut todo = vec![d.start.as_str()];
        while let Some(name) = todo.pop() {
            if !seen.insert(name) {
                continue;
            }
            match d.nodes.get(name).map(|n| &n.step) {
                None => bad.push(format!("{pack}/{}: missing node {name}", item.id)),
                Some(NodeStep::Ending(_)) => {}
                Some(NodeStep::Options(options)) => {
                    if options.is_empty() {
                        bad.push(format!("{pack}/{}: dead end at {name}", item.id));
                    }
                    for o in options {
                        todo.push(o.next.as_str());
                        todo.extend(o.branches.iter().map(|b| b.next.as_str()));
                    }
                }
            }
        }
        for name in d.nodes.keys() {
            if !seen.contains(name.as_str()) {
                bad.push(format!("{pack}/{}: unreachable node {name}", item.id));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

fn dialogues_in(library: &Library, category: PackCategory) -> Vec<(&str, &drill_core::scenario::Dialogue)> {
    library
        .packs
        .iter()
        .filter(|p| p.category == category)
        .flat_map(|p| p.items.iter())
        .filter_map(|i| match &i.body {
            ItemBody::Dialogue(d) => Some((i.id.as_str(), d)),
            _ => None,
        })
        .collect()
}

#[test]
fn at_least_10_repair_dialogues() {
    let c = content();
    let n = dialogues_in(&c.library, PackCategory::Repair).len();
    assert!(n >= 10, "only {n} dialogues in repair packs; at least 10 are required");
}

#[test]
fn at_least_10_emotion_dialogues_where_every_option_moves_the_mood() {
    let c = content();
    let all = dialogues_in(&c.library, PackCategory::Emotion);
    let (moving, flat): (Vec<_>, Vec<_>) = all.iter().partition(|(_, d)| {
        d.nodes.values().all(|n| match &n.step {
            NodeStep::Options(options) => options.iter().all(|o| o.mood != 0),
            NodeStep::Ending(_) => true,
        })
    });
    assert!(
        moving.len() >= 10,
        "only {} emotion dialogues where every option moves the mood (at least 10 required); options with mood 0 in: {:?}",
        moving.len(),
        flat.iter().map(|(id, _)| *id).collect::<Vec<_>>()
    );
}

// ── answers: full marks, no banned phrase ──────────────────────────────────────────────

#[test]
fn every_reply_model_answer_scores_full_marks() {
    let c = content();
    let mut bad = Vec::new();
    for (pack, item) in all_items(&c.library) {
        let ItemBody::Reply(r) = &item.body else { continue };
        let outcome = score(item, &Answer::Reply { text: r.model_answer.clone() }, &c.library.taboo);
        if (outcome.points - outcome.max).abs() > 1e-9 {
            bad.push(format!("{pack}/{}: {} / {}", item.id, outcome.points, outcome.max));
        }
    }
    assert!(bad.is_empty(), "model answers below full marks:\n{}", bad.join("\n"));
}

#[test]
fn lint_finds_no_error_in_the_shipped_content() {
    // Banned phrases in correct options, best dialogue replies, model answers, `instead`
    // wordings and phrasebook lines; model answers below full marks.
    let c = content();
    let mut found = lint_library(&c.library, &c.sources);
    found.extend(lint_wordings(&c.library, &c.banned_source, Some((&c.phrasebook, &c.phrasebook_source))));
    let errors: Vec<Diagnostic> = found.into_iter().filter(|d| d.level == Level::Error).collect();
    assert!(errors.is_empty(), "lint errors:\n{}", render(&errors));
}

#[test]
fn lint_flags_a_planted_bad_item() {
    let c = content();
    let planted = Source::new(
        "scenarios/planted.yaml",
        r#"version: 1
id: planted
title: 有问题的题包
category: taboo
pass_mark: 80
items:
  - id: planted-choice
    kind: choice
    standards: [BIZ.D]
    prompt: 客户要求办理不符合规定的业务。
    options:
      - text: 这个不归我管，你去找别人。
        score: 10
        feedback: 这是“正确”选项，却含有忌语。
      - text: 我来帮您问问负责的同事。
        score: 5
        feedback: 部分正确。
  - id: planted-reply
    kind: reply
    standards: [BIZ.D]
    prompt: 客户：“今天必须给我办！”
    elements:
      - name: 致歉
        any: [抱歉]
        points: 5
      - name: 请求谅解
        any: [谅解]
        points: 5
    model_answer: 不行，你自己看规定。
"#,
    );
    let mut library = Library::build(c.library.catalogue.clone(), c.library.banned.clone(), &[]);
    library.add_pack(&planted).unwrap_or_else(|d| panic!("{}", render(&d)));
    let found = lint_library(&library, std::slice::from_ref(&planted));
    let codes = |field: &str, code: &str| {
        found.iter().any(|d| d.code == code && d.level == Level::Error && d.path.contains(field))
    };
    assert!(
        codes("options[0]", "banned-in-answer"),
        "banned phrase in the best choice option not flagged:\n{}",
        render(&found)
    );
    assert!(
        codes("model_answer", "banned-in-answer"),
        "banned phrase in the model answer not flagged:\n{}",
        render(&found)
    );
    assert!(
        codes("model_answer", "model-answer-not-full"),
        "model answer below full marks not flagged:\n{}",
        render(&found)
    );

    // A phrasebook line and an `instead` wording with a banned phrase are flagged too.
    let mut banned = c.library.banned.clone();
    banned.phrases[0].instead = format!("{}。", banned.phrases[0].phrase);
    let library = Library::build(c.library.catalogue.clone(), banned, &[]);
    let mut book = c.phrasebook.clone();
    book.entries[0].line = "这不归我管。".into();
    let found = lint_wordings(&library, &c.banned_source, Some((&book, &c.phrasebook_source)));
    assert!(found.iter().any(|d| d.path == "phrases[0].instead"), "{}", render(&found));
    assert!(found.iter().any(|d| d.path == "entries[0].line"), "{}", render(&found));
}

// ── the matcher, simplified and traditional ────────────────────────────────────────────

/// Simplified → traditional for tests: a hand table for the characters of the shipped
/// banned wordings (first candidate of OpenCC's `STCharacters.txt`, Apache-2.0), so the
/// test types each wording the way a trainee on a traditional-character input method would.
///
/// No s2t crate is a dependency: `fast2s` only converts t→s, and `zhconv` would add a
/// GPL-licensed dictionary build to every test run for a few hundred characters. A new
/// banned wording with a character missing here is still tested (in simplified, and in
/// traditional for the characters that are here); add its pair to extend the check.
const S2T: &[&str] = &[
    "与與专專业業两兩个個为爲么麼乐樂习習于於产產们們价價会會传傳余餘关關写寫几幾凭憑刚剛别別办辦务務动動劲勁区區厅廳压壓发發",
    "变變台臺后後吗嗎听聽呐吶啰囉围圍坏壞墙牆处處复復头頭实實对對导導属屬带帶帮幫干幹应應废廢归歸态態愿願戏戲户戶扩擴护護报報",
    "损損捡撿换換数數断斷无無时時晓曉权權来來样樣横橫没沒滚滾点點烦煩爱愛现現电電签簽紧緊线線终終经經给給绝絕统統维維综綜聋聾",
    "脑腦脸臉范範营營蛮蠻装裝见見规規觉覺计計认認让讓讲講证證识識诉訴话話该該说說谁誰调調负負责責质質贵貴费費赶趕轮輪辙轍过過",
    "还還这這进進连連采採里裡销銷错錯长長门門闭閉问問间間闸閘闹鬧随隨难難项項领領题題馈饋",
];

fn s2t_table() -> BTreeMap<char, char> {
    let mut table = BTreeMap::new();
    for row in S2T {
        let chars: Vec<char> = row.chars().collect();
        for pair in chars.chunks(2) {
            table.insert(pair[0], pair[1]);
        }
    }
    table
}

fn to_traditional(table: &BTreeMap<char, char>, s: &str) -> String {
    s.chars().map(|c| *table.get(&c).unwrap_or(&c)).collect()
}

#[test]
fn traditional_table_spot_checks() {
    let t = s2t_table();
    assert_eq!(to_traditional(&t, "这不归我管"), "這不歸我管");
    assert_eq!(to_traditional(&t, "你听不懂吗"), "你聽不懂嗎");
    assert_eq!(to_traditional(&t, "办不了"), "辦不了");
}

#[test]
fn every_banned_wording_is_caught_in_simplified_and_traditional() {
    let c = content();
    let matcher = TabooMatcher::new(&c.library.banned);
    let table = s2t_table();
    let mut missed = Vec::new();
    let mut converted = 0;
    for (index, p) in c.library.banned.phrases.iter().enumerate() {
        // A phrase with required contexts counts only inside one (你不知道…吗 is a question,
        // 您不知道也没关系 is not): each wording is said with the first required rule's first
        // word after it (none of the present required rules asks for a word before).
        let required = c.library.banned.contexts.iter().find(|r| r.required && r.applies_to(&p.id));
        let completion = required.map_or(String::new(), |r| {
            assert!(r.before.is_empty(), "{}: a required rule with words before is not covered here", r.id);
            r.after.first().map_or(String::new(), |w| w.trim_end_matches('$').to_owned())
        });
        for wording in p.wordings() {
            let wording = format!("{wording}{completion}");
            let wording = wording.as_str();
            let traditional = to_traditional(&table, wording);
            converted += usize::from(traditional != wording);
            for (script, text) in [("simplified", wording.to_owned()), ("traditional", traditional)] {
                // Alone, and inside a sentence.
                for said in [text.clone(), format!("先生，{text}。")] {
                    let hits = matcher.find(&said);
                    if !hits.iter().any(|h| {
                        h.phrase == index
                            || c.library.banned.phrases[h.phrase].id == p.id
                            || c.library.banned.phrases[h.phrase]
                                .wordings()
                                .any(|w| normalize(&format!("{w}{completion}")).text == normalize(wording).text)
                    }) {
                        missed.push(format!(
                            "{} ({script}): {said:?} → {:?}",
                            p.id,
                            hits.iter().map(|h| &c.library.banned.phrases[h.phrase].id).collect::<Vec<_>>()
                        ));
                    }
                }
            }
        }
    }
    assert!(converted >= 50, "the traditional check is nearly vacuous: only {converted} wordings changed");
    assert!(missed.is_empty(), "banned wordings not caught:\n{}", missed.join("\n"));
}

// ── the standards' model lines are taught and kept in the phrasebook ───────────────────

/// The quoted lines of a standard's `text` (“…”), split at placeholders (××, ××时间, ……, 先生/女士)
/// into normalised fragments of at least two characters. Not model lines: quotes cited as
/// what not to say (banned phrases, or in a clause about words to avoid: 不能, 不会 …) and
/// one-character interjections (“是”、“对”).
fn model_lines(catalogue: &Catalogue, taboo: &TabooMatcher) -> Vec<(String, String, Vec<String>)> {
    let mut out = Vec::new();
    for s in &catalogue.standards {
        let mut rest = s.text.as_str();
        while let Some(open) = rest.find('“') {
            let after = &rest[open + '“'.len_utf8()..];
            let Some(close) = after.find('”') else { break };
            let quote = &after[..close];
            let clause = s.text[..s.text.len() - rest.len() + open].rsplit(['。', '；']).next().unwrap_or_default();
            rest = &after[close + '”'.len_utf8()..];
            // Cited as what not to say: a banned phrase, or in a clause about words to avoid
            // (“应尽量避免使用负面语言，如‘不能’、‘不会’……”).
            if !taboo.find(quote).is_empty() || ["避免", "忌", "负面"].iter().any(|w| clause.contains(w)) {
                continue;
            }
            let mut cleaned =
                quote.replace("××时间", "×").replace("先生/女士", "×").replace("……", "×").replace('…', "×");
            cleaned = cleaned.replace("××", "×");
            let fragments: Vec<String> =
                cleaned.split('×').map(|f| normalize(f).text).filter(|f| f.chars().count() >= 2).collect();
            if fragments.is_empty() {
                continue;
            }
            out.push((s.id.clone(), quote.to_owned(), fragments));
        }
    }
    out
}

fn contains_all(haystacks: &[String], fragments: &[String]) -> bool {
    haystacks.iter().any(|h| fragments.iter().all(|f| h.contains(f.as_str())))
}

#[test]
fn every_model_line_of_the_standards_is_taught_and_in_the_phrasebook() {
    let c = content();
    let lines = model_lines(&c.library.catalogue, &c.library.taboo);
    assert!(
        lines.len() >= 15,
        "expected the standards to quote at least 15 model lines, found {}: {:?}",
        lines.len(),
        c.standards_source.name
    );

    let mut correct: Vec<String> = Vec::new();
    for (_, item) in all_items(&c.library) {
        match &item.body {
            ItemBody::Choice(ch) => {
                let best = item.max_points();
                correct.extend(
                    ch.options.iter().filter(|o| (o.score - best).abs() < 1e-9).map(|o| normalize(&o.text).text),
                );
            }
            ItemBody::Multi(m) => {
                correct.extend(m.options.iter().filter(|o| o.correct).map(|o| normalize(&o.text).text))
            }
            ItemBody::Reply(r) => correct.push(normalize(&r.model_answer).text),
            ItemBody::Dialogue(d) => {
                for node in d.nodes.values() {
                    if let NodeStep::Options(options) = &node.step {
                        let best = options.iter().map(|o| o.score).fold(f64::MIN, f64::max);
                        correct.extend(
                            options.iter().filter(|o| (o.score - best).abs() < 1e-9).map(|o| normalize(&o.text).text),
                        );
                    }
                }
            }
            ItemBody::Order(_) => {}
        }
    }
    let book = Phrasebook::new(&c.phrasebook, &c.library.banned);
    let phrasebook: Vec<String> = book.cards.iter().map(|card| normalize(&card.answer).text).collect();

    let mut missing = Vec::new();
    for (rule, quote, fragments) in &lines {
        if !contains_all(&correct, fragments) {
            missing.push(format!("{rule}: “{quote}” is in no correct option or model answer"));
        }
        if !contains_all(&phrasebook, fragments) {
            missing.push(format!("{rule}: “{quote}” is not in the phrasebook"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
