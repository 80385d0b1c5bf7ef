//! The validated, typed scenario model.
//!
//! Trainers write YAML (see `docs/FORMAT.md`); the loader (`crate::load`) reads it into
//! span-carrying raw structs, checks everything a trainer can get wrong, and only then builds
//! these types. Code past the loader (scoring, the UI, reports) can therefore rely on the
//! invariants listed on each type instead of re-checking them.

use crate::from_json::{keywords, read_struct, tagged_enum, Fields, FromJson, Json, Reader};
use serde::Serialize;
use std::collections::BTreeMap;

/// Empty and default fields are left out when serialised (`skip_serializing_if`): the model
/// travels to the app as `content.json` (`crate::bundle`), and every absent field is one
/// less to download and parse. Reading them back gives the same defaults.
fn is_zero(n: &i32) -> bool {
    *n == 0
}

/// A rule id from the standards catalogue, e.g. `REPAIR.ASK` or `BIZ.D`.
pub type RuleId = String;

pub use crate::points::Points;

/// The kind of a pack, used to group packs on the home page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PackCategory {
    /// 迎送礼仪: receiving and seeing off customers, distances, bows.
    Etiquette,
    /// 分流导办 and the one-stop hall.
    Triage,
    /// 四类业务 at the counter.
    Counter,
    /// 服务忌语: banned phrases and their standard replacements.
    Taboo,
    /// 客户情绪: angry or upset customers.
    Emotion,
    /// 95598 接听规范: the hotline.
    Hotline,
    /// 故障报修: repair-triage dialogues.
    Repair,
    /// 投诉、举报、建议与回访.
    Complaint,
}

impl PackCategory {
    pub const ALL: [PackCategory; 8] = [
        PackCategory::Etiquette,
        PackCategory::Triage,
        PackCategory::Counter,
        PackCategory::Taboo,
        PackCategory::Emotion,
        PackCategory::Hotline,
        PackCategory::Repair,
        PackCategory::Complaint,
    ];

    /// The Chinese heading shown in the app.
    pub fn label(self) -> &'static str {
        match self {
            PackCategory::Etiquette => "迎送礼仪",
            PackCategory::Triage => "分流导办与一站式服务",
            PackCategory::Counter => "柜台业务",
            PackCategory::Taboo => "服务忌语",
            PackCategory::Emotion => "客户情绪处理",
            PackCategory::Hotline => "95598 接听规范",
            PackCategory::Repair => "故障报修",
            PackCategory::Complaint => "投诉、建议与回访",
        }
    }

    /// The YAML keyword, as written in `category:`.
    pub fn keyword(self) -> &'static str {
        match self {
            PackCategory::Etiquette => "etiquette",
            PackCategory::Triage => "triage",
            PackCategory::Counter => "counter",
            PackCategory::Taboo => "taboo",
            PackCategory::Emotion => "emotion",
            PackCategory::Hotline => "hotline",
            PackCategory::Repair => "repair",
            PackCategory::Complaint => "complaint",
        }
    }
}

/// One scenario pack: a file in `scenarios/` listed by `index.yaml`.
///
/// Invariants (checked by the loader): item ids are unique across every loaded pack;
/// every cited rule id exists in the catalogue; `max_points() > 0`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pack {
    pub id: String,
    pub title: String,
    pub category: PackCategory,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Pass mark as a percentage of the pack's maximum (0–100).
    pub pass_mark: f64,
    pub items: Vec<Item>,
    /// Where the pack came from (file name), for messages.
    #[serde(default)]
    pub source: String,
}

impl Pack {
    pub fn max_points(&self) -> Points {
        self.items.iter().map(Item::max_points).sum()
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }
}

/// One question. `standards` lists the rule ids it tests (at least one).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub id: String,
    pub standards: Vec<RuleId>,
    /// The situation or the customer's line, shown above the answer area.
    pub prompt: String,
    /// Optional scene-setting shown before the prompt (who, where, what happened).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub context: String,
    pub body: ItemBody,
}

impl Item {
    /// The best score a trainee can reach on this item (computed once by the loader).
    pub fn max_points(&self) -> Points {
        match &self.body {
            ItemBody::Choice(c) => c.options.iter().map(|o| o.score).fold(0.0, f64::max),
            ItemBody::Multi(m) => m.points,
            ItemBody::Order(o) => o.points,
            ItemBody::Reply(r) => r.elements.iter().map(|e| e.points).sum(),
            ItemBody::Dialogue(d) => d.max_points,
        }
    }

    pub fn kind(&self) -> ItemKind {
        match &self.body {
            ItemBody::Choice(_) => ItemKind::Choice,
            ItemBody::Multi(_) => ItemKind::Multi,
            ItemBody::Order(_) => ItemKind::Order,
            ItemBody::Reply(_) => ItemKind::Reply,
            ItemBody::Dialogue(_) => ItemKind::Dialogue,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Choice,
    Multi,
    Order,
    Reply,
    Dialogue,
}

impl ItemKind {
    /// How JSON spells it (serde's `snake_case`; its `FromJson`, below, reads it back).
    pub fn keyword(self) -> &'static str {
        match self {
            ItemKind::Choice => "choice",
            ItemKind::Multi => "multi",
            ItemKind::Order => "order",
            ItemKind::Reply => "reply",
            ItemKind::Dialogue => "dialogue",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ItemKind::Choice => "单选",
            ItemKind::Multi => "多选",
            ItemKind::Order => "排序",
            ItemKind::Reply => "应答",
            ItemKind::Dialogue => "情景对话",
        }
    }
}

/// Serialised internally tagged (`{"kind": "choice", "options": …}`); read back by its
/// `FromJson` (below), which takes `kind` wherever it is in the object.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ItemBody {
    Choice(Choice),
    Multi(Multi),
    Order(Order),
    Reply(Reply),
    Dialogue(Dialogue),
}

/// Pick one reply. Each option carries its own score, so a polite but incomplete reply
/// can earn part of the points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    pub options: Vec<ChoiceOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceOption {
    pub text: String,
    pub score: Points,
    pub feedback: String,
    /// Rule ids this option follows (positive score) or breaks (zero / low score).
    /// Empty means "the item's standards".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub standards: Vec<RuleId>,
}

/// Select all that apply. Score = points × (right picks − wrong picks) / number correct,
/// floored at 0. See `docs/FORMAT.md`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Multi {
    pub options: Vec<MultiOption>,
    pub points: Points,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MultiOption {
    pub text: String,
    pub correct: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub feedback: String,
}

/// Put steps in order. `steps` is written in the correct order; the app shuffles them.
/// Score = points × (pairs in the right relative order) / (all pairs).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Order {
    pub steps: Vec<String>,
    pub points: Points,
    /// Explanation shown after answering.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub feedback: String,
}

/// Free-text reply, scored by required elements and the banned-phrase list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reply {
    pub elements: Vec<Element>,
    pub model_answer: String,
    /// General explanation shown with the model answer.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub feedback: String,
}

/// Something a good reply must contain, in any of several wordings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Element {
    /// Short Chinese name shown in feedback, e.g. "致歉".
    pub name: String,
    /// Alternative wordings; any one counts. Matched after normalisation.
    pub any: Vec<String>,
    pub points: Points,
    /// The rule this element implements; defaults to the item's first standard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<RuleId>,
    /// Shown when the element is missing.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hint: String,
}

/// A branching conversation. Invariants: `start` and every `next` name a node; every node
/// is reachable; every path ends at an ending node; the graph has no cycle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dialogue {
    pub start: String,
    pub mood: MoodScale,
    pub nodes: BTreeMap<String, Node>,
    /// Best total over all playable paths (computed by the loader).
    pub max_points: Points,
}

/// The customer's mood: starts at `start`, each reply moves it, clamped to `[min, max]`.
/// Shown as a gauge; branches and endings can depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MoodScale {
    pub start: i32,
    pub min: i32,
    pub max: i32,
}

impl Default for MoodScale {
    fn default() -> Self {
        MoodScale { start: 0, min: -3, max: 3 }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    /// What the customer says at this point (may be empty on an ending).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub customer: String,
    /// Stage direction or narration, e.g. "客户的声音明显提高了".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub narration: String,
    pub step: NodeStep,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeStep {
    Options(Vec<DialogueOption>),
    Ending(Ending),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DialogueOption {
    pub text: String,
    pub score: Points,
    pub feedback: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub standards: Vec<RuleId>,
    /// Change to the customer's mood (e.g. +1, -2).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub mood: i32,
    /// Default next node.
    pub next: String,
    /// Conditional next nodes, tried in order before `next`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub branches: Vec<Branch>,
    /// Facts this reply establishes, e.g. `asked_scope`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sets: Vec<String>,
    /// Facts that must already hold when this reply is chosen; each missing one costs
    /// its penalty and produces its feedback ("must ask the outage scope first").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<Requirement>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Branch {
    pub when: Condition,
    pub next: String,
}

/// A condition on the conversation state after the reply's mood change and `sets`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    MoodAtMost(i32),
    MoodAtLeast(i32),
    Has(String),
    Lacks(String),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Requirement {
    pub flag: String,
    pub penalty: Points,
    pub feedback: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<RuleId>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ending {
    /// What happened, e.g. "已派发抢修工单", "客户投诉升级".
    pub outcome: String,
    pub result: EndingResult,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub feedback: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EndingResult {
    Good,
    Partial,
    Bad,
}

impl EndingResult {
    /// How JSON spells it (serde's `snake_case`; its `FromJson`, below, reads it back).
    pub fn keyword(self) -> &'static str {
        match self {
            EndingResult::Good => "good",
            EndingResult::Partial => "partial",
            EndingResult::Bad => "bad",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EndingResult::Good => "圆满处理",
            EndingResult::Partial => "基本处理",
            EndingResult::Bad => "处理失败",
        }
    }
}

// Read back by hand (`crate::from_json` says why); serde's `Serialize` above writes them.

keywords!(PackCategory, PackCategory::ALL, PackCategory::keyword);

keywords!(
    ItemKind,
    [ItemKind::Choice, ItemKind::Multi, ItemKind::Order, ItemKind::Reply, ItemKind::Dialogue],
    ItemKind::keyword
);

keywords!(EndingResult, [EndingResult::Good, EndingResult::Partial, EndingResult::Bad], EndingResult::keyword);

read_struct!(Pack { id: req, title: req, category: req, description: opt, pass_mark: req, items: req, source: opt });

read_struct!(Item { id: req, standards: req, prompt: req, context: opt, body: req });

/// `{"kind": "choice", …}`: the kind names the variant, the other fields are its struct's.
impl FromJson for ItemBody {
    fn from_json(value: Json<'_>, r: &mut Reader) -> ItemBody {
        let mut f = Fields::new(value, r);
        match f.req::<ItemKind>("kind") {
            ItemKind::Choice => ItemBody::Choice(Choice { options: f.req("options") }),
            ItemKind::Multi => ItemBody::Multi(Multi { options: f.req("options"), points: f.req("points") }),
            ItemKind::Order => {
                ItemBody::Order(Order { steps: f.req("steps"), points: f.req("points"), feedback: f.opt("feedback") })
            }
            ItemKind::Reply => ItemBody::Reply(Reply {
                elements: f.req("elements"),
                model_answer: f.req("model_answer"),
                feedback: f.opt("feedback"),
            }),
            ItemKind::Dialogue => ItemBody::Dialogue(Dialogue {
                start: f.req("start"),
                mood: f.req("mood"),
                nodes: f.req("nodes"),
                max_points: f.req("max_points"),
            }),
        }
    }
}

read_struct!(ChoiceOption { text: req, score: req, feedback: req, standards: opt });

read_struct!(MultiOption { text: req, correct: req, feedback: opt });

read_struct!(Element { name: req, any: req, points: req, standard: opt, hint: opt });

read_struct!(MoodScale { start: req, min: req, max: req });

read_struct!(Node { customer: opt, narration: opt, step: req });

// `{"options": […]}` or `{"ending": {…}}`.
tagged_enum!(NodeStep { "ending" => Ending, "options" => Options } else NodeStep::Options(Vec::new()));

read_struct!(DialogueOption {
    text: req,
    score: req,
    feedback: req,
    standards: opt,
    mood: opt,
    next: req,
    branches: opt,
    sets: opt,
    requires: opt
});

read_struct!(Branch { when: req, next: req });

// `{"mood_at_most": -1}`, `{"has": "flag"}`, ….
tagged_enum!(Condition {
    "mood_at_most" => MoodAtMost,
    "mood_at_least" => MoodAtLeast,
    "has" => Has,
    "lacks" => Lacks,
} else Condition::Has(String::new()));

read_struct!(Requirement { flag: req, penalty: req, feedback: req, standard: opt });

read_struct!(Ending { outcome: req, result: req, feedback: opt });
