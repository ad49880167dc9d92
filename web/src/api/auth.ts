// Sessions: POST /api/v1/auth/login, /logout, /password and GET /api/v1/auth/me.
import { request } from './client';
import type { LoginResponse, Me } from './types';

export const login = (username: string, password: string) =>
  request<LoginResponse>('POST', '/api/v1/auth/login', { body: { username, password }, anonymousOk: true });

export const fetchMe = () => request<Me>('GET', '/api/v1/auth/me', { anonymousOk: true });

export const logout = () => request<{ ok: boolean }>('POST', '/api/v1/auth/logout', { anonymousOk: true });

export const changePassword = (current_password: string, new_password: string) =>
  request<{ ok: boolean }>('POST', '/api/v1/auth/password', { body: { current_password, new_password } });
