//! The JSON Schema of a pack file (`schema/pack.schema.json`), generated from the types
//! below with `schemars` — `drill schema` prints it, and every shipped pack's first line
//! points an editor at it (`# yaml-language-server: $schema=../schema/pack.schema.json`) for
//! completion, hover text and red squiggles while a trainer types.
//!
//! The loader (`crate::load`) does not deserialize into typed structs: it reads a positioned
//! YAML tree field by field so it can report every mistake at its line and column. These
//! types are therefore a thin mirror of what a trainer writes — same field names, kinds and
//! keywords — and `tests/schema.rs` proves that, for every place a field can go, the loader
//! and the schema accept exactly the same field names. The schema is the editor's help; the
//! loader (and `drill check`) remains the judge: graph checks, rule ids and maximum points
//! are not expressible here.
//!
//! Native only (not in the wasm bundle): the app never needs the schema.

use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// The schema as pretty JSON with a trailing newline, exactly as shipped in
/// `schema/pack.schema.json`.
pub fn pack_schema_json() -> String {
    let schema = schemars::schema_for!(PackFile);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serializes");
    text.push('\n');
    text
}

/// 题包文件：一组题目。格式说明见 docs/FORMAT.md。
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "服务演练 题包文件")]
pub struct PackFile {
    /// 格式版本，目前只能写 1。
    #[schemars(extend("const" = 1))]
    pub version: u32,
    /// 题包编号，全局唯一，只用小写字母、数字和 -（例如 repair-basics）。
    #[schemars(regex(pattern = r"^[a-z0-9-]+$"))]
    pub id: String,
    /// 题包标题，显示在题包列表中。
    pub title: String,
    /// 题包类别。
    pub category: PackCategory,
    /// 一句话介绍（可选）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// 及格线：占本包满分的百分比（0–100）。
    #[schemars(range(min = 0, max = 100))]
    pub pass_mark: f64,
    /// 题目列表，至少一道。
    #[schemars(length(min = 1))]
    pub items: Vec<Item>,
}

/// 题包类别：etiquette 迎送礼仪 | triage 分流导办与一站式服务 | counter 柜台业务 | taboo 服务忌语 | emotion 客户情绪处理 | hotline 95598 接听规范 | repair 故障报修 | complaint 投诉、建议与回访
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PackCategory {
    /// 迎送礼仪
    Etiquette,
    /// 分流导办与一站式服务
    Triage,
    /// 柜台业务
    Counter,
    /// 服务忌语
    Taboo,
    /// 客户情绪处理
    Emotion,
    /// 95598 接听规范
    Hotline,
    /// 故障报修
    Repair,
    /// 投诉、建议与回访
    Complaint,
}

/// 一道题。`kind` 决定还能写哪些字段：choice 单选 · multi 多选 · order 排序 · reply 应答 · dialogue 情景对话。
#[derive(Debug, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Item {
    /// 单选题：每个选项有自己的分数和反馈，满分 = 选项中的最高分。
    Choice(ChoiceItem),
    /// 多选题：选出所有正确项。每选对一项得 points ÷ 正确项数，每选错一项扣同样的分。
    Multi(MultiItem),
    /// 排序题：steps 按正确顺序书写，练习时打乱。
    Order(OrderItem),
    /// 应答题：学员自己输入，按要点计分，忌语扣分。
    Reply(ReplyItem),
    /// 情景对话：客户说一句，学员选一个回答，走到结局为止。
    Dialogue(DialogueItem),
}

/// The fields every item has, then the kind's own fields (the loader reads items flat too).
macro_rules! item_struct {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* pub $field:ident : $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Serialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// 题目编号，所有题包中唯一；小写字母、数字、-（例如 repair-ask-scope）。
            #[schemars(regex(pattern = r"^[a-z0-9-]+$"))]
            pub id: String,
            /// 本题考查的规范编号列表，至少一个，必须在 standards.yaml 中（例如 [REPAIR.ASK]）。
            #[schemars(length(min = 1))]
            pub standards: Vec<String>,
            /// 题干：情景或客户说的话。
            pub prompt: String,
            /// 情景说明，显示在题干之前（可选）。
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub context: Option<String>,
            /// 声明本题满分（可选）；写了就必须与实际可得最高分一致。multi、order 题默认 10。
            #[serde(default, skip_serializing_if = "Option::is_none")]
            #[schemars(range(min = 0))]
            pub points: Option<f64>,
            $($(#[$fmeta])* pub $field: $ty,)*
        }
    };
}

item_struct! {
    /// 单选题。
    ChoiceItem {
        /// 选项列表：每项有 text、score，最好写 feedback。
        #[schemars(length(min = 1))]
        pub options: Vec<ChoiceOption>,
    }
}

item_struct! {
    /// 多选题。
    MultiItem {
        /// 选项列表：每项有 text 和 correct（true / false），至少一项 correct: true。
        #[schemars(length(min = 1))]
        pub options: Vec<MultiOption>,
    }
}

item_struct! {
    /// 排序题。
    OrderItem {
        /// 步骤，按正确顺序书写，至少两步，文字各不相同。
        #[schemars(length(min = 2))]
        pub steps: Vec<String>,
        /// 答题后显示的说明（可选）。
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub feedback: Option<String>,
    }
}

item_struct! {
    /// 应答题。
    ReplyItem {
        /// 计分要点：回答中出现 any 中任意一种说法即得该要点分。满分 = 各要点分数之和。
        #[schemars(length(min = 1))]
        pub elements: Vec<Element>,
        /// 参考答案：必须能拿满分，且不得含忌语。
        pub model_answer: String,
        /// 答题后显示的说明（可选）。
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub feedback: Option<String>,
    }
}

item_struct! {
    /// 情景对话。满分 = 所有走得通的路径中的最高总分（自动计算）。
    DialogueItem {
        /// 客户情绪的刻度（可选），默认 { start: 0, min: -3, max: 3 }。
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub mood: Option<Mood>,
        /// 开场节点的名字，必须是 nodes 中的一个。
        pub start: String,
        /// 对话节点：节点名 → 节点。节点名自取（英文、数字、_）。
        pub nodes: BTreeMap<String, DialogueNode>,
    }
}

/// 单选题的选项。
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    /// 选项文字。
    pub text: String,
    /// 选这一项得的分数（不能为负；错误选项写 0）。
    #[schemars(range(min = 0))]
    pub score: f64,
    /// 选这一项后显示的反馈：为什么对或错。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
    /// 本选项遵守或违反的规范编号（可选，默认用题目的）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standards: Option<Vec<String>>,
}

/// 多选题的选项。
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MultiOption {
    /// 选项文字。
    pub text: String,
    /// 是否是正确项：只能写 true 或 false。
    pub correct: bool,
    /// 反馈（可选）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
}

/// 应答题的计分要点。
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Element {
    /// 要点名称，例如“致歉”。
    pub name: String,
    /// 几种说法，回答中出现任意一种即得分，例如 [抱歉, 对不起]。
    #[schemars(length(min = 1))]
    pub any: Vec<String>,
    /// 该要点的分数。
    #[schemars(range(min = 0))]
    pub points: f64,
    /// 该要点对应的规范编号（单数，可选；默认用题目的第一个规范）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    /// 没答到时给学员的提示（可选）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// 情绪刻度：开始值、下限、上限（整数）。
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mood {
    /// 初始情绪，默认 0。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<i64>,
    /// 下限，默认 -3。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// 上限，默认 3。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
}

/// 对话节点：客户说的话和学员可选的回答（options）；或者没有回答、只有结局（ending）。
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("oneOf" = [{ "required": ["options"] }, { "required": ["ending"] }]))]
pub struct DialogueNode {
    /// 客户说的话。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    /// 旁白，例如“客户语气很急。”（可选）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub narration: Option<String>,
    /// 学员可选的回答。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<DialogueOption>>,
    /// 结局：写了结局的节点不再有回答。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ending: Option<Ending>,
}

/// 对话中的一个回答。
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DialogueOption {
    /// 回答文字。
    pub text: String,
    /// 选这个回答得的分数（不能为负；要扣分用 requires 的 penalty）。
    #[schemars(range(min = 0))]
    pub score: f64,
    /// 反馈：为什么这样回答好或不好。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
    /// 本回答遵守或违反的规范编号（可选）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standards: Option<Vec<String>>,
    /// 对客户情绪的影响（整数，例如 1 或 -1；默认 0）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mood: Option<i64>,
    /// 下一个节点的名字。
    pub next: String,
    /// 按情绪或条件改走别的节点，依次判断（可选）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branches: Option<Vec<Branch>>,
    /// 选了这个回答后记下的条件，供 requires 和 has / lacks 使用。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sets: Option<Vec<String>>,
    /// 选这个回答时必须已经满足的条件；未满足则扣分。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires: Option<Vec<Requirement>>,
}

/// 分支：条件成立时改走 next 指向的节点。
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    /// 条件，恰好写一项。
    pub when: Condition,
    /// 条件成立时去的节点。
    pub next: String,
}

/// 分支条件：mood_at_most、mood_at_least、has、lacks 中恰好一项。
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("minProperties" = 1, "maxProperties" = 1))]
pub struct Condition {
    /// 情绪不高于此值时。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mood_at_most: Option<i64>,
    /// 情绪不低于此值时。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mood_at_least: Option<i64>,
    /// 已经记下这个条件（sets）时。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has: Option<String>,
    /// 还没有记下这个条件时。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lacks: Option<String>,
}

/// 前提条件：选这个回答前必须已经 sets 过 flag，否则扣 penalty 分。
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// 必须已经记下的条件名（由某个回答的 sets 设置）。
    pub flag: String,
    /// 未满足时扣的分（可扣到负值，本题总分最低为 0）。
    #[schemars(range(min = 0))]
    pub penalty: f64,
    /// 未满足时的反馈。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
    /// 未满足时违反的规范编号（可选）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
}

/// 结局。
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    /// 发生了什么，例如“已派发抢修工单”。
    pub outcome: String,
    /// 结局好坏。
    pub result: EndingResult,
    /// 结局评语（可选）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
}

/// good 圆满处理 | partial 基本处理 | bad 处理失败
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EndingResult {
    /// 圆满处理
    Good,
    /// 基本处理
    Partial,
    /// 处理失败
    Bad,
}
