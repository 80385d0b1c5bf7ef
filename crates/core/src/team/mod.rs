//! What a team lead sees: the imported results of a team and the tables built from them.
//!
//! - `roster`: the lead's store of imported results files, merged per trainee.
//! - `report`: the team, rule and item tables and the progress series.
//! - `time`: dates shown in China Standard Time.
//! - `csv`: those tables (and a trainee's attempts) as CSV for spreadsheets.

pub mod csv;
pub mod report;
pub mod roster;
pub mod time;

pub use report::{ItemRow, ProgressPoint, ProgressSeries, RuleRow, TeamReport, TraineeRow};
pub use roster::{ImportOutcome, Roster};
