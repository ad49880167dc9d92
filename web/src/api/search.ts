// The fuzzy person search (GET /api/v1/cari): names as people type them (titles, Moch./Muhammad,
// old spelling, typos) ranked by similarity, or a 16-digit NIK / No. KK matched exactly. Only
// people in the caller's area come back, NIK masked.
import { request } from './client';

export interface HasilCari {
  id: number;
  keluarga_id: number;
  nama: string;
  nik: string | null;
  nik_tersamar: boolean;
  jenis_kelamin: 'L' | 'P';
  tanggal_lahir: string | null;
  kode_wilayah_lengkap: string;
  kelurahan: { kode: string; nama: string };
  skor: number;
}

export interface CariQuery {
  q: string;
  tahun_lahir?: number;
  toleransi_tahun?: number;
  jenis_kelamin?: 'L' | 'P';
  kode_wilayah?: string;
  /** YYYY-MM-DD: that date ranks first (day/month swapped next); without tahun_lahir also its year +-1. */
  tanggal_lahir?: string;
  limit?: number;
}

export const cariOrang = (q: CariQuery, signal?: AbortSignal) =>
  request<{ cara: 'nama' | 'nik' | 'no_kk'; items: HasilCari[] }>('GET', '/api/v1/cari', {
    query: {
      q: q.q,
      tahun_lahir: q.tahun_lahir === undefined ? undefined : String(q.tahun_lahir),
      toleransi_tahun: q.toleransi_tahun === undefined ? undefined : String(q.toleransi_tahun),
      jenis_kelamin: q.jenis_kelamin,
      kode_wilayah: q.kode_wilayah,
      tanggal_lahir: q.tanggal_lahir,
      limit: q.limit === undefined ? undefined : String(q.limit),
    },
    signal,
  });
