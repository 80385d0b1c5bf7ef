// The site served by the team server (`drill serve`, issue 21), in real browsers: the
// administrator imports a staff CSV with a bad row and manages accounts; a trainee signs in
// with their one-time code and practises; the lead, in another browser, sees the attempt and
// the assignment's progress without any file; the server goes away mid-pack and every
// answer arrives exactly once when it is back; the trainee finds their progress in a second
// browser; a lead is refused another team's page.
//
// One server per file (./server.mjs: temporary SQLite database, free 127.0.0.1 port), with
// a three-item test pack beside the shipped ones. The tests run in order and build on each
// other (the accounts the first ones create are used later).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, TRAINEE_KEY } from './harness.mjs';

/** Which account's store the browser shows (src/storage.rs). */
const ACCOUNT_KEY = 'service-drill.account.v1';
import { startDrill, Api, byTestId, inDays, signInWithPassword, signInWithCode } from './server.mjs';

const PACK = `version: 1
id: e2e-sync
title: 同步测试题包
category: repair
description: 三道选择题，用来测试成绩同步。
pass_mark: 60
items:
  - id: sync-1
    kind: choice
    standards: [HALL.ENTER.2M]
    prompt: 第一题：客户走到离您约 2 米处，您应当怎么做？
    options:
      - { text: 上前一两步，微笑问候“您好”。, score: 10, feedback: 正确。 }
      - { text: 站在原地不动。, score: 0, feedback: 应主动问候。 }
  - id: sync-2
    kind: choice
    standards: [HALL.ENTER.2M]
    prompt: 第二题：客户走到离您约 2 米处，您应当怎么做？
    options:
      - { text: 上前一两步，微笑问候“您好”。, score: 10, feedback: 正确。 }
      - { text: 低头看手机。, score: 0, feedback: 应主动问候。 }
  - id: sync-3
    kind: choice
    standards: [HALL.ENTER.2M]
    prompt: 第三题：客户走到离您约 2 米处，您应当怎么做？
    options:
      - { text: 上前一两步，微笑问候“您好”。, score: 10, feedback: 正确。 }
      - { text: 等客户开口再说。, score: 0, feedback: 应主动问候。 }
`;

const STAFF = `姓名,工号,班组,角色
王班长,L001,营业厅一班,班组长
张学员,T001,营业厅一班,学员
李学员,T002,营业厅一班,学员
赵班长,L002,营业厅二班,班组长
钱学员,T003,营业厅二班,学员
孙培训,P001,,培训师
`;

// Requests the server refuses on purpose (signed out: 401; another team: 403) and, while
// it is stopped, refused connections are logged by Chromium as console errors.
const ALLOW = [/Failed to load resource/, /ERR_CONNECTION_REFUSED/];

let drill;
let app;
const codes = {};
const teams = {};

before(async () => {
  drill = await startDrill({ packs: { 'e2e-sync.yaml': PACK } });
  app = await startApp({ url: drill.url });
  const admin = new Api(drill.url);
  const signed = await admin.call('POST', 'auth/code', { employee_no: 'admin', code: drill.adminCode, new_password: 'admin-pass-123' });
  assert.equal(signed.status, 200, signed.text);
  const imported = await admin.call('POST', 'accounts/import', STAFF, 'text/csv');
  assert.equal(imported.status, 200, imported.text);
  for (const c of imported.json.codes) codes[c.employee_no] = c.code;
  const listed = await admin.call('GET', 'teams');
  for (const t of listed.json) teams[t.name] = t.id;
});

after(async () => {
  await app?.close();
  await drill?.close();
});





/** Answers the item shown with its first (full-marks) option and goes on. */
async function answerOne(page) {
  await byTestId(page, 'item').waitFor();
  await page.locator('[data-testid="option"][data-option-index="0"]').check();
  await byTestId(page, 'submit').click();
  await byTestId(page, 'feedback').waitFor();
  await byTestId(page, 'next').click();
}

async function syncedCount(page) {
  return Number(await byTestId(page, 'sync-status').getAttribute('data-pending'));
}

async function waitSynced(page, timeout = 30_000) {
  await page.locator('[data-testid="sync-status"][data-pending="0"]').waitFor({ timeout });
}

/** The trainee store the page shows: the signed-in account's own (`TRAINEE_KEY@id`). */
async function shownStore(page) {
  const text = await page.evaluate(
    ([base, account]) => localStorage.getItem(localStorage.getItem(account) ? `${base}@${localStorage.getItem(account)}` : base),
    [TRAINEE_KEY, ACCOUNT_KEY],
  );
  return JSON.parse(text || '{}');
}

/** Every trainee store in the browser, by key. */
async function allStores(page) {
  return page.evaluate((base) => {
    const out = {};
    for (const [k, v] of Object.entries(localStorage)) if (k === base || k.startsWith(`${base}@`)) out[k] = JSON.parse(v);
    return out;
  }, TRAINEE_KEY);
}

/** The signed-in trainee's attempts on the server, as the page's own session reads them. */
async function serverAttempts(page) {
  return page.evaluate(async (url) => (await fetch(url)).json(), `${drill.url}api/v1/attempts`);
}

/** Waits until the server has `n` attempts of the signed-in trainee. */
async function waitServerAttempts(page, n, timeout = 30_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const got = await serverAttempts(page);
    if (got.length === n) return got;
    if (Date.now() > end) throw new Error(`the server has ${got.length} attempts, not ${n}`);
    await page.waitForTimeout(250);
  }
}

test('the administrator imports a staff CSV with a bad row, downloads the codes and disables an account', () =>
  app.withPage(
    async (page, s) => {
      // A wrong password gets the server's message, in Chinese.
      await signInWithPassword(page, 'admin', 'not-the-password');
      assert.match(await byTestId(page, 'sign-in-error').innerText(), /工号或密码不正确/);
      await signInWithPassword(page, 'admin', 'admin-pass-123');
      await byTestId(page, 'staff-import').waitFor();
      assert.match(await page.locator('.site-footer').innerText(), /同步到服务器/);

      const csv = '\uFEFF姓名,工号,班组,角色\r\n孙学员,T101,营业厅三班,学员\r\n周学员,T102,营业厅三班,实习生\r\n吴学员,T103,营业厅三班,学员\r\n';
      await byTestId(page, 'staff-file').setInputFiles({ name: '名单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByTestId('import-note').filter({ hasText: '导入完成' }).waitFor();
      assert.match(await byTestId(page, 'import-note').innerText(), /新增 2 个账号.*1 行未导入/);
      const bad = page.getByTestId('import-error');
      assert.equal(await bad.count(), 1);
      assert.equal(await bad.getAttribute('data-line'), '3');
      assert.match(await bad.innerText(), /实习生/);
      const issued = page.getByTestId('issued-code');
      assert.equal(await issued.count(), 2);
      const t103 = await page.locator('[data-testid="issued-code"][data-employee-no="T103"]').getAttribute('data-code');

      const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'codes-download').click()]);
      assert.match(download.suggestedFilename(), /登录码.*\.csv$/);
      const sheet = await new Promise((resolve, reject) => {
        download.createReadStream().then((stream) => {
          const parts = [];
          stream.on('data', (c) => parts.push(c));
          stream.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
          stream.on('error', reject);
        }, reject);
      });
      assert.match(sheet, /T101/);
      assert.ok(sheet.includes(t103), 'the sheet carries the codes');

      // A lead can lead more than their own team.
      const l002 = page.locator('[data-testid="account-row"][data-employee-no="L002"]');
      await l002.getByTestId('account-edit').click();
      await byTestId(page, 'edit-lead-teams').fill('营业厅二班，营业厅三班');
      await byTestId(page, 'edit-save').click();
      await byTestId(page, 'account-note').filter({ hasText: '已保存 L002' }).waitFor();
      await l002.getByTestId('account-role').filter({ hasText: '营业厅三班' }).waitFor();
      assert.match(await l002.getByTestId('account-role').innerText(), /班组长（带：营业厅三班、营业厅二班）|班组长（带：营业厅二班、营业厅三班）/);

      // Disable T103: the table says so, and T103 cannot sign in.
      const row = page.locator('[data-testid="account-row"][data-employee-no="T103"]');
      page.once('dialog', (d) => d.accept());
      await row.getByTestId('account-toggle').click();
      await page.locator('[data-testid="account-row"][data-employee-no="T103"][data-disabled="true"]').waitFor();
      assert.equal(await row.getByTestId('account-status').innerText(), '已停用');

      const other = await app.session({ path: 'study/#/account', allowErrors: ALLOW });
      try {
        await signInWithCode(other.page, 'T103', t103, 'password-103');
        assert.match(await byTestId(other.page, 'sign-in-error').innerText(), /已停用/);
      } finally {
        await other.close();
      }
    },
    { path: 'tools/#/admin', allowErrors: ALLOW, name: 'server-admin' },
  ));

test('a trainee signs in and practises; the lead, in another browser, sees the attempts and the assignment without any file', async () => {
  const lead = await app.session({ path: 'tools/#/team', allowErrors: ALLOW, name: 'server-lead' });
  const trainee = await app.session({ path: '/', allowErrors: ALLOW, name: 'server-trainee' });
  try {
    // The lead signs in for the first time and lands on their one team.
    await signInWithCode(lead.page, 'L001', codes.L001, 'lead-pass-123');
    await byTestId(lead.page, 'team-title').filter({ hasText: '营业厅一班' }).waitFor();
    assert.match(lead.page.url(), new RegExp(`#/team/${teams['营业厅一班']}$`));
    // …and assigns the test pack.
    await byTestId(lead.page, 'assign-pack').selectOption('e2e-sync');
    await byTestId(lead.page, 'assign-due').fill(inDays(7));
    await byTestId(lead.page, 'assign-submit').click();
    const assignment = lead.page.locator('[data-testid="lead-assignment"][data-pack="e2e-sync"]');
    await assignment.waitFor();
    assert.equal(await assignment.getByTestId('assignment-counts').getAttribute('data-finished'), '0');

    // The trainee page says practice stays here until signing in.
    const t = trainee.page;
    await byTestId(t, 'sync-who').filter({ hasText: '未登录' }).waitFor();
    await byTestId(t, 'sync-account').click();
    await signInWithCode(t, 'T001', codes.T001, 'trainee-pass-1');
    await byTestId(t, 'account-restore').filter({ hasText: '一致' }).waitFor();
    await byTestId(t, 'account-practise').click();

    // Signed in: the 必做 pack comes first, with its due date; the profile is the account's.
    const must = t.locator('[data-testid="assignment"][data-pack="e2e-sync"]');
    await must.waitFor();
    assert.match(await must.innerText(), new RegExp(`必做[\\s\\S]*同步测试题包[\\s\\S]*截止 ${inDays(7)}[\\s\\S]*未完成`));
    assert.match(await byTestId(t, 'sync-who').innerText(), /张学员（T001）/);
    assert.match(await t.locator('.site-footer').innerText(), /同步到服务器/, 'the footer no longer says records stay here only');
    await must.getByRole('link').click();
    for (let i = 0; i < 3; i++) await answerOne(t);
    await waitServerAttempts(t, 3);
    await waitSynced(t);
    assert.equal(await byTestId(t, 'sync-status').innerText(), '已同步');

    // The lead sees it, live.
    await lead.page.reload();
    await assignment.getByTestId('assignment-counts').waitFor();
    assert.equal(await assignment.getByTestId('assignment-counts').getAttribute('data-finished'), '1');
    assert.equal(await assignment.getByTestId('assignment-counts').getAttribute('data-passed'), '1');
    const row = lead.page.locator('[data-testid="team-row"][data-employee-no="T001"]');
    assert.equal(await row.getByTestId('team-answered').innerText(), '3');
    // A date range without the practice: the same trainee, nothing answered in it.
    await byTestId(lead.page, 'range-from').fill(inDays(1));
    await byTestId(lead.page, 'range-to').fill(inDays(2));
    await byTestId(lead.page, 'range-apply').click();
    await lead.page.locator('[data-testid="team-row"][data-employee-no="T001"] [data-testid="team-answered"]').filter({ hasText: /^0$/ }).waitFor();
    await byTestId(lead.page, 'range-from').fill('');
    await byTestId(lead.page, 'range-to').fill('');
    await byTestId(lead.page, 'range-apply').click();
    await lead.page.locator('[data-testid="team-row"][data-employee-no="T001"] [data-testid="team-answered"]').filter({ hasText: /^3$/ }).waitFor();
    lead.assertNoErrors();
    trainee.assertNoErrors();
  } finally {
    await lead.close();
    await trainee.close();
  }
});

test('the server goes away mid-pack: the trainee keeps answering, and every answer arrives once when it is back', () =>
  app.withPage(
    async (page) => {
      await signInWithCode(page, 'T002', codes.T002, 'trainee-pass-2');
      await byTestId(page, 'account-practise').click();
      await page.locator('[data-testid="assignment"][data-pack="e2e-sync"]').getByRole('link').click();
      await answerOne(page);
      await waitServerAttempts(page, 1);
      await waitSynced(page);

      await drill.stop();
      await answerOne(page);
      await answerOne(page);
      await page.locator('[data-testid="sync-status"][data-pending="2"]').waitFor();
      assert.match(await byTestId(page, 'sync-status').innerText(), /待同步 2 条/);

      await drill.start();
      await byTestId(page, 'sync-now').click();
      await waitSynced(page);

      const local = await shownStore(page);
      assert.equal(local.attempts.length, 3);
      const server = await serverAttempts(page);
      assert.equal(server.length, 3, 'each answer once on the server');
      assert.equal(new Set(server.map((a) => a.id)).size, 3);
      assert.deepEqual(server.map((a) => a.item_id).sort(), ['sync-1', 'sync-2', 'sync-3']);
    },
    { path: 'study/#/account', allowErrors: ALLOW, name: 'server-offline' },
  ));

test('a trainee signs in on a second browser and finds their progress', () =>
  app.withPage(
    async (page, s) => {
      // At phone width, by keyboard: the form fits the screen and Enter signs in.
      await byTestId(page, 'sign-in').waitFor();
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
      await byTestId(page, 'sign-in-employee-no').fill('T001');
      await byTestId(page, 'sign-in-password').fill('trainee-pass-1');
      await byTestId(page, 'sign-in-password').press('Enter');
      await byTestId(page, 'account-restore').filter({ hasText: '已从服务器取回 3 条' }).waitFor();
      const store = await shownStore(page);
      assert.equal(store.attempts.length, 3);
      assert.equal(store.profile.employee_no, 'T001');
      await byTestId(page, 'account-practise').click();
      const card = page.locator('[data-testid="pack-card"][data-pack-id="e2e-sync"]');
      await card.waitFor();
      await byTestId(page, 'sync-status').waitFor();
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the sync bar fits a phone');
      assert.match(await card.getByTestId('pack-progress').innerText(), /3\s*\/\s*3/);
      // What came back is not sent back.
      await waitSynced(page);
      await page.waitForTimeout(2500);
      assert.equal(await syncedCount(page), 0);
      assert.equal((await serverAttempts(page)).length, 3);
    },
    {
      path: 'study/#/account',
      allowErrors: ALLOW,
      name: 'server-second-browser',
      contextOptions: { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true },
    },
  ));

test("a lead who opens another team's address is refused, clearly", () =>
  app.withPage(
    async (page) => {
      await signInWithPassword(page, 'L001', 'lead-pass-123');
      await byTestId(page, 'team-title').waitFor();
      await page.evaluate((id) => {
        location.hash = `#/team/${id}`;
      }, teams['营业厅二班']);
      const refused = byTestId(page, 'team-refused');
      await refused.waitFor();
      assert.match(await refused.innerText(), /无法查看这个班组的成绩.*只能查看自己所带班组的成绩/s);
      assert.match(await refused.innerText(), /营业厅一班/, 'with a link to their own team');
    },
    { path: 'tools/#/team', allowErrors: ALLOW, name: 'server-refused' },
  ));

test('a record practised before signing in is uploaded once, after the trainee confirms it is theirs', () =>
  app.withPage(
    async (page) => {
      // Practising without an account: the page asks to sign in first; the profile form is
      // one click away. Then one answer, kept in this browser.
      await byTestId(page, 'profile-sign-in').waitFor();
      await byTestId(page, 'profile-local-only').click();
      await byTestId(page, 'profile-form').waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'profile-name', 'focus goes to the first field');
      await byTestId(page, 'profile-name').fill('钱学员');
      await byTestId(page, 'profile-employee-no').fill('T003');
      await byTestId(page, 'profile-team').fill('营业厅二班');
      await byTestId(page, 'profile-submit').click();
      await page.locator('[data-testid="pack-card"][data-pack-id="e2e-sync"]').getByTestId('pack-start').click();
      await answerOne(page);
      await byTestId(page, 'sync-who').filter({ hasText: '未登录' }).waitFor();

      await byTestId(page, 'sync-account').click();
      await signInWithCode(page, 'T003', codes.T003, 'trainee-pass-3');
      const offer = byTestId(page, 'local-record');
      await offer.waitFor();
      assert.match(await offer.innerText(), /1 条/);
      assert.equal((await serverAttempts(page)).length, 0, 'nothing is sent before the trainee says so');
      await byTestId(page, 'local-upload').click();
      await byTestId(page, 'local-result').filter({ hasText: '已上传 1 条' }).waitFor();
      assert.equal(await offer.count(), 0, 'offered once');
      assert.equal((await serverAttempts(page)).length, 1);

      // Back on the trainee page: nothing waits, nothing is offered again.
      await byTestId(page, 'account-practise').click();
      await waitSynced(page);
      assert.equal(await byTestId(page, 'local-record-offer').count(), 0);
      await page.waitForTimeout(2500);
      assert.equal((await serverAttempts(page)).length, 1);
    },
    { path: '/', allowErrors: ALLOW, name: 'server-local-record' },
  ));

test('a used code and too many failed sign-ins get clear messages', () =>
  app.withPage(
    async (page) => {
      // T001's code was used up when they set their password.
      await signInWithCode(page, 'T001', codes.T001, 'another-pass-1');
      assert.match(await byTestId(page, 'sign-in-error').innerText(), /登录码不正确.*已用过/);

      await byTestId(page, 'sign-in-mode-password').click();
      const submit = byTestId(page, 'sign-in-submit');
      const attempt = async () => {
        await byTestId(page, 'sign-in-employee-no').fill('X999');
        await byTestId(page, 'sign-in-password').fill('wrong-password');
        const [response] = await Promise.all([page.waitForResponse((r) => r.url().includes('auth/sign-in')), submit.click()]);
        return response.status();
      };
      for (let i = 0; i < 5; i++) assert.equal(await attempt(), 401);
      await byTestId(page, 'sign-in-error').filter({ hasText: '工号或密码不正确' }).waitFor();
      assert.equal(await attempt(), 429);
      await byTestId(page, 'sign-in-error').filter({ hasText: /登录失败次数过多，请 \d+ 分钟后再试/ }).waitFor();
    },
    { path: 'study/#/account', allowErrors: ALLOW, name: 'server-sign-in-errors' },
  ));

test('a trainer signs in to the authoring page; a trainee is refused it', () =>
  app.withPage(
    async (page) => {
      await signInWithCode(page, 'P001', codes.P001, 'trainer-pass-1');
      await byTestId(page, 'signed-in-as').filter({ hasText: '孙培训（培训师' }).waitFor();
      await byTestId(page, 'author-page').waitFor();
      await byTestId(page, 'sign-out').click();
      await signInWithPassword(page, 'T002', 'trainee-pass-2');
      assert.match(await byTestId(page, 'author-refused').innerText(), /仅限培训师和管理员/);
      assert.equal(await byTestId(page, 'author-page').count(), 0);
    },
    { path: 'tools/#/author', allowErrors: ALLOW, name: 'server-author' },
  ));

test('two people on one PC: each sees, practises and sends only their own record', () =>
  app.withPage(
    async (page) => {
      const t = (id) => byTestId(page, id);
      // The first person signs in and their record comes back from the server.
      await signInWithPassword(page, 'T001', 'trainee-pass-1');
      await t('account-restore').filter({ hasText: '已从服务器取回 3 条' }).waitFor();
      assert.equal(await t('local-record').count(), 0, 'this browser has no record of its own to offer');
      await t('account-practise').click();
      await t('sync-status').waitFor();
      assert.match(await t('profile-summary').innerText(), /张学员/);
      await page.goto(`${drill.url}study/#/account`);
      await t('sign-out').click();

      // The second person signs in on the same browser: none of the first one's record is
      // shown, offered, merged or sent.
      await signInWithPassword(page, 'T002', 'trainee-pass-2');
      await t('account-restore').filter({ hasText: '已从服务器取回 3 条' }).waitFor();
      assert.equal(await t('local-record').count(), 0, "the first person's answers are not offered to the second");
      await t('account-practise').click();
      await byTestId(page, 'sync-who').filter({ hasText: '李学员（T002）' }).waitFor();
      assert.match(await t('profile-summary').innerText(), /李学员/, "the profile is the account's, with no form to fill in");
      assert.equal(await t('profile-edit').count(), 0, "signed in, the profile is the account's: no 修改资料");
      await waitSynced(page);
      const stores = await allStores(page);
      const mine = await shownStore(page);
      assert.equal(mine.profile.employee_no, 'T002');
      const owners = Object.values(stores).filter((s) => s.profile).map((s) => s.profile.employee_no).sort();
      assert.deepEqual(owners, ['T001', 'T002'], 'one store per account');
      assert.equal((await serverAttempts(page)).length, 3, 'nothing of the first person was sent as the second');

      // Signed out, the next person is asked to sign in, not for a profile.
      await page.goto(`${drill.url}study/#/account`);
      await t('sign-out').click();
      await t('sign-in').waitFor();
      await page.goto(drill.url);
      await t('profile-sign-in').waitFor();
      assert.equal(await t('profile-form').count(), 0);
      assert.equal(await t('profile-summary').count(), 0, 'no one is named in the header');

      // Someone practises without signing in: T001 says it is not theirs, T002 takes it.
      await t('profile-local-only').click();
      await t('profile-name').fill('访客');
      await t('profile-employee-no').fill('0000');
      await t('profile-team').fill('营业厅一班');
      await t('profile-submit').click();
      await page.locator('[data-testid="pack-card"][data-pack-id="e2e-sync"]').getByTestId('pack-start').click();
      await answerOne(page);
      await page.goto(`${drill.url}study/#/account`);
      await signInWithPassword(page, 'T001', 'trainee-pass-1');
      await t('local-record').filter({ hasText: '1 条' }).waitFor();
      await t('local-decline').click();
      await t('local-result').waitFor();
      assert.equal((await shownStore(page)).attempts.length, 3, "declined, it stays out of T001's record");
      await t('sign-out').click();
      await signInWithPassword(page, 'T002', 'trainee-pass-2');
      await t('local-record').filter({ hasText: '1 条' }).waitFor();
      await t('local-upload').click();
      await t('local-result').filter({ hasText: '已上传 1 条' }).waitFor();
      assert.equal((await serverAttempts(page)).length, 4);
      assert.equal((await shownStore(page)).attempts.length, 4, "uploaded, it joins T002's record");
      const own = (await allStores(page))[TRAINEE_KEY];
      assert.equal(own.attempts.length, 0, "and leaves the browser's own, so no one else is offered it");
      await t('sign-out').click();
      await signInWithPassword(page, 'T001', 'trainee-pass-1');
      await t('account-restore').filter({ hasText: '一致' }).waitFor();
      assert.equal((await serverAttempts(page)).length, 3, "T001's record on the server is unchanged");
    },
    { path: 'study/#/account', allowErrors: ALLOW, name: 'server-shared-pc' },
  ));

test('the trainee page follows who the server says is signed in: signed in elsewhere, or the session gone', () =>
  app.withPage(
    async (page, s) => {
      const t = (id) => byTestId(page, id);
      // Signed in on the staff tools (the authoring page refuses a trainee, but the session is theirs).
      await signInWithPassword(page, 'T002', 'trainee-pass-2');
      await t('author-refused').waitFor();
      await page.goto(drill.url);
      // The trainee page switches to T002's own record, with the account's profile.
      await t('sync-who').filter({ hasText: '李学员（T002）' }).waitFor();
      await t('profile-summary').filter({ hasText: '李学员' }).waitFor();
      assert.equal((await shownStore(page)).profile.employee_no, 'T002');

      // The session ends (expired, or signed out elsewhere): the page shows this browser's
      // own record again, and asks to sign in; T002's record stays under its key.
      await s.context.clearCookies();
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await t('profile-sign-in').waitFor();
      assert.equal(await t('profile-summary').count(), 0);
      const stores = await allStores(page);
      assert.ok(Object.values(stores).some((st) => st.profile?.employee_no === 'T002'), "T002's record is kept");
    },
    // No request fails: a signed-out page asks auth/session, which never answers 401.
    { path: 'tools/#/author', name: 'server-follow-session' },
  ));

/** `drill_core::sync::attempt_id`: FNV-1a, two 64-bit bases, over pack, item and the two times. */
function attemptId(a) {
  const text = Buffer.from(`${a.pack_id}\0${a.item_id}\0${Math.trunc(a.started_ms)}\0${Math.trunc(a.answered_ms)}`, 'utf8');
  const fnv = (hash) => {
    for (const byte of text) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
    return hash.toString(16).padStart(16, '0');
  };
  return `a${fnv(0xcbf29ce484222325n)}${fnv(0x6c62272e07bb0142n)}`;
}

test('a browser kept from the one-store-per-browser build moves to per-account stores and loses nothing', async () => {
  // T001's account and one of its answers the server has.
  const api = new Api(drill.url);
  assert.equal((await api.call('POST', 'auth/sign-in', { employee_no: 'T001', password: 'trainee-pass-1' })).status, 200);
  const me = (await api.call('GET', 'me')).json;
  const server = (await api.call('GET', 'attempts')).json;
  const pick = ({ pack_id, item_id, answer, outcome, started_ms, answered_ms }) => ({ pack_id, item_id, answer, outcome, started_ms, answered_ms });
  const sent = pick(server[0]);
  assert.equal(attemptId(sent), server[0].id, 'the test computes ids as the app does');
  // …and one practised on this browser before signing in, never sent (the old layout's
  // "local record", offered for upload).
  const before = { ...sent, started_ms: sent.started_ms - 86_400_000, answered_ms: sent.answered_ms - 86_400_000 };
  const oldStore = { format: 1, profile: { name: '张学员', employee_no: 'T001', team: '营业厅一班' }, attempts: [before, sent], runs: {} };
  const oldDoc = {
    format: 1, account: me.id, outbox: [], acked: [server[0].id], local: [attemptId(before)], local_record: 'offered',
    rejected: [], failures: 0, next_try_ms: 0, last_error: null,
  };
  const origin = new URL(drill.url).origin;
  const s = await app.session({
    path: 'study/#/account',
    allowErrors: ALLOW,
    name: 'server-old-layout',
    contextOptions: {
      storageState: {
        cookies: [],
        origins: [{ origin, localStorage: [
          { name: TRAINEE_KEY, value: JSON.stringify(oldStore) },
          { name: 'service-drill.sync.v1', value: JSON.stringify(oldDoc) },
        ] }],
      },
    },
  });
  try {
    const page = s.page;
    // Moved at once: the account's keys, shown, the old sync key gone.
    await page.waitForFunction((k) => localStorage.getItem(k) !== null, ACCOUNT_KEY);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), ACCOUNT_KEY), me.id);
    assert.equal(await page.evaluate(() => localStorage.getItem('service-drill.sync.v1')), null);
    await signInWithPassword(page, 'T001', 'trainee-pass-1');
    await byTestId(page, 'account-restore').filter({ hasText: '已从服务器取回 2 条' }).waitFor();
    // The record from before signing in went back to the browser's own store, still offered.
    await byTestId(page, 'local-record').filter({ hasText: '1 条' }).waitFor();
    const stores = await allStores(page);
    assert.deepEqual(stores[TRAINEE_KEY].attempts.map(attemptId), [attemptId(before)]);
    const mine = stores[`${TRAINEE_KEY}@${me.id}`];
    assert.equal(mine.attempts.length, 3, "T001's three answers from the server");
    assert.ok(!mine.attempts.some((a) => attemptId(a) === attemptId(before)));
    assert.equal(mine.profile.employee_no, 'T001');
    const doc = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), `service-drill.sync.v1@${me.id}`));
    assert.equal(doc.format, 2);
    s.assertNoErrors();
  } finally {
    await s.close();
  }
});
