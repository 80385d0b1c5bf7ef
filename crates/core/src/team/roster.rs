//! The lead's imported results, one entry per trainee (by employee number).
//!
//! Re-importing the same or a newer file from a trainee updates that trainee and never
//! duplicates: attempts are merged by (item, answer time), so even an older file adds only
//! what is missing and loses nothing already imported.

use crate::from_json::{read, read_struct};
use crate::results::export::{ResultsFile, RESULTS_FORMAT};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

pub const ROSTER_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Roster {
    pub format: u32,
    /// By employee number.
    pub trainees: BTreeMap<String, ResultsFile>,
}

impl Default for Roster {
    fn default() -> Self {
        Roster { format: ROSTER_FORMAT, trainees: BTreeMap::new() }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    /// A trainee not seen before.
    Added,
    /// Known trainee; this many attempts were new.
    Updated(usize),
    /// Nothing new in the file.
    Unchanged,
}

impl Roster {
    pub fn import(&mut self, file: ResultsFile) -> ImportOutcome {
        let key = file.trainee.employee_no.trim().to_owned();
        let Some(known) = self.trainees.get_mut(&key) else {
            self.trainees.insert(key, file);
            return ImportOutcome::Added;
        };
        let seen: BTreeSet<(String, u64)> =
            known.attempts.iter().map(|a| (a.item_id.clone(), a.answered_ms.to_bits())).collect();
        let fresh: Vec<_> = file
            .attempts
            .iter()
            .filter(|a| !seen.contains(&(a.item_id.clone(), a.answered_ms.to_bits())))
            .cloned()
            .collect();
        let added = fresh.len();
        known.attempts.extend(fresh);
        known.attempts.sort_by(|a, b| a.answered_ms.total_cmp(&b.answered_ms));
        for pack in file.packs {
            if !known.packs.iter().any(|p| p.id == pack.id) {
                known.packs.push(pack);
            }
        }
        for item in file.items {
            if !known.items.iter().any(|i| i.id == item.id) {
                known.items.push(item);
            }
        }
        if file.exported_ms >= known.exported_ms {
            known.trainee = file.trainee;
            known.exported_ms = file.exported_ms;
            known.app_version = file.app_version;
            known.content_version = file.content_version;
        }
        known.totals = crate::results::export::Totals {
            attempts: known.attempts.len(),
            points: known.attempts.iter().map(|a| a.outcome.points).sum(),
            max: known.attempts.iter().map(|a| a.outcome.max).sum(),
        };
        if added == 0 {
            ImportOutcome::Unchanged
        } else {
            ImportOutcome::Updated(added)
        }
    }

    /// Team names present, sorted, for the filter.
    pub fn teams(&self) -> Vec<String> {
        let set: BTreeSet<String> = self.trainees.values().map(|f| f.trainee.team.clone()).collect();
        set.into_iter().collect()
    }

    pub fn from_json(text: &str) -> Result<Roster, String> {
        let roster: Roster = read(crate::from_json::parse(text).map_err(|e| e.to_string())?)?;
        if roster.format > ROSTER_FORMAT {
            return Err(format!("格式 {} 来自更新版本的程序", roster.format));
        }
        if roster.trainees.values().any(|f| f.format > RESULTS_FORMAT) {
            return Err("包含来自更新版本的成绩".into());
        }
        Ok(roster)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data always serialises")
    }
}

read_struct!(Roster { format: req, trainees: req });
