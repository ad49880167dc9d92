// Proposals: the caller's queue (what waits for their role, oldest first) or everything in
// their area, with counts per state that double as filters (?lihat=semua&status=diajukan).
import { useState } from 'preact/hooks';
import { QUEUE, STATUSES, listUsulan, ringkasan, type Status, type Usulan } from '../../api/usulan';
import { EmptyState, Notice, PageTitle } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { formatDateTime, formatNumber, t } from '../../i18n';
import { useWilayahRowNames } from '../../wilayahRows';
import { pageOrCached } from '../../offline/edit';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import { PagedList, usePaged } from '../../components/paged';
import { Tabs } from '../registry/common';
import { UsulanCard, statusLabel } from './common';
import { UploadExport } from './UploadExport';

export default function UsulanListScreen({ me, query }: ScreenProps) {
  const queue = QUEUE[me.role];
  const lihat = queue && query.get('lihat') !== 'semua' ? 'antrian' : 'semua';
  const raw = query.get('status');
  const status = raw && (STATUSES as readonly string[]).includes(raw) ? (raw as Status) : undefined;
  const counts = useAsync((signal) => ringkasan(undefined, signal), []);
  // Without signal a PSM's own queue comes from the phone (src/offline/cache.ts keeps it).
  const [cachedAt, setCachedAt] = useState<string | null>(null);
  const paged = usePaged(
    (after, signal) => {
      const load = () => listUsulan({ antrian: lihat === 'antrian' ? 'saya' : undefined, status, after, limit: 50 }, signal);
      if (after || lihat !== 'antrian') return load();
      return pageOrCached<Usulan>(me, 'usulan', (u) => !status || u.status === status, load).then((r) => {
        setCachedAt(r.cachedAt);
        return r.page;
      });
    },
    [lihat, status],
  );
  const nameOf = useWilayahRowNames(paged.items.map((u) => u.kode_wilayah));
  const per = counts.state === 'ok' ? counts.data.per_status : {};
  const shown: readonly Status[] = lihat === 'antrian' && queue ? queue : STATUSES.filter((s) => (per[s] ?? 0) > 0 || s === status);
  const href = (s?: Status) => {
    const qs = new URLSearchParams();
    if (lihat === 'semua' && queue) qs.set('lihat', 'semua');
    if (s) qs.set('status', s);
    const q = qs.toString();
    return q ? `/usulan?${q}` : '/usulan';
  };
  const total = lihat === 'antrian' && queue ? queue.reduce((n, s) => n + (per[s] ?? 0), 0) : counts.state === 'ok' ? counts.data.total : 0;
  const what = lihat === 'antrian' ? t('usulan.queue') : t('usulan.all');
  return (
    <section>
      <PageTitle title={t('usulan.title')}>{t('usulan.title')}</PageTitle>
      {cachedAt && paged.state === 'ok' && <Notice tone="info">{t('usulan.offline', { when: formatDateTime(cachedAt) })}</Notice>}
      {queue && (
        <Tabs
          label={t('usulan.view')}
          items={[
            { href: '/usulan', label: t('usulan.queue'), current: lihat === 'antrian' },
            { href: '/usulan?lihat=semua', label: t('usulan.all'), current: lihat === 'semua' },
          ]}
        />
      )}
      {(me.role === 'operator' || me.role === 'tksk') && (
        <p>
          <Link href="/usulan/musyawarah" class="btn btn-secondary">
            {t('usulan.musyawarahLink')}
          </Link>
        </p>
      )}
      {me.role === 'operator' && (
        <UploadExport
          ready={per.disetujui ?? 0}
          onDone={() => {
            counts.reload();
            paged.reload();
          }}
        />
      )}
      {counts.state === 'ok' && (
        <nav aria-label={t('usulan.counts')}>
          <ul class="status-counts">
            <li>
              <Link href={href()} aria-current={!status ? 'true' : undefined}>
                {t('usulan.filterAll', { n: formatNumber(total) })}
              </Link>
            </li>
            {shown.map((s) => (
              <li key={s}>
                <Link href={href(s)} aria-current={status === s ? 'true' : undefined}>
                  {statusLabel(s)} ({formatNumber(per[s] ?? 0)})
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <h2>{t('usulan.listHeading', { what: status ? `${what}: ${statusLabel(status)}` : what, n: formatNumber(paged.items.length) })}</h2>
      <PagedList
        paged={paged}
        empty={
          <EmptyState title={lihat === 'antrian' ? t('usulan.noneQueue') : t('usulan.none')}>
            {me.role === 'psm' ? t('usulan.noneHint.psm') : t('usulan.noneHint.other')}
          </EmptyState>
        }
      >
        {(items) => (
          <ul class="list">
            {items.map((u) => (
              <UsulanCard key={u.id} u={u} wilayah={nameOf(u.kode_wilayah)} />
            ))}
          </ul>
        )}
      </PagedList>
    </section>
  );
}
