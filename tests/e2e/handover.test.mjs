// The trainee page's two modules (src/handover.rs): the first draws the pack list, the
// practice module takes the page over in place — in the background once it has loaded, or
// at once when the trainee goes past the list. Nothing the trainee sees or did is lost on
// the way, and a practice module that cannot be loaded gets a message and a retry.
// Harness API: see the comment at the top of ./harness.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, withSavedStore, NEW_TRAINEE, TRAINEE_KEY } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

const PRACTICE_WASM = '**/practice/*.wasm';

/** A session with a saved profile whose practice module is held back until `release()`
 * (or fails while `fail` is set). */
async function heldSession(name) {
  const s = await app.session({ open: false, name, contextOptions: withSavedStore(app, NEW_TRAINEE) });
  let release;
  const held = new Promise((r) => { release = r; });
  const state = { fail: false };
  await s.page.route(PRACTICE_WASM, async (route) => {
    await held;
    if (state.fail) await route.abort('connectionfailed');
    else await route.continue();
  });
  return { s, page: s.page, release, state };
}

/** Whether the element is drawn by the first module (inside its `#home`). */
const inFirstModule = (locator) => locator.evaluate((el) => el.closest('#home') !== null);

test('the list is drawn by the first module, and the practice module takes over in place in the background', async () => {
  const { s, page, release } = await heldSession('handover-background');
  try {
    await s.open('/');
    const list = page.getByTestId('pack-list');
    await list.waitFor();
    assert.equal(await inFirstModule(list), true, 'the first screen is the first module');
    assert.equal(await page.title(), '选择练习题包 · 服务演练');
    const before = await page.getByTestId('pack-card').evaluateAll((els) => els.map((e) => e.innerText));
    assert.equal(before.length, 10);
    assert.match(await page.getByTestId('profile-summary').innerText(), /测试员/);

    release();
    await page.locator('#home').waitFor({ state: 'detached' });
    // The same list, now the practice module's, once, at the same address.
    assert.equal(await page.getByTestId('pack-list').count(), 1);
    assert.equal(await inFirstModule(page.getByTestId('pack-list')), false);
    assert.deepEqual(await page.getByTestId('pack-card').evaluateAll((els) => els.map((e) => e.innerText)), before);
    assert.equal(new URL(page.url()).hash, '');
    assert.equal(await page.getByTestId('practice-opening').count(), 0, 'no loading banner for a takeover nobody waited for');
    // Its list starts packs.
    await page.locator('[data-pack-id="taboo"]').getByTestId('pack-start').click();
    await page.getByTestId('player').waitFor();
    s.assertNoErrors();
  } finally {
    await s.close();
  }
});

test('开始练习 before the practice module is there: a loading banner, then the new run, focused; the first screen never wrote the store', async () => {
  const { s, page, release } = await heldSession('handover-click');
  try {
    await s.open('/');
    await page.getByTestId('pack-list').waitFor();
    const stored = await page.evaluate((key) => localStorage.getItem(key), TRAINEE_KEY);
    await page.locator('[data-pack-id="hall-etiquette"]').getByTestId('pack-start').click();
    const banner = page.getByTestId('practice-opening');
    await banner.waitFor();
    assert.equal(await banner.getAttribute('role'), 'status');
    assert.match(await banner.innerText(), /正在打开练习/);
    assert.match(page.url(), /#\/pack\/hall-etiquette$/);
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), TRAINEE_KEY), stored, 'the first module never writes the store');

    release();
    const player = page.getByTestId('player');
    await player.waitFor();
    assert.equal(await player.getAttribute('data-pack-id'), 'hall-etiquette');
    assert.match(await page.getByTestId('item-position').innerText(), /第\s*1\s*题.*共\s*30\s*题/);
    assert.equal(await page.locator('#home').count(), 0);
    // Focus is on the new view's heading, as after any change of view.
    await page.waitForFunction(() => document.activeElement?.id === 'page-title' || document.activeElement?.getAttribute('data-testid') === 'item-position');
    // The run the click started is stored, by the practice module.
    const store = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), TRAINEE_KEY));
    assert.equal(store.runs['hall-etiquette'].items.length, 30);
    // Back to the list: the practice module's own, in the same page (nothing reloaded).
    const loads = app.requests.filter((p) => p.endsWith('.wasm')).length;
    await page.goBack();
    await page.getByTestId('pack-list').waitFor();
    assert.match(await page.locator('[data-pack-id="hall-etiquette"]').getByTestId('pack-start').innerText(), /继续练习/);
    assert.equal(app.requests.filter((p) => p.endsWith('.wasm')).length, loads, 'no module loaded again');
    s.assertNoErrors();
  } finally {
    await s.close();
  }
});

test('a practice module that cannot be loaded: a message on the list, and 重试 opens what was asked', async () => {
  const { s, page, release, state } = await heldSession('handover-fail');
  try {
    state.fail = true;
    release();
    await s.open('/');
    await page.getByTestId('pack-list').waitFor();
    // The background load fails quietly (the trainee asked for nothing yet)...
    await page.locator('[data-pack-id="taboo"]').getByTestId('pack-start').click();
    // ...the one the trainee waits for says so, on the list, with a retry.
    const failed = page.getByTestId('practice-failed');
    await failed.waitFor();
    assert.equal(await failed.getAttribute('role'), 'alert');
    assert.match(await failed.innerText(), /练习页面未能加载。原因：无法从服务器取得练习模块/);
    assert.equal(await page.getByTestId('pack-list').count(), 1, 'the list stays');
    assert.equal(JSON.parse(await page.evaluate((key) => localStorage.getItem(key), TRAINEE_KEY)).runs.taboo, undefined);

    state.fail = false;
    await page.getByTestId('practice-retry').click();
    const player = page.getByTestId('player');
    await player.waitFor();
    assert.equal(await player.getAttribute('data-pack-id'), 'taboo');
    assert.ok(JSON.parse(await page.evaluate((key) => localStorage.getItem(key), TRAINEE_KEY)).runs.taboo, 'the new run asked for is started');
  } finally {
    await s.close();
  }
  // The failed loads are what the test caused; nothing else may be in the console.
  const others = s.errors().filter((e) => !/Failed to load|ERR_CONNECTION_FAILED|fetch|import/i.test(e));
  assert.deepEqual(others, []);
});

test('keyboard focus and the scroll position on the list stay in place when the practice module takes over', async () => {
  const { s, page, release } = await heldSession('handover-focus');
  try {
    await s.page.setViewportSize({ width: 390, height: 700 });
    await s.open('/');
    await page.getByTestId('pack-list').waitFor();
    // A keyboard user has reached the third pack's button, down the page.
    await page.getByTestId('pack-start').nth(2).focus();
    const id = await page.getByTestId('pack-card').nth(2).getAttribute('data-pack-id');
    const scrolled = await page.evaluate(() => window.scrollY);
    assert.ok(scrolled > 300, `the page scrolled to the button (${scrolled})`);
    release();
    await page.locator('#home').waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => window.scrollY), scrolled, 'the page did not jump');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return { testid: el?.getAttribute('data-testid'), pack: el?.closest('[data-pack-id]')?.getAttribute('data-pack-id'), connected: el?.isConnected };
    });
    assert.deepEqual(focused, { testid: 'pack-start', pack: id, connected: true });
    await page.keyboard.press('Enter');
    await page.getByTestId('player').waitFor();
    assert.equal(await page.getByTestId('player').getAttribute('data-pack-id'), id);
    s.assertNoErrors();
  } finally {
    await s.close();
  }
});

test('a deep link is handed over at once: no list drawn first', async () => {
  const s = await app.session({ open: false, name: 'handover-deep', contextOptions: withSavedStore(app, NEW_TRAINEE) });
  try {
    await s.page.addInitScript(() => {
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="pack-list"]')) window.__listSeen = true;
      }).observe(document, { childList: true, subtree: true });
    });
    await s.open('/#/profile');
    await s.page.getByTestId('profile-form').waitFor({ timeout: 30000 });
    assert.equal(await s.page.evaluate(() => window.__listSeen === true), false);
    assert.equal(await s.page.locator('#home').count(), 0);
    s.assertNoErrors();
  } finally {
    await s.close();
  }
});

test('a first visit whose practice module cannot be loaded gets the message, never a blank page', () =>
  app.withPage(
    async (page, s) => {
      let fail = true;
      await page.route(PRACTICE_WASM, (route) => (fail ? route.abort('connectionfailed') : route.continue()));
      await s.open('/');
      const failed = page.getByTestId('practice-failed');
      await failed.waitFor();
      assert.match(await failed.innerText(), /练习页面未能加载/);
      assert.equal(await page.locator('#boot').count(), 0, 'the loading message is gone');
      fail = false;
      await page.getByTestId('practice-retry').click();
      await page.getByTestId('profile-form').waitFor();
    },
    { name: 'handover-first-visit-fail', open: false, allowErrors: [/Failed to load|ERR_CONNECTION_FAILED|fetch/i] },
  ));

test('a new run asked for by a failed load is not started once the trainee has gone elsewhere', async () => {
  const { s, page, release, state } = await heldSession('handover-fail-elsewhere');
  try {
    state.fail = true;
    release();
    await s.open('/');
    await page.locator('[data-pack-id="taboo"]').getByTestId('pack-start').click();
    await page.getByTestId('practice-failed').waitFor();
    state.fail = false;
    // The trainee goes to their profile instead.
    await page.getByTestId('profile-edit').click();
    await page.getByTestId('profile-form').waitFor();
    const store = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), TRAINEE_KEY));
    assert.deepEqual(Object.keys(store.runs), [], 'no run started for the pack asked for before');
  } finally {
    await s.close();
  }
});
