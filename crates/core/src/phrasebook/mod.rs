//! The phrasebook: the standard phrasings by situation, each banned phrase beside its
//! replacement, and a recall drill whose schedule brings missed lines back sooner.
//!
//! - `entry`: the content model (`scenarios/phrasebook.yaml` plus cards derived from the
//!   banned list).
//! - `recall`: checking what a trainee typed against the standard line.
//! - `schedule`: the review schedule, FSRS via the `rs-fsrs` crate.
//! - `search`: the browse page's filter (normalised, so traditional input finds lines).

pub mod entry;
pub mod load;
pub mod recall;
pub mod schedule;
pub mod search;

pub use entry::{Card, PhraseEntry, Phrasebook, PhrasebookFile, Situation};
pub use load::load_phrasebook;
pub use recall::{check_recall, Recall};
/// The four review grades, re-exported so the study page needs no `rs-fsrs` of its own.
pub use rs_fsrs::Rating;
pub use schedule::{local_day, Day, DrillProgress, DrillStats, Review, NEW_PER_DAY};
pub use search::Query;
