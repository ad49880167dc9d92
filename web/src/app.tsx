// Decides what the page shows: boot → login → forced password change → the signed-in shell with
// the screen for the current URL (or "not found" / "not for your role").
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Me } from './api/types';
import { langStore, t } from './i18n';
import { roleLabel } from './labels';
import { allowed, publicRoutes, routes, type RouteDef } from './routes';
import { Link } from './router/Link';
import { locationStore, matchPath, navigate } from './router/router';
import { ChangePasswordScreen } from './screens/ChangePassword';
import { Login } from './screens/Login';
import { loadSession, session } from './state/session';
import { useStore } from './state/store';
import { ErrorState, Loading, PageTitle } from './components/ui';
import { Layout, PublicLayout } from './shell/Layout';

type Lazy<P> = { component?: ComponentType<P>; load?: () => Promise<{ default: ComponentType<P> }> };
const loaded = new Map<object, ComponentType<never>>();

/**
 * Fetches the chunk of the screen at `path` alongside the session probe (App's first effect), so
 * that the screen is drawn as soon as /auth/me answers instead of one more round trip later. A
 * user who turns out to be signed out (or not allowed there) has fetched one small chunk for
 * nothing.
 */
function preloadScreen(path: string): void {
  const route = routes.find((r) => matchPath(r.path, path));
  if (!route?.load || loaded.has(route)) return;
  route.load().then(
    (m) => void loaded.set(route, m.default as ComponentType<never>),
    () => {
      /* RouteScreen loads it again and shows the error with a retry */
    },
  );
}

/** Renders a route's screen, fetching its chunk first when the route is lazy. */
function RouteScreen<P extends object>({ route, props }: { route: Lazy<P>; props: P }) {
  const [C, setC] = useState<ComponentType<P> | undefined>(() => route.component ?? (loaded.get(route) as ComponentType<P> | undefined));
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const ready = route.component ?? (loaded.get(route) as ComponentType<P> | undefined);
    setC(() => ready);
    setError(null);
    if (ready || !route.load) return;
    let live = true;
    route.load().then(
      (m) => {
        loaded.set(route, m.default as ComponentType<never>);
        if (live) setC(() => m.default);
      },
      () => live && setError(new Error(t('error.chunk'))),
    );
    return () => {
      live = false;
    };
  }, [route, attempt]);
  if (error) return <ErrorState error={error} onRetry={() => setAttempt((a) => a + 1)} />;
  if (!C)
    return (
      <div class="screen-wait">
        <Loading />
      </div>
    );
  return <C {...(props as P & JSX.IntrinsicAttributes)} />;
}

function NotFound() {
  return (
    <section>
      <PageTitle title={t('notFound.title')}>{t('notFound.title')}</PageTitle>
      <p>{t('notFound.body')}</p>
      <p>
        <Link href="/">{t('action.backHome')}</Link>
      </p>
    </section>
  );
}

function Forbidden({ me }: { me: Me }) {
  return (
    <section>
      <PageTitle title={t('forbidden.title')}>{t('forbidden.title')}</PageTitle>
      <p>{t('forbidden.body', { role: roleLabel(me.role) })}</p>
      <p>
        <Link href="/">{t('action.backHome')}</Link>
      </p>
    </section>
  );
}

function SignedIn({ me }: { me: Me }) {
  const loc = useStore(locationStore);
  useEffect(() => {
    if (loc.path === '/masuk') navigate('/', { replace: true });
  }, [loc.path]);
  let body;
  let found: { route: RouteDef; params: Record<string, string> } | null = null;
  for (const route of routes) {
    const params = matchPath(route.path, loc.path);
    if (params) {
      found = { route, params };
      break;
    }
  }
  if (loc.path === '/masuk') body = <Loading />;
  else if (!found) body = <NotFound />;
  else if (!allowed(found.route, me.role)) body = <Forbidden me={me} />;
  else body = <RouteScreen key={found.route.path} route={found.route} props={{ params: found.params, query: loc.query, me }} />;
  return <Layout me={me}>{body}</Layout>;
}

/** A public screen (certificate verification) for the current path, if it is one. */
function publicScreen(path: string) {
  for (const route of publicRoutes) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return null;
}

export function App() {
  const s = useStore(session);
  const loc = useStore(locationStore);
  useStore(langStore); // re-render everything in the new language
  useEffect(() => {
    // After the boot screen's first paint: the session probe and the screen's chunk together.
    void loadSession();
    preloadScreen(locationStore.get().path);
  }, []);

  const pub = publicScreen(loc.path);
  if (pub)
    return (
      <PublicLayout me={s.status === 'in' ? s.me : undefined}>
        <RouteScreen key={pub.route.path} route={pub.route} props={{ params: pub.params }} />
      </PublicLayout>
    );

  switch (s.status) {
    case 'loading':
      return (
        <PublicLayout>
          <Loading label={t('state.starting')} />
        </PublicLayout>
      );
    case 'unreachable':
      return (
        <PublicLayout>
          <PageTitle title={t('unreachable.title')}>{t('unreachable.title')}</PageTitle>
          <ErrorState
            error={new Error(s.message)}
            what={t('unreachable.body')}
            onRetry={() => {
              session.set({ status: 'loading' });
              void loadSession();
            }}
          />
        </PublicLayout>
      );
    case 'anon':
      return (
        <PublicLayout>
          <Login notice={s.notice} />
        </PublicLayout>
      );
    case 'in':
      if (s.me.wajib_ganti_sandi)
        return (
          <PublicLayout me={s.me}>
            <ChangePasswordScreen forced />
          </PublicLayout>
        );
      return <SignedIn me={s.me} />;
  }
}
