// Start-up in headless Chromium on loopback: time from navigation to the pack list being
// interactive (the first 开始练习 button drawn by the wasm app, i.e. with its handler
// attached), for the app and for the floor (bench/floor: a bare Yew 0.23 app built the same
// way that draws one such button). N cold runs each (fresh context: empty cache and
// storage), alternating app/floor; prints median and p90 and the ratio of medians.
//
//   node bench/startup.mjs [--runs N] [--cpu K] [--store FILE] APP_DIST FLOOR_DIST
//     --cpu K       also emulate a K× slower CPU (Chromium CPU throttling; old office PCs)
//     --store FILE  the app's saved trainee store (default: a profile and no attempts); a
//                   long history from `STORE_SAMPLE_DIR=DIR cargo bench --bench storage`
//     --tag NAME    a diagnostic run of another page in the app's place (e.g. the floor
//                   padded to the app's size, bench/pad-wasm.mjs): names its figures
//                   startup.NAME.* and leaves out the goal
//
// The app is given a saved profile (so it opens on the pack list; the floor's context gets the
// same store, which it ignores) and serves the shipped scenarios/ from its dist. Time
// origin: performance.timeOrigin (navigation start).
import fs from 'node:fs';
import { NEW_TRAINEE, startApp, withSavedStore } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
let runs = 15;
let cpu = 1;
let storeFile = null;
let runTag = null;
const dirs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--cpu') cpu = Number(args[++i]);
  else if (args[i] === '--store') storeFile = args[++i];
  else if (args[i] === '--tag') runTag = args[++i];
  else dirs.push(args[i]);
}
if (dirs.length !== 2) {
  console.error('usage: node bench/startup.mjs [--runs N] [--cpu K] [--store FILE] [--tag NAME] APP_DIST FLOOR_DIST');
  process.exit(2);
}

const PROFILE = storeFile ? fs.readFileSync(storeFile, 'utf8') : NEW_TRAINEE;

async function once(app, isApp) {
  // The saved store is put in place before the timed navigation (Playwright's storageState),
  // not by a script in the page, whose localStorage.setItem of a long history would be
  // timed as the app's. The floor's context gets the same store (it never reads it), so both
  // pages load under the same conditions: to put a store in place Playwright first opens a
  // page of its own, and the new window that makes has Chromium load its omnibox-popup WebUI,
  // a renderer busy for ~0.2 s during the timed load in about half such runs (traces; a floor
  // A/B with and without a store showed no difference beyond noise).
  const s = await app.session({ open: false, timeout: 60000, contextOptions: withSavedStore(app, PROFILE) });
  try {
    await s.context.addInitScript(() => {
      let resolve;
      window.__readyP = new Promise((r) => { resolve = r; });
      const settle = () => { if (window.__ready !== undefined && window.__shown !== undefined) resolve(); };
      const mark = () => {
        // The wasm app has started once it draws its first element (the header / loading).
        if (window.__started === undefined && document.querySelector('header, main, [data-testid]')) window.__started = performance.now();
        // The first-visit form instead of the list: the saved store was not in place.
        if (window.__ready === undefined && document.querySelector('[data-testid="profile-form"]')) {
          window.__noStore = true;
          resolve();
        }
        if (window.__ready === undefined && document.querySelector('[data-testid="pack-start"]')) {
          window.__ready = performance.now();
          // No paint after it within 5 s (not expected): report the run without one.
          setTimeout(() => { if (window.__shown === undefined) window.__shown = null; settle(); }, 5000);
        }
      };
      new MutationObserver(mark).observe(document, { childList: true, subtree: true });
      // On screen: the first Largest Contentful Paint after the list is in the DOM is the
      // frame that shows it (its time is when that frame was presented). The first layout
      // of CJK text, which loads the system font, is paid by both pages in this interval.
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (window.__ready !== undefined && window.__shown === undefined && e.startTime >= window.__ready) window.__shown = e.startTime;
        }
        settle();
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    if (cpu > 1) {
      const cdp = await s.context.newCDPSession(s.page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    }
    await s.open('/');
    // Awaits a promise the page resolves itself. Not page.waitForFunction: that injects
    // Playwright's ~17 ms utility script into the page while it is still loading, a cost the
    // app paid (it is ready after the load event) and the floor did not.
    // A page that never draws the list fails the run after 30 s instead of waiting for ever.
    let timer;
    const limit = new Promise((_, reject) => {
      timer = setTimeout(async () => {
        const state = await s.page.evaluate(() => JSON.stringify({ ready: window.__ready, shown: window.__shown, list: !!document.querySelector('[data-testid="pack-start"]'), text: document.body.innerText.slice(0, 200) })).catch((e) => String(e));
        reject(new Error(`no pack list within 30 s (${isApp ? 'app' : 'floor'}): ${state}; page console:\n${s.console.join('\n')}`));
      }, 30000);
    });
    try {
      await Promise.race([s.page.evaluate(() => window.__readyP), limit]);
    } finally {
      clearTimeout(timer);
    }
    if (await s.page.evaluate(() => window.__noStore === true)) throw new Error('the saved store was not in place: the app asked for a profile');
    // Prove it is interactive: the button responds to a click (not timed).
    const [t, started, shown] = await s.page.evaluate(() => [window.__ready, window.__started, window.__shown]);
    s.assertNoErrors();
    starts.push(started);
    shows.push(shown);
    return t;
  } finally {
    await s.close();
  }
}

/** 2.5th and 97.5th percentiles of median(app*) / median(floor*) over resampled pairs. */
function bootstrapRatio(a, f, draws = 2000) {
  let seed = 0x2545f491;
  const rnd = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const ratios = [];
  for (let d = 0; d < draws; d++) {
    const idx = a.map(() => Math.floor(rnd() * a.length));
    ratios.push(q(idx.map((i) => a[i]), 50) / q(idx.map((i) => f[i]), 50));
  }
  return [q(ratios, 2.5), q(ratios, 97.5)];
}

// A run whose saved store was not in place, or that showed no list within 30 s, is done
// again once and counted in the output. Playwright's storageState leaves localStorage empty
// now and then for a value of millions of characters (4 fresh contexts in 40 with the
// 5,000-attempt store); the app then rightly asks for a profile.
let redone = 0;
async function retried(app, isApp) {
  try {
    return await once(app, isApp);
  } catch (e) {
    if (!/^(no pack list within|the saved store was not in place)/.test(String(e.message))) throw e;
    redone++;
    console.error(`  (a run was done again: ${e.message.split('\n')[0]})`);
    return once(app, isApp);
  }
}

let starts = [];
let shows = [];
const q = (xs, p) => {
  const a = [...xs].sort((x, y) => x - y);
  return a[Math.min(a.length - 1, Math.ceil((p / 100) * a.length) - 1)];
};

const app = await startApp({ dist: dirs[0] });
const floor = await startApp({ dist: dirs[1] });
try {
  await retried(app, true); // warm the OS file cache and Chromium's process pool
  await retried(floor, false);
  const a = [];
  const f = [];
  const aStart = [];
  let aShown = [];
  let fShown = [];
  for (let i = 0; i < runs; i++) {
    starts = [];
    shows = [];
    a.push(await retried(app, true));
    aStart.push(starts[0]);
    f.push(await retried(floor, false));
    aShown.push(shows[0]);
    fShown.push(shows[1]);
  }
  const fmt = (xs) => `median ${q(xs, 50).toFixed(1)} ms, p90 ${q(xs, 90).toFixed(1)} ms (n=${xs.length}, min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;
  const tag = (runTag ? `${runTag}.` : '') + (cpu > 1 ? `cpu${cpu}x.` : '') + (storeFile ? `store${(storeFile.match(/(\d+)[^/]*$/) || ['', 'file'])[1]}.` : '');
  if (runTag) console.log(`${runTag}: ${dirs[0]} in the app's place, against ${dirs[1]}`);
  console.log(`start-up to interactive pack list${cpu > 1 ? ` (CPU throttled ${cpu}×)` : ''}${storeFile ? ` (saved store: ${storeFile}, ${(PROFILE.length / 1e6).toFixed(1)} M characters)` : ''}:`);
  console.log(`  app:   ${fmt(a)}`);
  console.log(`  floor: ${fmt(f)}`);
  // Since packs.json the first render is the pack list, so the two are the same moment; a
  // gap here means the list waited for content.json (packs.json missing or unusable).
  console.log(`  app, first element drawn (wasm fetched, compiled, started, packs.json read): median ${q(aStart, 50).toFixed(1)} ms; the pack list after it: median ${(q(a, 50) - q(aStart, 50)).toFixed(1)} ms later`);
  console.log(`FIGURE startup.${tag}app.first_paint.median = ${q(aStart, 50).toFixed(1)} ms`);
  console.log(`  ratio of medians: ${(q(a, 50) / q(f, 50)).toFixed(2)}×${runTag ? '' : ' (goal ≤ 1.5×)'}${redone ? ` (${redone} run(s) done again: store not in place or no list)` : ''}`);
  // How sure that ratio is: runs come in alternating app/floor pairs under the same machine
  // load, so resample pairs (bootstrap, 2,000 draws, fixed seed) for a 95 % interval of the
  // ratio of medians, and give the median of the per-pair ratios beside it. The interval
  // covers this run's sampling noise only; separate runs on this shared machine drift more
  // (docs/PERFORMANCE.md, "Start-up").
  const ci = bootstrapRatio(a, f);
  const paired = q(a.map((x, i) => x / f[i]), 50);
  console.log(`  95% interval of that ratio (bootstrap over pairs): ${ci[0].toFixed(2)}–${ci[1].toFixed(2)}×; median of per-pair ratios ${paired.toFixed(2)}×`);
  console.log(`FIGURE startup.${tag}ratio.ci95 = ${ci[0].toFixed(2)}–${ci[1].toFixed(2)} x`);
  console.log(`FIGURE startup.${tag}app.median = ${q(a, 50).toFixed(1)} ms`);
  console.log(`FIGURE startup.${tag}app.p90 = ${q(a, 90).toFixed(1)} ms`);
  console.log(`FIGURE startup.${tag}floor.median = ${q(f, 50).toFixed(1)} ms`);
  console.log(`FIGURE startup.${tag}floor.p90 = ${q(f, 90).toFixed(1)} ms`);
  const missing = aShown.concat(fShown).filter((x) => x === null).length;
  aShown = aShown.filter((x) => x !== null);
  fShown = fShown.filter((x) => x !== null);
  console.log(`  on screen (the frame showing it presented, Largest Contentful Paint): app median ${q(aShown, 50).toFixed(1)} ms, floor median ${q(fShown, 50).toFixed(1)} ms, ratio ${(q(aShown, 50) / q(fShown, 50)).toFixed(2)}×${missing ? ` (${missing} runs without one)` : ''}`);
  console.log(`FIGURE startup.${tag}app.shown.median = ${q(aShown, 50).toFixed(1)} ms`);
  console.log(`FIGURE startup.${tag}floor.shown.median = ${q(fShown, 50).toFixed(1)} ms`);
  console.log(`FIGURE startup.${tag}shown.ratio = ${(q(aShown, 50) / q(fShown, 50)).toFixed(2)} x`);
  console.log(`FIGURE startup.${tag}ratio = ${(q(a, 50) / q(f, 50)).toFixed(2)} x`);
} finally {
  await app.close();
  await floor.close();
}
