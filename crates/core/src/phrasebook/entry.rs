//! Phrasebook content.
//!
//! Two kinds of card are drilled: a standard line recalled from its situation ("客户来电报修，
//! 询问停电范围" → "您那里只有您一家停电了，还是单元楼、整个小区都停电了？"), and a banned
//! phrase turned into the standard wording (from `banned.yaml`, so the two never drift).

use crate::from_json::{keywords, read_struct};
use crate::scenario::{BannedList, RuleId};
use serde::{Deserialize, Serialize};

/// Where a line is used; the phrasebook is browsed by these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Situation {
    /// 营业厅迎送.
    Hall,
    /// 柜台服务.
    Counter,
    /// 电话开头与结束.
    PhoneOpening,
    /// 故障报修.
    Repair,
    /// 投诉举报.
    Complaint,
    /// 建议处理.
    Suggestion,
    /// 回访.
    Callback,
    /// 特殊来电.
    SpecialCalls,
}

impl Situation {
    pub const ALL: [Situation; 8] = [
        Situation::Hall,
        Situation::Counter,
        Situation::PhoneOpening,
        Situation::Repair,
        Situation::Complaint,
        Situation::Suggestion,
        Situation::Callback,
        Situation::SpecialCalls,
    ];

    /// How JSON spells it (serde's `snake_case`; its `FromJson`, below, reads it back).
    pub fn keyword(self) -> &'static str {
        match self {
            Situation::Hall => "hall",
            Situation::Counter => "counter",
            Situation::PhoneOpening => "phone_opening",
            Situation::Repair => "repair",
            Situation::Complaint => "complaint",
            Situation::Suggestion => "suggestion",
            Situation::Callback => "callback",
            Situation::SpecialCalls => "special_calls",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Situation::Hall => "营业厅迎送",
            Situation::Counter => "柜台服务",
            Situation::PhoneOpening => "电话开头与结束",
            Situation::Repair => "故障报修",
            Situation::Complaint => "投诉举报",
            Situation::Suggestion => "建议处理",
            Situation::Callback => "回访",
            Situation::SpecialCalls => "特殊来电",
        }
    }
}

/// One standard line, as written in `scenarios/phrasebook.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseEntry {
    /// Stable id (progress is kept by it), e.g. `repair-scope`.
    pub id: String,
    pub situation: Situation,
    /// When the line is said, shown as the drill prompt.
    pub cue: String,
    /// The standard line.
    pub line: String,
    /// The rule it comes from.
    pub standard: RuleId,
}

/// `scenarios/phrasebook.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhrasebookFile {
    pub version: u32,
    pub entries: Vec<PhraseEntry>,
}

/// Something to drill: a prompt and the line to recall.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    /// `line:<entry id>` or `banned:<phrase id>`; progress is stored under it.
    pub id: String,
    pub situation: Situation,
    pub prompt: String,
    pub answer: String,
    pub standard: RuleId,
    /// For banned-phrase cards: the phrase not to say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avoid: Option<String>,
}

/// All cards, in a stable order: standard lines by situation, then banned phrases.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Phrasebook {
    pub cards: Vec<Card>,
}

impl Phrasebook {
    pub fn new(file: &PhrasebookFile, banned: &BannedList) -> Phrasebook {
        let lines = file.entries.iter().map(|e| Card {
            id: format!("line:{}", e.id),
            situation: e.situation,
            prompt: e.cue.clone(),
            answer: e.line.clone(),
            standard: e.standard.clone(),
            avoid: None,
        });
        let taboo = banned.phrases.iter().map(|p| Card {
            id: format!("banned:{}", p.id),
            situation: situation_of_rule(&p.standard),
            prompt: format!("不说“{}”，规范的说法是？", p.phrase),
            answer: p.instead.clone(),
            standard: p.standard.clone(),
            avoid: Some(p.phrase.clone()),
        });
        Phrasebook { cards: lines.chain(taboo).collect() }
    }

    pub fn card(&self, id: &str) -> Option<&Card> {
        self.cards.iter().find(|c| c.id == id)
    }

    /// Cards of one situation, standard lines first.
    pub fn by_situation(&self, situation: Situation) -> impl Iterator<Item = &Card> {
        self.cards.iter().filter(move |c| c.situation == situation)
    }
}

/// Files a banned phrase under the situation its rule belongs to.
fn situation_of_rule(rule: &str) -> Situation {
    let prefix = rule.split('.').next().unwrap_or_default();
    match prefix {
        "HALL" | "TRIAGE" | "ONESTOP" => Situation::Hall,
        "CALL" => Situation::PhoneOpening,
        "REPAIR" => Situation::Repair,
        "COMPLAINT" => Situation::Complaint,
        "SUGGEST" => Situation::Suggestion,
        "FOLLOWUP" => Situation::Callback,
        _ => Situation::Counter,
    }
}

// Read back by hand from `content.json` (`crate::from_json` says why); serde's derived
// `Deserialize` above reads `phrasebook.yaml`.

keywords!(Situation, Situation::ALL, Situation::keyword);

read_struct!(PhraseEntry { id: req, situation: req, cue: req, line: req, standard: req });

read_struct!(PhrasebookFile { version: req, entries: req });

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{BannedPhrase, Severity, TabooCategory};

    #[test]
    fn banned_phrases_become_cards_beside_their_replacement() {
        let file = PhrasebookFile {
            version: 1,
            entries: vec![PhraseEntry {
                id: "repair-scope".into(),
                situation: Situation::Repair,
                cue: "询问停电范围".into(),
                line: "您那里只有您一家停电了，还是单元楼、整个小区都停电了？".into(),
                standard: "REPAIR.ASK".into(),
            }],
        };
        let banned = BannedList {
            phrases: vec![BannedPhrase {
                id: "shirk.notmine".into(),
                phrase: "这不归我管".into(),
                variants: vec![],
                standard: "ONESTOP.FIRST".into(),
                category: TabooCategory::Shirking,
                severity: Severity::Major,
                allow: vec![],
                instead: "我来帮您联系负责的同事。".into(),
                note: String::new(),
            }],
            contexts: vec![],
        };
        let book = Phrasebook::new(&file, &banned);
        assert_eq!(book.cards.len(), 2);
        assert_eq!(book.cards[0].id, "line:repair-scope");
        let taboo = book.card("banned:shirk.notmine").unwrap();
        assert_eq!(taboo.avoid.as_deref(), Some("这不归我管"));
        assert_eq!(taboo.answer, "我来帮您联系负责的同事。");
        assert_eq!(taboo.situation, Situation::Hall);
    }
}
