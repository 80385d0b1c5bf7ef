//! The team page read live from the team server (`#/team`, `#/team/<id>`), when the site
//! is served by `drill serve`: a lead signs in and sees the teams they lead, and no others,
//! over a date range, in the same tables, charts and CSV as the file-import page
//! (`page.rs`, which a static site keeps showing); the server builds the report with the
//! core (`TeamReport`). The lead also assigns packs (必做) with a due date and sees who has
//! finished, passed, or is overdue, and moves an assignment's due date or removes it.
//! Another team's address gets the server's refusal, shown as such.

use super::chart::progress_chart;
use super::tables::{item_table, rule_table, trainee_table, Sort, SortKey};
use super::{local_date, pct};
use crate::account::{use_session, Session, SignInForm, SignedInAs};
use crate::components::use_app;
use crate::download::{download, safe_name};
use crate::route::{Page, Route};
use crate::server::api::{self, ApiError};
use crate::server::types::{Assignment, EditAssignment, Me, NewAssignment, Team, TeamReportOut};
use drill_core::team::csv::team_csv;
use gloo::net::http::Method;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LiveProps {
    /// The team in the address (`#/team/<id>`), or none (`#/team`).
    pub team_id: Option<String>,
    /// What a static site shows instead (the file-import page).
    pub fallback: Html,
}

#[component]
pub fn LiveTeamPage(props: &LiveProps) -> Html {
    let (session, reload) = use_session(Page::Tools);
    let on_signed_in = {
        let session = session.clone();
        Callback::from(move |me| session.set(Session::SignedIn(me)))
    };
    let body = match &*session {
        Session::Static => return props.fallback.clone(),
        // Not known yet whether a server is there: nothing of either kind of page.
        Session::Checking => return html! { <p class="panel" role="status">{ "正在加载……" }</p> },
        Session::Unreachable(why) => html! {
            <div class="panel" role="alert">
                <p>{ format!("无法连接服务器：{why}") }</p>
                <button type="button" class="button button--small" onclick={reload.reform(|_: MouseEvent| ())}>{ "重试" }</button>
            </div>
        },
        Session::SignedOut => html! {
            <SignInForm page={Page::Tools} on_signed_in={on_signed_in} intro="班组长请登录后查看本班组的成绩。" />
        },
        Session::SignedIn(me) if !(me.is_lead() || me.is_admin()) => html! {
            <p class="panel banner--warn" role="alert" data-testid="team-refused">
                { format!("班组成绩仅限班组长和管理员查看。你当前的账号（{}，{}）没有这个权限。", me.name, me.role_label) }
            </p>
        },
        Session::SignedIn(me) => match &props.team_id {
            Some(id) => html! { <LiveReport team_id={id.clone()} me={me.clone()} /> },
            None => html! { <TeamChooser me={me.clone()} /> },
        },
    };
    let who = match &*session {
        Session::SignedIn(me) => {
            html! { <SignedInAs me={me.clone()} page={Page::Tools} /> }
        }
        _ => html! {},
    };
    html! {
        <div class="team" data-testid="team-page" data-mode="server">
            { who }
            { body }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct MeProps {
    me: Me,
}

/// `#/team` on the server: straight to the lead's team when there is one, else a list.
#[component]
fn TeamChooser(props: &MeProps) -> Html {
    let teams = use_state(|| None::<Result<Vec<Team>, String>>);
    {
        let teams = teams.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let got = api::get(Page::Tools, "teams").await.and_then(|t| api::read::<Vec<Team>>(&t));
                if let Ok([only]) = got.as_deref() {
                    Route::TeamOf(only.id.clone()).replace();
                }
                teams.set(Some(got.map_err(|e| e.message)));
            });
        });
    }
    let list = match &*teams {
        None => html! { <p role="status">{ "正在读取班组……" }</p> },
        Some(Err(why)) => html! { <p class="form-error" role="alert">{ why.clone() }</p> },
        Some(Ok(list)) if list.is_empty() => html! {
            <p class="panel" data-testid="team-none">{ "你还没有负责的班组。请联系管理员在账号管理中设置。" }</p>
        },
        Some(Ok(list)) => html! {
            <ul class="team-list">
                { for list.iter().map(|t| html! {
                    <li><a href={Route::TeamOf(t.id.clone()).to_hash()} data-testid="team-link">{ format!("{}（{} 人）", t.name, t.members) }</a></li>
                }) }
            </ul>
        },
    };
    html! {
        <>
            <div class="page-intro">
                <h1 id="page-title" tabindex="-1">{ "班组成绩" }</h1>
                <p class="lead">{ format!("{}，请选择班组。成绩实时来自服务器。", props.me.name) }</p>
            </div>
            { list }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ReportProps {
    team_id: String,
    me: Me,
}

/// What the report request gave.
#[derive(Clone, PartialEq)]
enum Loaded {
    Loading,
    Ready(TeamReportOut),
    /// Refused (403) or not found (404): the message, and whether it was a refusal.
    Refused(String),
    Failed(String),
}

#[component]
fn LiveReport(props: &ReportProps) -> Html {
    let app = use_app();
    let from = use_state(String::new);
    let to = use_state(String::new);
    let asked = use_state(|| (String::new(), String::new()));
    let loaded = use_state(|| Loaded::Loading);
    let sort = use_state(|| (SortKey::Score, false) as Sort);
    let note = use_state(String::new);
    let assignments_rev = use_state(|| 0u32);

    {
        let (loaded, team_id) = (loaded.clone(), props.team_id.clone());
        use_effect_with((*asked).clone(), move |(from, to): &(String, String)| {
            let (from, to) = (from.clone(), to.clone());
            loaded.set(Loaded::Loading);
            wasm_bindgen_futures::spawn_local(async move {
                let mut query = Vec::new();
                if !from.is_empty() {
                    query.push(format!("from={from}"));
                }
                if !to.is_empty() {
                    query.push(format!("to={to}"));
                }
                let path = format!(
                    "teams/{}/report{}{}",
                    js_sys::encode_uri_component(&team_id),
                    if query.is_empty() { "" } else { "?" },
                    query.join("&")
                );
                loaded.set(match api::get(Page::Tools, &path).await.and_then(|t| api::read::<TeamReportOut>(&t)) {
                    Ok(r) => Loaded::Ready(r),
                    Err(ApiError { status: 403 | 404, message, .. }) => Loaded::Refused(message),
                    Err(e) => Loaded::Failed(e.message),
                });
            });
        });
    }

    let set = |h: &UseStateHandle<String>| {
        let h = h.clone();
        Callback::from(move |e: Event| h.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let onrange = {
        let (from, to, asked) = (from.clone(), to.clone(), asked.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            asked.set(((*from).clone(), (*to).clone()));
        })
    };

    let own_teams = html! {
        <ul class="team-list">
            { for props.me.lead_teams.iter().map(|t| html! {
                <li><a href={Route::TeamOf(t.id.clone()).to_hash()} data-testid="team-link">{ t.name.clone() }</a></li>
            }) }
        </ul>
    };

    let report = match &*loaded {
        Loaded::Loading => html! { <p class="panel" role="status">{ "正在读取成绩……" }</p> },
        Loaded::Refused(message) => {
            return html! {
                <>
                    <div class="page-intro"><h1 id="page-title" tabindex="-1">{ "班组成绩" }</h1></div>
                    <div class="panel banner--warn" role="alert" data-testid="team-refused">
                        <p><strong>{ "无法查看这个班组的成绩。" }</strong>{ format!("{message}。") }</p>
                        if !props.me.lead_teams.is_empty() {
                            <p>{ "你负责的班组：" }</p>
                            { own_teams }
                        }
                    </div>
                </>
            };
        }
        Loaded::Failed(why) => {
            html! { <p class="panel form-error" role="alert">{ format!("无法读取成绩：{why}") }</p> }
        }
        Loaded::Ready(r) => {
            let report = r.to_core();
            let oncsv = {
                let (report, note, team) = (report.clone(), note.clone(), r.team.clone());
                Callback::from(move |_: MouseEvent| {
                    let name = format!("服务演练班组汇总-{}-{}.csv", safe_name(&team), local_date(js_sys::Date::now()));
                    note.set(match download(&name, "text/csv;charset=utf-8", &team_csv(&report)) {
                        Ok(()) => format!("已导出 {name}"),
                        Err(why) => format!("导出失败：{why}"),
                    });
                })
            };
            let lib = app.library().cloned();
            html! {
                <>
                    <div class="team-toolbar no-print">
                        <div class="team-toolbar__actions">
                            <button type="button" class="button button--small" onclick={oncsv} data-testid="team-csv">{ "导出汇总表（CSV）" }</button>
                        </div>
                        <p class="team-toolbar__note" role="status" aria-live="polite">{ (*note).clone() }</p>
                    </div>
                    <section class="team-panel" aria-labelledby="live-trainees">
                        <h2 id="live-trainees">{ "学员成绩" }</h2>
                        if report.trainees.is_empty() {
                            <p class="muted">{ "这个班组还没有成员。" }</p>
                        } else {
                            { trainee_table(&report.trainees, &sort) }
                        }
                    </section>
                    <section class="team-panel" aria-labelledby="live-rules">
                        <h2 id="live-rules">{ "规范掌握" }</h2>
                        { rule_table(&report.rules, lib.as_ref().map(|l| &*l.0)) }
                    </section>
                    <section class="team-panel" aria-labelledby="live-items">
                        <h2 id="live-items">{ "题目分析" }</h2>
                        { item_table(&report.items) }
                    </section>
                    <section class="team-panel" aria-labelledby="live-progress">
                        <h2 id="live-progress">{ "进步曲线" }</h2>
                        <div class="progress-grid">
                            { for report.progress.iter().enumerate().map(|(i, s)| progress_chart(s, i)) }
                        </div>
                    </section>
                </>
            }
        }
    };

    let title = match &*loaded {
        Loaded::Ready(r) => format!("班组成绩 · {}", r.team),
        _ => "班组成绩".to_owned(),
    };
    html! {
        <>
            <div class="page-intro">
                <h1 id="page-title" tabindex="-1" data-testid="team-title">{ title }</h1>
                <p class="lead">{ "成绩实时来自服务器：学员每次作答都会同步过来，不需要导入文件。" }</p>
            </div>
            if props.me.lead_teams.len() > 1 {
                <nav aria-label="我负责的班组">{ own_teams.clone() }</nav>
            }
            <form class="form form--inline panel no-print" onsubmit={onrange} data-testid="team-range">
                <label for="range-from">{ "开始日期" }</label>
                <input id="range-from" type="date" value={(*from).clone()} onchange={set(&from)} data-testid="range-from" />
                <label for="range-to">{ "结束日期" }</label>
                <input id="range-to" type="date" value={(*to).clone()} onchange={set(&to)} data-testid="range-to" />
                <button type="submit" class="button button--small" data-testid="range-apply">{ "查询" }</button>
            </form>
            <Assignments team_id={props.team_id.clone()} rev={assignments_rev.clone()} />
            { report }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct AssignProps {
    team_id: String,
    rev: UseStateHandle<u32>,
}

fn person_state(finished: bool, passed: bool, overdue: bool) -> &'static str {
    match (finished, passed, overdue) {
        (_, true, _) => "已完成 · 及格",
        (true, false, _) => "已完成 · 未及格",
        (false, _, true) => "已逾期",
        _ => "未完成",
    }
}

/// The team's 必做 packs: what is assigned, everyone's progress, and a form to assign one.
#[component]
fn Assignments(props: &AssignProps) -> Html {
    let app = use_app();
    let list = use_state(|| None::<Result<Vec<Assignment>, String>>);
    let pack = use_state(String::new);
    let due = use_state(String::new);
    let note = use_state(|| None::<(bool, String)>);
    {
        let (list, team_id) = (list.clone(), props.team_id.clone());
        use_effect_with(*props.rev, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let path = format!("assignments?team_id={}", js_sys::encode_uri_component(&team_id));
                let got = api::get(Page::Tools, &path).await.and_then(|t| api::read::<Vec<Assignment>>(&t));
                list.set(Some(got.map_err(|e| e.message)));
            });
        });
    }
    let packs: Vec<(String, String)> =
        app.library().map(|l| l.packs.iter().map(|p| (p.id.clone(), p.title.clone())).collect()).unwrap_or_default();
    let onsubmit = {
        let (pack, due, note, rev, team_id) =
            (pack.clone(), due.clone(), note.clone(), props.rev.clone(), props.team_id.clone());
        let first = packs.first().map(|p| p.0.clone()).unwrap_or_default();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let pack_id = if pack.is_empty() { first.clone() } else { (*pack).clone() };
            if due.is_empty() {
                note.set(Some((true, "请选择截止日期".to_owned())));
                return;
            }
            let body = NewAssignment { team_id: team_id.clone(), pack_id, due: (*due).clone() };
            let body = serde_json::to_string(&body).unwrap_or_default();
            let (note, rev) = (note.clone(), rev.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::send(Method::POST, Page::Tools, "assignments", Some(body)).await {
                    Ok(_) => {
                        note.set(Some((false, "已布置。".to_owned())));
                        rev.set(*rev + 1);
                    }
                    Err(e) => note.set(Some((true, e.message))),
                }
            });
        })
    };
    let heading = use_node_ref();
    let on_changed = {
        let (note, rev) = (note.clone(), props.rev.clone());
        Callback::from(move |said: String| {
            note.set(Some((false, said)));
            rev.set(*rev + 1);
        })
    };
    // The removed row took the focus with it: the section's heading gets it back.
    let on_removed = {
        let (on_changed, heading) = (on_changed.clone(), heading.clone());
        Callback::from(move |said: String| {
            on_changed.emit(said);
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        })
    };
    let body = match &*list {
        None => html! { <p role="status">{ "正在读取必做题包……" }</p> },
        Some(Err(why)) => html! { <p class="form-error" role="alert">{ why.clone() }</p> },
        Some(Ok(items)) if items.is_empty() => html! { <p class="muted">{ "还没有布置必做题包。" }</p> },
        Some(Ok(items)) => html! {
            <ul class="assignments__list">
                { for items.iter().map(|a| html! {
                    <AssignmentRow key={a.id.clone()} assignment={a.clone()} on_changed={on_changed.clone()} on_removed={on_removed.clone()} />
                }) }
            </ul>
        },
    };
    let note_html = match &*note {
        Some((true, t)) => html! { <p class="form-error" role="alert" data-testid="assign-note">{ t.clone() }</p> },
        Some((false, t)) => html! { <p class="notice" role="status" data-testid="assign-note">{ t.clone() }</p> },
        None => html! {},
    };
    html! {
        <section class="panel" aria-labelledby="assign-title" data-testid="lead-assignments">
            <h2 id="assign-title" tabindex="-1" ref={heading}>{ "必做题包" }</h2>
            { body }
            <form class="form form--inline no-print" onsubmit={onsubmit} data-testid="assign-form">
                <label for="assign-pack">{ "题包" }</label>
                <select id="assign-pack" onchange={{ let h = pack.clone(); Callback::from(move |e: Event| h.set(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value())) }} data-testid="assign-pack">
                    { for packs.iter().map(|(id, title)| html! { <option value={id.clone()} selected={*pack == *id}>{ title.clone() }</option> }) }
                </select>
                <label for="assign-due">{ "截止日期" }</label>
                <input id="assign-due" type="date" value={(*due).clone()} onchange={{ let h = due.clone(); Callback::from(move |e: Event| h.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())) }} data-testid="assign-due" />
                <button type="submit" class="button button--small" data-testid="assign-submit">{ "布置" }</button>
            </form>
            { note_html }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct AssignmentRowProps {
    assignment: Assignment,
    /// After a change: what to announce; the list is read again.
    on_changed: Callback<String>,
    /// After a removal: the same, and the focus goes back to the section.
    on_removed: Callback<String>,
}

/// One assigned pack as the lead sees it: progress, everyone's state, and the controls to
/// move its due date (an inline date field) or remove it (after a confirmation). The
/// server's refusal, in Chinese, is shown on the row it concerns.
#[component]
fn AssignmentRow(props: &AssignmentRowProps) -> Html {
    let a = &props.assignment;
    let editing = use_state(|| false);
    let due = use_state(|| a.due.clone());
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let date_input = use_node_ref();
    let edit_button = use_node_ref();
    // Opening the form puts the focus in its date field (closing it puts it back on the button).
    {
        let date_input = date_input.clone();
        use_effect_with(*editing, move |open| {
            if let Some(el) = date_input.cast::<web_sys::HtmlElement>().filter(|_| *open) {
                let _ = el.focus();
            }
        });
    }
    let refocus = {
        let edit_button = edit_button.clone();
        move || {
            if let Some(el) = edit_button.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    };
    let open = {
        let (editing, due, error, current) = (editing.clone(), due.clone(), error.clone(), a.due.clone());
        Callback::from(move |_: MouseEvent| {
            due.set(current.clone());
            error.set(None);
            editing.set(true);
        })
    };
    let close = {
        let (editing, error, refocus) = (editing.clone(), error.clone(), refocus.clone());
        Callback::from(move |()| {
            error.set(None);
            editing.set(false);
            refocus();
        })
    };
    let onsave = {
        let (due, error, busy, editing) = (due.clone(), error.clone(), busy.clone(), editing.clone());
        let (id, title, on_changed) = (a.id.clone(), a.pack_title.clone(), props.on_changed.clone());
        let refocus = refocus.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if due.is_empty() {
                error.set(Some("请选择新的截止日期".to_owned()));
                return;
            }
            let body = EditAssignment { due: Some((*due).clone()), pack_id: None };
            let body = serde_json::to_string(&body).unwrap_or_default();
            let (due, error, busy, editing, id, title, on_changed) = (
                due.clone(),
                error.clone(),
                busy.clone(),
                editing.clone(),
                id.clone(),
                title.clone(),
                on_changed.clone(),
            );
            let refocus = refocus.clone();
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let path = format!("assignments/{}", js_sys::encode_uri_component(&id));
                let sent = api::send(Method::PATCH, Page::Tools, &path, Some(body)).await;
                busy.set(false);
                match sent {
                    Ok(_) => {
                        editing.set(false);
                        refocus();
                        on_changed.emit(format!("已将「{title}」的截止日期改为 {}。", *due));
                    }
                    Err(e) => error.set(Some(e.message)),
                }
            });
        })
    };
    let onremove = {
        let (error, busy) = (error.clone(), busy.clone());
        let (id, title, due_text, on_removed) =
            (a.id.clone(), a.pack_title.clone(), a.due.clone(), props.on_removed.clone());
        Callback::from(move |_: MouseEvent| {
            if !gloo::dialogs::confirm(&format!(
                "确定删除必做题包「{title}」（截止 {due_text}）吗？学员将不再看到这项任务，已作答的记录会保留。"
            )) {
                return;
            }
            let (error, busy, id, title, on_removed) =
                (error.clone(), busy.clone(), id.clone(), title.clone(), on_removed.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let path = format!("assignments/{}", js_sys::encode_uri_component(&id));
                let sent = api::send(Method::DELETE, Page::Tools, &path, None).await;
                busy.set(false);
                match sent {
                    Ok(_) => on_removed.emit(format!("已删除必做题包「{title}」。")),
                    Err(e) => error.set(Some(e.message)),
                }
            });
        })
    };
    let onkeydown = {
        let close = close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                close.emit(());
            }
        })
    };
    let p = a.progress.clone();
    let field = format!("assignment-due-{}", a.id);
    let error_id = format!("assignment-error-{}", a.id);
    html! {
        <li class="assignment" data-testid="lead-assignment" data-pack={a.pack_id.clone()} data-id={a.id.clone()} data-due={a.due.clone()}>
            <p>
                <span class="tag tag--must">{ "必做" }</span>{ " " }
                <strong>{ a.pack_title.clone() }</strong>
                <span data-testid="assignment-due">{ format!(" · 截止 {}", a.due) }</span>
                if let Some(p) = &p {
                    <span data-testid="assignment-counts" data-finished={p.finished.to_string()} data-passed={p.passed.to_string()} data-overdue={p.overdue.to_string()}>
                        { format!(" · {} 人中 已完成 {} · 及格 {} · 逾期 {}", p.members, p.finished, p.passed, p.overdue) }
                    </span>
                }
            </p>
            <div class="assignment__actions no-print">
                <button type="button" class="button button--small button--ghost" ref={edit_button} onclick={open}
                    aria-expanded={editing.to_string()} aria-controls={format!("{field}-form")}
                    aria-label={format!("修改「{}」的截止日期", a.pack_title)} data-testid="assignment-edit">{ "修改截止日期" }</button>
                <button type="button" class="button button--small button--ghost" onclick={onremove} disabled={*busy}
                    aria-label={format!("删除必做题包「{}」", a.pack_title)} data-testid="assignment-delete">{ "删除" }</button>
            </div>
            if *editing {
                <form id={format!("{field}-form")} class="form form--inline no-print" onsubmit={onsave} onkeydown={onkeydown} data-testid="assignment-edit-form">
                    <label for={field.clone()}>{ format!("「{}」的新截止日期", a.pack_title) }</label>
                    <input id={field.clone()} type="date" ref={date_input} value={(*due).clone()} required=true
                        aria-invalid={error.is_some().to_string()} aria-describedby={error.is_some().then(|| error_id.clone())}
                        onchange={{ let h = due.clone(); Callback::from(move |e: Event| h.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())) }}
                        data-testid="assignment-due-input" />
                    <button type="submit" class="button button--small" disabled={*busy} data-testid="assignment-due-save">{ "保存" }</button>
                    <button type="button" class="button button--small button--ghost" onclick={close.reform(|_: MouseEvent| ())} data-testid="assignment-due-cancel">{ "取消" }</button>
                </form>
            }
            if let Some(why) = &*error {
                <p id={error_id.clone()} class="form-error" role="alert" data-testid="assignment-error">{ why.clone() }</p>
            }
            if let Some(p) = p {
                <details>
                    <summary>{ "每位学员" }</summary>
                    <table class="table">
                        <thead><tr><th scope="col">{ "工号" }</th><th scope="col">{ "姓名" }</th><th scope="col">{ "状态" }</th><th scope="col">{ "得分率" }</th></tr></thead>
                        <tbody>
                            { for p.people.iter().map(|x| html! {
                                <tr data-testid="assignment-person" data-employee-no={x.employee_no.clone()}
                                    data-finished={x.status.finished.to_string()} data-passed={x.status.passed.to_string()} data-overdue={x.status.overdue.to_string()}>
                                    <td>{ x.employee_no.clone() }</td>
                                    <td>{ x.name.clone() }</td>
                                    <td>{ person_state(x.status.finished, x.status.passed, x.status.overdue) }</td>
                                    <td>{ pct(x.status.score_pct) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </details>
            }
        </li>
    }
}
