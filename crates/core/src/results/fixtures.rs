//! A small pack and a store to answer it in, for the tests of progress and run summaries.

use super::store::{Attempt, PackRun, TraineeStore};
use crate::scenario::{Choice, ChoiceOption, Item, ItemBody, Pack, PackCategory};
use crate::score::{Answer, Finding, FindingKind, Outcome};

fn choice_item(id: &str, rules: &[&str]) -> Item {
    Item {
        id: id.into(),
        standards: rules.iter().map(|r| (*r).to_owned()).collect(),
        prompt: "p".into(),
        context: String::new(),
        body: ItemBody::Choice(Choice {
            options: vec![
                ChoiceOption { text: "a".into(), score: 10.0, feedback: String::new(), standards: vec![] },
                ChoiceOption { text: "b".into(), score: 0.0, feedback: String::new(), standards: vec![] },
                ChoiceOption { text: "c".into(), score: 4.0, feedback: String::new(), standards: vec![] },
            ],
        }),
    }
}

pub(super) fn pack() -> Pack {
    Pack {
        id: "p".into(),
        title: "T".into(),
        category: PackCategory::Repair,
        description: String::new(),
        pass_mark: 80.0,
        items: vec![choice_item("i1", &["A"]), choice_item("i2", &["A", "B"]), choice_item("i3", &["C"])],
        source: String::new(),
    }
}

pub(super) fn answer(store: &mut TraineeStore, run: &mut PackRun, item: &str, points: f64, findings: Vec<Finding>) {
    let outcome = Outcome::new(points, 10.0, findings);
    let i = store.record(Attempt {
        pack_id: "p".into(),
        item_id: item.into(),
        answer: Answer::Choice { option: 0 },
        outcome,
        started_ms: 0.0,
        answered_ms: 1.0,
    });
    run.answers.insert(item.into(), i);
}

pub(super) fn breaks(rule: &str) -> Finding {
    Finding {
        kind: FindingKind::Breaks,
        standard: Some(rule.into()),
        message: "x".into(),
        points: 0.0,
        quote: None,
        instead: None,
    }
}
