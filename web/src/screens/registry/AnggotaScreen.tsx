// One household member: identity (NIK masked, audited "show"), special data behind an audited
// "show special data", PPKS classifications with add/end for roles that write, the versioned
// edit form, change history, and the way into a proposal about this member.
import { Fragment } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { addPpks, endPpks, getAnggota, getKeluarga, historyOfAnggota, updateAnggota, type Anggota, type Changes, type Ppks } from '../../api/registry';
import { loadOrCached, saveOrQueue } from '../../offline/edit';
import { Disclosure, ErrorState, Field, Loading, Notice, PageTitle, describeError } from '../../components/ui';
import { fieldSetter, hasKept, useKept } from '../../components/kept';
import { useAsync } from '../../components/useAsync';
import { formatDateTime, t } from '../../i18n';
import { roleLabel } from '../../labels';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import { DasarHukumSection, HakSubjekSection } from './PrivasiSection';
import { EditRecordForm, History, Select, Tabs, canPropose, canUnmask, canWrite, fieldLabel, ppksName, showValue, today, useKosakata, type FieldSpec } from './common';

const EDIT_SPECS: FieldSpec[] = [
  { name: 'nama', kind: 'text' },
  { name: 'jenis_kelamin', kind: 'code' },
  { name: 'tempat_lahir', kind: 'text' },
  { name: 'tanggal_lahir', kind: 'date' },
  { name: 'hubungan', kind: 'code' },
  { name: 'status_kawin', kind: 'code' },
  { name: 'pendidikan', kind: 'code' },
  { name: 'pekerjaan', kind: 'text' },
  { name: 'nisn', kind: 'text' },
  { name: 'sekolah', kind: 'text' },
  { name: 'status_keberadaan', kind: 'code' },
];

const SHOWN = ['jenis_kelamin', 'tempat_lahir', 'tanggal_lahir', 'hubungan', 'status_kawin', 'pendidikan', 'pekerjaan', 'nisn', 'sekolah', 'status_keberadaan', 'status_padan'];

export default function AnggotaScreen({ params, query, me }: ScreenProps) {
  const id = params.id;
  const bagian = query.get('bagian') ?? 'data';
  const [opts, setOpts] = useState({ buka: false, khusus: false });
  // Without signal, a PSM's member comes from the lists cached on the device.
  const [cachedAt, setCachedAt] = useState<string | null>(null);
  const res = useAsync(
    (signal) =>
      loadOrCached(me, 'anggota', id, () => getAnggota(id, opts, signal)).then((r) => {
        setCachedAt(r.cachedAt);
        return r.record;
      }),
    [id, opts.buka, opts.khusus],
  );
  const household = useAsync(
    (signal) =>
      res.state === 'ok'
        ? loadOrCached(me, 'keluarga', res.data.keluarga_id, () => getKeluarga(res.data.keluarga_id, {}, signal)).then((r) => r.record)
        : Promise.resolve(null),
    [res.state === 'ok' ? res.data.keluarga_id : 0],
  );
  const [notice, setNotice] = useState<{ text: string } | null>(null);

  if (res.state === 'loading') return <Loading />;
  if (res.state === 'error')
    return (
      <section>
        <PageTitle title={t('reg.anggota.title')}>{t('reg.anggota.title')}</PageTitle>
        <ErrorState error={res.error} onRetry={res.reload} />
      </section>
    );
  const a = res.data;
  const base = `/anggota/${a.id}`;
  const hh = household.state === 'ok' ? household.data : null;
  return (
    <section>
      <PageTitle title={a.nama}>{a.nama}</PageTitle>
      {cachedAt && <Notice tone="info">{t('reg.offline.cached', { when: formatDateTime(cachedAt) })}</Notice>}
      <p class="subtitle">
        <Link href={`/keluarga/${a.keluarga_id}`}>{hh ? t('reg.anggota.ofKeluarga', { alamat: hh.alamat }) : t('reg.anggota.backKeluarga')}</Link>
      </p>
      <div class="numbers">
        <span>
          {t('f.nik')}: <span class="code">{a.nik ?? t('reg.none')}</span>
        </span>
        {canUnmask(me) && a.nik && (
          <button type="button" class="btn btn-secondary btn-small" aria-describedby="nik-note" onClick={() => setOpts({ ...opts, buka: !opts.buka })}>
            {opts.buka ? t('reg.mask') : t('reg.unmaskNik')}
          </button>
        )}
        {canUnmask(me) && a.nik && (
          <p id="nik-note" class="field-hint">
            {opts.buka ? t('reg.unmasked') : t('reg.unmaskNote')}
          </p>
        )}
      </div>
      <Tabs
        label={t('reg.sections')}
        items={[
          { href: base, label: t('reg.tab.data'), current: bagian !== 'riwayat' },
          { href: `${base}?bagian=riwayat`, label: t('reg.tab.riwayat'), current: bagian === 'riwayat' },
        ]}
      />
      {notice && (
        <Notice tone="ok" focus={notice}>
          {notice.text}
        </Notice>
      )}
      {bagian === 'riwayat' ? (
        <>
          <h2>{t('reg.history.title')}</h2>
          <History load={(signal) => historyOfAnggota(a.id, signal)} deps={[a.id, a.version]} />
        </>
      ) : (
        <>
          <Details a={a} />
          {canUnmask(me) && (
            <SpecialData a={a} shown={opts.khusus} onToggle={() => setOpts({ ...opts, khusus: !opts.khusus })} />
          )}
          <PpksSection
            a={a}
            me={me}
            writable={canWrite(me)}
            onChanged={(text) => {
              setNotice({ text });
              res.reload();
            }}
          />
          {/* Privacy data is not cached on the device: shown with a connection only. */}
          {!cachedAt && <DasarHukumSection a={a} writable={canWrite(me)} />}
          {!cachedAt && me.role === 'operator' && (
            <HakSubjekSection
              a={a}
              onErased={(text) => {
                setNotice({ text });
                res.reload();
              }}
            />
          )}
          {a.dianonimkan_pada ? null : canWrite(me) ? (
            <EditSection
              a={a}
              me={me}
              canPropose={canPropose(me)}
              onSaved={(na, queued) => {
                res.set({ ...na, nik: opts.buka ? a.nik : na.nik, disabilitas: a.disabilitas, penyakit_kronis: a.penyakit_kronis, data_khusus_disertakan: a.data_khusus_disertakan, ppks: a.ppks });
                setNotice({ text: queued ? t('reg.offline.queued') : t('reg.edit.saved', { version: na.version }) });
              }}
            />
          ) : (
            <p class="muted">{t('reg.readOnly', { role: roleLabel(me.role) })}</p>
          )}
        </>
      )}
    </section>
  );
}

function Details({ a }: { a: Anggota }) {
  const vocab = useKosakata();
  return (
    <>
      <dl class="details">
        {SHOWN.map((f) => (
          <Fragment key={f}>
            <dt>{fieldLabel(f)}</dt>
            <dd>{showValue(vocab, f, a[f])}</dd>
          </Fragment>
        ))}
      </dl>
      <p class="subtitle">
        {t('reg.catatan.dibuat', { when: formatDateTime(a.dibuat_pada), who: a.dibuat_oleh })}.{' '}
        {t('reg.catatan.diubah', { when: formatDateTime(a.diubah_pada), who: a.diubah_oleh, version: a.version })}.
      </p>
    </>
  );
}

function SpecialData({ a, shown, onToggle }: { a: Anggota; shown: boolean; onToggle: () => void }) {
  const vocab = useKosakata();
  return (
    <section aria-labelledby="special-h">
      <h2 id="special-h">{t('f.disabilitas')}, {t('f.penyakit_kronis').toLowerCase()}</h2>
      <p id="special-note" class="field-hint">
        {t('reg.special.note')}
      </p>
      <button type="button" class="btn btn-secondary" aria-describedby="special-note" aria-expanded={shown} onClick={onToggle}>
        {shown ? t('reg.special.hide') : t('reg.special.show')}
      </button>
      {shown && a.data_khusus_disertakan ? (
        <>
          <p role="status" class="muted">
            {t('reg.special.shown')}
          </p>
          <dl class="details">
            <dt>{t('f.disabilitas')}</dt>
            <dd>{showValue(vocab, 'disabilitas', a.disabilitas)}</dd>
            <dt>{t('f.penyakit_kronis')}</dt>
            <dd>{showValue(vocab, 'penyakit_kronis', a.penyakit_kronis)}</dd>
          </dl>
        </>
      ) : null}
    </section>
  );
}

function PpksSection({ a, me, writable, onChanged }: { a: Anggota; me: ScreenProps['me']; writable: boolean; onChanged: (text: string) => void }) {
  const vocab = useKosakata();
  const keepKey = `${me.username}.ppks.${a.id}`;
  // Open again when a classification was left half typed (kept in the tab by the form).
  const [addOpen, setAddOpen] = useState(() => hasKept(keepKey));
  return (
    <section aria-labelledby="ppks-h">
      <h2 id="ppks-h">{t('reg.ppks.title')}</h2>
      {a.ppks.length === 0 ? (
        <p class="muted">{t('reg.ppks.none')}</p>
      ) : (
        <ul class="cards">
          {a.ppks.map((p, i) => (
            <li key={p.id ?? i} class={`card${p.sampai ? ' is-off' : ''}`}>
              <h3 class="card-title">{ppksName(vocab, p.ppks)}</h3>
              <p class="card-meta">
                {p.sejak && t('reg.ppks.since', { date: p.sejak })}
                {p.sampai && <> · {t('reg.ppks.until', { date: p.sampai })}</>}
                {p.dinilai_oleh && <> · {t('reg.ppks.by', { who: p.dinilai_oleh })}</>}
              </p>
              {p.bukti && <p>{t('reg.ppks.evidence', { bukti: p.bukti })}</p>}
              {writable && p.id !== undefined && !p.sampai && <EndPpks a={a} p={p} onDone={() => onChanged(t('reg.ppks.ended', { name: ppksName(vocab, p.ppks) }))} />}
            </li>
          ))}
        </ul>
      )}
      {writable && (
        <Disclosure label={t('reg.ppks.add')} open={addOpen} onToggle={setAddOpen}>
          <AddPpks
            a={a}
            keepKey={keepKey}
            onDone={(name) => {
              setAddOpen(false);
              onChanged(t('reg.ppks.added', { name }));
            }}
          />
        </Disclosure>
      )}
    </section>
  );
}

function AddPpks({ a, keepKey, onDone }: { a: Anggota; keepKey: string; onDone: (name: string) => void }) {
  const vocab = useKosakata();
  // What is typed is kept in the tab until saved (components/kept.ts).
  const [form, setForm, forget, restored] = useKept(keepKey, { kode: '', sejak: today(), bukti: '' });
  const { kode, sejak, bukti } = form;
  const field = fieldSetter(setForm);
  const [setKode, setSejak, setBukti] = [field('kode'), field('sejak'), field('bukti')];
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!kode) errs.ppks = t('reg.ppks.pickRequired');
    if (!sejak) errs.sejak = t('reg.ppks.dateRequired');
    setErrors(errs);
    if (Object.keys(errs).length) {
      setMessage({ text: t('form.fixErrors') });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const p = await addPpks(a.id, Number(kode), sejak, bukti.trim());
      forget();
      onDone(ppksName(vocab, p.ppks));
    } catch (err) {
      const { message: m, field } = describeError(err);
      if (field) setErrors({ [field]: m });
      setMessage({ text: m });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form form-inline-card" onSubmit={submit} noValidate>
      {message && (
        <Notice tone="error" focus={message}>
          {message.text}
        </Notice>
      )}
      {restored && <Notice tone="info">{t('field.kept')}</Notice>}
      <Select
        label={t('reg.ppks.category')}
        value={kode}
        onValue={setKode}
        blank={t('reg.ppks.pick')}
        error={errors.ppks}
        options={(vocab?.ppks ?? []).map((p) => ({ value: String(p.kode), label: `${p.kode}. ${p.nama} (${p.singkatan})` }))}
      />
      <Field label={t('reg.ppks.sejak')} type="date" value={sejak} onValue={setSejak} error={errors.sejak} required />
      <Field label={t('reg.ppks.bukti')} hint={t('reg.ppks.buktiHint')} value={bukti} onValue={setBukti} error={errors.bukti} autocomplete="off" />
      <div class="btn-row">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('action.save')}
        </button>
      </div>
    </form>
  );
}

function EndPpks({ a, p, onDone }: { a: Anggota; p: Ppks; onDone: () => void }) {
  const vocab = useKosakata();
  const [open, setOpen] = useState(false);
  const [sampai, setSampai] = useState(today());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = ppksName(vocab, p.ppks);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!sampai) {
      setError(t('reg.ppks.dateRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await endPpks(a.id, p.id!, sampai);
      onDone();
    } catch (err) {
      setError(describeError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Disclosure label={t('reg.ppks.end')} open={open} onToggle={setOpen}>
      <form class="form form-inline-card" onSubmit={submit} noValidate>
        <Field label={t('reg.ppks.endLabel', { name })} type="date" value={sampai} onValue={setSampai} error={error ?? undefined} required />
        <div class="btn-row">
          <button type="submit" class="btn btn-danger" disabled={busy}>
            {t('reg.ppks.endSubmit')}
          </button>
        </div>
      </form>
    </Disclosure>
  );
}

function EditSection({
  a,
  me,
  canPropose: propose,
  onSaved,
}: {
  a: Anggota;
  me: ScreenProps['me'];
  canPropose: boolean;
  onSaved: (a: Anggota, queued: boolean) => void;
}) {
  const keepKey = `${me.username}.ubah.anggota.${a.id}`;
  // Open again when an edit was left half typed (kept in the tab by the form).
  const [open, setOpen] = useState(() => hasKept(keepKey));
  const queued = useRef(false);
  // Online: the versioned PATCH; without signal (a PSM) the change waits in the device's queue.
  const save = async (changes: Changes, version: number, alasan: string): Promise<Anggota> => {
    const r = await saveOrQueue(me, 'anggota.ubah', a, changes, version, alasan, t('reg.offline.labelAnggota', { nama: a.nama }), () =>
      updateAnggota(a.id, changes, version, alasan),
    );
    queued.current = r.queued;
    return r.record;
  };
  return (
    <div class="actions-row">
      <Disclosure label={t('reg.edit.anggota')} open={open} onToggle={setOpen}>
        <EditRecordForm
          record={a}
          keepKey={keepKey}
          specs={EDIT_SPECS}
          save={save}
          onSaved={(na) => {
            setOpen(false);
            onSaved(na, queued.current);
          }}
        />
      </Disclosure>
      {propose && (
        <p>
          <Link class="btn btn-secondary" href={`/usulan/baru?keluarga=${a.keluarga_id}&anggota=${a.id}`}>
            {t('reg.propose')}
          </Link>
        </p>
      )}
    </div>
  );
}
