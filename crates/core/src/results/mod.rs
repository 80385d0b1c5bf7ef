//! A trainee's results: profile, every scored attempt, and the runs in progress.
//!
//! This is what the browser keeps (`storage` writes it as JSON) and what a results
//! export will contain, so it is versioned: `format` is checked on read and older versions
//! are migrated, never silently dropped.
//!
//! What the app shows about them is computed here too, one concept a file, and tested
//! natively (the web pages only render it): `progress.rs` (each pack's card),
//! `run_summary.rs` (the end of a run, and what a retry replays), `shuffle.rs` (the order a
//! run shows options in), `highlight.rs` (banned phrases marked in a typed reply),
//! `display.rs` (points, percentages and findings as the trainee reads them).

mod display;
pub mod export;
#[cfg(test)]
mod fixtures;
mod highlight;
mod progress;
mod run_summary;
mod shuffle;
pub mod store;

pub use display::{fmt_percent, fmt_points, group_findings, FindingGroup};
pub use highlight::highlight_segments;
pub use progress::{pack_progress, PackProgress};
pub use run_summary::{retry_items, run_attempts, run_summary, RuleTally, RunSummary};
pub use shuffle::{display_order, item_seed, shuffled, shuffled_not_identity};
pub use store::{Attempt, PackRun, Profile, StoreError, TraineeStore};
