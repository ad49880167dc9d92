// Shapes of the JSON the server sends (see /api/openapi.json). Field names are the API's own.

export type Role = 'psm' | 'tksk' | 'operator' | 'kepala' | 'admin';
export const ROLES: readonly Role[] = ['psm', 'tksk', 'operator', 'kepala', 'admin'];

export type Tingkat = 'provinsi' | 'kota' | 'kecamatan' | 'kelurahan' | 'rw' | 'rt';

export interface User {
  username: string;
  nama: string;
  role: Role;
  wilayah: string[];
  aktif: boolean;
  wajib_ganti_sandi?: boolean;
  dibuat_pada?: string;
  terkunci_sampai?: string;
  version?: number;
}

/** GET /api/v1/auth/me: the signed-in user plus this session's CSRF token. */
export interface Me extends User {
  csrf_token?: string;
}

export interface LoginResponse {
  csrf_token: string;
  expires_at?: string;
  user: User;
}

export interface Wilayah {
  kode: string;
  nama: string;
  tingkat: Tingkat;
  induk: string | null;
  jenis?: 'kota' | 'kabupaten' | 'kelurahan' | 'desa';
  aktif?: boolean;
  dinonaktifkan_pada?: string;
  alasan_nonaktif?: string;
  version?: number;
}

export interface ListResponse<T> {
  items: T[];
}
