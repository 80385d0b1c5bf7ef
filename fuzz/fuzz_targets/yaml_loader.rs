//! Arbitrary text as each YAML file a trainer can write: the standards catalogue, the
//! banned list (against the shipped catalogue), and a pack (through `Library::build`, the
//! app's path, with the shipped catalogue and banned list). Must never panic, hang or
//! overflow the stack; diagnostics are fine.
#![no_main]

use drill_core::load::{load_banned, load_catalogue, Library, Source};
use drill_core::scenario::{BannedList, Catalogue};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn shipped() -> &'static (Catalogue, BannedList) {
    static S: OnceLock<(Catalogue, BannedList)> = OnceLock::new();
    S.get_or_init(|| {
        let cat = load_catalogue(&Source::new("standards.yaml", include_str!("../../scenarios/standards.yaml")))
            .expect("shipped standards");
        let banned = load_banned(&Source::new("banned.yaml", include_str!("../../scenarios/banned.yaml")), &cat)
            .expect("shipped banned");
        (cat, banned)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (cat, banned) = shipped();
    let src = Source::new("fuzz.yaml", text);
    if let Ok(c) = load_catalogue(&src) {
        let _ = load_banned(&src, &c);
    }
    let _ = load_banned(&src, cat);
    let lib = Library::build(cat.clone(), banned.clone(), std::slice::from_ref(&src));
    // A pack that loaded must be playable: score every item with an empty-ish answer.
    for pack in &lib.packs {
        for item in &pack.items {
            let answer = match &item.body {
                drill_core::scenario::ItemBody::Choice(_) => drill_core::score::Answer::Choice { option: 0 },
                drill_core::scenario::ItemBody::Multi(_) => drill_core::score::Answer::Multi { selected: vec![0] },
                drill_core::scenario::ItemBody::Order(o) => {
                    drill_core::score::Answer::Order { order: (0..o.steps.len()).rev().collect() }
                }
                drill_core::scenario::ItemBody::Reply(r) => {
                    drill_core::score::Answer::Reply { text: r.model_answer.clone() }
                }
                drill_core::scenario::ItemBody::Dialogue(_) => {
                    drill_core::score::Answer::Dialogue { path: vec![0, 0, 0, 0] }
                }
            };
            let o = drill_core::score::score(item, &answer, &lib.taboo);
            assert!(o.points >= 0.0 && o.points <= o.max + 1e-9, "score out of range: {o:?}");
        }
    }
});
