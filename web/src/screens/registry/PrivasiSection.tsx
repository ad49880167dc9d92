// The privacy part of a member's screen (server: src/privacy): the legal basis (public task or
// consent; a parent or guardian for a child) with its edit form for the roles that change the
// registry, and for operators the data-subject access export (JSON/PDF downloads) and erasure,
// which first shows whether the retention rules allow it and why not.
import { useState } from 'preact/hooks';
import type { Anggota } from '../../api/registry';
import { evaluasiHapus, exportUrl, getDasarHukum, hapusData, putDasarHukum, type Dasar, type DasarHukum, type EvaluasiHapus, type WaliHubungan } from '../../api/privacy';
import { DownloadLink } from '../../components/DownloadLink';
import { Disclosure, ErrorState, Field, Loading, Notice, describeError } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { formatDate, formatDateTime, t, tn } from '../../i18n';
import { Select } from './common';

const relationLabel = (r: string | null) => (r === 'ayah' ? t('priv.ayah') : r === 'ibu' ? t('priv.ibu') : r === 'wali' ? t('priv.wali') : '');

export function DasarHukumSection({ a, writable }: { a: Anggota; writable: boolean }) {
  const res = useAsync((signal) => getDasarHukum(a.id, signal), [a.id, a.version]);
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<{ text: string } | null>(null);
  return (
    <section aria-labelledby="dasar-h">
      <h2 id="dasar-h">{t('priv.title')}</h2>
      {notice && (
        <Notice tone="ok" focus={notice}>
          {notice.text}
        </Notice>
      )}
      {res.state === 'loading' && <Loading />}
      {res.state === 'error' && <ErrorState error={res.error} onRetry={res.reload} />}
      {res.state === 'ok' && (
        <>
          <BasisSummary d={res.data} />
          {writable && !a.dianonimkan_pada && (
            <Disclosure label={t('priv.edit')} open={open} onToggle={setOpen}>
              <BasisForm
                a={a}
                d={res.data}
                onSaved={(d) => {
                  setOpen(false);
                  res.set(d);
                  setNotice({ text: t('priv.saved') });
                }}
              />
            </Disclosure>
          )}
        </>
      )}
    </section>
  );
}

function BasisSummary({ d }: { d: DasarHukum }) {
  return (
    <>
      <p>
        <strong>{d.dasar === 'persetujuan' ? t('priv.persetujuan') : t('priv.tugas_publik')}</strong>
        {!d.tercatat && <> — {t('priv.default')}</>}
      </p>
      {d.dasar === 'persetujuan' && d.persetujuan_tanggal && <p>{t('priv.consent', { date: formatDate(d.persetujuan_tanggal), who: d.persetujuan_oleh ?? '' })}</p>}
      {d.anak && <p>{t('priv.child')}</p>}
      {d.wali_nama ? <p>{t('priv.guardian', { name: d.wali_nama, relation: relationLabel(d.wali_hubungan) })}</p> : d.anak ? <p class="muted">{t('priv.noGuardian')}</p> : null}
      {d.catatan && <p class="muted">{d.catatan}</p>}
    </>
  );
}

function BasisForm({ a, d, onSaved }: { a: Anggota; d: DasarHukum; onSaved: (d: DasarHukum) => void }) {
  const [dasar, setDasar] = useState<string>(d.dasar);
  const [tanggal, setTanggal] = useState(d.persetujuan_tanggal ?? '');
  const [oleh, setOleh] = useState(d.persetujuan_oleh ?? '');
  const [wali, setWali] = useState(d.wali_nama ?? '');
  const [hubungan, setHubungan] = useState<string>(d.wali_hubungan ?? '');
  const [catatan, setCatatan] = useState(d.catatan ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const consent = dasar === 'persetujuan';
  const submit = async (e: Event) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (consent && !tanggal) errs.persetujuan_tanggal = t('priv.dateRequired');
    if (consent && !oleh.trim() && !d.anak) errs.persetujuan_oleh = t('priv.whoRequired');
    if (d.anak && !wali.trim()) errs.wali_nama = t('priv.guardianRequired');
    if (d.anak && !hubungan) errs.wali_hubungan = t('priv.guardianRequired');
    setErrors(errs);
    if (Object.keys(errs).length) {
      setMessage({ text: t('form.fixErrors') });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const saved = await putDasarHukum(a.id, {
        dasar: dasar as Dasar,
        persetujuan_tanggal: consent ? tanggal : undefined,
        persetujuan_oleh: consent && oleh.trim() ? oleh.trim() : undefined,
        wali_nama: wali.trim() || undefined,
        wali_hubungan: (hubungan || undefined) as WaliHubungan | undefined,
        catatan: catatan.trim() || undefined,
        version: d.version,
      });
      onSaved(saved);
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
      <Select
        label={t('priv.dasar')}
        value={dasar}
        onValue={setDasar}
        options={[
          { value: 'tugas_publik', label: t('priv.tugas_publik') },
          { value: 'persetujuan', label: t('priv.persetujuan') },
        ]}
      />
      {consent && (
        <>
          <Field label={t('priv.tanggal')} type="date" value={tanggal} onValue={setTanggal} error={errors.persetujuan_tanggal} required />
          <Field label={t('priv.oleh')} hint={t('priv.olehHint')} value={oleh} onValue={setOleh} error={errors.persetujuan_oleh} autocomplete="off" />
        </>
      )}
      <Field label={t('priv.waliNama')} value={wali} onValue={setWali} error={errors.wali_nama} autocomplete="off" required={d.anak} />
      <Select
        label={t('priv.waliHubungan')}
        value={hubungan}
        onValue={setHubungan}
        blank={t('priv.pick')}
        error={errors.wali_hubungan}
        options={[
          { value: 'ayah', label: t('priv.ayah') },
          { value: 'ibu', label: t('priv.ibu') },
          { value: 'wali', label: t('priv.wali') },
        ]}
      />
      <Field label={t('priv.catatan')} value={catatan} onValue={setCatatan} error={errors.catatan} autocomplete="off" />
      <div class="btn-row">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('action.save')}
        </button>
      </div>
    </form>
  );
}

/** Operators: the data-subject access export and erasure. */
export function HakSubjekSection({ a, onErased }: { a: Anggota; onErased: (text: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby="hak-h">
      <h2 id="hak-h">{t('priv.rights')}</h2>
      {a.dianonimkan_pada && <p>{t('priv.anonymised', { when: formatDateTime(a.dianonimkan_pada) })}</p>}
      <p id="export-note" class="field-hint">
        {t('priv.exportNote')}
      </p>
      <div class="btn-row">
        <DownloadLink class="btn btn-secondary" href={exportUrl(a.id, 'json')} describedBy="export-note">
          {t('priv.exportJson')}
        </DownloadLink>
        <DownloadLink class="btn btn-secondary" href={exportUrl(a.id, 'pdf')} describedBy="export-note">
          {t('priv.exportPdf')}
        </DownloadLink>
      </div>
      {!a.dianonimkan_pada && (
        <Disclosure label={t('priv.erase')} open={open} onToggle={setOpen}>
          {open && <EraseForm a={a} onErased={onErased} />}
        </Disclosure>
      )}
    </section>
  );
}

function EraseForm({ a, onErased }: { a: Anggota; onErased: (text: string) => void }) {
  const res = useAsync((signal) => evaluasiHapus(a.id, signal), [a.id, a.version]);
  const [alasan, setAlasan] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (res.state === 'loading') return <Loading />;
  if (res.state === 'error') return <ErrorState error={res.error} onRetry={res.reload} />;
  const ev: EvaluasiHapus = res.data;
  if (!ev.boleh)
    return (
      <div>
        <p>{t('priv.eraseNo')}</p>
        <ul>
          {ev.hambatan.map((h) => (
            <li key={h.kode}>{h.pesan}</li>
          ))}
        </ul>
      </div>
    );
  const submit = async (e: Event) => {
    e.preventDefault();
    if (alasan.trim().length < 3) {
      setError(t('form.fixErrors'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await hapusData(a.id, a.version, alasan.trim());
      onErased(tn('priv.erased', r.audit_diredaksi.length));
    } catch (err) {
      setError(describeError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form form-inline-card" onSubmit={submit} noValidate>
      <p>{t('priv.eraseYes')}</p>
      <Field label={t('priv.eraseReason')} value={alasan} onValue={setAlasan} error={error ?? undefined} autocomplete="off" required />
      <div class="btn-row">
        <button type="submit" class="btn btn-danger" disabled={busy}>
          {t('priv.eraseSubmit')}
        </button>
      </div>
    </form>
  );
}
