// Team lead (issue 4): trainees export their results with the app itself, a lead imports them
// (plus a truncated and a tampered file) on #/team, and the team table shows the right numbers.
// Harness API: see the comment at the top of ./harness.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { startApp } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

const PACK = 'hall-etiquette'; // its first items are single-choice
const ROSTER_KEY = 'service-drill.roster.v1';

async function enterProfile(page, { name, no, team }) {
  await page.getByTestId('profile-name').fill(name);
  await page.getByTestId('profile-employee-no').fill(no);
  await page.getByTestId('profile-team').fill(team);
  await page.getByTestId('profile-submit').click();
  await page.getByTestId('pack-list').waitFor();
}

/** Answers the next `n` choice (or multi) items of the current run by ticking `option`; returns what the app scored. */
async function answerChoices(page, n, option) {
  const scored = [];
  for (let i = 0; i < n; i++) {
    const player = page.getByTestId('player');
    await player.waitFor();
    const item = await player.getAttribute('data-item-id');
    const kind = await page.getByTestId('item').getAttribute('data-kind');
    assert.ok(kind === 'choice' || kind === 'multi', `${item} is a choice or multi item, not ${kind}`);
    await page.locator(`[data-testid="option"][data-option-index="${option}"]`).check({ force: true });
    await page.getByTestId('submit').click();
    const text = await page.getByTestId('points').textContent();
    const m = text.match(/得\s*([\d.]+)\s*分\s*\/\s*满分\s*([\d.]+)\s*分/);
    assert.ok(m, `points text: ${text}`);
    scored.push({ item, points: Number(m[1]), max: Number(m[2]) });
    await page.getByTestId('next').click();
    if (i + 1 < n) await page.waitForFunction((prev) => document.querySelector('[data-testid="player"]')?.getAttribute('data-item-id') !== prev, item);
  }
  return scored;
}

/** Downloads the results file or CSV from 我的成绩 (the study page), then goes back to where the trainee was. */
async function download(page, testid) {
  const back = page.url();
  await page.getByTestId('nav-results').click();
  await page.waitForURL(/\/study\/#\/results$/);
  await page.getByTestId('results-export').waitFor();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const text = await fs.readFile(await dl.path(), 'utf8');
  await page.getByTestId('export-note').filter({ hasText: '已导出' }).waitFor();
  await page.goto(back, { waitUntil: 'load' });
  return { name: dl.suggestedFilename(), text };
}

const pct = (scored) => {
  const p = scored.reduce((s, a) => s + a.points, 0);
  const m = scored.reduce((s, a) => s + a.max, 0);
  return `${((p / m) * 100).toFixed(1)}%`;
};

const TRAINEES = [
  { name: '张三', no: 'T001', team: '营业一班', option: 0, items: 3 },
  { name: '李四', no: 'T002', team: '营业一班', option: 1, items: 3 },
  { name: '王五', no: 'T003', team: '营业二班', option: 2, items: 2 },
];

async function importFiles(page, files) {
  await page.getByTestId('team-file-input').setInputFiles(
    files.map((f) => ({ name: f.name, mimeType: 'application/json', buffer: Buffer.from(f.text) })),
  );
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="import-result"]').length === n, files.length);
}

async function results(page) {
  return page.$$eval('[data-testid="import-result"]', (els) =>
    els.map((e) => ({ file: e.dataset.file, status: e.dataset.status, text: e.querySelector('[data-testid="import-result-text"]').textContent })),
  );
}

async function tableRows(page) {
  return page.$$eval('[data-testid="team-row"]', (rows) =>
    rows.map((r) => ({
      no: r.dataset.employeeNo,
      name: r.querySelector('[data-testid="team-name"]').textContent,
      score: r.querySelector('[data-testid="team-score"]').textContent,
      answered: Number(r.querySelector('[data-testid="team-answered"]').textContent),
    })),
  );
}

test('trainees export with the app; the lead imports them, bad files are listed, re-import never duplicates', async () => {
  // --- Trainees: each in their own browser context, answers some items and exports.
  const exported = [];
  let first; // the first trainee's session stays open to export a newer file later
  for (const t of TRAINEES) {
    const s = await app.session({ name: `team-${t.no}` });
    await enterProfile(s.page, t);
    await s.page.locator(`[data-testid="pack-card"][data-pack-id="${PACK}"] [data-testid="pack-start"]`).click();
    const scored = await answerChoices(s.page, t.items, t.option);
    const json = await download(s.page, 'export-json');
    assert.match(json.name, new RegExp(`^服务演练成绩-${t.no}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const parsed = JSON.parse(json.text);
    assert.equal(parsed.kind, 'service-drill-results');
    assert.equal(parsed.trainee.employee_no, t.no);
    assert.equal(parsed.attempts.length, t.items);
    const csv = await download(s.page, 'export-csv');
    assert.match(csv.name, /\.csv$/);
    assert.ok(csv.text.startsWith('\ufeff姓名,工号,班组'), 'CSV has a BOM and Chinese headers');
    assert.equal(csv.text.trim().split('\n').length, 1 + t.items);
    s.assertNoErrors();
    exported.push({ ...t, scored, file: json });
    if (!first) first = s;
    else await s.close();
  }

  // A truncated file and a tampered one (one attempt's points edited, totals left alone).
  const broken = { name: '截断的成绩.json', text: exported[1].file.text.slice(0, Math.floor(exported[1].file.text.length / 2)) };
  const doc = JSON.parse(exported[2].file.text);
  const a0 = doc.attempts[0].outcome;
  a0.points = a0.points >= a0.max ? a0.max / 2 : a0.max;
  const tampered = { name: '改过分数的成绩.json', text: JSON.stringify(doc, null, 2) };

  // --- The lead: no profile needed on #/team.
  const lead = await app.session({ name: 'team-lead', path: '/tools/#/team' });
  try {
    const page = lead.page;
    await page.getByTestId('team-page').waitFor();
    await page.getByTestId('team-empty').waitFor();
    await page.waitForSelector('[data-testid="team-file-input"]:not([disabled])');
    const goodFiles = exported.map((e) => e.file);
    await importFiles(page, [...goodFiles, broken, tampered]);

    const r = await results(page);
    assert.deepEqual(r.map((x) => x.status), ['added', 'added', 'added', 'rejected', 'rejected'], JSON.stringify(r));
    assert.match(r[3].text, /文件不完整/);
    assert.match(r[4].text, /文件可能被改动过/);
    assert.equal(r[3].file, broken.name);
    assert.match(await page.getByTestId('import-summary').textContent(), /5 个文件：3 个成功，2 个未导入/);

    const expected = exported.map((e) => ({ no: e.no, name: e.name, score: pct(e.scored), answered: e.items }));
    const byNo = (rows) => [...rows].sort((a, b) => a.no.localeCompare(b.no));
    assert.deepEqual(byNo(await tableRows(page)), byNo(expected));

    // Sorting: by 总分 (default high→low), then 姓名 via the header buttons with aria-sort.
    const scoreHeader = page.locator('th:has([data-sort-key="score"])');
    assert.equal(await scoreHeader.getAttribute('aria-sort'), 'descending');
    const scores = (await tableRows(page)).map((x) => parseFloat(x.score));
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
    await page.locator('[data-sort-key="score"]').click();
    assert.equal(await scoreHeader.getAttribute('aria-sort'), 'ascending');
    await page.locator('[data-sort-key="employeeno"]').click();
    assert.deepEqual((await tableRows(page)).map((x) => x.no), ['T001', 'T002', 'T003']);
    assert.equal(await scoreHeader.getAttribute('aria-sort'), null);

    // Team filter.
    await page.getByTestId('team-filter').selectOption('营业二班');
    assert.deepEqual((await tableRows(page)).map((x) => x.no), ['T003']);
    await page.getByTestId('team-filter').selectOption('');

    // Re-importing the same files: nothing new, no duplicate rows.
    await importFiles(page, goodFiles);
    assert.deepEqual((await results(page)).map((x) => x.status), ['unchanged', 'unchanged', 'unchanged']);
    assert.equal((await tableRows(page)).length, 3);

    // The first trainee answers one more item and exports again; the lead drops the newer file.
    const more = await answerChoices(first.page, 1, 0);
    const newer = await download(first.page, 'export-json');
    first.assertNoErrors();
    await page.evaluate(({ name, text }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'application/json' }));
      const zone = document.querySelector('[data-testid="team-dropzone"]');
      for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, { name: `新-${newer.name}`, text: newer.text });
    await page.waitForFunction(() => document.querySelector('[data-testid="import-result"]')?.dataset.status === 'updated');
    assert.match((await results(page))[0].text, /更新 1 条/);
    const rows = await tableRows(page);
    assert.equal(rows.length, 3);
    const t1 = rows.find((x) => x.no === 'T001');
    assert.deepEqual(t1, { no: 'T001', name: '张三', score: pct([...exported[0].scored, ...more]), answered: 4 });

    // Rules, items and progress views render from the same data.
    await page.getByTestId('tab-rules').click();
    assert.ok((await page.locator('[data-testid="rule-row"]').count()) > 0);
    const rates = await page.$$eval('[data-testid="rule-rate"]', (els) => els.map((e) => parseFloat(e.textContent)));
    assert.deepEqual(rates, [...rates].sort((a, b) => a - b), 'lowest success first');
    await page.getByTestId('tab-items').click();
    assert.ok((await page.locator('[data-testid="item-row"]').count()) >= 3);
    await page.getByTestId('tab-progress').click();
    assert.equal(await page.locator('[data-testid="progress-chart"] svg[role="img"]').count(), 3);

    // Team CSV.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('team-csv').click()]);
    const csv = await fs.readFile(await dl.path(), 'utf8');
    assert.ok(csv.startsWith('\ufeff学员'));
    assert.ok(csv.includes('张三,T001,营业一班'));

    // The roster survives a reload, under its own key.
    const stored = JSON.parse((await lead.localStorage())[ROSTER_KEY]);
    assert.deepEqual(Object.keys(stored.trainees).sort(), ['T001', 'T002', 'T003']);
    await lead.reload();
    await page.getByTestId('team-table').waitFor();
    assert.equal((await tableRows(page)).length, 3);

    // Clearing asks first.
    page.once('dialog', (d) => d.dismiss());
    await page.getByTestId('team-clear').click();
    assert.equal((await tableRows(page)).length, 3, 'cancelled: nothing cleared');
    page.once('dialog', (d) => d.accept());
    await page.getByTestId('team-clear').click();
    await page.getByTestId('team-empty').waitFor();
    assert.equal((await lead.localStorage())[ROSTER_KEY], undefined);
    lead.assertNoErrors();
  } catch (e) {
    await lead.screenshot('team-lead-failure').catch(() => {});
    throw e;
  } finally {
    await lead.close();
    await first?.close();
  }
});

test('an unreadable stored roster is backed up and announced, never a blank page', () =>
  app.withPage(
    async (page, s) => {
      await page.evaluate((key) => localStorage.setItem(key, '{"format":1,"trainees":{"T9":'), ROSTER_KEY);
      await s.open('/tools/#/team');
      await page.getByTestId('roster-recovered').waitFor();
      await page.getByTestId('team-page').waitFor();
      const ls = await s.localStorage();
      const backups = Object.keys(ls).filter((k) => k.startsWith(`${ROSTER_KEY}.backup.`));
      assert.equal(backups.length, 1);
      assert.equal(ls[backups[0]], '{"format":1,"trainees":{"T9":');
    },
    { name: 'team-corrupt-roster' },
  ));
