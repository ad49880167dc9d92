// The field role's lists kept on the device for reading without signal: the households of a
// PSM's RW(s), the ground-check items assigned to them and the proposals waiting for them (and,
// beside them in localStorage, the names of the user's own area: api/wilayah.ts keepWilayah). They
// are fetched when online (on sign-in, after a sync, or on request) and read from IndexedDB by
// the offline screens; the service worker never caches /api/* (src/sw/sw.ts). Wiped on logout
// with the rest of the user's store (db.ts).
import { request } from '../api/client';
import type { Me } from '../api/types';
import { keepWilayah } from '../api/wilayah';
import { Store } from '../state/store';
import { openFor, type CacheRow } from './db';
import { syncState } from './queue';

export type ListKey = 'keluarga' | 'anggota' | 'periksa' | 'usulan';

// A PSM's RW holds a few hundred households; the cap keeps a TKSK or operator, whose scope is
// far larger, from filling a cheap phone.
const MAX_ITEMS = 5000;

/** Bumped after each refresh so screens re-read; `error` is the last refresh failure. */
export const cacheState = new Store<{ rev: number; refreshing: boolean; error?: string; fetched_at?: string }>({
  rev: 0,
  refreshing: false,
});

interface Page<T> {
  items: T[];
  next?: string;
}

async function all<T>(path: string, query: Record<string, string | number>): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  do {
    const page = await request<Page<T>>('GET', path, { query: { ...query, after } });
    out.push(...page.items);
    after = page.next;
  } while (after && out.length < MAX_ITEMS);
  return out;
}

/** Fetches the lists of `me` and stores them; throws ApiError when offline. */
export async function refreshLists(me: Me): Promise<void> {
  cacheState.set({ ...cacheState.get(), refreshing: true });
  try {
    const lists: Record<ListKey, unknown[]> = { keluarga: [], anggota: [], periksa: [], usulan: [] };
    // The code lists too, so the household and member screens have their labels offline
    // (kept by api/registry.ts; loaded lazily: the first screen does not need them).
    void import('../api/registry').then((r) => r.getKosakata()).catch(() => {});
    // The names of the user's own area, so the header and the home name it without signal.
    const area = keepWilayah(me.wilayah).catch(() => {});
    if (me.role === 'psm')
      for (const w of me.wilayah) {
        lists.keluarga.push(...(await all('/api/v1/keluarga', { kode_wilayah: w, limit: 500 })));
        lists.anggota.push(...(await all('/api/v1/anggota', { kode_wilayah: w, limit: 500 })));
      }
    lists.periksa = await all('/api/v1/periksa', { saya: 1, limit: 200 });
    lists.usulan = await all('/api/v1/usulan', { antrian: 'saya', limit: 200 });
    const db = await openFor(me.username);
    const fetched_at = new Date().toISOString();
    const tx = db.transaction('cache', 'readwrite');
    for (const [key, items] of Object.entries(lists)) await tx.store.put({ key, fetched_at, items });
    await tx.done;
    await area;
    cacheState.set({ rev: cacheState.get().rev + 1, refreshing: false, fetched_at });
  } catch (e) {
    cacheState.set({ ...cacheState.get(), refreshing: false, error: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}

export async function readList<T>(username: string, key: ListKey): Promise<{ items: T[]; fetched_at: string } | null> {
  const db = await openFor(username);
  const row = (await db.get('cache', key)) as CacheRow | undefined;
  return row ? { items: row.items as T[], fetched_at: row.fetched_at } : null;
}

/** One screen's last answer, kept for reading without signal (the PSM home's month: dashboard/
 *  panelData.ts); wiped on logout with the lists. */
export async function keepAnswer(username: string, key: string, value: unknown): Promise<void> {
  const db = await openFor(username);
  await db.put('cache', { key, fetched_at: new Date().toISOString(), items: [value] });
}

export async function keptAnswer<T>(username: string, key: string): Promise<{ value: T; fetched_at: string } | null> {
  const db = await openFor(username);
  const row = (await db.get('cache', key)) as CacheRow | undefined;
  return row ? { value: row.items[0] as T, fetched_at: row.fetched_at } : null;
}

// After a sync that sent something, the lists on the server changed (a household registered,
// an item answered): fetch them again while the signal lasts.
let lastSync: string | undefined;
const whenIdle = (f: () => void) =>
  typeof requestIdleCallback === 'function' ? requestIdleCallback(f, { timeout: 5000 }) : setTimeout(f, 1000);
syncState.subscribe(() => {
  const s = syncState.get();
  if (s.lastSync && s.lastSync !== lastSync && !s.syncing) {
    lastSync = s.lastSync;
    // In idle time: on app start this follows the first sync, and the screen the user opened
    // must paint and answer taps before the lists are fetched and stored.
    whenIdle(() =>
      void import('../state/session').then(({ currentUser }) => {
        const me = currentUser();
        if (me && me.username === s.user && navigator.onLine) refreshLists(me).catch(() => {});
      }),
    );
  }
});
