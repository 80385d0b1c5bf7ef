//! The administrator's page on the staff tools (`#/admin`, team server only): import the
//! staff list (a CSV of 姓名, 工号, 班组, 角色; each bad row listed with its line and why),
//! download the one-time sign-in codes of the new accounts as a sheet to hand out, and add,
//! edit, disable or re-enable an account and reset its code. Every rule (who may, what a
//! row must hold) is the server's; this page shows what it answers.

use crate::account::{use_session, Session, SignInForm, SignedInAs};
use crate::download::download;
use crate::route::Page;
use crate::server::api::{self, ApiError};
use crate::server::types::{Account, ImportReport, IssuedCode, NewAccount, Role};
use crate::team::local_date;
use gloo::net::http::Method;
use serde_json::json;
use yew::prelude::*;

#[component]
pub fn AdminPage() -> Html {
    let (session, reload) = use_session(Page::Tools);
    let on_signed_in = {
        let session = session.clone();
        Callback::from(move |me| session.set(Session::SignedIn(me)))
    };
    let body = match &*session {
        Session::Checking => html! { <p class="panel" role="status">{ "正在连接服务器……" }</p> },
        Session::Static => html! {
            <p class="panel" data-testid="admin-static">{ "本站没有连接服务器：账号管理需要用 drill serve 启动的服务器。" }</p>
        },
        Session::Unreachable(why) => html! {
            <div class="panel" role="alert">
                <p>{ format!("无法连接服务器：{why}") }</p>
                <button type="button" class="button button--small" onclick={reload.reform(|_: MouseEvent| ())}>{ "重试" }</button>
            </div>
        },
        Session::SignedOut => {
            html! { <SignInForm page={Page::Tools} on_signed_in={on_signed_in} intro="请用管理员账号登录。" /> }
        }
        Session::SignedIn(me) if !me.is_admin() => html! {
            <p class="panel banner--warn" role="alert" data-testid="admin-refused">
                { format!("账号管理仅限管理员。你当前的账号（{}，{}）没有这个权限。", me.name, me.role_label) }
            </p>
        },
        Session::SignedIn(_) => html! { <Accounts /> },
    };
    let who = match &*session {
        Session::SignedIn(me) => {
            html! { <SignedInAs me={me.clone()} page={Page::Tools} /> }
        }
        _ => html! {},
    };
    html! {
        <div class="admin" data-testid="admin-page">
            <div class="page-intro">
                <h1 id="page-title" tabindex="-1">{ "账号管理" }</h1>
                <p class="lead">{ "导入人员名单、发放一次性登录码、管理账号。" }</p>
            </div>
            { who }
            { body }
        </div>
    }
}

/// A notice after an action: (is it an error, text).
type Note = Option<(bool, String)>;

fn note_view(note: &Note, testid: &'static str) -> Html {
    match note {
        Some((true, text)) => html! { <p class="form-error" role="alert" data-testid={testid}>{ text.clone() }</p> },
        Some((false, text)) => html! { <p class="notice" role="status" data-testid={testid}>{ text.clone() }</p> },
        None => html! {},
    }
}

fn code_line(c: &IssuedCode) -> String {
    format!("{}（工号 {}）的登录码：{}，{} 前有效", c.name, c.employee_no, c.code, local_date(c.expires_ms as f64))
}

#[component]
fn Accounts() -> Html {
    let accounts = use_state(|| None::<Result<Vec<Account>, String>>);
    let rev = use_state(|| 0u32);
    let report = use_state(|| None::<ImportReport>);
    let import_note = use_state(|| None::<(bool, String)>);
    let note = use_state(|| None::<(bool, String)>);
    let editing = use_state(|| None::<String>);

    {
        let accounts = accounts.clone();
        use_effect_with(*rev, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let got = api::get(Page::Tools, "accounts").await.and_then(|t| api::read::<Vec<Account>>(&t));
                accounts.set(Some(got.map_err(|e| e.message)));
            });
        });
    }
    let reload = {
        let rev = rev.clone();
        Callback::from(move |()| rev.set(*rev + 1))
    };

    let on_file = {
        let (report, import_note, reload) = (report.clone(), import_note.clone(), reload.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|l| l.get(0)) else { return };
            input.set_value("");
            let (report, import_note, reload) = (report.clone(), import_note.clone(), reload.clone());
            import_note.set(Some((false, format!("正在导入 {}……", file.name()))));
            wasm_bindgen_futures::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string());
                let Some(text) = text else {
                    import_note.set(Some((true, "无法读取这个文件".to_owned())));
                    return;
                };
                let sent =
                    api::send_as(Method::POST, Page::Tools, "accounts/import", Some(("text/csv; charset=utf-8", text)))
                        .await
                        .and_then(|t| api::read::<ImportReport>(&t));
                match sent {
                    Ok(r) => {
                        import_note.set(Some((
                            false,
                            format!(
                                "导入完成：新增 {} 个账号，更新 {} 个，无变化 {} 个；{} 行未导入。",
                                r.created,
                                r.updated,
                                r.unchanged,
                                r.errors.len()
                            ),
                        )));
                        report.set(Some(r));
                        reload.emit(());
                    }
                    Err(ApiError { message, .. }) => {
                        report.set(None);
                        import_note.set(Some((true, format!("未导入：{message}"))));
                    }
                }
            });
        })
    };

    let on_codes = {
        let (report, import_note) = (report.clone(), import_note.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(r) = &*report else { return };
            let name = format!("服务演练登录码-{}.csv", local_date(js_sys::Date::now()));
            if let Err(why) = download(&name, "text/csv;charset=utf-8", &r.codes_csv) {
                import_note.set(Some((true, format!("下载失败：{why}"))));
            }
        })
    };

    let list = match &*accounts {
        None => html! { <p role="status">{ "正在读取账号……" }</p> },
        Some(Err(why)) => html! { <p class="form-error" role="alert">{ format!("无法读取账号：{why}") }</p> },
        Some(Ok(list)) => html! {
            <div class="table-wrap">
                <table class="table" data-testid="accounts-table">
                    <caption class="visually-hidden">{ "全部账号" }</caption>
                    <thead><tr>
                        <th scope="col">{ "工号" }</th><th scope="col">{ "姓名" }</th><th scope="col">{ "班组" }</th>
                        <th scope="col">{ "角色" }</th><th scope="col">{ "状态" }</th><th scope="col">{ "操作" }</th>
                    </tr></thead>
                    <tbody>
                        { for list.iter().map(|a| {
                            if editing.as_deref() == Some(a.id.as_str()) {
                                html! { <EditRow key={a.id.clone()} account={a.clone()} editing={editing.clone()} note={note.clone()} reload={reload.clone()} /> }
                            } else {
                                account_row(a, &editing, &note, &reload)
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        },
    };

    html! {
        <>
            <section class="panel" aria-labelledby="import-title" data-testid="staff-import">
                <h2 id="import-title">{ "导入人员名单" }</h2>
                <p class="muted" id="import-help">{ "CSV 文件（UTF-8，可带 BOM，Excel 另存为“CSV UTF-8”即可），表头为：姓名,工号,班组,角色。角色为 学员、班组长、培训师 或 管理员。再次导入同一工号只会更新，不会重复。" }</p>
                <label class="file-input__label" for="staff-file">{ "选择人员名单（.csv）" }</label>
                <input id="staff-file" type="file" accept=".csv,text/csv" onchange={on_file} aria-describedby="import-help" data-testid="staff-file" />
                { note_view(&import_note, "import-note") }
                if let Some(r) = &*report {
                    if !r.errors.is_empty() {
                        <div class="table-wrap">
                            <table class="table" data-testid="import-errors">
                                <caption>{ format!("未导入的 {} 行", r.errors.len()) }</caption>
                                <thead><tr><th scope="col">{ "行" }</th><th scope="col">{ "工号" }</th><th scope="col">{ "原因" }</th></tr></thead>
                                <tbody>
                                    { for r.errors.iter().map(|e| html! {
                                        <tr data-testid="import-error" data-line={e.line.to_string()}>
                                            <td>{ format!("第 {} 行", e.line) }</td>
                                            <td>{ e.employee_no.clone().unwrap_or_else(|| "—".to_owned()) }</td>
                                            <td>{ e.reason.clone() }</td>
                                        </tr>
                                    }) }
                                </tbody>
                            </table>
                        </div>
                    }
                    if !r.codes.is_empty() {
                        <div class="codes" data-testid="import-codes">
                            <p>{ format!("新账号的一次性登录码（共 {} 个，只显示这一次，请下载后发给本人）：", r.codes.len()) }</p>
                            <button type="button" class="button" onclick={on_codes} data-testid="codes-download">{ "下载登录码表（CSV）" }</button>
                            <ul class="codes__list">
                                { for r.codes.iter().map(|c| html! {
                                    <li data-testid="issued-code" data-employee-no={c.employee_no.clone()} data-code={c.code.clone()}>{ code_line(c) }</li>
                                }) }
                            </ul>
                        </div>
                    }
                }
            </section>
            <AddAccount reload={reload.clone()} />
            <section class="panel" aria-labelledby="accounts-title">
                <h2 id="accounts-title">{ "全部账号" }</h2>
                { note_view(&note, "account-note") }
                { list }
            </section>
        </>
    }
}

fn status_text(a: &Account) -> &'static str {
    if a.disabled {
        "已停用"
    } else if a.code_pending {
        "待首次登录"
    } else if a.has_password {
        "正常"
    } else {
        "无登录码"
    }
}

fn account_row(
    a: &Account,
    editing: &UseStateHandle<Option<String>>,
    note: &UseStateHandle<Note>,
    reload: &Callback<()>,
) -> Html {
    let edit = {
        let (editing, id) = (editing.clone(), a.id.clone());
        Callback::from(move |_: MouseEvent| editing.set(Some(id.clone())))
    };
    let toggle = {
        let (note, reload, a) = (note.clone(), reload.clone(), a.clone());
        Callback::from(move |_: MouseEvent| {
            let disable = !a.disabled;
            if disable
                && !gloo::dialogs::confirm(&format!(
                    "确定停用 {}（工号 {}）的账号吗？停用后无法登录。",
                    a.name, a.employee_no
                ))
            {
                return;
            }
            let (note, reload, a) = (note.clone(), reload.clone(), a.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let path = format!("accounts/{}", js_sys::encode_uri_component(&a.id));
                let body = json!({ "disabled": disable }).to_string();
                match api::send(Method::PATCH, Page::Tools, &path, Some(body)).await {
                    Ok(_) => {
                        let what = if disable { "已停用" } else { "已启用" };
                        note.set(Some((false, format!("{}（工号 {}）{what}。", a.name, a.employee_no))));
                        reload.emit(());
                    }
                    Err(e) => note.set(Some((true, e.message))),
                }
            });
        })
    };
    let reset = {
        let (note, reload, a) = (note.clone(), reload.clone(), a.clone());
        Callback::from(move |_: MouseEvent| {
            if !gloo::dialogs::confirm(&format!(
                "为 {}（工号 {}）重置登录码吗？旧密码将失效，需用新登录码重新设置。",
                a.name, a.employee_no
            )) {
                return;
            }
            let (note, reload, a) = (note.clone(), reload.clone(), a.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let path = format!("accounts/{}/code", js_sys::encode_uri_component(&a.id));
                match api::send(Method::POST, Page::Tools, &path, None).await.and_then(|t| api::read::<IssuedCode>(&t))
                {
                    Ok(code) => {
                        note.set(Some((false, format!("新的{}", code_line(&code)))));
                        reload.emit(());
                    }
                    Err(e) => note.set(Some((true, e.message))),
                }
            });
        })
    };
    html! {
        <tr key={a.id.clone()} data-testid="account-row" data-employee-no={a.employee_no.clone()} data-disabled={a.disabled.to_string()}>
            <td>{ a.employee_no.clone() }</td>
            <td>{ a.name.clone() }</td>
            <td>{ a.team.clone().unwrap_or_else(|| "—".to_owned()) }</td>
            <td data-testid="account-role">
                { a.role_label.clone() }
                if !a.lead_teams.is_empty() {
                    <span class="muted">{ format!("（带：{}）", a.lead_teams.join("、")) }</span>
                }
            </td>
            <td data-testid="account-status">{ status_text(a) }</td>
            <td class="table__actions">
                <button type="button" class="button button--small button--ghost" onclick={edit} data-testid="account-edit"
                    aria-label={format!("编辑 {}", a.name)}>{ "编辑" }</button>
                <button type="button" class="button button--small button--ghost" onclick={toggle} data-testid="account-toggle"
                    aria-label={format!("{} {}", if a.disabled { "启用" } else { "停用" }, a.name)}>{ if a.disabled { "启用" } else { "停用" } }</button>
                <button type="button" class="button button--small button--ghost" onclick={reset} data-testid="account-reset"
                    aria-label={format!("重置 {} 的登录码", a.name)}>{ "重置登录码" }</button>
            </td>
        </tr>
    }
}

fn input_value(e: InputEvent) -> String {
    e.target_unchecked_into::<web_sys::HtmlInputElement>().value()
}

fn select_value(e: Event) -> String {
    e.target_unchecked_into::<web_sys::HtmlSelectElement>().value()
}

fn role_options(selected: &str) -> Html {
    html! {
        { for Role::ALL.iter().map(|r| html! { <option value={r.key()} selected={r.key() == selected}>{ r.label() }</option> }) }
    }
}

#[derive(Properties, PartialEq)]
struct EditProps {
    account: Account,
    editing: UseStateHandle<Option<String>>,
    note: UseStateHandle<Note>,
    reload: Callback<()>,
}

#[component]
fn EditRow(props: &EditProps) -> Html {
    let a = &props.account;
    let name = use_state(|| a.name.clone());
    let team = use_state(|| a.team.clone().unwrap_or_default());
    let role = use_state(|| a.role.key().to_owned());
    let leads = use_state(|| a.lead_teams.join("，"));
    let error = use_state(|| None::<String>);
    let save = {
        let (name, team, role, leads, error) = (name.clone(), team.clone(), role.clone(), leads.clone(), error.clone());
        let (editing, note, reload, a) = (props.editing.clone(), props.note.clone(), props.reload.clone(), a.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut body = json!({ "name": *name, "team": *team, "role": *role });
            if *role == "lead" {
                // The teams a lead leads, by name (their own team among them, as the server keeps it).
                let names: Vec<String> = leads
                    .split([',', '，', '、'])
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(str::to_owned)
                    .collect();
                body["lead_teams"] = json!(names);
            }
            let body = body.to_string();
            let (error, editing, note, reload, a) =
                (error.clone(), editing.clone(), note.clone(), reload.clone(), a.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let path = format!("accounts/{}", js_sys::encode_uri_component(&a.id));
                match api::send(Method::PATCH, Page::Tools, &path, Some(body)).await {
                    Ok(_) => {
                        note.set(Some((false, format!("已保存 {} 的账号。", a.employee_no))));
                        editing.set(None);
                        reload.emit(());
                    }
                    Err(e) => error.set(Some(e.message)),
                }
            });
        })
    };
    let cancel = {
        let editing = props.editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(None))
    };
    let id = |f: &str| format!("edit-{}-{f}", a.employee_no);
    html! {
        <tr data-testid="account-edit-row">
            <td>{ a.employee_no.clone() }</td>
            <td colspan="5">
                <form class="form form--inline" onsubmit={save}>
                    <label for={id("name")}>{ "姓名" }</label>
                    <input id={id("name")} value={(*name).clone()} oninput={{ let h = name.clone(); Callback::from(move |e| h.set(input_value(e))) }} data-testid="edit-name" />
                    <label for={id("team")}>{ "班组" }</label>
                    <input id={id("team")} value={(*team).clone()} oninput={{ let h = team.clone(); Callback::from(move |e| h.set(input_value(e))) }} data-testid="edit-team" />
                    <label for={id("role")}>{ "角色" }</label>
                    <select id={id("role")} onchange={{ let h = role.clone(); Callback::from(move |e| h.set(select_value(e))) }} data-testid="edit-role">
                        { role_options(&role) }
                    </select>
                    if *role == "lead" {
                        <label for={id("leads")}>{ "所带班组（用逗号分隔）" }</label>
                        <input id={id("leads")} value={(*leads).clone()} oninput={{ let h = leads.clone(); Callback::from(move |e| h.set(input_value(e))) }} data-testid="edit-lead-teams" />
                    }
                    <button type="submit" class="button button--small" data-testid="edit-save">{ "保存" }</button>
                    <button type="button" class="button button--small button--ghost" onclick={cancel}>{ "取消" }</button>
                    if let Some(why) = &*error {
                        <p class="form-error" role="alert" data-testid="edit-error">{ why.clone() }</p>
                    }
                </form>
            </td>
        </tr>
    }
}

#[derive(Properties, PartialEq)]
struct AddProps {
    reload: Callback<()>,
}

#[component]
fn AddAccount(props: &AddProps) -> Html {
    let name = use_state(String::new);
    let no = use_state(String::new);
    let team = use_state(String::new);
    let role = use_state(|| "trainee".to_owned());
    let result = use_state(|| None::<(bool, String)>);
    let onsubmit = {
        let (name, no, team, role, result, reload) =
            (name.clone(), no.clone(), team.clone(), role.clone(), result.clone(), props.reload.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = json!({ "name": name.trim(), "employee_no": no.trim(), "team": team.trim(), "role": *role })
                .to_string();
            let (name, no, team, result, reload) =
                (name.clone(), no.clone(), team.clone(), result.clone(), reload.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::send(Method::POST, Page::Tools, "accounts", Some(body))
                    .await
                    .and_then(|t| api::read::<NewAccount>(&t))
                {
                    Ok(added) => {
                        result.set(Some((false, format!("已添加。{}", code_line(&added.code)))));
                        name.set(String::new());
                        no.set(String::new());
                        team.set(String::new());
                        reload.emit(());
                    }
                    Err(e) => {
                        let field = match e.field.as_deref() {
                            Some("name") => "姓名：",
                            Some("employee_no") => "工号：",
                            Some("team") => "班组：",
                            _ => "",
                        };
                        result.set(Some((true, format!("{field}{}", e.message))));
                    }
                }
            });
        })
    };
    html! {
        <section class="panel" aria-labelledby="add-title">
            <h2 id="add-title">{ "添加账号" }</h2>
            <form class="form form--inline" onsubmit={onsubmit} data-testid="add-account">
                <label for="add-name">{ "姓名" }</label>
                <input id="add-name" value={(*name).clone()} oninput={{ let h = name.clone(); Callback::from(move |e| h.set(input_value(e))) }} data-testid="add-name" />
                <label for="add-no">{ "工号" }</label>
                <input id="add-no" value={(*no).clone()} oninput={{ let h = no.clone(); Callback::from(move |e| h.set(input_value(e))) }} data-testid="add-employee-no" />
                <label for="add-team">{ "班组" }</label>
                <input id="add-team" value={(*team).clone()} oninput={{ let h = team.clone(); Callback::from(move |e| h.set(input_value(e))) }} data-testid="add-team" />
                <label for="add-role">{ "角色" }</label>
                <select id="add-role" onchange={{ let h = role.clone(); Callback::from(move |e| h.set(select_value(e))) }} data-testid="add-role">
                    { role_options(&role) }
                </select>
                <button type="submit" class="button button--small" data-testid="add-submit">{ "添加" }</button>
            </form>
            { note_view(&result, "add-result") }
        </section>
    }
}
