//! Bench support: generators for large, valid inputs (shared by `benches/*.rs`, the
//! in-browser measurement crate `bench/wasm/`, and nothing in the product).
//!
//! Everything is deterministic (a fixed LCG), so figures are comparable run to run.
#![allow(dead_code)]

use drill_core::bundle::{BundledPhrasebook, ContentBundle};
use drill_core::load::{load_banned, load_catalogue, Library, Source};
use drill_core::phrasebook::load_phrasebook;
use drill_core::results::export::{ItemInfo, PackInfo, ResultsFile, Totals, RESULTS_FORMAT, RESULTS_KIND};
use drill_core::results::{Attempt, Profile};
use drill_core::scenario::{BannedList, Catalogue, ItemKind};
use drill_core::score::{Answer, Finding, FindingKind, Outcome};
use drill_core::team::Roster;
use std::fmt::Write as _;

/// The shipped catalogue and banned list (the generated packs cite their rule ids).
pub const STANDARDS_YAML: &str = include_str!("../../../../scenarios/standards.yaml");
pub const BANNED_YAML: &str = include_str!("../../../../scenarios/banned.yaml");
pub const PHRASEBOOK_YAML: &str = include_str!("../../../../scenarios/phrasebook.yaml");

pub fn catalogue() -> Catalogue {
    load_catalogue(&Source::new("standards.yaml", STANDARDS_YAML)).expect("shipped standards load")
}

pub fn banned(catalogue: &Catalogue) -> BannedList {
    load_banned(&Source::new("banned.yaml", BANNED_YAML), catalogue).expect("shipped banned list loads")
}

/// A small deterministic PRNG (64-bit LCG, high bits).
pub struct Lcg(pub u64);
impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Common characters of counter/hotline talk, for generated text.
const POOL: &str = "您好请问有什么可以帮您的吗我们马上为处理抱歉让久等了电费缴纳停电报修地址联系方式工单派发师傅到场时间小区供电营业厅业务办理需要带身份证户号查询感谢理解支持稍后回访满意度记录已经核实情况说明规定政策按照流程";

fn pool() -> Vec<char> {
    POOL.chars().collect()
}

pub fn words(rng: &mut Lcg, n: usize) -> String {
    let p = pool();
    (0..n).map(|_| p[rng.below(p.len())]).collect()
}

/// Rule ids of the shipped catalogue, cycled through by generated items.
const RULES: &[&str] = &["HALL.ENTER.2M", "TALK.POLICY", "BIZ.D", "REPAIR.ASK", "REPAIR.DISPATCH", "TRIAGE.ASK"];

/// A valid pack of `n` items cycling through the five kinds (choice, multi, order, reply,
/// dialogue); each dialogue has `dialogue_len` option nodes in a chain, two replies per
/// node (one of them may branch on mood), then two endings.
pub fn pack_yaml(id: &str, n: usize, dialogue_len: usize) -> String {
    let mut rng = Lcg(n as u64 ^ 0x5eed);
    let mut y = String::with_capacity(n * 400);
    let _ = write!(y, "version: 1\nid: {id}\ntitle: 生成题包 {n}\ncategory: repair\ndescription: 基准测试用的生成题包。\npass_mark: 80\nitems:\n");
    for i in 0..n {
        let rule = RULES[i % RULES.len()];
        let rule2 = RULES[(i + 1) % RULES.len()];
        let prompt = words(&mut rng, 24);
        match i % 5 {
            0 => {
                let _ = write!(y, "  - id: {id}-{i}\n    kind: choice\n    standards: [{rule}]\n    prompt: {prompt}？\n    points: 10\n    options:\n");
                for (k, s) in [10, 4, 0].iter().enumerate() {
                    let _ = write!(
                        y,
                        "      - text: {}{k}\n        score: {s}\n        feedback: {}\n",
                        words(&mut rng, 16),
                        words(&mut rng, 12)
                    );
                }
            }
            1 => {
                let _ = write!(y, "  - id: {id}-{i}\n    kind: multi\n    standards: [{rule}, {rule2}]\n    prompt: {prompt}？\n    options:\n");
                for k in 0..5 {
                    let _ = writeln!(y, "      - {{ text: {}{k}, correct: {} }}", words(&mut rng, 8), k % 2 == 0);
                }
            }
            2 => {
                let _ = write!(y, "  - id: {id}-{i}\n    kind: order\n    standards: [{rule}]\n    prompt: {prompt}\n    points: 6\n    steps:\n");
                for k in 0..4 {
                    let _ = writeln!(y, "      - {}{k}", words(&mut rng, 10));
                }
                let _ = writeln!(y, "    feedback: {}", words(&mut rng, 12));
            }
            3 => {
                let _ = write!(
                    y,
                    "  - id: {id}-{i}\n    kind: reply\n    standards: [TALK.POLICY, BIZ.D]\n    prompt: 客户：“{prompt}”请输入您的回答。\n    elements:\n      - name: 致歉\n        any: [抱歉, 对不起]\n        points: 3\n        standard: TALK.POLICY\n        hint: 先表示歉意。\n      - name: 说明规定\n        any: [根据, 按照, 规定]\n        points: 4\n    model_answer: 真是抱歉，根据现有的规定，我们还无法办理，请您谅解。\n"
                );
            }
            _ => dialogue_item(&mut y, &format!("{id}-{i}"), dialogue_len, &mut rng),
        }
    }
    y
}

fn dialogue_item(y: &mut String, id: &str, len: usize, rng: &mut Lcg) {
    let len = len.max(1);
    let _ = write!(y, "  - id: {id}\n    kind: dialogue\n    standards: [REPAIR.ASK, REPAIR.DISPATCH]\n    prompt: 95598 来电：{}\n    mood: {{ start: 0, min: -3, max: 3 }}\n    start: n0\n    nodes:\n", words(rng, 12));
    for k in 0..len {
        let next = if k + 1 == len { "good".to_owned() } else { format!("n{}", k + 1) };
        let _ = write!(
            y,
            "      n{k}:\n        customer: {}\n        options:\n          - text: {}\n            score: 2\n            mood: 1\n            sets: [asked]\n            feedback: {}\n            next: {next}\n          - text: {}\n            score: 0\n            mood: -1\n            feedback: {}\n            next: {next}\n            branches:\n              - when: {{ mood_at_most: -3 }}\n                next: bad\n",
            words(rng, 14),
            words(rng, 18),
            words(rng, 8),
            words(rng, 18),
            words(rng, 8)
        );
    }
    let _ = write!(y, "      good:\n        ending:\n          outcome: 已派发抢修工单\n          result: good\n          feedback: 处理得当。\n      bad:\n        ending:\n          outcome: 客户要求投诉\n          result: bad\n");
}

/// Items per generated pack file. A pack file is capped at 4 MiB and serde-saphyr's budget
/// of 250,000 YAML nodes (`load::yaml`), about 1,000–2,000 generated items, so larger sizes
/// are a library of several 1,000-item packs, as a trainer would split them.
pub const PER_PACK: usize = 1_000;

/// `total` items as pack files of at most `PER_PACK` items (dialogues of `dialogue_len`
/// nodes), with ids unique across the library.
pub fn pack_sources(total: usize, dialogue_len: usize) -> Vec<Source> {
    (0..total.div_ceil(PER_PACK))
        .map(|k| {
            let n = PER_PACK.min(total - k * PER_PACK);
            Source::new(format!("gen{k}.yaml"), pack_yaml(&format!("gen{k}"), n, dialogue_len))
        })
        .collect()
}

/// Loads and validates generated pack files through `Library::build` (the app's path).
pub fn build_library(catalogue: &Catalogue, banned: &BannedList, packs: &[Source]) -> Library {
    Library::build(catalogue.clone(), banned.clone(), packs)
}

/// `content.json` for `total` generated items (`pack_sources`, loaded by `Library::build`),
/// with the shipped catalogue, banned list and phrasebook: what `drill bundle` would write
/// for such a folder.
pub fn bundle_json(total: usize, dialogue_len: usize) -> String {
    let catalogue = catalogue();
    let banned = banned(&catalogue);
    let phrasebook = load_phrasebook(&Source::new("phrasebook.yaml", PHRASEBOOK_YAML), &catalogue)
        .expect("shipped phrasebook loads");
    let library = build_library(&catalogue, &banned, &pack_sources(total, dialogue_len));
    assert!(library.broken.is_empty(), "generated packs load");
    ContentBundle::from_library(library, BundledPhrasebook::Loaded(phrasebook)).to_json()
}

/// A banned list of `n` distinct phrases (2–6 characters, a third with a variant, a tenth
/// with an allow context), as YAML, citing shipped rule ids.
pub fn banned_yaml(n: usize) -> String {
    let mut rng = Lcg(0xbad);
    let mut seen = std::collections::HashSet::new();
    let mut y = String::from("version: 1\nphrases:\n");
    let cats = ["refusing", "rhetorical", "impatient", "shirking", "rude", "jargon"];
    let sev = ["minor", "major", "critical"];
    let mut i = 0;
    while seen.len() < n {
        let len = 2 + rng.below(5);
        let p = words(&mut rng, len);
        if !seen.insert(p.clone()) {
            continue;
        }
        let _ = write!(y, "  - id: gen.{i}\n    phrase: {p}\n    standard: {}\n    category: {}\n    severity: {}\n    instead: 我们可以先帮您处理。\n", RULES[i % RULES.len()], cats[i % 6], sev[i % 3]);
        if i % 3 == 0 {
            let _ = writeln!(y, "    variants: [{p}啊]");
        }
        if i % 10 == 0 {
            let _ = writeln!(y, "    allow: [不{p}]");
        }
        i += 1;
    }
    y
}

/// [`banned_yaml`]'s `n` generated phrases after the shipped list's phrases and its context
/// rules (`contexts:`), as one YAML file: the shipped rules then run on every hit.
pub fn banned_yaml_with_shipped(n: usize) -> String {
    let generated = banned_yaml(n);
    let generated = generated.split_once("phrases:\n").map_or("", |(_, rest)| rest);
    let shipped = BANNED_YAML;
    let contexts = shipped.find("\ncontexts:").expect("shipped contexts");
    let phrases = shipped.find("\nphrases:").expect("shipped phrases");
    let (contexts, phrases) = if contexts < phrases {
        (&shipped[contexts..phrases], &shipped[phrases..])
    } else {
        (&shipped[contexts..], &shipped[phrases..contexts])
    };
    format!("version: 1\n{}\n{}\n{generated}", contexts.trim_start(), phrases.trim_end())
}

/// Sentences full of negations a trainer hears (questions, reassurances, conditions, a few
/// refusals), repeated to exactly `chars` characters.
pub fn negation_reply(chars: usize) -> String {
    const SENTENCES: &[&str] = &[
        "请问您能不能把户号告诉我？",
        "您放心，我们不会让您白跑一趟。",
        "如果您不能亲自来，可以委托家人办理。",
        "没有户号不能交。",
        "请问您家有没有其他电器在用？",
        "我们不会多收您一分钱。",
        "可不可以留个电话？",
        "我们不会派人上门修的。",
        "不行的话，我请值班经理来处理。",
        "这不属于我们的维修范围，您可以联系有资质的维修队伍。",
    ];
    SENTENCES.iter().cycle().flat_map(|s| s.chars()).take(chars).collect()
}

/// A reply of exactly `chars` characters with punctuation every ~12 characters and a few
/// of `phrases` embedded (so the matcher has real hits to report).
pub fn reply_text(chars: usize, phrases: &[&str]) -> String {
    let mut rng = Lcg(300);
    let mut out = String::new();
    let mut n = 0;
    let mut k = 0;
    while n < chars {
        let piece = if n % 100 < 12 && k < phrases.len() {
            k += 1;
            phrases[k - 1].to_owned()
        } else {
            let mut w = words(&mut rng, 11);
            w.push('，');
            w
        };
        for c in piece.chars() {
            if n < chars {
                out.push(c);
                n += 1;
            }
        }
    }
    out
}

/// Everyday characters outside `POOL` (so generated phrases rarely occur by accident).
const OTHER: &str = "的一是了我人在他有这个上们来到时大地子中说生国年着就那和要她出也得里后自以会家下而过天去对小多然于心学么之都好看起发当没成只如事把还第样道想作种开美总从无情己面最女但现前些所同日手又行意动方期它头经长儿回位分爱老因很给名法间斯知世什两次使身者被高已亲其进此话常与活正感";

/// A 300-char-style reply of `chars` characters of everyday text (not drawn from the
/// phrase alphabet) with `phrases` embedded once each: a realistic 0–3 banned phrases.
pub fn plain_reply(chars: usize, phrases: &[&str]) -> String {
    let pool: Vec<char> = OTHER.chars().filter(|c| !POOL.contains(*c)).collect();
    let mut rng = Lcg(7);
    let mut out: Vec<char> = Vec::new();
    let mut k = 0;
    while out.len() < chars {
        if out.len() % 120 == 40 && k < phrases.len() {
            out.extend(phrases[k].chars());
            k += 1;
        } else if out.len() % 13 == 12 {
            out.push('，');
        } else {
            out.push(pool[rng.below(pool.len())]);
        }
    }
    out.truncate(chars);
    out.into_iter().collect()
}

/// A team of `trainees`, each with `attempts` attempts spread over 10 packs × 20 items of
/// every kind, over 30 days, as a lead's roster.
pub fn roster(trainees: usize, attempts: usize) -> Roster {
    let kinds = [ItemKind::Choice, ItemKind::Multi, ItemKind::Order, ItemKind::Reply, ItemKind::Dialogue];
    let packs: Vec<PackInfo> = (0..10)
        .map(|p| PackInfo {
            id: format!("p{p}"),
            title: format!("题包{p}"),
            pass_mark: 80.0,
            max_points: 200.0,
            item_count: 20,
        })
        .collect();
    let items: Vec<ItemInfo> = (0..200)
        .map(|i| ItemInfo {
            id: format!("p{}-{i}", i / 20),
            pack_id: format!("p{}", i / 20),
            kind: kinds[i % 5],
            standards: vec![RULES[i % RULES.len()].to_owned(), RULES[(i + 2) % RULES.len()].to_owned()],
            max_points: 10.0,
            prompt: format!("第 {i} 题"),
            options: if i % 5 == 0 { vec!["甲".into(), "乙".into(), "丙".into()] } else { Vec::new() },
        })
        .collect();
    let mut roster = Roster::default();
    let mut rng = Lcg(42);
    let t0 = 1_790_000_000_000.0;
    for t in 0..trainees {
        let mut list = Vec::with_capacity(attempts);
        for a in 0..attempts {
            let i = rng.below(200);
            let points = [0.0, 5.0, 10.0][rng.below(3)];
            let answer = match i % 5 {
                0 => Answer::Choice { option: rng.below(3) },
                1 => Answer::Multi { selected: vec![0, 2] },
                2 => Answer::Order { order: vec![0, 2, 1, 3] },
                3 => Answer::Reply { text: "不能办，您自己去问吧".into() },
                _ => Answer::Dialogue { path: vec![0, 1, 0] },
            };
            let findings = if i % 5 == 3 && points < 10.0 {
                vec![Finding {
                    kind: FindingKind::Breaks,
                    standard: Some("BIZ.D".into()),
                    message: "使用了服务忌语“不能办”".into(),
                    points: -5.0,
                    quote: Some("不能办".into()),
                    instead: Some("我们可以先帮您……".into()),
                }]
            } else {
                Vec::new()
            };
            let at = t0 + (a as f64) * 2_600_000.0;
            list.push(Attempt {
                pack_id: format!("p{}", i / 20),
                item_id: format!("p{}-{i}", i / 20),
                answer,
                outcome: Outcome::new(points, 10.0, findings),
                started_ms: at - 30_000.0,
                answered_ms: at,
            });
        }
        let totals = Totals {
            attempts: list.len(),
            points: list.iter().map(|a| a.outcome.points).sum(),
            max: list.iter().map(|a| a.outcome.max).sum(),
        };
        let file = ResultsFile {
            kind: RESULTS_KIND.into(),
            format: RESULTS_FORMAT,
            app_version: "bench".into(),
            content_version: "bench".into(),
            exported_ms: t0,
            trainee: Profile {
                name: format!("学员{t}"),
                employee_no: format!("E{t:04}"),
                team: format!("{}班", t % 4),
            },
            packs: packs.clone(),
            items: items.clone(),
            attempts: list,
            totals,
        };
        roster.import(file);
    }
    roster
}

/// Where criterion writes its results (`$CRITERION_HOME`, else `$CARGO_TARGET_DIR/criterion`,
/// else `target/criterion`).
fn criterion_dir() -> std::path::PathBuf {
    if let Ok(home) = std::env::var("CRITERION_HOME") {
        return home.into();
    }
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    std::path::Path::new(&target).join("criterion")
}

/// Criterion's median estimate (ns) for `group/id`, read back from its JSON output.
pub fn median_ns(group: &str, id: &str) -> Option<f64> {
    let path = criterion_dir().join(group).join(id).join("new").join("estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v.get("median")?.get("point_estimate")?.as_f64()
}

/// Prints one `FIGURE name = value unit` line (scripts/measure.sh collects these).
pub fn figure(name: &str, value: f64, unit: &str) {
    println!("FIGURE {name} = {value:.3} {unit}");
}
