//! The trainee's stored results and results files, read by hand from a parsed [`Json`] tree
//! (`crate::from_json` says why: the derived readers of these types were the rest of the
//! serde code in the trainee's wasm). Writing stays serde's `Serialize`; the tests below, and
//! the round-trip property tests in `tests/proptest_store.rs`, read back what it writes.

use super::export::{ItemInfo, PackInfo, ResultsFile, Totals};
use super::store::{Attempt, PackRun, Profile, TraineeStore};
use crate::from_json::{keywords, read_struct, Fields, FromJson, Json, Reader};
use crate::scenario::ItemKind;
use crate::score::{Answer, Finding, FindingKind, Outcome, Verdict};

keywords!(Verdict, [Verdict::Correct, Verdict::Partial, Verdict::Wrong], Verdict::keyword);
keywords!(FindingKind, [FindingKind::Follows, FindingKind::Missing, FindingKind::Breaks], FindingKind::keyword);

read_struct!(Profile { name: req, employee_no: req, team: req });

/// `{"kind": "choice", "option": 2}`: the kind names the variant, wherever it is.
impl FromJson for Answer {
    fn from_json(value: Json<'_>, r: &mut Reader) -> Answer {
        let mut f = Fields::new(value, r);
        match f.req::<ItemKind>("kind") {
            ItemKind::Choice => Answer::Choice { option: f.req("option") },
            ItemKind::Multi => Answer::Multi { selected: f.req("selected") },
            ItemKind::Order => Answer::Order { order: f.req("order") },
            ItemKind::Reply => Answer::Reply { text: f.req("text") },
            ItemKind::Dialogue => Answer::Dialogue { path: f.req("path") },
        }
    }
}

read_struct!(Finding { kind: req, standard: opt, message: req, points: req, quote: opt, instead: opt });

read_struct!(Outcome { points: req, max: req, verdict: req, findings: req });

read_struct!(Attempt { pack_id: req, item_id: req, answer: req, outcome: req, started_ms: req, answered_ms: req });

// Fields added after the first release (`dialogue_path`, `item_started_ms`, `retry`) may
// be missing.
read_struct!(PackRun {
    pack_id: req,
    items: req,
    answers: req,
    dialogue_path: opt,
    item_started_ms: opt,
    started_ms: req,
    retry: opt
});

read_struct!(TraineeStore { format: req, profile: opt, attempts: opt, runs: opt });

read_struct!(PackInfo { id: req, title: req, pass_mark: req, max_points: req, item_count: req });

read_struct!(ItemInfo { id: req, pack_id: req, kind: req, standards: req, max_points: req, prompt: req, options: opt });

read_struct!(Totals { attempts: req, points: req, max: req });

read_struct!(ResultsFile {
    kind: req,
    format: req,
    app_version: req,
    content_version: req,
    exported_ms: req,
    trainee: req,
    packs: req,
    items: req,
    attempts: req,
    totals: req,
});

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Reads a `T` from `value` (as text, parsed the way the app parses).
    fn read<T: FromJson>(value: serde_json::Value) -> Result<T, String> {
        let text = value.to_string();
        crate::from_json::read(crate::from_json::parse(&text).expect("JSON"))
    }

    fn answers() -> Vec<Answer> {
        vec![
            Answer::Choice { option: 2 },
            Answer::Multi { selected: vec![0, 3] },
            Answer::Order { order: vec![2, 0, 1] },
            Answer::Reply { text: "您好，请讲".into() },
            Answer::Dialogue { path: vec![] },
        ]
    }

    #[test]
    fn answers_read_back_what_serialize_writes_kind_anywhere() {
        for a in answers() {
            assert_eq!(read::<Answer>(serde_json::to_value(&a).unwrap()), Ok(a));
        }
        assert_eq!(
            read::<Answer>(json!({ "option": 1, "extra": true, "kind": "choice" })),
            Ok(Answer::Choice { option: 1 })
        );
    }

    #[test]
    fn refuses_what_is_not_an_answer() {
        for (bad, why) in [
            (json!({}), "缺少字段 kind"),
            (json!({ "kind": "essay" }), "kind：未知取值 \"essay\"（应为 choice、multi、order、reply、dialogue）"),
            (json!({ "kind": "choice" }), "缺少字段 option"),
            (json!({ "kind": "choice", "option": -1 }), "option：整数 -1 超出范围"),
            (json!({ "kind": "reply", "text": 3 }), "text：应为文本，实为数字"),
            (json!([]), "应为对象，实为数组"),
        ] {
            assert_eq!(read::<Answer>(bad), Err(why.to_owned()));
        }
    }

    #[test]
    fn outcomes_keep_every_finding() {
        let outcome = Outcome::new(
            1.5,
            2.0,
            vec![
                Finding {
                    kind: FindingKind::Follows,
                    standard: Some("A.B".into()),
                    message: "好".into(),
                    points: 1.5,
                    quote: Some("您好".into()),
                    instead: None,
                },
                Finding {
                    kind: FindingKind::Breaks,
                    standard: None,
                    message: "忌语".into(),
                    points: -0.5,
                    quote: None,
                    instead: Some("请稍候".into()),
                },
                Finding {
                    kind: FindingKind::Missing,
                    standard: Some("C.D".into()),
                    message: "缺".into(),
                    points: 0.0,
                    quote: None,
                    instead: None,
                },
            ],
        );
        assert_eq!(read::<Outcome>(serde_json::to_value(&outcome).unwrap()), Ok(outcome));
        assert_eq!(
            read::<Outcome>(json!({ "points": 1, "max": 2, "verdict": "meh", "findings": [] })),
            Err("verdict：未知取值 \"meh\"（应为 correct、partial、wrong）".to_owned())
        );
    }
}
