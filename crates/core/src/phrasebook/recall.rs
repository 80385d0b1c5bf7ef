//! Checking a recalled line.
//!
//! Trainees type from memory, so an exact match is too strict: both sides are normalised
//! (traditional → simplified, widths, punctuation and spaces dropped) and compared by
//! normalised Levenshtein similarity (`strsim`). Saying the banned phrase a card is about is
//! always a miss, however close the rest is.

use super::entry::Card;
use crate::text::normalize;
use rs_fsrs::Rating;

/// How close a recall was, and the rating it feeds into the schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct Recall {
    /// 0.0–1.0 after normalisation.
    pub similarity: f64,
    pub rating: Rating,
    /// The trainee said the phrase the card is about avoiding.
    pub said_banned: bool,
}

impl Recall {
    pub fn is_correct(&self) -> bool {
        matches!(self.rating, Rating::Good | Rating::Easy)
    }

    /// Chinese verdict for the UI.
    pub fn label(&self) -> &'static str {
        match self.rating {
            Rating::Easy => "完全正确",
            Rating::Good => "基本正确",
            Rating::Hard => "接近了",
            Rating::Again => "还需记忆",
        }
    }
}

/// At or above: the line counts as known.
pub const KNOWN: f64 = 0.85;
/// At or above (and below `KNOWN`): close, reviewed again soon.
pub const CLOSE: f64 = 0.6;

pub fn check_recall(card: &Card, typed: &str) -> Recall {
    let want = normalize(&card.answer).text;
    let got = normalize(typed).text;
    let said_banned = card.avoid.as_deref().is_some_and(|avoid| {
        let avoid = normalize(avoid).text;
        !avoid.is_empty() && got.contains(&avoid) && !want.contains(&avoid)
    });
    let similarity = if want.is_empty() { 0.0 } else { strsim::normalized_levenshtein(&want, &got) };
    let rating = if said_banned {
        Rating::Again
    } else if got == want {
        Rating::Easy
    } else if similarity >= KNOWN {
        Rating::Good
    } else if similarity >= CLOSE {
        Rating::Hard
    } else {
        Rating::Again
    };
    Recall { similarity, rating, said_banned }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrasebook::Situation;

    fn card(answer: &str, avoid: Option<&str>) -> Card {
        Card {
            id: "line:x".into(),
            situation: Situation::Repair,
            prompt: String::new(),
            answer: answer.into(),
            standard: "REPAIR.REPEAT".into(),
            avoid: avoid.map(Into::into),
        }
    }

    #[test]
    fn exact_recall_in_traditional_with_other_punctuation_is_easy() {
        let c = card("抢修人员已经出发去处理这个问题，请您稍等。", None);
        let r = check_recall(&c, "搶修人員已經出發去處理這個問題 請您稍等!");
        assert_eq!(r.rating, Rating::Easy);
        assert!(r.is_correct());
    }

    #[test]
    fn a_few_words_off_is_good_and_half_is_again() {
        let c = card("抢修人员已经出发去处理这个问题，请您稍等。", None);
        assert_eq!(check_recall(&c, "抢修人员已出发去处理这个问题，请您稍等").rating, Rating::Good);
        assert_eq!(check_recall(&c, "请您稍等").rating, Rating::Again);
    }

    #[test]
    fn saying_the_banned_phrase_is_always_a_miss() {
        let c = card("我来帮您联系负责的同事，请您稍等。", Some("这不归我管"));
        let r = check_recall(&c, "这不归我管，我来帮您联系负责的同事，请您稍等。");
        assert!(r.said_banned);
        assert_eq!(r.rating, Rating::Again);
    }
}
