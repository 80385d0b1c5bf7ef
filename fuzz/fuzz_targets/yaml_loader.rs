//! Arbitrary text as each YAML file a trainer can write: the standards catalogue, the
//! banned list (against the shipped catalogue), and a pack (through `Library::build`, the
//! app's path, with the shipped catalogue and banned list). Must never panic, hang or
//! overflow the stack; diagnostics are fine.
#![no_main]

use libfuzzer_sys::fuzz_target;
use service_drill::load::{load_banned, load_catalogue, Library, Source};
use service_drill::scenario::{BannedList, Catalogue};
use std::sync::OnceLock;

fn shipped() -> &'static (Catalogue, BannedList) {
    static S: OnceLock<(Catalogue, BannedList)> = OnceLock::new();
    S.get_or_init(|| {
        let cat = load_catalogue(&Source::new("standards.yaml", include_str!("../../scenarios/standards.yaml"))).expect("shipped standards");
        let banned = load_banned(&Source::new("banned.yaml", include_str!("../../scenarios/banned.yaml")), &cat).expect("shipped banned");
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
                service_drill::scenario::ItemBody::Choice(_) => service_drill::score::Answer::Choice { option: 0 },
                service_drill::scenario::ItemBody::Multi(_) => service_drill::score::Answer::Multi { selected: vec![0] },
                service_drill::scenario::ItemBody::Order(o) => service_drill::score::Answer::Order { order: (0..o.steps.len()).rev().collect() },
                service_drill::scenario::ItemBody::Reply(r) => service_drill::score::Answer::Reply { text: r.model_answer.clone() },
                service_drill::scenario::ItemBody::Dialogue(_) => service_drill::score::Answer::Dialogue { path: vec![0, 0, 0, 0] },
            };
            let o = service_drill::score::score(item, &answer, &lib.taboo);
            assert!(o.points >= 0.0 && o.points <= o.max + 1e-9, "score out of range: {o:?}");
        }
    }
});
