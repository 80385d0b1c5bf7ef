//! The home page: packs grouped by category, and files that did not load. Drawn from the
//! pack list (`bundle::PackIndex`), so it shows before the content is open. Trainers open and
//! try a pack file from disk on the authoring page (the staff tools), which reads YAML.
//!
//! Drawn by two modules: the trainee page's first screen (`home_app`, before the
//! practice module is loaded) and the practice module's own list (`PackList`), which the
//! trainee comes back to after a pack. [`pack_list`] is the view both draw.

use super::diagnostics::DiagnosticsPanel;
use super::pack_card::pack_card;
use super::use_app;
use crate::route::{Page, Route};
use drill_core::bundle::PackIndex;
use drill_core::results::pack_progress;
use drill_core::results::TraineeStore;
use drill_core::scenario::PackCategory;
use drill_core::session;
use yew::prelude::*;

/// The practice module's pack list: starting a pack is a new run in its state.
#[component]
pub fn PackList() -> Html {
    let app = use_app();
    super::use_title(TITLE.to_owned());
    let Some(list) = app.index.clone() else { return html! {} };
    let on_start = {
        let app = app.clone();
        Callback::from(move |id: String| {
            app.dispatch(session::Action::StartRun { pack_id: id.clone(), retry: false }.into());
            Route::Pack(id).go();
        })
    };
    pack_list(&list, &app.store, &on_start)
}

/// The list's title (the heading and the document title).
pub const TITLE: &str = "选择练习题包";

/// The list of `list`'s packs with the trainee's progress from `store`; `on_start` starts a
/// new run of a pack (continuing one, or opening a summary, is a link to its route).
pub fn pack_list(list: &PackIndex, store: &TraineeStore, on_start: &Callback<String>) -> Html {
    let name = store.profile.as_ref().map(|p| p.name.clone()).unwrap_or_default();
    let total_items: usize = list.packs.iter().map(|p| p.items.len()).sum();
    let progress: Vec<_> = list.packs.iter().map(|p| pack_progress(p, store)).collect();
    let passed = progress.iter().filter(|p| p.passed).count();

    html! {
        <div class="pack-list" data-testid="pack-list">
            <div class="page-intro">
                <h1 id="page-title" tabindex="-1">{ TITLE }</h1>
                <p class="lead">
                    { format!("{name}，您好。共 {} 个题包、{} 道题，已通过 {} 个。每道题答完立即显示得分和对应的服务规范原文。", list.packs.len(), total_items, passed) }
                </p>
            </div>
            if list.packs.is_empty() {
                <p class="panel">{ "题库目录中还没有可用的题包。" }</p>
            }
            { for PackCategory::ALL.iter().filter_map(|&cat| {
                let packs: Vec<_> = list.packs.iter().enumerate().filter(|(_, p)| p.category == cat).collect();
                if packs.is_empty() {
                    return None;
                }
                let heading_id = format!("cat-{}", cat.keyword());
                Some(html! {
                    <section class="category" aria-labelledby={heading_id.clone()} data-testid="pack-category" data-category={cat.keyword()}>
                        <h2 id={heading_id}>{ cat.label() }</h2>
                        <div class="card-grid">
                            { for packs.into_iter().map(|(index, p)| pack_card(p, &progress[index], on_start)) }
                        </div>
                    </section>
                })
            }) }
            if !list.broken.is_empty() {
                <section class="category" aria-labelledby="broken-title">
                    <h2 id="broken-title">{ "未能加载的文件" }</h2>
                    { for list.broken.iter().map(|b| html! {
                        <DiagnosticsPanel key={b.file.clone()} broken={b.clone()} />
                    }) }
                </section>
            }
            if !list.warnings.is_empty() {
                <details class="panel warnings">
                    <summary>{ format!("题库提示（{} 条，不影响练习）", list.warnings.len()) }</summary>
                    <super::diagnostics::DiagnosticList diagnostics={list.warnings.clone()} />
                </details>
            }
            <p class="muted local-pack-hint">
                { "培训师要检查或试做本机上的题包文件（.yaml），请到" }
                <a href={Route::Author.href(Page::Trainee)} data-testid="author-link">{ "编写题目" }</a>
                { "页面打开它。" }
            </p>
        </div>
    }
}
