// Admin user management: /api/v1/users.
import { request, seg } from './client';
import type { ListResponse, Role, User } from './types';

export interface NewUser {
  username: string;
  role: Role;
  password: string;
  nama?: string;
  wilayah: string[];
}

export const listUsers = () => request<ListResponse<User>>('GET', '/api/v1/users').then((r) => r.items);

export const createUser = (u: NewUser) => request<User>('POST', '/api/v1/users', { body: u });

export const setUserActive = (username: string, active: boolean) =>
  request<User>('POST', `/api/v1/users/${seg(username)}/${active ? 'enable' : 'disable'}`, { body: {} });

export const resetPassword = (username: string, password: string) =>
  request<{ ok: boolean }>('POST', `/api/v1/users/${seg(username)}/reset-password`, { body: { password } });
