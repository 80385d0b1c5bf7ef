//! The trainee's account view (study page, `#/account`): sign in; once signed in, the
//! record the server keeps is brought into this browser (a new PC finds its progress),
//! the record practised here before signing in is offered for upload once, after the
//! trainee confirms it is theirs; sign out. On a static site it says there is no server.

use super::session::{sign_out, use_session, Session};
use super::sign_in::SignInForm;
use crate::components::use_app;
use crate::route::Page;
use crate::server::api;
use crate::server::types::Me;
use crate::server::{account_slot, sync_store};
use crate::state::{Action, AppHandle};
use drill_core::sync::{self, LocalRecord};
use gloo::net::http::Method;
use yew::prelude::*;

#[component]
pub fn AccountPage() -> Html {
    let (session, reload) = use_session(Page::Study);
    let on_signed_in = {
        let session = session.clone();
        Callback::from(move |me: Me| session.set(Session::SignedIn(me)))
    };
    let body = match &*session {
        Session::Checking => html! { <p class="panel" role="status">{ "正在连接服务器……" }</p> },
        Session::Static => html! {
            <p class="panel" data-testid="account-static">
                { "本站没有连接服务器：练习记录只保存在本机浏览器中。需要交给班组长时，请在“我的成绩”下载成绩文件。" }
            </p>
        },
        Session::Unreachable(why) => html! {
            <div class="panel" role="alert" data-testid="account-unreachable">
                <p>{ format!("无法连接服务器：{why}") }</p>
                <button type="button" class="button button--small" onclick={reload.reform(|_: MouseEvent| ())}>{ "重试" }</button>
            </div>
        },
        Session::SignedOut => html! {
            <SignInForm page={Page::Study} on_signed_in={on_signed_in}
                intro="登录后，每次作答都会同步到服务器，班组长可以直接看到成绩；换一台电脑登录也能找回练习记录。" />
        },
        Session::SignedIn(me) => html! { <SignedIn me={me.clone()} /> },
    };
    html! {
        <div class="account" data-testid="account-page">
            <div class="page-intro">
                <h1 id="page-title" tabindex="-1">{ "我的账号" }</h1>
            </div>
            { body }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SignedInProps {
    me: Me,
}

/// What became of bringing the server's record here.
#[derive(Clone, PartialEq)]
enum Restore {
    Working,
    Done(usize),
    Failed(String),
}

#[component]
fn SignedIn(props: &SignedInProps) -> Html {
    let app = use_app();
    let restore = use_state(|| Restore::Working);
    let local = use_state(|| (LocalRecord::None, 0usize));
    let upload_note = use_state(|| None::<String>);
    let busy = use_state(|| false);

    {
        let (app, me, restore, local) = (app.clone(), props.me.clone(), restore.clone(), local.clone());
        use_effect_with(props.me.id.clone(), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let result = bring_back(&app, &me).await;
                let (doc, _) = sync_store::open(&me.id);
                local.set((doc.local_record, doc.local.len()));
                restore.set(match result {
                    Ok(n) => Restore::Done(n),
                    Err(why) => Restore::Failed(why),
                });
            });
        });
    }

    let upload = {
        let (app, local, note, busy) = (app.clone(), local.clone(), upload_note.clone(), busy.clone());
        let account = props.me.id.clone();
        Callback::from(move |_: MouseEvent| {
            let (app, local, note, busy) = (app.clone(), local.clone(), note.clone(), busy.clone());
            let account = account.clone();
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                note.set(Some(upload_local(&app, &account).await));
                let (doc, _) = sync_store::open(&account);
                local.set((doc.local_record, doc.local.len()));
                busy.set(false);
            });
        })
    };
    let decline = {
        let local = local.clone();
        let note = upload_note.clone();
        let account = props.me.id.clone();
        Callback::from(move |_: MouseEvent| {
            let (mut doc, mut status) = sync_store::open(&account);
            doc.local_declined();
            sync_store::save(&doc, &mut status);
            local.set((doc.local_record, doc.local.len()));
            note.set(Some("好的，这些记录只保留在本机，不会上传。".to_owned()));
        })
    };
    let onsignout = Callback::from(move |_: MouseEvent| sign_out(Page::Study));

    let me = &props.me;
    let (record, count) = *local;
    html! {
        <>
            <section class="panel" aria-labelledby="account-who" data-testid="account-signed-in">
                <h2 id="account-who">{ format!("{}（工号 {}）", me.name, me.employee_no) }</h2>
                <p>{ format!("{} · {}", me.role_label, me.team.clone().unwrap_or_else(|| "未分班组".to_owned())) }</p>
                <p role="status" data-testid="account-restore">
                    { match &*restore {
                        Restore::Working => "正在从服务器取回练习记录……".to_owned(),
                        Restore::Done(0) => "练习记录已与服务器一致。每次作答都会自动同步。".to_owned(),
                        Restore::Done(n) => format!("已从服务器取回 {n} 条作答记录。每次作答都会自动同步。"),
                        Restore::Failed(why) => format!("未能从服务器取回练习记录：{why}"),
                    } }
                </p>
                <p class="account__links">
                    <a class="button" href="../#/" data-testid="account-practise">{ "去练习" }</a>
                    if me.is_lead() || me.is_admin() {
                        <a class="button button--ghost" href="../tools/#/team">{ "班组成绩" }</a>
                    }
                    if me.is_admin() {
                        <a class="button button--ghost" href="../tools/#/admin">{ "账号管理" }</a>
                    }
                    <button type="button" class="button button--ghost" onclick={onsignout} data-testid="sign-out">{ "退出登录" }</button>
                </p>
            </section>
            if record == LocalRecord::Offered && count > 0 {
                <section class="panel" aria-labelledby="local-title" data-testid="local-record">
                    <h2 id="local-title">{ "登录前的练习记录" }</h2>
                    <p>{ format!("这台电脑上有 {count} 条未登录时的练习记录。如果它们是你（{}）本人的练习，可以上传到你的账号，班组长就能看到；只能上传一次。不是你的，请选“不是”，它们会留在本机，不会出现在你的记录里。", me.name) }</p>
                    <p class="account__links">
                        <button type="button" class="button" onclick={upload} disabled={*busy} data-testid="local-upload">{ "是我的，上传到我的账号" }</button>
                        <button type="button" class="button button--ghost" onclick={decline} disabled={*busy} data-testid="local-decline">{ "不是，只留在本机" }</button>
                    </p>
                </section>
            }
            if let Some(note) = &*upload_note {
                <p class="panel" role="status" data-testid="local-result">{ note.clone() }</p>
            }
        </>
    }
}

/// Shows `me`'s own store on this browser (`account_slot::enter`: on a first sign-in here
/// it starts with the account's profile) and merges the server's record into it: Ok(number
/// of attempts added).
async fn bring_back(app: &AppHandle, me: &Me) -> Result<usize, String> {
    account_slot::enter(me)?;
    let text = api::get(Page::Study, "attempts").await.map_err(|e| e.message)?;
    let server = sync::read_server_attempts(&text)?;
    // The stored versions, read afresh: the trainee page may have changed them.
    let (key, mut store, status) = account_slot::open_store(&me.id);
    let (mut doc, mut doc_status) = sync_store::open(&me.id);
    let added = doc.merge(&mut store, server);
    if me.local_record_uploaded && doc.local_record == LocalRecord::Offered {
        doc.local_declined();
    }
    sync_store::save(&doc, &mut doc_status);
    app.dispatch(Action::Switched { key, store, status });
    Ok(added)
}

/// Uploads the browser's own record (practised without signing in) to `account`, once; on
/// success it moves into the account's store. The note to show.
async fn upload_local(app: &AppHandle, account: &str) -> String {
    let (mut before, mut before_status) = account_slot::open_own();
    let (mut doc, mut status) = sync_store::open(account);
    let version = match app.library() {
        Some(lib) => lib.content_version.clone(),
        None => match api::status(Page::Study).await {
            Ok(Some(s)) => s.content_version,
            _ => return "无法连接服务器，请稍后再试。".to_owned(),
        },
    };
    let items = doc.local_attempts(&before);
    let body = sync::upload_body(items.iter().map(|(id, a)| (id.as_str(), version.as_str(), *a)));
    let note = match api::send(Method::POST, Page::Study, "attempts/local", Some(body)).await {
        Ok(text) => {
            let (key, mut mine, mine_status) = account_slot::open_store(account);
            doc.local_uploaded(&mut mine, &mut before);
            // The account's store first: an answer is in one of the two stores throughout.
            app.dispatch(Action::Switched { key, store: mine, status: mine_status });
            crate::storage::save(crate::storage::STORE_KEY, &before, &mut before_status);
            let reply: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
            let stored = reply["stored"].as_u64().unwrap_or(0) + reply["duplicates"].as_u64().unwrap_or(0);
            let skipped = reply["skipped"].as_array().map_or(0, Vec::len);
            if skipped > 0 {
                format!("已上传 {stored} 条；{skipped} 条无法上传（题目已不在题库中），仍保留在你的本机记录中。")
            } else {
                format!("已上传 {stored} 条练习记录。")
            }
        }
        Err(e) if e.status == 409 => {
            doc.local_declined();
            format!("{}；这些记录保留在本机。", e.message)
        }
        Err(e) => format!("上传失败：{}", e.message),
    };
    sync_store::save(&doc, &mut status);
    note
}
