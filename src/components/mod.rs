//! One component per file.

pub mod banners;
pub mod choice;
pub mod diagnostics;
pub mod dialogue;
pub mod feedback;
pub mod header;
pub mod loading;
pub mod mood_gauge;
pub mod multi;
pub mod order;
pub mod pack_card;
pub mod pack_list;
pub mod player;
pub mod profile_form;
pub mod reply;
pub mod rule_quote;
pub mod summary;
pub mod taboo_view;

use super::state::AppHandle;
use yew::prelude::*;

/// The shared app state; every component lives under the provider in `app.rs`.
#[hook]
pub fn use_app() -> AppHandle {
    use_context::<AppHandle>().expect("components are rendered inside the App context")
}

/// Sets the document title to "`title` · 服务演练" while the view is shown, so the browser tab,
/// history and screen readers name the page.
#[hook]
pub fn use_title(title: String) {
    use_effect_with(title, |title| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&if title.is_empty() {
                "服务演练".to_owned()
            } else {
                format!("{title} · 服务演练")
            });
        }
    });
}
