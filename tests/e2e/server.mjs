// Browser tests against the team server: starts `drill serve` (target/debug/drill, which every
// trunk build refreshes; built here when missing; E2E_DRILL to use another) on a temporary SQLite database and a free
// 127.0.0.1 port, serving a copy of the built dist/ whose content.json and packs.json are
// compiled from the same scenario folder the server scores against (the repo's scenarios/
// plus any `packs` given), and stops it. Pair it with harness.mjs's startApp({ url }).
//
//   import { startDrill, Api } from './server.mjs';
//   const drill = await startDrill({ packs: { 'e2e.yaml': text } });   // basePath: '/training/'
//   drill.url            'http://127.0.0.1:PORT/' (+ base path)
//   drill.adminCode      the first administrator's one-time code (工号 admin), as printed
//   await drill.stop()   stops the server (SIGTERM); await drill.start() starts it again on
//                        the same port and database (the "server went away" test)
//   await drill.close()  stops it and removes the database and the site copy
//   drill.output()       what it printed (for failure messages)
//   drill.database       the SQLite file (for the rare test that must write what the API refuses)
//
//   const api = new Api(drill.url);     // a client with its own session cookie
//   await api.call('POST', 'auth/code', { employee_no, code, new_password }) -> { status, json, text }
//
//   byTestId, inDays, signInWithPassword, signInWithCode: page helpers the tests share
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './harness.mjs';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function startDrill({ packs = {}, basePath = '/', dist } = {}) {
  const drill = process.env.E2E_DRILL || path.join(ROOT, 'target', 'debug', 'drill');
  // Every trunk build runs `cargo run --bin drill -- bundle` (scripts/build-extra.sh), so it is
  // normally there and current; build it otherwise.
  if (!fs.existsSync(drill)) execFileSync('cargo', ['build', '--quiet', '--offline', '--bin', 'drill'], { cwd: ROOT, stdio: 'inherit' });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-serve-e2e-'));
  const scenarios = path.join(tmp, 'scenarios');
  fs.cpSync(path.join(ROOT, 'scenarios'), scenarios, { recursive: true });
  const index = path.join(scenarios, 'index.yaml');
  for (const [name, text] of Object.entries(packs)) {
    fs.writeFileSync(path.join(scenarios, name), text);
    fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace('packs:\n', `packs:\n  - ${name}\n`));
  }
  const site = path.join(tmp, 'site');
  fs.cpSync(path.resolve(dist || process.env.E2E_DIST || path.join(ROOT, 'dist')), site, { recursive: true });
  execFileSync(drill, ['bundle', scenarios, '--out', path.join(site, 'content.json')], { stdio: ['ignore', 'ignore', 'pipe'] });
  const data = path.join(tmp, 'data');
  const port = await freePort();
  const base = `/${basePath.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  let proc = null;
  let output = '';
  let adminCode = null;

  async function start() {
    proc = spawn(
      drill,
      ['serve', '--host', '127.0.0.1', '--port', String(port), '--data', data, '--site', site, '--scenarios', scenarios, '--base-path', base],
      { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const child = proc;
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`drill serve did not start in 60 s:\n${output}`)), 60_000);
      const onData = (chunk) => {
        output += chunk;
        const code = output.match(/用工号 (\S+) 和一次性登录码 (\S+) 登录/);
        if (code) adminCode = code[2];
        if (output.includes('服务器已启动')) {
          // The first-use code is printed after the start line: wait for it briefly.
          setTimeout(() => {
            const later = output.match(/用工号 (\S+) 和一次性登录码 (\S+) 登录/);
            if (later) adminCode = later[2];
            clearTimeout(timer);
            resolve();
          }, 300);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', (c) => (output += c));
      child.once('exit', (codeNo) => {
        clearTimeout(timer);
        reject(new Error(`drill serve exited (${codeNo}):\n${output}`));
      });
    }).catch((e) => {
      child.kill('SIGKILL');
      throw e;
    });
    // Past start-up, an exit is what stop() asked for.
    child.removeAllListeners('exit');
  }

  async function stop() {
    const child = proc;
    proc = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  await start();
  return {
    url: `http://127.0.0.1:${port}${base}`,
    port,
    database: path.join(data, 'drill.db'),
    get adminCode() {
      return adminCode;
    },
    start,
    stop,
    output: () => output,
    async close() {
      await stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** A client of the server's API with its own session cookie (for setting up a test). */
export class Api {
  constructor(url) {
    this.url = url;
    this.cookie = '';
  }

  async call(method, apiPath, body, type = 'application/json') {
    const headers = { 'X-Drill-CSRF': '1', Accept: 'application/json' };
    if (this.cookie) headers.Cookie = this.cookie;
    if (body !== undefined) headers['Content-Type'] = type;
    const res = await fetch(new URL(`api/v1/${apiPath}`, this.url), {
      method,
      headers,
      body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body,
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    const text = await res.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {}
    return { status: res.status, json, text };
  }
}

// ── page helpers shared by the server's browser tests ──

export const byTestId = (page, id) => page.getByTestId(id);

/** `YYYY-MM-DD`, n days from today in China Standard Time (the server's calendar). */
export function inDays(n) {
  return new Date(Date.now() + n * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Fills the sign-in form (工号 and password) and submits it. */
export async function signInWithPassword(page, employeeNo, password) {
  await byTestId(page, 'sign-in').waitFor();
  await byTestId(page, 'sign-in-employee-no').fill(employeeNo);
  await byTestId(page, 'sign-in-password').fill(password);
  await byTestId(page, 'sign-in-submit').click();
}

/** A first sign-in: 工号, the one-time code and a new password, submitted. */
export async function signInWithCode(page, employeeNo, code, password) {
  await byTestId(page, 'sign-in').waitFor();
  await byTestId(page, 'sign-in-mode-code').click();
  await byTestId(page, 'sign-in-employee-no').fill(employeeNo);
  await byTestId(page, 'sign-in-code').fill(code);
  await byTestId(page, 'sign-in-new-password').fill(password);
  await byTestId(page, 'sign-in-confirm').fill(password);
  await byTestId(page, 'sign-in-submit').click();
}
