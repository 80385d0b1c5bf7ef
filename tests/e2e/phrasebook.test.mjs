// Phrasebook (规范用语手册): browse finds a line, a search in traditional characters finds
// simplified lines, the drill marks a correctly typed line as known (back in days) and a
// missed one as missed (back in minutes), the progress survives a reload, and new cards come
// ten a day.
// Harness API: see the comment at the top of ./harness.mjs. Test ids: ./TESTIDS.md.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, readRepoFile } from './harness.mjs';

const KEY = 'service-drill.phrasebook.v1';

/** id → line of scenarios/phrasebook.yaml (plain `key: value` lines, as shipped). */
function phrasebookLines() {
  const lines = new Map();
  let id = null;
  for (const raw of readRepoFile('scenarios/phrasebook.yaml').split('\n')) {
    const m = raw.match(/^\s*-?\s*(id|line):\s*(.+?)\s*$/);
    if (!m) continue;
    if (m[1] === 'id') id = m[2];
    else if (id) lines.set(id, m[2].replace(/^(['"])(.*)\1$/, '$2'));
  }
  return lines;
}

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

test('browse: lines by situation, banned phrases beside replacements, search in traditional', () =>
  app.withPage(
    async (page) => {
      await page.getByTestId('nav-phrasebook').click();
      await page.getByTestId('pb-lines').waitFor();
      assert.match(page.url(), /\/study\/#\/phrasebook$/);
      const scope = page.getByTestId('pb-line').filter({ hasText: '您那里只有您一家停电了' });
      await scope.first().waitFor();
      assert.match(await scope.first().textContent(), /REPAIR\.ASK/, 'the line names its rule');
      await page.getByTestId('pb-taboos').getByText('服务忌语 → 规范用语').waitFor();
      assert.ok((await page.getByTestId('pb-taboo').count()) >= 80, 'every banned phrase is listed');

      // Traditional characters find the simplified line; everything else is filtered out.
      await page.getByTestId('pb-search').fill('整個小區都停電了');
      await page.getByTestId('pb-search-status').filter({ hasText: '找到' }).waitFor();
      const shown = page.getByTestId('pb-line');
      assert.ok((await shown.count()) >= 1);
      assert.equal(await shown.filter({ hasText: '整个小区都停电了' }).count(), await shown.count());

      // A banned phrase typed in traditional: shown beside its standard wording.
      await page.getByTestId('pb-search').fill('不歸我管');
      const taboo = page.getByTestId('pb-taboo').filter({ hasText: '不归我管' });
      await taboo.first().waitFor();
      assert.match(await taboo.first().textContent(), /宜/);

      await page.getByTestId('pb-search').fill('完全不存在的说法ＸＹＺ');
      await page.getByTestId('pb-search-status').filter({ hasText: '没有找到' }).waitFor();
    },
    { name: 'phrasebook-browse' },
  ));

test('drill: a known line comes back in days, a missed one in minutes; progress survives a reload', () =>
  app.withPage(
    async (page, s) => {
      const lines = phrasebookLines();
      await s.open('/study/#/phrasebook/drill', { waitFor: '[data-testid="pb-card"]' });
      assert.equal(await page.getByTestId('pb-count-learned').textContent(), '0');

      // 1. Type the right line and press Enter.
      const first = await page.getByTestId('pb-card').getAttribute('data-card-id');
      assert.match(first, /^line:/);
      const answer = lines.get(first.slice('line:'.length));
      assert.ok(answer, `line for ${first}`);
      await page.getByTestId('pb-answer').fill(answer);
      await page.getByTestId('pb-answer').press('Enter');
      const result = page.getByTestId('pb-result');
      await result.waitFor();
      assert.equal(await result.getAttribute('data-correct'), 'true');
      assert.match(await page.getByTestId('pb-similarity').textContent(), /100%/);
      assert.match(await page.getByTestId('pb-next-review').textContent(), /天后/);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'pb-result-title', 'focus moves to the result');
      assert.equal(await page.getByTestId('pb-count-learned').textContent(), '1');

      // 2. Miss the next one.
      await page.getByTestId('pb-next').click();
      await page.getByTestId('pb-card').waitFor();
      const second = await page.getByTestId('pb-card').getAttribute('data-card-id');
      assert.notEqual(second, first);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'pb-answer', 'focus moves to the answer box');
      await page.getByTestId('pb-answer').fill('嗯嗯好的');
      await page.getByTestId('pb-check').click();
      await result.waitFor();
      assert.equal(await result.getAttribute('data-correct'), 'false');
      assert.equal(await result.getAttribute('data-rating'), 'again');
      assert.match(await page.getByTestId('pb-next-review').textContent(), /分钟后/);
      assert.equal(await page.getByTestId('pb-standard-line').textContent(), lines.get(second.slice('line:'.length)));

      // 3. Self-rating: reveal the third card and say 忘了.
      await page.getByTestId('pb-next').click();
      await page.getByTestId('pb-reveal').click();
      await page.getByTestId('pb-rate-again').click();
      await result.waitFor();
      assert.equal(await result.getAttribute('data-rating'), 'again');

      // Stored: the missed card is due before the known one.
      const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
      assert.equal(stored.format, 1);
      const due = (id) => Date.parse(stored.cards[id].due);
      assert.ok(due(second) < due(first), `missed ${stored.cards[second].due} before known ${stored.cards[first].due}`);
      assert.ok(due(second) - Date.now() < 15 * 60_000, 'the missed line is back within minutes');
      assert.ok(due(first) - Date.now() > 20 * 3600_000, 'the known line is back in about a day or more');
      assert.equal(stored.misses[second], 1);

      // 4. Reload: the progress is still there, and neither drilled card is asked again yet.
      await s.reload();
      await page.getByTestId('pb-card').waitFor();
      assert.equal(await page.getByTestId('pb-count-learned').textContent(), '3');
      const after = await page.getByTestId('pb-card').getAttribute('data-card-id');
      assert.ok(![first, second].includes(after), `${after} is a new card`);
      assert.deepEqual(Object.keys(JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY)).cards).sort(), Object.keys(stored.cards).sort());
    },
    { name: 'phrasebook-drill', open: false },
  ));

test('drill: ten new cards a day, counted across reloads; the next day brings more', () =>
  app.withPage(
    async (page, s) => {
      // A fixed clock in Beijing time, so the day cannot turn in the middle of the test.
      await s.context.clock.setFixedTime(new Date('2026-11-24T10:00:00+08:00'));
      await s.open('/study/#/phrasebook/drill', { waitFor: '[data-testid="pb-card"]' });
      // Learn ten new cards by self-rating (记得: each comes back in minutes, not now).
      const seen = new Set();
      for (let i = 0; i < 10; i++) {
        const id = await page.getByTestId('pb-card').getAttribute('data-card-id');
        assert.ok(!seen.has(id), `${id} is new`);
        seen.add(id);
        await page.getByTestId('pb-reveal').click();
        await page.getByTestId('pb-rate-good').click();
        await page.getByTestId('pb-result').waitFor();
        await page.getByTestId('pb-next').click();
        if (i < 9) await page.getByTestId('pb-card').waitFor();
      }
      // The eleventh is not offered; the ten come back later today, so this is a pause, and
      // the page says when new cards come again.
      await page.getByTestId('pb-finished').waitFor();
      assert.equal(await page.locator('#pb-finished-title').textContent(), '这一轮练完了');
      assert.match(await page.getByTestId('pb-new-tomorrow').textContent(), /今天的 10 张新卡片已经学完.*明天/);
      assert.equal(await page.getByTestId('pb-count-due').textContent(), '0');
      const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
      assert.equal(stored.new_cards.count, 10);

      // Reopening the page does not hand out another ten.
      await s.reload();
      await page.getByTestId('pb-finished').waitFor();
      assert.equal(await page.getByTestId('pb-card').count(), 0);

      // The next morning: the ten are due for review, and ten new cards are offered again.
      await s.context.clock.setFixedTime(new Date('2026-11-25T09:00:00+08:00'));
      await s.reload();
      await page.getByTestId('pb-card').waitFor();
      assert.ok(seen.has(await page.getByTestId('pb-card').getAttribute('data-card-id')), 'reviews come before new cards');
      assert.equal(await page.getByTestId('pb-count-due').textContent(), '20');
    },
    { name: 'phrasebook-daily', open: false, contextOptions: { timezoneId: 'Asia/Shanghai' } },
  ));

test('drill: a banned-phrase card answered with the banned phrase says so', () =>
  app.withPage(
    async (page, s) => {
      // Pretend every standard line is already known and not due, so banned cards come next.
      const lines = phrasebookLines();
      const far = new Date(Date.now() + 30 * 86400_000).toISOString();
      const card = { due: far, stability: 30, difficulty: 5, elapsed_days: 0, scheduled_days: 30, reps: 1, lapses: 0, state: 'Review', last_review: new Date().toISOString() };
      const cards = Object.fromEntries([...lines.keys()].map((id) => [`line:${id}`, card]));
      await s.open('/');
      await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, JSON.stringify({ format: 1, cards, misses: {} })]);
      await s.open('/study/#/phrasebook/drill', { waitFor: '[data-testid="pb-card"]' });
      const id = await page.getByTestId('pb-card').getAttribute('data-card-id');
      assert.match(id, /^banned:/);
      const avoid = (await page.getByTestId('pb-prompt').textContent()).match(/“(.+)”/)[1];
      await page.getByTestId('pb-answer').fill(`${avoid}，请您谅解。`);
      await page.getByTestId('pb-answer').press('Control+Enter');
      await page.getByTestId('pb-said-banned').waitFor();
      assert.equal(await page.getByTestId('pb-result').getAttribute('data-correct'), 'false');
    },
    { name: 'phrasebook-banned', open: false },
  ));

test('drill: corrupt stored progress is backed up and a banner says where', () =>
  app.withPage(
    async (page, s) => {
      await s.open('/');
      await page.evaluate((k) => localStorage.setItem(k, '{not json'), KEY);
      await s.open('/study/#/phrasebook/drill', { waitFor: '[data-testid="pb-card"]' });
      const banner = page.getByTestId('pb-storage-recovered');
      await banner.waitFor();
      const backups = await page.evaluate((k) => Object.keys(localStorage).filter((x) => x.startsWith(`${k}.backup.`)), KEY);
      assert.equal(backups.length, 1);
      assert.match(await banner.textContent(), new RegExp(backups[0].replace(/\./g, '\\.')));
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), backups[0]), '{not json');
    },
    { name: 'phrasebook-corrupt', open: false },
  ));
