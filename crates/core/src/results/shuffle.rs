//! The order a run shows an item's options (`choice`, `multi`) and an `order` item's steps in.
//!
//! Deterministic, seeded by the run and the item: a reloaded page, or a trainee coming back
//! to a run, sees the options where they were. Hand-written SplitMix64 and Fisher–Yates (a
//! few lines; a random-number crate would add to the trainee's wasm for no gain).

use super::store::PackRun;
use crate::scenario::{Item, ItemBody};

/// SplitMix64: small, fast, and the same on every platform.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A seed for one item in one run: the same run and item always give the same seed, so a
/// reloaded page shows options in the same order.
pub fn item_seed(run: &PackRun, item_id: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ (run.started_ms as u64);
    for byte in item_id.bytes().chain(run.pack_id.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A permutation of `0..n` (Fisher–Yates driven by `seed`).
pub fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    let mut state = seed;
    for i in (1..n).rev() {
        let j = (splitmix(&mut state) % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
    v
}

/// Like [`shuffled`] but never the identity when `n > 1`: an `order` item must not start
/// already solved.
pub fn shuffled_not_identity(n: usize, seed: u64) -> Vec<usize> {
    let mut v = shuffled(n, seed);
    if n > 1 && v.iter().enumerate().all(|(i, &x)| i == x) {
        v.rotate_left(1);
    }
    v
}

/// The display order of an item's options (`choice`, `multi`) or initial order of its
/// steps (`order`) in a run; empty for other kinds.
pub fn display_order(item: &Item, seed: u64) -> Vec<usize> {
    match &item.body {
        ItemBody::Choice(c) => shuffled(c.options.len(), seed),
        ItemBody::Multi(m) => shuffled(m.options.len(), seed),
        ItemBody::Order(o) => shuffled_not_identity(o.steps.len(), seed),
        ItemBody::Reply(_) | ItemBody::Dialogue(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Order;

    #[test]
    fn shuffles_are_deterministic_permutations() {
        for n in 0..8 {
            for seed in 0..50u64 {
                let a = shuffled(n, seed);
                assert_eq!(a, shuffled(n, seed));
                let mut sorted = a.clone();
                sorted.sort_unstable();
                assert_eq!(sorted, (0..n).collect::<Vec<_>>());
                let b = shuffled_not_identity(n, seed);
                if n > 1 {
                    assert!(b.iter().enumerate().any(|(i, &x)| i != x));
                }
            }
        }
        let run = PackRun::new("p", vec![], 1234.0, false);
        assert_eq!(item_seed(&run, "x"), item_seed(&run.clone(), "x"));
        assert_ne!(item_seed(&run, "x"), item_seed(&run, "y"));
        let order = Item {
            id: "o".into(),
            standards: vec!["A".into()],
            prompt: String::new(),
            context: String::new(),
            body: ItemBody::Order(Order { steps: vec!["1".into(), "2".into()], points: 10.0, feedback: String::new() }),
        };
        assert_eq!(display_order(&order, 7), vec![1, 0]);
    }
}
