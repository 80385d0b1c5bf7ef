//! Storage banners: records kept in memory only, and the notice about an unreadable
//! stored record (shown before anything is overwritten).

use super::use_app;
use crate::my_results::download_results_file;
use crate::state::Action;
use yew::prelude::*;

#[component]
pub fn StorageBanner() -> Html {
    let app = use_app();
    let saved = use_state(String::new);
    let st = &app.storage;
    let reason = st.unavailable.clone().or_else(|| st.write_error.clone()).or_else(|| {
        st.recovered
            .as_ref()
            .filter(|r| r.acknowledged && r.backup_key.is_none())
            .map(|_| "原有记录无法备份，为保护它，本次不写入浏览器存储".to_owned())
    });
    let Some(reason) = reason else { return html! {} };
    let retry = st.write_error.is_some() && st.unavailable.is_none();
    let onclick = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::RetrySave))
    };
    // The only copy of these attempts is this page's memory: offer the results file here,
    // so nothing is lost by leaving the page (the results page is another page).
    let profile = app.store.profile.clone().filter(|p| p.is_complete());
    let can_save = profile.is_some() && app.library().is_some() && !app.store.attempts.is_empty();
    let save = {
        let app = app.clone();
        let saved = saved.clone();
        Callback::from(move |_| {
            let (Some(profile), Some(lib)) = (app.store.profile.as_ref(), app.library()) else { return };
            saved.set(match download_results_file(&app.store, lib, profile) {
                Ok(n) => format!("已下载成绩文件（{n} 条作答）。"),
                Err(why) => format!("下载失败：{why}"),
            });
        })
    };
    html! {
        <div class="banner banner--warn" role="alert" data-testid="storage-banner">
            <div class="banner__inner">
                <p>
                    <strong>{ "练习记录无法保存到本机浏览器。" }</strong>
                    { format!("原因：{reason}。本次练习可以继续，成绩暂存在本页中；离开、关闭或刷新本页后将会丢失，请先下载成绩文件。") }
                </p>
                if retry {
                    <button type="button" class="button button--small" onclick={onclick}>{ "重新保存" }</button>
                }
                if can_save {
                    <button type="button" class="button button--small" onclick={save} data-testid="storage-banner-export">{ "下载成绩文件" }</button>
                }
                <p class="banner__note" role="status" data-testid="storage-banner-note">{ (*saved).clone() }</p>
            </div>
        </div>
    }
}

#[component]
pub fn RecoveredNotice() -> Html {
    let app = use_app();
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with((), move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    let Some(r) = app.storage.recovered.clone() else { return html! {} };
    let onclick = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::AckRecovered))
    };
    html! {
        <section class="panel panel--notice" aria-labelledby="page-title" data-testid="storage-recovered">
            <h1 id="page-title" tabindex="-1" ref={heading}>{ "之前的练习记录无法读取" }</h1>
            <p>{ r.problem.clone() }</p>
            if let Some(key) = &r.backup_key {
                <p>
                    { "原始数据没有删除，已原样备份在浏览器本地存储的 " }
                    <code>{ key.clone() }</code>
                    { " 中，可请管理员协助恢复。" }
                </p>
                <p>{ format!("点击下方按钮后，将在 {} 中开始一份新的练习记录。", app.store_key) }</p>
            } else {
                <p>{ "原始数据无法备份（浏览器存储可能已满）。为避免覆盖它，本次练习不会写入浏览器存储，关闭页面后本次成绩会丢失。" }</p>
            }
            <button type="button" class="button button--primary" onclick={onclick} data-testid="storage-recovered-ack">
                { "我知道了，开始新的记录" }
            </button>
        </section>
    }
}
