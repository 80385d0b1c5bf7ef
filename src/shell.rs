//! What both pages share: the hash route (and focus on a new view), loading the content
//! once, and the frame around every view (skip link, header, footer).
//!
//! The trainee app (`app.rs`) and the staff tools (`tools_app.rs`) are separate wasm
//! binaries; each picks its own views and links to the other page for the rest.

use super::components::header::Header;
use super::fetch::{load_library, Opener};
use super::route::{Page, Route};
use super::state::{Action, AppHandle};
use drill_core::results::Profile;
use gloo::events::EventListener;
use yew::prelude::*;

/// Moves keyboard focus to the element with this id, if it is there.
pub fn focus_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The route in the address bar, kept up to date. On every new view after the first the
/// page scrolls to the top and focus moves to its heading (screen readers announce it);
/// on the first too with `focus_first` (a page taken over after the trainee acted).
#[hook]
pub fn use_hash_route(focus_first: bool) -> UseStateHandle<Route> {
    let route = use_state(Route::current);
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window()
                .map(|window| EventListener::new(&window, "hashchange", move |_| route.set(Route::current())));
            move || drop(listener)
        });
    }
    let first = use_mut_ref(move || !focus_first);
    use_effect_with((*route).clone(), move |_| {
        if std::mem::replace(&mut *first.borrow_mut(), false) {
            return;
        }
        if let Some(w) = web_sys::window() {
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
        focus_id("page-title");
    });
    route
}

/// Loads the content (`content.json`) once, into the app state, opened by `open`
/// (`fetch::packs_only` or `fetch::with_phrasebook`).
#[hook]
pub fn use_content_loader(state: AppHandle, page: Page, open: Opener) {
    use_effect_with((), move |_| {
        wasm_bindgen_futures::spawn_local(async move {
            let result = load_library(page, open).await;
            state.dispatch(Action::Loaded(result));
        });
    });
}

/// The footer when the site is served by `drill serve`.
pub const SERVER_FOOTER: &str =
    "服务演练 · 练习记录保存在本机浏览器中，登录后同步到服务器。题目依据营业厅服务规范与 95598 供电服务热线服务规范编写。";

/// What the page knows of the team server, for its frame.
#[derive(Clone, Copy, PartialEq, Default)]
pub struct ServerMode {
    /// The page is served by `drill serve` (`false` until known, and on a static site).
    pub on: bool,
    /// An administrator is signed in: the header links to the accounts page.
    pub admin: bool,
}

/// Whether the page is served by `drill serve`, and whether an administrator is signed in
/// (asked once, when the page opens).
#[hook]
pub fn use_server_mode(page: Page) -> ServerMode {
    let mode = use_state(ServerMode::default);
    {
        let mode = mode.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(Some(_)) = super::server::api::status(page).await {
                    mode.set(ServerMode { on: true, admin: false });
                    if let Ok(Some(me)) = super::server::api::session(page).await {
                        mode.set(ServerMode { on: true, admin: me.is_admin() });
                    }
                }
            });
        });
    }
    *mode
}

#[derive(Properties, PartialEq)]
pub struct FrameProps {
    /// Which page this is (links to the other page's routes leave it).
    pub page: Page,
    pub route: Route,
    /// The trainee named in the header.
    pub profile: Option<Profile>,
    /// Banners shown between the header and the view.
    #[prop_or_default]
    pub banners: Html,
    /// The page is served by `drill serve`: records are synced, not only kept here (the
    /// trainee page's footer is rewritten by its sync module instead, `sync_runner.rs`),
    /// and the header links to the account pages.
    #[prop_or_default]
    pub server: ServerMode,
    pub children: Html,
}

/// The frame of every view. The pages that keep an app state provide it around the frame
/// (`use_app`); the trainee page's first screen (`home_app.rs`) has none.
#[component]
pub fn Frame(props: &FrameProps) -> Html {
    html! {
        <>
            <a class="skip-link" href="#main" onclick={Callback::from(|e: MouseEvent| { e.prevent_default(); focus_id("main"); })}>{ "跳到主要内容" }</a>
            <Header route={props.route.clone()} page={props.page} profile={props.profile.clone()} server={props.server} />
            { props.banners.clone() }
            <main id="main" class="main" tabindex="-1">
                { props.children.clone() }
            </main>
            <footer class="site-footer">
                <p>{ if props.server.on { SERVER_FOOTER } else { "服务演练 · 练习记录只保存在本机浏览器中。题目依据营业厅服务规范与 95598 供电服务热线服务规范编写。" } }</p>
            </footer>
        </>
    }
}
