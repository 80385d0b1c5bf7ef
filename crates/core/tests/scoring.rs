//! Scoring of every item kind, with hand-computed expected numbers, and the banned-phrase
//! matcher's rules as a trainee meets them. Items and banned lists are built directly, not
//! loaded from YAML, so these tests pin the scoring rules alone.

use drill_core::scenario::*;
use drill_core::score::dialogue::{best_total, replay, State};
use drill_core::score::{score, step_findings, Answer, Finding, FindingKind, Outcome, Verdict};
use drill_core::text::{normalize, TabooMatcher};
use std::collections::BTreeMap;

fn item(id: &str, standards: &[&str], body: ItemBody) -> Item {
    Item {
        id: id.into(),
        standards: standards.iter().map(|s| s.to_string()).collect(),
        prompt: "题干".into(),
        context: String::new(),
        body,
    }
}

fn kinds(outcome: &Outcome) -> Vec<FindingKind> {
    outcome.findings.iter().map(|f| f.kind).collect()
}

fn of_kind(outcome: &Outcome, kind: FindingKind) -> Vec<&Finding> {
    outcome.findings.iter().filter(|f| f.kind == kind).collect()
}

fn no_taboo() -> TabooMatcher {
    TabooMatcher::new(&BannedList::default())
}

// ---------------------------------------------------------------- choice

fn hall_enter() -> Item {
    let option = |text: &str, score: Points, feedback: &str, standards: &[&str]| ChoiceOption {
        text: text.into(),
        score,
        feedback: feedback.into(),
        standards: standards.iter().map(|s| s.to_string()).collect(),
    };
    item(
        "hall-enter-2m",
        &["HALL.ENTER.2M"],
        ItemBody::Choice(Choice {
            options: vec![
                option("上前一两步，鞠躬 15°，微笑问候“您好”。", 10.0, "正确。", &[]),
                option(
                    "站在原地点头微笑。",
                    4.0,
                    "有微笑，但 2 米处应迎前、鞠躬并问候。",
                    &["HALL.ENTER.2M", "HALL.SMILE"],
                ),
                option("等客户开口再说。", 0.0, "不正确：应主动问候。", &[]),
            ],
        }),
    )
}

#[test]
fn choice_scores_the_chosen_option() {
    let best = score(&hall_enter(), &Answer::Choice { option: 0 }, &no_taboo());
    assert_eq!((best.points, best.max, best.verdict), (10.0, 10.0, Verdict::Correct));
    assert_eq!(kinds(&best), vec![FindingKind::Follows]);
    assert_eq!(best.findings[0].standard.as_deref(), Some("HALL.ENTER.2M"));

    let wrong = score(&hall_enter(), &Answer::Choice { option: 2 }, &no_taboo());
    assert_eq!((wrong.points, wrong.verdict), (0.0, Verdict::Wrong));
    assert_eq!(kinds(&wrong), vec![FindingKind::Breaks]);
}

#[test]
fn choice_partial_option_earns_part_and_cites_its_own_rules() {
    let partial = score(&hall_enter(), &Answer::Choice { option: 1 }, &no_taboo());
    assert_eq!((partial.points, partial.verdict), (4.0, Verdict::Partial));
    let rules: Vec<_> = partial.findings.iter().map(|f| f.standard.as_deref().unwrap()).collect();
    assert_eq!(rules, vec!["HALL.ENTER.2M", "HALL.SMILE"]);
    assert!(partial.findings.iter().all(|f| f.kind == FindingKind::Missing && f.message.contains("鞠躬")));
    // The option's points are carried once, so the findings add up to the total.
    assert_eq!(partial.findings.iter().map(|f| f.points).sum::<f64>(), 4.0);
}

// ---------------------------------------------------------------- multi

fn record_fields() -> Item {
    let option = |text: &str, correct: bool, feedback: &str| MultiOption {
        text: text.into(),
        correct,
        feedback: feedback.into(),
    };
    item(
        "repair-record-fields",
        &["REPAIR.ASK", "CALL.RECORD"],
        ItemBody::Multi(Multi {
            options: vec![
                option("停电范围", true, ""),
                option("停电开始的时间", true, ""),
                option("详细地址", true, ""),
                option("客户姓名和联系电话", true, ""),
                option("客户的工作单位", false, "与抢修无关，不需要询问。"),
            ],
            points: 10.0,
        }),
    )
}

#[test]
fn multi_right_minus_wrong_over_correct() {
    // 3 right, 1 wrong, 4 correct in all: 10 × (3 − 1) / 4 = 5.
    let outcome = score(&record_fields(), &Answer::Multi { selected: vec![0, 1, 2, 4] }, &no_taboo());
    assert_eq!((outcome.points, outcome.verdict), (5.0, Verdict::Partial));
    let wrong = of_kind(&outcome, FindingKind::Breaks);
    assert_eq!(wrong.len(), 1);
    assert_eq!(wrong[0].points, -2.5);
    assert!(wrong[0].message.contains("工作单位") && wrong[0].message.contains("与抢修无关"));
    let missed = of_kind(&outcome, FindingKind::Missing);
    assert_eq!(missed.len(), 1);
    assert!(missed[0].message.contains("客户姓名和联系电话"));
    assert_eq!(missed[0].standard.as_deref(), Some("REPAIR.ASK"));

    // Ticking everything: 10 × (4 − 1) / 4 = 7.5.
    let all = score(&record_fields(), &Answer::Multi { selected: vec![4, 3, 2, 1, 0] }, &no_taboo());
    assert_eq!(all.points, 7.5);
    // Only the wrong one: floored at 0.
    let only_wrong = score(&record_fields(), &Answer::Multi { selected: vec![4] }, &no_taboo());
    assert_eq!((only_wrong.points, only_wrong.verdict), (0.0, Verdict::Wrong));
    let full = score(&record_fields(), &Answer::Multi { selected: vec![3, 0, 2, 1] }, &no_taboo());
    assert_eq!((full.points, full.verdict), (10.0, Verdict::Correct));
}

#[test]
fn multi_option_note_follows_the_option_without_a_doubled_full_stop() {
    let option = |text: &str, correct: bool, feedback: &str| MultiOption {
        text: text.into(),
        correct,
        feedback: feedback.into(),
    };
    let taboo = item(
        "taboo-pick",
        &["TALK.WRONGED"],
        ItemBody::Multi(Multi {
            options: vec![
                option("爱办不办。", true, ""),
                option("谢谢您的批评，我们一定改进。", false, "虚心接受批评，是规范用语。"),
                option("吵什么吵！", true, "训斥客户。"),
                option("停电", false, "通俗说法。"),
            ],
            points: 10.0,
        }),
    );
    let outcome = score(&taboo, &Answer::Multi { selected: vec![1, 3] }, &no_taboo());
    let messages: Vec<&str> = outcome.findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "漏选：爱办不办。",
            "错选：谢谢您的批评，我们一定改进。虚心接受批评，是规范用语。",
            "漏选：吵什么吵！训斥客户。",
            "错选：停电。通俗说法。",
        ]
    );
}

// ---------------------------------------------------------------- order

fn triage_steps() -> Item {
    item(
        "triage-steps",
        &["TRIAGE.ASK"],
        ItemBody::Order(Order {
            steps: ["主动问候客户", "表达服务意愿", "询问客户需求", "判断业务类型", "引导到相应区域"]
                .map(String::from)
                .to_vec(),
            points: 10.0,
            feedback: "先问候、后询问。".into(),
        }),
    )
}

#[test]
fn order_scores_pairs_in_the_right_relative_order() {
    let right = score(&triage_steps(), &Answer::Order { order: vec![0, 1, 2, 3, 4] }, &no_taboo());
    assert_eq!((right.points, right.verdict), (10.0, Verdict::Correct));
    assert_eq!(kinds(&right), vec![FindingKind::Follows]);

    // One swap of neighbours: 9 of the 10 pairs right → 9.
    let swap = score(&triage_steps(), &Answer::Order { order: vec![0, 2, 1, 3, 4] }, &no_taboo());
    assert_eq!((swap.points, swap.verdict), (9.0, Verdict::Partial));
    let reversed = of_kind(&swap, FindingKind::Breaks);
    assert_eq!(reversed.len(), 1);
    assert_eq!(reversed[0].message, "“表达服务意愿”应在“询问客户需求”之前。");

    // Steps 0 and 3 exchanged: inversions (3,1) (3,2) (3,0) (1,0) (2,0) → 5 of 10 right → 5.
    let far = score(&triage_steps(), &Answer::Order { order: vec![3, 1, 2, 0, 4] }, &no_taboo());
    assert_eq!(far.points, 5.0);

    let backwards = score(&triage_steps(), &Answer::Order { order: vec![4, 3, 2, 1, 0] }, &no_taboo());
    assert_eq!((backwards.points, backwards.verdict), (0.0, Verdict::Wrong));
}

// ---------------------------------------------------------------- reply and banned phrases

fn banned(
    id: &str,
    phrase: &str,
    variants: &[&str],
    standard: &str,
    severity: Severity,
    allow: &[&str],
    instead: &str,
) -> BannedPhrase {
    BannedPhrase {
        id: id.into(),
        phrase: phrase.into(),
        variants: variants.iter().map(|s| s.to_string()).collect(),
        standard: standard.into(),
        category: TabooCategory::Refusing,
        severity,
        allow: allow.iter().map(|s| s.to_string()).collect(),
        instead: instead.into(),
        note: String::new(),
    }
}

fn banned_list() -> BannedList {
    BannedList {
        phrases: vec![
            banned(
                "refuse.buneng",
                "不能",
                &["不可以", "不行", "办不了"],
                "BIZ.D",
                Severity::Major,
                &["不能给您带来不便"],
                "我们可以……，您看这样行吗？",
            ),
            banned(
                "shirk.bushuyu",
                "不属于",
                &["不归我管"],
                "TALK.TABOO",
                Severity::Major,
                &["不属于供电局维修范围"],
                "这个问题我帮您联系……",
            ),
            banned("rude.dongbudong.short", "懂不懂", &[], "TALK.TABOO", Severity::Minor, &[], "我再为您解释一下。"),
            banned("rude.dongbudong", "你懂不懂", &[], "TALK.TABOO", Severity::Critical, &[], "我再为您解释一下。"),
            banned("impatient.kuaidian", "快点说", &[], "TALK.TABOO", Severity::Minor, &[], "请您慢慢说。"),
        ],
        contexts: vec![],
    }
}

fn policy_refusal() -> Item {
    let element = |name: &str, any: &[&str], points: Points, standard: Option<&str>, hint: &str| Element {
        name: name.into(),
        any: any.iter().map(|s| s.to_string()).collect(),
        points,
        standard: standard.map(String::from),
        hint: hint.into(),
    };
    item(
        "policy-refusal",
        &["TALK.POLICY", "BIZ.D"],
        ItemBody::Reply(Reply {
            elements: vec![
                element("致歉", &["抱歉", "对不起", "不好意思"], 3.0, Some("TALK.POLICY"), "先表示歉意：“真是抱歉……”"),
                element("说明规定", &["根据", "按照", "规定"], 4.0, None, "说明依据。"),
                element("请求谅解", &["谅解", "理解"], 3.0, Some("BIZ.D"), "请客户谅解。"),
            ],
            model_answer: "真是抱歉，根据现有的过户规定，我们还无法提供您所期望的服务，请您谅解。".into(),
            feedback: String::new(),
        }),
    )
}

fn reply(text: &str) -> Outcome {
    score(&policy_refusal(), &Answer::Reply { text: text.into() }, &TabooMatcher::new(&banned_list()))
}

#[test]
fn reply_scores_elements_found_and_missing() {
    let full = reply("真是抱歉，根据现有的过户规定，我们还无法提供您所期望的服务，请您谅解。");
    assert_eq!((full.points, full.max, full.verdict), (10.0, 10.0, Verdict::Correct));
    assert_eq!(kinds(&full), vec![FindingKind::Follows; 3]);
    assert_eq!(full.findings[0].quote.as_deref(), Some("抱歉"));
    // An element without its own rule cites the item's first.
    assert_eq!(full.findings[1].standard.as_deref(), Some("TALK.POLICY"));

    let partial = reply("对不起，请您理解。");
    assert_eq!((partial.points, partial.verdict), (6.0, Verdict::Partial));
    let missing = of_kind(&partial, FindingKind::Missing);
    assert_eq!(missing.len(), 1);
    assert!(missing[0].message.contains("说明规定") && missing[0].message.contains("说明依据"));
}

#[test]
fn traditional_full_width_and_spaced_replies_score_as_simplified() {
    let simplified = reply("真是抱歉，根据现有的过户规定，我们还无法提供您所期望的服务，请您谅解。");
    let traditional = reply("真是抱歉，根據現有的過戶規定，我們還無法提供您所期望的服務，請您諒解。");
    let spaced = reply("真 是 抱 歉 ！ 根　据 现有的过户规定 ， 我们还无法提供，请您 谅 解 ．");
    let ascii_punct = reply("真是抱歉!根据现有的过户规定,我们还无法提供您所期望的服务,请您谅解.");
    for other in [&traditional, &spaced, &ascii_punct] {
        assert_eq!(other.points, simplified.points);
        assert_eq!(kinds(other), kinds(&simplified));
    }
    // Quotes stay as typed.
    assert_eq!(traditional.findings[2].quote.as_deref(), Some("諒解"));
    assert_eq!(spaced.findings[2].quote.as_deref(), Some("谅 解"));
}

#[test]
fn banned_phrase_costs_its_share_once_and_is_quoted_as_typed() {
    // All three elements (10) − major (½ × 10).
    let outcome = reply("抱歉，根据规定不能办理，请谅解。不能就是不能。");
    assert_eq!(outcome.points, 5.0);
    let hits = of_kind(&outcome, FindingKind::Breaks);
    assert_eq!(hits.len(), 3, "every occurrence is pointed out");
    assert_eq!(hits.iter().map(|f| f.points).collect::<Vec<_>>(), vec![-5.0, 0.0, 0.0]);
    assert_eq!(hits[0].quote.as_deref(), Some("不能"));
    assert_eq!(hits[0].standard.as_deref(), Some("BIZ.D"));
    assert_eq!(hits[0].instead.as_deref(), Some("我们可以……，您看这样行吗？"));

    // Distinct phrases add up: major ½ + minor ¼ of 10.
    let two = reply("抱歉，根据规定不行，请谅解，快点说。");
    assert_eq!(two.points, 2.5);
}

#[test]
fn variants_are_caught_in_simplified_and_traditional_and_quoted_as_typed() {
    let matcher = TabooMatcher::new(&banned_list());
    for (text, quote) in [
        ("这个办不了", "办不了"),
        ("這個辦不了", "辦不了"),
        ("這個 辦，不了", "辦，不了"),
        ("不　能", "不　能"),
        ("ＮＯ，不可以！", "不可以"),
    ] {
        let hits = matcher.find(text);
        assert_eq!(hits.len(), 1, "{text}");
        assert_eq!(matcher.phrase(&hits[0]).unwrap().id, "refuse.buneng");
        assert_eq!(hits[0].quote, quote);
        let typed: String = text.chars().skip(hits[0].start).take(hits[0].end - hits[0].start).collect();
        assert_eq!(typed, quote);
    }
    let traditional_shirk = matcher.find("這不歸我管");
    assert_eq!(traditional_shirk.len(), 1);
    assert_eq!(traditional_shirk[0].quote, "不歸我管");
}

#[test]
fn allow_contexts_are_not_flagged() {
    let matcher = TabooMatcher::new(&banned_list());
    assert!(matcher.find("非常抱歉，不能给您带来不便，请谅解。").is_empty());
    // The model line of REPAIR.INTERNAL, in simplified and in traditional characters.
    assert!(matcher.find("您的故障不属于供电局维修范围，您可以联系有资质的维修队伍为您修理。").is_empty());
    assert!(matcher.find("您的故障不屬於供電局維修範圍，您可以聯繫有資質的維修隊伍為您修理。").is_empty());
    // The same words outside the context are still caught.
    let hits = matcher.find("这不属于我们的事，不能给您带来不便，但是不能办。");
    assert_eq!(
        hits.iter().map(|h| (matcher.phrase(h).unwrap().id.as_str(), h.quote.as_str())).collect::<Vec<_>>(),
        vec![("shirk.bushuyu", "不属于"), ("refuse.buneng", "不能")]
    );
    assert_eq!(hits[1].start, "这不属于我们的事，不能给您带来不便，但是".chars().count());

    // And the reply built on the model line keeps full marks.
    let model = reply("真是抱歉，根据规定，您的故障不属于供电局维修范围，请您谅解。");
    assert_eq!(model.points, 10.0);
}

#[test]
fn longest_hit_wins() {
    let matcher = TabooMatcher::new(&banned_list());
    let hits = matcher.find("你懂不懂啊？");
    assert_eq!(hits.len(), 1);
    assert_eq!(
        (matcher.phrase(&hits[0]).unwrap().id.as_str(), hits[0].quote.as_str()),
        ("rude.dongbudong", "你懂不懂")
    );
    // The longer, critical phrase zeroes the reply; the shorter minor one is not added.
    let outcome = reply("抱歉，根据规定，请谅解，你懂不懂？");
    assert_eq!((outcome.points, outcome.verdict), (0.0, Verdict::Wrong));
    assert_eq!(of_kind(&outcome, FindingKind::Breaks).len(), 1);
    // On its own the shorter one is still caught.
    assert_eq!(matcher.phrase(&matcher.find("这都懂不懂")[0]).unwrap().id, "rude.dongbudong.short");
}

// ---------------------------------------------------------------- dialogue

fn dialogue_item() -> Item {
    let option = |text: &str, score: Points, next: &str| DialogueOption {
        text: text.into(),
        score,
        feedback: format!("{text}的反馈"),
        standards: vec![],
        mood: 0,
        next: next.into(),
        branches: vec![],
        sets: vec![],
        requires: vec![],
    };
    let ending = |outcome: &str, result| Node {
        customer: String::new(),
        narration: String::new(),
        step: NodeStep::Ending(Ending { outcome: outcome.into(), result, feedback: String::new() }),
    };
    let mut ask = option("问范围", 3.0, "scope");
    ask.sets = vec!["asked_scope".into()];
    ask.mood = 1;
    let mut rush = option("马上派单", 1.0, "dispatched");
    rush.mood = -3;
    rush.standards = vec!["REPAIR.DISPATCH".into()];
    rush.requires = vec![Requirement {
        flag: "asked_scope".into(),
        penalty: 2.0,
        feedback: "派单前必须先问清停电范围。".into(),
        standard: Some("REPAIR.ASK".into()),
    }];
    rush.branches = vec![Branch { when: Condition::MoodAtMost(-2), next: "escalated".into() }];
    let mut nodes = BTreeMap::new();
    nodes.insert(
        "open".into(),
        Node {
            customer: "我家停电了！".into(), narration: String::new(), step: NodeStep::Options(vec![ask, rush])
        },
    );
    nodes.insert(
        "scope".into(),
        Node {
            customer: "整个小区都黑了".into(),
            narration: String::new(),
            step: NodeStep::Options(vec![
                option("记录并派单", 3.0, "dispatched"),
                option("您等着吧", 0.0, "dispatched"),
            ]),
        },
    );
    nodes.insert("dispatched".into(), ending("已派发抢修工单", EndingResult::Good));
    nodes.insert("escalated".into(), ending("客户要求投诉", EndingResult::Bad));
    let mut d = Dialogue { start: "open".into(), mood: MoodScale::default(), nodes, max_points: 0.0 };
    d.max_points = best_total(&d).unwrap_or(0.0);
    item("repair-whole-community", &["REPAIR.ASK", "REPAIR.DISPATCH"], ItemBody::Dialogue(d))
}

fn play(path: &[usize]) -> Outcome {
    score(&dialogue_item(), &Answer::Dialogue { path: path.to_vec() }, &no_taboo())
}

#[test]
fn dialogue_best_path_earns_the_maximum() {
    let best = play(&[0, 0]);
    assert_eq!((best.points, best.max, best.verdict), (6.0, 6.0, Verdict::Correct));
    // Two steps under the item's two rules each, then the ending.
    assert_eq!(kinds(&best), vec![FindingKind::Follows; 5]);
    assert!(best.findings.last().unwrap().message.contains("已派发抢修工单"));
}

#[test]
fn dialogue_weaker_reply_and_unmet_requirement() {
    // 3 + 0 = 3 of 6; the weaker reply is a Breaks under the item's rules.
    let weak = play(&[0, 1]);
    assert_eq!((weak.points, weak.verdict), (3.0, Verdict::Partial));
    assert_eq!(of_kind(&weak, FindingKind::Breaks).len(), 2);

    // 1 − 2 = −1, clamped to 0; the unmet requirement cites its own rule and penalty.
    let rushed = play(&[1]);
    assert_eq!((rushed.points, rushed.verdict), (0.0, Verdict::Wrong));
    let breaks = of_kind(&rushed, FindingKind::Breaks);
    assert_eq!(breaks.len(), 3, "{:?}", rushed.findings);
    assert_eq!(breaks[0].standard.as_deref(), Some("REPAIR.DISPATCH"));
    assert_eq!((breaks[1].standard.as_deref(), breaks[1].points), (Some("REPAIR.ASK"), -2.0));
    assert_eq!(breaks[1].message, "派单前必须先问清停电范围。");
    assert!(breaks[2].message.contains("客户要求投诉"), "the mood branch led to the bad ending");
}

#[test]
fn step_findings_match_what_the_final_report_says() {
    let item = dialogue_item();
    let ItemBody::Dialogue(d) = &item.body else { unreachable!() };
    let (steps, _) = replay(d, &[1]);
    let findings = step_findings(d, &State::start(d), &steps[0], &item.standards);
    let outcome = play(&[1]);
    assert_eq!(findings, outcome.findings[..findings.len()].to_vec());
    assert_eq!(findings.iter().map(|f| f.points).sum::<f64>(), -1.0);
}

#[test]
fn dialogue_not_finished_scores_what_was_played() {
    let half = play(&[0]);
    assert_eq!((half.points, half.verdict), (3.0, Verdict::Partial));
    assert_eq!(half.findings.last().unwrap().kind, FindingKind::Missing);
}

// ---------------------------------------------------------------- malformed answers

#[test]
fn malformed_answers_score_zero_with_a_clear_finding() {
    let cases: Vec<(Item, Answer)> = vec![
        (hall_enter(), Answer::Choice { option: 3 }),
        (hall_enter(), Answer::Choice { option: usize::MAX }),
        (hall_enter(), Answer::Multi { selected: vec![0] }),
        (record_fields(), Answer::Multi { selected: vec![0, 1, 2, 3, 3] }),
        (record_fields(), Answer::Multi { selected: vec![0, 9] }),
        (triage_steps(), Answer::Order { order: vec![0, 1, 2, 3] }),
        (triage_steps(), Answer::Order { order: vec![0, 1, 2, 3, 3] }),
        (triage_steps(), Answer::Order { order: vec![0, 1, 2, 3, 7] }),
        (policy_refusal(), Answer::Choice { option: 0 }),
        (dialogue_item(), Answer::Dialogue { path: vec![0, 5] }),
        (dialogue_item(), Answer::Dialogue { path: vec![0, 0, 0] }),
        (dialogue_item(), Answer::Reply { text: "抱歉".into() }),
    ];
    for (item, answer) in cases {
        let outcome = score(&item, &answer, &TabooMatcher::new(&banned_list()));
        assert_eq!((outcome.points, outcome.verdict), (0.0, Verdict::Wrong), "{answer:?}");
        assert_eq!(outcome.findings.len(), 1, "{answer:?}");
        let finding = &outcome.findings[0];
        assert_eq!(finding.kind, FindingKind::Breaks);
        assert!(finding.message.contains("答案") && finding.message.contains("按答错计"), "{}", finding.message);
        assert_eq!(finding.standard.as_deref(), item.standards.first().map(String::as_str));
    }
}

// ---------------------------------------------------------------- normalisation

#[test]
fn normalisation_is_idempotent_on_seed_style_text() {
    for text in [
        "如何提升供電企業(yè)95598服務(wù)窗口的服務(wù)效率",
        "您好！請問您那裡只有您一家停電了，還是單元樓、整個小區都停電了？",
        "我們會盡快回覆妳，請別著急。",
        "ＴＥＬ：９５５９８　轉　１",
    ] {
        let once = normalize(text).text;
        assert_eq!(normalize(&once).text, once);
    }
    assert_eq!(normalize("ＴＥＬ：９５５９８　轉　１").text, "tel95598转1");
}
