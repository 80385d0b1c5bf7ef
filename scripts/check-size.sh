#!/usr/bin/env bash
# Size budget for the shipped web app: the gzip size (gzip -9) of every .wasm, .js and .css
# file in dist/ (a release `trunk build`), added up, must be <= the budget.
#
#   scripts/check-size.sh [DIST_DIR]        (default: dist)
#   SIZE_BUDGET_KB=250 scripts/check-size.sh
#
# Exits 1 when over budget (after printing which crates the wasm code comes from, by
# scripts/wasm-crates.py) or when dist/ has no .wasm (nothing was built).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${1:-$ROOT/dist}"
BUDGET_KB="${SIZE_BUDGET_KB:-250}"
BUDGET=$((BUDGET_KB * 1024))

[ -d "$DIST" ] || {
    echo "check-size: $DIST does not exist; build first (trunk build --release --offline)" >&2
    exit 1
}

mapfile -t files < <(cd "$DIST" && find . -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) | sed 's|^\./||' | sort)
if ! printf '%s\n' "${files[@]}" | grep -q '\.wasm$'; then
    echo "check-size: no .wasm file in $DIST; was the release build run?" >&2
    exit 1
fi

total=0
printf '%-52s %12s %12s\n' "file (in ${DIST#"$ROOT"/})" "raw bytes" "gzip bytes"
for f in "${files[@]}"; do
    raw=$(stat -c %s "$DIST/$f")
    gz=$(gzip -9 -c "$DIST/$f" | wc -c)
    total=$((total + gz))
    printf '%-52s %12d %12d\n' "$f" "$raw" "$gz"
done
printf '%-52s %12s %12d  (%d.%d KB of %d KB budget)\n' "TOTAL wasm+js+css" "" "$total" \
    $((total / 1024)) $(((total % 1024) * 10 / 1024)) "$BUDGET_KB"

if [ "$total" -gt "$BUDGET" ]; then
    RAW_WASM="$ROOT/target/wasm32-unknown-unknown/release/service-drill-web.wasm"
    if command -v python3 >/dev/null 2>&1 && [ -f "$RAW_WASM" ]; then
        echo
        echo "Where the wasm code comes from (scripts/wasm-crates.py):"
        python3 "$ROOT/scripts/wasm-crates.py" "$RAW_WASM" || true
    fi
    echo "check-size: FAIL: $total bytes gzip > budget $BUDGET bytes ($BUDGET_KB KB)" >&2
    exit 1
fi
echo "check-size: OK"
