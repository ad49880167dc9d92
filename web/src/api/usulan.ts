// Verivali: proposals (usulan) and their workflow moves, musyawarah kelurahan batches,
// attachments (lampiran) and the operator's ground-check lists (daftar periksa).
// The legal moves and who may make them are the server's (src/verivali/workflow.cpp); MOVES
// below mirrors that table so a screen offers only the buttons the caller's role may press.
import { ApiError, request } from './client';
import type { ListResponse, Role } from './types';

export type Status =
  | 'draft'
  | 'diajukan'
  | 'dikembalikan'
  | 'ditinjau'
  | 'diverifikasi'
  | 'dimusyawarahkan'
  | 'disetujui'
  | 'ditolak'
  | 'diekspor'
  | 'diterima'
  | 'padan'
  | 'tidak_padan'
  | 'dibatalkan';

export const STATUSES: readonly Status[] = [
  'draft',
  'diajukan',
  'dikembalikan',
  'ditinjau',
  'diverifikasi',
  'dimusyawarahkan',
  'disetujui',
  'ditolak',
  'diekspor',
  'diterima',
  'padan',
  'tidak_padan',
  'dibatalkan',
];

export type Jenis = 'keluarga_baru' | 'perubahan' | 'penghapusan' | 'ppks';
export const JENIS: readonly Jenis[] = ['keluarga_baru', 'perubahan', 'penghapusan', 'ppks'];
export const ALASAN_HAPUS = ['meninggal', 'pindah', 'tidak_ditemukan', 'ganda', 'tidak_layak'] as const;

/** What waits for each role (workflow.cpp kQueue*). */
export const QUEUE: Partial<Record<Role, readonly Status[]>> = {
  psm: ['draft', 'dikembalikan', 'ditinjau'],
  tksk: ['diajukan', 'diverifikasi'],
  operator: ['diverifikasi', 'dimusyawarahkan', 'disetujui', 'diekspor'],
};

export interface Move {
  from: Status;
  to: Status;
  roles: readonly Role[];
  catatan?: boolean;
  onlyCreator?: boolean;
}

/** The moves a screen offers directly (ground checks and musyawarah have their own forms). */
export const MOVES: readonly Move[] = [
  { from: 'draft', to: 'diajukan', roles: ['psm', 'operator'] },
  { from: 'draft', to: 'dibatalkan', roles: ['psm', 'operator'], onlyCreator: true },
  { from: 'diajukan', to: 'ditinjau', roles: ['tksk'] },
  { from: 'diajukan', to: 'dikembalikan', roles: ['tksk'], catatan: true },
  { from: 'dikembalikan', to: 'diajukan', roles: ['psm', 'operator'] },
  { from: 'dikembalikan', to: 'dibatalkan', roles: ['psm', 'operator'], onlyCreator: true },
  { from: 'dimusyawarahkan', to: 'disetujui', roles: ['operator'] },
  { from: 'dimusyawarahkan', to: 'ditolak', roles: ['operator'], catatan: true },
  { from: 'disetujui', to: 'diekspor', roles: ['operator'] },
  { from: 'diekspor', to: 'diterima', roles: ['operator'] },
  { from: 'diekspor', to: 'padan', roles: ['operator'] },
  { from: 'diekspor', to: 'tidak_padan', roles: ['operator'] },
];

export interface Lampiran {
  id: number;
  uid: string | null;
  pemilik: 'usulan' | 'musyawarah' | 'periksa';
  pemilik_id: number | null;
  mime: string;
  sha256: string;
  ukuran: number;
  kode_wilayah: string;
  created_by: string;
  created_at: string;
}

export interface Usulan {
  id: number;
  uid: string | null;
  jenis: Jenis;
  alasan: string | null;
  keluarga_id: number;
  anggota_id: number | null;
  isi: Record<string, unknown> | null;
  kode_wilayah: string;
  status: Status;
  catatan: string | null;
  musyawarah_id: number | null;
  periksa: { hasil: number; hasil_nama: string; jawaban: unknown; lat: number | null; lon: number | null; oleh: string | null; at: string | null } | null;
  hasil_nasional: string | null;
  lampiran?: Lampiran[];
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface UsulanRiwayat {
  id: number;
  dari: Status | null;
  ke: Status;
  at: string;
  username: string;
  role: string;
  catatan: string | null;
}

export interface Ringkasan {
  kode_wilayah: string | null;
  total: number;
  per_status: Partial<Record<Status, number>>;
}

export interface UsulanQuery {
  antrian?: 'saya';
  status?: Status;
  jenis?: Jenis;
  kode_wilayah?: string;
  musyawarah_id?: number;
  after?: string;
  limit?: number;
}

export interface Page<T> {
  items: T[];
  next?: string;
}

export const listUsulan = (q: UsulanQuery, signal?: AbortSignal) =>
  request<Page<Usulan>>('GET', '/api/v1/usulan', { query: { ...q }, signal });

export const ringkasan = (kode_wilayah?: string, signal?: AbortSignal) =>
  request<Ringkasan>('GET', '/api/v1/usulan/ringkasan', { query: { kode_wilayah }, signal });

export const getUsulan = (id: number | string, signal?: AbortSignal) =>
  request<Usulan>('GET', `/api/v1/usulan/${encodeURIComponent(String(id))}`, { signal });

export const riwayatUsulan = (id: number | string, signal?: AbortSignal) =>
  request<ListResponse<UsulanRiwayat>>('GET', `/api/v1/usulan/${encodeURIComponent(String(id))}/riwayat`, { signal }).then((r) => r.items);

export interface NewUsulan {
  jenis: Jenis;
  keluarga_id: number;
  anggota_id?: number;
  alasan?: string;
  isi?: Record<string, unknown>;
  catatan?: string;
}

export const createUsulan = (u: NewUsulan) => request<Usulan>('POST', '/api/v1/usulan', { body: { uid: newUid(), ...u } });

export const updateUsulan = (id: number, version: number, changes: { alasan?: string; isi?: Record<string, unknown>; catatan?: string }) =>
  request<Usulan>('PATCH', `/api/v1/usulan/${id}`, { body: { version, ...changes } });

/** The ground check that moves a proposal from ditinjau to diverifikasi. */
export interface PeriksaUsulan {
  hasil_periksa: number;
  lat: number;
  lon: number;
  jawaban: Record<string, unknown>;
}

export const moveUsulan = (id: number, ke: Status, version: number, catatan?: string, periksa?: PeriksaUsulan) =>
  request<Usulan>('POST', `/api/v1/usulan/${id}/transisi`, { body: { ke, version, catatan: catatan || undefined, ...periksa } });

/** A client id that makes a retried create idempotent. crypto.randomUUID exists only in secure
 *  contexts (HTTPS, localhost); an office LAN on plain HTTP gets the same from getRandomValues. */
export function newUid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const isConflict = (e: unknown) => e instanceof ApiError && e.status === 409;

// ---- musyawarah kelurahan and attachments
export interface Musyawarah {
  id: number;
  kode_kelurahan: string;
  nomor_berita_acara: string;
  tanggal: string;
  notulen_lampiran_id: number;
  usulan_ids: number[];
  created_by: string;
  created_at: string;
}

export const createMusyawarah = (m: { nomor_berita_acara: string; tanggal: string; notulen_lampiran_id: number; usulan_ids: number[] }) =>
  request<Musyawarah>('POST', '/api/v1/musyawarah', { body: m });

export const uploadLampiran = (
  file: Blob,
  where: { pemilik: 'usulan' | 'musyawarah' | 'periksa'; pemilik_id?: number; kode_wilayah?: string },
) =>
  request<Lampiran>('POST', '/api/v1/lampiran', {
    query: { ...where, uid: newUid() },
    raw: { data: file, type: file.type || 'application/octet-stream' },
  });

export const lampiranHref = (id: number) => `/api/v1/lampiran/${id}`;

// ---- ground-check lists (operator; TKSK and kepala read)
export interface DaftarPeriksa {
  id: number;
  nama: string;
  sumber: 'filter' | 'ekstrak';
  keterangan: string | null;
  created_by: string;
  created_at: string;
  total: number;
  selesai: number;
  tanpa_petugas: number;
}

export interface Kemajuan {
  kelompok: string;
  selesai: number;
  total: number;
}

export type KemajuanPer = 'psm' | 'rw' | 'kelurahan' | 'kecamatan';

export const listDaftar = (signal?: AbortSignal) =>
  request<ListResponse<DaftarPeriksa>>('GET', '/api/v1/daftar-periksa', { signal }).then((r) => r.items);

export const getDaftar = (id: number | string, signal?: AbortSignal) =>
  request<DaftarPeriksa>('GET', `/api/v1/daftar-periksa/${encodeURIComponent(String(id))}`, { signal });

export const createDaftar = (d: { nama: string; kode_wilayah: string; desil_min?: number; desil_max?: number; status_padan?: string }) =>
  request<DaftarPeriksa>('POST', '/api/v1/daftar-periksa', { body: d });

export interface BagiReport {
  ditugaskan: number;
  per_petugas: Record<string, number>;
  rw_tanpa_petugas: string[];
}

export const bagiDaftar = (id: number, penugasan?: { kode_rw: string; petugas: string }[]) =>
  request<BagiReport>('POST', `/api/v1/daftar-periksa/${id}/bagi`, { body: penugasan ? { penugasan } : {} });

export const kemajuan = (id: number | string, per: KemajuanPer, signal?: AbortSignal) =>
  request<ListResponse<Kemajuan>>('GET', `/api/v1/daftar-periksa/${encodeURIComponent(String(id))}/kemajuan`, { query: { per }, signal }).then(
    (r) => r.items,
  );
