//! Reading `scenarios/phrasebook.yaml`, with the same kind of diagnostics as packs.

use super::entry::PhrasebookFile;
use crate::diag::Diagnostic;
use crate::load::Source;
use crate::scenario::Catalogue;

pub fn load_phrasebook(src: &Source, catalogue: &Catalogue) -> Result<PhrasebookFile, Vec<Diagnostic>> {
    let file: PhrasebookFile = serde_saphyr::from_str(&src.text).map_err(|e| {
        let (line, column) = e.location().map_or((0, 0), |l| (l.line() as u32, l.column() as u32));
        vec![Diagnostic::error(
            "yaml-syntax",
            &src.name,
            line,
            column,
            "",
            format!("无法读取规范用语手册：{e}"),
            "对照 docs/FORMAT.md 检查缩进和字段名",
        )]
    })?;
    let mut problems = Vec::new();
    if file.version != 1 {
        problems.push(Diagnostic::error(
            "version",
            &src.name,
            1,
            1,
            "version",
            format!("不支持的版本 {}", file.version),
            "写 version: 1",
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, e) in file.entries.iter().enumerate() {
        let (line, column) = locate(&src.text, &e.id);
        if !seen.insert(e.id.as_str()) {
            problems.push(Diagnostic::error(
                "duplicate-id",
                &src.name,
                line,
                column,
                format!("entries[{i}].id"),
                format!("编号 {} 重复", e.id),
                "每条用语的 id 必须唯一",
            ));
        }
        if !catalogue.contains(&e.standard) {
            problems.push(Diagnostic::error(
                "unknown-rule",
                &src.name,
                line,
                column,
                format!("entries[{i}].standard"),
                format!("标准库中没有规范编号 {}", e.standard),
                "使用 standards.yaml 中的编号",
            ));
        }
        if e.line.trim().is_empty() || e.cue.trim().is_empty() {
            problems.push(Diagnostic::error(
                "bad-value",
                &src.name,
                line,
                column,
                format!("entries[{i}]"),
                "cue 和 line 不能为空",
                "写出场景提示和标准说法",
            ));
        }
    }
    if problems.is_empty() {
        Ok(file)
    } else {
        Err(problems)
    }
}

/// Line and column of `id: <id>` in the text (1-based), or (0, 0).
fn locate(text: &str, id: &str) -> (u32, u32) {
    for (n, line) in text.lines().enumerate() {
        if let Some(rest) = line.trim_start().strip_prefix("- id:").or_else(|| line.trim_start().strip_prefix("id:")) {
            if rest.trim().trim_matches(['"', '\'']) == id {
                let column = line.chars().take_while(|c| c.is_whitespace()).count() + 1;
                return ((n + 1) as u32, column as u32);
            }
        }
    }
    (0, 0)
}
