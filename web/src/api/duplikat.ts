// Duplicate review (server: src/dedup): the queue of probable duplicate pairs found by the
// linkage engine, one pair with both members side by side, decisions (merge / not a duplicate)
// and their undo, the last dedup run, and the entry check used by the forms before saving.
import type { Anggota } from './registry';
import { request } from './client';

export interface AlasanKolom {
  kolom: string;
  tingkat: string;
  bobot: number;
}

export type StatusDuplikat = 'menunggu' | 'digabung' | 'bukan_duplikat';

export interface Pasangan {
  id: number;
  anggota_a: number;
  anggota_b: number;
  skor: number;
  bobot: number;
  rincian: AlasanKolom[];
  sumber: 'dedup' | 'entri';
  status: StatusDuplikat;
  penyintas: number | null;
  ppks_dipindah: number[];
  catatan: string | null;
  diputus_oleh: string | null;
  diputus_at: string | null;
  version: number;
  a: Anggota;
  b: Anggota;
}

export interface Proses {
  id: number;
  kode_wilayah: string;
  orang: number;
  pasangan: number;
  baru: number;
  diperbarui: number;
  sudah_diputus: number;
  dibatasi: { kunci: string; ukuran: number }[];
  detik: number;
  oleh: string;
  mulai: string;
  selesai: string;
}

export interface Kandidat {
  anggota: Anggota;
  skor: number;
  rincian: AlasanKolom[];
}

export interface CekDuplikat {
  nama: string;
  nik?: string;
  jenis_kelamin?: string;
  tanggal_lahir?: string;
  tempat_lahir?: string;
  keluarga_id?: number;
  kode_wilayah?: string;
  rt?: string;
  alamat?: string;
}

export const listDuplikat = (q: { status?: StatusDuplikat | 'semua'; after?: string; limit?: number }, signal?: AbortSignal) =>
  request<{ items: Pasangan[]; next?: string }>('GET', '/api/v1/duplikat', { query: q, signal });
export const getDuplikat = (id: number | string, { buka = false } = {}, signal?: AbortSignal) =>
  request<Pasangan>('GET', `/api/v1/duplikat/${encodeURIComponent(String(id))}`, { query: buka ? { buka: 'ya' } : undefined, signal });
export const putuskan = (id: number, body: { keputusan: 'gabung' | 'bukan_duplikat'; penyintas?: number; catatan: string; version: number }) =>
  request<Pasangan>('POST', `/api/v1/duplikat/${id}/putusan`, { body });
export const batalkan = (id: number, catatan: string, version: number) =>
  request<Pasangan>('POST', `/api/v1/duplikat/${id}/batal`, { body: { catatan, version } });
export const prosesTerakhir = (signal?: AbortSignal) => request<{ terakhir: Proses | null }>('GET', '/api/v1/duplikat/proses', { signal });
export const jalankanProses = () => request<Proses>('POST', '/api/v1/duplikat/proses', { body: {} });
export const cekDuplikat = (body: CekDuplikat, signal?: AbortSignal) =>
  request<{ items: Kandidat[] }>('POST', '/api/v1/anggota/cek-duplikat', { body, signal });
