// Minifies the wasm-bindgen JS glue of a trunk dist folder in place and updates its
// subresource-integrity hash in the folder's index.html.
//
//   node scripts/minify-js.cjs DIR
//
// Why here: trunk minifies CSS and HTML in release builds (`minify = "on_release"`), but its
// JS minifier (minify-js) cannot parse wasm-bindgen's `export default` and leaves the file as
// it is ("Failed to minify JS"). esbuild (tools/package.json) does it instead: 43 KB → 19 KB,
// 7.7 → 5.9 KB gzip of the first-load budget (docs/PERFORMANCE.md, "Size"). Run by
// scripts/build-extra.sh for each page of a release build.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const esbuild = require(path.join(__dirname, '..', 'tools', 'node_modules', 'esbuild'));

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/minify-js.cjs DIR');
  process.exit(2);
}
const htmlPath = path.join(dir, 'index.html');
let html = fs.readFileSync(htmlPath, 'utf8');
const sri = (text) => 'sha384-' + crypto.createHash('sha384').update(text).digest('base64');

for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.js'))) {
  const file = path.join(dir, name);
  const source = fs.readFileSync(file, 'utf8');
  const { code } = esbuild.transformSync(source, { minify: true, format: 'esm', legalComments: 'none' });
  const [before, after] = [sri(source), sri(code)];
  if (!html.includes(before)) {
    console.error(`minify-js: ${htmlPath} does not carry the integrity hash of ${name}; left unminified`);
    process.exit(1);
  }
  html = html.split(before).join(after);
  fs.writeFileSync(file, code);
  console.log(`minify-js: ${path.join(dir, name)} ${source.length} -> ${code.length} bytes`);
}
fs.writeFileSync(htmlPath, html);
