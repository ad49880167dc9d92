// Training events (server: src/events): events and sessions, participants, invitations,
// check-in at the door, attendance files, certificates, door-prize draws, the caller's own
// cards, and the public certificate check.
import { download, request, saveBlob, type Query } from './client';

export type JenisAcara = 'pembinaan' | 'bimtek' | 'sosialisasi' | 'lainnya';
export type StatusAcara = 'draf' | 'dibuka' | 'ditutup' | 'selesai' | 'batal';
export type PeranPeserta = 'peserta' | 'narasumber' | 'panitia' | 'tamu';

export interface Sesi {
  id: number;
  acara_id: number;
  urutan: number;
  judul: string;
  topik: string | null;
  mulai: string;
  selesai: string;
  narasumber_id: number | null;
  narasumber_nama: string | null;
  jumlah_hadir: number;
}

export interface Acara {
  id: number;
  judul: string;
  jenis: JenisAcara;
  deskripsi: string | null;
  tanggal_mulai: string;
  tanggal_selesai: string;
  tempat: string;
  kapasitas: number;
  penyelenggara: string;
  kode_wilayah: string;
  pelatihan_dasar: boolean;
  status: StatusAcara;
  jumlah_terdaftar: number;
  version: number;
  sesi?: Sesi[];
}

export interface Peserta {
  id: number;
  acara_id: number;
  user_id: number | null;
  nama: string;
  peran: PeranPeserta;
  peran_akun: string | null;
  kode_wilayah: string | null;
  telepon: string | null;
  instansi: string | null;
  status: 'diundang' | 'terdaftar' | 'batal';
  sertifikat_kode: string | null;
  sertifikat_dicabut_pada: string | null;
  sesi_hadir: number;
  token?: string;
  kode_kartu?: string;
  qr_svg?: string;
}

export interface AcaraSaya extends Acara {
  sesi: Sesi[];
  peserta: Peserta;
}

export interface CheckIn {
  hasil: 'hadir' | 'sudah';
  pesan: string;
  jam: string;
  hadir: { pintu: string; waktu: string };
  peserta: Peserta;
  sesi: Sesi;
}

export interface Undian {
  id: number;
  hadiah: string;
  jumlah: number;
  seed: string;
  algoritma: string;
  calon: number[];
  calon_digest: string;
  pemenang: { urutan: number; peserta_id: number; nama: string }[];
  dibuat_pada: string;
  dibuat_oleh: string;
}

export interface Verifikasi {
  valid: boolean;
  kode: string;
  nama?: string;
  acara?: string;
  tanggal_mulai?: string;
  tanggal_selesai?: string;
  dicabut_pada?: string | null;
}

export interface AcaraInput {
  judul?: string;
  jenis?: JenisAcara;
  deskripsi?: string;
  tanggal_mulai?: string;
  tanggal_selesai?: string;
  tempat?: string;
  kapasitas?: number;
  penyelenggara?: string;
  kode_wilayah?: string;
  pelatihan_dasar?: boolean;
  status?: StatusAcara;
  version?: number;
  sesi?: { judul: string; topik?: string; mulai: string; selesai: string }[];
}

const base = (id: number) => `/api/v1/acara/${id}`;

export const listAcara = (signal?: AbortSignal) => request<{ items: Acara[] }>('GET', '/api/v1/acara', { signal }).then((r) => r.items);
export const getAcara = (id: number, signal?: AbortSignal) => request<Acara>('GET', base(id), { signal });
export const createAcara = (body: AcaraInput) => request<Acara>('POST', '/api/v1/acara', { body });
export const updateAcara = (id: number, body: AcaraInput) => request<Acara>('PATCH', base(id), { body });
export const addSesi = (id: number, body: { judul: string; topik?: string; mulai: string; selesai: string }) =>
  request<Sesi>('POST', `${base(id)}/sesi`, { body });
export const listPeserta = (id: number, signal?: AbortSignal) =>
  request<{ items: Peserta[] }>('GET', `${base(id)}/peserta`, { signal }).then((r) => r.items);
export const addPeserta = (id: number, body: { nama: string; peran: PeranPeserta; instansi?: string; telepon?: string; daftar?: boolean }) =>
  request<Peserta>('POST', `${base(id)}/peserta`, { body });
export const setPesertaStatus = (id: number, pid: number, status: 'terdaftar' | 'batal') =>
  request<Peserta>('POST', `${base(id)}/peserta/${pid}/status`, { body: { status } });
export const undang = (id: number, body: { peran_akun: string[]; kode_wilayah: string; langsung_daftar?: boolean }) =>
  request<{ diundang: number; sudah_ada: number; didaftarkan: number; penuh: number }>('POST', `${base(id)}/undangan`, { body });
export const daftarSendiri = (id: number) => request<Peserta>('POST', `${base(id)}/daftar`);
export const checkIn = (id: number, body: { kode: string; sesi_id?: number; pintu: string }) =>
  request<CheckIn>('POST', `${base(id)}/check-in`, { body });
export const terbitkanSertifikat = (id: number, minimal_sesi: number) =>
  request<{ diterbitkan: number; sudah_ada: number; tidak_memenuhi: number }>('POST', `${base(id)}/sertifikat`, { body: { minimal_sesi } });
export const listUndian = (id: number, signal?: AbortSignal) =>
  request<{ items: Undian[] }>('GET', `${base(id)}/undian`, { signal }).then((r) => r.items);
export const undi = (id: number, body: { hadiah: string; jumlah: number; seed?: string }) => request<Undian>('POST', `${base(id)}/undian`, { body });
export const ulangUndian = (id: number, uid: number) => request<{ sama: boolean }>('GET', `${base(id)}/undian/${uid}/ulang`);
export const acaraSaya = (signal?: AbortSignal) => request<{ items: AcaraSaya[] }>('GET', '/api/v1/acara-saya', { signal }).then((r) => r.items);
export const verifikasi = (kode: string, signal?: AbortSignal) =>
  request<Verifikasi>('GET', `/api/v1/sertifikat/${encodeURIComponent(kode)}`, { signal, anonymousOk: true });

/** Downloads one of the event's files (attendance XLSX/PDF, cards, certificates) and saves it. */
export async function saveFile(id: number, what: 'hadir' | 'kartu' | 'sertifikat', query?: Query): Promise<void> {
  const r = await download('GET', `${base(id)}/${what}`, { query });
  saveBlob(r.blob, r.name);
}
