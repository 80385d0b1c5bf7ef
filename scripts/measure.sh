#!/usr/bin/env bash
# Measure Service Drill (issue 6) and rewrite the figures section of docs/PERFORMANCE.md.
#
#   scripts/measure.sh [--quick]
#     --quick   skip the release builds if their outputs exist (app: and no source is newer;
#               floor, wasm bench)
#
# Steps (each prints its figures; full logs in $MEASURE_OUT, default /tmp/drill-measure):
#   1. release web build (trunk build --release --offline) -> $MEASURE_OUT/app-dist
#      and its size (scripts/check-size.sh; over budget is reported, not fatal here)
#   2. what each dependency costs in the wasm (twiggy, if installed: cargo install twiggy)
#   3. the floor app (bench/floor, same trunk/profile) and start-up in headless Chromium
#      (node bench/startup.mjs: app vs floor, cold, N runs, median/p90; also at 4x CPU; the
#      floor with its wasm padded to the app's size (bench/pad-wasm.mjs), for what the
#      bytes alone cost; and with saved stores of 1,000 and 5,000 attempts from the storage
#      bench; what each answer costs with those stores: node bench/answer.mjs; and the
#      handover to the practice module: node bench/handover.mjs)
#   4. the core in the browser (bench/wasm + node bench/browser.mjs): load/validate,
#      free-text check, team dashboard, localStorage capacity
#   5. native Criterion benches: cargo bench --bench load|taboo|team, and the storage figures
#      (cargo bench --bench storage)
#
# Builds use CARGO_TARGET_DIR (default /tmp/target-perf) so they never hold the main
# target/ lock. Heavy: ~15 min on 2 cores from cold, ~5 min warm.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

QUICK=0
[ "${1:-}" = "--quick" ] && QUICK=1
OUT="${MEASURE_OUT:-/tmp/drill-measure}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/tmp/target-perf}"
RUNS="${STARTUP_RUNS:-41}"
mkdir -p "$OUT"
FIG="$OUT/figures.md"
: >"$FIG"
# This run's figures only (the summary at the end prints them).
: >"$OUT/all.log"
section() { printf '\n### %s\n\n```text\n' "$1" >>"$FIG"; }
endsection() { printf '```\n' >>"$FIG"; }
# keep: run a command, show its output, and keep the output (minus FIGURE lines) for the doc.
keep() { "$@" 2>"$OUT/last.err" | tee -a "$OUT/all.log" | tee >(grep -v '^FIGURE ' >>"$FIG") ; }

cd "$ROOT"
ensure_web_toolchain
cargo_fetch

# ------------------------------------------------------------------ 1. size
step "1. Release build and first-load size"
# --quick reuses the app build only if no source is newer than it (a stale build once gave
# figures of an older commit).
stale_app() { [ -n "$(find "$ROOT/src" "$ROOT/style" "$ROOT/index.html" "$ROOT/scenarios" "$ROOT/Cargo.toml" -newer "$OUT/app-dist/index.html" -print -quit)" ]; }
if [ "$QUICK" = 0 ] || [ ! -f "$OUT/app-dist/index.html" ] || stale_app; then
    timed "trunk build --release (app)" trunk build --release --offline --dist "$OUT/app-dist"
fi
section "First load: gzip -9 of every .wasm/.js/.css in dist/ (scripts/check-size.sh)"
keep "$ROOT/scripts/check-size.sh" "$OUT/app-dist" || true
endsection

# ------------------------------------------------------------------ 2. dependency costs
step "2. What each dependency costs (twiggy)"
for bin in service-drill-web service-drill-practice; do
    RAW_WASM="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/$bin.wasm"
    case $bin in
    service-drill-web) what="the trainee page's first module" ;;
    *) what="the practice module" ;;
    esac
    if command -v twiggy >/dev/null && [ -f "$RAW_WASM" ]; then
        section "Code and data by crate, $what (twiggy, shallow bytes of the wasm before wasm-bindgen/wasm-opt; generic code counted where it is defined)"
        twiggy top -n 1000000 --format csv "$RAW_WASM" >"$OUT/twiggy-$bin.csv"
        keep python3 "$ROOT/bench/crate_sizes.py" "$OUT/twiggy-$bin.csv"
        endsection
    else
        warn "twiggy not installed (cargo install twiggy) or $RAW_WASM missing: dependency table skipped"
    fi
done

# ------------------------------------------------------------------ 3. start-up
step "3. Start-up: app vs the bare Yew floor (headless Chromium, loopback)"
if [ "$QUICK" = 0 ] || [ ! -f "$OUT/floor-dist/index.html" ]; then
    (cd "$ROOT/bench/floor" && timed "trunk build --release (floor)" trunk build --release --offline --dist "$OUT/floor-dist")
    node "$ROOT/scripts/minify-js.cjs" "$OUT/floor-dist"
fi
section "Start-up to an interactive pack list (node bench/startup.mjs, $RUNS cold runs each)"
keep "$ROOT/scripts/check-size.sh" "$OUT/floor-dist" | sed 's/^/floor size: /' || true
keep node "$ROOT/bench/startup.mjs" --runs "$RUNS" "$OUT/app-dist" "$OUT/floor-dist"
keep node "$ROOT/bench/startup.mjs" --runs "$((RUNS / 2 + 1))" --cpu 4 "$OUT/app-dist" "$OUT/floor-dist"
# What the app's wasm costs by its size alone: the floor, its wasm padded to the app's byte
# size with a section the browser never compiles, against the floor.
keep node "$ROOT/bench/pad-wasm.mjs" "$OUT/floor-dist" "$OUT/app-dist" "$OUT/floor-padded"
keep node "$ROOT/bench/startup.mjs" --runs "$((RUNS / 2 + 1))" --tag bytes "$OUT/floor-padded" "$OUT/floor-dist"
endsection
# A trainee with a long history: the saved stores of 1,000 and 5,000 attempts the storage
# bench writes (its figures are printed in step 5, from this same run).
mkdir -p "$OUT/stores"
timed "cargo bench --bench storage (and its sample stores)" env STORE_SAMPLE_DIR="$OUT/stores" cargo bench --offline --bench storage >"$OUT/bench-storage.log" 2>"$OUT/bench-storage.err"
section "Start-up with a long history in the store (node bench/startup.mjs --store)"
for n in 1000 5000; do
    keep node "$ROOT/bench/startup.mjs" --runs "$((RUNS / 2 + 1))" --store "$OUT/stores/store-$n.json" "$OUT/app-dist" "$OUT/floor-dist" \
        || warn "start-up with store-$n.json failed (see $OUT/last.err)"
done
keep node "$ROOT/bench/answer.mjs" "$OUT/app-dist" empty "$OUT/stores/store-1000.json" "$OUT/stores/store-5000.json" \
    || warn "bench/answer.mjs failed (see $OUT/last.err)"
endsection
# The trainee page's two modules: when the practice module takes over, and the first item for
# a trainee who clicks 开始练习 at once; on loopback and on an emulated slow link.
section "The handover to the practice module (node bench/handover.mjs)"
keep node "$ROOT/bench/handover.mjs" --runs 11 "$OUT/app-dist" || warn "bench/handover.mjs failed (see $OUT/last.err)"
keep node "$ROOT/bench/handover.mjs" --runs 5 --net slow "$OUT/app-dist" || warn "bench/handover.mjs --net slow failed (see $OUT/last.err)"
endsection

# ------------------------------------------------------------------ 4. core in the browser
step "4. The core in the browser (bench/wasm)"
WB="$OUT/wasm-bench"
if [ "$QUICK" = 0 ] || [ ! -f "$WB/index.html" ]; then
    (cd "$ROOT/bench/wasm" && timed "cargo build (wasm bench)" cargo build --offline --release --target wasm32-unknown-unknown)
    rm -rf "$WB" && mkdir -p "$WB"
    wasm-bindgen --target web --no-typescript --out-dir "$WB" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/drill_wasm_bench.wasm"
    timed "wasm-opt -Oz (wasm bench)" wasm-opt -Oz -o "$WB/drill_wasm_bench_bg.wasm" "$WB/drill_wasm_bench_bg.wasm"
    cp "$ROOT/bench/wasm/index.html" "$WB/"
fi
section "Core in headless Chromium (node bench/browser.mjs)"
keep node "$ROOT/bench/browser.mjs" "$WB"
endsection

# ------------------------------------------------------------------ 5. native
step "5. Native benches (Criterion)"
for b in load taboo team; do
    section "cargo bench --bench $b (summary)"
    cargo bench --offline --bench "$b" 2>"$OUT/bench-$b.err" | tee "$OUT/bench-$b.log" | grep -v '^FIGURE ' | sed -n '/^load\/validate\|^free-text\|^team dashboard/,$p' >>"$FIG"
    grep '^FIGURE ' "$OUT/bench-$b.log" >>"$OUT/all.log" || true
    endsection
done
section "cargo bench --bench storage"
keep cat "$OUT/bench-storage.log"
endsection

# ------------------------------------------------------------------ the doc
{
    echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') by \`scripts/measure.sh\` on $(nproc) cores"
    echo "($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(rustc --version | cut -d' ' -f1-2),"
    echo "$(/usr/bin/chromium --version 2>/dev/null || echo chromium), node $(node --version)); shared machine, so expect ±10–20 %."
    cat "$FIG"
} >"$OUT/section.md"
DOC="$ROOT/docs/PERFORMANCE.md"
python3 - "$DOC" "$OUT/section.md" <<'PY'
import sys
doc, sec = sys.argv[1], open(sys.argv[2]).read()
text = open(doc).read()
b, e = "<!-- figures:begin (scripts/measure.sh rewrites this section) -->", "<!-- figures:end -->"
i, j = text.index(b) + len(b), text.index(e)
open(doc, "w").write(text[:i] + "\n" + sec + "\n" + text[j:])
PY
step "Figures (also in docs/PERFORMANCE.md)"
grep '^FIGURE ' "$OUT/all.log" | sed 's/^FIGURE /  /'
