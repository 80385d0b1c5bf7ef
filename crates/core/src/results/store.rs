//! The versioned trainee store.

use crate::from_json::read;
use crate::from_json::read_struct;
use crate::from_json::{parse, Json};
use crate::score::{Answer, Outcome};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// Current store format. Bump it when the shape changes and add a step to `migrate`.
pub const STORE_FORMAT: u32 = 1;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Profile {
    pub name: String,
    /// 工号.
    pub employee_no: String,
    /// 班组.
    pub team: String,
}

impl Profile {
    pub fn is_complete(&self) -> bool {
        !self.name.trim().is_empty() && !self.employee_no.trim().is_empty() && !self.team.trim().is_empty()
    }
}

/// One scored answer. Kept forever (results history), including retries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attempt {
    pub pack_id: String,
    pub item_id: String,
    pub answer: Answer,
    pub outcome: Outcome,
    /// Milliseconds since the Unix epoch when the item was shown.
    pub started_ms: f64,
    /// Milliseconds since the Unix epoch when the answer was given.
    pub answered_ms: f64,
}

/// A pass through a pack (or through the items a trainee got wrong, on retry).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PackRun {
    pub pack_id: String,
    /// Item ids in the order they are played.
    pub items: Vec<String>,
    /// Index into `attempts` of the attempt that answered each item, by item id.
    pub answers: BTreeMap<String, usize>,
    /// A dialogue being played: the option indices chosen so far (saved at every step).
    #[serde(default)]
    pub dialogue_path: Vec<usize>,
    /// When the item currently shown was first shown (ms since epoch).
    #[serde(default)]
    pub item_started_ms: f64,
    pub started_ms: f64,
    /// True when this run only replays items answered wrongly before.
    #[serde(default)]
    pub retry: bool,
}

impl PackRun {
    pub fn new(pack_id: &str, items: Vec<String>, now_ms: f64, retry: bool) -> PackRun {
        PackRun {
            pack_id: pack_id.to_owned(),
            items,
            answers: BTreeMap::new(),
            dialogue_path: Vec::new(),
            item_started_ms: now_ms,
            started_ms: now_ms,
            retry,
        }
    }

    /// The first item not yet answered, or `None` when the run is finished.
    pub fn current(&self) -> Option<&str> {
        self.items.iter().find(|id| !self.answers.contains_key(*id)).map(String::as_str)
    }

    pub fn is_finished(&self) -> bool {
        self.current().is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraineeStore {
    pub format: u32,
    #[serde(default)]
    pub profile: Option<Profile>,
    #[serde(default)]
    pub attempts: Vec<Attempt>,
    /// Runs in progress or finished, by pack id (the latest run of each pack).
    #[serde(default)]
    pub runs: BTreeMap<String, PackRun>,
}

impl Default for TraineeStore {
    fn default() -> Self {
        TraineeStore { format: STORE_FORMAT, profile: None, attempts: Vec::new(), runs: BTreeMap::new() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// Not JSON, or JSON of the wrong shape (hand-edited, truncated).
    Corrupt(String),
    /// Written by a newer version of the app than this one.
    TooNew(u32),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Corrupt(why) => write!(f, "保存的练习记录已损坏，无法读取（{why}）"),
            StoreError::TooNew(v) => write!(f, "保存的练习记录来自更新版本的程序（格式 {v}），请使用最新版本打开"),
        }
    }
}

impl TraineeStore {
    /// Reads a stored JSON document, migrating older formats.
    ///
    /// The document is parsed once (`from_json::parse`); its version is looked at first, so a
    /// document from a newer app is refused with its number rather than with a shape error;
    /// then it is read into the store (the `FromJson` impls below).
    pub fn from_json(text: &str) -> Result<TraineeStore, StoreError> {
        let value = parse(text).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let format = match value.get("format") {
            None | Some(Json::Null) => return Err(StoreError::Corrupt("缺少 format 字段".into())),
            Some(format) => format.as_u64().ok_or_else(|| StoreError::Corrupt("format 应为非负整数".into()))?,
        };
        let format = u32::try_from(format).map_err(|_| StoreError::TooNew(u32::MAX))?;
        if format > STORE_FORMAT {
            return Err(StoreError::TooNew(format));
        }
        read::<TraineeStore>(migrate(value, format)).map_err(StoreError::Corrupt)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("the store is plain data and always serialises")
    }

    /// Records an attempt and returns its index.
    pub fn record(&mut self, attempt: Attempt) -> usize {
        self.attempts.push(attempt);
        self.attempts.len() - 1
    }

    /// The latest attempt at each item, by item id.
    pub fn latest_by_item(&self) -> BTreeMap<&str, &Attempt> {
        let mut latest = BTreeMap::new();
        for a in &self.attempts {
            latest.insert(a.item_id.as_str(), a);
        }
        latest
    }
}

/// Upgrades a stored document from `from` to `STORE_FORMAT`, one version at a time.
/// Format 1 is the first, so there is nothing to do yet; a later format adds its step here.
fn migrate(value: Json<'_>, from: u32) -> Json<'_> {
    debug_assert!(from <= STORE_FORMAT);
    value
}

// Read back by hand (`crate::from_json` says why); serde's `Serialize` above writes them.

read_struct!(Profile { name: req, employee_no: req, team: req });

read_struct!(Attempt { pack_id: req, item_id: req, answer: req, outcome: req, started_ms: req, answered_ms: req });

// Fields added after the first release (`dialogue_path`, `item_started_ms`, `retry`) may
// be missing.
read_struct!(PackRun {
    pack_id: req,
    items: req,
    answers: req,
    dialogue_path: opt,
    item_started_ms: opt,
    started_ms: req,
    retry: opt
});

read_struct!(TraineeStore { format: req, profile: opt, attempts: opt, runs: opt });
