//! The sign-in form: first time with 工号 and the one-time code from the administrator
//! (setting a password at the same time), afterwards with 工号 and password. The server's
//! messages (wrong code, too many tries, a disabled account) are shown as they come, in
//! Chinese; what can be checked here (empty fields, the password's length, the two new
//! passwords matching) is checked before sending.

use crate::route::Page;
use crate::server::api::{self, ApiError};
use crate::server::types::Me;
use gloo::net::http::Method;
use serde_json::json;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SignInProps {
    pub page: Page,
    pub on_signed_in: Callback<Me>,
    /// What the account is for (shown under the heading).
    #[prop_or_default]
    pub intro: AttrValue,
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Password,
    Code,
}

fn value(e: InputEvent) -> String {
    e.target_unchecked_into::<web_sys::HtmlInputElement>().value()
}

#[component]
pub fn SignInForm(props: &SignInProps) -> Html {
    let mode = use_state(|| Mode::Password);
    let employee_no = use_state(String::new);
    let password = use_state(String::new);
    let code = use_state(String::new);
    let new_password = use_state(String::new);
    let confirm = use_state(String::new);
    let error = use_state(|| None::<(Option<String>, String)>);
    let busy = use_state(|| false);

    let set = |h: &UseStateHandle<String>| {
        let h = h.clone();
        Callback::from(move |e: InputEvent| h.set(value(e)))
    };
    let switch = |to: Mode| {
        let (mode, error) = (mode.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            mode.set(to);
            error.set(None);
        })
    };

    let onsubmit = {
        let (mode, employee_no, password, code, new_password, confirm) =
            (*mode, employee_no.clone(), password.clone(), code.clone(), new_password.clone(), confirm.clone());
        let (error, busy, done, page) = (error.clone(), busy.clone(), props.on_signed_in.clone(), props.page);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let no = employee_no.trim().to_owned();
            let fail = |field: &str, message: &str| Some((Some(field.to_owned()), message.to_owned()));
            let problem = if no.is_empty() {
                fail("employee_no", "请填写工号")
            } else if mode == Mode::Password && password.is_empty() {
                fail("password", "请填写密码")
            } else if mode == Mode::Code && code.trim().is_empty() {
                fail("code", "请填写登录码")
            } else if mode == Mode::Code && !(8..=128).contains(&new_password.chars().count()) {
                fail("new_password", "新密码应为 8–128 个字符")
            } else if mode == Mode::Code && *new_password != *confirm {
                fail("confirm", "两次输入的新密码不一致")
            } else {
                None
            };
            if problem.is_some() {
                error.set(problem);
                return;
            }
            let (path, body) = match mode {
                Mode::Password => ("auth/sign-in", json!({ "employee_no": no, "password": *password })),
                Mode::Code => {
                    ("auth/code", json!({ "employee_no": no, "code": code.trim(), "new_password": *new_password }))
                }
            };
            busy.set(true);
            error.set(None);
            let (error, busy, done) = (error.clone(), busy.clone(), done.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result =
                    api::send(Method::POST, page, path, Some(body.to_string())).await.and_then(|t| api::read::<Me>(&t));
                busy.set(false);
                match result {
                    Ok(me) => done.emit(me),
                    Err(ApiError { field, message, .. }) => error.set(Some((field, message))),
                }
            });
        })
    };

    let err_for = |field: &str| error.as_ref().is_some_and(|(f, _)| f.as_deref() == Some(field));
    let invalid = |field: &str| if err_for(field) { Some("true") } else { None };
    let m = *mode;
    html! {
        <section class="panel sign-in" aria-labelledby="sign-in-title" data-testid="sign-in">
            <h2 id="sign-in-title">{ "登录" }</h2>
            if !props.intro.is_empty() {
                <p class="muted">{ props.intro.clone() }</p>
            }
            <div class="sign-in__modes" role="group" aria-label="登录方式">
                <button type="button" class={classes!("button", "button--small", (m != Mode::Password).then_some("button--ghost"))}
                    aria-pressed={(m == Mode::Password).to_string()} onclick={switch(Mode::Password)} data-testid="sign-in-mode-password">{ "密码登录" }</button>
                <button type="button" class={classes!("button", "button--small", (m != Mode::Code).then_some("button--ghost"))}
                    aria-pressed={(m == Mode::Code).to_string()} onclick={switch(Mode::Code)} data-testid="sign-in-mode-code">{ "首次登录（登录码）" }</button>
            </div>
            <form class="form" onsubmit={onsubmit} novalidate=true>
                <div class="field">
                    <label for="sign-in-no">{ "工号" }</label>
                    <input id="sign-in-no" name="username" autocomplete="username" required=true value={(*employee_no).clone()}
                        oninput={set(&employee_no)} aria-invalid={invalid("employee_no")} data-testid="sign-in-employee-no" />
                </div>
                if m == Mode::Password {
                    <div class="field">
                        <label for="sign-in-password">{ "密码" }</label>
                        <input id="sign-in-password" type="password" autocomplete="current-password" required=true value={(*password).clone()}
                            oninput={set(&password)} aria-invalid={invalid("password")} data-testid="sign-in-password" />
                    </div>
                } else {
                    <div class="field">
                        <label for="sign-in-code">{ "登录码" }</label>
                        <input id="sign-in-code" autocomplete="one-time-code" required=true value={(*code).clone()} aria-describedby="sign-in-code-help"
                            oninput={set(&code)} aria-invalid={invalid("code")} data-testid="sign-in-code" />
                        <p id="sign-in-code-help" class="muted field__help">{ "管理员或班组长发给你的一次性登录码，只能用一次。" }</p>
                    </div>
                    <div class="field">
                        <label for="sign-in-new">{ "设置密码（8–128 个字符）" }</label>
                        <input id="sign-in-new" type="password" autocomplete="new-password" required=true value={(*new_password).clone()}
                            oninput={set(&new_password)} aria-invalid={invalid("new_password")} data-testid="sign-in-new-password" />
                    </div>
                    <div class="field">
                        <label for="sign-in-confirm">{ "再次输入密码" }</label>
                        <input id="sign-in-confirm" type="password" autocomplete="new-password" required=true value={(*confirm).clone()}
                            oninput={set(&confirm)} aria-invalid={invalid("confirm")} data-testid="sign-in-confirm" />
                    </div>
                }
                if let Some((_, message)) = &*error {
                    <p class="form-error" role="alert" data-testid="sign-in-error">{ message.clone() }</p>
                }
                <button type="submit" class="button" disabled={*busy} data-testid="sign-in-submit">
                    { if *busy { "正在登录……" } else if m == Mode::Code { "设置密码并登录" } else { "登录" } }
                </button>
            </form>
        </section>
    }
}
