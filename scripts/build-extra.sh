#!/usr/bin/env bash
# trunk post-build hook (Trunk.toml): completes the trainee app's staging dist with
#   content.json  scenarios/ compiled by `drill bundle` — the trainee app fetches this one
#                 file and reads no YAML (docs/PERFORMANCE.md, "Size" and "Start-up");
#   practice/     the trainee page's practice module (player, summaries): its second wasm,
#                 built by trunk from practice.html with Trunk.practice.toml and loaded by
#                 index.html's loader, whose placeholders get the module's file names
#                 (src/handover.rs);
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

for page in practice study tools; do
    args=(build --offline --config "Trunk.$page.toml" --dist "$STAGE/$page" --public-url ./)
    "$release" && args+=(--release)
    trunk "${args[@]}"
    "$release" && node scripts/minify-js.cjs "$STAGE/$page"
done

# The practice module is not a page: its file names go into the trainee page's loader and
# its HTML (trunk's build vehicle) is removed.
js=$(cd "$STAGE/practice" && ls -- *.js)
wasm=$(cd "$STAGE/practice" && ls -- *_bg.wasm)
[ "$(wc -w <<<"$js $wasm")" = 2 ] || { echo "build-extra: expected one .js and one _bg.wasm in practice/, found: $js $wasm" >&2; exit 1; }
grep -q __PRACTICE_JS__ "$STAGE/index.html" || { echo "build-extra: index.html has no practice module loader (__PRACTICE_JS__)" >&2; exit 1; }
sed -i "s|__PRACTICE_JS__|$js|g; s|__PRACTICE_WASM__|$wasm|g" "$STAGE/index.html"
rm "$STAGE/practice/index.html"

# Release builds: the wasm-bindgen JS of the trainee app minified too (trunk's minifier
# cannot parse it; see the script). Its integrity hash in index.html is updated.
if "$release"; then
    node scripts/minify-js.cjs "$STAGE"
fi
