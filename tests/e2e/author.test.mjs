// Authoring page (#/author, issue 5): a trainer pastes a pack with a mistake, sees it flagged
// at the right line, clicks the diagnostic (caret to that line), fixes it, tries the item as a
// trainee would (not recorded in the trainee's store), and after a reload the draft is there.
// Harness API: see the comment at the top of ./harness.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startApp, TRAINEE_KEY } from './harness.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `drill check --format json FILE`'s diagnostics (the CLI the trainer runs). */
function drillCheck(file) {
  const run = spawnSync('cargo', ['run', '--quiet', '--offline', '--bin', 'drill', '--', 'check', '--format', 'json', file], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.ok(run.stdout, `drill check printed nothing: ${run.stderr}`);
  return JSON.parse(run.stdout).diagnostics;
}

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

// Line 12 has the typo `optons` (should be `options`). Once fixed the draft is clean, content
// rules included: its right answer is not the longest option (`best-is-longest`).
const BROKEN = `version: 1
id: e2e-author
title: 编写测试
category: hotline
pass_mark: 80
items:
  - id: e2e-author-greet
    kind: choice
    standards: [CALL.OPEN]
    context: 您是 95598 坐席。
    prompt: 电话接通后，您首先应当怎么说？
    optons:
      - text: 您好，95598，很高兴为您服务。
        score: 10
        feedback: 正确：接通后先问候并自报。
      - text: 喂，什么事？
        score: 0
        feedback: 不正确：应使用规范问候语。
      - text: 您好，这里是供电公司客户服务中心，请问您要找哪个部门？我帮您转接。
        score: 3
        feedback: 礼貌，但没有报出热线名称，也没有表达服务意愿。
`;

/** Waits until the check after the last keystroke has run. */
async function settled(page) {
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid="author-status"]');
    return s && s.dataset.pending === 'false' && !/正在/.test(s.textContent);
  });
}

test('paste, see the error at its line, jump to it, fix, try the item, reload keeps the draft', () =>
  app.withPage(
    async (page, s) => {
      await s.open('/tools/#/author', { waitFor: '[data-testid="author-page"]' });
      // Reachable from the header navigation too.
      assert.equal(await page.getByTestId('nav-author').getAttribute('href'), '#/author');

      const text = page.getByTestId('author-text');
      await text.fill(BROKEN);
      await settled(page);

      // Flagged at line 12, column 5, with the suggestion.
      const status = page.getByTestId('author-status');
      assert.ok(Number(await status.getAttribute('data-errors')) >= 1, await status.textContent());
      const typo = page.locator('[data-testid="author-diagnostic"][data-code="unknown-field"]');
      await typo.waitFor();
      assert.equal(await typo.getAttribute('data-line'), '12');
      assert.equal(await typo.getAttribute('data-column'), '5');
      assert.match(await typo.textContent(), /第 12 行，第 5 列/);
      assert.match(await page.getByTestId('author-diagnostics').textContent(), /把 `optons` 改成 `options`/);
      // The line is marked beside the editor.
      assert.ok(await page.locator('[data-testid="author-line-mark"][data-line="12"]').count() >= 1);
      assert.match(await page.locator('.author-gutter__n[data-line="12"]').getAttribute('class'), /is-error/);

      // Clicking the diagnostic puts the caret at line 12, column 5.
      await typo.click();
      const caret = await text.evaluate((el) => {
        const before = el.value.slice(0, el.selectionStart).split('\n');
        return { focused: document.activeElement === el, line: before.length, column: before[before.length - 1].length + 1 };
      });
      assert.deepEqual(caret, { focused: true, line: 12, column: 5 });

      // Fix it by typing: select the wrong word and type the right one.
      await text.evaluate((el) => {
        const at = el.value.indexOf('optons');
        el.setSelectionRange(at, at + 'optons'.length);
      });
      await page.keyboard.type('options');
      await settled(page);
      assert.equal(await status.getAttribute('data-errors'), '0', await status.textContent());
      assert.match(await status.textContent(), /没有发现问题，共 1 道题/);

      // Try the item exactly as a trainee sees it.
      await page.locator('[data-testid="author-try-item"][data-item-id="e2e-author-greet"]').click();
      const tryout = page.getByTestId('author-try');
      await tryout.waitFor();
      assert.match(await tryout.getByTestId('item-prompt').textContent(), /电话接通后/);
      await tryout.getByText('您好，95598，很高兴为您服务。').click();
      await tryout.getByTestId('submit').click();
      await tryout.getByTestId('feedback').waitFor();
      assert.match(await tryout.getByTestId('points').textContent(), /得 10 分 \/ 满分 10 分/);

      // Not recorded: no trainee attempts in storage; the draft is under its own key.
      const stored = await s.localStorage();
      const trainee = stored[TRAINEE_KEY];
      if (trainee) assert.equal(JSON.parse(trainee).attempts?.length ?? 0, 0, 'a try-out must not be recorded');
      assert.match(JSON.parse(stored['service-drill.author.v1']).text, /options:/);

      // Reload: the draft (with the fix) is still there and still clean.
      await s.reload();
      await page.getByTestId('author-page').waitFor();
      const value = await page.getByTestId('author-text').inputValue();
      assert.equal(value, BROKEN.replace('optons', 'options'));
      await settled(page);
      assert.equal(await page.getByTestId('author-status').getAttribute('data-errors'), '0');
    },
    { name: 'author', open: false },
  ));

test('a new author starts from a valid example pack', () =>
  app.withPage(
    async (page, s) => {
      await s.open('/tools/#/author', { waitFor: '[data-testid="author-page"]' });
      await settled(page);
      assert.match(await page.getByTestId('author-status').textContent(), /没有发现问题/);
      assert.match(await page.getByTestId('author-text').inputValue(), /^# yaml-language-server/);
    },
    { name: 'author-template', open: false },
  ));

test('a full-width colon: the same message as drill check, at the colon, and a Word file is named, not loaded', () =>
  app.withPage(
    async (page, s) => {
      const file = 'tests/broken/40-full-width-colon.yaml';
      const expected = drillCheck(file).find((d) => d.code === 'yaml-syntax');
      assert.ok(expected, 'drill check reports the full-width colon');
      assert.match(expected.message, /中文冒号“：”/);

      await s.open('/tools/#/author', { waitFor: '[data-testid="author-page"]' });
      const text = page.getByTestId('author-text');
      const yaml = readFileSync(`${ROOT}/${file}`, 'utf8');
      await text.fill(yaml);
      await settled(page);
      const shown = page.locator('[data-testid="author-diagnostic"][data-code="yaml-syntax"]');
      await shown.waitFor();
      assert.equal(await shown.count(), 1);
      assert.equal(await shown.getAttribute('data-line'), String(expected.line));
      assert.equal(await shown.getAttribute('data-column'), String(expected.column));
      assert.equal((await shown.locator('.author-diag__msg').textContent()).trim(), expected.message);
      assert.ok((await page.getByTestId('author-diagnostics').textContent()).includes(expected.hint), expected.hint);
      // No English from the YAML parser on the page.
      assert.doesNotMatch(await page.getByTestId('author-diagnostics').textContent(), /expected|mapping|scalar/);
      // The caret goes to the colon itself.
      await shown.click();
      const caret = await text.evaluate((el) => {
        const before = el.value.slice(0, el.selectionStart).split('\n');
        return { line: before.length, char: el.value[el.selectionStart] };
      });
      assert.deepEqual(caret, { line: expected.line, char: '：' });

      // A Word document renamed .yaml: named as such; the draft is left as it was.
      await page.getByTestId('author-open').setInputFiles({
        name: 'repair.yaml',
        mimeType: 'application/octet-stream',
        buffer: readFileSync(`${ROOT}/tests/broken/66-word-docx.yaml`).subarray('# expect: not-text 2:1 Word\n'.length),
      });
      await page.waitForFunction(() => /Word/.test(document.querySelector('[data-testid="author-note"]')?.textContent ?? ''));
      assert.match(await page.getByTestId('author-note').textContent(), /这是 Word 文档（\.docx）/);
      assert.equal(await text.inputValue(), yaml);
    },
    { name: 'author-typing', open: false },
  ));
