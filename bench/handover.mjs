// What the trainee page's two modules (src/handover.rs) cost and give, in headless
// Chromium: per cold run (fresh context, a saved profile), the moments from navigation start
//   list      the pack list in the DOM (the first 开始练习 button)
//   shown     the frame showing it presented (the first Largest Contentful Paint after it)
//   takeover  the practice module in charge of the page (the first module's #home gone;
//             "–" for a build with one module)
//   item      the first item of a pack in the DOM, when 开始练习 is clicked (in the page) the
//             moment the list is there: what a trainee who does not wait gets
// Several dists are run alternately (e.g. this build against the one-module build before it),
// so they load under the same machine load.
//
//   node bench/handover.mjs [--runs N] [--net slow] DIST...
//     --net slow   Chromium network emulation: 40 ms latency, 2 Mbit/s down (an office
//                  intranet link), instead of plain loopback
import { NEW_TRAINEE, startApp, withSavedStore } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
let runs = 15;
let net = null;
const dirs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--net') net = args[++i];
  else dirs.push(args[i]);
}
if (dirs.length === 0 || (net !== null && net !== 'slow')) {
  console.error('usage: node bench/handover.mjs [--runs N] [--net slow] DIST...');
  process.exit(2);
}

async function once(app, click) {
  const s = await app.session({ open: false, timeout: 60000, contextOptions: withSavedStore(app, NEW_TRAINEE) });
  try {
    await s.context.addInitScript((click) => {
      const t = (window.__t = {});
      let resolve;
      window.__doneP = new Promise((r) => { resolve = r; });
      const settle = () => {
        if (t.list === undefined || t.shown === undefined) return;
        if (click ? t.item !== undefined : t.takeover !== undefined) resolve();
      };
      new MutationObserver(() => {
        const now = performance.now();
        const start = document.querySelector('[data-testid="pack-start"]');
        if (t.list === undefined && start) {
          t.list = now;
          t.split = document.getElementById('home') !== null;
          if (!t.split) t.takeover = null;
          if (click) start.click();
        }
        if (t.split && t.takeover === undefined && !document.getElementById('home')) t.takeover = now;
        if (t.item === undefined && document.querySelector('[data-testid="item-position"]')) t.item = now;
        settle();
      }).observe(document, { childList: true, subtree: true });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (t.list !== undefined && t.shown === undefined && e.startTime >= t.list) t.shown = e.startTime;
        }
        settle();
      }).observe({ type: 'largest-contentful-paint', buffered: true });
      setTimeout(() => { if (t.shown === undefined) t.shown = null; settle(); }, 10000);
    }, click);
    if (net === 'slow') {
      const cdp = await s.context.newCDPSession(s.page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: 2e6 / 8, uploadThroughput: 1e6 / 8 });
    }
    await s.open('/');
    let timer;
    const limit = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${app.dist}: not done within 60 s: ${s.console.join(' | ')}`)), 60000);
    });
    try {
      await Promise.race([s.page.evaluate(() => window.__doneP), limit]);
    } finally {
      clearTimeout(timer);
    }
    const t = await s.page.evaluate(() => window.__t);
    s.assertNoErrors();
    return t;
  } finally {
    await s.close();
  }
}

const q = (xs, p) => {
  const a = xs.filter((x) => typeof x === 'number').sort((x, y) => x - y);
  return a.length ? a[Math.min(a.length - 1, Math.ceil((p / 100) * a.length) - 1)] : null;
};
const ms = (x) => (x === null ? '–' : `${x.toFixed(0)} ms`);

const apps = [];
for (const d of dirs) {
  const app = await startApp({ dist: d });
  app.dist = d;
  apps.push(app);
}
try {
  const results = apps.map(() => ({ list: [], shown: [], takeover: [], item: [] }));
  for (const app of apps) {
    await once(app, false); // warm the OS file cache and Chromium's process pool
  }
  for (let i = 0; i < runs; i++) {
    for (const [k, app] of apps.entries()) {
      const passive = await once(app, false);
      const clicked = await once(app, true);
      for (const key of ['list', 'shown', 'takeover']) results[k][key].push(passive[key]);
      results[k].item.push(clicked.item);
    }
  }
  console.log(`the trainee page's first moments, medians of ${runs} cold runs${net ? ' on an emulated slow link (40 ms, 2 Mbit/s)' : ' on loopback'}:`);
  const tag = net ? `${net}.` : '';
  for (const [k, d] of dirs.entries()) {
    const r = results[k];
    const [list, shown, takeover, item] = ['list', 'shown', 'takeover', 'item'].map((key) => q(r[key], 50));
    console.log(`  ${d}: list in the DOM ${ms(list)}, on screen ${ms(shown)}; practice module in charge ${ms(takeover)}; first item after an immediate 开始练习 ${ms(item)}`);
    if (k === 0) {
      console.log(`FIGURE handover.${tag}list.median = ${ms(list)}`);
      console.log(`FIGURE handover.${tag}shown.median = ${ms(shown)}`);
      console.log(`FIGURE handover.${tag}takeover.median = ${ms(takeover)}`);
      console.log(`FIGURE handover.${tag}item.median = ${ms(item)}`);
    }
  }
} finally {
  for (const app of apps) await app.close();
}
