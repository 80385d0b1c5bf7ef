//! The banned-phrase list (`scenarios/banned.yaml`): 服务忌语 with their variants, the rule
//! they break, exceptions and the standard wording to use instead. It is applied to every
//! `reply` item and doubles as phrasebook content.

use crate::from_json::{keywords, read_struct};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BannedPhrase {
    /// Stable id, e.g. `refuse.buneng`.
    pub id: String,
    /// The phrase as usually said, e.g. "不能".
    pub phrase: String,
    /// Other wordings caught as the same phrase.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    /// The rule it breaks, e.g. `BIZ.D` or `TALK.TABOO`.
    pub standard: String,
    pub category: TabooCategory,
    pub severity: Severity,
    /// Wordings in which a hit is allowed: a hit lying inside an occurrence of one of these
    /// is not reported (the standards ban 不能 as a refusal but their own model line says
    /// 我们还无法提供…; 不属于 is banned as shirking but 不属于供电局维修范围 is the model line).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<String>,
    /// The standard wording to use instead.
    pub instead: String,
    /// Why it is banned, in a sentence.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl BannedPhrase {
    /// The phrase followed by its variants.
    pub fn wordings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.phrase.as_str()).chain(self.variants.iter().map(String::as_str))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TabooCategory {
    /// 生硬拒绝 (不能, 不行, 办不了).
    Refusing,
    /// 反问、质问 (你没看见吗?).
    Rhetorical,
    /// 不耐烦 (快点说, 我已经说过了).
    Impatient,
    /// 推诿 (这不归我管, 你去找别人).
    Shirking,
    /// 粗鲁、训斥 (你懂不懂啊).
    Rude,
    /// 术语 that customers do not understand.
    Jargon,
}

impl TabooCategory {
    /// How JSON spells it (serde's `snake_case`; its `FromJson`, below, reads it back).
    pub fn keyword(self) -> &'static str {
        match self {
            TabooCategory::Refusing => "refusing",
            TabooCategory::Rhetorical => "rhetorical",
            TabooCategory::Impatient => "impatient",
            TabooCategory::Shirking => "shirking",
            TabooCategory::Rude => "rude",
            TabooCategory::Jargon => "jargon",
        }
    }

    pub const ALL: [TabooCategory; 6] = [
        TabooCategory::Refusing,
        TabooCategory::Rhetorical,
        TabooCategory::Impatient,
        TabooCategory::Shirking,
        TabooCategory::Rude,
        TabooCategory::Jargon,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TabooCategory::Refusing => "生硬拒绝",
            TabooCategory::Rhetorical => "反问质问",
            TabooCategory::Impatient => "急躁不耐烦",
            TabooCategory::Shirking => "推诿搪塞",
            TabooCategory::Rude => "粗鲁训斥",
            TabooCategory::Jargon => "专业术语",
        }
    }
}

/// How much a banned phrase costs in a `reply` item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Costs a quarter of the item's points.
    Minor,
    /// Costs half of the item's points.
    Major,
    /// The reply scores zero: said to a customer, it is a service failure.
    Critical,
}

impl Severity {
    /// How JSON spells it (serde's `snake_case`; its `FromJson`, below, reads it back).
    pub fn keyword(self) -> &'static str {
        match self {
            Severity::Minor => "minor",
            Severity::Major => "major",
            Severity::Critical => "critical",
        }
    }

    /// Share of the item's maximum deducted per distinct banned phrase.
    pub fn penalty_share(self) -> f64 {
        match self {
            Severity::Minor => 0.25,
            Severity::Major => 0.5,
            Severity::Critical => 1.0,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Severity::Minor => "轻微",
            Severity::Major => "较重",
            Severity::Critical => "严重",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BannedList {
    pub phrases: Vec<BannedPhrase>,
}

// Read back by hand (`crate::from_json` says why); serde's `Serialize` above writes them.

keywords!(TabooCategory, TabooCategory::ALL, TabooCategory::keyword);

keywords!(Severity, [Severity::Minor, Severity::Major, Severity::Critical], Severity::keyword);

read_struct!(BannedPhrase {
    id: req,
    phrase: req,
    variants: opt,
    standard: req,
    category: req,
    severity: req,
    allow: opt,
    instead: req,
    note: opt
});

read_struct!(BannedList { phrases: req });
