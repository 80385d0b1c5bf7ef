// The core in the browser: loads bench/wasm (the library compiled with the app's release
// profile and wasm-opt -Oz, exported through wasm-bindgen) in headless Chromium and times
// the calls the app makes with performance.now(): Library::build on generated packs,
// TabooMatcher::find, TeamReport::build, Roster::from_json, and bundle::open of content.json
// (the trainee app's start-up: shipped content opened cold in a fresh page, then generated
// bundles of 1k and 10k items). Also measures how much localStorage holds before a
// QuotaExceededError. Prints median of R repetitions.
//
//   node bench/browser.mjs WASM_BENCH_DIST
import fs from 'node:fs';
import path from 'node:path';
import { startApp, ROOT } from '../tests/e2e/harness.mjs';

// The shipped content, in index order: standards, banned, packs.
const scen = path.join(ROOT, 'scenarios');
const indexText = fs.readFileSync(path.join(scen, 'index.yaml'), 'utf8');
const packNames = [...indexText.matchAll(/^\s+-\s+(\S+\.yaml)\s*$/gm)].map((m) => m[1]);
const SHIPPED = JSON.stringify(['standards.yaml', 'banned.yaml', ...packNames].map((n) => [`scenarios/${n}`, fs.readFileSync(path.join(scen, n), 'utf8')]));

// scenarios/ as { name: text } for compiling content.json in the page (as `drill bundle` does).
const FILES = JSON.stringify(Object.fromEntries(['index.yaml', 'phrasebook.yaml', 'standards.yaml', 'banned.yaml', ...packNames].map((n) => [n, fs.readFileSync(path.join(scen, n), 'utf8')])));
const BUNDLE_SIZES = [[1000, 7], [10000, 5]];

const dist = process.argv[2];
// BENCH_QUICK=1 skips the 100k-item library (~1 min).
const SIZES = process.env.BENCH_QUICK ? [[1000, 7], [10000, 3]] : [[1000, 7], [10000, 5], [100000, 1]];
if (!dist) {
  console.error('usage: node bench/browser.mjs WASM_BENCH_DIST');
  process.exit(2);
}
/** Puts `window.timeMedian(f, reps)` in the page: the median of `reps` timed calls of `f`. */
function installTimer(page) {
  return page.evaluate(() => {
    window.timeMedian = (f, reps) => {
      const ts = [];
      for (let i = 0; i < reps; i++) {
        const t0 = performance.now();
        f();
        ts.push(performance.now() - t0);
      }
      return ts.sort((x, y) => x - y)[Math.floor(ts.length / 2)];
    };
  });
}

const app = await startApp({ dist });
try {
  await app.withPage(
    async (page) => {
      page.setDefaultTimeout(600000);
      await page.waitForFunction(() => window.benchReady === true);
      await installTimer(page);
      const r = await page.evaluate(([SHIPPED, SIZES]) => {
        const b = window.bench;
        const time = window.timeMedian;
        const out = {};
        const loader = new b.Loader();
        let loaded = 0;
        // The first call pays one-time set-up (normaliser table, wasm memory growth), as
        // the app does at start-up; then the median of repeated calls.
        out['shipped.first'] = time(() => loader.validate_files(SHIPPED), 1);
        out['shipped'] = time(() => (loaded = loader.validate_files(SHIPPED)), 5);
        out['shipped.packs'] = loaded;
        out['shipped.chars'] = SHIPPED.length;
        for (const [n, reps] of SIZES) {
          out[`load.${n}.bytes`] = loader.generate(n, 6);
          let items = 0;
          out[`load.${n}`] = time(() => (items = loader.validate_generated()), reps);
          if (items !== n) throw new Error(`generated packs of ${n} items loaded ${items}`);
        }
        for (const nodes of [100, 1000]) {
          loader.generate(5, nodes);
          out[`dialogue.${nodes}`] = time(() => loader.validate_generated(), 5);
        }
        const taboo = new b.Taboo(1000, 300);
        taboo.find(100);
        out['taboo.find.us'] = (time(() => taboo.find(1000), 5) * 1000) / 1000;
        const team = new b.Team(100, 1000);
        out['team.build'] = time(() => team.build(), 5);
        const json = team.to_json();
        out['team.roster.bytes'] = json.length;
        out['team.roster_from_json'] = time(() => b.roster_from_json(json), 3);
        // How much localStorage takes here before it refuses (characters of one value).
        localStorage.clear();
        const fill = (ch) => {
          let lo = 0;
          let hi = 64 * 1024 * 1024;
          while (lo < hi) {
            const mid = Math.ceil((lo + hi) / 2);
            try {
              localStorage.setItem('q', ch.repeat(mid));
              lo = mid;
            } catch {
              hi = mid - 1;
            }
          }
          localStorage.clear();
          return lo;
        };
        out['quota.ascii_chars'] = fill('a');
        out['quota.cjk_chars'] = fill('中');
        return out;
      }, [SHIPPED, SIZES]);
      console.log('core in headless Chromium (wasm, release profile, wasm-opt -Oz), median:');
      console.log(`  shipped content (${r['shipped.packs']} packs + standards + banned, ${(r['shipped.chars'] / 1e3).toFixed(0)} k chars): ${r['shipped'].toFixed(1)} ms`);
      console.log(`FIGURE browser.load.shipped.ms = ${r['shipped'].toFixed(1)} ms`);
      console.log(`  shipped content, first call (cold, as at start-up): ${r['shipped.first'].toFixed(1)} ms`);
      console.log(`FIGURE browser.load.shipped.first.ms = ${r['shipped.first'].toFixed(1)} ms`);
      for (const [n] of SIZES) {
        const ms = r[`load.${n}`];
        console.log(`  Library::build ${String(n).padStart(6)} items: ${ms.toFixed(1).padStart(8)} ms  ${((ms * 1000) / n).toFixed(2).padStart(6)} µs/item  (${(r[`load.${n}.bytes`] / 1e6).toFixed(1)} M chars of YAML)`);
        console.log(`FIGURE browser.load.${n}.ms = ${ms.toFixed(1)} ms`);
        console.log(`FIGURE browser.load.${n}.us_per_item = ${((ms * 1000) / n).toFixed(2)} µs`);
      }
      for (const nodes of [100, 1000]) {
        console.log(`  dialogue of ${nodes} nodes: ${r[`dialogue.${nodes}`].toFixed(1)} ms`);
        console.log(`FIGURE browser.dialogue.${nodes}.ms = ${r[`dialogue.${nodes}`].toFixed(1)} ms`);
      }
      console.log(`  TabooMatcher::find, 1,000 phrases, 300 chars: ${r['taboo.find.us'].toFixed(1)} µs`);
      console.log(`FIGURE browser.taboo.find.us = ${r['taboo.find.us'].toFixed(1)} µs`);
      console.log(`  TeamReport::build, 100 × 1,000: ${r['team.build'].toFixed(1)} ms (goal ≤ 50 ms)`);
      console.log(`FIGURE browser.team.build.ms = ${r['team.build'].toFixed(1)} ms`);
      console.log(`  Roster::from_json of that roster (${(r['team.roster.bytes'] / 1e6).toFixed(1)} MB): ${r['team.roster_from_json'].toFixed(1)} ms`);
      console.log(`FIGURE browser.team.roster_from_json.ms = ${r['team.roster_from_json'].toFixed(1)} ms`);
      console.log(`  localStorage capacity for one value: ${r['quota.ascii_chars']} ASCII chars, ${r['quota.cjk_chars']} CJK chars`);
      console.log(`FIGURE browser.quota.ascii_chars = ${r['quota.ascii_chars']} chars`);
      console.log(`FIGURE browser.quota.cjk_chars = ${r['quota.cjk_chars']} chars`);
    },
    { name: 'bench-browser' },
  );

  // content.json: compiled in one page, then opened in a fresh one so the first call is cold,
  // as at the app's start-up.
  let shippedBundle;
  await app.withPage(
    async (page) => {
      page.setDefaultTimeout(600000);
      await page.waitForFunction(() => window.benchReady === true);
      shippedBundle = await page.evaluate((files) => window.bench.Bundle.shipped(files).json(), FILES);
    },
    { name: 'bench-browser-bundle-compile' },
  );
  await app.withPage(
    async (page) => {
      page.setDefaultTimeout(600000);
      await page.waitForFunction(() => window.benchReady === true);
      await installTimer(page);
      const r = await page.evaluate(
        ([json, sizes]) => {
          const b = window.bench;
          const time = window.timeMedian;
          const out = {};
          let items = 0;
          out['shipped.first'] = time(() => (items = b.open_bundle(json)), 1);
          out['shipped'] = time(() => b.open_bundle(json), 7);
          out['shipped.items'] = items;
          out['shipped.bytes'] = new TextEncoder().encode(json).length;
          if (!items) throw new Error('the shipped content.json did not open');
          for (const [n, reps] of sizes) {
            const bundle = new b.Bundle(n, 6);
            out[`${n}.bytes`] = bundle.bytes();
            let opened = 0;
            out[`${n}`] = time(() => (opened = bundle.open()), reps);
            out[`${n}.packs`] = time(() => bundle.open_packs(), reps);
            out[`${n}.parse`] = time(() => bundle.parse(), reps);
            bundle.free();
            if (opened !== n) throw new Error(`a bundle of ${n} items opened ${opened}`);
          }
          return out;
        },
        [shippedBundle, BUNDLE_SIZES],
      );
      console.log('content.json opened in headless Chromium (bundle::open: JSON parse, integrity check, matcher), median:');
      console.log(`  shipped (${r['shipped.items']} items, ${(r['shipped.bytes'] / 1e3).toFixed(0)} kB): ${r['shipped'].toFixed(1)} ms; first call (cold, as at start-up): ${r['shipped.first'].toFixed(1)} ms`);
      console.log(`FIGURE browser.bundle_open.shipped.ms = ${r['shipped'].toFixed(1)} ms`);
      console.log(`FIGURE browser.bundle_open.shipped.first.ms = ${r['shipped.first'].toFixed(1)} ms`);
      for (const [n] of BUNDLE_SIZES) {
        const ms = r[`${n}`];
        console.log(`  bundle::open ${String(n).padStart(6)} items: ${ms.toFixed(1).padStart(8)} ms  ${((ms * 1000) / n).toFixed(2).padStart(6)} µs/item  (parse ${r[`${n}.parse`].toFixed(1)} ms; ${(r[`${n}.bytes`] / 1e6).toFixed(1)} MB of JSON)`);
        console.log(`FIGURE browser.bundle_open.${n}.ms = ${ms.toFixed(1)} ms`);
        console.log(`FIGURE browser.bundle_parse.${n}.ms = ${r[`${n}.parse`].toFixed(1)} ms`);
        console.log(`    the trainee app's reading (bundle::open_packs, phrasebook skipped): ${r[`${n}.packs`].toFixed(1)} ms`);
        console.log(`FIGURE browser.bundle_open_packs.${n}.ms = ${r[`${n}.packs`].toFixed(1)} ms`);
      }
    },
    { name: 'bench-browser-bundle' },
  );
} finally {
  await app.close();
}
