#!/usr/bin/env bash
# trunk post-build hook (Trunk.toml): completes the trainee app's staging dist with
#   content.json  scenarios/ compiled by `drill bundle` — the trainee app fetches this one
#                 file and reads no YAML (docs/PERFORMANCE.md, "Size" and "Start-up");
#   tools/        the staff tools page (team dashboard, authoring page): a second wasm,
#                 built by trunk from tools.html with Trunk.tools.toml.
# So every `trunk build` / `trunk serve` rebuild (a trainer saving a YAML file included)
# ships both. A pack with errors is still bundled: the app lists it with its errors. An
# unusable index or catalogue stops the build with the diagnostics.
set -euo pipefail
cd "${TRUNK_SOURCE_DIR:?this script is run by trunk as a post_build hook}"
STAGE="${TRUNK_STAGING_DIR:?}"

cargo run --quiet --offline --bin drill -- bundle scenarios --out "$STAGE/content.json"

args=(build --offline --config Trunk.tools.toml --dist "$STAGE/tools" --public-url ./)
[ "${TRUNK_PROFILE:-debug}" = release ] && args+=(--release)
trunk "${args[@]}"
