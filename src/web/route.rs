//! Hash routing: the current view lives in the URL hash so a reload lands on the same page.
//!
//! | hash | view |
//! |---|---|
//! | `#/` (or empty) | pack list |
//! | `#/profile` | edit the trainee's profile |
//! | `#/pack/<id>` | play the pack's current run (resumed after a reload) |
//! | `#/summary/<id>` | the summary of the pack's latest run |
//! | `#/team` | the team lead's view of imported results (`web::team`) |
//! | `#/phrasebook`, `#/phrasebook/drill` | the phrasebook: browse, recall drill (`web::phrasebook`) |
//! | `#/author` | the trainers' authoring page: write, check and try a pack (`web::author`) |
//!
//! The routes live in two pages (see `web/mod.rs`): the trainee app (`index.html`, every
//! route but the last two) and the staff tools (`tools/`: `#/team`, `#/author`), each its own
//! wasm so trainees never download the team dashboard or the YAML reader. [`Route::href`]
//! gives a link that works from either page.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    Profile,
    Pack(String),
    Summary(String),
    Team,
    /// `drill`: the recall drill rather than the browsable list.
    Phrasebook { drill: bool },
    Author,
}

/// Which of the two pages a route is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// `index.html`: profile, packs, summaries, phrasebook.
    Trainee,
    /// `tools/index.html`: the team dashboard and the authoring page.
    Tools,
}

impl Route {
    /// The page this route is shown in.
    pub fn side(&self) -> Side {
        match self {
            Route::Team | Route::Author => Side::Tools,
            _ => Side::Trainee,
        }
    }

    /// A link to this route from a page of `here`: the bare hash within the same page,
    /// else the other page's path plus the hash.
    pub fn href(&self, here: Side) -> String {
        let hash = self.to_hash();
        match (here, self.side()) {
            (Side::Trainee, Side::Tools) => format!("tools/{hash}"),
            (Side::Tools, Side::Trainee) => format!("../{hash}"),
            _ => hash,
        }
    }

    /// Sends the browser to this route's page (for a route the current page does not show,
    /// e.g. an old bookmark of `#/team` on the trainee page). Replaces the history entry.
    pub fn open_elsewhere(&self, here: Side) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().replace(&self.href(here));
        }
    }

    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = path.splitn(2, '/');
        let head = parts.next().unwrap_or("");
        let rest = parts.next().unwrap_or("").trim_end_matches('/');
        let id = || js_sys::decode_uri_component(rest).ok().and_then(|s| s.as_string()).unwrap_or_else(|| rest.to_owned());
        match head {
            "profile" => Route::Profile,
            "team" => Route::Team,
            "author" => Route::Author,
            "phrasebook" => Route::Phrasebook { drill: rest == "drill" },
            "pack" if !rest.is_empty() => Route::Pack(id()),
            "summary" if !rest.is_empty() => Route::Summary(id()),
            _ => Route::Home,
        }
    }

    pub fn to_hash(&self) -> String {
        let enc = |s: &str| String::from(js_sys::encode_uri_component(s));
        match self {
            Route::Home => "#/".to_owned(),
            Route::Profile => "#/profile".to_owned(),
            Route::Pack(id) => format!("#/pack/{}", enc(id)),
            Route::Summary(id) => format!("#/summary/{}", enc(id)),
            Route::Team => "#/team".to_owned(),
            Route::Author => "#/author".to_owned(),
            Route::Phrasebook { drill: false } => "#/phrasebook".to_owned(),
            Route::Phrasebook { drill: true } => "#/phrasebook/drill".to_owned(),
        }
    }

    /// The route in the address bar now.
    pub fn current() -> Route {
        let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
        Route::parse(&hash)
    }

    /// Goes to this route (the `hashchange` listener in `app.rs` updates the view).
    pub fn go(&self) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(&self.to_hash());
        }
    }

    /// Goes to this route without a new history entry (for redirects, so "back" works).
    pub fn replace(&self) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().replace(&self.to_hash());
        }
    }
}
