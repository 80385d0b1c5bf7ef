//! The team lead's page (`#/team`): import results files, keep them as a roster in
//! localStorage, and read the team, rule, item and progress tables.

use super::chart::progress_chart;
use super::local_date;
use super::roster_store::{self, ROSTER_KEY};
use super::tables::{item_table, rule_table, trainee_table, Sort, SortKey};
use crate::components::use_app;
use crate::download::{download, safe_name};
use crate::state::{LibRef, LoadState};
use crate::storage::{DocumentStatus, Recovered};
use drill_core::results::export::ResultsFile;
use drill_core::team::csv::team_csv;
use drill_core::team::{ImportOutcome, Roster, TeamReport};
use std::rc::Rc;
use yew::prelude::*;

/// What happened to one imported file.
#[derive(Clone, PartialEq)]
pub struct FileResult {
    pub file: String,
    /// `Ok((trainee, outcome))` or `Err(reason)`.
    pub result: Result<(String, ImportOutcome), String>,
}

#[derive(Clone, PartialEq)]
pub struct TeamState {
    pub roster: Roster,
    pub status: DocumentStatus,
    /// Bumped on every roster change (the report is rebuilt from it).
    pub rev: u64,
    /// The last batch of files, in the order they were chosen.
    pub results: Vec<FileResult>,
}

pub enum TeamAction {
    /// (file name, text or why it could not be read), parsed against the loaded content.
    Import(Vec<(String, Result<String, String>)>, Option<LibRef>),
    Clear,
    RetrySave,
}

impl TeamState {
    fn open() -> TeamState {
        let (roster, status) = roster_store::open();
        TeamState { roster, status, rev: 0, results: Vec::new() }
    }

    fn persist(&mut self) {
        roster_store::save(&self.roster, &mut self.status);
    }
}

impl Reducible for TeamState {
    type Action = TeamAction;

    fn reduce(self: Rc<Self>, action: TeamAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            TeamAction::Import(files, lib) => {
                let lib = lib.as_ref().map(|l| &*l.0);
                let mut changed = false;
                s.results = files
                    .into_iter()
                    .map(|(file, text)| {
                        let result = text
                            .and_then(|text| ResultsFile::parse(&text, lib).map_err(|e| e.to_string()))
                            .map(|parsed| {
                                let who = format!("{}（{}）", parsed.trainee.name, parsed.trainee.employee_no);
                                let outcome = s.roster.import(parsed);
                                changed |= outcome != ImportOutcome::Unchanged;
                                (who, outcome)
                            });
                        FileResult { file, result }
                    })
                    .collect();
                if changed {
                    s.rev += 1;
                    s.persist();
                }
            }
            TeamAction::Clear => {
                s.roster = Roster::default();
                s.results.clear();
                s.rev += 1;
                roster_store::clear(&mut s.status);
            }
            TeamAction::RetrySave => s.persist(),
        }
        Rc::new(s)
    }
}

/// Reads every file's text, then imports them in one go.
fn import_files(files: Vec<web_sys::File>, state: UseReducerHandle<TeamState>, lib: Option<LibRef>) {
    if files.is_empty() {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let mut texts = Vec::new();
        for f in files {
            let text = wasm_bindgen_futures::JsFuture::from(f.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
                .ok_or_else(|| "无法读取文件".to_owned());
            texts.push((f.name(), text));
        }
        state.dispatch(TeamAction::Import(texts, lib));
    });
}

fn file_list(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

fn outcome_text(r: &FileResult) -> (String, &'static str) {
    match &r.result {
        Ok((who, ImportOutcome::Added)) => (format!("新增学员 {who}"), "added"),
        Ok((who, ImportOutcome::Updated(n))) => (format!("{who}：更新 {n} 条作答"), "updated"),
        Ok((who, ImportOutcome::Unchanged)) => (format!("{who}：无变化（已导入过）"), "unchanged"),
        Err(why) => (format!("未导入：{why}"), "rejected"),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Trainees,
    Rules,
    Items,
    Progress,
}

impl Tab {
    const ALL: [Tab; 4] = [Tab::Trainees, Tab::Rules, Tab::Items, Tab::Progress];
    fn label(self) -> &'static str {
        match self {
            Tab::Trainees => "学员成绩",
            Tab::Rules => "规范掌握",
            Tab::Items => "题目分析",
            Tab::Progress => "进步曲线",
        }
    }
    fn key(self) -> &'static str {
        match self {
            Tab::Trainees => "trainees",
            Tab::Rules => "rules",
            Tab::Items => "items",
            Tab::Progress => "progress",
        }
    }
}

#[component]
pub fn TeamPage() -> Html {
    let app = use_app();
    let state = use_reducer(TeamState::open);
    let team = use_state(|| None::<String>);
    let sort = use_state(|| (SortKey::Score, false) as Sort);
    let tab = use_state(|| Tab::Trainees);
    let dragging = use_state(|| false);
    let note = use_state(String::new);
    let lib = app.library().cloned();
    let loading = matches!(app.load, LoadState::Loading);

    let report = {
        let state = state.clone();
        use_memo(
            (state.rev, (*team).clone(), lib.clone()),
            move |(_, team, lib): &(u64, Option<String>, Option<LibRef>)| {
                TeamReport::build(&state.roster, team.as_deref(), lib.as_ref().map(|l| &*l.0))
            },
        )
    };

    let onchange = {
        let state = state.clone();
        let lib = lib.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            import_files(file_list(input.files()), state.clone(), lib.clone());
            input.set_value("");
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let state = state.clone();
        let lib = lib.clone();
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            import_files(file_list(e.data_transfer().and_then(|d| d.files())), state.clone(), lib.clone());
        })
    };
    let onteam = {
        let team = team.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            team.set(if v.is_empty() { None } else { Some(v) });
        })
    };
    let oncsv = {
        let report = report.clone();
        let team = team.clone();
        let note = note.clone();
        Callback::from(move |_: MouseEvent| {
            let name = format!(
                "服务演练班组汇总-{}-{}.csv",
                team.as_deref().map(safe_name).unwrap_or_else(|| "全部班组".into()),
                local_date(js_sys::Date::now())
            );
            note.set(match download(&name, "text/csv;charset=utf-8", &team_csv(&report)) {
                Ok(()) => format!("已导出 {name}"),
                Err(why) => format!("导出失败：{why}"),
            });
        })
    };
    let onprint = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let onclear = {
        let state = state.clone();
        let team = team.clone();
        Callback::from(move |_: MouseEvent| {
            if gloo::dialogs::confirm("确定清空已导入的全部成绩吗？清空后需要重新导入学员的成绩文件。")
            {
                team.set(None);
                state.dispatch(TeamAction::Clear);
            }
        })
    };
    let onretry = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(TeamAction::RetrySave))
    };

    let st = &state.status;
    let teams = state.roster.teams();
    let count = state.roster.trainees.len();
    let rejected = state.results.iter().filter(|r| r.result.is_err()).count();
    let storage_problem = st.unavailable.clone().or_else(|| st.write_error.clone());

    html! {
        <div class="team" data-testid="team-page">
            <div class="page-intro">
                <h1 id="page-title" tabindex="-1">{ "班组成绩" }</h1>
                <p class="lead">{ "导入学员导出的成绩文件，查看班组的总分、各条规范的掌握情况和题目分析。成绩只保存在本机浏览器中。" }</p>
            </div>

            if let Some(why) = storage_problem {
                <div class="banner banner--warn team-banner" role="alert" data-testid="roster-storage-banner">
                    <p>
                        <strong>{ "导入的成绩无法保存到本机浏览器。" }</strong>
                        { format!("原因：{why}。已导入的成绩仍显示在本页，但关闭或刷新页面后需要重新导入；之前保存的成绩不受影响。") }
                    </p>
                    if st.write_error.is_some() && st.unavailable.is_none() {
                        <button type="button" class="button button--small" onclick={onretry}>{ "重新保存" }</button>
                    }
                </div>
            }
            if let Some(Recovered { problem: why, backup_key: backup, .. }) = &st.recovered {
                <div class="banner banner--warn team-banner" role="alert" data-testid="roster-recovered">
                    <p>
                        <strong>{ "之前保存的班组成绩无法读取。" }</strong>
                        { format!("原因：{why}。") }
                        { match backup {
                            Some(key) => format!("原始内容已备份在浏览器存储的 {key} 中，不会丢失；请重新导入成绩文件。"),
                            None => format!("原始内容无法备份，为保护它，本次不会写入 {ROSTER_KEY}；新导入的成绩只保留到关闭页面。"),
                        } }
                    </p>
                </div>
            }

            <section class="panel team-import no-print" aria-labelledby="team-import-title">
                <h2 id="team-import-title">{ "导入成绩文件" }</h2>
                <div class={classes!("dropzone", dragging.then_some("dropzone--over"))}
                    ondragover={ondragover.clone()} ondragenter={ondragover} ondragleave={ondragleave} ondrop={ondrop}
                    data-testid="team-dropzone">
                    <p class="dropzone__text">{ "把学员的成绩文件（.json）拖到这里，或" }</p>
                    <label class="file-input__label" for="team-files">{ "选择成绩文件（可多选）" }</label>
                    <input id="team-files" type="file" multiple=true accept=".json,application/json" onchange={onchange}
                        disabled={loading} data-testid="team-file-input" aria-describedby="team-import-help" />
                    <p id="team-import-help" class="muted dropzone__help">
                        { if loading { "正在加载题库，请稍候……" } else { "同一学员的文件再次导入只会补充新的作答，不会重复计算。" } }
                    </p>
                </div>
                if !state.results.is_empty() {
                    <div role="status" aria-live="polite">
                        <p class="import-summary" data-testid="import-summary">
                            { format!("本次导入 {} 个文件：{} 个成功，{} 个未导入。", state.results.len(), state.results.len() - rejected, rejected) }
                        </p>
                        <ul class="import-results" data-testid="import-results">
                            { for state.results.iter().map(|r| {
                                let (text, status) = outcome_text(r);
                                html! {
                                    <li class={classes!("import-result", format!("import-result--{status}"))} data-testid="import-result" data-status={status} data-file={r.file.clone()}>
                                        <span class="import-result__file">{ r.file.clone() }</span>
                                        <span class="import-result__text" data-testid="import-result-text">{ text }</span>
                                    </li>
                                }
                            }) }
                        </ul>
                    </div>
                }
            </section>

            if count == 0 {
                <p class="panel muted" data-testid="team-empty">{ "还没有导入任何成绩。学员在页面顶部点“我的成绩”即可下载成绩文件。" }</p>
            } else {
                <div class="team-toolbar no-print">
                    <div class="team-toolbar__filter">
                        <label for="team-filter">{ "班组" }</label>
                        <select id="team-filter" onchange={onteam} data-testid="team-filter">
                            <option value="" selected={team.is_none()}>{ format!("全部班组（{count} 人）") }</option>
                            { for teams.iter().map(|t| html! { <option value={t.clone()} selected={team.as_deref() == Some(t.as_str())}>{ t.clone() }</option> }) }
                        </select>
                    </div>
                    <div class="team-toolbar__actions">
                        <button type="button" class="button button--small" onclick={oncsv} data-testid="team-csv">{ "导出汇总表（CSV）" }</button>
                        <button type="button" class="button button--small" onclick={onprint} data-testid="team-print">{ "打印" }</button>
                        <button type="button" class="button button--small button--danger" onclick={onclear} data-testid="team-clear">{ "清空已导入成绩" }</button>
                    </div>
                    <p class="team-toolbar__note" role="status" aria-live="polite">{ (*note).clone() }</p>
                </div>
                <p class="print-only">{ format!("班组：{} · 学员 {} 人 · 打印日期 {}", team.as_deref().unwrap_or("全部"), report.trainees.len(), local_date(js_sys::Date::now())) }</p>

                <div class="tabs no-print" role="tablist" aria-label="班组成绩视图">
                    { for Tab::ALL.into_iter().map(|t| {
                        let tab_h = tab.clone();
                        let selected = *tab == t;
                        html! {
                            <button type="button" role="tab" id={format!("tab-{}", t.key())} aria-selected={selected.to_string()}
                                aria-controls={format!("panel-{}", t.key())} class={classes!("tab", selected.then_some("tab--on"))}
                                onclick={Callback::from(move |_: MouseEvent| tab_h.set(t))} data-testid={format!("tab-{}", t.key())}>
                                { t.label() }
                            </button>
                        }
                    }) }
                </div>

                <section id="panel-trainees" role="tabpanel" aria-labelledby="tab-trainees" class="team-panel" hidden={*tab != Tab::Trainees}>
                    <h2 class="print-only">{ "学员成绩" }</h2>
                    <p class="muted team-help">{ "总分按每题最近一次作答计算；题包全部答完为“完成”，得分达到及格线为“及格”。" }</p>
                    { trainee_table(&report.trainees, &sort) }
                </section>
                <section id="panel-rules" role="tabpanel" aria-labelledby="tab-rules" class="team-panel" hidden={*tab != Tab::Rules}>
                    <h2 class="print-only">{ "规范掌握" }</h2>
                    <p class="muted team-help">{ "正确率最低的规范排在最前，是下一步最需要辅导的内容。" }</p>
                    { rule_table(&report.rules, lib.as_ref().map(|l| &*l.0)) }
                </section>
                <section id="panel-items" role="tabpanel" aria-labelledby="tab-items" class="team-panel" hidden={*tab != Tab::Items}>
                    <h2 class="print-only">{ "题目分析" }</h2>
                    <p class="muted team-help">{ "满分率：最近一次作答得满分的学员比例。区分度：总分前一半学员与后一半学员在该题上的得分率之差（至少 4 人作答才计算）。区分度低于 0.2、满分率低于 20% 或高于 95% 的题目标为“需复查”。" }</p>
                    { item_table(&report.items) }
                </section>
                <section id="panel-progress" role="tabpanel" aria-labelledby="tab-progress" class="team-panel" hidden={*tab != Tab::Progress}>
                    <h2 class="print-only">{ "进步曲线" }</h2>
                    <p class="muted team-help">{ "每位学员每天全部作答的平均得分率。" }</p>
                    <div class="progress-grid">
                        { for report.progress.iter().enumerate().map(|(i, s)| progress_chart(s, i)) }
                    </div>
                </section>
            }
        </div>
    }
}
