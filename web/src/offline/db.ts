// The device's offline store (IndexedDB via `idb`): one database per signed-in user, so two
// PSMs sharing a phone never see each other's lists or queue.
//
//   ops    the write queue: one row per operation, in the order it was made (seq)
//   cache  the field role's lists (households of their RW, ground-check items, proposals), one
//          row per list, for reading without signal
//
// On logout the cache is deleted (personal data on a shared phone, UU PDP); the queue is kept
// only while it still holds work the user has not sent, so logging out never loses a change.
import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';

export type OpStatus = 'menunggu' | 'konflik' | 'ditolak' | 'terkirim';

export interface OpError {
  code: string;
  message: string;
  field?: string;
}

/** One queued write. `data` is what the sync endpoint's handler for `jenis` reads. */
export interface QueuedOp {
  op_id: string;
  seq: number;
  jenis: string;
  data: Record<string, unknown>;
  version?: number;
  /** What the user sees in lists ("Keluarga Jl. Melati 2"). */
  label: string;
  created_at: string;
  status: OpStatus;
  /** After the server answered: the record's id and, for konflik, the server's record. */
  entitas?: string;
  id?: number;
  server?: Record<string, unknown>;
  error?: OpError;
  sent_at?: string;
}

export interface CacheRow {
  key: string;
  fetched_at: string;
  items: unknown[];
}

export interface OfflineSchema extends DBSchema {
  ops: { key: string; value: QueuedOp; indexes: { by_seq: number; by_status: string } };
  cache: { key: string; value: CacheRow };
}

const dbName = (username: string) => `pilar-offline-${username}`;

let current: { username: string; db: Promise<IDBPDatabase<OfflineSchema>> } | null = null;

export function openFor(username: string): Promise<IDBPDatabase<OfflineSchema>> {
  if (current?.username === username) return current.db;
  current?.db.then((d) => d.close()).catch(() => {});
  const db = openDB<OfflineSchema>(dbName(username), 1, {
    upgrade(d) {
      const ops = d.createObjectStore('ops', { keyPath: 'op_id' });
      ops.createIndex('by_seq', 'seq');
      ops.createIndex('by_status', 'status');
      d.createObjectStore('cache', { keyPath: 'key' });
    },
  });
  current = { username, db };
  return db;
}

export function currentUsername(): string | null {
  return current?.username ?? null;
}

/** Logout: the cached lists go; the queue stays only if it still has unsent work. */
export async function wipe(username: string): Promise<void> {
  const db = await openFor(username);
  await db.clear('cache');
  const unsent = (await db.getAll('ops')).filter((o) => o.status !== 'terkirim');
  if (unsent.length === 0) {
    db.close();
    current = null;
    await deleteDB(dbName(username));
    return;
  }
  const tx = db.transaction('ops', 'readwrite');
  for (const o of await tx.store.getAll()) if (o.status === 'terkirim') await tx.store.delete(o.op_id);
  await tx.done;
  db.close();
  current = null;
}
