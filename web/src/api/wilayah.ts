// Region tree: /api/v1/wilayah. Records are reference data that change rarely, so single
// records are memoised for the page's lifetime (scope names in the header, breadcrumbs) and
// dropped whenever this client changes one.
import { request, seg } from './client';
import type { ListResponse, Tingkat, Wilayah } from './types';

const cache = new Map<string, Promise<Wilayah>>();

export function getWilayah(kode: string, { fresh = false } = {}): Promise<Wilayah> {
  let p = fresh ? undefined : cache.get(kode);
  if (!p) {
    p = request<Wilayah>('GET', `/api/v1/wilayah/${seg(kode)}`);
    cache.set(kode, p);
    p.catch(() => cache.delete(kode));
  }
  return p;
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
