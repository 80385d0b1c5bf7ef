#!/usr/bin/env bash
# trunk post-build hook (Trunk.toml): completes the trainee app's staging dist with
#   content.json  scenarios/ compiled by `drill bundle` — the trainee app fetches this one
#                 file and reads no YAML (docs/PERFORMANCE.md, "Size" and "Start-up");
#   practice/     the trainee page's practice module (player, summaries): its second wasm,
#                 built by trunk from practice.html with Trunk.practice.toml and loaded by
#                 index.html's loader, whose placeholders get the module's file names
#                 (src/handover.rs);
#   sync/         the trainee page's sync module (src/sync_runner.rs: answers to drill serve,
#                 the sync bar), built from sync.html with Trunk.sync.toml; index.html loads
#                 it only when drill serve serves the page, and gets its file names too;
#   study/        the trainee's study page (phrasebook, results download): a second wasm,
#                 built by trunk from study.html with Trunk.study.toml;
#   tools/        the staff tools page (team dashboard, authoring page): a third wasm,
#                 built by trunk from tools.html with Trunk.tools.toml;
#   and, in release builds, each page's JS glue minified (scripts/minify-js.cjs).
# So every `trunk build` / `trunk serve` rebuild (a trainer saving a YAML file included)
# ships all of them. A pack with errors is still bundled: the app lists it with its errors. An
# unusable index or catalogue stops the build with the diagnostics.
set -euo pipefail
cd "${TRUNK_SOURCE_DIR:?this script is run by trunk as a post_build hook}"
STAGE="${TRUNK_STAGING_DIR:?}"

cargo run --quiet --offline --bin drill -- bundle scenarios --out "$STAGE/content.json"

release=false
[ "${TRUNK_PROFILE:-debug}" = release ] && release=true

for page in practice sync study tools; do
    args=(build --offline --config "Trunk.$page.toml" --dist "$STAGE/$page" --public-url ./)
    "$release" && args+=(--release)
    trunk "${args[@]}"
    "$release" && node scripts/minify-js.cjs "$STAGE/$page"
done

# The practice and sync modules are not pages: their file names go into the trainee page's
# loaders and their HTML (trunk's build vehicle) is removed.
for module in practice sync; do
    MODULE=$(tr '[:lower:]' '[:upper:]' <<<"$module")
    js=$(cd "$STAGE/$module" && ls -- *.js)
    wasm=$(cd "$STAGE/$module" && ls -- *_bg.wasm)
    [ "$(wc -w <<<"$js $wasm")" = 2 ] || { echo "build-extra: expected one .js and one _bg.wasm in $module/, found: $js $wasm" >&2; exit 1; }
    grep -q "__${MODULE}_JS__" "$STAGE/index.html" || { echo "build-extra: index.html has no $module module loader (__${MODULE}_JS__)" >&2; exit 1; }
    sed -i "s|__${MODULE}_JS__|$js|g; s|__${MODULE}_WASM__|$wasm|g" "$STAGE/index.html"
    rm "$STAGE/$module/index.html"
done

# Release builds: the wasm-bindgen JS of the trainee app minified too (trunk's minifier
# cannot parse it; see the script). Its integrity hash in index.html is updated.
if "$release"; then
    node scripts/minify-js.cjs "$STAGE"
fi
