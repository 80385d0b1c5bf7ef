//! Reading typed data from JSON by hand: what the trainee app uses in place of serde's
//! derived `Deserialize` for the content bundle (`bundle/read.rs`), the trainee's stored
//! results (`results::store`) and results files (`results::export`). Each type's
//! `FromJson` impl sits next to the type; this module has the machinery and depends on no
//! other module of the crate, so every type can use it without a cycle.
//!
//! Why: serde's derived readers are generic over the deserializer, so every struct, enum
//! and `Vec` got its own copy of the JSON parser's code — most of the serde code in the
//! trainee's wasm (docs/PERFORMANCE.md "Size"). Here the JSON is parsed once, by
//! serde_json, into a [`Json`] tree that borrows the text, and each type is read from it by
//! a few plain calls per field. Writing stays serde's `Serialize`; each reader's tests read
//! back what it writes.
//!
//! Semantics follow the derived readers: unknown fields are ignored, fields with a default
//! may be missing, everything else must be present with the right JSON type. Strings are
//! copied once, out of the text, when a reader keeps them. Errors name the place as a JSON
//! path (`packs[2].items[5].body.options`), which the derived readers could not.
//!
//! Reading never returns early: a field that is missing or of the wrong type is noted in
//! the [`Reader`] (the first such error is kept, with its path) and read as a placeholder;
//! the caller refuses the whole document at the end ([`Reader::finish`]). Code size is why:
//! with `?` after every field, each struct got one clean-up path per field dropping the
//! fields read so far, which made hand-written readers as large as the derived ones.

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::{self, Write};

/// A parsed JSON document that borrows its text: strings without escapes and every object
/// key point into it, and objects are lists of entries. Why not `serde_json::Value`: its
/// objects are `BTreeMap<String, Value>`, so every key of every object was allocated and
/// inserted into a tree, then taken out again by the readers, and opening a large
/// `content.json` in the browser was much slower that way than with serde's derived readers
/// (docs/PERFORMANCE.md, "Figures behind choices in the code"). This tree costs one
/// allocation per object and array, and a string only when a reader keeps it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json<'a> {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

/// Parses a JSON text (serde_json does the parsing; nesting is limited to its 128 levels).
pub(crate) fn parse(text: &str) -> Result<Json<'_>, serde_json::Error> {
    serde_json::from_str(text)
}

/// Parses a JSON text, leaving the value of the top-level key `skip` unread (serde_json
/// still checks that it is well-formed): the trainee app's reading of `content.json`, which
/// has no use for the phrasebook. One visitor for both: a second one for the top level
/// costs wasm (docs/PERFORMANCE.md, "Figures behind choices in the code").
pub(crate) fn parse_skipping<'a>(text: &'a str, skip: &'static str) -> Result<Json<'a>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = de.deserialize_any(JsonVisitor { skip: Some(skip) })?;
    de.end()?;
    Ok(value)
}

impl<'a> Json<'a> {
    /// The value of `key` in an object (the last one if a key is repeated, as serde_json).
    pub(crate) fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// An integer (not a fraction) that fits in `i64`.
    pub(crate) fn as_i64(&self) -> Option<i64> {
        match *self {
            Json::Int(n) => Some(n),
            Json::UInt(n) => i64::try_from(n).ok(),
            _ => None,
        }
    }

    /// A non-negative integer.
    pub(crate) fn as_u64(&self) -> Option<u64> {
        match *self {
            Json::Int(n) => u64::try_from(n).ok(),
            Json::UInt(n) => Some(n),
            _ => None,
        }
    }

    pub(crate) fn as_f64(&self) -> Option<f64> {
        match *self {
            Json::Int(n) => Some(n as f64),
            Json::UInt(n) => Some(n as f64),
            Json::Float(x) => Some(x),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Json<'de>, D::Error> {
        deserializer.deserialize_any(JsonVisitor { skip: None })
    }
}

/// Builds a [`Json`]; `skip` (top level only) names a key whose value is not kept.
struct JsonVisitor {
    skip: Option<&'static str>,
}

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Json<'de>, E> {
        Ok(Json::Int(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Json<'de>, E> {
        Ok(Json::UInt(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Json<'de>, E> {
        Ok(Json::Float(v))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E>(self, v: String) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Owned(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        let mut values = Vec::new();
        while let Some(value) = seq.next_element()? {
            values.push(value);
        }
        Ok(Json::Array(values))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let mut entries = Vec::new();
        while let Some(Key(key)) = map.next_key()? {
            if self.skip == Some(&*key) {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            entries.push((key, map.next_value()?));
        }
        Ok(Json::Object(entries))
    }
}

/// An object key, borrowed from the text when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key<'de>, D::Error> {
        match Json::deserialize(deserializer)? {
            Json::Str(key) => Ok(Key(key)),
            _ => Err(serde::de::Error::custom("object keys are strings")),
        }
    }
}

/// Why a document could not be read: where, as a JSON path, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReadError {
    path: String,
    what: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.path.is_empty() {
            true => f.write_str(&self.what),
            false => write!(f, "{}：{}", self.path, self.what),
        }
    }
}

/// Reads a whole document's `T` from `value`, or says what is wrong and where.
pub(crate) fn read<T: FromJson>(value: Json<'_>) -> Result<T, String> {
    let mut r = Reader::default();
    let t = T::from_json(value, &mut r);
    r.finish(t).map_err(|e| e.to_string())
}

/// One step of a JSON path.
pub(crate) enum Step {
    Field(&'static str),
    Index(usize),
    Key(String),
}

/// Where reading is and the first error found.
#[derive(Default)]
pub(crate) struct Reader {
    pub(crate) path: Vec<Step>,
    error: Option<ReadError>,
}

impl Reader {
    /// `value` if nothing was wrong, else the first error.
    pub(crate) fn finish<T>(self, value: T) -> Result<T, ReadError> {
        match self.error {
            None => Ok(value),
            Some(e) => Err(e),
        }
    }

    /// Whether an error has been noted.
    pub(crate) fn failed(&self) -> bool {
        self.error.is_some()
    }

    /// Notes an error at the current path (the first one is kept).
    #[inline(never)]
    pub(crate) fn fail(&mut self, what: String) {
        if self.error.is_some() {
            return;
        }
        let mut path = String::new();
        for step in &self.path {
            let _ = match step {
                Step::Field(name) if path.is_empty() => write!(path, "{name}"),
                Step::Field(name) => write!(path, ".{name}"),
                Step::Index(i) => write!(path, "[{i}]"),
                Step::Key(key) => write!(path, "[\"{key}\"]"),
            };
        }
        self.error = Some(ReadError { path, what });
    }

    #[inline(never)]
    fn expected(&mut self, what: &str, found: &Json<'_>) {
        let found = match found {
            Json::Null => "null",
            Json::Bool(_) => "布尔值",
            Json::Int(_) | Json::UInt(_) | Json::Float(_) => "数字",
            Json::Str(_) => "文本",
            Json::Array(_) => "数组",
            Json::Object(_) => "对象",
        };
        self.fail(format!("应为{what}，实为{found}"));
    }

    /// Reads `value` as a `T` one step down the path.
    pub(crate) fn within<T: FromJson>(&mut self, step: Step, value: Json<'_>) -> T {
        self.path.push(step);
        let t = T::from_json(value, self);
        self.path.pop();
        t
    }
}

/// A type read from a JSON value (taking it: strings move, nothing is copied). Never fails:
/// on a wrong value it notes the error in the reader and returns a placeholder.
pub(crate) trait FromJson: Sized {
    fn from_json(value: Json<'_>, r: &mut Reader) -> Self;
}

impl FromJson for String {
    fn from_json(value: Json<'_>, r: &mut Reader) -> String {
        match value {
            Json::Str(s) => s.into_owned(),
            other => {
                r.expected("文本", &other);
                String::new()
            }
        }
    }
}

impl FromJson for bool {
    fn from_json(value: Json<'_>, r: &mut Reader) -> bool {
        value.as_bool().unwrap_or_else(|| {
            r.expected("true 或 false", &value);
            false
        })
    }
}

impl FromJson for f64 {
    fn from_json(value: Json<'_>, r: &mut Reader) -> f64 {
        value.as_f64().unwrap_or_else(|| {
            r.expected("数字", &value);
            0.0
        })
    }
}

/// An integer in the range of `T` (a fraction or an out-of-range number is an error).
fn integer<T: TryFrom<i64> + Default>(value: Json<'_>, r: &mut Reader) -> T {
    match value.as_i64() {
        Some(n) => T::try_from(n).unwrap_or_else(|_| {
            r.fail(format!("整数 {n} 超出范围"));
            T::default()
        }),
        None => {
            r.expected("整数", &value);
            T::default()
        }
    }
}

impl FromJson for i32 {
    fn from_json(value: Json<'_>, r: &mut Reader) -> i32 {
        integer(value, r)
    }
}

impl FromJson for u32 {
    fn from_json(value: Json<'_>, r: &mut Reader) -> u32 {
        integer(value, r)
    }
}

impl FromJson for usize {
    fn from_json(value: Json<'_>, r: &mut Reader) -> usize {
        integer(value, r)
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: Json<'_>, r: &mut Reader) -> Option<T> {
        match value {
            Json::Null => None,
            value => Some(T::from_json(value, r)),
        }
    }
}

/// The elements of an array.
pub(crate) fn array<'a>(value: Json<'a>, r: &mut Reader) -> Vec<Json<'a>> {
    match value {
        Json::Array(values) => values,
        other => {
            r.expected("数组", &other);
            Vec::new()
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: Json<'_>, r: &mut Reader) -> Vec<T> {
        array(value, r).into_iter().enumerate().map(|(i, v)| r.within(Step::Index(i), v)).collect()
    }
}

/// A pair, written by serde as a two-element array.
impl<A: FromJson, B: FromJson> FromJson for (A, B) {
    fn from_json(value: Json<'_>, r: &mut Reader) -> (A, B) {
        let mut items = array(value, r).into_iter();
        let (a, b) = (items.next(), items.next());
        if b.is_none() || items.next().is_some() {
            r.fail("应为两项的数组".to_owned());
        }
        (r.within(Step::Index(0), a.unwrap_or(Json::Null)), r.within(Step::Index(1), b.unwrap_or(Json::Null)))
    }
}

/// Built by inserting, not by `collect()`: collecting into a `BTreeMap` sorts the pairs first,
/// which puts a whole stable sort into the wasm for every map type read (docs/PERFORMANCE.md,
/// "Size"). A key written twice keeps its last value either way.
impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn from_json(value: Json<'_>, r: &mut Reader) -> BTreeMap<String, T> {
        let mut map = BTreeMap::new();
        for (k, v) in object(value, r) {
            let k = k.into_owned();
            let t = r.within(Step::Key(k.clone()), v);
            map.insert(k, t);
        }
        map
    }
}

/// The entries of an object.
pub(crate) fn object<'a>(value: Json<'a>, r: &mut Reader) -> Vec<(Cow<'a, str>, Json<'a>)> {
    match value {
        Json::Object(entries) => entries,
        other => {
            r.expected("对象", &other);
            Vec::new()
        }
    }
}

/// The fields of a JSON object, taken out one by one.
pub(crate) struct Fields<'r, 'a> {
    entries: Vec<(Cow<'a, str>, Json<'a>)>,
    pub(crate) r: &'r mut Reader,
}

impl<'r, 'a> Fields<'r, 'a> {
    pub(crate) fn new(value: Json<'a>, r: &'r mut Reader) -> Fields<'r, 'a> {
        Fields { entries: object(value, r), r }
    }

    /// A field that must be there.
    pub(crate) fn req<T: FromJson>(&mut self, key: &'static str) -> T {
        let value = self.take(key);
        self.r.within(Step::Field(key), value)
    }

    /// A field that may be left out (`#[serde(default)]` on the type).
    pub(crate) fn opt<T: FromJson + Default>(&mut self, key: &'static str) -> T {
        match self.remove(key) {
            Some(value) => self.r.within(Step::Field(key), value),
            None => T::default(),
        }
    }

    /// The value of a field that must be there; `null`, and the error noted, when it is not.
    #[inline(never)]
    pub(crate) fn take(&mut self, key: &'static str) -> Json<'a> {
        self.remove(key).unwrap_or_else(|| {
            self.r.fail(format!("缺少字段 {key}"));
            Json::Null
        })
    }

    /// Takes the value of `key` out (the last one if a key is repeated, as serde_json does).
    #[inline(never)]
    fn remove(&mut self, key: &str) -> Option<Json<'a>> {
        let at = self.entries.iter().rposition(|(k, _)| k == key)?;
        Some(self.entries.swap_remove(at).1)
    }
}

/// An object of one key naming a variant (serde's externally tagged enums): the key and
/// its value.
pub(crate) fn tagged<'a>(value: Json<'a>, r: &mut Reader) -> (Cow<'a, str>, Json<'a>) {
    let mut entries = object(value, r).into_iter();
    match (entries.next(), entries.next()) {
        (Some(entry), None) => entry,
        _ => {
            r.fail("应为只有一个键的对象".to_owned());
            (Cow::Borrowed(""), Json::Null)
        }
    }
}

/// A keyword (a unit variant, snake_case) among `all`, named by `keyword`; the first of
/// `all` as the placeholder.
pub(crate) fn keyword<T: Copy>(value: Json<'_>, r: &mut Reader, all: &[T], keyword: fn(T) -> &'static str) -> T {
    let word = String::from_json(value, r);
    all.iter().copied().find(|&t| keyword(t) == word).unwrap_or_else(|| {
        unknown(r, &word, &all.iter().map(|&t| keyword(t)).collect::<Vec<_>>());
        all[0]
    })
}

/// Notes a keyword that is none of `known`.
#[inline(never)]
pub(crate) fn unknown(r: &mut Reader, word: &str, known: &[&str]) {
    r.fail(format!("未知取值 \"{word}\"（应为 {}）", known.join("、")));
}

/// `FromJson` for unit enums written as snake_case keywords: `keywords!(Type, ALL, keyword_fn)`.
macro_rules! keywords {
    ($ty:ty, $all:expr, $kw:expr) => {
        impl $crate::from_json::FromJson for $ty {
            fn from_json(value: $crate::from_json::Json<'_>, r: &mut $crate::from_json::Reader) -> $ty {
                $crate::from_json::keyword(value, r, &$all, $kw)
            }
        }
    };
}
pub(crate) use keywords;

/// `FromJson` for a struct whose JSON keys are its field names, each `req` (must be there)
/// or `opt` (may be left out: `#[serde(default)]`):
/// `read_struct!(Standard { id: req, title: req, section: opt });`
macro_rules! read_struct {
    ($ty:ident { $($field:ident: $how:ident),* $(,)? }) => {
        impl $crate::from_json::FromJson for $ty {
            fn from_json(value: $crate::from_json::Json<'_>, r: &mut $crate::from_json::Reader) -> $ty {
                let mut f = $crate::from_json::Fields::new(value, r);
                $ty { $($field: f.$how(stringify!($field))),* }
            }
        }
    };
}
pub(crate) use read_struct;

/// `FromJson` for an externally tagged enum of one-field variants, `{"tag": value}`:
/// `tagged_enum!(Condition { "has" => Has, "lacks" => Lacks } else Condition::Has(String::new()));`
/// An unknown tag is reported with the known ones and read as the `else` placeholder, so
/// reading goes on and the rest of the file's errors are reported too.
macro_rules! tagged_enum {
    ($ty:ident { $($tag:literal => $variant:ident),+ $(,)? } else $placeholder:expr) => {
        impl $crate::from_json::FromJson for $ty {
            fn from_json(value: $crate::from_json::Json<'_>, r: &mut $crate::from_json::Reader) -> $ty {
                let (tag, value) = $crate::from_json::tagged(value, r);
                match &*tag {
                    $($tag => $ty::$variant(r.within($crate::from_json::Step::Field($tag), value)),)+
                    _ => {
                        $crate::from_json::unknown(r, &tag, &[$($tag),+]);
                        $placeholder
                    }
                }
            }
        }
    };
}
pub(crate) use tagged_enum;

/// The message reading `value` as a `T` fails with (tests).
#[cfg(test)]
pub(crate) fn error_of<T: FromJson>(value: serde_json::Value) -> String {
    let text = value.to_string();
    read::<T>(parse(&text).expect("JSON")).map(|_| ()).expect_err("refused")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    use super::error_of as error;

    #[test]
    fn the_tree_borrows_what_it_can_and_reads_every_kind_of_value() {
        let text = r#"{"k":"plain","e":"a\"b","n":-3,"u":18446744073709551615,"f":1.5,"b":true,"z":null,"a":[1,{}],"k":"last"}"#;
        let json = parse(text).expect("JSON");
        assert!(
            matches!(json.get("k"), Some(Json::Str(Cow::Borrowed("last")))),
            "a repeated key: the last one, as serde_json"
        );
        assert!(
            matches!(json.get("e"), Some(Json::Str(Cow::Owned(s))) if s == "a\"b"),
            "an escaped string is unescaped"
        );
        assert_eq!(json.get("n").and_then(Json::as_i64), Some(-3));
        assert_eq!(json.get("u").and_then(Json::as_u64), Some(u64::MAX));
        assert_eq!(json.get("u").and_then(Json::as_i64), None);
        assert_eq!(json.get("f").and_then(Json::as_f64), Some(1.5));
        assert_eq!(json.get("f").and_then(Json::as_i64), None);
        assert_eq!(json.get("b").and_then(Json::as_bool), Some(true));
        assert_eq!(json.get("z"), Some(&Json::Null));
        assert_eq!(json.get("a"), Some(&Json::Array(vec![Json::UInt(1), Json::Object(vec![])])));
        let mut r = Reader::default();
        let mut f = Fields::new(parse(text).unwrap(), &mut r);
        assert_eq!(f.req::<String>("k"), "last");
    }

    #[test]
    fn deep_nesting_and_trailing_text_are_errors_not_crashes() {
        assert!(parse(&"[".repeat(100_000)).is_err());
        assert!(parse(r#"{"a":1} x"#).is_err());
        assert!(parse_skipping(r#"{"a":1,"phrasebook":{"deep":[1,2]}} x"#, "phrasebook").is_err());
        let skipped = parse_skipping(r#"{"a":1,"phrasebook":{"deep":[1,2]}}"#, "phrasebook").unwrap();
        assert_eq!(skipped, Json::Object(vec![(Cow::Borrowed("a"), Json::UInt(1))]));
    }

    #[test]
    fn integers_must_be_whole_and_in_range() {
        assert_eq!(error::<i32>(json!(1.5)), "应为整数，实为数字");
        assert_eq!(error::<i32>(json!(-3_000_000_000i64)), "整数 -3000000000 超出范围");
        assert_eq!(error::<u32>(json!(-1)), "整数 -1 超出范围");
        assert_eq!(error::<Vec<u32>>(json!([1, "2"])), "[1]：应为整数，实为文本");
    }

    #[test]
    fn a_pair_must_have_two_elements() {
        assert_eq!(error::<(String, String)>(json!(["S0"])), "应为两项的数组");
        assert_eq!(error::<(String, String)>(json!(["S0", "a", "b"])), "应为两项的数组");
    }

    #[test]
    fn map_keys_appear_in_the_path() {
        assert_eq!(
            error::<BTreeMap<String, Vec<String>>>(json!({ "a": [], "b": ["x", 2] })),
            r#"["b"][1]：应为文本，实为数字"#
        );
    }
}
