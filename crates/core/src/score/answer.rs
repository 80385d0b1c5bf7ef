//! What a trainee answered, in a form that can be stored, exported and re-scored.

use crate::from_json::{Fields, FromJson, Json, Reader};
use crate::scenario::ItemKind;
use serde::Serialize;

/// Stored as `{"kind": "choice", "option": 2}`; read back by its `FromJson` (below).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Answer {
    /// Index of the chosen option (in file order, not display order).
    Choice { option: usize },
    /// Indices of the selected options (file order).
    Multi { selected: Vec<usize> },
    /// The trainee's sequence, as indices into `steps` (which are written in correct order).
    Order { order: Vec<usize> },
    /// The text as typed.
    Reply { text: String },
    /// The option index chosen at each node, from `start` on.
    Dialogue { path: Vec<usize> },
}

// Read back by hand (`crate::from_json` says why); serde's `Serialize` above writes them.

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
}
