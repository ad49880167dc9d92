// One household: address, region, housing variables (labels from the code lists), members,
// change history, the masked No. KK with an audited "show", the versioned edit form, and the
// way into a proposal. Sections are links (?bagian=anggota|riwayat) so each has an address.
import { Fragment } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { RUMAH_FIELDS, getKeluarga, historyOfKeluarga, membersOf, updateKeluarga, type Anggota, type Changes, type Keluarga } from '../../api/registry';
import { loadOrCached, saveOrQueue } from '../../offline/edit';
import { Disclosure, EmptyState, ErrorState, Loading, Notice, PageTitle, describeError } from '../../components/ui';
import { hasKept } from '../../components/kept';
import { useAsync } from '../../components/useAsync';
import { formatDateTime, t, tn, type MessageKey } from '../../i18n';
import { roleLabel, useWilayahNames } from '../../labels';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import {
  EditRecordForm,
  History,
  Tabs,
  ageOf,
  canPropose,
  canUnmask,
  canWrite,
  codeLabel,
  fieldLabel,
  ppksName,
  showValue,
  useKosakata,
  type FieldSpec,
} from './common';

const EDIT_SPECS: FieldSpec[] = [
  { name: 'alamat', kind: 'text' },
  { name: 'rw', kind: 'text' },
  { name: 'rt', kind: 'text' },
  ...RUMAH_FIELDS.map((name): FieldSpec => ({ name, kind: name === 'luas_lantai' || name === 'jumlah_kamar' ? 'number' : 'code' })),
  { name: 'aset', kind: 'codes' },
];

export default function KeluargaScreen({ params, query, me }: ScreenProps) {
  const id = params.id;
  const bagian = query.get('bagian') ?? 'data';
  // Without signal, a field worker's household comes from the lists cached on the device.
  const [cachedAt, setCachedAt] = useState<string | null>(null);
  const res = useAsync(
    (signal) =>
      loadOrCached(me, 'keluarga', id, () => getKeluarga(id, {}, signal)).then((r) => {
        setCachedAt(r.cachedAt);
        return r.record;
      }),
    [id],
  );
  const members = useAsync((signal) => membersOf(id, signal), [id]);

  if (res.state === 'loading') return <Loading />;
  if (res.state === 'error')
    return (
      <section>
        <PageTitle title={t('reg.keluarga.title')}>{t('reg.keluarga.title')}</PageTitle>
        <ErrorState error={res.error} onRetry={res.reload} />
        <p>
          <Link href="/keluarga">{t('reg.keluarga.title')}</Link>
        </p>
      </section>
    );
  const k = res.data;
  const title = t('reg.keluarga.heading', { alamat: k.alamat });
  const n = members.state === 'ok' ? members.data.length : k.jumlah_anggota;
  const base = `/keluarga/${k.id}`;
  return (
    <section>
      <PageTitle title={title}>{title}</PageTitle>
      {cachedAt && <Notice tone="info">{t('reg.offline.cached', { when: formatDateTime(cachedAt) })}</Notice>}
      <KkNumber k={k} me={me} onOpened={(nk) => res.set(nk)} />
      <Tabs
        label={t('reg.sections')}
        items={[
          { href: base, label: t('reg.tab.data'), current: bagian === 'data' },
          { href: `${base}?bagian=anggota`, label: t('reg.tab.anggota', { n }), current: bagian === 'anggota' },
          { href: `${base}?bagian=riwayat`, label: t('reg.tab.riwayat'), current: bagian === 'riwayat' },
        ]}
      />
      {bagian === 'anggota' ? (
        <Members res={members} />
      ) : bagian === 'riwayat' ? (
        <>
          <h2>{t('reg.history.title')}</h2>
          <History load={(signal) => historyOfKeluarga(k.id, signal)} deps={[k.id, k.version]} />
        </>
      ) : (
        <DataSection k={k} me={me} onSaved={(nk) => res.set({ ...nk, no_kk: k.no_kk_tersamar ? nk.no_kk : k.no_kk, no_kk_tersamar: k.no_kk_tersamar })} />
      )}
    </section>
  );
}

/** The masked No. KK, with "show" for roles that may open it (the server audits it). */
function KkNumber({ k, me, onOpened }: { k: Keluarga; me: ScreenProps['me']; onOpened: (k: Keluarga) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [masked, setMasked] = useState<string | null>(null);
  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      setMasked(k.no_kk);
      onOpened(await getKeluarga(k.id, { buka: true }));
    } catch (e) {
      setError(describeError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="numbers">
      <span>
        {t('f.no_kk')}: <span class="code">{k.no_kk}</span>
      </span>
      {canUnmask(me) &&
        (k.no_kk_tersamar ? (
          <button type="button" class="btn btn-secondary btn-small" disabled={busy} onClick={open} aria-describedby="kk-unmask-note">
            {t('reg.unmaskKk')}
          </button>
        ) : (
          masked && (
            <button type="button" class="btn btn-secondary btn-small" onClick={() => onOpened({ ...k, no_kk: masked, no_kk_tersamar: true })}>
              {t('reg.mask')}
            </button>
          )
        ))}
      {canUnmask(me) && (
        <p id="kk-unmask-note" class="field-hint">
          {k.no_kk_tersamar ? t('reg.unmaskNote') : t('reg.unmasked')}
        </p>
      )}
      {error && <Notice tone="error">{error}</Notice>}
    </div>
  );
}

function DataSection({ k, me, onSaved }: { k: Keluarga; me: ScreenProps['me']; onSaved: (k: Keluarga) => void }) {
  const vocab = useKosakata();
  const [where] = useWilayahNames([k.kode_wilayah_lengkap]);
  const keepKey = `${me.username}.ubah.keluarga.${k.id}`;
  // Open again when an edit was left half typed (kept in the tab by the form).
  const [editOpen, setEditOpen] = useState(() => hasKept(keepKey));
  const [saved, setSaved] = useState<{ text: string } | null>(null);
  const queued = useRef(false);
  // Online: the versioned PATCH; without signal (a PSM) the change waits in the device's queue.
  const save = async (changes: Changes, version: number, alasan: string): Promise<Keluarga> => {
    const r = await saveOrQueue(me, 'keluarga.ubah', k, changes, version, alasan, t('reg.offline.label', { alamat: k.alamat }), () =>
      updateKeluarga(k.id, changes, version, alasan),
    );
    queued.current = r.queued;
    return r.record;
  };
  return (
    <>
      {saved && (
        <Notice tone="ok" focus={saved}>
          {saved.text}
        </Notice>
      )}
      <dl class="details">
        <dt>{t('f.alamat')}</dt>
        <dd>{k.alamat}</dd>
        <dt>{t('reg.wilayah')}</dt>
        <dd>
          {/* Named ("RT 002, RW 001, Kelurahan Sukarasa") once the name arrives; until then, or offline, the RT and RW. */}
          {where === k.kode_wilayah_lengkap ? t('reg.rtrw', { rt: k.rt ?? '-', rw: k.rw ?? '-' }) : where}{' '}
          <span class="code code-whole">{`(${k.kode_wilayah_lengkap})`}</span>
        </dd>
        <dt>{t('f.desil')}</dt>
        <dd>{showValue(vocab, 'desil', k.desil)}</dd>
        <dt>{t('f.status')}</dt>
        <dd>{t(`reg.kstatus.${k.status}` as MessageKey)}</dd>
        {k.lat !== null && (
          <>
            <dt>
              {t('f.lat')}, {t('f.lon')}
            </dt>
            <dd>
              {k.lat}, {k.lon}
            </dd>
          </>
        )}
      </dl>
      <h2>{t('reg.rumah')}</h2>
      <dl class="details">
        {[...RUMAH_FIELDS, 'aset'].map((f) => (
          <Fragment key={f}>
            <dt>{fieldLabel(f)}</dt>
            <dd>{showValue(vocab, f, k[f])}</dd>
          </Fragment>
        ))}
      </dl>
      <p class="subtitle">
        {t('reg.catatan.dibuat', { when: formatDateTime(k.dibuat_pada), who: k.dibuat_oleh })}.{' '}
        {t('reg.catatan.diubah', { when: formatDateTime(k.diubah_pada), who: k.diubah_oleh, version: k.version })}.
      </p>
      {canWrite(me) ? (
        <div class="actions-row">
          <Disclosure label={t('reg.edit.keluarga')} open={editOpen} onToggle={setEditOpen}>
            <EditRecordForm
              record={k}
              keepKey={keepKey}
              specs={EDIT_SPECS}
              save={save}
              onSaved={(nk) => {
                setEditOpen(false);
                onSaved(nk);
                setSaved({ text: queued.current ? t('reg.offline.queued') : t('reg.edit.saved', { version: nk.version }) });
              }}
            />
          </Disclosure>
          {canPropose(me) && (
            <p>
              <Link class="btn btn-secondary" href={`/usulan/baru?keluarga=${k.id}`}>
                {t('reg.propose')}
              </Link>
            </p>
          )}
        </div>
      ) : (
        <p class="muted">{t('reg.readOnly', { role: roleLabel(me.role) })}</p>
      )}
    </>
  );
}

function Members({ res }: { res: ReturnType<typeof useAsync<Anggota[]>> }) {
  const vocab = useKosakata();
  if (res.state === 'loading') return <Loading />;
  if (res.state === 'error') return <ErrorState error={res.error} onRetry={res.reload} />;
  if (res.data.length === 0) return <EmptyState title={t('reg.members.none')}>{t('reg.members.noneHint')}</EmptyState>;
  return (
    <ul class="list">
      {res.data.map((a) => {
        const age = ageOf(a.tanggal_lahir);
        const ppks = a.ppks.filter((p) => !p.sampai);
        return (
          <li key={a.id}>
            <Link href={`/anggota/${a.id}`} class="list-link">
              <span class="list-main">{a.nama}</span>
              <span class="list-sub">
                {codeLabel(vocab, 'hubungan', a.hubungan)} · {codeLabel(vocab, 'jenis_kelamin', a.jenis_kelamin)}
                {age !== null && <> · {tn('reg.age', age)}</>} · {t('f.nik')} <span class="code">{a.nik ?? t('reg.none')}</span>
                {ppks.length > 0 && <> · PPKS: {ppks.map((p) => ppksName(vocab, p.ppks)).join(', ')}</>}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
