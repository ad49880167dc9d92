import { QUEUE, type Status } from '../api/usulan';
import type { Settled } from '../components/prepare';
import { ErrorState, Loading } from '../components/ui';
import { useAsync } from '../components/useAsync';
import { formatDateTime, formatNumber, type MessageKey, t, tn } from '../i18n';
import { Link } from '../router/Link';
import { type UsulanRingkasan, usulanRingkasan } from './panelData';
import type { PanelProps } from './panels';

const KEPALA: readonly Status[] = ['diajukan', 'diverifikasi', 'disetujui', 'ditolak'];

/** Proposals waiting for this role, per state (counts from /usulan/ringkasan); kepala: the area's. */
export default function UsulanPanel({ me, data: ready }: PanelProps & { data?: Settled<UsulanRingkasan> }) {
  const res = useAsync((signal) => usulanRingkasan({ me }, signal), [], ready);
  if (res.state === 'loading') return <Loading />;
  if (res.state === 'error') return <ErrorState error={res.error} onRetry={res.reload} />;
  const queue = QUEUE[me.role];
  const states = queue ?? KEPALA;
  const per = res.data.per_status;
  return (
    <>
      <ul class="stats">
        {states.map((s) => (
          <li key={s}>
            <span class="stat-num">{formatNumber(per[s] ?? 0)}</span> {t(`usulan.status.${s}` as MessageKey)}
          </li>
        ))}
        {!queue && (
          <li>
            <span class="stat-num">{formatNumber(res.data.total)}</span> {tn('panel.usulan.total', res.data.total)}
          </li>
        )}
      </ul>
      {res.data.offline_at && <p class="muted">{t('wf.home.offline', { when: formatDateTime(res.data.offline_at) })}</p>}
      <p>
        <Link href="/usulan">{queue ? t('panel.usulan.open') : t('panel.usulan.openAll')}</Link>
      </p>
    </>
  );
}
