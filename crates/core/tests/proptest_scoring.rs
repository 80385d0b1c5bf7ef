//! Properties of scoring and text handling that must hold for any input: answers come back
//! from storage and result files, and trainees type anything.

use drill_core::scenario::*;
use drill_core::score::dialogue::best_total;
use drill_core::score::{score, Answer, Outcome};
use drill_core::text::{normalize, TabooMatcher};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn banned(id: &str, phrase: &str, variants: &[&str], severity: Severity, allow: &[&str]) -> BannedPhrase {
    BannedPhrase {
        id: id.into(),
        phrase: phrase.into(),
        variants: variants.iter().map(|s| s.to_string()).collect(),
        standard: "TALK.TABOO".into(),
        category: TabooCategory::Refusing,
        severity,
        allow: allow.iter().map(|s| s.to_string()).collect(),
        instead: "我们可以……".into(),
        note: String::new(),
    }
}

fn banned_list() -> BannedList {
    BannedList {
        phrases: vec![
            banned("buneng", "不能", &["不可以", "办不了"], Severity::Major, &["不能给您带来不便"]),
            banned("bushuyu", "不属于", &[], Severity::Major, &["不属于供电局维修范围"]),
            banned("dong", "懂不懂", &[], Severity::Minor, &[]),
            banned("nidong", "你懂不懂", &[], Severity::Critical, &[]),
            banned("kuai", "快点", &["快點說"], Severity::Minor, &[]),
        ],
        contexts: vec![],
    }
}

/// Fragments that make texts likely to hit phrases, allow contexts and elements, typed in
/// simplified and traditional characters with full-width and ASCII punctuation and spaces.
/// Chars whose conversion depends on their neighbours (著, 覆, 甚, 乾 …) are left out: a
/// quote normalised on its own can legitimately differ from the same chars in context.
const FRAGMENTS: &[&str] = &[
    "不能",
    "不 能",
    "不，能",
    "不可以",
    "辦不了",
    "办不了",
    "不能给您带来不便",
    "不能給您帶來不便",
    "不属于",
    "不屬於",
    "不属于供电局维修范围",
    "不屬於供電局維修範圍",
    "你懂不懂",
    "懂不懂",
    "快点",
    "快點說",
    "抱歉",
    "對不起",
    "根据",
    "根據",
    "谅解",
    "諒解",
    "您好",
    "請問",
    "电费",
    "電費",
    "，",
    "。",
    "！",
    "？",
    " ",
    "　",
    "Ａ",
    "ｂ",
    "9",
    "……",
    "\n",
    "😀",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..24).prop_map(|parts| parts.concat())
}

fn items() -> Vec<Item> {
    let item = |id: &str, body| Item {
        id: id.into(),
        standards: vec!["RULE.A".into()],
        prompt: String::new(),
        context: String::new(),
        body,
    };
    let choice = ItemBody::Choice(Choice {
        options: [10.0, 4.0, 0.0]
            .iter()
            .map(|&score| ChoiceOption { text: String::new(), score, feedback: String::new(), standards: vec![] })
            .collect(),
    });
    let multi = ItemBody::Multi(Multi {
        options: [true, true, false, true, false]
            .iter()
            .map(|&correct| MultiOption { text: "x".into(), correct, feedback: String::new() })
            .collect(),
        points: 10.0,
    });
    let order = ItemBody::Order(Order {
        steps: (0..5).map(|i| i.to_string()).collect(),
        points: 10.0,
        feedback: String::new(),
    });
    let reply = ItemBody::Reply(Reply {
        elements: vec![
            Element {
                name: "致歉".into(),
                any: vec!["抱歉".into(), "对不起".into()],
                points: 3.0,
                standard: None,
                hint: String::new(),
            },
            Element {
                name: "依据".into(), any: vec!["根据".into()], points: 4.0, standard: None, hint: String::new()
            },
            Element {
                name: "谅解".into(), any: vec!["谅解".into()], points: 3.0, standard: None, hint: String::new()
            },
        ],
        model_answer: String::new(),
        feedback: String::new(),
    });
    let option = |score: Points, next: &str, penalty: Points| DialogueOption {
        text: String::new(),
        score,
        feedback: String::new(),
        standards: vec![],
        mood: -1,
        next: next.into(),
        branches: vec![Branch { when: Condition::MoodAtMost(-2), next: "bad".into() }],
        sets: vec!["a".into()],
        requires: if penalty > 0.0 {
            vec![Requirement { flag: "a".into(), penalty, feedback: String::new(), standard: None }]
        } else {
            vec![]
        },
    };
    let ending = || Node {
        customer: String::new(),
        narration: String::new(),
        step: NodeStep::Ending(Ending { outcome: "x".into(), result: EndingResult::Good, feedback: String::new() }),
    };
    let mut nodes = BTreeMap::new();
    nodes.insert(
        "s".into(),
        Node {
            customer: String::new(),
            narration: String::new(),
            step: NodeStep::Options(vec![option(3.0, "m", 0.0), option(1.0, "end", 5.0)]),
        },
    );
    nodes.insert(
        "m".into(),
        Node {
            customer: String::new(),
            narration: String::new(),
            step: NodeStep::Options(vec![option(4.0, "end", 0.0), option(0.0, "end", 0.0)]),
        },
    );
    nodes.insert("end".into(), ending());
    nodes.insert("bad".into(), ending());
    let mut d = Dialogue { start: "s".into(), mood: MoodScale::default(), nodes, max_points: 0.0 };
    d.max_points = best_total(&d).unwrap_or(0.0);
    vec![item("c", choice), item("m", multi), item("o", order), item("r", reply), item("d", ItemBody::Dialogue(d))]
}

fn index() -> impl Strategy<Value = usize> {
    prop_oneof![8 => 0usize..7, 1 => Just(usize::MAX), 1 => any::<usize>()]
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        index().prop_map(|option| Answer::Choice { option }),
        prop::collection::vec(index(), 0..8).prop_map(|selected| Answer::Multi { selected }),
        prop::collection::vec(index(), 0..8).prop_map(|order| Answer::Order { order }),
        Just(5usize)
            .prop_flat_map(|n| Just((0..n).collect::<Vec<_>>()).prop_shuffle())
            .prop_map(|order| Answer::Order { order }),
        text().prop_map(|text| Answer::Reply { text }),
        prop::collection::vec(index(), 0..5).prop_map(|path| Answer::Dialogue { path }),
    ]
}

proptest! {
    #[test]
    fn score_stays_within_zero_and_max(answer in answer()) {
        let taboo = TabooMatcher::new(&banned_list());
        for item in items() {
            let outcome = score(&item, &answer, &taboo);
            prop_assert!(outcome.points >= 0.0 && outcome.points <= outcome.max, "{} {:?}: {}", item.id, answer, outcome.points);
            prop_assert_eq!(outcome.max, item.max_points());
            prop_assert!(!outcome.findings.is_empty(), "every outcome explains itself");
        }
    }

    /// Any points and any maximum, on the hundredths grid or not (a hand-edited content.json
    /// can hold 10.0777…): rounding never takes the points above the maximum or below 0.
    #[test]
    fn an_outcome_stays_within_zero_and_max_whatever_the_numbers(points in -1e9f64..1e9, max in 0f64..1e9) {
        let outcome = Outcome::new(points, max, Vec::new());
        prop_assert!(outcome.points >= 0.0 && outcome.points <= max, "{points} of {max}: {}", outcome.points);
    }

    #[test]
    fn normalisation_is_idempotent(s in any::<String>()) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once.text).text, once.text.clone());
        prop_assert_eq!(once.origin.len(), once.text.chars().count());
        prop_assert!(once.origin.windows(2).all(|w| w[0] <= w[1]));
        prop_assert!(once.origin.last().is_none_or(|&last| last < s.chars().count()));
    }

    #[test]
    fn normalisation_is_idempotent_on_domain_text(s in text()) {
        let once = normalize(&s).text;
        prop_assert_eq!(normalize(&once).text, once);
    }

    /// Neighbour-dependent conversions (fast2s's context rules and the supplement's) must
    /// settle in one pass whatever their neighbours.
    #[test]
    fn normalisation_is_idempotent_around_context_rules(
        chars in prop::collection::vec(prop_oneof![
            3 => prop::sample::select("兒寬覆回答批蓋著急想等看甚麼麽幺於樊藉口憑慰乾隆坤淨畫計企闔家鍾書讎苧麻瞭望夥妳諮谘羣，　 ".chars().collect::<Vec<_>>()),
            1 => (0x4E00u32..=0x9FFF).prop_map(|c| char::from_u32(c).unwrap_or('中')),
        ], 0..16)
    ) {
        let s: String = chars.into_iter().collect();
        let once = normalize(&s).text;
        prop_assert_eq!(normalize(&once).text, once);
    }

    #[test]
    fn a_hit_quote_is_the_typed_text_and_normalises_to_a_wording(s in text()) {
        let list = banned_list();
        let matcher = TabooMatcher::new(&list);
        for hit in matcher.find(&s) {
            let typed: String = s.chars().skip(hit.start).take(hit.end - hit.start).collect();
            prop_assert_eq!(&typed, &hit.quote);
            let quoted = normalize(&hit.quote).text;
            let phrase = &list.phrases[hit.phrase];
            prop_assert!(phrase.wordings().any(|w| normalize(w).text == quoted), "{:?} is not a wording of {}", hit.quote, phrase.id);
        }
    }
}
