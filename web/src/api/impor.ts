// Registry import by upload (office operator): POST /api/v1/impor/{jenis} with the file as the
// request body starts a background job; GET /api/v1/impor/{jenis}/{job} reports its progress and,
// when done, the summary and the first 200 rejected rows (src/registry/import_api.cpp).
import { request, seg } from './client';

export type ImporJenis = 'keluarga' | 'anggota';

export interface ImporKesalahan {
  baris: number;
  kolom: string;
  nilai: string;
  pesan: string;
  pesan_en: string;
}

export interface ImporHasil {
  /** False: nothing was written (all-or-nothing and some row was rejected). */
  diterapkan: boolean;
  baris: number;
  baru: number;
  berubah: number;
  sama: number;
  ditolak: number;
  peringatan: number;
  jumlah_kesalahan: number;
  kesalahan: ImporKesalahan[];
  detik: number;
}

export interface ImporJob {
  id: string;
  jenis: ImporJenis;
  nama_file: string;
  oleh: string;
  mulai: string;
  status: 'berjalan' | 'selesai' | 'gagal';
  persen: number;
  baris: number;
  ditolak: number;
  error?: { code: string; message: string; message_en: string; row: number | null; field: string | null };
  hasil?: ImporHasil;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Type for the upload: from the browser, else from the extension. */
export function uploadType(file: File): string {
  if (file.type) return file.type;
  return /\.xlsx$/i.test(file.name) ? XLSX_TYPE : 'text/csv';
}

export function startImpor(jenis: ImporJenis, file: File, lewatiSalah: boolean): Promise<ImporJob> {
  return request<ImporJob>('POST', `/api/v1/impor/${seg(jenis)}`, {
    query: { lewati_salah: lewatiSalah ? 'ya' : undefined, nama_file: file.name },
    raw: { data: file, type: uploadType(file) },
  });
}

export function getImpor(jenis: ImporJenis, id: string, signal?: AbortSignal): Promise<ImporJob> {
  return request<ImporJob>('GET', `/api/v1/impor/${seg(jenis)}/${seg(id)}`, { signal });
}
