// API tokens for machine clients: `pilar token create` prints a bearer token once; it acts as
// its user (role and scope), needs no CSRF token, and stops working when revoked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { KELURAHAN, api, pilarOk, runPilar, setupDataDir, startServer } from './helpers.mjs';

let data;
let srv;
before(async () => {
  data = await setupDataDir();
  srv = await startServer({ dataDir: data.dir });
});
after(async () => {
  await srv?.stop();
  data?.remove();
});

const bearer = (t) => ({ authorization: `Bearer ${t}` });

test('a token acts as its user without CSRF, and revocation is immediate', async () => {
  const made = await pilarOk(['token', 'create', '--user', 'admin', '--ttl', '1d', '--label', 'sync', '--data', data.dir]);
  const token = made.stdout.trim();
  assert.match(token, /^pilar_[A-Za-z0-9_-]{43}$/);
  assert.match(made.stderr, /simpan sekarang/);

  const me = await api(srv, 'GET', '/api/v1/auth/me', { headers: bearer(token) });
  assert.equal(me.status, 200);
  assert.equal(me.json.username, 'admin');

  const created = await api(srv, 'POST', `/api/v1/wilayah/${KELURAHAN}/children`, { headers: bearer(token), body: { nomor: 42 } });
  assert.equal(created.status, 201, created.text);

  const listed = await pilarOk(['token', 'list', '--data', data.dir]);
  const id = listed.stdout.trim().split(/\s+/)[0];
  await pilarOk(['token', 'revoke', id, '--data', data.dir]);
  // The CLI revoked it in the database; the server's cache holds a credential at most 10 s.
  let status = 200;
  for (let i = 0; i < 30 && status === 200; i++) {
    status = (await api(srv, 'GET', '/api/v1/auth/me', { headers: bearer(token) })).status;
    if (status === 200) await new Promise((r) => setTimeout(r, 500));
  }
  assert.equal(status, 401);
});

test('a token for a role is limited by that role', async () => {
  const made = await pilarOk(['token', 'create', '--user', 'psm', '--ttl', '2h', '--data', data.dir]);
  const token = made.stdout.trim();
  const r = await api(srv, 'POST', `/api/v1/wilayah/${KELURAHAN}/children`, { headers: bearer(token), body: { nomor: 43 } });
  assert.equal(r.status, 403);
  const children = await api(srv, 'GET', `/api/v1/wilayah/${KELURAHAN}/children`, { headers: bearer(token) });
  assert.equal(children.status, 200);
  assert.ok(!children.json.items.some((w) => w.kode.endsWith('.043')), 'nothing was created');
});

test('bad tokens and bad durations are refused clearly', async () => {
  assert.equal((await api(srv, 'GET', '/api/v1/auth/me', { headers: bearer('pilar_nope') })).status, 401);
  assert.equal((await api(srv, 'GET', '/api/v1/auth/me', { headers: { authorization: 'Basic abc' } })).status, 401);
  const r = await runPilar(['token', 'create', '--user', 'admin', '--ttl', '5y', '--data', data.dir]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--ttl/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});
