// Untrusted text is never injected as HTML (issue 6). Trainers' pack files, a pack a trainee
// opens from disk and results files a lead imports are all untrusted: markup in them must
// render as the literal text and nothing in it may run.
//
// The web code has no inner_html / Html::from_html_unchecked / set_inner_html (checked in
// docs/PERFORMANCE.md); these tests prove it in the browser: every payload sets
// window.__xss (or opens a dialog) if it ever runs, and the page must show the markup as text.
// Harness API: see the comment at the top of ./harness.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, TRAINEE_KEY as KEY } from './harness.mjs';

const IMG = '<img src=x onerror="window.__xss=(window.__xss||0)+1">';
const SCRIPT = '<script>window.__xss=(window.__xss||0)+1</script>';
const SVG = '<svg onload="window.__xss=(window.__xss||0)+1"></svg>';
const q = (s) => JSON.stringify(s); // YAML double-quoted scalars are JSON strings

const PACK = `version: 1
id: e2e-xss
title: ${q(`标题${IMG}`)}
category: hotline
description: ${q(`说明${SCRIPT}`)}
pass_mark: 80
items:
  - id: e2e-xss-1
    kind: choice
    standards: [CALL.FIRST]
    context: ${q(`情境${SVG}`)}
    prompt: ${q(`题目${IMG}${SCRIPT}`)}
    options:
      - text: ${q(`选项甲${IMG}`)}
        score: 10
        feedback: ${q(`反馈${SCRIPT}<b>粗体</b>`)}
      - text: ${q(`选项乙${SCRIPT}`)}
        score: 0
        feedback: ${q(`反馈乙${IMG}`)}
`;
const FILES = {
  'scenarios/index.yaml': 'version: 1\nstandards: standards.yaml\nbanned: banned.yaml\npacks:\n  - e2e-xss.yaml\n',
  'scenarios/e2e-xss.yaml': PACK,
};
const PROFILE = { name: '测试员', employee_no: 'E2E001', team: '一班' };

let app;
before(async () => {
  app = await startApp({ files: FILES });
});
after(async () => {
  await app?.close();
});

async function prepare(s, store = { format: 1, profile: PROFILE, attempts: [], runs: {} }) {
  await s.context.addInitScript(
    ([key, value]) => {
      if (!localStorage.getItem(key)) localStorage.setItem(key, value);
    },
    [KEY, JSON.stringify(store)],
  );
  s.dialogs = [];
  s.page.on('dialog', (d) => {
    s.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
}

async function assertInert(page, s) {
  await page.waitForTimeout(300); // let any broken <img> fire its onerror
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'an injected handler ran');
  assert.deepEqual(s.dialogs, []);
  const injected = await page.evaluate(() => ({
    img: document.querySelectorAll('img[src="x"]').length,
    svg: document.querySelectorAll('svg[onload]').length,
    script: [...document.querySelectorAll('script')].filter((e) => e.textContent.includes('__xss')).length,
    b: [...document.querySelectorAll('b')].filter((e) => e.textContent === '粗体').length,
  }));
  assert.deepEqual(injected, { img: 0, svg: 0, script: 0, b: 0 }, 'markup from content became elements');
}

test('pack text with markup (title, description, context, prompt, options, feedback) renders as text', () =>
  app.withPage(
    async (page, s) => {
      await prepare(s);
      await s.open('/');
      const card = page.getByTestId('pack-card').first();
      await card.waitFor();
      assert.ok((await card.textContent()).includes(`标题${IMG}`), 'title shown literally');
      assert.ok((await card.textContent()).includes(`说明${SCRIPT}`), 'description shown literally');
      await assertInert(page, s);

      await page.getByTestId('pack-start').first().click();
      await page.getByTestId('player').waitFor();
      assert.equal((await page.getByTestId('item-prompt').textContent()).trim(), `题目${IMG}${SCRIPT}`);
      assert.ok((await page.getByTestId('item-context').textContent()).includes(`情境${SVG}`));
      const options = await page.getByTestId('item').textContent();
      assert.ok(options.includes(`选项甲${IMG}`) && options.includes(`选项乙${SCRIPT}`), 'options shown literally');
      await page.locator('[data-testid="option"][data-option-index="0"]').check();
      await page.getByTestId('submit').click();
      const feedback = page.getByTestId('feedback');
      await feedback.waitFor();
      assert.ok((await feedback.textContent()).includes(`反馈${SCRIPT}<b>粗体</b>`), 'feedback shown literally');
      await assertInert(page, s);
    },
    { name: 'xss-pack', open: false },
  ));

test('a pack file opened from disk on the authoring page with markup renders as text', () =>
  app.withPage(
    async (page, s) => {
      await prepare(s);
      await s.open('/tools/#/author', { waitFor: '[data-testid="author-page"]' });
      const local = PACK.replaceAll('e2e-xss', 'e2e-local').replace(`标题`, `本地标题`);
      await page.getByTestId('author-open').setInputFiles({ name: `x${'<img src=x onerror=1>'}.yaml`, mimeType: 'text/yaml', buffer: Buffer.from(local) });
      await page.waitForFunction(() => (document.querySelector('.author-note')?.textContent || '').includes('<img src=x onerror=1>'));
      const tryIt = page.locator('[data-testid="author-try-item"][data-item-id="e2e-local-1"]');
      await tryIt.click();
      const prompt = page.getByTestId('item-prompt');
      await prompt.waitFor();
      assert.ok((await prompt.textContent()).includes(`题目${IMG}${SCRIPT}`), 'prompt shown literally');
      await assertInert(page, s);
    },
    { name: 'xss-local-pack', open: false },
  ));

test('an imported results file with markup (names, team, prompts, options) renders as text', () =>
  app.withPage(
    async (page, s) => {
      await prepare(s);
      const name = `学员${IMG}`;
      const file = {
        kind: 'service-drill-results',
        format: 1,
        app_version: `0.1.0${SCRIPT}`,
        content_version: 'not-this-content',
        exported_ms: 1790000100000,
        trainee: { name, employee_no: `E9${SVG}`, team: `班组${SCRIPT}` },
        packs: [{ id: 'p', title: `包${IMG}`, pass_mark: 80, max_points: 10, item_count: 1 }],
        items: [{ id: 'i1', pack_id: 'p', kind: 'choice', standards: [`RULE${IMG}`], max_points: 10, prompt: `题目${SCRIPT}`, options: [`甲${IMG}`, `乙${SVG}`] }],
        attempts: [
          {
            pack_id: 'p',
            item_id: 'i1',
            answer: { kind: 'choice', option: 0 },
            outcome: { points: 10, max: 10, verdict: 'correct', findings: [] },
            started_ms: 1790000000000,
            answered_ms: 1790000030000,
          },
        ],
        totals: { attempts: 1, points: 10, max: 10 },
      };
      await s.open('/tools/#/team');
      await page.getByTestId('team-page').waitFor();
      await page.getByTestId('team-file-input').setInputFiles({ name: 'r.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
      const row = page.getByTestId('team-row').first();
      await row.waitFor();
      assert.equal((await page.getByTestId('team-name').first().textContent()).trim(), name);
      // Every tab of the dashboard, so rules, items and charts are drawn too.
      const tabs = page.locator('[data-testid^="tab-"]');
      for (let i = 0; i < (await tabs.count()); i++) {
        await tabs.nth(i).click();
        await page.waitForTimeout(50);
      }
      const body = await page.locator('body').textContent();
      assert.ok(body.includes(name), 'name shown literally');
      await assertInert(page, s);
    },
    { name: 'xss-results', open: false },
  ));
