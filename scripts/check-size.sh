#!/usr/bin/env bash
# Size budget for the trainee's first load: the gzip size (gzip -9) of the .wasm, .js and
# .css files of the trainee page (the top level of a release `trunk build`, i.e. what
# index.html loads: its first module, which draws the pack list), added up, must be <= the
# budget (issue 6: 250 KB). The practice module the page hands over to (practice/: player,
# summaries; src/handover.rs), loaded once the list is on screen, is held to the same
# budget on its own, so a trainee on a slow link waits no longer for their first item than
# when it was the first load. The sync module (sync/: answers to drill serve, the sync bar;
# loaded only when drill serve serves the page) is held to the same budget.
#
#   scripts/check-size.sh [DIST_DIR]        (default: dist)
#   SIZE_BUDGET_KB=250 scripts/check-size.sh
#
# Also printed, not budgeted: packs.json (the pack list, data fetched at start-up) and
# content.json (the scenario packs, data fetched once the list is drawn),
# the study page in study/ (phrasebook, the trainee's results download) and the staff tools
# in tools/ (team dashboard, authoring page): each its own wasm, loaded only when that page
# is opened.
#
# Exits 1 when over budget (after printing the wasm's largest items by twiggy, when it is
# installed: cargo install twiggy) or when dist/ has no .wasm (nothing was built).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${1:-$ROOT/dist}"
BUDGET_KB="${SIZE_BUDGET_KB:-250}"
BUDGET=$((BUDGET_KB * 1024))

[ -d "$DIST" ] || {
    echo "check-size: $DIST does not exist; build first (trunk build --release --offline)" >&2
    exit 1
}

kb() { printf '%d.%d KB' $(($1 / 1024)) $((($1 % 1024) * 10 / 1024)); }

# table DIR DEPTH TITLE: prints one line per .wasm/.js/.css file, sets $total (gzip bytes).
table() {
    local dir="$1" depth="$2" title="$3" f raw gz
    mapfile -t files < <(cd "$dir" && find . -maxdepth "$depth" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) | sed 's|^\./||' | sort)
    total=0
    printf '\n%-52s %12s %12s\n' "$title" "raw bytes" "gzip bytes"
    for f in "${files[@]}"; do
        raw=$(stat -c %s "$dir/$f")
        gz=$(gzip -9 -c "$dir/$f" | wc -c)
        total=$((total + gz))
        printf '%-52s %12d %12d\n' "$f" "$raw" "$gz"
    done
}

if ! find "$DIST" -maxdepth 1 -name '*.wasm' | grep -q .; then
    echo "check-size: no .wasm file in $DIST; was the release build run?" >&2
    exit 1
fi

table "$DIST" 1 "trainee app, first load (${DIST#"$ROOT"/}/)"
first=$total
printf '%-52s %12s %12d  (%s of %d KB budget)\n' "TOTAL wasm+js+css" "" "$first" "$(kb "$first")" "$BUDGET_KB"

echo
with=$first
for data in packs.json content.json; do
    [ -f "$DIST/$data" ] || continue
    raw=$(stat -c %s "$DIST/$data")
    gz=$(gzip -9 -c "$DIST/$data" | wc -c)
    with=$((with + gz))
    case $data in
    packs.json) what="the pack list, data fetched at start" ;;
    content.json) what="the packs, data fetched after the list is drawn" ;;
    esac
    printf '%-52s %12d %12d  (%s; with it: %s)\n' "$data" "$raw" "$gz" "$what" "$(kb "$with")"
done
practice=0
if [ -d "$DIST/practice" ]; then
    table "$DIST/practice" 1 "practice module, loaded once the list is on screen (practice/)"
    practice=$total
    printf '%-52s %12s %12d  (%s of %d KB budget)\n' "TOTAL wasm+js" "" "$practice" "$(kb "$practice")" "$BUDGET_KB"
else
    echo "check-size: no practice/ in $DIST: the trainee page cannot open a pack" >&2
    exit 1
fi

sync=0
if [ -d "$DIST/sync" ]; then
    table "$DIST/sync" 1 "sync module, loaded only when drill serve serves the page (sync/)"
    sync=$total
    printf '%-52s %12s %12d  (%s of %d KB budget)\n' "TOTAL wasm+js" "" "$sync" "$(kb "$sync")" "$BUDGET_KB"
fi

for page in study tools; do
    [ -d "$DIST/$page" ] || continue
    case $page in
    study) what="study page (phrasebook, my results)" ;;
    tools) what="staff tools" ;;
    esac
    table "$DIST/$page" 1 "$what, loaded only on $page/ (not budgeted)"
    printf '%-52s %12s %12d  (%s)\n' "TOTAL wasm+js+css" "" "$total" "$(kb "$total")"
done
echo

# over NAME BYTES BIN: fails the check when BYTES is over the budget, naming what is largest in
# BIN's wasm.
status=0
over() {
    [ "$2" -gt "$BUDGET" ] || return 0
    local raw="${CARGO_TARGET_DIR:-$ROOT/target}/wasm32-unknown-unknown/release/$3.wasm"
    if command -v twiggy >/dev/null 2>&1 && [ -f "$raw" ]; then
        echo "What is largest in the wasm of the $1 (twiggy top):"
        twiggy top -n 25 "$raw" || true
    fi
    echo "check-size: FAIL: the $1 is $2 bytes gzip > budget $BUDGET bytes ($BUDGET_KB KB)" >&2
    status=1
}
over "first load" "$first" service-drill-web
over "practice module" "$practice" service-drill-practice
over "sync module" "$sync" service-drill-sync
[ "$status" = 0 ] || exit 1
echo "check-size: OK (first load $(kb "$first"), practice module $(kb "$practice"), sync module $(kb "$sync"); each <= $BUDGET_KB KB)"
