// The offline write queue: field screens call enqueue() instead of request() for the writes a
// field worker makes (households, persons, proposals, ground-check results, photos; later case
// visits and aid handovers, with no change here). Each op gets a client-made UUID and is stored
// in IndexedDB first, so it survives a closed tab, a flat battery and a reload; the UI shows it
// as "menunggu sinkron" at once. syncNow() replays the waiting ops, oldest first, in batches to
// POST /api/v1/sync, which applies each op_id exactly once (src/sync/sync.hpp), so sending a
// batch twice — an answer lost on a weak signal — duplicates nothing.
//
//   await enqueue({ jenis: 'keluarga.buat', data: { uid, no_kk, ... }, label: 'Jl. Melati 2' });
//   useStore(syncState).pending   // for the status in the shell
//
// Answers per op: diterapkan / sudah -> sent (kept a week for the history, then pruned; what was
// entered is dropped at once, see keptAfterSending);
// konflik -> kept with the server's record for the user to resolve (keepMine / takeTheirs on
// the "Perlu ditinjau" screen); ditolak -> kept with the error (retry after a fix elsewhere, or
// discard on purpose). Nothing is ever dropped or overwritten without the user choosing it.
// Network failures, 5xx and the server's retryable refusals keep the op waiting and retry with a
// backoff that grows with each such failure in a row and honours Retry-After (backoff.ts). Sync
// runs on app start, on the `online` event, after each enqueue while online and every minute while
// something waits — the last two not while a retry is scheduled, which sends them then.
import { ApiError, request } from '../api/client';
import type { Me } from '../api/types';
import { forgetKeptWilayah } from '../api/wilayah';
import { refreshMe, session } from '../state/session';
import { Store } from '../state/store';
import type { IDBPObjectStore } from 'idb';
import { createRetry } from './backoff';
import { openFor, wipe, type OfflineSchema, type OpError, type OpStatus, type QueuedOp } from './db';
import { forgetMe, isFieldRole, rememberMe } from './session-cache';
import { deviceId, newUid } from './uid';

export type { QueuedOp, OpStatus };

export interface SyncState {
  /** Signed-in field user whose queue this is; null for other roles (no status shown). */
  user: string | null;
  pending: number;
  review: number;
  syncing: boolean;
  lastSync?: string;
  /** The last failure to reach the server (shown until the next success). */
  lastError?: string;
  /** Bumped whenever the queue changes, so screens re-read it. */
  rev: number;
}

export const syncState = new Store<SyncState>({ user: null, pending: 0, review: 0, syncing: false, rev: 0 });

const MAX_OPS = 100; // the server's limit per request
const MAX_BYTES = 900 * 1024; // under the server's 1 MB
const KEEP_SENT_MS = 7 * 24 * 3600 * 1000;
const PERIOD_MS = 60_000;
const RETRYABLE = new Set(['unavailable', 'internal', 'resource_exhausted', 'network']);

// What a sent op keeps of its data: the references the screens look it up by (which record, which
// ground-check item, its result code), not what was entered — NIK, No. KK, names, disability and
// illness, photos. The server holds those now; a shared phone keeps no copy for the week the
// history lasts (docs/privacy.md, UU PDP).
const SENT_KEEPS = new Set(['id', 'uid', 'keluarga_id', 'keluarga_uid', 'pemilik', 'pemilik_id', 'hasil']);
function keptAfterSending(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([k]) => SENT_KEEPS.has(k)));
}

function patch(p: Partial<SyncState>): void {
  syncState.set({ ...syncState.get(), ...p });
}

function user(): string {
  const u = syncState.get().user;
  if (!u) throw new Error('offline queue: no field user signed in');
  return u;
}

async function recount(): Promise<void> {
  const u = syncState.get().user;
  if (!u) return;
  const db = await openFor(u);
  const all = await db.getAll('ops');
  patch({
    pending: all.filter((o) => o.status === 'menunggu').length,
    review: all.filter((o) => o.status === 'konflik' || o.status === 'ditolak').length,
    rev: syncState.get().rev + 1,
  });
}

export interface NewOp {
  jenis: string;
  data: Record<string, unknown>;
  version?: number;
  label: string;
}

/**
 * Runs `work` in one readwrite transaction on the ops store and aborts it when anything in it fails,
 * so none of its writes stays. IndexedDB aborts a transaction by itself only when a request fails;
 * a write that throws before it is made (the store refusing the value, a quota check) would
 * otherwise let the writes before it commit on their own.
 */
async function inOpsTx<R>(work: (store: OpsStore) => Promise<R>): Promise<R> {
  const db = await openFor(user());
  const tx = db.transaction('ops', 'readwrite');
  try {
    const r = await work(tx.store);
    await tx.done;
    return r;
  } catch (e) {
    try {
      tx.abort();
    } catch {
      /* already aborted or finished by the failure itself */
    }
    await tx.done.catch(() => {});
    throw e;
  }
}

type OpsStore = IDBPObjectStore<OfflineSchema, ['ops'], 'ops', 'readwrite'>;

async function addOps(store: OpsStore, ops: NewOp[]): Promise<QueuedOp[]> {
  const last = await store.index('by_seq').openCursor(null, 'prev');
  let seq = last?.value.seq ?? 0;
  const out: QueuedOp[] = [];
  for (const op of ops) {
    const q: QueuedOp = {
      op_id: newUid(),
      seq: ++seq,
      jenis: op.jenis,
      data: op.data,
      version: op.version,
      label: op.label,
      created_at: new Date().toISOString(),
      status: 'menunggu',
    };
    await store.add(q);
    out.push(q);
  }
  return out;
}

/** After a change to the queue has been stored: counts again and sends. A failure here is not the
 *  write's (it is on the device), so it is not reported to the form as one. */
function afterWrite(): void {
  recount()
    .catch(() => {})
    .then(() => {
      if (navigator.onLine && !retry.waiting()) void syncNow();
    });
}

/**
 * Stores the ops on the device, all or none (one IndexedDB transaction, in this order), and returns
 * at once; sending happens in the background. A record made of several ops (a household and its
 * members, a ground-check result and its photo) is queued with one call, so a storage failure part
 * way leaves nothing queued rather than a household without its members. Throws when the device
 * refused to store them (`refusedMessage` words it for the user).
 */
export async function enqueueAll(ops: NewOp[]): Promise<QueuedOp[]> {
  const queued = await inOpsTx((store) => addOps(store, ops));
  afterWrite();
  return queued;
}

/** One op: `enqueueAll([op])`. */
export async function enqueue(op: NewOp): Promise<QueuedOp> {
  return (await enqueueAll([op]))[0];
}

export { refusedMessage, storageReason, type QueuedWhat } from './refused';

/** Every op of the signed-in user, oldest first. */
export async function listOps(): Promise<QueuedOp[]> {
  const u = syncState.get().user;
  if (!u) return [];
  const db = await openFor(u);
  return db.getAllFromIndex('ops', 'by_seq');
}

interface SyncAnswer {
  op_id: string;
  status: 'diterapkan' | 'sudah' | 'konflik' | 'ditolak';
  entitas?: string;
  id?: number;
  data?: Record<string, unknown>;
  error?: OpError;
}

let running: Promise<void> | null = null;
const retry = createRetry(() => void syncNow(), {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
  random: Math.random,
});
let sessionChecked = false;

/** Called while a run was in flight: an op queued as that run was ending (after it last looked for
 *  waiting ops) would otherwise wait for the next minute's tick. */
let again = false;

/** Sends what waits; resolves when done (or when it gave up until the next trigger). */
export function syncNow(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  again = false;
  running = run().then((ok) => ok, () => false).then((ok) => {
    running = null;
    // Once more for what came in meanwhile; after a failure the retry's backoff decides instead.
    if (again && ok) void syncNow();
  });
  return running;
}

/** One pass over what waits; false when it failed (a retry is scheduled, or a sign-in is needed). */
async function run(): Promise<boolean> {
  const u = syncState.get().user;
  if (!u || !navigator.onLine) return false;
  patch({ syncing: true });
  let ok = false;
  let retried = false;
  try {
    // A session restored from the device (the app opened offline) has a CSRF token that may be
    // old: ask the server once before the first write.
    if (!sessionChecked) {
      await refreshMe();
      sessionChecked = true;
    }
    const db = await openFor(u);
    for (;;) {
      const waiting = (await db.getAllFromIndex('ops', 'by_seq')).filter((o) => o.status === 'menunggu');
      if (waiting.length === 0) break;
      const batch: QueuedOp[] = [];
      let bytes = 0;
      for (const o of waiting) {
        const size = JSON.stringify(o.data).length + 200;
        if (batch.length && (batch.length >= MAX_OPS || bytes + size > MAX_BYTES)) break;
        batch.push(o);
        bytes += size;
      }
      const body = {
        perangkat: deviceId(),
        ops: batch.map((o) => ({ op_id: o.op_id, jenis: o.jenis, data: o.data, ...(o.version === undefined ? {} : { version: o.version }) })),
      };
      let hasil: SyncAnswer[];
      try {
        hasil = (await request<{ hasil: SyncAnswer[] }>('POST', '/api/v1/sync', { body })).hasil;
      } catch (e) {
        if (e instanceof ApiError && e.status === 400) {
          // The request as a whole was refused (a bug, not the data): show it on every op of the
          // batch rather than retrying forever.
          await settle(u, batch.map((o) => ({ op_id: o.op_id, status: 'ditolak', error: { code: e.code, message: e.message, field: e.field } })));
          continue;
        }
        throw e;
      }
      if (await settle(u, hasil)) {
        // Some ops were answered "try later": the wait grows, as for a 503 (no reset here).
        retried = true;
        retry.failed();
        break;
      }
    }
    if (!retried) retry.succeeded();
    patch({ lastSync: new Date().toISOString(), lastError: undefined });
    await prune(u);
    ok = !retried;
  } catch (e) {
    patch({ lastError: e instanceof Error ? e.message : String(e) });
    if (!(e instanceof ApiError && e.status === 401)) retry.failed(e instanceof ApiError ? e.retryAfter : undefined);
  } finally {
    patch({ syncing: false });
    await recount().catch(() => {});
  }
  return ok;
}

/** Records the server's answers; true when some op should be retried later. */
async function settle(u: string, hasil: SyncAnswer[]): Promise<boolean> {
  const db = await openFor(u);
  const tx = db.transaction('ops', 'readwrite');
  let retry = false;
  const now = new Date().toISOString();
  for (const h of hasil) {
    const o = await tx.store.get(h.op_id);
    if (!o) continue;
    if (h.status === 'diterapkan' || h.status === 'sudah') {
      Object.assign(o, { status: 'terkirim', entitas: h.entitas, id: h.id, sent_at: now, error: undefined, server: undefined, data: keptAfterSending(o.data) });
    } else if (h.status === 'konflik') {
      Object.assign(o, { status: 'konflik', entitas: h.entitas, id: h.id, server: h.data, error: h.error });
    } else if (h.error && RETRYABLE.has(h.error.code)) {
      retry = true;
      o.error = h.error;
    } else {
      Object.assign(o, { status: 'ditolak', error: h.error });
    }
    await tx.store.put(o);
  }
  await tx.done;
  return retry;
}

async function prune(u: string): Promise<void> {
  const db = await openFor(u);
  const cutoff = Date.now() - KEEP_SENT_MS;
  const tx = db.transaction('ops', 'readwrite');
  for (const o of await tx.store.getAll())
    if (o.status === 'terkirim' && o.sent_at && Date.parse(o.sent_at) < cutoff) await tx.store.delete(o.op_id);
  await tx.done;
}

// ------------------------------------------------------------------ resolving what needs review

async function update(opId: string, fn: (o: QueuedOp) => QueuedOp | null): Promise<void> {
  await inOpsTx(async (store) => {
    const o = await store.get(opId);
    if (!o) return;
    const next = fn(o);
    if (next) await store.put(next);
    else await store.delete(opId);
  });
  // Stored: a failure to count again is not the choice's (the review screen would say it failed).
  await recount().catch(() => {});
}

/** Conflict, keep mine: the same change again, on top of the version the user was shown. The new
 *  op and the old one's removal are one transaction: a failure between them left both, and a
 *  second "keep mine" queued the change twice. */
export async function keepMine(op: QueuedOp): Promise<void> {
  const version = typeof op.server?.version === 'number' ? op.server.version : undefined;
  await inOpsTx(async (store) => {
    await store.delete(op.op_id);
    await addOps(store, [{ jenis: op.jenis, data: op.data, version, label: op.label }]);
  });
  afterWrite();
}

/** Conflict, take theirs: my change is dropped, by the user's choice. */
export const takeTheirs = (op: QueuedOp) => update(op.op_id, () => null);

/** Refused: send the same op again (after its household was fixed, for instance). */
export async function retryOp(op: QueuedOp): Promise<void> {
  await update(op.op_id, (o) => ({ ...o, status: 'menunggu', error: undefined }));
  if (navigator.onLine) void syncNow();
}

export const discardOp = (op: QueuedOp) => update(op.op_id, () => null);

// ------------------------------------------------------------------ lifecycle

let started = false;

function startFor(me: Me): void {
  rememberMe(me);
  if (syncState.get().user === me.username) return;
  syncState.set({ user: me.username, pending: 0, review: 0, syncing: false, rev: syncState.get().rev + 1 });
  sessionChecked = me.csrf_token !== undefined && navigator.onLine;
  void recount().then(() => syncNow());
  if (started) return;
  started = true;
  window.addEventListener('online', () => void syncNow());
  setInterval(() => {
    if (syncState.get().pending > 0 && !retry.waiting()) void syncNow();
  }, PERIOD_MS);
}

async function stopFor(username: string): Promise<void> {
  syncState.set({ user: null, pending: 0, review: 0, syncing: false, rev: syncState.get().rev + 1 });
  retry.cancel();
  forgetMe();
  forgetKeptWilayah();
  try {
    await wipe(username);
  } catch {
    /* the store may be gone already */
  }
}

// Follows the session: a field user signing in starts the queue; leaving wipes the cached lists.
let seenUser: string | null = null;
function follow(): void {
  const s = session.get();
  if (s.status === 'in' && isFieldRole(s.me.role)) {
    seenUser = s.me.username;
    startFor(s.me);
  } else if (s.status === 'anon' && seenUser) {
    const u = seenUser;
    seenUser = null;
    void stopFor(u);
  }
}
session.subscribe(follow);
follow();
