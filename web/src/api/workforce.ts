// The workforce (src/workforce on the server): the roster of pilar sosial, coverage of the RWs,
// activity reports (created offline through the sync queue: kegiatan.buat / kegiatan.foto), the
// monthly recap with incentive eligibility, and the ranking.
import { download, request, type Query } from './client';

export const JENIS_PILAR = ['psm', 'tksk', 'psp', 'tagana', 'lks', 'kt', 'lk3', 'kp', 'wksbm', 'wpks', 'ps', 'du'] as const;
export const STATUS_PILAR = ['kandidat', 'aktif', 'nonaktif', 'berhenti'] as const;
export const JENIS_KEGIATAN = [
  'kunjungan_rumah',
  'periksa_lapangan',
  'pendampingan_rujukan',
  'sosialisasi',
  'tanggap_bencana',
  'rapat',
  'pendataan',
  'lainnya',
] as const;
export type StatusPilar = (typeof STATUS_PILAR)[number];

export interface Sk {
  id: number;
  nomor: string;
  tanggal: string;
  ditandatangani: string;
  mulai: string;
  selesai: string;
  perpanjangan_dari: number | null;
}

export interface Penugasan {
  id: number;
  kode_wilayah: string;
  mulai: string;
  selesai: string | null;
  alasan: string | null;
}

/** One requirement of the checklist; `catatan` is the server's Indonesian note, whose facts come as
 *  data too (each where its kode has it), for the app to word in the reader's language. */
export interface Syarat {
  kode: string;
  wajib: boolean;
  terpenuhi: boolean;
  catatan: string;
  usia?: number;
  minimal?: number;
  kode_ktp?: string;
  wilayah?: string;
  tanggal?: string;
  acara?: number;
  nomor?: string;
  mulai?: string;
  selesai?: string;
}

export interface PilarSosial {
  id: number;
  jenis: string;
  jenis_label: string;
  nama: string;
  jenis_kelamin: string | null;
  tanggal_lahir: string | null;
  alamat: string | null;
  telepon: string | null;
  email: string | null;
  kode_ktp: string | null;
  ketua_rt_rw: boolean;
  pelatihan_dasar: string | null;
  /** "acara:<id>" when it comes from an event's attendance list; else what was recorded by hand. */
  pelatihan_sumber: string | null;
  username: string | null;
  kode_wilayah: string;
  status: StatusPilar;
  status_alasan: string | null;
  penugasan: Penugasan[];
  sk: Sk | null;
  sk_riwayat?: Sk[];
  status_riwayat?: { dari: string | null; ke: string; alasan: string | null; at: string; username: string }[];
  syarat?: Syarat[];
  version: number;
}

export interface CakupanRw {
  kode: string;
  nama: string;
  psm: { id: number; nama: string }[];
}

export interface Cakupan {
  kode_wilayah: string;
  /** The kota's rule: SKs ending within this many days are in sk_berakhir. */
  sk_peringatan_hari: number;
  rw: number;
  rw_tercakup: number;
  rw_kosong: number;
  rw_ganda: number;
  psm_aktif: number;
  kecamatan: { kode: string; nama: string; rw: number; rw_kosong: number; rw_ganda: number; psm_aktif: number; tksk: string | null }[];
  kelurahan: {
    kode: string;
    nama: string;
    kode_kecamatan: string;
    rw: number;
    rw_kosong: number;
    rw_ganda: number;
    psm_aktif: number;
    kosong: CakupanRw[];
    ganda: CakupanRw[];
  }[];
  sk_berakhir: { pilar_id: number; nama: string; jenis: string; kode_wilayah: string; sk: Sk; sisa_hari: number }[];
}

/** GET /cakupan/peta: one feature per kelurahan; the point is the mean GPS of its activity
 *  reports (null while it has none). */
export interface CakupanPeta {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id: string;
    geometry: { type: 'Point'; coordinates: [number, number] } | null;
    properties: { kode: string; nama: string; kode_kecamatan: string; rw: number; rw_tercakup: number; rw_kosong: number; rw_ganda: number; psm_aktif: number };
  }[];
}

export interface Laporan {
  id: number;
  uid: string | null;
  pilar_id: number;
  pilar_nama: string;
  tanggal: string;
  jenis: string;
  uraian: string;
  kode_wilayah: string;
  lat: number | null;
  lon: number | null;
  sasaran: { keluarga_id: number; anggota_id: number | null }[];
  foto: { id: number }[];
}

export interface RekapBaris {
  pilar_id: number;
  nama: string;
  username: string | null;
  kode_wilayah: string;
  status: StatusPilar;
  wilayah_tugas: string[];
  angka: Record<string, number>;
  layak_insentif: boolean;
  insentif: number;
  alasan_tidak_layak: string[];
  /** The same reasons as data (screens/workforce/alasan.ts words them). */
  alasan_rinci?: AlasanTidakLayak[];
}

export type AlasanTidakLayak = { kode: 'status'; status: StatusPilar } | { kode: 'laporan'; jumlah: number; minimal: number };

export interface Rekap {
  bulan: string;
  kode_wilayah: string;
  indikator: string[];
  items: RekapBaris[];
  total: Record<string, number>;
  layak: number;
  total_insentif: number;
}

export interface Peringkat {
  pilar_id: number;
  nama: string;
  kode_wilayah: string;
  kode_kecamatan: string;
  skor: number;
  peringkat_kota: number;
  peringkat_kecamatan: number;
  rincian: { indikator: string; nilai: number; bobot: number; skor: number }[];
}

const base = '/api/v1';

export const listPilar = (query: Query, signal?: AbortSignal) =>
  request<{ items: PilarSosial[]; next?: string }>('GET', `${base}/pilar-sosial`, { query, signal });
export const getPilar = (id: number | string, signal?: AbortSignal) => request<PilarSosial>('GET', `${base}/pilar-sosial/${Number(id)}`, { signal });
/** The caller's own roster record; null when the roster does not list this account (yet). */
export const myPilar = (signal?: AbortSignal) =>
  request<{ pilar: PilarSosial | null }>('GET', `${base}/pilar-sosial/saya`, { signal }).then((r) => r.pilar);
export const createPilar = (body: Record<string, unknown>) => request<PilarSosial>('POST', `${base}/pilar-sosial`, { body });
export const setStatus = (id: number, body: { status: string; alasan?: string; version: number }) =>
  request<PilarSosial>('POST', `${base}/pilar-sosial/${id}/status`, { body });
export const assign = (id: number, body: { wilayah: string[]; mulai?: string; alasan?: string; version: number }) =>
  request<PilarSosial>('POST', `${base}/pilar-sosial/${id}/penugasan`, { body });
export const addSk = (id: number, body: Record<string, unknown>) => request<Sk>('POST', `${base}/pilar-sosial/${id}/sk`, { body });
export const setTraining = (id: number, tanggal: string) =>
  request<PilarSosial>('POST', `${base}/pilar-sosial/${id}/pelatihan-dasar`, { body: { tanggal } });

export const getCakupan = (kode_wilayah: string | undefined, signal?: AbortSignal) =>
  request<Cakupan>('GET', `${base}/cakupan`, { query: { kode_wilayah }, signal });
export const getCakupanPeta = (kode_wilayah: string | undefined, signal?: AbortSignal) =>
  request<CakupanPeta>('GET', `${base}/cakupan/peta`, { query: { kode_wilayah }, signal });

export const listLaporan = (query: Query, signal?: AbortSignal) =>
  request<{ items: Laporan[]; next?: string }>('GET', `${base}/laporan-kegiatan`, { query, signal });

export const getRekap = (query: { bulan: string; kode_wilayah?: string; jenis?: string }, signal?: AbortSignal) =>
  request<Rekap>('GET', `${base}/rekap`, { query, signal });
export const exportRekap = (query: { bulan: string; kode_wilayah?: string; format: 'csv' | 'xlsx' }) =>
  download('GET', `${base}/rekap/ekspor`, { query });

/** The TKSK's monthly kecamatan report: their own row, their PSMs' recap, the coverage. */
export interface LaporanKecamatan {
  bulan: string;
  kode_kecamatan: string;
  nama_kecamatan: string;
  tksk: RekapBaris | null;
  psm: Rekap;
  cakupan: { rw: number; rw_tercakup: number; rw_kosong: number; rw_ganda: number; psm_aktif: number };
}
export const getLaporanKecamatan = (query: { bulan: string; kode_wilayah?: string }, signal?: AbortSignal) =>
  request<LaporanKecamatan>('GET', `${base}/rekap/kecamatan`, { query, signal });

export const getPeringkat = (query: { periode: string; kode_wilayah?: string; limit?: number }, signal?: AbortSignal) =>
  request<{ items: Peringkat[] }>('GET', `${base}/peringkat`, { query, signal });
export const exportPeringkat = (query: { periode: string; kode_wilayah?: string; format: 'csv' | 'xlsx' }) =>
  download('GET', `${base}/peringkat/ekspor`, { query });

/** One rule of a kota: its kind, value, default, range and last change (null: never changed). */
export interface Aturan {
  kunci: string;
  jenis: 'integer' | 'number' | 'boolean';
  nilai: number;
  bawaan: number;
  min: number;
  max: number;
  updated_by: string | null;
  updated_at: string | null;
}

/** The rules of one kota (each kota/kabupaten in the database has its own). */
export interface AturanKota {
  kode_kota: string;
  daftar: Aturan[];
}

const aturanPath = `${base}/aturan-pilar-sosial`;
export const getAturan = (signal?: AbortSignal) => request<AturanKota>('GET', aturanPath, { signal });
/** Changes one rule of the caller's kota (operator/admin); nilai as text, as the server reads it. */
export const setAturan = (kunci: string, nilai: string) => request<AturanKota>('POST', aturanPath, { body: { kunci, nilai } });

/** This month as YYYY-MM on the device's calendar (calendar.ts). */
export { thisMonth } from '../calendar';
