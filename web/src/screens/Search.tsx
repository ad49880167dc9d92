// Results of the global search box. Persons (NIK, No. KK, nama) arrive with the Registry; until
// then this finds wilayah by name or code prefix and says plainly that persons are not searched.
import { searchWilayah } from '../api/wilayah';
import { EmptyState, ErrorState, Loading, PageTitle } from '../components/ui';
import { useAsync } from '../components/useAsync';
import { t } from '../i18n';
import { levelLabel, wilayahName } from '../labels';
import type { ScreenProps } from '../routes';
import { Link } from '../router/Link';
import { wilayahHref } from '../router/links';

const looksLikeNumber = (q: string) => /^\d{6,}$/.test(q.replace(/[\s.]/g, ''));

export function Search({ query }: ScreenProps) {
  const q = (query.get('q') ?? '').trim();
  const res = useAsync((signal) => (q ? searchWilayah(q, { limit: 50, signal }) : Promise.resolve([])), [q]);
  const title = q ? t('search.resultsFor', { q }) : t('search.title');
  return (
    <section>
      <PageTitle title={title}>{title}</PageTitle>
      <p class="notice notice-info">{looksLikeNumber(q) ? t('search.nikLater') : t('search.personsLater')}</p>
      {!q ? (
        <EmptyState title={t('search.empty')}>{t('search.emptyHint')}</EmptyState>
      ) : res.state === 'loading' ? (
        <Loading />
      ) : res.state === 'error' ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : res.data.length === 0 ? (
        <EmptyState title={t('search.noWilayah', { q })}>{t('search.noWilayahHint')}</EmptyState>
      ) : (
        <>
          <h2>{t('search.wilayahHeading', { n: res.data.length })}</h2>
          <ul class="list">
            {res.data.map((w) => (
              <li key={w.kode}>
                <Link href={wilayahHref(w.kode)} class="list-link">
                  <span class="list-main">{wilayahName(w)}</span>
                  <span class="list-sub">
                    {levelLabel(w)} · <span class="code">{w.kode}</span>
                    {w.aktif === false && <> · {t('wilayah.retired')}</>}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
