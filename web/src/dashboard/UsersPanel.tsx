import { listUsers } from '../api/users';
import type { Settled } from '../components/prepare';
import { ErrorState, Loading } from '../components/ui';
import { useAsync } from '../components/useAsync';
import { formatNumber, t, tn } from '../i18n';
import { Link } from '../router/Link';

/** Fetched with the other panels' data (components/prepare.ts). */
export const data = () => listUsers();

/** Admin: how many accounts, and how many need attention. */
export default function UsersPanel({ data: ready }: { data?: Settled<Awaited<ReturnType<typeof data>>> }) {
  const res = useAsync(() => data(), [], ready);
  if (res.state === 'loading') return <Loading />;
  if (res.state === 'error') return <ErrorState error={res.error} onRetry={res.reload} />;
  const users = res.data;
  const active = users.filter((u) => u.aktif).length;
  const mustChange = users.filter((u) => u.aktif && u.wajib_ganti_sandi).length;
  const locked = users.filter((u) => u.terkunci_sampai && new Date(u.terkunci_sampai) > new Date()).length;
  return (
    <>
      <ul class="stats">
        <li>
          <span class="stat-num">{formatNumber(active)}</span> {t('panel.users.active')}
        </li>
        <li>
          <span class="stat-num">{formatNumber(users.length - active)}</span> {t('panel.users.disabled')}
        </li>
        <li>
          <span class="stat-num">{formatNumber(mustChange)}</span> {tn('panel.users.mustChange', mustChange)}
        </li>
        <li>
          <span class="stat-num">{formatNumber(locked)}</span> {t('panel.users.locked')}
        </li>
      </ul>
      <p>
        <Link href="/pengguna">{t('panel.users.manage')}</Link>
      </p>
    </>
  );
}
