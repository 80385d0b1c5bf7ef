// The site served by `drill serve --base-path /training/` (issue 21): every URL the pages
// use is relative, so the trainee page finds the server under the sub-path, a trainee signs
// in there, and the session cookie (Path=/training/) carries to the trainee page's sync.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness.mjs';
import { startDrill, Api } from './server.mjs';

let drill;
let app;
let code;

before(async () => {
  drill = await startDrill({ basePath: '/training/' });
  assert.match(drill.url, /\/training\/$/);
  app = await startApp({ url: drill.url });
  const admin = new Api(drill.url);
  assert.equal((await admin.call('POST', 'auth/code', { employee_no: 'admin', code: drill.adminCode, new_password: 'admin-pass-123' })).status, 200);
  const imported = await admin.call('POST', 'accounts/import', '姓名,工号,班组,角色\n孙学员,S001,营业厅一班,学员\n', 'text/csv');
  code = imported.json.codes[0].code;
});

after(async () => {
  await app?.close();
  await drill?.close();
});

test('under /training/ a trainee signs in and the trainee page syncs', () =>
  app.withPage(
    async (page) => {
      await page.getByTestId('sync-who').filter({ hasText: '未登录' }).waitFor();
      await page.getByTestId('sync-account').click();
      assert.match(page.url(), /\/training\/study\/#\/account$/);
      await page.getByTestId('sign-in-mode-code').click();
      await page.getByTestId('sign-in-employee-no').fill('S001');
      await page.getByTestId('sign-in-code').fill(code);
      await page.getByTestId('sign-in-new-password').fill('password-s001');
      await page.getByTestId('sign-in-confirm').fill('password-s001');
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('account-signed-in').waitFor();
      await page.getByTestId('account-practise').click();
      await page.getByTestId('sync-who').filter({ hasText: '孙学员（S001）' }).waitFor();
      assert.equal(await page.getByTestId('sync-status').innerText(), '已同步');
      assert.match(page.url(), /\/training\/#\/$/);
    },
    { path: '', allowErrors: [/Failed to load resource/] },
  ));
