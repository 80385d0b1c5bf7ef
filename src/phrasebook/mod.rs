//! The phrasebook (规范用语手册): `#/phrasebook` browses the standard lines by situation and
//! each banned phrase beside its replacement; `#/phrasebook/drill` drills them from memory
//! on an FSRS schedule (`drill_core::phrasebook`). The content is `scenarios/phrasebook.yaml` as
//! compiled into `content.json` (`drill_core::bundle`), plus the banned list of the same bundle.
//!
//! * `browse.rs` — the browsable, filterable list.
//! * `drill.rs` — the recall drill.
//! * `store.rs` — drill progress in localStorage (`service-drill.phrasebook.v1`).

mod browse;
mod drill;
pub mod store;

use super::components::diagnostics::DiagnosticList;
use super::components::loading::{LoadFailed, Loading};
use super::components::use_app;
use super::state::LoadState;
use drill_core::bundle::BundledPhrasebook;
use drill_core::diag::Diagnostic;
use drill_core::phrasebook::{Phrasebook, PhrasebookFile};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
enum BookLoad {
    Loading,
    Failed { detail: String, diagnostics: Vec<Diagnostic> },
    Ready(Rc<PhrasebookFile>),
}

#[derive(Properties, PartialEq)]
pub struct PhrasebookPageProps {
    /// The drill (`#/phrasebook/drill`) rather than the browsable list.
    pub drill: bool,
}

#[component]
pub fn PhrasebookPage(props: &PhrasebookPageProps) -> Html {
    let app = use_app();
    let lib = app.library().cloned();
    let file = use_memo(app.phrasebook.clone(), |book| match book.as_ref().map(|b| &*b.0) {
        None => BookLoad::Loading,
        Some(BundledPhrasebook::Loaded(f)) => BookLoad::Ready(Rc::new(f.clone())),
        Some(BundledPhrasebook::Broken(b)) => {
            BookLoad::Failed { detail: b.detail.clone(), diagnostics: b.diagnostics.clone() }
        }
    });
    let book = {
        let lib = lib.clone();
        use_memo((*file).clone(), move |f| match (f, lib) {
            (BookLoad::Ready(f), Some(lib)) => Some(Rc::new(Phrasebook::new(f, &lib.banned))),
            _ => None,
        })
    };

    let body = match (&app.load, &*file) {
        (LoadState::Loading, _) => return html! { <Loading /> },
        (LoadState::Failed(failure), _) => return html! { <LoadFailed failure={failure.clone()} /> },
        (LoadState::Ready(_), BookLoad::Loading) => html! {
            <p class="pb-status" role="status" data-testid="pb-loading">{ "正在加载规范用语手册……" }</p>
        },
        (LoadState::Ready(_), BookLoad::Failed { detail, diagnostics }) => html! {
            <section class="panel panel--error" role="alert" data-testid="pb-load-error">
                <h2>{ "规范用语手册无法加载" }</h2>
                <p>{ detail.clone() }</p>
                if !diagnostics.is_empty() {
                    <DiagnosticList diagnostics={diagnostics.clone()} />
                }
                <p class="muted">{ "题库练习不受影响。手册由培训师维护，如问题持续存在，请联系培训师。" }</p>
                <button type="button" class="button" onclick={Callback::from(|_| { if let Some(w) = web_sys::window() { let _ = w.location().reload(); } })}>{ "重新加载" }</button>
            </section>
        },
        (LoadState::Ready(lib), BookLoad::Ready(f)) => match &*book {
            Some(book) if props.drill => html! { <drill::Drill book={book.clone()} lib={lib.clone()} /> },
            Some(_) => html! { <browse::Browse file={f.clone()} lib={lib.clone()} /> },
            None => html! {},
        },
    };

    let tab = |href: &'static str, label: &'static str, current: bool, testid: &'static str| {
        html! { <a class="pb-tabs__tab" href={href} aria-current={current.then_some("page")} data-testid={testid}>{ label }</a> }
    };
    html! {
        <div class="pb" data-testid="phrasebook">
            <div class="page-intro">
                <h1 id="page-title" tabindex="-1">{ "规范用语手册" }</h1>
                <p class="lead">{ "按场景整理的标准说法，以及服务忌语的规范替换说法。可以浏览查找，也可以凭记忆练习。" }</p>
            </div>
            <nav class="pb-tabs" aria-label="手册视图">
                { tab("#/phrasebook", "浏览手册", !props.drill, "pb-tab-browse") }
                { tab("#/phrasebook/drill", "记忆练习", props.drill, "pb-tab-drill") }
            </nav>
            { body }
        </div>
    }
}
