//! The trainee's profile: name, 工号 and 班组. Shown on the first visit and from the header.
//! On a site served by `drill serve` the first visit asks to sign in instead: the account
//! fills the profile in (`server::account_slot`); the form stays one click away for
//! practising on this PC alone.

use super::use_app;
use crate::route::Route;
use crate::shell::focus_id;
use drill_core::results::Profile;
use drill_core::session;
use gloo::events::EventListener;
use yew::prelude::*;

/// Whether the page is served by `drill serve`: `index.html` sets `window.drillServer` and
/// fires `drill-server` when the server answers (which may be after this renders).
#[hook]
fn use_server_site() -> bool {
    let read = || {
        web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w, &"drillServer".into()).ok())
            .is_some_and(|v| v.is_truthy())
    };
    let server = use_state(read);
    {
        let server = server.clone();
        use_effect_with((), move |_| {
            let listener =
                web_sys::window().map(|w| EventListener::once(&w, "drill-server", move |_| server.set(true)));
            move || drop(listener)
        });
    }
    *server || read()
}

#[derive(Properties, PartialEq)]
pub struct ProfileFormProps {
    /// No profile yet: show the welcome text and no cancel button.
    pub first_visit: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Field {
    Name,
    EmployeeNo,
    Team,
}

impl Field {
    fn id(self) -> &'static str {
        match self {
            Field::Name => "profile-name",
            Field::EmployeeNo => "profile-employee-no",
            Field::Team => "profile-team",
        }
    }
}

#[component]
pub fn ProfileForm(props: &ProfileFormProps) -> Html {
    let app = use_app();
    super::use_title(if props.first_visit { "欢迎".to_owned() } else { "修改学员资料".to_owned() });
    let initial = app.store.profile.clone().unwrap_or_default();
    let draft = use_state(|| initial);
    let errors = use_state(Vec::<Field>::new);
    let server = use_server_site();
    let local_only = use_state(|| false);
    // Asked for the form instead of signing in: focus its first field once it is drawn.
    use_effect_with(*local_only, |shown| {
        if *shown {
            focus_id(Field::Name.id());
        }
    });

    let input = |field: Field| {
        let draft = draft.clone();
        let errors = errors.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            let mut p = (*draft).clone();
            match field {
                Field::Name => p.name = value,
                Field::EmployeeNo => p.employee_no = value,
                Field::Team => p.team = value,
            }
            draft.set(p);
            if errors.contains(&field) {
                errors.set(errors.iter().copied().filter(|f| *f != field).collect());
            }
        })
    };

    let onsubmit = {
        let draft = draft.clone();
        let errors = errors.clone();
        let app = app.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let p: Profile = (*draft).clone();
            let mut missing = Vec::new();
            if p.name.trim().is_empty() {
                missing.push(Field::Name);
            }
            if p.employee_no.trim().is_empty() {
                missing.push(Field::EmployeeNo);
            }
            if p.team.trim().is_empty() {
                missing.push(Field::Team);
            }
            if let Some(first) = missing.first() {
                focus_id(first.id());
                errors.set(missing);
                return;
            }
            errors.set(Vec::new());
            app.dispatch(session::Action::SaveProfile(p).into());
            if Route::current() == Route::Profile {
                Route::Home.go();
            }
        })
    };

    let field = |f: Field,
                 label: &str,
                 value: &str,
                 autocomplete: &str,
                 help: &str,
                 inputmode: Option<&'static str>| {
        let invalid = errors.contains(&f);
        let err_id = format!("{}-error", f.id());
        let help_id = format!("{}-help", f.id());
        let describedby = if invalid { format!("{help_id} {err_id}") } else { help_id.clone() };
        html! {
            <div class={classes!("field", invalid.then_some("field--invalid"))}>
                <label for={f.id()}>{ label.to_owned() }<span class="required" aria-hidden="true">{ " *" }</span></label>
                <input
                    id={f.id()}
                    name={f.id()}
                    type="text"
                    value={value.to_owned()}
                    oninput={input(f)}
                    autocomplete={autocomplete.to_owned()}
                    inputmode={inputmode}
                    required=true
                    aria-required="true"
                    aria-invalid={invalid.then_some("true")}
                    aria-describedby={describedby}
                    maxlength="40"
                    data-testid={f.id()}
                />
                <p class="field__help" id={help_id}>{ help.to_owned() }</p>
                if invalid {
                    <p class="field__error" id={err_id}>{ format!("请填写{label}") }</p>
                }
            </div>
        }
    };

    let cancel = Callback::from(|_| Route::Home.go());
    let title = if props.first_visit { "欢迎使用服务演练" } else { "修改学员资料" };
    if props.first_visit && server && !*local_only {
        let show_form = {
            let local_only = local_only.clone();
            Callback::from(move |_: MouseEvent| local_only.set(true))
        };
        return html! {
            <section class="panel profile" aria-labelledby="page-title" data-testid="profile-sign-in">
                <h1 id="page-title" tabindex="-1">{ title }</h1>
                <p class="lead">{ "这是营业厅柜台人员和 95598 坐席的服务规范练习工具。请先用工号登录：姓名、工号和班组由账号自动填写，每次作答都会同步给班组长，换一台电脑登录也能找回练习记录。" }</p>
                <div class="form__actions">
                    <a class="button button--primary" href="study/#/account" data-testid="profile-sign-in-link">{ "登录" }</a>
                    <button type="button" class="button" onclick={show_form} data-testid="profile-local-only">{ "不登录，只在本机练习" }</button>
                </div>
            </section>
        };
    }

    html! {
        <section class="panel profile" aria-labelledby="page-title">
            <h1 id="page-title" tabindex="-1">{ title }</h1>
            if props.first_visit {
                <p class="lead">{ "这是营业厅柜台人员和 95598 坐席的服务规范练习工具。开始前，请填写您的基本信息，练习记录会和这些信息一起保存在本机浏览器中。" }</p>
            }
            <form class="form" onsubmit={onsubmit} novalidate=true data-testid="profile-form" aria-describedby="profile-note">
                { field(Field::Name, "姓名", &draft.name, "name", "与工牌上的姓名一致。", None) }
                { field(Field::EmployeeNo, "工号", &draft.employee_no, "off", "您的员工编号。", Some("numeric")) }
                { field(Field::Team, "班组", &draft.team, "organization-title", "例如：营业厅一班、95598 坐席二组。", None) }
                if !errors.is_empty() {
                    <p class="form__error" role="alert">{ "请填写所有带 * 的项目。" }</p>
                }
                <p class="muted" id="profile-note">{ "资料只保存在本机浏览器中，之后可以在页面顶部修改。" }</p>
                <div class="form__actions">
                    <button type="submit" class="button button--primary" data-testid="profile-submit">
                        { if props.first_visit { "保存并开始练习" } else { "保存" } }
                    </button>
                    if !props.first_visit {
                        <button type="button" class="button" onclick={cancel}>{ "取消" }</button>
                    }
                </div>
            </form>
        </section>
    }
}
