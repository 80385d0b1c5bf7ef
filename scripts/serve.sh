#!/usr/bin/env bash
# Install what is missing, build Service Drill (服务演练) and serve it with `drill serve`: the
# site, sign-in and results kept in an embedded SQLite database under data/ (no set-up). On
# an empty database the server prints a one-time code for the first administrator.
#
# Usage: scripts/serve.sh [--static [--dev]] [extra drill serve args...]
#   default    release build of the site into dist/, then `drill serve` (site + API)
#   --static   the static site only, as before the server: `trunk serve`, rebuilt when a
#              file changes (a trainer saving a YAML file sees it on reload); --dev for a
#              debug build
#   HOST=0.0.0.0 PORT=9000 scripts/serve.sh   to listen elsewhere (default 127.0.0.1:8080)
#   DATABASE_URL=postgres://… scripts/serve.sh   PostgreSQL instead of SQLite
#   scripts/serve.sh --base-path /training/      behind a reverse proxy's sub-path
#   (drill serve --help lists every flag)
#
# Stop with Ctrl-C.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MODE=server
PROFILE=(--release)
while [ $# -gt 0 ]; do
    case "$1" in
    --static) MODE=static ;;
    --dev) PROFILE=() ;;
    *) break ;;
    esac
    shift
done
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8080}"

cd "$ROOT"
ensure_web_toolchain
cargo_fetch

if [ "$MODE" = static ]; then
    step "Serving the static site: trunk serve ${PROFILE[*]} --offline (first build takes a few minutes)"
    BASE="http://$HOST:$PORT/"
    [ "$HOST" = "0.0.0.0" ] && BASE="http://127.0.0.1:$PORT/"
    cat <<MSG

    Service Drill (服务演练) will be at:  $BASE
      phrasebook and 我的成绩:  ${BASE}study/
      staff (班组成绩, 编写题目):  ${BASE}tools/
    (trunk prints it again once the build is done; Ctrl-C stops the server)

MSG
    exec trunk serve "${PROFILE[@]}" --offline --address "$HOST" --port "$PORT" "$@"
fi

step "Building the site: trunk build ${PROFILE[*]} --offline -> dist/"
timed "trunk build" trunk build "${PROFILE[@]}" --offline
# The server profile (Cargo.toml): optimised for the native server, where the release
# profile is tuned for the wasm's size. About 3 minutes the first time (docs/PERFORMANCE.md,
# "Team server"); a debug build answers 3-4x fewer requests.
step "Building the server: cargo build --profile server --bin drill"
timed "cargo build" cargo build --offline --profile server --bin drill
step "Serving: drill serve (site in dist/, SQLite in data/ unless DATABASE_URL is set)"
exec "${CARGO_TARGET_DIR:-$ROOT/target}/server/drill" serve --host "$HOST" --port "$PORT" --site "$ROOT/dist" "$@"
