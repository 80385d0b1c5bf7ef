//! rustc-style rendering of diagnostics with `annotate-snippets` (the renderer rustc uses):
//! the file:line:column, the offending line with a marker under the column, the field's
//! place (counted from 1, `diag::place`) as the label, and the hint as a `help:` note.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use drill_core::diag::{self, Diagnostic};

pub fn render(d: &Diagnostic, source: Option<&str>, renderer: &Renderer) -> String {
    let level = match d.level {
        diag::Level::Error => Level::ERROR.with_name("错误"),
        diag::Level::Warning => Level::WARNING.with_name("警告"),
    };
    // Where in the file, the trainer's way (第 3 题 › 第 2 个选项 › score); the machine path
    // is in `--format json`. A syntax error has no field: the title says it all.
    let label = d.place();
    let line_text = source.filter(|_| d.line > 0).and_then(|s| s.lines().nth(d.line as usize - 1));
    let title = level.primary_title(d.message.as_str()).id(d.code.as_str());
    let mut report = Vec::new();
    match line_text {
        Some(text) => {
            let start: usize = text.chars().take(d.column.saturating_sub(1) as usize).map(char::len_utf8).sum();
            let start = start.min(text.len());
            let rest = &text[start..];
            let width = if d.width > 0 {
                rest.chars().take(d.width as usize).map(char::len_utf8).sum()
            } else {
                rest.find(char::is_whitespace)
                    .filter(|w| *w > 0)
                    .unwrap_or(rest.len())
                    .max(rest.chars().next().map_or(0, char::len_utf8))
            };
            let snippet = Snippet::source(text)
                .line_start(d.line as usize)
                .path(d.file.as_str())
                .annotation(AnnotationKind::Primary.span(start..start + width).label(label.as_str()));
            report.push(title.element(snippet));
        }
        None => {
            let origin = if d.line > 0 { format!("{}:{}:{}", d.file, d.line, d.column) } else { d.file.clone() };
            report.push(title.element(annotate_snippets::Origin::path(origin)));
        }
    }
    if !d.hint.is_empty() {
        report.push(Group::with_title(Level::HELP.with_name("提示").secondary_title(d.hint.as_str())));
    }
    renderer.render(&report)
}
