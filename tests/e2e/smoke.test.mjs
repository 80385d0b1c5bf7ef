// Smoke test: the release build loads in headless Chromium, shows 服务演练, starts the wasm
// app without errors, and shows either the profile form or the pack list.
// Harness API: see the comment at the top of ./harness.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, TRAINEE_KEY } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

// First screen: the profile form (new trainee) or the pack list (profile already saved).
const FIRST_SCREEN = '[data-testid="profile-form"], [data-testid="pack-list"]';

test('the app loads, shows 服务演练 and its first screen, with no errors', () =>
  app.withPage(
    async (page, s) => {
      const wasm = [];
      page.on('response', (r) => {
        if (new URL(r.url()).pathname.endsWith('.wasm')) wasm.push(r);
      });
      await s.open('/');

      assert.match(await page.title(), /服务演练/);
      // The wasm app removes index.html's boot placeholder when it starts, then draws the
      // first screen, whose header shows the product name.
      await page.locator('#boot').waitFor({ state: 'detached', timeout: 30000 });
      await page.locator(FIRST_SCREEN).first().waitFor({ state: 'visible', timeout: 30000 });
      await page.getByText('服务演练').first().waitFor({ state: 'visible' });

      // The page's first module and the practice module it hands over to (a new trainee's
      // profile form is the practice module's), each fetched once.
      const paths = wasm.map((r) => new URL(r.url()).pathname).sort();
      assert.equal(paths.length, 2, `two .wasm fetched: ${paths.join(' ')}`);
      assert.match(paths[0], /^\/practice\/service-drill-practice-[0-9a-f]+_bg\.wasm$/);
      assert.match(paths[1], /^\/service-drill-web-[0-9a-f]+_bg\.wasm$/);
      for (const r of wasm) {
        assert.equal(r.status(), 200);
        assert.equal(r.headers()['content-type'], 'application/wasm');
      }
    },
    { name: 'smoke', open: false },
  ));

test('a slow start shows the loading message after half a second, and the app replaces it', () =>
  app.withPage(
    async (page, s) => {
      // Hold the wasm back: the page is up, the app cannot start.
      let release;
      const held = new Promise((r) => { release = r; });
      await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
      await page.goto(new URL('./', app.url).href, { waitUntil: 'domcontentloaded' });
      const boot = page.locator('#boot');
      // No loading message at first (a fast start shows none): checked in the page, with the
      // page's own clock, so a slow machine cannot make the check itself late.
      const [hidden, at] = await page.evaluate(() => [document.getElementById('boot').hidden, performance.now()]);
      if (at < 450) assert.equal(hidden, true, `the loading message is shown at ${at} ms`);
      await boot.waitFor({ state: 'visible', timeout: 5000 });
      assert.equal(await boot.getAttribute('role'), 'status');
      assert.match(await boot.textContent(), /正在加载，请稍候/);
      release();
      await boot.waitFor({ state: 'detached', timeout: 30000 });
      await page.locator(FIRST_SCREEN).first().waitFor({ state: 'visible', timeout: 30000 });
    },
    { name: 'smoke-boot-slow', open: false },
  ));

test('without JavaScript every page says how to enable it, and no loading message', async () => {
  const s = await app.session({ open: false, contextOptions: { javaScriptEnabled: false } });
  try {
    for (const path of ['/', '/study/', '/tools/']) {
      await s.open(path);
      await s.page.locator('.noscript').waitFor({ state: 'visible' });
      assert.match(await s.page.locator('.noscript').textContent(), /需要启用浏览器的 JavaScript/);
      assert.equal(await s.page.locator('#boot').isVisible(), false, `${path}: the loading message would never go away`);
    }
  } finally {
    await s.close();
  }
});

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

test('the trainee page loads only its own two wasm modules, the pack list and content.json; the study page and staff tools are a link away', () =>
  app.withPage(
    async (page, s) => {
      const fetched = [];
      page.on('response', (r) => fetched.push(new URL(r.url()).pathname));
      const content = page.waitForResponse((r) => r.url().endsWith('/content.json'));
      await s.open('/');
      await page.locator(FIRST_SCREEN).first().waitFor({ state: 'visible', timeout: 30000 });
      // The pack list, then the content as one compiled file; no YAML, nothing of the other pages.
      await content;
      assert.ok(fetched.includes('/packs.json'), fetched.join(' '));
      assert.ok(fetched.includes('/content.json'), fetched.join(' '));
      assert.deepEqual(fetched.filter((p) => p.endsWith('.yaml') || p.startsWith('/tools/') || p.startsWith('/study/')), []);
      assert.equal(await page.getByTestId('nav-phrasebook').getAttribute('href'), 'study/#/phrasebook');
      assert.equal(await page.getByTestId('nav-team').getAttribute('href'), 'tools/#/team');
      assert.equal(await page.getByTestId('nav-author').getAttribute('href'), 'tools/#/author');

      // Following the link opens the team page in the staff tools, whose header links to the
      // other two pages.
      await page.getByTestId('nav-team').click();
      await page.waitForURL(/\/tools\/#\/team$/);
      await page.getByTestId('nav-phrasebook').waitFor();
      assert.equal(await page.getByTestId('nav-phrasebook').getAttribute('href'), '../study/#/phrasebook');
      assert.equal(await page.getByTestId('nav-author').getAttribute('href'), '#/author');
      assert.ok(fetched.some((p) => /^\/tools\/service-drill-tools-.*\.wasm$/.test(p)), 'the tools wasm was loaded');

      // From the tools to the study page (its own wasm, the same content.json), and home.
      await page.getByTestId('nav-phrasebook').click();
      await page.waitForURL(/\/study\/#\/phrasebook$/);
      await page.getByTestId('pb-lines').waitFor();
      assert.ok(fetched.some((p) => /^\/study\/service-drill-study-.*\.wasm$/.test(p)), 'the study wasm was loaded');
      assert.equal(await page.getByTestId('nav-team').getAttribute('href'), '../tools/#/team');
      assert.equal(await page.locator('a.brand').getAttribute('href'), '../#/');

      // Old bookmarks of routes that moved are sent on to their page.
      await s.open('/#/author');
      await page.waitForURL(/\/tools\/#\/author$/);
      await page.getByTestId('author-page').waitFor();
      await s.open('/#/phrasebook/drill');
      await page.waitForURL(/\/study\/#\/phrasebook\/drill$/);
      await page.getByTestId('pb-card').waitFor();
      // The bare study page shows the phrasebook.
      await s.open('/study/');
      await page.waitForURL(/\/study\/#\/phrasebook$/);
      await page.getByTestId('pb-lines').waitFor();
      // 我的成绩 without a profile says what is missing and links to the profile form.
      await s.open('/study/#/results');
      const none = page.getByTestId('results-no-profile');
      await none.waitFor();
      assert.equal(await none.getByRole('link').getAttribute('href'), '../#/profile');
      assert.equal(await page.getByTestId('export-json').count(), 0);
      s.assertNoErrors();
    },
    { name: 'smoke-pages', open: false },
  ));

const PROFILE = JSON.stringify({ format: 1, profile: { name: '张三', employee_no: 'E1', team: '一班' }, attempts: [], runs: {} });

test('the pack list is drawn from packs.json before content.json is open; a pack started then waits for it', () =>
  app.withPage(
    async (page, s) => {
      await s.context.addInitScript(([k, v]) => localStorage.setItem(k, v), [TRAINEE_KEY, PROFILE]);
      // Hold content.json back until the list has been used.
      let release;
      const held = new Promise((r) => { release = r; });
      await page.route('**/content.json', async (route) => { await held; await route.continue(); });
      await s.open('/');
      const cards = page.getByTestId('pack-card');
      await cards.first().waitFor();
      const listed = await page.getByTestId('pack-list').textContent();
      assert.match(listed, /共 \d+ 个题包、\d+ 道题/);
      const first = cards.first();
      const packId = await first.getAttribute('data-pack-id');
      assert.match(await first.textContent(), /共 \d+ 题 · 满分 \d+(\.\d)? 分/, 'facts from the list alone');
      await first.getByTestId('pack-start').click();
      // The run is started and saved at once; the player waits for the content.
      await page.getByTestId('loading').waitFor();
      const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), TRAINEE_KEY));
      assert.ok(stored.runs[packId]?.items.length > 0, 'the run is in the store before the content arrived');
      release();
      const player = page.getByTestId('player');
      await player.waitFor();
      assert.equal(await player.getAttribute('data-pack-id'), packId);
      assert.equal(await player.getAttribute('data-item-id'), stored.runs[packId].items[0]);
    },
    { name: 'smoke-list-first', open: false },
  ));

test('a server stalling on packs.json does not keep the page from starting: the list comes from content.json', () =>
  app.withPage(
    async (page, s) => {
      await s.context.addInitScript(([k, v]) => localStorage.setItem(k, v), [TRAINEE_KEY, PROFILE]);
      await page.route('**/packs.json', () => {}); // never answered
      const warnings = [];
      page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
      await s.open('/');
      await page.getByTestId('pack-card').first().waitFor({ timeout: 10000 });
      // Waited for once: the first module gave up on it, the practice module did not wait again.
      assert.equal(warnings.filter((w) => w.includes('packs.json 未能及时取得')).length, 1, warnings.join('\n'));
    },
    { name: 'smoke-index-stalled', open: false },
  ));

test('without a usable packs.json the list waits for content.json; a stale one is replaced by it', async () => {
  const index = JSON.parse(await (await fetch(new URL('packs.json', app.url))).text());
  const stale = structuredClone(index);
  stale.packs[0].title = '旧的题包标题';
  const cases = [
    { name: 'missing', files: { 'packs.json': null }, allow: [/404|Failed to load resource/] },
    { name: 'corrupt', files: { 'packs.json': '{"format": 1, "packs": [' }, allow: [] },
    { name: 'stale', files: { 'packs.json': JSON.stringify(stale) }, allow: [] },
  ];
  try {
    for (const { name, files, allow } of cases) {
      app.setFiles(files);
      await app.withPage(
        async (page, s) => {
          await s.context.addInitScript(([k, v]) => localStorage.setItem(k, v), [TRAINEE_KEY, PROFILE]);
          const warnings = [];
          page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
          const content = page.waitForResponse((r) => r.url().endsWith('/content.json'));
          await s.open('/');
          await content;
          const first = page.getByTestId('pack-card').first();
          await first.waitFor();
          // Whatever the list said, the cards end up as content.json has them.
          await page.locator('.pack-card__title', { hasText: index.packs[0].title }).waitFor();
          assert.equal(await page.getByText('旧的题包标题').count(), 0, name);
          assert.equal(await page.getByTestId('pack-card').count(), index.packs.length, name);
          if (name === 'corrupt') assert.ok(warnings.some((w) => w.includes('packs.json')), warnings.join('\n'));
        },
        { name: `smoke-index-${name}`, open: false, allowErrors: allow },
      );
    }
  } finally {
    app.setFiles({});
  }
});

test('a missing or truncated content.json gets a clear message on the trainee pages, never a blank one', async () => {
  const whole = await (await fetch(new URL('content.json', app.url))).text();
  const cases = [
    { files: { 'content.json': null }, title: '无法读取题库', detail: /404/ },
    { files: { 'content.json': whole.slice(0, 5000) }, title: '题库数据文件不完整', detail: /截断/ },
  ];
  try {
    for (const { files, title, detail } of cases) {
      app.setFiles(files);
      // (The team dashboard works from the imported files alone, so it has no such message.)
      for (const path of ['/', '/study/#/phrasebook', '/study/#/results']) {
        await app.withPage(
          async (page, s) => {
            // A trainee with a profile (a new one sees the profile form first).
            await s.context.addInitScript(([k, v]) => localStorage.setItem(k, v), [TRAINEE_KEY, PROFILE]);
            await s.open(path);
            const error = page.getByTestId('load-error');
            await error.waitFor();
            const text = await error.textContent();
            assert.ok(text.includes(title), `${path}: ${text}`);
            assert.match(text, detail, path);
            assert.ok(await error.getByRole('button').count(), `${path}: a way to retry`);
          },
          { name: `smoke-bad-content-${path.replace(/\W+/g, '-')}`, open: false, allowErrors: [/404|Failed to load resource/] },
        );
      }
    }
  } finally {
    app.setFiles({});
  }
});
