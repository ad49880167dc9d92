// Optional TLS on the listener (`pilar serve --tls-cert FILE --tls-key FILE`): HTTPS with a
// Secure session cookie and HSTS, TLS 1.2+ only, a plain-HTTP client or a bad handshake does not
// disturb the server, and a bad certificate or key stops the start with an error naming it.
// The certificate in tests/fixtures/tls is a self-signed test fixture for 127.0.0.1/localhost.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { REPO, passwordOf, runPilar, setupDataDir, startServer } from './helpers.mjs';

const FIXTURES = path.join(REPO, 'tests/fixtures/tls');
const CERT = path.join(FIXTURES, 'cert.pem');
const KEY = path.join(FIXTURES, 'key.pem');
const OTHER_KEY = path.join(FIXTURES, 'other-key.pem');
const CA = fs.readFileSync(CERT);

// One HTTPS request trusting only the fixture certificate. Resolves { status, headers, text, json, protocol }.
function request(port, method, p, { headers = {}, body, agent } = {}) {
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: '127.0.0.1', port, method, path: p, headers, ca: CA, servername: 'localhost', agent },
      (res) => {
        const protocol = res.socket?.getProtocol?.();
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          let json;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, headers: res.headers, text, json, protocol });
        });
      },
    );
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${p}: timed out`)));
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

describe('TLS on the listener', () => {
  let data;
  let srv;
  before(async () => {
    data = await setupDataDir();
    srv = await startServer({ dataDir: data.dir, args: ['--tls-cert', CERT, '--tls-key', KEY] });
  });
  // The server first: removing its data dir while it stops races its last writes (ENOTEMPTY).
  after(async () => {
    await srv?.stop();
    data?.remove();
  });

  test('the server announces an https URL and answers over TLS 1.2 or newer', async () => {
    assert.match(srv.stderr(), /https:\/\/127\.0\.0\.1:\d+/);
    const r = await request(srv.port, 'GET', '/healthz');
    assert.equal(r.status, 200);
    assert.ok(['TLSv1.2', 'TLSv1.3'].includes(r.protocol), `negotiated ${r.protocol}`);
    assert.match(r.headers['strict-transport-security'] ?? '', /max-age=\d+/);
  });

  test('login over HTTPS sets a Secure, HttpOnly session cookie that works on a kept-alive connection', async () => {
    const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const body = JSON.stringify({ username: 'operator', password: passwordOf('operator') });
      const r = await request(srv.port, 'POST', '/api/v1/auth/login', {
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        body,
        agent,
      });
      assert.equal(r.status, 200, r.text);
      const cookie = [].concat(r.headers['set-cookie'] ?? []).find((c) => c.startsWith('pilar_session='));
      assert.ok(cookie, 'a session cookie');
      assert.match(cookie, /;\s*Secure/i);
      assert.match(cookie, /;\s*HttpOnly/i);
      const session = cookie.split(';')[0];
      for (let i = 0; i < 3; i++) {
        const me = await request(srv.port, 'GET', '/api/v1/auth/me', { headers: { cookie: session }, agent });
        assert.equal(me.status, 200, me.text);
        assert.equal(me.json.user?.username ?? me.json.username, 'operator');
      }
      // A response larger than one TLS record and the fast-path limit still arrives whole.
      const spec = await request(srv.port, 'GET', '/api/openapi.json', { agent });
      assert.equal(spec.status, 200);
      assert.ok(spec.text.length > 16384, `openapi.json is ${spec.text.length} bytes`);
      assert.equal(typeof spec.json.paths, 'object');
    } finally {
      agent.destroy();
    }
  });

  test('a plain-HTTP client and a TLS 1.1 client are turned away; the server keeps serving', async () => {
    const plain = await new Promise((resolve) => {
      const s = net.connect(srv.port, '127.0.0.1', () => s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'));
      let got = '';
      s.on('data', (d) => (got += d.toString('latin1')));
      s.on('close', () => resolve(got));
      s.on('error', () => resolve(got));
      s.setTimeout(10_000, () => s.destroy());
    });
    assert.doesNotMatch(plain, /HTTP\/1\.1 200/, 'no plain-HTTP answer on the TLS port');

    const old = await new Promise((resolve) => {
      const s = tls.connect({
        host: '127.0.0.1',
        port: srv.port,
        ca: CA,
        servername: 'localhost',
        minVersion: 'TLSv1',
        maxVersion: 'TLSv1.1',
        ciphers: 'DEFAULT@SECLEVEL=0',
      });
      s.on('secureConnect', () => {
        s.destroy();
        resolve('connected');
      });
      s.on('error', (e) => resolve(e.code ?? e.message));
      s.setTimeout(10_000, () => s.destroy(new Error('timeout')));
    });
    assert.notEqual(old, 'connected', 'TLS 1.1 must be refused');

    const r = await request(srv.port, 'GET', '/metrics');
    assert.equal(r.status, 200);
    const m = /pilar_http_tls_handshake_failures_total (\d+)/.exec(r.text);
    assert.ok(m && Number(m[1]) >= 2, `handshake failures counted: ${m?.[1]}`);
    assert.equal((await request(srv.port, 'GET', '/healthz')).status, 200);
  });
});

describe('TLS configuration errors stop the start and name what is wrong', () => {
  let data;
  before(async () => {
    data = await setupDataDir({ users: [] });
  });
  after(() => data?.remove());

  const serve = (args) =>
    runPilar(['serve', '--data', data.dir, '--listen', '127.0.0.1:0', '--access-log', 'off', ...args], { timeoutMs: 60_000 });

  test('a key that does not belong to the certificate', async () => {
    const r = await serve(['--tls-cert', CERT, '--tls-key', OTHER_KEY]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--tls-key/);
    assert.match(r.stderr, /other-key\.pem/);
  });

  test('a certificate file that does not exist', async () => {
    const missing = path.join(FIXTURES, 'no-such-cert.pem');
    const r = await serve(['--tls-cert', missing, '--tls-key', KEY]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /no-such-cert\.pem/);
  });

  test('a certificate without a key', async () => {
    const r = await serve(['--tls-cert', CERT]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--tls-cert dan --tls-key harus diberikan bersama/);
  });
});
