// Dashboards (src/dashboard on the server): the panels this role may open and each panel's
// numbers, read from aggregates the server keeps current on every write. `kode` is a kota,
// kecamatan or kelurahan inside the caller's scope (default: their own area).
import { request, seg } from './client';

export interface Dasbor {
  kode_wilayah: string;
  panel: { id: string; ringkasan: string }[];
  /** Tile URL template, or null: the map draws its clusters on a plain background. */
  peta: { ubin: string | null; atribusi: string };
}

export interface Area {
  kode: string;
  nama: string | null;
}

export interface WilayahPanel {
  wilayah: Area;
  total: { keluarga: number; jiwa: number; ppks: number };
  per_ppks: { ppks: number; n: number }[];
  per_wilayah: (Area & { keluarga: number; jiwa: number; ppks: number })[];
}

export interface UsulanPanel {
  total: number;
  per_status: Record<string, number>;
  per_wilayah: (Area & { per_status: Record<string, number> })[];
}

export interface PeriksaPanel {
  selesai: number;
  total: number;
  per_daftar: { daftar_id: number; nama: string; selesai: number; total: number }[];
  per_wilayah: (Area & { selesai: number; total: number })[];
}

export interface DuplikatPanel {
  menunggu: number;
  per_wilayah: (Area & { menunggu: number })[];
}

export interface PsmPanel {
  rw: number;
  rw_psm: number;
  per_wilayah: (Area & { rw: number; rw_psm: number })[];
  rw_tanpa_psm: string[];
  rw_tanpa_psm_lengkap: boolean;
}

export interface AktivitasPanel {
  dari: string;
  sampai: string;
  per_petugas: { username: string; usulan: number; periksa: number }[];
  per_hari: { hari: string; usulan: number; periksa: number }[];
}

export interface PetaPanel {
  tingkat: number;
  ukuran_sel: number;
  keluarga: number;
  /** [lat, lon, households] per grid cell (the households' mean position). */
  sel: [number, number, number][];
  lengkap: boolean;
}

export const dasbor = (kode?: string, signal?: AbortSignal) =>
  request<Dasbor>('GET', '/api/v1/dasbor', { query: { kode_wilayah: kode }, signal });

export function panel<T>(id: string, kode: string, query: Record<string, string | number | undefined> = {}, signal?: AbortSignal) {
  return request<T & { panel: string; kode_wilayah: string }>('GET', `/api/v1/dasbor/${seg(id)}`, {
    query: { kode_wilayah: kode, ...query },
    signal,
  });
}
