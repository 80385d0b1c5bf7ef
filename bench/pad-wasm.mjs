// What the app's wasm costs at start-up by its size alone, apart from the code in it: copies
// the floor's dist and pads the floor's wasm, with a custom section of random bytes (which the
// browser transfers, copies and hashes but never compiles), to the byte size of the app's.
// bench/startup.mjs then times the padded floor against the floor (scripts/measure.sh).
//
//   node bench/pad-wasm.mjs FLOOR_DIST APP_DIST OUT_DIST
//
// The page's subresource integrity hash of the wasm is recomputed, so the padded page checks
// its wasm as the floor and the app do.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const [floorDist, appDist, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node bench/pad-wasm.mjs FLOOR_DIST APP_DIST OUT_DIST');
  process.exit(2);
}
const wasmIn = (dir) => {
  const name = fs.readdirSync(dir).find((f) => f.endsWith('_bg.wasm'));
  if (!name) throw new Error(`no *_bg.wasm in ${dir}`);
  return name;
};

/** Unsigned LEB128, as wasm encodes section and name lengths. */
function leb(n) {
  const bytes = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    bytes.push(b);
  } while (n);
  return Buffer.from(bytes);
}

fs.rmSync(out, { recursive: true, force: true });
fs.cpSync(floorDist, out, { recursive: true, filter: (src) => !src.includes(`${path.sep}.stage`) });
const name = wasmIn(out);
const floor = fs.readFileSync(path.join(out, name));
const target = fs.statSync(path.join(appDist, wasmIn(appDist))).size;
const label = Buffer.from('pad');
// The section's header (its id, its length, its name) counts towards the target too.
const named = leb(label.length).length + label.length;
let payload = Math.max(0, target - floor.length - 1 - named);
while (payload > 0 && floor.length + 1 + leb(named + payload).length + named + payload > target) payload--;
const body = Buffer.concat([leb(label.length), label, crypto.randomBytes(payload)]);
const padded = Buffer.concat([floor, Buffer.from([0]), leb(body.length), body]);
fs.writeFileSync(path.join(out, name), padded);

const html = path.join(out, 'index.html');
const sri = `sha384-${crypto.createHash('sha384').update(padded).digest('base64')}`;
const page = fs.readFileSync(html, 'utf8');
const tag = new RegExp(`(<link[^>]*href=/?${name.replace(/[.]/g, '\\.')}[^>]*integrity=)[^ >]+`);
const alt = new RegExp(`(<link[^>]*integrity=)[^ >]+([^>]*href=/?${name.replace(/[.]/g, '\\.')})`);
let patched = page.replace(tag, `$1${sri}`);
if (patched === page) patched = page.replace(alt, `$1${sri}$2`);
if (patched === page && page.includes('integrity=')) throw new Error(`could not find the wasm's integrity attribute in ${html}`);
fs.writeFileSync(html, patched);
console.log(`${out}: floor wasm ${floor.length} bytes padded to ${padded.length} (app ${target})`);
