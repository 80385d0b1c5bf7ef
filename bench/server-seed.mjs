// Seeds a running `drill serve` through its real API with "a whole company's teams" and times
// each step (scripts/measure-server.sh runs it; it prints figures and writes what wrk needs).
//
//   node bench/server-seed.mjs URL ADMIN_CODE OUT_DIR [--teams 20] [--size 25] [--attempts 200]
//                              [--batch 100] [--clients 4]
//
// 1. the administrator sets a password with the one-time code (POST /auth/code)
// 2. imports a staff CSV: TEAMS 班组 of SIZE 学员 and one 班组长 each (POST /accounts/import),
//    while another signed-in client asks GET /auth/session over and over: what everyone
//    else waits during an import
// 3. every lead gives their team an assignment (POST /assignments), so that the trainees'
//    attempts count towards it as they would after a lead assigned a pack
// 4. every account signs in with its code and sets a password (POST /auth/code), CLIENTS at once
// 5. every trainee uploads ATTEMPTS attempts in batches of BATCH (POST /attempts, what the
//    sync module sends; BATCH = drill_core::sync::BATCH), CLIENTS trainees at once
// 6. the morning rush: 50 trainees sign in with their passwords at the same moment, and
//    GET /auth/session is asked meanwhile, as during the import
//
// Attempts answer real items of the server's own content (GET /content) with answers a
// trainee could give: a random option, a random subset, the right or a shuffled order, the
// item's model answer or a short brush-off, and a dialogue walked through its state machine
// (mood, flags, branches as drill_core::score::dialogue replays them) with random replies.
// No claimed_points are sent (the server would only compare them). Times: answered after the
// assignment was given, 10 ms apart, each after 5–60 s on the item.
//
// OUT_DIR gets: session.json (cookies, team id, ids) and the request bodies the wrk runs post.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const [url, adminCode, out, ...rest] = process.argv.slice(2);
if (!url || !adminCode || !out) {
  console.error('usage: node bench/server-seed.mjs URL ADMIN_CODE OUT_DIR [--teams N] [--size N] [--attempts N] [--batch N] [--clients N]');
  process.exit(2);
}
const opt = { teams: 20, size: 25, attempts: 200, batch: 100, clients: 4 };
for (let i = 0; i < rest.length; i += 2) {
  const key = rest[i].replace(/^--/, '');
  if (!(key in opt) || !/^\d+$/.test(rest[i + 1] || '')) {
    console.error(`bad option ${rest[i]} ${rest[i + 1] ?? ''}`);
    process.exit(2);
  }
  opt[key] = Number(rest[i + 1]);
}
const PASSWORD = 'measure-pass-1';

/** One HTTP client with its own session cookie. */
class Client {
  constructor() {
    this.cookie = '';
  }

  async call(method, apiPath, body, type = 'application/json') {
    const headers = { 'X-Drill-CSRF': '1', Accept: 'application/json' };
    if (this.cookie) headers.Cookie = this.cookie;
    if (body !== undefined) headers['Content-Type'] = type;
    const res = await fetch(new URL(`api/v1/${apiPath}`, url), {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${apiPath}: ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  }
}

const now = () => performance.now();
const fmt = (n, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
function latencies(ms) {
  const s = [...ms].sort((a, b) => a - b);
  return `p50 ${fmt(pct(s, 50), 1)} ms, p90 ${fmt(pct(s, 90), 1)} ms, p99 ${fmt(pct(s, 99), 1)} ms, max ${fmt(s[s.length - 1], 1)} ms`;
}
/** Runs `work(item)` over `items`, `n` at a time; returns each call's time in ms. */
async function pool(items, n, work) {
  const times = [];
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const item = items[next++];
      const t0 = now();
      await work(item);
      times.push(now() - t0);
    }
  }
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return times;
}

/** While `work()` runs, another signed-in client asks GET /auth/session over and over (one
 *  at a time): what everyone else's page load waits meanwhile. */
async function probed(client, work) {
  const waits = [];
  let done = false;
  const probe = (async () => {
    while (!done) {
      const t0 = now();
      await client.call('GET', 'auth/session');
      waits.push(now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    return [await work(), waits];
  } finally {
    done = true;
    await probe;
  }
}

// Seeded randomness, so two runs send the same answers.
let seed = 0x2545f491;
function rand() {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
}
const pick = (n) => Math.floor(rand() * n);

/** An answer a trainee could give to `item` (the bundle's JSON form of drill_core's items). */
function answer(item) {
  const b = item.body;
  switch (b.kind) {
    case 'choice':
      return { kind: 'choice', option: pick(b.options.length) };
    case 'multi':
      return { kind: 'multi', selected: b.options.map((_, i) => i).filter(() => rand() < 0.5) };
    case 'order': {
      const order = b.steps.map((_, i) => i);
      if (rand() < 0.5) {
        for (let i = order.length - 1; i > 0; i--) {
          const j = pick(i + 1);
          [order[i], order[j]] = [order[j], order[i]];
        }
      }
      return { kind: 'order', order };
    }
    case 'reply':
      return { kind: 'reply', text: rand() < 0.7 && b.model_answer ? b.model_answer : '这个不归我们管，你等通知吧。' };
    case 'dialogue':
      return { kind: 'dialogue', path: walk(b) };
    default:
      throw new Error(`item ${item.id}: unknown kind ${b.kind}`);
  }
}

/** A random path through a dialogue to an ending, replayed as drill_core::score::dialogue does. */
function walk(d) {
  const clamp = (m) => Math.max(d.mood.min, Math.min(d.mood.max, m));
  let node = d.start;
  let mood = clamp(d.mood.start);
  const flags = new Set();
  const path = [];
  const holds = (when) => {
    if ('mood_at_most' in when) return mood <= when.mood_at_most;
    if ('mood_at_least' in when) return mood >= when.mood_at_least;
    if ('has' in when) return flags.has(when.has);
    if ('lacks' in when) return !flags.has(when.lacks);
    throw new Error(`unknown condition ${JSON.stringify(when)}`);
  };
  while (path.length < 64) {
    const options = d.nodes[node]?.step?.options;
    if (!options) break; // an ending
    const i = pick(options.length);
    const o = options[i];
    path.push(i);
    mood = clamp(mood + (o.mood || 0));
    for (const f of o.sets || []) flags.add(f);
    node = (o.branches || []).find((b) => holds(b.when))?.next ?? o.next;
  }
  return path;
}

const attemptId = () => `a${crypto.randomBytes(16).toString('hex')}`;

fs.mkdirSync(out, { recursive: true });
const summary = [];
function figure(line) {
  console.log(line);
  summary.push(line);
}

// ---------------------------------------------------------------- 1. administrator
const admin = new Client();
await admin.call('POST', 'auth/code', { employee_no: 'admin', code: adminCode, new_password: PASSWORD });
const content = await admin.call('GET', 'content');
const items = content.packs.flatMap((p) => p.items.map((item) => ({ pack: p.id, item })));
console.log(`content ${content.content_version}: ${content.packs.length} packs, ${items.length} items`);

// ---------------------------------------------------------------- 2. staff CSV
const rows = ['姓名,工号,班组,角色'];
for (let t = 1; t <= opt.teams; t++) {
  const team = `测量班组${String(t).padStart(2, '0')}`;
  rows.push(`班组长${t},L${String(t).padStart(3, '0')},${team},班组长`);
  for (let s = 1; s <= opt.size; s++) rows.push(`学员${t}-${s},T${String(t).padStart(3, '0')}${String(s).padStart(3, '0')},${team},学员`);
}
const bystander = new Client();
await bystander.call('POST', 'auth/sign-in', { employee_no: 'admin', password: PASSWORD });
let t0 = now();
const [imported, importWaits] = await probed(bystander, () =>
  admin.call('POST', 'accounts/import', rows.join('\n') + '\n', 'text/csv'),
);
const importMs = now() - t0;
if (imported.errors.length) throw new Error(`import refused rows: ${JSON.stringify(imported.errors.slice(0, 3))}`);
figure(`import: ${imported.created} accounts (${opt.teams} teams × ${opt.size} trainees + a lead each) in one CSV: ${fmt(importMs / 1000, 2)} s (${fmt(importMs / imported.created, 1)} ms an account); meanwhile GET /auth/session: ${latencies(importWaits)} (${importWaits.length} asked)`);
const codes = imported.codes;
const teams = await admin.call('GET', 'teams');
const teamId = Object.fromEntries(teams.map((t) => [t.name, t.id]));

// ---------------------------------------------------------------- 3. sign in with codes
const clients = new Map();
t0 = now();
const signInMs = await pool(codes, opt.clients, async (c) => {
  const client = new Client();
  await client.call('POST', 'auth/code', { employee_no: c.employee_no, code: c.code, new_password: PASSWORD });
  clients.set(c.employee_no, { client, team: c.team });
});
const signInWall = now() - t0;
figure(`first sign-in (code + new password, 2 argon2id each): ${codes.length} accounts, ${opt.clients} at once: ${fmt(signInWall / 1000, 1)} s, ${fmt(codes.length / (signInWall / 1000), 1)} sign-ins/s; ${latencies(signInMs)}`);

// ---------------------------------------------------------------- 4. assignments
const assignedPack = content.packs[0].id;
const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
for (const [no, { client, team }] of clients) {
  if (no.startsWith('L')) await client.call('POST', 'assignments', { team_id: teamId[team], pack_id: assignedPack, due });
}
const sinceAssigned = Date.now() + 1;

// ---------------------------------------------------------------- 5. attempts
const trainees = [...clients.entries()].filter(([no]) => no.startsWith('T'));
const sent = new Map(); // employee_no -> attempts sent
function attemptsFor() {
  const list = [];
  for (let k = 0; k < opt.attempts; k++) {
    const { pack, item } = items[pick(items.length)];
    const answered = sinceAssigned + 10 * k;
    list.push({
      id: attemptId(),
      content_version: content.content_version,
      pack_id: pack,
      item_id: item.id,
      answer: answer(item),
      started_ms: answered - 5000 - pick(55_000),
      answered_ms: answered,
    });
  }
  return list;
}
const batches = [];
for (const [no] of trainees) {
  const list = attemptsFor();
  sent.set(no, list);
  for (let i = 0; i < list.length; i += opt.batch) batches.push({ no, nth: i, attempts: list.slice(i, i + opt.batch) });
}
// Every trainee's first batch, then every second one, …: CLIENTS different trainees send at once.
batches.sort((a, b) => a.nth - b.nth || a.no.localeCompare(b.no));
let stored = 0;
t0 = now();
const batchMs = await pool(batches, opt.clients, async ({ no, attempts }) => {
  const res = await clients.get(no).client.call('POST', 'attempts', { attempts });
  stored += res.stored;
});
const uploadWall = now() - t0;
figure(`POST /attempts: ${fmt(stored)} attempts of ${trainees.length} trainees in ${batches.length} batches of ≤ ${opt.batch}, ${opt.clients} at once: ${fmt(uploadWall / 1000, 1)} s, ${fmt(stored / (uploadWall / 1000))} attempts/s; a batch: ${latencies(batchMs)}`);
if (stored !== trainees.length * opt.attempts) throw new Error(`stored ${stored}, expected ${trainees.length * opt.attempts}`);

// Every dialogue path the generator walked must have been a valid one for the server.
const [firstNo] = trainees[0];
const back = await clients.get(firstNo).client.call('GET', 'attempts');
const invalid = back.filter((a) => JSON.stringify(a.outcome).includes('答案无效')).length;
console.log(`check: ${firstNo} has ${back.length} attempts stored, ${invalid} scored as invalid answers`);
if (back.length !== opt.attempts || invalid) throw new Error('the seeded attempts did not come back as sent');

// ---------------------------------------------------------------- the morning rush
// 50 trainees sign in with their passwords at the same moment (one argon2id each).
const rush = trainees.slice(0, 50).map(([no]) => no);
t0 = now();
const [rushMs, rushWaits] = await probed(bystander, async () => {
  const times = [];
  await Promise.all(
    rush.map(async (no) => {
      const t = now();
      await new Client().call('POST', 'auth/sign-in', { employee_no: no, password: PASSWORD });
      times.push(now() - t);
    }),
  );
  return times;
});
figure(`${rush.length} trainees sign in with a password at once: all in ${fmt((now() - t0) / 1000, 2)} s; a sign-in: ${latencies(rushMs)}; meanwhile GET /auth/session: ${latencies(rushWaits)}`);

// ---------------------------------------------------------------- what wrk needs
const firstTeam = trainees[0][1].team;
const lead = [...clients.entries()].find(([no, c]) => no.startsWith('L') && c.team === firstTeam)[1].client;
const trainee = clients.get(firstNo).client;
// A resend: the trainee's first 20 attempts again (all duplicates).
const resend = { attempts: sent.get(firstNo).slice(0, 20) };
fs.writeFileSync(path.join(out, 'resend.json'), JSON.stringify(resend));
// One new attempt (the hall's steady state: each answer is sent as it is given); the wrk
// script replaces the id for every request.
const one = { attempts: [{ ...attemptsFor()[0], id: '@ID@' }] };
fs.writeFileSync(path.join(out, 'one.json'), JSON.stringify(one));
// Sessions of 50 trainees of several teams, for the hall.
fs.writeFileSync(path.join(out, 'hall-cookies.txt'), trainees.slice(0, 50).map(([no]) => clients.get(no).client.cookie).join('\n') + '\n');
fs.writeFileSync(
  path.join(out, 'session.json'),
  JSON.stringify({ trainee_cookie: trainee.cookie, lead_cookie: lead.cookie, team_id: teamId[firstTeam], team: firstTeam }, null, 1),
);
fs.writeFileSync(path.join(out, 'seed-figures.txt'), summary.join('\n') + '\n');
