# shellcheck shell=bash
# Shared helpers for scripts/serve.sh and scripts/test.sh. Source it; don't run it.
#
# Every ensure_* function is idempotent: it checks what is installed (and its version)
# and installs only what is missing or wrong, saying what and why.
#
# Versions live in one place each:
#   trunk              TRUNK_VERSION below (0.22.x needs a newer rustc than 1.95)
#   wasm-bindgen-cli   read from the `wasm-bindgen = "=X.Y.Z"` pin in Cargo.toml
#   wasm-opt, playwright-core   tools/package.json (+ tools/package-lock.json)
#   chromium, chromium-driver, fonts-noto-cjk   Debian apt

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"
WASM_TARGET="wasm32-unknown-unknown"

export PATH="$ROOT/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# trunk: never look for updates or download tools (see Trunk.toml).
export TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-auto}"

_T0=$(date +%s)

if [ -t 1 ]; then B=$'\033[1m' R=$'\033[31m' Y=$'\033[33m' N=$'\033[0m'; else B='' R='' Y='' N=''; fi
step() { printf '\n%s==> %s%s\n' "$B" "$*" "$N"; }
info() { printf '    %s\n' "$*"; }
warn() { printf '%sWARNING:%s %s\n' "$Y" "$N" "$*" >&2; }
die() {
    printf '\n%sERROR:%s %s\n' "$R" "$N" "$*" >&2
    exit 1
}
elapsed() { echo $(($(date +%s) - _T0)); }

# timed LABEL CMD...: run CMD, then print how long it took.
timed() {
    local label="$1"
    shift
    local t0 rc=0
    t0=$(date +%s)
    "$@" || rc=$?
    info "($label: $(($(date +%s) - t0))s, exit $rc)"
    return "$rc"
}

# Background jobs: run_bg NAME CMD... starts CMD (a command or a function from this file) in
# the background with its output prefixed by [NAME]; wait_bg NAME waits and returns its exit
# status. Used to overlap the slow, mostly single-threaded installs (trunk's final LTO link
# alone takes minutes) with each other and with apt's downloads.
declare -A BG_PIDS=()
run_bg() {
    local name="$1"
    shift
    (
        set -o pipefail
        "$@" 2>&1 | sed -u "s/^/[$name] /"
    ) &
    BG_PIDS[$name]=$!
}
wait_bg() {
    local name="$1" rc=0
    wait "${BG_PIDS[$name]}" || rc=$?
    unset "BG_PIDS[$name]"
    return "$rc"
}
kill_bg() {
    local pid
    for pid in "${BG_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap kill_bg EXIT

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -n "$@" || die "need root for: $*  (run as root or give passwordless sudo)"
    else
        die "need root for: $*  (run as root)"
    fi
}

ensure_cargo() {
    command -v cargo >/dev/null 2>&1 && command -v rustup >/dev/null 2>&1 ||
        die "cargo/rustup not found on PATH. Install Rust with rustup (https://rustup.rs) first."
    info "rust: $(rustc --version)"
}

ensure_wasm_target() {
    if rustup target list --installed | grep -qx "$WASM_TARGET"; then
        info "rust target $WASM_TARGET: installed"
    else
        info "rust target $WASM_TARGET: missing -> rustup target add (the browser app is built for it)"
        timed "rustup target add" rustup target add "$WASM_TARGET" || die "rustup target add $WASM_TARGET failed"
    fi
}

ensure_trunk() {
    local have=""
    if command -v trunk >/dev/null 2>&1; then
        have="$(trunk --version 2>/dev/null | awk '{print $2}')"
    fi
    if [ "$have" = "$TRUNK_VERSION" ]; then
        info "trunk $TRUNK_VERSION: installed ($(command -v trunk))"
    else
        info "trunk: ${have:-missing}, need $TRUNK_VERSION -> cargo install trunk@$TRUNK_VERSION --locked (builds from source, ~8 min on 2 cores)"
        timed "cargo install trunk" cargo install "trunk@$TRUNK_VERSION" --locked ||
            die "cargo install trunk@$TRUNK_VERSION failed (see the cargo output above)"
    fi
}

# The wasm-bindgen version pinned in Cargo.toml (`wasm-bindgen = "=X.Y.Z"`).
wasm_bindgen_pin() {
    local v
    v="$(sed -n -E 's/^[[:space:]]*wasm-bindgen[[:space:]]*=[[:space:]]*(\{[^}]*version[[:space:]]*=[[:space:]]*)?"=([0-9]+\.[0-9]+\.[0-9]+)".*/\2/p' "$ROOT/Cargo.toml" | head -n1)"
    [ -n "$v" ] || die "could not read an exact pin 'wasm-bindgen = \"=X.Y.Z\"' from Cargo.toml (wasm-bindgen-cli must match it exactly)"
    echo "$v"
}

ensure_wasm_bindgen() {
    local want have="" lock
    want="$(wasm_bindgen_pin)"
    # trunk takes the version from Cargo.lock; it must agree with the pin.
    lock="$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' "$ROOT/Cargo.lock" 2>/dev/null || true)"
    if [ -n "$lock" ] && [ "$lock" != "$want" ]; then
        die "Cargo.lock has wasm-bindgen $lock but Cargo.toml pins =$want; run 'cargo update -p wasm-bindgen' and commit Cargo.lock"
    fi
    if command -v wasm-bindgen >/dev/null 2>&1; then
        have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')"
    fi
    if [ "$have" = "$want" ]; then
        info "wasm-bindgen-cli $want: installed ($(command -v wasm-bindgen))"
    else
        info "wasm-bindgen-cli: ${have:-missing}, need $want (the pin in Cargo.toml) -> cargo install wasm-bindgen-cli --version =$want"
        timed "cargo install wasm-bindgen-cli" cargo install wasm-bindgen-cli --version "=$want" ||
            die "cargo install wasm-bindgen-cli --version =$want failed"
    fi
}

# tools/node_modules: binaryen (wasm-opt), esbuild (minifies the JS glue, scripts/minify-js.cjs)
# and playwright-core, exactly as pinned in tools/package.json.
ensure_node_tools() {
    command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 ||
        die "node/npm not found. Install Node.js 20+ with npm first."
    local major
    major="$(node -p 'process.versions.node.split(".")[0]')"
    [ "$major" -ge 20 ] || die "Node.js $(node --version) is too old: the browser tests need Node 20+"
    local bad
    bad="$(cd "$ROOT/tools" && node -e '
        const fs = require("fs");
        const deps = JSON.parse(fs.readFileSync("package.json", "utf8")).dependencies || {};
        const bad = [];
        for (const [name, want] of Object.entries(deps)) {
          let have = "missing";
          try { have = JSON.parse(fs.readFileSync(`node_modules/${name}/package.json`, "utf8")).version; } catch {}
          if (have !== want) bad.push(`${name} ${have} (need ${want})`);
        }
        process.stdout.write(bad.join(", "));
    ')"
    if [ -z "$bad" ]; then
        info "tools/node_modules: up to date (node $(node --version))"
    else
        info "tools/node_modules: $bad -> npm ci in tools/ (wasm-opt for trunk, esbuild for the JS glue, playwright-core for the browser tests)"
        (cd "$ROOT/tools" && timed "npm ci" npm ci --no-audit --no-fund) || die "npm ci in tools/ failed"
    fi
    local wv
    wv="$(wasm-opt --version 2>/dev/null || true)"
    case "$(command -v wasm-opt)" in
    "$ROOT/tools/node_modules/.bin/"*) info "wasm-opt: $wv ($(command -v wasm-opt))" ;;
    *) die "wasm-opt on PATH is $(command -v wasm-opt || echo none), expected tools/node_modules/.bin/wasm-opt" ;;
    esac
}

# Debian's Chromium (+ driver of the same version) and CJK fonts, for the browser tests; and
# the sqlite3 shell, with which tests/e2e/assignments.test.mjs writes what the API refuses
# (an assignment whose due day is already over).
ensure_chromium() {
    local pkgs=(chromium chromium-driver fonts-noto-cjk sqlite3) missing=() p status
    for p in "${pkgs[@]}"; do
        status="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
        [ "$status" = "install ok installed" ] || missing+=("$p")
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        local cv dv
        cv="$(dpkg-query -W -f='${Version}' chromium)"
        dv="$(dpkg-query -W -f='${Version}' chromium-driver)"
        if [ "$cv" != "$dv" ]; then
            info "chromium $cv and chromium-driver $dv differ -> reinstalling both from apt"
            missing=(chromium chromium-driver)
        fi
    fi
    if [ "${#missing[@]}" -eq 0 ]; then
        info "chromium: $(dpkg-query -W -f='${Version}' chromium), chromium-driver, fonts-noto-cjk: installed"
    else
        info "apt: missing ${missing[*]} -> apt-get install (headless browser for tests/e2e; CJK fonts to render 中文; sqlite3 shell)"
        export DEBIAN_FRONTEND=noninteractive
        timed "apt-get update" as_root apt-get update -q || die "apt-get update failed"
        timed "apt-get install" as_root apt-get install -y -q "${pkgs[@]}" ||
            die "apt-get install ${pkgs[*]} failed"
    fi
    [ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing after install"
}

# Everything needed to build the web app with trunk. The two cargo installs run side by side.
ensure_web_toolchain() {
    step "Checking build tools (installing what is missing)"
    ensure_cargo
    ensure_wasm_target
    ensure_node_tools
    wasm_bindgen_pin >/dev/null # fail early on a bad pin
    run_bg wasm-bindgen-cli ensure_wasm_bindgen
    run_bg trunk ensure_trunk
    local failed=()
    wait_bg wasm-bindgen-cli || failed+=(wasm-bindgen-cli)
    wait_bg trunk || failed+=(trunk)
    [ "${#failed[@]}" -eq 0 ] || die "installing ${failed[*]} failed (see the [${failed[0]}] lines above)"
}

# trunk runs `cargo build --offline`, so all crates (for every target) must be in the cache.
cargo_fetch() {
    step "Fetching crates (cargo fetch)"
    local args=()
    [ "${CI:-}" = "true" ] && args+=(--locked)
    (cd "$ROOT" && timed "cargo fetch" cargo fetch "${args[@]}") ||
        die "cargo fetch failed${CI:+ (in CI Cargo.lock must be up to date: run cargo fetch locally and commit Cargo.lock)}"
}

trunk_build_release() {
    step "${1:-}Release build of the web app: trunk build --release --offline -> dist/"
    (cd "$ROOT" && timed "trunk build --release" trunk build --release --offline)
}

# ---------------------------------------------------------------- PostgreSQL for the tests
# The server's API tests (crates/server/tests) run once on SQLite and once on PostgreSQL:
# Debian's postgresql-15 cluster `main`, started for this run only. pg_start_for_tests starts it
# (if it is not running), makes a login role for the user running the tests (peer
# authentication over the local socket; only if missing) and exports DRILL_TEST_POSTGRES and
# DRILL_REQUIRE_POSTGRES=1 (so the PostgreSQL half fails, never silently skips).
# pg_stop_after_tests undoes exactly that: test databases left by a crashed test, the role if it
# made it, the cluster if it started it. test.sh calls it from its EXIT trap.
PG_VERSION=15
PG_CLUSTER=main
PG_SOCKET=/var/run/postgresql
PG_STARTED=0
PG_ROLE=""
PG_ROLE_CREATED=0

as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        sudo -n -u postgres "$@"
    fi
}

pg_online() {
    pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c { print $4 }' | grep -q online
}

pg_start_for_tests() {
    export DRILL_REQUIRE_POSTGRES=1
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
        info "installing postgresql (Debian apt): the server's tests need it"
        as_root apt-get install -y -q postgresql >/dev/null || { warn "could not install postgresql"; return 1; }
    fi
    if ! pg_online; then
        info "starting PostgreSQL $PG_VERSION/$PG_CLUSTER for this run"
        as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start || { warn "could not start PostgreSQL"; return 1; }
        PG_STARTED=1
    else
        info "PostgreSQL $PG_VERSION/$PG_CLUSTER already running (left running afterwards)"
    fi
    pg_isready -q -h "$PG_SOCKET" -t 30 || { warn "PostgreSQL does not answer on $PG_SOCKET"; return 1; }
    PG_ROLE="$(id -un)"
    if [ "$PG_ROLE" != postgres ] &&
        ! as_postgres psql -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'" | grep -q 1; then
        as_postgres psql -qc "CREATE ROLE \"$PG_ROLE\" LOGIN CREATEDB" || { warn "could not create role $PG_ROLE"; return 1; }
        PG_ROLE_CREATED=1
    fi
    export DRILL_TEST_POSTGRES="postgres://$PG_ROLE@%2Fvar%2Frun%2Fpostgresql/postgres"
}

pg_stop_after_tests() {
    [ -n "$PG_ROLE" ] || [ "$PG_STARTED" = 1 ] || return 0
    if pg_online; then
        local db
        for db in $(as_postgres psql -tAc "SELECT datname FROM pg_database WHERE datname LIKE 'drill\_test\_%'" 2>/dev/null); do
            as_postgres psql -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" || true
        done
        if [ "$PG_ROLE_CREATED" = 1 ]; then
            as_postgres psql -qc "DROP ROLE IF EXISTS \"$PG_ROLE\"" || true
        fi
    fi
    if [ "$PG_STARTED" = 1 ]; then
        info "stopping PostgreSQL $PG_VERSION/$PG_CLUSTER (started for this run)"
        as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop || true
    fi
    PG_ROLE="" PG_STARTED=0 PG_ROLE_CREATED=0
}
