//! Free-text checking: 1,000 generated banned phrases (with variants and allow contexts) plus
//! the shipped list (its phrases and its context rules, which apply to every phrase unless
//! they name theirs), one 300-character reply. `TabooMatcher::find` (normalise + one scan + exceptions + longest
//! hit + quotes) against the floor: a single `aho_corasick` scan of the same automaton
//! (a contiguous NFA, as `TabooMatcher` builds) of the same patterns over the same, already-normalised text.
//!
//! Also the first `normalize` calls of the process, timed once before anything else has
//! normalised: the first to meet an ideograph pays the set-up of the traditional →
//! simplified table (one sample each, so expect some spread run to run).
//!
//!     cargo bench --bench taboo           (or scripts/measure.sh)

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use criterion::{criterion_group, Criterion};
use drill_core::load::{load_banned, Source};
use drill_core::scenario::ContextKind;
use drill_core::text::{normalize, TabooMatcher};
use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "support/mod.rs"]
mod support;

fn taboo(c: &mut Criterion) {
    let catalogue = support::catalogue();
    let yaml = if std::env::var_os("TABOO_GENERATED_ONLY").is_some() {
        support::banned_yaml(1_000)
    } else {
        support::banned_yaml_with_shipped(1_000)
    };
    let list = load_banned(&Source::new("banned.yaml", yaml), &catalogue).expect("generated banned list loads");
    assert!(list.phrases.len() >= 1_000);
    let matcher = TabooMatcher::new(&list);
    let phrases: Vec<&str> = list.phrases.iter().step_by(97).map(|p| p.phrase.as_str()).collect();
    let reply = support::reply_text(300, &phrases);
    assert_eq!(reply.chars().count(), 300);
    let hits = matcher.find(&reply);
    eprintln!("taboo: {} hits in the 300-char reply (phrases and text share one alphabet: a worst case)", hits.len());
    let few: Vec<&str> = phrases.iter().take(2).copied().collect();
    let plain = support::plain_reply(300, &few);
    assert_eq!(plain.chars().count(), 300);
    eprintln!("taboo: {} hits in the everyday 300-char reply", matcher.find(&plain).len());
    let plain_normal = normalize(&plain).text;
    // Replies a trainer hears, full of 不能/不会/没有 that the context rules must judge
    // (questions, reassurances, conditions, refusals): the rules' busiest case.
    let negations = support::negation_reply(300);
    assert_eq!(negations.chars().count(), 300);
    eprintln!("taboo: {} hits in the 300-char reply of negations", matcher.find(&negations).len());
    let negations_normal = normalize(&negations).text;

    // The floor: the same normalised patterns (wordings, allow contexts and context words),
    // one overlapping scan, no normalisation of the reply, no exception/context/longest-hit/
    // quote logic.
    // The `in_clause` context words are patterns of the same automaton (one scan finds
    // hits and those words alike), so they are in the floor's automaton too.
    let mut patterns: Vec<String> = Vec::new();
    let context_words = list
        .contexts
        .iter()
        .filter(|c| c.kind == ContextKind::InClause)
        .flat_map(|c| c.before.iter().chain(&c.after))
        .map(|w| w.trim_end_matches('$'));
    for w in
        list.phrases.iter().flat_map(|p| p.wordings().chain(p.allow.iter().map(String::as_str))).chain(context_words)
    {
        let n = normalize(w).text;
        if !n.is_empty() && !patterns.contains(&n) {
            patterns.push(n);
        }
    }
    let ac = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .match_kind(MatchKind::Standard)
        .build(&patterns)
        .expect("automaton");
    let normal = normalize(&reply).text;

    let mut g = c.benchmark_group("taboo");
    g.warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    g.bench_function("find", |b| b.iter(|| black_box(matcher.find(black_box(&reply)))));
    g.bench_function("floor_scan", |b| {
        b.iter(|| black_box(ac.find_overlapping_iter(black_box(normal.as_str())).count()))
    });
    g.bench_function("normalize", |b| b.iter(|| black_box(normalize(black_box(&reply)))));
    g.bench_function("find_everyday", |b| b.iter(|| black_box(matcher.find(black_box(&plain)))));
    g.bench_function("floor_scan_everyday", |b| {
        b.iter(|| black_box(ac.find_overlapping_iter(black_box(plain_normal.as_str())).count()))
    });
    g.bench_function("find_negations", |b| b.iter(|| black_box(matcher.find(black_box(&negations)))));
    g.bench_function("floor_scan_negations", |b| {
        b.iter(|| black_box(ac.find_overlapping_iter(black_box(negations_normal.as_str())).count()))
    });
    g.finish();
}

fn summary() {
    let find = support::median_ns("taboo", "find");
    let floor = support::median_ns("taboo", "floor_scan");
    let norm = support::median_ns("taboo", "normalize");
    println!(
        "\nfree-text check (native, median), 1,000 phrases + the shipped list and its context rules, 300-char reply:"
    );
    println!("  reply drawn from the phrases' own alphabet (≈19 hits, worst case):");
    if let (Some(f), Some(s)) = (find, floor) {
        println!("  TabooMatcher::find  {:>8.2} µs  (goal ≤ 20 µs)", f / 1e3);
        println!("  floor (one AC scan) {:>8.2} µs", s / 1e3);
        println!("  ratio               {:>8.2}×   (goal ≤ 3×)", f / s);
        support::figure("native.taboo.find.us", f / 1e3, "µs");
        support::figure("native.taboo.floor.us", s / 1e3, "µs");
        support::figure("native.taboo.ratio", f / s, "x");
    }
    if let (Some(f), Some(s)) =
        (support::median_ns("taboo", "find_everyday"), support::median_ns("taboo", "floor_scan_everyday"))
    {
        println!("  everyday reply (2 phrases in it):");
        println!("  TabooMatcher::find  {:>8.2} µs  (goal ≤ 20 µs)", f / 1e3);
        println!("  floor (one AC scan) {:>8.2} µs", s / 1e3);
        println!("  ratio               {:>8.2}×   (goal ≤ 3×)", f / s);
        support::figure("native.taboo.everyday.find.us", f / 1e3, "µs");
        support::figure("native.taboo.everyday.floor.us", s / 1e3, "µs");
        support::figure("native.taboo.everyday.ratio", f / s, "x");
    }
    if let (Some(f), Some(s)) =
        (support::median_ns("taboo", "find_negations"), support::median_ns("taboo", "floor_scan_negations"))
    {
        println!("  reply of negations (不能/不会/没有… judged by the context rules):");
        println!("  TabooMatcher::find  {:>8.2} µs  (goal ≤ 20 µs)", f / 1e3);
        println!("  floor (one AC scan) {:>8.2} µs", s / 1e3);
        println!("  ratio               {:>8.2}×   (goal ≤ 3×)", f / s);
        support::figure("native.taboo.negations.find.us", f / 1e3, "µs");
        support::figure("native.taboo.negations.floor.us", s / 1e3, "µs");
        support::figure("native.taboo.negations.ratio", f / s, "x");
    }
    if let Some(n) = norm {
        println!("  of which normalise  {:>8.2} µs", n / 1e3);
        support::figure("native.taboo.normalize.us", n / 1e3, "µs");
    }
}

/// One-time costs of `normalize`, timed before anything else in the process has normalised:
/// an ASCII-only call first (no ideograph, so no table: what any first call pays, page
/// faults and all), then a traditional reply (the first to need the traditional →
/// simplified table, which it sets up), the same again (nothing left to set up), then one
/// holding a context char (著, 覆), which takes the context-rule path.
struct FirstCalls {
    ascii: Duration,
    plain: Duration,
    again: Duration,
    context: Duration,
}

fn first_calls() -> FirstCalls {
    const PLAIN: &str = "您好，請問您要辦理甚麼業務？電費繳納請到營業廳";
    let time = |s: &str| {
        let t = Instant::now();
        black_box(normalize(black_box(s)));
        t.elapsed()
    };
    let ascii = time("Hello, 95598 hotline");
    let plain = time(PLAIN);
    let again = time(PLAIN);
    let context = time("請別著急，我們會盡快回覆您");
    FirstCalls { ascii, plain, again, context }
}

criterion_group!(benches, taboo);

fn main() {
    // Before anything else normalises, or the set-up is already paid.
    let first = first_calls();
    benches();
    Criterion::default().configure_from_args().final_summary();
    summary();
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!("  first normalize calls of the process:");
    println!("  ASCII only, first   {:>8.2} µs  (no table needed)", us(first.ascii));
    println!("  traditional, first  {:>8.2} µs  (sets up the table)", us(first.plain));
    println!("  the same, second    {:>8.2} µs", us(first.again));
    println!("  with a context char {:>8.2} µs  (first on that path)", us(first.context));
    support::figure("native.normalize.first_call_ascii.us", us(first.ascii), "µs");
    support::figure("native.normalize.first_call.us", us(first.plain), "µs");
    support::figure("native.normalize.second_call.us", us(first.again), "µs");
    support::figure("native.normalize.first_call_context.us", us(first.context), "µs");
}
