//! The staff tools (`tools/index.html`): the team lead's dashboard (`#/team`) and the
//! trainers' authoring page (`#/author`). A separate wasm from the trainee app: it carries
//! the YAML reader and the dashboard, which trainees never need, so the trainee's first
//! load stays small. Neither page needs a trainee profile.

use super::admin::AdminPage;
use super::author::AuthorPage;
use super::route::{Page, Route};
use super::shell::{use_content_loader, use_hash_route, Frame};
use super::state::{AppHandle, AppState};
use super::team::{LiveTeamPage, TeamPage};
use yew::prelude::*;

#[component]
pub fn ToolsApp() -> Html {
    let state = use_reducer(|| AppState::open(None));
    let route = use_hash_route(false);
    use_content_loader(state.clone(), Page::Tools, super::fetch::with_phrasebook);

    let body = match &*route {
        Route::Author => html! { <AuthorPage /> },
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
            <Frame page={Page::Tools} route={(*route).clone()} profile={state.store.profile.clone()}>
                { body }
            </Frame>
        </ContextProvider<AppHandle>>
    }
}
