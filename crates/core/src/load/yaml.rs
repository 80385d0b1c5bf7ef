//! Text → positioned tree (`tree::Node`), and serde-saphyr's errors → `yaml-syntax`
//! diagnostics in Chinese. The typing mistakes of `typing.rs` are looked for beside the
//! parser: when the parser fails near one, the trainer reads what they typed wrong (the full-
//! width colon, the missing space) rather than the parser's state; when it succeeds with a
//! meaning the trainer cannot have intended (`[A，B]`), the mistake is reported all the same.
//!
//! serde-saphyr's budgets stay on (its defaults: depth 64, 250 000 nodes, alias-expansion
//! limits), so garbage, alias bombs and absurd nesting end in a diagnostic, never a hang or a
//! stack overflow. Strings are already in memory, so the input-size budget (which only
//! covers readers) is replaced by our own cap.

use super::report::Report;
use super::tree::{position, Node};
use super::typing::{self, Finding};
use crate::diag::Diagnostic;
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{Budget, Error, Options};

/// Nesting depth allowed (mappings and lists). Real packs need about 10.
pub(crate) const MAX_DEPTH: usize = 24;

/// Larger than any real pack by two orders of magnitude.
pub(crate) const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Parses one YAML document. On failure the report receives one `yaml-syntax` error.
pub(crate) fn parse(text: &str, report: &mut Report) -> Option<Node> {
    if text.len() > MAX_FILE_BYTES {
        report.error_at(
            "yaml-syntax",
            (1, 1),
            "",
            format!("文件太大（{} KB），超过上限 {} KB", text.len() / 1024, MAX_FILE_BYTES / 1024),
            "把题目拆成几个题包，分别登记在 index.yaml 中",
        );
        return None;
    }
    // Options is non-exhaustive: set fields on the defaults.
    let mut options = Options::default();
    // Only `true`/`false` are booleans: `yes`, `no`, `on` stay text, as trainers expect.
    options.strict_booleans = true;
    // We render our own messages; the crate's snippet would be English and duplicated.
    options.with_snippet = false;
    // Each level of nesting costs several deserializer frames; the default depth (64) can
    // overflow a 2 MB test thread or the browser's stack in debug builds. Real packs nest
    // about 10 levels (items → nodes → options → requires → when).
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    options.budget = Some(budget);
    if let Some(not_text) = super::decode::sniff_text(report.file(), text) {
        report.push(not_text);
        return None;
    }
    let findings = typing::scan(text);
    match serde_saphyr::from_str_with_options::<Node>(text, options) {
        Ok(node) => {
            // Parsed, but not as written: `[A，B]` is a list of one, `- text：甲` a text.
            let certain: Vec<&Finding> = findings.iter().filter(|f| f.certain).collect();
            if certain.is_empty() {
                return Some(node);
            }
            for f in certain {
                report.push(finding(report.file(), f, ""));
            }
            None
        }
        Err(error) => {
            let (message, hint, original) = explain(&error);
            let mut at = error.location().map_or((0, 0), |l| position(&l));
            if message.contains("Tab") {
                // The scanner reports where the scalar *before* the tab began; the trainer
                // needs the tab itself.
                at = first_indent_tab(text, at.0).unwrap_or(at);
            }
            // The parser notices a mistake up to a few lines after it (a full-width space in
            // one line's indentation fails on the next line): a certain finding there, or a
            // suspect on the failing line itself, is what went wrong, said the trainer's way.
            let explains = |f: &Finding| {
                at.0 == 0 || (f.certain && f.line <= at.0 && f.line + 3 >= at.0) || (!f.certain && f.line == at.0)
            };
            let explained = findings.iter().any(explains);
            let mut parser_words = Some(original);
            for f in findings.iter().filter(|f| f.certain || explains(f)) {
                let words = if explains(f) { parser_words.take().unwrap_or_default() } else { String::new() };
                report.push(finding(report.file(), f, &words));
            }
            if !explained {
                let tab = message.contains("Tab");
                let mut d = Diagnostic::error("yaml-syntax", report.file(), at.0, at.1, "", message, hint);
                if tab {
                    // The tab itself, not the rest of the line.
                    d = d.with_width(1);
                }
                d.parser = parser_words.unwrap_or_default();
                report.push(d);
            }
            None
        }
    }
}

/// A typing mistake as a `yaml-syntax` diagnostic, with the parser's words if it explains them.
fn finding(file: &str, f: &Finding, parser: &str) -> Diagnostic {
    let mut d = Diagnostic::error("yaml-syntax", file, f.line, f.column, "", f.message.clone(), f.hint.clone())
        .with_width(f.width as usize);
    d.parser = parser.to_owned();
    d
}

/// The first tab in a line's leading whitespace at or after `from_line` (1-based).
fn first_indent_tab(text: &str, from_line: u32) -> Option<(u32, u32)> {
    text.lines().enumerate().skip(from_line.saturating_sub(1) as usize).find_map(|(n, line)| {
        let column = line.chars().take_while(|c| c.is_whitespace()).position(|c| c == '\t')?;
        Some((u32::try_from(n + 1).ok()?, u32::try_from(column + 1).ok()?))
    })
}

/// serde-saphyr's message without its trailing " at line N, column M", which would
/// contradict our own position when we move it (tabs) and repeats it otherwise.
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains("column") => &message[..i],
        _ => message,
    }
}

/// A Chinese explanation, what to do about it, and serde-saphyr's own (English) wording,
/// which goes to the JSON output only.
fn explain(error: &Error) -> (String, String, String) {
    let inner = error.without_snippet();
    let original = inner.to_string();
    let original = strip_position(original.strip_prefix("error: ").unwrap_or(&original)).to_owned();
    let lower = original.to_lowercase();
    let (what, hint): (String, &str) = match inner {
        Error::Budget { breach, .. } => (
            match breach {
                BudgetBreach::Depth { .. } => "嵌套层数太多".to_owned(),
                BudgetBreach::Aliases { .. } | BudgetBreach::Anchors { .. } => "锚点或别名（& 和 *）太多".to_owned(),
                _ => "文件内容太多（或别名 * 展开后太大）".to_owned(),
            },
            "题包不需要锚点和别名（& 和 *）；检查是否误粘贴了其他内容",
        ),
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => {
            ("别名（*）展开次数太多".to_owned(), "题包不需要锚点和别名（& 和 *），请把内容直接写出来")
        }
        Error::DuplicateMappingKey { key, .. } => (
            match key {
                Some(key) => format!("同一层中字段 `{key}` 写了两次"),
                None => "同一层中有重复的字段名".to_owned(),
            },
            "删去重复的一行，或把两处内容合并",
        ),
        Error::MultipleDocuments { .. } => {
            ("文件中有多个 YAML 文档（用 --- 分隔）".to_owned(), "一个文件只写一个题包，删去多余的 ---")
        }
        Error::UnknownAnchor { .. } => {
            ("别名 * 指向不存在的锚点 &".to_owned(), "题包不需要锚点和别名，请把内容直接写出来")
        }
        Error::InvalidUtf8Input => ("文件不是 UTF-8 编码的文本".to_owned(), "用文本编辑器以 UTF-8 编码保存文件"),
        _ if lower.contains("tab") => {
            ("缩进中使用了 Tab 字符".to_owned(), "YAML 只能用空格缩进：把 Tab 换成空格（通常每级 2 个）")
        }
        _ if lower.contains("indent")
            || lower.contains("did not find expected")
            || lower.contains("mapping values are not allowed") =>
        {
            ("缩进或冒号位置不对".to_owned(), "同一级的字段左边要对齐；列表项用“- ”开头；字段名后的冒号要跟一个空格")
        }
        _ if lower.contains("quote") || lower.contains("quoted") => (
            "引号没有配对，或引号后面还有多余内容".to_owned(),
            "整段文字用一对英文引号括起来，或者不加引号；文字中的英文双引号写成中文引号“”",
        ),
        _ if lower.contains("unexpected character") || lower.contains("invalid") && lower.contains("character") => (
            "文件中有无法识别的字符（可能不是文本文件）".to_owned(),
            "确认打开的是 .yaml 文本文件；如含特殊符号，请给文字加引号",
        ),
        _ if lower.contains("end of") || lower.contains("eof") => {
            ("文件意外结束（括号或引号没有闭合）".to_owned(), "检查最后几行的 [ ] { } 和引号是否成对")
        }
        _ => ("YAML 格式错误".to_owned(), "对照 docs/FORMAT.md 检查缩进、冒号和引号"),
    };
    (format!("YAML 语法错误：{what}"), hint.to_owned(), original)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> crate::diag::Diagnostic {
        let mut report = Report::new("t.yaml");
        assert!(parse(text, &mut report).is_none(), "expected a syntax error");
        report.into_diagnostics().remove(0)
    }

    #[test]
    fn tabs_are_named_and_placed() {
        let d = first("version: 1\nitems:\n\t- id: a\n");
        assert_eq!((d.code.as_str(), d.line, d.column), ("yaml-syntax", 3, 1));
        assert!(!d.message.contains("line"), "{d}");
        assert!(d.message.contains("Tab"), "{d}");
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        // `"` at column 8, four Chinese characters, `"` at 13, space, `x` at 15.
        let d = first("title: \"中文中文\" x: y\n");
        assert_eq!((d.line, d.column), (1, 15), "{d}");
    }

    #[test]
    fn alias_bombs_hit_the_budget() {
        let mut text = String::from("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for (name, prev) in [("b", "a"), ("c", "b"), ("d", "c"), ("e", "d"), ("f", "e"), ("g", "f"), ("h", "g")] {
            text.push_str(&format!("{name}: &{name} [{}]\n", vec![format!("*{prev}"); 10].join(",")));
        }
        let d = first(&text);
        assert_eq!(d.code, "yaml-syntax");
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let text = format!("a: {}{}\n", "[".repeat(20_000), "]".repeat(20_000));
        assert_eq!(first(&text).code, "yaml-syntax");
    }

    #[test]
    fn deep_block_nesting_is_refused_not_overflowed() {
        // In a 1 MiB thread, like the browser's stack, in a debug build.
        let code = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(|| {
                let block: String = (0..300).map(|i| format!("{}k:\n", "  ".repeat(i))).collect();
                first(&block).code
            })
            .expect("thread starts")
            .join()
            .expect("no overflow");
        assert_eq!(code, "yaml-syntax");
    }

    #[test]
    fn duplicate_keys_are_reported() {
        let d = first("a: 1\na: 2\n");
        assert!(d.message.contains("`a`"), "{d}");
        assert_eq!(d.line, 2);
    }

    #[test]
    fn yes_stays_text() {
        let mut report = Report::new("t.yaml");
        let node = parse("a: yes\n", &mut report).expect("parses");
        let super::super::tree::Value::Map(entries) = node.value else { panic!("not a map") };
        assert_eq!(entries[0].1.value, super::super::tree::Value::Str("yes".into()));
    }
}
