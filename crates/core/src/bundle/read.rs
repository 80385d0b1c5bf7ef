//! `content.json` → a [`ContentBundle`], read by hand from a parsed [`Json`] tree
//! (`crate::from_json` says why: the derived readers were a tenth of the trainee's first
//! load). The writer stays serde's `Serialize` (`drill bundle`); the tests below read back
//! what it writes for every kind of item, and `tests/bundle.rs` does so for the shipped
//! scenarios.

use super::content::ContentBundle;
use super::content::{BrokenPhrasebook, BundledPhrasebook, PhrasebookPart};
use super::error::BundleError;
use super::pack_index::{IndexError, PackIndex, PackSummary};
use super::BUNDLE_FORMAT;
use crate::diag::{Diagnostic, Level};
use crate::from_json::{keywords, parse, parse_skipping, read_struct, tagged_enum, Fields, FromJson, Json, Reader};
use crate::load::BrokenPack;
use crate::phrasebook::{PhraseEntry, PhrasebookFile, Situation};
use crate::scenario::{
    BannedList, BannedPhrase, Branch, Catalogue, Choice, ChoiceOption, Condition, ContextKind, ContextRule, Dialogue,
    DialogueOption, Element, Ending, EndingResult, Item, ItemBody, ItemKind, MoodScale, Multi, MultiOption, Node,
    NodeStep, Order, Pack, PackCategory, Reply, Requirement, Scope, Severity, Standard, TabooCategory,
};
use serde::de::IgnoredAny;

keywords!(PackCategory, PackCategory::ALL, PackCategory::keyword);
keywords!(TabooCategory, TabooCategory::ALL, TabooCategory::keyword);
keywords!(
    ItemKind,
    [ItemKind::Choice, ItemKind::Multi, ItemKind::Order, ItemKind::Reply, ItemKind::Dialogue],
    ItemKind::keyword
);
keywords!(ContextKind, ContextKind::ALL, ContextKind::keyword);
keywords!(Scope, Scope::ALL, Scope::keyword);
keywords!(Severity, [Severity::Minor, Severity::Major, Severity::Critical], Severity::keyword);
keywords!(EndingResult, [EndingResult::Good, EndingResult::Partial, EndingResult::Bad], EndingResult::keyword);
keywords!(Level, [Level::Error, Level::Warning], Level::keyword);

read_struct!(Standard { id: req, title: req, text: req, source: req, section: opt });

read_struct!(Catalogue { standards: req, sources: opt });

read_struct!(BannedPhrase {
    id: req,
    phrase: req,
    variants: opt,
    standard: req,
    category: req,
    severity: req,
    allow: opt,
    instead: req,
    note: opt
});

read_struct!(BannedList { phrases: req, contexts: opt });

read_struct!(ContextRule {
    id: req,
    kind: req,
    required: opt,
    phrases: opt,
    before: opt,
    after: opt,
    skip: opt,
    unless: opt,
    scope: req,
    window: req,
    note: opt
});

read_struct!(Pack { id: req, title: req, category: req, description: opt, pass_mark: req, items: req, source: opt });

read_struct!(Item { id: req, standards: req, prompt: req, context: opt, body: req });

/// `{"kind": "choice", …}`: the kind names the variant, the other fields are its struct's.
impl FromJson for ItemBody {
    fn from_json(value: Json<'_>, r: &mut Reader) -> ItemBody {
        let mut f = Fields::new(value, r);
        match f.req::<ItemKind>("kind") {
            ItemKind::Choice => ItemBody::Choice(Choice { options: f.req("options") }),
            ItemKind::Multi => ItemBody::Multi(Multi { options: f.req("options"), points: f.req("points") }),
            ItemKind::Order => {
                ItemBody::Order(Order { steps: f.req("steps"), points: f.req("points"), feedback: f.opt("feedback") })
            }
            ItemKind::Reply => ItemBody::Reply(Reply {
                elements: f.req("elements"),
                model_answer: f.req("model_answer"),
                feedback: f.opt("feedback"),
            }),
            ItemKind::Dialogue => ItemBody::Dialogue(Dialogue {
                start: f.req("start"),
                mood: f.req("mood"),
                nodes: f.req("nodes"),
                max_points: f.req("max_points"),
            }),
        }
    }
}

read_struct!(ChoiceOption { text: req, score: req, feedback: req, standards: opt });

read_struct!(MultiOption { text: req, correct: req, feedback: opt });

read_struct!(Element { name: req, any: req, points: req, standard: opt, hint: opt });

read_struct!(MoodScale { start: req, min: req, max: req });

read_struct!(Node { customer: opt, narration: opt, step: req });

// `{"options": […]}` or `{"ending": {…}}`.
tagged_enum!(NodeStep { "ending" => Ending, "options" => Options } else NodeStep::Options(Vec::new()));

read_struct!(DialogueOption {
    text: req,
    score: req,
    feedback: req,
    standards: opt,
    mood: opt,
    next: req,
    branches: opt,
    sets: opt,
    requires: opt
});

read_struct!(Branch { when: req, next: req });

// `{"mood_at_most": -1}`, `{"has": "flag"}`, ….
tagged_enum!(Condition {
    "mood_at_most" => MoodAtMost,
    "mood_at_least" => MoodAtLeast,
    "has" => Has,
    "lacks" => Lacks,
} else Condition::Has(String::new()));

read_struct!(Requirement { flag: req, penalty: req, feedback: req, standard: opt });

read_struct!(Ending { outcome: req, result: req, feedback: opt });

read_struct!(Diagnostic {
    level: req,
    code: req,
    file: req,
    line: req,
    column: req,
    path: req,
    message: req,
    hint: req,
    width: opt
});

read_struct!(BrokenPack { file: req, title: opt, diagnostics: req });

// The phrasebook part, for the study page and the staff tools.
keywords!(Situation, Situation::ALL, Situation::keyword);
read_struct!(PhraseEntry { id: req, situation: req, cue: req, line: req, standard: req });
read_struct!(PhrasebookFile { version: req, entries: req });
read_struct!(BrokenPhrasebook { file: req, detail: req, diagnostics: opt });

// `{"loaded": {…}}` or `{"broken": {…}}`.
tagged_enum!(BundledPhrasebook {
    "loaded" => Loaded,
    "broken" => Broken,
} else BundledPhrasebook::Broken(BrokenPhrasebook { file: String::new(), detail: String::new(), diagnostics: Vec::new() }));

/// The trainee app's phrasebook part: skipped by the parser, never read.
impl FromJson for IgnoredAny {
    fn from_json(_: Json<'_>, _: &mut Reader) -> IgnoredAny {
        IgnoredAny
    }
}

/// Reads a bundle, one parse. With `P = IgnoredAny` (the trainee app, which shows no
/// phrasebook) the phrasebook is skipped by the parser and nothing of it is built.
pub(crate) fn bundle<P: FromJson + PhrasebookPart>(json: &str) -> Result<ContentBundle<P>, BundleError> {
    let skip = P::SKIPPED;
    let parsed = if skip { parse_skipping(json, "phrasebook") } else { parse(json) };
    let value =
        parsed.map_err(|e| if e.is_eof() { BundleError::Truncated } else { BundleError::NotJson(e.to_string()) })?;
    let mut r = Reader::default();
    let mut f = Fields::new(value, &mut r);
    // The format first: another format may be shaped differently, so say that rather than
    // name a field it lacks.
    let format: u32 = f.req("format");
    if !f.r.failed() && format != BUNDLE_FORMAT {
        return Err(BundleError::WrongFormat { found: format });
    }
    let bundle = ContentBundle {
        format,
        catalogue: f.req("catalogue"),
        banned: f.req("banned"),
        packs: f.req("packs"),
        broken: f.opt("broken"),
        warnings: f.opt("warnings"),
        phrasebook: if skip { P::from_json(Json::Null, f.r) } else { f.req("phrasebook") },
        content_version: f.req("content_version"),
    };
    r.finish(bundle).map_err(|e| BundleError::Malformed(e.to_string()))
}

/// Reads a `packs.json` (`pack_index.rs`), one parse; the format checked first.
pub(crate) fn pack_index(json: &str) -> Result<PackIndex, IndexError> {
    let value = parse(json).map_err(|e| {
        IndexError(if e.is_eof() { "文件不完整".to_owned() } else { format!("不是有效的 JSON（{e}）") })
    })?;
    let mut r = Reader::default();
    let mut f = Fields::new(value, &mut r);
    let format: u32 = f.req("format");
    if !f.r.failed() && format != BUNDLE_FORMAT {
        return Err(IndexError(format!("格式 {format}，本程序需要格式 {BUNDLE_FORMAT}")));
    }
    let index = PackIndex {
        format,
        packs: f.req("packs"),
        broken: f.opt("broken"),
        warnings: f.opt("warnings"),
        content_version: f.req("content_version"),
    };
    r.finish(index).map_err(|e| IndexError(e.to_string()))
}

read_struct!(PackSummary {
    id: req,
    title: req,
    category: req,
    description: opt,
    pass_mark: req,
    max_points: req,
    items: req
});

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use serde_json::json;
    use std::collections::BTreeMap;
    use std::fmt;

    /// What serde writes for `t`, read back: must be `t`, with no error.
    fn round_trip<T: FromJson + Serialize + PartialEq + fmt::Debug>(t: &T) {
        let text = serde_json::to_string(t).expect("serialises");
        let mut r = Reader::default();
        let back = T::from_json(parse(&text).expect("JSON"), &mut r);
        assert_eq!(r.finish(&back), Ok(t));
    }

    use crate::from_json::{error_of as error, parse};

    #[test]
    fn keywords_are_spelt_as_serde_writes_them() {
        fn check<T: FromJson + Serialize + PartialEq + fmt::Debug + Copy>(all: &[T], keyword: fn(T) -> &'static str) {
            for &t in all {
                assert_eq!(serde_json::to_value(t).unwrap(), json!(keyword(t)));
                round_trip(&t);
            }
        }
        check(&PackCategory::ALL, PackCategory::keyword);
        check(&TabooCategory::ALL, TabooCategory::keyword);
        check(
            &[ItemKind::Choice, ItemKind::Multi, ItemKind::Order, ItemKind::Reply, ItemKind::Dialogue],
            ItemKind::keyword,
        );
        check(&[Severity::Minor, Severity::Major, Severity::Critical], Severity::keyword);
        check(&[EndingResult::Good, EndingResult::Partial, EndingResult::Bad], EndingResult::keyword);
        check(&[Level::Error, Level::Warning], Level::keyword);
        check(&Situation::ALL, Situation::keyword);
    }

    fn option(next: &str) -> DialogueOption {
        DialogueOption {
            text: "您好".into(),
            score: 1.5,
            feedback: "好".into(),
            standards: vec![],
            mood: 0,
            next: next.into(),
            branches: vec![],
            sets: vec![],
            requires: vec![],
        }
    }

    /// Every variant and every optional field, set and left out.
    fn bodies() -> Vec<ItemBody> {
        let full = DialogueOption {
            standards: vec!["A.B".into()],
            mood: -2,
            branches: vec![
                Branch { when: Condition::MoodAtMost(-1), next: "end".into() },
                Branch { when: Condition::MoodAtLeast(2), next: "end".into() },
                Branch { when: Condition::Has("问地址".into()), next: "end".into() },
                Branch { when: Condition::Lacks("致歉".into()), next: "end".into() },
            ],
            sets: vec!["致歉".into()],
            requires: vec![
                Requirement {
                    flag: "问地址".into(),
                    penalty: 0.5,
                    feedback: "先问地址".into(),
                    standard: Some("REPAIR.ASK".into()),
                },
                Requirement { flag: "致歉".into(), penalty: 1.0, feedback: "先致歉".into(), standard: None },
            ],
            ..option("end")
        };
        let nodes = BTreeMap::from([
            (
                "a".to_owned(),
                Node {
                    customer: "停电了！".into(),
                    narration: String::new(),
                    step: NodeStep::Options(vec![full, option("b")]),
                },
            ),
            (
                "b".to_owned(),
                Node {
                    customer: String::new(),
                    narration: "客户挂断".into(),
                    step: NodeStep::Ending(Ending {
                        outcome: "挂断".into(),
                        result: EndingResult::Bad,
                        feedback: String::new(),
                    }),
                },
            ),
            (
                "end".to_owned(),
                Node {
                    customer: "谢谢".into(),
                    narration: String::new(),
                    step: NodeStep::Ending(Ending {
                        outcome: "满意".into(),
                        result: EndingResult::Good,
                        feedback: "好".into(),
                    }),
                },
            ),
        ]);
        vec![
            ItemBody::Choice(Choice {
                options: vec![
                    ChoiceOption {
                        text: "您好".into(),
                        score: 2.5,
                        feedback: "好".into(),
                        standards: vec!["A.B".into()],
                    },
                    ChoiceOption { text: "喂".into(), score: 0.0, feedback: "不好".into(), standards: vec![] },
                ],
            }),
            ItemBody::Multi(Multi {
                options: vec![
                    MultiOption { text: "一".into(), correct: true, feedback: String::new() },
                    MultiOption { text: "二".into(), correct: false, feedback: "否".into() },
                ],
                points: 3.0,
            }),
            ItemBody::Order(Order { steps: vec!["一".into(), "二".into()], points: 6.0, feedback: String::new() }),
            ItemBody::Reply(Reply {
                elements: vec![
                    Element {
                        name: "致歉".into(),
                        any: vec!["抱歉".into(), "对不起".into()],
                        points: 1.0,
                        standard: Some("A.B".into()),
                        hint: "先致歉".into(),
                    },
                    Element {
                        name: "称呼".into(),
                        any: vec!["您".into()],
                        points: 0.5,
                        standard: None,
                        hint: String::new(),
                    },
                ],
                model_answer: "抱歉".into(),
                feedback: "f".into(),
            }),
            ItemBody::Dialogue(Dialogue {
                start: "a".into(),
                mood: MoodScale { start: 1, min: -3, max: 3 },
                nodes,
                max_points: 1.5,
            }),
        ]
    }

    #[test]
    fn reads_back_what_serialize_writes_for_every_shape() {
        for body in bodies() {
            round_trip(&body);
            let item = Item {
                id: "x".into(),
                standards: vec!["A.B".into()],
                prompt: "问".into(),
                context: String::new(),
                body,
            };
            round_trip(&item);
        }
        round_trip(&Pack {
            id: "p".into(),
            title: "包".into(),
            category: PackCategory::Repair,
            description: String::new(),
            pass_mark: 0.6,
            items: vec![],
            source: "scenarios/p.yaml".into(),
        });
        round_trip(&Catalogue {
            standards: vec![Standard {
                id: "A.B".into(),
                title: "t".into(),
                text: "规则".into(),
                source: "S0".into(),
                section: String::new(),
            }],
            sources: vec![("S0".into(), "文件".into())],
        });
        let diagnostic = Diagnostic {
            width: 3,
            ..Diagnostic::error("E1", "scenarios/p.yaml", 2, 5, "items[0]", "缺少", "写上")
        };
        round_trip(&BrokenPack { file: "scenarios/p.yaml".into(), title: None, diagnostics: vec![diagnostic.clone()] });
        round_trip(&BrokenPack {
            file: "scenarios/q.yaml".into(),
            title: Some("包".into()),
            diagnostics: vec![Diagnostic { level: Level::Warning, width: 0, ..diagnostic }],
        });
    }

    #[test]
    fn kind_may_come_anywhere_and_unknown_fields_are_ignored() {
        let text = json!({ "options": [], "extra": 1, "kind": "choice" }).to_string();
        let mut r = Reader::default();
        let body = ItemBody::from_json(parse(&text).unwrap(), &mut r);
        assert_eq!(r.finish(body), Ok(ItemBody::Choice(Choice { options: vec![] })));
    }

    #[test]
    fn an_error_names_its_path_and_what_was_expected() {
        let mut value = serde_json::to_value(&bodies()[4]).unwrap();
        value["nodes"]["a"]["step"]["options"][1]["text"] = json!(7);
        assert_eq!(error::<ItemBody>(value), r#"nodes["a"].step.options[1].text：应为文本，实为数字"#);

        assert_eq!(
            error::<Pack>(json!({ "id": "p", "title": "包", "category": "repair", "pass_mark": 0.6 })),
            "缺少字段 items"
        );
        assert_eq!(
            error::<Vec<Standard>>(json!([{ "id": "A", "title": "t", "text": "x", "source": 0 }])),
            "[0].source：应为文本，实为数字"
        );
    }

    #[test]
    fn only_the_first_error_is_reported() {
        assert_eq!(error::<Ending>(json!({ "outcome": 1, "result": "awful" })), "outcome：应为文本，实为数字");
    }

    #[test]
    fn unknown_keywords_and_tags_are_refused_with_the_known_ones() {
        assert_eq!(
            error::<ItemBody>(json!({ "kind": "essay" })),
            r#"kind：未知取值 "essay"（应为 choice、multi、order、reply、dialogue）"#
        );
        assert!(error::<Condition>(json!({ "mood_above": 1 })).starts_with(r#"未知取值 "mood_above""#));
        assert_eq!(error::<NodeStep>(json!({ "options": [], "ending": {} })), "应为只有一个键的对象");
        assert_eq!(error::<NodeStep>(json!("ending")), "应为对象，实为文本");
    }
}
