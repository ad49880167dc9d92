// Helpers for the browser end-to-end tests (node:test + playwright-core + axe-core).
//
// playwright-core and axe-core are devDependencies of web/package.json (one lockfile, installed
// by scripts/bootstrap's `npm ci` in web/); they are resolved from there. Chromium is Debian's
// /usr/bin/chromium (`npx playwright install` cannot download browsers here).
//
// The server is the real binary: $PILAR_BIN, else build/release/apps/pilar/pilar, serving the
// built app from web/dist (run `cd web && npm run build` first; `make e2e` does).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PILAR_BIN = process.env.PILAR_BIN || path.join(REPO, 'build/release/apps/pilar/pilar');
export const DIST = path.join(REPO, 'web', 'dist');
export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

const webRequire = createRequire(path.join(REPO, 'web', 'package.json'));
const { chromium } = webRequire('playwright-core');
const AXE_PATH = webRequire.resolve('axe-core/axe.min.js');

export const PASSWORD = 'kopi tubruk pagi 7';
export const KOTA = '36.71';
export const KECAMATAN = '36.71.01';
export const KELURAHAN = '36.71.01.1001';
export const RW1 = '36.71.01.1001.001';

export function checkPrerequisites() {
  const missing = [];
  if (!fs.existsSync(PILAR_BIN)) missing.push(`pilar binary ${PILAR_BIN} (build it, or set PILAR_BIN)`);
  if (!fs.existsSync(path.join(DIST, 'index.html'))) missing.push(`${DIST}/index.html (run: cd web && npm run build)`);
  if (!fs.existsSync(CHROMIUM)) missing.push(`${CHROMIUM} (apt-get install chromium; scripts/bootstrap does)`);
  if (missing.length) throw new Error(`e2e prerequisites missing:\n  ${missing.join('\n  ')}`);
}

// ---------------------------------------------------------------------------------------------
// pilar processes (a lean copy of tests/api/helpers.mjs, which other work may change)

function childEnv() {
  const env = { ...process.env };
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANG']) delete env[k];
  return env;
}

export function runPilar(args, { input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(PILAR_BIN, args, { cwd: REPO, env: childEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`pilar ${args.join(' ')} exited ${code}\n${stderr}`));
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

/** A data dir with Kota Tangerang, RW 001 of kelurahan 36.71.01.1001 and the given users. */
export async function setupDataDir(users) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pilar-e2e-'));
  const dir = path.join(root, 'data');
  await runPilar(['wilayah', 'load', KOTA, '--data', dir]);
  await runPilar(['wilayah', 'create', KELURAHAN, '1', '--data', dir]);
  for (const u of users) {
    await runPilar(['user', 'add', u.username, '--role', u.role, '--wilayah', u.wilayah, '--password-stdin', '--data', dir], {
      input: `${u.password ?? PASSWORD}\n`,
    });
  }
  return { dir, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

// Servers never outlive the test process: killed on exit and when the runner cancels the file.
const live = new Set();
const killAll = () => {
  for (const c of live) c.kill('SIGKILL');
};
process.on('exit', killAll);
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.once(sig, () => {
    killAll();
    process.exit(128 + { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[sig]);
  });
}

/** `pilar serve` on a free port with web/dist (and `args`); resolves when it prints its URL. */
export async function startServer(dataDir, { args = [] } = {}) {
  const child = spawn(
    PILAR_BIN,
    ['serve', '--data', dataDir, '--listen', '127.0.0.1:0', '--static', DIST, '--access-log', 'off', ...args],
    { cwd: REPO, env: childEnv(), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  live.add(child);
  const exited = new Promise((r) => child.on('exit', () => (live.delete(child), r())));
  let stderr = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pilar serve did not start\n${stderr}`)), 30_000);
    child.stderr.setEncoding('utf8').on('data', (d) => {
      stderr += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    exited.then(() => reject(new Error(`pilar serve exited before it was ready\n${stderr}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** Logs in over HTTP (outside the browser): { cookie, csrf } for setting up a scenario. */
export async function apiLogin(server, username, password = PASSWORD) {
  const r = await fetch(`${server.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const text = await r.text();
  assert.equal(r.status, 200, `login ${username}: ${text}`);
  const cookie = /pilar_session=[^;]*/.exec(r.headers.get('set-cookie') ?? '')[0];
  return { cookie, csrf: JSON.parse(text).csrf_token };
}

export async function apiCall(server, session, method, p, body) {
  const r = await fetch(server.base + p, {
    method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, json: await r.json().catch(() => undefined) };
}

// An active PSM (or, with jenis 'tksk', TKSK) on the roster through the API (record, training, SK,
// assignment, status), as the office makes one; `session` is an operator's. Returns the record.
export async function activePsm(server, session, { nama, username, wilayah = [RW1], kelurahan = KELURAHAN, ktp = KELURAHAN, jenis = 'psm' }) {
  const call = async (method, p, body, status = 200) => {
    const r = await apiCall(server, session, method, p, body);
    assert.equal(r.status, status, `${method} ${p}: ${JSON.stringify(r.json)}`);
    return r.json;
  };
  const p = await call('POST', '/api/v1/pilar-sosial', {
    jenis, nama, username, kode_wilayah: kelurahan, kode_ktp: ktp, tanggal_lahir: '1985-03-02',
  }, 201);
  const t = await call('POST', `/api/v1/pilar-sosial/${p.id}/pelatihan-dasar`, { tanggal: '2025-02-10' });
  await call('POST', `/api/v1/pilar-sosial/${p.id}/sk`, {
    nomor: `400.9/SK-${jenis.toUpperCase()}/${p.id}`, tanggal: '2025-12-20', ditandatangani: 'Kepala Dinas Sosial', mulai: '2026-01-01', selesai: '2027-12-31',
  }, 201);
  const a = await call('POST', `/api/v1/pilar-sosial/${p.id}/penugasan`, { wilayah, version: t.version });
  return call('POST', `/api/v1/pilar-sosial/${p.id}/status`, { status: 'aktif', version: a.version });
}

// ---------------------------------------------------------------------------------------------
// browser

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A phone-sized page (360 x 740) that records uncaught errors and CSP violations; call
 * `page.assertClean()` to fail on any. Failed requests (401 on the session probe, offline) are
 * expected and not counted.
 */
export async function newPhonePage(browser) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'id-ID',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(Number(process.env.E2E_TIMEOUT_MS) || 15_000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  page.assertClean = () => assert.deepEqual(problems, [], 'the page logged errors');
  return { context, page };
}

/**
 * Signs in through the login form, as a user does, and waits for the home screen.
 * `base` is the server's address (server.base).
 */
export async function uiLogin(page, base, username, password = PASSWORD) {
  await page.goto(base + '/');
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.locator('main h1', { hasText: 'Selamat datang' }).waitFor();
}

/**
 * Signs out with the header's Keluar button and waits for the login form: from the home screen
 * when `base` (server.base) is given, from whatever screen is open when it is not.
 */
export async function uiLogout(page, base) {
  if (base !== undefined) {
    await page.goto(base + '/');
    await page.locator('main h1', { hasText: 'Selamat datang' }).waitFor();
  }
  await page.getByRole('button', { name: 'Keluar' }).click();
  await page.locator('main h1', { hasText: 'Masuk ke Pilar' }).waitFor();
}

/** Searches with the header's search box and waits for the results page. */
export async function globalSearch(page, q) {
  await page.getByRole('searchbox', { name: 'Cari NIK, KK, nama atau wilayah' }).fill(q);
  await page.getByRole('search').getByRole('button', { name: 'Cari' }).click();
  await page.locator('main h1').filter({ hasText: `Hasil pencarian “${q}”` }).waitFor();
}

let axeSource;
/**
 * Runs axe-core on the page as it is now and fails with a readable list if anything is found.
 * The page's CSP forbids inline scripts, and addScriptTag inserts one, so axe is evaluated
 * through the DevTools protocol instead (same file, not subject to the page's CSP).
 */
export async function checkA11y(page, label) {
  axeSource ??= fs.readFileSync(AXE_PATH, 'utf8');
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary.replace(/\s+/g, ' ')}`),
    }));
  });
  assert.deepEqual(result, [], `axe found problems on "${label}":\n${JSON.stringify(result, null, 2)}`);
}

/**
 * Nothing on the page may be wider than the viewport (no sideways scrolling on a phone). The width
 * is the layout viewport's (clientWidth): on a mobile page window.innerWidth grows with content
 * that is too wide (the phone zooms out to show it), so comparing with it never fails.
 */
export async function assertNoHorizontalScroll(page, label) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= width, `"${label}" scrolls sideways: content ${scroll}px wide in a ${width}px viewport`);
}

/**
 * A check box or radio button (a locator) sits beside its label's words, on the same line, at
 * its own small size — not stretched to a box on a line of its own above them.
 */
export async function assertBesideLabel(control, label) {
  const r = await control.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const lab = el.closest('label') ?? document.querySelector(`label[for="${el.id}"]`);
    const words = [...lab.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    const range = document.createRange();
    range.selectNodeContents(words[0]);
    const text = range.getClientRects()[0];
    return { width: box.width, top: box.top, bottom: box.bottom, textTop: text.top, textBottom: text.bottom };
  });
  assert.ok(r.width <= 40, `"${label}": the control is ${r.width}px wide`);
  assert.ok(r.textTop < r.bottom && r.textBottom > r.top, `"${label}": the words are not beside the control (${JSON.stringify(r)})`);
}

/**
 * No word inside `box` (a locator) is broken across lines ("Keca" / "matan"): a table too wide for
 * the phone must wrap between words or scroll inside its own box, not squeeze its words.
 */
export async function assertWordsWhole(box, label) {
  const broken = await box.evaluate((el) => {
    const out = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (const m of n.textContent.matchAll(/\S+/g)) {
        const r = document.createRange();
        r.setStart(n, m.index);
        r.setEnd(n, m.index + m[0].length);
        if (new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size > 1) out.push(m[0]);
      }
    }
    return out;
  });
  assert.deepEqual(broken, [], `"${label}": words broken across lines`);
}

/** A small PNG drawn in the page, as a phone's camera would hand one over (for a file input). */
export async function photoPng(page, { width = 640, height = 480 } = {}) {
  return Buffer.from(
    await page.evaluate(async ([w, h]) => {
      const c = document.createElement('canvas');
      c.width = w;
      c.height = h;
      c.getContext('2d').fillRect(100, 100, 200, 150);
      const b = new Uint8Array(await (await new Promise((r) => c.toBlob(r, 'image/png'))).arrayBuffer());
      return btoa(String.fromCharCode(...b));
    }, [width, height]),
    'base64',
  );
}

/**
 * The phone's storage refusing writes as a full one does: from the `from`-th IndexedDB add on
 * (1: every one; 2: the first goes in, the rest are refused, a failure part way through a save).
 * `storageBack(page)` ends it.
 */
export async function refuseWrites(page, { from = 1 } = {}) {
  await page.evaluate((first) => {
    const add = IDBObjectStore.prototype.add;
    window.__realAdd ??= add;
    let n = 0;
    IDBObjectStore.prototype.add = function (...args) {
      if (++n >= first) throw new DOMException('Quota exceeded', 'QuotaExceededError');
      return add.apply(this, args);
    };
  }, from);
}

export async function storageBack(page) {
  await page.evaluate(() => {
    if (window.__realAdd) IDBObjectStore.prototype.add = window.__realAdd;
    delete window.__realAdd;
  });
}

/** The ops on a field user's queue, straight from IndexedDB as the app keeps them. */
export function queuedOps(page, username) {
  return page.evaluate(
    (name) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('ops').objectStore('ops').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            db.close();
            resolve(all.result.map((o) => ({ jenis: o.jenis, status: o.status, data: o.data })));
          };
        };
      }),
    `pilar-offline-${username}`,
  );
}
