//! The trainee's stored results and results files, read by hand from a `serde_json::Value`
//! (`crate::from_json` says why: the derived readers of these types were the rest of the
//! serde code in the trainee's wasm). Writing stays serde's `Serialize`; the tests below, and
//! the round-trip property tests in `tests/proptest_store.rs`, read back what it writes.

use super::export::{ItemInfo, PackInfo, ResultsFile, Totals};
use super::store::{Attempt, PackRun, Profile, TraineeStore};
use crate::from_json::{keywords, Fields, FromJson, Reader};
#[cfg(test)]
use crate::from_json::read;
use crate::scenario::ItemKind;
use crate::score::{Answer, Finding, FindingKind, Outcome, Verdict};
use serde_json::Value;

keywords!(Verdict, [Verdict::Correct, Verdict::Partial, Verdict::Wrong], Verdict::keyword);
keywords!(FindingKind, [FindingKind::Follows, FindingKind::Missing, FindingKind::Breaks], FindingKind::keyword);

impl FromJson for Profile {
    fn from_json(value: Value, r: &mut Reader) -> Profile {
        let mut f = Fields::new(value, r);
        Profile { name: f.req("name"), employee_no: f.req("employee_no"), team: f.req("team") }
    }
}

/// `{"kind": "choice", "option": 2}`: the kind names the variant, wherever it is.
impl FromJson for Answer {
    fn from_json(value: Value, r: &mut Reader) -> Answer {
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

impl FromJson for Finding {
    fn from_json(value: Value, r: &mut Reader) -> Finding {
        let mut f = Fields::new(value, r);
        Finding { kind: f.req("kind"), standard: f.opt("standard"), message: f.req("message"), points: f.req("points"), quote: f.opt("quote"), instead: f.opt("instead") }
    }
}

impl FromJson for Outcome {
    fn from_json(value: Value, r: &mut Reader) -> Outcome {
        let mut f = Fields::new(value, r);
        Outcome { points: f.req("points"), max: f.req("max"), verdict: f.req("verdict"), findings: f.req("findings") }
    }
}

impl FromJson for Attempt {
    fn from_json(value: Value, r: &mut Reader) -> Attempt {
        let mut f = Fields::new(value, r);
        Attempt {
            pack_id: f.req("pack_id"),
            item_id: f.req("item_id"),
            answer: f.req("answer"),
            outcome: f.req("outcome"),
            started_ms: f.req("started_ms"),
            answered_ms: f.req("answered_ms"),
        }
    }
}

/// Fields added after the first release (`dialogue_path`, `item_started_ms`, `retry`) may
/// be missing.
impl FromJson for PackRun {
    fn from_json(value: Value, r: &mut Reader) -> PackRun {
        let mut f = Fields::new(value, r);
        PackRun {
            pack_id: f.req("pack_id"),
            items: f.req("items"),
            answers: f.req("answers"),
            dialogue_path: f.opt("dialogue_path"),
            item_started_ms: f.opt("item_started_ms"),
            started_ms: f.req("started_ms"),
            retry: f.opt("retry"),
        }
    }
}

impl FromJson for TraineeStore {
    fn from_json(value: Value, r: &mut Reader) -> TraineeStore {
        let mut f = Fields::new(value, r);
        TraineeStore { format: f.req("format"), profile: f.opt("profile"), attempts: f.opt("attempts"), runs: f.opt("runs") }
    }
}

impl FromJson for PackInfo {
    fn from_json(value: Value, r: &mut Reader) -> PackInfo {
        let mut f = Fields::new(value, r);
        PackInfo { id: f.req("id"), title: f.req("title"), pass_mark: f.req("pass_mark"), max_points: f.req("max_points"), item_count: f.req("item_count") }
    }
}

impl FromJson for ItemInfo {
    fn from_json(value: Value, r: &mut Reader) -> ItemInfo {
        let mut f = Fields::new(value, r);
        ItemInfo {
            id: f.req("id"),
            pack_id: f.req("pack_id"),
            kind: f.req("kind"),
            standards: f.req("standards"),
            max_points: f.req("max_points"),
            prompt: f.req("prompt"),
            options: f.opt("options"),
        }
    }
}

impl FromJson for Totals {
    fn from_json(value: Value, r: &mut Reader) -> Totals {
        let mut f = Fields::new(value, r);
        Totals { attempts: f.req("attempts"), points: f.req("points"), max: f.req("max") }
    }
}

impl FromJson for ResultsFile {
    fn from_json(value: Value, r: &mut Reader) -> ResultsFile {
        let mut f = Fields::new(value, r);
        ResultsFile {
            kind: f.req("kind"),
            format: f.req("format"),
            app_version: f.req("app_version"),
            content_version: f.req("content_version"),
            exported_ms: f.req("exported_ms"),
            trainee: f.req("trainee"),
            packs: f.req("packs"),
            items: f.req("items"),
            attempts: f.req("attempts"),
            totals: f.req("totals"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
        assert_eq!(read::<Answer>(json!({ "option": 1, "extra": true, "kind": "choice" })), Ok(Answer::Choice { option: 1 }));
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
                Finding { kind: FindingKind::Follows, standard: Some("A.B".into()), message: "好".into(), points: 1.5, quote: Some("您好".into()), instead: None },
                Finding { kind: FindingKind::Breaks, standard: None, message: "忌语".into(), points: -0.5, quote: None, instead: Some("请稍候".into()) },
                Finding { kind: FindingKind::Missing, standard: Some("C.D".into()), message: "缺".into(), points: 0.0, quote: None, instead: None },
            ],
        );
        assert_eq!(read::<Outcome>(serde_json::to_value(&outcome).unwrap()), Ok(outcome));
        assert_eq!(read::<Outcome>(json!({ "points": 1, "max": 2, "verdict": "meh", "findings": [] })), Err("verdict：未知取值 \"meh\"（应为 correct、partial、wrong）".to_owned()));
    }
}
