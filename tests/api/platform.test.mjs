// Platform behaviour every client relies on: health, metrics, OpenAPI, error shapes, request
// limits (413, 431, 408), languages, security headers, the access log and graceful shutdown.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { KELURAHAN, RW1, api, login, parseRawResponse, rawRequest, runPilar, setupDataDir, sleep, startServer, waitFor } from './helpers.mjs';

const BODY_LIMIT = 4096;
const READ_TIMEOUT_MS = 500;

describe('platform', () => {
  let data;
  let srv;
  let admin;
  let accessLog;

  before(async () => {
    data = await setupDataDir({ users: [{ username: 'admin', role: 'admin', wilayah: '36.71' }] });
    accessLog = path.join(data.root, 'access.log');
    srv = await startServer({
      dataDir: data.dir,
      accessLog,
      args: ['--body-limit', String(BODY_LIMIT), '--read-timeout-ms', String(READ_TIMEOUT_MS)],
    });
    admin = await login(srv, 'admin');
  });

  after(async () => {
    if (srv) await srv.stop();
    if (data) data.remove();
  });

  const childrenOf = async (kode) => {
    const r = await api(srv, 'GET', `/api/v1/wilayah/${kode}/children`, { session: admin });
    assert.equal(r.status, 200, r.text);
    return r.json.items.map((w) => w.kode);
  };

  test('GET /healthz answers 200 {"status":"ok"} without a session', async () => {
    const r = await api(srv, 'GET', '/healthz');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /application\/json/);
    assert.equal(r.json.status, 'ok');
  });

  test('GET /metrics is Prometheus text with pilar_http_requests_total', async () => {
    await api(srv, 'GET', '/healthz');
    const r = await api(srv, 'GET', '/metrics');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/plain/);
    assert.match(r.text, /^# TYPE pilar_http_requests_total counter$/m);
    assert.match(r.text, /^pilar_http_requests_total\{method="GET",route="\/healthz",status="200"\} [1-9]\d*$/m);
  });

  test('GET /api/openapi.json is OpenAPI 3.1 and every path is a string starting with "/"', async () => {
    // Its own server: the document is built on first request, and a crash there must not take
    // the other scenarios down with it.
    const own = await startServer({ dataDir: data.dir });
    let r;
    try {
      r = await api(own, 'GET', '/api/openapi.json');
      const again = await api(own, 'GET', '/api/openapi.json');
      assert.equal(again.text, r.text, 'the document is stable');
    } finally {
      await own.stop();
    }
    assert.equal(r.status, 200);
    assert.ok(r.json, 'body is JSON');
    assert.match(String(r.json.openapi), /^3\.1(\.\d+)?$/);
    const paths = Object.keys(r.json.paths ?? {});
    assert.ok(paths.length > 10, `only ${paths.length} paths`);
    for (const p of paths) {
      assert.equal(typeof p, 'string');
      assert.ok(p.startsWith('/'), `path ${JSON.stringify(p)} does not start with "/"`);
    }
    for (const p of ['/healthz', '/api/v1/auth/login', '/api/v1/wilayah/{kode}', '/api/v1/wilayah/{kode}/children'])
      assert.ok(paths.includes(p), `${p} missing from openapi.json`);
  });

  test('unknown API route answers 404 with a JSON error', async () => {
    const r = await api(srv, 'GET', '/api/v1/tidak-ada');
    assert.equal(r.status, 404);
    assert.match(r.headers.get('content-type'), /application\/json/);
    assert.equal(r.json.error.code, 'not_found');
    assert.equal(typeof r.json.error.message, 'string');
    assert.ok(r.json.error.message.length > 0);
  });

  test('a known route with the wrong method answers 405 with a JSON error', async () => {
    const r = await api(srv, 'DELETE', '/healthz');
    assert.equal(r.status, 405);
    assert.ok(r.json?.error?.message, r.text);
    const put = await api(srv, 'PUT', '/api/v1/wilayah/36.71', { session: admin, body: { nama: 'x' } });
    assert.equal(put.status, 405);
    assert.ok(put.json?.error?.code, put.text);
    // and nothing was renamed
    const k = await api(srv, 'GET', '/api/v1/wilayah/36.71', { session: admin });
    assert.equal(k.json.nama.toUpperCase(), 'KOTA TANGERANG');
  });

  test('malformed JSON on login answers 400 naming the line', async () => {
    const body = '{\n  "username": "admin",\n  "password": \n}';
    const r = await api(srv, 'POST', '/api/v1/auth/login', { body, headers: { 'content-type': 'application/json' } });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.code, 'invalid_argument');
    assert.match(r.json.error.message, /baris 4\b/);
    assert.equal(r.headers.get('set-cookie'), null, 'no session for a malformed login');
    const en = await api(srv, 'POST', '/api/v1/auth/login', {
      body,
      lang: 'en',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(en.status, 400);
    assert.match(en.json.error.message, /line 4\b/);
  });

  test('a body over --body-limit answers 413 and creates nothing', async () => {
    const before = await childrenOf(KELURAHAN);
    const body = JSON.stringify({ nomor: 2, nama: 'RW Besar', catatan: 'x'.repeat(BODY_LIMIT * 2) });
    const r = await api(srv, 'POST', `/api/v1/wilayah/${KELURAHAN}/children`, { session: admin, body, headers: { 'content-type': 'application/json' } });
    assert.equal(r.status, 413);
    assert.ok(r.json?.error?.code, r.text);
    assert.match(r.json.error.message, new RegExp(String(BODY_LIMIT)));
    const g = await api(srv, 'GET', `/api/v1/wilayah/${KELURAHAN}.002`, { session: admin });
    assert.equal(g.status, 404, 'RW 002 must not exist');
    assert.deepEqual(await childrenOf(KELURAHAN), before);
    // a body under the limit still works on a new connection
    const ok = await api(srv, 'GET', '/healthz');
    assert.equal(ok.status, 200);
  });

  test('a header block over the limit answers 431', async () => {
    const big = 'a'.repeat(20 * 1024);
    const r = await rawRequest(srv.port, `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${big}\r\n\r\n`);
    assert.equal(r.status, 431, r.text.slice(0, 300));
    const parsed = parseRawResponse(r.text);
    assert.ok(JSON.parse(parsed.body).error, parsed.body);
    const ok = await api(srv, 'GET', '/healthz');
    assert.equal(ok.status, 200);
  });

  test('a client that stops mid-headers gets 408, the connection closes, the server keeps serving', async () => {
    const t0 = Date.now();
    const r = await rawRequest(srv.port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ', { timeoutMs: 10_000 });
    assert.equal(r.closed, true, 'server must close the slow connection');
    assert.equal(r.status, 408, `got: ${JSON.stringify(r.text.slice(0, 300))}`);
    assert.ok(Date.now() - t0 >= READ_TIMEOUT_MS - 50, 'closed before the read timeout');
    const parsed = parseRawResponse(r.text);
    assert.ok(JSON.parse(parsed.body).error);
    const ok = await api(srv, 'GET', '/healthz');
    assert.equal(ok.status, 200);
  });

  test('a malformed wilayah code answers 400, an unknown one 404', async () => {
    const bad = await api(srv, 'GET', '/api/v1/wilayah/36.7x', { session: admin });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'invalid_argument');
    assert.match(bad.json.error.message, /36\.7x/);
    const unknown = await api(srv, 'GET', '/api/v1/wilayah/36.71.99', { session: admin });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error.code, 'not_found');
    assert.match(unknown.json.error.message, /36\.71\.99/);
  });

  test('Accept-Language: en gives English messages, the default is Indonesian', async () => {
    const id = await api(srv, 'GET', '/api/v1/wilayah/36.71.99', { session: admin });
    const idExplicit = await api(srv, 'GET', '/api/v1/wilayah/36.71.99', { session: admin, lang: 'id-ID,id;q=0.9' });
    const en = await api(srv, 'GET', '/api/v1/wilayah/36.71.99', { session: admin, lang: 'en-US,en;q=0.9' });
    assert.equal(en.status, 404);
    assert.notEqual(en.json.error.message, id.json.error.message);
    assert.equal(idExplicit.json.error.message, id.json.error.message);
    assert.match(id.json.error.message, /tidak ditemukan/);
    assert.match(en.json.error.message, /not found/);
    assert.equal(en.json.error.code, id.json.error.code);
    const unauth = await api(srv, 'GET', '/api/v1/wilayah/36.71', { lang: 'en' });
    assert.equal(unauth.status, 401);
    assert.match(unauth.json.error.message, /log in/i);
  });

  test('security headers on every response; API responses are never cached', async () => {
    const responses = {
      healthz: await api(srv, 'GET', '/healthz'),
      wilayah: await api(srv, 'GET', '/api/v1/wilayah/36.71', { session: admin }),
      error404: await api(srv, 'GET', '/api/v1/tidak-ada'),
      error401: await api(srv, 'GET', '/api/v1/wilayah/36.71'),
    };
    for (const [name, r] of Object.entries(responses)) {
      const csp = r.headers.get('content-security-policy') ?? '';
      assert.match(csp, /frame-ancestors 'none'/, `${name}: CSP ${csp}`);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff', name);
      assert.ok(r.headers.get('referrer-policy'), `${name}: Referrer-Policy missing`);
    }
    for (const name of ['wilayah', 'error404', 'error401'])
      assert.match(responses[name].headers.get('cache-control') ?? '', /no-store/, `${name}: Cache-Control`);
  });

  test('access log: one JSON object per request, NIK-like digit runs masked, no secrets', async () => {
    const nikLike = '3671011234560001';
    const rids = ['t-log-a', 't-log-b', 't-log-c'];
    const r1 = await api(srv, 'GET', `/api/v1/wilayah/${nikLike}`, { session: admin, headers: { 'x-request-id': rids[0] } });
    assert.ok([400, 404].includes(r1.status), r1.text);
    await api(srv, 'GET', '/healthz', { headers: { 'x-request-id': rids[1] } });
    await api(srv, 'GET', `/api/v1/wilayah?q=${nikLike}`, { session: admin, headers: { 'x-request-id': rids[2] } });

    const readLines = () => {
      const text = fs.existsSync(accessLog) ? fs.readFileSync(accessLog, 'utf8') : '';
      return text.split('\n').filter((l) => l.length > 0);
    };
    const lines = await waitFor(() => {
      const ls = readLines();
      return rids.every((rid) => ls.some((l) => l.includes(`"${rid}"`))) && ls;
    });
    assert.ok(lines, `access log ${accessLog} never got the test requests:\n${readLines().slice(-5).join('\n')}`);
    const entries = lines.map((l, i) => {
      try {
        return JSON.parse(l);
      } catch {
        assert.fail(`access log line ${i + 1} is not one JSON object: ${l}`);
      }
    });
    for (const e of entries) {
      assert.equal(typeof e.method, 'string');
      assert.equal(typeof e.path, 'string');
      assert.equal(typeof e.status, 'number');
    }
    const whole = lines.join('\n');
    assert.doesNotMatch(whole, /\d{16}/, 'a 16-digit run (NIK / No. KK) is in the access log');
    assert.ok(!whole.includes(admin.cookie.split('=')[1]), 'session token in the access log');
    assert.ok(!whole.includes(admin.csrf), 'CSRF token in the access log');
    for (const rid of rids) assert.equal(entries.filter((e) => e.rid === rid).length, 1, `one line for ${rid}`);
    const nikLine = entries.find((e) => e.rid === rids[0]);
    assert.equal(nikLine.method, 'GET');
    assert.equal(nikLine.status, r1.status);
    assert.match(nikLine.path, /^\/api\/v1\/wilayah\/3671\*+0001$/);
    assert.equal(nikLine.user, 'admin');
    const health = entries.find((e) => e.rid === rids[1]);
    assert.deepEqual([health.method, health.path, health.status], ['GET', '/healthz', 200]);
  });

  test('over --max-connections a new connection gets 503 with Retry-After; freed slots are reused', async () => {
    const own = await startServer({ dataDir: data.dir, args: ['--max-connections', '2'] });
    const held = [];
    try {
      // Two keep-alive connections, each proven open by one answered request.
      for (let i = 0; i < 2; i++) {
        const sock = net.connect({ host: '127.0.0.1', port: own.port });
        sock.on('error', () => {});
        held.push(sock);
        await new Promise((r) => sock.once('connect', r));
        const answered = new Promise((r) => sock.once('data', (d) => r(d.toString('latin1'))));
        sock.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
        assert.match(await answered, /^HTTP\/1\.1 200/);
      }
      const r = await rawRequest(own.port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', { timeoutMs: 5000 });
      assert.equal(r.status, 503, r.text.slice(0, 300));
      const parsed = parseRawResponse(r.text);
      assert.ok(parsed.headers['retry-after'], 'Retry-After on 503');
      assert.equal(JSON.parse(parsed.body).error.code, 'unavailable');
      for (const sock of held) sock.destroy();
      held.length = 0;
      const ok = await waitFor(async () => (await rawRequest(own.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).status === 200);
      assert.ok(ok, 'the server accepts again after connections close');
    } finally {
      for (const sock of held) sock.destroy();
      await own.stop();
    }
  });

  test('a second server on a port in use is refused, and the first keeps all the traffic', async () => {
    // Each I/O thread listens with SO_REUSEPORT; without the check a forgotten old server and a
    // new one would silently share the connections.
    const r = await runPilar(['serve', '--data', data.dir, '--listen', `127.0.0.1:${srv.port}`, '--access-log', 'off'], { timeoutMs: 30_000 });
    assert.notEqual(r.code, 0, `the second server started:\n${r.stderr}`);
    assert.match(r.stderr, new RegExp(`127\\.0\\.0\\.1:${srv.port}`));
    assert.match(r.stderr, /in use|digunakan/i);
    const h = await fetch(srv.url('/healthz'));
    assert.equal(h.status, 200);
  });

  test('SIGTERM stops the server gracefully: exit 0 within 5 s', async () => {
    // one more write just before stopping, to be sure it is not lost by a graceful stop
    const created = await api(srv, 'POST', `/api/v1/wilayah/${KELURAHAN}/children`, { session: admin, body: { nomor: 3 } });
    assert.equal(created.status, 201, created.text);
    const r = await srv.stop(10_000);
    assert.equal(r.signal, null, `killed by ${r.signal}\n${srv.stderr().slice(-2000)}`);
    assert.equal(r.code, 0, `exit ${r.code}\n${srv.stderr().slice(-2000)}`);
    assert.ok(r.ms < 5000, `took ${r.ms} ms`);
    // the port is closed
    await assert.rejects(fetch(srv.url('/healthz')));
    // and the data is still there on the next start
    const again = await startServer({ dataDir: data.dir });
    try {
      const s = await login(again, 'admin');
      const g = await api(again, 'GET', `/api/v1/wilayah/${KELURAHAN}.003`, { session: s });
      assert.equal(g.status, 200);
      const rw1 = await api(again, 'GET', `/api/v1/wilayah/${RW1}`, { session: s });
      assert.equal(rw1.status, 200);
    } finally {
      await again.stop();
    }
    await sleep(0);
  });
});
