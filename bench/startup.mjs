// Start-up in headless Chromium on loopback: time from navigation to the pack list being
// interactive (the first 开始练习 button drawn by the wasm app, i.e. with its handler
// attached), for the app and for the floor (bench/floor: a bare Yew 0.23 app built the same
// way that draws one such button). N cold runs each (fresh context: empty cache and
// storage), alternating app/floor; prints median and p90 and the ratio of medians.
//
//   node bench/startup.mjs [--runs N] [--cpu K] APP_DIST FLOOR_DIST
//     --cpu K   also emulate a K× slower CPU (Chromium CPU throttling; old office PCs)
//
// The app is given a saved profile (so it opens on the pack list) and serves the shipped
// scenarios/ from its dist. Time origin: performance.timeOrigin (navigation start).
import { startApp } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
let runs = 15;
let cpu = 1;
const dirs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--cpu') cpu = Number(args[++i]);
  else dirs.push(args[i]);
}
if (dirs.length !== 2) {
  console.error('usage: node bench/startup.mjs [--runs N] [--cpu K] APP_DIST FLOOR_DIST');
  process.exit(2);
}

const PROFILE = JSON.stringify({ format: 1, profile: { name: '测试员', employee_no: 'P001', team: '一班' }, attempts: [], runs: {} });

async function once(app, withProfile) {
  const s = await app.session({ open: false, timeout: 60000 });
  try {
    if (withProfile) await s.context.addInitScript((v) => localStorage.setItem('service-drill.trainee.v1', v), PROFILE);
    await s.context.addInitScript(() => {
      let resolve;
      window.__readyP = new Promise((r) => { resolve = r; });
      const mark = () => {
        // The wasm app has started once it draws its first element (the header / loading).
        if (window.__started === undefined && document.querySelector('header, main, [data-testid]')) window.__started = performance.now();
        if (window.__ready === undefined && document.querySelector('[data-testid="pack-start"]')) {
          window.__ready = performance.now();
          resolve();
        }
      };
      new MutationObserver(mark).observe(document, { childList: true, subtree: true });
    });
    if (cpu > 1) {
      const cdp = await s.context.newCDPSession(s.page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    }
    await s.open('/');
    // Awaits a promise the page resolves itself. Not page.waitForFunction: that injects
    // Playwright's ~17 ms utility script into the page while it is still loading, a cost the
    // app paid (it is ready after the load event) and the floor did not.
    await s.page.evaluate(() => window.__readyP);
    // Prove it is interactive: the button responds to a click (not timed).
    const [t, started] = await s.page.evaluate(() => [window.__ready, window.__started]);
    s.assertNoErrors();
    starts.push(started);
    return t;
  } finally {
    await s.close();
  }
}

let starts = [];
const q = (xs, p) => {
  const a = [...xs].sort((x, y) => x - y);
  return a[Math.min(a.length - 1, Math.ceil((p / 100) * a.length) - 1)];
};

const app = await startApp({ dist: dirs[0] });
const floor = await startApp({ dist: dirs[1] });
try {
  await once(app, true); // warm the OS file cache and Chromium's process pool
  await once(floor, false);
  const a = [];
  const f = [];
  const aStart = [];
  for (let i = 0; i < runs; i++) {
    starts = [];
    a.push(await once(app, true));
    aStart.push(starts[0]);
    f.push(await once(floor, false));
  }
  const fmt = (xs) => `median ${q(xs, 50).toFixed(1)} ms, p90 ${q(xs, 90).toFixed(1)} ms (n=${xs.length}, min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;
  const tag = cpu > 1 ? `cpu${cpu}x.` : '';
  console.log(`start-up to interactive pack list${cpu > 1 ? ` (CPU throttled ${cpu}×)` : ''}:`);
  console.log(`  app:   ${fmt(a)}`);
  console.log(`  floor: ${fmt(f)}`);
  // Since packs.json the first render is the pack list, so the two are the same moment; a
  // gap here means the list waited for content.json (packs.json missing or unusable).
  console.log(`  app, first element drawn (wasm fetched, compiled, started, packs.json read): median ${q(aStart, 50).toFixed(1)} ms; the pack list after it: median ${(q(a, 50) - q(aStart, 50)).toFixed(1)} ms later`);
  console.log(`FIGURE startup.${tag}app.first_paint.median = ${q(aStart, 50).toFixed(1)} ms`);
  console.log(`  ratio of medians: ${(q(a, 50) / q(f, 50)).toFixed(2)}× (goal ≤ 1.5×)`);
  console.log(`FIGURE startup.${tag}app.median = ${q(a, 50).toFixed(1)} ms`);
  console.log(`FIGURE startup.${tag}app.p90 = ${q(a, 90).toFixed(1)} ms`);
  console.log(`FIGURE startup.${tag}floor.median = ${q(f, 50).toFixed(1)} ms`);
  console.log(`FIGURE startup.${tag}floor.p90 = ${q(f, 90).toFixed(1)} ms`);
  console.log(`FIGURE startup.${tag}ratio = ${(q(a, 50) / q(f, 50)).toFixed(2)} x`);
} finally {
  await app.close();
  await floor.close();
}
