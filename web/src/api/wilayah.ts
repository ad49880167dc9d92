// Region tree: /api/v1/wilayah. Records are reference data that change rarely, so single
// records are memoised for the page's lifetime (scope names in the header, breadcrumbs) and
// dropped whenever this client changes one. A field user's own area (their RWs or kecamatan, and
// the kelurahan of their RWs) is also kept on the device (`keepWilayah`, at the offline
// lists' refresh), so the header and the home name it without signal instead of showing codes.
import { ApiError, request, seg } from './client';
import type { ListResponse, Tingkat, Wilayah } from './types';

const cache = new Map<string, Promise<Wilayah>>();
const KEPT_KEY = 'pilar.offline.wilayah';

function kept(): Record<string, Wilayah> {
  try {
    return JSON.parse(localStorage.getItem(KEPT_KEY) ?? '{}') as Record<string, Wilayah>;
  } catch {
    return {};
  }
}

export function getWilayah(kode: string, { fresh = false } = {}): Promise<Wilayah> {
  let p = fresh ? undefined : cache.get(kode);
  if (!p) {
    p = request<Wilayah>('GET', `/api/v1/wilayah/${seg(kode)}`).catch((e: unknown) => {
      const w = e instanceof ApiError && e.isNetwork ? kept()[kode] : undefined;
      if (w) return w;
      throw e;
    });
    cache.set(kode, p);
    p.catch(() => cache.delete(kode));
  }
  return p;
}

/** Keeps these regions, and the kelurahan (and RW) an RW or RT lies in, on the device: what the
 *  header and the home name them with (names of places, nobody's data). They replace what was
 *  kept; a failure keeps the previous copy. Read through the memo: the screens have fetched them. */
export async function keepWilayah(codes: string[]): Promise<void> {
  const all = new Set<string>();
  for (const k of codes) {
    const seg = k.split('.');
    for (let n = Math.min(4, seg.length); n <= seg.length; n++) all.add(seg.slice(0, n).join('.'));
  }
  const found = await Promise.all([...all].map((k) => getWilayah(k)));
  try {
    localStorage.setItem(KEPT_KEY, JSON.stringify(Object.fromEntries(found.map((w) => [w.kode, w]))));
  } catch {
    /* storage full or private mode: names show online only */
  }
}

/** Logout: the area goes with the rest of the user's offline data. */
export function forgetKeptWilayah(): void {
  try {
    localStorage.removeItem(KEPT_KEY);
  } catch {
    /* nothing kept */
  }
}

export function forgetWilayah(kode?: string): void {
  if (kode === undefined) cache.clear();
  else for (const k of [...cache.keys()]) if (k === kode || k.startsWith(kode + '.')) cache.delete(k);
}

export const childrenOf = (kode: string, includeRetired = false) =>
  request<ListResponse<Wilayah>>('GET', `/api/v1/wilayah/${seg(kode)}/children`, {
    query: { termasuk_nonaktif: includeRetired || undefined },
  }).then((r) => r.items);

export interface SearchOptions {
  tingkat?: Tingkat;
  under?: string;
  limit?: number;
  signal?: AbortSignal;
}

export const searchWilayah = (q: string, o: SearchOptions = {}) =>
  request<ListResponse<Wilayah>>('GET', '/api/v1/wilayah', {
    query: { q, tingkat: o.tingkat, di_bawah: o.under, limit: o.limit },
    signal: o.signal,
  }).then((r) => r.items);

export async function createChild(kode: string, nomor: number, nama?: string): Promise<Wilayah> {
  const w = await request<Wilayah>('POST', `/api/v1/wilayah/${seg(kode)}/children`, {
    body: nama ? { nomor, nama } : { nomor },
  });
  forgetWilayah(w.kode);
  return w;
}

export async function renameWilayah(kode: string, nama: string, version: number): Promise<Wilayah> {
  forgetWilayah(kode);
  const w = await request<Wilayah>('PATCH', `/api/v1/wilayah/${seg(kode)}`, { body: { nama, version } });
  cache.set(kode, Promise.resolve(w));
  return w;
}

export async function retireWilayah(kode: string, alasan: string): Promise<number> {
  forgetWilayah(kode);
  const r = await request<{ dinonaktifkan: number }>('POST', `/api/v1/wilayah/${seg(kode)}/retire`, { body: { alasan } });
  return r.dinonaktifkan;
}

export async function reactivateWilayah(kode: string): Promise<Wilayah> {
  forgetWilayah(kode);
  return request<Wilayah>('POST', `/api/v1/wilayah/${seg(kode)}/reactivate`, { body: {} });
}
