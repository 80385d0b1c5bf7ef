//! Diagnostics: what the loader tells a trainer about a file.
//!
//! Every problem a trainer can cause carries the file, a 1-based line and column, the field
//! path (`items[2].options[1].score`), what is wrong and what is expected instead, so the
//! message can be acted on without reading code. The same type feeds the app's error panel,
//! `drill check` and the tests.

use crate::from_json::{keywords, read_struct};
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Error,
    Warning,
}

impl Level {
    /// How JSON spells it (serde's `snake_case`; its `FromJson`, below, reads it back).
    pub fn keyword(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub level: Level,
    /// Stable machine-readable code, e.g. `yaml-syntax`, `unknown-field`, `unknown-rule`.
    pub code: String,
    /// File name as given to the loader, e.g. `scenarios/repair.yaml`.
    pub file: String,
    /// 1-based; 0 when the position is unknown (e.g. a missing file).
    pub line: u32,
    /// 1-based, in characters (not bytes), so it matches what an editor shows for Chinese.
    pub column: u32,
    /// Field path, e.g. `items[3].nodes.n2.options[0].next`; empty for the whole file.
    pub path: String,
    /// What is wrong, in Chinese.
    pub message: String,
    /// What to write instead, in Chinese (may be empty).
    pub hint: String,
    /// How many characters from `column` the problem spans, when known (e.g. a banned
    /// phrase); 0 lets a renderer guess. Chinese has no spaces to end a word at, so
    /// without it a marker would run to the end of the line.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub width: u32,
    /// The YAML parser's own (English) words for a syntax error, kept for `--format json`
    /// and bug reports; never shown to a trainer, whose message says it in Chinese.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub parser: String,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Diagnostic {
    pub fn error(
        code: &str,
        file: &str,
        line: u32,
        column: u32,
        path: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Diagnostic {
            level: Level::Error,
            code: code.to_owned(),
            file: file.to_owned(),
            line,
            column,
            path: path.into(),
            message: message.into(),
            hint: hint.into(),
            width: 0,
            parser: String::new(),
        }
    }

    pub fn warning(
        code: &str,
        file: &str,
        line: u32,
        column: u32,
        path: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Diagnostic { level: Level::Warning, ..Diagnostic::error(code, file, line, column, path, message, hint) }
    }

    /// Sets how many characters the problem spans.
    pub fn with_width(mut self, chars: usize) -> Self {
        self.width = u32::try_from(chars).unwrap_or(u32::MAX);
        self
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }

    /// The field path as a trainer says it ([`place`]): what every human rendering shows;
    /// `path` stays the machine path (JSON output, tests).
    pub fn place(&self) -> String {
        place(&self.path)
    }
}

/// A field path said the way the trainer's guide says it, counted from 1:
/// `items[2].options[1].score` → `第 3 题 › 第 2 个选项 › score`,
/// `items[0].nodes.open.options[1].next` → `第 1 题 › 节点 open › 第 2 个回答 › next`.
/// Names of fields stay as written (they are what the trainer types).
pub fn place(path: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut in_node = false;
    let mut after_nodes = false;
    let mut first = true;
    for segment in path.split('.').filter(|s| !s.is_empty()) {
        if after_nodes {
            parts.push(format!("节点 {segment}"));
            after_nodes = false;
            in_node = true;
            first = false;
            continue;
        }
        let (name, indexes) = match segment.find('[') {
            Some(i) => (&segment[..i], &segment[i..]),
            None => (segment, ""),
        };
        let numbers: Vec<usize> =
            indexes.split(['[', ']']).filter(|s| !s.is_empty()).filter_map(|n| n.parse::<usize>().ok()).collect();
        if numbers.is_empty() {
            match name {
                "nodes" => after_nodes = true,
                _ => parts.push(name.to_owned()),
            }
        }
        for n in numbers.iter().map(|n| n + 1) {
            parts.push(match name {
                "items" => format!("第 {n} 题"),
                "options" if in_node => format!("第 {n} 个回答"),
                "options" => format!("第 {n} 个选项"),
                "steps" => format!("第 {n} 步"),
                "elements" => format!("第 {n} 个要点"),
                "any" => format!("第 {n} 种说法"),
                "standards" if first => format!("第 {n} 条规范"),
                "standards" => format!("第 {n} 个规范编号"),
                "requires" => format!("第 {n} 个前提条件"),
                "branches" => format!("第 {n} 个分支"),
                "phrases" => format!("第 {n} 条忌语"),
                "variants" => format!("第 {n} 个变体"),
                "allow" => format!("第 {n} 条例外"),
                "packs" => format!("第 {n} 个题包文件"),
                "entries" => format!("第 {n} 条用语"),
                "sets" => format!("第 {n} 个标记"),
                other => format!("{other} 第 {n} 项"),
            });
        }
        first = false;
    }
    parts.join(" › ")
}

/// `file:line:column: 错误[code] path: message（hint）` — one line, grep-friendly.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Error => "错误",
            Level::Warning => "警告",
        };
        write!(f, "{}:{}:{}: {}[{}]", self.file, self.line, self.column, level, self.code)?;
        if !self.path.is_empty() {
            write!(f, " {}", self.path)?;
        }
        write!(f, ": {}", self.message)?;
        if !self.hint.is_empty() {
            write!(f, "（提示：{}）", self.hint)?;
        }
        Ok(())
    }
}

// Read back by hand (`crate::from_json` says why); serde's `Serialize` above writes them.

keywords!(Level, [Level::Error, Level::Warning], Level::keyword);

read_struct!(Diagnostic {
    level: req,
    code: req,
    file: req,
    line: req,
    column: req,
    path: req,
    message: req,
    hint: req,
    width: opt,
    parser: opt
});

#[cfg(test)]
mod tests {
    use super::place;

    #[test]
    fn places_count_from_one_in_the_guide_s_words() {
        for (path, said) in [
            ("items[2].options[1].score", "第 3 题 › 第 2 个选项 › score"),
            (
                "items[0].nodes.open.options[1].requires[0].flag",
                "第 1 题 › 节点 open › 第 2 个回答 › 第 1 个前提条件 › flag",
            ),
            ("items[4].elements[0].any[2]", "第 5 题 › 第 1 个要点 › 第 3 种说法"),
            ("items[0].standards[1]", "第 1 题 › 第 2 个规范编号"),
            ("standards[3].id", "第 4 条规范 › id"),
            ("phrases[0].allow[1]", "第 1 条忌语 › 第 2 条例外"),
            ("items[1].steps[0]", "第 2 题 › 第 1 步"),
            ("pass_mark", "pass_mark"),
            ("items[0].nodes.done", "第 1 题 › 节点 done"),
            ("", ""),
        ] {
            assert_eq!(place(path), said, "{path}");
        }
    }
}
