// The signed-in user as last seen, kept on the device for field roles so the app still opens
// (and its offline screens work) when the phone starts without signal. Holds only what
// /auth/me says about the account (no personal data of the people in the registry); removed
// on logout. The session cookie itself stays HttpOnly; the server decides again when online.
import type { Me } from '../api/types';

const KEY = 'pilar.offline.me';

export const FIELD_ROLES = ['psm', 'tksk', 'operator'] as const;

export function isFieldRole(role: string): boolean {
  return (FIELD_ROLES as readonly string[]).includes(role);
}

export function rememberMe(me: Me): void {
  if (!isFieldRole(me.role)) return;
  try {
    localStorage.setItem(KEY, JSON.stringify(me));
  } catch {
    /* storage full or private mode: offline start is not available, nothing else breaks */
  }
}

export function rememberedMe(): Me | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Me) : null;
  } catch {
    return null;
  }
}

export function forgetMe(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    /* nothing kept */
  }
}
