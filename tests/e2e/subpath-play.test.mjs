// A trainee at work on the static site hosted under a sub-path (`/training/`, served by the
// harness's static server with `basePath`): the profile, a pack played, the study page and
// the staff tools, every request under that path and the header's links staying inside it.
// (subpath.test.mjs checks that every page starts there and under `drill serve --base-path`.)
// Harness API: see the comment at the top of ./harness.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness.mjs';

const BASE = '/training/';
let app;
before(async () => {
  app = await startApp({ basePath: BASE });
});
after(async () => {
  await app?.close();
});

function outside() {
  return app.requests.filter((p) => !p.startsWith(BASE));
}

test('under /training/ a new trainee gets the profile form, then plays a pack', () =>
  app.withPage(
    async (page, s) => {
      assert.ok(app.url.endsWith(BASE), app.url);
      await s.open('');
      await page.getByTestId('profile-form').waitFor({ state: 'visible', timeout: 30000 });
      await page.getByTestId('profile-name').fill('李四');
      await page.getByTestId('profile-employee-no').fill('T042');
      await page.getByTestId('profile-team').fill('营业二班');
      await page.getByTestId('profile-submit').click();
      await page.getByTestId('pack-list').waitFor({ state: 'visible' });
      await page.getByTestId('pack-start').first().click();
      await page.getByTestId('item').waitFor({ state: 'visible' });
      assert.match(new URL(page.url()).pathname, /^\/training\//);
      assert.deepEqual(outside(), [], 'nothing is asked for outside the sub-path');
      for (const wanted of [/^\/training\/service-drill-web-[0-9a-f]+_bg\.wasm$/, /^\/training\/practice\/service-drill-practice-[0-9a-f]+_bg\.wasm$/, /^\/training\/content\.json$/, /^\/training\/packs\.json$/]) {
        assert.ok(app.requests.some((p) => wanted.test(p)), `${wanted} in ${app.requests.join(' ')}`);
      }
    },
    { name: 'subpath-trainee', open: false },
  ));

test('under /training/ the study page and the staff tools start, and the header links stay inside', () =>
  app.withPage(
    async (page, s) => {
      await s.open('study/#/phrasebook');
      await page.getByTestId('pb-lines').waitFor({ state: 'visible', timeout: 30000 });
      await s.open('tools/#/team');
      await page.getByTestId('team-page').waitFor({ state: 'visible', timeout: 30000 });
      const links = await page.locator('header a[href]').evaluateAll((as) => as.map((a) => a.href));
      assert.ok(links.length > 0, 'the header has links');
      for (const href of links) assert.ok(new URL(href).pathname.startsWith(BASE), `${href} stays under ${BASE}`);
      assert.deepEqual(outside(), [], 'nothing is asked for outside the sub-path');
    },
    { name: 'subpath-pages', open: false },
  ));
