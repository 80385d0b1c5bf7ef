//! Loading and validating generated packs: `Library::build` (YAML parse + every check +
//! dialogue maxima + ids unique across packs) on 1k, 10k and 100k items (files of 1,000
//! items: a file is capped at 4 MiB), and single dialogues of 10–1,000 nodes.
//! Prints the median and the time per item at each size, to show the cost is linear.
//!
//! Also `bundle::open` of `content.json` for the same 1k, 10k and 100k items (what the app
//! does at start-up instead of loading YAML: JSON parse, integrity check, matcher), and
//! `bundle::parse` alone (the JSON share of it). The JSON is written once, outside the loop.
//!
//!     cargo bench --bench load            (or scripts/measure.sh)

use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use drill_core::load::Source;
use std::hint::black_box;
use std::time::Duration;

#[path = "support/mod.rs"]
mod support;

const SIZES: &[usize] = &[1_000, 10_000, 100_000];
const DIALOGUE_NODES: &[usize] = &[10, 100, 1_000];

fn packs(c: &mut Criterion) {
    let catalogue = support::catalogue();
    let banned = support::banned(&catalogue);
    let mut g = c.benchmark_group("load_pack");
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    for &n in SIZES {
        let src = support::pack_sources(n, 6);
        let lib = support::build_library(&catalogue, &banned, &src);
        assert!(
            lib.broken.is_empty(),
            "generated pack must load: {:?}",
            lib.broken.first().map(|b| &b.diagnostics[..3.min(b.diagnostics.len())])
        );
        assert_eq!(lib.packs.iter().map(|p| p.items.len()).sum::<usize>(), n);
        eprintln!(
            "load_pack/{n}: {} files, {} bytes of YAML",
            src.len(),
            src.iter().map(|s| s.text.len()).sum::<usize>()
        );
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &src, |b, src| {
            b.iter(|| black_box(support::build_library(&catalogue, &banned, src)))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("load_dialogue");
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    for &nodes in DIALOGUE_NODES {
        // 5 items, the fifth a dialogue of `nodes` nodes.
        let src = vec![Source::new("dlg.yaml", support::pack_yaml("dlg", 5, nodes))];
        let lib = support::build_library(&catalogue, &banned, &src);
        assert!(
            lib.broken.is_empty(),
            "generated dialogue must load: {:?}",
            lib.broken.first().map(|b| &b.diagnostics[..1])
        );
        g.throughput(Throughput::Elements(nodes as u64));
        g.bench_with_input(BenchmarkId::from_parameter(nodes), &src, |b, src| {
            b.iter(|| black_box(support::build_library(&catalogue, &banned, src)))
        });
    }
    g.finish();
}

fn bundles(c: &mut Criterion) {
    let mut g = c.benchmark_group("open_bundle");
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    let jsons: Vec<(usize, String)> = SIZES.iter().map(|&n| (n, support::bundle_json(n, 6))).collect();
    for (n, json) in &jsons {
        let opened = drill_core::bundle::open(json).unwrap_or_else(|e| panic!("generated bundle opens: {e}"));
        assert_eq!(opened.library.packs.iter().map(|p| p.items.len()).sum::<usize>(), *n);
        eprintln!("open_bundle/{n}: {} bytes of JSON", json.len());
        support::figure(&format!("native.bundle.{n}.bytes"), json.len() as f64, "bytes");
        g.throughput(Throughput::Elements(*n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), json, |b, json| {
            b.iter(|| black_box(drill_core::bundle::open(json)))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("parse_bundle");
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    for (n, json) in &jsons {
        g.throughput(Throughput::Elements(*n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), json, |b, json| {
            b.iter(|| black_box(drill_core::bundle::parse(json)))
        });
    }
    g.finish();
}

fn summary() {
    println!("\nload/validate (native, median):");
    for &n in SIZES {
        if let Some(ns) = support::median_ns("load_pack", &n.to_string()) {
            println!("  {n:>7} items: {:>10.2} ms total, {:>7.2} µs per item", ns / 1e6, ns / 1e3 / n as f64);
            support::figure(&format!("native.load.{n}.ms"), ns / 1e6, "ms");
            support::figure(&format!("native.load.{n}.us_per_item"), ns / 1e3 / n as f64, "µs");
        }
    }
    for &n in DIALOGUE_NODES {
        if let Some(ns) = support::median_ns("load_dialogue", &n.to_string()) {
            println!(
                "  dialogue of {n:>5} nodes: {:>8.2} ms total, {:>7.2} µs per node",
                ns / 1e6,
                ns / 1e3 / n as f64
            );
            support::figure(&format!("native.dialogue.{n}.ms"), ns / 1e6, "ms");
        }
    }
    println!("\ncontent.json opened (native, median; parse = the JSON share):");
    for &n in SIZES {
        if let Some(ns) = support::median_ns("open_bundle", &n.to_string()) {
            let parse = support::median_ns("parse_bundle", &n.to_string());
            println!(
                "  {n:>7} items: {:>10.2} ms total, {:>7.2} µs per item{}",
                ns / 1e6,
                ns / 1e3 / n as f64,
                parse.map_or(String::new(), |p| format!(" (parse {:.2} ms)", p / 1e6))
            );
            support::figure(&format!("native.bundle_open.{n}.ms"), ns / 1e6, "ms");
            support::figure(&format!("native.bundle_open.{n}.us_per_item"), ns / 1e3 / n as f64, "µs");
            if let Some(p) = parse {
                support::figure(&format!("native.bundle_parse.{n}.ms"), p / 1e6, "ms");
            }
        }
    }
}

criterion_group!(benches, packs, bundles);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    summary();
}
