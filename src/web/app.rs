//! The top-level component: owns the state (a reducer shared through context), follows the
//! URL hash, loads the content once, and picks the view.

use super::components::banners::{RecoveredNotice, StorageBanner};
use super::components::header::Header;
use super::components::loading::{LoadFailed, Loading};
use super::components::pack_list::PackList;
use super::components::player::Player;
use super::components::profile_form::ProfileForm;
use super::components::summary::SummaryView;
use super::fetch::load_library;
use super::route::Route;
use super::state::{Action, AppHandle, AppState, LoadState};
use super::team::TeamPage;
use super::phrasebook::PhrasebookPage;
use super::author::AuthorPage;
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

#[component]
pub fn App() -> Html {
    let state = use_reducer(AppState::open);
    let route = use_state(Route::current);

    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window().expect("a browser window");
            let listener = EventListener::new(&window, "hashchange", move |_| route.set(Route::current()));
            move || drop(listener)
        });
    }
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let result = load_library().await;
                state.dispatch(Action::Loaded(result));
            });
        });
    }
    // A new view: start at the top and put focus on its heading (screen readers announce it).
    {
        let first = use_mut_ref(|| true);
        use_effect_with((*route).clone(), move |_| {
            if std::mem::replace(&mut *first.borrow_mut(), false) {
                return;
            }
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
            focus_id("page-title");
        });
    }

    let profile_ok = state.store.profile.as_ref().is_some_and(|p| p.is_complete());
    let recovered_pending = state.storage.recovered.as_ref().is_some_and(|r| !r.acknowledged);

    let body = if recovered_pending {
        html! { <RecoveredNotice /> }
    } else if *route == Route::Team {
        // The team lead's page needs no trainee profile; it waits for the content itself.
        html! { <TeamPage /> }
    } else if let Route::Phrasebook { drill } = *route {
        // The phrasebook needs no trainee profile either; it handles the loading states itself.
        html! { <PhrasebookPage drill={drill} /> }
    } else if *route == Route::Author {
        // Trainers write packs without a trainee profile; the page waits for the content itself.
        html! { <AuthorPage /> }
    } else if !profile_ok || *route == Route::Profile {
        html! { <ProfileForm first_visit={!profile_ok} /> }
    } else {
        match &state.load {
            LoadState::Loading => html! { <Loading /> },
            LoadState::Failed(failure) => html! { <LoadFailed failure={failure.clone()} /> },
            LoadState::Ready(_) => match &*route {
                Route::Home | Route::Profile => html! { <PackList /> },
                Route::Pack(id) => html! { <Player key={id.clone()} pack_id={id.clone()} /> },
                Route::Summary(id) => html! { <SummaryView key={id.clone()} pack_id={id.clone()} /> },
                Route::Team => html! { <TeamPage /> },
                Route::Phrasebook { drill } => html! { <PhrasebookPage drill={*drill} /> },
                Route::Author => html! { <AuthorPage /> },
            },
        }
    };

    html! {
        <ContextProvider<AppHandle> context={state.clone()}>
            <a class="skip-link" href="#main" onclick={Callback::from(|e: MouseEvent| { e.prevent_default(); focus_id("main"); })}>{ "跳到主要内容" }</a>
            <Header route={(*route).clone()} />
            <StorageBanner />
            <main id="main" class="main" tabindex="-1">
                { body }
            </main>
            <footer class="site-footer">
                <p>{ "服务演练 · 练习记录只保存在本机浏览器中。题目依据营业厅服务规范与 95598 供电服务热线服务规范编写。" }</p>
            </footer>
        </ContextProvider<AppHandle>>
    }
}
