//! What a trainee answered, in a form that can be stored, exported and re-scored.

use crate::scenario::ItemKind;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Stored as `{"kind": "choice", "option": 2}`. Read by hand (below), not derived.
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

/// Reads `kind` first, as `Serialize` writes it (and always has), then the variant's field
/// straight from the rest of the object. serde's derived reader for an internally tagged
/// enum first buffers the object into its generic content tree; that code was ~12 KB of
/// the trainee's wasm for five one-field variants (docs/PERFORMANCE.md, "Size"). A `kind`
/// elsewhere is refused with a message saying so; unknown fields are ignored, as before.
impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Answer, D::Error> {
        deserializer.deserialize_map(AnswerVisitor)
    }
}

struct AnswerVisitor;

impl<'de> Visitor<'de> for AnswerVisitor {
    type Value = Answer;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an answer: an object starting with `kind`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Answer, A::Error> {
        #[derive(Deserialize)]
        struct Choice {
            option: usize,
        }
        #[derive(Deserialize)]
        struct Multi {
            selected: Vec<usize>,
        }
        #[derive(Deserialize)]
        struct Order {
            order: Vec<usize>,
        }
        #[derive(Deserialize)]
        struct Reply {
            text: String,
        }
        #[derive(Deserialize)]
        struct Dialogue {
            path: Vec<usize>,
        }
        let kind = kind_first(&mut map, "an answer", "")?;
        let rest = MapAccessDeserializer::new(map);
        Ok(match kind {
            ItemKind::Choice => Answer::Choice { option: Choice::deserialize(rest)?.option },
            ItemKind::Multi => Answer::Multi { selected: Multi::deserialize(rest)?.selected },
            ItemKind::Order => Answer::Order { order: Order::deserialize(rest)?.order },
            ItemKind::Reply => Answer::Reply { text: Reply::deserialize(rest)?.text },
            ItemKind::Dialogue => Answer::Dialogue { path: Dialogue::deserialize(rest)?.path },
        })
    }
}

/// Reads the first entry of an object tagged by `kind`, which must be `kind`; `what` and
/// `hint` word the error when it is not.
fn kind_first<'de, A: MapAccess<'de>>(map: &mut A, what: &str, hint: &str) -> Result<ItemKind, A::Error> {
    match map.next_key::<String>()? {
        Some(first) if first == "kind" => map.next_value(),
        Some(first) => Err(de::Error::custom(format_args!("{what} must start with `kind` (found `{first}` first){hint}"))),
        None => Err(de::Error::missing_field("kind")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_serialize_writes() {
        let answers = [
            Answer::Choice { option: 2 },
            Answer::Multi { selected: vec![0, 3] },
            Answer::Order { order: vec![2, 0, 1] },
            Answer::Reply { text: "您好，请讲".into() },
            Answer::Dialogue { path: vec![] },
        ];
        for a in answers {
            let json = serde_json::to_string(&a).unwrap();
            assert!(json.starts_with(r#"{"kind":"#), "{json}");
            assert_eq!(serde_json::from_str::<Answer>(&json).unwrap(), a, "{json}");
        }
        assert_eq!(serde_json::from_str::<Answer>(r#"{"kind":"choice","option":1,"extra":true}"#).unwrap(), Answer::Choice { option: 1 });
    }

    #[test]
    fn refuses_what_is_not_an_answer() {
        for bad in [r#"{}"#, r#"{"option":1,"kind":"choice"}"#, r#"{"kind":"essay"}"#, r#"{"kind":"choice"}"#, r#"{"kind":"reply","text":3}"#, r#"[]"#, r#""choice""#] {
            assert!(serde_json::from_str::<Answer>(bad).is_err(), "{bad}");
        }
        let err = serde_json::from_str::<Answer>(r#"{"option":1,"kind":"choice"}"#).unwrap_err().to_string();
        assert!(err.contains("must start with `kind`"), "{err}");
    }
}
