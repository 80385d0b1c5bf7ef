//! "导出我的成绩": the trainee saves their results file (JSON, handed to the team lead) and
//! their attempts as CSV (for their own spreadsheet). Built from the current store and the
//! loaded content; downloaded in the browser.

use crate::web::download::{download, safe_name};
use super::local_date;
use crate::results::export::ResultsFile;
use crate::team::csv::attempts_csv;
use crate::web::components::use_app;
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq)]
enum What {
    Json,
    Csv,
}

#[component]
pub fn ExportMenu() -> Html {
    let app = use_app();
    let note = use_state(String::new);
    let Some(profile) = app.store.profile.clone().filter(|p| p.is_complete()) else { return html! {} };
    let ready = app.library().is_some();
    let count = app.store.attempts.len();

    let save = |what: What| {
        let app = app.clone();
        let note = note.clone();
        let profile = profile.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(lib) = app.library().cloned() else { return };
            let now = js_sys::Date::now();
            let file = ResultsFile::build(&app.store, &lib, now);
            let stem = format!("服务演练成绩-{}-{}", safe_name(&profile.employee_no), local_date(now));
            let result = match what {
                What::Json => download(&format!("{stem}.json"), "application/json", &file.to_json()),
                What::Csv => download(&format!("{stem}.csv"), "text/csv;charset=utf-8", &attempts_csv(&file)),
            };
            note.set(match result {
                Ok(()) if what == What::Json => format!("已导出成绩文件（{} 条作答），请交给班组长导入。", file.attempts.len()),
                Ok(()) => format!("已导出作答明细表（{} 条作答）。", file.attempts.len()),
                Err(why) => format!("导出失败：{why}"),
            });
        })
    };

    html! {
        <details class="export-menu" data-testid="export-menu">
            <summary class="button button--ghost button--small" data-testid="export-open">{ "导出我的成绩" }</summary>
            <div class="export-menu__panel">
                <p class="export-menu__hint">
                    { if count == 0 { "还没有作答记录，完成几道题后再导出。".to_owned() } else { format!("共 {count} 条作答记录。成绩文件交给班组长导入；明细表可用 Excel 打开。") } }
                </p>
                <button type="button" class="button button--primary button--small" disabled={!ready || count == 0}
                    onclick={save(What::Json)} data-testid="export-json">{ "下载成绩文件（JSON）" }</button>
                <button type="button" class="button button--small" disabled={!ready || count == 0}
                    onclick={save(What::Csv)} data-testid="export-csv">{ "下载作答明细（CSV）" }</button>
                <p class="export-menu__note" role="status" aria-live="polite" data-testid="export-note">{ (*note).clone() }</p>
            </div>
        </details>
    }
}
