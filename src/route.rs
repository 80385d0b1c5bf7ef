//! Hash routing: the current view lives in the URL hash so a reload lands on the same page.
//!
//! | hash | view |
//! |---|---|
//! | `#/` (or empty) | pack list |
//! | `#/profile` | edit the trainee's profile |
//! | `#/pack/<id>` | play the pack's current run (resumed after a reload) |
//! | `#/summary/<id>` | the summary of the pack's latest run |
//! | `#/team` | the team lead's view of imported results (`team`) |
//! | `#/phrasebook`, `#/phrasebook/drill` | the phrasebook: browse, recall drill (`phrasebook`) |
//! | `#/results` | the trainee's own results: download them for the team lead (`my_results`) |
//! | `#/author` | the trainers' authoring page: write, check and try a pack (`author`) |
//! | `#/account` | the trainee's account on the team server: sign in, sync, sign out (`account`) |
//! | `#/admin` | the administrator's accounts page on the team server (`admin`) |
//! | `#/team/<id>` | a team's results read live from the team server (`team::live`) |
//!
//! The routes live in three pages (see `src/lib.rs`), each its own wasm so the first load
//! carries only what practising needs: the trainee app (`index.html`: profile, packs,
//! player, summaries; its list drawn first by a smaller module, `src/handover.rs`), the trainee's study page (`study/`: phrasebook, own results) and the
//! staff tools (`tools/`: team dashboard, authoring). [`Route::href`] gives a link that
//! works from any page.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    Profile,
    Pack(String),
    Summary(String),
    Team,
    /// `drill`: the recall drill rather than the browsable list.
    Phrasebook {
        drill: bool,
    },
    /// The trainee's own results, to download.
    Results,
    Author,
    /// Signing in to the team server (`drill serve`), the trainee's sync.
    Account,
    /// Accounts and the staff list, for the administrator (team server).
    Admin,
    /// One team's live results (team server), by team id.
    TeamOf(String),
}

/// Which of the three pages a route is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// `index.html`: profile, packs, the player, summaries (the first load).
    Trainee,
    /// `study/index.html`: the phrasebook and the trainee's own results.
    Study,
    /// `tools/index.html`: the team dashboard and the authoring page.
    Tools,
}

impl Page {
    /// The page's folder, relative to the trainee app.
    fn dir(self) -> &'static str {
        match self {
            Page::Trainee => "",
            Page::Study => "study/",
            Page::Tools => "tools/",
        }
    }
}

impl Route {
    /// The page this route is shown in.
    pub fn page(&self) -> Page {
        match self {
            Route::Team | Route::Author | Route::Admin | Route::TeamOf(_) => Page::Tools,
            Route::Phrasebook { .. } | Route::Results | Route::Account => Page::Study,
            Route::Home | Route::Profile | Route::Pack(_) | Route::Summary(_) => Page::Trainee,
        }
    }

    /// A link to this route from a page of `here`: the bare hash within the same page,
    /// else the other page's path (relative, so the site can live in any folder) plus the hash.
    pub fn href(&self, here: Page) -> String {
        let hash = self.to_hash();
        let there = self.page();
        if here == there {
            return hash;
        }
        let up = if here == Page::Trainee { "" } else { "../" };
        format!("{up}{}{hash}", there.dir())
    }

    /// Sends the browser to this route's page (for a route the current page does not show,
    /// e.g. an old bookmark of `#/team` on the trainee page). Replaces the history entry.
    pub fn open_elsewhere(&self, here: Page) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().replace(&self.href(here));
        }
    }

    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = path.splitn(2, '/');
        let head = parts.next().unwrap_or("");
        let rest = parts.next().unwrap_or("").trim_end_matches('/');
        let id =
            || js_sys::decode_uri_component(rest).ok().and_then(|s| s.as_string()).unwrap_or_else(|| rest.to_owned());
        match head {
            "profile" => Route::Profile,
            "team" if !rest.is_empty() => Route::TeamOf(id()),
            "team" => Route::Team,
            "account" => Route::Account,
            "admin" => Route::Admin,
            "author" => Route::Author,
            "phrasebook" => Route::Phrasebook { drill: rest == "drill" },
            "results" => Route::Results,
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
            Route::Results => "#/results".to_owned(),
            Route::Account => "#/account".to_owned(),
            Route::Admin => "#/admin".to_owned(),
            Route::TeamOf(id) => format!("#/team/{}", enc(id)),
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
