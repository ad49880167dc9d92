// How often a field phone asks a server that keeps saying "try later" (web/src/offline/queue.ts and
// backoff.ts): the real sync runner, on a fake clock and a fake server, with its IndexedDB swapped
// for an in-memory store. Before, a pass whose ops came back `unavailable` reset the wait to zero
// after scheduling it, so every phone asked again every 5 s for as long as the server struggled;
// the minute's tick asked regardless of any wait; a Retry-After was ignored.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { importWeb, withDom } from './lib.mjs';

withDom();
globalThis.sessionStorage ??= globalThis.localStorage;
Object.defineProperty(globalThis, 'navigator', { value: { onLine: true }, configurable: true });
globalThis.window ??= { addEventListener() {} };

// The clock: waits of a second or more (the runner's retries) are recorded, not run; the test fires
// them. Shorter ones (none in the runner) go to the real timer.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const waits = []; // { ms, fn, cancelled }
globalThis.setTimeout = (fn, ms, ...rest) => {
  if (ms >= 1000) {
    const w = { ms, fn, cancelled: false };
    waits.push(w);
    return w;
  }
  return realSetTimeout(fn, ms, ...rest);
};
globalThis.clearTimeout = (t) => {
  if (t && typeof t === 'object' && 'cancelled' in t) t.cancelled = true;
  else realClearTimeout(t);
};
let tick; // the runner's every-minute check
globalThis.setInterval = (fn) => {
  tick = fn;
  return 0;
};
const realRandom = Math.random;
Math.random = () => 0.5; // the jitter in the middle of its range: waits are 3/4 of their step
after(() => {
  globalThis.setTimeout = realSetTimeout;
  globalThis.clearTimeout = realClearTimeout;
  Math.random = realRandom;
});

// The server: what it answers to the next POST /api/v1/sync.
let mode = 'later';
let posts = 0;
globalThis.fetch = async (url, init) => {
  assert.match(String(url), /\/api\/v1\/sync$/);
  posts++;
  const ops = JSON.parse(init.body).ops;
  const json = (status, body, headers = {}) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
  if (mode === 'down') throw new TypeError('Failed to fetch');
  if (mode === 'busy') return json(503, { error: { code: 'unavailable', message: 'Server is at capacity' } }, { 'Retry-After': '1' });
  if (mode === 'throttled') return json(429, { error: { code: 'resource_exhausted', message: 'slow down' } }, { 'Retry-After': '120' });
  if (mode === 'later')
    return json(200, { hasil: ops.map((o) => ({ op_id: o.op_id, status: 'ditolak', error: { code: 'unavailable', message: 'coba lagi nanti' } })) });
  return json(200, { hasil: ops.map((o, i) => ({ op_id: o.op_id, status: 'diterapkan', entitas: 'keluarga', id: i + 1 })) });
};

// The phone's IndexedDB, in memory: only what the queue uses.
const fakeDb = `
const rows = new Map();
const sorted = () => [...rows.values()].sort((a, b) => a.seq - b.seq);
const store = {
  get: async (k) => rows.get(k),
  put: async (v) => { rows.set(v.op_id, structuredClone(v)); },
  add: async (v) => { rows.set(v.op_id, structuredClone(v)); },
  delete: async (k) => { rows.delete(k); },
  getAll: async () => sorted().map((v) => structuredClone(v)),
  index: () => ({ openCursor: async () => { const s = sorted(); return s.length ? { value: s[s.length - 1] } : null; } }),
};
const db = {
  getAll: async () => store.getAll(),
  getAllFromIndex: async () => store.getAll(),
  transaction: () => ({ store, done: Promise.resolve(), abort() {} }),
};
export const openFor = async (_u: string) => db as any;
export const currentUsername = () => 'psm1';
export const wipe = async (_u: string) => {};
`;
const web = await importWeb(['offline/queue.ts', 'state/session.ts'], { replace: { 'offline/db.ts': fakeDb } });

const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => realSetTimeout(r, 5));
};
const pending = () => waits.filter((w) => !w.cancelled && !w.fired);
/** Fires the one scheduled retry, as the clock reaching it would, and waits for the pass it starts. */
async function fire() {
  const p = pending();
  assert.equal(p.length, 1, 'one retry is scheduled');
  p[0].fired = true;
  p[0].fn();
  await settle();
}
const lastWait = () => waits[waits.length - 1].ms;

describe('the sync runner against a server that says "try later"', () => {
  it('waits longer after each such answer in a row, up to five minutes', async () => {
    web.session.set({ status: 'in', me: { username: 'psm1', role: 'psm', csrf_token: 't' } });
    await settle();
    mode = 'later';
    await web.enqueue({ jenis: 'keluarga.buat', data: { uid: 'x' }, label: 'Jl. Melati 2' });
    await settle();
    assert.equal(posts, 1);
    const seen = [lastWait()];
    for (let i = 0; i < 8; i++) {
      mode = i % 3 === 1 ? 'busy' : i % 3 === 2 ? 'down' : 'later'; // answered "later", a 503, no answer
      await fire();
      seen.push(lastWait());
    }
    assert.equal(posts, 9, 'one request per retry');
    assert.deepEqual(seen, [3750, 7500, 15000, 30000, 60000, 120000, 225000, 225000, 225000]);
    assert.equal(web.syncState.get().pending, 1, 'the op is still waiting');
  });

  it('leaves the minute\'s tick and a new op to the scheduled retry', async () => {
    const before = posts;
    tick();
    await web.enqueue({ jenis: 'keluarga.buat', data: { uid: 'y' }, label: 'Jl. Mawar 3' });
    await settle();
    assert.equal(posts, before, 'no request while the retry waits');
    assert.equal(pending().length, 1);
  });

  it('starts again from the shortest wait only after a pass that sent everything', async () => {
    mode = 'ok';
    await fire();
    assert.equal(web.syncState.get().pending, 0, 'both ops sent');
    assert.equal(pending().length, 0, 'no retry left after a success');
    mode = 'later';
    await web.enqueue({ jenis: 'keluarga.buat', data: { uid: 'z' }, label: 'Jl. Kenanga 4' });
    await settle();
    assert.equal(lastWait(), 3750);
  });

  it('waits at least as long as the server\'s Retry-After', async () => {
    mode = 'throttled';
    await fire(); // the second failure in a row: 7.5 s by itself, but the server said 120 s
    assert.equal(lastWait(), 120_000);
    mode = 'busy'; // Retry-After: 1 does not shorten the third wait
    await fire();
    assert.equal(lastWait(), 15_000);
  });
});
