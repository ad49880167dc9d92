// Households in the user's scope, in region order, filtered by a region within the scope
// (?wilayah=KODE, so a filtered list is a link), with keyset "load more". Without signal a PSM
// sees the households of their RW kept on the device (src/offline/cache.ts).
import { useState } from 'preact/hooks';
import { exportHref, listKeluarga, type ExportFormat, type ExportKind, type Keluarga } from '../../api/registry';
import type { Me } from '../../api/types';
import { DownloadLink } from '../../components/DownloadLink';
import { Disclosure, EmptyState, Notice, PageTitle } from '../../components/ui';
import { formatDateTime, formatNumber, type MessageKey, t, tn } from '../../i18n';
import { pageOrCached, within } from '../../offline/edit';
import { useWilayahNames } from '../../labels';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import { navigate } from '../../router/router';
import { PagedList, usePaged } from '../../components/paged';
import { Select, WilayahFilter, canUnmask } from './common';

export const keluargaHref = (id: number) => `/keluarga/${id}`;

export default function KeluargaListScreen({ me, query }: ScreenProps) {
  const wilayah = query.get('wilayah') ?? '';
  const [cachedAt, setCachedAt] = useState<string | null>(null);
  const paged = usePaged((after, signal) => {
    const load = () => listKeluarga({ kode_wilayah: wilayah || undefined, after, limit: 50 }, signal);
    if (after) return load();
    const inside = within(wilayah);
    return pageOrCached<Keluarga>(me, 'keluarga', (k) => inside(k.kode_wilayah_lengkap), load).then((r) => {
      setCachedAt(r.cachedAt);
      return r.page;
    });
  }, [wilayah]);
  return (
    <section>
      <PageTitle title={t('reg.keluarga.title')}>{t('reg.keluarga.title')}</PageTitle>
      <p class="subtitle">{t('reg.keluarga.lede')}</p>
      {cachedAt && paged.state === 'ok' && <Notice tone="info">{t('reg.offline.cached', { when: formatDateTime(cachedAt) })}</Notice>}
      {me.wilayah.length > 0 && (
        <WilayahFilter
          scope={me.wilayah}
          value={wilayah}
          onValue={(k) => navigate(me.wilayah.includes(k) && me.wilayah.length === 1 ? '/keluarga' : `/keluarga?wilayah=${encodeURIComponent(k)}`, { replace: true })}
        />
      )}
      <ExportPanel me={me} wilayah={wilayah || me.wilayah[0] || ''} />
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
          {t('reg.rtrw', { rt: k.rt ?? '-', rw: k.rw ?? '-' })} · {t('f.no_kk')} <span class="code">{k.no_kk}</span> · {tn('reg.members', k.jumlah_anggota)}
          {k.desil !== null && <> · {t('f.desil')} {k.desil}</>}
        </span>
      </Link>
    </li>
  );
}

const KINDS: ExportKind[] = ['keluarga', 'anggota', 'bnba'];

/** Downloads of the filtered region (docs/formats.md layouts, or the BNBA list); audited. */
function ExportPanel({ me, wilayah }: { me: Me; wilayah: string }) {
  const [open, setOpen] = useState(false);
  const [jenis, setJenis] = useState<ExportKind>('keluarga');
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [buka, setBuka] = useState(false);
  const [where] = useWilayahNames(wilayah ? [wilayah] : []);
  const formats: ExportFormat[] = jenis === 'bnba' ? ['xlsx', 'csv', 'pdf'] : ['csv', 'xlsx'];
  const fmt = formats.includes(format) ? format : formats[0];
  return (
    <Disclosure label={t('reg.export')} open={open} onToggle={setOpen}>
      <div class="form form-inline-card">
        <p class="field-hint">{t('reg.export.where', { name: where ?? wilayah })}</p>
        <Select
          label={t('reg.export.jenis')}
          value={jenis}
          onValue={(v) => {
            setJenis(v as ExportKind);
            setFormat(v === 'bnba' ? 'xlsx' : 'csv'); // the server's default for each kind
          }}
          options={KINDS.map((k) => ({ value: k, label: t(`reg.export.jenis.${k}` as MessageKey) }))}
        />
        <Select label={t('reg.export.format')} value={fmt} onValue={(v) => setFormat(v as ExportFormat)} options={formats.map((f) => ({ value: f, label: f.toUpperCase() }))} />
        {canUnmask(me) && (
          <ul class="checks">
            <li>
              <label>
                <input type="checkbox" checked={buka} onChange={(e) => setBuka((e.target as HTMLInputElement).checked)} aria-describedby="export-note" />
                {t('reg.export.buka')}
              </label>
            </li>
          </ul>
        )}
        <p id="export-note" class="field-hint">
          {t('reg.export.bukaNote')}
        </p>
        <div>
          <DownloadLink class="btn btn-primary" href={exportHref(jenis, { format: fmt, kode_wilayah: wilayah, buka })}>
            {t('reg.export.download')}
          </DownloadLink>
        </div>
      </div>
    </Disclosure>
  );
}
