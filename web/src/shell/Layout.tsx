// The frame around every signed-in screen: header (app name, who you are and where you work,
// search, language, logout, offline/update banners), role-aware navigation, main, footer.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Me } from '../api/types';
import { t } from '../i18n';
import { roleLabel, useWilayahNames } from '../labels';
import { navFor } from '../routes';
import { Link } from '../router/Link';
import { locationStore, navigate } from '../router/router';
import { signOut } from '../state/session';
import { useStore } from '../state/store';
import { Brand, Footer, LangToggle, OfflineBanner, SkipLink, UpdateBanner } from './parts';
import { SearchBox } from './SearchBox';

function LogoutButton() {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      class="btn btn-quiet"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        await signOut();
        navigate('/masuk', { replace: true });
      }}
    >
      {t('action.logout')}
    </button>
  );
}

/** Role and scope, always visible: the UI mirrors what the server lets this user see. */
function WhoAmI({ me }: { me: Me }) {
  const names = useWilayahNames(me.wilayah);
  return (
    <p class="whoami">
      <span class="role-badge">{roleLabel(me.role)}</span>{' '}
      <span class="whoami-name">{me.nama || me.username}</span>
      <span class="whoami-scope">
        <span class="vh">{t('shell.scope')}: </span>
        {names.length ? names.join('; ') : t('shell.noScope')}
      </span>
    </p>
  );
}

function MainNav({ me }: { me: Me }) {
  const { path } = useStore(locationStore);
  const items = navFor(me.role);
  const matches = (m: string) => (m === '/' ? path === '/' : path === m || path.startsWith(m + '/'));
  // The most specific entry is the current one: /keluarga/baru is "Daftarkan keluarga" only, not
  // also "Keluarga" (both were marked).
  const current = items
    .map((r) => r.nav!.match)
    .filter(matches)
    .sort((a, b) => b.length - a.length)[0];
  // On a phone the menu scrolls sideways: bring the current entry into its visible part (opened
  // directly, /profil's entry sat beyond the right edge). Only the menu scrolls, never the page.
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const nav = ref.current;
    const a = nav?.querySelector('a[aria-current="page"]');
    if (!nav || !a || nav.scrollWidth <= nav.clientWidth) return;
    const n = nav.getBoundingClientRect();
    const r = a.getBoundingClientRect();
    if (r.left < n.left) nav.scrollLeft -= n.left - r.left + 16;
    else if (r.right > n.right) nav.scrollLeft += r.right - n.right + 16;
  }, [current]);
  return (
    <nav class="main-nav" aria-label={t('shell.navLabel')} ref={ref}>
      <ul>
        {items.map((r) => {
          const m = r.nav!.match;
          return (
            <li key={r.path}>
              <Link href={m} aria-current={m === current ? 'page' : undefined}>
                {t(r.nav!.label)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function Layout({ me, children }: { me: Me; children: ComponentChildren }) {
  return (
    <div class="app">
      <header class="app-header">
        <SkipLink />
        <div class="bar">
          <Brand />
          <div class="bar-actions">
            <LangToggle />
            <LogoutButton />
          </div>
        </div>
        <WhoAmI me={me} />
        <SearchBox />
        <OfflineBanner />
        <UpdateBanner />
      </header>
      <MainNav me={me} />
      <main id="main" tabIndex={-1} class="app-main">
        {children}
      </main>
      <Footer />
    </div>
  );
}

/** Frame for screens before the shell opens: login, forced password change, server unreachable. */
export function PublicLayout({ children, me }: { children: ComponentChildren; me?: Me }) {
  return (
    <div class="app app-public">
      <header class="app-header">
        <SkipLink />
        <div class="bar">
          <Brand />
          <div class="bar-actions">
            <LangToggle />
            {me && <LogoutButton />}
          </div>
        </div>
        {me && <WhoAmI me={me} />}
        <OfflineBanner />
        <UpdateBanner />
      </header>
      <main id="main" tabIndex={-1} class="app-main app-main-narrow">
        {children}
      </main>
      <Footer />
    </div>
  );
}
