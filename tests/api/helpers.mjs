// Shared helpers for the HTTP-level scenario tests (node:test, no npm dependencies).
//
//   const data = await setupDataDir();                 // Kota Tangerang + RW 001 + one user per role
//   const srv = await startServer({ dataDir: data.dir });
//   after(async () => { await srv.stop(); data.remove(); });   // in that order: the server writes as it stops
//   const admin = await login(srv, 'admin');           // { cookie, csrf, body }
//   const r = await api(srv, 'POST', '/api/v1/wilayah/36.71.01.1001/children', { session: admin, body: { nomor: 2 } });
//
// Servers listen on 127.0.0.1 port 0 (a free port) and are always stopped: by the test's
// after-hook, and as a last resort by a process 'exit' handler that SIGKILLs any left over.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PILAR_BIN = process.env.PILAR_BIN || path.join(REPO, 'build/asan/apps/pilar/pilar');

// A password that passes the policy (>= 10 chars, not common, contains no username used here).
export const PASSWORD = 'kopi tubruk pagi 7';
export const KOTA = '36.71';
export const KECAMATAN = '36.71.01';
export const KELURAHAN = '36.71.01.1001';
export const RW1 = '36.71.01.1001.001';

// One user per role, with the scope each role needs.
export const ROLE_USERS = [
  { username: 'admin', role: 'admin', wilayah: KOTA },
  { username: 'operator', role: 'operator', wilayah: KOTA },
  { username: 'kepala', role: 'kepala', wilayah: KOTA },
  { username: 'tksk', role: 'tksk', wilayah: KECAMATAN },
  { username: 'psm', role: 'psm', wilayah: RW1 },
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export { sleep };

// Environment for child processes: Indonesian messages unless a test asks otherwise, and no
// inherited locale that could switch the CLI to English behind a test's back.
function childEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANG']) if (!(k in extra)) delete env[k];
  return env;
}

// Runs `pilar ARGS...` to completion. Resolves { code, signal, stdout, stderr }.
export function runPilar(args, { input, env, cwd = REPO, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(PILAR_BIN, args, { cwd, env: childEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`pilar ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => {}); // the command may exit before reading stdin
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

// Like runPilar, but a non-zero exit is an error naming the command and its stderr.
export async function pilarOk(args, opts) {
  const r = await runPilar(args, opts);
  if (r.code !== 0) throw new Error(`pilar ${args.join(' ')} exited ${r.code} (${r.signal ?? ''})\n${r.stderr}`);
  return r;
}

export function makeTempDir(prefix = 'pilar-api-') {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

// Passwords by username for login().
const passwords = new Map();
export const passwordOf = (username) => passwords.get(username) ?? PASSWORD;

function userAddArgs(u, dir) {
  return ['user', 'add', u.username, '--role', u.role, '--wilayah', u.wilayah, '--password-stdin', '--data', dir];
}

// A data dir with Kota Tangerang loaded, RW 36.71.01.1001.001 and the RWs of `rw` ([kelurahan,
// number] pairs, made before the users, whose scopes they may be) created, and the given users
// (default: one per role), all with PASSWORD; `env` for every command (e.g. a test switch).
// Returns { dir, root, users, remove() }.
export async function setupDataDir({ users = ROLE_USERS, extraUsers = [], rw = [], env } = {}) {
  const root = makeTempDir();
  const dir = path.join(root, 'data');
  const remove = () => fs.rmSync(root, { recursive: true, force: true });
  try {
    await pilarOk(['wilayah', 'load', KOTA, '--data', dir], { env });
    for (const [kelurahan, n] of [[KELURAHAN, '1'], ...rw]) await pilarOk(['wilayah', 'create', kelurahan, n, '--data', dir], { env });
    const all = [...users, ...extraUsers];
    // Sequential: each `user add` is one SQLite writer and one argon2id hash.
    for (const u of all) {
      const r = await runPilar(userAddArgs(u, dir), { input: `${PASSWORD}\n`, env });
      if (r.code !== 0) throw new Error(`pilar ${userAddArgs(u, dir).join(' ')} exited ${r.code}\n${r.stderr}`);
      passwords.set(u.username, PASSWORD);
    }
    return { dir, root, users: all, remove };
  } catch (e) {
    remove();
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Data directories as files

// `sqlite3 FILE SQL`'s output, trimmed; throws on failure.
export function sqlite(file, sql) {
  const r = spawnSync('sqlite3', [file, sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3 ${file} ${sql}: ${r.stderr}`);
  return r.stdout.trim();
}

// What a refused command must leave as it was: the data dir's file names and the database's bytes.
export const dataDirSnapshot = (dir) => ({
  names: fs.readdirSync(dir).sort(),
  db: fs.readFileSync(path.join(dir, 'pilar.db')).toString('base64'),
});

// Takes DIR/pilar.lock shared (or exclusive) with flock(1), as a pilar process does, and holds it
// until release(): flock runs `cat`, which ends when its stdin closes (also when this process dies).
export async function holdDataDirLock(dir, { exclusive = false } = {}) {
  const holder = spawn('flock', [exclusive ? '--exclusive' : '--shared', path.join(dir, 'pilar.lock'), '-c', 'echo locked; exec cat'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const gone = new Promise((resolve) => holder.on('exit', resolve));
  let said = '';
  holder.stdout.setEncoding('utf8').on('data', (d) => (said += d));
  const release = async () => {
    holder.stdin.end();
    await gone;
  };
  if (!(await waitFor(() => said.includes('locked'), { timeoutMs: 30_000 }))) {
    await release();
    throw new Error(`flock did not take ${dir}/pilar.lock`);
  }
  return { release };
}

// Starts `pilar ARGS...` with a test hook (PILAR_TEST_*_HOLD: seconds to stop at a known point)
// and waits until it says it is held there. Returns { child, stderr(), exited }; kill it when done.
export async function spawnHeld(args, hook, said) {
  const child = spawn(PILAR_BIN, args, { cwd: REPO, env: childEnv({ [hook]: '120' }), stdio: ['ignore', 'ignore', 'pipe'] });
  live.add(child);
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    }),
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  if (!(await waitFor(() => stderr.includes(said), { timeoutMs: 60_000 }))) {
    child.kill('SIGKILL');
    throw new Error(`pilar ${args.join(' ')} did not say "${said}"\n${stderr}`);
  }
  return { child, exited, stderr: () => stderr };
}

// ---------------------------------------------------------------------------------------------
// Servers

const live = new Set();
function killLeftovers() {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
}
process.on('exit', killLeftovers);
// The test runner cancels a file with a signal; take the servers down with it.
for (const sig of ['SIGTERM', 'SIGINT']) {
  process.once(sig, () => {
    killLeftovers();
    process.exit(128 + (sig === 'SIGINT' ? 2 : 15));
  });
}

// Starts `pilar serve` on a free port and waits for the "http://127.0.0.1:PORT" line on stderr.
// Returns a server handle: { port, base, pid, child, url(path), stderr(), exited, stop(), kill() }.
export async function startServer({ dataDir, command = 'serve', accessLog = 'off', args = [], timeoutMs = 60_000, env } = {}) {
  if (!dataDir) throw new Error('startServer needs dataDir');
  const child = spawn(
    PILAR_BIN,
    [command, '--data', dataDir, '--listen', '127.0.0.1:0', '--access-log', accessLog, ...args],
    { cwd: REPO, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  live.add(child);
  let stderr = '';
  let stdout = '';
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal, at: Date.now() });
    });
  });
  child.stdout.setEncoding('utf8').on('data', (d) => {
    if (stdout.length < 1 << 20) stdout += d;
  });
  let scheme = 'http';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`pilar ${command} did not print its URL within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.stderr.setEncoding('utf8').on('data', (d) => {
      stderr += d;
      const m = /(https?):\/\/127\.0\.0\.1:(\d+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        scheme = m[1];
        resolve(Number(m[2]));
      }
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`pilar ${command} exited (${code ?? signal}) before it was ready\n${stderr}`));
    });
  });
  const base = `${scheme}://127.0.0.1:${port}`;
  const server = {
    port,
    base,
    pid: child.pid,
    child,
    dataDir,
    exited,
    url: (p) => base + p,
    stderr: () => stderr,
    stdout: () => stdout,
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    // Graceful stop: SIGTERM, then wait (SIGKILL after `graceMs`). Resolves { code, signal, ms }.
    async stop(graceMs = 15_000) {
      if (!server.running) return exited;
      const t0 = Date.now();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const r = await exited;
      clearTimeout(timer);
      return { ...r, ms: r.at - t0 };
    },
    // kill -9: no chance to flush or close anything.
    async kill() {
      if (!server.running) return exited;
      process.kill(child.pid, 'SIGKILL');
      return exited;
    },
  };
  return server;
}

// ---------------------------------------------------------------------------------------------
// HTTP

// Sends one request; resolves { status, headers, text, json } (json is undefined when the body
// is not JSON). `session` adds the cookie and, for state-changing methods, X-CSRF-Token
// (csrf: false leaves the token out). A plain-object body is sent as JSON.
export async function api(server, method, p, { session, body, headers = {}, csrf = true, lang } = {}) {
  const h = { ...headers };
  if (session) {
    h.cookie = session.cookie;
    if (csrf && !['GET', 'HEAD', 'OPTIONS'].includes(method)) h['x-csrf-token'] = session.csrf;
  }
  if (lang) h['accept-language'] = lang;
  let payload = body;
  if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) {
    payload = JSON.stringify(body);
    h['content-type'] ??= 'application/json';
  }
  let res;
  let text;
  try {
    res = await fetch(server.url(p), { method, headers: h, body: payload, redirect: 'manual' });
    text = await res.text();
  } catch (e) {
    throw await explainFailure(server, `${method} ${p}`, e);
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

// A request that failed at the socket level: say whether the server died, and why.
async function explainFailure(server, what, e) {
  await sleep(200); // let the exit and the last stderr lines arrive
  if (server.running) return e;
  const err = server.stderr();
  const i = err.search(/ERROR: AddressSanitizer|runtime error|terminate called|Segmentation/);
  const why = i >= 0 ? err.slice(i, i + 1500) : err.slice(-1500);
  return new Error(`${what}: the server process died (exit ${server.child.exitCode ?? server.child.signalCode})\n${why}`, { cause: e });
}

// Logs in; resolves { cookie: 'pilar_session=...', csrf, body, setCookie }.
export async function login(server, username, password = passwordOf(username)) {
  const r = await api(server, 'POST', '/api/v1/auth/login', { body: { username, password } });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
  const setCookie = r.headers.get('set-cookie') ?? '';
  const m = /pilar_session=([^;]*)/.exec(setCookie);
  if (!m || !m[1]) throw new Error(`login ${username}: no pilar_session cookie in ${setCookie}`);
  return { cookie: `pilar_session=${m[1]}`, csrf: r.json.csrf_token, body: r.json, setCookie };
}

// Opens a raw TCP connection, writes `chunks` (a string/Buffer, or an array of them with
// optional { delay: ms } entries between) and collects what the server sends until it closes
// the connection or `timeoutMs` passes. Resolves { text, closed, status, error }.
export function rawRequest(port, chunks, { timeoutMs = 10_000, waitForClose = true } = {}) {
  const parts = Array.isArray(chunks) ? chunks : [chunks];
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    const received = [];
    let done = false;
    let error;
    const finish = (closed) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const text = Buffer.concat(received).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ text, closed, status: m ? Number(m[1]) : undefined, error });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    sock.on('data', (d) => {
      received.push(d);
      if (!waitForClose && completeResponse(Buffer.concat(received).toString('latin1'))) finish(false);
    });
    sock.on('end', () => finish(true));
    sock.on('close', () => finish(true));
    sock.on('error', (e) => {
      error = e; // ECONNRESET after the server answered and closed: keep what arrived
    });
    sock.on('connect', async () => {
      for (const part of parts) {
        if (done || sock.destroyed) return;
        if (part && typeof part === 'object' && 'delay' in part) await sleep(part.delay);
        else sock.write(part);
      }
    });
  });
}

function completeResponse(text) {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const m = /\r\ncontent-length:\s*(\d+)/i.exec(text.slice(0, end));
  return text.length >= end + 4 + (m ? Number(m[1]) : 0);
}

// Splits a raw HTTP response into { status, headers (lower-case keys), body }.
export function parseRawResponse(text) {
  const end = text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end);
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '');
  return { status: m ? Number(m[1]) : undefined, headers, body: end < 0 ? '' : text.slice(end + 4) };
}

// Polls `fn` until it returns a truthy value or `timeoutMs` passes; returns the last value.
export async function waitFor(fn, { timeoutMs = 5_000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let v;
  for (;;) {
    v = await fn();
    if (v || Date.now() > deadline) return v;
    await sleep(intervalMs);
  }
}

// A pilar sosial record (PSM by default) made active through the API as the office would:
// record, basic training recorded by hand (unless `pelatihan` is false: then it must come from
// event attendance), SK, assignment, status aktif. Throws with the server's answer on any step.
export async function activePilar(server, session, { jenis = 'psm', nama, username, wilayah, kode_wilayah = KELURAHAN, ktp = KELURAHAN, pelatihan = true }) {
  const post = async (p, body, want) => {
    const r = await api(server, 'POST', p, { session, body });
    if (r.status !== want) throw new Error(`POST ${p}: ${r.status} ${r.text}`);
    return r.json;
  };
  let rec = await post('/api/v1/pilar-sosial', {
    jenis, nama, username, kode_wilayah, tanggal_lahir: '1988-04-12', kode_ktp: ktp, telepon: '081234567890', jenis_kelamin: 'P',
  }, 201);
  const id = rec.id;
  if (pelatihan) rec = await post(`/api/v1/pilar-sosial/${id}/pelatihan-dasar`, { tanggal: '2025-02-10' }, 200);
  await post(`/api/v1/pilar-sosial/${id}/sk`, {
    nomor: `400.9/${nama}`, tanggal: '2025-12-20', ditandatangani: 'Kepala Dinas Sosial', mulai: '2026-01-01', selesai: '2027-12-31',
  }, 201);
  rec = await post(`/api/v1/pilar-sosial/${id}/penugasan`, { wilayah, mulai: '2026-01-02', version: rec.version }, 200);
  rec = await post(`/api/v1/pilar-sosial/${id}/status`, { status: 'aktif', version: rec.version }, 200);
  if (rec.status !== 'aktif') throw new Error(`pilar ${id} is ${rec.status}`);
  return rec;
}
