//! Attempts: a trainee's answers, sent in batches and re-scored by the server.

use drill_core::score::Answer;
use serde::{Deserialize, Serialize};

/// What the trainee answered (the core's `Answer`, as the browser stores it).
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum AnswerIn {
    Choice { option: usize },
    Multi { selected: Vec<usize> },
    Order { order: Vec<usize> },
    Reply { text: String },
    Dialogue { path: Vec<usize> },
}

impl From<AnswerIn> for Answer {
    fn from(a: AnswerIn) -> Answer {
        match a {
            AnswerIn::Choice { option } => Answer::Choice { option },
            AnswerIn::Multi { selected } => Answer::Multi { selected },
            AnswerIn::Order { order } => Answer::Order { order },
            AnswerIn::Reply { text } => Answer::Reply { text },
            AnswerIn::Dialogue { path } => Answer::Dialogue { path },
        }
    }
}

/// One attempt sent by the browser.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AttemptIn {
    /// Made by the browser, unique per attempt (1–64 of `A-Za-z0-9_-`).
    pub id: String,
    /// The content version (`content.json`'s `content_version`) the item was shown from.
    pub content_version: String,
    pub pack_id: String,
    pub item_id: String,
    pub answer: AnswerIn,
    /// UTC milliseconds when the item was shown.
    pub started_ms: f64,
    /// UTC milliseconds when the answer was given.
    pub answered_ms: f64,
    /// The score the browser computed; stored for comparison, never trusted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed_points: Option<f64>,
}

/// `POST /attempts` and `POST /attempts/local`.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AttemptBatch {
    pub attempts: Vec<AttemptIn>,
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttemptResult {
    pub id: String,
    /// The server's score.
    pub points: f64,
    pub max: f64,
    /// The claimed score disagreed with the server's.
    pub flagged: bool,
    /// Already stored by an earlier request (nothing changed).
    pub duplicate: bool,
}

/// `POST /attempts`' answer.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchResult {
    pub stored: usize,
    pub duplicates: usize,
    pub results: Vec<AttemptResult>,
}

/// `POST /attempts/local`'s answer.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocalUploadResult {
    pub stored: usize,
    pub duplicates: usize,
    /// Attempts not taken, with why (e.g. content the server never had).
    pub skipped: Vec<Skipped>,
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Skipped {
    pub id: String,
    pub reason: String,
}

/// `GET /attempts`: one of the caller's stored attempts.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoredAttempt {
    pub id: String,
    pub content_version: String,
    pub pack_id: String,
    pub item_id: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub answer: serde_json::Value,
    /// The server's outcome (points, max, verdict, findings).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub outcome: serde_json::Value,
    pub points: f64,
    pub max: f64,
    pub claimed_points: Option<f64>,
    pub flagged: bool,
    pub started_ms: i64,
    pub answered_ms: i64,
}
