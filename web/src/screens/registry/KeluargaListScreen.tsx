// Households in the user's scope, in region order, filtered by a region within the scope
// (?wilayah=KODE, so a filtered list is a link), with keyset "load more".
import { listKeluarga, type Keluarga } from '../../api/registry';
import { EmptyState, PageTitle } from '../../components/ui';
import { formatNumber, t } from '../../i18n';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import { navigate } from '../../router/router';
import { PagedList, WilayahFilter, usePaged } from './common';

export const keluargaHref = (id: number) => `/keluarga/${id}`;

export default function KeluargaListScreen({ me, query }: ScreenProps) {
  const wilayah = query.get('wilayah') ?? '';
  const paged = usePaged((after, signal) => listKeluarga({ kode_wilayah: wilayah || undefined, after, limit: 50 }, signal), [wilayah]);
  return (
    <section>
      <PageTitle title={t('reg.keluarga.title')}>{t('reg.keluarga.title')}</PageTitle>
      <p class="subtitle">{t('reg.keluarga.lede')}</p>
      {me.wilayah.length > 0 && (
        <WilayahFilter
          scope={me.wilayah}
          value={wilayah}
          onValue={(k) => navigate(me.wilayah.includes(k) && me.wilayah.length === 1 ? '/keluarga' : `/keluarga?wilayah=${encodeURIComponent(k)}`, { replace: true })}
        />
      )}
      <h2>{t('reg.keluarga.count', { n: formatNumber(paged.items.length) })}</h2>
      <PagedList paged={paged} empty={<EmptyState title={t('reg.keluarga.none')}>{t('reg.keluarga.noneHint')}</EmptyState>}>
        {(items) => (
          <ul class="list">
            {items.map((k) => (
              <KeluargaRow key={k.id} k={k} />
            ))}
          </ul>
        )}
      </PagedList>
    </section>
  );
}

export function KeluargaRow({ k }: { k: Keluarga }) {
  return (
    <li>
      <Link href={keluargaHref(k.id)} class="list-link">
        <span class="list-main">{k.alamat}</span>
        <span class="list-sub">
          {t('reg.rtrw', { rt: k.rt ?? '-', rw: k.rw ?? '-' })} · {t('f.no_kk')} <span class="code">{k.no_kk}</span> · {t('reg.members', { n: k.jumlah_anggota })}
          {k.desil !== null && <> · {t('f.desil')} {k.desil}</>}
        </span>
      </Link>
    </li>
  );
}
