// Smoke test: the release build loads in headless Chromium, shows 服务演练, starts the wasm
// app without errors, and shows either the profile form or the pack list.
// Harness API: see the comment at the top of ./harness.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

// First screen: the profile form (new trainee) or the pack list (profile already saved).
// data-testids from tests/e2e/TESTIDS.md, with visible-text fall-backs.
const FIRST_SCREEN_CSS = '[data-testid="profile-form"], [data-testid="pack-list"], form';
const FIRST_SCREEN_TEXT = /姓名|岗位|场景包|开始练习/;

test('the app loads, shows 服务演练 and its first screen, with no errors', () =>
  app.withPage(
    async (page, s) => {
      const wasm = [];
      page.on('response', (r) => {
        if (new URL(r.url()).pathname.endsWith('.wasm')) wasm.push(r);
      });
      await s.open('/');

      assert.match(await page.title(), /服务演练/);
      await page.getByText('服务演练').first().waitFor({ state: 'visible', timeout: 30000 });
      // The first screen is drawn by the wasm app, so this also proves it started.
      await page.locator(FIRST_SCREEN_CSS).or(page.getByText(FIRST_SCREEN_TEXT)).first().waitFor({ state: 'visible', timeout: 30000 });

      assert.equal(wasm.length, 1, 'exactly one .wasm fetched');
      assert.equal(wasm[0].status(), 200);
      assert.equal(wasm[0].headers()['content-type'], 'application/wasm');
    },
    { name: 'smoke', open: false },
  ));

test('each session starts with its own empty storage; a reload keeps it', async () => {
  const first = await app.session();
  const second = await app.session();
  try {
    await first.page.evaluate(() => window.localStorage.setItem('e2e-probe', '1'));
    assert.equal(await second.page.evaluate(() => window.localStorage.getItem('e2e-probe')), null);
    await first.reload();
    assert.equal(await first.page.evaluate(() => window.localStorage.getItem('e2e-probe')), '1');
    first.assertNoErrors();
    second.assertNoErrors();
  } finally {
    await first.close();
    await second.close();
  }
});
