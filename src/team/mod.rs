//! The team lead's view (`#/team`). (The trainee's side of the exchange, downloading the
//! results file, is `my_results`.)
//!
//! * `page.rs` — the lead's page: import many results files (picker or drag and drop), the
//!   roster kept in localStorage, and the tables built by `drill_core::team::report`.
//! * `tables.rs` — trainee (sortable), rule and item tables.
//! * `chart.rs` — progress over time, an SVG line chart with a data-table fallback.
//! * `roster_store.rs` — localStorage for the roster under its own versioned key.
//! * downloads go through `crate::download` (shared with the authoring page).
//!
//! Everything that is not about the DOM (merging, tables, CSV) is in `drill_core::team` and
//! `drill_core::results::export`, tested natively.

pub mod chart;
pub mod live;
pub mod page;
pub mod roster_store;
pub mod tables;

pub use live::LiveTeamPage;
pub use page::TeamPage;

/// Local date `YYYY-MM-DD` (the browser's time zone).
pub fn local_date(ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

/// Local date and time `YYYY-MM-DD HH:MM`, or "—" for no time.
pub fn local_datetime(ms: f64) -> String {
    if ms <= 0.0 {
        return "—".to_owned();
    }
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!("{} {:02}:{:02}", local_date(ms), d.get_hours(), d.get_minutes())
}

/// A percentage with one decimal, e.g. `62.5%`.
pub fn pct(x: f64) -> String {
    format!("{}%", drill_core::team::report::fmt_pct(x))
}
