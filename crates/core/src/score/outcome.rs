//! What scoring returns: a structured result the UI renders and results files store.

use crate::from_json::{keywords, read_struct};
use crate::points::{clamp, hundredths};
use crate::scenario::{Points, RuleId};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Full marks.
    Correct,
    /// Some but not all points.
    Partial,
    /// No points.
    Wrong,
}

impl Verdict {
    /// How JSON spells it (serde's `snake_case`; its `FromJson`, below, reads it back).
    pub fn keyword(self) -> &'static str {
        match self {
            Verdict::Correct => "correct",
            Verdict::Partial => "partial",
            Verdict::Wrong => "wrong",
        }
    }

    pub fn from_points(points: Points, max: Points) -> Verdict {
        if max > 0.0 && points >= max - 1e-9 {
            Verdict::Correct
        } else if points > 1e-9 {
            Verdict::Partial
        } else {
            Verdict::Wrong
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Verdict::Correct => "正确",
            Verdict::Partial => "部分正确",
            Verdict::Wrong => "错误",
        }
    }
}

/// Whether a finding is something done right or something to fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// The answer follows the rule.
    Follows,
    /// Something the rule asks for is missing.
    Missing,
    /// The answer breaks the rule (wrong choice, banned phrase, requirement not met).
    Breaks,
}

impl FindingKind {
    /// How JSON spells it (serde's `snake_case`; its `FromJson`, below, reads it back).
    pub fn keyword(self) -> &'static str {
        match self {
            FindingKind::Follows => "follows",
            FindingKind::Missing => "missing",
            FindingKind::Breaks => "breaks",
        }
    }
}

/// One observation about an answer, tied to a rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub kind: FindingKind,
    /// The rule followed or broken; feedback quotes its text from the catalogue.
    pub standard: Option<RuleId>,
    /// Feedback in Chinese.
    pub message: String,
    /// Points this finding earned (positive) or cost (negative).
    pub points: Points,
    /// The words in the trainee's answer this is about (a banned phrase as typed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The standard wording to use instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instead: Option<String>,
}

/// The scored answer to one item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub points: Points,
    pub max: Points,
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
}

impl Outcome {
    /// Builds an outcome, rounding points to hundredths and clamping them into `[0, max]`
    /// (in that order: a maximum off the hundredths grid, e.g. 10.0777 in a hand-edited
    /// `content.json`, must not be exceeded by rounding; found by fuzzing).
    pub fn new(points: Points, max: Points, findings: Vec<Finding>) -> Outcome {
        let points = clamp(hundredths(points), max);
        Outcome { points, max, verdict: Verdict::from_points(points, max), findings }
    }

    /// Rule ids this answer broke or missed: what the trainee should work on.
    pub fn weak_rules(&self) -> impl Iterator<Item = &str> {
        self.findings.iter().filter(|f| f.kind != FindingKind::Follows).filter_map(|f| f.standard.as_deref())
    }
}

// Read back by hand (`crate::from_json` says why); serde's `Serialize` above writes them.

keywords!(Verdict, [Verdict::Correct, Verdict::Partial, Verdict::Wrong], Verdict::keyword);

keywords!(FindingKind, [FindingKind::Follows, FindingKind::Missing, FindingKind::Breaks], FindingKind::keyword);

read_struct!(Finding { kind: req, standard: opt, message: req, points: req, quote: opt, instead: opt });

read_struct!(Outcome { points: req, max: req, verdict: req, findings: req });

#[cfg(test)]
mod tests {
    use super::*;
    use crate::from_json::FromJson;
    use serde_json::json;

    /// Reads a `T` from `value` (as text, parsed the way the app parses).
    fn read<T: FromJson>(value: serde_json::Value) -> Result<T, String> {
        let text = value.to_string();
        crate::from_json::read(crate::from_json::parse(&text).expect("JSON"))
    }

    #[test]
    fn outcomes_keep_every_finding() {
        let outcome = Outcome::new(
            1.5,
            2.0,
            vec![
                Finding {
                    kind: FindingKind::Follows,
                    standard: Some("A.B".into()),
                    message: "好".into(),
                    points: 1.5,
                    quote: Some("您好".into()),
                    instead: None,
                },
                Finding {
                    kind: FindingKind::Breaks,
                    standard: None,
                    message: "忌语".into(),
                    points: -0.5,
                    quote: None,
                    instead: Some("请稍候".into()),
                },
                Finding {
                    kind: FindingKind::Missing,
                    standard: Some("C.D".into()),
                    message: "缺".into(),
                    points: 0.0,
                    quote: None,
                    instead: None,
                },
            ],
        );
        assert_eq!(read::<Outcome>(serde_json::to_value(&outcome).unwrap()), Ok(outcome));
        assert_eq!(
            read::<Outcome>(json!({ "points": 1, "max": 2, "verdict": "meh", "findings": [] })),
            Err("verdict：未知取值 \"meh\"（应为 correct、partial、wrong）".to_owned())
        );
    }
}
