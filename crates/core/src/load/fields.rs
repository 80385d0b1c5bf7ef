//! Reading typed fields out of a positioned mapping, reporting every problem on the way:
//! `unknown-field` (with the closest valid name, or where the field belongs instead),
//! `missing-field` and `wrong-type`, each at the exact key or value.
//!
//! A reader that fails returns `None` after reporting, so callers simply skip what they
//! cannot build and keep checking the rest of the file.

use super::report::Report;
use super::suggest;
use super::tree::{Node, Value};
use serde_saphyr::Location;

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct At<T> {
    pub value: T,
    pub at: Location,
}

/// One YAML mapping being read, with its field path (`items[2].options[1]`).
pub(crate) struct Map<'n> {
    node: &'n Node,
    entries: &'n [(Node, Node)],
    path: String,
}

/// `base.key`, or `key` at the top level.
pub(crate) fn join(base: &str, key: &str) -> String {
    if base.is_empty() {
        key.to_owned()
    } else {
        format!("{base}.{key}")
    }
}

/// `base[index]`.
pub(crate) fn index(base: &str, i: usize) -> String {
    format!("{base}[{i}]")
}

/// The key of a mapping entry as text (`1:` and `true:` are keys too).
pub(crate) fn key_text(key: &Node) -> String {
    key.value.as_text().unwrap_or_else(|| "?".to_owned())
}

impl<'n> Map<'n> {
    /// Opens `node` as a mapping; reports `wrong-type` (or, for an empty value,
    /// `missing-field`) and returns `None` otherwise. `what` names the thing, e.g. "题目".
    pub(crate) fn open(report: &mut Report, node: &'n Node, path: &str, what: &str) -> Option<Map<'n>> {
        match &node.value {
            Value::Map(entries) => Some(Map { node, entries, path: path.to_owned() }),
            Value::Null => {
                report.error(
                    "missing-field",
                    &node.referenced,
                    path,
                    format!("{what}是空的"),
                    format!("在这里写出{what}的各个字段（字段名: 值），每个一行、缩进对齐"),
                );
                None
            }
            other => {
                report.error(
                    "wrong-type",
                    &node.referenced,
                    path,
                    format!("{what}应为字段表（每行“字段名: 值”），这里写的是{}", other.describe()),
                    format!("把{what}写成缩进对齐的“字段名: 值”各行"),
                );
                None
            }
        }
    }

    pub(crate) fn at(&self) -> &'n Location {
        &self.node.referenced
    }

    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    pub(crate) fn path_of(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// The value of `key`; an empty value (`key:` with nothing after it) counts as absent.
    pub(crate) fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries.iter().find(|(k, _)| key_text(k) == key).map(|(_, v)| v).filter(|v| v.value != Value::Null)
    }

    /// Where `key` itself is written (for errors about the field rather than its value).
    pub(crate) fn key_at(&self, key: &str) -> Option<&'n Location> {
        self.entries.iter().find(|(k, _)| key_text(k) == key).map(|(k, _)| &k.referenced)
    }

    /// Reports every key not in `allowed`. `elsewhere(key)` explains a field that is valid
    /// in another context ("只用于 order 题"); otherwise the closest allowed name is suggested.
    pub(crate) fn check_fields(
        &self,
        report: &mut Report,
        allowed: &[&str],
        what: &str,
        elsewhere: &dyn Fn(&str) -> Option<String>,
    ) {
        for (key, _) in self.entries {
            let name = key_text(key);
            if allowed.contains(&name.as_str()) {
                continue;
            }
            let path = self.path_of(&name);
            if let Some(note) = elsewhere(&name) {
                report.error(
                    "unknown-field",
                    &key.referenced,
                    &path,
                    format!("字段 `{name}` 不用于{what}：{note}"),
                    format!("删去 `{name}`，或检查 kind 是否写对；{what}可用的字段：{}", allowed.join("、")),
                );
            } else if let Some(close) = suggest::closest(&name, allowed.iter().copied()) {
                report.error(
                    "unknown-field",
                    &key.referenced,
                    &path,
                    format!("{what}中没有字段 `{name}`，是不是 `{close}`？"),
                    format!("把 `{name}` 改成 `{close}`"),
                );
            } else {
                report.error(
                    "unknown-field",
                    &key.referenced,
                    &path,
                    format!("{what}中没有字段 `{name}`"),
                    format!("{what}可用的字段：{}", allowed.join("、")),
                );
            }
        }
    }

    fn missing(&self, report: &mut Report, key: &str, example: &str) {
        let message = if self.key_at(key).is_some() {
            format!("字段 `{key}` 没有填写内容")
        } else {
            format!("缺少必填字段 `{key}`")
        };
        let place = if self.path.is_empty() {
            "文件顶层".to_owned()
        } else {
            format!("{}下", crate::diag::place(&self.path))
        };
        report.error(
            "missing-field",
            self.key_at(key).unwrap_or(self.at()),
            &self.path_of(key),
            message,
            format!("在{place}加上一行，例如 {example}"),
        );
    }

    fn wrong_type(&self, report: &mut Report, key: &str, node: &Node, expected: &str, example: &str) {
        report.error(
            "wrong-type",
            &node.referenced,
            &self.path_of(key),
            format!("`{key}` 应为{expected}，这里写的是{}", node.value.describe()),
            format!("例如 {example}"),
        );
    }

    /// A text field. Unquoted numbers and booleans count as text.
    pub(crate) fn text(&self, report: &mut Report, key: &str, required: bool, example: &str) -> Option<At<String>> {
        let Some(node) = self.get(key) else {
            if required {
                self.missing(report, key, example);
            }
            return None;
        };
        match node.value.as_text() {
            Some(value) => Some(At { value, at: node.referenced }),
            None => {
                self.wrong_type(report, key, node, "一段文字", example);
                None
            }
        }
    }

    /// A number (points, scores, percentages). Rejects NaN and infinities.
    pub(crate) fn number(&self, report: &mut Report, key: &str, required: bool, example: &str) -> Option<At<f64>> {
        let Some(node) = self.get(key) else {
            if required {
                self.missing(report, key, example);
            }
            return None;
        };
        let value = match &node.value {
            Value::Int(i) => *i as f64,
            Value::Float(f) if f.is_finite() => *f,
            _ => {
                self.wrong_type(report, key, node, "数字（不加引号）", example);
                return None;
            }
        };
        Some(At { value, at: node.referenced })
    }

    /// A whole number that fits `i32` (mood values, `version`).
    pub(crate) fn integer(&self, report: &mut Report, key: &str, required: bool, example: &str) -> Option<At<i32>> {
        let Some(node) = self.get(key) else {
            if required {
                self.missing(report, key, example);
            }
            return None;
        };
        let value = match &node.value {
            Value::Int(i) => i32::try_from(*i).ok(),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e9 => Some(*f as i32),
            _ => None,
        };
        match value {
            Some(value) => Some(At { value, at: node.referenced }),
            None => {
                self.wrong_type(report, key, node, "整数", example);
                None
            }
        }
    }

    pub(crate) fn boolean(&self, report: &mut Report, key: &str, required: bool, example: &str) -> Option<At<bool>> {
        let Some(node) = self.get(key) else {
            if required {
                self.missing(report, key, example);
            }
            return None;
        };
        match node.value {
            Value::Bool(value) => Some(At { value, at: node.referenced }),
            _ => {
                self.wrong_type(report, key, node, "true 或 false", example);
                None
            }
        }
    }

    /// A non-empty list of maps under `key` (a choice's or a multi's options, a reply's
    /// elements: each called `what` in messages), each read by `read`, which reports its own
    /// errors and returns `None` for an unusable entry. Every entry is read, so one pass
    /// reports all their errors. `None` when the list is missing, empty (reported with
    /// `empty`: the message and the hint) or any entry is unusable; else the entries and where
    /// the list is (for messages about the list as a whole).
    pub(crate) fn map_list<T>(
        &self,
        report: &mut Report,
        key: &str,
        example: &str,
        what: &str,
        empty: (&str, &str),
        mut read: impl FnMut(&mut Report, &Map<'n>) -> Option<T>,
    ) -> Option<(Vec<T>, &'n Location)> {
        let list = self.list(report, key, true, example)?;
        let at = self.key_at(key).unwrap_or(self.at());
        let path = self.path_of(key);
        if list.is_empty() {
            report.error("bad-value", at, &path, empty.0, empty.1);
            return None;
        }
        let mut entries = Vec::with_capacity(list.len());
        let mut ok = true;
        for (i, node) in list.iter().enumerate() {
            match Map::open(report, node, &index(&path, i), what).and_then(|entry| read(report, &entry)) {
                Some(entry) => entries.push(entry),
                None => ok = false,
            }
        }
        ok.then_some((entries, at))
    }

    /// A list. An empty list is returned as such (callers decide whether that is allowed).
    pub(crate) fn list(&self, report: &mut Report, key: &str, required: bool, example: &str) -> Option<&'n [Node]> {
        let Some(node) = self.get(key) else {
            if required {
                self.missing(report, key, example);
            }
            return None;
        };
        match &node.value {
            Value::Seq(items) => Some(items),
            _ => {
                self.wrong_type(report, key, node, "列表（每项一行，以“- ”开头）", example);
                None
            }
        }
    }

    /// A list of texts; a single text is accepted as a list of one (`standards: BIZ.D`).
    pub(crate) fn texts(
        &self,
        report: &mut Report,
        key: &str,
        required: bool,
        example: &str,
    ) -> Option<Vec<At<String>>> {
        let Some(node) = self.get(key) else {
            if required {
                self.missing(report, key, example);
            }
            return None;
        };
        let items: &[Node] = match &node.value {
            Value::Seq(items) => items,
            other => {
                return match other.as_text() {
                    Some(value) => Some(vec![At { value, at: node.referenced }]),
                    None => {
                        self.wrong_type(report, key, node, "文字列表", example);
                        None
                    }
                };
            }
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match item.value.as_text() {
                Some(value) => out.push(At { value, at: item.referenced }),
                None => {
                    ok = false;
                    report.error(
                        "wrong-type",
                        &item.referenced,
                        &index(&self.path_of(key), i),
                        format!("`{key}` 的每一项应为一段文字，这里写的是{}", item.value.describe()),
                        format!("例如 {example}"),
                    );
                }
            }
        }
        ok.then_some(out)
    }

    /// A nested mapping.
    pub(crate) fn map(
        &self,
        report: &mut Report,
        key: &str,
        required: bool,
        what: &str,
        example: &str,
    ) -> Option<Map<'n>> {
        let Some(node) = self.get(key) else {
            if required {
                self.missing(report, key, example);
            }
            return None;
        };
        Map::open(report, node, &self.path_of(key), what)
    }

    /// One of a fixed set of keywords (`kind`, `category`, `severity`, `result`); anything
    /// else is `bad-value` with the closest keyword suggested.
    pub(crate) fn keyword<T: Copy>(
        &self,
        report: &mut Report,
        key: &str,
        required: bool,
        choices: &[(&str, T)],
        meaning: &str,
    ) -> Option<At<T>> {
        let text = self.text(report, key, required, &format!("{key}: {}", choices.first().map_or("", |c| c.0)))?;
        if let Some((_, value)) = choices.iter().find(|(word, _)| *word == text.value) {
            return Some(At { value: *value, at: text.at });
        }
        let words: Vec<&str> = choices.iter().map(|c| c.0).collect();
        report.error(
            "bad-value",
            &text.at,
            &self.path_of(key),
            format!("`{key}` 不能是 `{}`{}", text.value, suggest::did_you_mean(&text.value, words.iter().copied())),
            format!("{meaning}可选：{}", words.join(" | ")),
        );
        None
    }

    /// Key/value pairs in file order.
    pub(crate) fn entries(&self) -> &'n [(Node, Node)] {
        self.entries
    }
}
