// What a long history costs on every answer: the time from a click on 提交答案 to the
// feedback in the DOM (the answer scored, the whole store written to localStorage, the view
// drawn), with saved stores of different sizes. Headless Chromium on loopback, the e2e
// harness; the first three items of 营业厅迎送礼仪 (choice items), three cold sessions per
// store, median of the nine answers.
//
//   node bench/answer.mjs APP_DIST [STORE_FILE|empty]...
//
// Store files come from `STORE_SAMPLE_DIR=DIR cargo bench --bench storage` (scripts/measure.sh).
import fs from 'node:fs';
import { NEW_TRAINEE, startApp, withSavedStore } from '../tests/e2e/harness.mjs';

const [dist, ...stores] = process.argv.slice(2);
if (!dist || !stores.length) {
  console.error('usage: node bench/answer.mjs APP_DIST [STORE_FILE|empty]...');
  process.exit(2);
}
const PACK = 'hall-etiquette';

const app = await startApp({ dist });
try {
  console.log('click on 提交答案 → feedback in the DOM (choice items; the store is saved in between):');
  for (const file of stores) {
    const value = file === 'empty' ? NEW_TRAINEE : fs.readFileSync(file, 'utf8');
    const attempts = (value.match(/"answered_ms"/g) || []).length;
    const times = [];
    let redone = 0;
    for (let session = 0; session < 3; session++) {
      const s = await app.session({ open: false, timeout: 60000, contextOptions: withSavedStore(app, value) });
      try {
        await s.open('/');
        // Playwright's storageState now and then leaves localStorage empty for a value of
        // millions of characters; the app then asks for a profile. Such a session is done again.
        await s.page.locator('[data-testid="pack-start"], [data-testid="profile-form"]').first().waitFor();
        if (await s.page.locator('[data-testid="profile-form"]').count()) {
          if (++redone > 3) throw new Error('the saved store was not in place four times');
          session--;
          continue;
        }
        await s.page.locator(`[data-pack-id="${PACK}"] [data-testid="pack-start"]`).click();
        for (let k = 0; k < 3; k++) {
          const option = s.page.locator('[data-testid="option"][type="radio"]').first();
          await option.waitFor();
          await option.check();
          times.push(await s.page.evaluate(() => new Promise((resolve) => {
            const t0 = performance.now();
            new MutationObserver((_, o) => {
              if (document.querySelector('[data-testid="feedback"]')) {
                o.disconnect();
                resolve(performance.now() - t0);
              }
            }).observe(document.body, { childList: true, subtree: true });
            document.querySelector('[data-testid="submit"]').click();
          })));
          await s.page.locator('[data-testid="next"]').click();
        }
        s.assertNoErrors();
      } finally {
        await s.close();
      }
    }
    times.sort((x, y) => x - y);
    const median = times[Math.floor(times.length / 2)];
    console.log(`  ${String(attempts).padStart(5)} attempts stored (${(value.length / 1e6).toFixed(1)} M characters): median ${median.toFixed(1)} ms (n=${times.length}, min ${times[0].toFixed(1)}, max ${times[times.length - 1].toFixed(1)})${redone ? `; ${redone} session(s) done again, store not in place` : ''}`);
    console.log(`FIGURE answer.store${attempts}.median = ${median.toFixed(1)} ms`);
  }
} finally {
  await app.close();
}
