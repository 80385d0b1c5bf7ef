//! What a trainee answered, in a form that can be stored, exported and re-scored.

use serde::Serialize;

/// Stored as `{"kind": "choice", "option": 2}`; read back by `results::read`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Answer {
    /// Index of the chosen option (in file order, not display order).
    Choice { option: usize },
    /// Indices of the selected options (file order).
    Multi { selected: Vec<usize> },
    /// The trainee's sequence, as indices into `steps` (which are written in correct order).
    Order { order: Vec<usize> },
    /// The text as typed.
    Reply { text: String },
    /// The option index chosen at each node, from `start` on.
    Dialogue { path: Vec<usize> },
}
