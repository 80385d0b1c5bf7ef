#!/usr/bin/env bash
# How `drill serve` holds up for a whole company's teams: prints figures (docs/PERFORMANCE.md,
# "Team server"). Not a test: nothing here passes or fails on a time.
#
#   scripts/measure-server.sh [--sqlite-only] [--teams N] [--size N] [--attempts N] [--duration 10s]
#   DRILL=target/debug/drill scripts/measure-server.sh --sqlite-only   # another build, not rebuilt
#
# 1. builds `drill` with the native `server` profile (Cargo.toml): opt-level 3, thin LTO,
#    panic = unwind (the release profile is the wasm's: opt-level "z", panic = abort)
# 2. for SQLite, then PostgreSQL (Debian's cluster, started for this run and stopped after,
#    as scripts/test.sh does; skipped with --sqlite-only or when it cannot start):
#    - starts `drill serve --no-site` on a new database, 127.0.0.1, a free port
#    - seeds it through the API (node bench/server-seed.mjs): the administrator's first
#      sign-in, a staff CSV of TEAMS teams × SIZE trainees + a lead each, an assignment per
#      team, every account's first sign-in, ATTEMPTS attempts per trainee in batches of 100
#      (timed: attempts/s accepted by POST /attempts), 50 trainees signing in at once; what a
#      page load waits during the import and the sign-ins
#    - wrk, -t2 -c16 for DURATION each, on 127.0.0.1 only: GET /auth/session (signed in), the
#      lead's GET /teams/{id}/report, GET /assignments (a trainee's own; a lead's team view),
#      POST /attempts of 20 attempts all stored already (the idempotent resend), and the hall:
#      -c50, POST /attempts with one new attempt each, 50 trainees' sessions
#    - the server's CPU time over each wrk run (from /proc), and the database's size
# 3. stops everything it started (trap), removes its temporary files.
#
# Needs: cargo, node 20+, wrk (installed with apt-get if missing). ~3 min warm on 2 cores,
# plus the first build of the profile (docs/PERFORMANCE.md).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TEAMS=20 SIZE=25 ATTEMPTS=200 DURATION=10s PG=1
while [ $# -gt 0 ]; do
    case "$1" in
    --sqlite-only) PG=0 ;;
    --teams) TEAMS="$2" && shift ;;
    --size) SIZE="$2" && shift ;;
    --attempts) ATTEMPTS="$2" && shift ;;
    --duration) DURATION="$2" && shift ;;
    *) die "unknown option $1 (see the top of $0)" ;;
    esac
    shift
done

TMP="$(mktemp -d /tmp/drill-measure-server.XXXXXX)"
SERVER_PID=""
stop_server() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        local i
        for i in $(seq 50); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=""
}
cleanup() {
    stop_server
    pg_stop_after_tests || true
    kill_bg
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cd "$ROOT"
step "Tools"
ensure_cargo
command -v node >/dev/null 2>&1 || die "node not found (the seeding script is node): install Node.js 20+"
if command -v wrk >/dev/null 2>&1; then
    info "wrk: installed ($(command -v wrk))"
else
    info "wrk: missing -> apt-get install wrk (the HTTP load generator; only ever pointed at 127.0.0.1 here)"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get install -y -q wrk >/dev/null 2>&1 ||
        { as_root apt-get update -q >/dev/null && as_root apt-get install -y -q wrk >/dev/null; } ||
        die "apt-get install wrk failed"
fi

if [ -n "${DRILL:-}" ]; then
    # DRILL=target/debug/drill scripts/measure-server.sh: another build, for comparison.
    [ -x "$DRILL" ] || die "DRILL=$DRILL is not an executable"
    info "drill: $DRILL (DRILL set: not built here)"
else
    step "Building drill with the server profile: cargo build --profile server -p drill-cli"
    timed "cargo build --profile server" cargo build --offline --profile server -p drill-cli ||
        die "cargo build --profile server failed"
    DRILL="${CARGO_TARGET_DIR:-$ROOT/target}/server/drill"
    [ -x "$DRILL" ] || die "$DRILL missing after the build"
fi

# Seconds of CPU (user + system) the process has used so far.
cpu_seconds() {
    awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"
}

# start_server LABEL [--database URL]: starts drill serve, sets SERVER_PID, URL and ADMIN_CODE.
start_server() {
    local label="$1" log="$TMP/$1.log"
    shift
    "$DRILL" serve --host 127.0.0.1 --port 0 --no-site --data "$TMP/$label-data" --scenarios "$ROOT/scenarios" "$@" \
        >"$log" 2>&1 &
    SERVER_PID=$!
    local i
    for i in $(seq 300); do
        grep -q '一次性登录码' "$log" && break
        kill -0 "$SERVER_PID" 2>/dev/null || die "drill serve exited: $(cat "$log")"
        sleep 0.1
    done
    URL="$(sed -n 's/.*服务器已启动：\(http[^ ]*\).*/\1/p' "$log" | head -n1)"
    ADMIN_CODE="$(sed -n 's/.*用工号 admin 和一次性登录码 \([A-Z0-9]*\) 登录.*/\1/p' "$log" | head -n1)"
    [ -n "$URL" ] && [ -n "$ADMIN_CODE" ] || die "drill serve did not print its URL and the admin code: $(cat "$log")"
    info "drill serve (pid $SERVER_PID) at $URL"
}

# bench LABEL WRK_ARGS...: one wrk run, then one line: requests/s, latency percentiles, errors,
# and the server's CPU over the run.
bench() {
    local label="$1" out="$TMP/wrk.out"
    shift
    local cpu0 cpu1
    cpu0="$(cpu_seconds "$SERVER_PID")"
    wrk --latency "$@" >"$out" 2>&1 || { cat "$out"; die "wrk failed ($label)"; }
    cpu1="$(cpu_seconds "$SERVER_PID")"
    awk -v label="$label" -v cpu0="$cpu0" -v cpu1="$cpu1" -v secs="${DURATION%s}" '
        BEGIN { cpu = cpu1 - cpu0 }
        /^ +50%/ { p50 = $2 } /^ +90%/ { p90 = $2 } /^ +99%/ { p99 = $2 }
        /requests in/ { n = $1 }
        /Requests\/sec/ { rps = $2 }
        /Non-2xx/ { bad = $NF }
        /Socket errors/ { sock = $0 }
        END {
            printf "  %-44s %9s req/s  p50 %8s  p90 %8s  p99 %8s  server CPU %3.0f%% (%.2f ms a request)%s%s\n",
                label, rps, p50, p90, p99, 100 * cpu / secs, (n > 0 ? 1000 * cpu / n : 0),
                (bad ? "  NON-2xx: " bad : ""), (sock ? "  " sock : "")
        }' "$out" | tee -a "$TMP/figures.txt"
}

# measure LABEL [--database URL]
measure() {
    local label="$1"
    shift
    step "$label: seeding through the API ($TEAMS teams × $SIZE trainees, $ATTEMPTS attempts each)"
    start_server "$label" "$@"
    local seed="$TMP/$label-seed"
    node bench/server-seed.mjs "$URL" "$ADMIN_CODE" "$seed" \
        --teams "$TEAMS" --size "$SIZE" --attempts "$ATTEMPTS" --batch 100 --clients 4 ||
        die "seeding failed (server log: $(tail -n 20 "$TMP/$label.log"))"
    local trainee lead team
    trainee="$(node -p "require('$seed/session.json').trainee_cookie")"
    lead="$(node -p "require('$seed/session.json').lead_cookie")"
    team="$(node -p "require('$seed/session.json').team_id")"
    local api="${URL%/}/api/v1"
    step "$label: wrk -t2 -c16 -d$DURATION per endpoint (hall: -c50), 127.0.0.1"
    {
        echo "$label: seeding"
        sed 's/^/  /' "$seed/seed-figures.txt"
    } >>"$TMP/figures.txt"
    # --timeout: wrk's default of 2 s would count a slow endpoint's answers as errors, not time them.
    local w=(-t2 -c16 -d"$DURATION" --timeout 10s)
    bench "GET /auth/session (trainee)" "${w[@]}" -H "Cookie: $trainee" "$api/auth/session"
    bench "GET /teams/{id}/report (lead, $SIZE trainees)" "${w[@]}" -H "Cookie: $lead" "$api/teams/$team/report"
    bench "GET /assignments (trainee's own)" "${w[@]}" -H "Cookie: $trainee" "$api/assignments"
    bench "GET /assignments?team_id= (lead's view)" "${w[@]}" -H "Cookie: $lead" "$api/assignments?team_id=$team"
    DRILL_BODY="$seed/resend.json" DRILL_COOKIE="$trainee" \
        bench "POST /attempts, 20 duplicates (resend)" "${w[@]}" -s bench/wrk/post.lua "$api/attempts"
    DRILL_BODY="$seed/one.json" DRILL_COOKIES="$seed/hall-cookies.txt" \
        bench "POST /attempts, 1 new (hall: 50 trainees)" -t2 -c50 -d"$DURATION" --timeout 10s -s bench/wrk/hall.lua "$api/attempts"
    local size
    if [ "$label" = SQLite ]; then
        size="$(du -ch "$TMP/$label-data"/drill.db* | tail -n1 | cut -f1)"
        echo "  database: $size (drill.db with its WAL)" | tee -a "$TMP/figures.txt"
    fi
    stop_server
}

{
    echo "$DRILL serve; $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "wrk runs on the same cores as the server."
} >"$TMP/figures.txt"

measure SQLite

if [ "$PG" = 1 ]; then
    if pg_start_for_tests; then
        db="drill_test_measure_$$" # drill_test_%: pg_stop_after_tests drops it, whatever happens
        as_postgres createdb -O "$PG_ROLE" "$db" || die "createdb $db failed"
        measure PostgreSQL --database "postgres://$PG_ROLE@%2Fvar%2Frun%2Fpostgresql/$db"
        pg_stop_after_tests
    else
        warn "PostgreSQL could not be started: SQLite only"
    fi
fi

step "Figures"
cat "$TMP/figures.txt"
