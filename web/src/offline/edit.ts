// Field workers' edits of registry records without signal, shared by the household and member
// screens: a record opens from the lists cached on the device when the server cannot be
// reached, and a change that cannot be sent goes into the queue as `<entity>.ubah` with the
// version it was made on (the server applies it once, or reports a conflict on /sinkron).
import { ApiError } from '../api/client';
import type { Me } from '../api/types';
import { readList, type ListKey } from './cache';
import { enqueue, refusedMessage } from './queue';

/** Who edits offline: the PSM, whose RW's lists are on the device. */
export const editsOffline = (me: Me) => me.role === 'psm';

const isNetwork = (e: unknown) => e instanceof ApiError && e.isNetwork;

/**
 * `load()` (a list's first page), or without signal the cached list `key` kept to the records
 * `keep` accepts, with when it was fetched.
 */
export async function pageOrCached<T>(
  me: Me,
  key: ListKey,
  keep: (x: T) => boolean,
  load: () => Promise<{ items: T[]; next?: string }>,
): Promise<{ page: { items: T[]; next?: string }; cachedAt: string | null }> {
  try {
    return { page: await load(), cachedAt: null };
  } catch (e) {
    if (!isNetwork(e) || !editsOffline(me)) throw e;
    const list = await readList<T>(me.username, key);
    if (!list) throw e;
    return { page: { items: list.items.filter(keep) }, cachedAt: list.fetched_at };
  }
}

/** A region code at or below `wilayah` (every code when it is empty). */
export const within = (wilayah: string) => (kode: string) => !wilayah || kode === wilayah || kode.startsWith(`${wilayah}.`);

/** `load()`, or without signal the record `id` from the cached list `key` (with when it was fetched). */
export async function loadOrCached<T extends { id: number }>(
  me: Me,
  key: ListKey,
  id: string | number,
  load: () => Promise<T>,
): Promise<{ record: T; cachedAt: string | null }> {
  try {
    return { record: await load(), cachedAt: null };
  } catch (e) {
    if (!isNetwork(e) || !editsOffline(me)) throw e;
    const list = await readList<T>(me.username, key);
    const record = list?.items.find((x) => String(x.id) === String(id));
    if (!record || !list) throw e;
    return { record, cachedAt: list.fetched_at };
  }
}

/**
 * `send()`, or without signal the same change queued as `jenis` (data: the record id, the
 * reason and the changed columns) on `version`. `queued` says which happened; `record` is the
 * server's answer or the local record with the change applied, shown until the sync answers.
 */
export async function saveOrQueue<T extends { id: number }>(
  me: Me,
  jenis: string,
  current: T,
  changes: Record<string, unknown>,
  version: number,
  alasan: string,
  label: string,
  send: () => Promise<T>,
): Promise<{ record: T; queued: boolean }> {
  try {
    return { record: await send(), queued: false };
  } catch (e) {
    if (!isNetwork(e) || !editsOffline(me)) throw e;
    try {
      await enqueue({ jenis, data: { id: current.id, alasan, ...changes }, version, label });
    } catch (err) {
      // The phone's storage refused it: the form shows this and keeps what was typed.
      throw new Error(refusedMessage('ubah', err));
    }
    return { record: { ...current, ...(changes as Partial<T>) }, queued: true };
  }
}
