//! A file that did not load, with every diagnostic: where (file:line:column), which field
//! (counted from 1: 第 3 题 › 第 2 个选项; the machine path as the tooltip), what is wrong and
//! what to write instead.

use drill_core::diag::{Diagnostic, Level};
use drill_core::load::BrokenPack;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DiagnosticListProps {
    pub diagnostics: Vec<Diagnostic>,
}

#[component]
pub fn DiagnosticList(props: &DiagnosticListProps) -> Html {
    html! {
        <ol class="diag-list">
            { for props.diagnostics.iter().map(|d| {
                let at = if d.line > 0 { format!("{}:{}:{}", d.file, d.line, d.column) } else { d.file.clone() };
                let (level, class) = match d.level {
                    Level::Error => ("错误", "diag diag--error"),
                    Level::Warning => ("警告", "diag diag--warning"),
                };
                html! {
                    <li class={class} data-testid="diagnostic">
                        <p class="diag__head">
                            <span class="diag__level">{ level }</span>
                            <code class="diag__at">{ at }</code>
                            <span class="diag__code">{ format!("[{}]", d.code) }</span>
                        </p>
                        if !d.path.is_empty() {
                            <p class="diag__path">{ "位置：" }<code title={d.path.clone()}>{ d.place() }</code></p>
                        }
                        <p class="diag__message">{ d.message.clone() }</p>
                        if !d.hint.is_empty() {
                            <p class="diag__hint"><strong>{ "应当：" }</strong>{ d.hint.clone() }</p>
                        }
                    </li>
                }
            }) }
        </ol>
    }
}

#[derive(Properties, PartialEq)]
pub struct DiagnosticsPanelProps {
    pub broken: BrokenPack,
}

#[component]
pub fn DiagnosticsPanel(props: &DiagnosticsPanelProps) -> Html {
    let b = &props.broken;
    let errors = b.diagnostics.iter().filter(|d| d.is_error()).count();
    let name = b.title.clone().map_or_else(|| "题包".to_owned(), |t| format!("“{t}”"));
    // The server's files reach the app compiled into content.json (`drill bundle`).
    let after = "培训师修改文件、重新生成题库（drill bundle）后刷新页面即可。";
    html! {
        <section class="panel panel--error diag-panel" data-testid="diagnostics-panel" data-file={b.file.clone()}>
            <h3>{ format!("未能加载：{name}") }<span class="diag-panel__file">{ b.file.clone() }</span></h3>
            <p class="muted">{ format!("共 {} 处问题（{} 处错误）。其他题包不受影响；{}", b.diagnostics.len(), errors, after) }</p>
            <DiagnosticList diagnostics={b.diagnostics.clone()} />
        </section>
    }
}
