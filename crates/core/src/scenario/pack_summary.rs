//! One pack as the pack list shows it: what `packs.json` holds per pack (`bundle::PackIndex`)
//! and what a trainee's progress on the list is counted against (`results::pack_progress`).
//!
//! With the model because it is derived from a [`Pack`] alone: the list's writer (`bundle`)
//! and its readers (`results`, the app) all reach it without reaching each other.

use super::{Pack, PackCategory, Points};
use crate::from_json::read_struct;
use serde::Serialize;

/// One pack on the list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PackSummary {
    pub id: String,
    pub title: String,
    pub category: PackCategory,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Percentage of `max_points` needed to pass.
    pub pass_mark: f64,
    /// `Pack::max_points`.
    pub max_points: Points,
    /// The pack's item ids, in order.
    pub items: Vec<String>,
}

impl PackSummary {
    pub fn of(pack: &Pack) -> PackSummary {
        PackSummary {
            id: pack.id.clone(),
            title: pack.title.clone(),
            category: pack.category,
            description: pack.description.clone(),
            pass_mark: pack.pass_mark,
            max_points: pack.max_points(),
            items: pack.items.iter().map(|i| i.id.clone()).collect(),
        }
    }

    /// Whether the pack has an item of this id.
    pub fn has_item(&self, id: &str) -> bool {
        self.items.iter().any(|i| i == id)
    }
}

read_struct!(PackSummary {
    id: req,
    title: req,
    category: req,
    description: opt,
    pass_mark: req,
    max_points: req,
    items: req
});
