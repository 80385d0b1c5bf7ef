// Banned phrases judged by meaning in the browser (issue 19): as a trainee types a reply, the
// live check under the text box flags a refusal (不能/做不了主/听不清…) and lets through the
// same words in a polite question, a reassurance, a harm negated or a condition, with the
// shipped banned list and its context rules; a submitted refusal costs points and quotes
// the rule. The reply item is a test pack served beside the shipped packs.
// Harness API: see the comment at the top of ./harness.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, readRepoFile, withSavedStore, NEW_TRAINEE } from './harness.mjs';

const PACK = `version: 1
id: e2e-taboo
title: 忌语检查测试
category: etiquette
description: 一道回答题。
pass_mark: 60
items:
  - id: e2e-taboo-reply
    kind: reply
    standards: [TALK.POLICY]
    prompt: 客户要办的业务缺少材料，请输入您的回答。
    elements:
      - { name: 致歉, any: [抱歉, 对不起], points: 3 }
      - { name: 说明规定, any: [规定], points: 4 }
      - { name: 请求谅解, any: [谅解, 理解], points: 3 }
    model_answer: 真是抱歉，根据现有的规定，还需要补齐材料才能办理，请您谅解。
`;
const INDEX = readRepoFile('scenarios/index.yaml').replace('packs:\n', 'packs:\n  - e2e-taboo.yaml\n');

let app;
before(async () => {
  app = await startApp({ files: { 'scenarios/index.yaml': INDEX, 'scenarios/e2e-taboo.yaml': PACK } });
});
after(async () => {
  await app?.close();
});

const live = (page) => page.getByTestId('taboo-live');

/** Types `text` and waits until the live check has judged it (flagged or not). */
async function judge(page, text, flagged) {
  const input = page.getByTestId('reply-input');
  await input.fill(text);
  if (flagged) {
    await live(page).getByTestId('taboo-hit').first().waitFor({ state: 'visible' });
  } else {
    await live(page).getByTestId('taboo-hit').first().waitFor({ state: 'detached' });
  }
  return live(page).innerText();
}

test('the live check flags refusals and lets polite questions, reassurances and conditions through', () =>
  app.withPage(
    async (page, s) => {
      await s.open('');
      await page.locator('[data-testid="pack-card"][data-pack-id="e2e-taboo"] [data-testid="pack-start"]').click();
      await page.getByTestId('reply-input').waitFor({ state: 'visible' });
      const cases = [
        ['没有房产证明，这个户不能过。', true, /不能/],
        ['请问您方便的时候可不可以把户号告诉我？', false],
        ['这事我做不了主，您找别人吧。', true, /做不了主/],
        ['您放心，我们不会让您再跑一趟。', false],
        ['你说什么？我听不清。', true, /听不清|说什么/],
        ['施工时我们会铺好垫子，不会弄脏您家的地面。', false],
        ['违约金不能减免的。', true, /不能/],
        ['如果您不能亲自来，可以委托家人带上证件办理。', false],
        ['能不能麻烦您再说一遍详细地址？', false],
        // Traditional characters and full-width punctuation are judged the same.
        ['這個我們不會派人上門修的！', true, /不會|不会/],
      ];
      for (const [text, flagged, quote] of cases) {
        const shown = await judge(page, text, flagged);
        if (flagged) assert.match(shown, quote, `${text} → ${shown}`);
        else assert.doesNotMatch(shown, /服务忌语/, `${text} → ${shown}`);
      }
    },
    { name: 'taboo-live', open: false, contextOptions: withSavedStore(app, NEW_TRAINEE) },
  ));

test('a polite reply that still refuses with 不能 loses points and quotes the rule', () =>
  app.withPage(
    async (page, s) => {
      await s.open('');
      await page.locator('[data-testid="pack-card"][data-pack-id="e2e-taboo"] [data-testid="pack-start"]').click();
      const input = page.getByTestId('reply-input');
      await input.fill('非常抱歉，按照规定，没有身份证明不能办理，请您谅解。');
      await input.press('Control+Enter');
      const points = await page.getByTestId('points').innerText();
      const [got, max] = (points.match(/[\d.]+/g) || []).map(Number);
      assert.equal(max, 10, points);
      assert.ok(got < 10, `a refusal costs points: ${points}`);
      const finding = page.getByTestId('finding').filter({ hasText: '不能' }).first();
      await finding.waitFor({ state: 'visible' });
      assert.match(await finding.innerText(), /[A-Z]+\.[A-Z0-9_.]+/, 'the finding quotes a rule id');
    },
    { name: 'taboo-submit', open: false, contextOptions: withSavedStore(app, NEW_TRAINEE) },
  ));
