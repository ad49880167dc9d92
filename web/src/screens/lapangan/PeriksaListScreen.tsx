// The ground checks assigned to this PSM, from the device's cache (works offline), with what
// the queue already holds for each item ("menunggu sinkron" until the server has it).
import { EmptyState, Loading, Notice, PageTitle } from '../../components/ui';
import { formatDateTime, t } from '../../i18n';
import { cacheState, refreshLists } from '../../offline/cache';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import { onlineStore } from '../../state/connectivity';
import { useStore } from '../../state/store';
import { useCachedList, useOps } from './parts';

export interface PeriksaItem {
  id: number;
  keluarga_id: number;
  kode_wilayah: string;
  kode_rw?: string | null;
  status: 'belum' | 'selesai';
  hasil?: number | null;
  version: number;
}

interface KeluargaRow {
  id: number;
  alamat: string;
  no_kk: string;
  rt?: string | null;
  rw?: string | null;
}

export default function PeriksaListScreen({ me }: ScreenProps) {
  const list = useCachedList<PeriksaItem>(me.username, 'periksa');
  const households = useCachedList<KeluargaRow>(me.username, 'keluarga');
  const ops = useOps();
  const online = useStore(onlineStore);
  const cache = useStore(cacheState);
  const byId = new Map(households.items.map((k) => [k.id, k]));
  const queued = new Map<number, string>();
  for (const o of ops) if (o.jenis === 'periksa.hasil') queued.set(Number(o.data.id), o.status);

  return (
    <section>
      <PageTitle title={t('field.pl.title')}>{t('field.pl.title')}</PageTitle>
      <p class="subtitle">
        {list.fetched_at ? t('field.pl.fetched', { when: formatDateTime(list.fetched_at) }) : t('field.pl.never')}
      </p>
      {cache.error && !cache.refreshing && online && <Notice tone="error">{cache.error}</Notice>}
      <p>
        <button
          type="button"
          class="btn btn-secondary"
          disabled={!online || cache.refreshing}
          onClick={() => refreshLists(me).catch(() => {})}
        >
          {cache.refreshing ? t('state.loading') : t('field.pl.refresh')}
        </button>
      </p>
      {!list.loaded ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <EmptyState title={t('field.pl.empty')} />
      ) : (
        <ul class="list periksa-list">
          {list.items.map((it) => {
            const k = byId.get(it.keluarga_id);
            const q = queued.get(it.id);
            const state = q === 'menunggu' ? t('field.pl.queued') : q === 'terkirim' ? t('field.pl.sent') : q ? t('field.pl.review') : it.status === 'selesai' ? t('field.pl.done') : t('field.pl.open');
            return (
              <li key={it.id}>
                <Link href={`/periksa/hasil/${it.id}`} class="list-link">
                  <span class="list-title">{k ? k.alamat : t('field.pl.keluarga', { id: it.keluarga_id })}</span>
                  <span class="list-meta">
                    {/* The house as the household list names it (it was two bare codes side by side). */}
                    {k ? (
                      <>
                        {t('reg.rtrw', { rt: k.rt ?? '-', rw: k.rw ?? '-' })} · {t('f.no_kk')} <span class="code">{k.no_kk}</span>
                      </>
                    ) : (
                      <span class="code">{it.kode_rw ?? it.kode_wilayah}</span>
                    )}{' '}
                    · {state}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
