//! Reading an [`ItemBody`] (`{"kind": "dialogue", "start": …, "nodes": …}`) without serde's
//! buffering.
//!
//! serde's derived `Deserialize` for an internally tagged enum cannot know the variant until
//! it has found `kind`, so it first copies the whole object into its private generic tree
//! and then reads the variant from that copy: every string allocated twice, every dialogue
//! walked twice. Opening `content.json` spent most of its time there. `Serialize` writes
//! `kind` first, so this reads the first key and, when it is `kind`, reads the rest of the
//! object straight into the variant's struct. A body whose `kind` is not first is refused
//! with a message saying so: `content.json` is written by `drill bundle`, never by hand, and
//! a fallback through `serde_json::Value` would instantiate every body's reader a second
//! time in the trainee's wasm (~20 KB, docs/PERFORMANCE.md "Size").

use super::model::{Choice, Dialogue, ItemBody, ItemKind, Multi, Order, Reply};
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use std::fmt;

impl<'de> Deserialize<'de> for ItemBody {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ItemBody, D::Error> {
        deserializer.deserialize_map(BodyVisitor)
    }
}

struct BodyVisitor;

impl<'de> Visitor<'de> for BodyVisitor {
    type Value = ItemBody;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an item body: an object with `kind`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ItemBody, A::Error> {
        let kind = kind_first(&mut map, "an item body", "; rebuild content.json with `drill bundle`")?;
        body(kind, MapAccessDeserializer::new(map))
    }
}

/// Reads the first entry of an object tagged by `kind` (an item body, an answer), which
/// must be `kind`; `what` and `hint` word the error when it is not.
pub(crate) fn kind_first<'de, A: MapAccess<'de>>(map: &mut A, what: &str, hint: &str) -> Result<ItemKind, A::Error> {
    match map.next_key::<String>()? {
        Some(first) if first == "kind" => map.next_value(),
        Some(first) => Err(de::Error::custom(format_args!("{what} must start with `kind` (found `{first}` first){hint}"))),
        None => Err(de::Error::missing_field("kind")),
    }
}

/// The variant `kind` names, read from the rest of the object.
fn body<'de, D: Deserializer<'de>>(kind: ItemKind, rest: D) -> Result<ItemBody, D::Error> {
    Ok(match kind {
        ItemKind::Choice => ItemBody::Choice(Choice::deserialize(rest)?),
        ItemKind::Multi => ItemBody::Multi(Multi::deserialize(rest)?),
        ItemKind::Order => ItemBody::Order(Order::deserialize(rest)?),
        ItemKind::Reply => ItemBody::Reply(Reply::deserialize(rest)?),
        ItemKind::Dialogue => ItemBody::Dialogue(Dialogue::deserialize(rest)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{ChoiceOption, MoodScale};
    use std::collections::BTreeMap;

    fn choice() -> ItemBody {
        ItemBody::Choice(Choice { options: vec![ChoiceOption { text: "您好".into(), score: 2.5, feedback: "好".into(), standards: vec!["A.B".into()] }] })
    }

    #[test]
    fn reads_what_serialize_writes() {
        let bodies = [
            choice(),
            ItemBody::Multi(Multi { options: vec![], points: 3.0 }),
            ItemBody::Order(Order { steps: vec!["一".into(), "二".into()], points: 6.0, feedback: String::new() }),
            ItemBody::Reply(Reply { elements: vec![], model_answer: "抱歉".into(), feedback: "f".into() }),
            ItemBody::Dialogue(Dialogue { start: "a".into(), mood: MoodScale::default(), nodes: BTreeMap::new(), max_points: 1.0 }),
        ];
        for body in bodies {
            let json = serde_json::to_string(&body).unwrap();
            assert!(json.starts_with(r#"{"kind":"#), "{json}");
            assert_eq!(serde_json::from_str::<ItemBody>(&json).unwrap(), body, "{json}");
        }
    }

    #[test]
    fn kind_must_come_first() {
        let json = r#"{"options":[{"text":"您好","score":2.5,"feedback":"好","standards":["A.B"]}],"kind":"choice"}"#;
        let err = serde_json::from_str::<ItemBody>(json).unwrap_err().to_string();
        assert!(err.contains("must start with `kind`") && err.contains("`options`"), "{err}");
    }

    #[test]
    fn refuses_what_the_derived_reader_refused() {
        for bad in [r#"{}"#, r#"{"options":[]}"#, r#"{"kind":"essay"}"#, r#"{"kind":"choice"}"#, r#"{"kind":"order","steps":[],"points":"x"}"#, r#"[]"#, r#""choice""#] {
            assert!(serde_json::from_str::<ItemBody>(bad).is_err(), "{bad}");
        }
    }
}
