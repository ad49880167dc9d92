// Data-subject rights (server: src/privacy): a person's legal basis, the data-subject access
// export (operator), and erasure by anonymisation where the retention rules allow it.
import { request } from './client';

export type Dasar = 'tugas_publik' | 'persetujuan';
export type WaliHubungan = 'ayah' | 'ibu' | 'wali';

export interface DasarHukum {
  anggota_id: number;
  dasar: Dasar;
  /** false: never recorded; the public task applies. */
  tercatat: boolean;
  persetujuan_tanggal: string | null;
  persetujuan_oleh: string | null;
  wali_nama: string | null;
  wali_hubungan: WaliHubungan | null;
  wali_anggota_id: number | null;
  catatan: string | null;
  /** Under 18 by the birth date: a parent or guardian is required. */
  anak: boolean;
  version: number;
  diubah_pada: string | null;
  diubah_oleh: string | null;
}

export interface DasarHukumInput {
  dasar: Dasar;
  persetujuan_tanggal?: string;
  persetujuan_oleh?: string;
  wali_nama?: string;
  wali_hubungan?: WaliHubungan;
  catatan?: string;
  version: number;
}

export interface EvaluasiHapus {
  anggota_id: number;
  boleh: boolean;
  hambatan: { kode: string; pesan: string }[];
  dasar: string;
  aktivitas_terakhir: string | null;
  boleh_sejak: string | null;
}

const base = (id: number) => `/api/v1/anggota/${id}`;

export const getDasarHukum = (id: number, signal?: AbortSignal) => request<DasarHukum>('GET', `${base(id)}/dasar-hukum`, { signal });
export const putDasarHukum = (id: number, body: DasarHukumInput) => request<DasarHukum>('PUT', `${base(id)}/dasar-hukum`, { body });
export const evaluasiHapus = (id: number, signal?: AbortSignal) => request<EvaluasiHapus>('GET', `${base(id)}/hapus-data`, { signal });
export const hapusData = (id: number, version: number, alasan: string) =>
  request<{ anggota_id: number; audit_diredaksi: number[] }>('POST', `${base(id)}/hapus-data`, { body: { version, alasan } });
/** A plain link downloads it with the session cookie (GET needs no CSRF token). */
export const exportUrl = (id: number, format: 'json' | 'pdf') => `${base(id)}/data-pribadi${format === 'pdf' ? '?format=pdf' : ''}`;
