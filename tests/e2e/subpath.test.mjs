// The built site under a sub-path (/training/), as a host serves it behind a reverse proxy:
// from a plain static server that has nothing at the root, and from `drill serve
// --base-path /training/`. Every page must start (not stay on 正在加载) and ask for nothing
// outside /training/. Before the fix the trainee page asked for /main-….css and
// /service-drill-web-….js from the site root.
// Standalone (its own static server and drill serve); Chromium flags and MIME types from ./harness.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { ROOT, CHROMIUM_ARGS, MIME } from './harness.mjs';

// playwright-core lives in tools/node_modules (installed by the scripts), as for the harness.
const { chromium } = createRequire(path.join(ROOT, 'tools', 'package.json'))('playwright-core');

const DIST = path.resolve(process.env.E2E_DIST || path.join(ROOT, 'dist'));
const BASE = '/training/';
// A first visit: the profile form on a static site; served by drill serve, the request to
// sign in first (the account fills the profile in).
const FIRST_SCREEN = { static: '[data-testid="profile-form"]', server: '[data-testid="profile-sign-in"]' };

/** A static server with the site under BASE and nothing anywhere else. */
function staticServer() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(BASE)) {
      res.writeHead(404).end('not here');
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(BASE.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.join(DIST, rel);
    if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('missing');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** `drill serve` on a fresh SQLite folder; resolves with its URL once it prints it. */
function drillServe() {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-subpath-'));
  const bin = path.join(ROOT, 'target/debug/drill');
  const child = spawn(bin, ['serve', '--port', '0', '--base-path', BASE, '--site', DIST, '--data', data,
    '--scenarios', path.join(ROOT, 'scenarios')], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/(http:\/\/127\.0\.0\.1:\d+\/training\/)/);
      if (m) resolve({ url: m[1], stop: () => { child.kill(); fs.rmSync(data, { recursive: true, force: true }); } });
    });
    child.on('exit', (code) => reject(new Error(`drill serve exited (${code}): ${out} ${err}`)));
  });
}

let browser;
before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, 'index.html')), `${DIST}/index.html: build the site first`);
  browser = await chromium.launch({ executablePath: process.env.E2E_CHROMIUM || '/usr/bin/chromium', headless: true, chromiumSandbox: false, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
});

/** Opens each page under `site` and checks it starts, asking for nothing outside BASE. */
async function checkPages(site, mode) {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const outside = [];
  const errors = [];
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol.startsWith('http') && !u.pathname.startsWith(BASE)) outside.push(u.pathname);
  });
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(site);
    await page.locator('#boot').waitFor({ state: 'detached', timeout: 30000 });
    await page.locator(FIRST_SCREEN[mode]).waitFor({ state: 'visible', timeout: 30000 });
    if (mode === 'server') {
      // Its link leads to the sign-in form, still under the sub-path.
      await page.getByTestId('profile-sign-in-link').click();
      await page.getByTestId('sign-in').waitFor({ state: 'visible', timeout: 30000 });
      assert.ok(new URL(page.url()).pathname.startsWith(`${BASE}study/`), page.url());
    }
    await page.goto(`${site}study/#/phrasebook`);
    await page.locator('[data-testid="phrasebook"]').waitFor({ state: 'visible', timeout: 30000 });
    await page.goto(`${site}tools/#/team`);
    await page.locator('#boot').waitFor({ state: 'detached', timeout: 30000 });
    assert.deepEqual(outside, [], 'requests outside /training/');
    assert.deepEqual(errors, [], 'page errors');
  } finally {
    await context.close();
  }
}

test('the built site works under /training/ on a plain static server', async () => {
  const server = await staticServer();
  try {
    await checkPages(`http://127.0.0.1:${server.address().port}${BASE}`, 'static');
  } finally {
    server.close();
  }
});

test('the built site works under drill serve --base-path /training/', async () => {
  const served = await drillServe();
  try {
    await checkPages(served.url, 'server');
    const status = await (await fetch(`${served.url}api/v1/status`)).json();
    assert.equal(status.mode, 'server');
  } finally {
    served.stop();
  }
});
