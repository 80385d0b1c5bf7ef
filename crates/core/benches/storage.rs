//! Stored results: how many bytes each attempt adds to the trainee store (the JSON saved
//! to localStorage under `service-drill.trainee.v1` after every answer), with realistic
//! attempts of each kind scored against the shipped content, and how long the save
//! (`to_json`) and the start-up read (`from_json`) take as the store grows.
//!
//! Not a timed pass/fail test: it prints figures (`FIGURE …` lines for scripts/measure.sh).
//!
//!     cargo bench --bench storage
//!     STORE_SAMPLE_DIR=DIR cargo bench --bench storage   # also writes DIR/store-{1000,5000,10000}.json

use drill_core::load::{load_index, Library, Source};
use drill_core::results::{Attempt, PackRun, Profile, TraineeStore};
use drill_core::scenario::{Item, ItemBody, ItemKind};
use drill_core::score::{dialogue, score, Answer};
use std::path::Path;
use std::time::Instant;

#[path = "support/mod.rs"]
mod support;

fn shipped() -> Library {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("scenarios");
    let read =
        |n: &str| Source::new(format!("scenarios/{n}"), std::fs::read_to_string(dir.join(n)).expect("shipped file"));
    let index = load_index(&read("index.yaml")).expect("index");
    let catalogue = support::catalogue();
    let banned = support::banned(&catalogue);
    let packs: Vec<Source> = index.packs.iter().map(|p| read(p)).collect();
    Library::build(catalogue, banned, &packs)
}

/// A plausible trainee answer: a wrong-ish choice, two ticks, a swapped order, a reply that
/// mixes the model answer with a banned phrase, the first reply at every dialogue node.
fn answer_for(item: &Item) -> Answer {
    match &item.body {
        ItemBody::Choice(c) => Answer::Choice { option: 1.min(c.options.len() - 1) },
        ItemBody::Multi(m) => Answer::Multi { selected: (0..m.options.len()).step_by(2).collect() },
        ItemBody::Order(o) => {
            let mut order: Vec<usize> = (0..o.steps.len()).collect();
            order.swap(0, 1.min(o.steps.len() - 1));
            Answer::Order { order }
        }
        ItemBody::Reply(r) => Answer::Reply { text: format!("这个不归我们管，{}", r.model_answer) },
        ItemBody::Dialogue(d) => {
            let mut path = Vec::new();
            let (_, mut state) = dialogue::replay(d, &path);
            while let Some(step) = state.step(d, 0) {
                path.push(0);
                state = step.next;
                if path.len() > 200 {
                    break;
                }
            }
            Answer::Dialogue { path }
        }
    }
}

fn main() {
    let lib = shipped();
    let mut store = TraineeStore {
        profile: Some(Profile { name: "王小明".into(), employee_no: "A01234".into(), team: "营业一班".into() }),
        ..TraineeStore::default()
    };
    let items: Vec<(&str, &Item)> =
        lib.packs.iter().flat_map(|p| p.items.iter().map(move |i| (p.id.as_str(), i))).collect();
    for p in &lib.packs {
        store
            .runs
            .insert(p.id.clone(), PackRun::new(&p.id, p.items.iter().map(|i| i.id.clone()).collect(), 1.79e12, false));
    }
    let base = store.to_json();
    println!(
        "stored results (TraineeStore::to_json), shipped content: {} packs, {} items",
        lib.packs.len(),
        items.len()
    );
    println!("  empty store with profile and one run per pack: {} bytes", base.len());

    let mut per_kind: Vec<(ItemKind, usize, usize, usize)> = Vec::new(); // kind, count, utf8 bytes, utf16 units
    let mut t = 1.79e12;
    for (pack_id, item) in &items {
        let before = store.to_json();
        let answer = answer_for(item);
        let outcome = score(item, &answer, &lib.taboo);
        t += 45_000.0;
        let index = store.record(Attempt {
            pack_id: (*pack_id).to_owned(),
            item_id: item.id.clone(),
            answer,
            outcome,
            started_ms: t - 45_000.0,
            answered_ms: t,
        });
        if let Some(run) = store.runs.get_mut(*pack_id) {
            run.answers.insert(item.id.clone(), index);
        }
        let after = store.to_json();
        let (b, u) = (after.len() - before.len(), after.encode_utf16().count() - before.encode_utf16().count());
        match per_kind.iter_mut().find(|k| k.0 == item.kind()) {
            Some(k) => {
                k.1 += 1;
                k.2 += b;
                k.3 += u;
            }
            None => per_kind.push((item.kind(), 1, b, u)),
        }
    }
    println!("  bytes each attempt adds (attempt + its run entry), mean per kind:");
    println!("    {:<10} {:>6} {:>12} {:>14}", "kind", "items", "UTF-8 bytes", "UTF-16 units");
    for (kind, n, b, u) in &per_kind {
        println!(
            "    {:<10} {:>6} {:>12.0} {:>14.0}",
            format!("{kind:?}"),
            n,
            *b as f64 / *n as f64,
            *u as f64 / *n as f64
        );
        support::figure(&format!("storage.{kind:?}.bytes_per_attempt").to_lowercase(), *b as f64 / *n as f64, "B");
        support::figure(&format!("storage.{kind:?}.utf16_per_attempt").to_lowercase(), *u as f64 / *n as f64, "units");
    }
    let full = store.to_json();
    let n = items.len();
    let mean_b = (full.len() - base.len()) as f64 / n as f64;
    let mean_u = (full.encode_utf16().count() - base.encode_utf16().count()) as f64 / n as f64;
    println!(
        "  mean over one pass of every shipped item: {mean_b:.0} UTF-8 bytes, {mean_u:.0} UTF-16 units per attempt"
    );
    support::figure("storage.mean.bytes_per_attempt", mean_b, "B");
    support::figure("storage.mean.utf16_per_attempt", mean_u, "units");

    // Grow to 5,000 attempts (repeat the pass; later attempts are not in any run) and time
    // the save and the start-up read at a few sizes.
    let one_pass: Vec<Attempt> = store.attempts.clone();
    println!("  save/load cost as the store grows (native; the app saves the whole store after every answer):");
    for target in [1_000usize, 5_000, 10_000] {
        while store.attempts.len() < target {
            let mut a = one_pass[store.attempts.len() % one_pass.len()].clone();
            a.answered_ms += store.attempts.len() as f64;
            store.attempts.push(a);
        }
        let t0 = Instant::now();
        let mut json = String::new();
        for _ in 0..5 {
            json = store.to_json();
        }
        let save = t0.elapsed().as_secs_f64() * 1e3 / 5.0;
        let t0 = Instant::now();
        for _ in 0..5 {
            let back = TraineeStore::from_json(&json).expect("round trip");
            assert_eq!(back.attempts.len(), target);
        }
        let load = t0.elapsed().as_secs_f64() * 1e3 / 5.0;
        println!("    {target:>6} attempts: {:>9} bytes ({:>9} UTF-16 units), to_json {save:>6.2} ms, from_json {load:>6.2} ms", json.len(), json.encode_utf16().count());
        support::figure(&format!("storage.{target}.bytes"), json.len() as f64, "B");
        support::figure(&format!("storage.{target}.to_json.ms"), save, "ms");
        support::figure(&format!("storage.{target}.from_json.ms"), load, "ms");
        // The same stores for the browser's start-up with a long history
        // (`node bench/startup.mjs --store FILE`; scripts/measure.sh sets this).
        if let Some(dir) = std::env::var_os("STORE_SAMPLE_DIR") {
            let file = Path::new(&dir).join(format!("store-{target}.json"));
            std::fs::write(&file, &json).unwrap_or_else(|e| panic!("writing {}: {e}", file.display()));
        }
    }
}
