// Ground-check lists (operator builds and assigns; TKSK and kepala follow progress): every list
// with done/total in the caller's area, and the form that builds one from a registry filter.
import { useState } from 'preact/hooks';
import type { Me } from '../../api/types';
import { fieldSetter, hasKept, useKept } from '../../components/kept';
import { createDaftar, listDaftar, type DaftarPeriksa } from '../../api/usulan';
import { Disclosure, EmptyState, ErrorState, Field, Loading, Notice, PageTitle, describeError } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { formatDateTime, formatNumber, type MessageKey, t, tn } from '../../i18n';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import { Select, WilayahFilter, codeOptions, useKosakata } from '../registry/common';

export default function DaftarPeriksaScreen({ me }: ScreenProps) {
  const res = useAsync((signal) => listDaftar(signal), []);
  const keepKey = `${me.username}.daftar-periksa`;
  // Open again when a list was left half built (kept in the tab by the form).
  const [open, setOpen] = useState(() => hasKept(keepKey));
  const [done, setDone] = useState<{ text: string } | null>(null);
  return (
    <section>
      <PageTitle title={t('periksa.title')}>{t('periksa.title')}</PageTitle>
      <p class="subtitle">{t('periksa.lede')}</p>
      {done && (
        <Notice tone="ok" focus={done}>
          {done.text}
        </Notice>
      )}
      {me.role === 'operator' && (
        <Disclosure label={t('periksa.create')} open={open} onToggle={setOpen}>
          <CreateForm
            me={me}
            keepKey={keepKey}
            onCreated={(d) => {
              setOpen(false);
              setDone({ text: tn('periksa.created', d.total, { nama: d.nama }) });
              res.reload();
            }}
          />
        </Disclosure>
      )}
      {res.state === 'loading' ? (
        <Loading />
      ) : res.state === 'error' ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : res.data.length === 0 ? (
        <EmptyState title={t('periksa.none')}>{me.role === 'operator' ? t('periksa.noneHint.operator') : t('periksa.noneHint.other')}</EmptyState>
      ) : (
        <ul class="list">
          {res.data.map((d) => (
            <li key={d.id}>
              <Link href={`/periksa/daftar/${d.id}`} class="list-link">
                <span class="list-main">{d.nama}</span>
                <span class="list-sub">
                  {t('periksa.progress', { done: formatNumber(d.selesai), total: formatNumber(d.total) })}
                  {d.tanpa_petugas > 0 && <> · {t('periksa.unassigned', { n: formatNumber(d.tanpa_petugas) })}</>} ·{' '}
                  {t(`periksa.source.${d.sumber}` as MessageKey)} · {formatDateTime(d.created_at)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CreateForm({ me, keepKey, onCreated }: { me: Me; keepKey: string; onCreated: (d: DaftarPeriksa) => void }) {
  const vocab = useKosakata();
  // What is chosen and typed is kept in the tab until the list is built (components/kept.ts).
  const [form, setForm, forget, restored] = useKept(keepKey, { nama: '', wilayah: me.wilayah[0] ?? '', dmin: '', dmax: '', padan: '' });
  const { nama, wilayah, dmin, dmax, padan } = form;
  const field = fieldSetter(setForm);
  const [setNama, setWilayah, setDmin, setDmax, setPadan] = [field('nama'), field('wilayah'), field('dmin'), field('dmax'), field('padan')];
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!nama.trim()) errs.nama = t('periksa.namaRequired');
    setErrors(errs);
    if (Object.keys(errs).length) {
      setMessage({ text: t('form.fixErrors') });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const d = await createDaftar({
        nama: nama.trim(),
        kode_wilayah: wilayah,
        desil_min: dmin ? Number(dmin) : undefined,
        desil_max: dmax ? Number(dmax) : undefined,
        status_padan: padan || undefined,
      });
      forget();
      onCreated(d);
    } catch (err) {
      const { message: m, field } = describeError(err);
      if (field) setErrors({ [field]: m });
      setMessage({ text: m });
    } finally {
      setBusy(false);
    }
  };
  const desil = Array.from({ length: 10 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }));
  return (
    <form class="form form-inline-card" onSubmit={submit} noValidate>
      {message && (
        <Notice tone="error" focus={message}>
          {message.text}
        </Notice>
      )}
      {restored && <Notice tone="info">{t('field.kept')}</Notice>}
      <Field label={t('periksa.nama')} value={nama} onValue={setNama} error={errors.nama} autocomplete="off" required />
      <WilayahFilter scope={me.wilayah} value={wilayah} onValue={setWilayah} label={t('periksa.wilayah')} />
      {errors.kode_wilayah && <p class="field-error">{errors.kode_wilayah}</p>}
      <Select label={t('periksa.desilMin')} hint={t('periksa.desilHint')} value={dmin} onValue={setDmin} blank="—" options={desil} error={errors.desil_min} />
      <Select label={t('periksa.desilMax')} value={dmax} onValue={setDmax} blank="—" options={desil} error={errors.desil_max} />
      <Select label={t('periksa.padan')} value={padan} onValue={setPadan} blank={t('periksa.padanAny')} options={codeOptions(vocab, 'status_padan')} error={errors.status_padan} />
      <div class="btn-row">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('periksa.createSubmit')}
        </button>
      </div>
    </form>
  );
}
