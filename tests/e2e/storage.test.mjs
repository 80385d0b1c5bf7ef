// Storage faults (issue 6): the trainee's record in localStorage when the browser will not
// keep it. Each case must show a clear message, keep the app working, and lose nothing
// already done.
//
//   (a) quota exceeded on write      -> banner + 重新保存; answers stay in memory and can
//                                       still be exported; the stored copy is untouched;
//                                       once space is freed, 重新保存 writes everything.
//   (b) localStorage unavailable     -> banner; profile, practice and feedback still work.
//   (c) corrupt stored JSON           -> notice; raw text kept under a backup key; the main
//       (and a newer format)            key is not overwritten until acknowledged; then a
//                                       fresh start.
//   (d) older stored document         -> read (missing fields defaulted), progress shown,
//                                       the run resumes, and it is rewritten in the current
//                                       shape with the old attempt kept.
//
// Content is a two-item test pack served in place of the shipped index (harness `files`).
// Harness API: see the comment at the top of ./harness.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startApp, TRAINEE_KEY as KEY } from './harness.mjs';

const BACKUP_PREFIX = `${KEY}.backup.`;
const PROFILE = { name: '测试员', employee_no: 'E2E001', team: '一班' };

const PACK = `version: 1
id: e2e-store
title: 存储测试题包
category: hotline
description: 两道选择题。
pass_mark: 80
items:
  - id: e2e-store-1
    kind: choice
    standards: [CALL.FIRST]
    prompt: 第一题：接到不对口的来电怎么办？
    options:
      - { text: 记录并衔接，跟踪到办结, score: 10, feedback: 正确。 }
      - { text: 请客户改拨别的号码, score: 0, feedback: 不正确。 }
  - id: e2e-store-2
    kind: choice
    standards: [CALL.FIRST]
    prompt: 第二题：谁是首问责任人？
    options:
      - { text: 第一个接到电话的人, score: 10, feedback: 正确。 }
      - { text: 业务对口的部门, score: 0, feedback: 不正确。 }
`;
const FILES = {
  'scenarios/index.yaml': 'version: 1\nstandards: standards.yaml\nbanned: banned.yaml\npacks:\n  - e2e-store.yaml\n',
  'scenarios/e2e-store.yaml': PACK,
};

let app;
before(async () => {
  app = await startApp({ files: FILES });
});
after(async () => {
  await app?.close();
});

/** Seeds localStorage once per context (not again on reload), before the app starts. */
function seed(context, entries) {
  return context.addInitScript((entries) => {
    if (!window.localStorage.getItem('e2e-seeded')) {
      window.localStorage.setItem('e2e-seeded', '1');
      for (const [k, v] of Object.entries(entries)) window.localStorage.setItem(k, v);
    }
  }, entries);
}

const emptyStore = () => JSON.stringify({ format: 1, profile: PROFILE, attempts: [], runs: {} });

async function answerFirstOption(page) {
  await page.getByTestId('player').waitFor();
  await page.locator('[data-testid="option"][data-option-index="0"]').check();
  await page.getByTestId('submit').click();
  await page.getByTestId('feedback').waitFor();
}

async function packProgress(page) {
  await page.getByTestId('pack-list').waitFor();
  return (await page.getByTestId('pack-progress').first().textContent()).trim();
}

test('(a) quota exceeded: banner, practice goes on in memory, export works, nothing stored is lost, retry saves', () =>
  app.withPage(
    async (page, s) => {
      await seed(s.context, { [KEY]: emptyStore() });
      // Every write of the record fails as a full quota does, until the test frees "space".
      await s.context.addInitScript((key) => {
        window.__quotaFull = true;
        const orig = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) {
          if (window.__quotaFull && k === key) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          return orig.call(this, k, v);
        };
      }, KEY);
      await s.open('/');
      assert.match(await packProgress(page), /已答 0 \/ 2 题/);

      await page.getByTestId('pack-start').first().click();
      const banner = page.getByTestId('storage-banner');
      await banner.waitFor();
      assert.match(await banner.textContent(), /浏览器存储空间已满/);
      await answerFirstOption(page);
      assert.match(await page.getByTestId('points').textContent(), /得 10 分/);
      assert.ok(await banner.isVisible(), 'banner stays while writes fail');

      // Back to the list: the answer is still there (in memory).
      await page.goto(new URL('#/', app.url).href);
      assert.match(await packProgress(page), /已答 1 \/ 2 题/);
      // The stored copy was not damaged or cleared by the failed writes.
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), emptyStore());

      // Still exportable without leaving the page: the banner offers the results file,
      // which holds the in-memory attempt.
      const [download] = await Promise.all([page.waitForEvent('download'), banner.getByTestId('storage-banner-export').click()]);
      await banner.getByTestId('storage-banner-note').filter({ hasText: '已下载成绩文件（1 条作答）' }).waitFor();
      const file = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
      assert.equal(file.attempts.length, 1);
      assert.equal(file.attempts[0].item_id, 'e2e-store-1');

      // Space freed: 重新保存 writes everything, the banner goes.
      await page.evaluate(() => (window.__quotaFull = false));
      await banner.getByRole('button', { name: '重新保存' }).click();
      await banner.waitFor({ state: 'detached' });
      const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
      assert.equal(stored.attempts.length, 1);
      assert.deepEqual(Object.keys(stored.runs), ['e2e-store']);
    },
    { name: 'storage-quota', open: false },
  ));

test('(b) localStorage unavailable (getter throws): banner, the app works in memory', () =>
  app.withPage(
    async (page, s) => {
      await s.context.addInitScript(() => {
        Object.defineProperty(window, 'localStorage', {
          configurable: true,
          get() {
            throw new DOMException('The operation is insecure.', 'SecurityError');
          },
        });
      });
      await s.open('/');
      const banner = page.getByTestId('storage-banner');
      await banner.waitFor();
      assert.match(await banner.textContent(), /隐私|无痕|禁用/);
      await page.getByTestId('profile-name').fill(PROFILE.name);
      await page.getByTestId('profile-employee-no').fill(PROFILE.employee_no);
      await page.getByTestId('profile-team').fill(PROFILE.team);
      await page.getByTestId('profile-submit').click();
      await page.getByTestId('pack-start').first().click();
      await answerFirstOption(page);
      await page.getByTestId('next').click();
      await page.getByTestId('player').waitFor();
      assert.equal(await page.getByTestId('player').getAttribute('data-item-id'), 'e2e-store-2');
      assert.ok(await banner.isVisible());
    },
    { name: 'storage-unavailable', open: false },
  ));

for (const [label, raw, problem] of [
  ['corrupt (truncated) JSON', '{"format":1,"profile":{"name":"测试员","employee_no":"E2E0', /已损坏/],
  ['hand-edited JSON of the wrong shape', '{"format":1,"attempts":"很多"}', /已损坏/],
  ['a record from a newer app', '{"format":99,"whatever":true}', /更新版本/],
]) {
  test(`(c) ${label}: notice, raw text kept under a backup key, fresh start only after acknowledging`, () =>
    app.withPage(
      async (page, s) => {
        await seed(s.context, { [KEY]: raw });
        await s.open('/');
        const notice = page.getByTestId('storage-recovered');
        await notice.waitFor();
        const text = await notice.textContent();
        assert.match(text, problem);
        let ls = await s.localStorage();
        const backups = Object.keys(ls).filter((k) => k.startsWith(BACKUP_PREFIX));
        assert.equal(backups.length, 1, `one backup key in ${Object.keys(ls)}`);
        assert.equal(ls[backups[0]], raw, 'backup holds the raw text exactly');
        assert.ok(text.includes(backups[0]), 'the notice names the backup key');
        assert.equal(ls[KEY], raw, 'main key untouched before acknowledging');

        // A reload before acknowledging must not lose it either.
        await s.reload();
        await notice.waitFor();

        await page.getByTestId('storage-recovered-ack').click();
        await page.getByTestId('profile-form').waitFor();
        await page.getByTestId('profile-name').fill(PROFILE.name);
        await page.getByTestId('profile-employee-no').fill(PROFILE.employee_no);
        await page.getByTestId('profile-team').fill(PROFILE.team);
        await page.getByTestId('profile-submit').click();
        await page.getByTestId('pack-list').waitFor();
        ls = await s.localStorage();
        assert.equal(JSON.parse(ls[KEY]).profile.employee_no, PROFILE.employee_no);
        assert.ok(Object.keys(ls).filter((k) => k.startsWith(BACKUP_PREFIX)).some((k) => ls[k] === raw), 'backup still there');
      },
      { name: 'storage-corrupt', open: false },
    ));
}

// The oldest shape the app has written: format 1 as in the first release (store format 1 is
// still current; see docs/PERFORMANCE.md "Stored results"), without the fields added with
// serde defaults (a run's dialogue_path, item_started_ms, retry).
const OLD = JSON.stringify({
  format: 1,
  profile: PROFILE,
  attempts: [
    {
      pack_id: 'e2e-store',
      item_id: 'e2e-store-1',
      answer: { kind: 'choice', option: 0 },
      outcome: { points: 10, max: 10, verdict: 'correct', findings: [] },
      started_ms: 1790000000000,
      answered_ms: 1790000030000,
    },
  ],
  runs: { 'e2e-store': { pack_id: 'e2e-store', items: ['e2e-store-1', 'e2e-store-2'], answers: { 'e2e-store-1': 0 }, started_ms: 1790000000000 } },
});

test('(d) older stored document: read, progress shown, run resumes, rewritten in the current shape', () =>
  app.withPage(
    async (page, s) => {
      await seed(s.context, { [KEY]: OLD });
      await s.open('/');
      assert.match(await packProgress(page), /已答 1 \/ 2 题/);
      const start = page.getByTestId('pack-start').first();
      assert.match(await start.textContent(), /继续练习/);
      assert.equal(await page.getByTestId('storage-banner').count(), 0);
      assert.equal(await page.getByTestId('storage-recovered').count(), 0);
      await start.click();
      await page.getByTestId('player').waitFor();
      assert.equal(await page.getByTestId('player').getAttribute('data-item-id'), 'e2e-store-2');
      await answerFirstOption(page);
      const stored = JSON.parse((await s.localStorage())[KEY]);
      assert.equal(stored.format, 1);
      assert.equal(stored.attempts.length, 2);
      assert.deepEqual(stored.attempts[0], JSON.parse(OLD).attempts[0], 'the old attempt is kept as it was');
      const run = stored.runs['e2e-store'];
      assert.deepEqual(run.answers, { 'e2e-store-1': 0, 'e2e-store-2': 1 });
      assert.ok('dialogue_path' in run && 'retry' in run && 'item_started_ms' in run, 'rewritten with the current fields');
    },
    { name: 'storage-older', open: false },
  ));
