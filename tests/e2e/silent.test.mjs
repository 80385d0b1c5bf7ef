// The three mistakes that used to pass in silence (issue 20), as the trainee page shows them
// after `drill bundle` (the harness compiles the edited scenarios/ with target/debug/drill):
// a pack file the index does not list, `pass_mark: 0.8`, and a banned phrase whose `allow`
// exception does not contain it. Each lands in the "未能加载的文件" panel with the message
// `drill check` prints, its place counted from 1.
// Harness API: see the comment at the top of ./harness.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startApp, TRAINEE_KEY } from './harness.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const shipped = (name) => fs.readFileSync(`${ROOT}/scenarios/${name}`, 'utf8');
const PROFILE = { name: '测试员', employee_no: 'E2E020', team: '一班' };

const DRAFT = `version: 1
id: e2e-unlisted
title: 忘了登记的题包
category: hotline
pass_mark: 80
items:
  - id: e2e-unlisted-1
    kind: choice
    standards: [CALL.FIRST]
    prompt: 接到不对口的来电怎么办？
    options:
      - { text: 记录并衔接，跟踪到办结, score: 10, feedback: 正确。 }
      - { text: 请客户改拨别的号码, score: 0, feedback: 不正确。 }
`;

let app;
before(async () => {
  const hall = shipped('hall-etiquette.yaml');
  const banned = shipped('banned.yaml');
  assert.ok(hall.includes('\npass_mark: 80\n') && banned.includes('allow: [实在不行]'), 'the shipped files changed: update the test');
  app = await startApp({
    files: {
      'scenarios/e2e-unlisted.yaml': DRAFT,
      'scenarios/hall-etiquette.yaml': hall.replace('\npass_mark: 80\n', '\npass_mark: 0.8\n'),
      'scenarios/banned.yaml': banned.replace('allow: [实在不行]', 'allow: [实在不行, 给您添麻烦了]'),
    },
  });
});
after(async () => {
  await app?.close();
});

test('an unlisted file, a fractional pass mark and a dead exception are shown in the broken-file panel', () =>
  app.withPage(
    async (page, s) => {
      await s.context.addInitScript(
        ([key, store]) => {
          if (!window.localStorage.getItem(key)) window.localStorage.setItem(key, store);
        },
        [TRAINEE_KEY, JSON.stringify({ format: 1, profile: PROFILE, attempts: [], runs: {} })],
      );
      await s.open('/');
      await page.getByTestId('pack-list').waitFor();
      const panel = (file) => page.locator(`[data-testid="diagnostics-panel"][data-file="scenarios/${file}"]`);

      const unlisted = panel('e2e-unlisted.yaml');
      await unlisted.waitFor();
      assert.match(await unlisted.textContent(), /文件夹中的 e2e-unlisted\.yaml 没有在 index\.yaml 中登记/);
      assert.match(await unlisted.textContent(), /\[unlisted-file\]/);

      const hall = panel('hall-etiquette.yaml');
      assert.match(await hall.textContent(), /pass_mark 是百分比/);
      assert.match(await hall.textContent(), /pass_mark: 80/);

      const banned = panel('banned.yaml');
      const text = await banned.textContent();
      assert.match(text, /例外“给您添麻烦了”中没有忌语“不行”/);
      // The place is said the guide's way, counted from 1; the machine path is the tooltip.
      const place = banned.locator('.diag__path code');
      assert.match(await place.textContent(), /^第 \d+ 条忌语 › 第 2 条例外$/);
      assert.match(await place.getAttribute('title'), /^phrases\[\d+\]\.allow\[1\]$/);
    },
    { name: 'silent-mistakes', open: false },
  ));
