#!/usr/bin/env bash
# Install what is missing, build Service Drill (服务演练) and serve it with trunk.
#
# Usage: scripts/serve.sh [--dev] [extra trunk serve args...]
#   default   release build (same as CI and the size budget), rebuilt on file changes
#   --dev     debug build (faster to rebuild, bigger, no wasm-opt)
#   HOST=0.0.0.0 PORT=9000 scripts/serve.sh   to listen elsewhere (default 127.0.0.1:8080)
#
# Stop with Ctrl-C.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PROFILE=(--release)
if [ "${1:-}" = "--dev" ]; then
    PROFILE=()
    shift
fi
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8080}"

cd "$ROOT"
ensure_web_toolchain
cargo_fetch

step "Serving: trunk serve ${PROFILE[*]} --offline (first build takes a few minutes)"
BASE="http://$HOST:$PORT/"
[ "$HOST" = "0.0.0.0" ] && BASE="http://127.0.0.1:$PORT/"
URL="$BASE"
[ "$HOST" = "0.0.0.0" ] && URL="$BASE (and this machine's other addresses)"
cat <<MSG

    Service Drill (服务演练) will be at:  $URL
      phrasebook and 我的成绩:  ${BASE}study/
      staff (班组成绩, 编写题目):  ${BASE}tools/
    (trunk prints it again once the build is done; Ctrl-C stops the server)

MSG
exec trunk serve "${PROFILE[@]}" --offline --address "$HOST" --port "$PORT" "$@"
