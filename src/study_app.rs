//! The trainee's study page (`study/index.html`): the phrasebook (`#/phrasebook`,
//! `#/phrasebook/drill`) and "我的成绩" (`#/results`, downloading the results file). A
//! separate wasm from the trainee app, so a trainee's first load carries only what
//! practising a pack needs (docs/PERFORMANCE.md, "Size"); it shares the same browser
//! storage, so a result practised there is here to download.

use super::account::AccountPage;
use super::components::banners::{RecoveredNotice, StorageBanner};
use super::my_results::MyResults;
use super::phrasebook::PhrasebookPage;
use super::route::{Page, Route};
use super::shell::{use_content_loader, use_hash_route, use_server_mode, Frame};
use super::state::{AppHandle, AppState};
use yew::prelude::*;

#[component]
pub fn StudyApp() -> Html {
    let state = use_reducer(|| AppState::open(None));
    let route = use_hash_route(false);
    use_content_loader(state.clone(), Page::Study, super::fetch::with_phrasebook);
    let server = use_server_mode(Page::Study);

    let recovered_pending = state.storage.recovered.as_ref().is_some_and(|r| !r.acknowledged);
    let body = match &*route {
        _ if recovered_pending => html! { <RecoveredNotice /> },
        // The phrasebook needs no trainee profile; it handles the loading states itself.
        Route::Phrasebook { drill } => html! { <PhrasebookPage drill={*drill} /> },
        Route::Results => html! { <MyResults /> },
        Route::Account => html! { <AccountPage /> },
        // The bare page: the phrasebook is this page's home.
        Route::Home => {
            Route::Phrasebook { drill: false }.replace();
            html! {}
        }
        // A route of another page typed here goes there.
        other => {
            other.open_elsewhere(Page::Study);
            html! {}
        }
    };

    html! {
        <ContextProvider<AppHandle> context={state.clone()}>
            <Frame page={Page::Study} route={(*route).clone()} profile={state.store.profile.clone()} server={server} banners={html! { <StorageBanner /> }}>
                { body }
            </Frame>
        </ContextProvider<AppHandle>>
    }
}
