// The authorization matrix, end to end: every operation in /api/openapi.json, called by every
// role (and by nobody), gets the answer the access table (`pilar access matrix`) promises —
// 401 without a session, 403 for a role the table does not list, and for a listed role
// anything but 401/403. A route added without a table row fails here too: the server answers
// it with 403 for everyone, which contradicts the OpenAPI document's promise of access.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { ROLE_USERS, RW1, api, login, pilarOk, setupDataDir, startServer } from './helpers.mjs';

let data;
let srv;
const sessions = {};

before(async () => {
  data = await setupDataDir();
  srv = await startServer({ dataDir: data.dir });
  for (const u of ROLE_USERS) sessions[u.role] = await login(srv, u.username);
});
after(async () => {
  await srv?.stop();
  data?.remove();
});

// Placeholder values for path parameters: inside every role's scope where scope applies, and a
// username that does not exist, so that no call disables or resets a real account; record ids
// that do not exist, so allowed roles get 404 (past the gate) and nothing is changed.
const PARAMS = { kode: RW1, username: 'nobody-here', id: '999999', jenis: 'keluarga' };

async function matrixRows() {
  const r = await pilarOk(['access', 'matrix']);
  const rows = new Map();
  for (const line of r.stdout.trim().split('\n')) {
    const [method, pattern, roles] = line.trim().split(/\s+/);
    rows.set(`${method} ${pattern}`, roles.startsWith('(') ? 'public' : new Set(roles.split(',')));
  }
  return rows;
}

// Requests that would change state are sent with an empty JSON object: validation answers
// 400 before anything is written, which is all this test needs (it is about who gets past the
// gate, not what the handler does).
async function call(method, pattern, session) {
  // A record number where the pattern names one ({id}, {..._id}); another value would name no record (404 before the session is looked at).
  const p = pattern.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(PARAMS[name] ?? (/^id$|_id$/.test(name) ? '999999' : 'x')));
  const body = method === 'GET' ? undefined : {};
  return api(srv, method, p, { session, body });
}

test('every operation answers per the access table for every role', async () => {
  const rows = await matrixRows();
  const doc = (await api(srv, 'GET', '/api/openapi.json')).json;
  let checked = 0;
  for (const [pattern, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) {
      const key = `${method.toUpperCase()} ${pattern}`;
      assert.ok(rows.has(key), `${key} is in the API but not in the access table`);
      const allowed = rows.get(key);
      if (allowed === 'public') continue;
      // Logging out would end the session the rest of the loop needs.
      if (pattern === '/api/v1/auth/logout') continue;
      const anonymous = await call(method.toUpperCase(), pattern, undefined);
      assert.equal(anonymous.status, 401, `${key} without a session`);
      for (const u of ROLE_USERS) {
        const r = await call(method.toUpperCase(), pattern, sessions[u.role]);
        if (allowed.has(u.role)) {
          assert.ok(r.status !== 401 && r.status !== 403, `${key} as ${u.role}: expected access, got ${r.status} ${r.text}`);
        } else {
          assert.equal(r.status, 403, `${key} as ${u.role}: expected 403, got ${r.status}`);
          assert.equal(r.json?.error?.code, 'permission_denied');
        }
        checked++;
      }
    }
  }
  assert.ok(checked > 50, `only ${checked} checks ran`);
});

test('CSRF: a state-changing request with a session cookie but no token is refused for every role', async () => {
  for (const u of ROLE_USERS) {
    const r = await api(srv, 'POST', '/api/v1/auth/password', {
      session: sessions[u.role],
      body: { current_password: 'x', new_password: 'y' },
      csrf: false,
    });
    assert.equal(r.status, 403, `${u.role} without X-CSRF-Token`);
  }
});
