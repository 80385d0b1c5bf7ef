//! The YAML document as a tree in which every node — keys included — keeps its position.
//!
//! Why not deserialize straight into typed structs? serde stops at the first error (one
//! unknown field hides every other mistake in the file), `#[serde(tag = "kind")]` loses
//! positions, and `deny_unknown_fields` cannot say "this field exists, but not for `reply`
//! items". Reading a positioned tree first and checking it by hand (`fields.rs`) gives the
//! trainer every mistake at once, each at its exact line and column. serde-saphyr still does
//! all the YAML work: syntax, aliases, budgets, duplicate keys, and `Spanned` positions.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};
use std::fmt;

/// A node and where it is written (`referenced`: for an alias, the `*alias` itself).
pub(crate) type Node = Spanned<Value>;

/// A YAML value. Scalars are already resolved by serde-saphyr's schema (strict booleans:
/// only `true`/`false` are booleans, so `yes` stays text).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Entries in file order; serde-saphyr rejects duplicate keys before we see them.
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// The scalar as text (numbers and booleans written without quotes count as text where
    /// text is expected: `text: 110` means the words "110"). `None` for null and collections.
    pub(crate) fn as_text(&self) -> Option<String> {
        match self {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null | Value::Seq(_) | Value::Map(_) => None,
        }
    }

    /// Chinese name of the kind of value, for "expected X, found Y" messages.
    pub(crate) fn describe(&self) -> String {
        match self {
            Value::Null => "空值".to_owned(),
            Value::Bool(b) => format!("布尔值 {b}"),
            Value::Int(i) => format!("数字 {i}"),
            Value::Float(f) => format!("数字 {f}"),
            Value::Str(s) => format!("文字 \"{}\"", shorten(s)),
            Value::Seq(_) => "列表".to_owned(),
            Value::Map(_) => "字段表（映射）".to_owned(),
        }
    }
}

/// At most 20 characters of a string, for quoting in messages.
pub(crate) fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(20).collect();
    if s.chars().count() > 20 {
        out.push('…');
    }
    out
}

/// 1-based (line, column in characters) of a location, 0 when unknown.
pub(crate) fn position(at: &Location) -> (u32, u32) {
    let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    (clamp(at.line()), clamp(at.column()))
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        Value::deserialize(deserializer)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }

    fn visit_char<E: de::Error>(self, v: char) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Value, E> {
        Ok(Value::Str(String::from_utf8_lossy(v).into_owned()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Node>()? {
            let value = map.next_value::<Node>()?;
            entries.push((key, value));
        }
        Ok(Value::Map(entries))
    }
}
