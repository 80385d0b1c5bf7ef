//! Arbitrary text as `content.json` (`bundle::open`, what the pages call on the file they
//! fetch) and as `packs.json` (`bundle::open_index`, the pack list the trainee page reads
//! before its first render). Must never panic; a bundle that opens must be playable — every
//! item scored with a few answers, every dialogue walked — and, written back, must open
//! again, its pack list too.
#![no_main]

use drill_core::bundle::{self, BundledPhrasebook, ContentBundle};
use drill_core::phrasebook::Phrasebook;
use drill_core::scenario::ItemBody;
use drill_core::score::dialogue::State;
use drill_core::score::{score, step_findings, Answer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(index) = bundle::open_index(text) {
        let back =
            bundle::open_index(&index.to_json()).expect("a pack list that opened must open again once written back");
        // The same list; numbers to within serde_json's parsing, which is not correctly
        // rounded for long decimals without its `float_roundtrip` feature (drill bundle warns
        // about that for content.json too).
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * a.abs().max(1.0);
        assert_eq!(
            (back.packs.len(), &back.broken, &back.warnings, &back.content_version),
            (index.packs.len(), &index.broken, &index.warnings, &index.content_version)
        );
        for (b, a) in back.packs.iter().zip(&index.packs) {
            assert_eq!(
                (&b.id, &b.title, b.category, &b.description, &b.items),
                (&a.id, &a.title, a.category, &a.description, &a.items)
            );
            assert!(close(b.pass_mark, a.pass_mark) && close(b.max_points, a.max_points), "{a:?} read back as {b:?}");
        }
    }
    let Ok(opened) = bundle::open(text) else { return };
    let list = bundle::PackIndex::of(&opened.library);
    assert!(bundle::open_index(&list.to_json()).is_ok(), "the pack list of a bundle that opened must open");
    let lib = &opened.library;
    for pack in &lib.packs {
        for item in &pack.items {
            let mut answers = vec![
                Answer::Choice { option: 0 },
                Answer::Multi { selected: vec![0] },
                Answer::Order { order: vec![1, 0] },
                Answer::Reply { text: "抱歉，这不能办".into() },
            ];
            if let ItemBody::Dialogue(d) = &item.body {
                let mut state = State::start(d);
                let mut path = Vec::new();
                for _ in 0..=d.nodes.len() {
                    let Some(step) = state.step(d, path.len() % 2) else { break };
                    let _ = step_findings(d, &state, &step, &item.standards);
                    path.push(step.option);
                    state = step.next;
                }
                answers.push(Answer::Dialogue { path });
            }
            for answer in &answers {
                let outcome = score(item, answer, &lib.taboo);
                assert!(outcome.points >= 0.0 && outcome.points <= outcome.max.max(0.0) + 1e-9);
            }
        }
    }
    if let BundledPhrasebook::Loaded(file) = &opened.phrasebook {
        let _ = Phrasebook::new(file, &lib.banned);
    }
    let again = ContentBundle::from_library(opened.library, opened.phrasebook).to_json();
    assert!(bundle::open(&again).is_ok(), "a bundle that opened must open again once written back");
});
