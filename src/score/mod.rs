//! Scoring: a pure function from (item, answer) to an `Outcome`, plus `Conversation`, the
//! step-by-step state of a dialogue being played. STUB bodies: owned by the scoring helper.

pub mod answer;
pub mod dialogue;
pub mod outcome;

pub use answer::Answer;
pub use outcome::{Finding, FindingKind, Outcome, Verdict};

use crate::scenario::Item;
use crate::text::TabooMatcher;

/// Scores a complete answer. Never panics on a malformed answer (an index out of range is
/// treated as a wrong pick), because answers come back from storage and result files.
pub fn score(item: &Item, answer: &Answer, taboo: &TabooMatcher) -> Outcome {
    let _ = (item, answer, taboo);
    todo!("score")
}
