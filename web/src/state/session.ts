// Who is signed in. The session itself is an HttpOnly cookie the page cannot read; what the page
// keeps is the user record from /auth/me and the CSRF token for state-changing requests.
import { ApiError, configureClient } from '../api/client';
import * as auth from '../api/auth';
import type { Me } from '../api/types';
import { lang, t, type MessageKey } from '../i18n';
import { rememberedMe } from '../offline/session-cache';
import { forgetKeptForms } from '../components/kept';
import { Store } from './store';

export type Session =
  | { status: 'loading' }
  | { status: 'anon'; notice?: MessageKey }
  | { status: 'unreachable'; message: string }
  | { status: 'in'; me: Me };

export const session = new Store<Session>({ status: 'loading' });

let csrf: string | null = null;

configureClient({
  csrfToken: () => csrf,
  language: () => lang(),
  onUnauthenticated: () => {
    if (session.get().status === 'in') endSession('notice.sessionExpired');
  },
  networkMessage: () => t('error.network'),
  statusMessage: (status) => t('error.status', { status }),
});

function endSession(notice?: MessageKey): void {
  csrf = null;
  session.set({ status: 'anon', notice });
}

/** Asks the server whether this browser already has a session (page load, "try again"). */
export async function loadSession(): Promise<void> {
  try {
    const me = await auth.fetchMe();
    csrf = me.csrf_token ?? null;
    session.set({ status: 'in', me });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) endSession();
    else {
      // No signal: a field worker whose account this device remembers gets the app anyway, so
      // the offline screens open; the server decides again when the connection returns.
      const known = e instanceof ApiError && e.isNetwork ? rememberedMe() : null;
      if (known) {
        csrf = known.csrf_token ?? null;
        session.set({ status: 'in', me: known });
      } else session.set({ status: 'unreachable', message: e instanceof Error ? e.message : String(e) });
    }
  }
}

/** Throws ApiError (wrong password, throttled, ...) for the login form to show. */
export async function signIn(username: string, password: string): Promise<Me> {
  const r = await auth.login(username, password);
  csrf = r.csrf_token;
  const me: Me = { ...r.user, csrf_token: r.csrf_token };
  session.set({ status: 'in', me });
  return me;
}

/** Re-reads the user record, e.g. after a password change lifted wajib_ganti_sandi. */
export async function refreshMe(): Promise<void> {
  const me = await auth.fetchMe();
  csrf = me.csrf_token ?? csrf;
  session.set({ status: 'in', me });
}

export async function signOut(): Promise<void> {
  try {
    await auth.logout();
  } catch {
    // Offline or already expired: the cookie dies with its session on the server anyway.
  }
  // Unsaved form input is kept through an expired session (the user signs in again and finds it),
  // not past a sign-out.
  forgetKeptForms();
  endSession('notice.signedOut');
}

export function currentUser(): Me | null {
  const s = session.get();
  return s.status === 'in' ? s.me : null;
}
