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
    /// Context rules (`contexts:`): when a hit is not a banned use after all. Applied to
    /// every phrase unless a rule names the phrases it is for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contexts: Vec<ContextRule>,
}

/// A context rule: a regular pattern of Chinese in which a banned wording is not said as a
/// refusal, a rebuke or a shirk (能不能 is a question, 不会让您白跑 a reassurance, 如果您不能
/// 亲自来 a condition). A hit of a phrase the rule applies to is dropped when the text around
/// it fits the rule. The words are normalised like everything else, and windows never reach
/// across punctuation of the rule's `scope`, so 如果没带证件，我们不能办 is still a refusal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContextRule {
    /// Stable id, e.g. `question.a-not-a`; shown by `drill scan` when a rule excuses nothing.
    pub id: String,
    pub kind: ContextKind,
    /// `false` (the default): a hit that fits is let through (an exception). `true`: a
    /// requirement: a hit of the phrases it applies to counts only when it fits at least one
    /// of their required rules (不会 is a refusal only before a service verb or at the end of
    /// the clause: 我们不会派人的, 这个我不会。), and then still only if no exception fits.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// Ids of the phrases it applies to (`refuse.*` for every id starting with `refuse.`);
    /// empty: every phrase.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phrases: Vec<String>,
    /// Words before the hit (`right_before`: touching it; `in_clause`: within the window).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub before: Vec<String>,
    /// Words after the hit (`right_after`: touching it; `in_clause`: within the window). A
    /// word ending in `$` must also end its clause (不会的。); `$` alone: the clause ends
    /// right after the hit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<String>,
    /// Fillers that may stand between the hit and a `right_before`/`right_after` word
    /// (不会**再**让您, 不会**给您**多收).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skip: Vec<String>,
    /// `in_clause`: a word found with one of these between it and the hit does not count
    /// (如果没带证件**就**不能办 is a condition followed by a refusal).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unless: Vec<String>,
    pub scope: Scope,
    /// `in_clause`: how many characters (normalised) before and after the hit are searched.
    pub window: u32,
    /// What the pattern is and why it is not a banned use (shown to trainers).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl ContextRule {
    /// Whether the rule applies to the phrase with this id.
    pub fn applies_to(&self, id: &str) -> bool {
        self.phrases.is_empty()
            || self.phrases.iter().any(|p| match p.strip_suffix('*') {
                Some(prefix) => id.starts_with(prefix),
                None => p == id,
            })
    }
}

/// The kinds of context rule (docs/FORMAT.md, "语境规则").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContextKind {
    /// 正反问 (A不A, A没A, AB不AB): the hit starts with 不 or 没 and the one or two
    /// characters before it repeat the ones after the negation: 能不能, 可不可以, 有没有办法,
    /// 可以不可以, 是不是我们的问题. Needs no words.
    ANotA,
    /// One of `before` touches the hit on the left (fillers in `skip` may stand between).
    RightBefore,
    /// One of `after` touches the hit on the right (fillers in `skip` may stand between).
    RightAfter,
    /// One of `before` within `window` characters before the hit and/or one of `after`
    /// within `window` after it, in the same clause or sentence (`scope`); every list given
    /// must find a word.
    InClause,
}

impl ContextKind {
    pub const ALL: [ContextKind; 4] =
        [ContextKind::ANotA, ContextKind::RightBefore, ContextKind::RightAfter, ContextKind::InClause];

    /// How YAML and JSON spell it.
    pub fn keyword(self) -> &'static str {
        match self {
            ContextKind::ANotA => "a_not_a",
            ContextKind::RightBefore => "right_before",
            ContextKind::RightAfter => "right_after",
            ContextKind::InClause => "in_clause",
        }
    }
}

/// How far a context rule's window reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Stops at any punctuation (，、：。！？；…): one clause.
    Clause,
    /// Stops only at the end of a sentence (。！？； and line breaks): 不管…，都….
    Sentence,
}

impl Scope {
    pub const ALL: [Scope; 2] = [Scope::Clause, Scope::Sentence];

    pub fn keyword(self) -> &'static str {
        match self {
            Scope::Clause => "clause",
            Scope::Sentence => "sentence",
        }
    }
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

read_struct!(BannedList { phrases: req, contexts: opt });

keywords!(ContextKind, ContextKind::ALL, ContextKind::keyword);
keywords!(Scope, Scope::ALL, Scope::keyword);

read_struct!(ContextRule {
    id: req,
    kind: req,
    required: opt,
    phrases: opt,
    before: opt,
    after: opt,
    skip: opt,
    unless: opt,
    scope: req,
    window: req,
    note: opt
});
