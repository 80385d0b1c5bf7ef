//! The drill schedule: which card to show next, and when each comes back.
//!
//! Each card's memory state is an FSRS card (`rs-fsrs`, the open-spaced-repetition
//! project's Rust scheduler) so a missed line is due again within minutes and a known one
//! in days. Progress is plain data, kept in the browser beside the trainee store and
//! versioned the same way. Time is always passed in (ms since the epoch): no clock is read
//! here, which keeps it deterministic in tests and safe on wasm.

use super::entry::{Card, Phrasebook};
use chrono::{DateTime, Utc};
use rs_fsrs::{Parameters, Rating, FSRS};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const DRILL_FORMAT: u32 = 1;

/// New cards introduced per day, so a first day is not 150 cards long and reviews do not
/// pile up. Counted per local calendar day in the stored progress (`NewCards`), so leaving
/// and reopening the page does not hand out another ten.
pub const NEW_PER_DAY: usize = 10;

/// A local calendar day: whole days since 1970-01-01 in the trainee's time zone.
pub type Day = i64;

/// The local day of `now_ms`, for a clock `utc_offset_minutes` ahead of UTC (China: +480;
/// in the browser, `-Date.getTimezoneOffset()`).
pub fn local_day(now_ms: f64, utc_offset_minutes: f64) -> Day {
    ((now_ms + utc_offset_minutes * 60_000.0) / 86_400_000.0).floor() as Day
}

/// How many new cards were first drilled on `day` (only the latest day is kept).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct NewCards {
    pub day: Day,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrillProgress {
    pub format: u32,
    /// FSRS state by card id; a card absent here has never been drilled.
    pub cards: BTreeMap<String, rs_fsrs::Card>,
    /// How many times each card was missed (for "lines you keep missing").
    #[serde(default)]
    pub misses: BTreeMap<String, u32>,
    /// Today's new cards, for the daily allowance. Absent in progress saved before it was
    /// kept (read as none yet today); older pages ignore it.
    #[serde(default)]
    pub new_cards: NewCards,
}

impl Default for DrillProgress {
    fn default() -> Self {
        DrillProgress {
            format: DRILL_FORMAT,
            cards: BTreeMap::new(),
            misses: BTreeMap::new(),
            new_cards: NewCards::default(),
        }
    }
}

/// What the drill page counts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct DrillStats {
    /// Learned cards due now (今日待复习, with `new_left`).
    pub due_now: usize,
    /// New cards still offered today.
    pub new_left: usize,
    /// Cards of the book never drilled (offered `NEW_PER_DAY` a day).
    pub unseen: usize,
    /// Cards drilled at least once (已学).
    pub learned: usize,
    /// Cards in FSRS review state (已掌握).
    pub mastered: usize,
    /// When the next learned card not yet due falls due (ms).
    pub next_due_ms: Option<f64>,
}

impl DrillStats {
    /// Cards left to do now: due reviews plus today's new cards.
    pub fn to_do(&self) -> usize {
        self.due_now + self.new_left
    }
}

/// The result of reviewing one card.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub rating: Rating,
    /// When the card is due again (ms since the epoch).
    pub due_ms: f64,
}

impl Review {
    /// "1 分钟后" / "3 天后": when the card comes back, for the UI.
    pub fn interval_label(&self, now_ms: f64) -> String {
        let minutes = ((self.due_ms - now_ms) / 60_000.0).round().max(1.0);
        if minutes < 60.0 {
            format!("{minutes} 分钟后")
        } else if minutes < 60.0 * 24.0 {
            format!("{} 小时后", (minutes / 60.0).round())
        } else {
            format!("{} 天后", (minutes / 1440.0).round())
        }
    }
}

fn to_time(ms: f64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms as i64).unwrap_or_default()
}

fn to_ms(t: DateTime<Utc>) -> f64 {
    t.timestamp_millis() as f64
}

fn scheduler() -> FSRS {
    FSRS::new(Parameters { enable_fuzz: false, ..Parameters::default() })
}

impl DrillProgress {
    /// New cards still allowed on `today`.
    pub fn new_allowed(&self, today: Day) -> usize {
        let used = if self.new_cards.day == today { self.new_cards.count } else { 0 };
        NEW_PER_DAY.saturating_sub(used)
    }

    /// The card to show now: the most overdue card already learned, else a new one (while
    /// today's allowance lasts), else `None` — nothing is due.
    pub fn next_card<'b>(&self, book: &'b Phrasebook, now_ms: f64, today: Day) -> Option<&'b Card> {
        let now = to_time(now_ms);
        let due = book
            .cards
            .iter()
            .filter_map(|c| self.cards.get(&c.id).map(|s| (c, s.due)))
            .filter(|(_, due)| *due <= now)
            .min_by_key(|(_, due)| *due)
            .map(|(c, _)| c);
        due.or_else(|| {
            (self.new_allowed(today) > 0).then(|| book.cards.iter().find(|c| !self.cards.contains_key(&c.id))).flatten()
        })
    }

    /// When the next learned card falls due (ms), for "下一张在 … 后到期".
    pub fn next_due_ms(&self) -> Option<f64> {
        self.cards.values().map(|c| to_ms(c.due)).reduce(f64::min)
    }

    /// Rates `card_id` at `now_ms` (on local day `today`: a first review counts against that
    /// day's new cards).
    pub fn review(&mut self, card_id: &str, rating: Rating, now_ms: f64, today: Day) -> Review {
        let now = to_time(now_ms);
        let card = self.cards.get(card_id).cloned().unwrap_or_else(|| {
            if self.new_cards.day != today {
                self.new_cards = NewCards { day: today, count: 0 };
            }
            self.new_cards.count += 1;
            rs_fsrs::Card { due: now, last_review: now, ..rs_fsrs::Card::default() }
        });
        let next = scheduler().next(card, now, rating).card;
        let due_ms = to_ms(next.due);
        self.cards.insert(card_id.to_owned(), next);
        if rating == Rating::Again {
            *self.misses.entry(card_id.to_owned()).or_default() += 1;
        }
        Review { rating, due_ms }
    }

    /// The counts the drill page shows, over the cards of `book` only (progress on cards a
    /// trainer has since removed is kept but not counted).
    pub fn stats(&self, book: &Phrasebook, now_ms: f64, today: Day) -> DrillStats {
        let now = to_time(now_ms);
        let mut s = DrillStats::default();
        let mut unseen = 0;
        for card in &book.cards {
            match self.cards.get(&card.id) {
                Some(state) => {
                    s.learned += 1;
                    if state.state == rs_fsrs::State::Review {
                        s.mastered += 1;
                    }
                    if state.due <= now {
                        s.due_now += 1;
                    }
                    let due = to_ms(state.due);
                    if due > now_ms && s.next_due_ms.is_none_or(|d| due < d) {
                        s.next_due_ms = Some(due);
                    }
                }
                None => unseen += 1,
            }
        }
        s.unseen = unseen;
        s.new_left = unseen.min(self.new_allowed(today));
        s
    }

    /// Cards drilled at least once / known (in review state).
    pub fn counts(&self) -> (usize, usize) {
        let known = self.cards.values().filter(|c| c.state == rs_fsrs::State::Review).count();
        (self.cards.len(), known)
    }

    pub fn from_json(text: &str) -> Result<DrillProgress, String> {
        let p: DrillProgress = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if p.format > DRILL_FORMAT {
            return Err(format!("格式 {} 来自更新版本的程序", p.format));
        }
        Ok(p)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data always serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrasebook::Situation;

    fn book(n: usize) -> Phrasebook {
        Phrasebook {
            cards: (0..n)
                .map(|i| Card {
                    id: format!("line:{i}"),
                    situation: Situation::Counter,
                    prompt: format!("prompt {i}"),
                    answer: format!("answer {i}"),
                    standard: "BIZ.A".into(),
                    avoid: None,
                })
                .collect(),
        }
    }

    const T0: f64 = 1_790_000_000_000.0;
    const MIN: f64 = 60_000.0;
    /// T0's local day in China (UTC+8).
    fn today() -> Day {
        local_day(T0, 480.0)
    }

    #[test]
    fn a_missed_line_comes_back_before_a_known_one() {
        let b = book(3);
        let mut p = DrillProgress::default();
        let missed = p.review("line:0", Rating::Again, T0, today());
        let known = p.review("line:1", Rating::Easy, T0, today());
        assert!(missed.due_ms < known.due_ms, "missed {} vs known {}", missed.due_ms, known.due_ms);
        assert!(missed.due_ms - T0 <= 10.0 * MIN);
        assert!(known.due_ms - T0 >= 24.0 * 60.0 * MIN);
        // Ten minutes later the missed line is due and is offered before any new card.
        assert_eq!(p.next_card(&b, T0 + 10.0 * MIN, today()).unwrap().id, "line:0");
        assert_eq!(p.misses.get("line:0"), Some(&1));
    }

    #[test]
    fn stats_count_due_new_learned_and_mastered_over_the_book() {
        let b = book(NEW_PER_DAY + 5);
        let mut p = DrillProgress::default();
        p.review("line:0", Rating::Again, T0, today());
        p.review("line:1", Rating::Easy, T0, today());
        let s = p.stats(&b, T0, today());
        assert_eq!(
            (s.due_now, s.new_left, s.unseen, s.learned, s.mastered),
            (0, NEW_PER_DAY - 2, NEW_PER_DAY + 3, 2, 1)
        );
        assert!(s.next_due_ms.unwrap() - T0 <= 10.0 * MIN);
        let later = p.stats(&b, T0 + 10.0 * MIN, today());
        assert_eq!(later.due_now, 1);
        assert_eq!(later.to_do(), 1 + NEW_PER_DAY - 2);
        // A card since removed from the book is kept but not counted.
        p.review("gone:card", Rating::Easy, T0, today());
        assert_eq!(p.stats(&b, T0, today()).learned, 2);
    }

    #[test]
    fn new_cards_stop_at_the_daily_allowance_and_start_again_the_next_day() {
        let b = book(NEW_PER_DAY + 5);
        let mut p = DrillProgress::default();
        for i in 0..NEW_PER_DAY {
            let card = p.next_card(&b, T0, today()).expect("a new card while the allowance lasts").id.clone();
            assert_eq!(card, format!("line:{i}"));
            p.review(&card, Rating::Easy, T0, today());
        }
        assert!(p.next_card(&b, T0, today()).is_none(), "no eleventh new card today");
        assert_eq!(p.stats(&b, T0, today()).new_left, 0);
        // The count is in the stored progress: reopening the page does not reset it.
        let reopened = DrillProgress::from_json(&p.to_json()).unwrap();
        assert!(reopened.next_card(&b, T0 + 60.0 * MIN, today()).is_none());
        // Reviewing a card already learned uses none of the allowance.
        p.review("line:0", Rating::Good, T0, today());
        assert_eq!(p.new_cards, NewCards { day: today(), count: NEW_PER_DAY });
        // The next day brings new cards again.
        let tomorrow = today() + 1;
        assert_eq!(p.next_card(&b, T0 + 16.0 * 60.0 * MIN, tomorrow).unwrap().id, format!("line:{NEW_PER_DAY}"));
        assert_eq!(p.stats(&b, T0, tomorrow).new_left, 5);
        p.review(&format!("line:{NEW_PER_DAY}"), Rating::Good, T0, tomorrow);
        assert_eq!(p.new_cards, NewCards { day: tomorrow, count: 1 });
    }

    #[test]
    fn the_local_day_turns_at_local_midnight() {
        // 2026-11-23 23:59 and 2026-11-24 00:01 in Beijing (UTC+8) are 15:59 and 16:01 UTC.
        let before = 1_795_449_540_000.0; // 2026-11-23T15:59:00Z
        let after = before + 2.0 * MIN;
        assert_eq!(local_day(after, 480.0), local_day(before, 480.0) + 1);
        assert_eq!(local_day(after, 0.0), local_day(before, 0.0), "the same UTC day");
        assert_eq!(local_day(0.0, 0.0), 0);
        assert_eq!(local_day(-1.0, 0.0), -1, "before 1970 rounds down");
    }

    #[test]
    fn progress_saved_before_the_daily_count_still_reads() {
        let old = r#"{"format":1,"cards":{},"misses":{}}"#;
        let p = DrillProgress::from_json(old).unwrap();
        assert_eq!(p.new_cards, NewCards::default());
        assert_eq!(p.new_allowed(today()), NEW_PER_DAY);
    }

    #[test]
    fn progress_round_trips_and_rejects_newer_formats() {
        let mut p = DrillProgress::default();
        p.review("line:0", Rating::Good, T0, today());
        let back = DrillProgress::from_json(&p.to_json()).unwrap();
        assert_eq!(back, p);
        assert!(DrillProgress::from_json(r#"{"format":9,"cards":{}}"#).is_err());
        assert!(DrillProgress::from_json("{not json").is_err());
    }
}
