//! The standards catalogue (`scenarios/standards.yaml`): every rule of
//! `shared/STANDARDS.md` with its id, a short title, the rule in Chinese and its source.
//! Feedback quotes it, so a trainee always sees the rule itself, not a paraphrase.

use crate::from_json::read_struct;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standard {
    /// Stable id, e.g. `REPAIR.ASK`. Never renamed once shipped: results refer to it.
    pub id: String,
    /// Short Chinese title, e.g. "报修询问".
    pub title: String,
    /// The rule in Chinese, as trainees will read it in feedback.
    pub text: String,
    /// Source document: `S0`..`S3` (see the catalogue's `sources`).
    pub source: String,
    /// Section heading, e.g. "95598 热线 · 故障报修".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub section: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Catalogue {
    pub standards: Vec<Standard>,
    /// Source id → document title, e.g. `S3` → "95598 供电服务热线服务规范".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<(String, String)>,
}

impl Catalogue {
    pub fn get(&self, id: &str) -> Option<&Standard> {
        self.standards.iter().find(|s| s.id == id)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    pub fn source_title(&self, source: &str) -> Option<&str> {
        self.sources.iter().find(|(k, _)| k == source).map(|(_, v)| v.as_str())
    }
}

// Read back by hand (`crate::from_json` says why); serde's `Serialize` above writes them.

read_struct!(Standard { id: req, title: req, text: req, source: req, section: opt });

read_struct!(Catalogue { standards: req, sources: opt });
