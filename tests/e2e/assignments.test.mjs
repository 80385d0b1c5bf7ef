// Assignments and accounts managed in the browser, against the team server (`drill serve`):
// the lead moves an assignment's due date and removes it, and the trainee, in another
// browser, sees each change; an assignment whose due day is over shows 已逾期 to the trainee
// and counts as overdue for the lead; the administrator edits an account (name, team, role)
// and resets a code, which then signs in while the old one is refused.
//
// One server for the file (./server.mjs: temporary SQLite database, free 127.0.0.1 port),
// with two small test packs beside the shipped ones. The tests share the accounts made in
// `before` and do not depend on each other's results otherwise.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startApp } from './harness.mjs';
import { startDrill, Api, byTestId, inDays, signInWithPassword, signInWithCode } from './server.mjs';

const pack = (id, title) => `version: 1
id: ${id}
title: ${title}
category: repair
description: 一道选择题，用来测试必做题包。
pass_mark: 60
items:
  - id: ${id}-1
    kind: choice
    standards: [HALL.ENTER.2M]
    prompt: 客户走到离您约 2 米处，您应当怎么做？
    options:
      - { text: 上前一两步，微笑问候“您好”。, score: 10, feedback: 正确。 }
      - { text: 站在原地不动。, score: 0, feedback: 应主动问候。 }
`;

const STAFF = `姓名,工号,班组,角色
王班长,L001,营业厅一班,班组长
张学员,T001,营业厅一班,学员
李学员,T002,营业厅一班,学员
周学员,T009,营业厅二班,学员
`;

// Requests refused on purpose (signed out: 401) are logged by Chromium as console errors.
const ALLOW = [/Failed to load resource/];

let drill;
let app;
const codes = {};
const teams = {};
/** The lead's API client (signed in), for setting up what a test starts from. */
let leadApi;

before(async () => {
  drill = await startDrill({ packs: { 'e2e-due.yaml': pack('e2e-due', '截止测试题包'), 'e2e-late.yaml': pack('e2e-late', '逾期测试题包') } });
  app = await startApp({ url: drill.url });
  const admin = new Api(drill.url);
  const signed = await admin.call('POST', 'auth/code', { employee_no: 'admin', code: drill.adminCode, new_password: 'admin-pass-123' });
  assert.equal(signed.status, 200, signed.text);
  const imported = await admin.call('POST', 'accounts/import', STAFF, 'text/csv');
  assert.equal(imported.status, 200, imported.text);
  for (const c of imported.json.codes) codes[c.employee_no] = c.code;
  for (const t of (await admin.call('GET', 'teams')).json) teams[t.name] = t.id;
  // The lead and the first trainee set their passwords; T009 keeps an unused code.
  leadApi = new Api(drill.url);
  for (const [no, pw, api] of [
    ['L001', 'lead-pass-123', leadApi],
    ['T001', 'trainee-pass-1', new Api(drill.url)],
  ]) {
    const r = await api.call('POST', 'auth/code', { employee_no: no, code: codes[no], new_password: pw });
    assert.equal(r.status, 200, r.text);
  }
});

after(async () => {
  await app?.close();
  await drill?.close();
});





/** A trainee signed in (study page), then on the trainee page with its 必做 list. */
async function traineeSession(employeeNo, password, name) {
  const s = await app.session({ path: 'study/#/account', allowErrors: ALLOW, name });
  await signInWithPassword(s.page, employeeNo, password);
  await byTestId(s.page, 'account-practise').click();
  await byTestId(s.page, 'sync-who').filter({ hasText: `（${employeeNo}）` }).waitFor();
  return s;
}

/**
 * Reloads the trainee page and waits until it has read the assignments from the server and
 * drawn them: returns what the server answered.
 */
async function traineeReload(page) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => /api\/v1\/assignments$/.test(r.url()) && r.request().method() === 'GET', { timeout: 30_000 }),
    page.reload(),
  ]);
  const list = await response.json();
  // The list is drawn once it is known: every assignment the server gave is on the page.
  for (const a of list) await page.locator(`[data-testid="assignment"][data-pack="${a.pack_id}"]`).waitFor();
  return list;
}

/** Clicks `button`, answers the confirmation it opens (accept or dismiss): its message. */
async function answerDialog(page, button, accept) {
  const dialog = page.waitForEvent('dialog');
  const clicked = button.click();
  const d = await dialog;
  const message = d.message();
  await (accept ? d.accept() : d.dismiss());
  await clicked;
  return message;
}

/** Waits until the element with this test id (or, without one, this id) has the focus. */
async function expectFocus(page, id) {
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.id ?? null);
  try {
    await page.waitForFunction(
      (want) => (document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.id) === want,
      id,
      { timeout: 5000 },
    );
  } catch {
    assert.fail(`the focus is on ${await focused()}, not ${id}`);
  }
}

test('the lead moves a due date and removes an assignment; the trainee sees each change', async () => {
  const lead = await app.session({ path: 'tools/#/team', allowErrors: ALLOW, name: 'assign-lead' });
  let trainee;
  try {
    await signInWithPassword(lead.page, 'L001', 'lead-pass-123');
    await byTestId(lead.page, 'team-title').filter({ hasText: '营业厅一班' }).waitFor();
    await byTestId(lead.page, 'assign-pack').selectOption('e2e-due');
    await byTestId(lead.page, 'assign-due').fill(inDays(7));
    await byTestId(lead.page, 'assign-submit').click();
    const row = lead.page.locator('[data-testid="lead-assignment"][data-pack="e2e-due"]');
    await row.waitFor();
    assert.equal(await row.getAttribute('data-due'), inDays(7));

    trainee = await traineeSession('T001', 'trainee-pass-1', 'assign-trainee');
    const t = trainee.page;
    const must = t.locator('[data-testid="assignment"][data-pack="e2e-due"]');
    await must.waitFor();
    assert.match(await must.innerText(), new RegExp(`截止测试题包[\\s\\S]*截止 ${inDays(7)}`));

    // A day already over is refused, in Chinese, on the row; Escape closes the form and
    // gives the focus back to the button; nothing changed.
    await row.getByTestId('assignment-edit').click();
    await expectFocus(lead.page, 'assignment-due-input');
    assert.equal(await row.getByTestId('assignment-edit').getAttribute('aria-expanded'), 'true');
    await row.getByTestId('assignment-due-input').fill(inDays(-3));
    await row.getByTestId('assignment-due-save').click();
    await row.getByTestId('assignment-error').filter({ hasText: '截止日期已过' }).waitFor();
    assert.equal(await row.getByTestId('assignment-due-input').getAttribute('aria-invalid'), 'true');
    await row.getByTestId('assignment-due-input').press('Escape');
    assert.equal(await row.getByTestId('assignment-edit-form').count(), 0);
    await expectFocus(lead.page, 'assignment-edit');
    assert.equal(await row.getAttribute('data-due'), inDays(7));

    // By keyboard: open, type the new date, Enter saves it.
    await row.getByTestId('assignment-edit').press('Enter');
    await row.getByTestId('assignment-due-input').fill(inDays(14));
    await row.getByTestId('assignment-due-input').press('Enter');
    await byTestId(lead.page, 'assign-note').filter({ hasText: `已将「截止测试题包」的截止日期改为 ${inDays(14)}` }).waitFor();
    await lead.page.locator(`[data-testid="lead-assignment"][data-pack="e2e-due"][data-due="${inDays(14)}"]`).waitFor();
    assert.equal(await row.getByTestId('assignment-edit-form').count(), 0);

    // The trainee sees the new date.
    const seen = await traineeReload(t);
    assert.deepEqual(seen.map((a) => [a.pack_id, a.due]), [['e2e-due', inDays(14)]]);
    assert.match(await must.innerText(), new RegExp(`截止 ${inDays(14)}`));

    // Removing asks first: dismissed, nothing happens.
    const asked = await answerDialog(lead.page, row.getByTestId('assignment-delete'), false);
    assert.match(asked, /确定删除必做题包「截止测试题包」/);
    assert.equal(await row.count(), 1);
    // Confirmed: gone from the lead's list, the focus back on the section.
    await answerDialog(lead.page, row.getByTestId('assignment-delete'), true);
    await byTestId(lead.page, 'assign-note').filter({ hasText: '已删除必做题包「截止测试题包」' }).waitFor();
    await row.waitFor({ state: 'detached' });
    await expectFocus(lead.page, 'assign-title');
    await lead.page.reload();
    await byTestId(lead.page, 'lead-assignments').filter({ hasText: '还没有布置必做题包' }).waitFor();

    // …and from the trainee's.
    const after = await traineeReload(t);
    assert.deepEqual(after, []);
    assert.equal(await t.locator('[data-testid="assignment"]').count(), 0);
    lead.assertNoErrors();
    trainee.assertNoErrors();
  } finally {
    await lead.close();
    await trainee?.close();
  }
});

test('an assignment whose due day is over shows 已逾期 to the trainee and counts as overdue for the lead', async () => {
  const made = await leadApi.call('POST', 'assignments', { team_id: teams['营业厅一班'], pack_id: 'e2e-late', due: inDays(3) });
  assert.equal(made.status, 201, made.text);
  // The API refuses a due day already over (for creating and editing alike): the due day is
  // moved into the past in the database itself, as time passing would.
  const yesterday = Date.now() - 86_400_000;
  execFileSync('sqlite3', ['-cmd', '.timeout 10000', drill.database, `UPDATE assignments SET due_ms = ${yesterday} WHERE id = '${made.json.id}'`]);

  const trainee = await traineeSession('T001', 'trainee-pass-1', 'overdue-trainee');
  const lead = await app.session({ path: `tools/#/team/${teams['营业厅一班']}`, allowErrors: ALLOW, name: 'overdue-lead' });
  try {
    const t = trainee.page;
    const listed = await traineeReload(t);
    assert.equal(listed.find((a) => a.pack_id === 'e2e-late')?.mine?.overdue, true);
    const must = t.locator('[data-testid="assignment"][data-pack="e2e-late"]');
    assert.equal(await must.getAttribute('data-state'), 'overdue');
    assert.match(await must.innerText(), /已逾期/);

    await signInWithPassword(lead.page, 'L001', 'lead-pass-123');
    const row = lead.page.locator('[data-testid="lead-assignment"][data-pack="e2e-late"]');
    await row.getByTestId('assignment-counts').waitFor();
    // Nobody in 营业厅一班 (the lead and two trainees) has finished it: all three are overdue.
    assert.equal(await row.getByTestId('assignment-counts').getAttribute('data-overdue'), '3');
    assert.match(await row.getByTestId('assignment-counts').innerText(), /逾期 3/);
    const person = row.locator('[data-testid="assignment-person"][data-employee-no="T001"]');
    assert.equal(await person.getAttribute('data-overdue'), 'true');
    await row.locator('summary').click();
    assert.match(await person.innerText(), /已逾期/);

    // Moving the due date on: nobody is overdue, for the lead and the trainee.
    await row.getByTestId('assignment-edit').click();
    await row.getByTestId('assignment-due-input').fill(inDays(5));
    await row.getByTestId('assignment-due-save').click();
    await lead.page.locator('[data-testid="lead-assignment"][data-pack="e2e-late"] [data-testid="assignment-counts"][data-overdue="0"]').waitFor();
    await traineeReload(t);
    assert.equal(await must.getAttribute('data-state'), 'todo');
    assert.match(await must.innerText(), new RegExp(`截止 ${inDays(5)}[\\s\\S]*未完成`));
    lead.assertNoErrors();
    trainee.assertNoErrors();
  } finally {
    await lead.close();
    await trainee.close();
  }
});

test('the administrator edits an account and resets a code: the new code signs in, the old one is refused', () =>
  app.withPage(
    async (page) => {
      await signInWithPassword(page, 'admin', 'admin-pass-123');
      await byTestId(page, 'accounts-table').waitFor();

      // Name, team and role, saved and shown in the list (and still there after a reload).
      const t002 = page.locator('[data-testid="account-row"][data-employee-no="T002"]');
      await t002.getByTestId('account-edit').click();
      await byTestId(page, 'edit-name').fill('李组长');
      await byTestId(page, 'edit-team').fill('营业厅三班');
      await byTestId(page, 'edit-role').selectOption('lead');
      await byTestId(page, 'edit-lead-teams').fill('营业厅三班');
      await byTestId(page, 'edit-save').click();
      await byTestId(page, 'account-note').filter({ hasText: '已保存 T002' }).waitFor();
      for (const reload of [false, true]) {
        if (reload) await page.reload();
        await t002.getByTestId('account-role').filter({ hasText: '班组长' }).waitFor();
        const cells = await t002.locator('td').allInnerTexts();
        assert.equal(cells[1], '李组长', `${cells}`);
        assert.equal(cells[2], '营业厅三班', `${cells}`);
        assert.match(cells[3], /班组长（带：营业厅三班）/);
      }
      // A refused edit says why, in Chinese, and changes nothing.
      await t002.getByTestId('account-edit').click();
      await byTestId(page, 'edit-name').fill('');
      await byTestId(page, 'edit-save').click();
      await byTestId(page, 'edit-error').filter({ hasText: '姓名不能为空' }).waitFor();
      await page.reload();
      await t002.getByTestId('account-role').waitFor();
      assert.equal((await t002.locator('td').allInnerTexts())[1], '李组长');

      // Reset T009's code (they never used the first one).
      const t009 = page.locator('[data-testid="account-row"][data-employee-no="T009"]');
      assert.equal(await t009.getByTestId('account-status').innerText(), '待首次登录');
      const asked = await answerDialog(page, t009.getByTestId('account-reset'), true);
      const note = byTestId(page, 'account-note').filter({ hasText: '登录码' });
      await note.waitFor();
      assert.match(asked, /重置登录码/);
      const fresh = (await note.innerText()).match(/工号 T009）的登录码：([A-Z0-9]+)/)?.[1];
      assert.ok(fresh, await note.innerText());
      assert.notEqual(fresh, codes.T009);

      // In a fresh browser: the old code is refused, the new one signs in.
      const other = await app.session({ path: 'study/#/account', allowErrors: ALLOW, name: 'reset-code-user' });
      try {
        await signInWithCode(other.page, 'T009', codes.T009, 'password-009');
        await byTestId(other.page, 'sign-in-error').filter({ hasText: /登录码不正确/ }).waitFor();
        await byTestId(other.page, 'sign-in-code').fill(fresh);
        await byTestId(other.page, 'sign-in-submit').click();
        await byTestId(other.page, 'account-signed-in').filter({ hasText: '周学员' }).waitFor();
      } finally {
        await other.close();
      }
      // The table says the code was used and a password set.
      await page.reload();
      await t009.getByTestId('account-status').filter({ hasText: '正常' }).waitFor();
    },
    { path: 'tools/#/admin', allowErrors: ALLOW, name: 'admin-edit-reset' },
  ));
