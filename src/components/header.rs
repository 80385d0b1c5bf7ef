//! The page header: product name, the main navigation (across the three pages, see
//! `route.rs`), and the trainee (editable, with a link to their results) once a profile
//! exists.

use crate::route::{Page, Route};
use crate::shell::ServerMode;
use drill_core::results::Profile;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub route: Route,
    /// The page the header is on, so links to the other page leave it.
    pub page: Page,
    /// The trainee shown on the right, if their profile is complete.
    pub profile: Option<Profile>,
    /// Served by `drill serve`: links to 账号 (and 账号管理 for an administrator).
    #[prop_or_default]
    pub server: ServerMode,
}

#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let profile = props.profile.clone().filter(|p| p.is_complete());
    let on_profile = props.route == Route::Profile;
    // Signed in on a server site, the profile is the account's (`server::account_slot`):
    // editing the browser's copy would change nothing the lead sees.
    let from_account = crate::storage::account().is_some();
    let href = |r: Route| r.href(props.page);
    html! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href={href(Route::Home)} aria-label="服务演练 首页">
                    <svg class="brand__mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                        <path d="M13.5 2 5 13.2h5.6L9.8 22 19 10.2h-5.8z" />
                    </svg>
                    <span class="brand__text">
                        <span class="brand__name">{ "服务演练" }</span>
                        <span class="brand__tag">{ "营业厅与 95598 服务规范练习" }</span>
                    </span>
                </a>
                <nav class="site-nav" aria-label="主导航">
                    <a class="site-nav__link" href={href(Route::Phrasebook { drill: false })} aria-current={matches!(props.route, Route::Phrasebook { .. }).then_some("page")} data-testid="nav-phrasebook">{ "规范用语" }</a>
                    <a class="site-nav__link" href={href(Route::Team)} aria-current={(props.route == Route::Team).then_some("page")} data-testid="nav-team">{ "班组成绩" }</a>
                    <a class="site-nav__link" href={href(Route::Author)} aria-current={(props.route == Route::Author).then_some("page")} data-testid="nav-author">{ "编写题目" }</a>
                    if props.server.admin {
                        <a class="site-nav__link" href={href(Route::Admin)} aria-current={(props.route == Route::Admin).then_some("page")} data-testid="nav-admin">{ "账号管理" }</a>
                    }
                    if props.server.on {
                        <a class="site-nav__link" href={href(Route::Account)} aria-current={(props.route == Route::Account).then_some("page")} data-testid="nav-account">{ "我的账号" }</a>
                    }
                </nav>
                if let Some(p) = profile {
                    <div class="trainee" data-testid="profile-summary">
                        <span class="trainee__who">
                            <span class="visually-hidden">{ "当前学员：" }</span>
                            <span class="trainee__name">{ p.name.clone() }</span>
                            <span class="trainee__meta">{ format!("工号 {} · {}", p.employee_no, p.team) }</span>
                        </span>
                        if !on_profile && !from_account {
                            <a class="button button--ghost button--small" href={href(Route::Profile)} data-testid="profile-edit">{ "修改资料" }</a>
                        }
                        <a class="button button--ghost button--small" href={href(Route::Results)} aria-current={(props.route == Route::Results).then_some("page")} data-testid="nav-results">{ "我的成绩" }</a>
                    </div>
                }
            </div>
        </header>
    }
}
