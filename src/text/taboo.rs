//! One-pass banned-phrase matcher. STUB: owned by the scoring helper.

use crate::scenario::{BannedList, Severity};

#[derive(Debug, Clone, PartialEq)]
pub struct TabooHit {
    /// Index into `BannedList::phrases`.
    pub phrase: usize,
    pub id: String,
    pub standard: String,
    pub severity: Severity,
    /// The words as the trainee typed them.
    pub quote: String,
    /// Char range in the original text.
    pub start: usize,
    pub end: usize,
    pub instead: String,
}

#[derive(Debug, Clone)]
pub struct TabooMatcher {
    list: BannedList,
}

impl TabooMatcher {
    pub fn new(list: &BannedList) -> TabooMatcher {
        TabooMatcher { list: list.clone() }
    }

    pub fn list(&self) -> &BannedList {
        &self.list
    }

    /// Every banned phrase in `text`, in order of position, one scan.
    pub fn find(&self, text: &str) -> Vec<TabooHit> {
        let _ = text;
        todo!("find")
    }
}
