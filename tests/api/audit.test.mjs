// The audit trail as an admin and an inspector meet it: browse and filter over HTTP, who may,
// writes showing up with actor and request id, the CSV export, and `pilar audit verify`
// catching an entry edited directly in the database.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { KELURAHAN, KOTA, PASSWORD, RW1, api, login, runPilar, setupDataDir, startServer } from './helpers.mjs';

const OK_LINE = /^ok: (\d+) entries, head ([0-9a-f]{64})\n$/;

// Runs the sqlite3 shell on the data directory's database (what someone with file access could do).
function sqlite(dir, sql) {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', path.join(dir, 'pilar.db'), sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3 ${sql}: ${r.status} ${r.stderr}`);
  return r.stdout;
}

describe('audit', () => {
  let data;
  let srv;
  let admin;
  let operator;

  before(async () => {
    data = await setupDataDir({
      users: [
        { username: 'admin', role: 'admin', wilayah: KOTA },
        { username: 'operator', role: 'operator', wilayah: KOTA },
        { username: 'psm', role: 'psm', wilayah: RW1 },
      ],
    });
    srv = await startServer({ dataDir: data.dir });
    admin = await login(srv, 'admin');
    operator = await login(srv, 'operator');
  });

  after(async () => {
    if (srv) await srv.stop();
    if (data) data.remove();
  });

  const list = async (query = '') => {
    const r = await api(srv, 'GET', `/api/v1/audit${query}`, { session: admin });
    assert.equal(r.status, 200, r.text);
    return r.json;
  };

  test('admin lists the trail newest first: set-up writes and logins are there', async () => {
    const page = await list();
    assert.ok(Array.isArray(page.items));
    const seqs = page.items.map((e) => e.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a), 'newest first');
    const actions = page.items.map((e) => e.action);
    for (const a of ['wilayah.load', 'wilayah.create', 'user.create', 'auth.login']) assert.ok(actions.includes(a), `${a} in ${actions}`);
    const created = page.items.filter((e) => e.action === 'user.create').map((e) => e.entity_id).sort();
    assert.deepEqual(created, ['admin', 'operator', 'psm']);
    for (const e of page.items.filter((x) => x.action === 'user.create')) {
      assert.match(e.actor_username, /^cli:/, 'console commands name the OS account');
      assert.equal(e.actor_role, 'system');
    }
    const e = page.items[0];
    for (const k of ['seq', 'at', 'actor_username', 'actor_role', 'action', 'entity', 'entity_id', 'prev_hash', 'hash'])
      assert.ok(k in e, `${k} in ${JSON.stringify(e)}`);
    assert.match(e.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.match(e.hash, /^[0-9a-f]{64}$/);
  });

  test('filters: action prefix, actor, entity and entity_id, time range', async () => {
    const logins = await list('?action=auth.login');
    assert.ok(logins.items.length >= 2);
    for (const e of logins.items) assert.equal(e.action, 'auth.login');
    const byAdmin = await list('?actor=admin&action=auth');
    assert.ok(byAdmin.items.length >= 1);
    for (const e of byAdmin.items) {
      assert.equal(e.actor_username, 'admin');
      assert.match(e.action, /^auth\./);
    }
    // The prefix ignores ASCII case (SQLite's LIKE always did; the statement lowers both sides so
    // that PostgreSQL's, which does not, matches the same entries).
    const typed = await list('?actor=admin&action=AUTH');
    assert.deepEqual(typed.items.map((e) => e.seq), byAdmin.items.map((e) => e.seq));
    const wil = await list(`?entity=wilayah&entity_id=${RW1}`);
    assert.equal(wil.items.length, 1, JSON.stringify(wil.items));
    assert.equal(wil.items[0].action, 'wilayah.create');
    const future = await list('?from=2999-01-01');
    assert.deepEqual(future.items, []);
    const all = await list('?from=2000-01-01&to=2999-01-01T00:00:00Z');
    assert.ok(all.items.length > 5);
  });

  test('keyset pagination: next cursor walks to older entries without overlap', async () => {
    const first = await list('?limit=2');
    assert.equal(first.items.length, 2);
    assert.equal(typeof first.next, 'string');
    const second = await list(`?limit=2&cursor=${encodeURIComponent(first.next)}`);
    assert.equal(second.items.length, 2);
    assert.ok(second.items[0].seq < first.items[1].seq);
    // Walk to the end: every entry once, down to seq 1.
    const seen = [];
    let cursor = '';
    for (let i = 0; i < 100; i++) {
      const p = await list(`?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...p.items.map((e) => e.seq));
      if (!p.next) break;
      cursor = p.next;
    }
    assert.equal(seen.at(-1), 1);
    assert.equal(new Set(seen).size, seen.length);
  });

  test('bad filters are 400 naming the field', async () => {
    for (const [q, field] of [
      ['?limit=0', 'limit'],
      ['?limit=501', 'limit'],
      ['?limit=abc', 'limit'],
      ['?from=kemarin', 'from'],
      ['?to=2026-1-1', 'to'],
      ['?cursor=x', 'cursor'],
    ]) {
      const r = await api(srv, 'GET', `/api/v1/audit${q}`, { session: admin });
      assert.equal(r.status, 400, `${q}: ${r.text}`);
      assert.equal(r.json.error.field, field, q);
    }
  });

  test('operator gets 403 on every audit route; no session gets 401', async () => {
    for (const p of ['/api/v1/audit', '/api/v1/audit/verify', '/api/v1/audit/export']) {
      const r = await api(srv, 'GET', p, { session: operator });
      assert.equal(r.status, 403, `${p}: ${r.text}`);
      assert.equal(r.json.error.code, 'permission_denied');
      const anon = await api(srv, 'GET', p);
      assert.equal(anon.status, 401, p);
    }
  });

  test('a wilayah created through the API shows up with actor, request id and after', async () => {
    const rid = 'audit-test-create-7';
    const r = await api(srv, 'POST', `/api/v1/wilayah/${KELURAHAN}/children`, {
      session: admin,
      body: { nomor: 7, nama: 'RW Tujuh' },
      headers: { 'x-request-id': rid },
    });
    assert.equal(r.status, 201, r.text);
    const page = await list(`?entity=wilayah&entity_id=${KELURAHAN}.007`);
    assert.equal(page.items.length, 1, JSON.stringify(page.items));
    const e = page.items[0];
    assert.equal(e.action, 'wilayah.create');
    assert.equal(e.actor_username, 'admin');
    assert.equal(e.actor_role, 'admin');
    assert.equal(e.request_id, rid);
    assert.equal(e.client_address, '127.0.0.1');
    assert.equal(e.before_json, null);
    assert.equal(JSON.parse(e.after_json).nama, 'RW Tujuh');
  });

  test('a failed login is audited as anonymous, without the password', async () => {
    const wrong = 'salah sekali 12345';
    const r = await api(srv, 'POST', '/api/v1/auth/login', { body: { username: 'operator', password: wrong }, headers: { 'x-request-id': 'audit-bad-login' } });
    assert.equal(r.status, 401);
    const page = await list('?action=auth.login_failed');
    const e = page.items.find((x) => x.request_id === 'audit-bad-login');
    assert.ok(e, JSON.stringify(page.items));
    assert.equal(e.actor_username, 'operator');
    assert.equal(e.actor_role, 'anonymous');
    assert.equal(e.entity_id, 'operator');
    const csv = await api(srv, 'GET', '/api/v1/audit/export', { session: admin });
    assert.equal(csv.status, 200);
    for (const secret of [wrong, PASSWORD, admin.csrf, admin.cookie.split('=')[1], '$argon2'])
      assert.ok(!csv.text.includes(secret), `secret in the audit export: ${secret}`);
  });

  test('export: CSV of a filtered range with every column and the verification in headers', async () => {
    const r = await api(srv, 'GET', '/api/v1/audit/export?action=wilayah', { session: admin });
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type'), /^text\/csv/);
    assert.match(r.headers.get('content-disposition'), /attachment; filename="pilar-audit-\d{4}-\d\d-\d\d\.csv"/);
    assert.equal(r.headers.get('x-audit-verify'), 'ok');
    assert.match(r.headers.get('x-audit-head'), /^\d+:[0-9a-f]{64}$/);
    const lines = r.text.trim().split('\n');
    assert.equal(
      lines[0],
      'seq,at,actor_user_id,actor_username,actor_role,client_address,request_id,action,entity,entity_id,before_json,after_json,detail,prev_hash,hash,payload_hash,redacted_by',
    );
    assert.equal(Number(r.headers.get('x-audit-rows')), lines.length - 1);
    for (const l of lines.slice(1)) assert.match(l, /,wilayah\.[a-z_]+,wilayah,/);
    // The export itself is recorded.
    const page = await list('?action=audit.export');
    assert.ok(page.items.some((e) => e.detail === 'action=wilayah' && e.actor_username === 'admin'), JSON.stringify(page.items));
  });

  test('pilar audit list and export at the console', async () => {
    const l = await runPilar(['audit', 'list', '--data', data.dir, '--action', 'user', '--limit', '2']);
    assert.equal(l.code, 0, l.stderr);
    const rows = l.stdout.trim().split('\n');
    assert.equal(rows.length, 2, l.stdout);
    for (const row of rows) assert.match(row, /user\.create|user\.\w+/);
    assert.match(l.stderr, /--cursor \d+/, 'says how to get the older entries');

    const out = path.join(data.root, 'audit.csv');
    const x = await runPilar(['audit', 'export', '--data', data.dir, '--out', out, '--actor', 'admin']);
    assert.equal(x.code, 0, x.stderr);
    assert.match(x.stdout, /^ok: \d+ entries, head [0-9a-f]{64}$/m);
    const text = fs.readFileSync(out, 'utf8');
    assert.match(text, /^seq,at,actor_user_id,/);
    assert.equal(fs.statSync(out).mode & 0o777, 0o600, 'exports hold personal data: owner only');
    const body = text.trim().split('\n').slice(1);
    assert.ok(body.length >= 2);
    for (const line of body) assert.match(line, /^\d+,[^,]+,\d+,admin,admin,/);

    const bad = await runPilar(['audit', 'list', '--data', data.dir, '--from', 'kemarin']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /from/);
  });

  test('verify over HTTP and at the console: ok, then a removed tail shows against an anchor', async () => {
    const api1 = await api(srv, 'GET', '/api/v1/audit/verify', { session: admin });
    assert.equal(api1.status, 200, api1.text);
    assert.equal(api1.json.ok, true);
    assert.match(api1.json.head_hash, /^[0-9a-f]{64}$/);

    const v = await runPilar(['audit', 'verify', '--data', data.dir]);
    assert.equal(v.code, 0, v.stderr);
    const m = OK_LINE.exec(v.stdout);
    assert.ok(m, v.stdout);
    const [, count, head] = m;
    assert.equal(Number(count), api1.json.count);
    assert.equal(head, api1.json.head_hash);

    // Removing the newest entry leaves a valid, shorter chain; only the recorded head shows it.
    sqlite(data.dir, `DELETE FROM audit_log WHERE seq = ${count}`);
    const still = await runPilar(['audit', 'verify', '--data', data.dir]);
    assert.equal(still.code, 0, still.stderr);
    const anchored = await runPilar(['audit', 'verify', '--data', data.dir, '--anchor', `${count}:${head}`]);
    assert.equal(anchored.code, 1, anchored.stdout);
    assert.equal(anchored.stderr.trim().split('\n').length, 1, anchored.stderr);
    assert.match(anchored.stderr, new RegExp(`seq ${count}\\b`));
    const viaApi = await api(srv, 'GET', `/api/v1/audit/verify?anchor=${count}:${head}`, { session: admin });
    assert.equal(viaApi.json.ok, false);
    assert.equal(viaApi.json.problem, 'truncated');
  });

  test('an entry edited with sqlite3 makes pilar audit verify exit 1 naming seq 2', async () => {
    sqlite(data.dir, "UPDATE audit_log SET after_json='x' WHERE seq=2");
    const v = await runPilar(['audit', 'verify', '--data', data.dir]);
    assert.equal(v.code, 1, v.stdout);
    assert.equal(v.stdout, '');
    const lines = v.stderr.trim().split('\n');
    assert.equal(lines.length, 1, v.stderr);
    assert.match(lines[0], /^pilar: .*\bseq 2\b/);
    const en = await runPilar(['audit', 'verify', '--data', data.dir], { env: { LANG: 'en_US.UTF-8' } });
    assert.match(en.stderr, /seq 2: the entry does not match its hash \(edited\)/);

    const r = await api(srv, 'GET', '/api/v1/audit/verify', { session: admin });
    assert.equal(r.status, 200);
    assert.equal(r.json.ok, false);
    assert.equal(r.json.bad_seq, 2);
    assert.equal(r.json.problem, 'edited');
    const x = await api(srv, 'GET', '/api/v1/audit/export', { session: admin });
    assert.equal(x.status, 200, 'the export still works: the inspector wants it most now');
    assert.equal(x.headers.get('x-audit-verify'), 'failed seq 2 edited');
  });
});
