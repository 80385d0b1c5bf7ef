//! Team dashboard: `TeamReport::build` over 100 trainees × 1,000 attempts each.
//!
//!     cargo bench --bench team            (or scripts/measure.sh)

use criterion::{criterion_group, Criterion};
use drill_core::team::TeamReport;
use std::hint::black_box;
use std::time::Duration;

#[path = "support/mod.rs"]
mod support;

fn team(c: &mut Criterion) {
    let roster = support::roster(100, 1_000);
    assert_eq!(roster.trainees.len(), 100);
    let mut g = c.benchmark_group("team");
    g.sample_size(20).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    g.bench_function("build_100x1000", |b| b.iter(|| black_box(TeamReport::build(black_box(&roster), None, None))));
    g.bench_function("build_100x1000_one_team", |b| {
        b.iter(|| black_box(TeamReport::build(black_box(&roster), Some("1班"), None)))
    });
    g.finish();
}

fn summary() {
    println!("\nteam dashboard (native, median), 100 trainees × 1,000 attempts:");
    if let Some(ns) = support::median_ns("team", "build_100x1000") {
        println!("  TeamReport::build          {:>8.2} ms", ns / 1e6);
        support::figure("native.team.build.ms", ns / 1e6, "ms");
    }
    if let Some(ns) = support::median_ns("team", "build_100x1000_one_team") {
        println!("  TeamReport::build (1 team) {:>8.2} ms", ns / 1e6);
    }
}

criterion_group!(benches, team);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    summary();
}
