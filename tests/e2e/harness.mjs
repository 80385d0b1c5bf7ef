// Browser-test harness for Service Drill (服务演练).
//
// Run by scripts/test.sh (`scripts/test.sh --e2e-only` for these tests only). By hand, after
// `trunk build --release --offline`:
//     node --test --test-concurrency=1 tests/e2e/*.test.mjs
// Env: E2E_DIST (default <repo>/dist), E2E_HEADED=1 (show the browser; needs a display),
//      E2E_SLOWMO=ms, E2E_ARTIFACTS (default <repo>/target/e2e-artifacts: failure screenshots).
//
// It serves the built dist/ on a free 127.0.0.1 port with a tiny node:http static server,
// drives Debian's /usr/bin/chromium headless through playwright-core (installed in
// tools/node_modules by the scripts; never `npx playwright install`), gives each session a
// fresh browser context (empty localStorage), and fails a session on any uncaught page error
// (e.g. a wasm panic / `RuntimeError: unreachable`) or console.error.
//
// ---------------------------------------------------------------------------------- API
//
//   import { test, before, after } from 'node:test';
//   import assert from 'node:assert/strict';
//   import { startApp } from './harness.mjs';
//
//   let app;
//   before(async () => { app = await startApp(); });   // one server + one browser per file
//   after(() => app?.close());
//
//   test('something', () => app.withPage(async (page, s) => {
//     await page.getByTestId('profile-name').fill('张三');   // playwright Page API
//     ...
//   }));
//
// startApp(options?) -> Promise<App>                 options:
//   files:  { 'scenarios/x.yaml': string|Buffer|null, ... }  override (or, with null, remove:
//           404) files of dist/ by URL path. The rest of dist/ is served as built. Use
//           app.setFiles() to change them later. The app reads only content.json and the
//           pack list packs.json (both written by `drill bundle` from scenarios/), so keys
//           under 'scenarios/' edit a copy of the repo's scenarios/ (null deletes a file
//           there) and both are compiled from it with target/debug/drill — e.g. to serve a
//           broken pack, as a trainer would.
//   dist:   directory to serve (default E2E_DIST or <repo>/dist)
//   url:    the pages are served elsewhere (e.g. `drill serve`, see ./server.mjs): no static
//           server is started and app.url is this URL (files/basePath/requests then unused).
//   basePath: serve dist/ under this sub-path only (e.g. '/training/', as a site hosted
//           behind a reverse proxy); anything outside it is 404. app.url includes it.
//   launchArgs: extra Chromium flags;  contextOptions: defaults for every new context
//           (the default is { locale: 'zh-CN', viewport: 1280x900 }).
//
// App:
//   app.url                 'http://127.0.0.1:PORT/' (+ basePath)
//   app.browser             the playwright Browser
//   app.setFiles(files)     replace the override map (same shape as options.files)
//   app.requests            every URL path the server was asked for, in order
//   app.session(opts?)      -> Promise<Session>: a fresh context + page with error collection
//   app.withPage(fn, opts?) -> runs `await fn(page, session)` in a fresh session, then
//                           closes it and asserts there were no page/console errors. On any
//                           failure it saves a screenshot and prints the page's console.
//   app.close()             closes browser and server
//
//   session/withPage opts: { path: '/', open: true (goto path and wait for load),
//     waitFor: a selector (e.g. '[data-testid="app"]') to wait for after every open(),
//     timeout: default action timeout in ms (15000), name: used in failure screenshots,
//     allowErrors: [RegExp...] (console/page errors matching any are tolerated),
//     contextOptions: {...} (merged over the app's) }
//
// Session:
//   s.page, s.context       playwright Page / BrowserContext (the context persists
//                           localStorage across s.page.reload() and s.newPage())
//   s.open(path='/', {waitFor}?)  goto app.url + path, wait for 'load' (+ waitFor)
//   s.reload()              reload, keeping localStorage
//   s.newPage()             another page (tab) in the same context; errors collected too
//   s.pageErrors            uncaught exceptions (strings)
//   s.consoleErrors         console.error messages (strings)
//   s.console               every console message, "type: text"
//   s.errors()              pageErrors + consoleErrors not matched by allowErrors
//   s.assertNoErrors()      throws if s.errors() is not empty
//   s.localStorage()        -> Promise<object> of the page's localStorage
//   s.screenshot(name)      -> saves <E2E_ARTIFACTS>/<name>.png, returns the path
//   s.close()               closes the context (no assertion; withPage asserts)
//
// Also exported: ROOT (repo root), readRepoFile(relPath) (utf-8 text of a repo file, e.g.
// 'scenarios/standards.yaml', to serve a modified copy), CHROMIUM_ARGS, MIME.
// Data-testids used by the UI are listed in tests/e2e/TESTIDS.md.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// playwright-core lives in tools/node_modules (one npm install for all tools).
const requireTools = createRequire(path.join(ROOT, 'tools', 'package.json'));
let chromium;
try {
  ({ chromium } = requireTools('playwright-core'));
} catch (e) {
  throw new Error(
    `playwright-core is not installed in tools/node_modules (${e.message}). ` +
      'Run scripts/test.sh (or: cd tools && npm ci).',
  );
}

const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

// As root Chromium needs --no-sandbox. The network flags stop Chromium's own background
// connections (this machine's network is closed). playwright-core itself gives every launch
// a fresh temporary --user-data-dir and removes it on close.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
];

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

const ARTIFACTS = process.env.E2E_ARTIFACTS || path.join(ROOT, 'target', 'e2e-artifacts');

/** The trainee app's localStorage key for the trainee store (`web/storage.rs`). */
export const TRAINEE_KEY = 'service-drill.trainee.v1';

/** A stored trainee with a profile and nothing answered yet: the app opens on the pack list. */
export const NEW_TRAINEE = JSON.stringify({ format: 1, profile: { name: '测试员', employee_no: 'P001', team: '一班' }, attempts: [], runs: {} });

/**
 * Context options that put `store` (the trainee store's JSON) in the app's localStorage
 * before the first navigation, so no script in the page spends time writing it.
 */
export function withSavedStore(app, store) {
  const origin = new URL(app.url).origin;
  return { storageState: { cookies: [], origins: [{ origin, localStorage: [{ name: TRAINEE_KEY, value: store }] }] } };
}

export function readRepoFile(rel) {
  return fs.readFileSync(path.join(ROOT, rel), 'utf8');
}

function normalizeKey(p) {
  return String(p).replace(/^\/+/, '');
}

function startServer(dist, state, basePath = '/') {
  const server = http.createServer((req, res) => {
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end('bad url');
      return;
    }
    state.requests.push(urlPath);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (!urlPath.startsWith(basePath)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`not found: outside ${basePath}`);
      return;
    }
    let rel = path.posix.normalize(urlPath.slice(basePath.length - 1)).replace(/^\/+/, '');
    if (rel.split('/').includes('..')) {
      res.writeHead(403).end();
      return;
    }
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';

    const send = (status, body, type) => {
      res.writeHead(status, {
        'Content-Type': type,
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const typeOf = (p) => MIME[path.extname(p).toLowerCase()] || 'application/octet-stream';

    if (Object.prototype.hasOwnProperty.call(state.files, rel)) {
      const body = state.files[rel];
      if (body === null || body === undefined) {
        send(404, Buffer.from('not found (removed by test)'), 'text/plain; charset=utf-8');
      } else {
        send(200, Buffer.isBuffer(body) ? body : Buffer.from(String(body), 'utf8'), typeOf(rel));
      }
      return;
    }
    let file = path.join(dist, rel);
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      if (rel === 'favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      // Single-page app: extension-less paths fall back to index.html.
      if (path.extname(rel) === '') file = path.join(dist, 'index.html');
      else {
        send(404, Buffer.from('not found'), 'text/plain; charset=utf-8');
        return;
      }
    }
    send(200, fs.readFileSync(file), typeOf(file));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/**
 * { 'content.json', 'packs.json' } as `drill bundle` writes them from the repo's scenarios/
 * with `edits` ({ 'scenarios/x.yaml': text | null }) applied; both null when drill refuses
 * (index or catalogue unusable), which the server answers with 404.
 */
export function bundleFiles(edits) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-e2e-'));
  try {
    const dir = path.join(tmp, 'scenarios');
    fs.cpSync(path.join(ROOT, 'scenarios'), dir, { recursive: true });
    for (const [key, body] of Object.entries(edits)) {
      const file = path.join(tmp, key);
      if (body === null || body === undefined) fs.rmSync(file, { force: true });
      else fs.writeFileSync(file, body);
    }
    const out = path.join(tmp, 'content.json');
    const drill = process.env.E2E_DRILL || path.join(ROOT, 'target', 'debug', 'drill');
    const [cmd, args] = fs.existsSync(drill)
      ? [drill, ['bundle', dir, '--out', out]]
      : ['cargo', ['run', '--quiet', '--offline', '--bin', 'drill', '--', 'bundle', dir, '--out', out]];
    try {
      execFileSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (e) {
      if (e.status === 2) return { 'content.json': null, 'packs.json': null };
      throw new Error(`drill bundle failed: ${e.stderr || e.message}`);
    }
    return { 'content.json': fs.readFileSync(out), 'packs.json': fs.readFileSync(path.join(tmp, 'packs.json')) };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function safeName(s) {
  return String(s).replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 100) || 'page';
}

export async function startApp(options = {}) {
  const dist = path.resolve(options.dist || process.env.E2E_DIST || path.join(ROOT, 'dist'));
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    throw new Error(
      `${dist}/index.html not found: build the app first ` +
        '(scripts/test.sh --e2e-only, or trunk build --release --offline)',
    );
  }
  // Every local file index.html links must be there (a trunk build running at the same
  // time rewrites dist/ and leaves it half-done for a while).
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const missing = [...html.matchAll(/(?:href|src)=["']([^"'#?]+)["']/g)]
    .map((m) => m[1])
    .filter((u) => !/^[a-z]+:|^\/\//i.test(u))
    .filter((u) => !fs.existsSync(path.join(dist, decodeURIComponent(u.replace(/^\/+/, '')))));
  if (missing.length) {
    throw new Error(
      `${dist} is incomplete: index.html links ${missing.join(', ')}, which are missing ` +
        '(is another trunk build writing dist/ right now? rebuild, or set E2E_DIST)',
    );
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: run scripts/test.sh (apt-get install chromium)`);
  }
  const state = { files: {}, requests: [] };
  const setFiles = (files = {}) => {
    const entries = Object.entries(files).map(([k, v]) => [normalizeKey(k), v]);
    state.files = Object.fromEntries(entries.filter(([k]) => !k.startsWith('scenarios/')));
    const scenarioEdits = entries.filter(([k]) => k.startsWith('scenarios/'));
    if (scenarioEdits.length && !('content.json' in state.files)) {
      Object.assign(state.files, bundleFiles(Object.fromEntries(scenarioEdits)));
    }
  };
  setFiles(options.files);

  const basePath = `/${(options.basePath || '/').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  // options.url: the pages are served by someone else (`drill serve`, ./server.mjs).
  const server = options.url ? null : await startServer(dist, state, basePath);
  const url = options.url || `http://127.0.0.1:${server.address().port}${basePath}`;
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: !process.env.E2E_HEADED,
      slowMo: Number(process.env.E2E_SLOWMO || 0),
      chromiumSandbox: false,
      args: [...CHROMIUM_ARGS, ...(options.launchArgs || [])],
    });
  } catch (e) {
    server?.close();
    throw e;
  }
  const baseContextOptions = {
    locale: 'zh-CN',
    viewport: { width: 1280, height: 900 },
    ...(options.contextOptions || {}),
  };
  const sessions = new Set();

  async function session(opts = {}) {
    const allow = opts.allowErrors || [];
    const context = await browser.newContext({ ...baseContextOptions, ...(opts.contextOptions || {}) });
    context.setDefaultTimeout(opts.timeout ?? 15000);
    const s = {
      context,
      page: null,
      pageErrors: [],
      consoleErrors: [],
      console: [],
      watch(page) {
        page.on('pageerror', (err) => s.pageErrors.push(String(err && err.stack ? err.stack : err)));
        page.on('console', (msg) => {
          const line = `${msg.type()}: ${msg.text()}`;
          s.console.push(line);
          if (msg.type() === 'error') s.consoleErrors.push(msg.text());
        });
        page.on('crash', () => s.pageErrors.push('page crashed'));
        return page;
      },
      async newPage() {
        return s.watch(await context.newPage());
      },
      async open(p = '/', { waitFor = opts.waitFor } = {}) {
        await s.page.goto(new URL(p.replace(/^\/+/, ''), url).href, { waitUntil: 'load' });
        if (waitFor) await s.page.locator(waitFor).first().waitFor({ state: 'visible' });
        return s.page;
      },
      async reload() {
        await s.page.reload({ waitUntil: 'load' });
        return s.page;
      },
      errors() {
        return [...s.pageErrors, ...s.consoleErrors].filter((e) => !allow.some((re) => re.test(e)));
      },
      assertNoErrors() {
        const errs = s.errors();
        assert.deepEqual(errs, [], `page/console errors:\n${errs.join('\n')}`);
      },
      async localStorage() {
        return s.page.evaluate(() => Object.fromEntries(Object.entries(window.localStorage)));
      },
      async screenshot(name) {
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        const file = path.join(ARTIFACTS, `${safeName(name)}.png`);
        await s.page.screenshot({ path: file, fullPage: true });
        return file;
      },
      async close() {
        sessions.delete(s);
        await context.close().catch(() => {});
      },
    };
    s.page = await s.newPage();
    sessions.add(s);
    if (opts.open !== false) await s.open(opts.path || '/');
    return s;
  }

  async function withPage(fn, opts = {}) {
    const s = await session(opts);
    try {
      await fn(s.page, s);
      s.assertNoErrors();
    } catch (err) {
      let shot = '';
      try {
        shot = await s.screenshot(`fail-${opts.name || 'page'}-${Date.now()}`);
      } catch {}
      process.stderr.write(
        `\n--- e2e failure${shot ? ` (screenshot: ${shot})` : ''}; browser console:\n` +
          (s.console.join('\n') || '(empty)') +
          (s.pageErrors.length ? `\n--- page errors:\n${s.pageErrors.join('\n')}` : '') +
          '\n---\n',
      );
      throw err;
    } finally {
      await s.close();
    }
  }

  async function close() {
    for (const s of [...sessions]) await s.close();
    await browser.close().catch(() => {});
    if (server) {
      server.closeAllConnections();
      await new Promise((r) => server.close(() => r()));
    }
  }

  return { url, browser, server, requests: state.requests, setFiles, session, withPage, close };
}
