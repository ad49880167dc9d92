// The registry: households (keluarga), members (anggota), their PPKS classifications, change
// history and the code lists (kosakata). NIK and No. KK come masked unless the caller asks to
// open them (`buka`), which the server records in the audit trail; special data (disability,
// chronic illness, PPKS evidence) only with `khusus`, also audited.
//
// Edits send the version the user saw and a reason (alasan); a stale version answers 409 and
// the screen shows the record as it is now (fetched again here) next to what the user typed.
import { ApiError, request } from './client';
import type { ListResponse } from './types';

export interface Ppks {
  id?: number;
  ppks: number;
  sejak?: string;
  sampai?: string | null;
  dinilai_oleh?: string;
  bukti?: string;
}

/** Housing variables (docs/formats.md keluarga.csv), each a code from the kosakata or null. */
export const RUMAH_FIELDS = [
  'status_bangunan',
  'status_lahan',
  'luas_lantai',
  'jenis_lantai',
  'jenis_dinding',
  'kondisi_dinding',
  'jenis_atap',
  'kondisi_atap',
  'jumlah_kamar',
  'sumber_air',
  'sumber_penerangan',
  'daya_listrik',
  'bahan_bakar',
  'fasilitas_bab',
] as const;

export interface Keluarga {
  id: number;
  uid: string | null;
  no_kk: string;
  no_kk_tersamar: boolean;
  kode_wilayah: string;
  rw: string | null;
  rt: string | null;
  kode_wilayah_lengkap: string;
  alamat: string;
  lat: number | null;
  lon: number | null;
  desil: number | null;
  aset: string[];
  status: string;
  jumlah_anggota: number;
  version: number;
  dibuat_pada: string;
  dibuat_oleh: string;
  diubah_pada: string;
  diubah_oleh: string;
  [field: string]: unknown;
}

export interface Anggota {
  id: number;
  uid: string | null;
  keluarga_id: number;
  nik: string | null;
  nik_tersamar: boolean;
  nama: string;
  jenis_kelamin: 'L' | 'P';
  tempat_lahir: string | null;
  tanggal_lahir: string | null;
  hubungan: string;
  status_kawin: string | null;
  pendidikan: string | null;
  pekerjaan: string | null;
  nisn: string | null;
  sekolah: string | null;
  status_keberadaan: string;
  status_padan: string;
  ppks: Ppks[];
  data_khusus_disertakan: boolean;
  disabilitas?: { jenis: string; tingkat: string | null } | null;
  penyakit_kronis?: string[];
  kode_wilayah_lengkap: string;
  /** Kept for statistics, also after anonymisation. */
  tahun_lahir?: number | null;
  /** Set when the person's data was erased (anonymised). */
  dianonimkan_pada?: string;
  /** Merged into this member by a duplicate review (/duplikat); the record stays. */
  digabung_ke?: number | null;
  version: number;
  dibuat_pada: string;
  dibuat_oleh: string;
  diubah_pada: string;
  diubah_oleh: string;
  [field: string]: unknown;
}

export interface Riwayat {
  at: string;
  oleh: string;
  peran: string;
  aksi: string;
  alasan: string;
  sebelum: Record<string, unknown> | null;
  sesudah: Record<string, unknown> | null;
}

export interface Page<T> {
  items: T[];
  next?: string;
}

export interface Kosakata {
  kosakata: Record<string, { banyak: boolean; kode: { kode: string; id: string; en: string }[] }>;
  ppks: { kode: number; nama: string; singkatan: string; kelompok_atensi: string }[];
}

// ---- code lists: fetched once per page load (they change only with a server release). The last
// copy is kept on the device (they hold no one's data), so a field worker's screens opened
// without signal show "Kepala keluarga", not "kepala_keluarga".
const VOCAB_KEY = 'pilar.kosakata';
let vocab: Promise<Kosakata> | null = null;
let vocabValue: Kosakata | undefined;
export function getKosakata(): Promise<Kosakata> {
  if (!vocab) {
    vocab = request<Kosakata>('GET', '/api/v1/registry/kosakata').then(
      (v) => {
        try {
          localStorage.setItem(VOCAB_KEY, JSON.stringify(v));
        } catch {
          /* private mode or full: next time it is fetched again */
        }
        return v;
      },
      (e) => {
        const kept = (() => {
          try {
            return localStorage.getItem(VOCAB_KEY);
          } catch {
            return null;
          }
        })();
        if (kept) return JSON.parse(kept) as Kosakata;
        throw e;
      },
    );
    vocab.then(
      (v) => (vocabValue = v),
      () => (vocab = null),
    );
  }
  return vocab;
}

/** The code lists when already fetched (drawn at once, without waiting a turn). */
export const kosakataNow = (): Kosakata | undefined => vocabValue;

// ---- households
export interface KeluargaQuery {
  kode_wilayah?: string;
  no_kk?: string;
  after?: string;
  limit?: number;
}

export const listKeluarga = (q: KeluargaQuery, signal?: AbortSignal) =>
  request<Page<Keluarga>>('GET', '/api/v1/keluarga', { query: { ...q }, signal });

export const getKeluarga = (id: number | string, { buka = false } = {}, signal?: AbortSignal) =>
  request<Keluarga>('GET', `/api/v1/keluarga/${encodeURIComponent(String(id))}`, { query: { buka: buka ? 'ya' : undefined }, signal });

export const membersOf = (id: number | string, signal?: AbortSignal) =>
  request<ListResponse<Anggota>>('GET', `/api/v1/keluarga/${encodeURIComponent(String(id))}/anggota`, { signal }).then((r) => r.items);

export const historyOfKeluarga = (id: number | string, signal?: AbortSignal) =>
  request<ListResponse<Riwayat>>('GET', `/api/v1/keluarga/${encodeURIComponent(String(id))}/riwayat`, { signal }).then((r) => r.items);

export type Changes = Record<string, string | number | string[] | null>;

/** Thrown by the update functions on 409: `current` is the record as it is now. */
export class StaleEdit<T> extends Error {
  constructor(
    readonly current: T,
    readonly cause: ApiError,
  ) {
    super(cause.message);
    this.name = 'StaleEdit';
  }
}

async function versioned<T>(path: string, changes: Changes, version: number, alasan: string, reload: () => Promise<T>): Promise<T> {
  try {
    return await request<T>('PATCH', path, { body: { ...changes, version, alasan } });
  } catch (e) {
    if (e instanceof ApiError && e.status === 409 && e.field === 'version') throw new StaleEdit(await reload(), e);
    throw e;
  }
}

export const updateKeluarga = (id: number, changes: Changes, version: number, alasan: string) =>
  versioned(`/api/v1/keluarga/${id}`, changes, version, alasan, () => getKeluarga(id));

// ---- members
export interface AnggotaQuery {
  nik?: string;
  no_kk?: string;
  nama?: string;
  kode_wilayah?: string;
  keluarga_id?: number;
  ppks?: number;
  after?: string;
  limit?: number;
}

export const searchAnggota = (q: AnggotaQuery, signal?: AbortSignal) =>
  request<Page<Anggota>>('GET', '/api/v1/anggota', { query: { ...q }, signal });

export const getAnggota = (id: number | string, { buka = false, khusus = false } = {}, signal?: AbortSignal) =>
  request<Anggota>('GET', `/api/v1/anggota/${encodeURIComponent(String(id))}`, {
    query: { buka: buka ? 'ya' : undefined, khusus: khusus ? 'ya' : undefined },
    signal,
  });

export const historyOfAnggota = (id: number | string, signal?: AbortSignal) =>
  request<ListResponse<Riwayat>>('GET', `/api/v1/anggota/${encodeURIComponent(String(id))}/riwayat`, { signal }).then((r) => r.items);

export const updateAnggota = (id: number, changes: Changes, version: number, alasan: string) =>
  versioned(`/api/v1/anggota/${id}`, changes, version, alasan, () => getAnggota(id));

export const addPpks = (anggotaId: number, ppks: number, sejak: string, bukti?: string) =>
  request<Ppks>('POST', `/api/v1/anggota/${anggotaId}/ppks`, { body: { ppks, sejak, bukti: bukti || undefined } });

export const endPpks = (anggotaId: number, ppksId: number, sampai: string) =>
  request<Ppks>('POST', `/api/v1/anggota/${anggotaId}/ppks/${ppksId}/akhiri`, { body: { sampai } });

// ---- exports (GET /api/v1/ekspor/{jenis}): a plain download link; the session cookie goes along
export type ExportKind = 'keluarga' | 'anggota' | 'bnba';
export type ExportFormat = 'csv' | 'xlsx' | 'pdf';

export function exportHref(jenis: ExportKind, o: { format: ExportFormat; kode_wilayah?: string; buka?: boolean }): string {
  const qs = new URLSearchParams({ format: o.format });
  if (o.kode_wilayah) qs.set('kode_wilayah', o.kode_wilayah);
  if (o.buka) qs.set('buka', 'ya');
  return `/api/v1/ekspor/${jenis}?${qs}`;
}
