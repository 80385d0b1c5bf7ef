//! "我的成绩" (`#/results`, on the study page): the trainee downloads their results file
//! (JSON, handed to the team lead, who imports it on the team dashboard) and their attempts
//! as CSV (for their own spreadsheet). Built from the store and the loaded content, in the
//! browser (no server).
//!
//! It was a menu in the header of every page; it is a page of its own so its code (the
//! results file, the CSV writer) is not in the trainee app's first load (docs/PERFORMANCE.md,
//! "Size"). The header links here.

use super::components::loading::{LoadFailed, Loading};
use super::components::use_app;
use super::download::{download, safe_name};
use super::route::{Page, Route};
use super::state::LoadState;
use super::team::local_date;
use drill_core::load::Library;
use drill_core::results::export::ResultsFile;
use drill_core::results::store::{Profile, TraineeStore};
use drill_core::team::csv::attempts_csv;
use yew::prelude::*;

/// Downloads the results file (JSON, for the team lead) of everything in `store`, the
/// unsaved attempts included; returns how many attempts it holds. Also offered by the
/// trainee app's storage banner, so records kept in memory only (storage full) can be
/// saved without leaving the page. Kept apart from the CSV so that banner does not pull
/// the CSV writer into the first load.
pub fn download_results_file(store: &TraineeStore, lib: &Library, profile: &Profile) -> Result<usize, String> {
    let now = js_sys::Date::now();
    let file = ResultsFile::build(store, lib, now);
    download(&format!("{}.json", file_stem(profile, now)), "application/json", &file.to_json())?;
    Ok(file.attempts.len())
}

fn file_stem(profile: &Profile, now: f64) -> String {
    format!("服务演练成绩-{}-{}", safe_name(&profile.employee_no), local_date(now))
}

#[derive(Clone, Copy, PartialEq)]
enum What {
    Json,
    Csv,
}

#[component]
pub fn MyResults() -> Html {
    let app = use_app();
    let note = use_state(String::new);
    let intro = html! {
        <div class="page-intro">
            <h1 id="page-title" tabindex="-1">{ "我的成绩" }</h1>
            <p class="lead">{ "练习记录只保存在本机浏览器中。把成绩文件交给班组长导入，班组长就能看到你的成绩。" }</p>
        </div>
    };
    let Some(profile) = app.store.profile.clone().filter(|p| p.is_complete()) else {
        return html! {
            <>
                { intro }
                <section class="panel" data-testid="results-no-profile">
                    <p>{ "还没有填写个人资料（姓名、工号、班组），成绩文件需要这些信息。" }</p>
                    <a class="button button--primary" href={Route::Profile.href(Page::Study)}>{ "填写个人资料" }</a>
                </section>
            </>
        };
    };
    let lib = match &app.load {
        LoadState::Loading => return html! { <Loading /> },
        LoadState::Failed(failure) => return html! { <LoadFailed failure={failure.clone()} /> },
        LoadState::Ready(lib) => lib.clone(),
    };
    let count = app.store.attempts.len();

    let save = |what: What| {
        let app = app.clone();
        let lib = lib.clone();
        let note = note.clone();
        let profile = profile.clone();
        Callback::from(move |_: MouseEvent| {
            let result = match what {
                What::Json => download_results_file(&app.store, &lib, &profile),
                What::Csv => {
                    let now = js_sys::Date::now();
                    let file = ResultsFile::build(&app.store, &lib, now);
                    download(
                        &format!("{}.csv", file_stem(&profile, now)),
                        "text/csv;charset=utf-8",
                        &attempts_csv(&file),
                    )
                    .map(|()| file.attempts.len())
                }
            };
            note.set(match result {
                Ok(n) if what == What::Json => {
                    format!("已导出成绩文件（{n} 条作答），请交给班组长导入。")
                }
                Ok(n) => format!("已导出作答明细表（{n} 条作答）。"),
                Err(why) => format!("导出失败：{why}"),
            });
        })
    };

    html! {
        <>
            { intro }
            <section class="panel results-export" aria-labelledby="results-export-title" data-testid="results-export">
                <h2 id="results-export-title">{ format!("{} · 工号 {} · {}", profile.name, profile.employee_no, profile.team) }</h2>
                <p class="muted" data-testid="results-count">
                    { if count == 0 { "还没有作答记录，完成几道题后再导出。".to_owned() } else { format!("共 {count} 条作答记录。成绩文件交给班组长导入；明细表可用 Excel 打开。") } }
                </p>
                <div class="results-export__actions">
                    <button type="button" class="button button--primary" disabled={count == 0}
                        onclick={save(What::Json)} data-testid="export-json">{ "下载成绩文件（JSON）" }</button>
                    <button type="button" class="button" disabled={count == 0}
                        onclick={save(What::Csv)} data-testid="export-csv">{ "下载作答明细（CSV）" }</button>
                </div>
                <p class="results-export__note" role="status" aria-live="polite" data-testid="export-note">{ (*note).clone() }</p>
            </section>
        </>
    }
}
