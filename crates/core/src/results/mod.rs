//! A trainee's results: profile, every scored attempt, and the runs in progress.
//!
//! This is what the browser keeps (`storage` writes it as JSON) and what a results
//! export will contain, so it is versioned: `format` is checked on read and older versions
//! are migrated, never silently dropped.

pub mod export;
mod read;
pub mod store;
pub mod summary;

pub use store::{Attempt, PackRun, Profile, StoreError, TraineeStore};
