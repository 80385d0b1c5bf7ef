//! The trainee app, the trainee page's practice module (`src/bin/practice.rs`): profile,
//! packs, the player and summaries — what practising needs. It takes the page over from the
//! first screen (`home_app.rs`, which draws only the pack list) once it has loaded in the
//! background, or when the trainee goes past the list (`handover.rs`). The phrasebook and the trainee's results download are the study
//! page (`study_app.rs`); the team dashboard and the authoring page are the staff tools
//! (`tools_app.rs`).
//!
//! It reads the pack list (`packs.json`, a few KB) the page fetched before it renders
//! (`open_practice`); `content.json`, every item of every pack, is opened after that
//! first render, and only the player and the summaries wait for it (docs/PERFORMANCE.md,
//! "Start-up").

use super::components::banners::{RecoveredNotice, StorageBanner};
use super::components::loading::{LoadFailed, Loading};
use super::components::pack_list::PackList;
use super::components::player::Player;
use super::components::profile_form::ProfileForm;
use super::components::summary::SummaryView;
use super::route::{Page, Route};
use super::shell::{use_content_loader, use_hash_route, Frame};
use super::state::{AppHandle, AppState, IndexRef, LoadState};
use drill_core::session;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The pack list read before the first render, if `packs.json` was there and usable.
    pub index: Option<IndexRef>,
    /// A pack whose new run starts with the app (开始练习 on the first screen).
    pub start: Option<String>,
    /// Whether the first view gets focus like any later one (the trainee acted).
    pub focus: bool,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let (index, start) = (props.index.clone(), props.start.clone());
    let state = use_reducer(move || {
        let state = Rc::new(AppState::open(index));
        let state = match start {
            Some(pack_id) => state.reduce(session::Action::StartRun { pack_id, retry: false }.into()),
            None => state,
        };
        Rc::unwrap_or_clone(state)
    });
    let route = use_hash_route(props.focus);
    use_content_loader(state.clone(), Page::Trainee, super::fetch::packs_only);

    // A route of another page (an old bookmark of `#/team` or `#/phrasebook`) goes there.
    if route.page() != Page::Trainee {
        route.open_elsewhere(Page::Trainee);
    }

    let profile_ok = state.store.profile.as_ref().is_some_and(|p| p.is_complete());
    let recovered_pending = state.storage.recovered.as_ref().is_some_and(|r| !r.acknowledged);

    let body = if recovered_pending {
        html! { <RecoveredNotice /> }
    } else if !profile_ok || *route == Route::Profile {
        html! { <ProfileForm first_visit={!profile_ok} /> }
    } else {
        // The pack list needs only the list; playing and summaries need the content.
        match (&state.load, &*route) {
            (LoadState::Failed(failure), _) => html! { <LoadFailed failure={failure.clone()} /> },
            (LoadState::Ready(_), Route::Pack(id)) => html! { <Player key={id.clone()} pack_id={id.clone()} /> },
            (LoadState::Ready(_), Route::Summary(id)) => {
                html! { <SummaryView key={id.clone()} pack_id={id.clone()} /> }
            }
            (LoadState::Loading, Route::Pack(_) | Route::Summary(_)) => html! { <Loading /> },
            _ if state.index.is_some() => html! { <PackList /> },
            _ => html! { <Loading /> },
        }
    };

    html! {
        <ContextProvider<AppHandle> context={state.clone()}>
            <Frame page={Page::Trainee} route={(*route).clone()} profile={state.store.profile.clone()} banners={html! { <StorageBanner /> }}>
                { body }
            </Frame>
        </ContextProvider<AppHandle>>
    }
}
