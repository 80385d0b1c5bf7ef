//! Whether the page is served by `drill serve`, and who is signed in.

use crate::route::Page;
use crate::server::api;
use crate::server::types::Me;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub enum Session {
    Checking,
    /// A plain static site: no server, everything stays in the browser.
    Static,
    /// The server could not be reached (why).
    Unreachable(String),
    SignedOut,
    SignedIn(Me),
}

/// The page's session, asked once on mount; the callback asks again (after signing in or
/// out, or to retry).
#[hook]
pub fn use_session(page: Page) -> (UseStateHandle<Session>, Callback<()>) {
    let session = use_state(|| Session::Checking);
    let reload = {
        let session = session.clone();
        Callback::from(move |()| {
            let session = session.clone();
            wasm_bindgen_futures::spawn_local(async move {
                session.set(check(page).await);
            });
        })
    };
    {
        let reload = reload.clone();
        use_effect_with((), move |_| reload.emit(()));
    }
    (session, reload)
}

async fn check(page: Page) -> Session {
    match api::status(page).await {
        Ok(None) => return Session::Static,
        Err(e) => return Session::Unreachable(e.message),
        Ok(Some(_)) => {}
    }
    match api::session(page).await {
        Ok(Some(me)) => Session::SignedIn(me),
        Ok(None) => Session::SignedOut,
        Err(e) => Session::Unreachable(e.message),
    }
}

/// Signs out: the browser then shows its own store again (`account_slot::leave`; the
/// account's stays under its key), and the page is loaded afresh, so nothing of the account
/// stays on screen for the next person at this PC.
pub fn sign_out(page: Page) {
    wasm_bindgen_futures::spawn_local(async move {
        let _ = api::send(gloo::net::http::Method::POST, page, "auth/sign-out", None).await;
        crate::server::account_slot::leave();
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
}

/// "已登录：姓名（角色）" with a sign-out button, for the staff tools' server pages.
#[derive(Properties, PartialEq)]
pub struct SignedInAsProps {
    pub me: Me,
    pub page: Page,
}

#[component]
pub fn SignedInAs(props: &SignedInAsProps) -> Html {
    let page = props.page;
    let onclick = Callback::from(move |_: MouseEvent| sign_out(page));
    html! {
        <p class="signed-in-as no-print" data-testid="signed-in-as">
            { format!("已登录：{}（{}，工号 {}）", props.me.name, props.me.role_label, props.me.employee_no) }
            { " " }
            <button type="button" class="button button--small button--ghost" {onclick} data-testid="sign-out">{ "退出登录" }</button>
        </p>
    }
}
