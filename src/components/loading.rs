//! The calm loading state, and the message shown when the content cannot be loaded at all.

use super::diagnostics::DiagnosticList;
use crate::fetch::LoadFailure;
use yew::prelude::*;

#[component]
pub fn Loading() -> Html {
    html! {
        <section class="loading" aria-busy="true" data-testid="loading">
            <h1 id="page-title" tabindex="-1" class="visually-hidden">{ "正在加载题库" }</h1>
            <div class="loading__spinner" aria-hidden="true"></div>
            <p role="status">{ "正在加载题库，请稍候……" }</p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct LoadFailedProps {
    pub failure: LoadFailure,
}

#[component]
pub fn LoadFailed(props: &LoadFailedProps) -> Html {
    let f = &props.failure;
    let reload = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    html! {
        <section class="panel panel--error" role="alert" data-testid="load-error">
            <h1 id="page-title" tabindex="-1">{ f.title.clone() }</h1>
            <p>{ f.detail.clone() }</p>
            if !f.diagnostics.is_empty() {
                <DiagnosticList diagnostics={f.diagnostics.clone()} />
            }
            <p class="muted">{ "题库由培训师维护。如果问题持续存在，请联系培训师或系统管理员。" }</p>
            <button type="button" class="button button--primary" onclick={reload}>{ "重新加载" }</button>
        </section>
    }
}
