//! The staff tools (`tools/index.html`): the team lead's dashboard (`#/team`) and the
//! trainers' authoring page (`#/author`). A separate wasm from the trainee app: it carries
//! the YAML reader and the dashboard, which trainees never need, so the trainee's first
//! load stays small. Neither page needs a trainee profile.

use super::account::{use_session, Session, SignInForm, SignedInAs};
use super::admin::AdminPage;
use super::author::AuthorPage;
use super::route::{Page, Route};
use super::shell::{use_content_loader, use_hash_route, use_server_mode, Frame};
use super::state::{AppHandle, AppState};
use super::team::{LiveTeamPage, TeamPage};
use yew::prelude::*;

#[component]
pub fn ToolsApp() -> Html {
    let state = use_reducer(|| AppState::open(None));
    let route = use_hash_route(false);
    use_content_loader(state.clone(), Page::Tools, super::fetch::with_phrasebook);
    let server = use_server_mode(Page::Tools);

    let body = match &*route {
        Route::Author => html! { <AuthorGate /> },
        // Served by `drill serve`, the team page reads the server; else it imports files.
        Route::Team => html! { <LiveTeamPage team_id={None::<String>} fallback={html! { <TeamPage /> }} /> },
        Route::TeamOf(id) => {
            html! { <LiveTeamPage key={id.clone()} team_id={Some(id.clone())} fallback={html! { <TeamPage /> }} /> }
        }
        Route::Admin => html! { <AdminPage /> },
        // The bare page: the team dashboard is this page's home.
        Route::Home => {
            Route::Team.replace();
            html! {}
        }
        // A trainee route typed here goes to the trainee app.
        other => {
            other.open_elsewhere(Page::Tools);
            html! {}
        }
    };

    html! {
        <ContextProvider<AppHandle> context={state.clone()}>
            <Frame page={Page::Tools} route={(*route).clone()} profile={state.store.profile.clone()} server={server}>
                { body }
            </Frame>
        </ContextProvider<AppHandle>>
    }
}

/// The authoring page: as it is on a static site; served by `drill serve`, for a signed-in
/// 培训师 or 管理员 (publishing from it is its own issue).
#[component]
fn AuthorGate() -> Html {
    let (session, reload) = use_session(Page::Tools);
    let on_signed_in = {
        let session = session.clone();
        Callback::from(move |me| session.set(Session::SignedIn(me)))
    };
    match &*session {
        Session::Static => html! { <AuthorPage /> },
        Session::Checking => html! { <p class="panel" role="status">{ "正在加载……" }</p> },
        Session::Unreachable(why) => html! {
            <div class="panel" role="alert">
                <p>{ format!("无法连接服务器：{why}") }</p>
                <button type="button" class="button button--small" onclick={reload.reform(|_: MouseEvent| ())}>{ "重试" }</button>
            </div>
        },
        Session::SignedOut => html! {
            <div class="author-gate">
                <h1 id="page-title" tabindex="-1">{ "编写题目" }</h1>
                <SignInForm page={Page::Tools} on_signed_in={on_signed_in} intro="培训师请登录后编写题目。" />
            </div>
        },
        Session::SignedIn(me) if !(me.is_trainer() || me.is_admin()) => html! {
            <div class="author-gate">
                <h1 id="page-title" tabindex="-1">{ "编写题目" }</h1>
                <p class="panel banner--warn" role="alert" data-testid="author-refused">
                    { format!("编写题目仅限培训师和管理员。你当前的账号（{}，{}）没有这个权限。", me.name, me.role_label) }
                </p>
            </div>
        },
        Session::SignedIn(me) => html! {
            <>
                <SignedInAs me={me.clone()} page={Page::Tools} />
                <AuthorPage />
            </>
        },
    }
}
